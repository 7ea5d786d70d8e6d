"""A remote SPARQL 1.1 Protocol endpoint as a read-only rdflib store (`KgSPARQLStore`): rdflib's SPARQLStore
with kg's HTTP client (kg.ask.remote) and answers checked for the shape of their kind (`_parse_answer`).
For an Oxigraph server the URL is `http://HOST:PORT/query`; `kg push` writes the layout a build's store
has (kg.ask.oxigraph), so a server whose default graph is not the union works too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from io import BytesIO
from typing import Any, cast

from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result, ResultRow
from rdflib.term import Identifier

from kg.ask.query import Checked, QueryError, QueryResult, prefixed_graph
from kg.ask.querybase import bind_values, with_timeout
from kg.ask.terms import PREFIX_IRIS, node_to_sparql, pattern_to_sparql

__all__ = ["KgSPARQLStore"]

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
                         node_to_sparql=pattern_to_sparql)
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
        prefixes = {**PREFIX_IRIS, **{k: str(v) for k, v in (initNs or {}).items()}}
        head = "".join(f"PREFIX {k}: <{v}>\n" for k, v in prefixes.items()
                       if re.fullmatch(r"[A-Za-z][\w.-]*|", k) and re.fullmatch(r'[^<>"{}|^`\\\x00-\x20]*', v))
        text = head + bind_values(query, {str(k): v for k, v in (initBindings or {}).items()}, node_to_sparql,
                                  checked=True)
        return self._query(text, timeout=timeout)

    def kg_wire(self, checked: Checked, bindings: Mapping[str, Identifier] | None) -> Any:
        """Evaluate a checked query in a query child process (kg.ask.query.run_query, isolated)."""
        from kg.ask.query import _to_wire

        return _to_wire(self.kg_query(checked, bindings, None))

    def kg_query(self, checked: Checked, bindings: Mapping[str, Identifier] | None,
                 timeout: float | None) -> QueryResult:
        """Send a checked query to the endpoint (see kg.ask.store); used by kg.ask.query.run_query."""
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

        return with_timeout(run, timeout) if timeout else run()
