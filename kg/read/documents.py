"""Reading articles: files in, `Document`s (or a one-line reason for skipping) out.

A `Document` keeps the original decoded file text (`text`) and a text view (`view`) from which
facts are extracted; `origin` maps view offsets back to `text` offsets (identity for plain text),
so every evidence span refers to the original file. Documents are identified by the SHA-256 of
their bytes, never by file name or read order; one article saved in two encodings (the same decoded
text, `text_hash`) is built once.

File names are kept as the file system gives them (a name that is not UTF-8, such as GBK bytes from
a Chinese archive, is read through its `surrogateescape` form) and shown by `printable_path`, with
\\xNN escapes for such bytes, wherever a name is reported or written (report, graph, messages).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kg.read.encoding import DecodeError, decode
from kg.read.htmltext import extract_html, looks_like_html
from kg.read.layout import FACT_KINDS, Layout, Zone, analyse, find_date
from kg.text.language import detect

__all__ = ["Document", "Skipped", "read_document", "read_path", "read_bytes", "iter_files", "read_corpus", "printable_path",
           "duplicate_reason", "DEFAULT_MAX_BYTES", "SUFFIXES"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml")
UNSUPPORTED = {".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".odt": "OpenDocument", ".rtf": "RTF",
               ".pages": "Pages", ".epub": "EPUB"}
"""Article formats kg does not read: reported as skipped (save them as text or HTML), never ignored silently."""
_BINARY_MAGIC = {b"%PDF": "a PDF file", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
                 b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive (or Office document)",
                 b"\x1f\x8b": "a gzip archive", b"\x7fELF": "an executable"}
_NOT_FOLLOWED = "not followed (see --follow-links)"


@dataclass(frozen=True)
class Skipped:
    """A file that was not built, with a one-line reason."""

    path: str
    reason: str


@dataclass(frozen=True, eq=False)
class Document:
    """One article. Invariant: `view[i]` comes from `text[origin(i)]`; zones are view ranges."""

    path: str
    text: str
    view: str
    content_hash: str
    encoding: str
    media_type: str
    language: str
    script: str | None
    layout: Layout
    warnings: tuple[str, ...] = ()
    text_hash: str = ""  # SHA-256 of the decoded text: the same article in another encoding has the same
    _origin: tuple[int, ...] | None = field(default=None, repr=False, compare=False)

    @property
    def id(self) -> str:
        """The document's stable key: the first 16 hex digits of its content hash."""
        return self.content_hash[:16]

    @property
    def title(self) -> str:
        return self.layout.title

    @property
    def date(self) -> dt.date | None:
        return self.layout.date

    @property
    def source(self) -> str | None:
        return self.layout.source

    @property
    def file_name(self) -> str:
        return os.path.basename(self.path)

    def origin(self, i: int) -> int:
        """The offset in `text` of view offset `i` (`i == len(view)` maps to the end)."""
        if self._origin is None:
            return i
        return self._origin[i]

    def span_in_text(self, start: int, end: int) -> tuple[int, int]:
        """Map a view range to the text range it came from."""
        if self._origin is None:
            return start, end
        return self._origin[start], (self._origin[end - 1] + 1 if end > start else self._origin[start])

    def zones(self, kinds: Iterable[str] | None = None) -> list[Zone]:
        """The layout zones, optionally only those of the given kinds."""
        wanted = set(kinds) if kinds is not None else None
        return [z for z in self.layout.zones if wanted is None or z.kind in wanted]

    def fact_zones(self) -> list[Zone]:
        """Zones from which facts may be extracted (title and body; not captions, bylines, ...)."""
        return self.zones(FACT_KINDS)


def read_document(data: bytes, path: str) -> Document | Skipped:
    """Turn the bytes of one file into a `Document`, or a `Skipped` with the reason."""
    if not data.strip():
        return Skipped(path, "empty file" if not data else "only whitespace")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return Skipped(path, f"binary file: looks like {what}")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Skipped(path, "binary file: contains NUL bytes")
    try:
        decoded = decode(data)
    except DecodeError as exc:
        return Skipped(path, f"undecodable: {exc}")
    text = decoded.text
    if "\x00" in text:
        return Skipped(path, "binary file: contains NUL characters")
    warnings: list[str] = []
    origin: tuple[int, ...] | None = None
    if looks_like_html(text):
        page = extract_html(text)
        view, origin, media = page.text, tuple(page.origin), "text/html"
        layout = analyse(view, title_hint=page.title)
        meta_date = next((find_date(v) for k, v in sorted(page.meta.items())
                          if any(w in k for w in ("date", "publish", "pubdate")) and find_date(v)), None)
        if layout.date is None and meta_date is not None:
            layout = Layout(layout.zones, layout.title, meta_date, layout.source)
    else:
        view, media = text, "text/plain"
        layout = analyse(view)
    if not layout.title:
        return Skipped(path, "no text: the file has no non-empty line to take as a title")
    body = "\n".join(view[z.start:z.end] for z in layout.zones if z.kind in FACT_KINDS)
    detected = detect(body or view)
    if not detected.supported:
        return Skipped(path, f"unsupported language: {detected.language} (kg reads en, zh, ru)")
    if layout.date is None:
        warnings.append("no publication date found in the header")
    return Document(
        path=path, text=text, view=view, content_hash=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding, media_type=media, language=detected.language,
        script=detected.script, layout=layout, warnings=tuple(warnings),
        text_hash=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), _origin=origin,
    )


def read_path(path: Path, display: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document | Skipped:
    """Read one file from disk (`read_bytes`) as a Document, or why not as `Skipped`."""
    data = read_bytes(path, display, max_bytes)
    return data if isinstance(data, Skipped) else read_document(data, display)


def read_bytes(path: Path, display: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | Skipped:
    """The bytes of one file on disk, reporting size, permission and link problems as `Skipped`.

    Only regular files are read: the file is opened without blocking (a FIFO named *.txt cannot hang the
    build) and its type and size come from the opened descriptor (a link to /dev/zero is no file to read,
    and a file that grows after the check is still read only up to the limit)."""
    try:
        if path.is_symlink() and not path.exists():
            return Skipped(display, "broken symbolic link")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                kind = ("a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device" if stat.S_ISCHR(info.st_mode)
                        or stat.S_ISBLK(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "a directory"
                        if stat.S_ISDIR(info.st_mode) else "not a regular file")
                return Skipped(display, f"not a regular file: {kind}")
            if info.st_size > max_bytes:
                return Skipped(display, f"too large: {info.st_size} bytes (limit {max_bytes}; see --max-bytes)")
            with os.fdopen(fd, "rb", closefd=False) as fh:
                data = fh.read(max_bytes + 1)
            if len(data) > max_bytes:
                return Skipped(display, f"too large: more than {max_bytes} bytes (limit {max_bytes}; see --max-bytes)")
        finally:
            os.close(fd)
    except PermissionError:
        return Skipped(display, "unreadable: permission denied")
    except OSError as exc:
        return Skipped(display, f"unreadable: {exc.strerror or exc}")
    return data


def printable_path(path: str | os.PathLike[str]) -> str:
    """`path` as text that encodes to UTF-8: the bytes of a name that is not UTF-8 appear as \\xNN escapes."""
    text = os.fspath(path)
    try:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate no file system gave
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _inside(path: str, base: str) -> bool:
    return os.path.commonpath([path, base]) == base


def _why(exc: OSError) -> str:
    return "permission denied" if isinstance(exc, PermissionError) else str(exc.strerror or exc)


def iter_files(paths: Iterable[Path], follow_links: bool = False) -> Iterator[tuple[Path, str] | Skipped]:
    """Files under `paths` in a stable (sorted) order, as (path, printable display name) pairs.

    Directories are walked following symbolic links, with each real directory visited once, so a
    link loop is reported and not followed. A link that leads outside the folder walked is reported
    and skipped unless `follow_links`; a folder that cannot be listed is reported. Hidden files and
    unknown suffixes in directories are ignored; a file named explicitly is always read.
    """
    for root in paths:
        if not root.exists() and not root.is_symlink():
            yield Skipped(printable_path(root), "no such file or directory")
            continue
        if not root.is_dir():
            yield root, printable_path(root)
            continue
        base = os.path.realpath(root)
        errors: list[OSError] = []
        seen: set[str] = set()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=errors.append):
            yield from (Skipped(printable_path(e.filename or dirpath), f"unreadable folder: {_why(e)}") for e in errors)
            errors.clear()
            real = os.path.realpath(dirpath)
            if real in seen:
                dirnames[:] = []
                yield Skipped(printable_path(dirpath), "directory loop: already visited through a symbolic link")
                continue
            seen.add(real)
            kept = []
            for name in sorted(d for d in dirnames if not d.startswith(".")):
                full = os.path.join(dirpath, name)
                if not follow_links and os.path.islink(full) and not _inside(os.path.realpath(full), base):
                    yield Skipped(printable_path(full), f"symbolic link to a folder outside the corpus: {_NOT_FOLLOWED}")
                else:
                    kept.append(name)
            dirnames[:] = kept
            for name in sorted(filenames):
                if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                    kind = UNSUPPORTED.get(os.path.splitext(name)[1].lower())
                    if kind and not name.startswith("."):
                        yield Skipped(printable_path(os.path.join(dirpath, name)),
                                      f"unsupported format: {kind} (save the article as text or HTML)")
                    continue
                full = os.path.join(dirpath, name)
                if not follow_links and os.path.islink(full) and not _inside(os.path.realpath(full), base):
                    yield Skipped(printable_path(full), f"symbolic link to a file outside the corpus: {_NOT_FOLLOWED}")
                    continue
                yield Path(full), printable_path(full)
        yield from (Skipped(printable_path(e.filename or root), f"unreadable folder: {_why(e)}") for e in errors)


class _Read(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def content_hash(self) -> str: ...
    @property
    def encoding(self) -> str: ...


def duplicate_reason(keep: _Read, drop: _Read) -> str:
    """Why `drop` is not built: the same bytes as `keep`, or the same text in another encoding."""
    if keep.content_hash == drop.content_hash:
        return f"duplicate of {keep.path} (same content)"
    return f"duplicate of {keep.path} (same text, in {drop.encoding} rather than {keep.encoding})"


def read_corpus(paths: Iterable[Path], max_bytes: int = DEFAULT_MAX_BYTES, follow_links: bool = False
                ) -> tuple[list[Document], list[Skipped]]:
    """Read every file under `paths`. Documents come back sorted by content hash; duplicates (the same
    text under another name, in the same bytes or another encoding) are reported as skipped."""
    docs: dict[str, Document] = {}
    skipped: list[Skipped] = []
    for item in iter_files(paths, follow_links):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        result = read_path(item[0], item[1], max_bytes)
        if isinstance(result, Skipped):
            skipped.append(result)
        elif result.text_hash in docs:
            first = docs[result.text_hash]
            keep, drop = sorted([first, result], key=lambda d: d.path)
            docs[result.text_hash] = keep
            skipped.append(Skipped(drop.path, duplicate_reason(keep, drop)))
        else:
            docs[result.text_hash] = result
    return sorted(docs.values(), key=lambda d: d.content_hash), sorted(skipped, key=lambda s: s.path)
