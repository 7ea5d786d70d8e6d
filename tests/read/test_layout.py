"""Dates, sources and zones found by the layout analysis."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.read.layout import analyse, find_date


@pytest.mark.parametrize("text,date", [
    ("日期:\n2022-01-17", dt.date(2022, 1, 17)),
    ("Updated : 2021-10-21Source : CCFAO", dt.date(2021, 10, 21)),
    ("来源:国际在线  |  2023-01-06 15:12:45", dt.date(2023, 1, 6)),
    ("Время:2024-01-24Источник: CCFAO", dt.date(2024, 1, 24)),
    ("2022-09-04 0 By", dt.date(2022, 9, 4)),
    ("发布时间：2022年1月17日 10:00", dt.date(2022, 1, 17)),
    ("2021/3/5", dt.date(2021, 3, 5)),
    ("2021-13-45 is no date", None),
    ("nothing here", None),
])
def test_find_date(text, date):
    assert find_date(text) == date


@pytest.mark.parametrize("header,source", [
    ("Updated : 2021-10-21Source : CCFAO", "CCFAO"),
    ("来源:中央广电总台国际在线  |  2023-01-06 15:12:45", "中央广电总台国际在线"),
    ("Время:2024-01-24Источник: CCFAO", "CCFAO"),
    ("2022-09-04", None),
])
def test_source_in_header(header, source):
    layout = analyse(f"Title line\n{header}\nBody text of the article goes here, at some length.")
    assert layout.source == source
    assert layout.title == "Title line"


def test_source_at_the_end_and_byline_zone():
    text = "标题\n2023-01-06\n正文第一段。(文 王岩)\n(Source: Changchun Daily)"
    layout = analyse(text)
    kinds = {text[z.start:z.end]: z.kind for z in layout.zones}
    assert kinds["(文 王岩)"] == "byline"
    assert kinds["(Source: Changchun Daily)"] == "source"
    assert kinds["正文第一段。"] == "body"
    assert layout.source == "Changchun Daily"


def test_header_lines_stop_at_the_body():
    text = "Title\n2022-01-17\n1\nThe body starts here.\n2023-02-02\n"
    layout = analyse(text)
    assert [z.kind for z in layout.zones] == ["title", "header", "header", "body", "body"]
