"""A spool of rendered document blocks (N-Quads and Turtle text), keyed by content hash.

The build renders documents in any order and writes them out in content-hash order once every
document is in; the spool holds the blocks in between. On disk (a temporary file beside the
outputs) the build's memory does not grow with the corpus; in memory for small in-process builds.
A block put twice under one key is replaced (the last one counts).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["Spool"]


class Spool:
    """Blocks by key: in memory, or appended to a temporary file in `directory` (removed on close)."""

    def __init__(self, directory: Path | None = None) -> None:
        self._memory: dict[str, tuple[str, str]] = {}
        self._index: dict[str, tuple[int, int, int]] = {}
        self._file = None
        self._path: str | None = None
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
            fd, self._path = tempfile.mkstemp(prefix=".spool.", suffix=".tmp", dir=directory)
            self._file = os.fdopen(fd, "w+b")

    def put(self, key: str, nquads: str, turtle: str) -> None:
        if self._file is None:
            self._memory[key] = (nquads, turtle)
            return
        a, b = nquads.encode("utf-8"), turtle.encode("utf-8")
        self._file.seek(0, os.SEEK_END)
        self._index[key] = (self._file.tell(), len(a), len(b))
        self._file.write(a)
        self._file.write(b)

    def get(self, key: str) -> tuple[str, str]:
        """The (N-Quads, Turtle) blocks under `key`."""
        if self._file is None:
            return self._memory[key]
        offset, na, nb = self._index[key]
        self._file.seek(offset)
        data = self._file.read(na + nb)
        return data[:na].decode("utf-8"), data[na:].decode("utf-8")

    def __contains__(self, key: str) -> bool:
        return key in self._memory or key in self._index

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            if self._path:
                try:
                    os.unlink(self._path)
                except FileNotFoundError:
                    pass

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
