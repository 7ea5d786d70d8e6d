"""A synthetic corpus in the style of the seeds, with its ground truth written beside it.

`generate(n_docs, seed, langs)` yields `SynthDoc`s: press releases in English, Chinese and Russian
about meetings, signing ceremonies, conferences, inspection visits and delegation visits in Changchun
and the other cities of Jilin, each with its gold annotation in exactly the schema of
`tests/gold/*.json`. The gold is written together with the text, from the same choices, so it says
what the text says: every person form and every quoted evidence text is a substring of the article,
event dates are the dates the article states, resolved against its header date.

The world is fixed by the seed: a pool of officials and executives, each with one post (title and
organization from `ontology/reference/`) kept through the whole corpus, and newspaper staff who sign
the Chinese articles. Names are drawn from common Chinese surnames and given-name characters and
written with `kg.text.names` (pinyin in English, Palladius in Russian, declined where Russian grammar
needs it). A few pairs of different people share a pinyin name; the second of a pair has the id
suffix ``-2``, as the gold convention says. Who appears in an article follows a Zipf-like
popularity, so the mayor of Changchun is in thousands of articles of a large corpus and most people
in few.

Generation is a pure function of (n_docs, seed, langs) and the reference tables: the same
arguments give the same bytes (every document has its own `random.Random` seeded from (seed, i),
nothing depends on hash order), it streams (memory stays flat however many documents), and it is
fast (100,000 documents generated in about 5 s; written with their gold in about 30 s, most of it
creating 200,000 files). `write_corpus` writes `DIR/articles/<date>_<lang>_<slug>-<i>.txt` and
`DIR/gold/<same stem>.json`, so that `kg eval --gold DIR/gold --root DIR` scores extraction on it.

The package: `world` (built from `places`, `posts`, `people` and `reference`) is what the articles are
about, `scene` what happens in one article and the facts its gold records (`doc`), `scenes/<lang>.py` the
wording in each language of `kg.lang.LANGUAGES`.

The wording keeps to the constructions the rules were written for (titles before Chinese names,
appositive titles after English names, "мэр Сыпина X" in Russian); where the natural wording is one
the rules misread, the text says it another way and a comment says why. Names are left as they come
(a Russian Wu is "У", an English He is "He"), so `kg eval` on a synthetic corpus shows how the rules
fare on them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from kg.eval.synth.doc import Doc
from kg.eval.synth.scenes import scene_for
from kg.eval.synth.world import World, make_world
from kg.lang import LANGUAGES

__all__ = ["SynthDoc", "Summary", "generate", "write_corpus", "parse_langs"]


@dataclass(frozen=True)
class SynthDoc:
    """One generated article: its file name (`<date>_<lang>_<slug>-<i>.txt`), text and gold."""

    name: str
    text: str
    gold: dict

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0]


@dataclass
class Summary:
    """What `write_corpus` wrote."""

    out_dir: Path
    files: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    persons: int = 0
    bytes: int = 0

    def line(self) -> str:
        langs = ", ".join(f"{k} {v}" for k, v in sorted(self.languages.items()))
        return (f"synth: {self.files} articles ({langs}) in {self.out_dir / 'articles'}, their gold in "
                f"{self.out_dir / 'gold'}; {self.persons} persons")


_TOPICS = (("meeting", 30), ("signing", 20), ("conference", 18), ("inspection", 17), ("delegation", 15))
_TOPIC_CUM = list(accumulate(w for _, w in _TOPICS))
_START = dt.date(2021, 1, 1)
_DAYS = (dt.date(2024, 12, 31) - _START).days + 1


def _document(world: World, i: int, lang: str, rng: random.Random) -> SynthDoc:
    date = _START + dt.timedelta(days=rng.randrange(_DAYS))
    event_date = date - dt.timedelta(days=rng.choice((0, 1, 1, 2, 2, 3, 4, 5)))
    doc = Doc(lang, date)
    scene = scene_for(lang)(world, rng, doc)
    topic = _TOPICS[bisect.bisect_left(_TOPIC_CUM, rng.random() * _TOPIC_CUM[-1])][0]
    title, paras, slug = getattr(scene, topic)(event_date)
    text = scene.article(title, paras)
    name = f"{date.isoformat()}_{lang}_{slug}-{i}.txt"
    return SynthDoc(name, text, doc.gold(f"articles/{name}"))


def generate(n_docs: int, seed: int, langs: Sequence[str] = LANGUAGES) -> Iterator[SynthDoc]:
    """Yield `n_docs` synthetic articles with their gold, one at a time (see the module docstring).

    The same (n_docs, seed, langs) give the same documents, byte for byte; the first k documents do
    not depend on n_docs."""
    langs = tuple(langs)
    if not langs or any(lang not in LANGUAGES for lang in langs):
        raise ValueError(f"languages must be among {', '.join(LANGUAGES)}, not {langs!r}")
    if n_docs < 0:
        raise ValueError("n_docs must not be negative")
    world = make_world(seed)
    for i in range(n_docs):
        rng = random.Random(f"kg-synth-doc-{seed}-{i}")
        lang = langs[rng.randrange(len(langs))]
        yield _document(world, i, lang, rng)


def parse_langs(value: str) -> tuple[str, ...]:
    """"en,zh,ru" -> ("en", "zh", "ru"); ValueError for an unknown or missing language."""
    langs = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    if not langs or any(lang not in LANGUAGES for lang in langs):
        raise ValueError(f"--langs takes a comma-separated list of {', '.join(LANGUAGES)}, not {value!r}")
    return langs


def write_corpus(out_dir: Path | str, n_docs: int, seed: int, langs: Sequence[str] = LANGUAGES) -> Summary:
    """Write `n_docs` articles to OUT/articles and their gold to OUT/gold (see the module docstring).

    FileExistsError when OUT/articles or OUT/gold already holds files: a corpus written over another
    one would be scored with the other's leftovers."""
    out = Path(out_dir)
    articles, gold = out / "articles", out / "gold"
    for folder in (articles, gold):
        if folder.is_dir() and any(folder.iterdir()):
            raise FileExistsError(f"{folder} is not empty: write the corpus to a new folder (or empty it first)")
    articles.mkdir(parents=True, exist_ok=True)
    gold.mkdir(parents=True, exist_ok=True)
    summary = Summary(out)
    persons: set[str] = set()
    for doc in generate(n_docs, seed, langs):
        data = doc.text.encode("utf-8")
        (articles / doc.name).write_bytes(data)
        (gold / f"{doc.stem}.json").write_text(
            json.dumps(doc.gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        summary.files += 1
        summary.bytes += len(data)
        summary.languages[doc.gold["language"]] = summary.languages.get(doc.gold["language"], 0) + 1
        persons.update(p["id"] for p in doc.gold["persons"])
    summary.persons = len(persons)
    return summary
