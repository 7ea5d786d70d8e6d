"""Where a graph is read from: a Turtle file, an on-disk Oxigraph store, or a remote SPARQL 1.1 server.

`open_graph(graph_path=..., store_dir=... or endpoint=...)` gives an `rdflib.Graph` in all three
cases, so the rest of kg (rdflib's Graph API and `kg.ask.query.run_query`) works unchanged:

- **File**: the Turtle the build wrote, parsed into rdflib's in-memory store (as before).
- **Store** (`kg build --store DIR`): a pyoxigraph (RocksDB) store opened read-only, wrapped by an
  oxrdflib store (`KgOxigraphStore`), no Turtle parsing. The store holds the N-Quads of the build
  (one named graph per document, as in graph.nq) *and*, in its default graph, the union of all of
  them (the triples of graph.ttl). The graph kg reads is that default graph. Why a copy instead of
  a union view: Oxigraph's `use_default_graph_as_union` does not deduplicate (a triple stated in two
  documents' graphs is seen twice; the seeds have 15 such triples, so COUNTs and rows would differ
  from the Turtle graph), and rdflib's ConjunctiveGraph/Dataset views do not either and change the
  Graph API (a Dataset iterates quads). The copy costs the disk space of the union once more and
  gives exactly the RDF merge graph.ttl holds, to Oxigraph's engine, to `Graph.triples` and to
  `GRAPH ?g` patterns (which see only the named graphs) alike.
- **Endpoint**: rdflib's `SPARQLStore` (read-only) over a SPARQL 1.1 Protocol URL (for an Oxigraph
  server: `http://HOST:PORT/query`). `kg push` writes the same layout (named graphs plus the union
  in the default graph), so a server whose default graph is not the union works too.

Queries (`kg.ask.query.run_query`): after kg's guards (no updates, no SERVICE, no FROM) the checked text
goes to the store's `kg_query`, which has it evaluated natively, never by rdflib's evaluator (rdflib's
`Graph.query` with a prepared query would fall back to it: oxrdflib only takes query strings). Bound
parameters (`initBindings`) reach the engine as a `VALUES (?v ...) { (term ...) }` block written from
`term.n3()` of the bound rdflib terms (rdflib escapes quotes, backslashes and newlines in literals and
refuses IRIs with characters not allowed in an IRI; blank nodes cannot be bound), never from raw user
text. The block is put at the start of the query's WHERE group (`bind_values`), not appended at the
end as rdflib's SPARQLStore does: a trailing VALUES is joined after the group's FILTERs, so a FILTER on
a parameter (title-holder's `FILTER(?stated <= ?date)`) would see it unbound. pyoxigraph's own
`substitutions` cannot be used: it only accepts variables of the SELECT projection, and kg's named
queries bind variables they do not project.
- Oxigraph: `pyoxigraph.Store.query(text, prefixes=kg's prefixes)` over the default graph.
- Endpoint: the text, with kg's prefixes declared, is POSTed as `application/sparql-query`.

Limits: queries from users (`run_query(..., isolated=True)`, kg query and kg serve) are evaluated in
a forked child that is killed at the timeout (kg.extract.sandbox, `kg_wire`): no thread of the parent uses the
store while it forks, and a SELECT answer comes back as Oxigraph's TSV. kg's own queries
(`isolated=False`: who-met, maps) run in this process (`kg_query`): pyoxigraph queries cannot be
interrupted from Python, so they run in a daemon thread (pyoxigraph releases the GIL; HTTP requests
also get a socket timeout) and the caller gets `QueryError` when the time is up; at most `MAX_RUNNING`
such threads exist at once, beyond that queries are refused as busy.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result, ResultRow
from rdflib.term import Identifier, Node, Variable

from kg.ask.query import Checked, QueryError, QueryResult, prefixed_graph
from kg.ask.querybase import MAX_RUNNING, _final, bind_values, with_timeout as _with_timeout  # noqa: F401  (_final: bench/queries.py)
from kg.ask.sparqltext import TextError, string_literal
from kg.errors import KgError
from kg.model.ns import PREFIXES, bind_prefixes

__all__ = ["StoreError", "open_graph", "load_memory", "ENGINES", "build_store", "load_dataset", "is_store_dir", "open_store", "source_store",
           "write_nquads", "local_copy", "KgOxigraphStore", "KgSPARQLStore", "bind_values", "MAX_RUNNING"]

ENGINES = ("oxigraph", "rdflib")  # what loads a Turtle file (open_graph)
_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


class StoreError(KgError):
    """A graph source that cannot be opened or written, with a message for the user."""


# --- terms -----------------------------------------------------------------------------------------

_XSD_STRING = ox.NamedNode(str(XSD.string))


def _from_ox(term: Any) -> Identifier | None:
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


def _converter() -> Callable[[Any], Identifier | None]:
    """`_from_ox` remembering its answers: a result repeats terms (titles, dates, places, roles) in many rows,
    and an rdflib term, a typed literal above all, is slow to make. One converter per result."""
    memo: dict[Any, Identifier | None] = {None: None}

    def convert(term: Any) -> Identifier | None:
        try:
            return memo[term]
        except KeyError:
            memo[term] = value = _from_ox(term)
            return value

    return convert


def _string_literal(value: str, lang: str | None = None) -> Literal:
    """`Literal(value, lang=lang)` made without rdflib's general constructor, which checks and casts
    values a string literal does not have (no datatype; its value is its text). Equal to the constructor's
    literal in every attribute (tests/ask/test_store_results.py); a quote column is mostly distinct strings."""
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
    (tests/ask/test_store_results.py)."""
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
    """TSV tokens to rdflib terms, each converted once ("" is unbound)."""

    def __missing__(self, token: str) -> Identifier | None:
        self[token] = term = _tsv_term(token) if token else None
        return term


def _select_tsv(solutions: Any) -> tuple[list[str], bytes | int]:
    """The variables of a pyoxigraph SELECT result and its rows as TSV (or, with no variables, the number
    of rows). Oxigraph writes the TSV in Rust; making a Python object of every term of every row costs
    more than the query itself on a large answer."""
    names = [v.value for v in solutions.variables]
    if not names:
        return names, sum(1 for _ in solutions)
    return names, solutions.serialize(format=ox.QueryResultsFormat.TSV)


def rows_from_tsv(data: bytes | int) -> list[tuple[Identifier | None, ...]]:
    """The rows of a SPARQL 1.1 TSV result as Oxigraph writes it (`_select_tsv`); an int is a number of
    rows without variables. Each distinct term is converted once (a quote is distinct, but names,
    titles, places and documents repeat)."""
    if isinstance(data, int):
        return [() for _ in range(data)]
    lines = data.decode("utf-8").split("\n")
    term = _Terms().__getitem__
    # a header, then one line per row, each ending in a newline
    return [tuple(map(term, line.split("\t"))) for line in lines[1:-1]]


def _to_ox(term: Identifier) -> Any:
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


def _node_to_sparql(term: Identifier) -> str:
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


def _pattern_to_sparql(term: Node) -> str:
    """A term of a triple pattern (rdflib's SPARQLStore.triples): a variable, or as `_node_to_sparql`."""
    return term.n3() if isinstance(term, Variable) else _node_to_sparql(cast(Identifier, term))


def _rdflib_triples(triples: Any) -> list[tuple[Identifier | None, ...]]:
    convert = _converter()
    return [(convert(t.subject), convert(t.predicate), convert(t.object)) for t in triples]


def graph_from_nt(data: bytes) -> Graph:
    """The rdflib graph of N-Triples that Oxigraph wrote (a query child's CONSTRUCT or DESCRIBE answer),
    read by Oxigraph's parser and converted term by term as a native answer is."""
    try:
        return prefixed_graph(_rdflib_triples(ox.parse(data, format=ox.RdfFormat.N_TRIPLES)))
    except SyntaxError as exc:
        raise QueryError(f"unreadable answer from the query process: {exc}") from None


# --- Oxigraph ----------------------------------------------------------------------------------------

class KgOxigraphStore(OxigraphStore):
    """oxrdflib's store with literals as rdflib's Turtle parser gives them and native queries.

    `named_graphs`: whether it holds a build's named graphs beside their union (a --store does; a Turtle
    file loaded into memory holds the union only)."""

    named_graphs = True

    def triples(self, triple_pattern, context=None):  # type: ignore[override]
        s, p, o = triple_pattern
        try:
            pattern = [None if t is None else _to_ox(t) for t in (s, p, o)]
        except QueryError:
            return iter(())
        graph = ox.DefaultGraph() if context is None or context.identifier == DATASET_DEFAULT_GRAPH_ID \
            else _to_ox(context.identifier)
        if isinstance(pattern[1], (ox.BlankNode, ox.Literal)) or isinstance(pattern[0], ox.Literal):
            return iter(())
        return (((_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)), iter((context,)))
                for q in self._inner.quads_for_pattern(*pattern, graph))

    def query(self, query, initNs, initBindings, queryGraph, **kwargs):  # noqa: N803
        """String queries are evaluated by Oxigraph over the default graph (kg's union graph)."""
        if not isinstance(query, str) or kwargs:
            raise NotImplementedError  # rdflib evaluates it instead
        res = self._native(query, {str(k): v for k, v in (initBindings or {}).items()}, dict(initNs or {}))
        if isinstance(res, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(res)
        elif isinstance(res, ox.QueryTriples):
            out = Result("CONSTRUCT")
            out.graph = prefixed_graph((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in res)
        else:
            out = Result("SELECT")
            out.vars = [Variable(v.value) for v in res.variables]
            out.bindings = [{v: _from_ox(val) for v, val in zip(out.vars, sol) if val is not None} for sol in res]
        return out

    def _native(self, text: str, bindings: Mapping[str, Identifier], prefixes: Mapping[str, Any] | None = None):
        text = bind_values(text, bindings, _node_to_sparql, checked=True)
        try:
            return self._inner.query(text, prefixes={**_PREFIXES, **{k: str(v) for k, v in (prefixes or {}).items()}})
        except SyntaxError as exc:
            raise QueryError(f"Oxigraph cannot parse this query: {exc}") from None
        except (RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from None

    def _evaluate(self, checked: Checked, bindings: Mapping[str, Identifier] | None, tsv: bool) -> Any:
        """The answer to a checked query: a QueryResult, or with `tsv` (for a query child) ("tsv", names, data)
        for SELECT and ("nt", kind, N-Triples) for CONSTRUCT and DESCRIBE."""
        try:
            # pyoxigraph's result iterators must be dropped by the thread that made them: read them
            # out here and let go of them before returning or raising
            res = self._native(checked.text, dict(bindings or {}))
            try:
                if checked.kind == "ASK":
                    return QueryResult("ASK", boolean=bool(res))
                if checked.kind in ("CONSTRUCT", "DESCRIBE"):
                    if tsv:  # the child sends Oxigraph's N-Triples; the parent reads them (graph_from_nt)
                        return ("nt", checked.kind, ox.serialize(res, format=ox.RdfFormat.N_TRIPLES) or b"")
                    return QueryResult(checked.kind, graph=prefixed_graph(_rdflib_triples(res)))
                names, data = _select_tsv(res)
                return ("tsv", names, data) if tsv else QueryResult("SELECT", names, rows_from_tsv(data))
            finally:
                del res
        except OSError as exc:
            raise QueryError(f"cannot read the store: {exc}") from None
        except (RuntimeError, ValueError) as exc:  # an evaluation error, found while iterating
            raise QueryError(f"query failed: {exc}") from None

    def kg_query(self, checked: Checked, bindings: Mapping[str, Identifier] | None,
                 timeout: float | None) -> QueryResult:
        """Evaluate a checked query natively in this process, with a thread-based timeout (see the module
        docstring); used by kg.ask.query.run_query for kg's own queries."""
        return _with_timeout(lambda: self._evaluate(checked, bindings, False), timeout) if timeout else \
            self._evaluate(checked, bindings, False)

    def kg_wire(self, checked: Checked, bindings: Mapping[str, Identifier] | None) -> Any:
        """Evaluate a checked query in a query child process (kg.ask.query.run_query, isolated): SELECT rows
        go back as Oxigraph's TSV, converted by the parent."""
        from kg.ask.query import _to_wire

        out = self._evaluate(checked, bindings, True)
        return out if isinstance(out, tuple) else _to_wire(out)


def is_store_dir(path: Path) -> bool:
    """Whether `path` looks like an Oxigraph (RocksDB) store directory."""
    return (path / "CURRENT").is_file() and (path / "IDENTITY").is_file()


def open_store(store_dir: Path):
    """The pyoxigraph store in `store_dir`, opened read-only."""
    if not is_store_dir(store_dir):
        raise StoreError(f"{store_dir} is not an Oxigraph store: run `kg build --store {store_dir}` first")
    try:
        return ox.Store.read_only(str(store_dir))
    except OSError as exc:
        raise StoreError(f"cannot open the store {store_dir}: {exc}") from None


def load_dataset(store, nquads: Path) -> None:
    """Bulk-load a build's N-Quads: each quad into its named graph and into the default graph (the union).

    One parse feeds both copies, so a blank node is the same node in both (separate loads would give
    it a fresh id each), and the labels of the file are kept."""
    default = ox.DefaultGraph()

    def both():
        for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
            yield q
            if not isinstance(q.graph_name, ox.DefaultGraph):
                yield ox.Quad(q.subject, q.predicate, q.object, default)

    try:
        store.bulk_extend(both())
    except SyntaxError as exc:
        raise StoreError(f"cannot read {nquads}: {exc}") from None


def _dataset_file(graph_path: Path) -> Path:
    """The N-Quads of a build (graph.nq beside graph.ttl), from either file's name."""
    nq = Path(graph_path).with_suffix(".nq")
    if not nq.is_file():
        raise StoreError(f"{nq} does not exist: run `kg build` first (it writes graph.ttl and graph.nq together)")
    return nq


def build_store(store_dir: Path, graph_path: Path, digest: str | None = None) -> int:
    """Load the build whose graph is `graph_path` (graph.ttl, graph.nq beside it) into a new Oxigraph
    store at `store_dir`, replacing what was there; returns the number of triples in the union. With
    `digest` (kg.ask.stamp), the store records it: readers of graph.ttl then open the store instead.

    The store is written into a temporary directory beside `store_dir` and swapped in when complete, so
    an interrupted load leaves the previous store intact. A directory that is not an Oxigraph store
    is never replaced.
    """
    nq = _dataset_file(graph_path)
    store_dir = Path(store_dir)
    if store_dir.exists() and not (store_dir.is_dir() and (is_store_dir(store_dir) or not any(store_dir.iterdir()))):
        raise StoreError(f"{store_dir} exists and is not an Oxigraph store: refusing to replace it")
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.", suffix=".new", dir=store_dir.parent))
    old: Path | None = None
    try:
        store = ox.Store(str(tmp))
        load_dataset(store, nq)
        if digest is not None:
            from kg.ask.stamp import stamp_store

            stamp_store(store, digest)
        store.flush()
        store.optimize()  # compacts RocksDB: named queries run 1.6-1.9x faster on a 1M-triple store
        solutions = cast(ox.QuerySolutions, store.query("SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }"))
        count = int(next(iter(solutions))[0].value)
        del store
        gc.collect()  # closes RocksDB before the rename
        if store_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.", suffix=".old", dir=store_dir.parent))
            os.replace(store_dir, old / "store")
        os.replace(tmp, store_dir)
    except OSError as exc:
        raise StoreError(f"cannot write the store {store_dir}: {exc}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return count


def source_store(graph_path: Path | None = None, store_dir: Path | None = None):
    """A pyoxigraph store holding a build, for `kg push`: the store at `store_dir` (read-only), or
    the build at `graph_path` loaded into memory."""
    if store_dir is not None:
        return open_store(Path(store_dir))
    nq = _dataset_file(Path(graph_path or "out/graph.ttl"))
    store = ox.Store()
    try:
        load_dataset(store, nq)
    except OSError as exc:
        raise StoreError(f"cannot read {nq}: {exc}") from None
    return store


def write_nquads(graph: Graph, output: Path) -> Path | None:
    """For a graph over a store or an endpoint, write its named graphs (not the union copy in the
    default graph) to `output` as N-Quads, lines sorted as in graph.nq; None for any other graph."""
    from kg.output import atomic_write, nquads_bytes

    if isinstance(graph.store, KgOxigraphStore) and graph.store.named_graphs:
        from kg.ask.stamp import STAMP_GRAPH

        quads = (q for q in graph.store._inner.quads_for_pattern(None, None, None, None)
                 if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name.value != STAMP_GRAPH)
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
        lines = sorted({line for line in data.splitlines() if line.strip()})
        return atomic_write(output, b"".join(line + b"\n" for line in lines))
    if isinstance(graph.store, KgSPARQLStore):
        from rdflib import Dataset

        ds = Dataset()
        res = graph.store._query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for row in cast("Iterable[ResultRow]", res):  # a SELECT's rows
            ds.add((row[0], row[1], row[2], row[3]))  # type: ignore[arg-type]  # rdflib takes a graph's name as well as a Graph
        return atomic_write(output, nquads_bytes(ds))
    return None


def local_copy(graph: Graph) -> Graph:
    """`graph` itself, or for a graph over an endpoint an in-memory copy of it (one CONSTRUCT): whole-graph
    serializers walk blank nodes, which a SPARQL endpoint cannot be asked about one by one."""
    if not isinstance(graph.store, KgSPARQLStore):
        return graph
    res = graph.store._query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    return prefixed_graph(res.graph if res.graph is not None else ())


# --- SPARQL endpoint -----------------------------------------------------------------------------



_RESULT_TYPES = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml"}
_GRAPH_TYPES = {"application/n-triples": "nt", "text/turtle": "turtle", "application/rdf+xml": "xml"}
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"


def _parse_answer(ctype: str, body: bytes) -> Result:
    """An endpoint's answer as an rdflib Result, checked for the shape of its kind: ValueError (or what the
    parser raises) when it is not that."""
    if ctype in _GRAPH_TYPES:
        out = Result("CONSTRUCT")
        out.graph = Graph().parse(data=body.decode("utf-8"), format=_GRAPH_TYPES[ctype])
        return out
    res = Result.parse(BytesIO(body), format=_RESULT_TYPES[ctype])
    if res.type == "SELECT":
        width = len(res.vars or [])
        for row in cast("Iterable[ResultRow]", res):  # every row a tuple of terms, one a variable (rdflib builds them lazily)
            if len(row) != width or not all(v is None or isinstance(v, Identifier) for v in row):
                raise ValueError("a row that is not a solution")
    elif res.type == "ASK" and not isinstance(res.askAnswer, bool):
        raise ValueError("an ASK answer that is not true or false")
    return res


class KgSPARQLStore(SPARQLStore):
    """rdflib's read-only SPARQLStore with kg's HTTP client (timeouts, clear errors; kg.ask.remote),
    parameters bound at the start of the WHERE group, and native evaluation for run_query."""

    def __init__(self, endpoint: str, timeout: float = 60.0, default_graph: str | None = None,
                 max_answer: int | None = None):
        from kg.ask.remote import DEFAULT_MAX_ANSWER, check_timeout, check_url

        super().__init__(query_endpoint=check_url(endpoint), returnFormat="json",
                         node_to_sparql=_pattern_to_sparql)
        self.http_timeout = check_timeout(timeout)
        self.default_graph = default_graph  # sent as the protocol's default-graph-uri
        self.max_answer = max_answer or DEFAULT_MAX_ANSWER  # bytes of one answer

    def _query(self, query: str, default_graph: Any = None, timeout: float | None = None) -> Result:  # type: ignore[override]
        from kg.ask.remote import RemoteError, sparql_request

        self._queries += 1
        ctype, body = sparql_request(cast(str, self.query_endpoint), query, _ACCEPT, timeout or self.http_timeout,
                                     self.default_graph, self.max_answer)
        if ctype not in _RESULT_TYPES and ctype not in _GRAPH_TYPES:
            raise RemoteError(f"{self.query_endpoint} answered with {ctype or 'no content type'}, not SPARQL results")
        try:
            return _parse_answer(ctype, body)
        except Exception as exc:  # whatever a parser raises for bytes that are not what they claim
            raise RemoteError(f"{self.query_endpoint} answered with malformed {ctype} "
                              f"({type(exc).__name__})") from None

    def query(self, query, initNs=None, initBindings=None, queryGraph=None, DEBUG=False,  # type: ignore[override]  # noqa: N803
              timeout: float | None = None):  # SPARQLStore's arguments (optional) plus a timeout
        if not isinstance(query, str):
            raise NotImplementedError  # a prepared query: the text is needed
        prefixes = {**_PREFIXES, **{k: str(v) for k, v in (initNs or {}).items()}}
        head = "".join(f"PREFIX {k}: <{v}>\n" for k, v in prefixes.items()
                       if re.fullmatch(r"[A-Za-z][\w.-]*|", k) and re.fullmatch(r'[^<>"{}|^`\\\x00-\x20]*', v))
        text = head + bind_values(query, {str(k): v for k, v in (initBindings or {}).items()}, _node_to_sparql,
                                  checked=True)
        return self._query(text, timeout=timeout)

    def kg_wire(self, checked: Checked, bindings: Mapping[str, Identifier] | None) -> Any:
        """Evaluate a checked query in a query child process (kg.ask.query.run_query, isolated)."""
        from kg.ask.query import _to_wire

        return _to_wire(self.kg_query(checked, bindings, None))

    def kg_query(self, checked: Checked, bindings: Mapping[str, Identifier] | None,
                 timeout: float | None) -> QueryResult:
        """Send a checked query to the endpoint (see the module docstring); used by kg.ask.query.run_query."""
        kind, text = checked.kind, checked.text

        def run() -> QueryResult:
            try:
                res = self.query(text, initBindings=dict(bindings or {}), timeout=timeout or None)
            except QueryError:
                raise
            except Exception as exc:  # an unparsable answer, an unbindable term
                raise QueryError(f"query failed: {type(exc).__name__}: {exc}") from None
            if kind == "ASK":
                if res.type == "SELECT":  # Virtuoso answers ASK as one row holding 1, or no row
                    return QueryResult("ASK", boolean=any(bool(v.toPython()) for row in res for v in row if v is not None))
                return QueryResult("ASK", boolean=bool(res.askAnswer))
            if kind in ("CONSTRUCT", "DESCRIBE"):
                return QueryResult(kind, graph=prefixed_graph(res.graph if res.graph is not None else res))
            return QueryResult("SELECT", [str(v) for v in res.vars or []], [tuple(row) for row in res])

        return _with_timeout(run, timeout) if timeout else run()


# --- opening ---------------------------------------------------------------------------------------

def load_memory(graph_path: Path) -> Graph:
    """The Turtle file `graph_path` loaded into an in-memory Oxigraph store, as an rdflib Graph that
    evaluates queries natively (as a --store graph does). Same triples as rdflib's parse of the file
    (relative IRIs resolved against the file, as rdflib does); about 12x faster to load, and the named
    queries run 2-5x faster than on the on-disk store (bench/results-queries.txt)."""
    path = Path(graph_path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    except (SyntaxError, OSError, ValueError) as exc:
        raise StoreError(f"cannot read {path}: {exc}") from None
    wrapper = KgOxigraphStore(store=store)
    wrapper.named_graphs = False
    return Graph(store=wrapper, identifier=DATASET_DEFAULT_GRAPH_ID)


def load_bytes(data: bytes, engine: str = "oxigraph", name: str = "<stdin>") -> Graph:
    """A graph given as bytes (`--graph -`): Turtle (a build's graph.ttl) or N-Quads (its graph.nq,
    read as the union of its named graphs, which are kept as in a --store), loaded by `engine` as
    `open_graph` loads a file. Raises StoreError, naming `name`, when it is neither."""
    try:
        quads = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
        nquads = False
    except (SyntaxError, ValueError):
        try:
            quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
            nquads = True
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot read {name} as Turtle or N-Quads: {exc}") from None
    if engine == "rdflib":
        graph = Graph()
        convert = _converter()
        for q in quads:
            graph.add(cast("tuple[Node, Node, Node]", (convert(q.subject), convert(q.predicate), convert(q.object))))
        return _bound(graph)
    store = ox.Store()
    default = ox.DefaultGraph()
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in quads)
    if nquads:
        store.bulk_extend(q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph))
    wrapper = KgOxigraphStore(store=store)
    wrapper.named_graphs = nquads
    return _bound(Graph(store=wrapper, identifier=DATASET_DEFAULT_GRAPH_ID))


def open_graph(graph_path: Path | None = None, store_dir: Path | None = None, endpoint: str | None = None,
               engine: str = "oxigraph", default_graph: str | None = None, timeout: float = 60.0,
               max_answer: int | None = None) -> Graph:
    """The graph kg reads, from exactly one of: a Turtle file, an Oxigraph store directory, or a SPARQL
    1.1 query endpoint URL (see the module docstring). Raises StoreError with a message for the user.

    A Turtle file written by `kg build` is read from the Oxigraph store its build wrote beside it when
    the store holds exactly that file (kg.ask.stamp); otherwise it is loaded into memory by `engine`:
    "oxigraph" (`load_memory`, the default, saying once on stderr why the store was not used) or
    "rdflib" (rdflib's default store, whose SPARQL evaluator is kg's reference, never the store). An endpoint is asked to query
    `default_graph` (an IRI) as its default graph when one is given (`kg push --union-graph`), with at
    most `timeout` seconds for each request and `max_answer` bytes for each answer (kg.ask.remote)."""
    given = [x for x in (graph_path, store_dir, endpoint) if x is not None]
    if len(given) != 1:
        raise ValueError("give exactly one of graph_path, store_dir, endpoint")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if graph_path is not None:
        path = Path(graph_path)
        if not path.exists():
            raise StoreError(f"{path} does not exist: run `kg build` first (or pass --graph)")
        if engine == "rdflib":
            return Graph().parse(path, format="turtle")
        from kg.ask.stamp import fallback_note, matching_store

        store, why = matching_store(path)
        if store is not None:  # the build's own store: opened at once, no parse
            graph = Graph(store=KgOxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
        else:
            fallback_note(path, why)
            graph = load_memory(path)
    elif store_dir is not None:
        graph = Graph(store=KgOxigraphStore(store=open_store(Path(store_dir))), identifier=DATASET_DEFAULT_GRAPH_ID)
    else:
        from kg.ask.remote import RemoteError

        try:
            store = KgSPARQLStore(str(endpoint), timeout, default_graph, max_answer)
            store._query("ASK { }", timeout=min(store.http_timeout, 10.0))
        except RemoteError as exc:
            raise StoreError(str(exc)) from None
        graph = Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID)
    return _bound(graph)


def _bound(graph: Graph) -> Graph:
    return bind_prefixes(graph)
