"""Affiliations: a person acting on behalf of organizations, in each language, as org:Membership with
evidence, and what resolution reads of them."""

from __future__ import annotations

import pytest
from rdflib import Graph

from kg.extract.document import extract_document
from kg.model.ns import KGO, ORG, RDF
from kg.model.ontology import load_reference
from kg.rdf.facts import add_extraction
from kg.resolve.people import groups_of
from tests.helpers import doc

CASES = [
    ("6月10日下午，吉林省委书记王儒林代表省委、省政府，对申凤燮就任总领事表示祝贺。", "wang-rulin",
     {"cpc-jilin-provincial-committee", "jilin-provincial-government"}),
    ("28 декабря Товарищ Чжан Чжицзюнь, от имени 13-го Чанчуньского муниципального комитета Коммунистической "
     "партии Китая, выступил с докладом.", "zhang-zhijun", {"cpc-changchun-municipal-committee"}),
    ("On May 3, Wang Zilian, on behalf of the CPC Changchun Municipal Committee, welcomed the delegation.",
     "wang-zilian", {"cpc-changchun-municipal-committee"}),
]


@pytest.mark.parametrize(("body", "person", "orgs"), CASES)
def test_a_person_acting_on_behalf_of_organizations(body, person, orgs):
    d = doc(body)
    ex = extract_document(d)
    assert {a.org_id for a in ex.affiliations if a.person == person} == orgs
    assert {o for g in groups_of(d, ex) if g.key == person for o in g.orgs} >= orgs
    g = Graph()
    add_extraction(g, d, ex, {p.key: p.key for p in ex.persons}, load_reference())
    memberships = set(g.subjects(RDF.type, ORG.Membership))
    assert len(memberships) == len(orgs)
    for m in memberships:
        assert g.value(m, KGO.evidence) is not None and g.value(m, ORG.member) is not None


@pytest.mark.parametrize("body", [
    "吉林省委书记王儒林会见了省委、省政府有关负责同志。",  # no cue between the name and the committee
    "Speaking on behalf of Governor Jing Junhai, the guests thanked the CPC Jilin Provincial Committee.",
    "Wang Zilian met the CPC Changchun Municipal Committee's guests.",
])
def test_no_affiliation_without_the_cue(body):
    ex = extract_document(doc(body))
    assert ex.persons and ex.affiliations == []
