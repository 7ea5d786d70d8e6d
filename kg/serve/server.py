"""`kg serve`: the built graph as a read-only SPARQL 1.1 Protocol endpoint, with a query page.

Standard library only (`http.server.ThreadingHTTPServer`) over one rdflib Graph loaded once.

- `/sparql`: the SPARQL 1.1 Protocol's query operation, named queries included (the requests it reads
  and refuses: kg.serve.protocol). Every query goes through `kg.ask.query.run_query` (updates, SERVICE
  and FROM/FROM NAMED refused; each query runs in a forked child that is killed at the timeout); a query
  that cannot run gets 400 with the reason as text/plain; when `max_concurrent` queries are already
  running the answer is 503 at once (never an unbounded queue). Results by content negotiation (Accept,
  kg.serve.protocol.negotiate).
- `/profile?iri=<person IRI>`: the person's profile page (kg.draw.profile_page), with its own CSP.
- `/`: the query page, from a fixed whitelist of files in `kg/serve/static/` (no path is ever joined
  from the request); `/queries`: the named queries as JSON; `/prefixes`: kg's prefixes as JSON;
  `/labels` (POST a JSON list of IRIs): the names the page shows for them (kg.model.vocabulary).

Every query runs in a forked child process under wall-clock, CPU and memory limits (kg.extract.sandbox): a
query that crashes the engine or runs away costs that child, never the server, and its slot is freed
only when the child is dead.

Every response carries a strict Content-Security-Policy and `X-Content-Type-Options: nosniff`. The
server binds to 127.0.0.1 by default, and while bound to loopback it answers only requests whose Host
is a loopback name (so a web page cannot reach it through DNS rebinding). Requests that a browser
marks as coming from another site are refused (403): a `Sec-Fetch-Site` other than `same-origin` or
`none`, or an `Origin` other than the server's own. A page elsewhere can still send a "simple" POST
without preflight, but the browser tells where it came from, and this server then does nothing.
"""

from __future__ import annotations

import collections
import ipaddress
import json
import math
import re
import sys
import threading
import time
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from rdflib import Graph

from kg.ask.query import DEFAULT_TIMEOUT, QueryError, QueryResult, format_result, run_query
from kg.ask.querybase import UPDATE_REFUSED
from kg.extract.sandbox import DEFAULT_MEMORY
from kg.serve.protocol import (
    BOOLEAN_TYPES,
    GRAPH_TYPES,
    SOLUTION_TYPES,
    HTTPError,
    negotiate,
    parse_request,
    query_params,
    utf8,
)

__all__ = ["SparqlServer", "make_server", "serve", "CSP", "MAX_BODY", "MAX_QUERY_CHARS", "STATIC_FILES"]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
       "img-src 'self' data:; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
MAX_BODY = 1024 * 1024  # bytes of a request body
MAX_QUERY_CHARS = 100_000  # characters of one query
MAX_LABELS = 5000  # IRIs in one /labels request
_IRI = re.compile(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]{1,2000}")

# URL path -> (file in kg/serve/static/, content type): the only files the server ever reads for a page
STATIC_FILES: dict[str, tuple[str, str]] = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/static/style.css": ("style.css", "text/css; charset=utf-8"),
}

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """The host name of a Host header, without the port ("[::1]:7878" -> "::1")."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class SparqlServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer holding the graph, the limits and a log of the paths requested."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 256  # a burst of clients waits in the listen queue instead of being reset

    def __init__(self, address: tuple[str, int], graph: Graph, timeout: float = DEFAULT_TIMEOUT,
                 max_concurrent: int = 4, max_body: int = MAX_BODY, max_query_chars: int = MAX_QUERY_CHARS,
                 verbose: bool = False, memory: int | None = DEFAULT_MEMORY, merges: list[dict[str, Any]] | None = None):
        if not timeout or timeout <= 0 or not math.isfinite(timeout):
            raise ValueError("timeout must be a positive number of seconds")
        if max_concurrent < 1:
            raise ValueError("max_concurrent must be at least 1")
        self.graph = graph
        self.query_timeout = float(timeout)
        self.max_concurrent = max_concurrent
        self.slots = threading.BoundedSemaphore(max_concurrent)
        self.max_body = max_body
        self.max_query_chars = max_query_chars
        self.memory = memory
        self.verbose = verbose
        self.merges = merges  # the build's merges.json, for the profiles' merge decisions
        self._people: Any = None
        self._people_lock = threading.Lock()
        self.loopback_only = _is_loopback(address[0])
        self.request_log: collections.deque[tuple[str, str]] = collections.deque(maxlen=10_000)
        self.static = {name: resources.files("kg.serve").joinpath("static", name).read_bytes()
                       for name, _ in set(STATIC_FILES.values())}
        super().__init__(address, SparqlHandler)

    def person_index(self) -> Any:
        """The graph's kg.ask.lookup.PersonIndex, made at the first profile asked for."""
        with self._people_lock:
            if self._people is None:
                from kg.ask.lookup import PersonIndex

                self._people = PersonIndex(self.graph)
            return self._people

    @property
    def url(self) -> str:
        host, port = cast("tuple[str, int]", self.server_address[:2])  # a TCP server's (typeshed: str | bytes)
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/"


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql"
    sys_version = ""
    timeout = 30  # seconds a client may take to send its request
    protocol_version = "HTTP/1.0"

    # -- plumbing ---------------------------------------------------------------------------------

    page_csp: str | None = None  # a page's own policy (a profile page's inline script and style, by hash)

    def end_headers(self) -> None:
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, f"{self.page_csp}; frame-ancestors 'none'" if name == "Content-Security-Policy"
                             and self.page_csp else value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        if self.server.verbose:
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes | str, content_type: str, headers: dict[str, str] | None = None,
              head_only: bool = False) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head_only and self.command != "HEAD":
            self.wfile.write(data)

    def _send_text(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, message.rstrip("\n") + "\n", "text/plain; charset=utf-8", headers)

    def _handle(self, method: str) -> None:
        split = urlsplit(self.path)
        self.server.request_log.append((method, split.path))
        try:
            if self.server.loopback_only and _host_name(self.headers.get("Host", "")) not in LOOPBACK_NAMES:
                raise HTTPError(HTTPStatus.FORBIDDEN, "this server answers only requests addressed to "
                                                      "127.0.0.1 or localhost")
            self._same_origin()
            if split.path == "/sparql":
                if method not in ("GET", "POST"):
                    raise HTTPError(HTTPStatus.METHOD_NOT_ALLOWED, "use GET or POST on /sparql",
                                    {"Allow": "GET, POST"})
                self._sparql(method, split.query)
            elif split.path == "/labels":
                if method != "POST":
                    raise HTTPError(HTTPStatus.METHOD_NOT_ALLOWED, "POST a JSON list of IRIs to /labels",
                                    {"Allow": "POST"})
                self._labels()
            elif method == "POST":
                raise HTTPError(HTTPStatus.METHOD_NOT_ALLOWED, "POST is only for /sparql and /labels",
                                {"Allow": "GET, HEAD"})
            elif split.path == "/queries":
                self._send(HTTPStatus.OK, json.dumps(self._named(), ensure_ascii=False, indent=1),
                           "application/json; charset=utf-8")
            elif split.path == "/prefixes":
                from kg.model.ns import PREFIXES

                self._send(HTTPStatus.OK, json.dumps({k: str(v) for k, v in PREFIXES.items()}),
                           "application/json; charset=utf-8")
            elif split.path == "/profile":
                self._profile(split.query)
            elif split.path in STATIC_FILES:
                name, content_type = STATIC_FILES[split.path]
                self._send(HTTPStatus.OK, self.server.static[name], content_type)
            else:
                raise HTTPError(HTTPStatus.NOT_FOUND, "not found")
        except HTTPError as exc:
            self._send_text(exc.status, exc.message, exc.headers)
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception:  # a bug: log it, tell the client without details
            traceback.print_exc(file=sys.stderr)
            try:
                self._send_text(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error (see the server's log)")
            except OSError:
                pass

    def _same_origin(self) -> None:
        """Refuse a request a browser says comes from another site (see the module docstring)."""
        site = self.headers.get("Sec-Fetch-Site")
        if site is not None and site.strip().lower() not in ("same-origin", "none"):
            raise HTTPError(HTTPStatus.FORBIDDEN, "cross-site requests are refused: open the query page of this "
                                                  "server, or use a client that is not a web page")
        origin = self.headers.get("Origin")
        if origin is not None and not self._own_origin(origin.strip()):
            raise HTTPError(HTTPStatus.FORBIDDEN, "requests from other origins are refused")

    def _own_origin(self, origin: str) -> bool:
        split = urlsplit(origin)
        if split.scheme != "http" or split.hostname is None:
            return False
        try:
            port = split.port or 80
        except ValueError:
            return False
        host = _host_name(self.headers.get("Host", ""))
        own_port = self.server.server_address[1]
        return port == own_port and split.hostname.lower() == host and (
            not self.server.loopback_only or split.hostname.lower() in LOOPBACK_NAMES)

    def do_GET(self) -> None:  # noqa: N802 (http.server's names)
        self._handle("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle("HEAD")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def _other(self) -> None:
        self.server.request_log.append((self.command, urlsplit(self.path).path))
        self._send_text(HTTPStatus.METHOD_NOT_ALLOWED, "method not allowed", {"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _other  # noqa: N815

    # -- named queries ----------------------------------------------------------------------------

    @staticmethod
    def _named() -> list[dict[str, Any]]:
        from kg.ask.named import load_named

        return [{"name": q.name, "title": q.title, "description": q.description,
                 "params": [{"name": n, "type": t} for n, t in q.params], "text": q.text}
                for q in load_named().values()]

    def _labels(self) -> None:
        """POST /labels: a JSON list of at most MAX_LABELS IRIs -> {IRI: {"label", "person"}}
        (kg.model.vocabulary.display_labels), for the query page to show names instead of IRIs."""
        from kg.model.vocabulary import display_labels

        try:
            iris = json.loads(utf8(self._body()))
        except ValueError:
            raise HTTPError(HTTPStatus.BAD_REQUEST, "send a JSON list of IRIs") from None
        if not isinstance(iris, list) or len(iris) > MAX_LABELS or not all(
                isinstance(i, str) and _IRI.fullmatch(i) for i in iris):
            raise HTTPError(HTTPStatus.BAD_REQUEST, f"send a JSON list of at most {MAX_LABELS} IRIs")
        body = json.dumps(display_labels(self.server.graph, dict.fromkeys(iris)), ensure_ascii=False)
        self._send(HTTPStatus.OK, body, "application/json; charset=utf-8")

    # -- a person's profile page -------------------------------------------------------------------

    def _profile(self, url_query: str) -> None:
        """`/profile?iri=<person IRI>[&lang=en|zh|ru]`: the page `kg profile` writes (kg.draw.profile_page), its
        links to other people's profiles on this server; 404 for an IRI that is not a person here."""
        from rdflib import URIRef

        from kg.ask.person import profile
        from kg.draw.profile_page import page_csp, render_profile, serve_href
        from kg.model.ontology import LANGS

        params = query_params(url_query)
        iri, lang = (params.get("iri") or [""])[0], (params.get("lang") or ["en"])[0]
        if lang not in LANGS:
            raise HTTPError(HTTPStatus.BAD_REQUEST, f"lang must be one of {', '.join(LANGS)}")
        index = self.server.person_index()
        if not iri or URIRef(iri) not in index.people:
            raise HTTPError(HTTPStatus.NOT_FOUND, "no person with that IRI in this graph (give ?iri=<person IRI>)")
        if not self.server.slots.acquire(blocking=False):
            raise HTTPError(HTTPStatus.SERVICE_UNAVAILABLE, "busy: too many queries running; try again shortly",
                            {"Retry-After": "1"})
        try:
            p = profile(self.server.graph, URIRef(iri), index, self.server.merges, timeout=self.server.query_timeout)
        except QueryError as exc:
            raise HTTPError(HTTPStatus.SERVICE_UNAVAILABLE, f"the profile could not be gathered: {exc}") from None
        finally:
            self.server.slots.release()
        page = render_profile(p, lang, serve_href)
        self.page_csp = page_csp()
        self._send(HTTPStatus.OK, page, "text/html; charset=utf-8")

    # -- the SPARQL protocol ----------------------------------------------------------------------

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raise HTTPError(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length")
        length = self.headers.get("Content-Length")
        if length is None:
            raise HTTPError(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
        try:
            size = int(length)
        except ValueError:
            raise HTTPError(HTTPStatus.BAD_REQUEST, "bad Content-Length") from None
        if size < 0:
            raise HTTPError(HTTPStatus.BAD_REQUEST, "bad Content-Length")
        if size > self.server.max_body:
            self.close_connection = True
            self._drain(size)
            raise HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                            f"request body too large: {size} bytes (at most {self.server.max_body})")
        return self.rfile.read(size)

    def _drain(self, size: int, limit: int = 16 * 1024 * 1024) -> None:
        """Read and drop a refused body (up to `limit`), so that closing the connection does not reset it
        before the client has read the answer."""
        left = min(size, limit)
        try:
            while left > 0:
                chunk = self.rfile.read(min(left, 65536))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass

    def _sparql(self, method: str, url_query: str) -> None:
        request = parse_request(method, url_query, self.headers.get("Content-Type", ""), self._body,
                                self.server.max_query_chars)
        bindings: dict[str, Any] = {}
        if request.named is not None:  # its parameters bound as RDF terms, never pasted into the text
            from kg.ask.named import bind_params

            try:
                bindings = bind_params(self.server.graph, request.named, request.values)
            except QueryError as exc:
                raise HTTPError(HTTPStatus.BAD_REQUEST, str(exc)) from None
        if not self.server.slots.acquire(blocking=False):
            raise HTTPError(HTTPStatus.SERVICE_UNAVAILABLE,
                            f"busy: {self.server.max_concurrent} queries are already running; try again shortly",
                            {"Retry-After": "1"})
        try:
            started = time.monotonic()
            res = run_query(self.server.graph, request.query, bindings, timeout=self.server.query_timeout,
                            memory=self.server.memory)
        except QueryError as exc:
            message = str(exc)
            status = HTTPStatus.FORBIDDEN if message.startswith(UPDATE_REFUSED) else HTTPStatus.BAD_REQUEST
            raise HTTPError(status, message) from None
        finally:
            self.server.slots.release()
        self._send_result(res, time.monotonic() - started)

    def _send_result(self, res: QueryResult, elapsed: float) -> None:
        accept = self.headers.get("Accept")
        offers = GRAPH_TYPES if res.graph is not None else BOOLEAN_TYPES if res.kind == "ASK" else SOLUTION_TYPES
        chosen = negotiate(accept, offers)
        if chosen is None:
            raise HTTPError(HTTPStatus.NOT_ACCEPTABLE,
                            f"the result of this {res.kind} query can be sent as: " + ", ".join(o[0] for o in offers))
        _, fmt, content_type = chosen
        if res.graph is not None:
            body = res.graph.serialize(format=fmt)
        else:
            body = format_result(res, fmt)
            if fmt == "csv":
                body += "\n"
        self._send(HTTPStatus.OK, body, content_type,
                   {"Vary": "Accept", "X-Query-Seconds": f"{elapsed:.3f}"})


def make_server(graph: Graph, host: str = "127.0.0.1", port: int = 0, timeout: float = DEFAULT_TIMEOUT,
                max_concurrent: int = 4, *, max_body: int = MAX_BODY, max_query_chars: int = MAX_QUERY_CHARS,
                verbose: bool = False, memory: int | None = DEFAULT_MEMORY,
                merges: list[dict[str, Any]] | None = None) -> SparqlServer:
    """A server over `graph`, bound to host:port (port 0: any free port; see `server.url`), not yet
    serving: call `serve_forever()` (in a thread if need be) and `shutdown()`/`server_close()`."""
    return SparqlServer((host, port), graph, timeout=timeout, max_concurrent=max_concurrent,
                        max_body=max_body, max_query_chars=max_query_chars, verbose=verbose, memory=memory,
                        merges=merges)


def serve(graph_path: Graph | Path | str, host: str = "127.0.0.1", port: int = 7878,
          timeout: float = DEFAULT_TIMEOUT, memory: int | None = DEFAULT_MEMORY,
          merges: list[dict[str, Any]] | None = None) -> None:
    """Serve a graph (a Graph, or the path of a Turtle file) until Ctrl-C, printing the URL; `merges`
    (the build's merges.json) completes the profiles' merge decisions."""
    graph = graph_path if isinstance(graph_path, Graph) else Graph().parse(Path(graph_path), format="turtle")
    server = make_server(graph, host, port, timeout, verbose=True, memory=memory, merges=merges)
    if not server.loopback_only:
        print(f"warning: bound to {host}, not loopback: anyone who can reach this address can query the graph",
              file=sys.stderr)
    print(f"kg: {len(graph)} triples; query page {server.url}  SPARQL endpoint {server.url}sparql  "
          f"(Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.server_close()
