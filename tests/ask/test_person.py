"""One person: kg.ask.person (the profile), kg person / kg profile, the page in Chromium, /profile in kg serve.

The expected values come from the seed articles' text (read here), not from the code under test."""

from __future__ import annotations

import hashlib
import html
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from kg.ask.lookup import PersonIndex
from kg.ask.person import PersonError, find_person, profile
from kg.ask.store import open_graph
from kg.cli import main
from kg.draw.profile_page import render_profile
from kg.resolve.review import read_merges
from tests.browser import CHROMIUM_FLAGS, chromium, playwright
from tests.helpers import ROOT

SEEDS = ROOT / "seeds"
EN, RU = "2021-10-21_en_auto-clusters-sister-cities-conference.txt", "2024-01-24_ru_wang-zilian-china-rok-zone-inspection.txt"
# the people the English seed names at the conference Wang Zilian presided over
AT_THE_CONFERENCE = ("Zhang Zhijun", "Liu Dianxun", "Wang Guoqiang", "Song Gelong", "Wang Haiying", "Zhao Xinrui")
HOSTILE = ("Mayor meets guests\nUpdated : 2023-05-12Source : CCFAO\n"
           "On May 10, Zhou Ming, Mayor of Changchun City, met with Chen Hao <img src=x onerror=\"window.__pwned=1\"> "
           "and </script><script>window.__pwned=2</script> in Changchun.\n")


def _text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def _doc_id(name: str) -> str:
    return hashlib.sha256((SEEDS / name).read_bytes()).hexdigest()[:16]


def _build(out: Path, *paths: Path, maps: bool = True) -> Path:
    args = ["build", *map(str, paths), "--out", str(out), "--no-validate", "-q"] + ([] if maps else ["--no-maps"])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("person") / "out", SEEDS)


@pytest.fixture(scope="module")
def seeds(seeds_out):
    graph = open_graph(graph_path=seeds_out / "graph.ttl")
    return graph, PersonIndex(graph), read_merges(seeds_out / "merges.json")


@pytest.fixture(scope="module")
def wang(seeds):
    graph, index, merges = seeds
    return profile(graph, find_person(index, "王子联").iri, index, merges)


def test_every_section_of_wang_zilian_comes_from_the_seed_text(wang):
    en, ru = _text(EN), _text(RU)
    # names in every script the articles write: English and Russian (no Chinese article names him)
    assert wang.names["en"] == ["Wang Zilian"] and "Ван Цзылянь" in wang.names["ru"] and "Ван Цзылянь" in ru
    # the documents: exactly the seeds that name him, with their headers' publisher and date
    naming = {p.name for p in SEEDS.iterdir() if "Wang Zilian" in _text(p.name) or "Ван Цзылянь" in _text(p.name)}
    assert {d["file"] for d in wang.documents} == naming == {EN, RU}
    assert {(d["file"], d["source"], d["date"]) for d in wang.documents} == {(EN, "CCFAO", "2021-10-21"),
                                                                           (RU, "CCFAO", "2024-01-24")}
    assert wang.documents[0]["title"] == en.splitlines()[0] and wang.documents[1]["title"] == ru.splitlines()[0]
    # posts: Mayor of Changchun in both articles, each dated by its article
    assert [(t["title"], t["from"], t["documents"]) for t in wang.posts] == [("Mayor", "2021-10-21", 1),
                                                                           ("Mayor", "2024-01-24", 1)]
    # events: the conference of October 19, 2021 he presided over, the inspection of 22 January (2024)
    assert "on October 19, 2021" in en and "presided over the conference" in en and "22 января" in ru
    events = {e["date"]: e for e in wang.events}
    assert list(events) == ["2024-01-22", "2021-10-19"]  # newest first
    conference, inspection = events["2021-10-19"], events["2024-01-22"]
    assert conference["type"].endswith("#Conference") and conference["roles"] == [conference["roles"][0]]
    assert wang.labels[conference["roles"][0]]["en"] == "Presiding"
    assert inspection["type"].endswith("#InspectionVisit") and wang.labels[inspection["roles"][0]]["en"] == "Inspecting"
    assert wang.labels[conference["place"]]["en"] == "Changchun"
    for e, text, name in ((conference, en, "Wang Zilian"), (inspection, ru, "Ван Цзылянь")):
        assert e["quotes"] and all(q["quote"] in text and name in q["quote"] for q in e["quotes"])
    # counterparts: everyone the article names at the conference, one shared event each, none inferred
    assert all(name in en for name in AT_THE_CONFERENCE)
    assert sorted((c["label"], c["events"], c["inferred"]) for c in wang.counterparts) == sorted(
        (name, 1, 0) for name in AT_THE_CONFERENCE)
    # strategies: he promotes high-quality development, in the Russian article's words
    (strategy,) = wang.strategies
    assert wang.labels[strategy["strategy"]]["en"] == "high-quality development"
    assert wang.labels[strategy["stance"]]["en"] == "Promoting" and strategy["quotes"][0]["quote"] in ru
    # the merge decision that made one node of the two articles' mentions, with its rules and score
    (merge,) = wang.merges
    assert merge["merged"] and merge["score"] > 0 and merge["reason"]
    assert merge["mentions"] == [f"{_doc_id(EN)}:wang-zilian", f"{_doc_id(RU)}:wang-zilian"]
    assert {r["rule"] for r in merge["rules"]} >= {"shared_title"} and merge["decision"].startswith("https://")


def test_a_meeting_known_only_by_inference_is_marked(tmp_path):
    out = _build(tmp_path / "out", ROOT / "tests" / "data" / "offices", maps=False)
    texts = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "data" / "offices").iterdir()}
    # stated: Zheng Hongbin met Xu Liuping (May 31) and Kim Young-sik; "the mayor of Changchun" met Xu on April 14
    assert sum("Zheng Hongbin" in t and "Xu Liuping" in t for t in texts.values()) == 1
    assert any("长春市市长" in t and "徐留平" in t for t in texts.values())
    graph = open_graph(graph_path=out / "graph.ttl")
    index = PersonIndex(graph)
    p = profile(graph, find_person(index, "Zheng Hongbin").iri, index)
    xu, kim = p.counterparts
    assert (xu["label"], xu["events"], xu["inferred"]) == ("Xu Liuping", 2, 1) and "mayor" in xu["reasons"][0]
    assert (kim["label"], kim["events"], kim["inferred"]) == ("Kim Young-sik", 1, 0)
    assert [e["date"] for e in p.events if e["inferred"]] == ["2021-04-14"]


def test_a_name_is_resolved_as_every_command_resolves_it(seeds):
    _, index, _ = seeds
    for name in ("王子联", "Ван Цзыляня", "wang  zilian", "Zilian Wang", "kgr:person/wang-zilian", "wang-zilian",
                 "<https://w3id.org/kg-jilin/id/person/wang-zilian>", "Wang Zilian, Mayor"):
        assert find_person(index, name).node_id == "wang-zilian", name
    with pytest.raises(PersonError) as ambiguous:
        find_person(index, "Wang")
    assert "\n" not in str(ambiguous.value) and "kg person wang-zilian (" in str(ambiguous.value)
    with pytest.raises(PersonError, match="no person is called 'Wang Zilan'; did you mean: Wang Zilian"):
        find_person(index, "Wang Zilan")


def test_kg_person_text_and_json(seeds_out, wang):
    graph = str(seeds_out / "graph.ttl")
    text = CliRunner().invoke(main, ["person", "Ван Цзылянь", "--graph", graph])
    assert text.exit_code == 0, text.output
    for heading in ("names:", "posts (2):", "events (2):", "counterparts (6), by shared events:", "strategies (1):",
                    "documents (2):", "merge decisions (1):"):
        assert f"\n{heading}" in text.output, heading
    assert "2021-10-19  Conference in Changchun  as Presiding" in text.output
    assert "“Wang Zilian, Mayor of Changchun City, presided over the conference.”" in text.output
    as_json = CliRunner().invoke(main, ["person", "王子联", "--graph", graph, "--format", "json"])
    assert as_json.exit_code == 0 and json.loads(as_json.output) == json.loads(json.dumps(wang.to_json()))


@pytest.mark.parametrize("name, message", [("Wang", "'Wang' names 4 people, name one: kg person "),
                                           ("Nobody Here", "no person is called 'Nobody Here'")])
def test_an_ambiguous_or_unknown_name_is_one_line(seeds_out, tmp_path, name, message):
    for args in (["person", name], ["profile", name, "-o", str(tmp_path / "p.html")]):
        result = CliRunner().invoke(main, [*args, "--graph", str(seeds_out / "graph.ttl")])
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
        assert message.replace("kg person", "kg " + args[0]) in result.output
    assert not (tmp_path / "p.html").exists()


def test_the_page_is_self_contained_and_translated(wang):
    page = render_profile(wang, "zh")
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=""", page, re.IGNORECASE)
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))
    assert csp.startswith("default-src 'none'; script-src 'sha256-") and "unsafe" not in csp
    assert '<html lang="zh">' in page
    data = page.split('<script type="application/json" id="data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and json.loads(data)["ui"]["events"] == "活动"
    with pytest.raises(ValueError):
        render_profile(wang, "fr")


def test_profile_pages_in_chromium(seeds_out, tmp_path):
    exe = chromium()
    sync_playwright = playwright()
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    (hostile / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    hostile_out = _build(tmp_path / "hostile-out", hostile)
    zhou = hostile_out / "maps" / "people" / "zhou-ming.html"
    cli = CliRunner().invoke(main, ["profile", "王子联", "--graph", str(seeds_out / "graph.ttl"), "--lang", "ru",
                                    "-o", str(tmp_path / "wang.html")])
    assert cli.exit_code == 0, cli.output
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS[1:], timeout=60_000)
        try:
            page = browser.new_page()
            requests, errors = [], []
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            # kg profile --lang ru: every section, in Russian, with the quotes under each event
            page.goto((tmp_path / "wang.html").as_uri())
            assert page.locator("h1").text_content() == "Ван Цзылянь"
            assert page.locator("h2").all_text_contents() == [
                "Имена (2)", "Должности (2)", "События (2)", "Участники общих событий (по числу событий) (6)",
                "Стратегии (1)", "Документы (2)", "Решения об объединении (1)"]
            assert page.locator("#section-events > ul > li").count() == 2
            assert "Wang Zilian, Mayor of Changchun City, presided over the conference." in \
                page.locator("#section-events blockquote").all_text_contents()[-1]
            assert page.locator("#section-events").text_content().count("Чанчунь") >= 1  # places in Russian
            # counts agree with their number in Russian (1 документ, 1 общее событие), each seed tenure
            # resting on one document and each counterpart on one conference
            assert "1 документ" in page.locator("#section-posts").text_content()
            assert "1 документов" not in page.locator("#section-posts").text_content()
            assert "1 общее событие" in page.locator("#section-counterparts").text_content()
            # the build's page of a hostile article: its text is text, nothing runs, links lead to profiles
            page.goto(zhou.as_uri())
            quote = page.locator("#section-events blockquote").first.text_content()
            assert '<img src=x onerror="window.__pwned=1">' in quote and "</script><script>" in quote
            assert page.locator("main img, main script").count() == 0
            assert page.evaluate("typeof window.__pwned") == "undefined"
            page.click("#section-counterparts a")
            assert page.url.endswith("/people/chen-hao.html") and page.locator("h1").text_content() == "Chen Hao"
            # a map's person panel links to the profile
            page.goto((seeds_out / "maps" / "map-who-met.html").as_uri())
            page.wait_for_function("window.kgMap")
            page.fill("#search", "Wang Zilian")
            page.press("#search", "Enter")
            assert page.get_attribute("#profile-link", "href") == "people/wang-zilian.html"
            page.click("#profile-link")
            assert page.locator("h1").text_content() == "Wang Zilian"
            assert errors == [], errors
            assert all(u.startswith(("file://", "data:")) for u in requests), requests
        finally:
            browser.close()


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, dict(exc.headers), exc.read().decode("utf-8")


def test_kg_serve_answers_profile_by_iri(seeds):
    from kg.serve.server import make_server

    graph, _, merges = seeds
    server = make_server(graph, "127.0.0.1", 0, merges=merges)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        iri = "https://w3id.org/kg-jilin/id/person/wang-zilian"
        status, headers, body = _get(f"{base}/profile?iri={urllib.parse.quote(iri, safe='')}")
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert "script-src 'sha256-" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        data = json.loads(body.split('id="data">', 1)[1].split("</script>", 1)[0])
        assert data["profile"]["iri"] == iri and len(data["profile"]["counterparts"]) == len(AT_THE_CONFERENCE)
        assert data["profile"]["merges"][0]["rules"]  # from the build's merges.json
        assert data["links"][f"{iri.rsplit('/', 1)[0]}/zhang-zhijun"] == \
            "/profile?iri=https%3A%2F%2Fw3id.org%2Fkg-jilin%2Fid%2Fperson%2Fzhang-zhijun"
        assert _get(f"{base}/profile?iri={urllib.parse.quote(iri, safe='')}&lang=zh")[0] == 200
        assert _get(f"{base}/profile?iri=https%3A%2F%2Fexample.org%2Fx")[0] == 404
        assert _get(f"{base}/profile")[0] == 404
        assert _get(f"{base}/profile?iri={urllib.parse.quote(iri, safe='')}&lang=fr")[0] == 400
        # the other pages keep the server's policy
        assert _get(f"{base}/prefixes")[1]["Content-Security-Policy"].startswith("default-src 'self'")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_a_build_draws_the_pages_of_the_most_active_people_only_up_to_the_limit(seeds, seeds_out, tmp_path):
    from kg.draw.maps import render_map, who_met_view
    from kg.draw.profile_page import write_people
    from kg.draw.projection import project

    graph, index, merges = seeds
    drawn = write_people(graph, tmp_path, merges, limit=2)
    # Wang Zilian takes part in the most seed events (a conference and an inspection): first
    events = {iri: len(profile(graph, URIRef(iri), index, merges).events) for iri in map(str, index.people)}
    assert len(drawn) == 2 and events[drawn[0]] >= events[drawn[1]] >= max(
        n for iri, n in events.items() if iri not in drawn)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{iri.rsplit('/', 1)[-1]}.html" for iri in drawn)
    page = render_map(who_met_view(project(graph)), profiles="people", profiled=frozenset(drawn))
    linked = set(re.findall(r'"profile":\s*"people/([^"]+)\.html"', page))
    assert linked == {iri.rsplit("/", 1)[-1] for iri in drawn}
    # the build links every page it drew (the seeds have fewer people than the limit)
    assert len(list((seeds_out / "maps" / "people").iterdir())) == len(index.people)


def test_a_build_draws_no_page_for_a_person_in_more_events_than_a_page_can_hold(seeds, tmp_path, monkeypatch):
    import kg.draw.profile_page
    from kg.draw.profile_page import write_people

    graph, index, merges = seeds
    monkeypatch.setattr(kg.draw.profile_page, "PAGE_MAX_EVENTS", 1)  # Wang Zilian is in two seed events
    drawn = write_people(graph, tmp_path, merges)
    wang = str(find_person(index, "王子联").iri)
    assert wang not in drawn and drawn and not (tmp_path / "wang-zilian.html").exists()
