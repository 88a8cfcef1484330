"""Benchmark (run by hand): `lawdiff site` over the national corpus (3,463 files).

Reads `../shared/corpus-national` where it is (or --corpus): the tree imported is a folder of
symbolic links to the corpus files (nothing copied), without the newest file of one
multi-version title, which is added afterwards as "one new version".  Targets on the 2-core
machine (issue 13): full site <= 10 min, site after one new version <= 30 s, peak memory <= 1 GB
(the lawdiff process and its children together: workers and pagefind), a Dask LocalCluster of 2
workers within 1.3x of the process pool, and the same site from both (every file, byte for byte).
The machine's load average is printed next to each timing (the machine is shared).

Usage: .venv/bin/python bench/bench_national_site.py [--corpus DIR] [--repo DIR] [--jobs N] [--no-cluster]
                                                     [--new-version-title TITLE]
       (--repo: an existing repository imported from the same link tree, to skip the import)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from bench_national import EXE, load, run_measured  # noqa: E402
from lawdiff.ingest.tree import scan_tree  # noqa: E402

# The title held back and then imported as the one new version: the corpus's own example of a
# title in two versions (SOURCES.md), chosen by name so every run adds the same version.
NEW_VERSION_TITLE = "反间谍法"


def link_tree(corpus: Path, into: Path, title: str) -> Path:
    """A folder of links to every law file of the corpus except the newest of `title`; returns that file."""
    files = [p for p in corpus.rglob("*.md") if p.name != "SOURCES.md"]
    versions = sorted(p for p in files if p.name.startswith(f"{title}("))
    held_back = versions[-1]
    for path in files:
        if path == held_back:
            continue
        link = into / path.relative_to(corpus)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(path.resolve())
    return held_back


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def measured(label: str, cmd: list[str]) -> float:
    before = load()
    wall, peak, result = run_measured(cmd)
    summary = (result.stdout.strip().splitlines() or [""])[-1]
    print(f"{label:<28} {wall:7.1f} s  peak {peak:6.0f} MB  ({before} -> {load()})  exit {result.returncode}")
    print(f"    {summary}")
    if result.returncode not in (0, 1):
        print(result.stderr[-2000:])
        raise SystemExit(f"{label}: exit {result.returncode}")
    for line in result.stderr.splitlines():
        if line.startswith("error:"):
            print(f"    {line}")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus-national")
    parser.add_argument("--repo", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-cluster", action="store_true")
    parser.add_argument("--new-version-title", default=NEW_VERSION_TITLE,
                        help="the title whose newest file is held back, then imported as the one new version")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lawdiff-bench-site-"))
    try:
        tree = work / "tree"
        held_back = link_tree(args.corpus, tree, args.new_version_title)
        print(f"corpus {args.corpus}: {len(scan_tree(tree)[0]) + 1} files; held back: {held_back.name}")
        repo = args.repo
        if repo is None:
            repo = work / "repo"
            run_measured([str(EXE), "init", str(repo)])
            measured("import-tree", [str(EXE), "--repo", str(repo), "import-tree", str(tree), "--jobs", str(args.jobs)])
        site = work / "site"
        jobs = ["--jobs", str(args.jobs)]
        full = measured("full site (process pool)", [str(EXE), "--repo", str(repo), "site", "-o", str(site), *jobs])
        measured("no-op site", [str(EXE), "--repo", str(repo), "site", "-o", str(site), *jobs])
        if not args.no_cluster:
            cluster_site(repo, work / "site-dask", site, full)
        link = tree / held_back.relative_to(args.corpus)
        link.symlink_to(held_back.resolve())
        measured("import one new version", [str(EXE), "--repo", str(repo), "import-tree", str(tree), *jobs])
        measured("site after one new version", [str(EXE), "--repo", str(repo), "site", "-o", str(site), *jobs])
        pages = sum(1 for p in site.rglob("*.html"))
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        print(f"site: {pages} HTML pages, {size / 1e6:.0f} MB in all")
    finally:
        if args.repo is not None:  # leave a given repository as it was found: drop the new version's link only
            print(f"note: {args.repo} now holds the new version of {args.new_version_title}")
        shutil.rmtree(work, ignore_errors=True)


def cluster_site(repo: Path, out: Path, pool_site: Path, pool_seconds: float) -> None:
    """The same full build on a LocalCluster of 2 single-thread worker processes; its site compared."""
    from distributed import LocalCluster  # imported only when the cluster run is asked for (~1.2 s)

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        wall = measured("full site (LocalCluster, 2)", [str(EXE), "--repo", str(repo), "site", "-o", str(out),
                                                       "--scheduler", cluster.scheduler_address, "--jobs", "2"])
    same = site_files(out) == site_files(pool_site)
    print(f"    LocalCluster / process pool: {wall / pool_seconds:.2f}x; same site byte for byte: {same}")
    print("    (peak above: the lawdiff process and pagefind; the cluster's workers are the bench's children)")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
