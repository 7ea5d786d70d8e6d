"""The namespaces of kg: the only module that spells IRIs.

`KGO` is the ontology (classes and properties), `KGR` the resources (documents, people,
places, ...). Every other module builds IRIs through the helpers here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD, DefinedNamespace

from kg import iris

__all__ = [
    "KGO", "KGR", "SCHEMA", "ORG", "FOAF", "PROV", "SKOS", "TIME", "RDF", "RDFS", "OWL", "XSD", "SH",
    "DCTERMS", "PREFIXES", "bind_prefixes", "resource", "slug", "digest", "UNION_GRAPH",
]

KGO = Namespace(iris.KGO)
KGR = Namespace(iris.KGR)
SCHEMA = Namespace(iris.SCHEMA)

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "kgo": KGO,
    "kgr": KGR,
    "org": ORG,
    "foaf": FOAF,
    "prov": PROV,
    "skos": SKOS,
    "schema": SCHEMA,
    "time": TIME,
    "dcterms": DCTERMS,
    "owl": OWL,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind kg's prefixes on `graph` (replacing rdflib's defaults) and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def slug(text: str) -> str:
    """A lower-case ASCII slug: 'Wang Zilian' -> 'wang-zilian'. Empty if nothing is left."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def digest(*parts: str, length: int = 16) -> str:
    """A stable hex digest of `parts` (joined with a separator that cannot occur in text)."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


def resource(kind: str, key: str) -> URIRef:
    """The IRI of a resource of `kind` ('doc', 'person', 'place', ...) with local `key`.

    `key` must already be a slug or digest; it is checked so no article text leaks into an IRI.
    """
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", key):
        raise ValueError(f"not a safe IRI key: {key!r}")
    return KGR[f"{kind}/{key}"]


# The union of a build's named graphs, as a named graph of its own: where `kg push --union-graph` puts it
# for a server whose default graph is every graph it holds (Virtuoso's system graphs included).
UNION_GRAPH = resource("graph", "union")
