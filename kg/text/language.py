"""Language and script detection for one document, by counting characters of each script.

Supported languages are `en`, `zh` and `ru`; anything else is reported by its best guess
(`ko`, `ja`, `und`, ...) so the caller can skip the document with a clear reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model.ontology import LANGS

__all__ = ["SUPPORTED", "Detected", "detect", "han_script", "to_simplified"]

SUPPORTED = LANGS  # the languages kg reads

_EN_WORDS = frozenset(
    "the of and to in a is that for on with as by was were be at from this it an are have has will "
    "which its their or been more also".split()
)
_OTHER_LATIN = {
    "de": frozenset("der die das und ist nicht mit den dem des ein eine einer sich auf für von zu hat wurde".split()),
    "fr": frozenset("le la les et est des une un du dans pour que qui sur avec pas ont été au aux".split()),
    "es": frozenset("el la los las y es del una un en por para que con se al fue como más".split()),
    "it": frozenset("il lo la gli le e è del della un una per che con non sono di da".split()),
    "pt": frozenset("o a os as e é do da um uma em para que com não foi ao dos das".split()),
}
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")


@dataclass(frozen=True)
class Detected:
    """A detected language code and, for Chinese, the script (`simplified` or `traditional`)."""

    language: str
    script: str | None = None

    @property
    def supported(self) -> bool:
        return self.language in SUPPORTED


def _count(text: str) -> dict[str, int]:
    counts = {"han": 0, "kana": 0, "hangul": 0, "cyrillic": 0, "latin": 0, "other": 0}
    for ch in text:
        o = ord(ch)
        if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
            counts["han"] += 1
        elif 0x3040 <= o <= 0x30FF:
            counts["kana"] += 1
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF:
            counts["hangul"] += 1
        elif 0x0400 <= o <= 0x04FF:
            counts["cyrillic"] += 1
        elif ch.isascii() and ch.isalpha():
            counts["latin"] += 1
        elif ch.isalpha():
            counts["other"] += 1
    return counts


def _zhconv():
    """zhconv, imported quietly (it still uses the deprecated pkg_resources)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        import zhconv
    return zhconv


def to_simplified(text: str) -> str:
    """Convert traditional Chinese characters to simplified ones, character for character.

    The length is preserved (zhconv's character table maps one character to one), so offsets into
    the converted text are offsets into the original.
    """
    zhconv = _zhconv()
    out = zhconv.convert(text, "zh-hans")
    if len(out) != len(text):  # a phrase-level rule changed the length: fall back per character
        out = "".join(c2 if len(c2 := zhconv.convert(c, "zh-hans")) == 1 else c for c in text)
    return out


def han_script(text: str) -> str:
    """`traditional` when more characters change under traditional->simplified conversion than
    under simplified->traditional; else `simplified`."""
    zhconv = _zhconv()
    han = "".join(c for c in text if "\u4e00" <= c <= "\u9fff")
    to_s = sum(a != b for a, b in zip(han, zhconv.convert(han, "zh-hans")))
    to_t = sum(a != b for a, b in zip(han, zhconv.convert(han, "zh-hant")))
    return "traditional" if to_s > to_t else "simplified"


def detect(text: str) -> Detected:
    """Detect the language of `text` from its letters; `und` when there are too few letters."""
    c = _count(text)
    letters = sum(c.values())
    if letters < 3:
        return Detected("und")
    if c["kana"] >= max(3, 0.05 * letters):
        return Detected("ja")
    if c["hangul"] >= max(3, 0.05 * letters):
        return Detected("ko")
    # A Han character carries about as much as a word of two or three Latin letters.
    weights = {"zh": c["han"] * 2.5, "ru": c["cyrillic"], "latin": c["latin"], "other": c["other"]}
    best = max(weights, key=lambda k: weights[k])
    if best == "zh":
        return Detected("zh", han_script(text))
    if best == "ru":
        return Detected("ru")
    if best == "latin":
        words = [w.lower() for w in _WORD.findall(text)]
        if not words:
            return Detected("und")
        share = sum(w in _EN_WORDS for w in words) / len(words)
        other = max((sum(w in stop for w in words) / len(words), code) for code, stop in _OTHER_LATIN.items())
        if other[0] > share and other[0] >= 0.08:
            return Detected(f"und-Latn ({other[1]}?)")
        return Detected("en")
    return Detected("und")
