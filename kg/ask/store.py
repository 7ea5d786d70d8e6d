"""Where a graph is read from: a Turtle file, an on-disk Oxigraph store, or a remote SPARQL 1.1 server.

`open_graph(graph_path=..., store_dir=... or endpoint=...)` gives an `rdflib.Graph` in all three
cases, so the rest of kg (rdflib's Graph API and `kg.ask.query.run_query`) works unchanged:

- **File**: the Turtle the build wrote, parsed into rdflib's in-memory store (as before).
- **Store** (`kg build --store DIR`): a pyoxigraph (RocksDB) store opened read-only, wrapped by an
  oxrdflib store (`kg.ask.oxigraph.KgOxigraphStore`), no Turtle parsing. The graph kg reads is its
  default graph, a copy of the union of the build's named graphs (kg.ask.oxigraph says why a copy).
- **Endpoint**: rdflib's `SPARQLStore` (read-only) over a SPARQL 1.1 Protocol URL
  (`kg.ask.endpoint.KgSPARQLStore`).

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
(kg.ask.querybase) such threads exist at once, beyond that queries are refused as busy.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import ResultRow
from rdflib.term import Node

from kg.ask.endpoint import KgSPARQLStore
from kg.ask.oxigraph import KgOxigraphStore, StoreError, dataset_file, load_dataset, open_store
from kg.ask.query import prefixed_graph
from kg.ask.terms import converter
from kg.model.ns import bind_prefixes

__all__ = ["ENGINES", "open_graph", "load_memory", "load_bytes", "source_store", "write_nquads", "local_copy"]

ENGINES = ("oxigraph", "rdflib")  # what loads a Turtle file (open_graph)


def source_store(graph_path: Path | None = None, store_dir: Path | None = None):
    """A pyoxigraph store holding a build, for `kg push`: the store at `store_dir` (read-only), or
    the build at `graph_path` loaded into memory."""
    if store_dir is not None:
        return open_store(Path(store_dir))
    nq = dataset_file(Path(graph_path or "out/graph.ttl"))
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
        convert = converter()
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
