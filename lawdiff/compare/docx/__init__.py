"""Word (.docx) outputs of a comparison: the redline with tracked changes, and the 对照表 as a table.

In: a `DiffResult`.  Out: the bytes of a .docx file, deterministic (the same result gives
the same bytes).  `redline` writes the later version with every difference a tracked
change; `table` the 条文对照表 (Synopse); `package` the OOXML parts and the zip.
"""

from __future__ import annotations

from lawdiff.compare.docx.redline import render_redline
from lawdiff.compare.docx.table import render_table
from lawdiff.compare.result import DiffResult


def render_docx(result: DiffResult, table: bool = False, changed_only: bool = False) -> bytes:
    """The redline (`changed_only`: without the unchanged articles), or with `table` the 对照表."""
    return render_table(result) if table else render_redline(result, changed_only=changed_only)


__all__ = ["render_docx", "render_redline", "render_table"]
