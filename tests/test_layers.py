"""The package's layout: every module sits in a stage, and imports only from stages before its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kg.home import BASE, PACKAGE, PART_OF, STAGES

RANK = {stage: i for i, stage in enumerate(STAGES)}


def _part(module: str) -> str | None:
    """The stage (or base module) a dotted `kg.` module belongs to; None for the package and `kg.cli`."""
    parts = module.split(".")
    if parts[0] != "kg" or len(parts) == 1 or parts[1] in ("cli", "__version__"):
        return None
    return PART_OF.get(parts[1], parts[1])


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every `kg` module a file imports, at any depth of the file (lazy imports count), with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "kg":
                found += [(f"kg.{alias.name}", node.lineno) for alias in node.names]
            elif node.module.startswith("kg."):
                found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names if alias.name.startswith("kg.")]
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_sits_in_a_stage_or_the_base():
    strays = [str(p.relative_to(PACKAGE)) for p in _modules()
              if len(p.relative_to(PACKAGE).parts) == 1 and p.stem not in (*BASE, "cli", "__init__")]
    assert strays == []
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(STAGES) | set(PART_OF)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_down_the_pipeline(path: Path):
    own = _part("kg." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    wrong = []
    for module, line in _imports(path):
        target = _part(module)
        if own is None or target is None or target == own:
            continue
        if own in BASE:
            ok = target in BASE
        else:
            ok = target in BASE or RANK[target] < RANK[own]
        if not ok:
            wrong.append(f"line {line}: {module}")
    assert wrong == [], f"{path.name} ({own}) imports from a later stage"


def test_the_check_sees_a_wrong_way_import(tmp_path):
    upward = tmp_path / "upward.py"
    upward.write_text("def f():\n    from kg.draw.maps import render_map\n", encoding="utf-8")
    assert _imports(upward) == [("kg.draw.maps", 2)]
    assert RANK["draw"] > RANK["model"]
