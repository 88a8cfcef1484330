"""How tall the company-law revision's compare page and 条文对照表 are, as a reader first sees them.

Builds the bundled company-law drafts (218 -> 266 articles) into a site (or takes one with
--site), opens each page in Debian's Chromium through Playwright at desktop (1280 px) and
phone (390 px) width, and prints the document height in CSS pixels: with the page's
defaults (script on), and with every kind of change checked and every <details> opened
(the whole text, nothing folded).

    python bench/page_heights.py [--site DIR]

Run by hand; heights depend on Chromium's fonts.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import sitelib  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

import lawdiff.site.urls as urls  # noqa: E402

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
PAGES = {"compare": urls.compare("company-law", 1, 2), "对照表": urls.table("company-law", 1, 2)}
OPEN_ALL = """() => {
  document.querySelectorAll('input.show-kind').forEach(b => { b.checked = true; });
  document.querySelectorAll('details').forEach(d => { d.open = true; });
}"""


def build(where: Path) -> Path:
    repo = sitelib.make_drafts_repo(where, ("company-law",))
    site = where / "site"
    subprocess.run([sys.executable, "-m", "lawdiff", "--repo", str(repo), "site", "-o", str(site), "--no-search"],
                   check=True, stdout=subprocess.DEVNULL)
    return site


def heights(site: Path) -> list[tuple[str, str, int, int]]:
    """(page, width name, height by default, height with everything shown)."""
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for width, (w, h) in WIDTHS.items():
            page = browser.new_page(viewport={"width": w, "height": h})
            for name, path in PAGES.items():
                page.goto((site / path).as_uri())
                page.wait_for_load_state("load")
                default = page.evaluate("document.documentElement.scrollHeight")
                page.evaluate(OPEN_ALL)
                everything = page.evaluate("document.documentElement.scrollHeight")
                out.append((name, width, default, everything))
            page.close()
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (else the company-law drafts are built)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build(Path(tmp))
        print(f"{'page':8} {'width':8} {'default':>9} {'all open':>9}")
        for name, width, default, everything in heights(site):
            print(f"{name:8} {width:8} {default:>9,} {everything:>9,}")


if __name__ == "__main__":
    main()
