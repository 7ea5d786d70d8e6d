"""What extraction finds in one document: people, posts, events, agreements and strategy stances.

These are plain statements with provenance (view offsets into the document; `kg.extract.evidence` turns
them into checkable quotes). Entities from the reference tables are named by their reference id;
people by their cross-language name key (see `kg.text.names`). Nothing here knows about RDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = ["PersonMention", "PostMention", "AffiliationMention", "GenderMention", "OfficeParticipation", "Participant", "EventMention", "AgreementMention",
           "StanceMention", "NewEntity", "Extraction", "PARTICIPANT", "AUTHOR", "CITED"]

PARTICIPANT, AUTHOR, CITED = "participant", "author", "cited"


@dataclass(frozen=True, order=True)
class PersonMention:
    """A person named at `[start, end)` of the document view, with the name key that joins scripts.

    `kind` is `participant` (may take part in events), `author` (reporter, editor, photographer)
    or `cited` (only mentioned, e.g. a leader whose speeches are cited).
    """

    start: int
    end: int
    surface: str
    key: str
    lang: str
    kind: str = PARTICIPANT


@dataclass(frozen=True, order=True)
class PostMention:
    """A post stated for a person: title (reference id) in an organization (reference id or None)."""

    start: int
    end: int
    person: str  # name key
    title_id: str
    org_id: str | None = None


@dataclass(frozen=True, order=True)
class AffiliationMention:
    """A person acting on behalf of an organization (reference id), stated at `[start, end)`:
    王儒林代表省委, Чжан Чжицзюнь, от имени Чанчуньского горкома, speaking on behalf of the committee."""

    start: int
    end: int
    person: str  # name key
    org_id: str


@dataclass(frozen=True, order=True)
class GenderMention:
    """A cue to a person's gender at `[start, end)`: a form of address (Ms., 女士, госпожа) or a verb
    agreeing with them (Чжан Вэй выступила). `gender` is "female" or "male"."""

    start: int
    end: int
    person: str  # name key
    gender: str


@dataclass(frozen=True, order=True)
class OfficeParticipation:
    """An unnamed holder of an office (title in an organization) taking part in the document's event
    number `event` in a role, stated at `[start, end)`: "the mayor of Changchun met ..."."""

    start: int
    end: int
    event: int
    title_id: str
    org_id: str
    role: str


@dataclass(frozen=True, order=True)
class Participant:
    """A person (name key) taking part in an event in a role, stated at `[start, end)`."""

    person: str
    role: str
    start: int
    end: int


@dataclass(order=True)
class EventMention:
    """An event reported in a document; sentences reporting the same event are merged into one."""

    start: int
    end: int
    kind: str  # one of kg.model.vocabulary.event_types()
    date: dt.date | None = None
    place_id: str | None = None
    name: str | None = None
    participants: list[Participant] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)


@dataclass(frozen=True, order=True)
class AgreementMention:
    """A signed agreement or batch of projects: parties (reference ids), counts and amounts."""

    start: int
    end: int
    parties: tuple[str, ...] = ()
    date: dt.date | None = None
    projects: int | None = None
    amount: Decimal | None = None
    currency: str | None = None
    amount_text: str | None = None
    event: int | None = None  # index into Extraction.events


@dataclass(frozen=True, order=True)
class StanceMention:
    """An actor promoting/implementing/deploying a strategy. `actor` is `person:<key>` or a reference id."""

    start: int
    end: int
    actor: str
    strategy_id: str
    stance: str  # one of kg.model.vocabulary.stances()


@dataclass(frozen=True, order=True)
class NewEntity:
    """An organization or place named in the text that the reference tables do not know.
    `cls` is the ontology class guessed from the name's last word (公司 -> Company, Bureau -> GovernmentBody)."""

    start: int
    end: int
    surface: str
    cls: str


@dataclass
class Extraction:
    """Everything found in one document."""

    persons: list[PersonMention] = field(default_factory=list)
    posts: list[PostMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    agreements: list[AgreementMention] = field(default_factory=list)
    stances: list[StanceMention] = field(default_factory=list)
    new_entities: list[NewEntity] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # where a miss is likely (kg.extract.gaps), described for the report
    affiliations: list[AffiliationMention] = field(default_factory=list)
    offices: list[OfficeParticipation] = field(default_factory=list)  # unnamed office holders at events
    genders: list[GenderMention] = field(default_factory=list)  # cues to the people's gender (kg.extract.gender)

    @property
    def unresolved(self) -> list[str]:
        """The names of organizations and places not in the reference tables (for the report)."""
        return sorted({e.surface for e in self.new_entities})

    def person_keys(self, kind: str | None = None) -> list[str]:
        """Distinct name keys in order of first mention (optionally of one kind)."""
        out: list[str] = []
        for p in sorted(self.persons):
            if (kind is None or p.kind == kind) and p.key not in out:
                out.append(p.key)
        return out
