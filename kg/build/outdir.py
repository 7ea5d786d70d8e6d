"""The output folder of `kg build`: all outputs of one build switch in at one instant.

Layout of OUT:

    .builds/build-XXXX/   the files of one build: graph.ttl, graph.nq, report.json, merges.json, maps/
    .current              a symbolic link to the build shown (.builds/build-XXXX)
    graph.ttl, maps, ...  fixed links through it: graph.ttl -> .current/graph.ttl, maps -> .current/maps
    .lock                 held with fcntl.flock by the build running into OUT; it holds that build's pid
    .cache/               the extraction cache (kg.build.cache), kept across builds

Why: renaming several files into place is not atomic as a whole (a kill between two renames leaves
graph.nq of one build beside graph.ttl of another), and a manifest would have to be read first by every
reader. Here a build writes into a fresh folder nobody reads and publishes it by one `os.replace` of the
`.current` link, so a kill at any instant leaves OUT showing the old build or the new one, whole; the
public paths (out/graph.ttl, out/maps/map-*.html) resolve through that link and keep working unchanged.
The build shown before is removed after the switch; folders and temporaries that killed builds left are
removed by the next build (`clean`), under the lock, so a second build into OUT fails at once
(`OutputLocked`, naming the process holding it) instead of interleaving. Outputs of an older kg (regular
files in OUT) are first adopted as a build by hard links (`adopt`), so moving to this layout mixes
nothing either; only a `maps` folder is briefly absent while it becomes a link.

Not covered: the Oxigraph store of `kg build --store DIR` lives where the user says; it is swapped on its
own (`kg.ask.oxigraph.build_store`) just before the switch.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import KgError

__all__ = ["BUILDS", "CURRENT", "LOCK", "BuildFolder", "OutputLocked", "OutputUnwritable", "adopt", "clean", "current", "locked"]

CURRENT = ".current"
BUILDS = ".builds"
LOCK = ".lock"


class OutputLocked(KgError):
    """Another process is building into the output folder (a one-line message saying which)."""


class OutputUnwritable(KgError):
    """The output folder cannot be made or written (a one-line message saying why)."""


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold OUT's lock for the block; raise `OutputLocked` at once if another process holds it, and
    `OutputUnwritable` if OUT cannot be made or written."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(out_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        from kg.read.documents import printable_path

        raise OutputUnwritable(f"cannot write to {printable_path(out_dir)}: {exc.strerror or exc} "
                               "(choose another --out)") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f"process {holder}" if holder.isdigit() else "another process"
            raise OutputLocked(f"{out_dir} is locked by another build ({who}): wait for it to end or choose "
                               "another --out") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # releases the lock (a killed build's lock goes with its process)


def current(out_dir: Path) -> Path | None:
    """The folder of the build OUT shows, or None."""
    link = out_dir / CURRENT
    return out_dir / os.readlink(link) if link.is_symlink() and link.is_dir() else None


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _point(link: Path, target: str) -> None:
    """Make `link` a symbolic link to `target` in one `os.replace` (a folder there is moved away first)."""
    if link.is_symlink() and os.readlink(link) == target:
        return
    tmp = link.with_name(f".{link.name}.{secrets.token_hex(4)}.tmp")
    os.symlink(target, tmp)
    try:
        if link.is_dir() and not link.is_symlink():  # the maps folder of an older kg, adopted already
            old = link.parent / BUILDS / f"old-{secrets.token_hex(4)}"
            os.rename(link, old)
            os.replace(tmp, link)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class BuildFolder:
    """A fresh folder in OUT/.builds for one build's outputs; `publish` switches OUT to it, and leaving
    the `with` block without publishing (an exception, Ctrl-C) removes it."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        (out_dir / BUILDS).mkdir(parents=True, exist_ok=True)
        self.path = out_dir / BUILDS / f"build-{secrets.token_hex(8)}"
        self.path.mkdir()

    def publish(self) -> None:
        """Make this build the one OUT shows, at one instant, then remove the build shown before."""
        for dirpath, _, filenames in os.walk(self.path):  # the data on disk before the link says so
            for name in filenames:
                _fsync(Path(dirpath) / name)
            _fsync(Path(dirpath))
        previous = current(self.out_dir)
        _point(self.out_dir / CURRENT, os.path.join(BUILDS, self.path.name))
        _fsync(self.out_dir)
        names = {p.name for p in self.path.iterdir() if not p.name.startswith(".")}
        for name in sorted(names):
            _point(self.out_dir / name, os.path.join(CURRENT, name))
        for link in self.out_dir.iterdir():  # an output this build has not (maps after --no-maps)
            if link.is_symlink() and link.name not in names and os.readlink(link).startswith(CURRENT + os.sep):
                link.unlink()
        if previous is not None and previous != self.path:
            _remove(previous)

    def __enter__(self) -> BuildFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        if current(self.out_dir) != self.path:  # not published: nobody sees it
            _remove(self.path)


def clean(out_dir: Path) -> None:
    """Remove what killed builds left in OUT: build folders not shown and temporary files (also those of
    older kg versions). Call it holding the lock."""
    shown = current(out_dir)
    builds = out_dir / BUILDS
    if builds.is_dir():
        for path in builds.iterdir():
            if path != shown:
                _remove(path)
    for path in out_dir.iterdir():
        if path.name.startswith(".") and (path.name.endswith(".tmp") or path.name.startswith(".maps-store.")):
            _remove(path)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def adopt(out_dir: Path, names: Iterable[str]) -> None:
    """Make outputs that are regular files or folders in OUT (written by an older kg, or a map drawn into
    OUT/maps when it was absent) part of a build shown through links, without changing what OUT shows."""
    found = [out_dir / n for n in names if (out_dir / n).exists() and not (out_dir / n).is_symlink()]
    if not found:
        return
    shown = current(out_dir)
    sources = {p.name: p for p in shown.iterdir()} if shown is not None else {}
    sources.update({p.name: p for p in found})
    with BuildFolder(out_dir) as folder:
        for name, src in sources.items():
            if src.is_dir():
                shutil.copytree(src, folder.path / name, copy_function=_link_or_copy)
            else:
                _link_or_copy(str(src), str(folder.path / name))
        folder.publish()
