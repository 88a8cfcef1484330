"""Issue 12's reader in a real browser: phrase search, a 250-article revision, editorial matter.

Built from bundled drafts (the company-law revision 218 -> 266, the OCR'd AI-industry draft,
the Shanghai regulation) and driven through Debian's Chromium as in test_site_browser.
Screenshots of each new view, phone and desktop, land in build/screenshots/reader-*.png.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page

import sitelib
import lawdiff.site.urls as urls
from lawdiff.site.inputs import read_inputs
from lawdiff.store.repository import Store
from lawdiff.model import Document
from test_site_browser import SCREENSHOTS, WIDTHS, Served, _no_sideways_scroll, _serve, finish, open_page, visit

pytestmark = pytest.mark.browser

COMPANY, AI, SHANGHAI = "company-law", "ai-industry", "shanghai-business-environment"


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, Path]]:
    root = tmp_path_factory.mktemp("reader")
    repo = sitelib.make_drafts_repo(root)
    site = root / "site"
    sitelib.build(repo, site)
    server, base = _serve(site)
    yield Served(site, base), repo
    server.shutdown()
    server.server_close()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def articles_holding(doc: Document, phrase: str) -> set[str]:
    """Numbers as printed of the articles whose text holds the phrase (wrap spaces ignored)."""
    return {node.num for top in doc.body for node in top.walk()
            if node.kind == "article" and phrase in squeeze(node.all_text())}


def documents(repo: Path) -> dict[str, list[Document]]:
    store = Store(repo)
    return {d.slug: [store.document(d.slug, str(v.n)) for v in d.versions] for d in read_inputs(store)}


def search(page: Page, served: Served, term: str) -> None:
    visit(page, served.url(urls.SEARCH))
    box = page.get_by_role("searchbox")
    box.click()
    box.type(term, delay=20)
    page.keyboard.press("Enter")
    page.locator("#search-status", has_text=term).wait_for()


def hits_by_page(page: Page) -> dict[str, list[tuple[str, str, str, str]]]:
    """Page link (site path) -> its hits as (hit title, hit address, mark, excerpt)."""
    out: dict[str, list[tuple[str, str, str, str]]] = {}
    for block in page.locator(".search-page").all():
        link = block.locator(".search-page-link").get_attribute("href") or ""
        path = link.split("://", 1)[-1].split("/", 1)[-1].lstrip("/")
        out[path] = [(hit.locator(".search-hit-link").inner_text(), hit.locator(".search-hit-link").get_attribute("href") or "",
                      hit.locator(".badge").inner_text() if hit.locator(".badge").count() else "",
                      hit.locator(".search-excerpt").inner_text()) for hit in block.locator(".search-hit").all()]
    return out


def article_hits(hits: list[tuple[str, str, str, str]]) -> set[str]:
    """The article numbers among a page's hits (a hit may also be a chapter heading or the title)."""
    return {title.split(" ")[0] for title, href, _mark, _text in hits if "#h-art_" in href}


# -- search --------------------------------------------------------------------------------
def test_search_finds_a_chinese_phrase_only_where_it_is(reader: tuple[Served, Path], browser: Browser) -> None:
    served, repo = reader
    docs = documents(repo)
    phrase = "营商环境"
    holding = {slug for slug, versions in docs.items() if any(articles_holding(d, phrase) for d in versions)}
    assert holding == {SHANGHAI}  # neither company-law version nor the AI draft holds it (issue 12)
    page, watch = open_page(browser)
    search(page, served, phrase)
    found = hits_by_page(page)
    assert {p.split("/")[1] for p in found} == {SHANGHAI}, list(found)
    for n, doc in enumerate(docs[SHANGHAI], start=1):
        hits = found[urls.version(SHANGHAI, n)]
        # every article holding the phrase, and nothing else
        assert article_hits(hits) == articles_holding(doc, phrase), n
        assert all(phrase in squeeze(text) for _t, _h, _m, text in hits)
        assert len(hits) > 3  # not three per version
    assert page.locator(f"mark:text-is('{phrase}')").count() >= len(found[urls.version(SHANGHAI, 1)])
    finish(page, watch)


def test_search_finds_where_a_phrase_was_deleted(reader: tuple[Served, Path], browser: Browser) -> None:
    """股东大会: in the 2018 company law, gone from the 2023 one; the compare page lists each deletion,
    once (the 对照表 with the same rows is not listed again), linking to the article and its table row."""
    served, repo = reader
    phrase = "股东大会"
    old, new = documents(repo)[COMPANY]
    assert articles_holding(old, phrase) and not articles_holding(new, phrase)
    page, watch = open_page(browser)
    search(page, served, phrase)
    found = hits_by_page(page)
    assert urls.version(COMPANY, 2) not in found  # the 2023 text is not listed as holding it
    assert urls.table(COMPANY, 1, 2) not in found  # one entry per step: its compare page
    assert article_hits(found[urls.version(COMPANY, 1)]) == articles_holding(old, phrase)
    compare_hits = found[urls.compare(COMPANY, 1, 2)]
    assert compare_hits and {mark for _t, _h, mark, _x in compare_hits} == {"删除"}
    assert all(phrase in squeeze(text) for _t, _h, _m, text in compare_hits)
    # Each deletion is a row of the 对照表 whose old side holds the phrase and whose new side does not,
    # and every such row is listed, by the article's anchor on the compare page.
    table = (served.site / urls.table(COMPANY, 1, 2)).read_text(encoding="utf-8")
    deleted_rows = set()
    for anchor, old_cell, new_cell in re.findall(
            r'<tr id="([^"]+)" class="[^"]*" tabindex="-1" data-change>(<td.*?</td>)(<td.*?</td>)</tr>', table, re.S):
        text = [squeeze(html.unescape(re.sub(r"<[^>]+>", "", cell))) for cell in (old_cell, new_cell)]
        if phrase in text[0] and phrase not in text[1]:
            deleted_rows.add(anchor)
    assert {href.split("#")[1] for _t, href, _m, _x in compare_hits} == deleted_rows
    # The hit leads to the article on the compare page, shown; its second link to the same row of the 对照表.
    table_link = page.locator(".search-deleted .search-table-link").first.get_attribute("href") or ""
    page.locator(".search-deleted .search-hit-link").first.click()
    page.wait_for_url(lambda url: "/compare/" in url)
    page.wait_for_load_state("networkidle")
    assert page.locator("article.change:target").count() == 1
    assert page.locator("article.change:target").is_visible()
    visit(page, served.url(urls.table(COMPANY, 1, 2)) + "#" + table_link.split("#")[1])
    assert table_link.split("#")[1].startswith("old-") and page.locator(":target").count() == 1
    finish(page, watch)


def test_search_marks_added_text_on_the_compare_page(reader: tuple[Served, Path], browser: Browser) -> None:
    """股东会 is in both company laws; where the 2023 text brought it in, the compare page lists it as 新增."""
    served, repo = reader
    phrase = "股东会"
    page, watch = open_page(browser)
    search(page, served, phrase)
    found = hits_by_page(page)
    compare_hits = found[urls.compare(COMPANY, 1, 2)]
    marks = {mark for _t, _h, mark, _x in compare_hits}
    assert "新增" in marks and marks <= {"新增", "删除"}
    # a hit marked 新增 is an article whose new side holds the phrase and whose old side does not
    table = (served.site / urls.table(COMPANY, 1, 2)).read_text(encoding="utf-8")
    rows = {anchor: [squeeze(html.unescape(re.sub(r"<[^>]+>", "", cell))) for cell in (old_cell, new_cell)]
            for anchor, old_cell, new_cell in re.findall(
                r'<tr id="([^"]+)" class="[^"]*" tabindex="-1" data-change>(<td.*?</td>)(<td.*?</td>)</tr>', table, re.S)}
    for _t, href, mark, _x in compare_hits:
        old_text, new_text = rows[href.split("#")[1]]
        assert (mark == "新增") == (phrase in new_text and phrase not in old_text)
    finish(page, watch)


# -- a big revision ------------------------------------------------------------------------
def test_summary_bar_filters_kinds_and_hides_renumbering_by_default(reader: tuple[Served, Path], browser: Browser) -> None:
    served, _repo = reader
    for javascript in (True, False):  # the filter is CSS: it works without the script
        page, watch = open_page(browser, java_script_enabled=javascript)
        visit(page, served.url(urls.compare(COMPANY, 1, 2)))
        renumbered = page.locator("section.kind-renumbered")
        assert renumbered.count() == 1 and not renumbered.is_visible()
        page.locator("label[for=show-renumbered]").click()
        assert renumbered.is_visible()
        modified = page.locator("article.change.kind-modified")
        assert modified.count() > 100 and modified.first.is_visible()
        page.locator("label[for=show-modified]").click()
        assert not modified.first.is_visible() and page.locator("article.change.kind-added").first.is_visible()
        # The stepper needs the script; without it, it stays out of sight.
        assert page.locator(".stepper").is_visible() == javascript
        visit(page, served.url(urls.table(COMPANY, 1, 2)))
        rows = page.locator("tr.kind-renumbered")
        assert rows.count() > 10 and not rows.first.is_visible()
        page.locator("label[for=show-renumbered]").click()
        assert rows.first.is_visible()
        # Typography alone (the Shanghai regulation has such an article) starts hidden too.
        visit(page, served.url(urls.compare(SHANGHAI, 1, 2)))
        formatting = page.locator("section.kind-formatting")
        assert formatting.count() == 1 and not formatting.is_visible()
        assert not page.locator("#show-formatting").is_checked()
        page.locator("label[for=show-formatting]").click()
        assert formatting.is_visible()
        finish(page, watch)


def test_next_and_previous_change_by_keys_and_buttons(reader: tuple[Served, Path], browser: Browser) -> None:
    served, _repo = reader
    page, watch = open_page(browser)
    for path in (urls.compare(COMPANY, 1, 2), urls.table(COMPANY, 1, 2)):
        visit(page, served.url(path))
        visible = page.locator("[data-change]:visible")
        first, second = visible.nth(0).get_attribute("id"), visible.nth(1).get_attribute("id")
        page.keyboard.press("j")
        assert page.evaluate("document.activeElement.id") == first
        top = page.evaluate("document.activeElement.getBoundingClientRect().top")
        assert 0 <= top < 120, top  # brought to the top (below the sticky header on the 对照表)
        page.keyboard.press("j")
        assert page.evaluate("document.activeElement.id") == second
        page.wait_for_url(lambda url: url.endswith("#" + (second or "")))
        page.keyboard.press("k")
        assert page.evaluate("document.activeElement.id") == first
        page.get_by_role("button", name=re.compile("下一处修改")).click()
        assert page.evaluate("document.activeElement.id") == second
        page.get_by_role("button", name=re.compile("上一处修改")).click()
        assert page.evaluate("document.activeElement.id") == first
    finish(page, watch)


def test_changed_articles_list_stays_beside_the_redline_on_a_wide_screen(reader: tuple[Served, Path], browser: Browser) -> None:
    """Desktop: the list of changed articles is open beside the redline and still in view half-way down
    (no script needed); phone: it is a folded list above the redline."""
    served, _repo = reader
    for javascript in (True, False):
        page, watch = open_page(browser, java_script_enabled=javascript)
        visit(page, served.url(urls.compare(COMPANY, 1, 2)))
        links = page.locator("nav.jump li:visible a")
        assert links.count() > 100 and not page.locator("nav.jump summary").is_visible()
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
        box = page.locator("nav.jump").bounding_box()
        redline = page.locator("section.redline").bounding_box()
        assert box and redline and box["y"] <= 1 and box["x"] > redline["x"] + redline["width"] - 1
        links.nth(50).click()
        target = page.locator("article.change:target")
        assert target.count() == 1 and target.is_visible() and abs(target.bounding_box()["y"]) < 40
        finish(page, watch)
    page, watch = open_page(browser, WIDTHS["phone"])
    visit(page, served.url(urls.compare(COMPANY, 1, 2)))
    assert page.locator("nav.jump summary").is_visible() and not page.locator("nav.jump li").first.is_visible()
    finish(page, watch)


def test_unchanged_paragraphs_fold_and_open(reader: tuple[Served, Path], browser: Browser) -> None:
    """A folded run of unchanged paragraphs reads '<n>段未修改' and opens on a click, without a script."""
    served, _repo = reader
    for size in WIDTHS.values():
        page, watch = open_page(browser, size, java_script_enabled=False)
        visit(page, served.url(urls.compare(COMPANY, 1, 2)))
        context = page.locator("article.change.kind-modified details.context").first
        paragraphs = context.locator("p")
        count = re.fullmatch(r"(\d+)段未修改", context.locator(".context-count").inner_text())
        assert count and paragraphs.count() >= 1 and not paragraphs.first.is_visible()
        context.locator("summary").click()
        assert paragraphs.first.is_visible() and paragraphs.count() == int(count.group(1))
        summary = context.locator("summary").bounding_box()
        assert summary and summary["height"] < 40  # one line, at phone width too
        finish(page, watch)


def test_table_header_stays_in_view(reader: tuple[Served, Path], browser: Browser) -> None:
    served, _repo = reader
    page, watch = open_page(browser)
    visit(page, served.url(urls.table(COMPANY, 1, 2)))
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    head = page.locator(".synopsis > thead th").first
    assert head.is_visible()
    assert abs(head.evaluate("e => e.getBoundingClientRect().top")) < 2
    finish(page, watch)


def test_article_history_is_found_under_todays_number(reader: tuple[Served, Path], browser: Browser) -> None:
    """Version 1's 第五条 is today's 第十九条: its history is articles/art_19.html, and the permanent
    name of the old article (v1.art_5) leads there."""
    served, repo = reader
    old, new = documents(repo)[COMPANY]
    page, watch = open_page(browser)
    visit(page, served.url(urls.compare(COMPANY, 1, 2)))
    row = page.locator("article.change", has=page.locator("h3", has_text=re.compile("^第五条 → "))).first
    new_num = row.locator("h3").inner_text().split("→")[1].strip()
    anchor = row.get_attribute("id") or ""
    assert new_num == next(n.num for top in new.body for n in top.walk() if n.kind == "article"
                           and f"art_{n.number}" == anchor)
    visit(page, served.url(urls.article(COMPANY, "v1.art_5")))
    page.wait_for_url(re.compile(re.escape(urls.article(COMPANY, anchor)) + "$"))
    assert new_num in page.locator("h1").inner_text()
    finish(page, watch)


# -- editorial matter ------------------------------------------------------------------------
def test_page_jump_and_detached_text_read_as_editorial_notes(reader: tuple[Served, Path], browser: Browser) -> None:
    served, _repo = reader
    page, watch = open_page(browser)
    visit(page, served.url(urls.version(AI, 1)))
    jump = page.locator("aside.editorial-pageJump")
    assert jump.count() >= 1 and "下转" in jump.first.inner_text() and "编者注" in jump.first.inner_text()
    assert page.locator("section.article", has_text="下转").count() == 0
    # Set apart: another colour and a border the articles do not have.
    article = page.locator("section.article p").first
    assert jump.evaluate("e => getComputedStyle(e).borderLeftStyle") == "dotted"
    assert jump.evaluate("e => getComputedStyle(e).color") != article.evaluate("e => getComputedStyle(e).color")
    assert page.locator("aside.editorial-detachedText").count() >= 1
    finish(page, watch)


def test_error_level_warnings_stand_out(tmp_path: Path, browser: Browser) -> None:
    """A parse error is listed first, in the deletion colour with a border the other warnings lack,
    counted at the top of the document page, and every label is Chinese."""
    repo = sitelib.make_drafts_repo_with_a_parse_error(tmp_path)
    site = tmp_path / "site"
    sitelib.build(repo, site, "--no-search")
    server, base = _serve(site)
    try:
        served = Served(site, base)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for width, size in WIDTHS.items():
            page, watch = open_page(browser, size)
            visit(page, served.url(urls.doc(AI)))
            page.locator("p.parse-errors a").click()
            page.wait_for_url(lambda url: url.endswith("#warnings"))
            page.locator("section.warnings summary").first.click()
            items = page.locator(".warning-list li")
            first, second = items.nth(0), items.nth(1)
            assert first.get_attribute("class") == "warning-error" and second.get_attribute("class") == "warning-warning"
            style = "e => [getComputedStyle(e).borderLeftStyle, getComputedStyle(e).backgroundColor]"
            assert first.evaluate(style)[0] == "solid" and second.evaluate(style)[0] == "none"
            assert first.evaluate(style)[1] != second.evaluate(style)[1]
            assert first.locator(".wlevel").inner_text() == "错误"
            labels = items.locator(".wlabel").all_inner_texts()
            assert len(labels) == items.count() and all(re.search(r"[\u4e00-\u9fff]", t) for t in labels)
            first.scroll_into_view_if_needed()
            page.evaluate("window.scrollBy(0, -120)")
            page.screenshot(path=str(SCREENSHOTS / f"reader-{width}-warnings-error.png"))
            finish(page, watch)
    finally:
        server.shutdown()
        server.server_close()


# -- how the new views look ----------------------------------------------------------------
def test_new_views_load_cleanly_fit_and_are_photographed(reader: tuple[Served, Path], browser: Browser) -> None:
    served, _repo = reader
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    views = [("document", urls.doc(COMPANY), "#steps"), ("compare", urls.compare(COMPANY, 1, 2), ""),
             ("compare-folded", urls.compare(COMPANY, 1, 2), "article.kind-modified:has(details.context) >> nth=3"),
             ("table", urls.table(COMPANY, 1, 2), "half"), ("history", urls.article(COMPANY, "art_19"), ""),
             ("editorial", urls.version(AI, 1), "aside.editorial-pageJump"),
             ("warnings", urls.doc(AI), "#warnings")]
    for width, size in WIDTHS.items():
        page, watch = open_page(browser, size)
        for name, path, where in views:
            visit(page, served.url(path))
            assert _no_sideways_scroll(page), f"{path} scrolls sideways at {width} width"
            if where == "half":
                page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 3)")
            elif where:
                page.locator(where).first.scroll_into_view_if_needed()
                page.evaluate("window.scrollBy(0, -60)")
            page.screenshot(path=str(SCREENSHOTS / f"reader-{width}-{name}.png"))
        search(page, served, "股东大会")
        page.locator(".search-deleted").first.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"reader-{width}-search-deleted.png"))
        finish(page, watch)
