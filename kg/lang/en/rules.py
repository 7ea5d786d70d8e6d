"""English rules: pinyin names of Chinese people, other names next to a title, appositive posts.

A Chinese name in English is a pinyin surname followed by a one- or two-syllable given name
("Zhang Zhijun", "Liu Dianxun"); the syllable table in `kg.text.names` checks it. Other names
("Helmut Stettner", "Kim Min-jun") are taken only where a title stands next to them.
"""

from __future__ import annotations

import re

from kg.extract.context import Context, Spans
from kg.extract.facts import AUTHOR, CITED, PARTICIPANT, PersonMention
from kg.extract.posts import ChainRules, titled
from kg.text.names import is_pinyin_name, latin_key

__all__ = ["RULES", "find_persons", "find_authors"]

RULES = ChainRules(
    before_link=re.compile(r"\s+|\s*,\s*|\s+and\s+|\s+of\s+(the\s+)?"),
    before_name=re.compile(r"\s+"),
    after_open=re.compile(r"\s*,\s*(the\s+)?|\s+\(\s*"),
    after_link=re.compile(r"\s+of\s+(the\s+)?|\s+at\s+(the\s+)?|\s*,\s*(and\s+)?(the\s+)?|\s+and\s+(the\s+)?|\s+"),
    title_of=re.compile(r"\s+of\s+(the\s+)?|\s+at\s+(the\s+)?"),
    org_title=re.compile(r"\s+|'s\s+"),
    org_first=False,
    longer_name=re.compile(r"\s+(?!(?:and|of|the|in|at|on|for|with|to)\b)[A-Z][a-z]+"),
)

_UP, _LOW = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ\u0100-\u024f"
#: A capitalised word, with letters beyond ASCII (Brandstätter, Källenius) and hyphenated or apostrophe
#: parts (Hee-deok, O'Neil), but without a possessive 's (Xi Jinping's is Xi Jinping); or an all-caps
#: surname (CHOI Hee-deok); a given name may be written in two capitalised halves (Xi XiuFeng).
_CAP = re.compile(rf"[{_UP}][{_LOW}]+(?:[{_UP}][{_LOW}]+)?(?:[-'’](?!s\b)[{_UP}{_LOW}]+)*|[A-Z]{{2,}}(?=\s)")
_KOREAN = {"Kim", "Lee", "Park", "Choi", "Jung", "Jeong", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh",
           "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong", "Moon", "Baek", "Yang", "Ko"}
_NOT_NAME = {"The", "On", "In", "At", "And", "For", "By", "To", "Of", "A", "As", "It", "She", "We",
             "They", "This", "That", "Mr", "Ms", "Mrs", "Dr", "City", "Province", "District", "County", "Group",
             "Company", "Party", "Committee", "Government", "Zone", "Park", "Street", "Road", "Chinese", "German",
             "Korean", "Russian", "January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
             "Friday", "Saturday", "Sunday", "Kong", "Co", "Ltd", "Inc", "Secretary", "Mayor", "Director",
             "Meets", "Met", "Visits", "Visited", "Holds", "Held", "Signs", "Signed", "Attends", "Attended",
             "Inspects", "Says", "Said", "Calls", "Leads", "Led", "Receives", "With", "Tours", "Hosts", "Opens"}
_CITED_BEFORE = re.compile(r"General Secretary\s+$")
_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")
#: A surname after initials, with an honorific or a title before it: Prof. N. L. Mahao.
_INITIALS = re.compile(r"(?<![\w.])(?P<name>(?:[A-Z]\.\s?){1,3}[A-Z][a-z]{2,})(?![\w-])")
_HONORIFIC = re.compile(r"\b(Prof|Dr|Mr|Ms|Mrs|Professor)\.?\s+$")
_CITED_AFTER = re.compile(r"^['’]s\s+(important\s+|series\s+of\s+)?(instructions?|thought|speech(es)?|remarks|"
                          r"teachings|directives?|letters?|vision|call|congratulatory)\b", re.I)
_CITED_AROUND = re.compile(r"(speech(es)?|instructions?|thought|remarks|teachings|important)\s+(made\s+)?(of|by)\s+$", re.I)
_BYLINE = re.compile(r"\b(By|Reporter|Editor|Edited by|Photo by|Photo\s*/|Photo\s*:|Writer|Author)s?\s*[:：]?\s*", re.I)


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _CAP.finditer(text, start, end)]


def _runs(text: str, toks: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Runs of capitalized tokens separated by single spaces."""
    runs: list[list[tuple[int, int, str]]] = []
    for tok in toks:
        if runs and text[runs[-1][-1][1]:tok[0]] == " ":
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _candidate(ctx: Context, run: list[tuple[int, int, str]], i: int, zone_start: int) -> tuple[int, str] | None:
    """The name starting at token `i` of `run`: (number of tokens, key), or None.

    A Chinese (pinyin) reading wins over a longer Western one ("Li Weishu Meets" in a headline is
    Li Weishu); Korean names are taken with a hyphenated given name or next to a title; other
    names only next to a title."""
    text = ctx.text
    options = []
    for n in (2, 3):
        part = run[i:i + n]
        if len(part) < n:
            continue
        s, e = part[0][0], part[-1][1]
        words = [w for _, _, w in part]
        korean = words[0].capitalize() in _KOREAN
        korean_form = korean and "-" in words[-1] and n == 2
        if ctx.covered(s, e) or (words[0] in _NOT_NAME and not korean_form) or any(
                w in _NOT_NAME for w in words[1:]):
            continue
        name = text[s:e]
        if is_pinyin_name(name):
            options.append((0, n, latin_key(name)))
        elif korean and ("-" in words[-1] or n == 3) and ("-" in words[-1] or titled(ctx, s, e)):
            options.append((1, -n, latin_key(name)))
        elif n == 2 and _HYPHENATED_GIVEN.fullmatch(words[1]) and len(words[0]) <= 6:
            # a Wade-Giles or Korean romanisation: Chiang Pin-kung, Lee Teng-hui
            options.append((1, -n, latin_key(name)))
        elif titled(ctx, s, e):
            options.append((2, -n, latin_key(name)))
    s, e, word = run[i]
    if not options and word not in _NOT_NAME and not ctx.covered(s, e) and _one_word_name(word) and titled(ctx, s, e):
        options.append((3, -1, latin_key(word)))  # a Mongolian or other one-word name: Party secretary Bayinchaolu
    if not options:
        return None
    _, n, key = min(options)
    return abs(n), key


def _one_word_name(word: str) -> bool:
    """True for a single word of three or more pinyin syllables (Bayinchaolu, Wulanfu)."""
    from kg.text.names import split_pinyin

    parts = split_pinyin(word.lower())
    return parts is not None and len(parts) >= 3


def find_persons(ctx: Context) -> list[PersonMention]:
    """People in the fact zones of an English document."""
    text = ctx.text
    out: list[PersonMention] = []
    for zone in ctx.doc.fact_zones():
        in_zone = len(out)
        for run in _runs(text, _tokens(text, zone.start, zone.end)):
            i = 0
            while i < len(run):
                found = _candidate(ctx, run, i, zone.start)
                if found is None:
                    i += 1
                    continue
                n, key = found
                s, e = run[i][0], run[i + n - 1][1]
                before = text[max(ctx.sentence_of(s)[0], s - 60):s]
                cited = _CITED_BEFORE.search(before) or _CITED_AROUND.search(before) or _CITED_AFTER.match(text[e:e + 40])
                kind = CITED if cited else PARTICIPANT
                out.append(PersonMention(s, e, text[s:e], key, "en", kind))
                i += n
        taken = Spans([(q.start, q.end) for q in out[in_zone:]])  # the names of this zone
        for m in _INITIALS.finditer(text, zone.start, zone.end):
            s, e = m.span("name")
            if ctx.covered(s, e) or taken.overlaps(s, e):
                continue
            if _HONORIFIC.search(text, max(zone.start, s - 12), s) or titled(ctx, s, e):
                out.append(PersonMention(s, e, m.group("name"), latin_key(m.group("name")), "en", PARTICIPANT))
                taken.add(s, e)
    return _add_surname_references(ctx, add_known_names(ctx, sorted(out)))


def add_known_names(ctx: Context, persons: list[PersonMention]) -> list[PersonMention]:
    """Every other occurrence, in the fact zones, of a full name already found in the document
    (a name taken next to its title once is the same person where it stands alone). One pass over
    the text finds every name at once, longest first."""
    out = list(persons)
    known: dict[str, tuple[str, str, str]] = {}
    for name, key, lang, kind in sorted({(p.surface, p.key, p.lang, p.kind) for p in persons}):
        known.setdefault(name, (key, lang, kind))
    if not known:
        return sorted(out)
    occupied = Spans([(p.start, p.end) for p in persons])
    names = sorted(known, key=lambda n: (-len(n), n))
    for m in re.finditer("(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", ctx.text):
        if occupied.overlaps(m.start(), m.end()) or not ctx.in_fact_zone(m.start(), m.end()):
            continue
        key, lang, kind = known[m.group()]
        out.append(PersonMention(m.start(), m.end(), m.group(), key, lang, kind))
        occupied.add(m.start(), m.end())
    return sorted(out)


def _add_surname_references(ctx: Context, persons: list[PersonMention]) -> list[PersonMention]:
    """A surname alone at the start of a sentence ("Wang also introduced ...") refers to the
    last person with that surname mentioned before it, if there is exactly one such name."""
    out = list(persons)
    ordered = sorted(persons, key=lambda p: p.end)
    keys: dict[str, set[str]] = {}  # surname -> keys of the names seen so far
    last: dict[str, PersonMention] = {}
    starts = {p.start for p in persons}
    j = 0
    for s, e in ctx.sentences:
        while j < len(ordered) and ordered[j].end <= s:
            surname = ordered[j].surface.split()[0]
            keys.setdefault(surname, set()).add(ordered[j].key)
            last[surname] = ordered[j]
            j += 1
        m = re.match(r"([A-Z][a-z]+)\s+(?=[a-z])", ctx.text[s:e])
        if not m or len(keys.get(m.group(1), ())) != 1 or s in starts:
            continue
        prior = last[m.group(1)]
        out.append(PersonMention(s, s + len(m.group(1)), m.group(1), prior.key, "en", prior.kind))
    return sorted(out)


def find_authors(ctx: Context) -> list[PersonMention]:
    """Reporters and editors in byline and editor zones ("By Li Ming", "Editor: Zhao Yi")."""
    out = []
    for zone in ctx.doc.zones(["byline", "editor"]):
        for cue in _BYLINE.finditer(ctx.text, zone.start, zone.end):
            for run in _runs(ctx.text, _tokens(ctx.text, cue.end(), zone.end))[:1]:
                s, e = run[0][0], run[min(len(run), 3) - 1][1]
                out.append(PersonMention(s, e, ctx.text[s:e], latin_key(ctx.text[s:e]), "en", AUTHOR))
    return out



# --- organizations the reference tables lack (kg.extract.document.new_entities) ------------------------------
#: A name of a new organization, by its last word.
NEW_NAME = re.compile(r"(?:[A-Z][\w&'()-]*\s+){1,6}(?:Co\.,? Ltd\.?|Group|Company|Corporation|Committee|Bureau|"
                      r"Commission|Zone|Park|University|Bank|Institute)\b")
#: Whether NEW_NAME is matched on the folded view (simplified Chinese) rather than the text.
NEW_NAME_FOLDED = False
#: Where a new name starts inside a match: after the last of these (None: where the match starts).
NEW_NAME_CUT = None


def prepare(ctx: Context) -> None:
    """Nothing to adjust before the name rules run in this language."""

from kg.extract.lexicon import lexicon_path, load_lexicon  # noqa: E402

#: The cue words of this language (kg.extract.lexicon), from the data file beside this module (or in `KG_LANG_DIR`).
LEXICON = load_lexicon(lexicon_path("en"))
