"""The stat output: one line per listed change with its inserted and deleted character counts,
aligned in terminal columns, then structure lines, document notes and the summary."""

from __future__ import annotations

import unicodedata

from lawdiff.compare.formats.listing import (
    RenderOptions, change_title, document_notes, plan, run_label, structure_line, summary,
)
from lawdiff.compare.result import DiffResult


def render(result: DiffResult, options: RenderOptions = RenderOptions()) -> str:
    rows = []
    for change in plan(result, options.show_unchanged, options.show_formatting):
        if isinstance(change, list):
            rows.append((run_label(change), "renumbered only"))
            continue
        inserted = sum(len(t) for op, t in change.ops if op == "insert")
        deleted = sum(len(t) for op, t in change.ops if op == "delete")
        rows.append((change_title(change), f"+{inserted} -{deleted}"))
    width = max((_display_width(title) for title, _ in rows), default=0)
    lines = [f" {title}{' ' * (width - _display_width(title))} | {counts}" for title, counts in rows]
    lines += [f" {structure_line(s)}" for s in result.structure]
    lines += [f" {note}" for note in document_notes(result)]
    lines.append(" " + summary(result))
    return "\n".join(lines) + "\n"


def _display_width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
