"""Writing outputs atomically and deterministically.

Every file is written to a temporary file in the same folder and renamed into place, so an
interrupted build leaves the previous file intact (`AtomicFiles`: several files, renamed together
once all are complete). `nquads_bytes` writes an rdflib Dataset as N-Quads sorted by line (exports).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from rdflib import Dataset

__all__ = ["AtomicFiles", "atomic_write", "write_json", "nquads_bytes", "json_bytes"]


def atomic_write(path: Path, data: bytes) -> Path:
    """Write `data` to `path` via a temporary file and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


class AtomicFiles:
    """Several output files written to temporary files beside them and renamed into place only by
    `commit`, after every one is complete; leaving the `with` block without commit (an exception,
    Ctrl-C) removes the temporaries and leaves the previous files as they were."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple[str, BinaryIO]] = {}

    def open(self, path: Path) -> BinaryIO:
        """A binary file handle whose content becomes `path` on commit."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        fh = os.fdopen(fd, "wb")
        self._files[path] = (tmp, fh)
        return fh

    def write(self, path: Path, data: bytes) -> None:
        self.open(path).write(data)

    def commit(self) -> None:
        for tmp, fh in self._files.values():
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        for path, (tmp, _) in self._files.items():
            os.replace(tmp, path)
        self._files.clear()

    def discard(self) -> None:
        for tmp, fh in self._files.values():
            fh.close()
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        self._files.clear()

    def __enter__(self) -> "AtomicFiles":
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()






def nquads_bytes(ds: Dataset) -> bytes:
    """The dataset as N-Quads, one named graph per document, lines sorted."""
    text = ds.serialize(format="nquads", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8")






def json_bytes(obj: Any) -> bytes:
    """`obj` as stable, pretty JSON (sorted keys, UTF-8)."""
    return (json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def write_json(obj: Any, path: Path) -> Path:
    return atomic_write(path, json_bytes(obj))
