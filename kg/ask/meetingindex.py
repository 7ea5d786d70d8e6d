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

Beside the rows, the file holds what `kg who-met NAME` prints, made once per person: each person's
meetings as `who_met` makes them from those rows (deduplicated, labelled, with corroboration, in order), and
the names that find a person (IRI, name key, folded label, as kg.ask.lookup.PersonIndex indexes them, and
the name key of every label, so that a name as the graph spells it needs no pinyin made). A
plain who-met of one name then reads one person's finished list, without loading every person (at 10M
triples the person index alone is 20,000 people) or remaking the list from tens of thousands of rows. Only
a name that finds exactly one person this way is answered from the file; any other (ambiguous, unknown, a
name with a title) goes to the full person index, as do --since, --until and --stated-only.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.ask.whomet import Meeting

__all__ = ["MEETINGS", "COLUMNS", "write_meetings", "MeetingIndex"]

MEETINGS = "meetings.sqlite"
QUERY_COLUMNS = ("person", "other", "event", "type", "date", "place", "role", "otherRole", "doc", "title", "quote",
                 "reason")
COLUMNS = (*QUERY_COLUMNS, "placeLabel", "docLanguage", "docSource")
_SCHEMA_VERSION = 2


def write_meetings(folder: Path, store_dir: Path) -> int:
    """Write `folder`/meetings.sqlite from the build's store at `store_dir`: every who-met row, stated
    and inferred, with its place label and its document's language and publisher; the number of rows."""
    import pyoxigraph as ox

    from kg.ask.reader import StoreReader
    from kg.ask.whomet import document_facts, place_label, query_rows

    reader = StoreReader(ox.Store.read_only(str(store_dir)), folder)  # with the folder's people.json
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
            _write_lists(con, reader, rows)
    finally:
        con.close()
    del reader  # closes RocksDB
    return len(table)


def _write_lists(con: sqlite3.Connection, reader: Any, rows: list[dict[str, Any]]) -> None:
    """Each person's who-met list as `who_met` makes it from `rows` (table `met`, in order), and the
    names that find each person (table `name`)."""
    from dataclasses import astuple, fields

    from kg.ask.lookup import PersonIndex, person_records
    from kg.ask.whomet import Meeting, meetings_from_rows
    from kg.text.names import name_key
    from kg.text.normalize import collapse_spaces

    people = PersonIndex(reader)
    by_person: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_person.setdefault(r["person"], []).append(r)
    names = [f.name for f in fields(Meeting)]
    con.execute(f"CREATE TABLE met (person, pos, {', '.join(names)})")
    con.executemany(f"INSERT INTO met VALUES ({', '.join('?' * (len(names) + 2))})",
                    ((person, pos, *astuple(m)) for person in sorted(by_person)
                     for pos, m in enumerate(meetings_from_rows(reader, people, by_person[person], None, None))))
    con.execute("CREATE INDEX met_person ON met (person, pos)")
    con.execute("CREATE TABLE name (kind, text, person)")
    con.executemany("INSERT INTO name VALUES (?, ?, ?)", sorted(
        [("iri", str(iri), str(iri)) for iri in people.people]
        + [("key", key, str(iri)) for key, found in people.by_key.items() for iri in found]
        + [("label", label, str(iri)) for label, found in people.by_label.items() for iri in found]))
    con.execute("CREATE INDEX name_text ON name (kind, text)")
    con.execute("CREATE TABLE name_key (text PRIMARY KEY, key)")  # the key of every label, made once here
    records = reader.people() or list(person_records(reader))  # labels and other names of every person
    con.executemany("INSERT INTO name_key VALUES (?, ?)", sorted(
        {(text, name_key(text)) for _, _, labels, alts, *_ in records for name in [*labels.values(), *alts]
         if (text := collapse_spaces(name))}))


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

    def person(self, name: str) -> str | None:
        """The IRI of the one person `name` finds by IRI or node id, else by name key, else by folded label
        (kg.ask.lookup.PersonIndex.find's first steps); None when it finds no one or several this way."""
        from kg.ask.lookup import name_probes

        con = self._connect()

        def known_key(text: str) -> str | None:
            found = con.execute("SELECT key FROM name_key WHERE text = ?", (text,)).fetchone()
            return found[0] if found else None

        try:
            for kind, text in name_probes(name, known_key):
                found = {p for (p,) in con.execute("SELECT person FROM name WHERE kind = ? AND text = ?", (kind, text))}
                if found:
                    return found.pop() if len(found) == 1 else None
            return None
        finally:
            con.close()

    def meetings(self, person: str) -> list[Meeting]:
        """`person`'s who-met list as `who_met` makes it with no dates and inferred meetings kept."""
        from dataclasses import fields

        from kg.ask.whomet import Meeting

        columns = ", ".join(f.name for f in fields(Meeting))
        con = self._connect()
        try:
            return [Meeting(*row) for row in con.execute(f"SELECT {columns} FROM met WHERE person = ? ORDER BY pos",
                                                         (person,))]
        finally:
            con.close()

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
