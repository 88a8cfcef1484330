"""The Markdown output, for pull-request comments: a stats table, structure changes and a
条文对照表 (修改前 | 修改后) with deletions struck through and insertions in bold; the
labels in Chinese for a Chinese law, in German for a German one (a Synopse).  `max_chars` drops whole rows to fit a comment box."""

from __future__ import annotations

import re

from lawdiff.compare.formats.listing import (
    RenderOptions, article_starts, document_notes, flag_list, heading, label_language, labels_of, names, parenthesized,
    plan, side_notes, structure_line,
)
from lawdiff.compare.result import STAT_KEYS, DiffResult, Op

# Inline Markdown that legal text could trigger by accident; other punctuation is left
# alone so that dates and brackets read naturally.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_PUNCT_OR_SPACE = re.compile(r"[\s\W]", re.UNICODE)


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _flanking_ok(before: str, content: str, after: str) -> bool:
    """Whether `**content**` / `~~content~~` opens and closes under CommonMark's flanking rules.

    An opening run followed by punctuation must follow whitespace or punctuation; a
    closing run after punctuation must precede whitespace or punctuation.  Chinese
    punctuation at the edge of a change often breaks this (`公司**，市场**`).
    """
    if not content or content[0].isspace() or content[-1].isspace():
        return False
    first_punct = bool(_PUNCT_OR_SPACE.match(content[0]))
    last_punct = bool(_PUNCT_OR_SPACE.match(content[-1]))
    before_ok = not before or bool(_PUNCT_OR_SPACE.match(before))
    after_ok = not after or bool(_PUNCT_OR_SPACE.match(after))
    return (not first_punct or before_ok) and (not last_punct or after_ok)


def _md_side(ops: list[Op], keep: str, notes: dict[int, str] | None = None,
             starts: dict[int, str] | None = None) -> str:
    """One column of the table: equal text plus the `keep` ops ("delete" or "insert") marked;
    `notes` (line index -> words) are put in italics at the end of their line, and the articles of
    `starts` (line index -> article as printed) in bold on a line of their own before their first line."""
    pieces = [(op, text) for op, text in ops if op in ("equal", keep)]
    notes, starts = notes or {}, starts or {}

    def opening(line_index: int) -> list[str]:
        return [f"**{_md_escape(starts[line_index])}**<br>"] if line_index in starts else []

    out: list[str] = opening(0)
    line_index = 0
    for k, (op, text) in enumerate(pieces):
        for n, line in enumerate(text.split("\n")):
            if n:
                if line_index in notes:
                    out.append(f" *{_md_escape(notes[line_index])}*")
                line_index += 1
                out.append("<br>")
                out += opening(line_index)
            if not line:
                continue
            escaped = _md_escape(line)
            if op == "equal":
                out.append(escaped)
                continue
            before = out[-1][-1] if out and out[-1] else ""
            following = pieces[k + 1][1] if k + 1 < len(pieces) else ""
            after = following[:1] if n == len(text.split("\n")) - 1 else ""
            marker, tag = ("~~", "s") if keep == "delete" else ("**", "b")
            if _flanking_ok(before, line, after):
                out.append(f"{marker}{escaped}{marker}")
            else:  # same rendering, without relying on delimiter rules
                out.append(f"<{tag}>{escaped}</{tag}>")
    if line_index in notes:
        out.append(f" *{_md_escape(notes[line_index])}*")
    return "".join(out)


def render(result: DiffResult, options: RenderOptions = RenderOptions()) -> str:
    """A pull-request comment: stats, structure, then a 条文对照表 row per changed article.

    With `options.max_chars` (a comment box's limit, e.g. GitHub's 65,536), whole rows are
    dropped from the end and a closing line says how many, so the table never breaks mid-row.
    """
    max_chars = options.max_chars
    lang = label_language(result)
    labels = labels_of(lang)
    out = [f"### {_md_escape(heading(result))}", ""]
    stats = result.stats
    out += [f"| | {labels['count']} |", "|---|---:|"]
    out += [f"| {labels[k]} | {stats[k]} |" for k in STAT_KEYS if stats[k]]
    notes = document_notes(result, lang)
    if notes:
        out += [""] + [f"- {_md_escape(n)}" for n in notes]
    if result.structure:
        out += ["", f"#### {labels['structure']}", ""]
        out += [f"- {_md_escape(structure_line(s, lang))}" for s in result.structure]
    rows = []
    for change in plan(result, options.show_unchanged, options.show_formatting):
        if isinstance(change, list):
            first, last = change[0], change[-1]
            span = (lambda side: names(getattr(first, side)) if len(change) == 1 else
                    f"{names(getattr(first, side))}{labels['to']}{names(getattr(last, side))}")
            only = parenthesized(labels["renumbered_only"], lang)
            rows.append(f"| {_md_escape(span('old'))} | {_md_escape(span('new'))} {only} |")
            continue
        left_head = _md_escape(names(change.old))
        right_head = _md_escape(names(change.new))
        flags = [labels[f] for f, on in (("formatting_only", change.formatting_only),
                                         ("references_only", change.references_only),
                                         ("renumbered", change.renumbered), ("moved", change.moved)) if on]
        if change.type in ("split", "merged"):
            flags.insert(0, labels[change.type])
        note = f" {parenthesized(flag_list(flags, lang), lang)}" if flags else ""
        if change.type == "unchanged":
            text = _md_side([("equal", change.new[0].text)], "insert")
            rows.append(f"| **{left_head}** {text} | **{right_head}**{note} {labels['same']} |")
            continue
        left_notes = {k: parenthesized(v, lang) for k, v in side_notes(change, "old", lang).items()}
        right_notes = {k: parenthesized(v, lang) for k, v in side_notes(change, "new", lang).items()}
        # A side with several articles names each where it begins (article_starts), on a line of its own.
        left_starts, right_starts = article_starts(change, "old"), article_starts(change, "new")
        left = f"**{left_head}**{'<br>' if left_starts else ' '}" + \
            _md_side(change.ops, "delete", left_notes, left_starts) if change.old else ""
        right = f"**{right_head}**{note}{'<br>' if right_starts else ' '}" + \
            _md_side(change.ops, "insert", right_notes, right_starts) if change.new else ""
        if not change.new:
            left += note
        rows.append(f"| {left} | {right} |")
    if rows:
        out += ["", f"#### {labels['table']}", "", f"| {labels['before']} | {labels['after']} |", "|---|---|"]
        out += rows
    text = "\n".join(out) + "\n"
    if max_chars and len(text) > max_chars and rows:
        head = out[: len(out) - len(rows)]
        kept: list[str] = []
        budget = max_chars - len("\n".join(head)) - 400  # room for the closing line
        for row in rows:
            if budget - len(row) - 1 < 0:
                break
            kept.append(row)
            budget -= len(row) + 1
        closing = labels["truncated"].format(n=len(rows) - len(kept), limit=max_chars)
        text = "\n".join(head + kept + ["", closing]) + "\n"
    return text

