"""Exports: Gephi formats with types, labels in every language and time intervals; CSV; JSON-LD; N-Quads."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import main
from tests.helpers import SEEDS


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(out), "--no-validate", "--no-maps"]).exit_code == 0
    return out / "graph.ttl"


def run(built: Path, fmt: str, output: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--graph", str(built), "--format", fmt, "-o", str(output)])
    assert result.exit_code == 0, result.output


def test_gexf_has_types_labels_and_dates(built, tmp_path):
    run(built, "gexf", tmp_path / "g.gexf")
    g = nx.read_gexf(tmp_path / "g.gexf")
    wang = g.nodes["https://w3id.org/kg-jilin/id/person/wang-zilian"]
    assert (wang["kind"], wang["label_en"], wang["label_ru"]) == ("Person", "Wang Zilian", "Ван Цзылянь")
    text = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text and 'start="2021-10-19"' in text
    run(built, "gexf", tmp_path / "again.gexf")
    assert (tmp_path / "g.gexf").read_bytes() == (tmp_path / "again.gexf").read_bytes()


def test_graphml_and_csv_share_the_iris(built, tmp_path):
    run(built, "graphml", tmp_path / "g.graphml")
    run(built, "csv", tmp_path / "csv")
    gml = nx.read_graphml(tmp_path / "g.graphml")
    with (tmp_path / "csv" / "nodes.csv").open(encoding="utf-8") as fh:
        nodes = {row["id"]: row for row in csv.DictReader(fh)}
    with (tmp_path / "csv" / "edges.csv").open(encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    assert set(nodes) == set(gml.nodes)
    assert nodes["https://w3id.org/kg-jilin/id/person/zhang-zhijun"]["label_zh"] == "张志军"
    assert any(e["relation"] == "took part in" and e["quote"] for e in edges)
    assert all(e["source"] in nodes and e["target"] in nodes for e in edges)


def test_jsonld_and_nquads_round_trip(built, tmp_path):
    run(built, "jsonld", tmp_path / "g.jsonld")
    data = json.loads((tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    assert data["@context"]["kgo"] == "https://w3id.org/kg-jilin/ontology#"
    original = Graph().parse(built, format="turtle")
    assert isomorphic(Graph().parse(tmp_path / "g.jsonld", format="json-ld"), original)
    run(built, "nquads", tmp_path / "g.nq")
    ds = Dataset()
    ds.parse(tmp_path / "g.nq", format="nquads")
    graphs = {str(c.identifier) for c in ds.graphs() if len(c)}
    assert sum("/graph/" in gid for gid in graphs) >= 6


def test_gexf_carries_the_map_colours_and_no_networkx_key(built, tmp_path):
    run(built, "gexf", tmp_path / "g.gexf")
    text = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert "networkx_key" not in text
    g = nx.read_gexf(tmp_path / "g.gexf")
    wang = g.nodes["https://w3id.org/kg-jilin/id/person/wang-zilian"]
    assert (wang["viz"]["color"]["r"], wang["viz"]["color"]["g"], wang["viz"]["color"]["b"]) == (228, 87, 46)
    assert wang["viz"]["size"] > 5


def test_the_who_met_network_for_gephi_and_kumu(built, tmp_path):
    result = CliRunner().invoke(main, ["export", "--graph", str(built), "--format", "graphml", "--view", "who-met",
                                       "-o", str(tmp_path / "w.graphml")])
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(tmp_path / "w.graphml")
    assert {d["kind"] for _, d in g.nodes(data=True)} == {"Person"}
    assert g.number_of_edges() and all(d["relation"] == "met" and int(d["weight"]) >= 1 and int(d["events"]) >= 1
                                       for _, _, d in g.edges(data=True))
    result = CliRunner().invoke(main, ["export", "--graph", str(built), "--format", "kumu", "--view", "who-met",
                                       "-o", str(tmp_path / "kumu")])
    assert result.exit_code == 0, result.output
    raw = (tmp_path / "kumu" / "elements.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads Chinese and Russian
    elements = list(csv.DictReader((tmp_path / "kumu" / "elements.csv").open(encoding="utf-8-sig")))
    connections = list(csv.DictReader((tmp_path / "kumu" / "connections.csv").open(encoding="utf-8-sig")))
    ids = {e["ID"] for e in elements}
    assert {"Label", "Type"} <= set(elements[0]) and {"From", "To", "Type", "Weight"} <= set(connections[0])
    assert connections and all(c["From"] in ids and c["To"] in ids for c in connections)
    assert any(e["Label"] == "Zhang Zhijun" and e["Label (zh)"] == "张志军" for e in elements)
    refused = CliRunner().invoke(main, ["export", "--graph", str(built), "--format", "jsonld", "--view", "who-met",
                                        "-o", str(tmp_path / "x.jsonld")])
    assert refused.exit_code == 2
