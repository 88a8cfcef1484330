"""The hand-checked article alignments of real revisions (tests/data/gold-dev) and their scoring.

Shared by the gold test (tests/test_gold.py) and the benchmark (bench/align_eval.py), so
both read the files and count pairs the same way.  The format and the scoring are
defined in tests/data/gold-dev/README.md:

* a pair is `(old, new)` for a link, `(None, new)` for an added article and
  `(old, None)` for a removed one; numbers as printed in the files (`120-1` for 第120条之1);
* a change the diff reports with several old and several new articles contributes every
  `(old, new)` combination;
* the principal-successor score leaves out the links whose note says `part:`: those
  pairs are neither required nor counted as errors, so a diff that finds a moved paragraph
  is not punished for it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lawdiff.compare.differ import compare
from lawdiff.compare.result import DiffResult
from lawdiff.akn.load import parse_file

GOLD_DEV = Path(__file__).parent / "data" / "gold-dev"
CORPUS_ZH = Path(__file__).parent / "data" / "corpus" / "zh"

Pair = tuple[str | None, str | None]


@dataclass
class Gold:
    name: str
    old_path: Path
    new_path: Path
    pairs: set[Pair]  # every row: links, added, removed
    parts: set[Pair]  # the links whose note marks them `part:`


@dataclass
class Score:
    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.true_positives + other.true_positives, self.predicted + other.predicted,
                     self.expected + other.expected)


def read_gold(tsv: Path, corpus: Path = CORPUS_ZH) -> Gold:
    """One gold file with the two corpus files it describes (old = `01-*`, new = `02-*`)."""
    pairs: set[Pair] = set()
    parts: set[Pair] = set()
    lines = tsv.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if not line.strip():
            continue
        old, new, _relation, note = (line.split("\t") + [""] * 4)[:4]
        pair: Pair = (old or None, new or None)
        pairs.add(pair)
        if note.startswith("part:") and old and new:
            parts.add(pair)
    # The two texts live next to the file (tests/data/gold-held/<name>/) or in the corpus
    # (tests/data/corpus/zh/<name>/, the gold-dev pairs).
    folder = tsv.parent / tsv.stem if (tsv.parent / tsv.stem).is_dir() else corpus / tsv.stem
    return Gold(tsv.stem, sorted(folder.glob("01-*"))[0], sorted(folder.glob("02-*"))[0], pairs, parts)


RELATIONS = {"same", "modified", "split", "merged", "removed", "added"}
_WHITESPACE = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")


def check(gold: Gold, tsv: Path) -> list[str]:
    """What breaks the format rules of the gold README in `tsv` (empty when nothing does).

    Article numbers and texts come from the parser, so the file is checked against the
    articles lawdiff sees: every article of each side listed, no pair twice, and each
    relation the one the links imply (`same` only for texts equal up to whitespace; in an
    n:m cluster `merged` only on the old article's main successor)."""
    old_texts = {a.number: a.body_text() for a in parse_file(gold.old_path).articles()}
    new_texts = {a.number: a.body_text() for a in parse_file(gold.new_path).articles()}
    lines = tsv.read_text(encoding="utf-8").splitlines()
    errors = [] if lines[:1] == ["old\tnew\trelation\tnote"] else ["header is not old<TAB>new<TAB>relation<TAB>note"]
    rows = [(n, (line.split("\t") + [""] * 4)[:4]) for n, line in enumerate(lines[1:], 2) if line.strip()]
    links = {(old, new) for _, (old, new, _, _) in rows if old and new}
    successors, predecessors = Counter(old for old, _ in links), Counter(new for _, new in links)
    for pair, count in Counter((old, new) for _, (old, new, _, _) in rows).items():
        if count > 1:
            errors.append(f"pair {pair} occurs {count} times")
    for n, (old, new, relation, note) in rows:
        if relation not in RELATIONS:
            errors.append(f"line {n}: unknown relation {relation!r}")
            continue
        if (old and old not in old_texts) or (new and new not in new_texts):
            errors.append(f"line {n}: no article {old or new} on that side")
            continue
        if not old or not new:
            expected = "added" if new else "removed"
            if relation != expected or (not old and not new):
                errors.append(f"line {n}: {relation} row with old={old!r} new={new!r}")
            continue
        if successors[old] > 1 and predecessors[new] > 1:
            expected = "merged" if "main successor" in note else "split"
        elif successors[old] > 1:
            expected = "split"
        elif predecessors[new] > 1:
            expected = "merged"
        elif _WHITESPACE.sub("", old_texts[old]) == _WHITESPACE.sub("", new_texts[new]):
            expected = "same"
        else:
            expected = "modified"
        if relation != expected:
            errors.append(f"line {n}: {old} -> {new} is {relation}, the links make it {expected}")
    for side, texts, listed in (("old", old_texts, {r[0] for _, r in rows}), ("new", new_texts, {r[1] for _, r in rows})):
        errors.extend(f"{side} article {number} is missing" for number in texts if number not in listed)
    return errors


def read_gold_dir(folder: Path = GOLD_DEV, corpus: Path = CORPUS_ZH) -> list[Gold]:
    return [read_gold(tsv, corpus) for tsv in sorted(folder.glob("*.tsv"))]


def predicted_pairs(result: DiffResult) -> set[Pair]:
    """The pairs a diff reports, in the gold's terms."""
    out: set[Pair] = set()
    for change in result.changes:
        olds = [a.number for a in change.old] or [None]
        news = [b.number for b in change.new] or [None]
        out |= {(a, b) for a in olds for b in news}
    return out


def reported_pairs(result: DiffResult) -> set[Pair]:
    """Every link a diff reports: its changes' pairs, and the paragraphs it says moved between
    the articles of two changes (or into an added article, out of a removed one), which the
    redline names ("移至第三十八条") though no change pairs the two articles."""
    return predicted_pairs(result) | {(part.old_number, part.new_number)
                                      for change in result.changes for part in change.parts}


def ceiling(gold: Gold) -> Score:
    """The score of the best diff whose changes do not overlap (each article in one change, every
    (old, new) combination of a change counted, as the gold README scores).

    A cluster of links that is not complete (old 3 -> new 3 and 4, old 4 -> new 4: a paragraph
    moved between two changed articles) cannot be one change without a pair that is no link
    (4 -> 3), nor two without losing one.  Per cluster, every way of cutting its articles into
    changes is tried (the clusters of real revisions have at most a few articles; above
    CEILING_SEARCH, the cluster as one change or as each old article's successors alone), keeping
    the one with most links found less pairs reported (2 * true - reported: what raises F1 near 1).
    """
    links = sorted((old, new) for old, new in gold.pairs if old is not None and new is not None)
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(node: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for old, new in links:
        parent[root(("o", old))] = root(("n", new))
    clusters: dict[tuple[str, str], set[Pair]] = {}
    for old, new in links:
        clusters.setdefault(root(("o", old)), set()).add((old, new))
    true_positives, predicted = len(gold.pairs), len(gold.pairs)
    for cluster in clusters.values():
        olds = sorted({o for o, _ in cluster if o is not None})
        news = sorted({n for _, n in cluster if n is not None})
        if len(olds) * len(news) == len(cluster):
            continue  # complete: one change reports it exactly
        found, reported = _best_cut(cluster, olds, news)
        true_positives += found - len(cluster)
        predicted += reported - len(cluster)
    return Score(true_positives, predicted, len(gold.pairs))


CEILING_SEARCH = 10  # articles in a cluster up to which every cut is tried


def _best_cut(cluster: set[Pair], olds: list[str], news: list[str]) -> tuple[int, int]:
    """(links found, pairs reported) of the best cut of one cluster into changes (see ceiling)."""
    articles = [("o", o) for o in olds] + [("n", n) for n in news]

    def rate(labels: list[int]) -> tuple[int, int]:
        blocks: dict[int, tuple[list[str | None], list[str | None]]] = {}
        for (side, number), label in zip(articles, labels):
            blocks.setdefault(label, ([], []))[0 if side == "o" else 1].append(number)
        pairs: set[Pair] = set()
        for block_olds, block_news in blocks.values():
            pairs |= {(o, n) for o in block_olds or [None] for n in block_news or [None]}
        return len(pairs & cluster), len(pairs)

    def cuts(prefix: list[int], used: int) -> Iterator[list[int]]:
        if len(prefix) == len(articles):
            yield prefix
            return
        for label in range(used + 1):
            yield from cuts(prefix + [label], max(used, label + 1))

    if len(articles) <= CEILING_SEARCH:
        candidates: Iterator[list[int]] = cuts([], 0)
    else:
        whole = [0] * len(articles)
        stars = list(range(len(olds))) + [min(olds.index(o) for o, n in cluster if n == new and o is not None)
                                          for new in news]
        candidates = iter([whole, stars])
    return max((rate(labels) for labels in candidates), key=lambda r: (2 * r[0] - r[1], r[0]))


def score(gold: Gold, predicted: set[Pair], with_parts: bool = True) -> Score:
    expected = gold.pairs if with_parts else gold.pairs - gold.parts
    judged = predicted if with_parts else predicted - gold.parts
    return Score(len(judged & expected), len(judged), len(expected))


def run(gold: Gold) -> tuple[DiffResult, set[Pair]]:
    result = compare(parse_file(gold.old_path), parse_file(gold.new_path))
    return result, predicted_pairs(result)
