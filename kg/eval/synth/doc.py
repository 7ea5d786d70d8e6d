"""The gold of one article, recorded while its text is written (a `Scene` records each form it writes and
each fact it states), in exactly the schema of `tests/gold/*.json`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from kg.eval.synth.people import Person


class Doc:
    """The gold of one article in `lang` with header date `date`."""

    def __init__(self, lang: str, date: dt.date) -> None:
        self.lang = lang
        self.date = date
        self.persons: dict[str, dict] = {}
        self.posts: list[dict] = []
        self._posted: set[tuple[str, str, str | None]] = set()
        self.events: list[dict] = []
        self.agreements: list[dict] = []
        self.stances: list[dict] = []

    # persons ---------------------------------------------------------------------------------
    def person(self, p: Person, form: str, role: str = "participant") -> str:
        entry = self.persons.get(p.id)
        if entry is None:
            entry = self.persons[p.id] = {"id": p.id, "name_en": p.en, "forms": [], "role": role}
        if form not in entry["forms"]:
            entry["forms"].append(form)
        return form

    def post(self, p: Person, text: str, title: str | None = None, org: str | None = "") -> str:
        title = title or (p.post.title if p.post else None)
        org = (p.post.org_in(self.lang) if p.post else None) if org == "" else org
        assert title is not None
        key = (p.id, title, org)
        if key not in self._posted:
            self._posted.add(key)
            self.posts.append({"person": p.id, "title": title, "org": org, "text": text})
        return text

    def chain(self, p: Person, text: str) -> str:
        """Record `text`, a chain of titles (en, zh), as stating each of p's posts: the `also` ones and the post."""
        assert p.post is not None
        for title, org in p.post.also:
            self.post(p, text, title, org)
        return self.post(p, text)

    # facts -------------------------------------------------------------------------------------
    def event(self, kind: str, date: dt.date, place: str, text: str,
              participants: Iterable[tuple[Person, str]]) -> dict:
        ev = {"id": f"e{len(self.events) + 1}", "type": kind, "date": date.isoformat(), "place": place,
              "participants": [], "text": text}
        self.events.append(ev)
        self.join(ev, participants)
        return ev

    @staticmethod
    def join(ev: dict, participants: Iterable[tuple[Person, str]]) -> None:
        for p, role in participants:
            entry = {"person": p.id, "role": role}
            if entry not in ev["participants"]:
                ev["participants"].append(entry)

    def agreement(self, parties: list[str], date: dt.date, projects: int | None, amount: int | None,
                  text: str) -> None:
        self.agreements.append({"parties": parties, "date": date.isoformat(), "projects": projects,
                                "amount": amount, "currency": "CNY" if amount is not None else None, "text": text})

    def stance(self, p: Person, strategy: str, text: str) -> None:
        self.stances.append({"actor": p.id, "strategy": strategy, "text": text})

    def gold(self, document: str) -> dict:
        for ev in self.events:
            for part in ev["participants"]:
                assert self.persons[part["person"]]["role"] == "participant"
        return {"document": document, "language": self.lang, "date": self.date.isoformat(),
                "persons": list(self.persons.values()), "posts": self.posts, "events": self.events,
                "agreements": self.agreements, "stances": self.stances}
