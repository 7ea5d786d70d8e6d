"""The ontology and the reference tables, loaded once from the `ontology/` folder.

`ontology/kg.ttl` (classes and properties), `ontology/shapes.ttl` (SHACL) and the CSV tables of
`ontology/reference/` (places, organizations, strategies, titles, with names in en/zh/ru) are
data; this module only reads them. Set `KG_ONTOLOGY_DIR` to use another folder.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.home import PROJECT

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["RefEntity", "Reference", "ontology_dir", "load_reference", "load_ontology", "load_shapes",
           "LANGS", "TABLES"]

#: The languages kg reads and labels in: the one list. The reference tables have a label column and an
#: aliases column (alt_CODE) for each, `kg/lang/CODE/` holds its rules, and the ontology labels in each.
LANGS = ("en", "zh", "ru")
#: table file name -> (entity kind, IRI path segment, default class)
TABLES = {
    "places.csv": ("place", "place", None),
    "organizations.csv": ("organization", "org", None),
    "strategies.csv": ("strategy", "strategy", "Strategy"),
    "titles.csv": ("title", "title", "Title"),
}


@dataclass(frozen=True)
class RefEntity:
    """One row of a reference table: an entity with labels and aliases per language."""

    id: str
    kind: str
    segment: str
    cls: str
    labels: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    part_of: tuple[str, ...] = ()
    core_area_of: tuple[str, ...] = ()
    located_in: tuple[str, ...] = ()
    governs: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    def names(self, lang: str | None = None) -> list[str]:
        """Preferred label then aliases, for one language or all (deduplicated, in order)."""
        langs = LANGS if lang is None else (lang,)
        out: list[str] = []
        for lg in langs:
            for name in (self.labels.get(lg, ""), *self.aliases.get(lg, ())):
                if name and name not in out:
                    out.append(name)
        return out


@dataclass(frozen=True, eq=False)
class Reference:
    """All reference entities by id."""

    entities: dict[str, RefEntity]

    def __getitem__(self, key: str) -> RefEntity:
        return self.entities[key]

    def __iter__(self):
        return iter(self.entities[k] for k in sorted(self.entities))

    def __len__(self) -> int:
        return len(self.entities)


def ontology_dir() -> Path:
    """The folder holding kg.ttl, shapes.ttl and reference/ (env `KG_ONTOLOGY_DIR` overrides)."""
    env = os.environ.get("KG_ONTOLOGY_DIR")
    return Path(env) if env else PROJECT / "ontology"


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


def _read_table(path: Path, kind: str, segment: str, default_cls: str | None) -> list[RefEntity]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not (row.get("id") or "").strip():
                continue
            known = {"id", "class", *LANGS, *(f"alt_{lg}" for lg in LANGS), "part_of", "core_area_of", "located_in",
                     "governs"}
            rows.append(RefEntity(
                id=row["id"].strip(), kind=kind, segment=segment,
                cls=(row.get("class") or default_cls or "").strip(),
                labels={lg: row[lg].strip() for lg in LANGS if (row.get(lg) or "").strip()},
                aliases={lg: _split(row.get(f"alt_{lg}")) for lg in LANGS},
                part_of=_split(row.get("part_of")), core_area_of=_split(row.get("core_area_of")),
                located_in=_split(row.get("located_in")), governs=_split(row.get("governs")),
                extra={k: (v or "").strip() for k, v in row.items() if k and k not in known},
            ))
    return rows


@lru_cache(maxsize=4)
def load_reference(directory: Path | None = None) -> Reference:
    """Load the four reference tables; raise ValueError on a duplicate id or a dangling link."""
    base = (directory or ontology_dir()) / "reference"
    entities: dict[str, RefEntity] = {}
    for name, (kind, segment, cls) in TABLES.items():
        path = base / name
        if not path.exists():
            continue
        for ent in _read_table(path, kind, segment, cls):
            if ent.id in entities:
                raise ValueError(f"{path}: duplicate reference id {ent.id!r}")
            entities[ent.id] = ent
    for ent in entities.values():
        for link in (*ent.part_of, *ent.core_area_of, *ent.located_in, *ent.governs):
            if link not in entities:
                raise ValueError(f"reference entity {ent.id!r} links to unknown id {link!r}")
    return Reference(entities)


@lru_cache(maxsize=4)
def load_ontology(directory: Path | None = None) -> Graph:
    """The OWL ontology (`kg.ttl`) as an rdflib Graph."""
    from rdflib import Graph

    return Graph().parse((directory or ontology_dir()) / "kg.ttl", format="turtle")


@lru_cache(maxsize=4)
def load_shapes(directory: Path | None = None) -> Graph:
    """The SHACL shapes (`shapes.ttl`) as an rdflib Graph."""
    from rdflib import Graph

    return Graph().parse((directory or ontology_dir()) / "shapes.ttl", format="turtle")
