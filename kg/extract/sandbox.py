"""One piece of work in a forked child process, with wall-clock, CPU and memory limits.

`run_limited(fn, args, limits)` forks, runs `fn(*args)` in the child and returns what it returns (or
raises what it raised, if that can be pickled). A query engine that overflows its stack, allocates
without end or never returns then costs one child, never the caller: the child is killed at the
wall-clock limit (and the call returns only once it is dead, so a caller counting running work never
counts a query that still runs), its address space is capped (`RLIMIT_AS`: what the parent maps plus
`limits.memory`), its CPU time too (`RLIMIT_CPU`), and it writes no core file.

Why fork: the graph is already in memory (an Oxigraph store or rdflib's), and a forked child shares
it copy-on-write, so a query starts in milliseconds with no copy and no reload. The child must not
need a lock another thread of the parent may hold at the fork: callers fork only from code that does
not share the store with other threads while it runs (kg serve evaluates every query in a child).
"""

from __future__ import annotations

import faulthandler
import math
import multiprocessing
import os
import resource
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kg.errors import KgError

__all__ = ["Limits", "SandboxError", "run_limited", "DEFAULT_MEMORY"]

DEFAULT_MEMORY = 2 * 1024 ** 3  # bytes a query may allocate beyond what the parent maps


@dataclass(frozen=True)
class Limits:
    """`seconds` of wall-clock time (None: no limit), and `memory` bytes beyond the parent's (None: no cap)."""

    seconds: float | None
    memory: int | None = DEFAULT_MEMORY


class SandboxError(KgError):
    """The work did not finish: stopped at a limit, or its process died. The message is for the user."""


_SIGNALS: dict[int, str] = {
    signal.SIGSEGV: "it crashed the query process (probably too deeply nested for the engine)",
    signal.SIGBUS: "it crashed the query process",
    signal.SIGABRT: "it ran out of memory (or the engine aborted)",
    signal.SIGXCPU: "it used up its CPU time",
    signal.SIGKILL: "its process was killed",
}


def _mapped_bytes() -> int | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return None


def _apply(limits: Limits) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if limits.seconds is not None and math.isfinite(limits.seconds):
        cpu = int(math.ceil(limits.seconds)) + 1
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        if hard == resource.RLIM_INFINITY or cpu < hard:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1 if hard == resource.RLIM_INFINITY else hard))
    mapped = _mapped_bytes()
    if limits.memory is not None and mapped is not None:
        cap = mapped + limits.memory
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or cap < hard:
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _child(fn: Callable[..., Any], args: tuple[Any, ...], limits: Limits, conn: Any) -> None:
    try:
        faulthandler.disable()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)  # an engine's own panic message is not the user's business; ours is
        _apply(limits)
        outcome: tuple[str, Any] = ("ok", fn(*args))
    except MemoryError:
        outcome = ("limit", "it ran out of memory")
    except BaseException as exc:  # handed to the parent
        outcome = ("error", exc)
    try:
        conn.send(outcome)
    except Exception as exc:  # an exception or result that cannot be pickled
        conn.send(("error", _plain(outcome[1]) if outcome[0] == "error" else
                   SandboxError(f"{type(exc).__name__}: {exc}")))
    finally:
        conn.close()


def _plain(exc: BaseException) -> BaseException:
    """`exc` rebuilt from its type and arguments alone (whatever else it holds, e.g. a response it was
    raised from, may not pickle), or a SandboxError with its message if even that does not pickle."""
    import pickle

    try:
        plain = type(exc)(*exc.args)
        pickle.dumps(plain)
        return plain
    except Exception:
        return SandboxError(f"{type(exc).__name__}: {exc}")


def run_limited(fn: Callable[..., Any], args: tuple[Any, ...], limits: Limits) -> Any:
    """`fn(*args)` run in a forked child under `limits` (see the module docstring).

    Raises SandboxError when the child is stopped at the time limit or dies, and re-raises the child's
    exception otherwise. Returns only when the child has ended."""
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, args, limits, send), daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(limits.seconds):
            proc.kill()
            raise SandboxError(f"query stopped after {limits.seconds:g} s (see --timeout)")
        try:
            status, payload = recv.recv()
        except (EOFError, OSError):
            proc.join()
            reason = _SIGNALS.get(-proc.exitcode if proc.exitcode else 0,
                                  f"its process ended with status {proc.exitcode}")
            raise SandboxError(f"query stopped: {reason}") from None
    finally:
        proc.join()  # the work has stopped when this returns
        recv.close()
    if status == "ok":
        return payload
    if status == "limit":
        raise SandboxError(f"query stopped: {payload}")
    raise payload
