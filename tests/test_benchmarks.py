"""The benchmark scripts stay working: each runs end to end at a tiny size (timings are not asserted:
they are measured by the scripts themselves, on purpose-sized inputs, not in tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.browser import chromium
from tests.helpers import ROOT


def _run(script: str, *args: str) -> str:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def test_build_benchmark_runs_and_reports_every_size(tmp_path: Path):
    out = tmp_path / "results.txt"
    stdout = _run("build.py", "20", "40", "--out", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("this tree (") and " cores, load average " in lines[0]  # the machine described
    assert lines[1].startswith("kg --help: ")
    rows = [line.split() for line in lines if line.split() and line.split()[0].isdigit()]
    assert [r[0] for r in rows] == ["20", "40"]
    assert all(float(r[1]) > 0 and float(r[3]) > 0 and int(r[4]) > 20 * 100 for r in rows)  # time, memory, statements
    assert stdout.strip().splitlines()[-1] == lines[-1]


def test_maps_benchmark_runs_in_chromium(tmp_path: Path):
    chromium()  # fails in CI when missing
    out = tmp_path / "results.txt"
    _run("maps.py", "50", "--runs", "1", "--out", str(out))
    rows = [line.split() for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert [r[0] for r in rows] == ["50"] and float(rows[0][2]) > 0 and float(rows[0][4]) > 0
