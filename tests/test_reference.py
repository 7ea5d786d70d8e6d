"""The reference tables: complete labels, unambiguous aliases, the hierarchy the seeds rely on."""

from __future__ import annotations

from collections import defaultdict

import pytest
from rdflib import Graph

from kg.extract.mentions import reference_gazetteer
from kg.model.ns import KGO, ORG, SCHEMA, resource
from kg.model.ontology import LANGS, load_ontology, load_reference
from kg.rdf.build import add_reference
from kg.text.normalize import collapse_spaces, fold

REF = load_reference()


def test_every_entity_has_names_in_three_languages_and_a_known_class():
    classes = {str(c).rsplit("#", 1)[-1] for c in load_ontology().subjects() if str(c).startswith(str(KGO))}
    assert len(REF) > 200
    for ent in REF:
        assert set(LANGS) <= set(ent.labels), ent.id
        assert ent.cls in classes, (ent.id, ent.cls)


def test_no_alias_names_two_entities():
    owners = defaultdict(set)
    for ent in REF:
        for name in ent.names():
            owners[fold(collapse_spaces(name))].add(ent.id)
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert not shared


@pytest.mark.parametrize("name,entity", [
    ("one pillar, six pairs", "one-pillar-six-pairs"), ("one master and six pairs", "one-pillar-six-pairs"),
    ("一主六双", "one-pillar-six-pairs"), ("FAW", "faw-group"), ("FAW Group", "faw-group"), ("一汽", "faw-group"),
    ("一汽集团", "faw-group"), ("China FAW Group Co., Ltd.", "faw-group"),
    ("Changchun International Automobile City", "changchun-international-automobile-city"),
    ("International Automobile Town", "changchun-international-automobile-city"),
    ("长春国际汽车城", "changchun-international-automobile-city"),
    ("六城联动", "six-cities-linkage"), ("six returns", "six-returns"), ("六个回归", "six-returns"),
    ("Чанчуне", "changchun"), ("長春", "changchun"),
])
def test_every_variant_resolves_to_one_entity(name, entity):
    hits = reference_gazetteer().find(name)
    assert len(hits) == 1 and hits[0].entity_ids == (entity,), hits
    assert (hits[0].start, hits[0].end) == (0, len(name))


def test_every_alias_finds_its_own_entity():
    gaz = reference_gazetteer()
    for ent in REF:
        for name in ent.names():
            hits = gaz.find(name)
            assert any(ent.id in h.entity_ids for h in hits), (ent.id, name)


def test_hierarchy():
    g = Graph()
    add_reference(g, REF)
    place = lambda i: resource("place", i)  # noqa: E731
    org = lambda i: resource("org", i)  # noqa: E731
    assert (place("ningjiang-district"), SCHEMA.containedInPlace, place("songyuan")) in g
    assert (place("songyuan"), SCHEMA.containedInPlace, place("jilin-province")) in g
    assert (org("faw-jiefang"), ORG.subOrganizationOf, org("faw-group")) in g
    assert (place("changchun-auto-zone"), KGO.coreAreaOf,
            place("changchun-international-automobile-city")) in g
