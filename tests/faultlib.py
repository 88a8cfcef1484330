"""Running the real CLI in subprocesses and checking a repository after a fault.

Shared by tests/test_faults.py, tests/test_concurrency.py and bench/kill_run.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pygit2

from helpers import CORPUS

# Small real laws, in date order: (file, slug, label, date).
IMPORTS = [
    (CORPUS / "zh/oversight-law/01-adopted-2006-08-27.md", "oversight", "2006", "2006-08-27"),
    (CORPUS / "zh/administrative-reconsideration-law/01-amended-2017-09-01.md", "reconsideration", "2017",
     "2017-09-01"),
    (CORPUS / "zh/beijing-local-legislation/01-revised-2017-01-20.md", "beijing", "2017", "2017-01-20"),
    (CORPUS / "zh/supervision-law/01-adopted-2018-03-20.md", "supervision", "2018", "2018-03-20"),
    (CORPUS / "zh/beijing-local-legislation/02-amended-2023-07-28.md", "beijing", "2023", "2023-07-28"),
    (CORPUS / "zh/administrative-reconsideration-law/02-revised-2023-09-01.md", "reconsideration", "2023",
     "2023-09-01"),
    (CORPUS / "zh/oversight-law/02-amended-2024-11-08.md", "oversight", "2024", "2024-11-08"),
    (CORPUS / "zh/supervision-law/02-amended-2024-12-25.md", "supervision", "2024", "2024-12-25"),
]


def lawdiff_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "lawdiff", *args]


def run_cli(*args: str, timeout: float = 120, env: dict[str, str] | None = None,
            preexec_fn=None) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(lawdiff_command(*args), capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, preexec_fn=preexec_fn)


def import_args(repo: Path, spec: tuple[Path, str, str, str]) -> list[str]:
    path, slug, label, date = spec
    return ["--repo", str(repo), "import", str(path), "--doc", slug, "--version", label, "--date", date]


def fsck_problems(repo: Path) -> str:
    """What `git fsck --strict` finds wrong ("" when clean; unreferenced objects are not a problem)."""
    result = subprocess.run(["git", "-C", str(repo), "fsck", "--strict", "--no-dangling", "--no-progress"],
                            capture_output=True, text=True, timeout=120)
    noise = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    if result.returncode != 0 or noise:
        return f"git fsck exit {result.returncode}: " + " | ".join(noise[:5])
    return ""


def consistency_problems(repo: Path, allow_missing_last_tag: bool = False) -> list[str]:
    """Every version that `main` lists is complete: its commit, XML, source bytes, versions.json and tag.

    A version's tag is written just after `main` moves; a process killed in between leaves the
    newest version of the newest commit without its tag (repaired by the next import).
    """
    from lawdiff.store.repository import Store

    problems: list[str] = []
    store = Store(repo)
    head = store.repo.revparse_single("refs/heads/main").peel(pygit2.Commit)
    for slug in store.slugs():
        versions = store.versions(slug)
        for i, version in enumerate(versions):
            try:
                commit = store.commit_of(version)
            except Exception as exc:  # noqa: BLE001 - report, do not stop
                problems.append(f"{slug}@{version.label}: {exc}")
                continue
            tree = commit.tree
            listed = [v["label"] for v in
                      json.loads(store.repo[tree[f"{store.doc_path(slug)}/versions.json"].id].data)["versions"]]
            # A version's commit lists, in date order, itself and every version committed before it
            # (its commit's ancestors); an older version imported late also lists the later ones
            # that were there already (docs/format.md), so the list need not end with it.
            final = [v.label for v in versions]
            before = [v.label for v in versions if v is not version and _commit_before(store, v, commit)]
            if (version.label not in listed or any(label not in final for label in listed)
                    or listed != [label for label in final if label in listed]
                    or any(label not in listed for label in before)):
                problems.append(f"{slug}@{version.label}: its commit's versions.json lists {listed}")
            source = store.repo[tree[version.source].id].data
            if hashlib.sha256(source).hexdigest() != version.sha256:
                problems.append(f"{slug}@{version.label}: stored source does not match its sha256")
            try:
                store.document(slug, version.label)
            except Exception as exc:  # noqa: BLE001
                problems.append(f"{slug}@{version.label}: XML unreadable: {exc}")
            ref = f"refs/tags/{version.tag}"
            if ref in store.repo.references:
                if store.repo.references[ref].peel(pygit2.Commit).id != commit.id:
                    problems.append(f"{slug}@{version.label}: tag {version.tag} points elsewhere")
            elif not (allow_missing_last_tag and commit.id == head.id):
                problems.append(f"{slug}@{version.label}: tag {version.tag} missing")
    return problems


def _commit_before(store, other, commit: pygit2.Commit) -> bool:  # type: ignore[no-untyped-def]
    """Whether `other`'s commit is an ancestor of `commit` (it was there when `commit` was made)."""
    try:
        other_id = store.commit_of(other).id
    except Exception:  # noqa: BLE001 - reported on its own row
        return False
    return other_id != commit.id and store.repo.descendant_of(commit.id, other_id)


def listed_versions(repo: Path) -> list[tuple[str, str]]:
    from lawdiff.store.repository import Store

    store = Store(repo)
    return sorted((slug, v.label) for slug in store.slugs() for v in store.versions(slug))


@dataclass
class KillStats:
    kills: int = 0
    finished_before_kill: int = 0  # the import was done before the signal came
    landed: int = 0  # killed, and the version was fully there
    absent: int = 0  # killed, and the version was not there at all
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def kill_imports(workdir: Path, kills: int, seed: int = 0, max_delay: float | None = None) -> KillStats:
    """SIGKILL `kills` running imports at random moments; after each, check the repository and finish the import.

    The delays are drawn between 0 and a little over one import's own duration (measured
    first), so kills land in every phase: start-up, parsing, validation, writing.
    """
    rnd = random.Random(seed)
    stats = KillStats()
    started = time.perf_counter()
    repo = workdir / "repo"
    subprocess.run(lawdiff_command("init", str(repo)), check=True, capture_output=True)
    if max_delay is None:  # one clean import of the first version gives the time scale
        t0 = time.perf_counter()
        run_cli(*import_args(repo, IMPORTS[0]))
        max_delay = (time.perf_counter() - t0) * 1.05
        expected = [(IMPORTS[0][1], IMPORTS[0][2])]
    else:
        expected = []
    queue = [spec for spec in IMPORTS if (spec[1], spec[2]) not in expected]
    k = -1
    while stats.kills < kills and k < 3 * kills:  # until `kills` signals hit a running import
        k += 1
        if not queue:  # all imported: start a new repository
            repo = workdir / f"repo{k}"
            subprocess.run(lawdiff_command("init", str(repo)), check=True, capture_output=True)
            queue, expected = list(IMPORTS), []
        spec = queue[0]
        proc = subprocess.Popen(lawdiff_command(*import_args(repo, spec)), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        # Half the kills anywhere, half in the last third, where the writing happens.
        time.sleep(rnd.uniform(0, max_delay) if k % 2 else rnd.uniform(max_delay * 0.6, max_delay))
        finished = proc.poll() is not None
        if not finished:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        stats.kills += not finished
        stats.finished_before_kill += finished
        # Keep the delays on the scale of an import as it runs now (machine load changes):
        # shorter after one that finished first, a little longer after each kill.
        max_delay *= 0.85 if finished else 1.03
        label = f"kill {k} ({spec[1]}@{spec[2]})"
        problem = fsck_problems(repo)
        if problem:
            stats.problems.append(f"{label}: {problem}")
        problems = consistency_problems(repo)
        stats.problems += [f"{label}: {p}" for p in problems]
        now = listed_versions(repo)
        if now == sorted(expected + [(spec[1], spec[2])]):
            stats.landed += not finished
        elif now == sorted(expected):
            stats.absent += not finished
        else:
            stats.problems.append(f"{label}: versions {now}, expected {expected} with or without the new one")
        # finish the job: the same import again must succeed and leave a complete, tagged history
        result = run_cli(*import_args(repo, spec))
        if result.returncode != 0:
            stats.problems.append(f"{label}: re-import failed: {result.stderr.strip()}")
        expected = expected + [(spec[1], spec[2])]
        queue.pop(0)
        if listed_versions(repo) != sorted(expected):
            stats.problems.append(f"{label}: after re-import {listed_versions(repo)} != {expected}")
        stats.problems += [f"{label} after re-import: {p}" for p in
                           consistency_problems(repo, allow_missing_last_tag=False)]
    stats.seconds = time.perf_counter() - started
    return stats
