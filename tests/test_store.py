"""The git store through the real CLI: one commit per version, refs last, history never rewritten."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pygit2
import pytest
from lxml import etree

from helpers import CORPUS, DRAFTS, SEED, assert_lossless, refs, run
from lawdiff.ingest.manifest import load_manifests
from lawdiff.akn.schema import validation_errors
from lawdiff.store.repository import Store, fanout

SBE = CORPUS / "zh/shanghai-business-environment"



@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    path = tmp_path / "repo"
    code, out, _ = run("init", str(path))
    assert code == 0, out
    return path


def import_seed(repo: Path) -> tuple[int, str, str]:
    return run("--repo", str(repo), "import", str(SEED), "--doc", "ai-industry", "--version", "征求意见稿",
               "--date", "2022-08-30", "--stage", "draft")


def test_import_makes_one_readable_commit_and_tag(repo: Path) -> None:
    code, out, err = import_seed(repo)
    assert code == 0, err
    assert "31 articles" in out
    r = pygit2.Repository(str(repo))
    head = r.head.peel(pygit2.Commit)
    assert head.message.splitlines()[0] == "上海市促进人工智能产业发展条例(草案)(征求意见稿)：征求意见稿（2022-08-30）"
    assert head.author.time == head.committer.time
    assert len(head.parents) == 1
    tag = r.revparse_single("refs/tags/ai-industry/征求意见稿")
    assert tag.peel(pygit2.Commit).id == head.id
    folder = f"{fanout('ai-industry')}/ai-industry"  # format 2: a fan-out folder above the document's
    assert folder == Store(repo).doc_path("ai-industry")
    xml = (repo / folder / "main.xml").read_bytes()  # the work tree is in step
    assert validation_errors(etree.fromstring(xml)) == []
    assert_lossless(xml, SEED)
    assert (repo / folder / "source.txt").read_bytes() == SEED.read_bytes()
    shown = subprocess.run(["git", "-C", str(repo), "show", f"ai-industry/征求意见稿:{folder}/main.xml"],
                           capture_output=True, check=True).stdout
    assert shown == xml


def test_same_content_again_makes_no_commit(repo: Path) -> None:
    import_seed(repo)
    before = refs(repo)
    code, out, _ = import_seed(repo)
    assert code == 0 and "already imported" in out
    assert refs(repo) == before
    # (the same bytes under a new label are a new version: tests/test_cli_edges.py)


def test_same_label_with_other_content_is_refused(repo: Path) -> None:
    import_seed(repo)
    before = refs(repo)
    code, _, err = run("--repo", str(repo), "import", str(SBE / "01-adopted-2020-04-10.md"), "--doc",
                       "ai-industry", "--version", "征求意见稿", "--date", "2022-09-01")
    assert code == 2 and "never rewrites history" in err
    assert refs(repo) == before


def test_same_imports_give_same_commit_ids_in_any_clone(tmp_path: Path) -> None:
    heads = []
    for name in ("a", "b"):
        path = tmp_path / name
        run("init", str(path))
        for label, file, date in (("2020", "01-adopted-2020-04-10.md", "2020-04-10"),
                                  ("2024", "02-amended-2024-09-27.md", "2024-09-27")):
            code, _, err = run("--repo", str(path), "import", str(SBE / file), "--doc", "sbe", "--version", label,
                               "--date", date, "--stage", "adopted")
            assert code == 0, err
        heads.append(refs(path))
    assert heads[0] == heads[1]
    log = subprocess.run(["git", "-C", str(tmp_path / "a"), "log", "--format=%ad %s", "--date=short"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert log[0].startswith("2024-09-27 上海市优化营商环境条例：2024")
    assert log[1].startswith("2020-04-10 上海市优化营商环境条例：2020")


@pytest.mark.parametrize("args,message", [
    (["--doc", "../x", "--version", "v", "--date", "2022-01-01"], "invalid document slug"),
    (["--doc", "a/b", "--version", "v", "--date", "2022-01-01"], "invalid document slug"),
    (["--doc", "ok", "--version", "v", "--date", "2022-13-01"], "invalid date"),
    (["--doc", "ok", "--version", "v", "--date", "30.8.2022"], "invalid date"),
    (["--doc", "ok", "--version", " ", "--date", "2022-01-01"], "version label is empty"),
])
def test_bad_arguments_exit_2_and_leave_repository_as_it_was(repo: Path, args: list[str], message: str) -> None:
    before = refs(repo)
    code, _, err = run("--repo", str(repo), "import", str(SEED), *args)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert refs(repo) == before


@pytest.mark.parametrize("content,message", [
    (bytes(range(256)) * 20, "binary data"),
    ("\n \u3000\n".encode("utf-8"), "no article found"),  # blank lines only: nothing to keep
    (b"\xff\xfe\x00\xd8", "not valid"),  # a UTF-16 BOM with a lone surrogate
    (b"", "no article found"),
])
def test_bad_files_exit_2_and_leave_repository_as_it_was(repo: Path, tmp_path: Path, content: bytes,
                                                          message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    before = refs(repo)
    code, _, err = run("--repo", str(repo), "import", str(bad), "--doc", "bad", "--version", "v", "--date",
                       "2022-01-01")
    assert code == 2, err
    assert message in err and "Traceback" not in err
    assert refs(repo) == before


def test_not_a_lawdiff_repository(tmp_path: Path) -> None:
    pygit2.init_repository(str(tmp_path / "plain"))
    code, _, err = run("--repo", str(tmp_path / "plain"), "log")
    assert code == 2 and "not a lawdiff repository" in err
    code, _, err = run("--repo", str(tmp_path / "nothing-here"), "log")
    assert code == 2 and err.startswith("lawdiff: error:")


def test_repository_is_found_from_a_subfolder(repo: Path) -> None:
    import_seed(repo)
    code, out, _ = run("log", cwd=repo / Store(repo).doc_path("ai-industry"))
    assert code == 0 and "ai-industry" in out and "31 articles" in out


def test_import_dir_log_show_on_bundled_drafts(repo: Path) -> None:
    code, out, err = run("--repo", str(repo), "import-dir", str(DRAFTS))
    assert code == 0, err
    manifests = load_manifests(DRAFTS)
    total = sum(len(m.versions) for m in manifests)
    assert f"{total} new version(s)" in out
    code, out, _ = run("--repo", str(repo), "import-dir", str(DRAFTS))
    assert "0 new version(s)" in out
    code, out, _ = run("--repo", str(repo), "log", "--json")
    listing = json.loads(out)
    assert sorted(listing) == sorted(m.slug for m in manifests)
    assert [v["label"] for v in listing["company-law"]] == [v.label for v in next(
        m for m in manifests if m.slug == "company-law").versions]
    assert [v["articles"] for v in listing["company-law"]] == [218, 266]
    code, out, _ = run("--repo", str(repo), "show", "criminal-law@修正案（十一）", "--article", "17-1")
    assert code == 0 and out.startswith("第十七条之一")
    code, out, _ = run("--repo", str(repo), "show", "criminal-law", "--article", "第一百六十五条", "--format", "json")
    assert json.loads(out)["number"] == "165"
    code, out, _ = run("--repo", str(repo), "show", "company-law@1", "--format", "xml")
    assert out.startswith("<?xml") and "<act " in out
    code, _, err = run("--repo", str(repo), "show", "no-such-law")
    assert code == 2 and "no document" in err


def test_parse_draws_metadata_from_the_text_and_check_reports_warnings() -> None:
    code, out, _ = run("parse", str(SEED))
    assert code == 0
    root = etree.fromstring(out.encode())
    assert validation_errors(root) == []
    assert 'date="2022-08-30"' in out  # drawn from 2022年8月30日 in the text
    code, out, _ = run("check", str(SEED))
    assert code == 1 and "[ocr-marker]" in out and "[page-jump]" in out
    code, out, _ = run("check", str(SBE / "01-adopted-2020-04-10.md"))
    assert code == 0, out


def test_validate_command(tmp_path: Path) -> None:
    code, out, _ = run("parse", str(SEED))
    good = tmp_path / "good.xml"
    good.write_text(out, encoding="utf-8")
    assert run("validate", str(good))[0] == 0
    bad = tmp_path / "bad.xml"
    bad.write_text(out.replace('name="generation"', 'name="generation" bogus="1"'), encoding="utf-8")
    code, out, _ = run("validate", str(bad))
    assert code == 1 and "bogus" in out


def test_cli_process_exit_codes_and_no_traceback(tmp_path: Path) -> None:
    """The installed entry point, as a user runs it."""
    exe = Path(sys.executable).parent / "lawdiff"
    result = subprocess.run([str(exe), "--repo", str(tmp_path), "log"], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_tag_is_repaired_by_importing_the_same_file_again(repo: Path) -> None:
    import_seed(repo)
    r = pygit2.Repository(str(repo))
    tag_id = r.references["refs/tags/ai-industry/征求意见稿"].target
    r.references.delete("refs/tags/ai-industry/征求意见稿")  # as if killed right after moving main
    code, out, _ = import_seed(repo)
    assert code == 0 and "already imported" in out
    assert pygit2.Repository(str(repo)).references["refs/tags/ai-industry/征求意见稿"].target == tag_id


@pytest.mark.parametrize("args", [["nosuch"], ["import"], ["--repo", __file__, "log"], ["diff", "--format", "x", "a", "b"]])
def test_usage_errors_are_one_line_and_exit_2(args: list[str]) -> None:
    exe = Path(sys.executable).parent / "lawdiff"
    result = subprocess.run([str(exe), *args], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("lawdiff: error: ") and result.stderr.count("\n") == 1, result.stderr


@pytest.mark.parametrize("leftover", ["refs/heads/main.lock", "index.lock"])
def test_a_git_lock_file_left_by_a_killed_writer_does_not_block_imports(repo: Path, leftover: str) -> None:
    """SIGKILL between libgit2's write of `<ref>.lock` and its rename leaves the lock file behind."""
    lock = repo / ".git" / leftover
    lock.write_bytes(b"")
    code, out, err = import_seed(repo)
    assert code == 0, err
    assert "31 articles" in out and not lock.exists()


def test_a_format_1_repository_is_still_read_and_written_flat(tmp_path: Path) -> None:
    # A repository made before format 2: the same root commit, lawdiff.json saying version 1.
    repo = tmp_path / "v1"
    r = pygit2.init_repository(str(repo), initial_head="main")
    builder = r.TreeBuilder()
    builder.insert("lawdiff.json", r.create_blob(b'{\n  "format": "lawdiff-repository",\n  "version": 1\n}\n'),
                   pygit2.GIT_FILEMODE_BLOB)
    sig = pygit2.Signature("lawdiff", "lawdiff@localhost", 946_684_800, 0)
    r.create_commit("refs/heads/main", sig, sig, "lawdiff repository (format 1)\n", builder.write(), [])
    r.checkout_head(strategy=pygit2.GIT_CHECKOUT_FORCE)
    code, out, err = import_seed(repo)
    assert code == 0, err
    assert Store(repo).format == 1 and Store(repo).doc_path("ai-industry") == "ai-industry"
    assert (repo / "ai-industry" / "main.xml").is_file()  # no fan-out folder in format 1
    head = pygit2.Repository(str(repo)).head.peel(pygit2.Commit)
    assert "Lawdiff-Format: 1" in head.message and "Lawdiff-Format: 2" not in head.message
    code, out, _ = run("--repo", str(repo), "log")
    assert code == 0 and "31 articles" in out
