"""The site's path scheme, in one place, and relative links between pages.

Every link is relative, so the site works from any folder of any host and from
file:// (search aside).  Versions are numbered from 1 in import order: labels may be
any text, and the store never rewrites history, so `v2` always means the same version.
"""

from __future__ import annotations

import posixpath

INDEX = "index.html"
CHANGELOG = "changelog.html"
FEED = "feed.xml"
SEARCH = "search.html"
ASSETS = "assets"


def doc(slug: str) -> str:
    return f"laws/{slug}/index.html"


def version(slug: str, n: int) -> str:
    return f"laws/{slug}/v{n}.html"


def compare(slug: str, a: int, b: int) -> str:
    return f"laws/{slug}/compare/v{a}-v{b}.html"


def table(slug: str, a: int, b: int) -> str:
    return f"laws/{slug}/table/v{a}-v{b}.html"


def article(slug: str, key: str) -> str:
    return f"laws/{slug}/articles/{key}.html"


def asset(name: str) -> str:
    return f"{ASSETS}/{name}"


def relative(from_page: str, target: str) -> str:
    """The link from one page of the site to another path of the site (with an optional #fragment)."""
    path, _, fragment = target.partition("#")
    start = posixpath.dirname(from_page) or "."
    rel = posixpath.relpath(path, start) if path else posixpath.basename(from_page)
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"  # a folder stays a folder: pagefind appends file names to its bundle path
    return rel + (f"#{fragment}" if fragment else "")


def absolute(base_url: str, target: str) -> str:
    """The full address of a page for the feed; a relative one when no base URL is known."""
    if not base_url:
        return target
    return base_url.rstrip("/") + "/" + target
