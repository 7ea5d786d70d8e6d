"""Russian rules: people in the Palladius transcription, in any grammatical case.

Chinese people are written in Palladius ("Ван Цзылянь", genitive "Ван Цзыляня"); `kg.text.names` turns
any case form back into the pinyin name key. Korean names ("Ким Мин Чжун") are taken next to a
title. Matching of places and organizations by stems lives in `kg.lang.ru.morph`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.context import Context, Spans
from kg.extract.facts import AUTHOR, CITED, PARTICIPANT, PersonMention
from kg.extract.posts import ChainRules, titled
from kg.lang.ru.morph import stem, tokens
from kg.lang.ru.people import is_adjective, is_common_noun, russian_name, surname_nominative
from kg.model.ontology import Reference
from kg.text.names import cyrillic_key, name_key

__all__ = ["stem", "tokens", "RULES", "find_persons", "find_authors"]

RULES = ChainRules(
    before_link=re.compile(r"\s+|\s*,\s*|\s+и\s+"),
    before_name=re.compile(r"\s+"),
    after_open=re.compile(r"\s*,\s*"),
    after_link=re.compile(r"\s+|\s*,\s*|\s+и\s+"),
    # "секретарь партийного комитета Чанчуня": the committee of a place, named by its place (the title's
    # kind then picks the place's party committee or government)
    title_of=re.compile(r"\s+((партийного|городского|провинциального)\s+комитета\s+(КПК\s+|партии\s+)?|"
                        r"парткома\s+|горкома\s+(КПК\s+)?|комитета\s+КПК\s+)?(города\s+|провинции\s+)?", re.I),
    org_title=re.compile(r"(?!)"),
    org_first=False,
)

_CAP = re.compile(r"[А-ЯЁ][а-яё]*(?:-[А-ЯЁа-яё][а-яё]+)?")  # one-letter surnames: У (Wu), Е (Ye), И (Yi)
_KOREAN = {"Ким", "Ли", "Пак", "Чхве", "Чой", "Чон", "Кан", "Чо", "Юн", "Лим", "Хан", "Со", "Син", "Квон",
           "Хван", "Ан", "Сон", "Ю", "Хон", "Мун", "Пэк", "Ян"}
_CITED_BEFORE = re.compile(r"(Генеральн\w+ секретар\w+|Председател\w+ КНР|Председател\w+)\s+$")
_CITED_AROUND = re.compile(r"\b(реч\w*|выступлени\w*|указани\w*|иде\w*|мысл\w*)\s+$", re.I)
_KOREAN_SURNAMES = {"Ким": "kim", "Пак": "park", "Ли": "lee", "Чхве": "choi", "Чон": "jung", "Кан": "kang",
                    "Чо": "cho", "Юн": "yoon", "Хан": "han", "Ан": "ahn", "Хван": "hwang", "Квон": "kwon",
                    "Син": "shin", "Со": "seo", "Ю": "yoo", "Ян": "yang", "Хон": "hong", "Мун": "moon", "Пэк": "baek",
                    "Лим": "lim", "Чой": "choi"}
_KONTSEVICH = [("чж", "j"), ("чх", "ch"), ("кх", "kh"), ("тх", "th"), ("пх", "ph"), ("ч", "ch"), ("х", "h"),
               ("ы", "eu"), ("ё", "yo"), ("ю", "yu"), ("я", "ya"), ("е", "e"), ("э", "e"), ("й", "i"), ("ь", ""),
               ("к", "k"), ("г", "g"), ("т", "t"), ("д", "d"), ("п", "p"), ("б", "b"), ("с", "s"), ("ш", "sh"),
               ("ц", "ts"), ("м", "m"), ("н", "n"), ("р", "r"), ("л", "l"), ("в", "v"), ("ф", "f"), ("з", "z"),
               ("ж", "j"), ("а", "a"), ("о", "o"), ("у", "u"), ("и", "i")]


def korean_key(words: list[str]) -> str | None:
    """The romanized key of a Korean name written in Russian (Kontsevich): Ким Мин Чжун(ом) ->
    kim-min-jun, the key its English form "Kim Min-jun" has. None if the surname is not Korean."""
    if not words or words[0] not in _KOREAN_SURNAMES:
        return None
    parts = list(words[1:])
    last = parts[-1]
    for ending in ("ом", "ем", "а", "у", "е", "ю"):
        if last.endswith(ending) and len(last) - len(ending) >= 2 and last[-len(ending) - 1] not in "аеиоуыэюя":
            parts[-1] = last[: -len(ending)]
            break
    given = []
    for part in parts:
        low = part.lower()
        for cyr, lat in _KONTSEVICH:
            low = low.replace(cyr, lat)
        given.append(low)
    return "-".join([_KOREAN_SURNAMES[words[0]], *given])
#: A surname after one or two initials: Н.С.Прыжковой, А.Н. Селюк.
_INITIALS = re.compile(r"(?<![А-ЯЁа-яё.])(?P<initials>(?:[А-ЯЁ]\.\s?){1,2})(?P<surname>[А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁ][а-яё]+)?)")
_BYLINE = re.compile(r"(Автор|Редактор|Корреспондент|Фото)\s*[:：]?\s*")


def _runs(text: str, start: int, end: int) -> list[list[tuple[int, int, str]]]:
    runs: list[list[tuple[int, int, str]]] = []
    for m in _CAP.finditer(text, start, end):
        tok = (m.start(), m.end(), m.group())
        if runs and text[runs[-1][-1][1]:tok[0]] == " ":
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def find_persons(ctx: Context) -> list[PersonMention]:
    """People in the fact zones of a Russian document."""
    text = ctx.text
    out: list[PersonMention] = []
    for zone in ctx.doc.fact_zones():
        in_zone = len(out)
        for run in _runs(text, zone.start, zone.end):
            i = 0
            while i < len(run):
                taken = 0
                for n in (3, 2):
                    part = run[i:i + n]
                    if len(part) < n:
                        continue
                    s, e = part[0][0], part[-1][1]
                    if ctx.covered(s, e):
                        continue
                    name = text[s:e]
                    words = [w for _, _, w in part]
                    key = korean_key(words) if n == 3 else None
                    if key is None:
                        key = cyrillic_key(name)
                    if key is None:
                        nominative = russian_name(words)
                        key = name_key(nominative) if nominative else None
                    if key is None and n == 2 and words[0] in _KOREAN and "-" in name:
                        key = korean_key([words[0], *words[1].split("-")])
                    if key is None and n == 2 and titled(ctx, s, e) and not _not_a_name(ctx, s, e, words):
                        key = western_key(words)
                    if key:
                        kind = PARTICIPANT
                        before = text[max(ctx.sentence_of(s)[0], s - 60):s]
                        if _CITED_BEFORE.search(before) or _CITED_AROUND.search(before):
                            kind = CITED
                        out.append(PersonMention(s, e, name, key, "ru", kind))
                        taken = n
                        break
                i += taken or 1
        occupied = Spans([(q.start, q.end) for q in out[in_zone:]])  # the names of this zone
        for m in _INITIALS.finditer(text, zone.start, zone.end):
            if ctx.covered(m.start(), m.end()) or occupied.overlaps(m.start(), m.end()):
                continue
            surname = surname_nominative(m.group("surname"))
            if surname:
                initials = " ".join(re.findall(r"[А-ЯЁ]\.", m.group("initials")))
                out.append(PersonMention(m.start(), m.end(), m.group(), name_key(f"{initials} {surname}") or "",
                                         "ru", PARTICIPANT))
                occupied.add(m.start(), m.end())
    return _known_names(ctx, sorted(out))


def _not_a_name(ctx: Context, start: int, end: int, words: list[str]) -> bool:
    """True when capitalised words after a title are not a foreign name: a known place or organization
    ("губернатора провинции Цзилинь Ху Юйтина"), or an adjective ("Председатель Государственной Думы")."""
    from kg.extract.mentions import reference_gazetteer  # here: kg.extract.mentions imports this package's morph module

    if ctx.covered(start, end) or any(h.start == start for h in reference_gazetteer(ctx.ref).find(ctx.text, start, end)):
        return True
    if stem(words[0]) in _place_words(ctx.ref):  # Цзилинь of "провинция Цзилинь"
        return True
    return is_adjective(words[0]) or is_common_noun(words[0]) or is_common_noun(words[-1])


@lru_cache(maxsize=4)
def _place_words(ref: Reference) -> frozenset[str]:
    """Stems of the capitalised words in the Russian names of reference places and organizations."""
    return frozenset(stem(w) for e in ref if e.kind in ("place", "organization")
                     for name in e.names("ru") for w in name.split() if w[:1].isupper())


def _known_names(ctx: Context, persons: list[PersonMention]) -> list[PersonMention]:
    """Other case forms of Western names found next to a title once ("Томас Вебер" ... "Томаса Вебера")."""
    out = list(persons)
    western = {p.key for p in persons if not cyrillic_key(p.surface) and not korean_key(p.surface.split())}
    if not western:
        return out
    taken = Spans([(q.start, q.end) for q in out])
    for zone in ctx.doc.fact_zones():
        for run in _runs(ctx.text, zone.start, zone.end):
            for i in range(len(run) - 1):
                s, e = run[i][0], run[i + 1][1]
                if taken.overlaps(s, e):
                    continue
                key = western_key([run[i][2], run[i + 1][2]])
                if key in western:
                    out.append(PersonMention(s, e, ctx.text[s:e], key, "ru", PARTICIPANT))
                    taken.add(s, e)
    return sorted(out)


def western_key(words: list[str]) -> str:
    """The key of a Western name written in Russian, from its nominative: Томасом Вебером -> tomas-veber."""
    stems = []
    for w in words:
        for ending in ("ом", "ем", "а", "я", "у", "ю", "е"):
            if w.endswith(ending) and len(w) - len(ending) >= 3 and w[-len(ending) - 1] not in "аеиоуыэюя":
                w = w[: -len(ending)]
                break
        stems.append(w)
    return name_key(" ".join(stems)) or "-".join(x.lower() for x in stems)


def find_authors(ctx: Context) -> list[PersonMention]:
    """Authors and editors named in byline and editor zones ("Редактор: Ли Мин")."""
    out = []
    for zone in ctx.doc.zones(["byline", "editor"]):
        for cue in _BYLINE.finditer(ctx.text, zone.start, zone.end):
            for run in _runs(ctx.text, cue.end(), zone.end)[:1]:
                s, e = run[0][0], run[min(len(run), 3) - 1][1]
                key = name_key(ctx.text[s:e])
                if key:
                    out.append(PersonMention(s, e, ctx.text[s:e], key, "ru", AUTHOR))
    return out



# --- organizations the reference tables lack (kg.extract.document.new_entities) ------------------------------
#: A name of a new organization, by its last word.
NEW_NAME = re.compile(r"(?:компани\w+|корпораци\w+|концерн\w*|групп\w+)\s+[«\"][^»\"]{2,40}[»\"]")
#: Whether NEW_NAME is matched on the folded view (simplified Chinese) rather than the text.
NEW_NAME_FOLDED = False
#: Where a new name starts inside a match: after the last of these (None: where the match starts).
NEW_NAME_CUT = None


def prepare(ctx: Context) -> None:
    """Nothing to adjust before the name rules run in this language."""

from kg.extract.lexicon import lexicon_path, load_lexicon  # noqa: E402

#: The cue words of this language (kg.extract.lexicon), from the data file beside this module (or in `KG_LANG_DIR`).
LEXICON = load_lexicon(lexicon_path("ru"))
