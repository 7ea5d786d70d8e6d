"""A build's Oxigraph store: `KgOxigraphStore` answers kg's queries natively, and a store directory
is written by `build_store`, opened read-only by `open_store` and filled by `load_dataset`.

The store holds the N-Quads of the build (one named graph per document, as in graph.nq) *and*, in its
default graph, the union of all of them (the triples of graph.ttl). The graph kg reads is that default
graph. Why a copy instead of a union view: Oxigraph's `use_default_graph_as_union` does not deduplicate
(a triple stated in two documents' graphs is seen twice; the seeds have 15 such triples, so COUNTs and
rows would differ from the Turtle graph), and rdflib's ConjunctiveGraph/Dataset views do not either and
change the Graph API (a Dataset iterates quads). The copy costs the disk space of the union once more
and gives exactly the RDF merge graph.ttl holds, to Oxigraph's engine, to `Graph.triples` and to
`GRAPH ?g` patterns (which see only the named graphs) alike.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Identifier, Variable

from kg.ask.query import Checked, QueryError, QueryResult, prefixed_graph
from kg.ask.querybase import bind_values, with_timeout
from kg.ask.terms import PREFIX_IRIS, from_ox, node_to_sparql, rdflib_triples, rows_from_tsv, select_tsv, to_ox
from kg.errors import KgError

__all__ = ["StoreError", "KgOxigraphStore", "is_store_dir", "open_store", "load_dataset", "dataset_file",
           "build_store"]


class StoreError(KgError):
    """A graph source that cannot be opened or written, with a message for the user."""


class KgOxigraphStore(OxigraphStore):
    """oxrdflib's store with literals as rdflib's Turtle parser gives them and native queries.

    `named_graphs`: whether it holds a build's named graphs beside their union (a --store does; a Turtle
    file loaded into memory holds the union only)."""

    named_graphs = True

    def triples(self, triple_pattern, context=None):  # type: ignore[override]
        s, p, o = triple_pattern
        try:
            pattern = [None if t is None else to_ox(t) for t in (s, p, o)]
        except QueryError:
            return iter(())
        graph = ox.DefaultGraph() if context is None or context.identifier == DATASET_DEFAULT_GRAPH_ID \
            else to_ox(context.identifier)
        if isinstance(pattern[1], (ox.BlankNode, ox.Literal)) or isinstance(pattern[0], ox.Literal):
            return iter(())
        return (((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)), iter((context,)))
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
            out.graph = prefixed_graph((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in res)
        else:
            out = Result("SELECT")
            out.vars = [Variable(v.value) for v in res.variables]
            out.bindings = [{v: from_ox(val) for v, val in zip(out.vars, sol) if val is not None} for sol in res]
        return out

    def _native(self, text: str, bindings: Mapping[str, Identifier], prefixes: Mapping[str, Any] | None = None):
        text = bind_values(text, bindings, node_to_sparql, checked=True)
        try:
            return self._inner.query(text, prefixes={**PREFIX_IRIS, **{k: str(v) for k, v in (prefixes or {}).items()}})
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
                    return QueryResult(checked.kind, graph=prefixed_graph(rdflib_triples(res)))
                names, data = select_tsv(res)
                return ("tsv", names, data) if tsv else QueryResult("SELECT", names, rows_from_tsv(data))
            finally:
                del res
        except OSError as exc:
            raise QueryError(f"cannot read the store: {exc}") from None
        except (RuntimeError, ValueError) as exc:  # an evaluation error, found while iterating
            raise QueryError(f"query failed: {exc}") from None

    def kg_query(self, checked: Checked, bindings: Mapping[str, Identifier] | None,
                 timeout: float | None) -> QueryResult:
        """Evaluate a checked query natively in this process, with a thread-based timeout (see
        kg.ask.store); used by kg.ask.query.run_query for kg's own queries."""
        return with_timeout(lambda: self._evaluate(checked, bindings, False), timeout) if timeout else \
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


def dataset_file(graph_path: Path) -> Path:
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
    nq = dataset_file(graph_path)
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
