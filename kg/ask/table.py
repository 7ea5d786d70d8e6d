"""Rendering who-met answers as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json

from kg.ask.whomet import Meeting
from kg.text.safetext import csv_cell

__all__ = ["meetings_as"]

_COLUMNS = ("date", "a", "role_a", "b", "role_b", "event_type", "place", "title", "quote")


def meetings_as(meetings: list[Meeting], fmt: str) -> str:
    """`meetings` as text. JSON is a list of objects with a, b, event, date, source, quote and more."""
    if fmt == "json":
        rows = [{**m.as_dict(), "source": m.source} for m in meetings]
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        fields = list(Meeting.__dataclass_fields__)
        writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for m in meetings:
            writer.writerow({k: csv_cell(v) for k, v in m.as_dict().items()})
        return buf.getvalue().rstrip("\n")
    if not meetings:
        return "(no meetings)"
    out = []
    for m in meetings:
        where = f" in {m.place}" if m.place else ""
        mark = "[inferred] " if m.inferred else ""
        out.append(f"{mark}{m.date or 'undated'}  {m.a} ({m.role_a}) — {m.b} ({m.role_b})  {m.event_type}{where}\n"
                   f"    “{m.quote}”\n    source: {m.title} <{m.source}>\n"
                   f"    stated by {m.documents} document{'s' if m.documents != 1 else ''}, {m.sources} "
                   f"source{'s' if m.sources != 1 else ''}" + (f" ({m.languages})" if m.languages else "")
                   + (f"\n    inferred: {m.inferred}" if m.inferred else ""))
    out.append(f"({len(meetings)} meeting{'s' if len(meetings) != 1 else ''})")
    return "\n".join(out)
