"""`kg serve`: the SPARQL 1.1 Protocol endpoint and its query page, over real HTTP on 127.0.0.1.

The server runs in a thread on a free port over the graph built from the seeds. The browser tests
drive the page in headless Chromium (Debian's `chromium`): they are skipped on a developer's machine
without it, but fail in CI (where the CI variable is set and .ci/run installs Chromium).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.ask.querybase import UPDATE_REFUSED
from kg.home import PACKAGE
from kg.serve.server import CSP, STATIC_FILES, make_server

PREFIXES = """PREFIX kgo: <https://w3id.org/kg-jilin/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
COUNT_PERSONS = PREFIXES + "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a kgo:Person }"
JSON_RESULTS = "application/sparql-results+json"
STATIC_DIR = PACKAGE / "serve" / "static"


# -- the server -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph(seed_build):
    from kg.rdf.build import union_graph

    return union_graph(seed_build.dataset)


class Running:
    def __init__(self, graph, **kwargs):
        self.graph = graph
        self.server = make_server(graph, "127.0.0.1", 0, **kwargs)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def paths(self):
        return [path for _, path in list(self.server.request_log)]


@pytest.fixture(scope="module")
def running(graph):
    run = Running(graph, timeout=10.0)
    yield run
    run.stop()


def request(url, data=None, headers=None, method=None):
    """(status, headers, body text) of one HTTP request; HTTP errors are answers too."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers, exc.read().decode("utf-8")


def get_query(run, query, accept=None):
    headers = {"Accept": accept} if accept else {}
    return request(f"{run.base}/sparql?{urllib.parse.urlencode({'query': query})}", headers=headers)


def post_form(run, accept=None, **params):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return request(f"{run.base}/sparql", urllib.parse.urlencode(params), headers)


def post_query(run, query, accept=None):
    headers = {"Content-Type": "application/sparql-query"}
    if accept:
        headers["Accept"] = accept
    return request(f"{run.base}/sparql", query, headers)


def person_count(body: str) -> int:
    data = json.loads(body)
    assert data["head"]["vars"] == ["n"]
    assert len(data["results"]["bindings"]) == 1
    return int(data["results"]["bindings"][0]["n"]["value"])


# -- the SPARQL protocol ----------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["get", "post-form", "post-sparql-query"])
def test_select_over_http_returns_sparql_json(running, how):
    if how == "get":
        status, headers, body = get_query(running, COUNT_PERSONS)
    elif how == "post-form":
        status, headers, body = post_form(running, query=COUNT_PERSONS)
    else:
        status, headers, body = post_query(running, COUNT_PERSONS)
    assert status == 200, body
    assert headers["Content-Type"].startswith(JSON_RESULTS)
    assert person_count(body) > 10


def test_select_rows_are_standard_sparql_json(running):
    query = PREFIXES + """SELECT ?person ?name WHERE { ?person a kgo:Person ; skos:prefLabel ?name .
                          FILTER(lang(?name) = "zh") } ORDER BY ?name"""
    status, _, body = post_form(running, accept=JSON_RESULTS, query=query)
    assert status == 200, body
    data = json.loads(body)
    assert data["head"]["vars"] == ["person", "name"]
    rows = data["results"]["bindings"]
    assert rows
    assert all(r["person"]["type"] == "uri" and r["name"]["xml:lang"] == "zh" for r in rows)
    assert any(r["name"]["value"] == "张志军" for r in rows)


def test_ask_is_json_boolean(running):
    status, headers, body = get_query(running, PREFIXES + "ASK { ?p a kgo:Person }")
    assert status == 200, body
    assert headers["Content-Type"].startswith(JSON_RESULTS)
    assert json.loads(body) == {"head": {}, "boolean": True}


def test_accept_csv(running):
    status, headers, body = get_query(running, PREFIXES + """SELECT ?name WHERE { ?p a kgo:Person ;
                                      skos:prefLabel ?name . FILTER(lang(?name) = "en") } ORDER BY ?name""",
                                      accept="text/csv")
    assert status == 200, body
    assert headers["Content-Type"].startswith("text/csv")
    lines = body.splitlines()
    assert lines[0] == "name"
    assert "Zhang Zhijun" in lines[1:]


def test_accept_with_quality_values(running):
    status, headers, _ = get_query(running, COUNT_PERSONS, accept=f"{JSON_RESULTS};q=0.5, text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    status, headers, _ = get_query(running, COUNT_PERSONS, accept="text/html, */*;q=0.1")
    assert status == 200 and headers["Content-Type"].startswith(JSON_RESULTS)
    status, _, body = get_query(running, COUNT_PERSONS, accept="image/png")
    assert status == 406 and "text/csv" in body


def test_construct_returns_turtle(running):
    query = PREFIXES + "CONSTRUCT { ?p skos:prefLabel ?n } WHERE { ?p a kgo:Person ; skos:prefLabel ?n }"
    status, headers, body = post_query(running, query, accept="text/turtle")
    assert status == 200, body
    assert headers["Content-Type"].startswith("text/turtle")
    from rdflib import Graph

    g = Graph().parse(data=body, format="turtle")
    assert len(g) > 10
    status, headers, body = post_query(running, query, accept="application/n-triples")
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert len(Graph().parse(data=body, format="nt")) == len(g)
    # without an Accept header a graph comes as Turtle
    status, headers, _ = post_query(running, query)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")


def test_updates_are_refused_and_the_graph_is_unchanged(running):
    size = len(running.graph)
    _, _, before = get_query(running, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    attempts = [
        post_form(running, update="DROP ALL"),
        request(f"{running.base}/sparql", "DROP ALL", {"Content-Type": "application/sparql-update"}),
        post_form(running, query="INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"),
        post_query(running, "DELETE WHERE { ?s ?p ?o }"),
        get_query(running, "CLEAR DEFAULT"),
        request(f"{running.base}/sparql?update=DROP%20ALL"),
        post_form(running, query=COUNT_PERSONS, update="DROP ALL"),
    ]
    for status, headers, body in attempts:
        assert 400 <= status < 500, (status, body)
        assert UPDATE_REFUSED in body
        assert headers["Content-Type"].startswith("text/plain")
    assert {a[0] for a in attempts} == {403}
    assert len(running.graph) == size
    _, _, after = get_query(running, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert after == before


@pytest.mark.parametrize("query, message", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM and FROM NAMED are refused"),
    ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM and FROM NAMED are refused"),
])
def test_service_and_from_get_400_with_the_message(running, query, message):
    for status, headers, body in (post_form(running, query=query), get_query(running, query)):
        assert status == 400
        assert headers["Content-Type"].startswith("text/plain")
        assert message in body
        assert "root:" not in body


def test_dataset_parameters_are_refused(running):
    status, _, body = post_form(running, query=COUNT_PERSONS, **{"default-graph-uri": "file:///etc/passwd"})
    assert status == 400 and "default-graph-uri" in body


def test_syntax_error_is_400_with_the_line(running):
    status, headers, body = post_query(running, "SELECT ?s WHERE {\n  ?s ?p \n")
    assert status == 400
    assert headers["Content-Type"].startswith("text/plain")
    assert "line" in body and "syntax error" in body


def test_bad_requests(running):
    assert request(f"{running.base}/sparql")[0] == 400  # no query
    assert post_form(running, query="   ")[0] == 400
    status, _, body = request(f"{running.base}/sparql", "query=x", {"Content-Type": "text/plain"})
    assert status == 415 and "application/sparql-query" in body
    assert request(f"{running.base}/sparql", method="DELETE")[0] == 405
    assert request(f"{running.base}/", "x", {"Content-Type": "text/plain"})[0] == 405


def test_request_body_and_query_length_are_limited(running):
    status, _, body = post_query(running, "#" * (1024 * 1024 + 100))
    assert status == 413 and "too large" in body
    status, _, body = post_query(running, "SELECT * WHERE { ?s ?p ?o } #" + "x" * 200_000)
    assert status == 413 and "too long" in body
    assert get_query(running, COUNT_PERSONS)[0] == 200  # and the server is still fine


def test_busy_server_answers_503_at_once(graph):
    run = Running(graph, timeout=10.0, max_concurrent=2)
    try:
        assert run.server.slots.acquire(blocking=False) and run.server.slots.acquire(blocking=False)
        try:
            started = time.monotonic()
            status, headers, body = get_query(run, COUNT_PERSONS)
            assert status == 503 and "busy" in body and headers["Retry-After"]
            assert time.monotonic() - started < 2
        finally:
            run.server.slots.release()
            run.server.slots.release()
        assert get_query(run, COUNT_PERSONS)[0] == 200
    finally:
        run.stop()


def test_slow_query_is_stopped_and_holds_its_slot_only_meanwhile(graph):
    run = Running(graph, timeout=1.5, max_concurrent=1)
    try:
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        answers = {}
        worker = threading.Thread(target=lambda: answers.setdefault("slow", get_query(run, slow)))
        worker.start()
        deadline = time.monotonic() + 5
        while run.server.request_log.count(("GET", "/sparql")) < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)
        status, _, body = get_query(run, COUNT_PERSONS)
        assert status == 503, body
        worker.join(30)
        status, _, body = answers["slow"]
        assert status == 400 and "stopped after 1.5 s" in body
        assert get_query(run, COUNT_PERSONS)[0] == 200
    finally:
        run.stop()


def test_only_loopback_host_names_are_answered(running):
    status, _, body = request(f"{running.base}/", headers={"Host": "attacker.example"})
    assert status == 403
    assert request(f"{running.base}/", headers={"Host": f"localhost:{running.server.server_address[1]}"})[0] == 200


# -- the page and its files -------------------------------------------------------------------------

SCHEME_URL = re.compile(r"""\b(?:src|href|action)\s*=\s*["']?\s*([a-z][a-z0-9+.-]*:|//)""", re.I)


def test_page_is_local_and_has_the_security_headers(running):
    status, headers, html = request(f"{running.base}/")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "<textarea" in html and "kgo:" in html and "skos:" in html
    schemes = [m.group(1).lower() for m in SCHEME_URL.finditer(html)]
    assert all(s == "data:" for s in schemes), schemes
    assert not re.search(r"<(?:script|link|img|iframe)[^>]*https?://", html, re.I)
    for path in ("/static/app.js", "/static/style.css"):
        status, headers, text = request(f"{running.base}{path}")
        assert status == 200 and headers["Content-Security-Policy"] == CSP
        assert not re.search(r"https?://", text), path
        assert "@import" not in text
    _, headers, js = request(f"{running.base}/static/app.js")
    assert headers["Content-Type"].startswith("text/javascript")
    assert not re.search(r"\.(?:innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment)\b"
                         r"|document\.write|\beval\(|new Function", js)


def test_every_response_has_the_security_headers(running):
    for status, headers, _ in (request(f"{running.base}/nope"), post_form(running, update="DROP ALL"),
                               post_query(running, "SELECT"), get_query(running, COUNT_PERSONS),
                               request(f"{running.base}/queries")):
        assert headers["Content-Security-Policy"] == CSP, status
        assert headers["X-Content-Type-Options"] == "nosniff", status


@pytest.mark.parametrize("path", [
    "/static/../../setup.cfg", "/static/../serve.py", "/../setup.cfg", "/static/%2e%2e/%2e%2e/setup.cfg",
    "/static/..%2f..%2fsetup.cfg", "/static/", "/static/index.html/", "/static/app.js/../../../etc/passwd",
    "//etc/passwd", "/etc/passwd", "/static/serve.py", "/static/APP.JS",
])
def test_static_files_come_from_a_whitelist(running, path):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", running.server.server_address[1], timeout=10)
    try:
        conn.request("GET", path)  # sent exactly as written, no normalisation
        resp = conn.getresponse()
        body = resp.read().decode("utf-8", "replace")
    finally:
        conn.close()
    assert resp.status == 404, path
    assert "[metadata]" not in body and "root:" not in body


def test_whitelisted_files_exist():
    for name, _ in STATIC_FILES.values():
        assert (STATIC_DIR / name).is_file()


def test_named_queries_as_json(running):
    status, headers, body = request(f"{running.base}/queries")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    queries = {q["name"]: q for q in json.loads(body)}
    assert "who-met" in queries
    q = queries["who-met"]
    assert q["title"] and q["description"] and "SELECT" in q["text"]
    assert q["params"] == [{"name": "person", "type": "person"}]
    # every named query runs unbound through the endpoint
    for q in queries.values():
        status, _, answer = post_form(running, query=q["text"])
        assert status == 200, (q["name"], answer)


def test_cli_serve_is_registered():
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--port" in result.output and "127.0.0.1" in result.output and "--timeout" in result.output


# -- in a real browser ------------------------------------------------------------------------------

from tests.browser import CHROMIUM_FLAGS, chromium as _chromium  # noqa: E402


def test_page_in_headless_chromium_dump_dom(graph, tmp_path):
    chromium = _chromium()
    run = Running(graph)
    try:
        proc = subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
             "--virtual-time-budget=5000", "--dump-dom", f"{run.base}/"],
            capture_output=True, text=True, timeout=120)
        dom = proc.stdout
        assert "<title>kg SPARQL query</title>" in dom, (proc.returncode, proc.stderr[-2000:])
        assert '<textarea id="query"' in dom
        # the script ran and loaded the named queries from the server, and shows no error
        assert 'data-name="who-met"' in dom, dom[-3000:]
        assert "could not load" not in dom and 'class="error"' not in dom
        paths = run.paths()
        assert {"/", "/static/app.js", "/static/style.css", "/queries"} <= set(paths)
        assert all(p in STATIC_FILES or p in ("/queries", "/prefixes", "/sparql") for p in paths), paths
    finally:
        run.stop()


def test_page_in_a_browser_runs_queries_safely(graph, tmp_path):
    chromium = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is missing: it is in the test extra of setup.cfg")
        pytest.skip("playwright is not installed (pip install -e '.[test]')")

    run = Running(graph)
    requests, console_errors, page_errors = [], [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS[1:], timeout=60_000)
            try:
                page = browser.new_page()
                page.on("request", lambda r: requests.append(r.url))
                page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: page_errors.append(str(e)))
                page.set_default_timeout(30_000)
                page.goto(f"{run.base}/")
                assert page.title() == "kg SPARQL query"
                page.wait_for_selector('#named-list button[data-name="who-met"]')

                # the example who-met query: a table with rows
                assert "kgo:participant" in page.input_value("#query")
                page.click("#run")
                page.wait_for_selector("#results table.results tbody tr")
                assert page.locator("#results table.results tbody tr").count() > 0
                headers = page.locator("#results th").all_text_contents()
                assert headers[:2] == ["?person", "?other"]

                # a named query loads into the editor and runs; Chinese names show
                page.click('#named-list button[data-name="people"]')
                assert "kgo:Person" in page.input_value("#query")
                page.click("#run")
                # (waits use selectors: the page's CSP forbids the string evaluation of wait_for_function)
                page.locator("#results td", has_text="张志军").first.wait_for()
                assert page.locator("#results tbody tr").count() > 10

                # data is text, never markup
                hostile = '<img src=x onerror="window.__pwned=1"><b id="bold">x</b>'
                page.fill("#query", f"SELECT ?x WHERE {{ BIND({json.dumps(hostile)} AS ?x) }}")
                page.click("#run")
                page.locator("#results tbody td", has_text="onerror").wait_for()
                assert page.locator("#results tbody td").first.text_content() == hostile
                assert page.locator("#results img, #results b").count() == 0
                assert page.evaluate("window.__pwned") is None

                # ASK, a graph and an error
                page.fill("#query", "PREFIX kgo: <https://w3id.org/kg-jilin/ontology#>\nASK { ?p a kgo:Person }")
                page.click("#run")
                page.wait_for_selector("#results p.boolean")
                assert page.text_content("#results p.boolean") == "yes"
                page.fill("#query", PREFIXES + "CONSTRUCT { ?p a kgo:Person } WHERE { ?p a kgo:Person } LIMIT 3")
                page.click("#run")
                page.wait_for_selector("#results pre.graph")
                assert "kgo:Person" in page.text_content("#results pre.graph")
                page.fill("#query", "DROP ALL")
                page.click("#run")
                page.wait_for_selector("#results pre.error")
                assert UPDATE_REFUSED in page.text_content("#results pre.error")
                page.fill("#query", "SELECT ?s WHERE {")
                page.click("#run")
                page.locator("#results pre.error", has_text="line").wait_for()
            finally:
                browser.close()
    finally:
        run.stop()
    # the refused update and the syntax error are 4xx answers, which Chromium reports on the console
    unexpected = [e for e in console_errors if "status of 403" not in e and "status of 400" not in e]
    assert not unexpected, console_errors
    assert not page_errors, page_errors
    assert requests, "no request recorded"
    outside = [u for u in requests if not (u.startswith(run.base + "/") or u.startswith("data:"))]
    assert not outside, outside
    assert all(p in STATIC_FILES or p in ("/queries", "/prefixes", "/sparql", "/labels") for p in run.paths()), run.paths()


def test_named_query_parameters_and_labels_over_http(running):
    body = urllib.parse.urlencode({"named": "who-met", "param.person": "王子联"})
    status, _, text = request(f"{running.base}/sparql", body, {"Content-Type": "application/x-www-form-urlencoded"})
    rows = json.loads(text)["results"]["bindings"]
    assert status == 200 and rows and {r["person"]["value"] for r in rows} == {
        "https://w3id.org/kg-jilin/id/person/wang-zilian"}
    status, _, text = request(f"{running.base}/sparql", urllib.parse.urlencode({"named": "who-met", "param.person": "Nobody Here"}),
                              {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and "no person is called" in text
    iris = ["https://w3id.org/kg-jilin/id/person/wang-zilian", "https://w3id.org/kg-jilin/ontology#DeliveredSpeech"]
    status, _, text = request(f"{running.base}/labels", json.dumps(iris), {"Content-Type": "application/json"})
    assert status == 200 and json.loads(text) == {iris[0]: {"label": "Wang Zilian", "person": True},
                                                  iris[1]: {"label": "Delivering a speech", "person": False}}
    status, _, _ = request(f"{running.base}/labels", json.dumps(["javascript:alert(1) x"]),
                           {"Content-Type": "application/json"})
    assert status == 400


def test_query_page_parameters_labels_downloads_and_shared_urls(graph, tmp_path):
    chromium = _chromium()
    from tests.browser import playwright

    sync_playwright = playwright()
    run = Running(graph)
    page_errors = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS[1:], timeout=60_000)
            try:
                page = browser.new_page(accept_downloads=True)
                page.on("pageerror", lambda e: page_errors.append(str(e)))
                page.set_default_timeout(30_000)
                page.goto(f"{run.base}/")
                page.click('#named-list button[data-name="who-met"]')
                assert page.is_visible("#param-person")
                page.fill("#param-person", "王子联")
                page.click("#run")
                # names, not IRIs; a person links to their profile
                link = page.locator("#results tbody td a.person", has_text="Wang Zilian").first
                link.wait_for()
                assert link.get_attribute("href") == "/profile?iri=" + urllib.parse.quote(
                    "https://w3id.org/kg-jilin/id/person/wang-zilian", safe="")
                page.locator("#results tbody td.labelled", has_text="Presiding").first.wait_for()  # kgo:Presided
                shown = page.locator("#results tbody td").all_text_contents()
                assert not [t for t in shown if t.startswith(("kgr:", "kgo:", "https:"))], shown
                rows = page.locator("#results tbody tr").count()

                # the URL says what ran: opened elsewhere, it fills the fields and runs again
                assert "named=who-met" in page.url and "param.person=" in page.url
                other = browser.new_page()
                other.goto(page.url)
                other.locator("#results tbody td a.person", has_text="Wang Zilian").first.wait_for()
                assert other.input_value("#param-person") == "王子联" and other.locator("#results tbody tr").count() == rows

                # downloads: CSV as the server writes it, JSON as it answered
                with page.expect_download() as got:
                    page.click("#download-csv")
                csv_text = Path(got.value.path()).read_text(encoding="utf-8")
                assert csv_text.splitlines()[0].startswith("person,other,event") and len(csv_text.splitlines()) == rows + 1
                with page.expect_download() as got:
                    page.click("#download-json")
                assert len(json.loads(Path(got.value.path()).read_text(encoding="utf-8"))["results"]["bindings"]) == rows

                # text queries round-trip through the URL too; data stays text; long cells are clamped
                hostile = '<img src=x onerror="window.__pwned=1">' + "long " * 80
                text = f"SELECT ?x ?n WHERE {{ BIND({json.dumps(hostile)} AS ?x) BIND(1 AS ?n) }}"
                page.fill("#query", text)
                assert page.is_hidden("#params")
                page.click("#run")
                cell = page.locator("#results tbody td.long").first
                cell.wait_for()
                assert cell.text_content() == hostile and page.locator("#results img").count() == 0
                clamped = cell.bounding_box()["height"]
                assert clamped < 80
                cell.click()
                assert cell.bounding_box()["height"] > clamped
                assert page.evaluate("window.__pwned") is None
                page.goto(page.url)
                page.locator("#results tbody td.long").first.wait_for()
                assert page.input_value("#query") == text and page.evaluate("window.__pwned") is None
            finally:
                browser.close()
    finally:
        run.stop()
    assert not page_errors, page_errors
