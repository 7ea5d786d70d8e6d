"""Whether a graph was built by an older kg: its copy of kg's ontology (every build carries one) lacks terms
this kg's ontology defines, such as `kgo:Tie` or a newer event property. Queries that read such terms find
nothing in that graph and cannot say why, so the reading commands say it once, on stderr
(`older_build_note`). A graph with no copy of kg's ontology at all (another tool's graph) is not judged.
Nothing here imports rdflib: the ontology is read with pyoxigraph.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from kg.model import iris
from kg.model.ontology import ontology_dir

__all__ = ["TERMS_QUERY", "ontology_terms", "missing_terms", "older_build_note", "graph_note"]

_DEFINED_BY = "http://www.w3.org/2000/01/rdf-schema#isDefinedBy"
_ONTOLOGY = iris.KGO.rstrip("#")  # the ontology's own IRI, which its terms are rdfs:isDefinedBy
TERMS_QUERY = f"SELECT DISTINCT ?t WHERE {{ ?t <{_DEFINED_BY}> <{_ONTOLOGY}> }}"
"""The terms a graph's copy of kg's ontology defines (variable `t`)."""


@lru_cache(maxsize=1)
def ontology_terms() -> frozenset[str]:
    """The IRIs of the terms this kg's ontology (`kg.ttl`) defines."""
    import pyoxigraph as ox

    defined_by, ontology = ox.NamedNode(_DEFINED_BY), ox.NamedNode(_ONTOLOGY)
    quads = ox.parse(path=str(ontology_dir() / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    return frozenset(q.subject.value for q in quads if q.predicate == defined_by and q.object == ontology)


def missing_terms(found: Iterable[str]) -> list[str]:
    """The terms of this kg's ontology missing from `found` (a graph's, from TERMS_QUERY), sorted; none when
    `found` is empty (a graph without kg's ontology).

    >>> missing_terms([]), missing_terms(ontology_terms())
    ([], [])
    >>> missing_terms(ontology_terms() - {iris.KGO + "Tie"})
    ['https://w3id.org/kg-jilin/ontology#Tie']
    """
    seen = set(found)
    return sorted(ontology_terms() - seen) if seen else []


def older_build_note(source: str, found: Iterable[str]) -> str | None:
    """A one-line note that the graph read from `source` was built by an older kg, or None when its
    ontology (`found`, from TERMS_QUERY) has every term of this kg's, or is not kg's at all."""
    gone = missing_terms(found)
    if not gone:
        return None
    names = ", ".join(t.replace(iris.KGO, "kgo:") for t in gone[:3]) + (f" and {len(gone) - 3} more" if len(gone) > 3 else "")
    return (f"note: {source} was built by an older kg (its ontology has no {names}); build it again (kg build): "
            "queries reading newer terms find nothing in it")


def graph_note(graph: Any, source: str) -> str | None:
    """`older_build_note` for `graph`, an rdflib Graph (asked through kg.ask.query, which loads rdflib) or a
    kg.ask.reader.StoreReader (asked directly, so a build's store is read without rdflib); None as well
    when the graph cannot be asked (the command reading it says what is wrong)."""
    from kg.ask.querybase import QueryError

    try:
        if hasattr(graph, "rows"):
            found = [str(r["t"]) for r in graph.rows(TERMS_QUERY)]
        else:
            from kg.ask.query import run_query

            found = [str(row[0]) for row in run_query(graph, TERMS_QUERY, isolated=False).rows]
    except QueryError:
        return None
    return older_build_note(source, found)
