"""The site in a real browser: Debian's Chromium driven by Playwright against localhost.

A missing Chromium fails these tests (CI installs it in .ci/run); nothing is skipped.
Screenshots of the main pages, at phone and desktop widths, land in build/screenshots/.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

import sitelib
import lawdiff.site.urls as urls

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "build" / "screenshots"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@dataclass
class Served:
    site: Path
    base: str

    def url(self, path: str) -> str:
        return f"{self.base}/{path}"


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("browser")
    repo = sitelib.make_repo(root)
    site = root / "site"
    sitelib.build(repo, site, "--search-shard-size", "1")  # several search shards, merged by the page
    assert len(list((site / "pagefind").iterdir())) > 1
    server, base = _serve(site)
    yield Served(site, base)
    server.shutdown()
    server.server_close()


@dataclass
class Watch:
    """Everything a page did that a reader would call broken or leaky."""

    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def clean(self) -> bool:
        return not (self.errors or self.failed or self.external or self.dialogs)


def open_page(browser: Browser, size: tuple[int, int] = WIDTHS["desktop"], **options: object) -> tuple[Page, Watch]:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, **options)  # type: ignore[arg-type]
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch = Watch()

    def route(r):  # type: ignore[no-untyped-def]
        host = urlsplit(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            r.continue_()
        else:  # no request may leave the site: record it and never let it out
            watch.external.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: watch.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: watch.failed.append(f"{r.url} {r.failure}"))
    page.on("response", lambda r: watch.failed.append(f"{r.url} {r.status}") if r.status >= 400 else None)

    def dialog(d):  # type: ignore[no-untyped-def]
        watch.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    return page, watch


def main_pages() -> list[tuple[str, str]]:
    return [
        ("index", urls.INDEX), ("changelog", urls.CHANGELOG), ("document", urls.doc("shanghai")),
        ("fulltext", urls.version("shanghai", 2)), ("compare", urls.compare("shanghai", 1, 2)),
        ("table", urls.table("shanghai", 1, 2)), ("history", urls.article("test-law", "art_5")),
        ("compare-3-readings", urls.compare("test-law", 1, 3)),
    ]


def visit(page: Page, url: str) -> None:
    """Open a page and wait until the network is quiet, so late requests (the icon) are judged too."""
    page.goto(url, wait_until="networkidle")


def finish(page: Page, watch: Watch) -> None:
    """Judge the page before closing it: closing aborts whatever is still loading."""
    page.wait_for_load_state("networkidle")
    verdict = Watch(list(watch.errors), list(watch.failed), list(watch.external), list(watch.dialogs))
    page.context.close()
    assert verdict.clean(), verdict


def _no_sideways_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


# -- the pages -----------------------------------------------------------------------------
@pytest.mark.parametrize("width", list(WIDTHS))
def test_main_pages_load_cleanly_and_fit(served: Served, browser: Browser, width: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page, watch = open_page(browser, WIDTHS[width])
    for name, path in main_pages():
        visit(page, served.url(path))
        assert page.locator("h1").count() == 1, path
        assert _no_sideways_scroll(page), f"{path} scrolls sideways at {width} width"
        page.screenshot(path=str(SCREENSHOTS / f"{width}-{name}.png"))
    visit(page, served.url(urls.SEARCH) + "?q=" + "营商环境")
    page.locator(".search-hit").first.wait_for()
    page.screenshot(path=str(SCREENSHOTS / f"{width}-search.png"))
    finish(page, watch)


def test_compare_page_shows_insertions_and_deletions(served: Served, browser: Browser) -> None:
    page, watch = open_page(browser)
    visit(page, served.url(urls.compare("shanghai", 1, 2)))
    ins, dels = page.locator(".redline ins"), page.locator(".redline del")
    assert ins.count() > 10 and dels.count() > 10
    assert ins.first.is_visible() and dels.first.is_visible()
    # A cue beyond colour: underline and strike-through.
    assert "underline" in ins.first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in dels.first.evaluate("e => getComputedStyle(e).textDecorationLine")
    # The jump list (folded when long, a sidebar always open on a wide screen) leads to the redline of
    # each changed article.
    if page.locator("nav.jump summary").is_visible() and page.locator("nav.jump details").get_attribute("open") is None:
        page.locator("nav.jump summary").click()
    link = page.locator("nav.jump a").first
    target = link.get_attribute("href") or ""
    link.click()
    page.wait_for_url(lambda url: url.endswith(target))
    assert page.locator(f"[id='{target[1:]}'] .text").is_visible()
    finish(page, watch)


def test_article_history_follows_a_renumbered_article(served: Served, browser: Browser) -> None:
    page, watch = open_page(browser)
    visit(page, served.url(urls.compare("shanghai", 1, 2)))
    # The first redlined article whose number changed, from the page itself.
    row = page.locator("article.change").filter(has=page.locator("h3", has_text="→")).first
    old_num, new_num = [s.strip() for s in row.locator("h3").inner_text().split("→")]
    assert old_num != new_num
    row.get_by_role("link", name=re.compile("修改历史")).click()
    page.wait_for_url(re.compile(r"/articles/[^/]+\.html$"))
    page.wait_for_load_state("networkidle")
    assert new_num in page.locator("h1").inner_text()
    entries = page.locator("ol.history > li")
    assert entries.count() == 2
    assert entries.nth(0).locator("h2 a").inner_text() == old_num
    assert entries.nth(1).locator("h2 a").inner_text() == new_num
    # The second entry carries the redline of that step, and each number links to its full text.
    assert entries.nth(1).locator("ins, del").count() > 0
    entries.nth(0).locator("h2 a").click()
    page.wait_for_url(lambda url: urls.version("shanghai", 1).split("/")[-1] in url)
    page.wait_for_load_state("networkidle")
    assert page.locator(":target").inner_text().startswith(old_num)
    finish(page, watch)


def search_results(page: Page, term: str) -> list[str]:
    """Type a query as a person would and return the links of every hit once they are shown."""
    box = page.get_by_role("searchbox")
    box.fill("")
    box.click()
    box.type(term, delay=20)
    # The status names the query once all its results are in (they are shown in one go).
    page.locator("#search-status", has_text=term).wait_for()
    return [a.get_attribute("href") or "" for a in page.locator(".search-hit-link").all()]


def test_search_finds_the_right_document_for_a_chinese_term(served: Served, browser: Browser) -> None:
    page, watch = open_page(browser)
    visit(page, served.url(urls.SEARCH))
    hrefs = search_results(page, "营商环境")
    assert hrefs and all("/laws/shanghai/" in h for h in hrefs), hrefs
    # ... and a term only the test law holds (its 讯问, in every reading) finds only the test law.
    term = "讯问"
    assert all(term in text for text in sitelib.TEST_LAW.values())
    others = [path.read_text(encoding="utf-8") for path in sitelib.SHANGHAI.iterdir()]
    others += sitelib.HOSTILE_TEXT.values()
    assert not any(term in text for text in others)
    hrefs = search_results(page, term)
    assert hrefs and all("/laws/test-law/" in h for h in hrefs), hrefs
    page.locator(".search-hit-link").first.click()
    page.wait_for_url(lambda url: "/laws/test-law/" in url)
    page.wait_for_load_state("networkidle")
    assert sitelib.TEST_LAW_TITLE in page.locator("h1").inner_text()
    finish(page, watch)


def test_hostile_text_shows_literally_and_runs_nothing(served: Served, browser: Browser) -> None:
    page, watch = open_page(browser)
    paths = [urls.INDEX, urls.CHANGELOG, urls.doc("hostile"), urls.version("hostile", 1),
             urls.version("hostile", 2), urls.compare("hostile", 1, 2), urls.table("hostile", 1, 2)]
    for path in paths:
        visit(page, served.url(path))
        # Hover wherever the label shows: had it become markup, its onmouseover would fire.
        for el in page.get_by_text("onmouseover").filter(visible=True).all()[:10]:
            el.hover()
        assert page.locator("main script, main img, main b").count() == 0, path
    visit(page, served.url(urls.doc("hostile")))
    assert sitelib.HOSTILE_TITLE in page.locator("h1").inner_text()
    assert sitelib.HOSTILE_LABEL in page.locator("main").inner_text()
    visit(page, served.url(urls.version("hostile", 1)))
    assert "<img src=x onerror=alert('img')>" in page.locator("main").inner_text()
    visit(page, served.url(urls.SEARCH) + "?q=onerror")
    page.locator(".search-hit").first.wait_for()
    page.wait_for_timeout(300)
    assert watch.dialogs == [], watch.dialogs
    finish(page, watch)


# -- how a page can be read ---------------------------------------------------------------
def test_everything_but_search_works_without_javascript(served: Served, browser: Browser) -> None:
    page, watch = open_page(browser, java_script_enabled=False)
    visit(page, served.url(urls.table("shanghai", 1, 2)))
    folded = page.locator("tbody.folded details").first
    assert not folded.locator("table").is_visible()
    folded.locator("summary").click()
    assert folded.locator("table").is_visible()
    visit(page, served.url(urls.compare("shanghai", 1, 2)))
    assert page.locator(".redline ins").first.is_visible()
    visit(page, served.url(urls.SEARCH))
    assert page.locator("noscript, .note").count() >= 1
    assert not page.get_by_role("searchbox").is_visible()  # a box that could do nothing is not shown
    finish(page, watch)


def test_keyboard_reaches_content_and_navigation(served: Served, browser: Browser) -> None:
    page, watch = open_page(browser)
    visit(page, served.url(urls.compare("shanghai", 1, 2)))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    # Following an in-page link is a same-document navigation: Playwright learns the new URL
    # from an event that can arrive after the key press returns, so wait for it (fails on timeout).
    page.wait_for_url(re.compile(r"#main$"))
    assert page.evaluate("location.hash") == "#main"
    visit(page, served.url(urls.doc("shanghai")))
    seen = []
    for _ in range(8):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.getAttribute('href')"))
    assert "../../changelog.html" in seen
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    finish(page, watch)


def test_dark_scheme_and_print_stylesheet(served: Served, browser: Browser) -> None:
    page, watch = open_page(browser, color_scheme="dark")
    visit(page, served.url(urls.compare("shanghai", 1, 2)))
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    r, g, b = (int(x) for x in re.findall(r"\d+", background)[:3])
    assert r + g + b < 150, background
    page.screenshot(path=str(SCREENSHOTS / "desktop-compare-dark.png"))
    page.emulate_media(media="print", color_scheme="light")
    assert not page.locator("header.site-header").is_visible()
    assert "line-through" in page.locator(".redline del").first.evaluate(
        "e => getComputedStyle(e).textDecorationLine")
    page.pdf(path=str(SCREENSHOTS / "compare-print.pdf"))
    finish(page, watch)


def test_demo_site_loads_cleanly(browser: Browser, tmp_path: Path) -> None:
    """The bundled drafts' site (`make demo`'s build/site, or built here from drafts/)."""
    site = ROOT / "build" / "site"
    if not (site / "index.html").is_file():
        repo = tmp_path / "repo"
        sitelib.run("init", str(repo))
        sitelib.run("--repo", str(repo), "import-dir", str(ROOT / "drafts"))
        site = tmp_path / "site"
        sitelib.build(repo, site)
    server, base = _serve(site)
    try:
        docs = sorted(p.parent.name for p in (site / "laws").glob("*/index.html"))
        assert docs
        multi = [d for d in docs if (site / "laws" / d / "compare").is_dir()]
        pages = [("index", urls.INDEX), ("changelog", urls.CHANGELOG)]
        if multi:
            slug = multi[0]
            pages += [("document", urls.doc(slug)), ("compare", urls.compare(slug, 1, 2)),
                      ("table", urls.table(slug, 1, 2))]
        for width, size in WIDTHS.items():
            page, watch = open_page(browser, size)
            for name, path in pages:
                visit(page, f"{base}/{path}")
                assert _no_sideways_scroll(page), path
                page.screenshot(path=str(SCREENSHOTS / f"demo-{width}-{name}.png"))
            finish(page, watch)
    finally:
        server.shutdown()
        server.server_close()
