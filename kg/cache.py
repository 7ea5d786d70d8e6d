"""A cache of extraction results keyed by document content and extractor version.

A rebuild re-extracts only documents whose bytes changed, or all of them when the extractor did
(any source file of the `kg` package, the reference tables or the ontology): the key is the
document's SHA-256 plus a digest of those files. Entries are written atomically; a corrupt or
unreadable entry is treated as missing.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.ontology import ontology_dir
from kg.output import atomic_write

__all__ = ["extractor_version", "ExtractionCache"]


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of everything extraction depends on: kg's code, reference tables and ontology."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent
    files = sorted(package.rglob("*.py")) + sorted((ontology_dir() / "reference").glob("*.csv")) + [
        ontology_dir() / "kg.ttl"]
    for path in files:
        h.update(str(path.relative_to(path.parent.parent)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


class ExtractionCache:
    """Pickled extraction results in a folder, one file per (content hash, extractor version)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0

    def _path(self, content_hash: str) -> Path:
        return self.directory / extractor_version() / content_hash[:2] / f"{content_hash}.pickle"

    def get(self, content_hash: str) -> Any | None:
        """The entry for `content_hash`, or None. (Lookups happen in worker processes, so the build
        counts `hits` and `misses` where the results come together.)"""
        try:
            return pickle.loads(self._path(content_hash).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, content_hash: str, value: Any) -> None:
        atomic_write(self._path(content_hash), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
