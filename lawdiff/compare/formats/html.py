"""The HTML output: one standalone page (no network) with <del>/<ins>, and `ops_to_html`,
the redline markup for any list of ops."""

from __future__ import annotations

import html
from typing import Iterable

import jinja2
from markupsafe import Markup

from lawdiff.compare.formats.listing import (
    RenderOptions, change_title, document_notes, has_moves, heading, label_language, labels_of, move_note, op_lines,
    opening_label, plan, rows_with_openings, run_label, structure_line,
)
from lawdiff.compare.result import Change, DiffResult, Op


def ops_to_html(ops: Iterable[Op], paragraphs: bool = False) -> str:
    """Escaped HTML for a redline: <del> and <ins> around changes.

    Inline by default (a "\\n" becomes <br>); with `paragraphs`, one <p> per line.
    """
    lines: list[str] = []
    for line in op_lines(list(ops)):
        parts = []
        for op, text in line:
            escaped = html.escape(text, quote=False)
            parts.append(escaped if op == "equal" else f"<del>{escaped}</del>" if op == "delete"
                         else f"<ins>{escaped}</ins>")
        lines.append("".join(parts))
    if paragraphs:
        return "".join(f"<p>{line}</p>" for line in lines)
    return "<br>".join(lines)


def moved_paragraphs_html(change: Change, lang: str) -> str:
    """A split or merged article's redline one aligned pair of paragraphs at a time, each
    moved paragraph saying where it went or came from, and each article of a side with several
    announced where it begins (rows_with_openings)."""
    out = []
    for paragraph in rows_with_openings(change):
        if isinstance(paragraph, tuple):
            side, num = paragraph
            out.append(f'<p class="opens {side}">{html.escape(opening_label(side, num, lang), quote=False)}</p>')
            continue
        note = move_note(paragraph, lang)
        body = ops_to_html(paragraph.ops)
        out.append(f"<p>{body}" + (f' <span class="moved">{html.escape(note, quote=False)}</span>' if note else "")
                   + "</p>")
    return "".join(out)


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
.moved { color: #0550ae; font-size: .9rem; white-space: nowrap; }
p.opens { font-weight: bold; margin-bottom: 0; } p.opens.old { color: #82071e; } p.opens.new { color: #116329; }
section.added p { background: #f0fff4; } section.removed p { background: #fff5f5; }
</style>
</head>
<body>
<h1>{{ title }}</h1>
<table class="stats">
{% for key, value in stats %}<tr><th>{{ key }}</th><td>{{ value }}</td></tr>
{% endfor %}</table>
{% if notes %}<ul>{% for note in notes %}<li>{{ note }}</li>{% endfor %}</ul>{% endif %}
{% if structure %}<h2>{{ structure_title }}</h2>
<ul>{% for line in structure %}<li>{{ line }}</li>{% endfor %}</ul>{% endif %}
{% for change in changes %}<section class="change {{ change.type }}" id="{{ change.anchor }}">
<h3>{{ change.title }}</h3>
{% if change.heading %}<p class="heading">{{ change.heading }}</p>{% endif %}{{ change.body }}
</section>
{% endfor %}</body>
</html>
"""


def render(result: DiffResult, options: RenderOptions = RenderOptions()) -> str:
    """One standalone page; its labels in the law's language where lawdiff has them (Chinese, German; as
    the Markdown), else in English."""
    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_PAGE)
    changes = []
    lang = label_language(result)
    words = labels_of(lang)
    for change in plan(result, options.show_unchanged, options.show_formatting):
        if isinstance(change, list):
            title = words["renumbered_only"] + words["colon"] + run_label(change, lang)
            changes.append({"type": "renumbered", "anchor": "to-" + change[0].new[0].eid, "title": title,
                            "heading": "", "body": ""})
            continue
        ops: list[Op] = change.ops if change.type != "unchanged" else [("equal", change.new[0].text)]
        anchor = (change.new or change.old)[0].eid
        changes.append({
            "type": change.type, "anchor": ("to-" if change.new else "from-") + anchor,
            "title": change_title(change, lang) + (f" {round(change.similarity * 100)}%"
                                                 if change.type in ("modified", "split", "merged") else ""),
            "heading": Markup(ops_to_html(change.heading_ops)) if change.heading_ops else "",
            "body": Markup(moved_paragraphs_html(change, lang) if has_moves(change) or change.several_articles
                           else ops_to_html(ops, paragraphs=True)),
        })
    title = heading(result)
    stats = [(words[k], v) for k, v in result.stats.items() if v]
    return template.render(lang="zh" if lang == "zho" else result.new_meta.lang[:2] or "en",
                           title=title, stats=stats, notes=document_notes(result, lang),
                           structure_title=words["structure"],
                           structure=[structure_line(s, lang) for s in result.structure], changes=changes)
