"""A person's profile (kg.ask.person) as one self-contained, offline HTML page.

The page embeds its script and style (allowed by hash in its Content-Security-Policy, nothing else is)
and the profile as JSON in a `<script type="application/json">` block that the script reads with
`textContent` and turns into elements with `textContent`: text from articles is never markup. Its own
words come from `templates/profile-labels.json` (en, zh, ru); entity labels from the graph. Links to
other people's profiles are hrefs kg makes (`links`): sibling files in a build's `maps/people/`, or
`/profile?iri=...` under `kg serve`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

from rdflib import Graph, Literal

from kg.ask.person import Profile
from kg.draw.page import csp_hash, markup, safe_json
from kg.model.ontology import LANGS

__all__ = ["file_name", "page_csp", "render_profile", "serve_href", "write_people", "write_profile"]

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    return json.loads((TEMPLATES / "profile-labels.json").read_text(encoding="utf-8"))


def file_name(node_id: str) -> str | None:
    """The file of a person's page in a build's `maps/people/` (`<node id>.html`), None if the id is not
    a safe file name."""
    return f"{node_id}.html" if re.fullmatch(r"[a-z0-9][a-z0-9._-]*", node_id) else None


def serve_href(iri: str) -> str:
    """The profile's URL under `kg serve`."""
    return "/profile?iri=" + quote(iri, safe="")


def render_profile(p: Profile, lang: str = "en", links: Callable[[str], str | None] | None = None) -> str:
    """The page of `p`, its own words in `lang`; `links(iri)` gives the href of a counterpart's profile
    (or None: no link)."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    hrefs = {c["iri"]: h for c in p.counterparts if links and (h := links(c["iri"]))}
    data = {"profile": p.to_json(), "ui": _labels()[lang], "lang": lang, "links": hrefs}
    style, app_js = _assets()
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True)
    return env.get_template("profile.html").render(
        lang=lang, title=f"{_labels()[lang]['heading']}: {p.label}", csp=page_csp(), style=markup(style),
        data_json=markup(safe_json(data)), app_js=markup(app_js))


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    return ((TEMPLATES / "profile.css").read_text(encoding="utf-8"),
            (TEMPLATES / "profile.js").read_text(encoding="utf-8"))


def page_csp() -> str:
    """The page's Content-Security-Policy: its own script and style (by hash), nothing else; a server
    sends it as a header (with `frame-ancestors 'none'`, which only a header can carry)."""
    style, app_js = _assets()
    return (f"default-src 'none'; script-src {csp_hash(app_js)}; style-src {csp_hash(style)}; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def write_profile(p: Profile, path: Path, lang: str = "en", links: Callable[[str], str | None] | None = None) -> Path:
    """Write the page of `p` to `path` (atomically) and return `path`."""
    from kg.output import atomic_write

    return atomic_write(path, render_profile(p, lang, links).encode("utf-8"))


PROFILE_LIMIT = 100
"""A build writes the pages of at most this many people, those in most events first (each page takes a
few queries: a corpus of thousands of people would spend minutes on them); `kg profile NAME` or
`kg serve`'s /profile draws anyone else's."""

PAGE_MAX_EVENTS = 50
"""A build draws no page for a person in more events than this: such a page runs to megabytes and its
queries take seconds on a large store (3 s for 141 events at 1M triples; a synthetic corpus's people are
in hundreds); `kg profile NAME` draws it on demand."""

_ACTIVITY = """SELECT ?person (COUNT(DISTINCT ?event) AS ?n) WHERE {
  { ?p kgo:participant ?person ; kgo:inEvent ?event } UNION { ?i kgo:inferredParticipant ?person ; kgo:inEvent ?event }
} GROUP BY ?person"""


def write_people(graph: Graph, folder: Path, merges_json: list[dict[str, Any]] | None = None,
                 lang: str = "en", limit: int = PROFILE_LIMIT) -> list[str]:
    """A profile page for each of the `limit` people of `graph` in most events (ties by IRI; none in more
    than PAGE_MAX_EVENTS), as `folder/<node id>.html`, each linking to the others' pages; the IRIs of the
    people drawn, in order."""
    from kg.ask.lookup import PersonIndex
    from kg.ask.person import profile
    from kg.ask.query import run_query

    index = PersonIndex(graph)
    events = {str(r["person"]): int(cast(Literal, r["n"])) for r in run_query(graph, _ACTIVITY, isolated=False).dicts()}
    ranked = sorted((iri for iri, person in index.people.items()
                     if file_name(person.node_id) and events.get(str(iri), 0) <= PAGE_MAX_EVENTS),
                    key=lambda iri: (-events.get(str(iri), 0), str(iri)))[:limit]
    pages = {str(iri): file_name(index.people[iri].node_id) for iri in ranked}
    for iri in ranked:
        p = profile(graph, iri, index, merges_json)
        write_profile(p, folder / str(pages[str(iri)]), lang, pages.get)
    return [str(iri) for iri in ranked]
