"""Unnamed office holders: 长春市市长 on an article's date is the mayor the tenures give, as an inference
kept apart from stated facts; overlapping holders stay unresolved, and say why."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from kg.model.ns import KGO, RDF
from kg.resolve.roles_at_date import OfficeStatement, resolve_offices
from kg.resolve.tenures import Tenure
from tests.helpers import DATA

CORPUS = DATA / "offices"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("offices") / "out"
    run = CliRunner().invoke(main, ["build", str(CORPUS), "--out", str(out), "--no-maps"])
    assert run.exit_code == 0 and "conforms" in run.output, run.output
    return out


def test_an_unnamed_mayor_is_the_holder_the_tenures_give(built):
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    decided = {(o["title"], o["date"]): (o["holder"], o["reason"]) for o in report["offices"]}
    assert decided[("mayor", "2021-04-15")][0] == "zheng-hongbin"
    holder, reason = decided[("governor", "2022-04-01")]
    assert holder is None and "li-weiguo, sun-dongmei" in reason  # two holders overlap: unresolved
    g = Graph().parse(built / "graph.ttl")
    inferred = list(g.subjects(RDF.type, KGO.InferredParticipation))
    assert len(inferred) == 1
    assert g.value(inferred[0], KGO.inferredFrom) is not None
    assert g.value(inferred[0], KGO.participant) is None  # never a stated participant
    assert (None, KGO.participant, g.value(inferred[0], KGO.inferredParticipant)) in g  # he is stated elsewhere


def test_who_met_marks_the_inference_and_can_leave_it_out(built):
    graph = str(built / "graph.ttl")
    rows = json.loads(CliRunner().invoke(main, ["who-met", "Zheng Hongbin", "--graph", graph, "--format", "json"]).output)
    inferred = [r for r in rows if r["inferred"]]
    assert [(r["b"], r["date"]) for r in inferred] == [("Xu Liuping", "2021-04-14")]
    assert "2021-03-01 to 2021-06-01" in inferred[0]["inferred"] and "长春市市长" in inferred[0]["quote"]
    text = CliRunner().invoke(main, ["who-met", "Zheng Hongbin", "--graph", graph]).output
    assert "[inferred] 2021-04-14" in text
    stated = json.loads(CliRunner().invoke(main, ["who-met", "Zheng Hongbin", "--graph", graph, "--format", "json",
                                                  "--stated-only"]).output)
    assert len(stated) == len(rows) - 1 and not any(r["inferred"] for r in stated)
    # the counterpart's view shows it too
    xu = json.loads(CliRunner().invoke(main, ["who-met", "Xu Liuping", "--graph", graph, "--format", "json"]).output)
    assert any(r["b"] == "Zheng Hongbin" and r["inferred"] for r in xu)


def _tenure(node: str, first: str, last: str, ends_before: str | None = None) -> Tenure:
    return Tenure(node, "mayor", "changchun-municipal-government", dt.date.fromisoformat(first),
                  dt.date.fromisoformat(last), 2, dt.date.fromisoformat(ends_before) if ends_before else None,
                  "b" if ends_before else None)


@pytest.mark.parametrize(("date", "tenures", "holder"), [
    ("2021-04-01", [_tenure("a", "2021-01-01", "2021-06-01")], "a"),                      # inside the tenure
    ("2021-08-01", [_tenure("a", "2021-01-01", "2021-06-01")], "a"),                      # shortly after the last
    ("2022-08-01", [_tenure("a", "2021-01-01", "2021-06-01")], None),                     # long after it
    ("2021-06-20", [_tenure("a", "2021-01-01", "2021-06-01", "2021-07-01"),
                    _tenure("b", "2021-07-01", "2021-12-01")], None),                     # a change of holder near
    ("2021-08-01", [_tenure("a", "2021-01-01", "2021-06-01", "2021-07-01"),
                    _tenure("b", "2021-07-01", "2021-12-01")], "b"),                      # the successor by then
    ("2021-04-01", [_tenure("a", "2021-01-01", "2021-06-01"), _tenure("b", "2021-03-01", "2021-05-01")], None),
    ("", [_tenure("a", "2021-01-01", "2021-06-01")], None),                               # an undated article
])
def test_the_holder_on_a_date(date, tenures, holder):
    st = OfficeStatement("kgr:office/x", "kgr:event/y", "mayor", "changchun-municipal-government", "Met", date)
    (decision,) = resolve_offices([st], tenures)
    assert decision.node == holder and decision.reason


def test_a_holder_named_at_the_event_is_not_inferred_again():
    st = OfficeStatement("o", "e", "mayor", "changchun-municipal-government", "Met", "2021-04-01", named=("a",))
    (decision,) = resolve_offices([st], [_tenure("a", "2021-01-01", "2021-06-01")])
    assert decision.node is None and "named at the event" in decision.reason


def test_a_meeting_known_only_by_inference_is_a_dashed_edge_of_the_map(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("m1-2021-en-mayor.txt", "m3-2021-zh-unnamed-mayor.txt"):  # the mayor named once, then unnamed
        (corpus / name).write_bytes((CORPUS / name).read_bytes())
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "-q", "--no-validate"]).exit_code == 0
    from kg.draw.maps import who_met_view
    from kg.draw.projection import project

    view = who_met_view(project(Graph().parse(out / "graph.ttl")))
    people = {d["label"]: n for n, d in view.graph.nodes(data=True)}
    inferred = view.graph.edges[people["Zheng Hongbin"], people["Xu Liuping"]]
    stated = view.graph.edges[people["Zheng Hongbin"], people["Kim Young-sik"]]
    assert inferred["inferred"] and not stated["inferred"]
    assert "inferred" in inferred["evidence"][0]["relation"]
    rows = json.loads(CliRunner().invoke(main, ["who-met", "Zheng Hongbin", "--graph", str(out / "graph.ttl"),
                                                "--format", "json"]).output)
    assert [(r["b"], r["sources"], bool(r["inferred"])) for r in rows if r["b"] == "Xu Liuping"] == [
        ("Xu Liuping", 0, True)]  # known only by inference: listed, and no document states it
    page = (out / "maps" / "map-who-met.html").read_text(encoding="utf-8")
    assert re.search(r'"dashes":\s*true', page) and re.search(r'"dashes":\s*false', page)


@pytest.mark.parametrize(("text", "office"), [
    ("4月14日，长春市市长在长春会见了中国一汽董事长徐留平。", ("mayor", "changchun-municipal-government")),
    ("The Governor of Jilin Province met the Audi delegation in Changchun.",
     ("governor", "jilin-provincial-government")),
    ("Мэр Чанчуня встретился с делегацией компании Audi.", ("mayor", "changchun-municipal-government")),
    # «провинции» belongs to the place, not to the title
    ("Губернатор провинции Цзилинь встретился с делегацией компании Audi в Чанчуне.",
     ("governor", "jilin-provincial-government")),
    ("Губернатор Цзилиньской провинции встретился с делегацией компании Audi.",
     ("governor", "jilin-provincial-government")),
])
def test_an_office_named_instead_of_a_person_in_each_language(text, office):
    from kg.extract.document import extract_document
    from kg.read.documents import read_document

    ex = extract_document(read_document(f"t\n2021-03-05\n\n{text}\n".encode(), "t.txt"))
    assert [(o.title_id, o.org_id, o.role) for o in ex.offices] == [(*office, "Met")]


def test_a_named_governor_of_the_province_in_russian_holds_the_post_in_its_government():
    from kg.extract.document import extract_document
    from kg.read.documents import read_document

    text = "Губернатор провинции Цзилинь Цзин Цзюньхай встретился с делегацией компании Audi."
    ex = extract_document(read_document(f"t\n2021-03-05\n\n{text}\n".encode(), "t.txt"))
    assert [(p.person, p.title_id, p.org_id) for p in ex.posts] == [
        ("jing-junhai", "governor", "jilin-provincial-government")] and not ex.offices


@pytest.mark.parametrize("text", [
    # realdev zh08: every title here is a named person's
    "4月22日,吉林省委书记景俊海,吉林省委副书记、省长韩俊一起在长春会见奥迪中国总裁安世豪一行。",
    # a title in apposition after the name
    "On September 22, Jing Junhai, Party chief of Jilin province, met with Xu Liuping in Changchun.",
    "Li Hui, China's ambassador to Russia, met with Wang Zilian in Changchun.",
])
def test_a_title_next_to_a_name_is_not_an_unnamed_office(text):
    from kg.extract.document import extract_document
    from kg.read.documents import read_document

    ex = extract_document(read_document(f"t\n2021-03-05\n\n{text}\n".encode(), "t.txt"))
    assert ex.offices == []
