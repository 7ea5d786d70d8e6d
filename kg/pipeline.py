"""The build pipeline, composed in one place: read -> extract -> build RDF -> write outputs.

`build_dataset` is pure (documents in, dataset and report out); `build` adds reading from disk
and writing the outputs atomically. Tests and notebooks call these directly; the CLI is a thin
layer over `build`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from rdflib import Dataset
from rdflib.compare import to_canonical_graph

from kg.cache import ExtractionCache
from kg.documents import DEFAULT_MAX_BYTES, Document, Skipped, read_corpus
from kg.extract import extract_document
from kg.extraction import Extraction
from kg.mentions import find_mentions, reference_gazetteer
from kg.rdffacts import add_extraction, add_judgements, add_person_nodes
from kg.resolve import Resolution, resolve_persons
from kg.ontology import Reference, load_ontology, load_reference
from kg.output import atomic_write, json_bytes, nquads_bytes, turtle_from_nquads
from kg.rdfbuild import add_document, add_mentions, add_reference, graph_iri, new_dataset, union_graph
from kg.report import BuildReport, DocumentReport

__all__ = ["BuildResult", "build_dataset", "build", "extract_all", "OUTPUT_FILES"]

OUTPUT_FILES = {"graph": "graph.ttl", "dataset": "graph.nq", "report": "report.json", "merges": "merges.json"}


@dataclass
class BuildResult:
    dataset: Dataset
    report: BuildReport
    resolution: Resolution | None = None

    def merges_json(self) -> list[dict[str, object]]:
        """Every same-name judgement across documents, merged or not, with its reason."""
        if self.resolution is None:
            return []
        return [{"key": j.key, "a": list(j.a), "b": list(j.b), "merged": j.merged, "reason": j.reason,
                 "node_a": self.resolution.assignment[j.a], "node_b": self.resolution.assignment[j.b]}
                for j in self.resolution.judgements]


def _document_report(doc: Document) -> DocumentReport:
    return DocumentReport(path=doc.path, id=doc.id, language=doc.language, script=doc.script,
                          date=doc.date.isoformat() if doc.date else None, title=doc.title,
                          source=doc.source, encoding=doc.encoding, warnings=list(doc.warnings))


def _extract_one(doc: Document) -> tuple[str, Any]:
    """Extraction of one document, in a worker or in-process: (content hash, result or error)."""
    try:
        ref = load_reference()
        return doc.content_hash, (find_mentions(doc, reference_gazetteer(ref)), extract_document(doc, ref))
    except Exception as exc:  # one bad document must not stop the build
        return doc.content_hash, f"extraction failed: {type(exc).__name__}: {exc}"


def extract_all(docs: Sequence[Document], jobs: int = 1, cache: ExtractionCache | None = None,
                progress: Callable[[Document], None] | None = None) -> dict[str, Any]:
    """Extraction results by content hash, from the cache or computed (in `jobs` worker processes)."""
    results: dict[str, Any] = {}
    todo = []
    for doc in docs:
        cached = cache.get(doc.content_hash) if cache is not None else None
        if cached is not None:
            results[doc.content_hash] = cached
            if progress:
                progress(doc)
        else:
            todo.append(doc)
    by_hash = {d.content_hash: d for d in todo}
    if jobs > 1 and len(todo) >= 16:  # below that, starting workers costs more than it saves
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            outcomes = pool.map(_extract_one, todo, chunksize=max(1, min(64, len(todo) // (jobs * 4) or 1)))
            for content_hash, outcome in outcomes:
                results[content_hash] = outcome
                if progress:
                    progress(by_hash[content_hash])
    else:
        for doc in todo:
            results[doc.content_hash] = _extract_one(doc)[1]
            if progress:
                progress(doc)
    if cache is not None:
        for doc in todo:
            if not isinstance(results[doc.content_hash], str):
                cache.put(doc.content_hash, results[doc.content_hash])
    return results


def build_dataset(docs: Sequence[Document], skipped: Sequence[Skipped] = (),
                  reference: Reference | None = None, jobs: int = 1, cache: ExtractionCache | None = None,
                  progress: Callable[[Document], None] | None = None) -> BuildResult:
    """Build the dataset of `docs` (in any order: the result does not depend on it, nor on `jobs`
    or the cache).

    A document whose extraction raises is reported under `failed` and left out; the rest build.
    """
    ref = reference or load_reference()
    ds = new_dataset()
    add_reference(ds.graph(graph_iri("reference")), ref)
    # the ontology rides along so that the graph is self-describing (labels of roles, classes);
    # its blank nodes get canonical labels so the output stays byte-identical between runs
    ds.graph(graph_iri("ontology")).__iadd__(to_canonical_graph(load_ontology()))
    report = BuildReport(skipped=list(skipped))
    extracted: list[tuple[Document, Extraction]] = []
    mentions = {}
    ordered = sorted(docs, key=lambda d: d.content_hash)
    if jobs == 1 and cache is None:
        outcomes = {}
        for doc in ordered:  # in-process, so tests can patch the stages
            try:
                outcomes[doc.content_hash] = (find_mentions(doc, reference_gazetteer(ref)), extract_document(doc, ref))
            except Exception as exc:  # one bad document must not stop the build
                outcomes[doc.content_hash] = f"extraction failed: {type(exc).__name__}: {exc}"
            if progress:
                progress(doc)
    else:
        outcomes = extract_all(ordered, jobs, cache, progress)
    for doc in ordered:
        outcome = outcomes[doc.content_hash]
        if isinstance(outcome, str):
            report.failed.append(Skipped(doc.path, outcome))
            continue
        mentions[doc.id], ex = outcome
        extracted.append((doc, ex))
    resolution = resolve_persons(extracted, ref)
    people = ds.graph(graph_iri("persons"))
    add_person_nodes(people, resolution)
    add_judgements(people, resolution)
    for doc, ex in extracted:
        g = ds.graph(graph_iri(doc.id))
        doc_report = _document_report(doc)
        add_document(g, doc)
        doc_report.counts["mentions"] = add_mentions(g, doc, mentions[doc.id], ref)
        doc_report.counts.update(add_extraction(g, doc, ex, resolution, ref))
        doc_report.unresolved = list(ex.unresolved)
        report.documents.append(doc_report)
    report.triples = len({(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))})
    return BuildResult(ds, report, resolution)


def build(paths: Sequence[Path], out_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES, maps: bool = True,
          jobs: int = 1, cache: bool = True, progress: Callable[[Document], None] | None = None) -> BuildResult:
    """Read `paths`, build, and write graph.ttl, graph.nq, merges.json and report.json into `out_dir`,
    and the standard maps into `out_dir/maps` (`maps=False` skips them).

    Every output is serialized in memory first and only then renamed into place, file by file, so
    an interrupted build (an exception, Ctrl-C, a kill) leaves the previous outputs as they were.
    """
    docs, skipped = read_corpus(paths, max_bytes=max_bytes)
    store = ExtractionCache(out_dir / ".cache") if cache else None
    result = build_dataset(docs, skipped, jobs=jobs, cache=store, progress=progress)
    outputs = {name: out_dir / fname for name, fname in OUTPUT_FILES.items()}
    result.report.outputs = {k: str(v) for k, v in outputs.items()}
    dataset = nquads_bytes(result.dataset)
    payload = {
        "graph": turtle_from_nquads(dataset),
        "dataset": dataset,
        "merges": json_bytes(result.merges_json()),
        "report": json_bytes(result.report.to_json()),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in ("graph", "dataset", "merges", "report"):
        atomic_write(outputs[name], payload[name])
    if maps:
        from kg.maps import standard_maps
        from kg.projection import project

        for name, path in standard_maps(project(union_graph(result.dataset)), out_dir / "maps").items():
            result.report.outputs[f"map {name}"] = str(path)
    return result
