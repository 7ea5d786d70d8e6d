"""What running a query needs without rdflib (kg who-met reads a store without loading it): the error
kg's query layer raises, the default timeout, the thread-based timeout of in-process queries, and the
VALUES block that binds parameters at the start of a query's WHERE group (see kg.ask.store)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import Any, TypeVar

from kg.ask.sparqltext import TextError, check_text, tokens
from kg.errors import InputError

__all__ = ["QueryError", "DEFAULT_TIMEOUT", "MAX_RUNNING", "UPDATE_REFUSED", "with_timeout", "bind_values", "TERMS_ALONE"]

DEFAULT_TIMEOUT = 10.0
UPDATE_REFUSED = "updates are refused: the graph is read-only"  # the endpoint answers it with 403
MAX_RUNNING = 8  # store/endpoint queries running at once, timed-out ones included
_RUNNING = threading.BoundedSemaphore(MAX_RUNNING)
_VAR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
T = TypeVar("T")


class QueryError(InputError):
    """A query that cannot run, with a message for the user (no traceback needed)."""


def with_timeout(fn: Callable[[], T], timeout: float | None) -> T:
    """`fn()` in a daemon thread; QueryError if it has not finished after `timeout` seconds."""
    if not _RUNNING.acquire(blocking=False):
        raise QueryError(f"busy: {MAX_RUNNING} queries are still running (a stopped store query runs to its end); "
                         "try again shortly")
    box: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the caller
            box["error"] = exc
        finally:
            _RUNNING.release()
            done.set()

    threading.Thread(target=work, name="kg-query", daemon=True).start()
    if not done.wait(timeout if timeout and timeout > 0 else None):
        raise QueryError(f"query stopped after {timeout:g} s (see --timeout)")
    if "error" in box:
        error = box.pop("error")
        raise error
    return box.pop("value")


def _tokens(text: str) -> Iterator[tuple[str, str, int, int]]:
    for tok in tokens(text):
        if tok.kind not in ("space", "comment"):
            yield ("punct" if tok.text in "{}()" else tok.kind), tok.text, tok.start, tok.start + len(tok.text)


@lru_cache(maxsize=1024)
def _checked_text(text: str) -> str:
    check_text(text)  # a TextError is raised, and not remembered
    return text


def _final(text: str) -> str:
    """`text` checked (kg.ask.sparqltext.check_text) before an engine is given it; the answer for a text is
    remembered, so a query text run again is not tokenized again."""
    try:
        return _checked_text(text)
    except TextError as exc:
        raise QueryError(str(exc)) from None


# what one written RDF term tokenizes as (kg.ask.sparqltext.tokens): an IRI, or a string with an optional
# "@" language tag or "^^" datatype IRI
_TERM_SHAPES = {("iri",), ("string",), ("string", "@", "word"), ("string", "^^", "iri")}
TERMS_ALONE = 100  # a VALUES block with more bindings is also checked whole (its number of tokens)


@lru_cache(maxsize=4096)
def _checked_term(term: str) -> str:
    """`term` (a bound term as `bind_values` writes it) checked once, and remembered: it must be exactly
    one RDF term's tokens, so that in a VALUES block it is tokenized as alone and the block's tokens are
    its variables, its brackets and these terms; and it passes `check_text` (no SERVICE, LATERAL or FROM
    outside its string and IRIs: a language tag is a word). Such a block of at most TERMS_ALONE terms
    passes `check_text` exactly when each of its terms does: its nesting (2) and operands are fixed.
    TextError otherwise."""
    check_text(term)
    if tuple(t.text if t.kind in ("other", "op") else t.kind for t in tokens(term)) not in _TERM_SHAPES:
        raise TextError(f"not one RDF term: {term!r}")
    return term


def bind_values(text: str, bindings: Mapping[str, Any], node_to_sparql: Callable[[Any], str],
                checked: bool = False) -> str:
    """`text` with a VALUES block binding `bindings` at the start of its WHERE group (trailing when
    the query has no group to put it in: `CONSTRUCT WHERE { triples }` or DESCRIBE without WHERE, where
    a trailing VALUES means the same). Terms are written by `node_to_sparql` (rdflib's `term.n3()`).
    With `checked`, the text is checked as `_final` checks a text, and each written term is checked once
    (`_checked_term`), so an engine is never given an unchecked part and no text is tokenized twice.

    >>> from rdflib import Literal, URIRef
    >>> bind_values("SELECT ?n WHERE { ?p <http://e/name> ?n }", {"p": URIRef("http://e/p1")}, lambda t: t.n3())
    'SELECT ?n WHERE { VALUES (?p) { (<http://e/p1>) }  ?p <http://e/name> ?n }'
    >>> print(bind_values("DESCRIBE ?p", {"p": Literal("王")}, lambda t: t.n3()))  # no group: trailing
    DESCRIBE ?p
    VALUES (?p) { ("王") }
    <BLANKLINE>
    """
    if checked:
        _final(text)
    if not bindings:
        return text
    names = list(bindings)
    for name in names:
        if not _VAR.match(str(name)):
            raise QueryError(f"not a variable name: {name!r}")
    written = [node_to_sparql(bindings[n]) for n in names]
    block = "VALUES ({}) {{ ({}) }}".format(" ".join(f"?{n}" for n in names), " ".join(written))
    if checked:
        try:
            if len(names) > TERMS_ALONE:
                check_text(block)
            for term in written:
                _checked_term(term)
        except TextError as exc:
            raise QueryError(str(exc)) from None
    where, end, close = _slot(text)
    if where == "append":
        return f"{text}\n{block}\n"
    if where == "subselect":
        return f"{text[:end]} {block} {{ {text[end:close]} }} {text[close:]}"
    return f"{text[:end]} {block} {text[end:]}"


@lru_cache(maxsize=1024)
def _slot(text: str) -> tuple[str, int, int]:
    """Where a VALUES block goes in `text`: ("append", 0, 0) at the end; ("insert", end, 0) after the
    WHERE group's opening brace ending at `end`; ("subselect", end, close) when that group is a
    sub-SELECT, which is wrapped in a group of its own up to its closing brace at `close`."""
    toks = list(_tokens(text))
    form = next((i for i, t in enumerate(toks) if t[0] == "word"
                 and t[1].upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")), None)
    if form is None:
        return ("append", 0, 0)
    i = form + 1
    if toks[form][1].upper() == "CONSTRUCT" and i < len(toks) and toks[i][1] == "{":
        depth, template = 0, i
        for i in range(template, len(toks)):  # skip the template
            depth += {"{": 1, "}": -1}.get(toks[i][1], 0) if toks[i][0] == "punct" else 0
            if depth == 0:
                break
        i += 1
    elif toks[form][1].upper() == "CONSTRUCT":
        return ("append", 0, 0)
    parens = 0
    for j in range(i, len(toks)):
        kind, value, start, end = toks[j]
        if kind == "punct" and value in "()":
            parens += 1 if value == "(" else -1
        elif kind == "punct" and value == "{" and parens == 0:
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if nxt is not None and nxt[0] == "word" and nxt[1].upper() == "SELECT":  # { SubSelect }
                return ("subselect", end, _matching(toks, j))
            return ("insert", end, 0)
    return ("append", 0, 0)


def _matching(toks: list[tuple[str, str, int, int]], j: int) -> int:
    depth = 0
    for kind, value, start, _ in toks[j:]:
        if kind == "punct" and value in "{}":
            depth += 1 if value == "{" else -1
            if depth == 0:
                return start
    raise QueryError("unbalanced braces in the query")
