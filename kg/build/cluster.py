"""Building on a Dask cluster: `kg build --scheduler ADDRESS` (or `local:N` for a LocalCluster of N
worker processes on this machine).

The client (the `kg build` process) lists and reads the corpus, the only machine that needs to see it;
documents go to Dask workers as their bytes, `BATCH` to a task (with their cached extraction, if the
client's cache has one), and the worker decodes, extracts and renders it exactly as a local worker process does
(`kg.build.pipeline.process_document`), returning the rendered document and, for a cache miss, the new
cache entry, which the client writes. Resolution across documents and writing the outputs stay with
the client, so the outputs are the same bytes as a local build's (the build does not depend on the
order in which documents come back). Tasks are retried (`RETRIES`) and a worker lost mid-build only
costs its tasks being run again elsewhere (Dask's scheduler reschedules them). At most `window`
batches are in flight, so the client's memory does not grow with the corpus.

Not enforced on a cluster: `--doc-timeout` (its SIGALRM guard needs a process's main thread; Dask runs
tasks in worker threads).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg.errors import InputError

__all__ = ["BATCH", "RETRIES", "SchedulerError", "check_scheduler", "connect", "run_on_cluster"]

RETRIES = 3  # times a failed task is run again before the build gives up on it
BATCH = 16  # documents a task: at ~50 ms a document, a task of 16 keeps Dask's own cost per task small
_LOCAL = re.compile(r"local:([1-9][0-9]{0,3})")


class SchedulerError(InputError):
    """A scheduler address that cannot be used, with a message for the user."""


def check_scheduler(text: str) -> str:
    """`text` if it names a scheduler (`local:N`, `tcp://HOST:PORT`, `HOST:PORT`); SchedulerError if not."""
    if _LOCAL.fullmatch(text) or re.fullmatch(r"(?:tcp|tls|ucx|inproc)://[^\s/]+(?::\d+)?/?|[A-Za-z0-9._-]+:\d+", text):
        return text
    raise SchedulerError(f"not a Dask scheduler address: {text!r} (give tcp://HOST:PORT, HOST:PORT or local:N)")


@contextmanager
def connect(scheduler: str, timeout: float = 30.0) -> Iterator[Any]:
    """A dask.distributed Client of `scheduler`; `local:N` starts (and afterwards stops) a LocalCluster
    of N single-threaded worker processes."""
    from dask.distributed import Client, LocalCluster

    check_scheduler(scheduler)
    local = _LOCAL.fullmatch(scheduler)
    try:
        if local:
            with LocalCluster(n_workers=int(local.group(1)), threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                yield client
            return
        with Client(scheduler, timeout=timeout) as client:
            yield client
    except OSError as exc:  # no scheduler there (distributed raises OSError on a connect timeout)
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


class _Capture:
    """The extraction cache as a worker sees it: the client's entry for this document (or none), and
    the entry the worker makes for a miss, taken back to the client."""

    def __init__(self, entry: Any) -> None:
        self.entry = entry
        self.made: Any = None

    def get(self, content_hash: str) -> Any:
        return self.entry

    def put(self, content_hash: str, value: Any) -> None:
        self.made = value


def _task(data: bytes, display: str, entry: Any, budget: float | None) -> tuple[Any, Any]:
    """What a Dask worker does with one document: decode, extract (or take `entry`), render."""
    from kg.build.pipeline import process_document
    from kg.read.documents import Skipped, read_document

    doc = read_document(data, display)
    if isinstance(doc, Skipped):
        return doc, None
    capture = _Capture(entry)
    return process_document(doc, cache=capture, budget=budget), capture.made  # type: ignore[arg-type]


def _batch(items: list[tuple[bytes, str, Any]], budget: float | None) -> list[tuple[Any, Any]]:
    """One task: `_task` for each (bytes, display name, cached entry) of a batch of documents."""
    return [_task(data, display, entry, budget) for data, display, entry in items]


def run_on_cluster(client: Any, files: Sequence[tuple[Path, str]], max_bytes: int, cache: Any,
                   budget: float | None, window: int | None = None, batch: int | None = None) -> Iterator[Any]:
    """The outcome of every file (a rendered document, a failure or a skip), in the order their batches
    finish: read here, extracted and rendered on the cluster behind `client`, `batch` (`BATCH`) documents a task
    (Dask's cost per task, a scheduling decision and a round trip, is paid once a batch); at most
    `window` batches in flight; new cache entries written here."""
    import hashlib

    from dask.distributed import as_completed

    from kg.read.documents import Skipped, read_bytes

    batch = batch or BATCH
    window = window or max(4, 4 * sum(client.nthreads().values()))
    todo = iter(files)
    pending: dict[Any, list[str]] = {}  # a batch's future -> its documents' content hashes
    running = as_completed()

    def submit() -> Iterator[Skipped]:
        """Read the next batch of documents and send it (the files it skips, yielded)."""
        items, hashes = [], []
        for path, display in todo:
            data = read_bytes(path, display, max_bytes)
            if isinstance(data, Skipped):
                yield data
                continue
            content_hash = hashlib.sha256(data).hexdigest()
            items.append((data, display, cache.get(content_hash) if cache is not None else None))
            hashes.append(content_hash)
            if len(items) == batch:
                break
        if items:
            future = client.submit(_batch, items, budget, retries=RETRIES, pure=False)
            pending[future] = hashes
            running.add(future)

    while len(pending) < window:
        sent = len(pending)
        yield from submit()
        if len(pending) == sent:
            break  # every file is sent
    for future in running:
        results = future.result()
        hashes = pending.pop(future)
        future.release()
        for (outcome, made), content_hash in zip(results, hashes):
            if made is not None and cache is not None:
                cache.put(content_hash, made)
            yield outcome
        yield from submit()  # one batch in, one out
