"""`lawdiff import-tree`: a real sample of the national corpus imported by its naming convention.

The sample (tests/data/national-sample, see its SOURCES.md) keeps the collection's folders and
file names.  One import with the inline executor is shared by the read-only tests; the tests
that change a repository copy the sample or start from a fresh one.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pygit2
import pytest
from click.testing import CliRunner
from lxml import etree

from helpers import DATA, assert_lossless, run_on_terminal
from lawdiff.akn.schema import validation_errors
from lawdiff.akn.writer import AKN_NS, LD_NS
from lawdiff.cli.app import main
from lawdiff.ingest.tree import scan_tree
from lawdiff.store.repository import Store
from lawdiff.text.slug import readable_slug, unique_slug

SAMPLE = DATA / "national-sample"
NS = {"a": AKN_NS, "l": LD_NS}
LAW_FILES = sorted(p for p in SAMPLE.rglob("*.md") if p.name != "SOURCES.md")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def refs(repo: Path) -> dict[str, str]:
    r = pygit2.Repository(str(repo))
    return {name: str(r.references[name].target) for name in r.references}


def fresh_repo(path: Path) -> Path:
    code, out, err = run("init", str(path))
    assert code == 0, err
    return path


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    repo = fresh_repo(tmp_path_factory.mktemp("tree") / "repo")
    code, out, err = run("--repo", str(repo), "import-tree", str(SAMPLE), "--jobs", "1")
    assert code == 0, err
    return repo, out, err


def by_source(store: Store) -> dict[str, tuple[str, object]]:
    """Source file name -> (slug, version) for every stored version."""
    out = {}
    for slug in store.slugs():
        for v in store.versions(slug):
            xml = store.xml(v)
            name = etree.fromstring(xml).find(".//l:version", NS).get("sourceName")
            out[name] = (slug, v)
    return out


def test_every_file_imports_valid_and_lossless(imported: tuple[Path, str, str]) -> None:
    repo, out, _ = imported
    store = Store(repo)
    stored = by_source(store)
    # 居民身份证法 is filed twice with the same bytes: one version; every other file is one version.
    assert len(stored) == len(LAW_FILES) - 1
    assert "31 files" in out and "30 new version(s)" in out and "1 already in the repository" in out
    for path in LAW_FILES:
        if path.name not in stored:
            assert path.name == "居民身份证法(2011-10-29).md"
            continue
        slug, version = stored[path.name]
        xml = store.xml(version)
        assert validation_errors(etree.fromstring(xml)) == [], path
        assert_lossless(xml, path)
    assert "SOURCES.md" not in stored


def test_titles_dates_stages_and_categories_come_from_the_tree(imported: tuple[Path, str, str]) -> None:
    store = Store(Path(imported[0]))
    stored = by_source(store)
    slug, version = stored["计量法实施细则(2022-03-29).md"]
    assert [v.date for v in store.versions(slug)] == ["2018-03-19", "2022-03-29"]  # one document, date order
    assert version.title == "计量法实施细则" and version.category == "行政法规"
    assert version.stage == "revised"  # "2022年3月29日…修订" in its history lines
    listing = json.loads((Path(imported[0]) / store.doc_path(slug) / "versions.json").read_text("utf-8"))
    assert listing["versions"][-1]["category"] == "行政法规"
    info = etree.fromstring(store.xml(version)).find(".//l:version", NS)
    assert info.get("category") == "行政法规" and info.get("stage") == "revised"
    # An undated file: dated by its history line (通过), with a warning.
    _, amendment = stored["刑法修正案（十一）.md"]
    assert amendment.date == "2020-12-26" and amendment.stage == "adopted" and amendment.category == "刑法"
    assert "warning: 刑法/刑法修正案（十一）.md: no date in the file name: dated 2020-12-26 by its history line (通过)" \
        in imported[2]
    assert "刑法修正案（十二）(2023-12-29).md: no date" not in imported[2]  # dated by its name: nothing to say
    # The undated and the dated file of one title are one document, in date order.
    slug, _ = stored["上海市中小学校学生伤害事故处理条例(2024-12-31).md"]
    assert len(store.versions(slug)) == 2
    assert store.versions(slug)[-1].date == "2024-12-31"
    assert store.versions(slug)[0].category == "DLC/上海地方法规/地方性法规/上海"


def test_slugs_are_readable_url_safe_and_unique(imported: tuple[Path, str, str]) -> None:
    store = Store(Path(imported[0]))
    slugs = store.slugs()
    titles = {store.versions(s)[-1].title for s in slugs}
    assert len(slugs) == len(titles)  # one slug per title
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,99}", slug), slug
    assert "ji-liang-fa-shi-shi-xi-ze" in slugs  # 计量法实施细则
    # Two titles whose plain slugs collide get the title's hash; a long title is cut and hashed.
    taken: set[str] = set()
    first = unique_slug("公示", taken)
    taken.add(first)
    second = unique_slug("公式", taken)  # same pinyin, another title
    assert first == "gong-shi" and second.startswith("gong-shi-") and second != first
    long_title = "北京市人民代表大会常务委员会关于依法防控新型冠状病毒感染肺炎疫情坚决打赢疫情防控阻击战的决定"
    cut, was_cut = readable_slug(long_title)
    assert was_cut and len(unique_slug(long_title, set())) <= 100


def test_items_of_an_amendment_are_levels_with_their_printed_numbers(imported: tuple[Path, str, str]) -> None:
    store = Store(Path(imported[0]))
    _, version = by_source(store)["刑法修正案（十一）.md"]
    root = etree.fromstring(store.xml(version))
    levels = root.findall(".//a:body/a:level", NS)
    assert len(levels) == 48 and version.articles == 48
    assert [l.get("eId") for l in levels[:3]] == ["lvl_1", "lvl_2", "lvl_3"]
    assert [l.findtext("a:num", namespaces=NS) for l in levels[:2]] == ["一、", "二、"]
    assert root.find(".//a:body/a:article", NS) is None  # items are not passed off as 第X条 articles
    assert root.find(".//a:preface/a:container[@name='preamble']", NS) is None  # it opens with item 一、
    # The quoted new article stays inside its item, not a unit of its own.
    assert "第十七条修改为" in "".join(levels[0].itertext())
    # A decision: the words before its first item are its preamble, not an item.
    _, decision = by_source(store)["北京市人民代表大会常务委员会关于废止部分地方性法规的决定.md"]
    root = etree.fromstring(store.xml(decision))
    preamble = root.find(".//a:preface/a:container[@name='preamble']", NS)
    assert [p.text for p in preamble.findall("a:p", NS)] == ["北京市第十五届人民代表大会常务委员会第三十三次会议决定："]
    items = root.findall(".//a:body/a:level", NS)
    assert [l.findtext("a:num", namespaces=NS) for l in items] == ["一、", "二、", "三、", "四、"]
    assert decision.stage == "adopted" and decision.date == "2021-09-24"


def test_cases_and_standards_keep_their_headed_sections(imported: tuple[Path, str, str]) -> None:
    store = Store(Path(imported[0]))
    stored = by_source(store)
    _, case = stored["加班费的仲裁时效应当如何认定.md"]
    headings = [h.text for h in etree.fromstring(store.xml(case)).findall(".//a:body/a:level/a:heading", NS)]
    assert headings[:3] == ["基本案情", "原告诉讼请求", "裁判结果"]
    assert case.date == "1970-01-01"  # nothing in the file dates it: the unknown date, with a warning
    _, standard = stored["人体损伤程度鉴定标准(2014-01-01).md"]
    body = etree.fromstring(store.xml(standard)).find(".//a:body", NS)
    # "## 总则" holds "### 鉴定原则" and others: a container of levels.
    chapter = next(c for c in body if c.findtext("a:heading", namespaces=NS) == "总则")
    assert chapter.tag == f"{{{AKN_NS}}}chapter"
    assert "鉴定原则" in [l.findtext("a:heading", namespaces=NS) for l in chapter.findall("a:level", NS)]
    _, empty = stored["重庆市实施《国家赔偿法》办法(2012-09-27).md"]
    assert empty.articles == 1 and empty.stage == "revised"


def test_items_are_diffable(imported: tuple[Path, str, str]) -> None:
    repo = imported[0]
    store = Store(repo)
    slug, _ = by_source(store)["刑法修正案（十一）.md"]
    code, out, err = run("--repo", str(repo), "show", slug, "--article", "2")
    assert code == 0 and out.startswith("二、") and "第一百三十三条之二" in out and "三、" not in out
    # Items align and redline like articles: amendment (十二)'s item 一、 against (十一)'s items.
    eleven, twelve = SAMPLE / "刑法" / "刑法修正案（十一）.md", SAMPLE / "刑法" / "刑法修正案（十二）(2023-12-29).md"
    code, out, err = run("diff", str(eleven), str(twelve), "--format", "json")
    assert code == 1, err
    result = json.loads(out)
    # Every one of (十二)'s eight items is accounted for, by its level eId (how they pair with
    # (十一)'s items is the aligner's business, not this test's).
    assert sorted({side["eid"] for change in result["changes"] for side in change["to"]}) == \
        [f"lvl_{n}" for n in range(1, 9)]
    eids = [side["eid"] for change in result["changes"] for side in change["from"] + change["to"]]
    assert eids and all(re.fullmatch(r"lvl_\d+", e) for e in eids)


def test_rerun_imports_nothing_and_a_new_file_imports_one_version(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(SAMPLE, tree)
    newer = tree / "行政法规" / "计量法实施细则(2022-03-29).md"
    later = newer.read_bytes()
    newer.unlink()
    repo = fresh_repo(tmp_path / "repo")
    assert run("--repo", str(repo), "import-tree", str(tree), "--jobs", "1")[0] == 0
    before = refs(repo)
    code, out, _ = run("--repo", str(repo), "import-tree", str(tree), "--jobs", "1")
    assert code == 0 and "0 new version(s)" in out and refs(repo) == before
    newer.write_bytes(later)
    code, out, _ = run("--repo", str(repo), "import-tree", str(tree), "--jobs", "1")
    assert code == 0 and "1 new version(s) of 1 document(s)" in out
    after = refs(repo)
    assert set(after) - set(before) == {"refs/tags/ji-liang-fa-shi-shi-xi-ze/2022-03-29"}
    assert Store(repo).versions("ji-liang-fa-shi-shi-xi-ze")[-1].date == "2022-03-29"
    assert (repo / Store(repo).doc_path("ji-liang-fa-shi-shi-xi-ze") / "main.xml").read_bytes() == \
        Store(repo).xml(Store(repo).version("ji-liang-fa-shi-shi-xi-ze"))  # the work tree is in step


def test_progress_bar_on_a_terminal_and_a_summary_at_the_end(tmp_path: Path) -> None:
    """The shared progress bar (lawdiff.cli.progress, as `site`'s) on a terminal: each phase with
    done / total, percent, rate and time left; per-version lines are left to a log."""
    def command(repo: Path) -> list[str]:
        return [sys.executable, "-m", "lawdiff", "--repo", str(fresh_repo(repo)), "import-tree", str(SAMPLE),
                "--jobs", "1"]

    stdout, shown = run_on_terminal(command(tmp_path / "tty"), tmp_path)
    text = shown.decode()
    total = len(LAW_FILES)
    for phase in ("reading", "inspecting", "importing"):
        assert re.search(phase + r".*\b%d/%d\b.*100%%.*files/s" % (total, total), text), text
    assert ": imported " not in stdout.decode()  # no line per version under a live bar
    assert re.search(r"^30 new version\(s\) of 24 document\(s\) imported.* files in [\d.]+ s", stdout.decode(), re.M)

    piped = subprocess.run(command(tmp_path / "pipe"), capture_output=True, cwd=tmp_path, check=True)
    assert "%" not in piped.stderr.decode() and "files/s" not in piped.stderr.decode()
    assert piped.stdout.decode().count(": imported ") == 30 and "30 new version(s)" in piped.stdout.decode()


def test_a_file_that_cannot_be_imported_is_reported_and_the_others_go_on(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "行政法规").mkdir(parents=True)
    for name in ("计量法实施细则(2018-03-19).md", "计量法实施细则(2022-03-29).md"):
        shutil.copy(SAMPLE / "行政法规" / name, tree / "行政法规" / name)
    (tree / "行政法规" / "坏文件(2020-01-01).md").write_bytes(bytes(range(256)) * 20)  # not text
    repo = fresh_repo(tmp_path / "repo")
    code, out, err = run("--repo", str(repo), "import-tree", str(tree), "--jobs", "1")
    assert code == 1
    assert "skipped 行政法规/坏文件(2020-01-01).md" in err and "binary" in err and "Traceback" not in err
    assert "2 new version(s)" in out and "1 skipped" in out
    assert [v.date for v in Store(repo).versions("ji-liang-fa-shi-shi-xi-ze")] == ["2018-03-19", "2022-03-29"]


def test_process_pool_and_inline_make_the_same_repository(tmp_path: Path, imported: tuple[Path, str, str]) -> None:
    repo = fresh_repo(tmp_path / "repo")
    code, _, err = run("--repo", str(repo), "import-tree", str(SAMPLE), "--jobs", "2")
    assert code == 0, err
    assert refs(repo) == refs(imported[0])


def test_a_dask_local_cluster_makes_the_same_repository(tmp_path: Path, imported: tuple[Path, str, str]) -> None:
    from distributed import LocalCluster

    repo = fresh_repo(tmp_path / "repo")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        code, out, err = run("--repo", str(repo), "import-tree", str(SAMPLE), "--scheduler", cluster.scheduler_address)
    assert code == 0, err
    assert "(dask (2 worker threads" in out
    assert refs(repo) == refs(imported[0])  # every commit and tag id, byte for byte
    assert len(refs(repo)) == 1 + 30  # main and one tag per version


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    repo = fresh_repo(tmp_path / "repo")
    code, _, err = run("--repo", str(repo), "import-tree", str(SAMPLE), "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2 and "cannot reach the Dask scheduler" in err and len(err.strip().splitlines()) == 1


def test_scan_leaves_documentation_out_and_reads_names() -> None:
    files, left_out = scan_tree(SAMPLE)
    assert left_out == ["SOURCES.md"]
    assert len(files) == len(LAW_FILES)
    found = {f.rel: f for f in files}
    entry = found["宪法相关法/国务院组织法(2024-03-11).md"]
    assert (entry.title, entry.name_date, entry.category) == ("国务院组织法", "2024-03-11", "宪法相关法")
    assert found["刑法/刑法修正案（十一）.md"].name_date == ""


def test_manifests_override_the_naming_convention(tmp_path: Path) -> None:
    # drafts/ is a tree of folders with lawdiff.toml manifests: import-tree follows them, and the
    # history is the one import-dir writes (every commit and tag id).
    from helpers import DRAFTS

    by_dir, by_tree = fresh_repo(tmp_path / "dir"), fresh_repo(tmp_path / "tree")
    assert run("--repo", str(by_dir), "import-dir", str(DRAFTS))[0] == 0
    code, out, err = run("--repo", str(by_tree), "import-tree", str(DRAFTS), "--jobs", "1")
    assert code == 0, err
    assert refs(by_tree) == refs(by_dir)
    assert "ai-industry" in Store(by_tree).slugs()  # the manifest's slug, not one made from the title


def test_an_older_file_after_a_newer_one_is_skipped_not_written_into_the_past(tmp_path: Path) -> None:
    tree = tmp_path / "tree" / "行政法规"
    tree.mkdir(parents=True)
    shutil.copy(SAMPLE / "行政法规" / "计量法实施细则(2022-03-29).md", tree)
    repo = fresh_repo(tmp_path / "repo")
    assert run("--repo", str(repo), "import-tree", str(tree.parent), "--jobs", "1")[0] == 0
    before = refs(repo)
    shutil.copy(SAMPLE / "行政法规" / "计量法实施细则(2018-03-19).md", tree)
    code, out, err = run("--repo", str(repo), "import-tree", str(tree.parent), "--jobs", "1")
    assert code == 1 and "is before the latest stored version" in err and "never rewrites history" in err
    assert refs(repo) == before and "0 new version(s)" in out and "1 skipped" in out
