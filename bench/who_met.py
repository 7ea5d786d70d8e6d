"""Benchmark: `kg who-met` end to end (process start to last line) on a large graph, this tree against a
reference commit, in one run.

A synthetic corpus (`kg synth --docs N --seed 1`, about 340 triples per document) is built once with
this tree; then `kg who-met NAME` (the person in the most events) and `kg who-met --all` run as
subprocesses, alternating between this tree and the reference checked out in a temporary git worktree
(the same Python environment, the reference's package first on the path), R times each; the medians
and their ratio are printed. The corroboration issue asks that `kg who-met` with its corroboration
fields stays within 1.2x of the time before them.

Run: .venv/bin/python bench/who_met.py [--docs N] [--ref COMMIT] [--reps R] [--out FILE] [--work DIR]
(default 3000 documents, about 1M triples; reference 0c087d5, the commit before corroboration;
results in bench/results-who-met.txt)
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


def _kg(tree: Path, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg.cli", *args], check=True, capture_output=True, env=env, cwd=tree)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--ref", default="0c087d5")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results-who-met.txt")
    ap.add_argument("--work", type=Path, default=None)
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-who-met-"))
    corpus, out = work / "corpus", work / "out"
    if not (out / "graph.ttl").exists():
        subprocess.run([sys.executable, "-m", "kg.cli", "synth", "--docs", str(args.docs), "--seed", "1", "--out",
                        str(corpus)], check=True, capture_output=True, cwd=ROOT)
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--no-maps",
                        "--no-validate", "-q"], check=True, capture_output=True, cwd=ROOT)
    graph = str((out / "graph.ttl").resolve())
    triples = sum(1 for line in open(out / "graph.nq", encoding="utf-8"))
    pairs = json.loads(subprocess.run([sys.executable, "-m", "kg.cli", "who-met", "--all", "--format", "json",
                                       "--graph", graph], check=True, capture_output=True, cwd=ROOT).stdout)
    counts: dict[str, int] = {}
    for p in pairs:
        for iri in (p["a_iri"], p["b_iri"]):
            counts[iri] = counts.get(iri, 0) + 1
    person = max(sorted(counts), key=lambda k: counts[k]).rsplit("/", 1)[-1]
    ref_tree = Path(tempfile.mkdtemp(prefix="kg-ref-")) / "ref"
    subprocess.run(["git", "worktree", "add", "-q", "--detach", str(ref_tree), args.ref], check=True, cwd=ROOT)
    try:
        rows = []
        for label, cmd in ((f"who-met {person}", ["who-met", person]), ("who-met --all", ["who-met", "--all"])):
            times: dict[str, list[float]] = {"this": [], "ref": []}
            for _ in range(args.reps):
                for name, tree in (("ref", ref_tree), ("this", ROOT)):
                    times[name].append(_kg(tree, *cmd, "--graph", graph))
            ref_s, this_s = statistics.median(times["ref"]), statistics.median(times["this"])
            rows.append(f"{label:<40} {ref_s:8.2f} {this_s:8.2f} {this_s / ref_s:6.2f}x")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(ref_tree)], check=False, cwd=ROOT)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    text = "\n".join([
        f"kg who-met end to end, seconds (median of {args.reps}), reference {args.ref} vs this tree ({head})",
        f"{args.docs} synthetic documents, {triples} statements in graph.nq; python {platform.python_version()}, "
        f"{os.cpu_count()} cores",
        f"{'command':<40} {'ref s':>8} {'this s':>8} {'ratio':>7}",
        *rows]) + "\n"
    print(text, end="")
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
