"""Talking to a SPARQL 1.1 server over HTTP (standard library `urllib`): queries for `--endpoint`, and
`kg push`, which loads a build with the Graph Store Protocol.

`push` PUTs each named graph of the build (one per document, plus the reference, persons and
ontology graphs) to `STORE?graph=<iri>` as N-Triples, and the union of them all to `STORE?default`
(so that queries see every triple on servers whose default graph is not the union of the named
graphs, like Oxigraph's; `default_graph=False` skips it). PUT replaces a graph, so pushing the same
build twice leaves the server as it was after the first push. Graphs on the server that the build
does not have are left alone. Every request has a timeout; failures raise `RemoteError` with a
one-line message (connection refused, HTTP status and the start of the server's answer, timeout).
"""

from __future__ import annotations

import os
import socket
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import quote, unquote, urlencode, urlsplit, urlunsplit

from kg.query import QueryError

__all__ = ["RemoteError", "PushResult", "check_url", "store_url", "sparql_request", "put_graph", "push",
           "DEFAULT_TIMEOUT"]

DEFAULT_TIMEOUT = 60.0
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class RemoteError(QueryError):
    """A request to the server that failed, with a message for the user."""


def check_url(url: str) -> str:
    """`url` if it is an http(s) URL with a host; RemoteError otherwise (no file: or other schemes)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteError(f"not an http(s) URL: {url!r}")
    return url


GRAPH_STORES = ("/store", "/sparql-graph-crud")  # Oxigraph's Graph Store Protocol path, Virtuoso's


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


def _open(request: urllib.request.Request, timeout: float):
    parts = urlsplit(request.full_url)
    url = unquote(request.full_url)  # for messages
    server = f"{parts.scheme}://{parts.netloc}"
    try:
        host = parts.hostname or ""
        opener = _NO_PROXY if host in ("localhost", "127.0.0.1", "::1") else urllib.request.build_opener()
        return opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
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
            raise RemoteError(f"{url} did not answer within {timeout:g} s") from None
        raise RemoteError(f"cannot reach {server}: {reason}") from None
    except (socket.timeout, TimeoutError):
        raise RemoteError(f"{url} did not answer within {timeout:g} s") from None
    except OSError as exc:
        raise RemoteError(f"cannot reach {server}: {exc}") from None


def sparql_request(url: str, query: str, accept: str, timeout: float = DEFAULT_TIMEOUT,
                   default_graph: str | None = None) -> tuple[str, bytes]:
    """POST `query` to the query endpoint `url` as a form (`query=`, and `default-graph-uri=` when
    `default_graph` is given), the one kind of POST every SPARQL 1.1 server takes (Virtuoso 7 never
    answers a direct application/sparql-query POST); (content type, body)."""
    fields = [("query", query)] + ([("default-graph-uri", default_graph)] if default_graph else [])
    request = urllib.request.Request(check_url(url), data=urlencode(fields).encode("ascii"), method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded",
                                              "Accept": accept})
    with _open(request, timeout) as response:
        try:
            body = response.read()
        except (socket.timeout, TimeoutError):
            raise RemoteError(f"{url} did not answer within {timeout:g} s") from None
        ctype = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    return ctype, body


def put_graph(store: str, graph: str | None, body: bytes | Path, content_type: str = "application/n-triples",
              timeout: float = DEFAULT_TIMEOUT) -> None:
    """Replace the graph `graph` (an IRI; None: the default graph) at the Graph Store Protocol URL
    `store` with `body` (bytes, or a file streamed from disk)."""
    target = f"{store}?default" if graph is None else f"{store}?graph={quote(graph, safe='')}"
    if isinstance(body, Path):
        with body.open("rb") as fh:
            request = urllib.request.Request(target, data=fh, method="PUT", headers={
                "Content-Type": content_type, "Content-Length": str(body.stat().st_size)})
            _open(request, timeout).close()
    else:
        request = urllib.request.Request(target, data=body, method="PUT", headers={"Content-Type": content_type})
        _open(request, timeout).close()


@dataclass
class PushResult:
    store: str
    graphs: int
    triples: int
    default_graph: bool
    union_graph: str | None = None


def push(source, endpoint: str, default_graph: bool = True, timeout: float = DEFAULT_TIMEOUT,
         progress: Callable[[str], None] | None = None, union_graph: str | None = None) -> PushResult:
    """Load the pyoxigraph store `source` (named graphs plus the union in the default graph, as
    `kg.store.load_dataset` writes it) into the server at `endpoint` (see `store_url`). The union
    goes to the server's default graph, or with `union_graph` (an IRI) to that named graph: for a
    server whose default graph is every graph it holds, its own included (Virtuoso)."""
    import pyoxigraph as ox

    target = store_url(endpoint)
    names = sorted(source.named_graphs(), key=lambda g: str(g))
    for name in names:
        if not isinstance(name, ox.NamedNode):
            continue
        data = source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
        put_graph(target, name.value, data, timeout=timeout)
        if progress:
            progress(name.value)
    if default_graph:
        fd, tmp = tempfile.mkstemp(prefix="kg-push-", suffix=".nt")
        os.close(fd)
        try:
            source.dump(tmp, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            put_graph(target, union_graph, Path(tmp), timeout=timeout)
        finally:
            os.unlink(tmp)
    triples = int(next(iter(source.query("SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }")))[0].value)
    return PushResult(target, len(names), triples, default_graph, union_graph)
