"""Running SPARQL over a built graph: read-only, contained, with bound parameters and a timeout.

Guards: updates are refused; `SERVICE` (outbound requests) and `FROM`/`FROM NAMED` (which make
rdflib read files or URLs) are rejected after parsing, and rdflib's graph loading is switched off;
parameters are bound with `initBindings`, never formatted into the text; a query runs in a forked
child process that is killed when it passes the timeout, so no query can block its caller.
Graphs over an Oxigraph store or a SPARQL endpoint are evaluated there, after the same guards (kg.store).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import multiprocessing
import threading
from dataclasses import dataclass, field
from typing import Any, Mapping

import rdflib.plugins.sparql as rdflib_sparql
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Variable

from kg.ns import PREFIXES

__all__ = ["QueryError", "QueryResult", "check_query", "run_query", "format_result", "compact",
           "DEFAULT_TIMEOUT", "FORMATS"]

rdflib_sparql.SPARQL_LOAD_GRAPHS = False  # FROM <file:...> must never read local files
# rdflib's SPARQL parser (pyparsing) is not thread-safe: concurrent parses corrupt its state, so
# parsing and translation are serialized (they take milliseconds; evaluation is not under the lock).
_PARSE_LOCK = threading.Lock()
DEFAULT_TIMEOUT = 10.0
CHECKED = 256  # checked query texts kept (check_query)
FORMATS = ("table", "csv", "json", "ttl")


class QueryError(Exception):
    """A query that cannot run, with a message for the user (no traceback needed)."""


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


def _walk(node: Any) -> Any:
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _walk(value)


def check_query(text: str):
    """Parse and translate `text`; raise QueryError for syntax errors, updates, SERVICE and
    dataset clauses. Returns the prepared rdflib query.

    The answer for a text is kept (the last CHECKED texts): parsing takes rdflib 10-25 ms, more than
    Oxigraph takes to answer most named queries, and a prepared query is not changed by running it."""
    return _checked(text)


@functools.lru_cache(maxsize=CHECKED)
def _checked(text: str):
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    with _PARSE_LOCK:
        return _check_query_locked(text, ParseException, translateQuery, parseQuery, parseUpdate)


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
        raise QueryError("updates are refused: the graph is read-only") from None
    try:
        prepared = translateQuery(parsed, initNs=dict(PREFIXES))
    except Exception as exc:  # unknown prefix and the like
        raise QueryError(f"cannot run this query: {exc}") from None
    for node in _walk(prepared.algebra):
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            raise QueryError("SERVICE is refused: kg makes no outbound requests")
        if isinstance(node, dict) and dict.get(node, "datasetClause"):
            raise QueryError("FROM and FROM NAMED are refused: a query reads only the built graph")
    return prepared


def _execute(graph: Graph, prepared: Any, bindings: Mapping[str, Identifier] | None) -> QueryResult:
    result = graph.query(prepared, initBindings={Variable(k): v for k, v in (bindings or {}).items()})
    kind = result.type
    if kind == "SELECT":
        names = [str(v) for v in result.vars]
        return QueryResult("SELECT", names, [tuple(row) for row in result])
    if kind == "ASK":
        return QueryResult("ASK", boolean=bool(result.askAnswer))
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for triple in result:
        g.add(triple)
    return QueryResult(kind, graph=g)


def _child(graph: Graph, prepared: Any, bindings: Any, conn: Any) -> None:
    try:
        res = _execute(graph, prepared, bindings)
        if res.graph is not None:
            res.graph = res.graph.serialize(format="nt")  # type: ignore[assignment]
        conn.send(("ok", res))
    except Exception as exc:  # reported to the parent as a message
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_query(graph: Graph, text: str, bindings: Mapping[str, Identifier] | None = None,
              timeout: float | None = DEFAULT_TIMEOUT) -> QueryResult:
    """Run `text` over `graph` with `bindings` (variable name -> RDF term), guarded.

    With a timeout the query runs in a forked child process, killed when the time is up. A graph
    over an Oxigraph store or a SPARQL endpoint (kg.store) evaluates the checked text natively,
    with its own thread-based timeout (an open RocksDB store must not be forked).
    """
    prepared = check_query(text)
    native = getattr(graph.store, "kg_query", None)
    if native is not None:
        return native(text, prepared, bindings, timeout)
    if not timeout:
        return _execute(graph, prepared, bindings)
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(graph, prepared, dict(bindings or {}), send), daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(timeout):
            proc.kill()
            raise QueryError(f"query stopped after {timeout:g} s (see --timeout)")
        try:
            status, payload = recv.recv()
        except EOFError:
            raise QueryError("the query process ended without an answer") from None
    finally:
        proc.join(1)
        if proc.is_alive():
            proc.kill()
        recv.close()
    if status != "ok":
        raise QueryError(f"query failed: {payload}")
    if isinstance(payload.graph, str):
        payload.graph = Graph().parse(data=payload.graph, format="nt")
        for prefix, ns in PREFIXES.items():
            payload.graph.bind(prefix, ns)
    return payload


def compact(term: Identifier | None) -> str:
    """A term as short text: IRIs under kg's prefixes as prefix:rest, literals as their text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if str(term).startswith(str(ns)):
                return f"{prefix}:{str(term)[len(str(ns)):]}"
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


def format_result(res: QueryResult, fmt: str = "table", graph: Graph | None = None) -> str:
    """The result as text: an aligned table, CSV, SPARQL 1.1 JSON, or Turtle (graph results)."""
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
            writer.writerow([_text(t) for t in row])
        return buf.getvalue().rstrip("\n")
    cells = [[_text(t, graph) for t in row] for row in res.rows]
    widths = [max([len(v)] + [len(c[i]) for c in cells]) for i, v in enumerate(res.vars)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(res.vars, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
    lines.append(f"({len(res.rows)} row{'s' if len(res.rows) != 1 else ''})")
    return "\n".join(lines)
