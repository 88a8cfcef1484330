"""The search index: pagefind's *extended* binary run over the built pages.

Only the extended build segments Chinese into words (the standard one indexes CJK
text but finds almost nothing), so lawdiff asks for it by name and fails clearly when
it is missing instead of silently producing a search that finds nothing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..errors import LawdiffError

OUTPUT = "pagefind"


def executable() -> Path:
    try:
        import pagefind_bin_extended
    except ImportError:
        raise LawdiffError("search needs the extended pagefind binary: pip install 'pagefind[extended]' "
                           "(or build with --no-search)") from None
    try:
        return Path(pagefind_bin_extended.get_executable())
    except FileNotFoundError as exc:
        raise LawdiffError(f"the extended pagefind binary is missing ({exc})") from None


def version() -> str:
    result = subprocess.run([str(executable()), "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip()


def build_index(site: Path, lang: str) -> None:
    """(Re)build `site/pagefind/` from every page marked data-pagefind-body.

    One index for the whole site in the site's language: pagefind otherwise splits
    indexes by each page's <html lang>, and a search page would only see its own.
    """
    shutil.rmtree(site / OUTPUT, ignore_errors=True)  # stale fragments would linger otherwise
    command = [str(executable()), "--site", str(site), "--output-subdir", OUTPUT, "--force-language", lang,
               "--keep-index-url", "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise LawdiffError(f"pagefind failed: {message[-1] if message else 'exit ' + str(result.returncode)}")
