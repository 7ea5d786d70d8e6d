"""RDF for what resolution concludes across documents: person nodes with their labels, merge decisions,
tenures, ties, and participations inferred from tenures.

IRIs are digests of content (person node, title, organization, ...), never counters.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import Literal, URIRef

from kg.model.ns import FOAF, KGO, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD, digest, resource, term
from kg.model.ontology import LANGS, Reference
from kg.rdf.build import date_literal, entity_iri
from kg.rdf.facts import person_iri, post_iri
from kg.rdf.quads import Triples
from kg.resolve.people import Judgement, PersonNode, Resolution, labels
from kg.resolve.roles_at_date import Inferred
from kg.resolve.tenures import Tenure
from kg.resolve.ties import Tie
from kg.text.names import slug

__all__ = ["add_person_nodes", "add_judgements", "tenure_iri", "add_tenures", "add_ties", "add_inferred"]


def add_person_nodes(g: Triples, nodes: Iterable[PersonNode]) -> None:
    """One `kgo:Person` per node, with labels per language and every surface form as altLabel."""
    for node in nodes:
        iri = person_iri(node.id)
        g.add((iri, RDF.type, KGO.Person))
        g.add((iri, KGO.nameKey, Literal(node.key)))
        pref = labels(node)
        for lang, label in sorted(pref.items()):
            g.add((iri, SKOS.prefLabel, Literal(label, lang=lang)))
        g.add((iri, RDFS.label, Literal(pref["en"], lang="en")))
        for lang in LANGS:
            for form in node.forms(lang):
                if form != pref.get(lang):
                    g.add((iri, SKOS.altLabel, Literal(form, lang=lang)))


def add_judgements(g: Triples, judgements: Iterable[Judgement], resolution: Resolution) -> None:
    """The merges among `judgements` (of `resolution`), and every analyst's judgement, as
    `kgo:MergeDecision` nodes: the person, the reason, the rules' score, and for an analyst's
    judgement who made it, when, and what they decided (PROV-O)."""
    for j in judgements:
        if not j.merged and j.ruling is None:
            continue
        node = resolution.assignment[j.b] if j.merged else resolution.assignment[j.a]
        iri = resource("merge", digest(j.key, *j.a, *j.b, j.source))
        g.add((iri, RDF.type, KGO.MergeDecision))
        g.add((iri, KGO.mergedInto, person_iri(node)))
        g.add((iri, KGO.mergedForm, Literal(f"{j.key} in documents {j.a[0]} and {j.b[0]}")))
        g.add((iri, KGO.reason, Literal(j.reason, lang="en")))
        if j.score is not None:
            score = Decimal(f"{j.score:.2f}").normalize() + 0  # canonical, as the amounts (stores keep it); no -0
            g.add((iri, KGO.score, Literal(f"{score:f}", datatype=XSD.decimal)))
        if j.ruling is not None:
            agent = resource("agent", slug(j.ruling.by) or "unknown")
            g.add((iri, KGO.decision, Literal(j.ruling.decision)))
            g.add((iri, PROV.wasAttributedTo, agent))
            g.add((agent, RDF.type, PROV.Agent))
            g.add((agent, FOAF.name, Literal(j.ruling.by)))
            g.add((iri, PROV.generatedAtTime, Literal(j.ruling.at, datatype=XSD.dateTime)))


def tenure_iri(node: str, title: str, org: str) -> URIRef:
    """A tenure: `kgr:tenure/<person node>.<digest of title and organization>`."""
    return resource("tenure", f"{node}.{digest(title, org, length=12)}")


def add_tenures(g: Triples, tenures: Iterable[Tenure], ref: Reference) -> None:
    """Each tenure as a `kgo:Tenure` (an `org:Membership`): member, role, organization, the OWL-Time
    interval from the first to the last statement (`org:memberDuring`), how many documents state it,
    the successor's first statement that bounds it, and the `org:Post` it is derived from."""
    for t in tenures:
        base = f"{t.node}.{digest(t.title, t.org, length=12)}"
        iri, during = tenure_iri(t.node, t.title, t.org), resource("tenure", f"{base}.during")
        g.add((iri, RDF.type, KGO.Tenure))
        g.add((iri, ORG.member, person_iri(t.node)))
        g.add((iri, ORG.role, entity_iri(ref[t.title])))
        if t.org:
            g.add((iri, ORG.organization, entity_iri(ref[t.org])))
        g.add((iri, PROV.wasDerivedFrom, post_iri(t.node, t.title, t.org or None)))
        g.add((iri, KGO.statementCount, Literal(t.documents)))
        g.add((iri, ORG.memberDuring, during))
        g.add((during, RDF.type, TIME.Interval))
        for prop, day, name in ((TIME.hasBeginning, t.first, "begin"), (TIME.hasEnd, t.last, "end")):
            instant = resource("tenure", f"{base}.{name}")
            g.add((during, prop, instant))
            g.add((instant, RDF.type, TIME.Instant))
            g.add((instant, TIME.inXSDDate, date_literal(day)))
        if t.ends_before is not None and t.successor is not None:
            g.add((iri, KGO.endsBefore, date_literal(t.ends_before)))
            g.add((iri, KGO.succeededBy, person_iri(t.successor)))


def add_ties(g: Triples, ties: Iterable[Tie]) -> None:
    """Each tie as a `kgo:Tie`: its two persons, the events they share, and how many documents,
    publishers and languages report it (`kgo:reportedIn`, each language)."""
    for t in ties:
        iri = resource("tie", digest(t.a, t.b))
        g.add((iri, RDF.type, KGO.Tie))
        for node in (t.a, t.b):
            g.add((iri, KGO.tieBetween, person_iri(node)))
        for event in t.events:
            g.add((iri, KGO.sharedEvent, URIRef(event)))
        c = t.corroboration
        g.add((iri, KGO.documentCount, Literal(c.documents)))
        g.add((iri, KGO.sourceCount, Literal(c.sources)))
        languages = c.languages.split(",") if c.languages else []
        for lang in languages:
            g.add((iri, KGO.reportedIn, Literal(lang)))
        g.add((iri, KGO.languageCount, Literal(len(languages))))


def add_inferred(g: Triples, inferred: Iterable[Inferred]) -> None:
    """Participations inferred from tenures (the `inferred` graph, apart from every stated fact): who
    held the office on the article's date, the tenure that says so and the statement it rests on."""
    for inf in inferred:
        if inf.node is None or inf.tenure is None:
            continue
        iri = resource("inferred", digest(inf.statement.iri, inf.node))
        g.add((iri, RDF.type, KGO.InferredParticipation))
        g.add((iri, KGO.inferredParticipant, person_iri(inf.node)))
        g.add((iri, KGO.inEvent, URIRef(inf.statement.event)))
        g.add((iri, KGO.role, term(inf.statement.role)))
        g.add((iri, KGO.inferredFrom, tenure_iri(*inf.tenure)))
        g.add((iri, PROV.wasDerivedFrom, URIRef(inf.statement.iri)))
        g.add((iri, KGO.reason, Literal(inf.reason, lang="en")))
