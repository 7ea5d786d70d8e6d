"""Chinese rules: people named after their titles, posts in 、-joined chains, authors in bylines.

Names are found where Chinese press releases put them: right after a title (长春市副市长李炜姝,
吉林省委常委、长春市委书记张志军), continuing a 、-list of names, or again on their own once known
(李炜姝在讲话中). The length of a given name (one or two characters) is decided by what follows it.
Traditional characters are matched through the folded (simplified) view; surface forms stay original.
"""

from __future__ import annotations

import re

from kg.extract.context import Context, Item, Spans
from kg.extract.facts import AUTHOR, CITED, PARTICIPANT, PersonMention
from kg.extract.posts import ChainRules, generic_title
from kg.text.names import SURNAMES, han_key

__all__ = ["RULES", "LEXICON", "find_persons", "find_authors", "add_relative_orgs", "split_shared_suffix",
           "given_name_end", "BOUNDARY"]

RULES = ChainRules(
    before_link=re.compile(r"[、，,\s]*|、?兼|和|及"),
    before_name=re.compile(r"\s*"),
    after_open=re.compile(r""),
    after_link=re.compile(r"、?"),
    title_of=re.compile(r"(?!)"),
    org_title=re.compile(r""),
    org_first=True,
)

#: Words that may follow a name: verbs of the events, prepositions, conjunctions, honorifics.
BOUNDARY = tuple(sorted(
    "发表 主持 出席 会见 会谈 表示 指出 强调 说 在 作 致辞 讲话 参加 调研 考察 视察 率 带队 一行 同志 等 和 与 及 到 赴 "
    "对 介绍 陪同 签 见证 宣布 为 向 代表 先生 女士 致 提出 要求 希望 一同 分别 共同 也 还 并 就 等人 "
    "围绕 听取 走访 来 深入 同 携 实地 检查 详细 先后 察看 了解 出席 参加 主持 会议 一起 进行 欢迎 预祝 感谢 "
    "回顾 称 在座 证签 见面 座谈 出访 会晤 接见 分别 作为 代表团 应邀 的 等嘉宾 一行".split(), key=len, reverse=True))
#: Cue words after a list of names with no title that say those people took part (甲、乙参加会见).
_LIST_END = ("参加", "出席", "陪同", "一同", "一起", "分别", "共同", "等", "会见时在座", "在座", "参会", "随同")
#: Where an untitled list may start: after punctuation, or after a word saying its people are met or
#: accompany (会见了甲、乙等嘉宾); and the list itself, ended by a word of taking part.
_LIST_OPENERS = ("，", ",", "。", "；", ";", "：", ":", "、", " ", "\n", "（", "(", "“", '"', "会见了", "会见", "会晤了",
                 "会晤", "接见了", "接见", "陪同", "邀请", "与", "同", "和")
_NAME_LIST = re.compile("(?:^|" + "|".join(f"(?<={re.escape(o)})" for o in _LIST_OPENERS) + ")"
                        r"(?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4}?(?=" + "|".join(_LIST_END) + ")", re.M)
_HAN = re.compile(r"[\u3400-\u9fff]")
_NOT_NAME = set("的了是在和与等市省区县局委会党长书记主任副总要为对将把被从向以于之其这那及并也都就而重")
_RELATIVE_ORGS = ("市委", "市政府", "管委会", "党工委", "党委", "区委", "区政府", "县委", "县政府", "省委", "省政府")
_CITED_AFTER = re.compile(r"^(同志)?(的)?(重要|系列)?(讲话|指示|批示|思想|要求|精神|重要论述)")
_CITED_TITLES = {"general-secretary", "president-of-china"}
_NAME_BEFORE_OK = set("的在和与及由对向同以并为是了")
_BYLINE_CUE = re.compile(r"(文|记者|記者|摄影|攝影|图|圖|通讯员|通訊員|撰文|编辑|編輯|责任编辑|責任編輯|审核|校对)\s*[/:：|]?\s*")


def _surname_len(text: str, pos: int) -> int:
    """Length of a known surname at `pos` (2 for compound surnames, 1, or 0)."""
    if text[pos:pos + 2] in SURNAMES:
        return 2
    if text[pos:pos + 1] in SURNAMES:
        return 1
    return 0


def given_name_end(text: str, pos: int, end: int) -> int | None:
    """End of a person's name starting at `pos` (a surname), or None if no name is there.

    Tries a two-character then a one-character given name and keeps the first one followed by
    punctuation, the end of the zone, or a word that can follow a name (`BOUNDARY`)."""
    sl = _surname_len(text, pos)
    if not sl:
        return None
    candidates = []
    for glen in (2, 1):
        stop = pos + sl + glen
        if stop > end or not all(_HAN.match(c) and c not in _NOT_NAME for c in text[pos + sl:stop]):
            continue
        candidates.append(stop)
        rest = text[stop:end]
        if not rest or not _HAN.match(rest[0]) or rest.startswith(BOUNDARY):
            return stop
    return None


def free_name_end(text: str, pos: int, end: int) -> int | None:
    """End of a name of two to four characters at `pos` that need not start with a Chinese surname
    (巴音朝鲁, 权九勋, 边周荣): used right after a title only, where a name is what follows. The name
    ends at punctuation, the end of the zone, or a word that can follow a name."""
    if text[pos:].startswith(BOUNDARY) or _continues_word(text, pos):
        return None
    for length in (2, 3, 4):
        stop = pos + length
        if stop > end or not all(_HAN.match(c) and c not in _NOT_NAME for c in text[pos:stop]):
            return None
        rest = text[stop:end]
        if not rest or not _HAN.match(rest[0]) or rest.startswith(BOUNDARY):
            return stop
    return None


def _continues_word(text: str, pos: int) -> bool:
    """True when the characters at `pos` continue the word before it (总领事 + 馆 is 总领事馆, 机 + 关 is
    机关): jieba's dictionary knows a word made of the end of what precedes and the start of what follows."""
    from kg.lang.zh.segment import known_word

    return any(known_word(text[pos - back:pos + ahead]) for back in (1, 2, 3) for ahead in (1, 2) if pos - back >= 0)


def name_list(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Names of a list with no title, ended by a word saying they took part: 吴靖平、胡家福、张志军参加会见.
    Every item is a surname and a one- or two-character given name; the list starts after punctuation or a
    verb of meeting or accompanying (`_LIST_OPENERS`)."""
    out = []
    at = start
    while (m := _NAME_LIST.search(text, at, end)) is not None:
        at = m.start() + 1  # a failed reading (了葛坚 after 会见) may hide the right one one character on
        items, pos, ok = [], m.start(), True
        for item in text[m.start():m.end()].split("、"):
            stop = given_name_end(text, pos, pos + len(item))
            if stop != pos + len(item):
                ok = False
                break
            items.append((pos, stop))
            pos = stop + 1
        if ok and len(items) >= 2:
            out += items
            at = m.end()
    return out


def add_relative_orgs(ctx: Context) -> None:
    """Resolve short organization names that lean on the one before them in the sentence:
    长春市委常委、市委秘书长 (市委 = 长春市委), 汽开区党工委副书记、管委会主任 (管委会 = 汽开区管委会)."""
    from kg.extract.mentions import reference_gazetteer

    gaz = reference_gazetteer(ctx.ref)
    added: list[Item] = []
    for m in re.finditer("|".join(_RELATIVE_ORGS), ctx.folded):
        if ctx.covered(m.start(), m.end()):
            continue
        s, _ = ctx.sentence_of(m.start())
        prev = ctx.items(s, m.start(), ("organization",), with_persons=False)
        for h in reversed(prev):
            surface = ctx.folded[h.start:h.end]
            suffix = next((x for x in _RELATIVE_ORGS if surface.endswith(x)), None)
            if suffix is None:
                continue
            hits = gaz.find(surface[: -len(suffix)] + m.group())
            if len(hits) == 1 and hits[0].end - hits[0].start == len(surface) - len(suffix) + len(m.group()):
                added.append(Item(m.start(), m.end(), "organization", hits[0].entity_ids))
                break
    ctx.hits = sorted(ctx.hits + added)


def split_shared_suffix(ctx: Context) -> None:
    """松原市长 is 松原 + 市长, not 松原市 + 长: a place name ending in 市/省/县/区 gives that
    character back when, with what follows, it starts a title (市长, 省长, 县长, 区长 ...)."""
    from kg.extract.mentions import reference_gazetteer

    gaz = reference_gazetteer(ctx.ref)
    hits = list(ctx.hits)
    for i, h in enumerate(hits):
        if h.kind != "place" or ctx.folded[h.end - 1:h.end] not in ("市", "省", "县", "区"):
            continue
        following = gaz.find(ctx.folded, h.end - 1, min(len(ctx.folded), h.end + 8))
        title = following[0] if following else None
        if title is None or title.start != h.end - 1 or ctx.ref[title.entity_ids[0]].kind != "title":
            continue
        # the place keeps its identity without the character (吉林省长: 吉林 is still the province, though
        # 吉林 alone may name the city)
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if nxt is not None and nxt.start < title.end:
            if nxt.kind != "title" or nxt.start != h.end:
                continue
            hits[i + 1] = Item(title.start, title.end, "title", title.entity_ids)
        else:
            hits.append(Item(title.start, title.end, "title", title.entity_ids))
        hits[i] = Item(h.start, h.end - 1, h.kind, h.ids)
    ctx.hits = sorted(hits)


def _mention(ctx: Context, start: int, end: int, kind: str) -> PersonMention:
    return PersonMention(start, end, ctx.text[start:end], han_key(ctx.folded[start:end]), "zh", kind)


def find_persons(ctx: Context) -> list[PersonMention]:
    """People in the fact zones of a Chinese document (see the module docstring)."""
    folded = ctx.folded
    found: dict[tuple[int, int], PersonMention] = {}
    zones = [(z.start, z.end) for z in ctx.doc.fact_zones()]

    def zone_end(pos: int) -> int:
        return next((e for s, e in zones if s <= pos < e), pos)

    def take(pos: int, kind: str, free: bool = False) -> int | None:
        end = given_name_end(folded, pos, zone_end(pos))
        if end is None and free:
            end = free_name_end(folded, pos, zone_end(pos))
        if end is None or ctx.covered(pos, end):
            return None
        found.setdefault((pos, end), _mention(ctx, pos, end, kind))
        return end

    for hit in ctx.hits:
        if hit.kind != "title":
            continue
        kind = CITED if hit.id in _CITED_TITLES else PARTICIPANT
        end = take(hit.end, kind, free=not generic_title(ctx, hit.id))
        while end is not None and folded[end:end + 1] in ("、", "，", ","):
            # a list of names after one title: 市领导张三、李四
            nxt = end + 1
            if ctx.covered(nxt, nxt + 1):
                break
            end2 = given_name_end(folded, nxt, zone_end(nxt))
            if end2 is None or folded[end2:end2 + 1] not in ("、", "，", ",", "等", "出", "参", "同", "一", "") \
                    and not folded[end2:].startswith(BOUNDARY):
                break
            end = take(nxt, kind)
    # Names right before a title: 习近平总书记, 李炜姝副市长.
    for hit in ctx.hits:
        if hit.kind != "title":
            continue
        for length in (3, 2, 4):
            pos = hit.start - length
            if pos < 0 or ctx.covered(pos, hit.start) or (pos, hit.start) in found:
                continue
            if not any(s <= pos and hit.start <= e for s, e in zones):
                continue
            prev = folded[pos - 1] if pos > 0 else ""
            if prev and _HAN.match(prev) and prev not in _NAME_BEFORE_OK and hit.id not in _CITED_TITLES:
                continue
            if given_name_end(folded, pos, hit.start) == hit.start:
                kind = CITED if hit.id in _CITED_TITLES else PARTICIPANT
                found[(pos, hit.start)] = _mention(ctx, pos, hit.start, kind)
                break
    # Lists of names with no title, ended by a word of taking part.
    for zs, ze in zones:
        for s, e in name_list(folded, zs, ze):
            if not ctx.covered(s, e) and not any(a < e and s < b for a, b in found):
                found[(s, e)] = _mention(ctx, s, e, PARTICIPANT)
    # Known names again, wherever they stand on their own.
    names = {folded[s:e]: m.kind for (s, e), m in found.items()}
    taken = Spans(list(found))
    if names:  # one pass finds every known name, longest first
        pattern = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
        for m in re.finditer(pattern, folded):
            if (m.start(), m.end()) in found or ctx.covered(m.start(), m.end()):
                continue
            if not ctx.in_fact_zone(m.start(), m.start() + 1) or taken.overlaps(m.start(), m.end()):
                continue
            found[(m.start(), m.end())] = _mention(ctx, m.start(), m.end(), names[m.group()])
            taken.add(m.start(), m.end())
    out = []
    for (_, e), p in sorted(found.items()):
        if p.kind == PARTICIPANT and _CITED_AFTER.match(folded[e:e + 8]):
            p = PersonMention(p.start, p.end, p.surface, p.key, p.lang, CITED)
        out.append(p)
    return out


def find_authors(ctx: Context) -> list[PersonMention]:
    """Reporters, editors and photographers named in byline and editor zones: (文 王岩), 编辑:黄非."""
    out = []
    folded = ctx.folded
    for zone in ctx.doc.zones(["byline", "editor"]):
        for cue in _BYLINE_CUE.finditer(folded, zone.start, zone.end):
            pos = cue.end()
            while pos < zone.end:
                end = given_name_end(folded, pos, zone.end)
                if end is None:
                    break
                out.append(_mention(ctx, pos, end, AUTHOR))
                pos = end
                while pos < zone.end and folded[pos] in " 、,，/":
                    pos += 1
    return out



# --- organizations the reference tables lack (kg.extract.document.new_entities) ------------------------------
#: A name of a new organization, by its last word.
NEW_NAME = re.compile(r"[\u4e00-\u9fff]{2,24}?(?:有限责任公司|股份有限公司|有限公司|集团|委员会|管委会|研究院|大学|银行)")
#: Whether NEW_NAME is matched on the folded view (simplified Chinese) rather than the text.
NEW_NAME_FOLDED = True
#: Where a new name starts inside a match: after the last of these (None: where the match starts).
NEW_NAME_CUT = re.compile(r"[,、。;:\"'()\s]|与|和|由|在|了|同|及|向|对|把|将|为|见证|会见|签署|出席|举行")


def prepare(ctx: Context) -> None:
    """Adjust the reference hits before the name rules run: 松原市长 is 松原 + 市长; 市委 after 长春市委常委
    is 长春市委."""
    split_shared_suffix(ctx)
    add_relative_orgs(ctx)

from kg.extract.lexicon import lexicon_path, load_lexicon  # noqa: E402

#: The cue words of this language (kg.extract.lexicon), from the data file beside this module (or in `KG_LANG_DIR`).
LEXICON = load_lexicon(lexicon_path("zh"))
