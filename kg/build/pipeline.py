"""The build pipeline, composed in one place: read -> extract -> render -> resolve -> write.

Each document is read, extracted and rendered to its named graph (N-Quads and Turtle text) by
`process_document`, in worker processes when there are several jobs; the main process keeps only
what resolution needs (name keys, titles, organizations per document) and the blocks wait in a
spool, so memory grows with the graph's people, not with the corpus text or its triples. People
are then resolved across documents; the few documents rendered with a person node that resolution
renamed (a name shared by two people) are rendered again. Outputs are written in content order:
the same documents give the same bytes whatever their order, the number of jobs or the cache.

`build_dataset` is the in-memory form (documents in, result out) for tests and notebooks; `build`
reads from disk and writes the outputs into a build folder that the output folder switches to when
all are complete (`kg.build.outdir`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from kg.ask.stamp import STORE, write_stamp
from kg.build.cache import ExtractionCache
from kg.build.outdir import BuildFolder, adopt, clean, locked
from kg.build.report import BuildReport, DocumentReport
from kg.build.spool import Spool
from kg.errors import UsageError
from kg.extract.budget import DEFAULT_DOCUMENT_SECONDS, OverBudget, time_budget
from kg.extract.document import extract_document
from kg.extract.facts import Extraction
from kg.extract.mentions import find_mentions, reference_gazetteer
from kg.model.ns import KGO, resource_base
from kg.model.ontology import Reference, load_ontology, load_reference
from kg.output import json_bytes
from kg.rdf.build import add_document, add_mentions, add_reference, graph_iri, union_graph
from kg.rdf.facts import add_extraction, event_iri, office_iri, rename_people
from kg.rdf.quads import TripleSink, nquads_block, turtle_block, turtle_header
from kg.rdf.resolution import add_inferred, add_judgements, add_person_nodes, add_tenures, add_ties
from kg.read.documents import DEFAULT_MAX_BYTES, Document, Skipped, duplicate_reason, iter_files, read_path
from kg.resolve.judgements import Ruling, read_judgements
from kg.resolve.people import Group, Interner, Resolution, groups_of, provisional_nodes, resolve_groups
from kg.resolve.roles_at_date import Inferred, OfficeStatement, resolve_offices
from kg.resolve.sameevent import EventSummary, rewrite_events, same_events
from kg.resolve.tenures import Tenure, tenures
from kg.resolve.ties import EventReport, Tie, ties

__all__ = ["BuildResult", "DocumentOutput", "build_dataset", "build", "process_document", "OUTPUT_FILES",
           "VALIDATION_SAMPLE"]

OUTPUT_FILES = {"graph": "graph.ttl", "dataset": "graph.nq", "report": "report.json", "merges": "merges.json"}
PROFILES = "people"  # the folder of the profile pages in maps/, which the maps link to
PUBLIC = (*OUTPUT_FILES.values(), "maps")  # what `out_dir` shows of a build
#: documents whose graphs `kg build` validates (all of them in a smaller build): the first ones in
#: content-hash order, a sample independent of file names
VALIDATION_SAMPLE = 100
#: merge decisions validated with the sample (the first ones into the sample's people)
VALIDATION_MERGES = 1000

Progress = Callable[[int, int], None]  # (documents done, documents in all)


@dataclass
class DocumentOutput:
    """What one document gives the build: its report, its name-key groups (all that resolution
    needs) and its named graph as N-Quads and Turtle blocks, rendered with the provisional person
    nodes of `kg.resolve.people.provisional_nodes` (the build renames the few that resolution decides otherwise)."""

    doc_id: str
    content_hash: str
    path: str
    report: DocumentReport
    groups: list[Group]
    nquads: str
    turtle: str
    cached: bool = False
    text_hash: str = ""  # of the decoded text: the same article in another encoding is a duplicate
    encoding: str = ""
    offices: list[OfficeStatement] = field(default_factory=list)  # unnamed office holders at its events
    events: list[EventSummary] = field(default_factory=list)  # what deciding that two reports are one event needs


@dataclass(frozen=True)
class _Failed:
    """A document read but not extracted (the exception, as the report's reason)."""

    skipped: Skipped


@dataclass
class BuildResult:
    """The outcome of a build: the report, the resolution of people and the dataset's N-Quads
    (bytes, or the path of graph.nq), from which the rdflib `dataset` is parsed when first asked."""

    report: BuildReport
    resolution: Resolution | None
    nquads: bytes | Path
    sample_end: int = 0  # byte offset after the validation sample's document graphs
    header_start: int = 0  # byte offset of the ontology, persons and reference graphs
    store_triples: int | None = None

    def _bytes(self, start: int = 0, end: int | None = None) -> bytes:
        if isinstance(self.nquads, bytes):
            return self.nquads[start:end]
        with open(self.nquads, "rb") as fh:
            fh.seek(start)
            return fh.read(None if end is None else end - start)

    @cached_property
    def dataset(self) -> Dataset:
        """The whole dataset in rdflib's memory store (for small builds, tests and notebooks)."""
        return _parse_nquads(self._bytes())

    def validation_graph(self) -> Graph:
        """What `kg build` validates: the sample's documents (all of a small build), the people they
        name with up to VALIDATION_MERGES of their merge decisions, the reference data and the ontology."""
        sample = self._bytes(0, self.sample_end).decode("utf-8")
        header = self._bytes(self.header_start).decode("utf-8").splitlines(keepends=True)
        persons_graph = f"<{graph_iri('persons')}>"
        people_lines = [line for line in header if line.endswith(f" {persons_graph} .\n")]
        prefix = f"<{resource_base('person')}"
        people = {t for line in sample.splitlines() for t in line.split(" ") if t.startswith(prefix)}
        merged_into = f"<{KGO.mergedInto}>"
        merges = [line.split(" ", 1)[0] for line in people_lines
                  if f" {merged_into} " in line and line.split(" ", 3)[2] in people][:VALIDATION_MERGES]
        keep = people | set(merges)
        kept = [line for line in people_lines if line.split(" ", 1)[0] in keep]
        rest = [line for line in header if not line.endswith(f" {persons_graph} .\n")]
        return union_graph(_parse_nquads("".join([sample, *kept, *rest]).encode("utf-8")))

    @property
    def validated_documents(self) -> int:
        return min(VALIDATION_SAMPLE, len(self.report.documents))

    def merges_json(self) -> list[dict[str, object]]:
        """Every same-name judgement across documents, merged or not, with its reason."""
        if self.resolution is None:
            return []
        return [{"key": j.key, "a": list(j.a), "b": list(j.b), "merged": j.merged, "reason": j.reason,
                 "node_a": self.resolution.assignment[j.a], "node_b": self.resolution.assignment[j.b],
                 "source": j.source, "score": j.score, "uncertain": j.uncertain,
                 "rules": [{"rule": h.rule, "weight": h.weight, "detail": h.detail} for h in j.hits]}
                for j in self.resolution.judgements]


def _parse_nquads(data: bytes) -> Dataset:
    import warnings

    ds = Dataset()
    with warnings.catch_warnings():  # rdflib's N-Quads parser uses its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=data, format="nquads")
    return ds


def _document_report(doc: Document) -> DocumentReport:
    return DocumentReport(path=doc.path, id=doc.id, language=doc.language, script=doc.script,
                          date=doc.date.isoformat() if doc.date else None, title=doc.title,
                          source=doc.source, encoding=doc.encoding, warnings=list(doc.warnings))


def render_document(doc: Document, mentions: Any, ex: Extraction, ref: Reference) -> DocumentOutput:
    """The named graph of `doc` from its mentions and extraction (see `DocumentOutput`)."""
    groups = groups_of(doc, ex, mentions)
    nodes = provisional_nodes(groups)
    sink = TripleSink()
    report = _document_report(doc)
    add_document(sink, doc)
    report.counts["mentions"] = add_mentions(sink, doc, mentions, ref)
    report.counts.update(add_extraction(sink, doc, ex, nodes, ref))
    report.unresolved = list(ex.unresolved)
    report.gaps = list(ex.gaps)
    block = nquads_block(sink.triples, graph_iri(doc.id))
    day = doc.date.isoformat() if doc.date else ""
    offices = [OfficeStatement(str(office_iri(doc, o)), str(event_iri(doc, ex.events[o.event])), o.title_id, o.org_id,
                               o.role, day, doc.id, tuple(sorted({p.person for p in ex.events[o.event].participants})))
               for o in ex.offices]  # `named` holds name keys here; the build maps them to person nodes
    events = [EventSummary(str(event_iri(doc, ev)), doc.id, ev.kind, ev.date.isoformat() if ev.date else "",
                           ev.place_id or "", tuple(sorted({p.person for p in ev.participants}))) for ev in ex.events]
    return DocumentOutput(doc.id, doc.content_hash, doc.path, report, groups, block, turtle_block(block),
                          text_hash=doc.text_hash, encoding=doc.encoding, offices=offices, events=events)


def process_document(doc: Document, ref: Reference | None = None, cache: ExtractionCache | None = None,
                     budget: float | None = DEFAULT_DOCUMENT_SECONDS) -> DocumentOutput | _Failed:
    """Extract (or take from the cache) and render one document within `budget` seconds; an exception
    or an overrun is reported, not raised."""
    ref = ref or load_reference()
    try:
        with time_budget(budget):
            hit = cache.get(doc.content_hash) if cache is not None else None  # counted by the collector
            if hit is None:
                mentions, ex = find_mentions(doc, reference_gazetteer(ref)), extract_document(doc, ref)
                if cache is not None:
                    cache.put(doc.content_hash, (mentions, ex))
            else:
                mentions, ex = hit
            out = render_document(doc, mentions, ex, ref)
        out.cached = hit is not None
        return out
    except OverBudget as exc:
        return _Failed(Skipped(doc.path, f"skipped: extraction {exc} (a runaway document; raise --doc-timeout "
                                         "to build it)"))
    except Exception as exc:  # one bad document must not stop the build
        return _Failed(Skipped(doc.path, f"extraction failed: {type(exc).__name__}: {exc}"))


# Worker tasks: module-level functions of picklable arguments.

def _work_doc(task: tuple[Document, str | None, float | None]) -> DocumentOutput | _Failed:
    doc, cache_dir, budget = task
    return process_document(doc, cache=ExtractionCache(Path(cache_dir)) if cache_dir else None, budget=budget)


def _work_path(task: tuple[str, str, int, str | None, float | None]) -> DocumentOutput | _Failed | Skipped:
    path, display, max_bytes, cache_dir, budget = task
    doc = read_path(Path(path), display, max_bytes)
    if isinstance(doc, Skipped):
        return doc
    return _work_doc((doc, cache_dir, budget))


def _run(worker: Callable[[Any], Any], tasks: Sequence[Any], jobs: int) -> Iterator[Any]:
    """`worker` over `tasks`, in `jobs` forked worker processes (in this process for one job or a
    handful of tasks, where starting workers costs more than it saves)."""
    if jobs > 1 and len(tasks) >= 16:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(worker, tasks, chunksize=max(1, min(32, len(tasks) // (jobs * 8) or 1)))
    else:
        for task in tasks:
            yield worker(task)


@dataclass
class _Collected:
    """Outcomes gathered from the workers: outputs (blocks moved to the spool), skips, failures."""

    spool: Spool
    cache: ExtractionCache | None = None
    outputs: dict[str, DocumentOutput] = field(default_factory=dict)
    by_text: dict[str, str] = field(default_factory=dict)  # text hash -> content hash of the output kept
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[Skipped] = field(default_factory=list)
    interner: Interner = field(default_factory=Interner)
    same_event: dict[str, str] = field(default_factory=dict)  # event IRI -> the one event it is the same as

    def take(self, outcome: DocumentOutput | _Failed | Skipped) -> None:
        if isinstance(outcome, Skipped):
            self.skipped.append(outcome)
            return
        if isinstance(outcome, _Failed):
            self.failed.append(outcome.skipped)
            return
        if self.cache is not None:
            if outcome.cached:
                self.cache.hits += 1
            else:
                self.cache.misses += 1
        text = outcome.text_hash or outcome.content_hash
        first = self.outputs.get(self.by_text.get(text, ""))
        if first is not None:
            keep, drop = sorted([first, outcome], key=lambda o: o.path)
            self.skipped.append(Skipped(drop.path, duplicate_reason(keep, drop)))
            if keep is first:
                return
            del self.outputs[first.content_hash]
        self.by_text[text] = outcome.content_hash
        self.spool.put(outcome.content_hash, outcome.nquads, outcome.turtle)
        outcome.nquads = outcome.turtle = ""
        outcome.groups = [self.interner.group(g) for g in outcome.groups]
        self.outputs[outcome.content_hash] = outcome


def _rename(collected: _Collected, resolution: Resolution) -> None:
    """Rename the person nodes of documents rendered with a name key that resolution gave another
    node (a name shared by several people): their blocks are rewritten in the spool."""
    for o in collected.outputs.values():
        first = provisional_nodes(o.groups)
        final = resolution.nodes_of(o.doc_id, first)
        if final != first:
            block = rename_people(collected.spool.get(o.content_hash)[0], {first[k]: final[k] for k in first})
            collected.spool.put(o.content_hash, block, turtle_block(block))


def _merge_events(collected: _Collected, resolution: Resolution) -> None:
    """Make every event reported by several documents one node (`kg.resolve.sameevent`): their blocks are
    rewritten in the spool, and the mapping is kept for what refers to events later (office statements)."""
    summaries = [replace(ev, people=tuple(sorted({resolution.assignment[(o.doc_id, k)] for k in ev.people
                                                  if (o.doc_id, k) in resolution.assignment})))
                 for o in collected.outputs.values() for ev in o.events]
    collected.same_event = same_events(summaries)
    if not collected.same_event:
        return
    for o in collected.outputs.values():
        mine = {ev.iri: collected.same_event[ev.iri] for ev in o.events if ev.iri in collected.same_event}
        if mine:
            block = rewrite_events(collected.spool.get(o.content_hash)[0], mine)
            collected.spool.put(o.content_hash, block, turtle_block(block))


def _ties(collected: _Collected, resolution: Resolution, ordered: list[DocumentOutput]) -> list[Tie]:
    """The ties among the people of every document's events, once events are merged (`kg.resolve.ties`)."""
    reports = [EventReport(collected.same_event.get(ev.iri, ev.iri), o.doc_id,
                           frozenset(resolution.assignment[(o.doc_id, k)] for k in ev.people
                                     if (o.doc_id, k) in resolution.assignment))
               for o in ordered for ev in o.events]
    return ties(reports, {o.doc_id: (o.report.language, o.report.source or "") for o in ordered})


def _header_blocks(ref: Reference, resolution: Resolution, spans: list[Tenure], links: list[Tie],
                   inferred: list[Inferred]) -> list[tuple[str, str]]:
    """The (graph IRI, N-Quads) blocks of the ontology, the persons, the inferences and the reference data."""
    reference = TripleSink()
    add_reference(reference, ref)
    # the ontology rides along so that the graph is self-describing (labels of roles, classes); its
    # blank nodes get canonical labels so the output stays byte-identical between runs
    ontology = to_canonical_graph(load_ontology())
    blocks: list[tuple[str, Iterable[tuple[Node, Node, Node]]]] = [("ontology", ontology), ("reference", reference.triples)]
    out = [(str(graph_iri(name)), nquads_block(triples, graph_iri(name))) for name, triples in blocks]
    inferences = TripleSink()
    add_inferred(inferences, inferred)
    out.append((str(graph_iri("inferred")), nquads_block(inferences.triples, graph_iri("inferred"))))
    return sorted(out + [(str(graph_iri("persons")), _persons_block(resolution, ref, spans, links))])


def _persons_block(resolution: Resolution, ref: Reference, spans: list[Tenure], links: list[Tie],
                   chunk: int = 2000) -> str:
    """The persons graph: every person node, merge decision, tenure and tie. Rendered a chunk at a time (a
    large build has hundreds of thousands of merge decisions: their terms never sit in memory at once)."""
    lines: list[str] = []
    nodes, judgements = list(resolution.nodes.values()), resolution.judgements
    for i in range(0, max(len(nodes), len(judgements), len(spans), len(links)), chunk):
        sink = TripleSink()
        add_person_nodes(sink, nodes[i:i + chunk])
        add_judgements(sink, judgements[i:i + chunk], resolution)
        add_tenures(sink, spans[i:i + chunk], ref)
        add_ties(sink, links[i:i + chunk])
        lines.extend(nquads_block(sink.triples, graph_iri("persons")).splitlines(keepends=True))
    lines.sort()
    return "".join(lines)


def _assemble(collected: _Collected, resolution: Resolution, ref: Reference, nq: io.RawIOBase | Any,
              ttl: io.RawIOBase | Any, report: BuildReport) -> tuple[int, int]:
    """Write the dataset (N-Quads) and the union (Turtle): named graphs in IRI order, documents
    first (their ids are hex digests), then the ontology, persons and reference graphs. Fills the
    report's documents and statement count; returns the offsets that delimit the validation sample."""
    ttl.write(turtle_header().encode("utf-8"))
    offset = sample_end = 0
    quads = 0
    ordered = sorted(collected.outputs.values(), key=lambda o: o.doc_id)
    for i, out in enumerate(ordered):
        block, turtle = collected.spool.get(out.content_hash)
        data = block.encode("utf-8")
        nq.write(data)
        ttl.write(turtle.encode("utf-8"))
        offset += len(data)
        quads += block.count("\n")
        if i < VALIDATION_SAMPLE:
            sample_end = offset
        report.documents.append(out.report)
    header_start = offset
    spans = tenures(resolution, ref)
    statements = [replace(s, event=collected.same_event.get(s.event, s.event),
                          named=tuple(sorted({resolution.assignment[(s.doc, k)] for k in s.named
                                              if (s.doc, k) in resolution.assignment})))
                  for out in ordered for s in out.offices]
    inferred = resolve_offices(statements, spans)
    report.offices = [{"document": i.statement.doc, "title": i.statement.title, "organization": i.statement.org,
                       "date": i.statement.date, "holder": i.node, "reason": i.reason} for i in inferred]
    for _, block in _header_blocks(ref, resolution, spans, _ties(collected, resolution, ordered), inferred):
        nq.write(block.encode("utf-8"))
        ttl.write(turtle_block(block).encode("utf-8"))
        quads += block.count("\n")
    report.quads = quads
    return sample_end, header_start


def _collect(collected: _Collected, worker: Callable[[Any], Any], tasks: Sequence[Any], jobs: int,
             progress: Progress | None) -> None:
    for i, outcome in enumerate(_run(worker, tasks, jobs), 1):
        collected.take(outcome)
        if progress:
            progress(i, len(tasks))


def build_dataset(docs: Sequence[Document], skipped: Sequence[Skipped] = (),
                  reference: Reference | None = None, jobs: int = 1, cache: ExtractionCache | None = None,
                  progress: Progress | None = None, budget: float | None = DEFAULT_DOCUMENT_SECONDS,
                  rulings: Sequence[Ruling] = ()) -> BuildResult:
    """Build the dataset of `docs`, in memory (in any order: the result does not depend on it, nor
    on `jobs` or the cache), applying an analyst's `rulings` in resolution. A document whose
    extraction raises is reported under `failed`."""
    ref = reference or load_reference()
    reference_gazetteer(ref)  # loaded before the workers fork, so they share it
    cache_dir = str(cache.directory) if cache is not None else None
    custom = reference is not None
    with Spool() as spool:
        collected = _Collected(spool, cache)
        if custom or jobs == 1:  # in-process: tests patch the stages, a custom reference is not pickled
            for i, doc in enumerate(docs, 1):
                collected.take(process_document(doc, ref, cache, budget))
                if progress:
                    progress(i, len(docs))
        else:
            _collect(collected, _work_doc, [(d, cache_dir, budget) for d in docs], jobs, progress)
        resolution = resolve_groups([g for o in collected.outputs.values() for g in o.groups], ref, rulings)
        _rename(collected, resolution)
        _merge_events(collected, resolution)
        report = BuildReport(skipped=sorted([*skipped, *collected.skipped], key=lambda s: s.path),
                             failed=sorted(collected.failed, key=lambda s: s.path))
        nq, ttl = io.BytesIO(), io.BytesIO()
        sample_end, header_start = _assemble(collected, resolution, ref, nq, ttl, report)
    return BuildResult(report, resolution, nq.getvalue(), sample_end, header_start)


class NothingToBuild(UsageError):
    """No readable document among the inputs: the build stops before replacing any output."""

    def __init__(self, report: BuildReport) -> None:
        skipped = report.skipped + report.failed
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:3]) + (" ..." if len(skipped) > 3 else "")
        super().__init__("no readable article among the inputs" + (f" ({len(skipped)} skipped: {reasons})"
                                                                    if skipped else " (no files)")
                         + "; the outputs were left as they were")


def build(paths: Sequence[Path], out_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES, maps: bool = True,
          jobs: int = 1, cache: bool = True, progress: Progress | None = None,
          store_dir: Path | None = None, budget: float | None = DEFAULT_DOCUMENT_SECONDS,
          follow_links: bool = False, judgements: Path | None = None, scheduler: str | None = None) -> BuildResult:
    """Read `paths`, build (applying the analyst's judgements in the file `judgements`, if it exists),
    and write graph.ttl, graph.nq, merges.json and report.json into `out_dir`,
    the standard maps into `out_dir/maps` (`maps=False` skips them) and, with `store_dir`, an
    Oxigraph store of the graph. A document taking more than `budget` seconds is reported and left out;
    a symbolic link leading out of a corpus folder is reported and left unless `follow_links`. With
    `scheduler` (a Dask scheduler address, or `local:N`), documents are extracted on that cluster (kg.build.cluster).

    Every output is written into a fresh build folder that `out_dir` switches to at one instant when all
    are complete (`kg.build.outdir`), so an interrupted build (an exception, Ctrl-C, a kill) leaves the previous
    outputs, all of them; a second build into `out_dir` meanwhile raises `kg.build.outdir.OutputLocked`.
    """
    rulings = read_judgements(judgements)
    with locked(out_dir):
        ref = load_reference()
        reference_gazetteer(ref)  # loaded before the workers fork, so they share it
        clean(out_dir)
        adopt(out_dir, PUBLIC)
        extractions = ExtractionCache(out_dir / ".cache") if cache else None
        if extractions is not None:
            extractions.clean()
        with BuildFolder(out_dir) as folder:
            result = _build_into(folder.path, paths, max_bytes, jobs, extractions, progress, budget, follow_links, ref,
                                 rulings, judgements, scheduler)
            if not result.report.documents:  # leaving the block unpublished keeps OUT as it was
                raise NothingToBuild(result.report)
            result.report.outputs = {k: str(out_dir / v) for k, v in OUTPUT_FILES.items()}
            own_store, digest = _write_store(folder.path)
            result.report.outputs["store"] = str(out_dir / STORE)
            if store_dir is not None:
                from kg.ask.oxigraph import build_store

                result.store_triples = build_store(store_dir, folder.path / OUTPUT_FILES["graph"], digest)
            if maps:
                profiled = _write_profiles(folder.path, own_store)
                if profiled:
                    result.report.outputs["profiles"] = str(out_dir / "maps" / PROFILES)
                for name, path in _write_maps(folder.path, own_store, frozenset(profiled)).items():
                    result.report.outputs[f"map {name}"] = str(out_dir / "maps" / path.name)
            folder.publish()
    return result


def _build_into(folder: Path, paths: Sequence[Path], max_bytes: int, jobs: int, cache: ExtractionCache | None,
                progress: Progress | None, budget: float | None, follow_links: bool, ref: Reference,
                rulings: Sequence[Ruling] = (), judgements: Path | None = None,
                scheduler: str | None = None) -> BuildResult:
    """The build's graph.ttl, graph.nq, merges.json and report.json, written into `folder`; documents are
    extracted by `jobs` local worker processes, or on the Dask cluster of `scheduler` (kg.build.cluster)."""
    files: list[tuple[Path, str]] = []
    skipped: list[Skipped] = []
    for item in iter_files(paths, follow_links):
        (skipped.append if isinstance(item, Skipped) else files.append)(item)  # type: ignore[arg-type]
    cache_dir = str(cache.directory) if cache is not None else None
    outputs = {name: folder / fname for name, fname in OUTPUT_FILES.items()}
    with Spool(folder) as spool:
        collected = _Collected(spool, cache)
        if scheduler is not None:
            from kg.build.cluster import connect, run_on_cluster

            with connect(scheduler) as client:
                for i, outcome in enumerate(run_on_cluster(client, files, max_bytes, cache, budget), 1):
                    collected.take(outcome)
                    if progress:
                        progress(i, len(files))
        else:
            tasks = [(str(p), display, max_bytes, cache_dir, budget) for p, display in files]
            _collect(collected, _work_path, tasks, jobs, progress)
        resolution = resolve_groups([g for o in collected.outputs.values() for g in o.groups], ref, rulings)
        _rename(collected, resolution)
        _merge_events(collected, resolution)
        report = BuildReport(skipped=sorted([*skipped, *collected.skipped], key=lambda s: s.path),
                             failed=sorted(collected.failed, key=lambda s: s.path))
        if judgements is not None:
            report.judgements = {"path": str(judgements), "count": len(rulings)}
        with open(outputs["dataset"], "wb") as nq, open(outputs["graph"], "wb") as ttl:
            sample_end, header_start = _assemble(collected, resolution, ref, nq, ttl, report)
    result = BuildResult(report, resolution, outputs["dataset"], sample_end, header_start)
    outputs["merges"].write_bytes(json_bytes(result.merges_json()))
    outputs["report"].write_bytes(json_bytes(report.to_json()))
    return result


def _write_profiles(folder: Path, store_dir: Path | None) -> list[str]:
    """The profile pages (kg.draw.profile_page) of the most active people into `folder`/maps/people, from the
    build's graph; their IRIs."""
    import json

    from kg.ask.store import open_graph
    from kg.draw.profile_page import write_people

    graph = open_graph(store_dir=store_dir) if store_dir is not None else open_graph(
        graph_path=folder / OUTPUT_FILES["graph"])
    try:
        merges = json.loads((folder / OUTPUT_FILES["merges"]).read_text(encoding="utf-8"))
        return write_people(graph, folder / "maps" / PROFILES, merges)
    finally:
        graph.close()


def _write_store(folder: Path) -> tuple[Path, str]:
    """The build's Oxigraph store, `folder`/store, and the digest of graph.ttl it is stamped with
    (kg.ask.stamp, also in `folder`/stamp.json): every reading command opens it instead of parsing graph.ttl;
    the person index `kg who-met` needs, cached in `folder`/people.json (kg.ask.reader), and the who-met rows
    by person in `folder`/meetings.sqlite (kg.ask.meetingindex)."""
    from kg.ask.meetingindex import write_meetings
    from kg.ask.oxigraph import build_store
    from kg.ask.reader import write_people

    digest = write_stamp(folder, OUTPUT_FILES["graph"])
    build_store(folder / STORE, folder / OUTPUT_FILES["graph"], digest)
    write_people(folder, folder / STORE)
    write_meetings(folder, folder / STORE)
    return folder / STORE, digest


def _write_maps(folder: Path, store_dir: Path | None, profiled: frozenset[str] = frozenset()) -> dict[str, Path]:
    """The standard maps into `folder`/maps, projected from the build's Oxigraph store, or without one
    from a temporary store (in `folder`) of just the statements the projection reads; the people of
    `profiled` (IRIs) link to their profile pages."""
    import shutil
    import tempfile

    from kg.ask.store import open_graph
    from kg.draw.maps import standard_maps
    from kg.draw.projection import project, projection_graph

    tmp = None
    if store_dir is None:
        tmp = Path(tempfile.mkdtemp(prefix=".maps-store.", dir=folder))
        graph = projection_graph(folder / OUTPUT_FILES["dataset"], tmp / "store")
    else:
        graph = open_graph(store_dir=store_dir)
    try:
        return standard_maps(project(graph), folder / "maps", profiles=PROFILES, profiled=profiled)
    finally:
        graph.close()
        del graph
        if tmp is not None:
            import gc

            gc.collect()  # closes RocksDB before its files go
            shutil.rmtree(tmp, ignore_errors=True)
