""""Did you mean" for a file or folder that does not exist: the closest names in the folder it names."""

from __future__ import annotations

import difflib
from pathlib import Path

__all__ = ["close_paths", "no_such_path"]


def close_paths(path: Path, n: int = 3) -> list[Path]:
    """Up to `n` existing entries of `path`'s folder whose names are close to `path`'s name (difflib's
    ratio, 0.6 or more), closest first; none when the folder itself is missing or unreadable."""
    try:
        names = [p.name for p in path.parent.iterdir()]
    except OSError:
        return []
    return [path.parent / name for name in difflib.get_close_matches(path.name, names, n=n, cutoff=0.6)]


def no_such_path(path: Path, what: str = "file or folder") -> str:
    """One line: `path` does not exist, with the closest names beside it if any."""
    close = close_paths(Path(path))
    hint = f"; did you mean {' or '.join(str(p) for p in close)}?" if close else ""
    return f"no such {what}: {path}{hint}"
