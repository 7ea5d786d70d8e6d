"""Dates in text resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.text.dates import find_dates


@pytest.mark.parametrize("text,published,expected", [
    ("on January 15, the delegation", "2022-01-17", "2022-01-15"),
    ("on October 19, 2021.", "2021-10-21", "2021-10-19"),
    ("1月5日上午,长春汽开区", "2023-01-06", "2023-01-05"),
    ("2023年1月5日", "2024-02-01", "2023-01-05"),
    ("22 января мэр", "2024-01-24", "2024-01-22"),
    ("rescheduled the work on The 17th", "2022-09-04", "2022-08-17"),
    ("on December 30", "2023-01-02", "2022-12-30"),
    ("5 мая 2021 года", "2023-01-01", "2021-05-05"),
])
def test_dates_resolve_against_the_article(text, published, expected):
    found = find_dates(text, dt.date.fromisoformat(published))
    assert [d.date.isoformat() for d in found] == [expected]
    assert text[found[0].start:found[0].end].strip()


def test_impossible_dates_are_ignored():
    assert find_dates("on February 30", dt.date(2023, 3, 1)) == []
