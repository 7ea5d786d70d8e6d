"""kg.model.ns and kg.model.iris: the closed kgo namespace matches the ontology, the prefixes agree, the IRI helpers."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from kg.model import iris
from kg.model.ns import KGO, PREFIXES, bind_prefixes, local_name, resource, resource_base, resource_key
from kg.model.ontology import load_ontology


def _declared() -> set[str]:
    """The kgo terms kg.ttl gives a type (classes, properties, individuals)."""
    from rdflib.namespace import RDF

    g = load_ontology()
    return {str(s) for s in g.subjects(RDF.type, None) if str(s).startswith(iris.KGO)}


def test_kgo_names_exactly_the_terms_kg_ttl_declares():
    assert {str(KGO[name]) for name in KGO.__annotations__} == _declared()


def test_a_misspelt_kgo_term_fails():
    assert KGO.Meeting == URIRef(iris.KGO + "Meeting")
    with pytest.raises(AttributeError):
        KGO.Meetng  # noqa: B018
    with pytest.raises(AttributeError):
        KGO["meeting"]


def test_rdflib_prefixes_are_the_plain_ones():
    assert {k: str(v) for k, v in PREFIXES.items()} == iris.PREFIXES
    assert list(PREFIXES) == list(iris.PREFIXES)


def test_bind_prefixes_binds_every_prefix():
    g = bind_prefixes(Graph(bind_namespaces="none"))
    assert {p: str(ns) for p, ns in g.namespaces() if p in iris.PREFIXES} == iris.PREFIXES


def test_resource_helpers_round_trip():
    iri = resource("person", "wang-zilian")
    assert str(iri) == resource_base("person") + "wang-zilian"
    assert resource_key(iri) == "wang-zilian"
    assert local_name(KGO.DeliveredSpeech) == "DeliveredSpeech"
    assert local_name(iri) == "wang-zilian"
    assert local_name("https://schema.org/Place") == "Place"
