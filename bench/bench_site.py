"""Speed of `lawdiff site`: the bundled drafts, and a generated corpus of 200 laws × 4 versions.

For each corpus the script times (wall clock, each build in its own process tree):
  full       a build into an empty folder
  no-op      the same build again (nothing changed)
  one more   after importing one new version of one document (the incremental case)
and reports the peak resident memory of the largest process of the build (lawdiff or a
worker; pagefind included).  The incremental target: under 10 % of the full build.

    python bench/bench_site.py [--docs 200] [--versions 4] [--keep DIR] [--only drafts|generated]

The generated laws are made from real article sentences of the corpus (so search and
the diff engine see Chinese legal text), with a seeded RNG: each version amends ~8 % of
the articles, inserts a few (renumbering everything after them), removes one or two and
moves one into another chapter.  Run by hand; figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawdiff.model import Meta  # noqa: E402
from lawdiff.text.numerals import int_to_zh  # noqa: E402
from lawdiff.akn.load import parse_file  # noqa: E402
from lawdiff.store.repository import Store  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus" / "zh"
LAWDIFF = [sys.executable, "-m", "lawdiff"]
ENV = dict(os.environ)


def snapshot(work: Path) -> None:
    """Run lawdiff from a copy of the code taken now: page keys include a hash of lawdiff's
    code, so an edit in the working tree during a long run would turn the no-op and the
    incremental builds into full ones.  `-S` keeps the editable install from shadowing it."""
    import sysconfig

    copy = work / "code"
    shutil.rmtree(copy, ignore_errors=True)
    for name in ("lawdiff", "site", "schema"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    LAWDIFF[:] = [sys.executable, "-S", "-m", "lawdiff"]
    ENV["PYTHONPATH"] = os.pathsep.join([str(copy), sysconfig.get_paths()["purelib"]])
    # `lawdiff` is a namespace package: run from a folder without a lawdiff/ of its own, or
    # the working tree's copy (first on sys.path as the current folder) would join it.
    os.chdir(work)

# Runs one command and reports its wall time and the largest RSS among it and its descendants.
MEASURE = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - t
if done.returncode:
    sys.exit(done.stdout + done.stderr)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": rss / 1024, "out": done.stdout.strip()}))
"""


def measure(command: list[str]) -> dict[str, object]:
    result = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, env=ENV)
    if result.returncode:
        raise SystemExit(result.stderr or result.stdout)
    return json.loads(result.stdout)


# -- corpora ---------------------------------------------------------------------------------
def sentence_pool() -> list[str]:
    """Article paragraphs of the Chinese corpus, without their article numbers."""
    pool = []
    for path in sorted(CORPUS.glob("*/*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"^第[一二三四五六七八九十百千零]+条\s*", "", line.strip())
            if 20 <= len(line) <= 160 and line.endswith("。") and not line.startswith(("#", "（", "第")):
                pool.append(line)
    return sorted(set(pool))


def render(chapters: list[tuple[str, list[list[str]]]], title: str) -> str:
    lines, n = [title, ""], 0
    for c, (heading, articles) in enumerate(chapters, start=1):
        lines += [f"第{int_to_zh(c)}章 {heading}", ""]
        for paragraphs in articles:
            n += 1
            lines.append(f"第{int_to_zh(n)}条 {paragraphs[0]}")
            lines += paragraphs[1:]
            lines.append("")
    return "\n".join(lines)


def next_version(chapters: list[tuple[str, list[list[str]]]], rng: random.Random,
                 pool: list[str]) -> list[tuple[str, list[list[str]]]]:
    new = [(h, [list(a) for a in arts]) for h, arts in chapters]
    everything = [(ci, ai) for ci, (_h, arts) in enumerate(new) for ai in range(len(arts))]
    for ci, ai in rng.sample(everything, max(1, len(everything) * 8 // 100)):  # amend ~8 %
        para = new[ci][1][ai]
        k = rng.randrange(len(para))
        words = para[k]
        cut = rng.randrange(5, max(6, len(words) - 5))
        para[k] = words[:cut] + rng.choice(["依法", "及时", "按照规定", "会同有关部门"]) + words[cut:]
    for _ in range(rng.randint(2, 4)):  # insert (renumbers what follows)
        ci = rng.randrange(len(new))
        new[ci][1].insert(rng.randrange(len(new[ci][1]) + 1), [rng.choice(pool)])
    for _ in range(rng.randint(1, 2)):  # remove
        ci = rng.randrange(len(new))
        if len(new[ci][1]) > 2:
            new[ci][1].pop(rng.randrange(len(new[ci][1])))
    if len(new) > 1:  # move the last article of one chapter to the front of the next
        ci = rng.randrange(len(new) - 1)
        if len(new[ci][1]) > 2:
            new[ci + 1][1].insert(0, new[ci][1].pop())
    return new


def generated_repo(repo: Path, docs: int, versions: int, work: Path) -> list[str]:
    pool = sentence_pool()
    rng = random.Random(20240927)
    headings = ["总则", "规划与建设", "服务与保障", "监督管理", "法律责任", "附则"]
    Store.init(repo)
    store = Store(repo)
    slugs = []
    for d in range(docs):
        slug = f"gen-{d:03d}"
        chapters = [(headings[c], [[rng.choice(pool) for _ in range(rng.randint(1, 3))]
                                   for _ in range(rng.randint(4, 12))]) for c in range(rng.randint(3, 6))]
        for v in range(1, versions + 1):
            if v > 1:
                chapters = next_version(chapters, rng, pool)
            path = work / f"{slug}-{v}.txt"
            path.write_text(render(chapters, f"生成条例第{d}号"), encoding="utf-8")
            meta = Meta(slug=slug, version=f"第{v}稿", date=f"{2020 + v}-0{1 + d % 9}-01",
                        stage="draft" if v < versions else "adopted", title=f"生成条例第{d}号")
            doc = parse_file(str(path), meta)
            store.add_version(doc, path.read_bytes(), ".txt")
        slugs.append(slug)
    return slugs


def drafts_repo(repo: Path) -> None:
    subprocess.run(LAWDIFF + ["init", str(repo)], check=True, capture_output=True, env=ENV)
    subprocess.run(LAWDIFF + ["--repo", str(repo), "import-dir", str(ROOT / "drafts")], check=True,
                   capture_output=True, env=ENV)


def add_one_version(repo: Path, work: Path) -> None:
    """Import one new version of the repository's first multi-version document: its last
    version with one article amended (the same edit in any clone)."""
    store = Store(repo)
    slug = next(s for s in store.slugs() if len(store.versions(s)) > 1)
    last = store.versions(slug)[-1]
    text = store.repo[store.commit_of(last).tree[last.source].id].data.decode("utf-8")
    text = text.replace("。", "，并向社会公布。", 1)
    path = work / f"{slug}-next{Path(last.source).suffix}"
    path.write_text(text, encoding="utf-8")
    date = f"{int(last.date[:4]) + 1}{last.date[4:]}"
    subprocess.run(LAWDIFF + ["--repo", str(repo), "import", str(path), "--doc", slug, "--version",
                              "bench-next", "--date", date, "--stage", "amended"], check=True,
                   capture_output=True, env=ENV)


# -- the runs -------------------------------------------------------------------------------
def bench(name: str, repo: Path, work: Path) -> dict[str, object]:
    site = work / f"{name}-site"
    shutil.rmtree(site, ignore_errors=True)
    command = LAWDIFF + ["--repo", str(repo), "site", "-o", str(site)]
    full = measure(command)
    noop = measure(command)
    add_one_version(repo, work)
    incremental = measure(command)
    pages = sum(1 for _ in site.rglob("*.html"))
    size_mb = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20
    result = {"corpus": name, "html_pages": pages, "site_mb": round(size_mb, 1),
              "full_s": round(full["seconds"], 2), "full_peak_mb": round(full["peak_mb"]),
              "noop_s": round(noop["seconds"], 2), "incremental_s": round(incremental["seconds"], 2),
              "incremental_peak_mb": round(incremental["peak_mb"]),
              "incremental_share": round(incremental["seconds"] / full["seconds"], 3),
              "full_out": full["out"], "noop_out": noop["out"], "incremental_out": incremental["out"]}
    print(json.dumps(result, ensure_ascii=False, indent=1), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--versions", type=int, default=4)
    parser.add_argument("--keep", type=Path, default=None, help="Work here and keep the repositories and sites.")
    parser.add_argument("--only", choices=["drafts", "generated"], default=None)
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="lawdiff-bench-site-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"cores: {os.cpu_count()}; work: {work}", flush=True)
    snapshot(work)
    try:
        if args.only in (None, "drafts"):
            repo = work / "drafts-repo"
            shutil.rmtree(repo, ignore_errors=True)
            drafts_repo(repo)
            bench("drafts", repo, work)
        if args.only in (None, "generated"):
            repo = work / "generated-repo"
            shutil.rmtree(repo, ignore_errors=True)
            t = time.perf_counter()
            generated_repo(repo, args.docs, args.versions, work)
            print(f"generated {args.docs} documents × {args.versions} versions in "
                  f"{time.perf_counter() - t:.1f} s", flush=True)
            bench(f"generated-{args.docs}x{args.versions}", repo, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
