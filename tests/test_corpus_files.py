"""Corpus walking reads regular files only: a FIFO or a link to a device is reported, never read; a name
that is not UTF-8 is read and shown with escapes; links out of the corpus and unreadable folders are
reported; one article in two encodings counts once."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.build.pipeline import build
from kg.cli import main
from kg.model.ns import KGO
from kg.read.documents import Skipped, read_corpus, read_path


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


GOOD_EN = "Mayor Zhou Ming met FAW\nUpdated : 2023-05-12Source : CCFAO\nZhou Ming, Mayor of Changchun City, met with guests on May 10.\n"
GOOD_ZH = "长春市副市长李炜姝会见客人\n来源:长春日报  |  2023-03-08 09:10:11\n3月6日上午,长春市副市长李炜姝会见了客人。\n"
OTHER_EN = GOOD_EN.replace("May 10", "May 11")


def test_a_name_that_is_not_utf8_is_read_and_reported_printable(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    base = os.fsencode(corpus)
    with open(os.path.join(base, b"\xd5\xc5.txt"), "wb") as fh:  # GBK bytes, as a Chinese archive names files
        fh.write(GOOD_EN.encode())
    with open(os.path.join(base, b"\xc0\xee-empty.txt"), "wb"):
        pass
    os.mkdir(os.path.join(base, b"\xb3\xa4\xb4\xba"))
    with open(os.path.join(base, b"\xb3\xa4\xb4\xba", b"a.txt"), "wb") as fh:
        fh.write(GOOD_ZH.encode("gbk"))
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_bytes().decode("utf-8"))
    assert sorted(d["path"] for d in report["documents"]) == [f"{corpus}/\\xb3\\xa4\\xb4\\xba/a.txt",
                                                               f"{corpus}/\\xd5\\xc5.txt"]
    assert report["skipped"] == [{"path": f"{corpus}/\\xc0\\xee-empty.txt", "reason": "empty file"}]
    assert f"{corpus}/\\xd5\\xc5.txt [en" in result.output and "\\xc0\\xee-empty.txt: empty file" in result.output
    outputs = [out / "report.json", out / "merges.json", out / "graph.ttl", out / "graph.nq",
               *sorted((out / "maps").glob("*.html"))]
    assert len(outputs) == 8
    for path in outputs:
        path.read_bytes().decode("utf-8")  # strict: a lone surrogate written anywhere fails here
    names = {str(o) for o in Graph().parse(out / "graph.ttl").objects(None, KGO.fileName)}
    assert names == {"\\xd5\\xc5.txt", "a.txt"}


def test_links_out_of_the_corpus_are_reported_and_followed_only_when_asked(tmp_path):
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    (elsewhere / "folder").mkdir(parents=True)
    corpus.mkdir()
    (corpus / "inside.txt").write_text(GOOD_EN, encoding="utf-8")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "alias.txt").symlink_to(corpus / "inside.txt")  # inside the corpus: read as before
    (elsewhere / "secret.txt").write_text(GOOD_ZH, encoding="utf-8")
    (elsewhere / "folder" / "other.txt").write_text(OTHER_EN, encoding="utf-8")
    (corpus / "secret.txt").symlink_to(elsewhere / "secret.txt")
    (corpus / "more").symlink_to(elsewhere / "folder")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    docs, skipped = read_corpus([corpus])
    assert [d.file_name for d in docs] == ["inside.txt"]
    assert {Path(s.path).name: s.reason for s in skipped} == {
        "alias.txt": f"duplicate of {corpus}/inside.txt (same content)",
        "secret.txt": "symbolic link to a file outside the corpus: not followed (see --follow-links)",
        "zero.txt": "symbolic link to a file outside the corpus: not followed (see --follow-links)",
        "more": "symbolic link to a folder outside the corpus: not followed (see --follow-links)"}
    docs, skipped = read_corpus([corpus], follow_links=True)
    assert sorted(d.file_name for d in docs) == ["inside.txt", "other.txt", "secret.txt"]
    assert sorted(s.reason.split(":")[0] for s in skipped) == ["duplicate of " + str(corpus) + "/inside.txt (same content)",
                                                               "not a regular file"]
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--no-maps", "--follow-links"])
    assert result.exit_code == 0, result.output
    assert len(json.loads((out / "report.json").read_text(encoding="utf-8"))["documents"]) == 3


def test_an_unreadable_folder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(GOOD_EN, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(GOOD_ZH, encoding="utf-8")
    real = os.scandir

    def guarded(path="."):  # root ignores folder modes: refuse the one folder instead
        if os.path.basename(os.fsdecode(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", guarded)
    docs, skipped = read_corpus([tmp_path])
    assert [d.file_name for d in docs] == ["ok.txt"]
    assert skipped == [Skipped(str(tmp_path / "locked"), "unreadable folder: permission denied")]


def test_one_article_in_two_encodings_counts_once(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a-utf8.txt").write_bytes(GOOD_ZH.encode("utf-8"))
    (corpus / "b-gb18030.txt").write_bytes(GOOD_ZH.encode("gb18030"))
    (corpus / "c.txt").write_text(GOOD_EN, encoding="utf-8")
    expected = [Skipped(str(corpus / "b-gb18030.txt"),
                        f"duplicate of {corpus / 'a-utf8.txt'} (same text, in gb18030 rather than utf-8)")]
    docs, skipped = read_corpus([corpus])
    assert sorted(d.file_name for d in docs) == ["a-utf8.txt", "c.txt"] and skipped == expected
    result = build([corpus], tmp_path / "out", maps=False)  # the build's own reading, in its workers' order
    assert sorted(Path(d.path).name for d in result.report.documents) == ["a-utf8.txt", "c.txt"]
    assert result.report.skipped == expected
