"""docx: the comparison as a Word document (bytes), the redline or with `options.table` the 对照表.

The writers live in `lawdiff.compare.docx` (the redline with tracked changes, the table, the
OOXML package); this module is the format's entry in the registry.
"""

from __future__ import annotations

from lawdiff.compare.docx import render_docx
from lawdiff.compare.formats.listing import RenderOptions
from lawdiff.compare.result import DiffResult


def render(result: DiffResult, options: RenderOptions) -> bytes:
    return render_docx(result, table=options.table, changed_only=options.changed_only)
