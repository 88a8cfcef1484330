"""Benchmark (run by hand): parse, serialize and commit the Civil Code.

Targets on the 2-core machine: parse < 0.3 s, whole `lawdiff import` process < 0.5 s.
Usage: .venv/bin/python bench/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lawdiff.akn.writer as akn  # noqa: E402
from lawdiff.akn.load import parse_file  # noqa: E402

CIVIL_CODE = ROOT / "tests/data/corpus/zh/civil-code/01-adopted-2020-05-28.txt"


def timed(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    doc = parse_file(CIVIL_CODE)
    print(f"Civil Code: {len(doc.articles())} articles, {CIVIL_CODE.stat().st_size} bytes")
    print(f"parse (read+decode+structure): {timed(lambda: parse_file(CIVIL_CODE), runs):.3f} s median of {runs}")
    print(f"serialize AKN:                 {timed(lambda: akn.to_bytes(doc), runs):.3f} s")
    exe = Path(sys.executable).parent / "lawdiff"
    walls, peaks = [], []
    for i in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            repo = Path(tmp) / "repo"
            subprocess.run([str(exe), "init", str(repo)], check=True, capture_output=True)
            cmd = ["/usr/bin/time", "-f", "%e %M", str(exe), "--repo", str(repo), "import", str(CIVIL_CODE),
                   "--doc", "civil-code", "--version", f"v{i}", "--date", "2020-05-28", "--stage", "adopted"]
            result = subprocess.run(cmd, check=True, capture_output=True, text=True)
            wall, peak = result.stderr.strip().splitlines()[-1].split()
            walls.append(float(wall))
            peaks.append(int(peak) / 1024)
    print(f"whole `lawdiff import` process: {statistics.median(walls):.2f} s median wall, "
          f"{max(peaks):.0f} MB peak RSS (runs: {', '.join(f'{w:.2f}' for w in walls)})")


if __name__ == "__main__":
    main()
