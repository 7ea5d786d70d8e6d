"""English rules: pinyin names, titled Western and Korean names, appositive posts, cited leaders."""

from __future__ import annotations

from kg.extract.document import extract_document

from ..helpers import doc


def test_pinyin_names_and_appositive_posts():
    d = doc("On March 3, Sun Lijun, Member of the Standing Committee of the CPC Jilin Provincial Committee and "
            "Secretary of the CPC Changchun Municipal Committee, met with Helmut Becker, CEO of FAW-Volkswagen, "
            "in Changchun. Chen Hao, Vice Mayor of Siping, attended the meeting.")
    ex = extract_document(d)
    assert [p.key for p in ex.persons if p.kind == "participant"] == ["sun-lijun", "helmut-becker", "chen-hao"]
    posts = {(p.person, p.title_id, p.org_id) for p in ex.posts}
    assert posts >= {
        ("sun-lijun", "standing-committee-member", "cpc-jilin-provincial-committee"),
        ("sun-lijun", "secretary", "cpc-changchun-municipal-committee"),
        ("chen-hao", "vice-mayor", "siping-municipal-government"),
    }
    assert len(ex.events) == 1 and ex.events[0].kind == "Meeting"
    assert str(ex.events[0].date) == "2023-03-03"
    roles = {(p.person, p.role) for p in ex.events[0].participants}
    assert roles == {("sun-lijun", "Met"), ("helmut-becker", "Met"), ("chen-hao", "Attended")}


def test_cited_leader_is_not_a_participant():
    d = doc("Zhou Ming said that Jilin follows the important speeches made by General Secretary Xi Jinping.")
    kinds = {p.key: p.kind for p in extract_document(d).persons}
    assert kinds == {"zhou-ming": "participant", "xi-jinping": "cited"}


def test_place_names_are_not_people():
    d = doc("Changchun City and Songyuan City signed an agreement in Jilin Province. Hong Kong investors came.")
    assert extract_document(d).persons == []


def test_unknown_company_does_not_lend_its_place():
    d = doc("Li Jun, General Manager of Songyuan Hongyuan New Energy Co., Ltd., attended the ceremony.")
    posts = {(p.person, p.title_id, p.org_id) for p in extract_document(d).posts}
    assert posts == {("li-jun", "general-manager", None)}


def test_korean_name():
    d = doc("Park Ji-hoon attended the forum in Changchun.")
    assert [p.key for p in extract_document(d).persons] == ["park-ji-hoon"]


def test_headline_verbs_are_not_part_of_names():
    d = doc("Li Weishu met Helmut Becker.", title="Vice Mayor Li Weishu Meets CEO Helmut Becker Visits")
    assert {p.surface for p in extract_document(d).persons} == {"Li Weishu", "Helmut Becker"}


# --- names of real articles beyond pinyin ------------------------------------------------------------

def _people(body: str) -> dict[str, str]:
    return {p.key: p.kind for p in extract_document(doc(body)).persons}


def test_names_with_diacritics_and_all_caps_surnames():
    people = _people("The forum was attended by CHOI Hee-deok, Korean consul-general in Shenyang, and "
                     "Ralf Brandstätter, CEO of Volkswagen Group China.")
    assert people == {"choi-hee-deok": "participant", "ralf-brandstatter": "participant"}


def test_possessive_is_the_person_and_instructions_are_cited():
    people = _people("Wang Kai said the city follows General Secretary Xi Jinping's instructions.")
    assert people == {"wang-kai": "participant", "xi-jinping": "cited"}


def test_one_word_names_wade_giles_and_initials():
    people = _people("Its Party secretary Bayinchaolu met a delegation led by Chiang Pin-kung and "
                     "Prof. N. L. Mahao.")
    assert set(people) == {"bayinchaolu", "chiang-pin-kung", "n-l-mahao"}


def test_president_before_a_name_does_not_make_it_cited():
    assert _people("JPPCC Chairman Jiang Zelin presided over the meeting.") == {"jiang-zelin": "participant"}


def test_photo_credit_is_a_byline():
    d = doc("Wang Kai met Li Ming in Changchun. [Photo by Zhao Lin/Jilin Daily]")
    ex = extract_document(d)
    assert {p.key: p.kind for p in ex.persons} == {"wang-kai": "participant", "li-ming": "participant",
                                                    "zhao-lin": "author"}
