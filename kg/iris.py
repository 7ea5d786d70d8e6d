"""The namespace IRIs of kg as plain strings, importable without rdflib (kg.ns makes rdflib namespaces of
them; code that must start fast, such as `kg who-met` over a store, spells its queries' IRIs from here)."""

from __future__ import annotations

__all__ = ["KGO", "KGR", "SCHEMA", "ORG", "SKOS", "RDF", "DCTERMS"]

KGO = "https://w3id.org/kg-jilin/ontology#"
KGR = "https://w3id.org/kg-jilin/id/"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DCTERMS = "http://purl.org/dc/terms/"
