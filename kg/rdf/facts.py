"""RDF for the facts extracted from one document: its people and their mentions, posts, affiliations, events
with participations, agreements, new organizations and places, strategy stances and offices at events. Every
fact node carries `kgo:evidence` to the span and sentence that state it.

IRIs are digests of content (document hash, person node, title, ...), never counters. What resolution
concludes across documents is in kg.rdf.resolution.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rdflib import Literal, URIRef

from kg.extract.evidence import evidence_for
from kg.extract.facts import (
    AUTHOR,
    AffiliationMention,
    AgreementMention,
    EventMention,
    Extraction,
    NewEntity,
    OfficeParticipation,
    Participant,
    PersonMention,
    PostMention,
    StanceMention,
)
from kg.model.ns import DCTERMS, KGO, ORG, RDF, SCHEMA, SKOS, XSD, digest, resource, resource_base, term
from kg.model.ontology import Reference
from kg.rdf.build import add_evidence, date_literal, document_iri, entity_iri
from kg.rdf.quads import Triples
from kg.read.documents import Document

__all__ = ["person_iri", "post_iri", "rename_people", "event_iri", "office_iri", "add_extraction"]


def person_iri(node_id: str) -> URIRef:
    """A person node: `kgr:person/<node id>`."""
    return resource("person", node_id)


def post_iri(node_id: str, title_id: str, org_id: str | None) -> URIRef:
    """A post: `kgr:post/<person node>.<digest of title and organization>`, one node however many
    articles state it. Node ids are slugs (no dot), so the person part is unambiguous."""
    return resource("post", f"{node_id}.{digest(title_id, org_id or '', length=12)}")


def rename_people(nquads: str, renames: dict[str, str]) -> str:
    """An N-Quads block with the person nodes of `renames` (old node id -> new) renamed, in the
    subject and object IRIs of people and of their posts (nothing else depends on the node id);
    literals are never touched. Lines are sorted again."""
    people = {f"<{person_iri(old)}>": f"<{person_iri(new)}>" for old, new in renames.items() if old != new}
    if not people:
        return nquads
    # a post IRI is <post base><node>.<digest>: the node is what stands between the base and the dot
    posts = {old: new for old, new in renames.items() if old != new}
    post_base = f"<{resource_base('post')}"

    def iri(term: str) -> str:
        if term in people:
            return people[term]
        if term.startswith(post_base):
            node, dot, rest = term[len(post_base):].partition(".")
            if node in posts:
                return f"{post_base}{posts[node]}{dot}{rest}"
        return term

    lines = []
    for line in nquads.splitlines(keepends=True):
        s, p, rest = line.split(" ", 2)
        o, g = rest[:rest.rindex(" <")], rest[rest.rindex(" <"):]
        lines.append(f"{iri(s)} {p} {iri(o) if o.startswith('<') else o}{g}")
    return "".join(sorted(set(lines)))


def event_iri(doc: Document, ev: EventMention) -> URIRef:
    """An event of a document: a digest of the document, the event type and where it is first stated."""
    return resource("event", digest(doc.content_hash, ev.kind, str(ev.start)))


def office_iri(doc: Document, o: OfficeParticipation) -> URIRef:
    """An unnamed office holder's participation in one of the document's events."""
    return resource("office", digest(doc.content_hash, o.title_id, o.org_id, str(o.event), o.role))


def new_entity_iri(name: str, cls: str) -> URIRef:
    """The IRI of an organization or place found only in text: a digest of its folded name, so
    the same name in two articles is one node."""
    from kg.text.normalize import collapse_spaces, fold

    segment = "place" if cls in ("DevelopmentZone", "IndustrialPark") else "org"
    return resource(segment, "new-" + digest(fold(collapse_spaces(name)), length=12))


def add_extraction(g: Triples, doc: Document, ex: Extraction, nodes: Mapping[str, str], ref: Reference) -> dict[str, int]:
    """Add the facts of one document; return counts per kind for the build report. `nodes` maps each
    name key of the document to its person node (see `Resolution.nodes_of`)."""
    persons = _add_people(g, doc, ex.persons, nodes)
    capacity = _add_posts(g, doc, ex.posts, nodes, ref)
    _add_affiliations(g, doc, ex.affiliations, nodes, ref)
    events = [_add_event(g, doc, ev, nodes, ref, capacity) for ev in ex.events]
    for ag in ex.agreements:
        _add_agreement(g, doc, ag, ref, events)
    for ent in ex.new_entities:
        _add_new_entity(g, doc, ent)
    stances = sum(_add_stance(g, doc, st, nodes, ref) for st in ex.stances)
    for o in ex.offices:
        _add_office(g, doc, o, ref, events)
    return {"persons": persons, "posts": len(ex.posts), "affiliations": len(ex.affiliations), "events": len(ex.events),
            "participations": sum(len({(p.person, p.role) for p in ev.participants}) for ev in ex.events),
            "offices": len(ex.offices), "agreements": len(ex.agreements), "stances": stances,
            "new entities": len(ex.new_entities)}


def _add_people(g: Triples, doc: Document, persons: Iterable[PersonMention], nodes: Mapping[str, str]) -> int:
    """A `kgo:Mention` of each person mention and the document's author or mention link; return how many people."""
    doc_iri = document_iri(doc)
    seen: set[URIRef] = set()
    for p in persons:
        node = person_iri(nodes[p.key])
        span = evidence_for(doc, p.start, p.end)
        m = add_evidence(g, span, doc.language, "Mention", key=digest(span.key, "person"))
        g.add((m, KGO.mentionOf, node))
        g.add((doc_iri, SCHEMA.author if p.kind == AUTHOR else SCHEMA.mentions, node))
        seen.add(node)
    return len(seen)


def _add_posts(g: Triples, doc: Document, posts: Iterable[PostMention], nodes: Mapping[str, str],
              ref: Reference) -> dict[str, URIRef]:
    """Each post as an `org:Post` held by its person; return each name key's first post (its capacity)."""
    capacity: dict[str, URIRef] = {}
    for post in posts:
        node_id = nodes[post.person]
        iri = post_iri(node_id, post.title_id, post.org_id)
        g.add((iri, RDF.type, ORG.Post))
        g.add((iri, ORG.role, entity_iri(ref[post.title_id])))
        if post.org_id:
            g.add((iri, ORG.postIn, entity_iri(ref[post.org_id])))
        g.add((iri, ORG.heldBy, person_iri(node_id)))
        g.add((person_iri(node_id), ORG.holds, iri))
        if doc.date:
            g.add((iri, KGO.statedOn, date_literal(doc.date)))
        g.add((iri, KGO.evidence, _evidence(g, doc, post.start, post.end)))
        capacity.setdefault(post.person, iri)
    return capacity


def _add_affiliations(g: Triples, doc: Document, affiliations: Iterable[AffiliationMention], nodes: Mapping[str, str],
                     ref: Reference) -> None:
    """Each affiliation as an `org:Membership` of the person in the organization."""
    for aff in affiliations:
        person = person_iri(nodes[aff.person])
        org = entity_iri(ref[aff.org_id])
        iri = resource("membership", digest(doc.content_hash, aff.person, aff.org_id))
        g.add((iri, RDF.type, ORG.Membership))
        g.add((iri, ORG.member, person))
        g.add((iri, ORG.organization, org))
        g.add((person, ORG.memberOf, org))
        g.add((iri, KGO.evidence, _evidence(g, doc, aff.start, aff.end)))


def _add_event(g: Triples, doc: Document, ev: EventMention, nodes: Mapping[str, str], ref: Reference,
              capacity: Mapping[str, URIRef]) -> URIRef:
    """The event with its date, place and participations, and `kgo:met` between its people; return its IRI."""
    iri = event_iri(doc, ev)
    g.add((iri, RDF.type, term(ev.kind)))
    # its own class in one triple (rdf:type also states the superclasses): what who-met shows
    g.add((iri, DCTERMS.type, term(ev.kind)))
    g.add((iri, KGO.evidence, _evidence(g, doc, ev.start, ev.end)))
    if ev.date:
        g.add((iri, SCHEMA.startDate, date_literal(ev.date)))
    if ev.place_id:
        g.add((iri, SCHEMA.location, entity_iri(ref[ev.place_id])))
    g.add((iri, SCHEMA.name, Literal(f"{ev.kind} reported in “{doc.title}”")))
    people = [_add_participation(g, doc, iri, part, nodes, capacity) for part in ev.participants]
    distinct = list(dict.fromkeys(people))  # one per person, not per mention: quadratic in people only
    for a in distinct:
        for b in distinct:
            if a != b:
                g.add((a, KGO.met, b))
    return iri


def _add_participation(g: Triples, doc: Document, event: URIRef, part: Participant, nodes: Mapping[str, str],
                      capacity: Mapping[str, URIRef]) -> URIRef:
    """A `kgo:Participation` of a person in `event`, in the capacity of their post; return the person."""
    node = person_iri(nodes[part.person])
    # the name key, not the node: within a document they are one to one, and the IRI does not
    # change when resolution renames the node (see rename_people)
    pi = resource("participation", digest(str(event), part.person, part.role))
    g.add((pi, RDF.type, KGO.Participation))
    g.add((pi, KGO.participant, node))
    g.add((pi, KGO.inEvent, event))
    g.add((pi, KGO.role, term(part.role)))
    g.add((event, KGO.hasParticipation, pi))
    g.add((pi, KGO.evidence, _evidence(g, doc, part.start, part.end)))
    if part.person in capacity:
        g.add((pi, KGO.capacity, capacity[part.person]))
    return node


def _add_agreement(g: Triples, doc: Document, ag: AgreementMention, ref: Reference, events: Sequence[URIRef]) -> None:
    """The agreement as a `kgo:Agreement`: parties, the event it was signed at, date, projects and amount."""
    iri = resource("agreement", digest(doc.content_hash, str(ag.start)))
    g.add((iri, RDF.type, KGO.Agreement))
    g.add((iri, KGO.evidence, _evidence(g, doc, ag.start, ag.end)))
    for party in ag.parties:
        g.add((iri, KGO.party, entity_iri(ref[party])))
    if ag.event is not None:
        g.add((iri, KGO.signedAt, events[ag.event]))
    if ag.date:
        g.add((iri, SCHEMA.startDate, date_literal(ag.date)))
    if ag.projects is not None:
        g.add((iri, KGO.projectCount, Literal(ag.projects)))
    if ag.amount is not None:
        # the canonical form of XSD 1.1 (no ".0" on whole numbers), as Oxigraph stores it, so the
        # Turtle file and every store hold the same literal term
        g.add((iri, KGO.amount, Literal(f"{ag.amount.normalize():f}", datatype=XSD.decimal)))
        g.add((iri, KGO.currency, Literal(ag.currency)))
        g.add((iri, KGO.amountText, Literal(ag.amount_text, lang=doc.language)))


def _add_new_entity(g: Triples, doc: Document, ent: NewEntity) -> None:
    """An organization or place found only in text, with its label and a `kgo:Mention` of it."""
    iri = new_entity_iri(ent.surface, ent.cls)
    g.add((iri, RDF.type, term(ent.cls)))
    g.add((iri, KGO.isNew, Literal(True)))
    g.add((iri, SKOS.prefLabel, Literal(" ".join(ent.surface.split()), lang=doc.language)))
    span = evidence_for(doc, ent.start, ent.end)
    m = add_evidence(g, span, doc.language, "Mention", key=digest(span.key, "new"))
    g.add((m, KGO.mentionOf, iri))
    g.add((document_iri(doc), SCHEMA.mentions, iri))


def _add_stance(g: Triples, doc: Document, st: StanceMention, nodes: Mapping[str, str], ref: Reference) -> bool:
    """The stance as a `kgo:StrategyStance` and `kgo:promotesStrategy`; False if its actor is unknown."""
    actor = _actor_iri(st.actor, nodes, ref)
    if actor is None:
        return False
    strategy = entity_iri(ref[st.strategy_id])
    iri = resource("stance", digest(doc.content_hash, st.actor, st.strategy_id))
    g.add((iri, RDF.type, KGO.StrategyStance))
    g.add((iri, KGO.actor, actor))
    g.add((iri, KGO.strategy, strategy))
    g.add((iri, KGO.stance, term(st.stance)))
    g.add((iri, KGO.evidence, _evidence(g, doc, st.start, st.end)))
    g.add((actor, KGO.promotesStrategy, strategy))
    return True


def _add_office(g: Triples, doc: Document, o: OfficeParticipation, ref: Reference, events: Sequence[URIRef]) -> None:
    """An unnamed office holder's part in an event, as a `kgo:OfficeParticipation`."""
    iri = office_iri(doc, o)
    g.add((iri, RDF.type, KGO.OfficeParticipation))
    g.add((iri, KGO.inEvent, events[o.event]))
    g.add((iri, KGO.role, term(o.role)))
    g.add((iri, ORG.role, entity_iri(ref[o.title_id])))
    g.add((iri, ORG.postIn, entity_iri(ref[o.org_id])))
    g.add((iri, KGO.evidence, _evidence(g, doc, o.start, o.end)))


def _actor_iri(actor: str, nodes: Mapping[str, str], ref: Reference) -> URIRef | None:
    """A stance's actor (`person:<name key>` or a reference id), or None if it is neither."""
    if actor.startswith("person:"):
        return person_iri(nodes[actor.split(":", 1)[1]])
    ent = ref.entities.get(actor)
    return entity_iri(ent) if ent else None


def _evidence(g: Triples, doc: Document, start: int, end: int) -> URIRef:
    """The `kgo:Evidence` node of `doc`'s span start..end."""
    return add_evidence(g, evidence_for(doc, start, end), doc.language, "Evidence")
