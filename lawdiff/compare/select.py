"""`diff --article`: a `DiffResult` narrowed to the changes that involve one article.

Which article a reference names is decided by `lawdiff.akn.select` (the one lookup, shared
with `show --article`); this module only applies it to both sides of every change.
"""

from __future__ import annotations

from dataclasses import replace

from lawdiff.akn.select import names_article
from lawdiff.compare.result import DiffResult
from lawdiff.errors import LawdiffError


def select_article(result: DiffResult, wanted: str) -> DiffResult:
    """Only the changes that involve article `wanted` (as printed, Arabic, or eId) on either side."""
    changes = [c for c in result.changes
               if any(names_article(wanted, a.num, a.number, a.eid) for a in c.old + c.new)]
    if not changes:
        raise LawdiffError(f"no article {wanted!r} in either version")
    return replace(result, changes=changes, structure=[], front_changed=False, attachments_changed=False,
                   notes_changed=False)
