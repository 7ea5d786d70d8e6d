"""The build report's terminal summary: every document of a small build, the first few of a large one."""

from __future__ import annotations

from kg.build.report import BuildReport, DocumentReport
from kg.read.documents import Skipped


def doc(i: int, warnings: list[str] | None = None) -> DocumentReport:
    return DocumentReport(path=f"a/{i:03d}.txt", id=f"d{i}", language="en", script=None, date="2024-01-01",
                          title=f"t{i}", source=None, encoding="utf-8", counts={"persons": i},
                          warnings=warnings or [])


def test_a_small_build_lists_every_document_with_its_warnings():
    report = BuildReport(documents=[doc(2), doc(1, ["no date"])], skipped=[Skipped("a/x.pdf", "not text")])
    text = report.summary(max_lines=5)
    assert text.splitlines()[0] == "read 2 document(s), skipped 1, failed 0; 0 statements"
    assert text.index("a/001.txt") < text.index("    warning: no date") < text.index("a/002.txt")
    assert "  skipped a/x.pdf: not text" in text and "more" not in text


def test_a_large_build_lists_the_first_documents_and_counts_the_rest():
    report = BuildReport(documents=[doc(i, ["odd"] if i % 2 else None) for i in range(10)],
                         skipped=[Skipped(f"b/{i}.bin", "binary") for i in range(4)])
    lines = report.summary(max_lines=3).splitlines()
    listed = [line for line in lines if line.startswith("  a/")]
    assert [line.split(" [")[0].strip() for line in listed] == ["a/000.txt", "a/001.txt", "a/002.txt"]
    assert "  ... and 7 more document(s), 4 of them with warnings: see report.json" in lines
    assert sum(line.startswith("  skipped ") for line in lines) == 3
    assert "  ... and 1 more skipped file(s): see report.json" in lines
