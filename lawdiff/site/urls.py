"""The site's path scheme, in one place, and relative links between pages.

Every link is relative, so the site works from any folder of any host and from
file:// (search aside).  Versions are numbered from 1 in import order: labels may be
any text, and the store never rewrites history, so `v2` always means the same version.
"""

from __future__ import annotations

import functools
import re

INDEX = "index.html"
CHANGELOG = "changelog.html"
FEED = "feed.xml"
SEARCH = "search.html"
ASSETS = "assets"


def searchable(path: str) -> bool:
    """A page that carries data-pagefind-body: a document's page, the full text of each version
    and each compare page (it holds the old and the new text of each changed article apart, so
    deleted words are found).  Indexing reads only these; the 对照表 shows the same rows as its
    compare page, so it stays out of the index: one entry per step."""
    parts = path.split("/")
    if len(parts) == 4 and parts[0] == "laws" and parts[2] == "compare":
        return re.fullmatch(r"v\d+-v\d+\.html", parts[3]) is not None
    return len(parts) == 3 and parts[0] == "laws" and (parts[2] == "index.html" or
                                                        re.fullmatch(r"v\d+\.html", parts[2]) is not None)


def doc(slug: str) -> str:
    return f"laws/{slug}/index.html"


def version(slug: str, n: int) -> str:
    return f"laws/{slug}/v{n}.html"


def compare(slug: str, a: int, b: int) -> str:
    return f"laws/{slug}/compare/v{a}-v{b}.html"


def table(slug: str, a: int, b: int) -> str:
    return f"laws/{slug}/table/v{a}-v{b}.html"


def compare_docx(slug: str, a: int, b: int) -> str:
    """The redline as a Word file with tracked changes, beside the compare page."""
    return f"laws/{slug}/compare/v{a}-v{b}.docx"


def table_docx(slug: str, a: int, b: int) -> str:
    """The 条文对照表 as a Word table, beside the table page."""
    return f"laws/{slug}/table/v{a}-v{b}.docx"


def version_xml(slug: str, n: int) -> str:
    """Version n as stored: its Akoma Ntoso XML, byte for byte."""
    return f"laws/{slug}/v{n}.xml"


def diff_file(slug: str, a: int, b: int, ext: str) -> str:
    """The diff of versions a -> b as a file (`json`, `md`), beside the compare page."""
    return f"laws/{slug}/compare/v{a}-v{b}.{ext}"


def article(slug: str, key: str) -> str:
    return f"laws/{slug}/articles/{key}.html"


def asset(name: str) -> str:
    return f"{ASSETS}/{name}"


@functools.lru_cache(maxsize=1 << 16)
def relative(from_page: str, target: str) -> str:
    """The link from one page of the site to another path of the site (with an optional #fragment)."""
    path, _, fragment = target.partition("#")
    if not path:
        rel = from_page.rsplit("/", 1)[-1]
    else:
        here = from_page.split("/")[:-1]
        there = path.split("/")
        common = 0
        while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
            common += 1
        rel = "../" * (len(here) - common) + "/".join(there[common:])
        if not rel:
            rel = "./"  # the folder the page is in
    return rel + (f"#{fragment}" if fragment else "")


def absolute(base_url: str, target: str) -> str:
    """The full address of a page for the feed; a relative one when no base URL is known."""
    if not base_url:
        return target
    return base_url.rstrip("/") + "/" + target
