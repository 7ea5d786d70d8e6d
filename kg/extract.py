"""Extraction of one document, composed from the per-language rules and the shared ones.

`extract_document` is the single entry point: it prepares the context (reference hits, sentences),
asks the document language's module for people and authors, reads posts from the title chains
around each name, then events, agreements and strategy stances with the language's lexicon.
"""

from __future__ import annotations

import re
from types import ModuleType

from kg.agreements import find_agreements
from kg.context import Context, Item, make_context
from kg.documents import Document
from kg.events import find_events
from kg.extraction import AUTHOR, Extraction, PersonMention, PostMention
from kg.lang import en, ru, zh
from kg.ontology import Reference
from kg.posts import chain_after, chain_before, posts_from_chain
from kg.stances import find_stances

__all__ = ["extract_document", "LANGUAGE_MODULES", "author_title"]

LANGUAGE_MODULES: dict[str, ModuleType] = {"en": en, "zh": zh, "ru": ru}

_AUTHOR_TITLES = (
    (re.compile(r"编辑|編輯|Editor|Редактор", re.I), "editor"),
    (re.compile(r"摄影|攝影|Photo|Фото", re.I), "photographer"),
    (re.compile(r"记者|記者|通讯员|通訊員|Reporter|Correspondent|Корреспондент", re.I), "reporter"),
)
_UNRESOLVED = {
    "zh": re.compile(r"[\u4e00-\u9fff]{2,24}?(?:有限责任公司|股份有限公司|有限公司|集团|委员会|管委会|研究院|大学|银行)"),
    "en": re.compile(r"(?:[A-Z][\w&'-]*\s+){1,6}(?:Co\.,? Ltd\.?|Group|Company|Corporation|Committee|Bureau|"
                     r"Commission|Zone|Park|University|Bank|Institute)\b"),
    "ru": re.compile(r"(?:[А-ЯЁ][\w-]*\s+){0,4}(?:компани\w+|корпораци\w+|групп\w+|комитет\w*|управлени\w+)"
                     r"(?:\s+[«\"][^»\"]{2,40}[»\"])?"),
}


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


def _unresolved(ctx: Context) -> list[str]:
    pattern = _UNRESOLVED.get(ctx.doc.language)
    if pattern is None:
        return []
    out = []
    for zone in ctx.doc.fact_zones():
        source = ctx.folded if ctx.doc.language == "zh" else ctx.text
        for m in pattern.finditer(source, zone.start, zone.end):
            if not ctx.covered(m.start(), m.end()):
                out.append(ctx.text[m.start():m.end()].strip())
    return sorted(set(out))


def extract_document(doc: Document, ref: Reference | None = None) -> Extraction:
    """Everything the rules find in `doc`."""
    ctx = make_context(doc, ref)
    module = LANGUAGE_MODULES[doc.language]
    if doc.language == "zh":
        zh.split_shared_suffix(ctx)
        zh.add_relative_orgs(ctx)
    persons = module.find_persons(ctx)
    ctx.persons = [Item(p.start, p.end, "person", (p.key,)) for p in persons]
    authors = module.find_authors(ctx)
    posts = _posts(ctx, module, persons)
    for a in authors:
        title = author_title(ctx, a)
        if title:
            posts.append(PostMention(a.start, a.end, a.key, title, None))
    events = find_events(ctx, module.LEXICON, persons)
    agreements = find_agreements(ctx, module.LEXICON, events)
    stances = find_stances(ctx, module.LEXICON, persons)
    all_persons = sorted(persons + [a for a in authors if a.kind == AUTHOR])
    return Extraction(all_persons, sorted(posts), events, agreements, stances, _unresolved(ctx))
