"""Paragraphs that moved into another article: the parts evidence in the JSON and how every
output names the move ("移至第三十九条" / "moved to 第三十九条", "由第三十五条移来").

The pair is the real Shanghai business-environment regulation (2020 -> 2024): the last
paragraph of old 第三十五条 (defect insurance) became new 第三十九条, the second paragraph
of old 第五十六条 (credit repair) became new 第六十七条.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache

from helpers import CORPUS, DATA, DRAFTS

import lawdiff.compare.redline as redline_module
from lawdiff.compare.differ import compare
from lawdiff.compare.formats import html, listing, markdown, text
from lawdiff.compare.formats import json as json_format
from lawdiff.compare.result import ArticleInfo, Change, DiffResult, ParagraphDiff
from lawdiff.akn.load import parse_file
from lawdiff.model import Document
from lawdiff.site import views
from lawdiff.text.normalize import features, normalize
from lawdiff.text.numerals import int_to_zh

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
    # Unchanged, added and removed articles have no parts here (nothing moved into or out of them).
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


# -- where each article of a split or merge begins ----------------------------------------------
# A split's redline runs through all its new articles' paragraphs (a merge's through all its old
# ones'); the change's title joins the numbers, so each output also says where each article begins.
def first_paragraph(change: Change, side: str, k: int) -> str:
    return (change.old if side == "old" else change.new)[k].text.split("\n")[0]


def side_of(line: str, side: str) -> str:
    """One side's words of a text-output redline line (`[-deleted-]{+inserted+}`)."""
    if side == "new":
        return re.sub(r"\[-.*?-\]", "", line).replace("{+", "").replace("+}", "")
    return re.sub(r"\{\+.*?\+\}", "", line).replace("[-", "").replace("-]", "")


def test_each_article_of_a_split_is_announced_before_its_first_paragraph() -> None:
    change = change_of("35")  # 第三十五条 -> 第三十七条 (4 paragraphs), 第三十九条
    rows = listing.rows_with_openings(change)
    openings = [row for row in rows if isinstance(row, tuple)]
    assert openings == [("new", "第三十七条"), ("new", "第三十九条")]  # the old side has one article: none
    for (side, _), start in zip(openings, (0, 4)):
        after = rows[rows.index((side, _)) + 1]
        assert isinstance(after, ParagraphDiff) and after.new_index == start
        # nothing of the article comes before its announcement
        before = rows[:rows.index((side, _))]
        assert all(row.new_index is None or row.new_index < start for row in before if isinstance(row, ParagraphDiff))
    one_to_one = next(c for c in result().changes if c.type == "modified")
    assert not any(isinstance(row, tuple) for row in listing.rows_with_openings(one_to_one))


def test_text_markdown_and_html_name_each_article_of_a_split_where_it_begins() -> None:
    change = change_of("35")
    only = DiffResult(result().old_meta, result().new_meta, [change])
    lines = text.render(only).split("\n")
    k = lines.index("-- new 第三十九条")
    assert side_of(lines[k + 1], "new").startswith(first_paragraph(change, "new", 1))
    assert "-- new 第三十七条" in lines and not any(line.startswith("-- old") for line in lines)
    row = next(line for line in markdown.render(only).split("\n") if line.startswith("| **第三十五条**"))
    left, right = row.split(" | ")[0], row.split(" | ")[1]
    assert "**第三十七条**<br>" in right and "**第三十九条**<br>" in right and "**第三十九条**" not in left
    opened = right.split("**第三十九条**<br>")[1].split("<br>")[0]
    assert re.sub(r"\*\*|</?b>", "", opened).startswith(first_paragraph(change, "new", 1))
    page = html.render(only)
    assert '<p class="opens new">新第三十九条</p>' in page and 'class="opens old"' not in page
    # The site's compare page: the paragraph that opens 第三十九条 starts with its label.
    opening = next(p for p in views.redline(change, "zh") if ("opens_new", "第三十九条") in p)
    assert opening[0] == ("opens_new", "第三十九条")
    assert "".join(t for kind, t in opening if kind in ("equal", "insert")).startswith(first_paragraph(change, "new", 1))


@lru_cache(maxsize=None)
def company_law() -> DiffResult:
    pair = CORPUS / "zh" / "company-law"
    return compare(parse_file(pair / "01-amended-2018-10-26.md"), parse_file(pair / "02-revised-2023-12-29.md"))


def test_each_article_of_a_merge_is_named_on_the_old_side() -> None:
    merged = company_law()
    change = next(c for c in merged.changes if [a.number for a in c.old] == ["83", "84"])
    assert change.type == "merged" and [b.number for b in change.new] == ["97"]
    lines = text.render(DiffResult(merged.old_meta, merged.new_meta, [change])).split("\n")
    assert "-- old 第八十三条" in lines and "-- old 第八十四条" in lines
    assert side_of(lines[lines.index("-- old 第八十四条") + 1], "old").startswith(first_paragraph(change, "old", 1))
    # The site's 对照表: each side keeps the openings of its own articles.
    row = next(r for r in views.rows(merged, "zh") if r.change is change)
    left = [op for p in row.left for op in p]
    right = [op for p in row.right for op in p]
    assert ("opens_old", "第八十三条") in left and ("opens_old", "第八十四条") in left
    assert not any(kind.startswith("opens") for kind, _ in right)
    opening = next(p for p in row.left if ("opens_old", "第八十四条") in p)
    assert "".join(t for kind, t in opening if kind in ("equal", "delete")).startswith(first_paragraph(change, "old", 1)[:20])


def test_an_article_with_no_words_is_named_on_the_site_too() -> None:
    # A split whose last new article is a number alone (its text empty): no paragraph of its own
    # carries the label, so the compare page and the new side of the 对照表 name it on a line of its own.
    def info(number: str, text: str) -> ArticleInfo:
        return ArticleInfo(f"art_{number}", f"第{int_to_zh(int(number))}条", number, "", [], text, int(number) - 1)

    old, new = [info("1", "国家保护公民的合法权益。\n公民应当遵守法律。")], [info("1", "国家保护公民的合法权益。"), info("2", "")]
    ops, paragraphs = redline_module.redline(["国家保护公民的合法权益。", "公民应当遵守法律。"], ["国家保护公民的合法权益。", ""])
    change = Change("split", old, new, ops=ops, paragraphs=paragraphs)
    shown = views.redline(change, "zh")
    assert shown[0][0] == ("opens_new", "第一条") and shown[-1] == [("opens_new", "第二条")]
    assert [("opens_new", "第二条")] in views.one_side(shown, "new")
    assert not any(kind.startswith("opens") for p in views.one_side(shown, "old") for kind, _ in p)
    assert ("new", "第二条") in listing.rows_with_openings(change)


# -- the redline pairs paragraphs as the evidence links them ------------------------------------
def test_no_redline_row_contradicts_where_the_evidence_says_a_paragraph_went() -> None:
    """A row pairs two paragraphs only when the parts link them, or neither is linked inside the
    change, or one is (all but) wholly held in the other (redline.align_units)."""
    checked = 0
    for res in (result(), company_law()):
        for change in res.changes:
            went: dict[int, set[int]] = {}
            came: dict[int, set[int]] = {}
            for part in change.parts:
                if part.old_index is not None and part.new_index is not None:
                    went.setdefault(part.old_index, set()).add(part.new_index)
                    came.setdefault(part.new_index, set()).add(part.old_index)
            for p in change.paragraphs:
                if p.old_index is None or p.new_index is None or (p.old_index, p.new_index) in \
                        {(i, j) for i, js in went.items() for j in js}:
                    continue
                if p.old_index in went or p.new_index in came:
                    old_words = features(normalize("".join(t for op, t in p.ops if op != "insert")))
                    new_words = features(normalize("".join(t for op, t in p.ops if op != "delete")))
                    assert redline_module._within(old_words, new_words), (change.old[0].num, p)
                    checked += 1
    assert checked <= 2  # the exception stays one (company law 第六条's first sentence)


def test_a_split_shows_two_swapped_sentences_each_with_its_own() -> None:
    # Company law 第十四条 -> 第十三条、第三十八条: the branch paragraph and the subsidiary paragraph swapped
    # places; the redline must not rewrite the branch into the subsidiary (公司可以设立[-分-]{+子+}公司).
    change = next(c for c in company_law().changes if [a.number for a in c.old] == ["14"])
    rows = {(p.old_index, p.new_index) for p in change.paragraphs}
    assert (1, 0) in rows and (0, 0) not in rows
    assert text.render(DiffResult(company_law().old_meta, company_law().new_meta, [change])).count(
        "公司可以设立子公司[-，-]{+。+}子公司具有法人资格，依法独立承担民事责任。") == 1


# -- a paragraph that moved past others inside a split or merge ----------------------------------
# The redline keeps paragraphs in order, so a paragraph that moved past others reads as a deletion
# and an insertion; both rows name the other's article.
def test_a_paragraph_moved_past_others_in_a_split_names_where_it_went() -> None:
    # EU AI Act, proposal -> regulation: Article 33's first paragraph (notified bodies verify conformity)
    # is the first paragraph of Article 34, nearly word for word; its sentence has look-alikes in other
    # articles, so no sentence evidence links it, and the rest of Article 33 became Article 31.
    ai_act = CORPUS / "en" / "eu-ai-act"
    res = compare(parse_file(ai_act / "01-commission-proposal-2021-04-21.md"),
                  parse_file(ai_act / "04-adopted-regulation-2024-1689.md"))
    change = next(c for c in res.changes if [a.number for a in c.old] == ["33"])
    assert [b.number for b in change.new] == ["31", "34"]
    assert ("art_33__para_1", "art_34__para_1", "moved") in {(p.old_eid, p.new_eid, p.relation) for p in change.parts}
    went = next(p for p in change.paragraphs if p.old_index == 0)
    came = next(p for p in change.paragraphs if p.new_index == 12)  # Article 34's first paragraph
    assert went.new_index is None and went.moved_to == "Article 34"
    assert came.old_index is None and came.moved_from == "Article 33"
    # The paragraphs that stayed in order in Article 31 name no move.
    assert not any(p.moved_to or p.moved_from for p in change.paragraphs if p.old_index in range(1, 11))


def test_a_paragraph_alike_that_only_changed_places_in_its_successor_is_rewritten_not_moved() -> None:
    # EU AI Act, Council general approach (2022) -> regulation: Articles 16 and 19 merged into Article 16,
    # whose point (f) "comply with the registration obligations ..." is now point (i), after the point
    # that came from Article 19.  It stayed in its own article's successor: rewritten, not moved; the
    # two rows of the merge's redline still name each other's article.
    ai_act = CORPUS / "en" / "eu-ai-act"
    res = compare(parse_file(ai_act / "03-council-general-approach-2022-12-06.md"),
                  parse_file(ai_act / "04-adopted-regulation-2024-1689.md"))
    change = next(c for c in res.changes if [a.number for a in c.old] == ["16", "19"])
    relations = {(p.old_eid, p.new_eid): p.relation for p in change.parts}
    assert relations[("art_16__para_nn1__point_f", "art_16__para_nn1__point_i")] == "rewritten"
    assert relations[("art_19__para_1", "art_16__para_nn1__point_g")] == "moved"
    went = next(p for p in change.paragraphs if p.old_index == 7)
    came = next(p for p in change.paragraphs if p.new_index == 9)
    assert (went.new_index, went.moved_to) == (None, "Article 16") and (came.old_index, came.moved_from) == (None, "Article 16")


def test_a_paragraph_kept_in_its_successor_but_moved_past_others_names_it() -> None:
    # Administrative reconsideration law 第二十八条 -> 第六十一条…第七十条: item (一) (the decision to uphold)
    # is the rule of 第六十八条; the evidence links the two (in its successor), the redline cannot pair
    # them in order, and both rows say where the other is.
    drafts = DRAFTS / "administrative-reconsideration-law"
    res = compare(parse_file(drafts / "01-amended-2017-09-01.md"), parse_file(drafts / "02-revised-2023-09-01.md"))
    change = next(c for c in res.changes if [a.number for a in c.old] == ["28"])
    upheld = next(p for p in change.paragraphs if p.old_index is not None and "决定维持" in "".join(t for _, t in p.ops))
    assert upheld.new_index is None and upheld.moved_to == "第六十八条"
    into = next(p for p in change.paragraphs if p.new_index is not None and p.old_index is None
                and "决定维持该行政行为" in "".join(t for _, t in p.ops))
    assert into.moved_from == "第二十八条"


# -- a paragraph carried word for word, without sentence evidence ------------------------------
# 全国人民代表大会常务委员会议事规则 2009 -> 2022 (tests/data/national-pairs): the last paragraph of old
# 第九条 (split into 第十二条、第十三条) is the first paragraph of new 第十四条, word for word.  In the real
# 2022 text 第十四条 sits right beside 第十三条, and the sentences follow the paragraph there by that place
# (test_a_paragraph_beside_where_its_article_went_is_followed_by_its_sentences, below).  Here the 2022
# text has its 第十四条 placed at the end instead (real articles, reordered): the paragraph's sentence
# has a look-alike (全体会议 in old 第三条 -> new 第六条), no place tells them apart, and the alignment's
# sentences do not say where it went; the same text deleted whole once and inserted whole once does.
RULES = DATA / "national-pairs"
RULES_2009 = RULES / "全国人民代表大会常务委员会议事规则(2009-04-24).md"
RULES_2022 = RULES / "全国人民代表大会常务委员会议事规则(2022-06-24).md"
JOINT_SESSION = "常务委员会举行联组会议，由委员长主持。委员长可以委托副委员长主持会议。"
# Deleted whole and inserted whole too, but inside one change (old 第九条 -> new 第十二条): no move.
GROUP_CONVENERS = "常务委员会分组会议由委员长会议确定若干名召集人，轮流主持会议。"


def rules_2022_reordered() -> Document:
    """The 2022 text with its 第十四条 moved to the end of its last part (see above)."""
    new = parse_file(RULES_2022)
    article = next(a for a in new.articles() if a.number == "14")
    parent = next(node for top in new.body for node in top.walk() if any(c is article for c in node.children))
    parent.children = [c for c in parent.children if c is not article]
    new.body[-1].children.append(article)
    return new


@lru_cache(maxsize=None)
def rules(backwards: bool = False) -> DiffResult:
    old, new = parse_file(RULES_2009), rules_2022_reordered()
    return compare(new, old) if backwards else compare(old, new)


def holding(result: DiffResult, words: str) -> list[tuple[Change, ParagraphDiff]]:
    """The paragraphs of the diff that read `words` (deleted or inserted whole)."""
    return [(c, p) for c in result.changes for p in c.paragraphs if "".join(t for _, t in p.ops) == words]


def test_a_paragraph_moved_word_for_word_is_named_on_both_sides_and_listed_as_a_part() -> None:
    (source, went), (target, came) = sorted(holding(rules(), JOINT_SESSION), key=lambda cp: cp[1].new_index is not None)
    assert (source.type, [a.number for a in source.old], went.new_index) == ("split", ["9"], None)
    assert (target.type, [b.number for b in target.new], came.old_index) == ("added", ["14"], None)
    assert (went.moved_to, went.moved_from, came.moved_from, came.moved_to) == ("第十四条", "", "第九条", "")
    data = {tuple(a["number"] for a in c["from"]) + ("->",) + tuple(b["number"] for b in c["to"]): c
            for c in json.loads(json_format.render(rules()))["changes"]}
    part = {"from": "art_9__para_3", "to": "art_14__para_1", "from_article": "9", "to_article": "14", "relation": "moved"}
    assert part in data[("9", "->", "12", "13")]["parts"] and data[("->", "14")]["parts"] == [part]
    # The paragraph deleted and inserted inside the one change is no move, and nothing else moved into 14.
    assert all(not p.moved_to and not p.moved_from for _, p in holding(rules(), GROUP_CONVENERS))
    assert [p.moved_from for p in target.paragraphs] == ["第九条", ""]


def test_the_move_is_found_backwards_too() -> None:
    (source, went), (target, came) = sorted(holding(rules(backwards=True), JOINT_SESSION),
                                            key=lambda cp: cp[1].new_index is not None)
    assert (source.type, [a.number for a in source.old], went.moved_to) == ("removed", ["14"], "第九条")
    assert ([b.number for b in target.new], came.moved_from) == (["9"], "第十四条")


def test_text_markdown_and_html_show_the_word_for_word_move() -> None:
    out = text.render(rules())
    assert f"[-{JOINT_SESSION}-]  (moved to 第十四条)" in out
    assert f"{{+{JOINT_SESSION}+}}  (moved from 第九条)" in out
    assert f"[-{GROUP_CONVENERS}-]" in out and f"[-{GROUP_CONVENERS}-]  (" not in out
    md = markdown.render(rules())
    assert f"~~{JOINT_SESSION}~~ *（移至第十四条）*" in md
    assert f"| **第十四条** **{JOINT_SESSION}** *（由第九条移来）*" in md
    page = html.render(rules())
    assert f'<p><del>{JOINT_SESSION}</del> <span class="moved">移至第十四条</span></p>' in page
    assert f'<p><ins>{JOINT_SESSION}</ins> <span class="moved">由第九条移来</span></p>' in page


def test_the_site_links_the_move_from_the_differs_parts() -> None:
    by_anchor = {row.anchor: row for row in views.rows(rules(), "zh")}
    split, added = by_anchor["art_12"], by_anchor["art_14"]
    assert list(split.moved_out.values()) == [views.MoveLink("移至第十四条", "art_14")]
    assert list(added.moved_in.values()) == [views.MoveLink("由第九条移来", "art_12")]
    assert split.paragraphs[next(iter(split.moved_out))][0] == ("delete", JOINT_SESSION)
    assert added.paragraphs[next(iter(added.moved_in))][0] == ("insert", JOINT_SESSION)
    # Nothing else is linked (the conveners' paragraph stays a deletion and an insertion in its row).
    assert sum(len(r.moved_out) + len(r.moved_in) for r in by_anchor.values()) == 2
    # The 对照表 keeps each side's note, on the added article too.
    assert ("moved_from", "由第九条移来") in [op for p in added.right for op in p]


def test_a_paragraph_inserted_twice_is_not_paired() -> None:
    # The same reordered 2022 text with its 第十四条 placed a second time at the end (a real article,
    # twice): the joint-session paragraph is now inserted whole twice, so neither place is its one
    # destination.
    new = rules_2022_reordered()
    articles = list(new.articles())
    again = copy.deepcopy(next(a for a in articles if a.number == "14"))
    last = articles[-1]
    again.number = str(int(last.number) + 1)
    again.num = f"第{int_to_zh(int(again.number))}条"
    new.body[-1].children.append(again)
    for result in (compare(parse_file(RULES_2009), new), compare(new, parse_file(RULES_2009))):
        found = holding(result, JOINT_SESSION)
        assert len(found) == 3  # deleted once, inserted twice (or the mirror)
        assert all(not p.moved_to and not p.moved_from for _, p in found)
        assert not any(part.relation == "moved" and part.same_words for c in result.changes for part in c.parts
                       if "art_9__para_3" in (part.old_eid, part.new_eid))
        assert not any(r.moved_out or r.moved_in for r in views.rows(result, "zh"))


def test_a_paragraph_beside_where_its_article_went_is_followed_by_its_sentences() -> None:
    # The real 2022 text: 第十四条 right beside 第十三条, where the rest of old 第九条 went.  Of the joint
    # session sentence's two look-alikes (new 第六条, the plenary's, and new 第十四条) the one beside
    # 第九条's successor is chosen (align.Aligner.lookalikes_by_place), so 第十四条 is a piece of the
    # split, not an added article, seen from either side; and the plenary's article is no part of it.
    old, new = parse_file(RULES_2009), parse_file(RULES_2022)
    for result, backwards in ((compare(old, new), False), (compare(new, old), True)):
        changes = {(tuple(a.number for a in c.old), tuple(b.number for b in c.new)): c for c in result.changes}
        split = changes[(("12", "13", "14"), ("9",)) if backwards else (("9",), ("12", "13", "14"))]
        moved = ("art_14__para_1", "art_9__para_3") if backwards else ("art_9__para_3", "art_14__para_1")
        assert moved + ("moved",) in {(p.old_eid, p.new_eid, p.relation) for p in split.parts}
        assert not any(c.type in ("added", "removed") for c in result.changes
                       if [x.number for x in c.old + c.new] == ["14"])
        assert not any("art_6__" in (p.new_eid if not backwards else p.old_eid) for c in result.changes
                       for p in c.parts if "art_9__" in (p.old_eid if not backwards else p.new_eid))


BEIJING = CORPUS / "zh" / "beijing-local-legislation"


def test_wording_kept_in_its_own_successor_is_a_copy_not_a_move() -> None:
    # The real Beijing regulation on making local regulations (2017 -> 2023).  Old 第四十一条's
    # "法规案经……常务委员会会议审议后，法制委员会根据……意见进行审议，提出表决稿" lives on in its
    # successor 第四十五条, and the same procedure is written out again for new 第四十三条, whose
    # predecessor 第三十九条 has its own look-alike of it: each stays where it was
    # (SentenceLinks.kept_beside), nothing moved between 41 and 43.  The paragraphs of old 第三十七条
    # and 第三十八条 that really went to new 第四十七条 left nothing like themselves behind: still moves.
    old, new = parse_file(BEIJING / "01-revised-2017-01-20.md"), parse_file(BEIJING / "02-amended-2023-07-28.md")
    for result, backwards in ((compare(old, new), False), (compare(new, old), True)):
        moved = set()
        for change in result.changes:
            for part in change.parts:
                if part.relation == "moved":
                    pair = (part.new_eid, part.old_eid) if backwards else (part.old_eid, part.new_eid)
                    moved.add((pair[0].split("__")[0], pair[1].split("__")[0]))
        assert ("art_41", "art_43") not in moved
        assert {("art_37", "art_47"), ("art_38", "art_47")} <= moved
        for change in result.changes:
            numbers = {x.number for x in change.old + change.new}
            if numbers in ({"39", "43"}, {"41", "45"}):
                assert change.type == "modified"
                assert not any(p.moved_to or p.moved_from for p in change.paragraphs)


EU_AI_ACT = DATA / "gold-held" / "eu-ai-act"


def test_a_rule_written_out_again_for_another_actor_is_no_move() -> None:
    # The EU AI Act, Commission proposal -> adopted text.  The importers' check "the appropriate
    # conformity assessment procedure has been carried out by the provider" (proposal Article 26(1)(a))
    # lives on in the importers' Article 23(1)(a); the authorised representatives' Article 22(3)(a)
    # writes it out again inside a longer duty.  That copy is not where 26(1)(a) went, though the
    # rare-word index never set the successor's sentence beside it: every sentence of the successor is
    # compared.  Proposal 64(1)-(2) (access to data and source code), which left nothing like itself in
    # the successor of 64, are still named as moved to Article 74.
    old = parse_file(EU_AI_ACT / "01-commission-proposal-2021-04-21.md")
    new = parse_file(EU_AI_ACT / "02-adopted-regulation-2024-1689.md")
    for result, backwards in ((compare(old, new), False), (compare(new, old), True)):
        moved = set()
        for change in result.changes:
            for part in change.parts:
                if part.relation == "moved":
                    moved.add((part.new_eid, part.old_eid) if backwards else (part.old_eid, part.new_eid))
        assert not any(a.startswith("art_26__") and b.startswith("art_22__") for a, b in moved)
        assert {("art_64__para_1", "art_74__para_12"), ("art_64__para_2", "art_74__para_13")} <= moved
