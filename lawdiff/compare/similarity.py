"""What alignment measures: an article as the aligner sees it (normalised text, bigram
features), IDF weights and the weighted Dice similarity, the inverted-index search for the
pairs worth scoring, and the one order in which both levels (articles, sentences) break ties.

Document frequencies, and so the weights, belong to one comparison: a bigram that is rare in
one law says much there and little in another.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from lawdiff.text.normalize import features, mask_references, normalize

TOP_K = 8  # candidates kept per article
HEADING_PREFIX = "\x1eh"  # heading features are kept apart from body features


@dataclass
class ArticleView:
    """What alignment knows about one article; the normalised forms are computed on demand.

    Most articles of a new version are byte-identical to one of the old version, and
    those never need normalising: that keeps a 1,000-article code fast.
    """

    index: int
    number: str
    body: str  # as stored: paragraphs joined by "\n"
    heading: str  # as stored, without brackets
    _norm: str | None = None
    _key: str | None = None
    _head: str | None = None
    feats: set[str] = field(default_factory=set)  # filled only for articles that need them
    weight: float = -1.0  # IDF weight of feats, computed on demand

    @property
    def norm(self) -> str:
        """Normalised body: equal for two articles that differ only in formatting."""
        if self._norm is None:
            self._norm = normalize(self.body)
        return self._norm

    @property
    def key(self) -> str:
        """Normalised body with cross-reference numbers masked: the exact-match key."""
        if self._key is None:
            self._key = mask_references(self.norm)
        return self._key

    @property
    def head(self) -> str:
        if self._head is None:
            self._head = normalize(self.heading)
        return self._head

    def compute_features(self) -> set[str]:
        """Bigrams of the masked text, and of the heading kept apart."""
        feats = features(self.key)
        if self.heading:
            feats |= {HEADING_PREFIX + f for f in features(self.head)}
        return feats


def make_view(index: int, number: str, body: str, heading: str) -> ArticleView:
    return ArticleView(index, number, body, heading)


class Scorer:
    """IDF weights and the weighted Dice similarity.

    Document frequencies come from the articles still to be aligned plus an even sample
    of the exactly matched pairs (each counted `stride` times), so that a large code with
    few changes does not pay for bigrams of articles that are already settled.  An
    article present on both sides counts once: repeats say nothing about rarity.
    """

    def __init__(self, corpus: list[ArticleView], sample: list[ArticleView], stride: int) -> None:
        df: Counter[str] = Counter()
        for view in corpus:
            df.update(view.feats)
        for view in sample:
            df.update(dict.fromkeys(view.feats, stride))
        total = len(corpus) + len(sample) * stride + 1
        self.idf = {f: math.log(total / n) for f, n in df.items()}
        self.df = df
        # Features in many articles say little and make postings long: left out of the
        # candidate search (still counted in the exact scores).
        self.max_df = max(20, total // 50)

    def weight(self, feats: set[str]) -> float:
        # fsum: exact, so the same whatever order the set yields its features (that order follows
        # the hash seed; a plain sum's rounding did too, and with it a tie between two links)
        return math.fsum(map(self.idf.__getitem__, feats))

    def view_weight(self, view: ArticleView) -> float:
        if view.weight < 0:
            view.weight = self.weight(view.feats)
        return view.weight

    def dice(self, a: ArticleView, b: ArticleView) -> float:
        if a.body == b.body or a.key == b.key:
            return 1.0
        total = self.view_weight(a) + self.view_weight(b)
        return 2 * self.weight(a.feats & b.feats) / total if total else 0.0


def shared_weights(idf: dict[str, float], wanted_df: Counter[str], max_df: int,
                    queries: list[set[str]], targets: list[set[str]]) -> list[dict[int, float]]:
    """For each query feature set, the targets sharing rare features, with the weight shared.

    An inverted index over the targets, restricted to features some query holds and that
    are rare enough (`wanted_df[f] <= max_df`): no loop over all pairs.
    """
    wanted: set[str] = set()
    for q in queries:
        wanted |= q
    wanted = {f for f in wanted if wanted_df[f] <= max_df}
    postings: dict[str, list[int]] = defaultdict(list)
    for pos, t in enumerate(targets):
        for f in t & wanted:
            postings[f].append(pos)
    out: list[dict[int, float]] = []
    for q in queries:
        acc: dict[int, float] = defaultdict(float)
        for f in sorted(q & wanted):  # in one order: float sums round by order, sets by hash seed
            w = idf[f]
            for pos in postings[f]:
                acc[pos] += w
        out.append(acc)
    return out


def top(acc: dict[int, float], k: int) -> list[int]:
    """The k keys of largest weight, ties at the k-th weight going to the smaller keys
    (deterministic); in no particular order.

    The k-th weight is found by sorting the bare floats, then the keys above it and the
    smallest tied ones are taken: half the time of a heap over (weight, key) tuples (measured
    on the company-law revision's candidate search)."""
    if len(acc) <= k:
        return list(acc)
    kth = sorted(acc.values(), reverse=True)[k - 1]
    best = [pos for pos, w in acc.items() if w > kth]
    return best + sorted(pos for pos, w in acc.items() if w == kth)[:k - len(best)]


def top_both_ways(idf: dict[str, float], wanted_df: Counter[str], max_df: int,
                   olds: list[set[str]], news: list[set[str]], k: int = TOP_K) -> list[tuple[int, int]]:
    """(old, new) position pairs where either is among the k best of the other, from one index pass."""
    found: set[tuple[int, int]] = set()
    by_old: dict[int, dict[int, float]] = defaultdict(dict)
    for b, acc in enumerate(shared_weights(idf, wanted_df, max_df, news, olds)):
        found |= {(a, b) for a in top(acc, k)}
        for a, w in acc.items():
            by_old[a][b] = w
    for a, acc in by_old.items():
        found |= {(a, b) for b in top(acc, k)}
    return sorted(found)


def pair_order(value: float, i: int, j: int, old_body: str, new_body: str) -> tuple[float, int, int, tuple[str, str]]:
    """Sort key for greedy choices, best first, the same whichever side is old: then the nearer
    pair, then the earlier one; a pair and its transpose ((i, j) and (j, i)) are told apart by
    their texts."""
    return (-value, abs(i - j), i + j, (old_body, new_body) if old_body <= new_body else (new_body, old_body))
