"""A wall-clock budget for one document's extraction, so one runaway document cannot stall a build.

`time_budget(seconds)` raises `OverBudget` in the code it guards once `seconds` have passed, by a
SIGALRM timer. Signals reach only the main thread, which is where documents are processed (in the build
process for small builds, in each forked worker otherwise); elsewhere the guard does nothing.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["OverBudget", "time_budget", "DEFAULT_DOCUMENT_SECONDS"]

#: Seconds one document may take to extract and render (`kg build --doc-timeout`). A 16,000-sentence
#: report takes about a minute (bench/results-long-document.txt).
DEFAULT_DOCUMENT_SECONDS = 600.0


class OverBudget(Exception):
    """The guarded code ran past its budget."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise OverBudget inside the block after `seconds` (None or 0: no budget; outside the main thread or
    without SIGALRM: no budget)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum, frame):  # noqa: ARG001
        raise OverBudget(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
