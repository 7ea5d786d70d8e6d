"""SPARQL query text as kg hands it to an engine: one canonical text that every parser reads alike.

Why: kg checks a query with rdflib's parser, but Oxigraph and remote servers parse the text again, and
parsers disagree at the edges. rdflib expands `\\uXXXX` escapes everywhere before tokenizing (as SPARQL
1.1 §19.2 says), Oxigraph only inside strings; so `"\\u0022"` opens a string for one and is a string
for the other, and a `SERVICE` hidden from the check ran on the engine. So kg never sends the text it
was given: `canonical(text)` rewrites it into a form where those edges do not exist, rdflib checks
*that* text, and the engine runs *that* text (plus bound VALUES, written the same way).

The canonical text:
- has every `\\u`/`\\U` escape expanded once, before anything else (both parsers then see the same
  characters); a text whose expansion spells another escape, or a lone surrogate, is refused;
- has no comments (each dropped up to the line end) and only `\\n` as a line break;
- writes every string literal as one-line `"..."` with backslash escapes (long and single-quoted
  strings included), so a `"` outside a string never occurs and string boundaries are unambiguous.
  Inside strings, control characters and Unicode line/paragraph separators are written `\\uXXXX`
  (read alike by both parsers inside a string);
- keeps everything else verbatim, so line numbers of syntax errors stay those of the text given.

`check_text` then refuses, before any parser runs, texts that are too large or nested too deep for the
engines (Oxigraph overflows its stack at ~4,000 nested groups or ~8,000 operands in one expression;
rdflib's parser recurses at ~25 nested parentheses), and, as a second line behind rdflib's algebra
check, any `SERVICE`, `LATERAL` or `FROM` outside strings and IRIs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from kg.errors import InputError

__all__ = ["Token", "tokens", "canonical", "check_text", "string_literal", "TextError",
           "MAX_TOKENS", "MAX_DEPTH", "MAX_OPERANDS"]

MAX_TOKENS = 10_000  # tokens of one query (comments and white space not counted)
MAX_DEPTH = 24  # nesting of ( { [
MAX_OPERANDS = 1_000  # operators in one bracket level: + - * / | ^ && || . ; , UNION OPTIONAL MINUS and groups

_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LEFT_ESCAPE = re.compile(r"\\[uU][0-9A-Fa-f]{4}")

_TOKEN = re.compile(r'''
    (?P<comment>\#[^\n\r]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<word>[^\W\d][\w.-]*(?::[\w.:%-]*)?|:[\w.:%-]*)
  | (?P<op>&&|\|\||\^\^|[{}()\[\]])
  | (?P<space>[ \t\n\r]+)
  | (?P<other>.)
''', re.X | re.S)

_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_WRITE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_OPERATORS = {"+", "-", "*", "/", "|", "^", "&&", "||", ".", ";", ",", "{", "(", "["}
_OPERATOR_WORDS = {"UNION", "OPTIONAL", "MINUS"}
_OPEN, _CLOSE = "({[", ")}]"
_REFUSED_WORD = re.compile(r"service|lateral|from", re.I)


class TextError(InputError, ValueError):
    """A query text kg will not hand to an engine, with the reason for the user."""


@dataclass(frozen=True)
class Token:
    kind: str  # comment string iri var number word op space other
    text: str
    start: int


def tokens(text: str) -> Iterator[Token]:
    """The tokens of `text`, comments and white space included (their texts add up to `text`)."""
    for m in _TOKEN.finditer(text):
        yield Token(m.lastgroup or "other", m.group(), m.start())


def _expand(text: str) -> str:
    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise TextError(f"\\u escape {m.group()} is not a character")
        return chr(code)

    expanded = _UNICODE_ESCAPE.sub(char, text)
    if _LEFT_ESCAPE.search(expanded):
        raise TextError("a \\u escape that spells another \\u escape is refused")
    return expanded


def _string_value(token: str) -> str:
    quote = 3 if token[:3] in ('"""', "'''") else 1
    body, out, i = token[quote:-quote], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            nxt = body[i + 1] if i + 1 < len(body) else ""
            if nxt not in _ECHARS:
                raise TextError(f"bad escape \\{nxt} in a string")
            out.append(_ECHARS[nxt])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def string_literal(value: str) -> str:
    r"""`value` as a one-line SPARQL string literal `"..."` (the canonical form).

    >>> print(string_literal('He said "hi"\n'))
    "He said \"hi\"\n"
    """
    out = []
    for ch in value:
        if ch in _WRITE:
            out.append(_WRITE[ch])
        elif unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs"):
            if 0xD800 <= ord(ch) <= 0xDFFF:
                raise TextError("a lone surrogate is not a character")
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def canonical(text: str) -> str:
    """The canonical form of a query text (see the module docstring); TextError if it has none."""
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise TextError("the query holds a lone surrogate, which is not a character")
    out = []
    for tok in tokens(_expand(text)):
        if tok.kind == "comment":
            continue
        if tok.kind == "space":
            out.append(tok.text.replace("\r\n", "\n").replace("\r", "\n"))
        elif tok.kind == "string":
            out.append(string_literal(_string_value(tok.text)))
        elif tok.kind == "other" and tok.text in "\"'":
            line = text.count("\n", 0, tok.start) + 1
            raise TextError(f"unterminated string on line {line}")
        else:
            out.append(tok.text)
    return "".join(out)


def check_text(text: str) -> None:
    """Refuse a canonical text that is too big or deep for the engines, or that names SERVICE, LATERAL or
    FROM outside strings and IRIs (TextError)."""
    count, depth, levels = 0, 0, [0]
    for tok in tokens(text):
        if tok.kind in ("space", "comment"):
            continue
        count += 1
        if count > MAX_TOKENS:
            raise TextError(f"query too complex: more than {MAX_TOKENS:,} tokens")
        word = tok.text.upper()
        if tok.kind in ("word", "other", "number") and ":" not in tok.text and _REFUSED_WORD.search(tok.text):
            found = _REFUSED_WORD.search(tok.text).group().upper()  # type: ignore[union-attr]
            raise TextError("SERVICE is refused: kg makes no outbound requests" if found == "SERVICE" else
                            "FROM and FROM NAMED are refused: a query reads only the built graph" if found == "FROM"
                            else "LATERAL is refused")
        if tok.text in _OPERATORS or (tok.kind == "word" and word in _OPERATOR_WORDS):
            levels[-1] += 1
            if levels[-1] > MAX_OPERANDS:
                raise TextError(f"query too complex: more than {MAX_OPERANDS:,} operands at one level")
        if tok.kind == "op" and tok.text in _OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                raise TextError(f"query too complex: brackets nested more than {MAX_DEPTH} deep")
            levels.append(0)
        elif tok.kind == "op" and tok.text in _CLOSE:
            depth = max(depth - 1, 0)
            if len(levels) > 1:
                levels.pop()
