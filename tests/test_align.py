"""Article alignment: every class (unchanged, modified, added, removed, split, merged),
the renumbered/moved flags, formatting-only and references-only changes, structure
changes, and the measured facts on real corpus pairs.

Synthetic versions are built only by rearranging real articles of the corpus (moving,
deleting, splitting at a paragraph, joining); no legal text is invented.
"""

from __future__ import annotations

import copy
import random
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
from helpers import CORPUS, DATA

from lawdiff.text.sequence import heaviest_chain
from lawdiff.compare.differ import _read, compare
from lawdiff.compare.result import Change, DiffResult
from lawdiff.compare.similarity import top
from lawdiff.model import Document, Meta, Node
from lawdiff.text.normalize import article_references, mask_references, nfkc, normalize
from lawdiff.text.numerals import int_to_zh
from lawdiff.akn.load import parse_file

ZH = CORPUS / "zh"


@lru_cache(maxsize=None)
def _parsed(path: Path) -> Document:
    return parse_file(path)


def parsed(relative: str) -> Document:
    """A fresh copy of a parsed corpus file (tests may rearrange it)."""
    return copy.deepcopy(_parsed(ZH / relative))


COMPANY = "company-law/01-amended-2018-10-26.md"


def articles(relative: str, *numbers: int) -> list[Node]:
    by_number = {a.number: a for a in parsed(relative).articles()}
    return [copy.deepcopy(by_number[str(n)]) for n in numbers]


def build(*chapters: tuple[str, list[Node]]) -> Document:
    """A document of chapters holding the given real articles, numbered in order."""
    body = []
    count = 0
    for k, (heading, arts) in enumerate(chapters, start=1):
        children = []
        for art in arts:
            count += 1
            art = copy.deepcopy(art)
            art.num, art.number = f"第{int_to_zh(count)}条", str(count)
            children.append(art)
        body.append(Node("chapter", num=f"第{int_to_zh(k)}章", number=str(k), heading=heading, children=children))
    return Document(meta=Meta(title="测试"), body=body)


def summary(result: DiffResult) -> list[tuple[str, list[str], list[str]]]:
    return [(c.type, [a.number for a in c.old], [a.number for a in c.new]) for c in result.changes]


def only(result: DiffResult, kind: str) -> list[Change]:
    return [c for c in result.changes if c.type == kind]


# -- the order-preserving chain -------------------------------------------------------------
def test_heaviest_chain_prefers_weight_over_length() -> None:
    pairs = [(0, 2, 0.9), (1, 0, 0.3), (2, 1, 0.3)]
    assert [pairs[p] for p in heaviest_chain(pairs)] == [(0, 2, 0.9)]
    pairs = [(0, 2, 0.5), (1, 0, 0.3), (2, 1, 0.3)]
    assert [pairs[p] for p in heaviest_chain(pairs)] == [(1, 0, 0.3), (2, 1, 0.3)]


def test_heaviest_chain_is_strictly_increasing_on_both_sides() -> None:
    pairs = [(0, 0, 1.0), (0, 1, 1.0), (1, 1, 1.0), (2, 1, 1.0), (3, 3, 1.0)]
    chain = [pairs[p][:2] for p in heaviest_chain(pairs)]
    assert len(chain) == 3
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(chain, chain[1:]))


# -- classes on rearranged real articles -----------------------------------------------------
def test_identical_versions_are_all_unchanged() -> None:
    doc = parsed(COMPANY)
    result = compare(doc, parsed(COMPANY))
    assert {c.type for c in result.changes} == {"unchanged"}
    assert not result.has_differences
    assert len(result.changes) == 218


def test_inserted_article_renumbers_the_rest_without_modifying_them() -> None:
    a1, a2, a3, a4, new = articles(COMPANY, 1, 2, 3, 4, 150)
    result = compare(build(("总则", [a1, a2, a3, a4])), build(("总则", [a1, new, a2, a3, a4])))
    assert summary(result) == [("unchanged", ["1"], ["1"]), ("added", [], ["2"]), ("unchanged", ["2"], ["3"]),
                               ("unchanged", ["3"], ["4"]), ("unchanged", ["4"], ["5"])]
    assert [c.renumbered for c in result.changes] == [False, False, True, True, True]
    assert not any(c.moved for c in result.changes)
    assert result.has_differences


def test_removed_article_is_reported_in_place() -> None:
    arts = articles(COMPANY, 20, 21, 22, 23)
    result = compare(build(("总则", arts)), build(("总则", [arts[0], arts[2], arts[3]])))
    assert summary(result)[:3] == [("unchanged", ["1"], ["1"]), ("removed", ["2"], []), ("unchanged", ["3"], ["2"])]


def test_article_moved_into_another_chapter_is_moved_not_removed_and_added() -> None:
    a = articles(COMPANY, 1, 2, 3, 24, 25, 26)
    old = build(("总则", a[:3]), ("有限责任公司的设立", a[3:]))
    new = build(("总则", a[:2]), ("有限责任公司的设立", [a[3], a[2], a[4], a[5]]))
    result = compare(old, new)
    moved = [c for c in result.changes if c.moved]
    assert [(c.type, c.old[0].number, c.new[0].number) for c in moved] == [("unchanged", "3", "4")]
    assert moved[0].old[0].path == ["第一章 总则"] and moved[0].new[0].path == ["第二章 有限责任公司的设立"]
    assert not only(result, "added") and not only(result, "removed")


def test_article_moved_to_the_next_chapter_keeping_its_number_is_a_difference() -> None:
    a = articles(COMPANY, 1, 2, 3, 24)
    result = compare(build(("总则", a[:3]), ("设立", a[3:])), build(("总则", a[:2]), ("设立", a[2:])))
    change = result.changes[2]
    assert (change.type, change.renumbered, change.moved) == ("unchanged", False, True)
    assert change.is_amendment and result.has_differences


def test_article_out_of_order_within_a_chapter_is_moved() -> None:
    a = articles(COMPANY, 24, 25, 26, 27, 28)
    result = compare(build(("设立", a)), build(("设立", [a[0], a[3], a[1], a[2], a[4]])))
    assert [(c.old[0].number, c.new[0].number) for c in result.changes if c.moved] == [("4", "2")]


def test_split_at_a_paragraph_is_one_split_change() -> None:
    a1, a6, a7 = articles(COMPANY, 1, 6, 7)  # 第六条 has three paragraphs
    first, second = copy.deepcopy(a6), copy.deepcopy(a6)
    first.children, second.children = a6.children[:1], a6.children[1:]
    result = compare(build(("总则", [a1, a6, a7])), build(("总则", [a1, first, second, a7])))
    assert summary(result) == [("unchanged", ["1"], ["1"]), ("split", ["2"], ["2", "3"]), ("unchanged", ["3"], ["4"])]
    split = only(result, "split")[0]
    assert "".join(t for op, t in split.ops if op != "insert") == a6.body_text()


def test_merge_of_two_neighbours_is_one_merged_change() -> None:
    a1, a35, a36, a37 = articles(COMPANY, 1, 35, 36, 37)
    joined = copy.deepcopy(a35)
    joined.children = [Node("paragraph", text=a35.body_text()), Node("paragraph", text=a36.body_text())]
    joined.text = ""
    result = compare(build(("总则", [a1, a35, a36, a37])), build(("总则", [a1, joined, a37])))
    assert summary(result) == [("unchanged", ["1"], ["1"]), ("merged", ["2", "3"], ["2"]),
                               ("unchanged", ["4"], ["3"])]
    assert only(result, "merged")[0].renumbered is False  # 第二条 keeps its number


def test_article_that_grew_many_times_over_between_its_neighbours_is_modified() -> None:
    # A one-sentence article that became seven paragraphs (six real articles of another law
    # appended) shares little of the new weight, but its own words are all there.
    a1, a2, a3 = articles(COMPANY, 1, 2, 3)
    grown = copy.deepcopy(a2)
    grown.children = [Node("paragraph", text=a2.body_text())] + \
        [Node("paragraph", text=x.body_text()) for x in articles("civil-code/01-adopted-2020-05-28.txt", *range(57, 63))]
    grown.text = ""
    result = compare(build(("总则", [a1, a2, a3])), build(("总则", [a1, grown, a3])))
    assert summary(result) == [("unchanged", ["1"], ["1"]), ("modified", ["2"], ["2"]), ("unchanged", ["3"], ["3"])]


@pytest.mark.parametrize("replacement", [57, 150, 300, 1000])
def test_unrelated_article_in_the_place_of_a_removed_one_is_not_its_successor(replacement: int) -> None:
    a1, a2, a5 = articles(COMPANY, 1, 2, 5)
    other = articles("civil-code/01-adopted-2020-05-28.txt", replacement)[0]
    result = compare(build(("总则", [a1, a2, a5])), build(("总则", [a1, other, a5])))
    assert summary(result) == [("unchanged", ["1"], ["1"]), ("removed", ["2"], []), ("added", [], ["2"]),
                               ("unchanged", ["3"], ["3"])]


def test_boilerplate_lookalikes_are_told_apart_by_position() -> None:
    # 民法典 第二百五十五条 and 第二百五十六条 say the same for state organs and for state
    # institutions; inserted articles renumber both, position keeps each with its successor.
    code = "civil-code/01-adopted-2020-05-28.txt"
    a = articles(code, 254, 255, 256, 257)
    extra = articles(COMPANY, 3, 4)
    result = compare(build(("国家所有权", a)), build(("国家所有权", [a[0], extra[0], a[1], extra[1], a[2], a[3]])))
    assert [(c.type, [x.number for x in c.old], [x.number for x in c.new]) for c in result.changes
            if c.type != "added"] == [("unchanged", ["1"], ["1"]), ("unchanged", ["2"], ["3"]),
                                      ("unchanged", ["3"], ["5"]), ("unchanged", ["4"], ["6"])]


def test_formatting_only_difference_is_not_an_amendment() -> None:
    a1, a2 = articles(COMPANY, 6, 7)
    variant = copy.deepcopy(a1)
    for node in variant.walk():  # half-width punctuation and spacing, as older texts print it
        node.text = node.text.replace("，", ",").replace("。", "。 ").replace("、", "、")
    result = compare(build(("总则", [a1, a2])), build(("总则", [variant, a2])))
    change = result.changes[0]
    assert (change.type, change.formatting_only, change.is_amendment) == ("modified", True, False)
    assert not result.has_differences
    assert result.stats["formatting_only"] == 1 and result.stats["modified"] == 0


def test_typographic_variants_normalise_alike() -> None:
    assert normalize("二〇二〇年") == normalize("二○二○年") == normalize("二０二０年")
    assert normalize("第一章　总　　则") == normalize("第一章 总则") == "第一章总则"
    assert normalize("下列规定：") == normalize("下列规定︰") == normalize("下列规定:")
    assert normalize("甲，乙") == normalize("甲,乙")
    assert normalize("臺灣") == normalize("台灣")
    assert normalize("Article 5  of") == "Article 5 of"
    assert normalize("Gesetz über") != normalize("Gesetzüber")  # spaces between Latin words are kept


def test_nfkc_shortcut_gives_nfkc() -> None:
    """`nfkc` replaces the common full-width punctuation before asking whether NFKC has anything
    left to do: the result must be NFKC's on every line of the corpus and where a replaced form
    meets what NFKC composes, reorders or maps too (combining marks, Hangul jamo, ligatures)."""
    lines = {line for path in sorted(CORPUS.glob("*/*/*")) if path.suffix in (".md", ".txt")
             for line in path.read_text(encoding="utf-8").splitlines()}
    assert len(lines) > 10_000
    tricky = ["（\u0301）", "，\u0338", "e\u0301，", "　\u0308a", "：\u1100\u1161", "ﬁ；", "①（二）", "？\u0327\u0301",
              "Ａ，ｅ\u0301", "（\u0323\u0307）", "㈠，", "\u212b！", "\u0041\u030a？"]
    for text in sorted(lines) + tricky:
        assert nfkc(text) == unicodedata.normalize("NFKC", text), text
    assert nfkc("甲，乙；丙：（一）！？　") == "甲,乙;丙:(一)!? "


def test_reference_numbers_are_masked_and_read() -> None:
    text = "违反本法第五十条第二款规定的，依照第一百三十四条之一处罚"
    assert mask_references(text) == "违反本法第#条第#款规定的，依照第#条处罚"
    assert article_references(text) == ["50", "134-1"]


def test_reference_renumbering_is_references_only() -> None:
    # 立法法 2015 第九条 refers to 第八条; in 2023 they are 第十二条 and 第十一条.
    old = parsed("legislation-law/01-amended-2015-03-15.md")
    new = parsed("legislation-law/02-amended-2023-03-13.md")
    result = compare(old, new)
    change = next(c for c in result.changes if c.old and c.old[0].number == "9")
    assert (change.type, change.new[0].number, change.references_only, change.renumbered) == \
        ("modified", "12", True, True)
    # the reference is one word: struck and inserted whole, as an instrument quotes it
    assert [(op, t) for op, t in change.ops if op != "equal"] == [("delete", "第八条"), ("insert", "第十一条")]


def test_changed_reference_that_does_not_follow_renumbering_is_a_modification() -> None:
    a1, a2, a3 = articles("legislation-law/01-amended-2015-03-15.md", 8, 9, 10)
    wrong = copy.deepcopy(a2)
    for node in wrong.walk():
        node.text = node.text.replace("第八条", "第十条")  # points elsewhere now
    result = compare(build(("法律", [a1, a2, a3])), build(("法律", [a1, wrong, a3])))
    change = result.changes[1]
    assert change.type == "modified" and not change.references_only and not change.formatting_only


def test_eids_match_the_akoma_ntoso_writer() -> None:
    from lawdiff.akn.writer import _Writer

    doc = parsed("criminal-law/02-amended-2023-12-29.md")
    writer = _Writer(doc)
    expected = [writer.eids[id(a)] for a in doc.articles()]
    assert [info.eid for info in _read(doc).infos] == expected
    assert "art_134-1" in expected


# -- real pairs of the corpus ------------------------------------------------------------
def test_criminal_law_amendment_twelve_reports_exactly_its_seven_articles() -> None:
    result = compare(parsed("criminal-law/01-amended-2020-12-26.md"), parsed("criminal-law/02-amended-2023-12-29.md"))
    changed = [(c.type, c.old[0].number, c.new[0].number, c.renumbered, c.moved)
               for c in result.changes if c.type != "unchanged"]
    assert changed == [("modified", n, n, False, False) for n in ("165", "166", "169", "387", "390", "391", "393")]
    assert result.stats["unchanged"] == 498 and not result.structure
    assert result.has_differences
    assert result.notes_changed  # the footnote ① of file 02: reported, not an amendment


def test_civil_code_in_two_formats_reports_no_amendment() -> None:
    result = compare(parsed("civil-code/01-adopted-2020-05-28.txt"),
                     parsed("civil-code/02-adopted-2020-05-28-lawrefbook-markdown.md"))
    assert result.stats["unchanged"] == 1260
    assert not any(c.is_amendment for c in result.changes)
    assert not result.structure  # 附则 / 附 则 is spacing
    assert not result.has_differences


def test_supervision_law_insertions_renumber_and_colons_are_formatting() -> None:
    result = compare(parsed("supervision-law/01-adopted-2018-03-20.md"), parsed("supervision-law/02-amended-2024-12-25.md"))
    added = [c.new[0].number for c in only(result, "added")]
    assert {"21", "23", "25"} <= set(added)
    pairs = {(c.old[0].number, c.new[0].number): c for c in result.changes if c.old and c.new}
    assert pairs[("21", "22")].type == "unchanged" and pairs[("21", "22")].renumbered
    # 2018 writes an ASCII colon before lists in these; nothing else changed in them.
    for old, new in (("11", "11"), ("15", "15"), ("22", "24"), ("31", "34"), ("45", "52")):
        assert pairs[(old, new)].formatting_only, (old, new)
    split = only(result, "split")
    assert [([a.number for a in c.old], [b.number for b in c.new]) for c in split] == [(["43"], ["47", "48", "49"])]
    assert result.stats["unchanged"] == 46


def test_company_law_full_revision_keeps_known_successors() -> None:
    """Pairs checked by reading both texts (see the closing note of the diff work)."""
    result = compare(parsed(COMPANY), parsed("company-law/02-revised-2023-12-29.md"))
    pairs = {(a.number, b.number) for c in result.changes for a in c.old for b in c.new}
    for pair in [("1", "1"), ("11", "5"), ("13", "10"), ("16", "15"), ("32", "56"), ("49", "74"), ("146", "178"),
                 ("149", "188"), ("180", "229"), ("189", "238"), ("216", "265")]:
        assert pair in pairs, pair
    kinds = {(c.type, tuple(a.number for a in c.old), tuple(b.number for b in c.new)) for c in result.changes}
    assert ("split", ("14",), ("13", "38")) in kinds  # 分公司 / 子公司 re-cut
    assert ("merged", ("133", "135"), ("151",)) in kinds  # 发行新股: resolution and price
    assert ("split", ("204",), ("255", "256")) in kinds  # penalties: creditors not notified / assets hidden
    assert result.stats["renumbered"] > 150
    chapter_renumbered = [s for s in result.structure if s.old == "第二章 有限责任公司的设立和组织机构"]
    assert chapter_renumbered and chapter_renumbered[0].new == "第三章 有限责任公司的设立和组织机构"


def test_structure_added_removed_renamed() -> None:
    a = articles(COMPANY, 1, 2, 3, 4, 5, 6)
    old = build(("总则", a[:2]), ("设立", a[2:4]), ("登记", a[4:]))
    new = build(("总则", a[:2]), ("公司设立", a[2:4]), ("新章", []), ("登记", a[4:]))
    result = compare(old, new)
    got = [(s.type, s.kind, s.old, s.new, s.renumbered) for s in result.structure]
    assert ("renamed", "chapter", "第二章 设立", "第二章 公司设立", False) in got
    assert ("added", "chapter", "", "第三章 新章", False) in got
    assert ("renumbered", "chapter", "第三章 登记", "第四章 登记", True) in got


def test_paragraph_eids_of_the_parts_are_in_the_written_xml() -> None:
    # Every line of an article's text has an eId, and the written Akoma Ntoso holds an
    # element with that eId whose words include the line's (numbers of points aside).
    from lawdiff.akn.writer import to_xml

    doc = parsed("administrative-reconsideration-law/01-amended-2017-09-01.md")
    version = _read(doc)
    by_eid = {el.get("eId"): "".join(el.itertext()) for el in to_xml(doc).iter() if el.get("eId")}
    for index, info in enumerate(version.infos):
        lines = info.text.split("\n")
        eids = version.line_eids(index)
        assert len(eids) == len(lines)
        for eid, line in zip(eids, lines):
            words = line.split(" ", 1)[-1] if line.startswith("（") else line
            assert words.replace(" ", "") in by_eid[eid].replace(" ", ""), (eid, line)
    # 第三条: a paragraph with seven points, then a second paragraph.
    assert version.line_eids(2) == ["art_3__para_1"] + [f"art_3__para_1__point_{k}" for k in range(1, 8)] + \
        ["art_3__para_2"]


def test_a_place_beside_a_doubtful_pair_is_no_evidence() -> None:
    # Two amendment instruments: their items amend different articles of the criminal law and
    # all share the amending formula.  Item 九、 of (十一) (art. 161) sits beside item 十、, which
    # pairs weakly with item 四、 of (十二); item 三、 of (十二) (art. 169) sits beside that one.
    # Position next to a pair that is not confident must not pair them.
    folder = DATA / "national-sample" / "刑法"
    result = compare(_parsed(folder / "刑法修正案（十一）.md"), _parsed(folder / "刑法修正案（十二）(2023-12-29).md"))
    pairs = {(a.number, b.number) for change in result.changes for a in change.old for b in change.new}
    assert ("9", "3") not in pairs and "9" not in {a for a, _ in pairs}


def test_top_is_the_k_heaviest_with_ties_to_the_smaller_key() -> None:
    """top() against the plain definition (sort by weight descending, then key), ties at the
    k-th weight included: the candidate search must not depend on how the k are found."""
    rng = random.Random(11)
    for _ in range(2000):
        acc = {pos: float(rng.randrange(4)) / 2 for pos in rng.sample(range(60), rng.randrange(1, 40))}
        k = rng.randrange(1, 12)
        expected = sorted(acc, key=lambda pos: (-acc[pos], pos))[:k]
        assert sorted(top(acc, k)) == sorted(expected)
    assert sorted(top({3: 1.0, 1: 1.0, 2: 1.0, 0: 0.5}, 2)) == [1, 2]  # a tie: the smaller keys


# -- a sentence reworded about as loosely in two articles ---------------------------------------
SAFETY = DATA / "national-pairs"


def test_a_loosely_reworded_sentence_goes_to_the_article_that_continues_its_own() -> None:
    """北京市安全生产条例 (tests/data/national-pairs/SOURCES.md): old 第二十六条 split into new 第十九条 and
    第二十条.  Its list of units (矿山、建筑施工单位，城市轨道交通运营单位，危险物品的生产、经营、储存单位) is
    reworded as loosely in new 第五十四条 (rescue teams), which shares a word or two more with it; the
    whole articles say which one continues it.  And the articles the old one did not become stay
    added, not a part of it."""
    result = compare(parse_file(SAFETY / "北京市安全生产条例.md"), parse_file(SAFETY / "北京市安全生产条例(2022-05-25).md"))
    found = {(a.number, b.number) for c in result.changes for a in c.old for b in c.new}
    assert {("26", "19"), ("26", "20")} <= found
    assert not {pair for pair in found if pair[0] == "26" and pair[1] not in ("19", "20")}
    assert not {pair for pair in found if pair[1] == "54" and pair[0] == "26"}
    added = {b.number for c in result.changes if c.type == "added" for b in c.new}
    assert not {"19", "20"} & added


# -- two look-alike sentences of one article ------------------------------------------------------
# Synthetic sentences (not a legal text): an article holds a rule and its variant for another actor,
# written alike.  The variant stays, moved to the front as the article's successor; the rule leaves
# for an article of its own far away, with one word changed.  Its look-alike in the successor is the
# variant's own counterpart, so place (lookalikes_by_place) must not pull the rule there.
_WORDS = ("amber basalt cedar dolomite ember flint garnet hazel iris jasper kelp linden maple nectar onyx "
          "pewter quartz rowan sorrel tansy umber violet willow yarrow zinnia").split()
RULE = "The keeper shall record every parcel received at the harbour gate and seal the register."
VARIANT = "The deputy keeper shall also record every parcel received at the harbour gate and seal the register."
RULE_LATER = "The keeper shall record every parcel received at the harbour gate and seal the ledger."


def _filler(k: int) -> str:
    a, b, c = (_WORDS[(k * m + n) % len(_WORDS)] for m, n in ((1, 0), (7, 3), (11, 5)))
    return f"The {a} office shall keep the {b} ledger and report on the {c} account every quarter."


def _synthetic(bodies: list[list[str]]) -> Document:
    return Document(meta=Meta(title="Test", lang="eng"), body=[
        Node("article", num=f"Article {k}", number=str(k), children=[Node("paragraph", text=t) for t in texts])
        for k, texts in enumerate(bodies, start=1)])


def test_a_sentence_is_not_pulled_to_the_successor_by_its_siblings_look_alike() -> None:
    olds = [[_filler(k)] for k in range(12)]
    olds[5] = [RULE, VARIANT]
    news = [[VARIANT]] + [b for k, b in enumerate(olds) if k != 5]
    news.insert(10, [RULE_LATER])
    result = compare(_synthetic(olds), _synthetic(news))
    assert [c for c in summary(result) if c[0] != "unchanged"] == [("split", ["6"], ["1", "11"])]
    assert not only(result, "added")  # the rule's new article is no new rule
