"""RDF terms between pyoxigraph, rdflib and SPARQL text: what a graph source (kg.ask.store) converts.

- Answers: `from_ox` (and its memoizing `converter`) turns a pyoxigraph term into the rdflib term a Turtle
  parse gives (plain literals stay plain); `select_tsv` / `rows_from_tsv` carry a SELECT answer as
  Oxigraph's TSV and read it back; `graph_from_nt` reads a CONSTRUCT or DESCRIBE answer's N-Triples.
  Literals of the common kinds are made without rdflib's constructor, equal to its literals in every
  attribute (tests/ask/test_terms.py).
- Patterns and bindings: `to_ox` for a triple pattern given to Oxigraph; `node_to_sparql` and
  `pattern_to_sparql` for terms written into query text (kg.ask.querybase.bind_values).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node, Variable

from kg.ask.query import QueryError, prefixed_graph
from kg.ask.sparqltext import TextError, string_literal
from kg.model.ns import PREFIXES

__all__ = ["PREFIX_IRIS", "from_ox", "converter", "to_ox", "node_to_sparql", "pattern_to_sparql",
           "select_tsv", "rows_from_tsv", "TERMS_KEPT", "rdflib_triples", "graph_from_nt"]

PREFIX_IRIS = {prefix: str(ns) for prefix, ns in PREFIXES.items()}  # kg's prefixes as the engines take them
_XSD_STRING = ox.NamedNode(str(XSD.string))
TERMS_KEPT = 1 << 15  # answer terms kept for the next answers (rows_from_tsv), about 20 MB at most


def from_ox(term: Any) -> Identifier | None:
    """A pyoxigraph term as the rdflib term a Turtle parse gives (plain literals stay plain)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return _iri(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return _string_literal(term.value, term.language)
        if term.datatype == _XSD_STRING:
            return _string_literal(term.value)
        return _typed_literal(term.value, term.datatype.value)
    raise QueryError(f"unsupported term in a result: {term!r}")


def converter() -> Callable[[Any], Identifier | None]:
    """`from_ox` remembering its answers: a result repeats terms (titles, dates, places, roles) in many rows,
    and an rdflib term, a typed literal above all, is slow to make. One converter per result."""
    memo: dict[Any, Identifier | None] = {None: None}

    def convert(term: Any) -> Identifier | None:
        try:
            return memo[term]
        except KeyError:
            memo[term] = value = from_ox(term)
            return value

    return convert


def _string_literal(value: str, lang: str | None = None) -> Literal:
    """`Literal(value, lang=lang)` made without rdflib's general constructor, which checks and casts
    values a string literal does not have (no datatype; its value is its text). Equal to the constructor's
    literal in every attribute (tests/ask/test_terms.py); a quote column is mostly distinct strings."""
    lit = str.__new__(Literal, value)
    lit._language = lang
    lit._datatype = None
    lit._value = value
    lit._ill_typed = None
    return lit


_ECHAR = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    if code:
        return chr(int(code, 16))
    try:
        return _ECHARS[match.group(3)]
    except KeyError:
        raise QueryError(f"unexpected escape in a result: \\{match.group(3)}") from None


_CANONICAL_INTEGER = re.compile(r"-?[1-9][0-9]*|0")
_CANONICAL_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?")
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER, _DECIMAL, _DATE = str(XSD.integer), str(XSD.decimal), str(XSD.date)
_DATATYPES = {_INTEGER: XSD.integer, _DECIMAL: XSD.decimal, _DATE: XSD.date}


def _typed_literal(lexical: str, datatype: str) -> Literal:
    """`Literal(lexical, datatype=URIRef(datatype))`, made directly for the kinds kg's answers are full of:
    canonical integers (offsets, counts) and decimals (amounts), and plain dates, whose value is cheap to
    compute. rdflib's constructor takes 5-7 µs for these; the result is equal in every attribute
    (tests/ask/test_terms.py)."""
    value: Any = None
    if datatype == _INTEGER and _CANONICAL_INTEGER.fullmatch(lexical):
        value = int(lexical)
    elif datatype == _DECIMAL and _CANONICAL_DECIMAL.fullmatch(lexical):
        value = Decimal(lexical)
    elif datatype == _DATE and _PLAIN_DATE.fullmatch(lexical):
        try:
            value = dt.date.fromisoformat(lexical)
        except ValueError:  # 2024-02-30: rdflib's constructor marks it ill-typed
            pass
    if value is None:
        return Literal(lexical, datatype=URIRef(datatype))
    lit = str.__new__(Literal, lexical)
    lit._language = None
    lit._datatype = _DATATYPES[datatype]
    lit._value = value
    lit._ill_typed = False
    return lit


def _iri(value: str) -> URIRef:
    """`URIRef(value)` for an IRI an RDF store gives (so valid: rdflib's check only logs a warning)."""
    return str.__new__(URIRef, value)


def _tsv_term(token: str) -> Identifier:
    """A term of a SPARQL 1.1 TSV result (Turtle syntax, as Oxigraph writes it) as the rdflib term a
    Turtle parse gives: `<iri>`, `_:label`, `"text"` with an optional `@lang` or `^^<datatype>`, or a
    bare number or boolean (Turtle's short forms of xsd:integer, decimal, double and boolean)."""
    first = token[0]
    if first == "<":
        return _iri(token[1:-1])
    if first == '"':
        end = token.rfind('"')
        text = token[1:end]
        if "\\" in text:
            text = _ECHAR.sub(_unescape, text)
        suffix = token[end + 1:]
        if not suffix:
            return _string_literal(text)
        if suffix[0] == "@":
            return _string_literal(text, suffix[1:])
        return _typed_literal(text, suffix[3:-1])
    if token.startswith("_:"):
        return BNode(token[2:])
    if token in ("true", "false"):
        return Literal(token, datatype=XSD.boolean)
    if "e" in token or "E" in token:
        return Literal(token, datatype=XSD.double)
    return _typed_literal(token, _DECIMAL if "." in token else _INTEGER)


class _Terms(dict):
    """TSV tokens (bytes, b"" is unbound) to rdflib terms, for the whole process: a term is made once and
    shared by every answer that holds it (rdflib terms are immutable), so a name, title, place, date or
    document repeated across answers, or an answer asked for again, is not converted again. Holds at most
    TERMS_KEPT tokens: it is emptied when full."""

    def __missing__(self, token: bytes) -> Identifier | None:
        if len(self) >= TERMS_KEPT:
            self.clear()
        self[token] = term = _tsv_term(token.decode("utf-8")) if token else None
        return term


_TERMS = _Terms()


def select_tsv(solutions: Any) -> tuple[list[str], bytes | int]:
    """The variables of a pyoxigraph SELECT result and its rows as TSV (or, with no variables, the number
    of rows). Oxigraph writes the TSV in Rust; making a Python object of every term of every row costs
    more than the query itself on a large answer."""
    names = [v.value for v in solutions.variables]
    if not names:
        return names, sum(1 for _ in solutions)
    return names, solutions.serialize(format=ox.QueryResultsFormat.TSV)


def rows_from_tsv(data: bytes | int) -> list[tuple[Identifier | None, ...]]:
    """The rows of a SPARQL 1.1 TSV result as Oxigraph writes it (`select_tsv`); an int is a number of
    rows without variables. The bytes are split once and only tokens not seen before are decoded and
    converted (`_Terms`: a quote is distinct, but names, titles, places and documents repeat)."""
    if isinstance(data, int):
        return [() for _ in range(data)]
    head, _, body = data.partition(b"\n")
    if not body:
        return []
    # a header, then one line per row, each ending in a newline; no term holds a tab or a newline
    # (Turtle escapes them), and neither byte occurs inside a UTF-8 encoded character
    cells = body[:-1].replace(b"\n", b"\t").split(b"\t")
    return list(zip(*[iter(map(_TERMS.__getitem__, cells))] * (head.count(b"\t") + 1)))


def to_ox(term: Identifier) -> Any:
    """An rdflib term as the pyoxigraph term of a pattern; QueryError for anything else (a variable)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise QueryError(f"cannot bind {term!r}: not an IRI, blank node or literal")


_LANG = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")


def node_to_sparql(term: Identifier) -> str:
    """A bound term as SPARQL text: IRIs by rdflib's `n3()` (IRIs with characters that are not allowed in
    an IRI are refused), literals as kg's canonical one-line strings (kg.ask.sparqltext.string_literal) with
    a checked language tag or datatype IRI. Blank nodes cannot be bound in VALUES."""
    try:
        if isinstance(term, URIRef):
            return term.n3()
        if isinstance(term, Literal):
            text = string_literal(str(term))
            if term.language:
                if not _LANG.fullmatch(term.language):
                    raise QueryError(f"not a language tag: {term.language!r}")
                return f"{text}@{term.language}"
            return f"{text}^^{URIRef(term.datatype).n3()}" if term.datatype else text
    except (QueryError, TextError):
        raise
    except Exception as exc:  # rdflib: "... does not look like a valid URI"
        raise QueryError(f"cannot bind {term!r}: {exc}") from None
    raise QueryError(f"cannot bind {term!r}: only IRIs and literals can be bound")


def pattern_to_sparql(term: Node) -> str:
    """A term of a triple pattern (rdflib's SPARQLStore.triples): a variable, or as `node_to_sparql`."""
    return term.n3() if isinstance(term, Variable) else node_to_sparql(cast(Identifier, term))


def rdflib_triples(triples: Any) -> list[tuple[Identifier | None, ...]]:
    """pyoxigraph triples as tuples of rdflib terms (one `converter` for all of them)."""
    convert = converter()
    return [(convert(t.subject), convert(t.predicate), convert(t.object)) for t in triples]


def graph_from_nt(data: bytes) -> Graph:
    """The rdflib graph of N-Triples that Oxigraph wrote (a query child's CONSTRUCT or DESCRIBE answer),
    read by Oxigraph's parser and converted term by term as a native answer is."""
    try:
        return prefixed_graph(rdflib_triples(ox.parse(data, format=ox.RdfFormat.N_TRIPLES)))
    except SyntaxError as exc:
        raise QueryError(f"unreadable answer from the query process: {exc}") from None
