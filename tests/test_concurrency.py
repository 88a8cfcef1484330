"""Concurrency: imports into one repository and site builds into one folder, at the same time.

The promise: both land in order, or the second fails with a clear "busy" message; no
version is ever lost; `git fsck` stays clean.  All through the real CLI in subprocesses.
"""

from __future__ import annotations

import fcntl
import filecmp
import os
import subprocess
import time
from pathlib import Path

import pygit2

from faultlib import (
    IMPORTS, consistency_problems, fsck_problems, import_args, lawdiff_command, listed_versions, run_cli,
)


def _init(path: Path) -> Path:
    subprocess.run(lawdiff_command("init", str(path)), check=True, capture_output=True)
    return path


def _start(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(lawdiff_command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def test_many_imports_at_once_all_land(tmp_path: Path) -> None:
    """Six imports of different documents started together: they queue on the lock, none is lost."""
    repo = _init(tmp_path / "repo")
    specs = [s for s in IMPORTS if s[2] < "2020"]  # the first version of each document
    procs = [_start(*import_args(repo, spec)) for spec in specs]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    assert all(code == 0 for code, _ in results), results
    assert listed_versions(repo) == sorted((s[1], s[2]) for s in specs)
    assert fsck_problems(repo) == ""
    assert consistency_problems(repo) == []
    # one commit per version, on one line of history
    r = pygit2.Repository(str(repo))
    assert sum(1 for _ in r.walk(r.head.target)) == len(specs) + 1


def test_two_versions_of_one_document_at_once_never_lose_one(tmp_path: Path) -> None:
    """Each import either lands, or fails with one clear line; whatever landed is complete."""
    repo = _init(tmp_path / "repo")
    first, second = IMPORTS[0], IMPORTS[6]  # oversight 2006 and 2024
    procs = [_start(*import_args(repo, spec)) for spec in (second, first)]  # the later one may win the race
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    landed = listed_versions(repo)
    for (code, err), spec in zip(results, (second, first)):
        if code == 0:
            assert (spec[1], spec[2]) in landed
        else:
            assert code == 2 and err.count("\n") == 1 and err.startswith("lawdiff: error: "), err
            assert "in order" in err or "busy" in err, err
            assert (spec[1], spec[2]) not in landed
    assert fsck_problems(repo) == ""
    assert consistency_problems(repo) == []


def test_a_held_lock_gives_a_clear_busy_message_and_nothing_is_written(tmp_path: Path) -> None:
    repo = _init(tmp_path / "repo")
    lock_path = repo / ".git" / "lawdiff.lock"
    with open(lock_path, "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        result = run_cli(*import_args(repo, IMPORTS[0]), env={"LAWDIFF_LOCK_WAIT": "0.5"})
        waited = time.monotonic() - started
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "busy" in result.stderr and "try again" in result.stderr, result.stderr
    assert waited >= 0.5
    assert listed_versions(repo) == []
    # released: the same import goes through
    assert run_cli(*import_args(repo, IMPORTS[0])).returncode == 0


def test_a_waiting_import_goes_through_when_the_lock_is_released(tmp_path: Path) -> None:
    repo = _init(tmp_path / "repo")
    with open(repo / ".git" / "lawdiff.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        proc = _start(*import_args(repo, IMPORTS[0]), env={"LAWDIFF_LOCK_WAIT": "60"})
        time.sleep(1.0)
        assert proc.poll() is None, proc.stderr.read()  # type: ignore[union-attr]  # still waiting
    assert proc.wait(timeout=60) == 0, proc.stderr.read()  # type: ignore[union-attr]
    assert listed_versions(repo) == [(IMPORTS[0][1], IMPORTS[0][2])]


def test_a_killed_import_never_leaves_the_repository_busy(tmp_path: Path) -> None:
    """The old pid-file lock stayed behind an import killed between creating and filling it."""
    repo = _init(tmp_path / "repo")
    with open(repo / ".git" / "lawdiff.lock", "w") as stale:
        stale.write("")  # what a killed writer of the old scheme left: an empty lock file
    proc = _start(*import_args(repo, IMPORTS[0]))
    time.sleep(0.3)
    proc.kill()
    proc.wait()
    result = run_cli(*import_args(repo, IMPORTS[0]), env={"LAWDIFF_LOCK_WAIT": "2"})
    assert result.returncode == 0, result.stderr


def _site(repo: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return _start("site", "--repo", str(repo), "-o", str(out), "--no-search", "-j", "1", env=env)


def _same_tree(a: Path, b: Path) -> list[str]:
    """Files that differ between two folders (names or bytes)."""
    cmp = filecmp.dircmp(a, b)
    out: list[str] = []

    def walk(c: filecmp.dircmp[str], prefix: str) -> None:
        out.extend(prefix + n for n in c.left_only + c.right_only + c.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        out.extend(prefix + n for n in mismatch + errors)
        for name, sub in c.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(cmp, "")
    return out


def test_two_site_builds_into_one_folder(tmp_path: Path) -> None:
    repo = _init(tmp_path / "repo")
    for spec in (IMPORTS[0], IMPORTS[6]):
        assert run_cli(*import_args(repo, spec)).returncode == 0
    out = tmp_path / "site"
    procs = [_site(repo, out) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    for code, err in results:
        assert code == 0 or (code == 2 and "busy" in err and err.count("\n") == 1), (code, err)
    assert any(code == 0 for code, _ in results)
    reference = tmp_path / "reference"
    single = _site(repo, reference)
    assert single.wait(timeout=300) == 0, single.stderr.read()  # type: ignore[union-attr]
    assert _same_tree(out, reference) == []
    assert not any(p.name.startswith(".tmp-") for p in out.rglob("*")), "a half-written page was left"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith("lawdiff-lock")) == \
        [".reference.lawdiff-lock", ".site.lawdiff-lock"]  # beside the folders, never inside


def test_a_busy_site_folder_gives_a_clear_message(tmp_path: Path) -> None:
    repo = _init(tmp_path / "repo")
    assert run_cli(*import_args(repo, IMPORTS[0])).returncode == 0
    out = tmp_path / "site"
    with open(tmp_path / ".site.lawdiff-lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        proc = _site(repo, out, env={"LAWDIFF_LOCK_WAIT": "0.3"})
        code, err = proc.wait(timeout=120), proc.stderr.read()  # type: ignore[union-attr]
    assert code == 2 and "busy" in err and err.count("\n") == 1, err
    assert not out.exists() or not any(out.iterdir())
