"""The reference tables as the synthetic world reads them (with the csv module): ids and names per language."""

from __future__ import annotations

import csv
from pathlib import Path


def reference_dir() -> Path:
    from kg.model.ontology import ontology_dir

    return ontology_dir() / "reference"


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


class Reference:
    """The reference tables (read with the csv module): ids and names per language."""

    def __init__(self, reference_dir: Path) -> None:
        self.rows: dict[str, dict[str, str]] = {}
        for table in ("places", "organizations", "titles", "strategies"):
            with (reference_dir / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    rid = (row.get("id") or "").strip()
                    if rid:
                        self.rows[rid] = {k: (v or "").strip() for k, v in row.items() if k}

    def has(self, rid: str) -> bool:
        return rid in self.rows

    def names(self, rid: str, lang: str) -> list[str]:
        row = self.rows[rid]
        return [n for n in [row.get(lang, ""), *_split(row.get(f"alt_{lang}"))] if n]

    def name(self, rid: str, lang: str, prefer: str | None = None) -> str:
        """The label of `rid` in `lang`, or the alias `prefer` when the table has it."""
        names = self.names(rid, lang)
        if not names:
            raise KeyError(f"{rid} has no {lang} name")
        return prefer if prefer is not None and prefer in names else names[0]

    def all_names(self, lang: str) -> list[str]:
        return [n for rid in self.rows for n in self.names(rid, lang)]

