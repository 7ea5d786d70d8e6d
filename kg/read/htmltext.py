"""The main text of an HTML page, with a map from every text character back to the page source.

Scripts, styles, navigation, headers, footers, asides and forms are dropped; when the page has an
`<article>` or `<main>` element only its content is kept. The invariant: for every index `i` of the
returned text, `origin[i]` is the offset in the source where that character (or the entity that
produced it) starts, so evidence spans can always point at the original file.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["HtmlText", "extract_html", "looks_like_html"]

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
         "button", "select", "template", "head", "object", "canvas"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
         "wbr"}
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "main", "blockquote", "pre", "dd", "dt", "figure", "figcaption", "hr",
          "td", "th", "body"}


@dataclass
class HtmlText:
    """Main text of a page; `origin[i]` is the source offset of `text[i]` (len(origin) == len(text) + 1)."""

    text: str
    origin: list[int]
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def looks_like_html(text: str) -> bool:
    """True when the start of `text` is an HTML document rather than plain text."""
    head = text.lstrip()[:1024].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head) or (
        head.startswith("<") and any(t in head for t in ("<head", "<meta", "<title", "<p>", "<div")))


class _Parser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0]
        for i, ch in enumerate(source):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.chunks: list[tuple[int, str, bool]] = []  # (source offset, text, is_raw_span)
        self.skip_depth = 0
        self.in_main = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.in_h1 = False
        self.meta: dict[str, str] = {}
        self.main_chunks: list[tuple[int, str, bool]] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, offset: int, text: str, raw: bool) -> None:
        if self.skip_depth:
            return
        self.chunks.append((offset, text, raw))
        if self.in_main:
            self.main_chunks.append((offset, text, raw))
        if self.in_h1:
            self.h1_parts.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            d = {k: v or "" for k, v in attrs}
            key = (d.get("name") or d.get("property") or "").lower()
            if key and "content" in d:
                self.meta.setdefault(key, d["content"])
            return
        if tag == "title":
            self.in_title = True
        if tag in _SKIP and tag not in _VOID:
            self.skip_depth += 1
        if tag in ("article", "main"):
            self.in_main += 1
        if tag == "h1":
            self.in_h1 = True
        if tag in _BLOCK:
            self._emit(self._offset(), "\n", False)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP and tag not in _VOID and self.skip_depth:
            self.skip_depth -= 1
        if tag in _BLOCK:
            self._emit(self._offset(), "\n", False)
        if tag in ("article", "main") and self.in_main:
            self.in_main -= 1
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        self._emit(self._offset(), data, True)

    def handle_entityref(self, name: str) -> None:
        self._emit(self._offset(), html.unescape(f"&{name};"), False)

    def handle_charref(self, name: str) -> None:
        self._emit(self._offset(), html.unescape(f"&#{name};"), False)


def extract_html(source: str) -> HtmlText:
    """Extract the main text of an HTML page, keeping offsets into `source`."""
    parser = _Parser(source)
    parser.feed(source)
    parser.close()
    chunks = parser.main_chunks if any(raw and t.strip() for _, t, raw in parser.main_chunks) else parser.chunks
    text_parts: list[str] = []
    origin: list[int] = []
    for offset, text, raw in chunks:
        if raw:
            origin.extend(range(offset, offset + len(text)))
        else:
            origin.extend([offset] * len(text))
        text_parts.append(text)
    text = "".join(text_parts)
    origin.append(len(source) if not chunks else (origin[-1] + 1 if origin else len(source)))
    title = " ".join("".join(parser.h1_parts).split()) or " ".join("".join(parser.title_parts).split()) or None
    return HtmlText(text=text, origin=origin, title=title, meta=parser.meta)
