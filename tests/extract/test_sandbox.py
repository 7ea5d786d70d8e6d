"""kg.extract.sandbox: work in a forked child under wall-clock, CPU and memory limits, which costs only the child."""

from __future__ import annotations

import ctypes
import os
import time

import pytest

from kg.extract.sandbox import Limits, SandboxError, run_limited


def _pid() -> int:
    return os.getpid()


def _sleep_then_pid(seconds: float, path: str) -> int:
    with open(path, "w") as f:
        f.write(str(os.getpid()))
    time.sleep(seconds)
    return os.getpid()


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def _raise() -> None:
    raise KeyError("from the child")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:  # a zombie is not running either
        return f.read().split(")")[-1].split()[0] != "Z"


def test_the_work_runs_in_another_process_and_its_answer_comes_back():
    assert run_limited(_pid, (), Limits(10)) != os.getpid()
    assert run_limited(sum, ([1, 2, 3],), Limits(10)) == 6


def test_its_exception_comes_back():
    with pytest.raises(KeyError, match="from the child"):
        run_limited(_raise, (), Limits(10))


class _Holding(ValueError):
    """An error that holds something that does not pickle (as an HTTP error holds its response)."""


def _raise_holding() -> None:
    exc = _Holding("HTTP 500 from the server")
    exc.response = lambda: None  # a lambda does not pickle
    raise exc


def test_an_exception_that_does_not_pickle_comes_back_with_its_type_and_message():
    with pytest.raises(_Holding, match="HTTP 500 from the server"):
        run_limited(_raise_holding, (), Limits(10))


def test_at_the_time_limit_the_child_is_dead_before_the_call_returns(tmp_path):
    started = time.monotonic()
    with pytest.raises(SandboxError, match="stopped after 0.5 s"):
        run_limited(_sleep_then_pid, (30, str(tmp_path / "pid")), Limits(0.5))
    assert time.monotonic() - started < 10
    assert not _alive(int((tmp_path / "pid").read_text()))


def test_a_crash_costs_the_child_only():
    with pytest.raises(SandboxError, match="crashed"):
        run_limited(ctypes.string_at, (0,), Limits(10))
    assert run_limited(sum, ([1],), Limits(10)) == 1


def test_memory_beyond_the_cap_stops_the_work():
    with pytest.raises(SandboxError, match="memory"):
        run_limited(_allocate, (512,), Limits(10, memory=128 * 1024 * 1024))
    assert run_limited(_allocate, (16,), Limits(10, memory=128 * 1024 * 1024)) == 16 * 1024 * 1024


def _limits() -> tuple:
    import resource

    return tuple(resource.getrlimit(r) for r in (resource.RLIMIT_CPU, resource.RLIMIT_AS, resource.RLIMIT_CORE))


def test_the_child_runs_under_cpu_memory_and_core_limits():
    (cpu, _), (address_space, _), core = run_limited(_limits, (), Limits(2.5, memory=256 * 1024 * 1024))
    assert cpu == 4  # the wall clock stops it first; the CPU limit is the backstop
    assert 256 * 1024 * 1024 < address_space < 256 * 1024 * 1024 + 64 * 1024 ** 3
    assert core == (0, 0)


def _spin_under_one_cpu_second() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (1, 2))
    while True:
        pass


def test_used_up_cpu_time_is_reported():
    with pytest.raises(SandboxError, match="CPU time"):
        run_limited(_spin_under_one_cpu_second, (), Limits(30, memory=None))
