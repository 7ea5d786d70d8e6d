"""Benchmark: build time, time per article and peak memory for synthetic corpora of growing size,
and `kg --help` start-up time. Each size builds in a fresh process (peak memory is per build).

Run: .venv/bin/python bench/build.py [N ...]   (default 1000 10000; 100000 takes a while)
Results are printed and written to bench/results-build.txt.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

CHILD = r"""
import json, os, resource, sys, time
from pathlib import Path
from kg.pipeline import build
t = time.perf_counter()
result = build([Path(sys.argv[1])], Path(sys.argv[2]), maps=False, jobs=int(sys.argv[3]), cache=False)
took = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": took, "peak_mb": peak / 1024, "docs": len(result.report.documents),
                  "triples": result.report.triples}))
"""


def help_time(runs: int = 5) -> float:
    kg = str(Path(PY).parent / "kg")
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([kg, "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(sizes: list[int]) -> None:
    jobs = os.cpu_count() or 1
    lines = [f"kg --help: {help_time():.3f} s (median of 5)",
             f"{'docs':>7} {'build s':>9} {'ms/doc':>7} {'peak MB':>8} {'triples':>9}  (jobs={jobs})"]
    print("\n".join(lines), flush=True)
    base = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            corpus = Path(tmp) / f"c{n}"
            subprocess.run([str(Path(PY).parent / "kg"), "synth", "--docs", str(n), "--seed", "1", "--out", str(corpus)],
                           check=True, capture_output=True)
            out = subprocess.run([PY, "-c", CHILD, str(corpus / "articles"), str(Path(tmp) / f"o{n}"), str(jobs)],
                                 check=True, capture_output=True, text=True, cwd=ROOT).stdout
            r = json.loads(out.strip().splitlines()[-1])
            per = 1000 * r["seconds"] / n
            base = base or per
            line = (f"{n:>7} {r['seconds']:>9.1f} {per:>7.2f} {r['peak_mb']:>8.0f} {r['triples']:>9}"
                    f"  ({per / base:.2f}x the ms/doc of the smallest)")
            print(line, flush=True)
            lines.append(line)
    (ROOT / "bench" / "results-build.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
