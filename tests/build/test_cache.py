"""kg.build.cache: entries are data (a format header and MessagePack of the declared types), never code; a file in
the cache that is not an entry is a miss, and the document is extracted again."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build.cache import FORMAT, ExtractionCache, decode_entry, encode_entry, extractor_version
from kg.cli import main
from kg.extract.document import extract_document
from kg.extract.mentions import find_mentions
from kg.model.ontology import load_reference
from tests.helpers import SEEDS


class _RunsCode:
    """A pickle that creates a file when loaded: what a crafted cache entry did before."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_every_seed_extraction_comes_back_equal(seed_docs):
    ref = load_reference()
    for doc in seed_docs.values():
        entry = (find_mentions(doc), extract_document(doc, ref))
        data = encode_entry(entry)
        assert data.startswith(FORMAT)
        assert decode_entry(data) == entry


@pytest.mark.parametrize("data", [b"", FORMAT, FORMAT + b"\xc1", FORMAT + b"\x92\x90", b"kg-extraction-cache/0\n\x92\x90\x80",
                                  FORMAT + b"\x92\x91\x01\x80"])
def test_what_is_not_an_entry_is_none(data):
    assert decode_entry(data) is None


def test_a_crafted_cache_file_runs_nothing_and_the_build_goes_on(tmp_path, seed_docs):
    out = tmp_path / "out"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    doc = seed_docs[sorted(seed_docs)[0]]
    (corpus / doc.file_name).write_bytes((SEEDS / doc.file_name).read_bytes())
    first = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--no-maps", "--jobs", "1"])
    assert first.exit_code == 0, first.output
    cache = ExtractionCache(out / ".cache")
    entry = cache._path(doc.content_hash)
    assert decode_entry(entry.read_bytes()) is not None
    marker = tmp_path / "ran"
    for path in (entry, entry.with_suffix(".pickle")):  # the new name, and the name pickles had
        path.write_bytes(pickle.dumps(_RunsCode(marker)))
    graph_before = (out / "graph.ttl").read_bytes()

    again = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--no-maps", "--jobs", "1"])
    assert again.exit_code == 0, again.output
    assert not marker.exists()
    assert (out / "graph.ttl").read_bytes() == graph_before  # extracted again, same graph
    assert decode_entry(entry.read_bytes()) is not None  # and the entry rewritten


def test_a_fifo_in_the_cache_is_a_miss(tmp_path):
    cache = ExtractionCache(tmp_path)
    path = cache._path("ab" * 32)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    assert cache.get("ab" * 32) is None


def test_entries_live_under_the_extractor_version(tmp_path):
    assert ExtractionCache(tmp_path)._path("ab" * 32).parent.parent.name == extractor_version()


def test_a_truncated_entry_is_extracted_again_and_rewritten(tmp_path, seed_docs):
    from kg.build.pipeline import process_document

    doc = seed_docs[min(seed_docs)]
    cache = ExtractionCache(tmp_path)
    first = process_document(doc, cache=cache)
    entry = cache._path(doc.content_hash)
    whole = entry.read_bytes()
    entry.write_bytes(whole[:len(whole) // 2])  # what a full disk or a crash of an older kg left
    again = process_document(doc, cache=cache)
    assert not again.cached and again.nquads == first.nquads  # extracted again, not failed
    assert entry.read_bytes() == whole
    assert process_document(doc, cache=cache).cached

