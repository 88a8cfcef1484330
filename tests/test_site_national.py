"""The site of a real sample of the national corpus (tests/data/national-sample): categories,
the executor (process pool, Dask LocalCluster), a failing document, an interrupted build.

One inline import and one inline build are shared by the read-only tests; every other build
goes to its own folder and is compared with it byte for byte.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import lawdiff.site.builder as builder
import lawdiff.site.urls as urls
from helpers import DATA
from lawdiff.cli.app import main
from lawdiff.site import build_site
from lawdiff.site.cache import MANIFEST
from lawdiff.store.repository import Store

SAMPLE = DATA / "national-sample"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def tree_bytes(site: Path) -> dict[str, bytes]:
    """Every file of a site (manifest and search index included) -> its bytes."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("national") / "repo"
    assert run("init", str(path))[0] == 0
    code, _, err = run("--repo", str(path), "import-tree", str(SAMPLE), "--jobs", "1")
    assert code == 0, err
    return path


@pytest.fixture(scope="module")
def site(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("national-site") / "site"
    code, stdout, err = run("--repo", str(repo), "site", "-o", str(out), "--jobs", "1")
    assert code == 0, err
    assert "failed" not in stdout
    return out


def multi_version_slug(repo: Path) -> str:
    store = Store(repo)
    slugs = [s for s in store.slugs() if len(store.versions(s)) > 1]
    assert slugs
    return sorted(slugs)[0]


def test_index_lists_documents_by_category_with_counts(repo: Path, site: Path) -> None:
    store = Store(repo)
    expected: dict[str, set[str]] = {}
    for slug in store.slugs():
        expected.setdefault(store.versions(slug)[-1].category, set()).add(slug)
    assert len(expected) > 5 and "" not in expected  # every sample document is filed somewhere
    page = (site / urls.INDEX).read_text(encoding="utf-8")
    nav = re.search(r'<nav class="categories".*?</nav>', page, re.S)
    assert nav is not None
    listed = dict(re.findall(r'<a href="#cat-\d+">([^<]+)</a> <span class="count">(\d+)</span>', nav.group(0)))
    assert {name: int(n) for name, n in listed.items()} == {c: len(s) for c, s in expected.items()}
    sections = re.findall(r'<section class="category" id="(cat-\d+)".*?<h2[^>]*>([^<]+?) <span.*?</section>', page, re.S)
    assert [name for _id, name in sections] == sorted(expected)
    for _id, name in sections:
        body = re.search(rf'<section class="category" id="{_id}".*?</section>', page, re.S).group(0)  # type: ignore[union-attr]
        assert set(re.findall(r'href="laws/([^/]+)/index.html"', body)) == expected[name]
    assert "未分类" not in page  # no document without a category in this sample
    assert page.count('class="doc-card"') == len(store.slugs())
    # Reading needs no script: the filter box starts hidden, every document is in the HTML.
    assert '<div class="doc-filter" id="doc-filter" hidden>' in page
    assert re.findall(r"<script[^>]*src=\"([^\"]+)\"", page) == ["assets/filter.js"]


def test_process_pool_gives_the_same_site_byte_for_byte(repo: Path, site: Path, tmp_path: Path) -> None:
    code, _, err = run("--repo", str(repo), "site", "-o", str(tmp_path / "pool"), "--jobs", "2")
    assert code == 0, err
    assert tree_bytes(tmp_path / "pool") == tree_bytes(site)


def test_a_dask_local_cluster_gives_the_same_site_byte_for_byte(repo: Path, site: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        code, _, err = run("--repo", str(repo), "site", "-o", str(tmp_path / "dask"), "--scheduler",
                           cluster.scheduler_address, "--jobs", "1")
    assert code == 0, err
    assert tree_bytes(tmp_path / "dask") == tree_bytes(site)


def test_a_failing_document_is_named_left_out_and_the_rest_is_built(
        repo: Path, site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated failure: the diff raises for one document (monkeypatched in this process, so the
    build runs inline with --jobs 1).  Its pages are left out, every other page is built, exit 1;
    the next build (no failure) reuses the folder and gives the clean build's site exactly."""
    bad = multi_version_slug(repo)
    bad_title = Store(repo).versions(bad)[-1].title
    real_compare = builder.compare

    def compare_failing_for_one(old, new, *args, **kwargs):  # type: ignore[no-untyped-def]
        if old.meta.slug == bad:
            raise IndexError("list index out of range")
        return real_compare(old, new, *args, **kwargs)

    monkeypatch.setattr(builder, "compare", compare_failing_for_one)
    out = tmp_path / "site"
    code, stdout, err = run("--repo", str(repo), "site", "-o", str(out), "--jobs", "1")
    assert code == 1
    assert f"error: {bad} ({bad_title}): IndexError: list index out of range" in err
    assert "1 failed" in stdout
    assert not (out / "laws" / bad).exists()
    index = (out / urls.INDEX).read_text(encoding="utf-8")
    assert f"laws/{bad}/" not in index and f"laws/{bad}/" not in (out / urls.CHANGELOG).read_text(encoding="utf-8")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert not any(p.startswith(f"laws/{bad}/") for p in manifest["pages"])
    clean = tree_bytes(site)
    built = tree_bytes(out)
    others = {p for p in clean if p.startswith("laws/") and not p.startswith(f"laws/{bad}/")}
    assert others and all(built.get(p) == clean[p] for p in others)  # every other document in full

    monkeypatch.setattr(builder, "compare", real_compare)
    code, stdout, err = run("--repo", str(repo), "site", "-o", str(out), "--jobs", "1")
    assert code == 0, err
    assert "1 document(s) rebuilt" in stdout  # only the one that failed
    assert tree_bytes(out) == clean


def test_an_interrupted_build_leaves_a_folder_the_next_build_reuses(repo: Path, site: Path, tmp_path: Path) -> None:
    """Interrupted as Ctrl-C would (KeyboardInterrupt) after three documents; the manifest is checkpointed
    after each (checkpoint_seconds=0), so the next build is accepted and builds only the rest."""
    out = tmp_path / "site"

    def interrupt_after_three(done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_site(repo, out, jobs=1, progress=interrupt_after_three, checkpoint_seconds=0)
    assert (out / MANIFEST).is_file() and not (out / urls.INDEX).exists()
    report = build_site(repo, out, jobs=1)
    total = len(Store(repo).slugs())
    assert report.documents_rebuilt == total - 3 and not report.failed
    assert tree_bytes(out) == tree_bytes(site)


def test_a_folder_interrupted_before_its_first_page_is_reused(repo: Path, site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"

    def interrupt_at_once(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_site(repo, out, jobs=1, progress=interrupt_at_once)
    assert [p.name for p in out.iterdir()] == [MANIFEST]
    build_site(repo, out, jobs=1)
    assert tree_bytes(out) == tree_bytes(site)


def test_a_folder_of_something_else_is_still_refused(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run("--repo", str(repo), "site", "-o", str(out), "--jobs", "1")
    assert code == 2 and "not a lawdiff site" in err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_one_new_version_rebuilds_only_its_document(repo: Path, tmp_path: Path) -> None:
    """The sample without the newest file of a multi-version document, built; then that file imported:
    only its document, the pages about every document and one search shard are redone."""
    store = Store(repo)
    slug = multi_version_slug(repo)
    latest = store.versions(slug)[-1]
    held_back = next(SAMPLE.rglob(f"{latest.title}({latest.date}).md"))
    tree = tmp_path / "tree"
    shutil.copytree(SAMPLE, tree, ignore=lambda folder, names: [n for n in names if Path(folder, n) == held_back])
    work = tmp_path / "repo"
    assert run("init", str(work))[0] == 0
    assert run("--repo", str(work), "import-tree", str(tree), "--jobs", "1")[0] == 0
    out = tmp_path / "site"
    build_site(work, out, jobs=1)
    shutil.copyfile(held_back, tree / held_back.relative_to(SAMPLE))
    code, stdout, err = run("--repo", str(work), "import-tree", str(tree), "--jobs", "1")
    assert code == 0 and f"{slug}@{latest.label}: imported" in stdout and "30 already" in stdout, (stdout, err)
    report = build_site(work, out, jobs=1)
    assert report.documents_rebuilt == 1
    assert report.written_paths
    assert all(p.startswith(f"laws/{slug}/") or "/" not in p for p in report.written_paths), report.written_paths
    assert report.search.startswith("1 of ")
