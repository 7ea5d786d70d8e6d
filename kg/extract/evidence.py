"""Evidence: the span of a document that supports a fact, with the sentence that quotes it.

Offsets are into the document's original text (`Document.text`); `surface` is exactly
`text[start:end]` and, for plain-text documents, `quote` is exactly `text[quote_start:quote_end]`
(for HTML the quote is the visible text of that range, without markup).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.model.ns import digest
from kg.read.documents import Document
from kg.text.sentences import sentence_at, split_sentences

__all__ = ["Evidence", "evidence_for", "document_sentences"]


@dataclass(frozen=True, order=True)
class Evidence:
    """A checkable quote: document hash, span, surface form and sentence."""

    doc_hash: str
    start: int
    end: int
    surface: str
    quote_start: int
    quote_end: int
    quote: str

    @property
    def key(self) -> str:
        """A stable id for this piece of evidence (a digest of document and span)."""
        return digest(self.doc_hash, str(self.start), str(self.end))


@lru_cache(maxsize=256)
def document_sentences(doc: Document) -> tuple[tuple[int, int], ...]:
    """Sentence ranges (view offsets) of the document's fact zones, in order."""
    out: list[tuple[int, int]] = []
    for zone in doc.fact_zones():
        out.extend(split_sentences(doc.view, zone.start, zone.end))
    return tuple(out)


_SENTENCES: dict[int, tuple[Document, list[tuple[int, int]]]] = {}


def _sentences(doc: Document) -> list[tuple[int, int]]:
    """`document_sentences(doc)`, computed once per document (the last few documents are kept)."""
    hit = _SENTENCES.get(id(doc))
    if hit is None or hit[0] is not doc:
        if len(_SENTENCES) >= 4:
            _SENTENCES.pop(next(iter(_SENTENCES)))
        hit = _SENTENCES[id(doc)] = (doc, list(document_sentences(doc)))
    return hit[1]


def evidence_for(doc: Document, start: int, end: int) -> Evidence:
    """Evidence for the view range `[start, end)` of `doc`, quoting its sentence."""
    qs, qe = sentence_at(_sentences(doc), start, end)
    ts, te = doc.span_in_text(start, end)
    qts, qte = doc.span_in_text(qs, qe)
    return Evidence(doc.content_hash, ts, te, doc.text[ts:te], qts, qte, doc.view[qs:qe])
