"""Russian case forms of transcribed Chinese words, for the names of the synthetic world's people and cities."""

from __future__ import annotations

_RU_VOWELS = "аеёиоуыэюя"


def ru_case(word: str, case: str) -> str:
    """A Russian case form of a transcribed Chinese word (a given name or a city): -нь declines
    soft (Цзылянь: Цзыляня, Цзылянем, Цзыляне), a hard consonant hard (Сыпин: Сыпина, Сыпином,
    Сыпине), -й like Хуэй (Хуэя, Хуэем); a word ending in a vowel does not decline."""
    if case == "nom" or not word or word[-1] in _RU_VOWELS:
        return word
    soft = {"gen": "я", "instr": "ем", "prep": "е", "dat": "ю"}
    hard = {"gen": "а", "instr": "ом", "prep": "е", "dat": "у"}
    if word.endswith("ь") or word.endswith("й"):
        return word[:-1] + soft[case]
    return word + hard[case]
