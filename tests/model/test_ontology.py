"""The ontology and the shapes: they parse, and every term is labelled in en, zh and ru."""

from __future__ import annotations

from rdflib import Literal

from kg.model.ns import KGO, OWL, RDF, RDFS
from kg.model.ontology import load_ontology, load_shapes


def _terms(g):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    return sorted({s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(str(KGO))})


def test_ontology_defines_the_required_classes():
    g = load_ontology()
    classes = set(g.subjects(RDF.type, OWL.Class))
    for name in ["Person", "Organization", "GovernmentBody", "PartyCommittee", "Company", "Country", "Province",
                 "PrefectureCity", "CountyDistrict", "DevelopmentZone", "IndustrialPark", "Strategy", "Event",
                 "Meeting", "Conference", "SigningCeremony", "InspectionVisit", "DelegationVisit", "Agreement",
                 "Project", "Title", "Document", "Evidence", "Mention", "Participation"]:
        assert KGO[name] in classes, name


def test_every_term_has_labels_in_three_languages():
    g = load_ontology()
    terms = _terms(g)
    assert len(terms) > 50
    for term in terms:
        langs = {lbl.language for lbl in g.objects(term, RDFS.label) if isinstance(lbl, Literal)}
        assert {"en", "zh", "ru"} <= langs, term
        comments = {c.language for c in g.objects(term, RDFS.comment) if isinstance(c, Literal)}
        assert {"en", "zh"} <= comments, term


def test_standard_vocabularies_are_reused():
    g = load_ontology()
    supers = {str(o) for o in g.objects(None, RDFS.subClassOf)}
    for iri in ["http://www.w3.org/ns/org#Organization", "http://xmlns.com/foaf/0.1/Person",
                "http://www.w3.org/ns/prov#Entity", "http://www.w3.org/2004/02/skos/core#Concept",
                "https://schema.org/Event", "http://www.w3.org/ns/org#Role"]:
        assert iri in supers, iri


def test_shapes_parse_and_target_documents():
    shapes = load_shapes()
    assert len(shapes) > 50
    assert (None, None, KGO.Document) in shapes
