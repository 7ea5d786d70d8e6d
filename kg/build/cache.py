"""A cache of extraction results keyed by document content and extractor version.

A rebuild re-extracts only documents whose bytes changed, or all of them when the extractor did
(any source file of the `kg` package, the reference tables or the ontology): the key is the
document's SHA-256 plus a digest of those files. Entries are written atomically.

An entry is data, never code: a format header (`FORMAT`) and the mentions and extraction as
MessagePack, decoded by msgspec into exactly the declared types (`Entry`). Reading a file in
`out/.cache` cannot run anything, whoever wrote it; an entry that is corrupt, truncated, of another
format or of the wrong shape is a miss, and the document is extracted again (and the entry rewritten).
Entries are written through temporary files in one folder (`TEMPORARY`), which `clean` empties: what a
killed build left there.
"""

from __future__ import annotations

import hashlib
import shutil
import stat
from functools import lru_cache
from pathlib import Path

import msgspec

from kg.extract.facts import Extraction
from kg.extract.lexicon import lexicon_dir
from kg.extract.mentions import Mention
from kg.home import PACKAGE
from kg.model.ontology import ontology_dir
from kg.output import atomic_write

__all__ = ["extractor_version", "ExtractionCache", "Entry", "FORMAT", "encode_entry", "decode_entry"]

FORMAT = b"kg-extraction-cache/1\n"
TEMPORARY = ".tmp"  # the folder of entries being written
Entry = tuple[list[Mention], Extraction]  # what is cached for one document
_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(Entry)


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of everything extraction depends on: kg's code and word lists, reference tables, ontology and cue files."""
    h = hashlib.sha256()
    package = PACKAGE
    files = sorted(package.rglob("*.py")) + sorted(package.rglob("*.toml")) + sorted((ontology_dir() / "reference").glob("*.csv")) + [
        ontology_dir() / "kg.ttl"] + sorted(lexicon_dir().glob("*/lexicon.toml"))
    for path in files:
        h.update(str(path.relative_to(path.parent.parent)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def encode_entry(entry: Entry) -> bytes:
    """An entry as the bytes of a cache file."""
    return FORMAT + _ENCODER.encode(entry)


def decode_entry(data: bytes) -> Entry | None:
    """The entry in the bytes of a cache file, or None if they are not one."""
    if not data.startswith(FORMAT):
        return None
    try:
        return _DECODER.decode(memoryview(data)[len(FORMAT):])
    except (msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError):
        return None


class ExtractionCache:
    """Extraction results in a folder, one file per (content hash, extractor version)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0

    def _path(self, content_hash: str) -> Path:
        return self.directory / extractor_version() / content_hash[:2] / f"{content_hash}.msgpack"

    def get(self, content_hash: str) -> Entry | None:
        """The entry for `content_hash`, or None. (Lookups happen in worker processes, so the build
        counts `hits` and `misses` where the results come together.)"""
        path = self._path(content_hash)
        try:
            if not stat.S_ISREG(path.stat().st_mode):  # a FIFO or device planted there is no entry
                return None
            data = path.read_bytes()
        except OSError:
            return None
        return decode_entry(data)

    def put(self, content_hash: str, value: Entry) -> None:
        atomic_write(self._path(content_hash), encode_entry(value), self.directory / TEMPORARY)

    def clean(self) -> None:
        """Remove the temporary files of entries never finished (a killed build's); call it when no
        build writes to this cache."""
        shutil.rmtree(self.directory / TEMPORARY, ignore_errors=True)
