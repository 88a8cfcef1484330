"""The text output: one block per changed article, `[-deleted-]{+inserted+}` (git word-diff
style), or red and green when `color` is asked for (the caller decides: cli/ colours a
terminal).  Long unchanged stretches of a changed article are folded into `⋯` lines.
"""

from __future__ import annotations

from lawdiff.compare.formats.listing import (
    RenderOptions, change_title, document_notes, has_moves, heading, move_note, op_lines, opening_label, plan,
    rows_with_openings, run_label, structure_line, summary,
)
from lawdiff.compare.result import DiffResult

# ANSI SGR sequences, the bytes click.style writes for the same styles.
_RESET = "\x1b[0m"
_DELETED = "\x1b[31m\x1b[9m"  # red, struck through
_INSERTED = "\x1b[32m\x1b[4m"  # green, underlined
_BOLD = "\x1b[1m"


def render(result: DiffResult, options: RenderOptions = RenderOptions()) -> str:
    color, show_unchanged = options.color, options.show_unchanged

    def mark(op: str, text: str) -> str:
        if op == "equal":
            return text
        if color:
            return f"{_DELETED if op == 'delete' else _INSERTED}{text}{_RESET}"
        return f"[-{text}-]" if op == "delete" else f"{{+{text}+}}"

    def bold(text: str) -> str:
        return f"{_BOLD}{text}{_RESET}" if color else text

    out = [bold(heading(result)),
           summary(result)]
    out += document_notes(result)
    if result.structure:
        out.append("")
        out += [structure_line(s) for s in result.structure]
    previous_run = False
    for change in plan(result, options.show_unchanged, options.show_formatting):
        if isinstance(change, list):
            if not previous_run:
                out.append("")
            out.append("renumbered only: " + run_label(change))
            previous_run = True
            continue
        previous_run = False
        out.append("")
        title = change_title(change)
        if change.type not in ("unchanged", "added", "removed"):
            title += f" {round(change.similarity * 100)}%"
        out.append(bold("== " + title))
        if change.heading_ops:
            out.append("heading: " + "".join(mark(op, text) for op, text in change.heading_ops))
        if change.type == "unchanged":
            if show_unchanged:
                out += change.new[0].text.split("\n") if change.new else []
            continue
        lines: list[Line]
        if has_moves(change) or change.several_articles:
            # One line per aligned pair of paragraphs, each moved one saying where it went, and a
            # line where each article of a split or merge begins.
            lines = []
            for row in rows_with_openings(change):
                if isinstance(row, tuple):
                    lines.append(("-- " + opening_label(*row), PINNED))
                    continue
                note = move_note(row)
                text = "".join(mark(op, text) for op, text in row.ops) + (f"  ({note})" if note else "")
                lines.append((text, CHANGED if note or any(op != "equal" for op, _ in row.ops) else SAME))
        else:
            lines = [("".join(mark(op, text) for op, text in line),
                      CHANGED if any(op != "equal" for op, _ in line) else SAME) for line in op_lines(change.ops)]
        out += _with_context(lines, show_unchanged)
    return "\n".join(out) + "\n"


# What a line of a change's redline is to the folding of unchanged stretches: a changed line (shown,
# with context), an unchanged one (folded unless near a change), or one always shown on its own
# (where an article of a split or merge begins).
SAME, CHANGED, PINNED = 0, 1, 2
Line = tuple[str, int]


def _with_context(lines: list[Line], everything: bool, context: int = 1) -> list[str]:
    """Changed lines with `context` unchanged paragraphs around them, and the pinned lines; longer
    unchanged stretches become one `⋯` line (all lines when `everything`)."""
    if everything:
        return [text for text, _ in lines]
    # Context is counted in paragraphs: a pinned line between a change and its neighbour takes no room.
    paragraphs = [k for k, (_, kind) in enumerate(lines) if kind != PINNED]
    changed = [n for n, k in enumerate(paragraphs) if lines[k][1] == CHANGED]
    keep = {paragraphs[n] for c in changed for n in range(max(0, c - context), min(len(paragraphs), c + context + 1))}
    keep |= {k for k, (_, kind) in enumerate(lines) if kind == PINNED}
    out: list[str] = []
    skipped = 0
    for k, (text, _) in enumerate(lines):
        if k in keep:
            if skipped:
                out.append(f"⋯ ({skipped} unchanged)")
                skipped = 0
            out.append(text)
        else:
            skipped += 1
    if skipped:
        out.append(f"⋯ ({skipped} unchanged)")
    return out

