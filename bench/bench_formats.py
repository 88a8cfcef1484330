"""Reading and parsing time per input format on the real corpus (run by hand; no timed asserts).

    .venv/bin/python bench/bench_formats.py

Targets (2-core machine, Python 3.11): every English/German corpus file under 1 s to parse,
the 1.2 MB EUR-Lex page under 0.5 s, the fixtures' PDF (8 pages) under 2 s.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import lawdiff.akn.writer as akn
from lawdiff.akn.load import parse_file

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "tests/data/corpus/de").rglob("*.md")) + sorted((ROOT / "tests/data/corpus/en").rglob("*.*")) \
    + sorted(p for p in (ROOT / "tests/data/fixtures").glob("*.*") if p.suffix in (".docx", ".pdf", ".xml"))


def main() -> None:
    for path in FILES:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            doc = parse_file(path)
            akn.to_bytes(doc)
            times.append(time.perf_counter() - start)
        print(f"{path.name:55s} {path.stat().st_size / 1024:8.0f} KB  {statistics.median(times):6.3f} s  "
              f"{len(doc.articles()):4d} articles")


if __name__ == "__main__":
    main()
