"""Gender cues (kg.extract.gender): forms of address and agreeing Russian verbs, only where the name is the subject."""

from __future__ import annotations

import pytest

from kg.extract.document import extract_document
from kg.read.documents import read_document


def _genders(text: str) -> set[tuple[str, str]]:
    doc = read_document(f"t\n2021-03-01\n\n{text}\n".encode(), "t.txt")
    return {(g.person, g.gender) for g in extract_document(doc).genders}


@pytest.mark.parametrize("text, expected", [
    ("Ms. Li Hua, Mayor of Changchun, attended the meeting. Jing Junhai met Mr. Zhang Wei.",
     {("li-hua", "female"), ("zhang-wei", "male")}),
    ("长春市市长李华女士出席会议。", {("li-hua", "female")}),
    ("Li Hua, Mayor of Changchun, said that she would return.", {("li-hua", "female")}),
    # realdev ru04 and ru06: the verb agrees with the subject, however far the clause runs
    ("Екатерина Химич провела встречу с делегацией.", {("ekaterina-khimich", "female")}),
    ("Товарищ Чжан Чжицзюнь, от имени 13-го Чанчуньского муниципального комитета КПК, выступил с докладом.",
     {("zhang-zhijun", "male")}),
])
def test_cues_give_the_gender_of_the_person_they_address_or_agree_with(text, expected):
    assert _genders(text) == expected


def test_a_verb_of_the_sentence_before_the_name_is_someone_elses():
    # the governor met Li Hua: встретился is his, and nothing is said of her
    assert _genders("Губернатор Цзин Цзюньхай встретился с Ли Хуа, и затем посетил завод.") == {
        ("jing-junhai", "male")}


def test_no_cue_no_gender():
    assert _genders("Wang Zilian, Mayor of Changchun, met the delegation.") == set()
