"""Multi-version documents of the national corpus sample through diff and amend (issue 13).

`lawdiff amend` crashed with "IndexError: list index out of range" on 19 of the corpus's 88
multi-version documents, e.g. 计量法实施细则 2018-03-19 -> 2022-03-29: articles whose points
changed only in their printed numbers ("(一)" -> "（一）") got an empty plan of fine edits, and
applying an item without instructions read `item.ops[0]`.  bench/bench_national.py runs every
pair of the whole corpus; here, every pair of the sample.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import DATA
from lawdiff.amend.apply.engine import Applier
from lawdiff.amend.instrument import Item
from lawdiff.cli.app import main
from lawdiff.ingest.tree import scan_tree
from lawdiff.text.numerals import int_to_zh
from lawdiff.akn.load import parse_file

SAMPLE = DATA / "national-sample"


def _pairs() -> list[tuple[Path, Path]]:
    files, _ = scan_tree(SAMPLE)
    by_title: dict[str, list[Path]] = {}
    for f in files:
        by_title.setdefault(f.title, []).append(SAMPLE / f.rel)
    pairs = []
    for paths in by_title.values():
        dated = sorted(paths, key=lambda p: (re.search(r"\((\d{4}-\d\d-\d\d)\)", p.name) or [None, "0"])[1])
        if len({p.read_bytes() for p in dated}) > 1:
            pairs.extend(zip(dated, dated[1:]))
    return pairs


PAIRS = _pairs()


def test_the_sample_has_its_multi_version_documents() -> None:
    assert len(PAIRS) == 6


@pytest.mark.parametrize("old,new", PAIRS, ids=lambda p: p.name)
def test_diff_and_amend_run_without_internal_error_and_reproduce_the_later_version(old: Path, new: Path) -> None:
    runner = CliRunner()
    diff = runner.invoke(main, ["diff", str(old), str(new), "--format", "stat"])
    assert diff.exit_code in (0, 1), diff.output
    result = runner.invoke(main, ["amend", str(old), str(new)])
    assert "internal error" not in result.stderr and "Traceback" not in result.output
    assert result.exit_code == 0, result.stderr  # applied to the earlier version, it gives the later exactly
    assert "checked: applied to FROM they give TO exactly" in result.stderr


def test_the_crashing_pair_gets_whole_article_rewrites_where_only_point_numbers_changed() -> None:
    folder = SAMPLE / "行政法规"
    result = CliRunner().invoke(main, ["amend", str(folder / "计量法实施细则(2018-03-19).md"),
                                       str(folder / "计量法实施细则(2022-03-29).md")])
    assert result.exit_code == 0, result.stderr
    items = [line for line in result.stdout.splitlines() if re.match(r"^[一二三四五六七八九十]+、", line)]
    # 第四条 and 第七条 changed "(一)" to "（一）" in their points: restated whole.
    assert any(line.startswith("一、将第四条修改为：“计量基准器具") for line in items)
    # 总则 -> 总 则, 费用 -> 费 用, 附则 -> 附 则: spacing alone is never an amendment
    assert not any("章名" in line for line in items)
    assert any("将第七条修改为：“计量标准器具" in line for line in items)
    assert any("将第十一条第二款中的“(市)”修改为“（市）”" in line for line in items)
    # Unchanged articles are not touched.
    assert not any(re.search(r"将第(一|二|三|五|六)条", line) for line in items)


def test_an_item_without_instructions_is_reported_not_a_crash() -> None:
    base = parse_file(SAMPLE / "行政法规" / "计量法实施细则(2018-03-19).md")
    report = Applier(base).apply_item(Item("一", "一、", []))
    assert report.status == "not applied" and "no instruction" in report.reason


def test_items_of_a_text_without_articles_are_amended_as_its_citations_name_them(tmp_path: Path) -> None:
    """刑法修正案（十一） -> （十二）: two real texts of items (一、二、…, AKN `level` units), the
    only kind of unit they have.  amend used to see no unit at all ("两个版本的条文相同") and
    then fail its own check on every item.  The instrument names the items 第X条, as the
    corpus's texts cite such items (《刑法修正案（九）》第七条, 《……决定》第二条), and the
    items it adds are printed as the base prints its own (十三、), never 第十三条."""
    folder = SAMPLE / "刑法"
    old, new = folder / "刑法修正案（十一）.md", folder / "刑法修正案（十二）(2023-12-29).md"
    result = CliRunner().invoke(main, ["amend", str(old), str(new)])
    assert result.exit_code == 0, result.stderr
    assert "checked: applied to FROM they give TO exactly" in result.stderr
    items = [line for line in result.stdout.splitlines() if re.match(r"^[一二三四五六七八九十]+、", line)]
    assert "两个版本的条文相同" not in result.stdout and "lvl" not in result.stdout
    # The items are numbered 一、二、… in order (how many depends on the alignment of two texts that
    # are not versions of one another: which of their items count as rewritten, which as replaced).
    assert [line.split("、", 1)[0] for line in items] == [int_to_zh(k) for k in range(1, len(items) + 1)]
    assert items[0] == "一、删去第一条。" and items[-1].endswith("、本决定对条文顺序作相应调整。")
    assert any(line.startswith("六、在第六条前增加一条，作为第一条：“在刑法第一百六十五条中增加一款") for line in items)
    assert any(re.match(r"[一二三四五六七八九十]+、将第四十八条修改为：“本修正案自", line) for line in items)
    assert not any("项" in line.split("：", 1)[0] for line in items)  # 项 is a point inside a paragraph

    # The written text read back and applied: the consolidated version is TO's items, as items.
    instrument = tmp_path / "instrument.txt"
    instrument.write_text(result.stdout, encoding="utf-8")
    applied = CliRunner().invoke(main, ["apply", str(old), str(instrument), "--format", "json"])
    assert applied.exit_code == 0, applied.stderr
    want = parse_file(new)
    got_units = re.findall(r'"num": "([^"]*)"', applied.stdout)
    assert [u.num for u in want.articles()] == [n for n in got_units if n.endswith("、")]
    assert all(u.kind == "level" for u in want.articles()) and "第一条" not in got_units
