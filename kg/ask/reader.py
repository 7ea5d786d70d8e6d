"""A build's Oxigraph store answering kg's own queries in plain strings, without rdflib.

`kg who-met NAME` over the store of the last build (kg.ask.stamp) needs no rdflib Graph: the person index,
the who-met rows, the place labels and the documents' facts come from this reader, and the values are
the strings the rdflib path would print (`str(term)`): IRIs, and literals' lexical forms. Only kg's own
query texts run here (files in queries/ and the texts below), so they need no check by rdflib's parser;
bound values are IRIs written into a VALUES block (kg.ask.querybase.bind_values), never pasted text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kg.ask.querybase import QueryError, bind_values, with_timeout
from kg.model import iris

__all__ = ["StoreReader", "open_reader", "write_people", "PEOPLE"]

PEOPLE = "people.json"

_IRI = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_PREFIXES = {**iris.PREFIXES, "rdf": iris.RDF}


def _iri_text(value: str) -> str:
    if not _IRI.fullmatch(value):
        raise QueryError(f"cannot bind {value!r}: not an IRI")
    return f"<{value}>"


class StoreReader:
    """Plain-string answers from a pyoxigraph store holding a build (the union in its default graph)."""

    def __init__(self, store: Any, folder: Path | None = None) -> None:
        import pyoxigraph as ox

        self.store = store
        self.folder = folder  # the build folder, where `people.json` caches the person index
        self._ox = ox
        self._people: list[list[Any]] | None = None

    def people(self) -> list[list[Any]] | None:
        """The person records the build wrote (`write_people`), or None; read once (at 10M triples it is
        7 MB of JSON, and the meeting index reads it for the person index and for the names)."""
        if self.folder is None:
            return None
        if self._people is None:
            try:
                self._people = json.loads((self.folder / PEOPLE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
        return self._people

    def rows(self, text: str, bindings: Mapping[str, str] | None = None,
             timeout: float | None = None) -> list[dict[str, str | None]]:
        """The solutions of the SELECT `text` with `bindings` (variable -> IRI), as dicts of strings
        (None for an unbound variable)."""
        bound = bind_values(text, dict(bindings or {}), _iri_text)

        def run() -> list[dict[str, str | None]]:
            try:
                res = self.store.query(bound, prefixes=_PREFIXES)
                names = [v.value for v in res.variables]
                out = [{n: (t.value if t is not None else None) for n, t in zip(names, sol)} for sol in res]
                del res
                return out
            except SyntaxError as exc:
                raise QueryError(f"Oxigraph cannot parse this query: {exc}") from None
            except (OSError, RuntimeError, ValueError) as exc:
                raise QueryError(f"query failed: {exc}") from None

        return with_timeout(run, timeout) if timeout else run()

    def ask(self, text: str, timeout: float | None = None) -> bool:
        """The answer to the ASK `text`."""
        def run() -> bool:
            try:
                return bool(self.store.query(text, prefixes=_PREFIXES))
            except (SyntaxError, OSError, RuntimeError, ValueError) as exc:
                raise QueryError(f"query failed: {exc}") from None

        return with_timeout(run, timeout) if timeout else run()

    def objects(self, subject: str, predicate: str) -> list[tuple[str, str]]:
        """The objects of (`subject`, `predicate`) in the union, each as (text, language tag or "")."""
        ox = self._ox
        quads = self.store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None, ox.DefaultGraph())
        return [(q.object.value, getattr(q.object, "language", None) or "") for q in quads]

    def value(self, subject: str, predicate: str) -> str | None:
        """One object of (`subject`, `predicate`), or None (as rdflib's `Graph.value`)."""
        found = self.objects(subject, predicate)
        return found[0][0] if found else None


def open_reader(graph_path: Any) -> StoreReader | None:
    """A reader of the store the build of `graph_path` wrote beside it, when it holds exactly that graph
    (kg.ask.stamp); None otherwise (the caller parses the file instead)."""
    from kg.ask.stamp import matching_store

    store, _ = matching_store(graph_path)
    return StoreReader(store, Path(graph_path).resolve().parent) if store is not None else None


def write_people(folder: Path, store_dir: Path) -> None:
    """Cache the person index of the store at `store_dir` in `folder`/people.json: the labels, name keys
    and posts every name lookup needs, and the names folded for comparison, made once at build time
    instead of by every `kg who-met`."""
    import pyoxigraph as ox

    from kg.ask.lookup import folded_names, person_records

    store = ox.Store.read_only(str(store_dir))
    records = [[iri, key, labels, sorted(alts), list(posts), sorted(terms), folded_names(labels, alts)]
               for iri, key, labels, alts, posts, terms in person_records(StoreReader(store))]
    del store
    (folder / PEOPLE).write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
