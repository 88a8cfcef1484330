"""Write lawdiff/text/legal_terms.txt: the legal terms jieba must keep whole.

Run from the repository root: `.venv/bin/python scripts/build_legal_terms.py` (add `--check`
to fail when the committed file is out of date).  The terms come from the Chinese laws bundled
with the repository (`tests/data/corpus/zh/` and `drafts/`), parsed by lawdiff itself:

- defined terms: what a law defines (`本法所称X，是指…`, `X（以下简称“Y”）`, `简称“Y”`);
- heading terms: the names a law is organised by.  A chapter, section or article heading is
  cut at its function words and punctuation (的、和、与、及、或者…); a piece that jieba's own
  dictionary cuts into exactly two words is a compound it does not know (股东 + 大会,
  高级 + 管理人员, 监事 + 会); a piece of three or more words is a phrase (激发 / 创新 /
  活力), and a piece of one word jieba keeps whole already.

The output is sorted and has no dates, so the same corpus always gives the same bytes.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawdiff.errors import LawdiffError  # noqa: E402
from lawdiff.ingest.manifest import load_manifests  # noqa: E402
from lawdiff.model import Document  # noqa: E402
from lawdiff.akn.load import parse_file  # noqa: E402
from lawdiff.text.normalize import display_text  # noqa: E402
from lawdiff.text.scripts import HAN  # noqa: E402
from lawdiff.text.words import LEGAL_TERMS  # noqa: E402

HEADING_SPLIT = {"的", "和", "与", "及", "以及", "或者", "或", "等", "对", "中", "之"}
HEADING_MAX = 8
CONTEXT = 4  # characters either side of a use of a term that decide its cut
MAX_USES = 200  # uses of one term looked at (the Civil Code repeats some hundreds of times)
BRACKETS = set("()（）[]【】〔〕")
TERM_MIN, TERM_MAX = 2, 12
_HAN_ONLY = re.compile(rf"^[{HAN}]+$")
_Q = "[“\"「]?"
_Q_END = "[”\"」]?"
DEFINED = [
    re.compile(rf"(?:本法|本条例|本规定|本办法|本决定|本细则|本编|本章|本节|本条|前款|前两款|前三款)所称(?:的)?{_Q}([{HAN}]{{2,12}}?){_Q_END}(?:，|,)?(?:是指|系指|包括|指)"),
    re.compile(rf"以下(?:简称|称){_Q}([{HAN}]{{2,12}}){_Q_END}[)）]"),
    re.compile(rf"简称[“\"「]([{HAN}]{{2,12}})[”\"」]"),
]


def sources() -> list[Path]:
    """The Chinese texts: every corpus file under zh/, every draft whose manifest says zho."""
    paths = sorted(p for p in (ROOT / "tests/data/corpus/zh").rglob("*") if p.suffix in (".md", ".txt"))
    for manifest in load_manifests(ROOT / "drafts"):
        if manifest.lang == "zho":
            paths.extend(version.path for version in manifest.versions)
    return sorted(set(paths))


def heading_terms(heading: str, cutter: jieba.Tokenizer) -> set[str]:
    out: set[str] = set()
    piece: list[str] = []
    bracket_before = False  # a piece next to a bracket is part of a longer name: 妨害国（边）境
    for word in list(cutter.cut(heading, HMM=False)) + ["、"]:
        if _HAN_ONLY.match(word) and word not in HEADING_SPLIT:
            piece.append(word)
            continue
        text = "".join(piece)
        bracket = word in BRACKETS
        if (len(piece) == 2 or (len(piece) == 1 and len(text) >= 3)) and len(text) <= HEADING_MAX \
                and not bracket and not bracket_before:
            out.add(text)
        piece = []
        bracket_before = bracket
    return out


def _cut_off(heading: str) -> bool:
    """A bracketed heading with no closing bracket was cut off (OCR): its last word is a fragment."""
    return heading[:1] in "(（" and heading.rstrip()[-1:] not in ")）"


def document_terms(doc: Document, cutter: jieba.Tokenizer) -> set[str]:
    terms: set[str] = set()
    for top in doc.body:
        for node in top.walk():
            if node.heading and not _cut_off(node.heading):
                terms |= heading_terms(node.heading_text, cutter)
            for pattern in DEFINED:
                terms.update(m.group(1) for m in pattern.finditer(node.text))
    return {t for t in terms if TERM_MIN <= len(t) <= TERM_MAX and "的" not in t}


def han_runs(doc: Document) -> list[str]:
    """The runs of Han characters in the document's headings and texts, wrap spaces ignored."""
    runs: list[str] = []
    for top in doc.body:
        for node in top.walk():
            for text in (node.heading, node.text):
                runs.extend(re.findall(rf"[{HAN}]+", display_text(text)))
    return runs


def frequencies(terms: list[str], runs: list[str]) -> dict[str, int]:
    """A jieba frequency for each term high enough that it comes out whole where the laws use it.

    jieba adds a word with a frequency that keeps the word whole on its own, but next to other
    words a split can still score higher (股东大会决议 -> 股东 / 大会决议).  Each term's frequency is
    doubled until every use in the corpus (CONTEXT characters either side) keeps it whole, up to
    the frequency of jieba's most frequent word.
    """
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for term in terms:
        tokenizer.add_word(term)
    ceiling = max(tokenizer.FREQ.values())
    uses: dict[str, list[str]] = {term: [] for term in terms}
    for run in runs:
        for term in terms:
            start = run.find(term)
            while start >= 0 and len(uses[term]) < MAX_USES:
                uses[term].append(run[max(0, start - CONTEXT):start + len(term) + CONTEXT])
                start = run.find(term, start + 1)
    out: dict[str, int] = {}
    for term in terms:  # in sorted order, so the result does not depend on set order
        freq = tokenizer.FREQ[term]
        while freq < ceiling and not all(term in tokenizer.lcut(use, HMM=False) for use in uses[term]):
            freq = min(freq * 2, ceiling)
            tokenizer.add_word(term, freq)
        out[term] = freq
    return out


def build() -> str:
    jieba.setLogLevel(logging.WARNING)
    cutter = jieba.Tokenizer()  # jieba's own dictionary only: the output must not feed on itself
    terms: set[str] = set()
    runs: list[str] = []
    for path in sources():
        try:
            doc = parse_file(path)
        except LawdiffError:  # not a law (an amending instrument's text): nothing to name
            continue
        terms |= document_terms(doc, cutter)
        runs.extend(han_runs(doc))
    ordered = sorted(terms)
    freq = frequencies(ordered, runs)
    header = ["# Legal terms jieba keeps whole (lawdiff.text.words): term and jieba frequency.",
              "# Generated by scripts/build_legal_terms.py from tests/data/corpus/zh and drafts/; do not edit by hand."]
    return "\n".join(header + [f"{term} {freq[term]}" for term in ordered]) + "\n"


def main() -> int:
    text = build()
    if "--check" in sys.argv[1:]:
        if LEGAL_TERMS.read_text(encoding="utf-8") != text:
            print(f"{LEGAL_TERMS.relative_to(ROOT)} is out of date: run scripts/build_legal_terms.py")
            return 1
        return 0
    LEGAL_TERMS.write_text(text, encoding="utf-8")
    print(f"{LEGAL_TERMS.relative_to(ROOT)}: {text.count(chr(10)) - 2} terms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
