"""A corpus of twenty-odd kinds of bad file: each is reported with a reason, the good ones build."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from tests.helpers import SEEDS

GOOD_EN = "Mayor Zhou Ming met FAW\nUpdated : 2023-05-12Source : CCFAO\nZhou Ming, Mayor of Changchun City, met with guests on May 10.\n"
GOOD_ZH = "长春市副市长李炜姝会见客人\n来源:长春日报  |  2023-03-08 09:10:11\n3月6日上午,长春市副市长李炜姝会见了客人。\n"
GOOD_TW = "長春市副市長王凱會見客人\n來源:長春日報  |  2023-03-08 09:10:11\n3月6日上午,長春市副市長王凱會見了客人,雙方進行了交流。\n"


def make_corpus(root: Path) -> dict[str, str]:
    """Write the corpus; return file name -> expected words of the reason (or "" for a good file)."""
    files: dict[str, tuple[bytes, str]] = {
        "good-en.txt": (GOOD_EN.encode(), ""),
        "good-gbk.txt": (GOOD_ZH.encode("gbk"), ""),
        "good-big5.txt": (GOOD_TW.encode("big5"), ""),
        "good-utf16.txt": (GOOD_EN.encode("utf-16"), ""),
        "good.html": (b"<html><head><title>x</title><script>alert('Zhou Ming')</script></head><body><nav>Home</nav>"
                      b"<article><h1>Zhou Ming met guests</h1><p>2023-05-12</p><p>Zhou Ming, Mayor of Changchun City,"
                      b" met with guests.</p></article></body></html>", ""),
        "empty.txt": (b"", "empty file"),
        "blank.txt": (b" \n\t \r\n", "only whitespace"),
        "nul.txt": (b"text\x00\x00binary", "NUL"),
        "report.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "PDF"),
        "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        "photo2.txt": (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        "anim.txt": (b"GIF89a\x01\x00", "GIF"),
        "archive.txt": (b"PK\x03\x04\x14\x00", "ZIP"),
        "dump.txt": (gzip.compress(b"hello"), "gzip"),
        "program.txt": (b"\x7fELF\x02\x01\x01", "executable"),
        "garbage.txt": (bytes(range(128, 256)) * 4, "undecodable"),
        "korean.txt": ("서울시장 방문\n2023-01-01\n서울특별시 시장이 오늘 장춘시를 방문했다. 양측은 협력을 논의했다.".encode(), "unsupported language: ko"),
        "japanese.txt": ("長春市との協力\n2023-01-01\n市長が発表しました。ありがとうございます。協力を進めます。".encode(), "unsupported language: ja"),
        "german.txt": (("Bürgermeister besucht Changchun\n2023-01-01\n" + "Der Bürgermeister hat die Stadt besucht und "
                        "die Fabrik gesehen und mit den Arbeitern gesprochen. " * 3).encode(), "unsupported language"),
        "huge.txt": (b"Title\n2023-01-01\n" + b"word " * 5000, "too large"),
        "scripts-only.html": (b"<html><head><script>var a=1;</script></head><body><script>b()</script></body></html>",
                              "no text"),
        "symbols.txt": (b"!!! ??? ... ---\n*** +++\n", "unsupported language"),
    }
    for name, (data, _) in files.items():
        (root / name).write_bytes(data)
    (root / "dangling.txt").symlink_to(root / "missing-target.txt")
    (root / "sub").mkdir()
    (root / "sub" / "loop").symlink_to(root)
    (root / "copy-of-good.txt").write_bytes(GOOD_EN.encode())
    expected = {name: reason for name, (_, reason) in files.items()}
    expected.update({"dangling.txt": "broken symbolic link", "loop": "directory loop",
                     "copy-of-good.txt": "duplicate of"})
    return expected


def test_every_bad_file_is_reported_and_the_good_ones_build(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    expected = make_corpus(corpus)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--max-bytes", "20000"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    built = {Path(d["path"]).name for d in report["documents"]}
    reasons = {Path(s["path"]).name: s["reason"] for s in report["skipped"] + report["failed"]}
    bad = {name for name, reason in expected.items() if reason}
    assert len(bad) >= 20
    # of two files with the same text (in the same bytes or another encoding) the first path is kept
    assert built == {"copy-of-good.txt", "good-gbk.txt", "good-big5.txt", "good.html"}
    assert reasons["good-en.txt"].startswith("duplicate of")
    assert reasons["good-utf16.txt"].startswith("duplicate of") and "in utf-16-le rather than utf-8" in reasons["good-utf16.txt"]
    for name in bad - {"copy-of-good.txt"}:
        assert expected[name] in reasons[name], (name, reasons.get(name))
        assert "\n" not in reasons[name]
        assert name in result.output
    people = {d["path"]: d["counts"].get("persons", 0) for d in report["documents"]}
    assert all(n >= 1 for n in people.values()), people
    strict = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out2"), "--strict",
                                       "--max-bytes", "20000"])
    assert strict.exit_code == 3


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch):
    (tmp_path / "secret.txt").write_text(GOOD_EN, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(GOOD_ZH, encoding="utf-8")
    import os

    real = os.open

    def guarded(path, flags, *args, **kwargs):  # root ignores file modes: refuse the one file instead
        if Path(path).name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    from kg.read.documents import read_corpus

    docs, skipped = read_corpus([tmp_path])
    assert [d.file_name for d in docs] == ["ok.txt"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [("secret.txt", "unreadable: permission denied")]


def test_files_with_no_date_are_built_with_a_warning(tmp_path: Path):
    (tmp_path / "nodate.txt").write_text("Zhou Ming met guests\nZhou Ming, Mayor of Changchun City, met guests.",
                                         encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    assert "warning: no publication date found" in result.output
    assert os.path.exists(tmp_path / "o" / "graph.ttl")


def test_an_output_folder_that_cannot_be_made_is_one_line(tmp_path: Path):
    """`--out` under a file (or anywhere mkdir fails) gave a traceback; now one line, and nothing is written."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    seeds = SEEDS
    result = CliRunner().invoke(main, ["build", str(seeds), "--out", str(blocker / "out"), "--no-maps"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # click's exit, no uncaught error
    assert result.output.strip().splitlines() == [
        f"Error: cannot write to {blocker / 'out'}: Not a directory (choose another --out)"]
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_an_output_file_that_cannot_be_written_is_one_line(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    seeds = SEEDS
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(seeds), "--out", str(out), "--no-maps", "-q"]).exit_code == 0
    graph = str(out / "graph.ttl")
    for args in (["map", "--graph", graph, "-o", str(blocker / "m.html")],
                 ["export", "--graph", graph, "--format", "gexf", "-o", str(blocker / "g.gexf")],
                 ["export", "--graph", graph, "--format", "csv", "-o", str(blocker / "csv")]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), (args, result.output)
        assert len(result.output.strip().splitlines()) == 1 and str(blocker) in result.output, result.output
    assert blocker.read_text(encoding="utf-8") == "not a folder"
