"""The alignment against the held-out hand-checked revisions of tests/data/gold-held.

These ten real revisions (nine Chinese, and the EU AI Act from the Commission proposal to
the adopted regulation) are measured, never tuned on (see that folder's README): the
floors are what the alignment reached the day they were added, rounded down, so that a
rule fitted to tests/data/gold-dev that makes revisions it was not fitted to worse fails
here.  Every gold file, development and held-out, is also checked against the format
rules of its README (goldlib.check): a gold file that lists an article the parser does
not see, or a relation its links do not imply, would measure nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from goldlib import GOLD_DEV, Score, check, predicted_pairs, read_gold, read_gold_dir, reported_pairs, score

from lawdiff.akn.load import parse_file
from lawdiff.compare.differ import compare

GOLD_HELD = Path(__file__).parent / "data" / "gold-held"
HELD = {gold.name: gold for gold in read_gold_dir(GOLD_HELD)}

# Pair F1 with every link (part: links included), measured with
# `bench/align_eval.py --gold tests/data/gold-held --gold-only`.
FLOORS = {
    "agricultural-product-quality-safety-law": 0.84,
    "animal-husbandry-law": 0.97,
    "anti-money-laundering-law": 0.90,
    "counter-espionage-law": 0.95,
    "emergency-response-law": 0.95,
    "eu-ai-act": 0.96,
    "mineral-resources-law": 0.67,
    "shanghai-science-technology-progress": 0.68,
    "state-secrets-law-regulations": 0.94,
    "wildlife-protection-law": 1.00,
}
# Every link a reader is shown (the changes' pairs and the paragraphs named as moved between two
# changes: align_eval's F1-moves), pooled.
# Measured over the pairs there are (ten: 0.8910), rounded down; a pair added later moves it with
# no change of code (the mineral resources law, a rewrite scored 0.68, took it from 0.9192 to 0.8910).
POOLED_MOVES_FLOOR = 0.89


def test_every_held_out_file_has_a_floor() -> None:
    assert sorted(HELD) == sorted(FLOORS)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_held_out_pair_f1_floor(name: str) -> None:
    gold = HELD[name]
    found = predicted_pairs(compare(parse_file(gold.old_path), parse_file(gold.new_path)))
    result = score(gold, found)
    assert result.f1 >= FLOORS[name], (name, result)


def test_held_out_pooled_floor_of_every_link_shown() -> None:
    shown = Score(0, 0, 0)
    for gold in HELD.values():
        shown += score(gold, reported_pairs(compare(parse_file(gold.old_path), parse_file(gold.new_path))))
    assert shown.f1 >= POOLED_MOVES_FLOOR, shown


@pytest.mark.parametrize("tsv", sorted(GOLD_DEV.glob("*.tsv")) + sorted(GOLD_HELD.glob("*.tsv")),
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_file_follows_its_format_rules(tsv: Path) -> None:
    assert check(read_gold(tsv), tsv) == []


def test_the_format_check_finds_a_dropped_row_and_a_wrong_relation(tmp_path: Path) -> None:
    source = GOLD_HELD / "counter-espionage-law.tsv"
    gold = read_gold(source)
    lines = source.read_text(encoding="utf-8").splitlines()
    same = next(k for k, line in enumerate(lines) if line.split("\t")[2] == "same")
    broken = lines[:1] + lines[2:]  # the first row dropped
    broken[same - 1] = broken[same - 1].replace("\tsame\t", "\tsplit\t")
    tsv = tmp_path / source.name
    tsv.write_text("\n".join(broken) + "\n", encoding="utf-8")
    errors = check(gold, tsv)
    dropped = lines[1].split("\t")
    assert any("is missing" in e and (dropped[0] in e or dropped[1] in e) for e in errors), errors
    assert any("is split, the links make it same" in e for e in errors), errors


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_held_out_diff_backwards_is_the_mirror(name: str) -> None:
    # The articles linked and the paragraphs found on both sides, whichever version comes first.
    gold = HELD[name]
    old, new = parse_file(gold.old_path), parse_file(gold.new_path)
    forwards, backwards = compare(old, new), compare(new, old)
    assert {(b, a) for a, b in predicted_pairs(backwards)} == predicted_pairs(forwards)
    assert {(p.new_eid, p.old_eid, p.relation) for c in backwards.changes for p in c.parts} == \
        {(p.old_eid, p.new_eid, p.relation) for c in forwards.changes for p in c.parts}


def test_a_lone_article_is_linked_by_its_own_words_only_beside_where_the_rest_went() -> None:
    # Measured here, not fitted (the rule was read on the national corpus's revisions): old 29's
    # services (信息查询、服务推介) are the last clause of new 39, right beside where old 27 went;
    # old 16's IP-pledge financing is part of new 19, beside old 15's successor.  New 17 (support
    # for technology-based SMEs) shares 开发新技术、新产品、新工艺 with old 39 (tax preferences),
    # words no partner of old 39 holds, but it sits nowhere near them: a shared phrase, not a
    # rule that moved, and no link.
    gold = HELD["shanghai-science-technology-progress"]
    found = predicted_pairs(compare(parse_file(gold.old_path), parse_file(gold.new_path)))
    for pair in [("29", "39"), ("16", "19")]:
        assert pair in gold.pairs and pair in found, pair
    for pair in [("39", "17"), ("29", None), ("16", None)]:
        assert pair not in gold.pairs and pair not in found, pair
