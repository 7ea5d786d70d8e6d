"""`kg build --scheduler`: documents extracted on a Dask cluster (kg.build.cluster) give the same bytes as a local
build, and a worker killed mid-build loses nothing."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build.pipeline import build
from kg.cli import main
from kg.eval.synth import write_corpus
from kg.resolve.judgements import default_path

pytestmark = pytest.mark.cluster
OUTPUTS = ("graph.ttl", "graph.nq", "report.json", "merges.json", "people.json", "meetings.sqlite")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cluster")
    write_corpus(root, 30, 3)
    return root / "articles"


@pytest.fixture(scope="module")
def local(corpus, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("local") / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--no-maps", "--no-validate",
                                       "--no-cache", "-j", "2"])
    assert result.exit_code == 0, result.output
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_a_build_on_a_two_worker_local_cluster_gives_the_bytes_of_a_local_build(corpus, local, tmp_path):
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out"), "--no-maps",
                                       "--no-validate", "--no-cache", "--scheduler", "local:2"])
    assert result.exit_code == 0, result.output
    assert "read 30 document(s)" in result.output
    assert outputs(tmp_path / "out") == local


def test_a_worker_killed_mid_build_loses_nothing_and_the_cache_fills(corpus, local, tmp_path, monkeypatch):
    from dask.distributed import Client, LocalCluster

    monkeypatch.setattr("kg.build.cluster.BATCH", 2)  # 15 tasks, so the kill falls mid-build

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        pids = client.run(os.getpid)
        killed: list[int] = []
        seen: list[int] = []

        def progress(done: int, total: int) -> None:
            seen.append(done)
            if done == 5 and not killed:
                victim = sorted(pids.values())[0]
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)

        build([corpus], tmp_path / "out", maps=False, cache=True, progress=progress,
              scheduler=cluster.scheduler_address, judgements=default_path(corpus))  # as the CLI does
    assert killed and seen[-1] == 30 and seen == sorted(seen)
    assert outputs(tmp_path / "out") == local
    cached = list((tmp_path / "out" / ".cache").rglob("*.msgpack"))
    assert len(cached) == 30  # every extraction came back to the client's cache


def test_a_scheduler_that_is_no_address_is_a_usage_error(corpus, tmp_path):
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out"), "--scheduler", "nowhere"])
    assert result.exit_code == 2 and "not a Dask scheduler address" in result.output
    assert not (tmp_path / "out").exists()
