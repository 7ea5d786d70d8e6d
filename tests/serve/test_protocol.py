"""kg.serve.protocol.parse_request without a server: the query each request form carries, and the status
each refused request gets (the same as the endpoint's in test_serve.py and test_serve_attacks.py)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest

from kg.ask.querybase import UPDATE_REFUSED
from kg.serve.protocol import SOLUTION_TYPES, HTTPError, negotiate, parse_request

ASK = "ASK { ?s ?p ?o }"
FORM = "application/x-www-form-urlencoded"
LIMIT = 100_000


def parse(method: str = "GET", url_query: str = "", content_type: str = "", body: bytes = b"",
          limit: int = LIMIT):
    return parse_request(method, url_query, content_type, body, limit)


def refused(*args, **kwargs) -> HTTPError:
    with pytest.raises(HTTPError) as info:
        parse(*args, **kwargs)
    return info.value


def test_get_query():
    request = parse("GET", urlencode({"query": ASK}))
    assert request.query == ASK and request.named is None and request.values == {}


def test_post_sparql_query_body():
    assert parse("POST", "", "application/sparql-query; charset=utf-8", ASK.encode()).query == ASK


def test_post_form_body():
    assert parse("POST", "", FORM, urlencode({"query": "ASK { ?s ?p \"王\" }"}).encode()).query == "ASK { ?s ?p \"王\" }"


def test_the_body_is_read_only_when_needed():
    def unread() -> bytes:
        raise AssertionError("the body was read")

    assert refused("POST", "", "application/sparql-update", unread).status == 403
    assert parse("POST", "", "application/sparql-query", lambda: ASK.encode()).query == ASK


@pytest.mark.parametrize("method, url_query, ctype, body", [
    ("GET", "", "", b""),
    ("POST", "", FORM, b""),
    ("POST", "", FORM, b"other=1"),
])
def test_a_missing_query_is_400(method, url_query, ctype, body):
    error = refused(method, url_query, ctype, body)
    assert error.status == 400 and error.message.startswith("no query")


@pytest.mark.parametrize("method, url_query, ctype, body", [
    ("POST", "", "application/sparql-update", b"DROP ALL"),
    ("POST", "", FORM, b"update=DROP%20ALL"),
    ("GET", "update=DROP%20ALL", "", b""),
    ("POST", "", FORM, urlencode({"query": ASK, "update": "DROP ALL"}).encode()),
    ("GET", urlencode({"query": ASK, "update": "DROP ALL"}), "", b""),
])
def test_updates_are_403(method, url_query, ctype, body):
    error = refused(method, url_query, ctype, body)
    assert (error.status, error.message) == (403, UPDATE_REFUSED)


def test_a_wrong_content_type_is_415():
    error = refused("POST", "", "text/plain", b"query=x")
    assert error.status == 415 and "application/sparql-query" in error.message
    assert refused("POST", "", "", ASK.encode()).status == 415


@pytest.mark.parametrize("url_query, ctype, body", [
    ("", "application/sparql-query", b"\xed\xa0\x80"),  # the UTF-8 of a surrogate
    ("", "application/sparql-query", b"ASK { \xff }"),
    ("", FORM, b"query=%ED%A0%80"),
    ("", FORM, b"query=%FF"),
    ("query=%ED%A0%80", "", b""),
])
def test_a_request_that_is_not_utf8_is_400(url_query, ctype, body):
    assert refused("POST" if ctype else "GET", url_query, ctype, body).status == 400


def test_dataset_parameters_are_400():
    for name in ("default-graph-uri", "named-graph-uri"):
        error = refused("GET", urlencode({"query": ASK, name: "file:///etc/passwd"}))
        assert error.status == 400 and name in error.message


@pytest.mark.parametrize("method, url_query, ctype, body, message", [
    ("GET", urlencode({"query": "  \n"}), "", b"", "empty query"),
    ("GET", "query=a&query=b", "", b"", "more than one query"),
    ("POST", urlencode({"query": ASK}), "application/sparql-query", ASK.encode(), "both in the body and in the URL"),
])
def test_ambiguous_or_empty_queries_are_400(method, url_query, ctype, body, message):
    error = refused(method, url_query, ctype, body)
    assert error.status == 400 and message in error.message


def test_a_query_too_long_is_413():
    error = refused("GET", urlencode({"query": ASK + " #" + "x" * 100}), limit=len(ASK))
    assert error.status == 413 and "too long" in error.message


def test_named_query_with_its_parameters():
    request = parse("POST", "", FORM, urlencode({"named": "who-met", "param.person": "王子联"}).encode())
    assert request.named is not None and request.named.name == "who-met"
    assert request.query == request.named.text and request.values == {"person": "王子联"}
    # the last value of a parameter given twice, as the handler read them
    assert parse("GET", "named=who-met&param.person=a&param.person=b").values == {"person": "b"}


@pytest.mark.parametrize("url_query", [
    "named=who-met&query=" + quote(ASK),
    "named=who-met&named=people",
    "named=no-such-query",
])
def test_named_query_mistakes_are_400(url_query):
    assert refused("GET", url_query).status == 400
    assert refused("POST", "named=who-met", "application/sparql-query", ASK.encode()).status == 400


def test_negotiate():
    assert negotiate(None, SOLUTION_TYPES)[1] == "json"
    assert negotiate("application/sparql-results+json;q=0.5, text/csv", SOLUTION_TYPES)[1] == "csv"
    assert negotiate("text/turtle", SOLUTION_TYPES) is None
