"""The query benchmark runs end to end on a tiny corpus (bench/queries.py --tiny): timings are not checked."""

from __future__ import annotations

import subprocess
import sys

from kg.named import load_named

from .conftest import ROOT


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
    # in synthetic articles); the verdict column is one of the three the script writes
    assert all(int(line.split()[1]) > 0 for name, line in rows.items() if name != "who-met-inferred"), rows
    assert all(line.rstrip().endswith((" ok", " -")) or " MISS: " in line for line in rows.values()), rows
    assert not [line for line in lines if "WARNING" in line]
