"""The vocabulary comes from the ontology: event types, roles, stances, class groups and map edges, and an
event type added to the ontology and the cue files alone is extracted, built, validated and projected."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from kg.extract.lexicon import lexicon_dir
from kg.model import vocabulary
from kg.model.iris import KGO
from kg.model.ontology import LANGS, ontology_dir


def test_the_vocabulary_is_the_ontology_s():
    assert vocabulary.event_types()[:2] == ("Meeting", "Conference")
    assert {"Presided", "Met", "Introduced"} <= set(vocabulary.roles())
    assert vocabulary.stances() == ("Promotes", "Implements", "Deploys")
    assert vocabulary.class_group("Organization")[0] == "GovernmentBody" and vocabulary.class_group("Person") == ("Person",)
    assert vocabulary.family("SigningCeremony") == "Event" and vocabulary.family("Agreement") == "Agreement"
    assert vocabulary.term_label(KGO + "SigningCeremony", "zh") == "签约仪式"


def test_every_role_implies_an_event_type_and_every_trigger_role_is_a_role():
    assert set(vocabulary.implied_events()) == set(vocabulary.roles())
    assert set(vocabulary.implied_events().values()) <= set(vocabulary.event_types())
    assert set(vocabulary.trigger_roles()) <= set(vocabulary.event_types())
    assert set(vocabulary.trigger_roles().values()) <= set(vocabulary.roles())


def test_every_map_edge_is_named_in_every_language_and_drawn_somewhere():
    from kg.draw.maps import VIEWS

    edges = vocabulary.map_edges()
    assert [e.name for e in edges][:2] == ["took part in", "took part in (inferred)"]
    for edge in edges:
        assert set(edge.labels) == set(LANGS), edge
        assert edge.views and set(edge.views) <= set(VIEWS), edge
        assert bool(edge.fact) != bool(edge.properties), edge  # a fact's edges, or plain statements
        assert edge.date in ("", "source", "target"), edge
    assert [e.name for e in edges if e.inferred] == ["took part in (inferred)"]


NEW_TYPE = """
kgo:FactoryTour
    a owl:Class ;
    rdfs:subClassOf kgo:Event ;
    rdfs:label "Factory tour"@en , "工厂参观"@zh , "Экскурсия по заводу"@ru ;
    rdfs:comment "A tour of a factory's production lines."@en , "参观工厂生产线。"@zh ;
    rdfs:isDefinedBy <https://w3id.org/kg-jilin/ontology> .
"""
CUES = {"en": ("\\\\bfactory tour\\\\b", "took a factory tour of"),
        "zh": ("参观了?工厂", "参观了工厂"),
        "ru": ("экскурси\\\\w* по заводу", "экскурсию по заводу")}
ARTICLE = """Factory tour in Changchun

Updated : 2023-05-08Source : CCFAO

On May 6, 2023, Wang Zilian, Mayor of Changchun City, took a factory tour of FAW Group in Changchun.
"""
#: run with the copies: build the article, then report what the graph, the projection and the vocabulary say
PROBE = """
import json, sys
from pathlib import Path
from rdflib import RDF, Graph
from kg.cli import main
from kg.model.iris import KGO
from kg.draw.projection import project
from kg.model import vocabulary

try:
    main(["build", sys.argv[1], "--out", sys.argv[2], "-q"])
except SystemExit as exit:
    assert not exit.code, exit.code
graph = Graph().parse(Path(sys.argv[2]) / "graph.ttl", format="turtle")
g = project(graph)
print(json.dumps({
    "types": sorted({str(t) for t in graph.objects(None, RDF.type) if str(t).startswith(KGO)}),
    "kinds": sorted({d["kind"] for _, d in g.nodes(data=True)}),
    "labels": sorted(d["label"] for _, d in g.nodes(data=True) if d["kind"] == "FactoryTour"),
    "people": sorted(g.nodes[a]["label"] for a, b, d in g.edges(data=True) if d["relation"] == "took part in"),
    "event_types": vocabulary.event_types(),
    "zh": vocabulary.term_label(KGO + "FactoryTour", "zh"),
}))
"""


def test_an_event_type_is_added_by_the_ontology_and_the_cue_files_alone(tmp_path: Path):
    onto, langs = tmp_path / "ontology", tmp_path / "lang"
    shutil.copytree(ontology_dir(), onto)
    (onto / "kg.ttl").write_text((onto / "kg.ttl").read_text(encoding="utf-8") + NEW_TYPE, encoding="utf-8")
    for code, (pattern, example) in CUES.items():
        (langs / code).mkdir(parents=True)
        text = (lexicon_dir() / code / "lexicon.toml").read_text(encoding="utf-8")
        cue = f'[[event_triggers]]\npattern = "{pattern}"\nvalue = "FactoryTour"\nexample = "{example}"\n\n'
        (langs / code / "lexicon.toml").write_text(text.replace("[[event_triggers]]\n", cue + "[[event_triggers]]\n", 1),
                                                    encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "2023-05-08_en_factory-tour.txt").write_text(ARTICLE, encoding="utf-8")
    env = {**os.environ, "KG_ONTOLOGY_DIR": str(onto), "KG_LANG_DIR": str(langs)}
    run = subprocess.run([sys.executable, "-c", PROBE, str(articles), str(tmp_path / "out")], env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert {KGO + "FactoryTour", KGO + "Event"} <= set(seen["types"])
    assert "FactoryTour" in seen["kinds"] and seen["labels"] == ["Factory tour 2023-05-06 in Changchun"]
    assert seen["people"] == ["Wang Zilian"]
    assert seen["event_types"][-1] == "FactoryTour" and seen["zh"] == "工厂参观"
