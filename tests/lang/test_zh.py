"""Chinese rules: names after and before titles, post chains, relative organizations, authors."""

from __future__ import annotations

import pytest

from kg.extract.context import make_context
from kg.extract.document import extract_document
from kg.lang.zh import rules as zh

from ..helpers import doc


@pytest.mark.parametrize("text,name", [
    ("李炜姝发表讲话", "李炜姝"), ("王凯会见代表团", "王凯"), ("王岩)", "王岩"), ("欧阳明指出", "欧阳明"),
    ("赵德双作推介发言", "赵德双"), ("黄非", "黄非"),
])
def test_given_name_end(text, name):
    assert zh.given_name_end(text, 0, len(text)) == len(name)


def test_no_name_without_a_surname():
    assert zh.given_name_end("的发表讲话", 0, 5) is None


def persons(ex):
    return {(p.surface, p.key, p.kind) for p in ex.persons}


def test_people_after_titles_in_chains_with_posts():
    d = doc("3月6日上午,吉林省委常委、长春市委书记刘洪涛,长春市副市长孙立军出席会议。仪式由汽开区党工委副书记、管委会主任陈建国主持。",
            title="长春市举行项目签约仪式", header="来源:长春日报  |  2023-03-08 09:10:11")
    ex = extract_document(d)
    assert {(k, kind) for _, k, kind in persons(ex)} == {
        ("liu-hongtao", "participant"), ("sun-lijun", "participant"), ("chen-jianguo", "participant")}
    posts = {(p.person, p.title_id, p.org_id) for p in ex.posts}
    assert ("liu-hongtao", "standing-committee-member", "cpc-jilin-provincial-committee") in posts
    assert ("liu-hongtao", "secretary", "cpc-changchun-municipal-committee") in posts
    assert ("sun-lijun", "vice-mayor", "changchun-municipal-government") in posts
    assert ("chen-jianguo", "deputy-secretary", "auto-zone-party-working-committee") in posts
    assert ("chen-jianguo", "director", "auto-zone-management-committee") in posts


def test_traditional_script_is_the_same_person():
    simp = extract_document(doc("长春市副市长王凯会见了客人。", title="长春市副市长王凯会见客人"))
    trad = extract_document(doc("長春市副市長王凱會見了客人。", title="長春市副市長王凱會見客人"))
    assert {p.key for p in simp.persons} == {p.key for p in trad.persons} == {"wang-kai"}
    assert [e.kind for e in trad.events] == ["Meeting"]


def test_cited_leader_and_authors():
    d = doc("松原市长杨树华表示，要深入学习贯彻习近平总书记重要讲话精神。(记者 张明)\n编辑:李丽",
            title="松原市召开会议", header="来源:松原日报  |  2023-03-08 09:10:11")
    ex = extract_document(d)
    kinds = {p.key: p.kind for p in ex.persons}
    assert kinds == {"yang-shuhua": "participant", "xi-jinping": "cited", "zhang-ming": "author", "li-li": "author"}
    assert ("zhang-ming", "reporter", None) in {(p.person, p.title_id, p.org_id) for p in ex.posts}


def test_relative_organization_leans_on_the_one_before():
    d = doc("长春市委常委、市委秘书长姜保忠出席。", title="标题")
    ctx = make_context(d)
    zh.add_relative_orgs(ctx)
    orgs = [d.view[h.start:h.end] for h in ctx.hits if h.kind == "organization"]
    assert orgs == ["长春市委", "市委"]
    assert [h.id for h in ctx.hits if h.kind == "organization"] == ["cpc-changchun-municipal-committee"] * 2


# --- names real articles put where the title rules do not reach -------------------------------------

@pytest.mark.parametrize(("text", "names"), [
    ("。吴靖平、胡家福、张志军参加会见。", ["吴靖平", "胡家福", "张志军"]),
    ("王君正会见了葛坚、汪林朋等参会嘉宾", ["葛坚", "汪林朋"]),       # after a meeting verb, ended by 等
    ("，长春、吉林等城市", []),                                         # places, not surnames with given names
    ("。吴靖平出席会议", []),                                           # one name is no list
])
def test_untitled_name_lists(text, names):
    assert [text[a:b] for a, b in zh.name_list(text, 0, len(text))] == names


@pytest.mark.parametrize(("title", "text", "name"), [
    ("省长", "巴音朝鲁会见", "巴音朝鲁"),    # a Mongolian name, no Chinese surname
    ("委员长", "权九勋。", "权九勋"),         # a Korean name
    ("总领事", "馆多年来对吉林", None),       # 总领事 + 馆 is 总领事馆, the title's own word, not a name
])
def test_free_name_after_a_title(title, text, name):
    full = title + text
    end = zh.free_name_end(full, len(title), len(full))
    assert (full[len(title):end] if end else None) == name
