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

from kg.model import iris
from kg.model.iris import local_name, resource_base, resource_key

__all__ = [
    "KGO", "KGR", "SCHEMA", "ORG", "FOAF", "PROV", "SKOS", "TIME", "RDF", "RDFS", "OWL", "XSD", "SH",
    "DCTERMS", "PREFIXES", "bind_prefixes", "resource", "resource_base", "resource_key", "local_name", "slug",
    "digest", "UNION_GRAPH", "term",
]


class KGO(DefinedNamespace):
    """The kg ontology (ontology/kg.ttl), closed: a term it does not declare fails (tests/model/test_ns.py checks
    that this list and kg.ttl name the same terms)."""

    _fail = True
    _NS = Namespace(iris.KGO)

    # classes
    Agreement: URIRef
    Company: URIRef
    Conference: URIRef
    Country: URIRef
    CountyDistrict: URIRef
    DelegationVisit: URIRef
    DevelopmentZone: URIRef
    Document: URIRef
    Event: URIRef
    Evidence: URIRef
    GovernmentBody: URIRef
    IndustrialPark: URIRef
    InferredParticipation: URIRef
    InspectionVisit: URIRef
    MapEdge: URIRef
    Meeting: URIRef
    Mention: URIRef
    MergeDecision: URIRef
    OfficeParticipation: URIRef
    Organization: URIRef
    OtherOrganization: URIRef
    OtherPlace: URIRef
    ParticipantRole: URIRef
    Participation: URIRef
    PartyCommittee: URIRef
    Person: URIRef
    Place: URIRef
    PrefectureCity: URIRef
    Project: URIRef
    Province: URIRef
    SigningCeremony: URIRef
    StanceKind: URIRef
    Strategy: URIRef
    StrategyStance: URIRef
    Tenure: URIRef
    Tie: URIRef
    Title: URIRef
    # properties
    actor: URIRef
    amount: URIRef
    amountText: URIRef
    capacity: URIRef
    charEnd: URIRef
    charStart: URIRef
    contentHash: URIRef
    coreAreaOf: URIRef
    currency: URIRef
    decision: URIRef
    documentCount: URIRef
    encoding: URIRef
    endsBefore: URIRef
    evidence: URIRef
    fileName: URIRef
    governs: URIRef
    hasParticipation: URIRef
    inDocument: URIRef
    inEvent: URIRef
    inferredFrom: URIRef
    inferredParticipant: URIRef
    isNew: URIRef
    isReference: URIRef
    languageCount: URIRef
    locatedIn: URIRef
    mentionOf: URIRef
    mergedForm: URIRef
    mergedInto: URIRef
    met: URIRef
    nameKey: URIRef
    partOfAgreement: URIRef
    participant: URIRef
    party: URIRef
    projectCount: URIRef
    promotesStrategy: URIRef
    quote: URIRef
    quoteEnd: URIRef
    quoteStart: URIRef
    reason: URIRef
    reportedIn: URIRef
    role: URIRef
    score: URIRef
    script: URIRef
    sharedEvent: URIRef
    signedAt: URIRef
    sourceCount: URIRef
    sourceName: URIRef
    stance: URIRef
    statedOn: URIRef
    statementCount: URIRef
    strategy: URIRef
    succeededBy: URIRef
    surfaceForm: URIRef
    tieBetween: URIRef
    # annotation properties (read by kg.model.vocabulary)
    edgeDate: URIRef
    edgeDetail: URIRef
    edgeEvidenceVia: URIRef
    edgeFact: URIRef
    edgeInferred: URIRef
    edgeProperty: URIRef
    edgeSource: URIRef
    edgeTarget: URIRef
    impliesEvent: URIRef
    mapView: URIRef
    triggerRole: URIRef
    # individuals
    InferredParticipationEdge: URIRef
    PartOfEdge: URIRef
    PartyToEdge: URIRef
    PostEdge: URIRef
    PromotesEdge: URIRef
    SignedAtEdge: URIRef
    TookPartInEdge: URIRef
    Attended: URIRef
    DeliveredSpeech: URIRef
    Deploys: URIRef
    Hosted: URIRef
    Implements: URIRef
    Inspected: URIRef
    Introduced: URIRef
    LedDelegation: URIRef
    Met: URIRef
    Presided: URIRef
    Promotes: URIRef
    Signed: URIRef
    Witnessed: URIRef


KGR = Namespace(iris.KGR)
SCHEMA = Namespace(iris.SCHEMA)

_RDFLIB = {"kgo": KGO, "org": ORG, "foaf": FOAF, "prov": PROV, "skos": SKOS, "time": TIME, "dcterms": DCTERMS,
           "owl": OWL, "rdfs": RDFS, "xsd": XSD, "sh": SH}
#: kg's prefixes (kg.model.iris.PREFIXES) as rdflib namespaces, rdflib's own where it has one
PREFIXES: dict[str, type[DefinedNamespace] | Namespace] = {
    prefix: _RDFLIB[prefix] if prefix in _RDFLIB else Namespace(iri) for prefix, iri in iris.PREFIXES.items()}


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


def term(name: str) -> URIRef:
    """The kgo term `name` when it comes from data (an event type, role, stance or class named by the
    cue files or a reference table): the ontology in use must declare it (kg.model.vocabulary reads
    `KG_ONTOLOGY_DIR` when set), so a term added there needs no change here, while `KGO` stays closed
    for the names kg's code spells. KeyError for a term the ontology does not label."""
    from kg.model.vocabulary import labels

    iri = iris.KGO + name
    if iri not in labels():
        raise KeyError(f"kgo:{name} is not a term of the ontology")
    return URIRef(iri)
