"""Who took part, as real press releases say it: present by default, absent when only referred to, no
event from a plan, delegation leaders at a meeting with the delegation."""

from __future__ import annotations

from kg.extract.document import extract_document
from tests.helpers import doc


def _taking_part(body: str, title: str = "Title of the article") -> dict[str, set[str]]:
    ex = extract_document(doc(body, title=title))
    return {ev.kind: {x.person for x in ev.participants} for ev in ex.events}


def test_people_also_present_join_the_event_under_way():
    events = _taking_part("On May 3, Wang Kai met Li Ming in Changchun. Zhao Yi and Chen Hao were also present.")
    assert events == {"Meeting": {"wang-kai", "li-ming", "zhao-yi", "chen-hao"}}


def test_people_only_referred_to_do_not_join():
    events = _taking_part("On May 3, Wang Kai met Li Ming in Changchun. He conveyed greetings from Zhou Qiang. "
                          "Governor Sun Hao will visit Changchun next month.")
    assert events == {"Meeting": {"wang-kai", "li-ming"}}


def test_a_plan_opens_no_event():
    assert _taking_part("Wang Kai will meet Li Ming in Changchun next week.") == {}


def test_russian_plan_and_greetings():
    d = doc("Губернатор Олег Кузнецов встретился с Ли Вэйминем. Он передал наилучшие пожелания от Михаила Соколова. "
            "Ожидается, что Чанчунь посетит и министр Алексей Петров.", title="Встреча")
    events = {ev.kind: {x.person for x in ev.participants} for ev in extract_document(d).events}
    assert events == {"Meeting": {"oleg-kuznetsov", "li-weimin"}}


def test_the_leader_of_a_delegation_meets_those_who_meet_it():
    events = _taking_part("On January 7, Arakawa Masaru, vice president of Okayama University, led a delegation "
                          "to visit Jilin University. Executive vice president Chen Gang met with the delegation.")
    assert events["Meeting"] == {"chen-gang", "arakawa-masaru"}


def test_untitled_chinese_list_takes_part():
    d = doc("5月3日，省委书记王凯在长春会见了韩国代表团一行。吴立平、胡家林参加会见。", title="王凯会见韩国代表团")
    events = {ev.kind: {x.person for x in ev.participants} for ev in extract_document(d).events}
    assert events == {"Meeting": {"wang-kai", "wu-liping", "hu-jialin"}}


def test_people_acting_together_meet():
    d = doc("Глава города Константин Шестаков и губернатор ЯКАО Хун Цин составили план сотрудничества.",
            title="План сотрудничества")
    events = {ev.kind: {x.person for x in ev.participants} for ev in extract_document(d).events}
    assert events == {"Meeting": {"konstantin-shestakov", "hong-qing"}}


def test_the_body_gives_the_place_of_the_event_the_headline_named():
    d = doc("4月22日，省委书记景俊海在长春会见奥迪中国总裁安世豪一行。", title="景俊海会见奥迪中国总裁安世豪")
    (event,) = extract_document(d).events
    assert event.place_id == "changchun"  # 在长春, not the 中国 of 奥迪中国 in the headline
