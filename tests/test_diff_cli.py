"""`lawdiff diff`: exit status as diff(1), every output format, the JSON schema, options,
files and repository mode, determinism."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import click
import jsonschema
import pytest
from click.testing import CliRunner
from helpers import CORPUS

from lawdiff.akn.load import parse_file
from lawdiff.cli.app import main
from lawdiff.compare.differ import compare, compare_versions
from lawdiff.compare.formats import render_bytes
from lawdiff.compare.formats.json import render
from lawdiff.store.repository import Store

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "schema" / "lawdiff-diff-1.schema.json").read_text(encoding="utf-8"))
CRIMINAL = [str(CORPUS / "zh" / "criminal-law" / n) for n in ("01-amended-2020-12-26.md", "02-amended-2023-12-29.md")]
CIVIL = [str(CORPUS / "zh" / "civil-code" / n)
         for n in ("01-adopted-2020-05-28.txt", "02-adopted-2020-05-28-lawrefbook-markdown.md")]
SUPERVISION = [str(CORPUS / "zh" / "supervision-law" / n) for n in ("01-adopted-2018-03-20.md", "02-amended-2024-12-25.md")]
ANSI = re.compile(r"\x1b\[")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def validate(text: str) -> dict:  # type: ignore[type-arg]
    data = json.loads(text)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    return data


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_differences_exit_1_and_list_the_changed_articles() -> None:
    code, out, err = run("diff", *CRIMINAL)
    assert code == 1 and not err
    titles = re.findall(r"^== (\S+) \(modified\)", out, re.M)
    assert titles == ["第一百六十五条", "第一百六十六条", "第一百六十九条", "第三百八十七条", "第三百九十条",
                      "第三百九十一条", "第三百九十三条"]
    assert "[-五年-]{+三年+}" in out  # 第三百八十七条: 五年 -> 三年, the word struck whole
    assert "[-五-]" not in out
    assert not ANSI.search(out)  # not a terminal: plain markers


def test_same_law_in_another_format_exits_0() -> None:
    code, out, _ = run("diff", *CIVIL)
    assert code == 0
    assert "1260 unchanged" in out


def test_formatting_only_differences_exit_0_and_show_on_request() -> None:
    # 监察法 第十一条 differs between the versions only in an ASCII versus a full-width colon.
    code, out, _ = run("diff", *SUPERVISION, "--article", "11")
    assert code == 0
    assert "==" not in out
    code, out, _ = run("diff", *SUPERVISION, "--article", "11", "--show-formatting")
    assert code == 0 and "(formatting only)" in out and "[-:-]{+：+}" in out


def test_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    code, _, err = run("diff", CRIMINAL[0], str(tmp_path / "missing.md"))
    assert code == 2 and err.count("\n") == 1 and "no such file" in err
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")  # a text without articles is a unit; an empty one is refused
    code, _, err = run("diff", CRIMINAL[0], str(empty))
    assert code == 2 and "no article" in err and "Traceback" not in err
    code, _, err = run("diff", *CRIMINAL, "--article", "9999")
    assert code == 2 and "no article '9999'" in err
    code, _, err = run("diff", "a", "b", "c", "d")
    assert code == 2


def test_json_validates_and_lists_every_article() -> None:
    code, out, _ = run("diff", *SUPERVISION, "--format", "json")
    assert code == 1
    data = validate(out)
    assert data["format"] == "lawdiff.diff/1" and data["differences"] is True
    olds = [a["number"] for c in data["changes"] for a in c["from"]]
    news = [a["number"] for c in data["changes"] for a in c["to"]]
    assert sorted(olds, key=int) == [str(n) for n in range(1, 70)]
    assert sorted(news, key=int) == [str(n) for n in range(1, 79)]
    added = next(c for c in data["changes"] if c["type"] == "added")
    assert added["ops"][0][0] == "insert" and added["from"] == []
    unchanged = next(c for c in data["changes"] if c["type"] == "unchanged")
    assert "ops" not in unchanged and unchanged["similarity"] == 1.0
    renumbered = next(c for c in data["changes"] if c["from"] and c["from"][0]["number"] == "21")
    assert renumbered["to"] == [{"eid": "art_22", "num": "第二十二条", "number": "22", "heading": "",
                                 "path": ["第四章 监察权限"], "paragraphs": 1}]
    assert (renumbered["type"], renumbered["renumbered"], renumbered["moved"]) == ("unchanged", True, False)
    assert data["stats"]["added"] == sum(c["type"] == "added" for c in data["changes"])


ADMIN = [CORPUS / "zh" / "administrative-reconsideration-law" / n
         for n in ("01-amended-2017-09-01.md", "02-revised-2023-09-01.md")]


def test_json_ops_divide_into_the_articles_of_a_split_or_merge() -> None:
    """Each side's text in `ops` is its articles' lines in order: the `paragraphs` counts cut it
    into exactly the articles as parsed (read here from the documents, not from the diff)."""
    code, out, _ = run("diff", *map(str, ADMIN), "--format", "json")
    data = validate(out)
    bodies = [{a.number: a.body_text().split("\n") for a in parse_file(path).articles()} for path in ADMIN]
    several = 0
    for change in data["changes"]:
        if "ops" not in change:
            continue
        for side, skipped, articles in ((0, "insert", change["from"]), (1, "delete", change["to"])):
            lines = "".join(text for op, text in change["ops"] if op != skipped).split("\n") if articles else []
            start = 0
            for article in articles:
                end = start + article["paragraphs"]
                assert lines[start:end] == bodies[side][article["number"]], (change["type"], article["num"])
                start = end
            assert start == len(lines)
            several += len(articles) > 1
    assert several >= 5  # the revision's splits: the counts matter there


def test_json_of_identical_files_says_no_differences() -> None:
    code, out, _ = run("diff", CRIMINAL[0], CRIMINAL[0], "--format", "json")
    data = validate(out)
    assert code == 0 and data["differences"] is False
    assert {c["type"] for c in data["changes"]} == {"unchanged"}


def test_markdown_is_a_comparison_table() -> None:
    code, out, _ = run("diff", *CRIMINAL, "--format", "markdown")
    assert code == 1
    assert "| 修改前 | 修改后 |" in out and "条文对照表" in out
    row = next(line for line in out.splitlines() if line.startswith("| **第三百八十七条**"))
    assert "处~~五年~~以下" in row and "处**三年**以下" in row
    assert "第一条" not in out  # unchanged articles are left out
    _, shown, _ = run("diff", *CRIMINAL, "--format", "markdown", "--show-unchanged")
    assert "| **第一条**" in shown and "同左" in shown


def test_markdown_fits_a_comment_box_by_whole_rows() -> None:
    def table_rows(markdown: str) -> list[str]:
        lines = markdown.splitlines()
        start = lines.index("|---|---|") + 1
        return [line for line in lines[start:] if line.startswith("| ")]

    _, full, _ = run("diff", *SUPERVISION, "--format", "markdown")
    rows = table_rows(full)
    limit = len(full) // 2
    code, cut, _ = run("diff", *SUPERVISION, "--format", "markdown", "--max-chars", str(limit))
    assert code == 1 and len(cut) <= limit
    kept = table_rows(cut)
    assert kept == rows[: len(kept)] and 0 < len(kept) < len(rows)  # whole rows, in order
    assert f"另有{len(rows) - len(kept)}行未列出" in cut.splitlines()[-1]
    _, same, _ = run("diff", *SUPERVISION, "--format", "markdown", "--max-chars", str(len(full) + 1))
    assert same == full


def test_html_is_one_standalone_escaped_page() -> None:
    code, out, _ = run("diff", *SUPERVISION, "--format", "html")
    assert code == 1
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert "<del>" in out and "<ins>" in out
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", out)  # no network
    assert "<script" not in out


def test_stat_and_text_compact_renumbering() -> None:
    code, out, _ = run("diff", *SUPERVISION, "--format", "stat")
    assert code == 1
    assert re.search(r"^ 第二十三条–第二十五条 → 第二十六条–第二十八条 +\| renumbered only$", out, re.M)
    assert out.rstrip().splitlines()[-1].strip().startswith("46 unchanged")
    _, text, _ = run("diff", *SUPERVISION)
    assert "renumbered only: 第二十三条–第二十五条 → 第二十六条–第二十八条" in text


def test_colour_on_request() -> None:
    _, out, _ = run("diff", *CRIMINAL, "--color")
    assert ANSI.search(out) and "[-" not in out


def test_colours_are_the_terminal_styles_click_writes() -> None:
    # The renderer knows no click; its ANSI bytes must still be click.style's (第三百八十七条: 五年 -> 三年).
    _, out, _ = run("diff", *CRIMINAL, "--color")
    assert click.style("五年", fg="red", strikethrough=True) + click.style("三年", fg="green", underline=True) in out
    assert click.style("== 第三百八十七条 (modified)", bold=True).removesuffix("\x1b[0m") in out


def test_article_option_takes_any_spelling() -> None:
    outputs = {run("diff", *SUPERVISION, "--article", spelling)[1] for spelling in ("47", "第四十七条", "art_47")}
    assert len(outputs) == 1
    out = outputs.pop()
    assert "第四十三条 → 第四十七条、第四十八条、第四十九条 (split, renumbered)" in out
    assert "第四十七条 → 第五十四条" in out  # old 47 is listed too: the option looks at both sides


def test_output_is_deterministic() -> None:
    first = run("diff", *SUPERVISION, "--format", "json")[1]
    assert run("diff", *SUPERVISION, "--format", "json")[1] == first


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("repo")
    assert run("init", str(path))[0] == 0
    for file, date in ((SUPERVISION[0], "2018-03-20"), (SUPERVISION[1], "2024-12-25")):
        code, _, err = run("--repo", str(path), "import", file, "--doc", "jianchafa", "--date", date)
        assert code == 0, err
    return path


def test_repository_mode_defaults_to_the_two_latest(repo: Path) -> None:
    code, out, _ = run("--repo", str(repo), "diff", "jianchafa", "--format", "json")
    assert code == 1
    data = validate(out)
    assert (data["from"]["date"], data["to"]["date"]) == ("2018-03-20", "2024-12-25")
    from_files = run("diff", *SUPERVISION, "--format", "json")[1]
    assert json.loads(from_files)["changes"] == data["changes"]  # stored versions diff like the files


def test_repository_mode_takes_labels_dates_and_indexes(repo: Path) -> None:
    assert run("--repo", str(repo), "diff", "jianchafa", "1", "2")[0] == 1
    assert run("--repo", str(repo), "diff", "jianchafa", "2018-03-20")[0] == 1
    assert run("--repo", str(repo), "diff", "jianchafa", "2", "2")[0] == 0
    code, _, err = run("--repo", str(repo), "diff", "nosuchlaw")
    assert code == 2 and "no document" in err
    code, _, err = run("--repo", str(repo), "diff", "jianchafa", "9")
    assert code == 2 and "no version" in err


def test_compare_versions_helper(repo: Path) -> None:
    result = compare_versions(Store(repo), "jianchafa", "1", "2")
    assert result.stats["unchanged"] == 46 and result.has_differences


def test_single_version_is_an_error(tmp_path: Path) -> None:
    assert run("init", str(tmp_path))[0] == 0
    shutil.copy(CRIMINAL[0], tmp_path / "x.md")
    assert run("--repo", str(tmp_path), "import", str(tmp_path / "x.md"), "--doc", "xingfa",
               "--date", "2020-12-26")[0] == 0
    code, _, err = run("--repo", str(tmp_path), "diff", "xingfa")
    assert code == 2 and "only one version" in err


def test_the_diff_is_the_same_whatever_the_hash_seed() -> None:
    """Every consecutive pair of the corpus, diffed in processes with other hash seeds, gives the
    same JSON: no float sum or tie may follow the order a set yields (with seeds 0 and 9 the EU
    AI Act's proposal -> council text once linked art. 26(5) to two different articles)."""
    import os
    import subprocess
    import sys

    script = (
        "import hashlib, sys\n"
        "from pathlib import Path\n"
        "from lawdiff.akn.load import parse_file\n"
        "from lawdiff.compare.differ import compare\n"
        "from lawdiff.compare.formats.json import render\n"
        "digest = hashlib.sha256()\n"
        "for folder in sorted(p for p in Path(sys.argv[1]).glob('*/*') if p.is_dir()):\n"
        "    files = sorted(f for f in folder.iterdir() if f.suffix in ('.md', '.txt', '.xml'))\n"
        "    for a, b in zip(files, files[1:]):\n"
        "        digest.update(render(compare(parse_file(a), parse_file(b))).encode())\n"
        "print(digest.hexdigest())\n")
    digests = set()
    for seed in ("0", "9", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", script, str(CORPUS)], env=env, capture_output=True,
                              text=True, check=True)
        digests.add(done.stdout.strip())
    assert len(digests) == 1


def test_json_encoded_as_it_goes_is_the_text_in_utf8() -> None:
    """`lawdiff diff --format json` writes bytes encoded a line at a time (less memory): the same
    bytes as the whole text encoded at once, a valid report with the changes in it."""
    result = compare(parse_file(CRIMINAL[0]), parse_file(CRIMINAL[1]))
    data = render_bytes(result, "json")
    assert data == render(result).encode("utf-8")
    report = json.loads(data)
    jsonschema.validate(report, SCHEMA)
    assert report["differences"] and len(report["changes"]) == len(result.changes) > 400
