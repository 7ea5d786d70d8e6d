"""The document reader: seeds' metadata, encodings, HTML, boilerplate and skip reasons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.read.documents import Skipped, read_corpus, read_document, read_path
from tests.helpers import SEEDS

SEED_META = {
    "2021-10-21_en_auto-clusters-sister-cities-conference.txt":
        ("Conference for the Promotion of Sister Cities of Changchun Auto Clusters Held", dt.date(2021, 10, 21), "en", "CCFAO"),
    "2022-01-17_en_songyuan-auto-city-cooperation.txt":
        ("Songyuan and Changchun International Automobile City have carried out in-depth docking cooperation",
         dt.date(2022, 1, 17), "en", None),
    "2022-09-04_en_chaoyang-six-cities-linkage.txt":
        ("Multi-dimensional Promotion of “Linkage of six Cities” in Chaoyang District of Changchun",
         dt.date(2022, 9, 4), "en", "Changchun Daily"),
    "2023-01-06_zh_auto-zone-signing-ceremony.txt":
        ("开年即开跑 长春汽开区举行2023年招商引资项目集中签约暨落位项目启动仪式", dt.date(2023, 1, 6), "zh", "中央广电总台国际在线"),
    "2024-01-24_ru_wang-zilian-china-rok-zone-inspection.txt":
        ("Ван Цзылянь посетил Демонстрационную зону международного сотрудничества Китая и РК (Чанчунь)",
         dt.date(2024, 1, 24), "ru", "CCFAO"),
}


@pytest.mark.parametrize("name", sorted(SEED_META))
def test_seed_metadata(seed_docs, name):
    title, date, lang, source = SEED_META[name]
    doc = seed_docs[name]
    assert (doc.title, doc.date, doc.language, doc.source) == (title, date, lang, source)
    assert doc.encoding == "utf-8"


def test_seed_script_is_simplified(seed_docs):
    assert seed_docs["2023-01-06_zh_auto-zone-signing-ceremony.txt"].script == "simplified"


def _kinds(doc, kind):
    return [doc.view[z.start:z.end] for z in doc.zones([kind])]


def test_boilerplate_is_marked_not_removed(seed_docs):
    zh = seed_docs["2023-01-06_zh_auto-zone-signing-ceremony.txt"]
    captions = _kinds(zh, "caption")
    assert len(captions) == 12 and all("汽开区党工委宣传部" in c or "_fororder_" in c for c in captions)
    assert _kinds(zh, "byline") == ["(文 王岩)"]
    assert _kinds(zh, "editor") == ["编辑:黄非"]
    assert _kinds(zh, "nav")[0].startswith("最新推荐")
    body = "".join(zh.view[z.start:z.end] for z in zh.fact_zones())
    assert "王岩" not in body and "黄非" not in body and "最新推荐" not in body
    assert "李炜姝发表讲话" in body  # the caption's text also occurs in the body proper
    en = seed_docs["2021-10-21_en_auto-clusters-sister-cities-conference.txt"]
    assert _kinds(en, "widget") == ["【Fonts: A+ A A- Print"]
    ru = seed_docs["2024-01-24_ru_wang-zilian-china-rok-zone-inspection.txt"]
    assert _kinds(ru, "widget") == ["【Шрифт: Б. Ср. М. Печать"]
    # zones are ranges of the original text: the file text is untouched
    for doc in seed_docs.values():
        assert doc.view == doc.text
        assert doc.text.encode("utf-8") == (SEEDS / doc.file_name).read_bytes()


TRAD = "長春市副市長李煒姝在簽約儀式上發表講話，歡迎參加活動的企業代表。中國一汽集團與長春市政府簽署戰略合作協議。"
SIMP = "长春市副市长李炜姝在签约仪式上发表讲话，欢迎参加活动的企业代表。中国一汽集团与长春市政府签署战略合作协议。"


@pytest.mark.parametrize("text,encoding,script", [
    (SIMP, "gb18030", "simplified"), (SIMP, "gbk", "simplified"), (TRAD, "big5", "traditional"),
    (TRAD, "utf-8", "traditional"), (SIMP, "utf-8-sig", "simplified"),
])
def test_encodings_are_detected(text, encoding, script):
    data = ("标题\n日期: 2022年1月17日\n" if script == "simplified" else "標題\n日期: 2022年1月17日\n").encode(encoding)
    data += text.encode(encoding.replace("-sig", ""))
    doc = read_document(data, "x.txt")
    assert not isinstance(doc, Skipped), doc
    assert text in doc.text
    assert doc.language == "zh" and doc.script == script
    assert doc.date == dt.date(2022, 1, 17)
    expected = {"gbk": "gb18030", "utf-8-sig": "utf-8"}.get(encoding, encoding)
    assert doc.encoding == expected


def test_html_main_text_only_and_offsets_point_at_source():
    html = ("<!DOCTYPE html><html><head><title>Site | News</title><script>var x='Wang Zilian';</script>"
            "<style>p{}</style></head><body><nav><a href='/'>Home</a> Print</nav>"
            "<article><h1>Mayor meets FAW</h1><p class='date'>2023-05-12</p>"
            "<p>On May 10, Wang Zilian &amp; the FAW team met in Changchun.</p></article>"
            "<footer>Copyright Changchun</footer></body></html>")
    doc = read_document(html.encode("utf-8"), "page.html")
    assert not isinstance(doc, Skipped)
    assert doc.media_type == "text/html"
    assert doc.title == "Mayor meets FAW"
    assert doc.date == dt.date(2023, 5, 12)
    body = "".join(doc.view[z.start:z.end] for z in doc.fact_zones())
    assert "var x" not in body and "Home" not in body and "Copyright" not in body
    i = doc.view.index("Wang Zilian")
    s, e = doc.span_in_text(i, i + len("Wang Zilian"))
    assert doc.text[s:e] == "Wang Zilian"
    j = doc.view.index("&")
    assert doc.text[doc.origin(j):doc.origin(j) + 5] == "&amp;"


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"  \n\t\n", "only whitespace"),
    (b"%PDF-1.4 binary", "PDF"),
    (b"\x89PNG\r\n\x1a\n....", "PNG"),
    (b"text\x00with nul", "NUL"),
    ("서울특별시 시장이 오늘 장춘시를 방문했다. 양측은 협력을 논의했다.".encode(), "unsupported language: ko"),
    ("長春市との協力について、市長が発表しました。ありがとうございます。".encode(), "unsupported language: ja"),
])
def test_bad_inputs_are_skipped_with_a_reason(data, reason):
    result = read_document(data, "bad.txt")
    assert isinstance(result, Skipped)
    assert reason in result.reason


def test_corpus_reports_and_continues(tmp_path: Path):
    (tmp_path / "good.txt").write_text("Wang Zilian met FAW\n2022-01-17\nWang Zilian met the FAW team in Changchun.",
                                       encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "copy.txt").write_text("Wang Zilian met FAW\n2022-01-17\nWang Zilian met the FAW team in Changchun.",
                                       encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    docs, skipped = read_corpus([tmp_path, tmp_path / "nope.txt"])
    assert [d.file_name for d in docs] == ["copy.txt"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["good.txt"].startswith("duplicate of")
    assert reasons["dangling.txt"] == "broken symbolic link"
    assert reasons["nope.txt"] == "no such file or directory"
    assert "directory loop" in reasons["loop"]
    assert "ignored.bin" not in reasons


def test_size_limit(tmp_path: Path):
    p = tmp_path / "big.txt"
    p.write_text("Title\n" + "word " * 1000, encoding="utf-8")
    result = read_path(p, "big.txt", max_bytes=100)
    assert isinstance(result, Skipped) and result.reason.startswith("too large")
