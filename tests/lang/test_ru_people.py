"""Russian people's names by pymorphy3, in the nominative, and their usual English spelling."""

from __future__ import annotations

import pytest

from kg.lang.ru.people import is_adjective, russian_name
from kg.text.names import name_key, russian_to_latin


@pytest.mark.parametrize(("words", "nominative"), [
    ("Вячеславом Шпортом", "Вячеслав Шпорт"),        # instrumental, a surname the dictionary lacks
    ("Рустама Минниханова", "Рустам Минниханов"),    # genitive
    ("Владимира Николаева", "Владимир Николаев"),
    ("Екатерина Химич", "Екатерина Химич"),           # an indeclinable surname
    ("Виталий Еременко", "Виталий Еременко"),         # е kept where the text has no ё
    ("Владимир Владимирович Путин", "Владимир Путин"),  # the patronymic skipped
    ("Борис Ступницкий", "Борис Ступницкий"),         # a surname declined like an adjective
    ("Виктора Толоконского", "Виктор Толоконский"),
    ("Николая Снопкова", "Николай Снопков"),          # a surname that is also a village
    ("Натальей Прыжковой", "Наталья Прыжкова"),       # a surname the dictionary lacks, declined in -ов
    ("Игорем Грейзе", "Игорь Грейзе"),                # an indeclinable foreign surname
])
def test_russian_names_in_the_nominative(words, nominative):
    assert russian_name(words.split()) == nominative


@pytest.mark.parametrize("words", ["Государственной Думы", "Шэньяне Ким", "Ху Юйтина", "Ван Цзылянь",
                                   "Приморья Николай", "Москва Сити", "Равиль Калимуллович"])
def test_not_russian_names(words):
    assert russian_name(words.split()) is None


def test_places_and_adjectives_are_not_name_words():
    assert is_adjective("Государственной") and is_adjective("Приморья") and is_adjective("Татарстана")
    assert not is_adjective("Томас") and not is_adjective("Вебер")


@pytest.mark.parametrize(("russian", "key"), [
    ("Евгений Горшков", "evgeny-gorshkov"), ("Николай Стецко", "nikolai-stetsko"),
    ("Вячеслав Володин", "vyacheslav-volodin"), ("Андрей Тарасенко", "andrey-tarasenko"),
    ("Равиль Ахметшин", "ravil-akhmetshin"),
])
def test_russian_people_keyed_as_english_media_spell_them(russian, key):
    assert name_key(russian) == key


@pytest.mark.parametrize(("russian", "latin"), [
    ("Афанасьев", "afanasyev"), ("Наталья", "natalia"), ("Мария", "maria"), ("Грейзе", "greize"),
    ("Андрей", "andrey"), ("Юрий", "yury"),
])
def test_usual_english_spellings(russian, latin):
    assert russian_to_latin(russian) == latin
