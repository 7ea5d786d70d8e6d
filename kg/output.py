"""Writing outputs atomically and deterministically.

A file is written to a temporary file and renamed into place, so an interruption leaves the previous
file intact (`atomic_write`; the outputs of a build switch together through `kg.build.outdir`).
`nquads_bytes` writes an rdflib Dataset as N-Quads sorted by line (exports).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from rdflib import Dataset

__all__ = ["atomic_write", "write_json", "nquads_bytes", "json_bytes"]


def atomic_write(path: Path, data: bytes, tmp_dir: Path | None = None) -> Path:
    """Write `data` to `path` via a temporary file (beside it, or in `tmp_dir` on the same file system)
    and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if tmp_dir is not None:
        tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=tmp_dir or path.parent)
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
