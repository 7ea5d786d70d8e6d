"""How a map draws each kind of node: colour and shape from `ontology/map-style.csv` (one row per
ontology class, keyed by the class IRI as a prefixed name), legend labels from the ontology's
`rdfs:label` in each language, and the family (agent, organization, place, event ...) from its
`rdfs:subClassOf` (both from `kg.model.vocabulary`). Kinds are the classes' local names, as `kg.draw.projection` gives them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from kg.model.iris import PREFIXES

__all__ = ["FALLBACK", "SHAPES", "KindStyle", "kind_styles", "style_of"]

#: the vis-network shapes a kind may take: all draw their label below the shape, so a label can be
#: hidden without changing the shape's size
SHAPES = ("dot", "square", "diamond", "hexagon", "triangle", "triangleDown", "star")
#: the kind of a node whose class has no row: the table's `owl:Thing` row
FALLBACK = "Thing"


@dataclass(frozen=True)
class KindStyle:
    """One kind's colour (#rrggbb), vis-network shape, class IRI, family (the local name of its
    direct superclass in kgo, else its own) and legend labels per language."""

    kind: str
    iri: str
    colour: str
    shape: str
    family: str
    labels: dict[str, str]

    def label(self, lang: str) -> str:
        """The legend label in `lang`, else English, else the kind's name."""
        return self.labels.get(lang) or self.labels.get("en") or self.kind


def _expand(curie: str) -> str:
    """The IRI of `curie` (plain text: a class the ontology does not declare is refused by the caller,
    with the table's row, not by the closed kgo namespace)."""
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local


@lru_cache(maxsize=4)
def kind_styles() -> dict[str, KindStyle]:
    """Every styled kind by local name, in the table's order; raise ValueError on an unknown shape,
    a malformed colour or a class the ontology does not declare (except `owl:Thing`)."""
    from kg.model import vocabulary
    from kg.model.ontology import ontology_dir

    out: dict[str, KindStyle] = {}
    path = ontology_dir() / "map-style.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            iri = _expand(row["class"].strip())
            kind = iri.rsplit("#", 1)[-1]
            colour, shape = row["colour"].strip().lower(), row["shape"].strip()
            if shape not in SHAPES:
                raise ValueError(f"{path}: {row['class']}: unknown shape {shape!r} (one of {', '.join(SHAPES)})")
            if len(colour) != 7 or not colour.startswith("#") or not all(c in "0123456789abcdef" for c in colour[1:]):
                raise ValueError(f"{path}: {row['class']}: colour {colour!r} is not #rrggbb")
            labels = {lang: text for lang, text in vocabulary.labels().get(iri, {}).items() if lang}
            if not labels and kind != FALLBACK:
                raise ValueError(f"{path}: {row['class']} is not a class of the ontology (no rdfs:label)")
            out[kind] = KindStyle(kind, iri, colour, shape, vocabulary.family(kind), labels)
    if FALLBACK not in out:
        raise ValueError(f"{path}: no owl:Thing row (the style of a node of no known kind)")
    return out


def style_of(kind: str) -> KindStyle:
    """The style of `kind`, or the fallback style for a kind the table does not list."""
    styles = kind_styles()
    return styles.get(kind) or styles[FALLBACK]
