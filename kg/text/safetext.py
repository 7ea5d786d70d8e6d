"""Text made safe for where it goes: a terminal, a spreadsheet, an XML file.

Names, quotes and file names come from articles and servers nobody here wrote, so each output
neutralises what its reader would act on:

- `terminal_text`: control characters (C0 but tab and newline, DEL, C1), bidirectional overrides and
  lone surrogates become visible `\\uXXXX` escapes, so an escape sequence (ESC [ ..., OSC ...) prints as
  text instead of recolouring, retitling or clearing the terminal. The escape is also what JSON and
  Turtle write for such a character, so a JSON or Turtle answer stays valid and means the same.
- `csv_cell`: a cell a spreadsheet would read as a formula (starting with = + - @, tab or carriage
  return; OWASP's CSV injection advice) gets a leading single quote; plain numbers are left alone.
- `xml_text`: characters XML 1.0 cannot hold (C0 but tab, newline and carriage return; lone surrogates;
  U+FFFE, U+FFFF) are dropped, so one stray control character cannot make a GEXF or GraphML file invalid.
"""

from __future__ import annotations

import re

__all__ = ["terminal_text", "csv_cell", "xml_text"]

_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def terminal_text(text: str) -> str:
    """`text` with every character a terminal would act on (but tab and newline) as a visible \\uXXXX."""
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def csv_cell(value: object) -> object:
    """`value` as a spreadsheet reads it as written: a string starting like a formula gets a leading
    single quote (numbers such as -3.5 are left as they are); anything else is returned unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 forbids."""
    return _XML_ILLEGAL.sub("", text)
