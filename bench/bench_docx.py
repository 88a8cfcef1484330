"""Writing the Word outputs of real revisions (run by hand; no timed asserts).

    .venv/bin/python bench/bench_docx.py

Target (2-core machine, Python 3.11): a 300-article revision writes its .docx redline in
under 2 s.  Measured: the write alone (`render_redline`, `render_table` on a finished
comparison), and the whole `lawdiff diff A B --format docx -o FILE` process.  The pairs are
the bundled drafts with the most articles: the Company Law's full revision (218 -> 266
articles, most of them renumbered, moved or rewritten) and the Criminal Law (505 articles).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lawdiff.compare.differ import compare
from lawdiff.compare.docx import render_redline, render_table
from lawdiff.model import Meta
from lawdiff.akn.load import parse_file

ROOT = Path(__file__).resolve().parent.parent
PAIRS = [
    (ROOT / "drafts/company-law/01-amended-2018-10-26.md", ROOT / "drafts/company-law/02-revised-2023-12-29.md"),
    (ROOT / "drafts/criminal-law/01-amended-2020-12-26.md", ROOT / "drafts/criminal-law/02-amended-2023-12-29.md"),
]


def median_time(run, repeat: int = 5) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main() -> None:
    lawdiff = str(Path(sys.executable).with_name("lawdiff"))
    for old_path, new_path in PAIRS:
        old, new = parse_file(old_path, Meta()), parse_file(new_path, Meta())
        result = compare(old, new)
        redline_s, redline = median_time(lambda: render_redline(result))
        table_s, table = median_time(lambda: render_table(result))
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "redline.docx"
            process_s, _ = median_time(lambda: subprocess.run(
                [lawdiff, "diff", str(old_path), str(new_path), "--format", "docx", "-o", str(out)]), repeat=3)
        print(f"{old_path.parent.name:12s} {len(old.articles()):4d} -> {len(new.articles()):4d} articles  "
              f"redline {redline_s:.3f} s ({len(redline) / 1024:.0f} KB)  "  # type: ignore[arg-type]
              f"table {table_s:.3f} s ({len(table) / 1024:.0f} KB)  "  # type: ignore[arg-type]
              f"whole diff process {process_s:.2f} s")


if __name__ == "__main__":
    main()
