"""Speed of the whole `lawdiff diff A B --format json` process on the Civil Code and on a full revision.

A is the Civil Code (1,260 articles) as in the corpus; B is a next version made by
bench/align_eval.py's generator with about 6 % of the articles edited and 2 % inserted
(every later article renumbered, cross-references following), written as plain text.
The script runs each command several times and reports the median wall time and the
peak memory (`/usr/bin/time -v`, maximum resident set size), next to
`git diff --no-index --word-diff` on the same two files.  The second pair is a real full
revision: the Company Law of 2018 (218 articles) against that of 2023 (266 articles), the
corpus files as they are.

    python bench/bench_diff.py [--runs 7] [--keep DIR]

Targets (issue 11, 2-core machine): the Civil Code pair no slower than 0.23 s wall and 36 MB
peak, the Company Law pair under 0.3 s.  Run by hand on a quiet machine (the load average is
printed beside the figures; CPU time depends less on the load than wall time does).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from align_eval import Maker, Profile  # noqa: E402

from lawdiff.model import CONTAINER_KINDS, Document, Node  # noqa: E402
from lawdiff.akn.load import parse_file  # noqa: E402

CIVIL_CODE = ROOT / "tests" / "data" / "corpus" / "zh" / "civil-code" / "01-adopted-2020-05-28.txt"
COMPANY_LAW = (ROOT / "tests" / "data" / "corpus" / "zh" / "company-law" / "01-amended-2018-10-26.md",
               ROOT / "tests" / "data" / "corpus" / "zh" / "company-law" / "02-revised-2023-12-29.md")
DONORS = ["company-law/01-amended-2018-10-26.md", "criminal-law/01-amended-2020-12-26.md",
          "legislation-law/01-amended-2015-03-15.md"]
PROFILE = Profile("bench", edit=0.06, edit_strength=(0.05, 0.3), insert=0.02, delete=0.0, move=0.0,
                  split=0.0, merge=0.0)


def to_text(doc: Document) -> str:
    """The document as plain text in the usual layout: title, containers, articles, one
    paragraph or point per line."""
    lines = [line for block in doc.front if block.role == "title" for line in block.lines] + [""]

    def visit(node: Node) -> None:
        if node.kind in CONTAINER_KINDS:
            lines.extend([f"{node.num}　{node.heading}".strip(), ""])
            for child in node.children:
                visit(child)
        elif node.kind == "article":
            body = node.body_text().split("\n")
            lines.append(f"{node.num}　{body[0]}".rstrip())
            lines.extend(body[1:])
            lines.append("")

    for top in doc.body:
        visit(top)
    return "\n".join(lines) + "\n"


def make_pair(folder: Path) -> tuple[Path, Path]:
    donors = [a for name in DONORS for a in parse_file(CIVIL_CODE.parent.parent / name).articles()]
    work = parse_file(CIVIL_CODE)
    new_doc, truth = Maker(work, donors, random.Random("bench_diff"), PROFILE).build()
    old_path = folder / "civil-code-a.txt"
    new_path = folder / "civil-code-b.txt"
    shutil.copyfile(CIVIL_CODE, old_path)
    new_path.write_text(to_text(new_doc), encoding="utf-8")
    reparsed = len(parse_file(new_path).articles())
    if reparsed != truth.new_count:
        raise SystemExit(f"the generated text parses to {reparsed} articles, expected {truth.new_count}")
    return old_path, new_path


def user_environment() -> dict[str, str]:
    """The environment a user's shell would have: bytecode caching on (a sandbox may set
    PYTHONDONTWRITEBYTECODE, which makes every run recompile every module it imports)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(command: list[str], runs: int, ok_codes: tuple[int, ...]) -> tuple[float, float, float]:
    """(median wall seconds, peak resident MB, median user+system CPU seconds) over `runs` runs.

    CPU time is reported too because wall time on a shared machine depends on the load.
    """
    walls: list[float] = []
    peaks: list[float] = []
    cpus: list[float] = []
    env = user_environment()
    subprocess.run(command, capture_output=True, env=env)  # warm-up: caches bytecode, as after installation
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True, env=env)
        walls.append(time.perf_counter() - started)
        if proc.returncode not in ok_codes:
            raise SystemExit(f"{' '.join(command)} exited {proc.returncode}: {proc.stderr[-500:]}")
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        peaks.append(int(found.group(1)) / 1024 if found else float("nan"))
        user = re.search(r"User time \(seconds\): ([\d.]+)", proc.stderr)
        system = re.search(r"System time \(seconds\): ([\d.]+)", proc.stderr)
        cpus.append(float(user.group(1)) + float(system.group(1)) if user and system else float("nan"))
    return statistics.median(walls), max(peaks), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", help="write the two texts to this folder and keep them")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="lawdiff-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    old_path, new_path = make_pair(folder)
    lawdiff = str(Path(sys.executable).with_name("lawdiff"))
    for old, new in ((old_path, new_path), COMPANY_LAW):
        ours = measure([lawdiff, "diff", str(old), str(new), "--format", "json"], args.runs, (0, 1))
        git = measure(["git", "diff", "--no-index", "--word-diff", str(old), str(new)], args.runs, (0, 1))
        out = subprocess.run([lawdiff, "diff", str(old), str(new), "--format", "stat"],
                             capture_output=True, text=True).stdout.strip().splitlines()[-1]
        print(f"pair: {old.name} -> {new.name} ({out.strip()})")
        print(f"  lawdiff diff --format json : {ours[0]:.3f} s wall (median of {args.runs}), {ours[2]:.3f} s CPU, "
              f"{ours[1]:.0f} MB peak")
        print(f"  git diff --word-diff       : {git[0]:.3f} s wall, {git[2]:.3f} s CPU, {git[1]:.0f} MB peak")
        print(f"  load average               : {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"  ratio lawdiff / git        : {ours[0] / git[0]:.1f}x")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
