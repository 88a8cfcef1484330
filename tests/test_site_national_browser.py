"""The national sample's site in a real browser (Debian's Chromium via Playwright on localhost):
Chinese search finds every document holding a term; the index's title filter.

The documents expected for a term are read from the built full texts (every version page whose
text holds it), so the test follows the sample, and asserts what must be absent too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

import lawdiff.site.urls as urls
from helpers import DATA
from lawdiff.cli.app import main
from test_site_browser import Served, _serve, finish, open_page, search_results, visit

pytestmark = pytest.mark.browser

SAMPLE = DATA / "national-sample"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("national-browser")
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(root / "repo")]).exit_code == 0
    result = runner.invoke(main, ["--repo", str(root / "repo"), "import-tree", str(SAMPLE), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["--repo", str(root / "repo"), "site", "-o", str(root / "site"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    server, base = _serve(root / "site")
    yield Served(root / "site", base)
    server.shutdown()
    server.server_close()


def holders(site: Path, term: str) -> set[str]:
    """Slugs of the documents whose full text (any version) holds `term`."""
    found = set()
    for page in (site / "laws").glob("*/v*.html"):
        main_text = page.read_text(encoding="utf-8").split('<main', 1)[1]
        if term in re.sub(r"<[^>]+>", "", main_text):
            found.add(page.parent.name)
    return found


@pytest.mark.parametrize("term", ["个人信息", "一网通办"])
def test_chinese_search_finds_every_document_holding_the_term(served: Served, browser: Browser,
                                                                     term: str) -> None:
    expected = holders(served.site, term)
    everyone = {p.name for p in (served.site / "laws").iterdir()}
    assert expected and len(expected) < len(everyone) / 4  # a real test: most documents must not match
    page, watch = open_page(browser)
    visit(page, served.url(urls.SEARCH))
    hrefs = search_results(page, term)
    found = [m.group(1) for h in hrefs if (m := re.search(r"/laws/([^/]+)/", h))]
    # Every holder is found.  pagefind's own results also list pages holding the query's words
    # apart (个人 … 信息), ranked by its own scoring; a phrase-only result list is the search page's job.
    assert expected <= set(found), (hrefs, expected)
    finish(page, watch)


def test_index_filter_narrows_by_title_and_reading_needs_no_script(served: Served, browser: Browser) -> None:
    page, watch = open_page(browser)
    visit(page, served.url(urls.INDEX))
    cards = page.locator(".doc-card")
    total = cards.count()
    assert total > 20 and page.locator("#doc-filter-input").is_visible()
    page.locator("#doc-filter-input").fill("组织法")
    visible = [c.get_attribute("data-title") or "" for c in cards.all() if c.is_visible()]
    assert visible and all("组织法" in t for t in visible) and len(visible) < total
    shown_sections = [s for s in page.locator("section.category").all() if s.is_visible()]
    assert all(s.locator(".doc-card:not([hidden])").count() > 0 for s in shown_sections)
    assert str(len(visible)) in page.locator("#doc-filter-count").inner_text()
    page.locator("#doc-filter-input").fill("")
    assert sum(1 for c in cards.all() if c.is_visible()) == total
    finish(page, watch)

    page, watch = open_page(browser, java_script_enabled=False)
    visit(page, served.url(urls.INDEX))
    assert sum(1 for c in page.locator(".doc-card").all() if c.is_visible()) == total
    assert not page.locator("#doc-filter").is_visible()
    page.locator("nav.categories a").first.click()
    finish(page, watch)
