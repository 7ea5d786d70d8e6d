"""The build pipeline, composed in one place: read -> extract -> build RDF -> write outputs.

`build_dataset` is pure (documents in, dataset and report out); `build` adds reading from disk
and writing the outputs atomically. Tests and notebooks call these directly; the CLI is a thin
layer over `build`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from rdflib import Dataset

from kg.documents import DEFAULT_MAX_BYTES, Document, Skipped, read_corpus
from kg.mentions import find_mentions, reference_gazetteer
from kg.ontology import Reference, load_reference
from kg.output import write_json, write_nquads, write_turtle
from kg.rdfbuild import add_document, add_mentions, add_reference, graph_iri, new_dataset, union_graph
from kg.report import BuildReport, DocumentReport

__all__ = ["BuildResult", "build_dataset", "build", "OUTPUT_FILES"]

OUTPUT_FILES = {"graph": "graph.ttl", "dataset": "graph.nq", "report": "report.json"}


@dataclass
class BuildResult:
    dataset: Dataset
    report: BuildReport


def _document_report(doc: Document) -> DocumentReport:
    return DocumentReport(path=doc.path, id=doc.id, language=doc.language, script=doc.script,
                          date=doc.date.isoformat() if doc.date else None, title=doc.title,
                          source=doc.source, encoding=doc.encoding, warnings=list(doc.warnings))


def build_dataset(docs: Sequence[Document], skipped: Sequence[Skipped] = (),
                  reference: Reference | None = None) -> BuildResult:
    """Build the dataset of `docs` (in any order: the result does not depend on it).

    A document whose extraction raises is reported under `failed` and left out; the rest build.
    """
    ref = reference or load_reference()
    gaz = reference_gazetteer(ref)
    ds = new_dataset()
    add_reference(ds.graph(graph_iri("reference")), ref)
    report = BuildReport(skipped=list(skipped))
    for doc in sorted(docs, key=lambda d: d.content_hash):
        g = ds.graph(graph_iri(doc.id))
        try:
            mentions = find_mentions(doc, gaz)
            doc_report = _document_report(doc)
            add_document(g, doc)
            doc_report.counts["mentions"] = add_mentions(g, doc, mentions, ref)
        except Exception as exc:  # one bad document must not stop the build
            ds.remove_graph(g)
            report.failed.append(Skipped(doc.path, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        report.documents.append(doc_report)
    report.triples = len(union_graph(ds))
    return BuildResult(ds, report)


def build(paths: Sequence[Path], out_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> BuildResult:
    """Read `paths`, build, and write graph.ttl, graph.nq and report.json into `out_dir`."""
    docs, skipped = read_corpus(paths, max_bytes=max_bytes)
    result = build_dataset(docs, skipped)
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {name: out_dir / fname for name, fname in OUTPUT_FILES.items()}
    write_turtle(union_graph(result.dataset), outputs["graph"])
    write_nquads(result.dataset, outputs["dataset"])
    result.report.outputs = {k: str(v) for k, v in outputs.items()}
    write_json(result.report.to_json(), outputs["report"])
    return result
