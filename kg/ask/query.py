"""Running SPARQL over a built graph: read-only, contained, with bound parameters and limits.

Guards, in order:
1. The text is rewritten into kg's canonical form (kg.ask.sparqltext: escapes expanded once, comments
   dropped, strings one-line and double-quoted), and refused if it is too large or deep for the engines
   or names SERVICE, LATERAL or FROM outside strings. Every engine runs this canonical text, never the
   text given, so rdflib's view of a query and the engine's cannot differ.
2. rdflib parses and translates it: updates are refused; `SERVICE` (outbound requests) and
   `FROM`/`FROM NAMED` (which make rdflib read files or URLs) are rejected in the algebra, which is
   also measured (depth, operands); rdflib's graph loading is switched off.
3. Parameters are bound with `initBindings` (or a VALUES block of canonical terms for Oxigraph and
   endpoints, kg.ask.store), never formatted into the text.
4. Isolated (queries from users: `kg query`, `kg serve`): the parse and the evaluation run in a forked
   child under wall-clock, CPU and memory limits (kg.extract.sandbox); a crash or runaway costs the child.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
import os
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

import rdflib.plugins.sparql as rdflib_sparql
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import ResultRow
from rdflib.term import Identifier, Variable

from kg.ask.querybase import DEFAULT_TIMEOUT, UPDATE_REFUSED, QueryError
from kg.ask.sparqltext import MAX_OPERANDS, TextError, canonical, check_text
from kg.extract.sandbox import DEFAULT_MEMORY, Limits, SandboxError, run_limited
from kg.model.ns import PREFIXES, bind_prefixes
from kg.text.safetext import csv_cell

__all__ = ["QueryError", "QueryResult", "Checked", "check_query", "canonical_query", "run_query", "format_result",
           "compact", "prefixed_graph", "DEFAULT_TIMEOUT", "FORMATS", "MAX_OPERANDS", "MAX_ALGEBRA_DEPTH"]

rdflib_sparql.SPARQL_LOAD_GRAPHS = False  # FROM <file:...> must never read local files
# rdflib's SPARQL parser (pyparsing) is not thread-safe: concurrent parses corrupt its state, so
# parsing and translation are serialized (they take milliseconds; evaluation is not under the lock).
_PARSE_LOCK = threading.Lock()
CHECKED = 256  # checked query texts kept (check_query)
FORMATS = ("table", "csv", "json", "ttl")
MAX_ALGEBRA_DEPTH = 400  # nesting of the translated query (Oxigraph recurses over it)
_KINDS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


@dataclass
class QueryResult:
    """The outcome of a query: `kind` is SELECT, ASK, CONSTRUCT or DESCRIBE."""

    kind: str
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def dicts(self) -> list[dict[str, Identifier | None]]:
        """SELECT rows as dicts keyed by variable name."""
        return [dict(zip(self.vars, row)) for row in self.rows]


def _inspect(algebra: Any) -> None:
    """Refuse (QueryError) an algebra that calls out (SERVICE), reads other graphs (FROM, FROM NAMED), or is
    too deep or has too many operands in one node for the engines. One iterative walk: a deep tree must
    not overflow this check either."""
    stack: list[tuple[Any, int]] = [(algebra, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_ALGEBRA_DEPTH:
            raise QueryError(f"query too complex: nested more than {MAX_ALGEBRA_DEPTH} deep")
        if getattr(node, "name", None) == "ServiceGraphPattern":
            raise QueryError("SERVICE is refused: kg makes no outbound requests")
        if isinstance(node, dict) and dict.get(node, "datasetClause"):
            raise QueryError("FROM and FROM NAMED are refused: a query reads only the built graph")
        if isinstance(node, dict):
            children = [v for k, v in node.items() if not (k == "res" and getattr(node, "name", "") == "values")]
        elif isinstance(node, (list, tuple)):
            if len(node) > MAX_OPERANDS:
                raise QueryError(f"query too complex: more than {MAX_OPERANDS:,} operands in one expression")
            children = list(node)
        elif hasattr(node, "args") and isinstance(node.args, (list, tuple)):  # rdflib paths
            children = [list(node.args)]
        elif hasattr(node, "path") and not isinstance(node, str):
            children = [node.path]
        else:
            continue
        stack.extend((child, depth + 1) for child in children)


@dataclass(frozen=True)
class Checked:
    """A query kg accepted: the canonical `text` (what every engine runs, kg.ask.sparqltext), rdflib's
    prepared form of that text, and its kind (SELECT, ASK, CONSTRUCT or DESCRIBE)."""

    text: str
    prepared: Any
    kind: str


def canonical_query(text: str) -> str:
    """`text` in kg's canonical form, after the checks that need no parser (kg.ask.sparqltext): QueryError
    for a text too complex for the engines or naming SERVICE, LATERAL or FROM. The answer for a text is
    remembered (tokenizing a named query took longer than Oxigraph takes to answer the smallest ones)."""
    try:
        return _canonical(text)
    except TextError as exc:
        raise QueryError(str(exc)) from None


@functools.lru_cache(maxsize=256)
def _canonical(text: str) -> str:
    canon = canonical(text)
    check_text(canon)
    return canon


def check_query(text: str) -> Checked:
    """Canonicalize, parse and translate `text`; raise QueryError for syntax errors, updates, SERVICE,
    dataset clauses and queries too complex for the engines.

    The answer for a text is kept (the last CHECKED texts): parsing takes rdflib 10-25 ms, more than
    Oxigraph takes to answer most named queries, and a prepared query is not changed by running it."""
    return _checked(canonical_query(text))


@functools.lru_cache(maxsize=CHECKED)
def _checked(text: str) -> Checked:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    with _PARSE_LOCK:
        try:
            prepared = _check_query_locked(text, ParseException, translateQuery, parseQuery, parseUpdate)
        except RecursionError:
            raise QueryError("query too complex: nested too deeply to parse") from None
    _inspect(prepared.algebra)
    return Checked(text, prepared, _KINDS.get(getattr(prepared.algebra, "name", ""), "SELECT"))


def _check_query_locked(text, ParseException, translateQuery, parseQuery, parseUpdate):  # noqa: N803
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except Exception:
            pointer = " " * max(exc.col - 1, 0) + "^"
            raise QueryError(f"syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}\n"
                             f"  {exc.line}\n  {pointer}") from None
        raise QueryError(UPDATE_REFUSED) from None
    try:
        prepared = translateQuery(parsed, initNs=dict(PREFIXES))
    except RecursionError:
        raise
    except Exception as exc:  # unknown prefix and the like
        raise QueryError(f"cannot run this query: {exc}") from None
    return prepared


def _execute(graph: Graph, prepared: Any, bindings: Mapping[str, Identifier] | None) -> QueryResult:
    result = graph.query(prepared, initBindings={Variable(k): v for k, v in (bindings or {}).items()})
    kind = result.type
    if kind == "SELECT":
        names = [str(v) for v in result.vars or []]
        return QueryResult("SELECT", names, [tuple(row) for row in cast("Iterable[ResultRow]", result)])
    if kind == "ASK":
        return QueryResult("ASK", boolean=bool(result.askAnswer))
    return QueryResult(kind, graph=prefixed_graph(result))


def prefixed_graph(triples: Any = ()) -> Graph:
    """A new graph holding `triples`, with kg's prefixes bound (for printing answers as Turtle)."""
    g = bind_prefixes(Graph())
    for triple in triples:
        g.add(triple)
    return g


# -- evaluation in a child process (kg.extract.sandbox) -------------------------------------------------------
# What a child sends back ("wire"): a QueryResult whose graph is N-Triples text, or, from Oxigraph, a
# SELECT result as ("tsv", variables, bytes) and a graph as ("nt", kind, bytes), which the parent converts
# (kg.ask.terms.rows_from_tsv, graph_from_nt).

def _to_wire(res: QueryResult) -> QueryResult:
    if res.graph is not None:
        res.graph = res.graph.serialize(format="nt")  # type: ignore[assignment]
    return res


def _from_wire(wire: Any) -> QueryResult:
    if isinstance(wire, tuple) and wire[0] == "tsv":
        from kg.ask.terms import rows_from_tsv

        return QueryResult("SELECT", list(wire[1]), rows_from_tsv(wire[2]))
    if isinstance(wire, tuple) and wire[0] == "nt":
        from kg.ask.terms import graph_from_nt

        return QueryResult(wire[1], graph=graph_from_nt(wire[2]))
    res: QueryResult = wire
    if isinstance(res.graph, str):
        res.graph = prefixed_graph().parse(data=res.graph, format="nt")
    return res


def _in_child(graph: Graph, text: str, bindings: Mapping[str, Identifier], kind: str | None) -> tuple[str, Any]:
    """The child's part: check the canonical text with rdflib (the parse is under the limits too; skipped
    for a native engine when an earlier child checked this very text, `kind`), then evaluate it where
    the graph lives. Returns the query's kind and the answer."""
    try:
        wire = getattr(graph.store, "kg_wire", None)
        if wire is not None and kind is not None:
            return kind, wire(Checked(text, None, kind), bindings)
        checked = _checked(text)
        if wire is not None:
            return checked.kind, wire(checked, bindings)
        return checked.kind, _to_wire(_execute(graph, checked.prepared, bindings))
    except QueryError:
        raise
    except RecursionError:
        raise QueryError("query too complex: nested too deeply to evaluate") from None
    except Exception as exc:  # reported to the parent as a message
        raise QueryError(f"query failed: {type(exc).__name__}: {exc}") from None


class _Verified:
    """Canonical texts a query child has checked and accepted, with their kind (the last CHECKED): the
    parent never parses a user's text (that is under the child's limits), but a text checked once need
    not be parsed again by every child that runs it (rdflib takes 10-25 ms; kg serve runs the same
    texts with other parameters). Only the exact canonical text that passed the check is remembered."""

    def __init__(self, size: int = CHECKED) -> None:
        self.size = size
        self.kinds: dict[str, str] = {}
        self.lock = threading.Lock()

    def get(self, text: str) -> str | None:
        with self.lock:
            return self.kinds.get(text)

    def put(self, text: str, kind: str) -> None:
        with self.lock:
            self.kinds.pop(text, None)
            self.kinds[text] = kind
            while len(self.kinds) > self.size:
                del self.kinds[next(iter(self.kinds))]


_VERIFIED = _Verified()


def _reset_parse_lock() -> None:
    global _PARSE_LOCK
    _PARSE_LOCK = threading.Lock()  # a parent thread may have held it at the fork


os.register_at_fork(after_in_child=_reset_parse_lock)


def run_query(graph: Graph, text: str, bindings: Mapping[str, Identifier] | None = None,
              timeout: float | None = DEFAULT_TIMEOUT, *, isolated: bool = True,
              memory: int | None = DEFAULT_MEMORY) -> QueryResult:
    """Run `text` over `graph` with `bindings` (variable name -> RDF term), guarded.

    Every engine runs the canonical text that was checked (`check_query`). `isolated` (the default, and
    what `kg query` and `kg serve` use for text from users): the parse and the evaluation run in a
    forked child under wall-clock (`timeout`), CPU and memory limits (kg.extract.sandbox), which is killed at
    the limit; a crash costs the child only. Not isolated (kg's own named queries): checked here, and
    evaluated natively with a thread-based timeout, or by rdflib in a forked child killed at the timeout.
    """
    if timeout is not None and not (timeout > 0 and math.isfinite(timeout)):
        raise QueryError(f"the timeout must be a positive number of seconds, not {timeout}")
    bindings = dict(bindings or {})
    if isolated:
        canon = canonical_query(text)
        _warm()
        try:
            kind, wire = run_limited(_in_child, (graph, canon, bindings, _VERIFIED.get(canon)), Limits(timeout, memory))
        except SandboxError as exc:
            raise QueryError(str(exc)) from None
        _VERIFIED.put(canon, kind)
        return _from_wire(wire)
    checked = check_query(text)
    native = getattr(graph.store, "kg_query", None)
    if native is not None:
        return native(checked, bindings, timeout)
    if not timeout:
        return _execute(graph, checked.prepared, bindings)
    try:
        return _from_wire(run_limited(_rdflib_child, (graph, checked.prepared, bindings), Limits(timeout, None)))
    except SandboxError as exc:
        raise QueryError(str(exc)) from None


def _rdflib_child(graph: Graph, prepared: Any, bindings: Mapping[str, Identifier]) -> QueryResult:
    try:
        return _to_wire(_execute(graph, prepared, bindings))
    except Exception as exc:  # reported to the parent as a message
        raise QueryError(f"query failed: {type(exc).__name__}: {exc}") from None


@functools.lru_cache(maxsize=1)
def _warm() -> None:
    """Import in the parent what a child needs, so that no child waits for an import lock that another
    thread of the parent held at the fork."""
    import pyparsing  # noqa: F401
    import rdflib.plugins.sparql.algebra  # noqa: F401
    import rdflib.plugins.sparql.parser  # noqa: F401

    import kg.ask.store  # noqa: F401


# a local name that SPARQL and Turtle read as written after a prefix (PN_LOCAL without escapes): no
# "/", no "#", not ending in "."
_PN_LOCAL = re.compile(r"(?:\w[\w.-]*(?<!\.))?")


def compact(term: Identifier | None) -> str:
    """A term as short text that pastes back into a query: an IRI as prefix:name when kg binds the
    prefix and the name needs no escape (kgo:Meeting), else as <IRI> (<https://w3id.org/kg-jilin/id/person/x>);
    a literal as its text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            rest = str(term)[len(str(ns)):]
            if str(term).startswith(str(ns)) and _PN_LOCAL.fullmatch(rest):
                return f"{prefix}:{rest}"
        return f"<{term}>"
    return str(term)


def _text(term: Identifier | None, graph: Graph | None = None) -> str:
    return compact(term) if graph is not None else ("" if term is None else str(term))


def _json_term(term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        out["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def cells_width(text: str) -> int:
    """The width of `text` in terminal cells (a Chinese character takes two; wcwidth)."""
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)  # control characters: escaped when printed (kg.text.safetext)


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` terminal cells."""
    return text + " " * max(0, width - cells_width(text))


def format_result(res: QueryResult, fmt: str = "table", graph: Graph | None = None) -> str:
    """The result as text: an aligned table, CSV (cells that a spreadsheet would run as formulas quoted,
    kg.text.safetext.csv_cell), SPARQL 1.1 JSON, or Turtle (graph results)."""
    if res.kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": res.boolean})
        return "yes" if res.boolean else "no"
    if res.graph is not None:
        if fmt in ("ttl", "table"):
            return res.graph.serialize(format="turtle")
        if fmt == "json":
            return res.graph.serialize(format="json-ld")
        return "\n".join(",".join(str(t) for t in triple) for triple in sorted(res.graph))
    if fmt == "ttl":
        raise QueryError("--format ttl is for CONSTRUCT and DESCRIBE queries")
    if fmt == "json":
        return json.dumps({"head": {"vars": res.vars},
                           "results": {"bindings": [{v: _json_term(t) for v, t in zip(res.vars, row) if t is not None}
                                                    for row in res.rows]}}, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(res.vars)
        for row in res.rows:
            writer.writerow([csv_cell(_text(t)) for t in row])
        return buf.getvalue().rstrip("\n")
    cells = [[_text(t, graph) for t in row] for row in res.rows]
    widths = [max([cells_width(v)] + [cells_width(c[i]) for c in cells]) for i, v in enumerate(res.vars)]
    lines = ["  ".join(pad(v, w) for v, w in zip(res.vars, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(pad(c, w) for c, w in zip(row, widths)) for row in cells]
    lines.append(f"({len(res.rows)} row{'s' if len(res.rows) != 1 else ''})")
    return "\n".join(lines)
