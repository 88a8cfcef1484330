"""Whole words in redlines and amendments, over every bundled pair of versions.

For each consecutive pair of versions in drafts/*/lawdiff.toml this script

- redlines every changed article (`lawdiff.compare.differ.compare`) and counts the changes
  (deleted or inserted runs) that start or end inside a word of their side's text;
- writes the amending instrument (`lawdiff.amend.planner.build_amendment`) and counts the
  quoted strings of word-level items (将“A”修改为“B”, 在“A”后增加“B”, 删去“A”) that start or end
  inside a word of the article they quote (“A” in FROM, “B” in TO);
- applies the written instrument to FROM and checks that it gives TO (the round trip).

Words are those of `lawdiff.text.words` (jieba, HMM off, with the legal-terms dictionary).
The target is 0 fragments and every round trip exact.

    .venv/bin/python bench/word_edits.py            # a summary per pair and in all
    .venv/bin/python bench/word_edits.py --verbose  # and every fragment found
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawdiff.amend.planner import build_amendment, pairs_from_diff  # noqa: E402
from lawdiff.compare.differ import compare  # noqa: E402
from lawdiff.compare.redline import side_edits  # noqa: E402
from lawdiff.ingest.manifest import load_manifests  # noqa: E402
from lawdiff.model import Document, Node  # noqa: E402
from lawdiff.akn.load import parse_file  # noqa: E402
from lawdiff.text.normalize import display_text  # noqa: E402
from lawdiff.text.words import boundaries, quoted_whole  # noqa: E402

QUOTING = ("replace_text", "insert_text", "delete_text")


def leaf_texts(article: Node) -> list[str]:
    return [display_text(n.text) for n in article.walk() if n.text] + ([display_text(article.heading)]
                                                                         if article.heading else [])


def redline_fragments(old: Document, new: Document) -> tuple[int, list[str]]:
    """(changes counted, the ones that cut a word) over the redline of every changed article."""
    counted, bad = 0, []
    cuts_of: dict[str, set[int]] = {}
    for change in compare(old, new).changes:
        for paragraph in change.paragraphs:
            for side, text, pos, piece in side_edits(paragraph.ops):
                counted += 1
                if text not in cuts_of:
                    cuts_of[text] = set(boundaries(text))
                cuts = cuts_of[text]
                if pos not in cuts or pos + len(piece) not in cuts:
                    bad.append(f"{side}: {text[max(0, pos - 6):pos]}[{piece}]{text[pos + len(piece):][:6]}")
    return counted, bad


def amend_fragments(old: Document, new: Document) -> tuple[int, list[str], list[str], str]:
    """(quotes counted, quotes that cut a word, round-trip problems, the instrument text)."""
    diff = compare(old, new)
    pairs = pairs_from_diff(diff)
    amendment = build_amendment(old, new, pairs)
    olds, news = old.articles(), new.articles()
    to_new = {olds[i].number: news[j] for i, j in pairs}
    by_number = {a.number: a for a in olds}
    counted, bad = 0, []
    for item in amendment.instrument.items:
        for op in item.ops:
            if op.kind not in QUOTING:
                continue
            article = op.target.article
            sides = [("FROM", op.old, by_number.get(article))]
            if op.kind != "delete_text":
                sides.append(("TO", op.new, to_new.get(article)))
            for side, quote, node in sides:
                counted += 1
                texts = leaf_texts(node) if node is not None else []
                if not any(quoted_whole(t, display_text(quote)) for t in texts):
                    bad.append(f"item {item.label} ({side} 第{article}条): “{quote}”")
    return counted, bad, amendment.problems, amendment.text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    totals = [0, 0, 0, 0]
    failed_round_trips = 0
    started = time.perf_counter()
    for manifest in load_manifests(ROOT / "drafts"):
        versions = manifest.versions
        for a, b in zip(versions, versions[1:]):
            old, new = parse_file(a.path, lang=manifest.lang), parse_file(b.path, lang=manifest.lang)
            n_red, bad_red = redline_fragments(old, new)
            n_amd, bad_amd, problems, _text = amend_fragments(old, new)
            totals[0] += n_red
            totals[1] += len(bad_red)
            totals[2] += n_amd
            totals[3] += len(bad_amd)
            failed_round_trips += bool(problems)
            print(f"{manifest.slug} {a.label} -> {b.label}: redline {len(bad_red)}/{n_red} cut a word; "
                  f"amend quotes {len(bad_amd)}/{n_amd} cut a word; round trip "
                  f"{'ok' if not problems else 'FAILS: ' + ', '.join(problems[:5])}")
            if args.verbose:
                for line in bad_red + bad_amd:
                    print("    " + line)
    share_red = totals[1] / totals[0] if totals[0] else 0.0
    share_amd = totals[3] / totals[2] if totals[2] else 0.0
    print(f"all pairs: redline changes cutting a word {totals[1]}/{totals[0]} ({share_red:.1%}); "
          f"amend quotes cutting a word {totals[3]}/{totals[2]} ({share_amd:.1%}); "
          f"round trips failing {failed_round_trips}; {time.perf_counter() - started:.1f} s")
    return 0 if totals[1] == totals[3] == failed_round_trips == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
