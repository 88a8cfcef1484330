"""Benchmark (run by hand): the national corpus (3,463 files) through import-tree, diff and amend.

Reads `../shared/corpus-national` next to the repository where it is (never copied), or the
folder given with --corpus.  Targets on the 2-core machine (issue 13): whole-corpus import
<= 2 min, no-op re-import <= 10 s, peak memory <= 1 GB (all processes of the run together),
a Dask LocalCluster of 2 workers within 1.3x of the process pool, and the same repository
(every ref id) from both.  Also reported: repository size (loose, then after `git gc`), `git log`
time, and the machine's load average next to each timing (the machine is shared).
Checks: every file imported (or byte-identical to one that was), every stored version valid
against the OASIS schema and lossless, every multi-version document through diff and amend
without an internal error.

Usage: .venv/bin/python bench/bench_national.py [--corpus DIR] [--jobs N] [--no-cluster] [--no-checks]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from lxml import etree  # noqa: E402

from lawdiff.akn.schema import validation_errors  # noqa: E402
from lawdiff.errors import LawdiffError  # noqa: E402
from lawdiff.ingest.tree import scan_tree  # noqa: E402
from lawdiff.store.repository import Store  # noqa: E402

EXE = Path(sys.executable).parent / "lawdiff"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def run_measured(cmd: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(wall seconds, peak MB of the process tree's summed RSS, result)."""
    peak = [0.0]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        try:
            parent = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            try:
                total = parent.memory_info().rss + sum(c.memory_info().rss for c in parent.children(recursive=True))
                peak[0] = max(peak[0], total / 1e6)
            except psutil.Error:
                pass
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    return wall, peak[0], subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def refs(repo: Path) -> dict[str, str]:
    import pygit2

    r = pygit2.Repository(str(repo))
    return {name: str(r.references[name].target) for name in r.references}


def du(path: Path) -> float:
    return sum(p.stat().st_blocks * 512 for p in path.rglob("*") if p.is_file()) / 1e6


def import_run(corpus: Path, repo: Path, extra: list[str], what: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    before = load()
    wall, peak, result = run_measured([str(EXE), "--repo", str(repo), "import-tree", str(corpus), *extra])
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-300:]
    print(f"{what}: {wall:.1f} s, peak {peak:.0f} MB (all processes), exit {result.returncode}; "
          f"{before} -> {load()}\n  {summary}")
    return wall, result


def checks(corpus: Path, repo: Path) -> None:
    from helpers import assert_lossless

    from lawdiff.amend.planner import AmendOptions, amend_from_diff
    from lawdiff.compare.differ import compare

    files, _ = scan_tree(corpus)
    store = Store(repo)
    started = time.perf_counter()
    versions = 0
    invalid: list[str] = []
    lossy: list[str] = []
    stored_names: set[str] = set()
    pairs = 0
    amend_errors: list[str] = []
    not_exact: list[str] = []
    for slug in store.slugs():
        listed = store.versions(slug)
        docs = []
        for v in listed:
            versions += 1
            xml = store.xml(v)
            root = etree.fromstring(xml)
            if validation_errors(root):
                invalid.append(f"{slug}@{v.label}")
            name = root.find(".//{https://lawdiff.dev/ns/1}version").get("sourceName")
            # Lossless against the stored source: the exact bytes that were parsed.
            stored_names.add(name)
            blob = store.repo[store.commit_of(v).tree[v.source].id].data
            with tempfile.NamedTemporaryFile(suffix=Path(v.source).suffix) as tmp:
                tmp.write(blob)
                tmp.flush()
                try:
                    assert_lossless(xml, Path(tmp.name))
                except AssertionError as exc:
                    lossy.append(f"{slug}@{v.label}: {exc}")
            docs.append(store.document(slug, v.label))
        for old, new in zip(docs, docs[1:]):
            pairs += 1
            try:
                diff = compare(old, new)
                amendment = amend_from_diff(diff, old, new, AmendOptions())
                if amendment.problems:
                    not_exact.append(f"{slug} {old.meta.version}->{new.meta.version}: {amendment.problems[0]}")
            except LawdiffError:
                pass
            except Exception as exc:  # noqa: BLE001 - the count is the point
                amend_errors.append(f"{slug} {old.meta.version}->{new.meta.version}: {type(exc).__name__}: {exc}")
    missing = [f.rel for f in files if f.rel.rsplit("/", 1)[-1] not in stored_names]
    print(f"checks ({time.perf_counter() - started:.0f} s): {versions} stored versions of {len(store.slugs())} "
          f"documents from {len(files)} files; {len(invalid)} invalid, {len(lossy)} not lossless; "
          f"files with no version of their own: {len(missing)} (byte-identical to another file)")
    for line in (invalid + lossy)[:10]:
        print("  ", line)
    print(f"diff + amend: {pairs} consecutive version pairs, {len(amend_errors)} internal errors, "
          f"{len(not_exact)} instruments not reproducing the later version exactly")
    for line in amend_errors[:10] + not_exact[:10]:
        print("  ", line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus-national")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--no-cluster", action="store_true")
    parser.add_argument("--no-checks", action="store_true")
    parser.add_argument("--keep", type=Path, default=None, help="Leave the repositories in this folder.")
    parser.add_argument("--rounds", type=int, default=1,
                        help="Alternate this many process-pool and LocalCluster imports (the machine is shared: "
                             "alternating cancels drifting load); the ratio reported is the median.")
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        sys.exit(f"{corpus}: no such folder (pass --corpus)")
    work = Path(tempfile.mkdtemp(prefix="bench-national-", dir=args.keep))
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    print(f"corpus {corpus} ({len(scan_tree(corpus)[0])} files); {os.cpu_count()} cores; {load()}")
    try:
        pool_repo = work / "pool"
        subprocess.run([str(EXE), "init", str(pool_repo)], check=True, capture_output=True)
        pool_wall, _ = import_run(corpus, pool_repo, jobs, "import (process pool)")
        import_run(corpus, pool_repo, jobs, "no-op re-import")
        git_dir = pool_repo / ".git"
        started = time.perf_counter()
        count = subprocess.run(["git", "-C", str(pool_repo), "log", "--oneline"], capture_output=True, text=True,
                               check=True).stdout.count("\n")
        print(f"git log: {count} commits in {time.perf_counter() - started:.2f} s; .git {du(git_dir):.0f} MB "
              "(loose objects, as written)")
        if not args.no_cluster:
            from distributed import LocalCluster

            ratios = []
            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
                for round_ in range(args.rounds):
                    if round_:
                        again = work / f"pool{round_}"
                        subprocess.run([str(EXE), "init", str(again)], check=True, capture_output=True)
                        pool_wall, _ = import_run(corpus, again, jobs, f"import (process pool), round {round_ + 1}")
                    cluster_repo = work / f"cluster{round_}"
                    subprocess.run([str(EXE), "init", str(cluster_repo)], check=True, capture_output=True)
                    cluster_wall, _ = import_run(corpus, cluster_repo, ["--scheduler", cluster.scheduler_address],
                                                 f"import (Dask LocalCluster, 2 workers), round {round_ + 1}")
                    ratios.append(cluster_wall / pool_wall)
                    same = refs(cluster_repo) == refs(pool_repo)
                    print(f"  LocalCluster / process pool: {ratios[-1]:.2f}x; "
                          f"same repository (all {len(refs(pool_repo))} ref ids): {same}")
            print(f"LocalCluster / process pool, median of {len(ratios)}: {statistics.median(ratios):.2f}x "
                  "(the peak memory of a cluster run counts the lawdiff process only: the workers are the cluster's)")
        if not args.no_checks:
            checks(corpus, pool_repo)
        started = time.perf_counter()
        subprocess.run(["git", "-C", str(pool_repo), "gc", "--quiet"], check=True)
        print(f"git gc: {time.perf_counter() - started:.1f} s; .git {du(git_dir):.0f} MB after")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
