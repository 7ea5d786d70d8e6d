"""Building RDF: reference entities, documents and their mentions, added to any graph-like sink
(an rdflib Graph, or the build's `kg.rdf.quads.TripleSink`).

Every node has an IRI derived from content (no blank nodes, no counters), so the same input gives
the same triples. Reference data goes to the named graph `kgr:graph/reference`; each document's
triples go to a named graph of their own (`kgr:graph/<doc id>`); the union is the whole graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rdflib import Dataset, Graph, Literal, URIRef

from kg.extract.evidence import Evidence
from kg.extract.mentions import Mention
from kg.model.ns import DCTERMS, KGO, ORG, RDF, RDFS, SCHEMA, SKOS, XSD, bind_prefixes, digest, resource, term
from kg.model.ontology import LANGS, RefEntity, Reference
from kg.rdf.quads import Triples
from kg.read.documents import Document

__all__ = ["entity_iri", "document_iri", "graph_iri", "date_literal", "add_reference", "add_document",
           "add_evidence", "add_mentions", "union_graph"]


def entity_iri(ent: RefEntity) -> URIRef:
    """The IRI of a reference entity: `kgr:<segment>/<id>`."""
    return resource(ent.segment, ent.id)


def document_iri(doc: Document) -> URIRef:
    return resource("doc", doc.id)


def graph_iri(name: str) -> URIRef:
    """The IRI of a named graph (`reference`, or a document id)."""
    return resource("graph", name)


def date_literal(day: date) -> Literal:
    """`day` as an `xsd:date` literal."""
    return Literal(day.isoformat(), datatype=XSD.date)


def add_reference(g: Triples, ref: Reference) -> None:
    """Add every reference entity with its labels (skos, per language) and hierarchy."""
    for ent in ref:
        iri = entity_iri(ent)
        g.add((iri, RDF.type, term(ent.cls)))
        g.add((iri, KGO.isReference, Literal(True)))
        if "en" in ent.labels:
            g.add((iri, RDFS.label, Literal(ent.labels["en"], lang="en")))
        for lang in LANGS:
            if lang in ent.labels:
                g.add((iri, SKOS.prefLabel, Literal(ent.labels[lang], lang=lang)))
            for alias in ent.aliases.get(lang, ()):
                if alias != ent.labels.get(lang):
                    g.add((iri, SKOS.altLabel, Literal(alias, lang=lang)))
        for parent_id in ent.part_of:
            parent = ref[parent_id]
            pred = SCHEMA.containedInPlace if ent.kind == "place" else ORG.subOrganizationOf
            g.add((iri, pred, entity_iri(parent)))
        for target in ent.core_area_of:
            g.add((iri, KGO.coreAreaOf, entity_iri(ref[target])))
        for target in ent.located_in:
            g.add((iri, KGO.locatedIn, entity_iri(ref[target])))
        for target in ent.governs:
            g.add((iri, KGO.governs, entity_iri(ref[target])))


def add_document(g: Triples, doc: Document) -> URIRef:
    """Add the document node: title, date, language, source, file name, encoding and hash."""
    iri = document_iri(doc)
    g.add((iri, RDF.type, KGO.Document))
    g.add((iri, DCTERMS.title, Literal(doc.title, lang=doc.language)))
    g.add((iri, SCHEMA.inLanguage, Literal(doc.language)))
    g.add((iri, KGO.contentHash, Literal(doc.content_hash)))
    g.add((iri, KGO.fileName, Literal(doc.file_name)))
    g.add((iri, KGO.encoding, Literal(doc.encoding)))
    g.add((iri, SCHEMA.encodingFormat, Literal(doc.media_type)))
    if doc.script:
        g.add((iri, KGO.script, Literal(doc.script)))
    if doc.date:
        g.add((iri, SCHEMA.datePublished, date_literal(doc.date)))
    if doc.source:
        g.add((iri, KGO.sourceName, Literal(doc.source)))
    return iri


def add_evidence(g: Triples, ev: Evidence, lang: str, kind: str = "Evidence",
                 key: str | None = None) -> URIRef:
    """Add an evidence node (class `kgo:<kind>`) for `ev` and return its IRI."""
    iri = resource(kind.lower(), key or ev.key)
    g.add((iri, RDF.type, term(kind)))
    g.add((iri, KGO.inDocument, resource("doc", ev.doc_hash[:16])))
    g.add((iri, KGO.charStart, Literal(ev.start)))
    g.add((iri, KGO.charEnd, Literal(ev.end)))
    g.add((iri, KGO.surfaceForm, Literal(ev.surface, lang=lang)))
    g.add((iri, KGO.quote, Literal(ev.quote, lang=lang)))
    g.add((iri, KGO.quoteStart, Literal(ev.quote_start)))
    g.add((iri, KGO.quoteEnd, Literal(ev.quote_end)))
    return iri


def add_mentions(g: Triples, doc: Document, mentions: Iterable[Mention], ref: Reference) -> int:
    """Add `schema:mentions` links and one `kgo:Mention` node per mention; return how many."""
    doc_iri = document_iri(doc)
    n = 0
    for m in mentions:
        for entity_id in m.entity_ids:
            target = entity_iri(ref[entity_id])
            g.add((doc_iri, SCHEMA.mentions, target))
            iri = add_evidence(g, m.evidence, doc.language, "Mention",
                               key=digest(m.evidence.key, entity_id))
            g.add((iri, KGO.mentionOf, target))
            n += 1
    return n


def union_graph(ds: Dataset) -> Graph:
    """All triples of all named graphs of `ds` in one Graph, with kg's prefixes."""
    g = Graph()
    bind_prefixes(g)
    for quad in ds.quads((None, None, None, None)):
        g.add(quad[:3])
    return g
