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
"""

from __future__ import annotations

import hashlib
import math
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lawdiff.errors import LawdiffError

try:  # the extended pagefind binary (Chinese words); `site --no-search` builds without it
    import pagefind_bin_extended
except ImportError:  # pragma: no cover - a dependency; executable() says how to install it
    pagefind_bin_extended = None

OUTPUT = "pagefind"
MAX_SHARDS = 64


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


def glob_for(slugs: list[str], pattern: str) -> str:
    """The pagefind glob of one shard: `pattern` ("laws/*/...") limited to its documents."""
    prefix, _, rest = pattern.partition("*")
    return f"{prefix}{{{','.join(slugs)}}}{rest}"


def build_shards(site: Path, todo: dict[str, str], lang: str, jobs: int) -> None:
    """(Re)build the bundles `pagefind/<name>/` for {name: glob}, several at a time.

    One language for the whole site: pagefind otherwise splits indexes by each page's
    <html lang>, and a search page would only see the pages of its own language.
    """

    def one(name: str, glob: str) -> str:
        shutil.rmtree(site / OUTPUT / name, ignore_errors=True)  # stale fragments would linger
        command = [str(executable()), "--site", str(site), "--output-subdir", f"{OUTPUT}/{name}",
                   "--force-language", lang, "--keep-index-url", "--glob", glob, "--silent"]
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
