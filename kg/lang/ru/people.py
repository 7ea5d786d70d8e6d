"""Russian people's names in any case form, by pymorphy3's dictionaries of first names and surnames.

"Вячеславом Шпортом", "Екатерина Химич", "Рустама Минниханова" are a first name the dictionary knows
(tag `Name`) followed by a surname in the same case; the name comes back in the nominative
("Вячеслав Шпорт"), so every case form gets one name key. A middle patronymic ("Владимир Владимирович
Путин") is skipped. pymorphy3 is loaded on first use (0.2 s) and only asked about runs of capitalised
words that the cheaper rules (Palladius Chinese names, Korean names) did not take.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

__all__ = ["russian_name", "is_adjective", "is_common_noun", "surname_nominative"]

_NOT_A_SURNAME = {"Geox", "Orgn", "Abbr", "Trad"}
_MIN_SCORE = 0.05
_PATRONYMIC = re.compile(r"(ович|евич|овна|евна|инична)(а|у|ем|ом|ой|е)?$")


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _spelled_like(original: str, form: str) -> str:
    """`form` (lower case, maybe with ё) capitalised, keeping the original's е where it had no ё."""
    if "ё" not in original.lower():
        form = form.replace("ё", "е")
    return form[:1].upper() + form[1:]


def _first_name(word: str) -> list[Any]:
    return [p for p in _morph().parse(word)
            if "Name" in p.tag and p.is_known and p.tag.number == "sing" and p.score >= _MIN_SCORE]


def _nominative(parse: Any, original: str) -> str:
    nom = parse.inflect({"nomn"})
    return _spelled_like(original, nom.word if nom is not None else parse.word)


def _surname(word: str, case: str, gender: str | None) -> str | None:
    """The nominative of `word` read as a surname in `case` (and `gender` where it shows), or None.

    A surname reading in the case of the first name wins over any other reading (Снопкова is also a
    village); a surname declined like an adjective (Ступницкий, Толоконского) agrees with the first name;
    a surname the dictionary lacks is declined like a noun (Шпортом -> Шпорт)."""
    parses = _morph().parse(word)
    for p in parses:
        if "Surn" in p.tag and p.tag.case == case and (gender is None or "ms-f" in p.tag or p.tag.gender in (gender, None)):
            return word if "Fixd" in p.tag else _nominative(p, word)
    for p in parses:
        if p.tag.POS == "ADJF" and p.tag.case == case and p.tag.gender == gender and re.search(r"(ск|цк)", word):
            return _nominative(p, word)
    declined = _declined_surname(word, case, gender)
    if declined:
        return declined
    if not parses or parses[0].tag.POS != "NOUN" or any(g in parses[0].tag for g in _NOT_A_SURNAME):
        return None
    if any("Surn" in p.tag for p in parses):
        return None  # a surname, but not in the case of the first name
    for p in parses:
        if p.tag.POS == "NOUN" and p.tag.case == case and not any(g in p.tag for g in _NOT_A_SURNAME | {"Name"}):
            return _nominative(p, word)
    return None


#: The case endings of surnames in -ов/-ев/-ин/-ын that the dictionary lacks (Прыжковой -> Прыжкова), by
#: gender and case: (ending in that case, ending in the nominative).
_SURNAME_ENDINGS = {
    "femn": {"nomn": ("а", "а"), "gent": ("ой", "а"), "datv": ("ой", "а"), "accs": ("у", "а"), "ablt": ("ой", "а"),
             "loct": ("ой", "а")},
    "masc": {"nomn": ("", ""), "gent": ("а", ""), "datv": ("у", ""), "accs": ("а", ""), "ablt": ("ым", ""),
             "loct": ("е", "")},
}


def _declined_surname(word: str, case: str, gender: str | None) -> str | None:
    """The nominative of a surname in -ов/-ев/-ин/-ын declined as Russian surnames are, or None."""
    ending, nominative = _SURNAME_ENDINGS.get(gender or "", {}).get(case, (None, None))
    if ending is None or nominative is None or not word.endswith(ending):
        return None
    stem = word[: len(word) - len(ending)] if ending else word
    return stem + nominative if re.search(r"(ов|ев|ёв|ин|ын)$", stem) and len(stem) >= 4 else None


def russian_name(words: list[str]) -> str | None:
    """The nominative "Имя Фамилия" of capitalised `words` (first name, optional patronymic,
    surname), or None when they are not a Russian person's name."""
    if len(words) not in (2, 3) or not all(w[:1].isupper() for w in words):
        return None
    if _PATRONYMIC.search(words[-1]):
        return None  # Равиль Калимуллович: a first name and a patronymic, the surname follows
    for first in _first_name(words[0]):
        case, gender = first.tag.case, first.tag.gender
        if len(words) == 3 and not any("Patr" in p.tag and p.tag.case == case for p in _morph().parse(words[1])):
            continue
        surname = _surname(words[-1], case, gender)
        if surname:
            return f"{_nominative(first, words[0])} {surname}"
    return None


def is_adjective(word: str) -> bool:
    """True when pymorphy3 reads `word` as an adjective (Государственной, Приморского) or as the name
    of a place or organization (Татарстана, Приморья) rather than as a person's name."""
    parses = [p for p in _morph().parse(word) if p.score >= _MIN_SCORE]
    return bool(parses) and (parses[0].tag.POS in ("ADJF", "ADJS", "PRTF")
                             or any("Geox" in p.tag or "Orgn" in p.tag for p in parses))


def is_common_noun(word: str) -> bool:
    """True when pymorphy3's dictionary knows `word` only as an inanimate common noun (Республики)."""
    parses = [p for p in _morph().parse(word) if p.score >= _MIN_SCORE]
    return bool(parses) and all(p.is_known and p.tag.POS == "NOUN" and "inan" in p.tag
                                and not any(g in p.tag for g in ("Name", "Surn", "Patr")) for p in parses)


def surname_nominative(word: str) -> str | None:
    """The nominative of a surname standing alone after initials (Прыжковой -> Прыжкова, Селюк), or None
    when pymorphy3 knows `word` as something else (a place, a common noun)."""
    parses = [p for p in _morph().parse(word) if p.score >= _MIN_SCORE]
    surnames = sorted((p for p in parses if "Surn" in p.tag), key=lambda p: p.tag.case != "nomn")  # stable
    if surnames:
        return word if "Fixd" in surnames[0].tag else _nominative(surnames[0], word)
    if any(p.is_known for p in parses):
        return None
    return word
