"""Benchmark: `kg who-met` end to end (process start to last line) on a large graph: over the store its
build wrote beside graph.ttl (the default since the build writes one) against parsing graph.ttl (what every
call did before: the same graph.ttl hard-linked into a folder with no build stamp), in one run.

A synthetic corpus (`kg synth --docs N --seed 1`, about 340 triples per document) is built once with
this tree; then `kg who-met NAME` (the person in the most meetings, and the median person) and
`kg who-met --all` run as
subprocesses, alternating between the two ways, R times each; the medians (wall clock, and the CPU time
of the process, which a machine shared with other work inflates less) and their ratio are printed.

Run: .venv/bin/python bench/who_met.py [--docs N] [--reps R] [--out FILE] [--work DIR] [--tiny] [--store-only]
(default 3000 documents, about 1M triples; results in bench/results-who-met.txt; --tiny: 20 documents,
1 run, for CI, results not written unless --out is given)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _kg(*args: str) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, of the child) of one `kg` command."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg.cli", *args], check=True, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--tiny", action="store_true", help="20 documents, 1 run: for CI")
    ap.add_argument("--store-only", action="store_true",
                    help="time only the build's store (parsing a 10M-triple graph.ttl takes minutes a call)")
    args = ap.parse_args()
    if args.tiny:
        args.docs, args.reps = 20, 1
    out_file = args.out or (None if args.tiny else ROOT / "bench" / "results-who-met.txt")
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-who-met-"))
    corpus, out = work / "corpus", work / "out"
    if not (out / "stamp.json").exists():
        subprocess.run([sys.executable, "-m", "kg.cli", "synth", "--docs", str(args.docs), "--seed", "1", "--out",
                        str(corpus)], check=True, capture_output=True, cwd=ROOT)
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus / "articles"), "--out", str(out),
                        "--no-maps", "--no-validate", "-q"], check=True, capture_output=True, cwd=ROOT)
    graph = str((out / "graph.ttl").resolve())
    parsed = work / "parse" / "graph.ttl"  # the same file, no stamp beside it: read by parsing
    parsed.parent.mkdir(exist_ok=True)
    if not parsed.exists():
        os.link(graph, parsed)
    triples = sum(1 for _ in open(out / "graph.nq", encoding="utf-8"))
    documents = sum(1 for _ in (corpus / "articles").iterdir())  # of the build reused, not --docs
    pairs = json.loads(subprocess.run([sys.executable, "-m", "kg.cli", "who-met", "--all", "--format", "json", "--timeout", "600",
                                       "--graph", graph], check=True, capture_output=True, cwd=ROOT).stdout)
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for p in pairs:
        for iri, name in ((p["a_iri"], p["a"]), (p["b_iri"], p["b"])):
            counts[iri] = counts.get(iri, 0) + 1
            names[iri] = name
    ranked = sorted(sorted(counts), key=lambda k: -counts[k])
    person = ranked[0].rsplit("/", 1)[-1]  # the person in most meetings: the worst case
    typical = ranked[len(ranked) // 2].rsplit("/", 1)[-1]  # the median person
    rows = []
    for label, cmd in ((f"who-met {person} (most)", ["who-met", person]),
                       ("  the same, by name", ["who-met", names[ranked[0]]]),  # as an analyst types it
                       (f"who-met {typical} (median)", ["who-met", typical]),
                       ("  the same, by name", ["who-met", names[ranked[len(ranked) // 2]]]),
                       ("who-met --all", ["who-met", "--all", "--timeout", "600"])):
        times: dict[str, list[tuple[float, float]]] = {"parse": [], "store": []}
        for _ in range(args.reps):
            if not args.store_only:
                times["parse"].append(_kg(*cmd, "--graph", str(parsed)))
            times["store"].append(_kg(*cmd, "--graph", graph))
        sw, sc = statistics.median(t[0] for t in times["store"]), statistics.median(t[1] for t in times["store"])
        if args.store_only:
            rows.append(f"{label:<32} {'-':>8} {'-':>8} {sw:8.2f} {sc:8.2f} {'-':>8} {'-':>8}")
            continue
        pw, pc = statistics.median(t[0] for t in times["parse"]), statistics.median(t[1] for t in times["parse"])
        rows.append(f"{label:<32} {pw:8.2f} {pc:8.2f} {sw:8.2f} {sc:8.2f} {sw / pw:7.2f}x {sc / pc:7.2f}x")
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    load = os.getloadavg()[0]
    text = "\n".join([
        f"kg who-met end to end, seconds (median of {args.reps}): parsing graph.ttl vs the build's store, this tree ({head})",
        f"{documents} synthetic documents, {triples} statements in graph.nq; python {platform.python_version()}, "
        f"{os.cpu_count()} cores shared with other work (load average {load:.1f} at the end)",
        f"{'command':<32} {'parse s':>8} {'cpu s':>8} {'store s':>8} {'cpu s':>8} {'wall':>8} {'cpu':>8}",
        *rows]) + "\n"
    print(text, end="")
    if out_file is not None:
        out_file.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
