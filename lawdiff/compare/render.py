"""A `DiffResult` for people and scripts: text, JSON, Markdown, HTML, stat.

- text: one block per changed article, `[-deleted-]{+inserted+}` (git word-diff style),
  red and green instead when writing to a terminal;
- json: the `lawdiff.diff/1` format (schema/lawdiff-diff-1.schema.json, docs/diff-json.md);
- markdown: a stats table and a 条文对照表 (修改前 | 修改后), for pull-request comments;
- html: one standalone page (no network) with <del>/<ins>;
- stat: one line per changed article with inserted/deleted character counts.

All outputs are deterministic: the same result gives the same bytes.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import Any, Iterable

from lawdiff.compare.result import ArticleInfo, Change, DiffResult, Op, StructureChange
from lawdiff.errors import LawdiffError
from lawdiff.model import Meta

FORMAT_ID = "lawdiff.diff/1"
STAT_KEYS = ("unchanged", "modified", "added", "removed", "split", "merged",
             "renumbered", "moved", "formatting_only", "references_only")


# -- selection ----------------------------------------------------------------------------
def _matches(info: ArticleInfo, wanted: str) -> bool:
    from lawdiff.text.numerals import zh_to_int

    key = wanted.strip()
    if key in (info.number, info.num, info.eid) or key == info.num.replace(" ", ""):
        return True
    inner = key.removeprefix("第").removesuffix("条")
    main, _, sub = inner.partition("之")
    value, sub_value = zh_to_int(main), zh_to_int(sub) if sub else None
    if value is None or (sub and sub_value is None):
        return False
    return info.number == (f"{value}-{sub_value}" if sub_value else str(value))


def select_article(result: DiffResult, wanted: str) -> DiffResult:
    """Only the changes that involve article `wanted` (as printed, Arabic, or eId) on either side."""
    changes = [c for c in result.changes if any(_matches(a, wanted) for a in c.old + c.new)]
    if not changes:
        raise LawdiffError(f"no article {wanted!r} in either version")
    return replace(result, changes=changes, structure=[], front_changed=False, attachments_changed=False,
                   notes_changed=False)


def shown(change: Change, show_unchanged: bool, show_formatting: bool) -> bool:
    """Whether a human-facing output lists this change."""
    if change.type == "unchanged":
        return show_unchanged or change.renumbered or change.moved
    if change.type == "modified" and change.formatting_only:
        return show_formatting or change.renumbered or change.moved
    return True


def renumber_only(change: Change, show_formatting: bool) -> bool:
    """A change that only renumbers the article (its text the same, or different only in
    formatting or in cross-reference numbers that follow the renumbering)."""
    if not change.renumbered or change.moved or change.heading_ops or len(change.old) != 1 or len(change.new) != 1:
        return False
    if change.type == "unchanged":
        return True
    return change.type == "modified" and not show_formatting and (change.formatting_only or change.references_only)


Run = list[Change]  # consecutive renumbered-only articles, listed as one line


def plan(result: DiffResult, show_unchanged: bool = False, show_formatting: bool = False) -> list[Change | Run]:
    """What a human-facing output lists, in order: changes, and runs of renumbered-only
    articles (so that inserting one article does not list every later one).

    With `show_unchanged` every article is listed on its own.
    """
    out: list[Change | Run] = []
    for change in result.changes:
        if not shown(change, show_unchanged, show_formatting):
            continue
        if show_unchanged or not renumber_only(change, show_formatting):
            out.append(change)
            continue
        last = out[-1] if out and isinstance(out[-1], list) else None
        if last is not None and _continues(last[-1], change):
            last.append(change)
        else:
            out.append([change])
    return out


def _continues(before: Change, after: Change) -> bool:
    a, b = before.old[0].number, after.old[0].number
    c, d = before.new[0].number, after.new[0].number
    if not all(x.isdigit() for x in (a, b, c, d)):
        return False
    return int(b) == int(a) + 1 and int(d) == int(c) + 1


def run_label(run: Run) -> str:
    """`第二十三条–第二十五条 → 第二十六条–第二十八条`."""
    first, last = run[0], run[-1]
    if len(run) == 1:
        text = f"{_names(first.old)} → {_names(first.new)}"
    else:
        text = f"{_names(first.old)}–{_names(last.old)} → {_names(first.new)}–{_names(last.new)}"
    if any(c.references_only for c in run):
        text += " (cross-references follow)"
    return text


# -- JSON ---------------------------------------------------------------------------------
def _meta_json(meta: Meta, articles: int) -> dict[str, Any]:
    return {"slug": meta.slug, "title": meta.title, "version": meta.version, "date": meta.date,
            "stage": meta.stage, "lang": meta.lang, "source": meta.source_name, "articles": articles}


def _article_json(info: ArticleInfo) -> dict[str, Any]:
    return {"eid": info.eid, "num": info.num, "number": info.number, "heading": info.heading,
            "path": list(info.path)}


def _ops_json(ops: list[Op]) -> list[list[str]]:
    return [[op, text] for op, text in ops]


def _count_articles(result: DiffResult, side: str) -> int:
    return sum(len(getattr(c, side)) for c in result.changes)


def change_json(change: Change) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": change.type, "renumbered": change.renumbered, "moved": change.moved,
        "formatting_only": change.formatting_only, "references_only": change.references_only,
        "similarity": round(change.similarity, 4),
        "from": [_article_json(a) for a in change.old], "to": [_article_json(a) for a in change.new],
    }
    if change.type != "unchanged":
        out["ops"] = _ops_json(change.ops)
    if change.heading_ops:
        out["heading_ops"] = _ops_json(change.heading_ops)
    return out


def structure_json(entry: StructureChange) -> dict[str, Any]:
    return {"type": entry.type, "kind": entry.kind, "from": entry.old, "to": entry.new,
            "renumbered": entry.renumbered, "moved": entry.moved,
            "from_eid": entry.old_eid, "to_eid": entry.new_eid}


def to_json(result: DiffResult) -> dict[str, Any]:
    """The `lawdiff.diff/1` document: plain dicts and lists, ready for json.dumps."""
    return {
        "format": FORMAT_ID,
        "from": _meta_json(result.old_meta, _count_articles(result, "old")),
        "to": _meta_json(result.new_meta, _count_articles(result, "new")),
        "differences": result.has_differences,
        "stats": result.stats,
        "title_changed": result.front_changed,
        "notes_changed": result.notes_changed,
        "attachments_changed": result.attachments_changed,
        "structure": [structure_json(s) for s in result.structure],
        "changes": [change_json(c) for c in result.changes],
    }


def render_json(result: DiffResult) -> str:
    """The JSON text: one line per key, and one line per structure change and per change.

    Line-oriented output diffs well and stays readable, and each line is written by
    the C encoder (an indented dump goes through the slow pure-Python one).
    """
    import json

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    data = to_json(result)
    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n  ".join(dump(item) for item in value)
            lines.append(f"{dump(key)}: [\n  {items}\n ]")
        else:
            lines.append(f"{dump(key)}: {dump(value)}")
    return "{\n " + ",\n ".join(lines) + "\n}\n"


# -- shared wording -----------------------------------------------------------------------
def _names(infos: list[ArticleInfo]) -> str:
    return "、".join(a.num or a.eid for a in infos) if infos else ""


def change_title(change: Change) -> str:
    """`第六条 → 第二十九条 (modified, renumbered, moved)`."""
    old, new = _names(change.old), _names(change.new)
    if change.type == "added":
        head = new
    elif change.type == "removed":
        head = old
    else:
        head = old if old == new else f"{old} → {new}"
    flags = [change.type]
    if change.formatting_only:
        flags[0] = "formatting only"
    elif change.references_only:
        flags[0] = "references only"
    flags += [name for name, on in (("renumbered", change.renumbered), ("moved", change.moved)) if on]
    return f"{head} ({', '.join(flags)})"


def _summary(result: DiffResult) -> str:
    stats = result.stats
    parts = [f"{stats[k]} {k.replace('_', ' ')}" for k in STAT_KEYS if stats[k]]
    return ", ".join(parts) if parts else "no articles"


def _version_name(meta: Meta) -> str:
    return meta.version or meta.date or meta.source_name


def _lines(ops: list[Op]) -> list[list[Op]]:
    """Split ops into display lines at every "\\n", each line a list of ops."""
    lines: list[list[Op]] = [[]]
    for op, text in ops:
        for k, piece in enumerate(text.split("\n")):
            if k:
                lines.append([])
            if piece:
                lines[-1].append((op, piece))
    return lines


def _structure_line(entry: StructureChange) -> str:
    if entry.type == "added":
        return f"{entry.kind} added: {entry.new}"
    if entry.type == "removed":
        return f"{entry.kind} removed: {entry.old}"
    flags = [entry.type] + [n for n, on in (("renumbered", entry.renumbered), ("moved", entry.moved))
                            if on and n != entry.type]
    return f"{entry.kind} {', '.join(flags)}: {entry.old} → {entry.new}"


def _document_notes(result: DiffResult) -> list[str]:
    notes = []
    if result.front_changed:
        notes.append(f"title changed: {result.old_meta.title} → {result.new_meta.title}")
    if result.attachments_changed:
        notes.append("annexes changed")
    if result.notes_changed:
        notes.append("notes changed (题注, announcement or footnotes; not counted as a difference)")
    return notes


# -- text ---------------------------------------------------------------------------------
def render_text(result: DiffResult, color: bool = False, show_unchanged: bool = False,
                show_formatting: bool = False) -> str:
    import click

    def mark(op: str, text: str) -> str:
        if op == "equal":
            return text
        if color:
            return click.style(text, fg="red", strikethrough=True) if op == "delete" \
                else click.style(text, fg="green", underline=True)
        return f"[-{text}-]" if op == "delete" else f"{{+{text}+}}"

    def bold(text: str) -> str:
        return click.style(text, bold=True) if color else text

    out = [bold(f"{result.old_meta.title}: {_version_name(result.old_meta)} → {_version_name(result.new_meta)}"),
           _summary(result)]
    out += _document_notes(result)
    if result.structure:
        out.append("")
        out += [_structure_line(s) for s in result.structure]
    previous_run = False
    for change in plan(result, show_unchanged, show_formatting):
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
        out += _with_context([("".join(mark(op, text) for op, text in line), any(op != "equal" for op, _ in line))
                              for line in _lines(change.ops)], show_unchanged)
    return "\n".join(out) + "\n"


def _with_context(lines: list[tuple[str, bool]], everything: bool, context: int = 1) -> list[str]:
    """Changed lines with `context` unchanged paragraphs around them; longer unchanged
    stretches become one `⋯` line (all lines when `everything`)."""
    if everything:
        return [text for text, _ in lines]
    changed = [k for k, (_, is_changed) in enumerate(lines) if is_changed]
    keep = {k for c in changed for k in range(c - context, c + context + 1)}
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


# -- stat ---------------------------------------------------------------------------------
def render_stat(result: DiffResult, show_unchanged: bool = False, show_formatting: bool = False) -> str:
    rows = []
    for change in plan(result, show_unchanged, show_formatting):
        if isinstance(change, list):
            rows.append((run_label(change), "renumbered only"))
            continue
        inserted = sum(len(t) for op, t in change.ops if op == "insert")
        deleted = sum(len(t) for op, t in change.ops if op == "delete")
        rows.append((change_title(change), f"+{inserted} -{deleted}"))
    width = max((_display_width(title) for title, _ in rows), default=0)
    lines = [f" {title}{' ' * (width - _display_width(title))} | {counts}" for title, counts in rows]
    lines += [f" {_structure_line(s)}" for s in result.structure]
    lines += [f" {note}" for note in _document_notes(result)]
    lines.append(" " + _summary(result))
    return "\n".join(lines) + "\n"


def _display_width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# -- Markdown -----------------------------------------------------------------------------
# Inline Markdown that legal text could trigger by accident; other punctuation is left
# alone so that dates and brackets read naturally.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LABELS = {
    "zho": {"before": "修改前", "after": "修改后", "same": "同左", "table": "条文对照表", "count": "条数",
            "unchanged": "未修改", "modified": "修改", "added": "新增", "removed": "删除", "split": "拆分",
            "merged": "合并", "renumbered": "重新编号", "moved": "移动", "formatting_only": "仅格式变化",
            "references_only": "仅引用条号变化", "structure": "结构变化", "to": "至",
            "renumber_only": "（仅条号变化）",
            "truncated": "另有{n}行未列出（超过{limit}字符的上限）；完整内容请用 `lawdiff diff --format html` 或 JSON。"},
    "": {"before": "Before", "after": "After", "same": "Same as before", "table": "Comparison table",
         "count": "Articles", "unchanged": "unchanged", "modified": "modified", "added": "added",
         "removed": "removed", "split": "split", "merged": "merged", "renumbered": "renumbered",
         "moved": "moved", "formatting_only": "formatting only", "references_only": "references only",
         "structure": "Structure", "to": "–", "renumber_only": "(renumbered only)",
         "truncated": "{n} more rows not shown (over the limit of {limit} characters); "
                      "see `lawdiff diff --format html` or the JSON for everything."},
}
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


def _md_side(ops: list[Op], keep: str) -> str:
    """One column of the table: equal text plus the `keep` ops ("delete" or "insert") marked."""
    pieces = [(op, text) for op, text in ops if op in ("equal", keep)]
    out: list[str] = []
    for k, (op, text) in enumerate(pieces):
        for n, line in enumerate(text.split("\n")):
            if n:
                out.append("<br>")
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
    return "".join(out)


def render_markdown(result: DiffResult, show_unchanged: bool = False, show_formatting: bool = False,
                    max_chars: int = 0) -> str:
    """A pull-request comment: stats, structure, then a 条文对照表 row per changed article.

    With `max_chars` (a comment box's limit, e.g. GitHub's 65,536), whole rows are dropped
    from the end and a closing line says how many, so the table never breaks mid-row.
    """
    labels = _MD_LABELS["zho" if result.new_meta.lang == "zho" else ""]
    old_name, new_name = _version_name(result.old_meta), _version_name(result.new_meta)
    out = [f"### {_md_escape(result.new_meta.title or result.old_meta.title)}: "
           f"{_md_escape(old_name)} → {_md_escape(new_name)}", ""]
    stats = result.stats
    out += [f"| | {labels['count']} |", "|---|---:|"]
    out += [f"| {labels[k]} | {stats[k]} |" for k in STAT_KEYS if stats[k]]
    notes = _document_notes(result)
    if notes:
        out += [""] + [f"- {_md_escape(n)}" for n in notes]
    if result.structure:
        out += ["", f"#### {labels['structure']}", ""]
        out += [f"- {_md_escape(_structure_line(s))}" for s in result.structure]
    rows = []
    for change in plan(result, show_unchanged, show_formatting):
        if isinstance(change, list):
            first, last = change[0], change[-1]
            span = (lambda side: _names(getattr(first, side)) if len(change) == 1 else
                    f"{_names(getattr(first, side))}{labels['to']}{_names(getattr(last, side))}")
            rows.append(f"| {_md_escape(span('old'))} | {_md_escape(span('new'))} {labels['renumber_only']} |")
            continue
        left_head = _md_escape(_names(change.old))
        right_head = _md_escape(_names(change.new))
        flags = [labels[f] for f, on in (("formatting_only", change.formatting_only),
                                         ("references_only", change.references_only),
                                         ("renumbered", change.renumbered), ("moved", change.moved)) if on]
        if change.type in ("split", "merged"):
            flags.insert(0, labels[change.type])
        note = f" （{'，'.join(flags)}）" if flags and labels is _MD_LABELS["zho"] else \
            f" ({', '.join(flags)})" if flags else ""
        if change.type == "unchanged":
            text = _md_side([("equal", change.new[0].text)], "insert")
            rows.append(f"| **{left_head}** {text} | **{right_head}**{note} {labels['same']} |")
            continue
        left = f"**{left_head}** " + _md_side(change.ops, "delete") if change.old else ""
        right = f"**{right_head}**{note} " + _md_side(change.ops, "insert") if change.new else ""
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


# -- HTML ---------------------------------------------------------------------------------
def ops_to_html(ops: Iterable[Op], paragraphs: bool = False) -> str:
    """Escaped HTML for a redline: <del> and <ins> around changes.

    Inline by default (a "\\n" becomes <br>); with `paragraphs`, one <p> per line.
    """
    lines: list[str] = []
    for line in _lines(list(ops)):
        parts = []
        for op, text in line:
            escaped = html.escape(text, quote=False)
            parts.append(escaped if op == "equal" else f"<del>{escaped}</del>" if op == "delete"
                         else f"<ins>{escaped}</ins>")
        lines.append("".join(parts))
    if paragraphs:
        return "".join(f"<p>{line}</p>" for line in lines)
    return "<br>".join(lines)


_PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; max-width: 60rem; margin: 2rem auto;
  padding: 0 1rem; line-height: 1.7; color: #1f2328; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
table.stats { border-collapse: collapse; } table.stats td, table.stats th { border: 1px solid #d0d7de;
  padding: .2rem .6rem; } table.stats td { text-align: right; }
section.change { border-top: 1px solid #d0d7de; padding-top: .5rem; }
section.change h3 { font-size: 1rem; margin: .5rem 0; }
.flags { color: #57606a; font-weight: normal; font-size: .9rem; }
del { background: #ffebe9; color: #82071e; text-decoration: line-through; }
ins { background: #dafbe1; color: #116329; text-decoration: underline; }
section.added p { background: #f0fff4; } section.removed p { background: #fff5f5; }
</style>
</head>
<body>
<h1>{{ title }}</h1>
<table class="stats">
{% for key, value in stats %}<tr><th>{{ key }}</th><td>{{ value }}</td></tr>
{% endfor %}</table>
{% if notes %}<ul>{% for note in notes %}<li>{{ note }}</li>{% endfor %}</ul>{% endif %}
{% if structure %}<h2>Structure</h2>
<ul>{% for line in structure %}<li>{{ line }}</li>{% endfor %}</ul>{% endif %}
{% for change in changes %}<section class="change {{ change.type }}" id="{{ change.anchor }}">
<h3>{{ change.title }}</h3>
{% if change.heading %}<p class="heading">{{ change.heading }}</p>{% endif %}{{ change.body }}
</section>
{% endfor %}</body>
</html>
"""


def render_html(result: DiffResult, show_unchanged: bool = False, show_formatting: bool = False) -> str:
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_PAGE)
    changes = []
    for change in plan(result, show_unchanged, show_formatting):
        if isinstance(change, list):
            changes.append({"type": "renumbered", "anchor": "to-" + change[0].new[0].eid,
                            "title": "renumbered only: " + run_label(change), "heading": "", "body": ""})
            continue
        ops = change.ops if change.type != "unchanged" else [("equal", change.new[0].text)]
        anchor = (change.new or change.old)[0].eid
        changes.append({
            "type": change.type, "anchor": ("to-" if change.new else "from-") + anchor,
            "title": change_title(change) + (f" {round(change.similarity * 100)}%"
                                             if change.type in ("modified", "split", "merged") else ""),
            "heading": Markup(ops_to_html(change.heading_ops)) if change.heading_ops else "",
            "body": Markup(ops_to_html(ops, paragraphs=True)),
        })
    title = f"{result.new_meta.title or result.old_meta.title}: " \
            f"{_version_name(result.old_meta)} → {_version_name(result.new_meta)}"
    stats = [(k.replace("_", " "), v) for k, v in result.stats.items() if v]
    return template.render(lang="zh" if result.new_meta.lang == "zho" else result.new_meta.lang[:2] or "en",
                           title=title, stats=stats, notes=_document_notes(result),
                           structure=[_structure_line(s) for s in result.structure], changes=changes)


def render(result: DiffResult, fmt: str, color: bool = False, show_unchanged: bool = False,
           show_formatting: bool = False, max_chars: int = 0) -> str:
    if fmt == "json":
        return render_json(result)
    if fmt == "text":
        return render_text(result, color, show_unchanged, show_formatting)
    if fmt == "markdown":
        return render_markdown(result, show_unchanged, show_formatting, max_chars)
    if fmt == "html":
        return render_html(result, show_unchanged, show_formatting)
    if fmt == "stat":
        return render_stat(result, show_unchanged, show_formatting)
    raise LawdiffError(f"unknown diff format {fmt!r}")
