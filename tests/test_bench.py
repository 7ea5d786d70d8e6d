"""The query benchmark runs end to end on a tiny corpus (bench/queries.py --tiny): timings are not checked."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kg.ask.named import load_named
from tests.helpers import ROOT

# the misses bench/queries.py's `verdict` writes for a query that ran: timings, which a tiny corpus may miss
_TIMING_MISSES = {">= 100 ms", "slower than rdflib", "< 20x"}


def _timing_verdict(verdict: str) -> bool:
    """True for a verdict on a query that ran: "ok", "-" (no target applies) or timing misses only."""
    if verdict in ("ok", "-"):
        return True
    return verdict.startswith("MISS: ") and set(verdict.removeprefix("MISS: ").split(", ")) <= _TIMING_MISSES


def test_the_verdict_check_tells_a_query_that_did_not_run_from_a_slow_one():
    assert _timing_verdict("ok") and _timing_verdict("-") and _timing_verdict("MISS: slower than rdflib")
    assert _timing_verdict("MISS: >= 100 ms, < 20x")
    assert not _timing_verdict("MISS: timed out") and not _timing_verdict("MISS: ") and not _timing_verdict("")


def test_the_query_benchmark_measures_every_named_query(tmp_path):
    out = tmp_path / "results.txt"
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "queries.py"), "--tiny", "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines == result.stdout.splitlines()[:-1]  # all but "written to ..."
    rows = {line.split()[0]: line for line in lines if line.split() and line.split()[0] in load_named()}
    assert set(rows) == set(load_named())
    # every query ran with parameters picked from the data and found rows (none infers an office holder
    # in synthetic articles); the verdict (the last column) may miss a timing target on a tiny corpus, but
    # "MISS: <why>" for a query that did not run on the default engine is a failure
    assert all(int(line.split()[1]) > 0 for name, line in rows.items() if name != "who-met-inferred"), rows
    verdicts = {name: line.rsplit("  ", 1)[-1].strip() for name, line in rows.items()}
    assert all(_timing_verdict(v) for v in verdicts.values()), verdicts
    assert not [line for line in lines if "WARNING" in line]
    header = next(line for line in lines if line.startswith("query "))
    assert "ox mem ms" in header and "kg/ox store" in header  # pyoxigraph answering directly, and kg's overhead
    assert header.split().count("cold") == 2  # and the overhead of a process's first answer, both engines
    # kg/ox mem, cold, ox store ms, kg/ox store, cold: before the verdict; both ratios measured, cold too
    cells = {name: line.rsplit("  ", 1)[0].split()[-5:] for name, line in rows.items()}
    assert all(c[0].endswith("x") and c[1].endswith("x") and c[3].endswith("x") and c[4].endswith("x")
               for c in cells.values()), cells


def test_the_build_benchmark_builds_on_a_local_cluster_beside_the_process_pool(tmp_path):
    out = tmp_path / "results.txt"
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "build.py"), "--tiny", "--scheduler", "local:2",
                             "--out", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    text = out.read_text(encoding="utf-8")
    assert "--scheduler local:2:" in text and "outputs the same bytes" in text, text


def test_the_who_met_benchmark_compares_the_store_with_parsing(tmp_path):
    out = tmp_path / "results.txt"
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "who_met.py"), "--tiny", "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    # the most active person and the median person, each by node id and by name, and --all
    assert [line.split()[0] for line in lines[3:]] == ["who-met", "the", "who-met", "the", "who-met"], lines
    assert "(most)" in lines[3] and "(median)" in lines[5] and "--all" in lines[7], lines
    assert all(line.endswith("x") and len(line.split()) >= 8 for line in lines[3:]), lines  # parse and store timed


@pytest.mark.parametrize("script", ["maps.py", "long_document.py"])
def test_the_other_benchmarks_run_tiny(script, tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "bench" / script), "--tiny", "--out", str(tmp_path / "r.txt")],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "r.txt").read_text(encoding="utf-8").strip()
