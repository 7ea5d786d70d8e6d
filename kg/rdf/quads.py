"""N-Quads blocks: the triples of one named graph rendered as sorted, deduplicated N-Quads lines.

The build renders each document's named graph to a block in the worker that extracted it, so the
main process only concatenates text and the graph never has to sit in one in-memory store.
`TripleSink` collects triples through the same `add((s, p, o))` call as an rdflib Graph, so the
functions that state facts (kg.rdf.build, kg.rdf.facts, kg.rdf.resolution) work with either. A block
is independent of the order in which its triples were added.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, cast

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.model import iris

__all__ = ["Triples", "TripleSink", "nt_term", "nquads_block", "turtle_block", "turtle_header"]

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_XSD_STRING = iris.PREFIXES["xsd"] + "string"


class Triples(Protocol):
    """What the functions that state facts write into: an rdflib Graph or a `TripleSink`."""

    def add(self, triple: tuple[Node, Node, Node], /) -> object: ...


class TripleSink:
    """Collects triples (`add`, like an rdflib Graph) for rendering as a block."""

    __slots__ = ("triples",)

    def __init__(self) -> None:
        self.triples: list[tuple[Node, Node, Node]] = []

    def add(self, triple: tuple[Node, Node, Node]) -> TripleSink:
        self.triples.append(triple)
        return self

    def __len__(self) -> int:
        return len(self.triples)


def nt_term(term: Node) -> str:
    """`term` in N-Triples syntax (the lexical form of a literal as rdflib normalized it)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def nquads_block(triples: Iterable[tuple[Node, Node, Node]], graph: URIRef) -> str:
    """The triples as N-Quads lines in `graph`, deduplicated and sorted, each ending in a newline; a
    type comes with its superclasses (`kg.rdf.superclasses`), so every graph kg writes carries them."""
    from kg.rdf.superclasses import with_superclasses

    g = nt_term(graph)
    lines = {f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {g} .\n" for s, p, o in with_superclasses(triples)}
    return "".join(sorted(lines))


def turtle_header() -> str:
    """The @prefix lines of kg's prefixes, in a fixed order, and a blank line: what turtle blocks follow."""
    from kg.model.ns import PREFIXES

    return "".join(f"@prefix {k}: <{v}> .\n" for k, v in PREFIXES.items()) + "\n"


def turtle_block(nquads: str, chunk: int = 20_000) -> str:
    """The triples of an N-Quads block (sorted and deduplicated, as `nquads_block` makes them) as
    Turtle statements with kg's prefixes, in the same order; the @prefix lines themselves are left
    out, so blocks can follow one header. A large block is written `chunk` lines at a time, cut
    between subjects."""
    lines = nquads.splitlines(keepends=True)
    if len(lines) <= chunk:
        return _turtle(nquads)
    out, start = [], 0
    while start < len(lines):
        end = min(start + chunk, len(lines))
        subject = lines[end - 1].split(" ", 1)[0]
        while end < len(lines) and lines[end].split(" ", 1)[0] == subject:
            end += 1
        out.append(_turtle("".join(lines[start:end])))
        start = end
    return "".join(out)


def _turtle(nquads: str) -> str:
    import pyoxigraph as ox

    from kg.model.ns import PREFIXES

    if not nquads:
        return ""
    triples = [q.triple for q in ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)]
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes={k: str(v) for k, v in PREFIXES.items()})
    lines = cast(bytes, body).decode("utf-8").split("\n")  # bytes when no output is given
    start = next((i for i, line in enumerate(lines) if not line.startswith("@prefix")), len(lines))
    return "\n".join(lines[start:]).strip("\n") + "\n"
