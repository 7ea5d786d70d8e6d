"""The who-met rows of a build, written once by the build and looked up by person.

`kg who-met NAME` over a build's store ran the who-met queries (queries/who-met.rq and
who-met-inferred.rq) each time: on the on-disk store every solution costs several index seeks, so the
busiest person of a 1M-triple build took over a second. The build now runs both queries once, with no
person bound, and writes their rows into `meetings.sqlite` beside the store, with the labels and
document facts who-met prints (`placeLabel`, `docLanguage`, `docSource`), indexed by person. The rows
are exactly the queries' rows: a person's are those whose `person` is that IRI, as when the queries run
with ?person bound. The file belongs to its build folder like people.json: a reader opens it only
through a store whose stamp matches graph.ttl (kg.ask.reader), so it never answers for another graph.
SQLite (the standard library's) because it reads one person's rows without loading the rest.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

__all__ = ["MEETINGS", "COLUMNS", "write_meetings", "MeetingIndex"]

MEETINGS = "meetings.sqlite"
QUERY_COLUMNS = ("person", "other", "event", "type", "date", "place", "role", "otherRole", "doc", "title", "quote",
                 "reason")
COLUMNS = (*QUERY_COLUMNS, "placeLabel", "docLanguage", "docSource")
_SCHEMA_VERSION = 1


def write_meetings(folder: Path, store_dir: Path) -> int:
    """Write `folder`/meetings.sqlite from the build's store at `store_dir`: every who-met row, stated
    and inferred, with its place label and its document's language and publisher; the number of rows."""
    import pyoxigraph as ox

    from kg.ask.reader import StoreReader
    from kg.ask.whomet import document_facts, place_label, query_rows

    reader = StoreReader(ox.Store.read_only(str(store_dir)))
    rows = query_rows(reader, None, timeout=None)
    places: dict[str, str] = {}
    docs: dict[str, tuple[str, str]] = {}
    for r in rows:
        place = r.get("place")
        if place is not None and place not in places:
            places[place] = place_label(reader, place)
        doc = r["doc"]
        if doc not in docs:
            docs[doc] = document_facts(reader, doc)
    table = sorted(tuple(r.get(c) for c in QUERY_COLUMNS) + (places.get(r.get("place") or "", None), *docs[r["doc"]])
                   for r in rows)  # one order whatever the engine's: the same build writes the same rows
    path = folder / MEETINGS
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
            con.execute(f"CREATE TABLE meeting ({', '.join(f'{c!r}' for c in COLUMNS)})")
            con.executemany(f"INSERT INTO meeting VALUES ({', '.join('?' * len(COLUMNS))})", table)
            con.execute("CREATE INDEX meeting_person ON meeting (person)")
    finally:
        con.close()
    del reader  # closes RocksDB
    return len(table)


class MeetingIndex:
    """The rows of a build's meetings.sqlite, as the who-met queries give them (dicts keyed by
    `COLUMNS`, None for an unbound value)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def open(cls, folder: Path | None) -> MeetingIndex | None:
        """The index in the build folder `folder`, or None when there is none of this version."""
        if folder is None or not (folder / MEETINGS).is_file():
            return None
        index = cls(folder / MEETINGS)
        try:
            con = index._connect()
            try:
                version = con.execute("PRAGMA user_version").fetchone()[0]
            finally:
                con.close()
        except sqlite3.Error:
            return None
        return index if version == _SCHEMA_VERSION else None

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)

    def rows(self, person: str | None, stated_only: bool = False) -> list[dict[str, Any]]:
        """The rows of `person` (an IRI), or of everyone with None; without the inferred ones when
        `stated_only`."""
        where = []
        args: tuple[str, ...] = ()
        if person is not None:
            where.append("person = ?")
            args = (person,)
        if stated_only:
            where.append("reason IS NULL")
        sql = f"SELECT * FROM meeting{' WHERE ' + ' AND '.join(where) if where else ''}"
        con = self._connect()
        try:
            return [dict(zip(COLUMNS, row)) for row in con.execute(sql, args)]
        finally:
            con.close()
