"""Decoding raw article bytes: UTF-8, GB18030/GBK and Big5 are detected, never assumed.

The invariant: a returned text decodes the bytes strictly (no replacement characters are introduced).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from kg.errors import InputError

__all__ = ["Decoded", "DecodeError", "decode"]

# Candidate legacy encodings for Chinese pages; strict decoding decides most cases, and a
# "common character" score decides when several candidates decode without error.
_CJK_CANDIDATES = ("gb18030", "big5")


class DecodeError(InputError, ValueError):
    """The bytes are not text in any supported encoding."""


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding that produced it."""

    text: str
    encoding: str


def _is_common_han(ch: str) -> bool:
    """True for the ~3,755 level-1 GB2312 characters and the ~5,401 level-1 Big5 characters.

    Text decoded with the wrong codec turns into rare characters, so the share of common ones is a
    cheap and principled test of a candidate decoding.
    """
    try:
        gb = ch.encode("gb2312")
        if len(gb) == 2 and 0xB0A1 <= int.from_bytes(gb, "big") <= 0xD7FE:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b5 = ch.encode("big5")
        return len(b5) == 2 and 0xA440 <= int.from_bytes(b5, "big") <= 0xC67E
    except UnicodeEncodeError:
        return False


def _han_score(text: str) -> float:
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    return sum(_is_common_han(c) for c in han) / len(han)


def _strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):], enc
    return data, None


def decode(data: bytes) -> Decoded:
    """Decode `data`, detecting the encoding; raise `DecodeError` when no encoding fits.

    Order: byte-order mark, strict UTF-8, then GB18030 and Big5 ranked by the share of common Han
    characters, then charset-normalizer's best guess for anything else (e.g. Cyrillic code pages).
    A byte-order mark is dropped from the text (offsets count from the first character after it).
    """
    body, bom_enc = _strip_bom(data)
    if bom_enc:
        try:
            return Decoded(body.decode(bom_enc), bom_enc)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"bytes do not match their {bom_enc} byte-order mark: {exc.reason}") from exc
    try:
        return Decoded(body.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    scored: list[tuple[float, int, str, str]] = []
    for rank, enc in enumerate(_CJK_CANDIDATES):
        try:
            text = body.decode(enc)
        except UnicodeDecodeError:
            continue
        scored.append((_han_score(text), -rank, enc, text))
    scored.sort(reverse=True)
    if scored and scored[0][0] >= 0.5:
        _, _, enc, text = scored[0]
        return Decoded(text, enc)
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    if best is not None and best.encoding:
        try:
            return Decoded(body.decode(best.encoding), best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    if scored:
        _, _, enc, text = scored[0]
        return Decoded(text, enc)
    raise DecodeError("bytes are not UTF-8, GB18030, Big5 or another detectable text encoding")
