"""The build manifest kept in the output folder, and writing pages only when they change.

`.lawdiff-site.json` records, for every page lawdiff wrote, the key of its inputs
and the hash of its bytes, plus the change summaries of each step (so pages listing
every document need no diff of documents that did not change).  It holds nothing
that depends on when or where the build ran, so it is part of the deterministic site.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from lawdiff.errors import LawdiffError

MANIFEST = ".lawdiff-site.json"
FORMAT = 1


def key_of(*parts: Any) -> str:
    """A stable key of JSON-able inputs."""
    data = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass
class PageRecord:
    key: str
    sha256: str
    group: str  # "" for site-wide pages, else the document's slug


@dataclass
class Manifest:
    pages: dict[str, PageRecord] = field(default_factory=dict)
    summaries: dict[str, Any] = field(default_factory=dict)  # step key -> summary
    search: dict[str, str] = field(default_factory=dict)  # search shard -> key of the pages it indexes

    @classmethod
    def read(cls, out: Path) -> Manifest:
        path = out / MANIFEST
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return cls()  # another format: rebuild everything
            pages = {p: PageRecord(**r) for p, r in data["pages"].items()}
            shards = data.get("search", {})
            return cls(pages, data.get("summaries", {}), shards if isinstance(shards, dict) else {})
        except (OSError, ValueError, KeyError, TypeError):
            return cls()  # a damaged manifest only costs a full build

    def write(self, out: Path) -> None:
        data = {"format": FORMAT, "generator": "lawdiff",
                "pages": {p: vars(r) for p, r in sorted(self.pages.items())},
                "summaries": dict(sorted(self.summaries.items())), "search": dict(sorted(self.search.items()))}
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        write_if_changed(out / MANIFEST, (text + "\n").encode("utf-8"))


def check_output(out: Path) -> None:
    """Refuse to build into a folder that holds something other than a lawdiff site."""
    if out.exists() and not out.is_dir():
        raise LawdiffError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).exists():
        raise LawdiffError(f"{out}: not empty and not a lawdiff site (no {MANIFEST}); choose an empty folder")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def emit(out: Path, path: str, key: str, render: Callable[[], bytes], old: PageRecord | None,
         group: str) -> tuple[PageRecord, str]:
    """One page: rendered and written only when its inputs changed since `old`.

    Returns the page's record and what happened: "kept" (inputs unchanged, not rendered),
    "written" (new bytes on disk) or "same" (rendered again, identical bytes, not rewritten).
    """
    if old is not None and old.key == key and old.group == group and (out / path).is_file():
        return old, "kept"
    data = render()
    outcome = "written" if write_if_changed(out / path, data) else "same"
    return PageRecord(key, sha256(data), group), outcome


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write atomically, and only when the bytes differ: a server never sees half a page."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def remove_page(out: Path, rel: str) -> None:
    """Delete a page that is no longer part of the site, and folders it leaves empty."""
    path = out / rel
    path.unlink(missing_ok=True)
    parent = path.parent
    while parent != out and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
