"""A one-line factory for test documents."""

from __future__ import annotations

from kg.documents import Document, Skipped, read_document


def doc(body: str, title: str = "Title of the article", header: str = "2023-05-12") -> Document:
    """A document from a title, a header line with the publication date, and a body."""
    result = read_document(f"{title}\n{header}\n{body}".encode("utf-8"), "test.txt")
    assert not isinstance(result, Skipped), result
    return result
