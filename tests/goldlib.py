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
    folder = corpus / tsv.stem
    return Gold(tsv.stem, sorted(folder.glob("01-*"))[0], sorted(folder.glob("02-*"))[0], pairs, parts)


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


def score(gold: Gold, predicted: set[Pair], with_parts: bool = True) -> Score:
    expected = gold.pairs if with_parts else gold.pairs - gold.parts
    judged = predicted if with_parts else predicted - gold.parts
    return Score(len(judged & expected), len(judged), len(expected))


def run(gold: Gold) -> tuple[DiffResult, set[Pair]]:
    result = compare(parse_file(gold.old_path), parse_file(gold.new_path))
    return result, predicted_pairs(result)
