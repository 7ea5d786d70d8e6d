"""The build report: documents read, files skipped (with why), facts per type and per document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.read.documents import Skipped

__all__ = ["DocumentReport", "BuildReport", "SUMMARY_LINES"]

SUMMARY_LINES = 50  # documents, and skipped files, listed on the terminal after a build


@dataclass
class DocumentReport:
    """What one document gave: its metadata, fact counts, warnings and unresolved mentions."""

    path: str
    id: str
    language: str
    script: str | None
    date: str | None
    title: str
    source: str | None
    encoding: str
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # titles with no name, event cues with no participant (kg.extract.gaps)


@dataclass
class BuildReport:
    """The whole build: per-document reports, skipped files, totals and output paths."""

    documents: list[DocumentReport] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[Skipped] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    quads: int = 0  # statements in graph.nq (a triple stated in two documents counts twice)
    judgements: dict[str, Any] = field(default_factory=dict)  # the analyst's judgements file read: path, count
    offices: list[dict[str, Any]] = field(default_factory=list)  # unnamed office holders: who held it, or why not

    @property
    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for d in self.documents:
            for k, v in d.counts.items():
                out[k] = out.get(k, 0) + v
        return dict(sorted(out.items()))

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (paths relative as given; no timestamps, so it is reproducible)."""
        return {
            "documents": [d.__dict__ for d in sorted(self.documents, key=lambda d: d.path)],
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "failed": [{"path": s.path, "reason": s.reason} for s in self.failed],
            "totals": self.totals,
            "quads": self.quads,
            "judgements": self.judgements,
            "offices": self.offices,
        }

    def problems(self, max_lines: int = SUMMARY_LINES) -> list[str]:
        """A line per file skipped or failed (the first `max_lines`): what `kg build --quiet` still says."""
        problems = [*self.skipped, *self.failed]
        lines = [f"  skipped {s.path}: {s.reason}" for s in problems[:max_lines]]
        if len(problems) > max_lines:
            lines.append(f"  ... and {len(problems) - max_lines} more skipped file(s): see report.json")
        return lines

    def summary(self, max_lines: int = SUMMARY_LINES) -> str:
        """A short human-readable summary for the terminal: a line per document (with its warnings and new
        entities) and per skipped file, the first `max_lines` of each; report.json has them all."""
        lines = [f"read {len(self.documents)} document(s), skipped {len(self.skipped)}, "
                 f"failed {len(self.failed)}; {self.quads} statements"]
        documents = sorted(self.documents, key=lambda d: d.path)
        for d in documents[:max_lines]:
            counts = ", ".join(f"{k} {v}" for k, v in sorted(d.counts.items())) or "no facts"
            lines.append(f"  {d.path} [{d.language}{'/' + d.script if d.script else ''}, {d.date or 'no date'}]: {counts}")
            for w in d.warnings:
                lines.append(f"    warning: {w}")
            if d.unresolved:
                lines.append(f"    not in the reference tables (new entities): {'; '.join(d.unresolved)}")
            if d.gaps:
                lines.append(f"    possible misses: {len(d.gaps)} (titles with no name, event cues with no participant; "
                             "see report.json)")
        if len(documents) > max_lines:
            rest = documents[max_lines:]
            warned = sum(1 for d in rest if d.warnings)
            lines.append(f"  ... and {len(rest)} more document(s)" + (f", {warned} of them with warnings" if warned else "")
                         + ": see report.json")
        lines += self.problems(max_lines)
        if self.totals:
            lines.append("facts: " + ", ".join(f"{k} {v}" for k, v in self.totals.items()))
        for name, path in sorted(self.outputs.items()):
            lines.append(f"{name}: {path}")
        return "\n".join(lines)
