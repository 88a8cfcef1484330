"""Where the heavy, pure work runs: in this process, a local process pool, or a Dask cluster.

It sits in store/, the earliest stage that needs it (the bulk import), and imports nothing
from lawdiff but the error type: it knows nothing of documents or git, and any later stage
(site, bulk diffs) can hand it a picklable function and items.  `Executor.map` returns the results in the order of the items, sending them in
chunks of `chunk` items (one task each: a version takes ~20 ms, and a Dask task costs a round
trip through the scheduler, so single-item tasks would spend much of their time travelling) with
at most `window` chunks in flight, so a caller that writes results one by one (git: one
writer, in date order) holds a bounded number of them in memory whichever executor ran.
The function should catch what it expects (a bad file) and return it as a value: an
exception raised in a task stops the whole map.

- `jobs=1`: inline, no pool (tests, debugging, a machine with one core).
- `jobs=N`: `concurrent.futures.ProcessPoolExecutor` with N processes.
- `scheduler="tcp://HOST:8786"`: a `distributed.Client` on a running Dask scheduler
  (`dask scheduler`, `dask worker tcp://HOST:8786` on each machine; see docs/scale.md).
"""

from __future__ import annotations

import collections
import os
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator, Protocol, TypeVar

from lawdiff.errors import LawdiffError

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    workers: int
    name: str

    def map(self, fn: Callable[[T], R], items: Iterable[T], window: int | None = None,
            chunk: int = 8) -> Iterator[R]: ...

    def close(self) -> None: ...


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    """One task: `fn` over a chunk of items (module level, so that workers can unpickle it)."""
    return [fn(item) for item in chunk]


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _ordered(submit: Callable[[list[T]], Any], result: Callable[[Any], list[R]], items: Iterable[T],
             window: int, chunk: int) -> Iterator[R]:
    """Results in item order, keeping at most `window` chunks submitted and not yet yielded."""
    pending: collections.deque[Any] = collections.deque()
    for part in _chunks(items, max(1, chunk)):
        pending.append(submit(part))
        if len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


class InlineExecutor:
    workers = 1
    name = "inline"

    def map(self, fn: Callable[[T], R], items: Iterable[T], window: int | None = None,
            chunk: int = 8) -> Iterator[R]:
        return (fn(item) for item in items)

    def close(self) -> None:
        pass


class ProcessExecutor:
    name = "process pool"

    def __init__(self, jobs: int) -> None:
        self.workers = jobs
        self.pool = ProcessPoolExecutor(max_workers=jobs)

    def map(self, fn: Callable[[T], R], items: Iterable[T], window: int | None = None,
            chunk: int = 8) -> Iterator[R]:
        return _ordered(lambda part: self.pool.submit(run_chunk, fn, part), Future.result, items,
                        window or self.workers * 3, chunk)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    name = "dask"

    def __init__(self, address: str) -> None:
        # Imported here: `distributed` takes ~1.2 s to import (measured), paid only when a
        # scheduler is named, never by the rest of the command line.
        try:
            from distributed import Client
        except ImportError:
            raise LawdiffError("--scheduler needs the `distributed` package (pip install distributed)") from None
        try:
            self.client = Client(address, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise LawdiffError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
        self.workers = max(1, sum(self.client.nthreads().values()))
        self.name = f"dask ({self.workers} worker threads at {address})"

    def map(self, fn: Callable[[T], R], items: Iterable[T], window: int | None = None,
            chunk: int = 8) -> Iterator[R]:
        # pure=False: two equal chunks are two tasks (never merged by Dask's key hashing).
        return _ordered(lambda part: self.client.submit(run_chunk, fn, part, pure=False), lambda f: f.result(),
                        items, window or self.workers * 3, chunk)

    def close(self) -> None:
        self.client.close()


def make_executor(jobs: int | None = None, scheduler: str | None = None) -> Executor:
    """The executor the options ask for: a Dask cluster when a scheduler is named, else local."""
    if scheduler:
        return DaskExecutor(scheduler)
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise LawdiffError(f"--jobs {jobs}: give at least 1")
    return InlineExecutor() if jobs == 1 else ProcessExecutor(jobs)
