"""The static checks run with the tests, so the README's test command (and CI, `.ci/run`) enforces them:
mypy with setup.cfg's [mypy] finds nothing in kg/, ruff with ruff.toml finds nothing in kg/, tests/ and bench/.

Without the tool (`pip install -e '.[test]'` installs both) a check is skipped, saying so; in CI (`CI` set) a
missing tool is a failure, never a skip."""

import importlib.util
import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(tool) is None:
        reason = f"{tool} is not installed (pip install -e '.[test]')"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_mypy_finds_nothing():
    done = _run("mypy", "kg")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Success: no issues found"), done.stdout


def test_ruff_finds_nothing():
    done = _run("ruff", "check", "kg", "tests", "bench")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "All checks passed!", done.stdout
