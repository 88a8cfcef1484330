"""The static changelog site: `build_site(repo, out)` renders a repository as HTML.

One stage per module: `inputs` reads the repository, `history` follows articles,
`views` and `i18n` decide what a reader sees, `pages` renders, `cache` keeps the
manifest, `search` runs pagefind, `builder` puts them together.
"""

from lawdiff.site.builder import BuildReport, build_site

__all__ = ["BuildReport", "build_site"]
