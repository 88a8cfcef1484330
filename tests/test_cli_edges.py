"""The command line's edges, each as a new user met it: `check SLUG` in a repository, what a
file-pair diff says about dates and titles, labels in the document's language, `--format`
versus `--input-format`, the date drawn from the text, an older version found later, the same
text under a new label, an empty repository, and two unrelated laws."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pygit2
import pytest

from helpers import CORPUS, DATA, SEED, refs, run
from lawdiff.site.inputs import read_inputs
from lawdiff.store.repository import Store
from lawdiff.text.normalize import title_key

SBE = CORPUS / "zh/shanghai-business-environment"
SBE_2020, SBE_2024 = SBE / "01-adopted-2020-04-10.md", SBE / "02-amended-2024-09-27.md"
AI_PROPOSAL = CORPUS / "en/eu-ai-act/01-commission-proposal-2021-04-21.md"
AI_ADOPTED = CORPUS / "en/eu-ai-act/04-adopted-regulation-2024-1689.md"
GG = sorted((CORPUS / "de/grundgesetz").glob("*.md"))
GMBHG = sorted((CORPUS / "de/gmbhg").glob("*.md"))
COMPANY = sorted((CORPUS / "zh/company-law").glob("*.md"))
CRIMINAL = sorted((CORPUS / "zh/criminal-law").glob("0*.md"))
HAN = re.compile(r"[\u4e00-\u9fff]")



@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    path = tmp_path / "repo"
    assert run("init", path)[0] == 0
    return path


def listing(repo: Path, slug: str) -> list[dict[str, object]]:
    code, out, err = run("--repo", repo, "log", "--json")
    assert code == 0, err
    return json.loads(out)[slug]  # type: ignore[no-any-return]


# -- check SLUG ---------------------------------------------------------------------------------
def test_check_slug_prefers_the_stored_document_over_its_folder(repo: Path) -> None:
    for path, label in ((SBE_2020, "2020"), (SBE_2024, "2024")):
        assert run("--repo", repo, "import", path, "--doc", "sbe", "--version", label)[0] == 0
    # from the folder of the work tree that holds the document's folder (the repository root in
    # format 1, its fan-out folder in format 2): `sbe` there is a directory
    here = repo / Store(repo).doc_path("sbe").rpartition("/")[0]
    assert (here / "sbe").is_dir()
    code, out, err = run("check", "sbe", cwd=here)
    assert code in (0, 1) and "is a directory" not in err
    assert "sbe@2024" in err and "against 2020" in err
    code, out, err = run("check", "sbe@2020", cwd=here)
    assert code == 0 and "the first version" in err
    # a file is still a file, in a repository or not
    code, out, err = run("check", SBE_2020, cwd=here)
    assert code == 0 and f"{SBE_2020}: 80 articles, 0 warning(s)" in err


def test_check_prints_error_level_warnings_as_errors(tmp_path: Path) -> None:
    lines = GMBHG[0].read_text(encoding="utf-8").splitlines()
    lost = lines.index("### § 13 Juristische Person; Handelsgesellschaft")
    lines[lost] = lines[lost].removeprefix("### ")  # a heading whose markup was lost
    path = tmp_path / "gmbhg.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run("check", path)
    assert code == 1
    assert f"{path}:{lost + 1}: error: '§ 13 Juristische Person; Handelsgesellschaft'" in out
    code, out, _ = run("check", GMBHG[0])
    assert "error:" not in out


# -- a file-pair diff: dates and titles from the texts --------------------------------------------
def test_file_pair_diff_takes_dates_and_titles_from_the_texts_or_shows_none() -> None:
    code, out, _ = run("diff", AI_PROPOSAL, AI_ADOPTED)
    assert code == 1
    first = out.splitlines()[0]
    assert "1970" not in out and "title changed" not in out
    assert AI_PROPOSAL.stem + ":" not in first  # the file name is no title
    assert first.endswith("→ 2024-06-13") and first.startswith("REGULATION (EU) 2024/1689")
    data = json.loads(run("diff", AI_PROPOSAL, AI_ADOPTED, "--format", "json")[1])
    assert (data["from"]["date"], data["from"]["title"]) == ("", "")
    assert data["to"]["date"] == "2024-06-13" and data["title_changed"] is False
    for fmt in ("markdown", "html", "stat"):
        assert "1970" not in run("diff", AI_PROPOSAL, AI_ADOPTED, "--format", fmt)[1]
    # two texts that state their dates: shown as printed
    code, out, _ = run("diff", SBE_2020, SBE_2024)
    assert out.splitlines()[0] == "上海市优化营商环境条例: 2020-04-10 → 2024-09-27"


# -- labels in the document's language -----------------------------------------------------------
@pytest.mark.parametrize("pair", [GG[:2], GMBHG, [AI_PROPOSAL, AI_ADOPTED]], ids=["deu-gg", "deu-gmbhg", "eng"])
def test_english_and_german_output_has_no_chinese_labels(pair: list[Path]) -> None:
    for fmt in ("text", "markdown", "html", "stat"):
        code, out, _ = run("diff", *pair, "--format", fmt)
        assert code == 1
        assert not HAN.search(out), (fmt, HAN.search(out))
    assert "notes changed (notes before the text" in run("diff", *pair)[1]


def test_chinese_output_keeps_its_terms() -> None:
    code, out, _ = run("diff", SBE_2020, SBE_2024)
    assert "notes changed (题注" in out


def test_chinese_markdown_says_the_structure_and_the_notes_in_chinese_too() -> None:
    """The Markdown of a Chinese law (a review comment, 条文对照表) is labelled in Chinese; the
    chapters and sections that changed and the notes outside the articles were lawdiff's English."""
    code, out, _ = run("diff", *map(str, COMPANY), "--format", "markdown")
    assert code == 1
    assert "#### 结构变化" in out
    assert "- 新增第二章 公司登记" in out
    assert "- 第三节 一人有限责任公司的特别规定 删除" in out
    assert "- 第二节 股东大会 改为 第二节 股东会" in out
    assert "- 第七章 公司债券 → 第九章 公司债券" in out
    assert "- 题注、公告或注释修改（不计为差异）" in out
    # no English word left: only the HTML tags the table's cells use
    assert not re.findall(r"[A-Za-z]+", re.sub(r"</?(?:br|b|s)>", "", out))


def test_chinese_html_page_is_labelled_in_chinese() -> None:
    """The standalone HTML of a Chinese law speaks Chinese as its Markdown does: stats, structure,
    notes, every change's title and the article announced inside a split.  It said "modified,
    renumbered" and "new 第三十九条" beside Chinese move notes."""
    code, out, _ = run("diff", *map(str, COMPANY), "--format", "html")
    assert code == 1
    page = lxml.html.fromstring(out)
    shown = page.body.text_content()
    assert not re.findall(r"[A-Za-z]+", shown)  # no English word a reader sees
    assert [th.text for th in page.iter("th")][:3] == ["未修改", "修改", "新增"]
    assert page.find(".//h2").text == "结构变化" and "新增第二章 公司登记" in shown
    titles = [h3.text_content() for h3 in page.iter("h3")]
    assert "第一条（修改） 68%" in titles
    assert "仅条号变化：第十条 → 第八条" in titles
    assert any("（拆分，" in t for t in titles) and any("（合并，" in t for t in titles)
    for side, word in (("old", "原第"), ("new", "新第")):  # merges announce old articles, splits new ones
        announced = page.xpath(f'//p[@class="opens {side}"]')
        assert announced and all(p.text.startswith(word) for p in announced)


def test_german_markdown_and_html_speak_german_as_the_synopse_does() -> None:
    """The Markdown and HTML of a German law are labelled in German, in the Word Synopse's words
    (bisherige Fassung | neue Fassung, geändert, eingefügt): they were lawdiff's English ("Comparison
    table", "Before", "section added: …") around German text.  The terminal stays English."""
    code, out, _ = run("diff", *map(str, GMBHG), "--format", "markdown")
    assert code == 1
    for line in ("| | Vorschriften |", "| Wortlaut unverändert | 109 |", "| geändert | 11 |", "| eingefügt | 4 |",
                 "- Vorspann, Bekanntmachung oder Fußnoten geändert (nicht als Unterschied gezählt)",
                 "#### Gliederung", "- Abschnitt 6 - Sondervorschriften bei Beteiligung des Bundes eingefügt",
                 "#### Synopse", "| bisherige Fassung | neue Fassung |"):
        assert line in out.splitlines(), line
    labels = "\n".join(line for line in out.splitlines() if not line.startswith("| **") and not line.startswith("|  |"))
    english = re.compile(r"\b(Articles|unchanged|modified|added|removed|Structure|section|Comparison|Before|After|"
                         r"notes|changed)\b")
    assert not english.search(labels), english.search(labels)
    code, out, _ = run("diff", *map(str, GMBHG), "--format", "html")
    page = lxml.html.fromstring(out)
    assert page.get("lang") == "de"
    assert [th.text for th in page.iter("th")][:3] == ["Wortlaut unverändert", "geändert", "eingefügt"]
    assert page.find(".//h2").text == "Gliederung"
    titles = [h3.text_content() for h3 in page.iter("h3")]
    assert "§ 4 (geändert) 73%" in titles and not any(english.search(t) for t in titles)
    assert "notes changed (notes before the text" in run("diff", *map(str, GMBHG))[1]


def test_move_notes_and_the_articles_of_a_split_in_german() -> None:
    from lawdiff.compare.formats.listing import move_note, opening_label, structure_phrase
    from lawdiff.compare.result import ParagraphDiff, StructureChange

    both = ParagraphDiff(old_index=0, new_index=0, ops=[], moved_from="§ 3", moved_to="§ 5")
    assert move_note(both, "deu") == "verschoben aus § 3 nach § 5"
    assert move_note(both, "zho") == "由§ 3移至§ 5" and move_note(both) == "moved from § 3 to § 5"
    assert move_note(ParagraphDiff(old_index=0, new_index=None, ops=[], moved_to="§ 5"), "deu") == \
        "verschoben nach § 5"
    assert opening_label("old", "§ 13", "deu") == "bisher § 13" and opening_label("new", "§ 24", "deu") == "neu § 24"
    renamed = StructureChange("renamed", "section", "Abschnitt 2 - Alt", "Abschnitt 2 - Neu")
    assert structure_phrase(renamed, "deu") == "Abschnitt 2 - Alt umbenannt in Abschnitt 2 - Neu"


# -- --format is the output, --input-format the input ---------------------------------------------
def test_input_format_option_and_the_old_spelling_with_a_note(repo: Path) -> None:
    code, out, err = run("--repo", repo, "import", SBE_2020, "--doc", "sbe", "--version", "a",
                         "--input-format", "markdown")
    assert code == 0 and err == ""
    code, out, err = run("--repo", repo, "import", SBE_2024, "--doc", "sbe", "--version", "b", "--format", "markdown")
    assert code == 0 and "imported 97 articles" in out
    assert err.splitlines() == ["lawdiff: note: `import --format` is deprecated for the input format; "
                                "use --input-format"]
    code, out, err = run("check", SBE_2020, "--format", "markdown")
    assert code == 0 and len(err.splitlines()) == 2 and "deprecated" in err.splitlines()[0]
    assert run("check", SBE_2020, "--input-format", "markdown")[2].count("deprecated") == 0
    # --format is the output wherever it is shown in --help
    for command in ("import", "check", "parse", "diff", "amend", "apply"):
        help_text = run(command, "--help")[1]
        assert "--input-format" in help_text, command
        described = re.search(r"--format\s[^\n]*(?:\n\s{20,}[^\n]*)*", help_text)
        assert described is None or "Input" not in described.group(0), command
    code, out, _ = run("parse", SBE_2020, "--format", "json", "--input-format", "markdown")
    assert code == 0 and json.loads(out)["meta"]["date"] == "2020-04-10"


# -- --date from the text -------------------------------------------------------------------------
def test_import_takes_the_date_the_text_states(repo: Path) -> None:
    assert "2024年9月27日" in SBE_2024.read_text(encoding="utf-8")
    code, out, err = run("--repo", repo, "import", SBE_2024, "--doc", "sbe", "--version", "2024")
    assert code == 0, err
    assert [v["date"] for v in listing(repo, "sbe")] == ["2024-09-27"]
    # a text that states no date: one line, exit 2, nothing written
    before = refs(repo)
    code, out, err = run("--repo", repo, "import", AI_PROPOSAL, "--doc", "ai", "--version", "proposal")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "states no date" in err and "--date" in err
    assert refs(repo) == before
    code, _, err = run("--repo", repo, "import", AI_PROPOSAL, "--doc", "ai", "--version", "proposal",
                       "--date", "2021-04-21")
    assert code == 0, err


# -- an older version found later -----------------------------------------------------------------
def test_an_older_version_takes_its_place_by_date_and_history_only_grows(repo: Path) -> None:
    assert run("--repo", repo, "import", SBE_2024, "--doc", "sbe", "--version", "amended")[0] == 0
    before = refs(repo)
    r = pygit2.Repository(str(repo))
    old_main = r.references["refs/heads/main"].target
    code, out, err = run("--repo", repo, "import", SBE_2020, "--doc", "sbe", "--version", "adopted")
    assert code == 0, err
    assert [(v["label"], v["date"]) for v in listing(repo, "sbe")] == [("adopted", "2020-04-10"),
                                                                       ("amended", "2024-09-27")]
    log = run("--repo", repo, "log", "sbe")[1].splitlines()
    assert log[1].split()[0] == "2020-04-10" and log[2].split()[0] == "2024-09-27"
    # append-only: every earlier ref is still there, unchanged, and the old main is an ancestor
    after = refs(repo)
    assert {k: v for k, v in after.items() if k in before and k != "refs/heads/main"} == \
        {k: v for k, v in before.items() if k != "refs/heads/main"}
    new_main = r.references["refs/heads/main"].target
    assert r.descendant_of(new_main, old_main)
    # the top of main keeps the latest text; the older version's tag has its own
    store = Store(repo)
    latest, older = store.version("sbe", "amended"), store.version("sbe", "adopted")
    top = r[new_main].peel(pygit2.Commit).tree
    assert r[top[f"{store.doc_path('sbe')}/main.xml"].id].data == store.xml(latest) != store.xml(older)
    assert store.document("sbe", "adopted").meta.date == "2020-04-10" and len(store.document("sbe", "adopted").articles()) == 80
    assert (repo / store.doc_path("sbe") / "source.md").read_bytes() == SBE_2024.read_bytes()  # the latest
    # diff's default pair and the site follow the date order
    code, out, _ = run("--repo", repo, "diff", "sbe")
    assert code == 1 and out.splitlines()[0].endswith("adopted → amended")
    assert [v.label for v in read_inputs(store)[0].versions] == ["adopted", "amended"]
    # importing the same again changes nothing
    assert "nothing to do" in run("--repo", repo, "import", SBE_2020, "--doc", "sbe", "--version", "adopted")[1]
    assert refs(repo) == after


# -- the same text, a new label --------------------------------------------------------------------
def test_the_same_text_under_a_new_label_is_a_new_version(repo: Path) -> None:
    args = ("--repo", repo, "import", SEED, "--doc", "ai-industry")
    assert run(*args, "--version", "征求意见稿", "--date", "2022-08-30", "--stage", "draft")[0] == 0
    before = refs(repo)
    code, out, err = run(*args, "--version", "adopted", "--date", "2022-09-30", "--stage", "adopted")
    assert code == 0 and "nothing to do" not in out and "imported 31 articles" in out
    assert refs(repo) != before
    assert [(v["label"], v["stage"]) for v in listing(repo, "ai-industry")] == [("征求意见稿", "draft"),
                                                                               ("adopted", "adopted")]
    code, out, _ = run("--repo", repo, "diff", "ai-industry")
    assert code == 0 and "31 unchanged" in out
    # the same label again is still nothing to do
    code, out, _ = run(*args, "--version", "adopted", "--date", "2022-09-30", "--stage", "adopted")
    assert code == 0 and "nothing to do" in out


# -- an empty repository ---------------------------------------------------------------------------
def test_log_on_an_empty_repository_says_so(repo: Path) -> None:
    code, out, _ = run("--repo", repo, "log")
    assert code == 0 and out.startswith("no documents in ") and "lawdiff import" in out
    code, out, _ = run("--repo", repo, "log", "--json")
    assert json.loads(out) == {}


# -- two different laws ----------------------------------------------------------------------------
@pytest.mark.parametrize("pair, markdown_says", [([COMPANY[0], CRIMINAL[1]], "两个文本看来是不同的法律"),
                                                 ([GMBHG[0], GG[2]], "die beiden Texte scheinen verschiedene "
                                                                     "Gesetze zu sein: höchstens")],
                         ids=["zh", "de"])
def test_unrelated_laws_are_said_to_be_different_laws(pair: list[Path], markdown_says: str) -> None:
    code, out, _ = run("diff", *pair)
    assert code == 1 and "the two look like different laws" in out
    assert markdown_says in run("diff", *pair, "--format", "markdown")[1]
    data = json.loads(run("diff", *pair, "--format", "json")[1])
    assert data["unrelated"] is True and data["aligned_share"] < 0.5


@pytest.mark.parametrize("pair", [COMPANY, GMBHG, [AI_PROPOSAL, AI_ADOPTED]], ids=["zh-revision", "de", "en"])
def test_versions_of_one_law_are_not_called_different_laws(pair: list[Path]) -> None:
    code, out, _ = run("diff", *pair)
    assert code == 1 and "different laws" not in out
    data = json.loads(run("diff", *pair, "--format", "json")[1])
    assert data["unrelated"] is False and data["aligned_share"] >= 0.5


CIPHER = sorted((DATA / "national-pairs").glob("商用密码管理条例*.md"))  # 1999 -> 2023, rewritten throughout


def test_a_law_rewritten_throughout_is_not_called_a_different_law() -> None:
    """商用密码管理条例 1999 -> 2023: a third of the articles correspond, under the same title. The
    outputs say it was rewritten throughout, in the law's language where they speak it, and never
    that the two are different laws; the JSON's `unrelated` stays false beside its low share."""
    assert len(CIPHER) == 2
    code, out, _ = run("diff", *CIPHER)
    assert code == 1 and "rewritten throughout: at most 33% of either one's articles" in out
    assert "different laws" not in out
    markdown = run("diff", *CIPHER, "--format", "markdown")[1]
    assert "全面改写：任何一方至多33%的条文在另一方有对应条文（标题相同）" in markdown
    assert "不同的法律" not in markdown and "rewritten" not in markdown
    data = json.loads(run("diff", *CIPHER, "--format", "json")[1])
    assert data["unrelated"] is False and data["aligned_share"] < 0.5


@pytest.mark.parametrize("old, new, same", [
    ("上海市促进人工智能产业发展条例(草案)(征求意见稿)", "上海市促进人工智能产业发展条例", True),
    ("Gesetz betreffend die Gesellschaften mit beschränkter Haftung (GmbHG)",
     "Gesetz  betreffend die Gesellschaften mit beschränkter Haftung", True),
    ("中华人民共和国刑法", "中华人民共和国刑法修正案（十二）", False),
    ("中华人民共和国公司法", "中华人民共和国刑法", False),
    ("", "", False)])
def test_titles_name_one_law_but_for_spacing_case_and_a_bracketed_note(old: str, new: str, same: bool) -> None:
    assert (title_key(old) == title_key(new) != "") is same


def test_check_git_fails_on_a_heading_read_as_text(tmp_path: Path) -> None:
    """In CI an error-level parse warning is an error finding: the check exits 1."""
    from gitlib import commit, init, put

    repo = init(tmp_path / "laws")
    put(repo, "gmbhg.md", GMBHG[0])
    base = commit(repo, "GmbHG 2011", "2024-01-01T12:00:00+01:00")
    lines = GMBHG[0].read_text(encoding="utf-8").splitlines()
    lost = lines.index("### § 13 Juristische Person; Handelsgesellschaft")
    lines[lost] = lines[lost].removeprefix("### ")
    put(repo, "gmbhg.md", "\n".join(lines) + "\n")
    head = commit(repo, "heading markup lost", "2024-01-02T12:00:00+01:00")
    code, out, err = run("check", "--git", f"{base}..{head}", "--format", "text", cwd=repo)
    assert code == 1, err
    assert f"gmbhg.md:{lost + 1}: error: " in out and "§ 13 Juristische Person" in out
    assert "deprecated" not in err  # with --git, --format is the output


def test_a_mistyped_file_name_outside_a_repository_is_said_to_be_no_file(tmp_path: Path) -> None:
    """`lawdiff diff a.txt b.txt` with a.txt mistyped, in a folder that is no repository: the names
    could also be documents of a repository, but there is none, so the file is what is missing.
    The error used to say only that the folder is not inside a git repository."""
    present = tmp_path / "b.md"
    present.write_bytes(SBE_2024.read_bytes())
    for args in (["diff", "a.md", "b.md"], ["diff", "a.md"], ["amend", "a.md", "b.md"], ["apply", "a.md", "b.md"]):
        code, out, err = run(*args, cwd=tmp_path)
        assert (code, out, err.count("\n")) == (2, "", 1), (args, err)
        assert "a.md: no such file" in err and "not inside a git repository" not in err, (args, err)
    # With --repo, what is wrong with the repository named is the news.
    code, _, err = run("--repo", tmp_path / "nothere", "diff", "x", "y", cwd=tmp_path)
    assert code == 2 and "no such file" not in err and "nothere" in err
