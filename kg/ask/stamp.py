"""The stamp of a build: which graph.ttl the Oxigraph store beside it holds.

`kg build` writes, into its build folder, graph.ttl, an on-disk Oxigraph store of the same build
(`store/`) and `stamp.json`: the SHA-256 of graph.ttl with its size and modification time. The digest
is also a statement in the store (`kgr:graph/build dcterms:identifier "sha256:..."` in the named graph
`kgr:graph/build`, outside the union every query reads). A reader given graph.ttl opens the store only
when both agree and graph.ttl is still the file the stamp describes (size and modification time, so
no reader hashes the file again); otherwise it parses graph.ttl and says why, once (`matching_store`).
Nothing here imports rdflib: `kg who-met` reads a store without it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from kg.model import iris

__all__ = ["STAMP", "STORE", "STAMP_GRAPH", "file_digest", "write_stamp", "stamp_store", "store_digest",
           "matching_store", "fallback_note"]

STAMP = "stamp.json"
STORE = "store"
STAMP_GRAPH = iris.resource_base("graph") + "build"  # the named graph holding the digest in the store
_IDENTIFIER = f"{iris.DCTERMS}identifier"
_NOTED: set[str] = set()


def file_digest(path: Path) -> str:
    """`sha256:` and the hex SHA-256 of the file at `path`."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return f"sha256:{h.hexdigest()}"


def write_stamp(folder: Path, graph_name: str = "graph.ttl") -> str:
    """Write `folder`/stamp.json for the graph `folder`/`graph_name`; returns its digest."""
    path = folder / graph_name
    digest = file_digest(path)
    st = path.stat()
    stamp = {"graph": graph_name, "digest": digest, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    (folder / STAMP).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    return digest


def stamp_store(store: Any, digest: str) -> None:
    """Record `digest` in the pyoxigraph `store` (in its own named graph, replacing an earlier one)."""
    import pyoxigraph as ox

    graph = ox.NamedNode(STAMP_GRAPH)
    if store.contains_named_graph(graph):
        store.clear_graph(graph)
    store.add(ox.Quad(graph, ox.NamedNode(_IDENTIFIER), ox.Literal(digest), graph))


def store_digest(store: Any) -> str | None:
    """The digest recorded in a pyoxigraph `store`, or None."""
    import pyoxigraph as ox

    graph = ox.NamedNode(STAMP_GRAPH)
    for quad in store.quads_for_pattern(graph, ox.NamedNode(_IDENTIFIER), None, graph):
        return quad.object.value
    return None


def matching_store(graph_path: Path) -> tuple[Any | None, str]:
    """The build's store beside `graph_path`, opened read-only, when it holds exactly that graph; else
    None and why not (a sentence for the user)."""
    path = Path(graph_path).resolve()
    folder = path.parent
    try:
        stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
        st = path.stat()
    except (OSError, ValueError):
        return None, f"no build stamp ({STAMP}) beside it"
    if not isinstance(stamp, dict) or stamp.get("graph") != path.name:
        return None, f"the build stamp ({STAMP}) beside it is for another file"
    if (stamp.get("size"), stamp.get("mtime_ns")) != (st.st_size, st.st_mtime_ns):
        return None, f"{path.name} changed after its build"
    store_dir = folder / STORE
    if not (store_dir / "CURRENT").is_file():
        return None, f"no store beside it ({STORE}/)"
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(str(store_dir))
        found = store_digest(store)
    except OSError as exc:
        return None, f"its store cannot be opened ({exc})"
    if found != stamp.get("digest"):
        return None, "its store holds another build"
    return store, ""


def fallback_note(graph_path: Path, why: str) -> None:
    """Say once per process, on stderr, that `graph_path` is parsed because no store matches it; only for
    the output of a build (report.json beside it): another Turtle file is simply read."""
    path = Path(graph_path)
    if str(path) in _NOTED or not (path.resolve().parent / "report.json").is_file():
        return
    _NOTED.add(str(path))
    print(f"note: parsing {path} ({why}); `kg build` writes a store beside it that opens at once",
          file=sys.stderr)
