"""Events, agreements and stances on short articles written for these tests, and the seed facts
the foundation promises (dated events, one node per person across languages)."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal

from kg.extract.document import extract_document
from kg.model.ns import KGO, RDF, SCHEMA, SKOS
from kg.model.vocabulary import event_types
from kg.rdf.build import union_graph
from tests.helpers import doc


def test_conference_roles_and_one_event():
    d = doc("The Jilin Auto Parts Forum was held in Changchun on June 8. Zhou Ming, Mayor of Changchun City, "
            "presided over the forum. Qian Li delivered a speech. Gao Yuan and Wu Dong attended the forum. "
            "Zhou Ming said the forum would be held every year.", header="Updated : 2023-06-10Source : CCFAO")
    ex = extract_document(d)
    assert len(ex.events) == 1
    ev = ex.events[0]
    assert (ev.kind, str(ev.date), ev.place_id) == ("Conference", "2023-06-08", "changchun")
    assert {(p.person, p.role) for p in ev.participants} == {
        ("zhou-ming", "Presided"), ("qian-li", "DeliveredSpeech"), ("gao-yuan", "Attended"), ("wu-dong", "Attended")}


def test_signing_ceremony_agreement_amounts_in_chinese():
    d = doc("4月2日上午,四平市举行项目集中签约仪式,总投资86.5亿元的23个项目成功签约。四平市长孙立军出席仪式并讲话。",
            title="四平市举行项目集中签约仪式", header="来源:四平日报  |  2023-04-03 10:00:00")
    ex = extract_document(d)
    assert [(e.kind, str(e.date)) for e in ex.events] == [("SigningCeremony", "2023-04-02")]
    assert {(p.person, p.role) for p in ex.events[0].participants} == {("sun-lijun", "DeliveredSpeech")}
    [ag] = ex.agreements
    assert (ag.projects, ag.amount, ag.currency) == (23, Decimal("8650000000"), "CNY")
    assert ag.event == 0


def test_agreement_parties_and_english_amounts():
    d = doc("On May 4, FAW Jiefang and the Siping Municipal People's Government signed a strategic cooperation "
            "agreement. Twelve projects were signed. 12 projects with a total investment of RMB 2.5 billion were signed.")
    ags = extract_document(d).agreements
    assert ags[0].parties == ("faw-jiefang", "siping-municipal-government")
    assert (ags[-1].projects, ags[-1].amount) == (12, Decimal("2500000000"))


def test_stance_subject_and_quoted_speaker():
    d = doc("Siping will fully implement the “one pillar, six pairs” strategy. Li Ming said, “We will promote the "
            "six returns of FAW.”")
    stances = {(s.actor, s.strategy_id, s.stance) for s in extract_document(d).stances}
    assert stances == {("siping", "one-pillar-six-pairs", "Implements"), ("person:li-ming", "six-returns", "Promotes")}


def _events(g):
    """(event type, date) of the dated events; the type is the event's own class (the graph also states
    its superclasses: kgo:Event, prov:Activity ...)."""
    return {(t, str(g.value(e, SCHEMA.startDate))) for e in g.subjects(SCHEMA.startDate, None)
            if (e, RDF.type, KGO.Agreement) not in g
            for t in (str(c).rsplit("#", 1)[-1] for c in g.objects(e, RDF.type)) if t in event_types()}


def test_seed_events_are_dated(seed_build):
    events = _events(union_graph(seed_build.dataset))
    assert events == {("Conference", "2021-10-19"), ("DelegationVisit", "2022-01-15"),
                      ("SigningCeremony", "2023-01-05"), ("InspectionVisit", "2024-01-22")}


def test_one_node_per_person_across_languages(seed_build):
    g = union_graph(seed_build.dataset)
    people = set(g.subjects(RDF.type, KGO.Person))

    def node(label):
        return [p for p in people if (p, SKOS.prefLabel, Literal(label, lang="en")) in g]

    [wang] = node("Wang Zilian")
    assert (wang, SKOS.prefLabel, Literal("Ван Цзылянь", lang="ru")) in g
    [zhang] = node("Zhang Zhijun")
    assert (zhang, SKOS.prefLabel, Literal("张志军", lang="zh")) in g
    assert len(people) == len({str(g.value(p, KGO.nameKey)) for p in people})  # one node per name here


def test_authors_and_cited_never_take_part(seed_build):
    g = union_graph(seed_build.dataset)
    participants = set(g.objects(None, KGO.participant))
    authors = set(g.objects(None, SCHEMA.author))
    xi = [p for p in g.subjects(RDF.type, KGO.Person) if (p, SKOS.prefLabel, Literal("Xi Jinping", lang="en")) in g]
    assert authors and xi
    assert not (authors | set(xi)) & participants


def test_unknown_organizations_become_new_entities():
    d = doc("Li Jun, General Manager of Songyuan Hongyuan New Energy Co., Ltd., attended the ceremony.")
    [ent] = extract_document(d).new_entities
    assert (ent.surface, ent.cls) == ("Songyuan Hongyuan New Energy Co., Ltd", "Company")
    zh = doc("长春新区与长春光华微电子设备工程中心有限公司签约。", title="签约")
    assert [e.surface for e in extract_document(zh).new_entities] == ["长春光华微电子设备工程中心有限公司"]


def test_new_entities_are_flagged_in_the_graph(seed_build):
    g = union_graph(seed_build.dataset)
    new = set(g.subjects(KGO.isNew, Literal(True)))
    reference = set(g.subjects(KGO.isReference, Literal(True)))
    assert not new & reference
