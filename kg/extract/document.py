"""Extraction of one document, composed from the per-language rules and the shared ones.

`extract_document` is the single entry point: it prepares the context (reference hits, sentences),
asks the document language's module for people and authors, reads posts from the title chains
around each name, then events, agreements and strategy stances with the language's lexicon.
"""

from __future__ import annotations

import re
from types import ModuleType

from kg.extract.affiliations import find_affiliations
from kg.extract.agreements import find_agreements
from kg.extract.context import Context, Item, make_context
from kg.extract.events import find_events
from kg.extract.facts import AUTHOR, Extraction, NewEntity, PersonMention, PostMention
from kg.extract.gaps import find_gaps
from kg.extract.gender import find_genders
from kg.extract.offices import find_offices, split_offices
from kg.extract.posts import chain_after, chain_before, posts_from_chain
from kg.extract.stances import find_stances
from kg.lang import LANGUAGES, rules
from kg.model.ontology import Reference
from kg.read.documents import Document

__all__ = ["extract_document", "LANGUAGE_MODULES", "author_title"]

LANGUAGE_MODULES: dict[str, ModuleType] = {code: rules(code) for code in LANGUAGES}

_AUTHOR_TITLES = (
    (re.compile(r"编辑|編輯|Editor|Редактор", re.I), "editor"),
    (re.compile(r"摄影|攝影|Photo|Фото", re.I), "photographer"),
    (re.compile(r"记者|記者|通讯员|通訊員|Reporter|Correspondent|Корреспондент", re.I), "reporter"),
)
_GENERIC = {"District", "City", "County", "Party", "Committee", "Municipal", "Provincial", "Standing", "the",
            "Government", "Zone", "Park", "Group", "Company", "Development", "Economic", "People's"}
#: the class of a new entity by the last word of its name
_NEW_CLASSES = (
    (re.compile(r"(公司|集团|银行|Co\.,? Ltd\.?|Group|Company|Corporation|Bank|компани\w+|корпораци\w+|концерн\w*|групп\w+)", re.I), "Company"),
    (re.compile(r"(委员会|管委会|Committee|Bureau|Commission)$", re.I), "GovernmentBody"),
    (re.compile(r"(Zone)$"), "DevelopmentZone"),
    (re.compile(r"(Park)$"), "IndustrialPark"),
)


def author_title(ctx: Context, author: PersonMention) -> str | None:
    """The title (reporter, editor, photographer) a byline gives its author."""
    line_start = ctx.text.rfind("\n", 0, author.start) + 1
    cue = ctx.text[line_start:author.start]
    for pattern, title in _AUTHOR_TITLES:
        if pattern.search(cue) and title in ctx.ref.entities:
            return title
    return None


def _posts(ctx: Context, module: ModuleType, persons: list[PersonMention]) -> list[PostMention]:
    posts: dict[tuple[str, str, str | None], PostMention] = {}
    for p in persons:
        item = Item(p.start, p.end, "person", (p.key,))
        chain = chain_before(ctx, item, module.RULES) + chain_after(ctx, item, module.RULES)
        for post in posts_from_chain(ctx, chain, p.key, module.RULES):
            posts.setdefault((post.person, post.title_id, post.org_id), post)
    # a title stated once with its organization and once without is one post
    return sorted(p for k, p in posts.items()
                  if k[2] is not None or not any(o[:2] == k[:2] and o[2] is not None for o in posts))


def new_entities(ctx: Context) -> list[NewEntity]:
    """Organizations and places named in the fact zones that no reference entity covers."""
    language = LANGUAGE_MODULES[ctx.doc.language]
    pattern = language.NEW_NAME
    source = ctx.folded if language.NEW_NAME_FOLDED else ctx.text
    out = []
    for zone in ctx.doc.fact_zones():
        for m in pattern.finditer(source, zone.start, zone.end):
            s, e = m.start(), m.end()
            if language.NEW_NAME_CUT is not None:  # a name starts after the last delimiter or function word
                cut = [d.end() for d in language.NEW_NAME_CUT.finditer(source, s, e)]
                s = cut[-1] if cut else s
            while s < e and ctx.text[s].isspace():
                s += 1
            if e - s < 4:
                continue
            if ctx.covered(s, e) and not _extends_known(ctx, s, e):
                continue
            surface = ctx.text[s:e]
            if set(surface.split()) <= _GENERIC:
                continue
            cls = next((c for p, c in _NEW_CLASSES if p.search(surface)), "OtherOrganization")
            out.append(NewEntity(s, e, surface, cls))
    return out


def _extends_known(ctx: Context, start: int, end: int) -> bool:
    """True when [start, end) is longer than every known name inside it (Songyuan Hongyuan New
    Energy Co., Ltd. contains Songyuan but is not Songyuan)."""
    inside = ctx.items(start, end, with_persons=False)
    overlapping = [h for h in ctx.near(start, end, 300) if h.start < end and start < h.end]
    if not inside or len(inside) != len(overlapping) or any(h.end - h.start >= end - start - 3 for h in inside):
        return False
    rest = ctx.text[inside[-1].end:end].strip()
    return LANGUAGE_MODULES[ctx.doc.language].NEW_NAME_CUT is not None or rest[:1].isupper()


def extract_document(doc: Document, ref: Reference | None = None) -> Extraction:
    """Everything the rules find in `doc`."""
    ctx = make_context(doc, ref)
    module = LANGUAGE_MODULES[doc.language]
    module.prepare(ctx)
    persons = module.find_persons(ctx)
    ctx.persons = sorted(Item(p.start, p.end, "person", (p.key,)) for p in persons)
    authors = module.find_authors(ctx)
    posts = _posts(ctx, module, persons)
    for a in authors:
        title = author_title(ctx, a)
        if title:
            posts.append(PostMention(a.start, a.end, a.key, title, None))
    events = find_events(ctx, module.LEXICON, persons + find_offices(ctx, module, posts))
    offices = split_offices(events)
    agreements = find_agreements(ctx, module.LEXICON, events)
    stances = find_stances(ctx, module.LEXICON, persons)
    all_persons = sorted(persons + [a for a in authors if a.kind == AUTHOR])
    gaps = [g.describe() for g in find_gaps(ctx, module.LEXICON, persons, events)]
    return Extraction(all_persons, sorted(posts), events, agreements, stances, new_entities(ctx), gaps,
                      find_affiliations(ctx, module, persons), offices, find_genders(ctx, module, persons))
