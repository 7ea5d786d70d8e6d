"""The layout of an article's text: title, header metadata, body and boilerplate zones.

Works on the document's text view (for plain text, the file text itself). Every zone is a
half-open character range `[start, end)` of that view; boilerplate zones (widgets, captions,
bylines, editor lines, navigation) yield no facts, but nothing is deleted, so offsets stay valid.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Zone", "Layout", "analyse", "find_date", "FACT_KINDS"]

#: Zone kinds from which facts may be extracted.
FACT_KINDS = frozenset({"title", "body"})

_HEADER_KEY = re.compile(
    r"^\s*(日期|浏览次数|瀏覽次數|来源|來源|发布时间|發佈時間|发布日期|时间|時間|作者|Updated|Date|Published|Source|"
    r"Время|Дата|Источник|Просмотров)\s*[:：]", re.I)
_WIDGET = re.compile(
    r"^\s*[【\[]?\s*(Fonts?|Font size|Шрифт|字号|字體|字体)\s*[:：]|"
    r"(A\+\s*A\s*A-)|(^|\s)(Print|Печать|打印|关闭窗口|關閉窗口)\s*$", re.I)
_DATE_ONLY = re.compile(r"^\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?(\s+\d+)?(\s+By\b.*)?\s*$")
_NUMBER_ONLY = re.compile(r"^\s*\d+\s*$")
_EDITOR = re.compile(r"^\s*[（(]?\s*(责任编辑|責任編輯|编辑|編輯|审核|审校|校对|监制|Editors?|Редактор|Автор)\s*[:：]", re.I)
_NAV_START = re.compile(r"^\s*(最新推荐|最新推薦|相关新闻|相關新聞|推荐阅读|热点推荐|Related( news| articles)?|Читайте также)\s*$", re.I)
_BYLINE = re.compile(
    r"[（(]\s*(?:文|记者|記者|摄影|攝影|图|圖|通讯员|通訊員|撰文)\s*[/:：|]?\s*[^()（）\n]{1,30}[)）]"
    r"|[（(]\s*(?:Source|来源|來源|Источник)\s*[:：][^()（）\n]{1,60}[)）]"
    # photo credits: [Photo by Zou Naishuo/Jilin Daily], Photo/Zou Naishuo, 吉林日报记者 邹乃硕摄, Фото: Иван Петров
    r"|[\[(（]\s*(?:Photo|Фото)\s*(?:by\b|/|:)[^\[\]()（）\n]{1,60}[\])）]"
    r"|\b(?:Photo|Фото)\s*(?:by\b|/|:)\s*(?-i:[A-ZА-ЯЁ][\w.'-]*(?:\s+[A-ZА-ЯЁ][\w.'-]*){0,3})"
    r"|(?:记者|記者)\s*[\u4e00-\u9fff]{2,4}\s*(?:摄|攝)(?=\s|$)", re.I)
_SOURCE = re.compile(
    r"(?:Source|来源|來源|Источник)\s*[:：]\s*(?P<s>[^|\n()（）]+?)\s*(?=\||\)|）|$|\d{4}-\d)", re.I | re.M)
_DATE_PATTERNS = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
)


@dataclass(frozen=True)
class Zone:
    """A half-open character range of the text view with its kind (title, header, body, caption, ...)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Layout:
    """What the layout analysis found: zones in text order, title, date and source (publisher)."""

    zones: tuple[Zone, ...]
    title: str
    date: dt.date | None
    source: str | None


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\r\n|\n|\r|\u2028|\u2029", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def find_date(text: str) -> dt.date | None:
    """The first valid calendar date in `text` (ISO, slashed/dotted, or 2022年1月17日), else None."""
    hits = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                hits.append((m.start(), dt.date(int(m["y"]), int(m["m"]), int(m["d"]))))
            except ValueError:
                continue
    return min(hits)[1] if hits else None


def _is_header_line(line: str) -> bool:
    return bool(_HEADER_KEY.search(line) or _DATE_ONLY.match(line) or _NUMBER_ONLY.match(line)
                or _WIDGET.search(line))


def _trailing_nav_start(lines: list[tuple[int, int, str]]) -> int | None:
    """Index of the first line of trailing navigation: a nav heading, or a run of >= 3 short lines."""
    for i, (_, _, line) in enumerate(lines):
        if _NAV_START.match(line):
            return i
    run = 0
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i][2].strip()
        if 0 < len(line) <= 4 and not re.search(r"[。.!?！？,，]", line):
            run += 1
        else:
            break
    return len(lines) - run if run >= 3 else None


def analyse(text: str, title_hint: str | None = None) -> Layout:
    """Split `text` into zones and read the title, the publication date and the source.

    The title is the first non-empty line (or `title_hint`, e.g. an HTML <h1>); header lines are
    the metadata lines right after it; the date and the source come from the header, then the tail.
    """
    lines = [(s, e, text[s:e]) for s, e in _lines(text) if text[s:e].strip()]
    if not lines:
        return Layout((), title_hint or "", None, None)
    zones: list[Zone] = []
    nav_at = _trailing_nav_start(lines)
    body_lines = lines[: nav_at] if nav_at is not None else lines
    if nav_at is not None:
        zones.append(Zone(lines[nav_at][0], lines[-1][1], "nav"))
    captions = {text_after for _, _, ln in body_lines if "_fororder_" in ln
                for text_after in [" ".join(ln.split("_fororder_", 1)[1].split())] if text_after}
    title_idx = 0
    if title_hint:
        title_idx = next((i for i, (_, _, ln) in enumerate(body_lines) if ln.strip() == title_hint.strip()), -1)
    header_open = True
    header_text: list[str] = []
    for i, (s, _, line) in enumerate(body_lines):
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        s2, e2 = s + lead, s + lead + len(stripped)
        if i == title_idx:
            zones.append(Zone(s2, e2, "title"))
            continue
        if header_open and i <= max(title_idx, 0) + 6 and _is_header_line(stripped):
            zones.append(Zone(s2, e2, "widget" if _WIDGET.search(stripped) else "header"))
            header_text.append(stripped)
            continue
        header_open = False
        if "_fororder_" in stripped or " ".join(stripped.split()) in captions:
            zones.append(Zone(s2, e2, "caption"))
        elif _EDITOR.match(stripped):
            zones.append(Zone(s2, e2, "editor"))
        elif _WIDGET.search(stripped) and len(stripped) < 60:
            zones.append(Zone(s2, e2, "widget"))
        else:
            pos = s2
            for m in _BYLINE.finditer(text, s2, e2):
                if m.start() > pos:
                    zones.append(Zone(pos, m.start(), "body"))
                kind = "source" if re.match(r"[（(]\s*(Source|来源|來源|Источник)", m.group(), re.I) else "byline"
                zones.append(Zone(m.start(), m.end(), kind))
                pos = m.end()
            if pos < e2:
                zones.append(Zone(pos, e2, "body"))
    zones.sort(key=lambda z: (z.start, z.end))
    title = title_hint or (text[zones[0].start:zones[0].end] if zones and zones[0].kind == "title" else "")
    header = "\n".join(header_text)
    tail = "\n".join(text[z.start:z.end] for z in zones if z.kind in ("source", "byline", "editor"))
    date = find_date(header) or find_date(title) or find_date(tail)
    src = _SOURCE.search(header) or _SOURCE.search(tail)
    source = src["s"].strip() if src and src["s"].strip() else None
    return Layout(tuple(zones), title.strip(), date, source)
