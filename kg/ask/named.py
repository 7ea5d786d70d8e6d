"""The library of named queries (`queries/*.rq`) and the binding of their parameters.

A named query is a SPARQL file whose header comments give its title, description and parameters
(`# param: NAME TYPE`). A parameter's value is turned into an RDF term according to its type and
bound with `initBindings`:
person (any spelling of a person's name, resolved to the person's IRI), entity (any name of a
reference entity, resolved to its IRI), date (YYYY-MM-DD), text (a plain literal), iri.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.ask.lookup import PersonError, PersonIndex, find_person
from kg.ask.query import QueryError
from kg.home import PROJECT
from kg.model.ns import KGR, XSD

__all__ = ["NamedQuery", "QUERY_DIR", "load_named", "bind_params", "PARAM_TYPES"]

QUERY_DIR = PROJECT / "queries"
PARAM_TYPES = ("person", "entity", "date", "text", "iri")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[tuple[str, str], ...]
    text: str
    path: Path


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    title, desc, params = path.stem, [], []
    current = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        m = re.match(r"(title|description|param):\s*(.*)", body)
        if m:
            current = m.group(1)
            if current == "title":
                title = m.group(2)
            elif current == "description":
                desc.append(m.group(2))
            else:
                name, _, ptype = m.group(2).partition(" ")
                if ptype.strip() not in PARAM_TYPES:
                    raise ValueError(f"{path}: unknown parameter type {ptype!r}")
                params.append((name.strip(), ptype.strip()))
        elif current == "description" and body:
            desc.append(body)
    return NamedQuery(path.stem, title, " ".join(desc), tuple(params), text, path)


def load_named(directory: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    """The named queries of `directory`, by name (the file stem)."""
    return {q.name: q for q in (_parse(p) for p in sorted(directory.glob("*.rq")))}


def _entity(graph: Graph, value: str) -> URIRef:
    from kg.extract.mentions import reference_gazetteer

    hits = reference_gazetteer().find(value)
    if len(hits) == 1 and (hits[0].start, hits[0].end) == (0, len(value)):
        from kg.model.ontology import load_reference
        from kg.rdf.build import entity_iri

        return entity_iri(load_reference()[hits[0].entity_ids[0]])
    if value.startswith(str(KGR)):
        return URIRef(value)
    raise QueryError(f"no reference entity is called {value!r}")


def bind_params(graph: Graph, query: NamedQuery, values: dict[str, str],
                index: PersonIndex | None = None) -> dict[str, Identifier]:
    """RDF terms for the parameter values given as text; raise QueryError on a missing, unknown,
    ambiguous or malformed value."""
    declared = dict(query.params)
    unknown = set(values) - set(declared)
    if unknown:
        raise QueryError(f"{query.name} has no parameter {', '.join(sorted(unknown))} "
                         f"(it takes: {', '.join(declared) or 'none'})")
    missing = [p for p in declared if p not in values]
    if missing:
        raise QueryError(f"{query.name} needs --param {missing[0]}=... ({declared[missing[0]]})")
    out: dict[str, Identifier] = {}
    for name, value in values.items():
        ptype = declared[name]
        if ptype == "person":
            try:
                out[name] = find_person(index or PersonIndex(graph), value, f"--param {name}={{}}").iri
            except PersonError as exc:
                raise QueryError(str(exc)) from None
        elif ptype == "entity":
            out[name] = _entity(graph, value)
        elif ptype == "date":
            try:
                out[name] = Literal(dt.date.fromisoformat(value).isoformat(), datatype=XSD.date)
            except ValueError:
                raise QueryError(f"{name} must be a date like 2022-01-17, not {value!r}") from None
        elif ptype == "iri":
            if not re.fullmatch(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+", value):
                raise QueryError(f"{name} must be an IRI, not {value!r}")
            out[name] = URIRef(value)
        else:
            out[name] = Literal(value)
    return out
