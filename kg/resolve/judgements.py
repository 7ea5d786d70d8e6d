"""An analyst's decisions on who is who, kept in a plain tab-separated file that survives rebuilds.

One judgement per line, in the order they were made::

    # decision  mention a  mention b  by  at  why
    merge   3e6c6f6c61f40a40:an-guiwu   206f5fc353dc74c3:an-guiwu   anna   2026-12-05T15:02:11Z   same vice governor
    apart   ...:wang-yan   ...:wang-yan   ...
    split   ...:wang-yan   -   ...

A mention is ``DOCUMENT-ID:NAME-KEY`` (the document's id is a digest of its bytes, so it holds across
builds and machines). ``merge``: the two are one person, whatever the rules say; ``apart``: they are
two; ``split``: the mention is a person of its own unless a ``merge`` says otherwise. The build applies
them before the automatic rules (`kg.resolve.people`); each is in the graph as a `kgo:MergeDecision` with
who, when and why.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

__all__ = [
    "DECISIONS",
    "JudgementError",
    "Ref",
    "Ruling",
    "append_judgement",
    "default_path",
    "format_ref",
    "parse_ref",
    "read_judgements",
]

DECISIONS = ("merge", "apart", "split")
FILE_NAME = "judgements.tsv"
_HEADER = "# decision\tmention a\tmention b\tby\tat\twhy\n"

Ref = tuple[str, str]
"""A mention group: (document id, name key)."""


class JudgementError(InputError, ValueError):
    """A judgements file or reference that cannot be read; the message is one line."""


@dataclass(frozen=True, order=True)
class Ruling:
    """One analyst judgement."""

    decision: str
    a: Ref
    b: Ref | None
    by: str
    at: str
    why: str


def format_ref(ref: Ref) -> str:
    return f"{ref[0]}:{ref[1]}"


def parse_ref(text: str) -> Ref:
    """``DOC:KEY`` -> (doc, key); JudgementError otherwise."""
    doc, sep, key = text.strip().partition(":")
    if not sep or not doc or not key or any(c.isspace() for c in text.strip()):
        raise JudgementError(f"not a mention reference (DOCUMENT-ID:NAME-KEY): {text!r}")
    return doc, key


def default_path(corpus: Path) -> Path:
    """Where the judgements of a corpus live: beside it (in the folder, or the file's folder)."""
    return (corpus if corpus.is_dir() else corpus.parent) / FILE_NAME


def read_judgements(path: Path | None) -> list[Ruling]:
    """The judgements in `path` (none when it does not exist); JudgementError names a bad line."""
    if path is None or not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise JudgementError(f"cannot read judgements {path}: {e}") from None
    out: list[Ruling] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        try:
            if len(cells) != 6 or cells[0] not in DECISIONS:
                raise JudgementError("expected: decision, mention a, mention b, by, at, why (tab-separated)")
            b = None if cells[2] in ("", "-") else parse_ref(cells[2])
            if (b is None) != (cells[0] == "split"):
                raise JudgementError(f"{cells[0]} takes {'one mention' if cells[0] == 'split' else 'two mentions'}")
            out.append(Ruling(cells[0], parse_ref(cells[1]), b, cells[3], cells[4], cells[5]))
        except JudgementError as e:
            raise JudgementError(f"{path}:{n}: {e}") from None
    return out


def _clean(text: str) -> str:
    return " ".join(text.split())


def append_judgement(path: Path, decision: str, a: Ref, b: Ref | None, why: str = "", by: str | None = None) -> Ruling:
    """Add one judgement at the end of `path` (created with a header line); returns it."""
    if decision not in DECISIONS:
        raise JudgementError(f"unknown decision {decision!r} (one of {', '.join(DECISIONS)})")
    read_judgements(path)  # refuse to append to a file that does not read
    who = by or os.environ.get("KG_USER") or _user()
    ruling = Ruling(decision, a, b, _clean(who), dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    _clean(why))
    line = "\t".join([decision, format_ref(a), format_ref(b) if b else "-", ruling.by, ruling.at, ruling.why])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        new = not path.exists() or path.stat().st_size == 0
        with path.open("a", encoding="utf-8") as f:
            f.write((_HEADER if new else "") + line + "\n")
    except OSError as e:
        raise JudgementError(f"cannot write judgements {path}: {e.strerror or e}") from None
    return ruling


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
