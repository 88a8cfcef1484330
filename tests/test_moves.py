"""Paragraphs that moved into another article: the parts evidence in the JSON and how every
output names the move ("移至第三十九条" / "moved to 第三十九条", "由第三十五条移来").

The pair is the real Shanghai business-environment regulation (2020 -> 2024): the last
paragraph of old 第三十五条 (defect insurance) became new 第三十九条, the second paragraph
of old 第五十六条 (credit repair) became new 第六十七条.
"""

from __future__ import annotations

import json
from functools import lru_cache

from helpers import CORPUS

from lawdiff.compare.differ import compare
from lawdiff.compare.formats import html, markdown, text
from lawdiff.compare.formats import json as json_format
from lawdiff.compare.result import Change, DiffResult
from lawdiff.akn.load import parse_file
from lawdiff.site import views

PAIR = CORPUS / "zh" / "shanghai-business-environment"


@lru_cache(maxsize=None)
def result() -> DiffResult:
    return compare(parse_file(PAIR / "01-adopted-2020-04-10.md"), parse_file(PAIR / "02-amended-2024-09-27.md"))


def change_of(old_number: str) -> Change:
    return next(c for c in result().changes if [a.number for a in c.old] == [old_number])


def test_split_carries_the_parts_evidence_in_the_json() -> None:
    data = json.loads(json_format.render(result()))
    split = next(c for c in data["changes"] if [a["number"] for a in c["from"]] == ["35"])
    assert split["type"] == "split" and [b["number"] for b in split["to"]] == ["37", "39"]
    parts = {(p["from"], p["to"], p["relation"]) for p in split["parts"]}
    assert ("art_35__para_5", "art_39__para_1", "moved") in parts
    assert ("art_35__para_1", "art_37__para_1", "kept") in parts  # word for word in the successor
    assert ("art_35__para_2", "art_37__para_2", "rewritten") in parts
    # Nothing of old 35 went to new 38 (its architect clause is too short to count).
    assert not any(p["to_article"] == "38" for p in split["parts"])
    # Unchanged, added and removed articles have no parts.
    assert all("parts" not in c for c in data["changes"] if c["type"] in ("unchanged", "added", "removed"))


def test_moved_paragraphs_are_named_on_their_redline_rows() -> None:
    change = change_of("56")
    moved = [(p.old_index, p.new_index, p.moved_to, p.moved_from) for p in change.paragraphs
             if p.moved_to or p.moved_from]
    assert (1, 2, "第六十七条", "第五十六条") in moved
    # Paragraph 0 stayed in the successor (第六十六条): no note on it.
    assert all(p.moved_to == "" for p in change.paragraphs if p.old_index == 0)


def test_text_markdown_and_html_say_where_the_paragraph_went() -> None:
    only = DiffResult(result().old_meta, result().new_meta, [change_of("35"), change_of("56")])
    out = text.render(only)
    assert "(moved from 第三十五条 to 第三十九条)" in out
    assert "(moved from 第五十六条 to 第六十七条)" in out
    md = markdown.render(only)
    assert "*（移至第六十七条）*" in md and "*（由第五十六条移来）*" in md
    row = next(line for line in md.split("\n") if line.startswith("| **第五十六条**"))
    left, right = row.split(" | ")[0], row.split(" | ")[1]
    assert "移至" in left and "移来" not in left and "移来" in right and "移至" not in right
    page = html.render(only)
    assert '<span class="moved">由第三十五条移至第三十九条</span>' in page


def test_site_table_sides_keep_their_own_note() -> None:
    rows = [r for r in views.rows(result(), "zh") if r.change.type == "split"]
    row = next(r for r in rows if [a.number for a in r.change.old] == ["56"])
    left = [op for p in row.left for op in p]
    right = [op for p in row.right for op in p]
    assert ("moved_to", "移至第六十七条") in left and not any(kind == "moved_from" for kind, _ in left)
    assert ("moved_from", "由第五十六条移来") in right and not any(kind == "moved_to" for kind, _ in right)
    english = next(r for r in views.rows(result(), "en") if [a.number for a in r.change.old] == ["56"])
    assert ("moved_to", "moved to 第六十七条") in [op for p in english.left for op in p]


def test_a_one_to_one_modification_names_no_move() -> None:
    for change in result().changes:
        if len(change.old) == 1 and len(change.new) == 1:
            assert not any(p.moved_to or p.moved_from for p in change.paragraphs)
            assert all(part.relation != "moved" for part in change.parts)
