"""`lawdiff diff --git BASE..HEAD [PATH...]` on a real git repository of real law texts
(tests/gitlib.py): each file's section is exactly what `lawdiff diff FILE_A FILE_B` reports,
added/deleted/renamed files, merge base, .lawdiff.toml, the review comment, bad input."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from gitlib import COMPANY, GRUNDGESETZ, OVERSIGHT, SUPERVISION, commit, git, init, law_repository, put
from markdown_it import MarkdownIt

from lawdiff.cli.app import main

ROOT = Path(__file__).parent.parent


def validate(text: str) -> dict:  # type: ignore[type-arg]
    """Parse and check a lawdiff.files/1 document against its schema (which refers to lawdiff.diff/1)."""
    import jsonschema
    from referencing import Registry, Resource

    schemas = [json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
               for name in ("lawdiff-files-1.schema.json", "lawdiff-diff-1.schema.json")]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    data = json.loads(text)
    jsonschema.Draft202012Validator(schemas[0], registry=registry).validate(data)
    return data


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return law_repository(tmp_path_factory.mktemp("gitdiff") / "laws-repo")


def run(cwd: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def file_diff_json(tmp: Path, old: Path | None, new: Path | None, old_name: str, new_name: str,
                   monkeypatch: pytest.MonkeyPatch) -> dict:  # type: ignore[type-arg]
    """`lawdiff diff FILE_A FILE_B --format json` on copies named as in the repository."""
    (tmp / "a").mkdir(parents=True, exist_ok=True)
    (tmp / "b").mkdir(parents=True, exist_ok=True)
    a, b = tmp / "a" / old_name, tmp / "b" / new_name
    a.write_bytes(old.read_bytes())  # type: ignore[union-attr]
    b.write_bytes(new.read_bytes())  # type: ignore[union-attr]
    code, out, err = run(tmp, "diff", str(a), str(b), "--format", "json", monkeypatch=monkeypatch)
    assert code in (0, 1), err
    return json.loads(out)


def test_each_file_reports_exactly_what_the_file_diff_reports(repo: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(repo, "diff", "--git", "HEAD~1..HEAD", "--format", "json", monkeypatch=monkeypatch)
    assert code == 1, err
    data = validate(out)
    assert data["format"] == "lawdiff.files/1" and data["differences"] is True
    assert data["base"]["commit"] == git(repo, "rev-parse", "HEAD~1")
    by_path = {f["path"]: f for f in data["files"]}
    # Present: the two revised laws, the renamed and the deleted file, the README passed over.
    assert sorted(by_path) == ["README.md", "laws/company-law.md", "laws/grundgesetz.md",
                               "laws/oversight-law.md", "laws/supervision-law.md"]
    # Absent: the criminal law did not change on main.
    assert "laws/criminal-law.md" not in out
    for path, pair in (("laws/company-law.md", COMPANY), ("laws/grundgesetz.md", GRUNDGESETZ)):
        entry = by_path[path]
        assert entry["status"] == "modified" and entry["old_path"] == path and entry["differences"] is True
        name = Path(path).name
        assert entry["diff"] == file_diff_json(tmp_path / name, pair[0], pair[1], name, name, monkeypatch)
    renamed = by_path["laws/oversight-law.md"]
    assert (renamed["status"], renamed["old_path"], renamed["similarity"]) == ("renamed", "laws/oversight.md", 100)
    assert renamed["diff"] == file_diff_json(tmp_path / "renamed", OVERSIGHT, OVERSIGHT, "oversight.md",
                                             "oversight-law.md", monkeypatch)
    assert renamed["diff"]["stats"]["modified"] == 0 and renamed["diff"]["stats"]["unchanged"] > 0
    deleted = by_path["laws/supervision-law.md"]
    assert deleted["status"] == "deleted" and deleted["old_path"] == "laws/supervision-law.md"
    alone = file_diff_json(tmp_path / "deleted", SUPERVISION, SUPERVISION, "supervision-law.md",
                           "supervision-law.md", monkeypatch)
    assert deleted["diff"]["stats"]["removed"] == alone["to"]["articles"] > 0
    assert deleted["diff"]["to"]["articles"] == 0 and deleted["diff"]["to"]["source"] == "/dev/null"
    assert {c["type"] for c in deleted["diff"]["changes"]} == {"removed"}
    readme = by_path["README.md"]
    assert readme["diff"] is None and "not a law" in readme["skipped"] and readme["differences"] is False
    assert "README.md: passed over" in err


def test_added_file_and_exit_status_as_diff(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(repo, "diff", "--git", "HEAD..HEAD", "--format", "json", monkeypatch=monkeypatch)
    assert code == 0 and json.loads(out)["files"] == []
    # Reversed: the deleted law comes back as added, every article added.
    code, out, _ = run(repo, "diff", "--git", "HEAD..HEAD~1", "--format", "json", monkeypatch=monkeypatch)
    assert code == 1
    added = next(f for f in validate(out)["files"] if f["path"] == "laws/supervision-law.md")
    assert added["status"] == "added" and added["old_path"] is None
    assert added["diff"]["from"]["articles"] == 0 and added["diff"]["stats"]["added"] > 0
    assert {c["type"] for c in added["diff"]["changes"]} == {"added"}


def test_paths_narrow_and_merge_base(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(repo, "diff", "--git", "HEAD~1..HEAD", "laws/grundgesetz.md", "--format", "json",
                       monkeypatch=monkeypatch)
    assert code == 1 and [f["path"] for f in json.loads(out)["files"]] == ["laws/grundgesetz.md"]
    # A folder narrows too; run from inside it, paths are relative to the working directory.
    code, out, _ = run(repo / "laws", "diff", "--git", "HEAD~1..HEAD", ".", "--format", "json",
                       monkeypatch=monkeypatch)
    assert "README.md" not in [f["path"] for f in json.loads(out)["files"]]
    # A file inside a named folder is still found by extension: the README is passed over,
    # not an error (naming the README itself is; see test_bad_input_is_one_line_exit_2).
    code, out, _ = run(repo, "diff", "--git", "HEAD~1..HEAD", ".", "--format", "json", monkeypatch=monkeypatch)
    assert code == 1 and next(f for f in json.loads(out)["files"] if f["path"] == "README.md")["diff"] is None
    # main...feature: only what the branch did (the criminal law), as `git diff main...feature`.
    code, out, _ = run(repo, "diff", "--git", "main...feature", "--format", "json", monkeypatch=monkeypatch)
    files = json.loads(out)["files"]
    assert code == 1 and [f["path"] for f in files] == ["laws/criminal-law.md"]
    assert files[0]["diff"]["stats"]["modified"] == 7 and files[0]["diff"]["stats"]["added"] == 0
    assert json.loads(out)["base"]["commit"] == git(repo, "merge-base", "main", "feature")
    # main..feature compares the tips: main's own changes show, reversed.
    code, out, _ = run(repo, "diff", "--git", "main..feature", "--format", "json", monkeypatch=monkeypatch)
    assert "laws/company-law.md" in [f["path"] for f in json.loads(out)["files"]]


def test_text_stat_markdown_one_section_per_file(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = ["laws/company-law.md", "laws/grundgesetz.md", "laws/oversight-law.md", "laws/supervision-law.md"]
    for fmt in ("text", "stat"):
        code, out, _ = run(repo, "diff", "--git", "HEAD~1..HEAD", "--format", fmt, "--no-color",
                           monkeypatch=monkeypatch)
        assert code == 1
        headers = [line for line in out.splitlines() if line.startswith("### ")]
        assert headers == ["### README.md (modified)", "### laws/company-law.md (modified)",
                           "### laws/grundgesetz.md (modified)",
                           "### laws/oversight-law.md (renamed from laws/oversight.md, 100% similar)",
                           "### laws/supervision-law.md (deleted)"]
        assert out.rstrip().endswith("4 law file(s) changed: HEAD~1 → HEAD (1 passed over: not law texts)")
    code, out, _ = run(repo, "diff", "--git", "HEAD~1..HEAD", "--format", "markdown", monkeypatch=monkeypatch)
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert html.count("<details>") == 4 and html.count("</details>") == 4
    for path in paths:
        assert f"<summary><code>{path}</code>: " in out
    assert "<table>" in html and "修改前" in html and "Art 104c" in out  # both laws' tables, as tables
    assert out.startswith("<!-- lawdiff:pr-comment -->\n")


def test_markdown_cut_to_max_chars_and_stable(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    full = run(repo, "diff", "--git", "HEAD~1..HEAD", "--format", "markdown", monkeypatch=monkeypatch)[1]
    for limit in (65536, 20000, 4000):
        first = run(repo, "diff", "--git", "HEAD~1..HEAD", "--format", "markdown", "--max-chars", str(limit),
                    monkeypatch=monkeypatch)[1]
        again = run(repo, "diff", "--git", "HEAD~1..HEAD", "--format", "markdown", "--max-chars", str(limit),
                    monkeypatch=monkeypatch)[1]
        assert first == again  # a bot can update one comment in place
        assert len(first) <= limit < len(full)
        assert first.count("<details>") == first.count("</details>")
        # every file keeps its summary line, and what was cut is counted
        for path in ("laws/company-law.md", "laws/grundgesetz.md", "laws/supervision-law.md"):
            assert f"- <code>{path}</code>" in first
        assert "未列出" in first or "rows not shown" in first or "left out" in first
    tiny = run(repo, "diff", "--git", "HEAD~1..HEAD", "--format", "markdown", "--max-chars", "900",
               monkeypatch=monkeypatch)[1]
    assert len(tiny) <= 900 and "<details>" not in tiny and "left out" in tiny


def test_lawdiff_toml_names_paths_formats_and_version_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init(tmp_path / "configured")
    put(repo, "bills/company.txt", COMPANY[0])  # Markdown text under a .txt name: the config says so
    put(repo, "notes/company.md", COMPANY[0])
    put(repo, ".lawdiff.toml", 'paths = ["bills/**"]\nversion = "commit"\n\n'
                               '[[law]]\npath = "bills/*.txt"\nformat = "markdown"\nslug = "company-law"\n')
    commit(repo, "one", "2018-10-26T12:00:00+08:00")
    put(repo, "bills/company.txt", COMPANY[1])
    put(repo, "notes/company.md", COMPANY[1])
    commit(repo, "two", "2023-12-29T12:00:00+08:00")
    code, out, err = run(repo, "diff", "--git", "HEAD~1..HEAD", "--format", "json", monkeypatch=monkeypatch)
    assert code == 1, err
    files = json.loads(out)["files"]
    assert [f["path"] for f in files] == ["bills/company.txt"]  # notes/ is outside `paths`
    diff = files[0]["diff"]
    assert diff["from"]["slug"] == diff["to"]["slug"] == "company-law"
    assert diff["from"]["version"] == git(repo, "rev-parse", "HEAD~1")[:12] and diff["from"]["date"] == "2018-10-26"
    assert diff["to"]["version"] == git(repo, "rev-parse", "HEAD")[:12] and diff["to"]["date"] == "2023-12-29"
    as_text = run(repo, "diff", str(COMPANY[0]), str(COMPANY[1]), "--format", "json", monkeypatch=monkeypatch)[1]
    assert diff["changes"] == json.loads(as_text)["changes"]  # read as Markdown, as the config says
    # A file named by the config that is not a law is an error, not a note.
    put(repo, "bills/readme.txt", "These are our bills.\n")
    commit(repo, "three", "2024-01-01T12:00:00+08:00")
    code, _, err = run(repo, "diff", "--git", "HEAD~1..HEAD", monkeypatch=monkeypatch)
    assert code == 2 and err.count("\n") == 1
    assert "bills/readme.txt at HEAD: no article found" in err


@pytest.mark.parametrize("config, message", [
    ('pathz = ["*.md"]\n', "unknown key 'pathz'"),
    ('[[law]]\npath = "*.md"\nformat = "rtf"\n', "`format` is 'rtf'"),
    ('paths = [\n', ".lawdiff.toml at HEAD"),
])
def test_bad_config_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, message: str) -> None:
    repo = init(tmp_path / "bad")
    put(repo, "law.md", OVERSIGHT)
    commit(repo, "one", "2024-01-01T12:00:00+08:00")
    put(repo, ".lawdiff.toml", config)
    commit(repo, "two", "2024-01-02T12:00:00+08:00")
    code, out, err = run(repo, "diff", "--git", "HEAD~1..HEAD", monkeypatch=monkeypatch)
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err, err


def test_bad_input_is_one_line_exit_2(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(repo, "diff", "--git", "no-such-branch..HEAD", monkeypatch=monkeypatch)
    assert (code, out, err.count("\n")) == (2, "", 1) and "no revision 'no-such-branch'" in err
    assert "shallow" not in err  # a full clone: nothing to fetch
    code, _, err = run(repo, "diff", "--git", "HEAD~1..HEAD", "README.md", monkeypatch=monkeypatch)
    assert code == 2 and err.count("\n") == 1 and "README.md at HEAD~1: no article found" in err
    code, _, err = run(tmp_path, "diff", "--git", "HEAD~1..HEAD", monkeypatch=monkeypatch)
    assert code == 2 and "not inside a git repository" in err
    # A binary file under a law's name: compressed bytes of a real law text.
    binary = init(tmp_path / "binary")
    put(binary, "law.txt", OVERSIGHT)
    commit(binary, "one", "2024-01-01T12:00:00+08:00")
    put(binary, "law.txt", zlib.compress(OVERSIGHT.read_bytes()))
    commit(binary, "two", "2024-01-02T12:00:00+08:00")
    code, _, err = run(binary, "diff", "--git", "HEAD~1..HEAD", monkeypatch=monkeypatch)
    assert code == 2 and err.count("\n") == 1 and "law.txt at HEAD: binary data" in err


def test_shallow_clone_says_how_to_fetch_the_base(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "main", f"file://{repo}", str(shallow))
    base = git(repo, "rev-parse", "main~1")
    for spec in ("HEAD~1..HEAD", f"{base}..HEAD", "origin/feature...HEAD"):
        code, out, err = run(shallow, "diff", "--git", spec, monkeypatch=monkeypatch)
        assert code == 2 and out == "" and err.count("\n") == 1, (spec, err)
        assert "shallow clone" in err and "git fetch --unshallow" in err and "fetch-depth: 0" in err
    # After fetching, the same range works.
    git(shallow, "fetch", "-q", "--unshallow")
    assert run(shallow, "diff", "--git", "HEAD~1..HEAD", "--format", "stat", monkeypatch=monkeypatch)[0] == 1


def test_output_does_not_depend_on_the_number_of_processes(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = {jobs: run(repo, "diff", "--git", "HEAD~1..HEAD", "--format", "json", "--jobs", jobs,
                         monkeypatch=monkeypatch) for jobs in ("1", "3")}
    assert outputs["1"] == outputs["3"] and outputs["1"][0] == 1


def test_options_that_name_one_file_are_refused_with_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for extra in (["--article", "5"], ["--format", "html"], ["--lang", "zho"]):
        code, out, err = run(repo, "diff", "--git", "HEAD~1..HEAD", *extra, monkeypatch=monkeypatch)
        assert code == 2 and out == "" and err.count("\n") == 1, (extra, err)


def test_the_configuration_in_the_docs_is_valid_and_globs_work_as_documented() -> None:
    import re

    from lawdiff.store.lawconfig import glob_match, load_config

    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    config = load_config(re.search(r"```toml\n(.*?)```", docs, re.S).group(1).encode(), "docs/ci.md")  # type: ignore[union-attr]
    named = config.settings_for("laws/company-law.md")
    assert named is not None and (named.format, named.version, named.explicit) == ("markdown", "ref", True)
    found = config.settings_for("laws/part/one.md")
    assert found is not None and found.version == "commit" and found.explicit
    assert config.settings_for("laws/part/README.md") is None  # excluded
    assert config.settings_for("notes/one.md") is None  # outside `paths`
    assert glob_match("*.md", "a.md") and not glob_match("*.md", "laws/a.md")  # `*` stays in a folder
    assert glob_match("**/a.md", "a.md") and glob_match("**/a.md", "x/y/a.md") and glob_match("laws/**", "laws/x/y")
