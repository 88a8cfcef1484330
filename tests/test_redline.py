"""Redline inside an aligned pair: unit alignment, word diff (Chinese words by jieba with the
legal-terms dictionary, Latin words as spelled), semantic cleanup, the pure-Python fallback,
and the HTML/Markdown fragments built from ops."""

from __future__ import annotations

import re

import pytest
from helpers import DRAFTS, SEED
from hypothesis import given, settings
from hypothesis import strategies as st

import lawdiff.compare.redline as redline
import lawdiff.text.words as words
from lawdiff.compare.redline import align_units, diff_text, new_text, old_text, side_edits
from lawdiff.compare.differ import compare
from lawdiff.compare.formats.html import ops_to_html
from lawdiff.compare.formats.markdown import _md_side
from lawdiff.akn.load import parse_file
from lawdiff.text.normalize import display_text
from lawdiff.text.scripts import HAN
from lawdiff.text.words import boundaries
from lawdiff.text.words import quoted_whole

# 公司法 2018 第六条 first paragraph, and the 2023 第二十九条 that replaced its second sentence.
CO_2018 = ("设立公司，应当依法向公司登记机关申请设立登记。符合本法规定的设立条件的，由公司登记机关分别"
           "登记为有限责任公司或者股份有限公司；不符合本法规定的设立条件的，不得登记为有限责任公司或者股份有限公司。")
CO_2023 = "设立公司，应当依法向公司登记机关申请设立登记。法律、行政法规规定设立公司必须报经批准的，应当在公司登记前依法办理批准手续。"
# EU AI Act, Article 11(3) of the Commission proposal (2021) and of Regulation 2024/1689.
EN_OLD = ("The Commission is empowered to adopt delegated acts in accordance with Article 73 to amend Annex IV "
          "where necessary to ensure that, in the light of technical progress, the technical documentation "
          "provides all the necessary information to assess the compliance of the system with the requirements "
          "set out in this Chapter")
EN_NEW = ("The Commission is empowered to adopt delegated acts in accordance with Article 97 in order to amend "
          "Annex IV, where necessary, to ensure that, in light of technical progress, the technical documentation "
          "provides all the information necessary to assess the compliance of the system with the requirements "
          "set out in this Section")


def changes(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(op, text) for op, text in ops if op != "equal"]


def test_rewritten_chinese_clause_is_one_deletion_and_one_insertion() -> None:
    ops = diff_text(CO_2018, CO_2023)
    assert ops[0] == ("equal", "设立公司，应当依法向公司登记机关申请设立登记。")
    assert [op for op, _ in changes(ops)] == ["delete", "insert"]  # no one-character islands
    assert old_text(ops) == CO_2018 and new_text(ops) == CO_2023


def test_small_chinese_edit_stays_small_and_whole_word() -> None:
    ops = diff_text("处五年以下有期徒刑或者拘役", "处三年以下有期徒刑或者拘役")
    assert changes(ops) == [("delete", "五年"), ("insert", "三年")]  # the word, not 五 -> 三 inside it


def test_latin_diff_works_on_whole_words() -> None:
    ops = diff_text(EN_OLD, EN_NEW)
    assert old_text(ops) == EN_OLD and new_text(ops) == EN_NEW
    edited = changes(ops)
    assert edited[0] == ("delete", "73") and edited[1][1].startswith("97")
    assert ("delete", "Chapter") in edited and ("insert", "Section") in edited
    words = set(re.findall(r"\w+", EN_OLD + " " + EN_NEW))
    for _, text in edited:  # never half a word
        assert all(w in words for w in re.findall(r"\w+", text)), text


def test_fallback_engine_has_no_time_limit() -> None:
    engine = redline._python_engine()
    old = "。".join(CO_2018 for _ in range(300))
    new = "。".join(CO_2023 if k % 7 == 0 else CO_2018 for k in range(300))
    ops = engine(old, new)
    # With the default one-second limit a large input may come back as "delete all, insert all".
    assert sum(len(text) for op, text in ops if op == 0) > len(old) // 2
    assert "".join(t for op, t in ops if op != 1) == old and "".join(t for op, t in ops if op != -1) == new


def test_fallback_engine_gives_the_same_redline(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fast = diff_text(CO_2018, CO_2023), diff_text(EN_OLD, EN_NEW)
    monkeypatch.setattr(redline, "_diff_engine", redline._python_engine())
    assert (diff_text(CO_2018, CO_2023), diff_text(EN_OLD, EN_NEW)) == fast


def test_inserted_paragraph_is_inserted_whole() -> None:
    old = ["甲条第一款的内容在这里。", "第二款保持不变的内容。"]
    new = ["甲条第一款的内容在这里。", "新增加的一款，讲另外一件完全不同的事情。", "第二款保持不变的内容。"]
    assert align_units(old, new) == [(0, 0), (None, 1), (1, 2)]
    ops, paragraphs = redline.redline(old, new)
    assert changes(ops) == [("insert", "\n新增加的一款，讲另外一件完全不同的事情。")]
    assert [(p.old_index, p.new_index) for p in paragraphs] == [(0, 0), (None, 1), (1, 2)]


def test_unrelated_paragraphs_are_not_diffed_into_each_other() -> None:
    assert align_units(["公司可以设立分公司。"], ["股东会会议由董事会召集。"]) == [(0, None), (None, 0)]


# The company law's 第十四条 (2018) became 第十三条 (2023): the branch and the subsidiary sentences
# swapped places; the sentence evidence (the alignment's parts) links each to its own.
BRANCH = "公司可以设立分公司。设立分公司，应当向公司登记机关申请登记，领取营业执照。分公司不具有法人资格，其民事责任由公司承担。"
SUBSIDIARY = "公司可以设立子公司，子公司具有法人资格，依法独立承担民事责任。"
NEW_SUBSIDIARY = "公司可以设立子公司。子公司具有法人资格，依法独立承担民事责任。"
NEW_BRANCH = "公司可以设立分公司。分公司不具有法人资格，其民事责任由公司承担。"


def test_paragraphs_pair_as_the_sentence_evidence_links_them() -> None:
    old, new = [BRANCH, SUBSIDIARY], [NEW_SUBSIDIARY, NEW_BRANCH]
    # By likeness alone, in order: the branch rewritten into the subsidiary (the shared opening words).
    assert (0, 0) in align_units(old, new)
    linked = align_units(old, new, links={(0, 1), (1, 0)})
    assert (0, 0) not in linked and (1, 1) not in linked  # pairs the evidence sends elsewhere
    assert (1, 0) in linked  # one of the two linked pairs (they cross: the other is deleted and inserted)


def test_a_paragraph_held_whole_in_another_still_pairs_with_it() -> None:
    # 第六条 (2018): its first sentence stayed as 第二十九条, the rest (the evidence's link) went to 第三十一条.
    old = ["设立公司，应当依法向公司登记机关申请设立登记。符合本法规定的设立条件的，由公司登记机关分别登记为有限责任公司或者"
           "股份有限公司；不符合本法规定的设立条件的，不得登记为有限责任公司或者股份有限公司。"]
    new = ["设立公司，应当依法向公司登记机关申请设立登记。", "股东会会议由董事会召集，董事长主持。"]
    assert align_units(old, new, links={(0, 1)}) == [(0, 0), (None, 1)]
    # A paragraph that is only alike, not held in the other, is refused when the evidence sends it elsewhere.
    alike = ["设立公司，应当依法向市场监督管理部门申请设立登记。符合本法规定的设立条件的，由公司登记机关分别登记为有限责任公司"
             "或者股份有限公司。", "股东会会议由董事会召集，董事长主持。"]
    assert (0, 0) in align_units(old, alike) and (0, 0) not in align_units(old, alike, links={(0, 1)})


def test_units_of_an_added_or_removed_article_stand_alone_in_order() -> None:
    units = ["公司可以设立分公司。", "股东会会议由董事会召集。", "公司可以设立分公司。"]
    assert align_units([], units) == [(None, 0), (None, 1), (None, 2)]
    assert align_units(units, []) == [(0, None), (1, None), (2, None)]


# 北京市制定地方性法规条例 2017 第五十九条 and 2023 第五十五条 (one body added to a list).
BJ_2017 = ("市人民政府、市高级人民法院、市人民检察院和市人民代表大会各专门委员会以及区人民代表大会常务委员会"
           "可以向市人民代表大会常务委员会提出法规解释要求。")
BJ_2023 = ("市人民政府、市监察委员会、市高级人民法院、市人民检察院和市人民代表大会各专门委员会以及区人民代表大会常务委员会"
           "可以向市人民代表大会常务委员会提出法规解释要求。")
# 刑法 第三百九十三条, 2020 and 2023: a penalty changed and a graver one added after the first.
CR_2020 = ("单位为谋取不正当利益而行贿，或者违反国家规定，给予国家工作人员以回扣、手续费，情节严重的，对单位判处罚金，"
           "并对其直接负责的主管人员和其他直接责任人员，处五年以下有期徒刑或者拘役，并处罚金。"
           "因行贿取得的违法所得归个人所有的，依照本法第三百八十九条、第三百九十条的规定定罪处罚。")
CR_2023 = ("单位为谋取不正当利益而行贿，或者违反国家规定，给予国家工作人员以回扣、手续费，情节严重的，对单位判处罚金，"
           "并对其直接负责的主管人员和其他直接责任人员，处三年以下有期徒刑或者拘役，并处罚金；情节特别严重的，"
           "处三年以上十年以下有期徒刑，并处罚金。因行贿取得的违法所得归个人所有的，依照本法第三百八十九条、"
           "第三百九十条的规定定罪处罚。")


def test_clauses_alike_at_both_ends_are_not_cut_into_words(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cut: list[str] = []
    real_cut = words._cut_han.__wrapped__
    monkeypatch.setattr(words, "_cut_han", lambda run: cut.append(run) or real_cut(run))
    ops = diff_text(BJ_2017, BJ_2023)
    # the clause added is cut; the clauses before and after it, alike in both texts, are not
    assert cut == ["市监察委员会"]
    # and the insertion is the clause whole, where it stands (it read 市{+监察委员会、市+}高级… before)
    assert changes(ops) == [("insert", "市监察委员会、")]
    assert ops[0] == ("equal", "市人民政府、")
    assert old_text(ops) == BJ_2017 and new_text(ops) == BJ_2023


def test_an_edit_slides_over_a_clause_alike_as_over_words() -> None:
    ops = diff_text(CR_2020, CR_2023)
    # 并处罚金 ends the clause before the insertion and the insertion itself: the insertion is
    # shown after it, up to the sentence's end, not before it
    assert changes(ops) == [("delete", "五年"), ("insert", "三年"),
                            ("insert", "；情节特别严重的，处三年以上十年以下有期徒刑，并处罚金")]
    assert "拘役，并处罚金" in old_text(ops) and old_text(ops) == CR_2020 and new_text(ops) == CR_2023


UNIT = st.text(alphabet="公司法第一条款，。的 abc Article", max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(UNIT, max_size=5), st.lists(UNIT, max_size=5))
def test_redline_reconstructs_both_texts(old: list[str], new: list[str]) -> None:
    ops, _ = redline.redline(old, new)
    assert old_text(ops) == "\n".join(old)
    assert new_text(ops) == "\n".join(new)
    assert all(text for _, text in ops)
    assert all(a[0] != b[0] for a, b in zip(ops, ops[1:]))  # neighbours merged


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_diff_text_reconstructs_any_text(a: str, b: str) -> None:
    ops = diff_text(a, b)
    assert old_text(ops) == a and new_text(ops) == b


def test_html_fragment_is_escaped() -> None:
    html = ops_to_html([("equal", "a<b>&"), ("delete", "<script>"), ("insert", "x\ny")])
    assert html == "a&lt;b&gt;&amp;<del>&lt;script&gt;</del><ins>x</ins><br><ins>y</ins>"
    assert ops_to_html([("equal", "一\n二")], paragraphs=True) == "<p>一</p><p>二</p>"


def test_markdown_markers_respect_flanking_rules() -> None:
    # `**` after a CJK character and before `，` would not open emphasis: use <b> instead.
    cell = _md_side([("equal", "公司"), ("insert", "，市场"), ("equal", "监督")], "insert")
    assert cell == "公司<b>，市场</b>监督"
    cell = _md_side([("equal", "依法向"), ("delete", "公司登记机关"), ("equal", "申请")], "delete")
    assert cell == "依法向~~公司登记机关~~申请"
    assert _md_side([("equal", "a|b*c")], "insert") == r"a\|b\*c"
    assert re.search(r"<br>", _md_side([("equal", "一\n二")], "insert"))


# -- whole words on a real revision: the company law, 2018 -> 2023 ---------------------------------------
@pytest.fixture(scope="module")
def company_law_diff():  # type: ignore[no-untyped-def]
    old = parse_file(DRAFTS / "company-law" / "01-amended-2018-10-26.md")
    new = parse_file(DRAFTS / "company-law" / "02-revised-2023-12-29.md")
    return compare(old, new)


def _paragraph_ops(diff, old_num: str) -> list[list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    change = next(c for c in diff.changes if c.old and c.old[0].num == old_num)
    return [p.ops for p in change.paragraphs]


def test_company_law_renamed_body_is_struck_and_inserted_whole(company_law_diff) -> None:  # type: ignore[no-untyped-def]
    # 2018 第一百条 (临时股东大会 -> 临时股东会会议) and 第二百零八条 (行政处分 -> 政务处分)
    ops = [op for p in _paragraph_ops(company_law_diff, "第一百条") for op in p]
    k = next(i for i, op in enumerate(ops) if op[0] == "equal" and op[1].endswith("召开临时"))
    assert ops[k + 1:k + 3] == [("delete", "股东大会"), ("insert", "股东会会议")]
    ops = [op for p in _paragraph_ops(company_law_diff, "第二百零八条") for op in p]
    k = ops.index(("delete", "行政处分"))
    assert ops[k - 1][1].endswith("依法给予") and ops[k + 1] == ("insert", "政务处分")
    # what must be absent: the character-level fragments a reader had to rewrite
    everything = [op for c in company_law_diff.changes for p in c.paragraphs for op in p.ops]
    for fragment in (("delete", "大"), ("delete", "行"), ("insert", "务"), ("delete", "改"), ("insert", "更")):
        assert fragment not in everything


def test_company_law_every_change_starts_and_ends_on_a_word(company_law_diff) -> None:  # type: ignore[no-untyped-def]
    """Each deleted run is whole words of the old text, each inserted run whole words of the new one."""
    counted = 0
    for change in company_law_diff.changes:
        for paragraph in change.paragraphs:
            for _side, text, pos, piece in side_edits(paragraph.ops):
                counted += 1
                assert quoted_whole(text[pos:pos + len(piece)], piece)
                assert pos in boundaries(text) and pos + len(piece) in boundaries(text), \
                    (text[max(0, pos - 8):pos], piece)
    assert counted > 500  # the pair is a full revision: the test looks at many changes


def test_wrap_spaces_are_shown_as_read() -> None:
    """An OCR wrap space inside a word (the seed's `人工 智能技术`): the ops keep it (they rebuild
    the stored text), a page shows the text without it."""
    old, new = "本条例所称人工智能产业,是指人工 智能技术研发", "本条例所称人工智能产业,是指人工智能技术研发"
    ops, _ = redline.redline([old], [new])
    assert old_text(ops) == old and new_text(ops) == new
    shown = [(op, display_text(t)) for op, t in ops if display_text(t)]
    assert "".join(t for op, t in shown if op != "insert") == display_text(old) == new


def test_a_changed_ocr_article_carries_no_wrap_space_in_its_ops(tmp_path) -> None:
    """The seed (OCR'd columns, `人工 智能`) against a clean transcription of itself (every wrap
    space between Chinese letters gone) with one word changed in 第四条: only that word is
    a change, and no op of any change holds a space between two Chinese letters."""
    raw = SEED.read_text(encoding="utf-8")
    assert "以人 为本" in raw  # the seed's 第四条 as printed
    # Chapter lines keep their printed space: `第二章 基本要素` is a heading, not a wrap.
    clean = "\n".join(line if re.match(r"第\S{1,4}[章节音] ", line) else display_text(line)
                      for line in raw.split("\n")).replace("以人为本", "以人民为中心", 1)
    (tmp_path / "clean.txt").write_text(clean, encoding="utf-8")
    result = compare(parse_file(SEED), parse_file(tmp_path / "clean.txt"))
    changed = [c for c in result.changes if c.type != "unchanged" and not c.formatting_only]
    assert [c.new[0].number for c in changed] == ["4"]
    inserted = [t for op, t in changed[0].ops if op == "insert"]
    deleted = [t for op, t in changed[0].ops if op == "delete"]
    assert inserted == ["以人民为中心"] and deleted == ["以人为本"]
    wrapped = re.compile(rf"[{HAN}] +[{HAN}]")
    for change in result.changes:
        for _op, text in change.ops:
            assert not wrapped.search(text), (change.new[0].num if change.new else "", text)
