"""SIGKILL imports at random moments, many times; check the repository after every kill.

    .venv/bin/python bench/kill_run.py                 # 100 kills, seed 1
    .venv/bin/python bench/kill_run.py --kills 300 --seed 7

After each kill: `git fsck --strict` is clean, every version `main` lists is complete
(commit, XML, source bytes, versions.json, tag), the version being imported is either
fully there or not there at all, and running the same import again completes it.
Prints the counts; exit status 1 when any check failed.  (tests/test_faults.py runs 20.)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from faultlib import kill_imports  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lawdiff-kill-") as work:
        stats = kill_imports(Path(work), args.kills, seed=args.seed)
    runs = stats.kills + stats.finished_before_kill
    print(f"{runs} runs in {stats.seconds:.1f} s (seed {args.seed}): {stats.kills} killed while running "
          f"({stats.landed} version fully there, {stats.absent} not there at all), "
          f"{stats.finished_before_kill} finished before the signal; {len(stats.problems)} problem(s)")
    for problem in stats.problems[:30]:
        print("  " + problem)
    return 1 if stats.problems else 0


if __name__ == "__main__":
    sys.exit(main())
