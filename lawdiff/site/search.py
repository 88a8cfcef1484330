"""The search index: pagefind's *extended* binary run over the built pages, in shards.

Only the extended build segments Chinese into words (the standard one indexes CJK
text but finds almost nothing), so lawdiff asks for it by name and fails clearly when
it is missing instead of silently producing a search that finds nothing.

pagefind has no incremental mode and is the slowest step of a large build (about
20 s for 1,000 full texts), so documents are spread over shards, each its own
pagefind bundle under `pagefind/<shard>/`; a build re-indexes only the shards whose
pages changed, and the search page merges all bundles (pagefind's `mergeIndex`).
A document's shard comes from a hash of its slug, so it never moves while the
number of shards stays the same.

Chinese words: pagefind splits the indexed text with its own dictionary (jieba) but a
query with the browser's `Intl.Segmenter` (ICU's dictionary), and a page is found only
when every query word starts one of its indexed words.  The two disagree: 优化营商环境 is
indexed as 优化 / 营商 / 环境, while Chromium splits the query 营商环境 into 营 / 商 / 环境,
and no word of that page starts with 商, so the page holding the phrase was not found.
No dictionary can be made to agree with another, so neither is used: pagefind indexes a
copy of each page in which every CJK letter stands apart (`letters_apart`), the search
page sets the letters of a query apart the same way and asks for them as an exact phrase
(consecutive positions), so a page holding the phrase is always found, whatever the words.
The copies live in a temporary folder that mirrors the site's paths (so the index's URLs
are the site's); the pages themselves keep their text as it is.
"""

from __future__ import annotations

import hashlib
import math
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lawdiff.errors import LawdiffError
from lawdiff.text.scripts import CJK_LETTERS

try:  # the extended pagefind binary (Chinese words); `site --no-search` builds without it
    import pagefind_bin_extended
except ImportError:  # pragma: no cover - a dependency; executable() says how to install it
    pagefind_bin_extended = None

OUTPUT = "pagefind"
MAX_SHARDS = 64
# How the indexed copies are written: part of every shard's cache key, so a change re-indexes.
INDEX_SCHEME = "cjk-letters-apart/1"
# The letters set apart, for the search page's script (the same class on both sides).
LETTERS = CJK_LETTERS

_LETTER = re.compile(f"([{CJK_LETTERS}])")
# A tag or a doctype: the markup between text runs.  The pages are lawdiff's own, with every
# `<` and `>` of text and attributes escaped and no comment or inline script, so a tag is a `<`,
# no other `<` or `>`, then `>`.  (Not "up to the next `>`": on a run of `<` with no `>` after
# it, every attempt would scan to the end of the text, a quadratic search.)
_MARKUP = re.compile(r"(<[^<>]*>)")


def executable() -> Path:
    if pagefind_bin_extended is None:
        raise LawdiffError("search needs the extended pagefind binary: pip install 'pagefind[extended]' "
                           "(or build with --no-search)")
    try:
        return Path(pagefind_bin_extended.get_executable())
    except FileNotFoundError as exc:
        raise LawdiffError(f"the extended pagefind binary is missing ({exc})") from None


def version() -> str:
    result = subprocess.run([str(executable()), "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip()


def shards(slugs: list[str], docs_per_shard: int) -> dict[str, list[str]]:
    """Shard name -> its documents' slugs (sorted), leaving out empty shards."""
    count = max(1, min(MAX_SHARDS, math.ceil(len(slugs) / max(1, docs_per_shard))))
    out: dict[str, list[str]] = {}
    for slug in sorted(slugs):
        index = int(hashlib.sha256(slug.encode()).hexdigest()[:8], 16) % count
        out.setdefault(f"s{index:02d}", []).append(slug)
    return dict(sorted(out.items()))


def letters_apart(html: str) -> str:
    """`html` with a space on each side of every CJK letter of its text (markup untouched)."""
    return "".join(part if part.startswith("<") else _LETTER.sub(r" \1 ", part)
                   for part in _MARKUP.split(html))


def build_shards(site: Path, todo: dict[str, list[str]], lang: str, jobs: int) -> None:
    """(Re)build the bundles `pagefind/<name>/` for {name: the site paths of its pages}, several at a time.

    One language for the whole site: pagefind otherwise splits indexes by each page's
    <html lang>, and a search page would only see the pages of its own language.
    """

    def one(name: str, paths: list[str]) -> str:
        shutil.rmtree(site / OUTPUT / name, ignore_errors=True)  # stale fragments would linger
        with tempfile.TemporaryDirectory(prefix="lawdiff-index-") as mirror:
            for path in paths:
                copy = Path(mirror, path)
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_text(letters_apart((site / path).read_text(encoding="utf-8")), encoding="utf-8")
            command = [str(executable()), "--site", mirror, "--output-path", str(site / OUTPUT / name),
                       "--force-language", lang, "--keep-index-url", "--glob", "**/*.html", "--silent"]
            result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            lines = (result.stderr or result.stdout).strip().splitlines()
            return f"pagefind failed on {name}: {lines[-1] if lines else 'exit ' + str(result.returncode)}"
        return ""

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        errors = [e for e in pool.map(lambda item: one(*item), sorted(todo.items())) if e]
    if errors:
        raise LawdiffError(errors[0])


def remove_other_shards(site: Path, keep: set[str]) -> None:
    """Delete bundles (and anything else) under pagefind/ that are not current shards."""
    root = site / OUTPUT
    if not root.is_dir():
        return
    for entry in sorted(root.iterdir()):
        if entry.name not in keep:
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
