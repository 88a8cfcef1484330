"""The long fuzz run: >= 10,000 mutated and random inputs through read -> parse -> AKN.

    .venv/bin/python bench/fuzz_run.py                 # 10,000 cases, seed 1
    .venv/bin/python bench/fuzz_run.py --cases 500 --seed 7 --save
    .venv/bin/python bench/fuzz_run.py --national none   # the repository's files only

Cases are drawn from the corpus copy, the seeds and the national sample in tests/data, and from
every file of the national corpus (`../shared/corpus-national`, read where it is) when present.

Every case is made from a seeded `random.Random`, so `--seed S --only K` replays case K.
Prints counts per outcome; with --save, failing inputs go to tests/regressions/ (each with
a .note) so tests/test_regressions.py keeps checking them.  Exit status 1 when any failed.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fuzzlib import (  # noqa: E402
    Failure, check, corpus_files, diff_problems, make_case, minimise, mutate_document, random_case, save_regression,
)

from lawdiff.errors import LawdiffError  # noqa: E402
from lawdiff.model import Meta  # noqa: E402
from lawdiff.akn.load import parse_source  # noqa: E402
from lawdiff.ingest.registry import read_bytes  # noqa: E402

_PARSED: dict[Path, object] = {}


def diff_case(seed: int, index: int, files: list[Path]) -> str:
    """A diff case: A is a corpus text, B an edited copy (articles deleted, inserted, moved, rewritten)."""
    rnd = random.Random(f"diff:{seed}:{index}")
    path = rnd.choice(files)
    if path not in _PARSED:
        try:
            _PARSED[path] = parse_source(read_bytes(path.read_bytes(), path.name), Meta())
        except LawdiffError:
            _PARSED[path] = None
    a = _PARSED[path]
    if a is None:
        return "refused"
    problems = diff_problems(a, mutate_document(a, rnd, rnd.randint(1, 6)))
    if problems:
        raise Failure(f"diff of {path.name} (case diff:{seed}:{index}): {problems[0]}")
    return "diffed"


def case_for(seed: int, index: int, files: list[Path]):  # type: ignore[no-untyped-def]
    rnd = random.Random(f"{seed}:{index}")  # one generator per case: any case replays alone
    return random_case(rnd) if rnd.random() < 0.1 else make_case(rnd, files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", type=int, default=None, help="replay one case by its index")
    parser.add_argument("--save", action="store_true", help="save failing inputs as regression cases")
    parser.add_argument("--diff-every", type=int, default=10, help="every Nth case is a diff case")
    parser.add_argument("--validate-every", type=int, default=1,
                        help="schema-validate every Nth parsed case (validation is the slowest check)")
    parser.add_argument("--national", default=str(ROOT.parent / "shared" / "corpus-national"),
                        help="the national corpus to draw from too ('none': only the repository's files)")
    args = parser.parse_args()
    national = Path(args.national) if args.national != "none" and Path(args.national).is_dir() else None
    files = corpus_files(national)
    print(f"{len(files)} input files" + (f" (national corpus: {national})" if national else ""), flush=True)
    diff_files = [p for p in files if p.suffix in (".md", ".txt") and p.stat().st_size < 120_000]
    counts: collections.Counter[str] = collections.Counter()
    problems: collections.Counter[str] = collections.Counter()
    started = time.perf_counter()
    indices = [args.only] if args.only is not None else range(args.cases)
    for index in indices:
        case = case_for(args.seed, index, files)
        try:
            if args.diff_every and index % args.diff_every == args.diff_every - 1:
                outcome = diff_case(args.seed, index, diff_files)
            else:
                outcome = check(case.data, case.name, validate=index % args.validate_every == 0)
        except Failure as exc:
            outcome, problem = "FAILED", str(exc)
        except Exception as exc:  # noqa: BLE001 - anything but LawdiffError is a bug to report
            outcome = "CRASHED"
            problem = f"{type(exc).__name__}: {exc}"
            if args.only is not None:
                traceback.print_exc()
        counts[outcome] += 1
        if outcome in ("FAILED", "CRASHED"):
            key = problem.splitlines()[0][:110]
            problems[key] += 1
            if problems[key] == 1:
                print(f"case {index} ({case.recipe}, {case.name}): {outcome}: {key}", flush=True)
                if args.save:
                    print(f"  saved {save_regression(minimise(case), problem)}", flush=True)
    elapsed = time.perf_counter() - started
    total = sum(counts.values())
    print(f"\n{total} cases in {elapsed:.1f} s (seed {args.seed}): "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for key, n in problems.most_common():
        print(f"  {n:5d} x {key}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
