"""Faults: SIGKILL at random moments and at every write step, a read-only repository, a full
disk, and repositories that are not (or no longer) lawdiff repositories.

All through the real CLI in subprocesses.  The promise: `git fsck` stays clean, every
version is fully there or not there at all, errors are one line with exit 2.
bench/kill_run.py runs the random kills 100+ times; here 20 keep `make test` fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import pygit2
import pytest

from faultlib import (
    IMPORTS, consistency_problems, fsck_problems, import_args, kill_imports, lawdiff_command, listed_versions,
    run_cli,
)

KILLS_IN_MAKE_TEST = 20


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stderr.startswith("lawdiff: error: "), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


def snapshot(repo: Path) -> dict[str, object]:
    """Refs, objects and files of a repository: what "nothing changed" compares."""
    r = pygit2.Repository(str(repo))
    objects = sorted(str(p.relative_to(repo)) for p in (repo / ".git" / "objects").rglob("*") if p.is_file())
    files = sorted(str(p.relative_to(repo)) for p in repo.rglob("*") if p.is_file()
                   and ".git" not in p.relative_to(repo).parts)
    return {"refs": {n: str(r.references[n].target) for n in r.references}, "objects": objects, "files": files}


@pytest.fixture()
def repo_v1(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    subprocess.run(lawdiff_command("init", str(repo)), check=True, capture_output=True)
    assert run_cli(*import_args(repo, IMPORTS[0])).returncode == 0
    return repo


NEXT = IMPORTS[6]  # the same document's next version


# -- SIGKILL ------------------------------------------------------------------------------------
def test_sigkill_at_random_moments_leaves_every_version_whole_or_absent(tmp_path: Path) -> None:
    stats = kill_imports(tmp_path, KILLS_IN_MAKE_TEST, seed=20240601)
    assert not stats.problems, "\n".join(stats.problems[:10])
    assert stats.kills == KILLS_IN_MAKE_TEST, stats  # every one a signal into a running import
    assert stats.landed + stats.absent == stats.kills


# The write steps of an import, in order; the fault kills the process right before or right after one.
STEPS = [
    ("create_blob", "before", 1), ("create_blob", "after", 2), ("create_commit", "before", 1),
    ("create_commit", "after", 1), ("create_tag", "before", 1), ("create_tag", "after", 1),
    ("references.create", "before", 1), ("references.create", "after", 1), ("checkout_tree", "before", 1),
    ("checkout_tree", "after", 1),
]

INJECT = """
import os, signal, sys
import pygit2
from pygit2.repository import References

step, when, nth = sys.argv[1], sys.argv[2], int(sys.argv[3])
owner, name = (References, "create") if step == "references.create" else (pygit2.Repository, step)
original = getattr(owner, name)
calls = 0

def wrapper(*args, **kwargs):
    global calls
    calls += 1
    if calls == nth and when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    result = original(*args, **kwargs)
    if calls == nth and when == "after":
        os.kill(os.getpid(), signal.SIGKILL)
    return result

setattr(owner, name, wrapper)
sys.argv = ["lawdiff", *sys.argv[4:]]
from lawdiff.cli.app import main
main()
"""


@pytest.mark.parametrize("step,when,nth", STEPS, ids=[f"{w}-{s}-{n}" for s, w, n in STEPS])
def test_sigkill_at_each_write_step(step: str, when: str, nth: int, repo_v1: Path) -> None:
    import sys

    args = import_args(repo_v1, NEXT)
    result = subprocess.run([sys.executable, "-c", INJECT, step, when, str(nth), *args], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == -9, (result.returncode, result.stderr)  # the fault did fire
    assert fsck_problems(repo_v1) == ""
    versions = listed_versions(repo_v1)
    moved = step in ("checkout_tree",) or (step == "references.create" and when == "after")
    want = [("oversight", "2006"), ("oversight", "2024")] if moved else [("oversight", "2006")]
    assert versions == want
    assert consistency_problems(repo_v1) == []
    # the same import again finishes the job: complete, tagged, work tree in step
    again = run_cli(*args)
    assert again.returncode == 0, again.stderr
    assert listed_versions(repo_v1) == [("oversight", "2006"), ("oversight", "2024")]
    assert consistency_problems(repo_v1) == []
    status = subprocess.run(["git", "-C", str(repo_v1), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == "", status.stdout
    tags = sorted(n for n in pygit2.Repository(str(repo_v1)).references if n.startswith("refs/tags/"))
    assert tags == ["refs/tags/oversight/2006", "refs/tags/oversight/2024"]


# -- read-only repository ------------------------------------------------------------------------
@contextlib.contextmanager
def read_only(path: Path) -> Iterator[str]:
    """Make `path` read-only for a subprocess: a read-only bind mount (root), else run as `nobody`.

    Yields how ("mount" or "nobody"); root ignores file permissions, so chmod alone proves nothing.
    """
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True).returncode == 0
        if mounted:
            try:
                if subprocess.run(["mount", "-o", "remount,bind,ro", str(path)], capture_output=True).returncode == 0:
                    yield "mount"
                    return
            finally:
                subprocess.run(["umount", str(path)], capture_output=True)
    yield "nobody"


def _as_nobody() -> None:
    os.setgid(65534)
    os.setuid(65534)


def test_read_only_repository_reads_fine_and_refuses_writes_cleanly(repo_v1: Path) -> None:
    before = snapshot(repo_v1)
    with read_only(repo_v1) as how:
        preexec = _as_nobody if how == "nobody" and os.geteuid() == 0 else None
        if how == "mount":
            probe = repo_v1 / "probe"
            with pytest.raises(OSError):
                probe.write_text("x")  # the mount really is read-only
        log = run_cli("--repo", str(repo_v1), "log", preexec_fn=preexec)
        assert log.returncode == 0 and "oversight" in log.stdout, log.stderr
        show = run_cli("--repo", str(repo_v1), "show", "oversight", "--article", "1", preexec_fn=preexec)
        assert show.returncode == 0 and "第一条" in show.stdout, show.stderr
        err = one_line_error(run_cli(*import_args(repo_v1, NEXT), preexec_fn=preexec))
        assert "read-only" in err.lower() or "permission" in err.lower() or "cannot write" in err, err
    assert snapshot(repo_v1) == before
    assert fsck_problems(repo_v1) == ""
    assert run_cli(*import_args(repo_v1, NEXT)).returncode == 0  # writable again: the import works


# -- full disk ----------------------------------------------------------------------------------
@contextlib.contextmanager
def small_disk(path: Path, size_kb: int) -> Iterator[bool]:
    """A tmpfs of `size_kb` at `path` when mounting is allowed (yields True), else a plain folder (False)."""
    path.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(path)], capture_output=True).returncode == 0
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", str(path)], capture_output=True)


def _fill(disk: Path, leave_kb: int) -> None:
    filler = disk / "filler"
    filler.unlink(missing_ok=True)
    stat = os.statvfs(disk)
    free_kb = stat.f_bavail * stat.f_frsize // 1024
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(0, free_kb - leave_kb) * 1024)


@pytest.mark.parametrize("leave_kb", [0, 24, 48, 160])
def test_full_disk_gives_a_clear_error_and_loses_nothing(tmp_path: Path, leave_kb: int) -> None:
    with small_disk(tmp_path / "disk", 1024) as mounted:
        repo = tmp_path / "disk" / "repo"
        subprocess.run(lawdiff_command("init", str(repo)), check=True, capture_output=True)
        assert run_cli(*import_args(repo, IMPORTS[0])).returncode == 0
        if mounted:
            _fill(tmp_path / "disk", leave_kb)
            limit = None
        else:  # no tmpfs here: cap the size of any file the subprocess writes instead (EFBIG, not ENOSPC)
            def limit() -> None:
                resource.setrlimit(resource.RLIMIT_FSIZE, (leave_kb * 1024, leave_kb * 1024))
        result = run_cli(*import_args(repo, NEXT), preexec_fn=limit)
        assert "Traceback" not in result.stderr
        versions = listed_versions(repo)
        if result.returncode == 0:
            assert versions == [("oversight", "2006"), ("oversight", "2024")]
        else:
            err = one_line_error(result)
            assert "space" in err.lower() or "too large" in err.lower(), err
            if "is saved in the history" in err:  # the work tree could not follow: said so
                assert versions == [("oversight", "2006"), ("oversight", "2024")]
            else:
                assert "unchanged" in err, err
                assert versions == [("oversight", "2006")]
        assert fsck_problems(repo) == ""
        assert consistency_problems(repo) == []
        (tmp_path / "disk" / "filler").unlink(missing_ok=True)
        again = run_cli(*import_args(repo, NEXT))
        assert again.returncode == 0, again.stderr
        assert listed_versions(repo) == [("oversight", "2006"), ("oversight", "2024")]
        status = subprocess.run(["git", "-C", str(repo), "status", "--porcelain"], capture_output=True, text=True)
        assert status.stdout == "", status.stdout


# -- not a lawdiff repository ------------------------------------------------------------------------
def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@localhost", *args],
                   check=True, capture_output=True)


def _make(kind: str, tmp_path: Path) -> Path:
    path = tmp_path / kind
    if kind == "plain-folder":
        path.mkdir()
    elif kind == "missing-folder":
        pass
    elif kind in ("empty-git", "git-with-history"):
        subprocess.run(["git", "init", "-q", str(path)], check=True)
        if kind == "git-with-history":
            (path / "README").write_text("x")
            _git(path, "add", "README")
            _git(path, "commit", "-qm", "x")
    else:
        subprocess.run(lawdiff_command("init", str(path)), check=True, capture_output=True)
        assert run_cli(*import_args(path, IMPORTS[0])).returncode == 0
        if kind == "future-format":
            (path / "lawdiff.json").write_text(json.dumps({"format": "lawdiff-repository", "version": 99}))
            _git(path, "commit", "-qam", "future")
        elif kind == "damaged-marker":
            (path / "lawdiff.json").write_text("{not json")
            _git(path, "commit", "-qam", "damage")
        elif kind == "damaged-versions-json":
            from lawdiff.store.repository import Store

            (path / Store(path).doc_path("oversight") / "versions.json").write_text('{"versions": [{"label": 1}]}')
            _git(path, "commit", "-qam", "damage")
        elif kind.startswith("folder-for-"):  # a file of the repository replaced by a folder
            from lawdiff.store.repository import Store

            name = {"folder-for-marker": "lawdiff.json",
                    "folder-for-versions-json": f"{Store(path).doc_path('oversight')}/versions.json"}[kind]
            (path / name).unlink()
            (path / name).mkdir()
            (path / name / "note").write_text("x")
            _git(path, "add", "-A")
            _git(path, "commit", "-qm", "damage")
        elif kind == "missing-objects":
            shutil.rmtree(path / ".git" / "objects")
            (path / ".git" / "objects").mkdir()
        elif kind == "garbage-head":
            (path / ".git" / "HEAD").write_text("garbage\n")
    return path


KINDS = ["plain-folder", "missing-folder", "empty-git", "git-with-history", "future-format", "damaged-marker",
         "damaged-versions-json", "folder-for-marker", "folder-for-versions-json", "missing-objects", "garbage-head"]


@pytest.mark.parametrize("kind", KINDS)
def test_not_a_lawdiff_repository_gives_one_clear_line(kind: str, tmp_path: Path) -> None:
    path = _make(kind, tmp_path)
    before = snapshot(path) if (path / ".git" / "objects").is_dir() and kind not in ("garbage-head",
                                                                                    "missing-objects") else None
    err = one_line_error(run_cli(*import_args(path, NEXT)))
    assert str(path) in err or path.name in err, err
    for command in (["--repo", str(path), "log"], ["--repo", str(path), "show", "oversight"]):
        result = run_cli(*command)
        if kind == "garbage-head" and result.returncode == 0:
            continue  # reading goes by refs/heads/main, which is intact: fine, as long as writing is refused
        err = one_line_error(result)
        assert str(path) in err or path.name in err, err
    if before is not None:
        assert snapshot(path) == before, "a refused command wrote something"
