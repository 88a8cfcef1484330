"""lawdiff.store.executor: results in item order from every executor, in chunks, failures as values."""

from __future__ import annotations

import pytest

from lawdiff.errors import LawdiffError
from lawdiff.store.executor import InlineExecutor, ProcessExecutor, make_executor


def square_or_refuse(n: int) -> int | str:
    return f"refused {n}" if n % 7 == 3 else n * n


@pytest.mark.parametrize("chunk,window", [(1, 1), (3, 2), (8, 3), (100, 1)])
def test_a_process_pool_returns_results_in_item_order(chunk: int, window: int) -> None:
    executor = ProcessExecutor(2)
    try:
        got = list(executor.map(square_or_refuse, iter(range(40)), window=window, chunk=chunk))
    finally:
        executor.close()
    assert got == [square_or_refuse(n) for n in range(40)]


def test_make_executor_follows_the_options() -> None:
    assert isinstance(make_executor(1), InlineExecutor)
    pool = make_executor(2)
    try:
        assert isinstance(pool, ProcessExecutor) and pool.workers == 2
    finally:
        pool.close()
    with pytest.raises(LawdiffError, match="at least 1"):
        make_executor(0)
