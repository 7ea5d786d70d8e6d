"""Talking to a SPARQL 1.1 server over HTTP (standard library `urllib`): queries for `--endpoint`, and
`kg push`, which loads a build with the Graph Store Protocol.

`push` PUTs each named graph of the build (one per document, plus the reference, persons and
ontology graphs) to `STORE?graph=<iri>` as N-Triples, and the union of them all to `STORE?default`
(so that queries see every triple on servers whose default graph is not the union of the named
graphs, like Oxigraph's; `default_graph=False` skips it). PUT replaces a graph, so pushing the same
build twice leaves the server as it was after the first push. Graphs on the server that the build
does not have are left alone. Then it asks the server's query URL how many triples each graph holds
(`query_url`) and fails unless every count is what was sent: a server that answers 200 and stores
nothing is caught.

Every request has a wall-clock deadline (`timeout`: connecting, sending, the headers and the whole
answer, redirects included; a timer shuts the socket down at the deadline, so a server sending one
byte every few seconds cannot hold kg past it) and an answer of at most `max_answer` bytes. Failures
raise `RemoteError` with a one-line message (connection refused, HTTP status and the start of the
server's answer, timeout, an answer too large or malformed).
"""

from __future__ import annotations

import http.client
import json
import math
import os
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode, urlsplit, urlunsplit

from kg.ask.query import QueryError

__all__ = ["RemoteError", "PushResult", "check_url", "check_timeout", "store_url", "query_url", "sparql_request",
           "sparql_json", "put_graph", "push", "DEFAULT_TIMEOUT", "DEFAULT_MAX_ANSWER"]

DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_ANSWER = 1024 ** 3  # bytes of one answer
_CHUNK = 1024 * 1024
_LOOPBACK = ("localhost", "127.0.0.1", "::1")


class RemoteError(QueryError):
    """A request to the server that failed, with a message for the user."""


def check_url(url: str) -> str:
    """`url` if it is an http(s) URL with a host, written in printable ASCII (what HTTP can send: other
    characters percent-encoded); RemoteError otherwise (no file: or other schemes)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        host = None
    if not host or parts.scheme not in ("http", "https"):
        raise RemoteError(f"not an http(s) URL: {url!r}")
    if not (url.isascii() and url.isprintable()) or " " in url:
        raise RemoteError(f"not an http(s) URL: {url!r} (percent-encode spaces and characters outside ASCII)")
    return url


def check_timeout(timeout: float) -> float:
    """`timeout` if it is a positive, finite number of seconds; RemoteError otherwise."""
    if not (isinstance(timeout, (int, float)) and timeout > 0 and math.isfinite(timeout)):
        raise RemoteError(f"the timeout must be a positive number of seconds, not {timeout}")
    return float(timeout)


GRAPH_STORES = ("/store", "/sparql-graph-crud")  # Oxigraph's Graph Store Protocol path, Virtuoso's
QUERY_PATHS = {"/store": "/query", "/sparql-graph-crud": "/sparql"}  # the query URL beside each


def store_url(endpoint: str) -> str:
    """The Graph Store Protocol URL for `endpoint`: a URL whose path ends in /store (Oxigraph) or
    /sparql-graph-crud (Virtuoso) as it is; the server's root (`http://HOST:PORT`) or its query/update
    endpoint (`.../query`, `.../sparql`, `.../update`) give `.../store`, the layout of an Oxigraph server."""
    parts = urlsplit(check_url(endpoint))
    path = parts.path.rstrip("/")
    if not path.endswith(GRAPH_STORES):
        head, _, last = path.rpartition("/")
        path = (head if last in ("query", "sparql", "update") else path) + "/store"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def query_url(endpoint: str) -> str:
    """The SPARQL query URL of the server `kg push` loads through `endpoint` (see `store_url`): `.../query`
    beside Oxigraph's `.../store`, `.../sparql` beside Virtuoso's `.../sparql-graph-crud`."""
    store = store_url(endpoint)
    for tail, query in QUERY_PATHS.items():
        if store.endswith(tail):
            return store[: -len(tail)] + query
    raise AssertionError(store)  # store_url ends in one of GRAPH_STORES


# -- one request under one deadline -------------------------------------------------------------------

class _Deadline:
    """The wall-clock deadline of one request: the sockets it opens are shut down when it passes, which
    ends any read or write blocked on them at once (urllib's own timeout bounds each socket call only)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        """Seconds left (a little more than none once past, so that a call fails on its own at once)."""
        return max(self.end - time.monotonic(), 0.001)

    def watch(self, sock: socket.socket) -> None:
        """Shut `sock` down at the deadline (a duplicate of its descriptor is kept, as TLS detaches it)."""
        dup = socket.socket(fileno=os.dup(sock.fileno()))
        with self._lock:  # shut down and closed under the lock: never a descriptor number reused meanwhile
            self._socks.append(dup)
            if self.expired:
                self._shutdown(dup)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._socks:
                self._shutdown(sock)

    @staticmethod
    def _shutdown(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            self.expired = self.expired or time.monotonic() >= self.end
            for sock in self._socks:
                sock.close()
            self._socks = []


def _watched(base: type, deadline: _Deadline) -> Callable[..., http.client.HTTPConnection]:
    """A connection class like `base` whose sockets `deadline` watches and whose connect waits at most
    the time left."""

    class Watched(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)

            def create(address: Any, timeout: Any = None, source_address: Any = None) -> socket.socket:
                sock = socket.create_connection(address, deadline.left(), source_address)
                deadline.watch(sock)
                return sock

            self._create_connection = create

    return Watched


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPConnection, self.deadline), req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPSConnection, self.deadline), req,
                            context=self._context, check_hostname=self._check_hostname)  # type: ignore[attr-defined]  # HTTPSHandler's own, not in typeshed


class _Redirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise RemoteError(f"{req.get_method()} {unquote(req.full_url)}: redirected to {newurl[:200]!r}, "
                              "not an http(s) URL")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _request(request: urllib.request.Request, timeout: float, max_answer: int) -> tuple[str, bytes]:
    """Send `request` and read its whole answer, all within `timeout` seconds of wall-clock time and
    `max_answer` bytes; (content type without parameters, body). RemoteError for anything else."""
    url = unquote(request.full_url)  # for messages
    deadline = _Deadline(check_timeout(timeout))
    error: RemoteError | None
    try:
        with _open(request, deadline) as response:
            ctype = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            body = _read(response, url, max_answer)
    except RemoteError as exc:
        error = exc
    except (OSError, http.client.HTTPException, ValueError) as exc:  # the answer broke off
        error = RemoteError(f"{url}: the answer broke off ({type(exc).__name__})")
    else:
        error = None
    finally:
        deadline.close()
    if deadline.expired:  # whatever happened was the socket being shut down, or came too late
        raise RemoteError(f"{url} did not answer within {timeout:g} s") from None
    if error is not None:
        raise error from None
    return ctype, body


def _read(response: http.client.HTTPResponse, url: str, max_answer: int) -> bytes:
    """The body of `response`, or RemoteError as soon as it is longer than `max_answer` bytes."""
    too_large = f"{url} answered more than {max_answer:,} bytes"
    length = response.headers.get("Content-Length")
    if length is not None and length.strip().isdigit() and int(length) > max_answer:
        raise RemoteError(too_large)
    body = bytearray()
    while True:
        chunk = response.read(min(_CHUNK, max_answer + 1 - len(body)))
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > max_answer:
            raise RemoteError(too_large)


def _open(request: urllib.request.Request, deadline: _Deadline) -> http.client.HTTPResponse:
    parts = urlsplit(request.full_url)
    url = unquote(request.full_url)  # for messages
    server = f"{parts.scheme}://{parts.netloc}"
    handlers: list[Any] = [_HTTP(deadline), _HTTPS(deadline), _Redirects()]
    if (parts.hostname or "") in _LOOPBACK:
        handlers.append(urllib.request.ProxyHandler({}))
    try:
        return urllib.request.build_opener(*handlers).open(request, timeout=deadline.left())
    except urllib.error.HTTPError as exc:
        with exc:
            try:
                detail = exc.read(500).decode("utf-8", "replace").strip().splitlines()
            except Exception:
                detail = []
        text = f": {detail[0][:300]}" if detail else ""
        raise RemoteError(f"{request.get_method()} {url}: HTTP {exc.code} {exc.reason}{text}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            raise RemoteError(f"cannot connect to {server}: connection refused (is the SPARQL server running?)") from None
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise RemoteError(f"{url} did not answer within {deadline.seconds:g} s") from None
        raise RemoteError(f"cannot reach {server}: {reason}") from None
    except TimeoutError:
        raise RemoteError(f"{url} did not answer within {deadline.seconds:g} s") from None
    except OSError as exc:
        raise RemoteError(f"cannot reach {server}: {exc}") from None


def sparql_request(url: str, query: str, accept: str, timeout: float = DEFAULT_TIMEOUT,
                   default_graph: str | None = None, max_answer: int = DEFAULT_MAX_ANSWER) -> tuple[str, bytes]:
    """POST `query` to the query endpoint `url` as a form (`query=`, and `default-graph-uri=` when
    `default_graph` is given), the one kind of POST every SPARQL 1.1 server takes (Virtuoso 7 never
    answers a direct application/sparql-query POST); (content type, body)."""
    fields = [("query", query)] + ([("default-graph-uri", default_graph)] if default_graph else [])
    try:
        data = urlencode(fields).encode("ascii")
    except UnicodeEncodeError:  # a lone surrogate
        raise RemoteError("the query holds a lone surrogate, which is not a character") from None
    request = urllib.request.Request(check_url(url), data=data, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded",
                                              "Accept": accept})
    return _request(request, timeout, max_answer)


def sparql_json(url: str, query: str, timeout: float = DEFAULT_TIMEOUT) -> list[dict[str, str]]:
    """The rows of the SELECT `query` at `url`, as {variable: value} dicts (SPARQL 1.1 JSON results);
    RemoteError for an answer of another kind or shape."""
    ctype, body = sparql_request(url, query, "application/sparql-results+json", timeout)
    if ctype not in ("application/sparql-results+json", "application/json"):
        raise RemoteError(f"{url} answered with {ctype or 'no content type'}, not SPARQL JSON results")
    try:
        rows = json.loads(body)["results"]["bindings"]
        return [{str(k): str(v["value"]) for k, v in row.items()} for row in rows]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RemoteError(f"{url} answered with malformed SPARQL JSON results ({type(exc).__name__})") from None


def put_graph(store: str, graph: str | None, body: bytes | Path, content_type: str = "application/n-triples",
              timeout: float = DEFAULT_TIMEOUT) -> None:
    """Replace the graph `graph` (an IRI; None: the default graph) at the Graph Store Protocol URL
    `store` with `body` (bytes, or a file streamed from disk)."""
    target = f"{store}?default" if graph is None else f"{store}?graph={quote(graph, safe='')}"
    if isinstance(body, Path):
        with body.open("rb") as fh:
            request = urllib.request.Request(target, data=fh, method="PUT", headers={
                "Content-Type": content_type, "Content-Length": str(body.stat().st_size)})
            _request(request, timeout, 1024 * 1024)
    else:
        request = urllib.request.Request(target, data=body, method="PUT", headers={"Content-Type": content_type})
        _request(request, timeout, 1024 * 1024)


@dataclass
class PushResult:
    store: str
    graphs: int
    triples: int
    default_graph: bool
    union_graph: str | None = None
    verified: str | None = None  # the query URL that confirmed every graph's triple count


VERIFY_BATCH = 100  # graphs counted by one query


def verify(url: str, sent: dict[str | None, int], timeout: float = DEFAULT_TIMEOUT) -> None:
    """Ask the query endpoint `url` how many triples each graph of `sent` (IRI, None: the default graph
    -> triples sent) holds; RemoteError unless every count is the number sent."""
    held: dict[str | None, int] = {}
    names = sorted(g for g in sent if g is not None)
    try:
        for i in range(0, len(names), VERIFY_BATCH):
            values = " ".join(f"<{g}>" for g in names[i:i + VERIFY_BATCH])
            query = f"SELECT ?g (COUNT(*) AS ?c) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
            for row in sparql_json(url, query, timeout):
                held[row["g"]] = int(row["c"])
        if None in sent:
            rows = sparql_json(url, "SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }", timeout)
            held[None] = int(rows[0]["c"]) if rows else 0
    except (KeyError, ValueError, IndexError) as exc:
        raise RemoteError(f"{url} answered a triple count with malformed results ({type(exc).__name__})") from None
    wrong = [g for g in sorted(sent, key=lambda g: g or "") if held.get(g, 0) != sent[g]]
    if wrong:
        first = wrong[0]
        where = "the default graph" if first is None else f"<{first}>"
        more = f" (and {len(wrong) - 1} other graph{'s' if len(wrong) > 2 else ''})" if len(wrong) > 1 else ""
        raise RemoteError(f"the server did not keep what was pushed: {where} holds {held.get(first, 0)} triples "
                          f"at {url}, {sent[first]} were sent{more}")


def push(source, endpoint: str, default_graph: bool = True, timeout: float = DEFAULT_TIMEOUT,
         progress: Callable[[str], None] | None = None, union_graph: str | None = None,
         check: bool = True) -> PushResult:
    """Load the pyoxigraph store `source` (named graphs plus the union in the default graph, as
    `kg.ask.oxigraph.load_dataset` writes it) into the server at `endpoint` (see `store_url`). The union
    goes to the server's default graph, or with `union_graph` (an IRI) to that named graph: for a
    server whose default graph is every graph it holds, its own included (Virtuoso). With `check`,
    the triple count of every graph is then asked at `query_url(endpoint)` (`verify`)."""
    import pyoxigraph as ox

    check_timeout(timeout)
    target = store_url(endpoint)
    from kg.ask.stamp import STAMP_GRAPH

    names = sorted((g for g in source.named_graphs() if g.value != STAMP_GRAPH), key=lambda g: str(g))
    sent: dict[str | None, int] = {}
    for name in names:
        if not isinstance(name, ox.NamedNode):
            continue
        data = source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
        put_graph(target, name.value, data, timeout=timeout)
        sent[name.value] = data.count(b"\n")  # one triple a line
        if progress:
            progress(name.value)
    if default_graph:
        fd, tmp = tempfile.mkstemp(prefix="kg-push-", suffix=".nt")
        os.close(fd)
        try:
            source.dump(tmp, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            put_graph(target, union_graph, Path(tmp), timeout=timeout)
            with open(tmp, "rb") as fh:
                sent[union_graph] = sum(1 for _ in fh)
        finally:
            os.unlink(tmp)
    triples = int(next(iter(source.query("SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }")))[0].value)
    verified = None
    if check:
        verified = query_url(endpoint)
        verify(verified, sent, timeout)
    return PushResult(target, len(names), triples, default_graph, union_graph, verified)
