"""Benchmark: every named query (queries/*.rq) on Oxigraph, on disk and in memory, versus rdflib's default store.

For each size, a synthetic corpus (`kg synth --docs N --seed 1`, about 340 triples per document) is built
with the CLI (`kg build ... --store OUT/store`) and read the three ways a user reads it: the on-disk Oxigraph
store as `kg query --store` opens it; graph.ttl loaded into an in-memory Oxigraph store as `kg query --graph`
does by default (and `kg serve`); graph.ttl parsed into rdflib's default store (`--engine rdflib`).
Every named query runs through kg's own path (`kg.ask.query.run_query`, parameters bound as terms), the same
text and terms on every engine, one engine after the other: a warm-up run (stopped after --cap seconds),
then R timed runs without a timeout guard (no fork, no thread), so only the query is timed, not loading.
On Oxigraph each of them is followed by pyoxigraph answering the same text directly ("ox" columns: the
limit; "kg/ox" is kg's overhead over it), and R more runs time kg with its answer terms forgotten ("cold").
On the default engine the same query is also timed the way `kg query` and `kg serve` run a user's text
("isolated ms": the canonical text, then a forked child under limits that checks it with rdflib and has
Oxigraph answer, the answer read back; as in kg serve, only the first child of a text pays rdflib's check,
the "parse ms" column, and the median is of the later runs' kind).
rdflib's parse and check of the text, which run_query does once per text for every engine, is shown apart
("parse ms"). Parameters are picked from the data: the person in the most events, the title and organization
stated most often, the strategy with the most stances, the fact stated most often. The targets are checked
on the default engine (Oxigraph in memory); the store's ratio is shown beside it.

Run: .venv/bin/python bench/queries.py [DOCS ...]      (default 300 3000 30000: ~100k, 1M, 10M triples)
     --reps R (5), --cap S (60), --rdflib-max-triples N (2000000: larger graphs on Oxigraph only),
     --clock cpu (CPU time of the querying thread, for a busy machine), --work DIR (keep and reuse builds),
     --out FILE, --tiny (20 documents, 1 run: for CI)
Results are printed and written to bench/results-queries.txt (not with --tiny, unless --out is given).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

from rdflib import Graph, Literal
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.term import Identifier

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ask.named import NamedQuery, load_named  # noqa: E402
from kg.ask.query import _VERIFIED, QueryError, _checked, compact, run_query  # noqa: E402
from kg.ask.store import load_memory, open_graph  # noqa: E402
from kg.ask.terms import _TERMS  # noqa: E402
from kg.model.ns import PREFIXES  # noqa: E402

KG = str(Path(sys.executable).parent / "kg")
RESULTS = ROOT / "bench" / "results-queries.txt"
TARGET_MS, TARGET_RATIO = 100.0, 20.0
TARGET_TRIPLES = (500_000, 2_000_000)  # the targets are for a graph of about 1M triples
T = TypeVar("T")
CLOCKS = {"wall": "wall-clock time", "cpu": "CPU time of the querying thread"}

# Parameters are picked from the data by these queries (one row; its variables are parameter names),
# run once on Oxigraph, and the same terms are bound on both engines.
PICKS = (
    # the person who took part in the most events
    """SELECT ?person WHERE { ?p kgo:participant ?person }
       GROUP BY ?person ORDER BY DESC(COUNT(?p)) ?person LIMIT 1""",
    # the title and organization stated most often, up to the last date stated
    """SELECT ?title ?organization (MAX(?stated) AS ?date) WHERE {
         ?post org:role ?title ; org:postIn ?organization ; kgo:statedOn ?stated }
       GROUP BY ?title ?organization ORDER BY DESC(COUNT(?post)) ?title ?organization LIMIT 1""",
    # the strategy with the most stances
    """SELECT ?strategy WHERE { ?s a kgo:StrategyStance ; kgo:strategy ?strategy }
       GROUP BY ?strategy ORDER BY DESC(COUNT(?s)) ?strategy LIMIT 1""",
    # the fact (a post, participation, event, agreement or stance) stated most often
    """SELECT ?fact WHERE { ?fact kgo:evidence ?ev }
       GROUP BY ?fact ORDER BY DESC(COUNT(?ev)) ?fact LIMIT 1""",
)


@dataclass
class Timing:
    """One query on one engine: run times in seconds, the row count, and why runs stopped (if they did)."""

    runs: list[float] = field(default_factory=list)
    rows: list[tuple] | None = None
    note: str = ""
    isolated: list[float] = field(default_factory=list)
    cold: list[float] = field(default_factory=list)  # runs with kg's answer terms forgotten before each

    @property
    def median_ms(self) -> float | None:
        return 1000 * statistics.median(self.runs) if self.runs else None

    @property
    def cold_ms(self) -> float | None:
        return 1000 * statistics.median(self.cold) if self.cold else None

    def isolated_cell(self) -> str:
        return f"{1000 * statistics.median(self.isolated):.1f}" if self.isolated else "-"

    def cell(self) -> str:
        if self.note and not self.runs:
            return self.note
        return f"{self.median_ms:.1f}" + (f" ({len(self.runs)} runs)" if self.note else "")


def synth_and_build(docs: int, work: Path) -> tuple[Path, float]:
    """The build of `docs` synthetic documents (made with the CLI, or reused from `work`) and its build time
    (0 when reused)."""
    corpus, out = work / f"corpus-{docs}", work / f"out-{docs}"
    if (out / "store" / "CURRENT").is_file() and any((out / f).is_file() for f in ("graph.ttl", "graph.nq")):
        return out, 0.0
    if not (corpus / "articles").is_dir():
        subprocess.run([KG, "synth", "--docs", str(docs), "--seed", "1", "--out", str(corpus)],
                       check=True, capture_output=True)
    t = time.perf_counter()
    subprocess.run([KG, "build", str(corpus / "articles"), "--out", str(out), "--no-maps", "--no-validate",
                    "--quiet", "--store", str(out / "store")], check=True, capture_output=True, cwd=ROOT)
    return out, time.perf_counter() - t


def timed(load: Callable[[], T]) -> tuple[T, float]:
    t = time.perf_counter()
    value = load()
    return value, time.perf_counter() - t


def triple_count(graph: Graph) -> int:
    res = run_query(graph, "SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }", timeout=None, isolated=False)
    return int(res.rows[0][0])


def pick_params(graph: Graph) -> dict[str, Identifier]:
    """Parameter values picked from the data by PICKS (deterministic: ties broken by IRI)."""
    params: dict[str, Identifier] = {}
    for text in PICKS:
        res = run_query(graph, text, timeout=None, isolated=False)
        for name, term in zip(res.vars, res.rows[0] if res.rows else ()):
            if term is not None:
                params[name] = term
    return params


def bindings_for(query: NamedQuery, params: dict[str, Identifier]) -> dict[str, Identifier]:
    missing = [name for name, _ in query.params if name not in params]
    if missing:
        raise SystemExit(f"bench/queries.py picks no value for {query.name}'s parameter {missing[0]}: add one to PICKS")
    return {name: params[name] for name, _ in query.params}


def measure(graph: Graph, text: str, bindings: dict[str, Identifier], args: argparse.Namespace,
            isolated: bool = False, cold: bool = False, engine: Timing | None = None) -> Timing:
    """A warm-up run stopped after `args.cap` seconds, then up to `args.reps` timed runs without any guard
    (they stop once they have taken `args.cap` seconds in all), on the clock `args.clock` chose; with
    `cold`, as many runs with kg's process-wide answer terms (kg.ask.terms) forgotten before each, as the
    first answer of a `kg query` process converts them; with `isolated`, as many wall-clock timed runs the
    way kg query and kg serve run a query. With `engine`, pyoxigraph answering the same text directly
    (`engine_run`) is timed into it after each of kg's timed runs, so that both see the machine alike."""
    direct = engine_run(graph, text, bindings) if engine is not None else None
    clock = time.thread_time if args.clock == "cpu" else time.perf_counter
    timing = Timing()
    try:
        run_query(graph, text, bindings, timeout=args.cap, isolated=False)
    except QueryError as exc:
        timing.note = f">{args.cap:g} s" if "stopped after" in str(exc) else f"error: {exc}"
        return timing
    spent = 0.0
    if direct is not None:
        direct()  # its warm-up
    for _ in range(args.reps):
        t = clock()
        res = run_query(graph, text, bindings, timeout=None, isolated=False)
        timing.runs.append(clock() - t)
        spent += timing.runs[-1]
        timing.rows = res.rows
        if direct is not None and engine is not None:
            t = clock()
            direct()
            engine.runs.append(clock() - t)
        if spent > args.cap and len(timing.runs) < args.reps:
            timing.note = "capped"
            break
    for _ in range(len(timing.runs) if cold else 0):  # as the first answer of a process
        _TERMS.clear()
        t = clock()
        run_query(graph, text, bindings, timeout=None, isolated=False)
        timing.cold.append(clock() - t)
    _checked.cache_clear()
    _VERIFIED.kinds.clear()
    for _ in range(len(timing.runs) if isolated else 0):
        t = time.perf_counter()
        run_query(graph, text, bindings, timeout=args.cap, isolated=True)
        timing.isolated.append(time.perf_counter() - t)
    return timing


def parse_ms(text: str, reps: int) -> float:
    """rdflib parsing and translating the text: kg's guard, which a one-shot `kg query` pays on both engines
    (run_query keeps the checked query of a text, so the timed runs do not)."""
    runs = []
    for _ in range(max(reps, 3)):
        t = time.perf_counter()
        translateQuery(parseQuery(text), initNs=dict(PREFIXES))
        runs.append(time.perf_counter() - t)
    return 1000 * statistics.median(runs)


def _cell(term: Identifier | None) -> str:
    """A result term compared up to what the engines may legitimately differ in: the order of GROUP_CONCAT's
    parts and its language tag, and the lexical form of a number (graph.ttl writes 7.0 where graph.nq has 7)."""
    if not isinstance(term, Literal):
        return repr(term)
    value = term.toPython()
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return repr(Decimal(str(value)).normalize())
    return "; ".join(sorted(str(term).split("; ")))


def same_rows(a: list[tuple] | None, b: list[tuple] | None, other: str = "rdflib") -> str:
    """'' when Oxigraph in memory (`a`) and the `other` engine (`b`) gave the same rows (in any order), else
    a warning."""
    if a is None or b is None:
        return ""
    if len(a) != len(b):
        return f"row counts differ: memory {len(a)}, {other} {len(b)}"
    if sorted(repr(tuple(map(_cell, r))) for r in a) != sorted(repr(tuple(map(_cell, r))) for r in b):
        return f"same row count, different rows (memory, {other})"
    return ""


def verdict(ox: Timing, rl: Timing, triples: int) -> str:
    """The issue's targets: never slower than rdflib; at about 1M triples < 100 ms and >= 20x faster.
    '-' where none applies (no rdflib run, and not about 1M triples)."""
    if ox.median_ms is None:
        return "MISS: " + ox.note
    at_target = TARGET_TRIPLES[0] <= triples <= TARGET_TRIPLES[1]
    if not at_target and rl.median_ms is None and not rl.note.startswith(">"):
        return "-"
    misses = []
    if at_target and ox.median_ms >= TARGET_MS:
        misses.append(f">= {TARGET_MS:g} ms")
    if rl.median_ms is not None:
        ratio = rl.median_ms / ox.median_ms
        if ratio < 1:
            misses.append("slower than rdflib")
        elif at_target and ratio < TARGET_RATIO:
            misses.append(f"< {TARGET_RATIO:g}x")
    return "MISS: " + ", ".join(misses) if misses else "ok"


def ratio(ox: Timing, rl: Timing, cap: float) -> str:
    if ox.median_ms is None:
        return "-"
    if rl.median_ms is not None:
        return f"{rl.median_ms / ox.median_ms:.1f}x"
    return f">{1000 * cap / ox.median_ms:.0f}x" if rl.note.startswith(">") else "-"


def engine_run(graph: Graph, text: str, bindings: dict[str, Identifier]) -> Callable[[], int]:
    """The limit: pyoxigraph itself answering the text kg runs (canonical, the same bound values in the same
    VALUES block) on the same store, every term of every solution read, with no conversion to rdflib terms
    and no check; the run returns the number of solutions."""
    from kg.ask.query import canonical_query
    from kg.ask.querybase import _final, bind_values
    from kg.ask.terms import PREFIX_IRIS, node_to_sparql

    store = graph.store._inner
    final = _final(bind_values(canonical_query(text), bindings, node_to_sparql))

    def run() -> int:
        res = store.query(final, prefixes=PREFIX_IRIS)
        if isinstance(res, bool) or not hasattr(res, "variables"):
            return int(bool(res)) if isinstance(res, bool) else sum(1 for _ in res)
        return sum(1 for sol in res if tuple(sol) is not None)

    return run


def measure_all(engine: str, graph: Graph, params: dict[str, Identifier],
                args: argparse.Namespace) -> dict[str, Timing]:
    """Every named query on one engine (progress on stderr); on Oxigraph also pyoxigraph answering it
    directly (`engine_run`, run by run with kg's), kept as "ox-" + query name."""
    out = {}
    for q in load_named().values():
        direct = Timing() if engine != "rdflib" else None
        out[q.name] = timing = measure(graph, q.text, bindings_for(q, params), args, isolated=engine == "memory",
                                       cold=engine != "rdflib", engine=direct)
        if direct is not None:
            out[f"ox-{q.name}"] = direct
        print(f"  {engine:<8} {q.name:<22} {timing.cell()}", file=sys.stderr, flush=True)
    return out


def overhead(kg_timing: Timing, ox_timing: Timing, cold: bool = False) -> str:
    """kg's time over pyoxigraph's on the same text and store, of the runs as timed or (`cold`) with the
    answer terms forgotten before each ('-' where either is missing)."""
    kg_ms = kg_timing.cold_ms if cold else kg_timing.median_ms
    if kg_ms is None or not ox_timing.median_ms:
        return "-"
    return f"{kg_ms / ox_timing.median_ms:.2f}x"


def run_size(docs: int, work: Path, args: argparse.Namespace) -> list[str]:
    """Build one size and time every query on each engine in turn, the previous one closed: the on-disk
    Oxigraph store (`--store`), graph.ttl loaded into memory by Oxigraph (`--graph`, the default engine),
    then by rdflib (`--graph --engine rdflib`); the table. One engine at a time: a graph of millions of
    rdflib objects in the same process would slow Python's garbage collector, and with it the conversion
    of Oxigraph's results, which an Oxigraph user never has."""
    out, build_s = synth_and_build(docs, work)
    store, store_load = timed(lambda: open_graph(store_dir=out / "store"))
    triples, params = triple_count(store), pick_params(store)
    timings = {"store": measure_all("store", store, params, args)}
    del store
    gc.collect()
    loads = {"store": f"Oxigraph store opened in {store_load:.2f} s"}
    ttl = out / "graph.ttl"
    for engine in ("memory", "rdflib"):
        if engine == "rdflib" and triples > args.rdflib_max_triples:
            loads[engine] = f"rdflib skipped: {triples} triples > --rdflib-max-triples {args.rdflib_max_triples}"
            timings[engine] = {name: Timing(note="skipped") for name in timings["store"] if not name.startswith("ox-")}
            continue
        # memory: graph.ttl loaded into an in-memory store (open_graph would open the build's stamped store)
        graph, load_s = timed(lambda engine=engine: load_memory(ttl) if engine == "memory" else
                              open_graph(graph_path=ttl, engine="rdflib"))
        loads[engine] = f"{'Oxigraph' if engine == 'memory' else 'rdflib'} loaded graph.ttl in {load_s:.1f} s"
        if len(graph) != triples:
            loads[engine] += f" (WARNING: {len(graph)} triples, the store has {triples})"
        timings[engine] = measure_all(engine, graph, params, args)
        del graph
        gc.collect()
    built = f"built in {build_s:.1f} s" if build_s else "build reused (--work)"
    lines = [f"== {docs} docs: {triples} triples; {built}",
             "load: " + "; ".join(loads.values()),
             "parameters: " + ", ".join(f"{k}={compact(v)}" for k, v in sorted(params.items()))]
    lines += table(timings, triples, args)
    print("\n".join(lines), flush=True)
    return lines


def table(timings: dict[str, dict[str, Timing]], triples: int, args: argparse.Namespace) -> list[str]:
    """One line per query: rows, the three engines' medians, rdflib's time over each Oxigraph engine's, and
    the targets checked on the default engine (Oxigraph in memory)."""
    lines = [f"{'query':<22} {'rows':>6} {'store ms':>10} {'memory ms':>10} {'isolated ms':>12} {'rdflib ms':>16} "
             f"{'ratio':>8} {'store x':>8} {'parse ms':>9} {'ox mem ms':>10} {'kg/ox mem':>10} {'cold':>6} "
             f"{'ox store ms':>12} {'kg/ox store':>12} {'cold':>6}  target (memory)",
             f"{'-' * 22} {'-' * 6} {'-' * 10} {'-' * 10} {'-' * 12} {'-' * 16} {'-' * 8} {'-' * 8} {'-' * 9} "
             f"{'-' * 10} {'-' * 10} {'-' * 6} {'-' * 12} {'-' * 12} {'-' * 6}  ---------------"]
    for q in load_named().values():
        st, mem, rl = (timings[e][q.name] for e in ("store", "memory", "rdflib"))
        ox_st, ox_mem = timings["store"][f"ox-{q.name}"], timings["memory"][f"ox-{q.name}"]
        rows = len(mem.rows) if mem.rows is not None else "-"
        lines.append(f"{q.name:<22} {rows:>6} {st.cell():>10} {mem.cell():>10} {mem.isolated_cell():>12} {rl.cell():>16} "
                     f"{ratio(mem, rl, args.cap):>8} {ratio(st, rl, args.cap):>8} {parse_ms(q.text, args.reps):>9.1f} "
                     f"{ox_mem.cell():>10} {overhead(mem, ox_mem):>10} {overhead(mem, ox_mem, cold=True):>6} "
                     f"{ox_st.cell():>12} {overhead(st, ox_st):>12} {overhead(st, ox_st, cold=True):>6}  "
                     f"{verdict(mem, rl, triples)}")
        for engine, other in (("store", st), ("rdflib", rl)):
            warning = same_rows(mem.rows, other.rows, engine)
            if warning:
                lines.append(f"  WARNING {q.name}: {warning}")
    return lines


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("docs", nargs="*", type=int, help="corpus sizes in documents (default 300 3000 30000)")
    ap.add_argument("--reps", type=int, default=5, help="timed runs per query (median)")
    ap.add_argument("--cap", type=float, default=60.0, help="seconds after which a query is not run again")
    ap.add_argument("--rdflib-max-triples", type=int, default=2_000_000, help="skip rdflib above this size")
    ap.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                    help="time by the wall clock, or by the CPU time of the querying thread (on a busy machine)")
    ap.add_argument("--work", type=Path, default=None, help="keep corpora and builds here and reuse them")
    ap.add_argument("--out", type=Path, default=None, help=f"results file (default {RESULTS.relative_to(ROOT)})")
    ap.add_argument("--tiny", action="store_true", help="20 documents, 1 run: a smoke test for CI")
    args = ap.parse_args(argv)
    if args.tiny:
        args.docs, args.reps = args.docs or [20], 1
    elif args.out is None:
        args.out = RESULTS
    args.docs = args.docs or [300, 3000, 30000]
    return args


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    lines = ["kg named queries: Oxigraph on disk (kg query --store DIR) and in memory (kg query --graph FILE, the "
             "default engine) vs rdflib's default store (kg query --graph FILE --engine rdflib)",
             f"median of {args.reps} runs after a warm-up, in ms of {CLOCKS[args.clock]}, "
             "query only (run_query without a timeout guard, in the calling thread); "
             f"ratio = rdflib / memory, store x = rdflib / store; targets at ~1M triples: < {TARGET_MS:g} ms and >= {TARGET_RATIO:g}x, "
             "never slower than rdflib; kg/ox = kg's time over pyoxigraph reading every term of the same answer, "
             "cold = the same with kg's answer terms (kg.ask.terms, kept for the process) forgotten before each run",
             f"python {platform.python_version()}, pyoxigraph {version('pyoxigraph')}, rdflib {version('rdflib')}, "
             f"{os.cpu_count()} cores"]
    print("\n".join(lines), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for docs in args.docs:
            print(flush=True)
            lines += [""] + run_size(docs, work, args)
    if args.out is not None:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"written to {args.out}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
