"""All outputs of one build switch together: an interruption at any instant (Ctrl-C at any rename, while
maps are drawn, a kill) leaves every output of the old build or every one of the new; a killed build's
leftovers go at the next build; a second build into the same folder is refused, naming the holder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.draw.maps
from kg.build.pipeline import build
from kg.cli import main
from tests.helpers import ROOT, SEEDS

PUBLIC = ("graph.ttl", "graph.nq", "report.json", "merges.json")

# a build of corpus B that kills itself (SIGKILL: no cleanup runs) at a chosen point
KILLED_BUILD = """
import os, signal, sys
from pathlib import Path
point, corpus, out = sys.argv[1:]
if point == "map":  # while the maps are drawn, one of them written
    import kg.draw.maps
    real, calls = kg.draw.maps.write_map, []
    def write_map(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    kg.draw.maps.write_map = write_map
else:  # while an extraction is saved in the cache: the temporary file written, not renamed
    real_replace = os.replace
    def replace(src, dst, *args, **kwargs):
        if "/.cache/" in str(dst):
            os.kill(os.getpid(), signal.SIGKILL)
        return real_replace(src, dst, *args, **kwargs)
    os.replace = replace
from kg.cli import main
main(["build", corpus, "--out", out, "--jobs", "1", "--no-validate"])
"""


def shown(out: Path) -> dict[str, bytes]:
    """What the output folder shows: the outputs and the maps, by public path."""
    files = {name: (out / name).read_bytes() for name in PUBLIC if (out / name).exists()}
    files.update({f"maps/{p.name}": p.read_bytes() for p in sorted((out / "maps").glob("*.html"))})
    return files


def listing(out: Path) -> list[str]:
    """Every file and link under `out` (links marked @), the build folder's name left out; a build's
    Oxigraph store is one entry (RocksDB names its files as it goes)."""
    names = []
    for p in out.rglob("*"):
        parts = p.relative_to(out).parts
        if parts[0] == ".builds" and len(parts) > 1:
            parts = (".builds", "*", *parts[2:])
        if "store" in parts[:-1] or (p.is_dir() and not p.is_symlink() and parts[-1] != "store"):
            continue
        names.append("/".join(parts) + ("@" if p.is_symlink() else ""))
    return sorted(names)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> tuple[Path, Path]:
    """Corpus A (one article) and corpus B (two)."""
    root = tmp_path_factory.mktemp("corpora")
    seeds = sorted(SEEDS.glob("*.txt"))
    for name, files in (("a", seeds[:1]), ("b", seeds[1:3])):
        (root / name).mkdir()
        for f in files:
            shutil.copy(f, root / name / f.name)
    return root / "a", root / "b"


@pytest.fixture(scope="module")
def built(corpora, tmp_path_factory) -> dict[str, object]:
    """What a clean build of A and one of B show, and the listing of a folder built with A, then B."""
    a, b = corpora
    root = tmp_path_factory.mktemp("reference")
    build([a], root / "a")
    build([a], root / "ab")
    build([b], root / "ab")
    assert shown(root / "a") != shown(root / "ab")
    return {"a": shown(root / "a"), "b": shown(root / "ab"), "listing": listing(root / "ab")}


def test_ctrl_c_at_any_rename_never_mixes_two_builds(corpora, tmp_path, monkeypatch):
    a, b = corpora
    out = tmp_path / "out"
    build([a], out, maps=False, cache=False)
    old = shown(out)
    new = None
    real = os.replace
    for stop in range(1, 50):
        calls: list[str] = []

        def replace(src, dst, *args, stop=stop, calls=calls, **kwargs):
            calls.append(dst)
            if len(calls) == stop:
                raise KeyboardInterrupt
            return real(src, dst, *args, **kwargs)

        monkeypatch.setattr(os, "replace", replace)
        try:
            build([b], out, maps=False, cache=False)
        except KeyboardInterrupt:
            assert shown(out) == old, f"interrupted at rename {stop} of {calls[-1]}"
            continue
        finally:
            monkeypatch.setattr(os, "replace", real)
        new = shown(out)
        break
    assert new is not None and new != old
    assert sorted(new) == sorted(old)


def test_ctrl_c_while_maps_are_drawn_leaves_the_old_graph_and_maps(corpora, built, tmp_path, monkeypatch):
    a, b = corpora
    out = tmp_path / "out"
    build([a], out)
    assert shown(out) == built["a"]
    real, calls = kg.draw.maps.write_map, []

    def write_map(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(kg.draw.maps, "write_map", write_map)
    with pytest.raises(KeyboardInterrupt):
        build([b], out)
    assert shown(out) == built["a"]
    monkeypatch.setattr(kg.draw.maps, "write_map", real)
    build([b], out)
    assert shown(out) == built["b"]


@pytest.mark.parametrize("point", ["map", "cache"])
def test_a_killed_build_leaves_the_old_outputs_and_the_next_build_cleans_up(point, corpora, built, tmp_path):
    a, b = corpora
    out = tmp_path / "out"
    build([a], out)
    killed = subprocess.run([sys.executable, "-c", KILLED_BUILD, point, str(b), str(out)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert killed.returncode == -9, killed.stderr
    assert shown(out) == built["a"]
    assert listing(out) != built["listing"]  # the killed build left something
    build([b], out)
    assert shown(out) == built["b"]
    assert listing(out) == built["listing"]  # and it is gone: no temporary file, no stale build folder


def test_a_second_build_into_the_same_folder_fails_at_once(tmp_path):
    out = tmp_path / "out"
    hold = ("import sys, time\nfrom pathlib import Path\nfrom kg.build.outdir import locked\n"
            "with locked(Path(sys.argv[1])):\n    print('holding', flush=True)\n    time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", hold, str(out)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(out), "--no-maps"])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1
    assert result.output.splitlines() == [(f"Error: {out} is locked by another build (process {holder.pid}): "
                                           "wait for it to end or choose another --out")]
    assert not (out / "graph.ttl").exists()
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(out), "--no-maps"])  # released with its process
    assert result.exit_code == 0, result.output


def test_outputs_of_an_older_kg_are_replaced_whole(corpora, built, tmp_path):
    a, b = corpora
    out = tmp_path / "out"
    build([a], tmp_path / "ref")
    out.mkdir()
    for name, data in shown(tmp_path / "ref").items():  # regular files, as kg wrote them before
        (out / name).parent.mkdir(exist_ok=True)
        (out / name).write_bytes(data)
    (out / ".graph.ttl.x1y2.tmp").write_bytes(b"half a graph")  # what a killed older build left
    build([b], out)
    assert shown(out) == built["b"]
    assert all((out / name).is_symlink() for name in (*PUBLIC, "maps"))
    assert not (out / ".graph.ttl.x1y2.tmp").exists()
