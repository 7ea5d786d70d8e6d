"""The build report's possible misses: titles with no name next to them, event cues with no participant."""

from __future__ import annotations

from kg.extract.document import extract_document
from kg.read.documents import read_document


def _gaps(text: str) -> list[str]:
    doc = read_document(text.encode("utf-8"), "a.txt")
    return extract_document(doc).gaps


def test_a_title_with_no_name_and_an_event_with_nobody_are_listed():
    gaps = _gaps("Forum held in Changchun\n2023-11-17\n\n"
                 "On November 17, the cooperation forum was held in Changchun. "
                 "The mayor of Changchun welcomed the guests.\n")
    assert any(g.startswith("event without participant") and "forum was held" in g for g in gaps), gaps
    assert any(g.startswith("title without name") and "«mayor»" in g for g in gaps), gaps


def test_a_title_next_to_its_name_is_no_gap():
    gaps = _gaps("Mayor meets delegation\n2023-11-17\n\n"
                 "On November 17, Wang Zilian, Mayor of Changchun, met the delegation.\n")
    # the headline's "Mayor" names nobody (a gap); the body's stands next to Wang Zilian
    assert [g for g in gaps if g.startswith("title without name")] == [
        "title without name at 0-5 «Mayor»: Mayor meets delegation"], gaps
    assert not [g for g in gaps if g.startswith("event without participant")], gaps


def test_chinese_title_without_name():
    gaps = _gaps("长春举行推介会\n2023-11-17\n\n11月17日，推介会在长春举行，市长致辞。\n")
    assert any(g.startswith("title without name") and "«市长»" in g for g in gaps), gaps
