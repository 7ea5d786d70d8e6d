"""How well a fact is attested: how many documents state it, how many distinct publishers and which
languages. One home for the counting that `kg who-met`, the maps and the exports show.

A publisher is the source an article's header names (`kgo:sourceName`); articles that name none
count together as one unknown publisher, so reposts without a source line never look like
independent confirmations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["Corroboration", "corroboration", "DOCUMENTS_QUERY"]

DOCUMENTS_QUERY = """
SELECT ?doc ?lang ?source WHERE {
  ?doc a kgo:Document .
  OPTIONAL { ?doc schema:inLanguage ?lang } OPTIONAL { ?doc kgo:sourceName ?source }
}"""
"""Every document with its language and publisher (read into the table `corroboration` takes)."""


@dataclass(frozen=True)
class Corroboration:
    """Documents stating a fact, distinct publishers among them, and their languages (sorted, comma-joined)."""

    documents: int
    sources: int
    languages: str


def corroboration(docs: Iterable[str], table: Mapping[str, tuple[str, str]]) -> Corroboration:
    """The corroboration of a fact stated by `docs` (document IRIs), from `table` (IRI -> (language,
    publisher or "")).

    >>> table = {"d1": ("en", "Xinhua"), "d2": ("zh", "Xinhua"), "d3": ("ru", "")}
    >>> corroboration(["d1", "d2", "d3", "d1"], table)
    Corroboration(documents=3, sources=2, languages='en,ru,zh')
    >>> corroboration(["d3", "d4"], table)  # no source line, or none known: one unknown publisher
    Corroboration(documents=2, sources=1, languages='ru')
    """
    found = sorted(set(docs))
    facts = [table.get(d, ("", "")) for d in found]
    return Corroboration(len(found), len({src for _, src in facts}), ",".join(sorted({lang for lang, _ in facts if lang})))
