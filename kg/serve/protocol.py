"""The SPARQL 1.1 Protocol's query operation as `kg serve` reads it, with no socket and no server.

`parse_request` turns a request to /sparql (method, URL query string, Content-Type, body) into a
`SparqlRequest`, or raises `HTTPError` with the status and message the endpoint answers: GET `?query=`,
POST `application/x-www-form-urlencoded` (`query=`) or `application/sparql-query`; updates (`update=`,
`application/sparql-update`) get 403; dataset parameters (`default-graph-uri`, `named-graph-uri`) 400; a
named query is `named=NAME` with `param.P=VALUE` for its parameters, bound as `kg query NAME --param
P=VALUE` binds them (never pasted into the text). `negotiate` picks the media type of a result from an
Accept header: `application/sparql-results+json` (default) or `text/csv` for SELECT, JSON for ASK,
`text/turtle` (default), `application/n-triples` or `application/ld+json` for CONSTRUCT and DESCRIBE.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from kg.ask.querybase import UPDATE_REFUSED

if TYPE_CHECKING:
    from kg.ask.named import NamedQuery

__all__ = ["HTTPError", "SparqlRequest", "parse_request", "query_params", "utf8", "negotiate",
           "SOLUTION_TYPES", "BOOLEAN_TYPES", "GRAPH_TYPES"]


JSON_RESULTS = "application/sparql-results+json"
# what each kind of result can be sent as, the server's preference first: (media type, format_result
# format or rdflib serializer, Content-Type sent)
SOLUTION_TYPES = [(JSON_RESULTS, "json", f"{JSON_RESULTS}; charset=utf-8"),
                  ("application/json", "json", f"{JSON_RESULTS}; charset=utf-8"),
                  ("text/csv", "csv", "text/csv; charset=utf-8")]
BOOLEAN_TYPES = SOLUTION_TYPES[:2]
GRAPH_TYPES = [("text/turtle", "turtle", "text/turtle; charset=utf-8"),
               ("application/n-triples", "nt", "application/n-triples; charset=utf-8"),
               ("application/ld+json", "json-ld", "application/ld+json; charset=utf-8")]


class HTTPError(Exception):
    """A request answered with `status` and `message` (as text/plain) and any extra `headers`."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class SparqlRequest:
    """A query to run: its text and, for a named query, the query (kg.ask.named.NamedQuery) and the text
    values of its parameters (`param.P=VALUE`, the last one of each P), to be bound as RDF terms."""

    query: str
    named: NamedQuery | None = None
    values: dict[str, str] = field(default_factory=dict)


def utf8(data: bytes) -> str:
    """`data` decoded as UTF-8; HTTPError 400 if it is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPError(HTTPStatus.BAD_REQUEST, "the request is not valid UTF-8") from None


def query_params(text: str) -> dict[str, list[str]]:
    """The parameters of a URL query string or a form body (at most 100); HTTPError 400 if malformed."""
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict",
                        max_num_fields=100)
    except (ValueError, UnicodeDecodeError):
        raise HTTPError(HTTPStatus.BAD_REQUEST, "malformed parameters") from None


def parse_request(method: str, url_query: str, content_type: str, body: bytes | Callable[[], bytes],
                  max_query_chars: int) -> SparqlRequest:
    """The query a GET or POST to /sparql asks for; HTTPError with the endpoint's answer otherwise.

    `content_type` is the Content-Type header ("" without one); `body` the request's body, or a function
    reading it, called only for a POST that is not refused by its content type alone. A query longer
    than `max_query_chars` characters gets 413.

    >>> parse_request("GET", "query=ASK%7B%7D", "", b"", 100).query
    'ASK{}'
    >>> parse_request("POST", "", "application/sparql-update", b"DROP ALL", 100)
    Traceback (most recent call last):
    kg.serve.protocol.HTTPError: updates are refused: the graph is read-only
    """
    params = query_params(url_query)
    query: str | None = None
    if method == "POST":
        ctype = content_type.split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            raise HTTPError(HTTPStatus.FORBIDDEN, UPDATE_REFUSED)
        text = utf8(body() if callable(body) else body)
        if ctype == "application/x-www-form-urlencoded":
            for key, found in query_params(text).items():
                params.setdefault(key, []).extend(found)
        elif ctype == "application/sparql-query":
            query = text
        else:
            raise HTTPError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                            "POST a query as application/sparql-query or as application/x-www-form-urlencoded "
                            "(query=...)")
    if "update" in params:
        raise HTTPError(HTTPStatus.FORBIDDEN, UPDATE_REFUSED)
    if "default-graph-uri" in params or "named-graph-uri" in params:
        raise HTTPError(HTTPStatus.BAD_REQUEST, "default-graph-uri and named-graph-uri are refused: "
                                               "a query reads only the built graph")
    named: NamedQuery | None = None
    values: dict[str, str] = {}
    if "named" in params:
        named, values = _named_query(params, query)
        query = named.text
    if query is None:
        given = params.get("query", [])
        if not given:
            raise HTTPError(HTTPStatus.BAD_REQUEST, "no query: send query=... (GET or a form POST) or an "
                                                    "application/sparql-query body")
        if len(given) > 1:
            raise HTTPError(HTTPStatus.BAD_REQUEST, "more than one query parameter")
        query = given[0]
    elif "query" in params:
        raise HTTPError(HTTPStatus.BAD_REQUEST, "a query both in the body and in the URL")
    if not query.strip():
        raise HTTPError(HTTPStatus.BAD_REQUEST, "empty query")
    if len(query) > max_query_chars:
        raise HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                        f"query too long: {len(query)} characters (at most {max_query_chars})")
    return SparqlRequest(query, named, values)


def _named_query(params: dict[str, list[str]], query: str | None) -> tuple[NamedQuery, dict[str, str]]:
    """`named=NAME` with `param.P=VALUE` for its parameters (as `kg query NAME --param P=VALUE`): the
    named query (kg.ask.named) and its parameters' values as text."""
    from kg.ask.named import load_named

    names = params["named"]
    if query is not None or "query" in params or len(names) != 1:
        raise HTTPError(HTTPStatus.BAD_REQUEST, "send one named=NAME, or a query, not both")
    named = load_named().get(names[0])
    if named is None:
        raise HTTPError(HTTPStatus.BAD_REQUEST, f"no named query {names[0]!r} (see /queries)")
    return named, {k[len("param."):]: v[-1] for k, v in params.items() if k.startswith("param.")}


def _parse_accept(header: str | None) -> list[tuple[str, float]]:
    ranges = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            key, _, value = f.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def negotiate(accept: str | None, offers: list[tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """The offer the Accept header prefers (the first offer without a header); None if none fits."""
    ranges = _parse_accept(accept)
    if not ranges:
        return offers[0]
    best, best_key = None, (0.0, -1)
    for offer in offers:
        media = offer[0]
        major = media.split("/")[0]
        q, specificity = None, -1
        for rng, rq in ranges:
            spec = 2 if rng == media else 1 if rng == f"{major}/*" else 0 if rng == "*/*" else -1
            if spec > specificity:
                q, specificity = rq, spec
        if q is None or q <= 0:
            continue
        key = (q, specificity)
        if key > best_key:
            best, best_key = offer, key
    return best
