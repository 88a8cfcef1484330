"""Generic sequence algorithms (no knowledge of laws): the heaviest common chain of pairs."""

from __future__ import annotations


def heaviest_chain(pairs: list[tuple[int, int, float]]) -> list[int]:
    """Positions (in `pairs`) of the strictly increasing chain in both i and j with the largest total weight.

    A weighted longest common subsequence over sparse pairs: O(P log P) with a Fenwick
    tree of prefix maxima.  Ties go to the earlier pair, so the result is deterministic.
    """
    if not pairs:
        return []
    order = sorted(range(len(pairs)), key=lambda p: (pairs[p][0], -pairs[p][1], p))
    size = max(j for _, j, _ in pairs) + 2
    tree_val = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    prev = [-1] * len(pairs)
    score = [0.0] * len(pairs)

    def query(j: int) -> tuple[float, int]:  # best over columns < j
        best, arg = 0.0, -1
        x = j
        while x > 0:
            if tree_val[x] > best:
                best, arg = tree_val[x], tree_arg[x]
            x -= x & -x
        return best, arg

    def update(j: int, value: float, arg: int) -> None:
        x = j + 1
        while x <= size:
            if value > tree_val[x]:
                tree_val[x], tree_arg[x] = value, arg
            x += x & -x

    for p in order:
        i, j, w = pairs[p]
        best, arg = query(j)
        score[p] = best + w
        prev[p] = arg
        update(j, score[p], p)
    end = max(range(len(pairs)), key=lambda p: (score[p], -p))
    chain: list[int] = []
    while end != -1:
        chain.append(end)
        end = prev[end]
    return chain[::-1]
