"""The namespace IRIs of kg as plain strings, importable without rdflib (kg.model.ns makes rdflib namespaces of
them; code that must start fast, such as `kg who-met` over a store, spells its queries' IRIs from here)."""

from __future__ import annotations

__all__ = ["KGO", "KGR", "SCHEMA", "ORG", "SKOS", "RDF", "DCTERMS", "PROV", "PREFIXES",
           "resource_base", "resource_key", "local_name"]

KGO = "https://w3id.org/kg-jilin/ontology#"
KGR = "https://w3id.org/kg-jilin/id/"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"

#: the prefixes kg binds, in the order it writes them (kg.model.ns.PREFIXES holds the same as rdflib namespaces)
PREFIXES: dict[str, str] = {
    "kgo": KGO,
    "kgr": KGR,
    "org": ORG,
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": PROV,
    "skos": SKOS,
    "schema": SCHEMA,
    "time": "http://www.w3.org/2006/time#",
    "dcterms": DCTERMS,
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def resource_base(kind: str) -> str:
    """The text every IRI of a resource of `kind` starts with: resource_base("person") + key is a person."""
    return f"{KGR}{kind}/"


def resource_key(iri: object) -> str:
    """The local key of resource IRI `iri`, its last path segment: .../id/person/wang-zilian -> wang-zilian."""
    return str(iri).rsplit("/", 1)[-1]


def local_name(iri: object) -> str:
    """The local name of `iri`: what follows its last '#' or '/' (kgo:DeliveredSpeech -> DeliveredSpeech)."""
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
