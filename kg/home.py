"""Where kg's files are, and how the package is laid out.

`PACKAGE` is the `kg` folder (language folders, templates, static files); `PROJECT` the folder above it,
which holds `ontology/` and `queries/`. `STAGES` are the package's subpackages in pipeline order: a stage
imports only from stages before it and from the base modules (`BASE`); `kg.cli` sits on top
(`tests/test_layers.py` enforces it).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PROJECT = PACKAGE.parent

# read -> extract -> resolve -> RDF -> ask / draw
STAGES = ("model", "text", "read", "extract", "resolve", "rdf", "ask", "draw", "serve", "build", "eval")
PART_OF = {"lang": "extract"}  # the per-language rules (kg/lang/CODE/) are extraction, in one folder per language
BASE = ("errors", "home", "output")  # modules any stage may import; they import no stage
