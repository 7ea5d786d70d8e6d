"""Shared fixtures: the repository's seed corpus, read and built once per session."""

from __future__ import annotations

import pytest

from kg.read.documents import Document, read_corpus
from tests.helpers import DATA, ROOT, SEEDS  # noqa: F401 (fixtures and tests read them)


@pytest.fixture(scope="session")
def seed_docs() -> dict[str, Document]:
    """The seed documents keyed by file name."""
    docs, skipped = read_corpus([SEEDS])
    assert not skipped
    return {d.file_name: d for d in docs}


@pytest.fixture(scope="session")
def seed_build():
    """The dataset and report built from the seeds (in memory)."""
    from kg.build.pipeline import build_dataset

    docs, skipped = read_corpus([SEEDS])
    return build_dataset(docs, skipped)


@pytest.fixture(scope="session")
def listener():
    """A TCP listener on loopback counting the connections it gets: where a smuggled SERVICE would call."""
    from .helpers import Listener

    lst = Listener()
    yield lst
    lst.sock.close()
