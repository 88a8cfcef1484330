"""`lawdiff import FILE.docx --tracked`: a Word file with tracked changes as two versions.

The text before the changes (Word's "Original") is the earlier version, dated `--date` or,
without it, the date the file says it was created; the text after them ("No Markup") is
the later version, dated by its latest tracked change.  Labels default to the dates; when
both dates are the same, the later label says that it holds the changes.  `--version`
names the later version.  Both versions keep the file itself as their source.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Callable

from lawdiff.errors import LawdiffError
from lawdiff.ingest.docx import tracked_changes
from lawdiff.ingest.source import detect_format
from lawdiff.model import Meta
from lawdiff.parse.dispatch import validate_date


def import_tracked(open_store: Callable[[], Any], file: str, meta: Meta, fmt: str | None, lang: str | None,
                   max_bytes: int | None, import_one: Callable[..., bool]) -> None:
    """Both states of `file` as two versions; the file is checked before the repository is opened."""
    path = Path(file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LawdiffError(f"{file}: {exc.strerror or exc}") from None
    if (fmt or detect_format(data, path.name)) != "docx":
        raise LawdiffError(f"{file}: --tracked reads the tracked changes of a Word document (.docx)")
    info = tracked_changes(data, path.name)
    if not info.count:
        raise LawdiffError(f"{file}: no tracked changes; import it without --tracked")
    before_date = meta.date or info.created
    if not before_date:
        raise LawdiffError(f"{file}: the file states no creation date; give the original's with --date YYYY-MM-DD")
    after_date = max(info.latest or before_date, before_date)
    validate_date(before_date)
    validate_date(after_date)
    before, after = copy.deepcopy(meta), copy.deepcopy(meta)
    before.date, after.date = before_date, after_date
    before.version = before_date
    after.version = meta.version or (after_date if after_date != before_date else f"{after_date} (tracked changes)")
    if after.version == before.version:
        before.version = f"{before_date} (original)"
    store = open_store()
    import_one(store, file, before, fmt, lang, max_bytes, "before", True)
    import_one(store, file, after, fmt, lang, max_bytes, "after", True)
