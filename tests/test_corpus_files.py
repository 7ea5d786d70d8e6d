"""Corpus walking reads regular files only: a FIFO or a link to a device is reported, never read."""

from __future__ import annotations

import os

import pytest

from kg.documents import Skipped, read_path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_reported_not_waited_for(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    result = read_path(fifo, "article.txt")
    assert isinstance(result, Skipped) and result.reason == "not a regular file: a FIFO"


def test_a_link_to_a_device_is_reported_not_read(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    result = read_path(link, "zero.txt", max_bytes=1024)
    assert isinstance(result, Skipped) and result.reason == "not a regular file: a device"


def test_a_regular_file_is_read_up_to_the_limit(tmp_path):
    small = tmp_path / "a.txt"
    small.write_text("Title\n2023-05-12\nWang Kai met Li Ming in Changchun.\n", encoding="utf-8")
    assert not isinstance(read_path(small, "a.txt"), Skipped)
    result = read_path(small, "a.txt", max_bytes=10)
    assert isinstance(result, Skipped) and result.reason.startswith("too large")
