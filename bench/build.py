"""Benchmark: `kg build` (maps and validation included, no cache) on synthetic corpora of growing
size: wall time, time per article, peak memory of the whole process tree (the build and its
workers, sampled from /proc) and statements written; and `kg --help` start-up time.

Run: .venv/bin/python bench/build.py [N ...]   (default 1000 10000 100000; the largest takes ~15 min)
     --out FILE (default bench/results-build.txt)   --jobs J (default: the number of cores)
     --scheduler local:N (also build each corpus on a Dask LocalCluster, kg build --scheduler, right after the
     process-pool build: the ratio of their times and whether their outputs are the same bytes)
     --tiny (20 documents: for CI; results not written unless --out is given)
Each size is generated with `kg synth --seed 1` and built in a fresh process.
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
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = str(Path(sys.executable).parent / "kg")


def help_time(runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([KG, "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def tree_rss_mb(root: int) -> float:
    """The resident memory of `root` and all its descendants, in MB (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[int(entry)] = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    tree, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        for child, parent in parents.items():
            if parent == p and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(p, 0) for p in tree) / 1024


def run_build(corpus: Path, out: Path, jobs: int, scheduler: str | None = None) -> tuple[float, float]:
    """Wall seconds and peak tree memory (MB) of one `kg build` (on `scheduler` when given)."""
    t = time.perf_counter()
    where = ["--scheduler", scheduler] if scheduler else ["-j", str(jobs)]
    proc = subprocess.Popen([KG, "build", str(corpus), "--out", str(out), "--no-cache", "--quiet", *where],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            done.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    took = time.perf_counter() - t
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"kg build failed ({proc.returncode}): {err[-2000:]}")
    return took, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results-build.txt")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--scheduler", default=None, help="also build on this Dask scheduler (local:N)")
    ap.add_argument("--tiny", action="store_true", help="20 documents: for CI")
    args = ap.parse_args()
    if args.tiny:
        args.sizes = [20]
    out_file = args.out if not args.tiny or "--out" in sys.argv else None
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    lines = [f"this tree ({head}); python {platform.python_version()}, {os.cpu_count()} cores, load average "
             f"{os.getloadavg()[0]:.1f} at the start",
             f"kg --help: {help_time():.3f} s (median of 5)",
             f"kg build --no-cache -j {args.jobs} (maps and validation included), synthetic articles (kg synth --seed 1):",
             f"{'docs':>7} {'build s':>9} {'ms/doc':>7} {'peak MB':>8} {'statements':>11}"]
    print("\n".join(lines), flush=True)
    base = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus, out = Path(tmp) / f"c{n}", Path(tmp) / f"o{n}"
            subprocess.run([KG, "synth", "--docs", str(n), "--seed", "1", "--out", str(corpus)], check=True,
                           capture_output=True)
            took, peak = run_build(corpus / "articles", out, args.jobs)
            report = json.loads((out / "report.json").read_text(encoding="utf-8"))
            assert len(report["documents"]) == n, f"built {len(report['documents'])} of {n} documents"
            per = 1000 * took / n
            base = base or per
            line = (f"{n:>7} {took:>9.1f} {per:>7.2f} {peak:>8.0f} {report['quads']:>11}"
                    f"  ({per / base:.2f}x the ms/doc of the smallest)")
            print(line, flush=True)
            lines.append(line)
            if args.scheduler:
                dask_out = Path(tmp) / f"d{n}"
                dask_took, dask_peak = run_build(corpus / "articles", dask_out, args.jobs, args.scheduler)
                same = all((out / f).read_bytes() == (dask_out / f).read_bytes()
                           for f in ("graph.ttl", "graph.nq", "report.json", "merges.json"))
                line = (f"{'':>7} {dask_took:>9.1f} {1000 * dask_took / n:>7.2f} {dask_peak:>8.0f} {'':>11}"
                        f"  --scheduler {args.scheduler}: {dask_took / took:.2f}x the process pool's time, "
                        f"outputs {'the same bytes' if same else 'DIFFERENT'}")
                print(line, flush=True)
                lines.append(line)
                subprocess.run(["rm", "-rf", str(dask_out)], check=True)
            subprocess.run(["rm", "-rf", str(corpus), str(out)], check=True)
    if out_file is not None:
        out_file.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
