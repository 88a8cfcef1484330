"""Speed of `lawdiff diff --git BASE..HEAD` on a 50-file change.

A temporary git repository holds 50 law files; one commit later all 50 have changed.  The
files are the real revisions of the corpus (every pair of consecutive versions in
tests/data/corpus: Chinese laws, the Grundgesetz, the EU AI Act drafts, US bills), taken
in turn until there are 50, each under its own folder: every file is a whole law, which is
the heavy end of "one file per law or per part".  The script times the whole process for
each output format several times and reports the median wall time and the peak memory
(`/usr/bin/time -v`), with one process (`--jobs 1`) and one per CPU (`--jobs 0`), next to
`git diff --stat` of the same range.  With `--zh` only the Chinese laws are used (files of
19-217 KB, national laws as a drafting team keeps them).

    python bench/bench_git_diff.py [--files 50] [--runs 5] [--zh] [--jobs 1,0] [--keep DIR]

Target (2-core machine): a 50-file change in under 5 s.  Run by hand; the figures depend
on the machine and on its load.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
LAWDIFF = Path(sys.executable).parent / "lawdiff"
GIT_ENV = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org", "GIT_COMMITTER_NAME": "Bench",
           "GIT_COMMITTER_EMAIL": "bench@example.org", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def revision_pairs() -> list[tuple[Path, Path]]:
    """Consecutive versions of each corpus law (numbered files 01-, 02-, …; one format per law)."""
    pairs = []
    for folder in sorted(p for p in CORPUS.glob("*/*") if p.is_dir()):
        versions = sorted(p for p in folder.iterdir() if re.match(r"^\d\d-", p.name) and not p.name.endswith(".html"))
        if folder.name == "civil-code":  # two sources of one text, not a revision
            continue
        pairs += list(zip(versions, versions[1:]))
    return pairs


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, env={**os.environ, **GIT_ENV},
                   stdout=subprocess.DEVNULL)


def build(repo: Path, files: int, national: bool) -> int:
    pairs = [p for p in revision_pairs() if not national or p[0].parent.parent.name == "zh"]
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    chosen = [pairs[k % len(pairs)] for k in range(files)]
    for k, (old, _new) in enumerate(chosen):
        target = repo / f"part-{k + 1:02d}" / f"{old.parent.name}{old.suffix}"
        target.parent.mkdir(parents=True)
        shutil.copyfile(old, target)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "before")
    size = 0
    for k, (_old, new) in enumerate(chosen):
        target = repo / f"part-{k + 1:02d}" / f"{new.parent.name}{new.suffix}"
        shutil.copyfile(new, target)
        size += new.stat().st_size
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "after")
    return size


def measure(repo: Path, command: list[str], runs: int) -> tuple[float, float, int]:
    """Median wall time, median CPU time (user + system, all processes) and the largest peak
    memory of one process.  CPU time shows the work when the machine is shared."""
    times, cpus, peaks = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-v", *command], cwd=repo, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            said = [line for line in done.stderr.splitlines() if line.startswith("lawdiff")]
            raise SystemExit(f"{' '.join(command)} failed: {said[0] if said else done.stderr.strip()}")
        peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        peaks.append(int(peak.group(1)) if peak else 0)
        cpus.append(sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", done.stderr)))
    return statistics.median(times), statistics.median(cpus), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    parser.add_argument("--zh", action="store_true",
                        help="only the Chinese laws (19-217 KB each) instead of every corpus revision")
    parser.add_argument("--jobs", default="1,0", help="--jobs values to time, comma-separated (0: one per CPU)")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="lawdiff-bench-git-"))
    base.mkdir(parents=True, exist_ok=True)
    repo = base / "repo"
    try:
        size = build(repo, args.files, args.zh)
        print(f"{args.files} law files changed in one commit, {size / 1e6:.1f} MB at HEAD; median of {args.runs} "
              f"runs; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print(f"  {'command':<48} {'wall':>7} {'cpu':>7} {'peak':>7}")
        commands = []
        for jobs in args.jobs.split(","):
            for fmt in ("json", "markdown", "stat"):
                extra = ["--max-chars", "65536"] if fmt == "markdown" else []
                commands.append([str(LAWDIFF), "diff", "--git", "HEAD~1..HEAD", "--format", fmt, *extra,
                                 "--jobs", jobs])
            commands.append([str(LAWDIFF), "check", "--git", "HEAD~1..HEAD", "--jobs", jobs])
        commands.append(["git", "diff", "--stat", "HEAD~1..HEAD"])
        for command in commands:
            wall, cpu, peak = measure(repo, command, args.runs)
            label = " ".join(a for a in command[1:] if a not in ("--git", "HEAD~1..HEAD", "--max-chars", "65536"))
            print(f"  {label:<48} {wall:6.2f}s {cpu:6.2f}s {peak / 1024:5.0f}MB")
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
