"""Applying amending instruments: the real 刑法修正案（十二）, every way an item can fail, the CLI,
and `import --amends` recording the instrument in the version's lifecycle."""

from __future__ import annotations

from functools import lru_cache

import pytest
from click.testing import CliRunner
from helpers import CORPUS
from lxml import etree

import lawdiff.akn.reader as reader
from lawdiff.amend.apply.engine import apply_instrument
from lawdiff.amend.apply.sameness import differing_articles, node_key
from lawdiff.cli.app import main
from lawdiff.amend.quoting import quote_block, split_quotes
from lawdiff.amend.reader import parse_instrument
from lawdiff.akn.load import parse_file
from lawdiff.akn.schema import validation_errors

CRIMINAL = CORPUS / "zh" / "criminal-law"
BEFORE = CRIMINAL / "01-amended-2020-12-26.md"
AFTER = CRIMINAL / "02-amended-2023-12-29.md"
INSTRUMENT = CRIMINAL / "amendment-12-2023-12-29.md"
SEVEN = ["165", "166", "169", "387", "390", "391", "393"]


@lru_cache(maxsize=None)
def _doc(path: str):  # type: ignore[no-untyped-def]
    return parse_file(path)


def before():  # type: ignore[no-untyped-def]
    import copy

    return copy.deepcopy(_doc(str(BEFORE)))


def article(doc, number: str):  # type: ignore[no-untyped-def]
    return next(a for a in doc.articles() if a.number == number)


def run(text: str, base=None):  # type: ignore[no-untyped-def]
    return apply_instrument(base or before(), parse_instrument("测试\n\n" + text))


# -- the real instrument ---------------------------------------------------------------------
def test_real_instrument_gives_the_next_version_exactly() -> None:
    result = apply_instrument(before(), parse_instrument(INSTRUMENT.read_text(encoding="utf-8")))
    after = _doc(str(AFTER))
    assert [r.status for r in result.reports] == ["applied"] * 7 + ["noted"]
    assert differing_articles(result.doc, after) == []
    for number in SEVEN:  # the seven amended articles, and they did change
        assert node_key(article(result.doc, number)) == node_key(article(after, number))
        assert node_key(article(before(), number)) != node_key(article(after, number))


def test_real_instrument_items_are_read_as_written() -> None:
    parsed = parse_instrument(INSTRUMENT.read_text(encoding="utf-8"))
    assert parsed.title == "中华人民共和国刑法修正案（十二）"
    kinds = [(op.kind, op.target.article, op.target.paragraph, op.adds_paragraph) for i in parsed.items for op in i.ops]
    assert kinds[:7] == [("replace", "165", 0, 2), ("replace", "166", 0, 2), ("replace", "169", 0, 2),
                         ("replace", "387", 1, 0), ("replace", "390", 0, 0), ("replace", "391", 1, 0),
                         ("replace", "393", 0, 0)]
    assert kinds[7][0] == "note"


def test_passive_modifications_name_the_changed_elements() -> None:
    result = apply_instrument(before(), parse_instrument(INSTRUMENT.read_text(encoding="utf-8")))
    mods = result.modifications()
    assert [m["eid"] for m in mods] == ["art_165", "art_166", "art_169", "art_387__para_1", "art_390",
                                        "art_391__para_1", "art_393"]
    assert [m["item"] for m in mods] == list("一二三四五六七")


# -- every item reported, with the reason ---------------------------------------------------------
@pytest.mark.parametrize("text, reason", [
    ("一、删去第九百条。", "第九百条 not found"),
    ("一、将第一条中的“同犯罪作斗争的具体经验及实际情况和其他”修改为“经验”。", "not found in 第一条"),
    ("一、将第四条中的“任何人”修改为“所有人”。", "found 2 times"),
    ("一、将第一条第五款修改为：“为了惩罚犯罪。”", "has no paragraph 5"),
    ("一、将第一条的内容调一调。", "not understood"),
    ("一、将第一条修改为：“为了惩罚犯罪。", "never closed"),
])
def test_items_not_applied_say_why(text: str, reason: str) -> None:
    result = run(text)
    assert result.reports[0].status == "not applied"
    assert reason in result.reports[0].reason
    assert differing_articles(result.doc, before()) == []  # nothing changed


def test_overlapping_items_are_refused() -> None:
    result = run("一、将第四条修改为：“对任何人犯罪，在适用法律上一律平等。”\n\n"
                 "二、将第四条中的“一律平等”修改为“平等”。\n\n"
                 "三、删去第五条。\n\n四、将第五条中的“刑罚”修改为“处罚”。")
    assert [r.status for r in result.reports] == ["applied", "not applied", "applied", "not applied"]
    assert "item 一" in result.reports[1].reason and "overlapping" in result.reports[1].reason
    assert "deleted by item 三" in result.reports[3].reason


def test_an_item_applies_whole_or_not_at_all() -> None:
    result = run("一、将第一条中的“保护人民”修改为“保护全体人民”；删去第九百条。")
    assert result.reports[0].status == "not applied"
    assert node_key(article(result.doc, "1")) == node_key(article(before(), "1"))


def test_small_edits_and_insertions() -> None:
    result = run("一、将第一条中的“保护人民”修改为“保护全体人民”；在第一条中的“根据宪法”后增加“和法律”。\n\n"
                 "二、删去第四条中的“不允许任何人有超越法律的特权。”\n\n"
                 "三、在第三条后增加一条，作为第三条之一：“本条为测试而设。”\n\n"
                 "四、在第六条中增加一款，作为第四款：“本款为测试而设。”\n\n"
                 "五、删去第六条第二款。\n\n六、本决定自公布之日起施行。")
    assert [r.status for r in result.reports] == ["applied"] * 5 + ["noted"]
    doc = result.doc
    assert article(doc, "1").children[0].text.startswith("为了惩罚犯罪，保护全体人民，根据宪法和法律，")
    assert article(doc, "4").children[0].text == "对任何人犯罪，在适用法律上一律平等。"
    added = article(doc, "3-1")
    assert added.num == "第三条之一" and added.children[0].text == "本条为测试而设。"
    assert [a.number for a in doc.articles()][:5] == ["1", "2", "3", "3-1", "4"]
    six = article(doc, "6")
    assert len(six.children) == 3 and six.children[-1].text == "本款为测试而设。"
    assert "船舶" not in "".join(p.text for p in six.children)


def test_several_articles_deleted_in_one_clause() -> None:
    result = run("一、删去第二条、第四条。\n\n二、删去第七条至第九条。")
    assert [r.status for r in result.reports] == ["applied", "applied"]
    assert [a.number for a in result.doc.articles()][:6] == ["1", "3", "5", "6", "10", "11"]


def test_points_are_renumbered_after_an_insertion() -> None:
    result = run("一、在第三十三条中增加一项，作为第二项：“（二）测试刑；”")
    nums = [p.num for p in article(result.doc, "33").children[0].children]
    assert result.reports[0].status == "applied"
    assert nums == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert article(result.doc, "33").children[0].children[2].text == "拘役；"


def test_renumbering_sentence_renumbers_articles_and_chapters() -> None:
    result = run("一、删去第一条。\n\n二、本决定对章节、条文顺序作相应调整。")
    numbers = [a.number for a in result.doc.articles()]
    assert numbers[:3] == ["1", "2", "3"] and len(numbers) == len(before().articles()) - 1
    assert article(result.doc, "1").children[0].text.startswith("中华人民共和国刑法的任务")
    assert all("之" not in a.num for a in result.doc.articles())


def test_chapters_renamed_added_and_deleted() -> None:
    result = run("一、将第一编第一章的章名修改为“任务和原则”。\n\n二、在第一条后增加一章，作为第二章：“测试”。\n\n"
                 "三、删去第一编第二章第四节的节名。")
    assert [r.status for r in result.reports] == ["applied"] * 3, [r.reason for r in result.reports]
    first_book = result.doc.body[0]
    assert first_book.children[0].heading == "任务和原则"
    assert first_book.children[1].heading == "测试" and first_book.children[1].num == "第二章"
    assert [a.number for a in first_book.children[1].children][:1] == ["2"]


def test_nested_quotation_marks_follow_the_drafting_convention() -> None:
    text = "本市以“一网通办”为抓手，践行“有求必应”的理念。"
    block = quote_block([text, "第二段。"])
    assert "‘一网通办’" in block and block.count("“") == 2
    template, quotes = split_quotes("将第一条修改为：" + block)
    assert quotes == [[text, "第二段。"]] and template.endswith("\ue000")


# -- English style ------------------------------------------------------------------------------
def test_english_forms_are_read() -> None:
    text = ("Amendments\n\n(1) Article 4 is replaced by the following:\n\n“One.\n\n“Two.”\n\n"
            "(2) In Article 6(2), the words “船舶” are replaced by “船只”;\n\nArticle 7 is deleted.\n\n"
            "(3) The following Article is inserted after Article 3, as Article 3a:\n\n“Inserted.”\n\n"
            "(4) The Articles are renumbered accordingly.")
    parsed = parse_instrument(text)
    assert [i.error for i in parsed.items] == ["", "", "", ""]
    ops = [op for i in parsed.items for op in i.ops]
    assert [(o.kind, o.target.article, o.target.paragraph) for o in ops] == [
        ("replace", "4", 0), ("replace_text", "6", 2), ("delete", "7", 0), ("add_article", "", 0),
        ("renumber_all", "", 0)]
    assert ops[3].number == "3a" and ops[3].anchor.article == "3"  # 3a is 第三条之一 in a Chinese base
    result = apply_instrument(before(), parsed)
    assert [r.status for r in result.reports] == ["applied"] * 4
    # renumbered: the inserted article is now the fourth, the rewritten 第四条 the fifth
    assert [p.text for p in article(result.doc, "4").children] == ["Inserted."]
    assert [p.text for p in article(result.doc, "5").children] == ["One.", "Two."]


# -- command line and repository --------------------------------------------------------------------
def test_cli_apply_exit_status_and_report(tmp_path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    ok = runner.invoke(main, ["apply", str(BEFORE), str(INSTRUMENT)])
    assert ok.exit_code == 0, ok.output
    assert "第三百九十条 对犯行贿罪的，处三年以下有期徒刑" in ok.stdout
    assert "item 八: noted" in ok.stderr and "7 applied, 0 not applied" in ok.stderr
    bad = tmp_path / "bad.md"
    bad.write_text("测试\n\n一、删去第九百条。\n\n二、删去第一条。\n", encoding="utf-8")
    partly = runner.invoke(main, ["apply", str(BEFORE), str(bad)])
    assert partly.exit_code == 1 and "item 一: not applied: 第九百条 not found" in partly.stderr
    empty = tmp_path / "empty.md"
    empty.write_text("没有条目\n", encoding="utf-8")
    error = runner.invoke(main, ["apply", str(BEFORE), str(empty)])
    assert error.exit_code == 2 and error.stderr.count("\n") == 1 and "Traceback" not in error.output


def test_import_amends_records_the_instrument(tmp_path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    repo = tmp_path / "repo"
    assert runner.invoke(main, ["init", str(repo)]).exit_code == 0
    base = ["--repo", str(repo)]
    r = runner.invoke(main, base + ["import", str(BEFORE), "--doc", "criminal-law", "--version", "2020",
                                    "--date", "2020-12-26"])
    assert r.exit_code == 0, r.output
    bad = tmp_path / "bad.md"
    bad.write_text("测试\n\n一、删去第九百条。\n", encoding="utf-8")
    refused = runner.invoke(main, base + ["import", str(bad), "--amends", "criminal-law@2020", "--version", "x",
                                          "--date", "2023-12-29"])
    assert refused.exit_code == 2 and "not applied" in refused.stderr
    r = runner.invoke(main, base + ["import", str(INSTRUMENT), "--amends", "criminal-law@2020",
                                    "--version", "修正案十二", "--date", "2023-12-29"])
    assert r.exit_code == 0, r.output
    shown = runner.invoke(main, base + ["show", "criminal-law@修正案十二", "--format", "xml"])
    xml = shown.stdout_bytes
    assert validation_errors(etree.fromstring(xml)) == []
    doc = reader.from_bytes(xml)
    assert doc.meta.amended_by["title"] == "中华人民共和国刑法修正案（十二）"
    assert [m["eid"] for m in doc.meta.modifications][:3] == ["art_165", "art_166", "art_169"]
    assert differing_articles(doc, _doc(str(AFTER))) == []
    log = runner.invoke(main, base + ["log", "criminal-law"])
    assert "修正案十二" in log.stdout and log.stdout.count("505 articles") == 2
