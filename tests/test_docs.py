"""The documentation tells the truth: every command is in the README and has complete help."""

from __future__ import annotations

import re
import subprocess
import sys

from click.testing import CliRunner

from kg.cli import main
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented_in_the_readme():
    for name in main.commands:
        assert f"`kg {name}" in README, f"kg {name} is not documented in README.md"


def test_every_command_has_help():
    runner = CliRunner()
    top = runner.invoke(main, ["--help"])
    assert top.exit_code == 0
    for name, command in main.commands.items():
        assert name in top.output
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and len((command.help or "").strip()) > 40, name
        for param in command.params:
            if param.param_type_name == "option" and not param.hidden and param.name != "help":
                assert getattr(param, "help", None), f"kg {name} {param.opts[0]} has no help"


def test_quick_start_is_two_commands_and_ci_runs_the_test_one():
    block = README.split("## Quick start", 1)[1].split("## ", 1)[0]
    commands = re.findall(r"```bash\n(.+?)\n```", block)
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[0] in ci and commands[1] in ci


def test_kg_help_is_fast_because_imports_are_lazy():
    code = "import sys, kg.cli; heavy = {'rdflib', 'jieba', 'pyshacl', 'networkx', 'numpy'} & set(sys.modules); print(sorted(heavy))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"
