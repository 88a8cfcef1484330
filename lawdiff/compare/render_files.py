"""A `FilesDiff` (every law file a git change touched) as text, JSON, Markdown or stat.

One section per file, each section being exactly what `lawdiff diff FILE_A FILE_B` prints
for that file (`lawdiff.compare.formats`), under a header that says where the file was and
is.  Markdown is a pull-request comment: a summary line per file, then a collapsible
`<details>` per file with its 对照表, cut to fit a comment box with a count of what was left
out.  All outputs are deterministic, so a bot can update one comment in place.
"""

from __future__ import annotations

import html
import json
from dataclasses import replace
from typing import Any

from lawdiff.compare.files import FileDiff, FilesDiff
from lawdiff.compare.formats import RenderOptions, render
from lawdiff.compare.formats.text import _BOLD as BOLD, _RESET as RESET
from lawdiff.compare.result import STAT_KEYS
from lawdiff.errors import LawdiffError

FORMAT_ID = "lawdiff.files/1"
COMMENT_MARKER = "<!-- lawdiff:pr-comment -->"  # lets a bot find its own comment to update


def file_summary(entry: FileDiff) -> str:
    """`145 modified, 65 added, 184 renumbered` (counts of articles), or why it was passed over."""
    if entry.result is None:
        return f"passed over ({entry.skipped})"
    stats = entry.result.stats
    parts = [f"{stats[k]} {k.replace('_', ' ')}" for k in STAT_KEYS if stats[k] and k != "unchanged"]
    if entry.status == "modified" and not entry.result.has_differences:
        parts.insert(0, "no differences in the articles")
    return ", ".join(parts) if parts else "no articles changed"


def file_status(entry: FileDiff) -> str:
    """`modified`, `added`, `deleted`, `renamed from OLD (87% similar)`."""
    if entry.status == "renamed":
        return f"renamed from {entry.old_path}, {entry.similarity}% similar"
    return entry.status


def _title(files: FilesDiff) -> str:
    changed = sum(1 for f in files.files if f.has_differences)
    passed = len(files.files) - len(files.compared)
    return (f"{changed} law file(s) changed: {files.base} → {files.head}"
            + (f" ({passed} passed over: not law texts)" if passed else ""))


# -- text and stat --------------------------------------------------------------------------
def render_files_text(files: FilesDiff, fmt: str, options: RenderOptions = RenderOptions()) -> str:
    """text or stat: a header line per file, then the file's own output."""
    bold = (lambda s: f"{BOLD}{s}{RESET}") if options.color else (lambda s: s)
    out: list[str] = []
    for entry in files.files:
        out.append(bold(f"### {entry.path} ({file_status(entry)})"))
        if entry.result is None:
            out.append(file_summary(entry) + "\n")
            continue
        out.append(render(entry.result, fmt, options))
    out.append(_title(files) + "\n")
    return "\n".join(out)


# -- JSON -----------------------------------------------------------------------------------
def render_files_json(files: FilesDiff) -> str:
    """The `lawdiff.files/1` document; each file's `diff` is its `lawdiff.diff/1` document,
    the same `lawdiff diff FILE_A FILE_B --format json` gives (docs/ci.md)."""
    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    head = {"format": FORMAT_ID, "base": {"rev": files.base, "commit": files.base_id},
            "head": {"rev": files.head, "commit": files.head_id}, "differences": files.has_differences}
    lines = [f" {dump(k)}: {dump(v)}," for k, v in head.items()]
    entries = []
    for entry in files.files:
        fields = {"path": entry.path, "old_path": entry.old_path, "status": entry.status,
                  "similarity": entry.similarity, "differences": entry.has_differences,
                  "skipped": entry.skipped or None}
        text = "  {\n" + "".join(f"   {dump(k)}: {dump(v)},\n" for k, v in fields.items())
        if entry.result is None:
            text += '   "diff": null\n  }'
        else:
            inner = render(entry.result, "json").rstrip("\n").replace("\n", "\n   ")
            text += f'   "diff": {inner}\n  }}'
        entries.append(text)
    body = " \"files\": [\n" + ",\n".join(entries) + "\n ]" if entries else ' "files": []'
    return "{\n" + "\n".join(lines) + "\n" + body + "\n}\n"


# -- Markdown -------------------------------------------------------------------------------
def _code(text: str) -> str:
    return f"<code>{html.escape(text, quote=False)}</code>"


def _status_md(entry: FileDiff) -> str:
    if entry.status == "renamed":
        return f"renamed from {_code(entry.old_path or '')}, {entry.similarity}% similar"
    return entry.status


def _details(entry: FileDiff, table: str) -> str:
    return (f"<details><summary>{_code(entry.path)}: {html.escape(file_summary(entry), quote=False)}"
            f"</summary>\n\n{table.rstrip()}\n\n</details>\n")


def render_files_markdown(files: FilesDiff, options: RenderOptions = RenderOptions()) -> str:
    """A pull-request comment: a summary line per file, then a `<details>` per file.

    With `max_chars` the whole comment fits: each file's table gets a fair share of what the
    summary leaves (smaller tables first, what they do not use goes to the larger ones),
    a table over its share loses whole rows from its end (with a count), and a table that
    cannot fit at all is left out and counted in a closing line.
    """
    head = [COMMENT_MARKER, f"### lawdiff: {html.escape(_title(files), quote=False)}", ""]
    summary = [f"- {_code(f.path)} ({_status_md(f)}): {html.escape(file_summary(f), quote=False)}"
               for f in files.files]
    if not files.files:
        summary = ["No law file changed."]
    shown = [f for f in files.files if f.result is not None]
    whole = replace(options, max_chars=0)
    tables = {id(f): render(f.result, "markdown", whole) for f in shown}  # type: ignore[arg-type]
    blocks = {id(f): _details(f, tables[id(f)]) for f in shown}
    left_out: list[FileDiff] = []
    max_chars = options.max_chars
    if max_chars:
        fixed = "\n".join(head + summary) + "\n\n"
        reserve = 200  # the closing line about left-out tables
        if len(fixed) + reserve > max_chars:  # even the summary is too long: cut it, no tables
            return _cut_summary(head, summary, max_chars)
        budget = max_chars - len(fixed) - reserve
        pending = sorted(shown, key=lambda f: (len(blocks[id(f)]), f.path))
        for k, entry in enumerate(pending):
            share = budget // (len(pending) - k)
            block = blocks[id(entry)]
            if len(block) > share:
                wrapper = len(_details(entry, ""))
                table = render(entry.result, "markdown",  # type: ignore[arg-type]
                               replace(options, max_chars=max(share - wrapper, 1)))
                block = _details(entry, table)
                blocks[id(entry)] = block
            if len(block) > share:
                left_out.append(entry)
                del blocks[id(entry)]
                continue
            budget -= len(block) + 1
    out = "\n".join(head + summary) + "\n\n" + "\n".join(blocks[id(f)] for f in shown if id(f) in blocks)
    if left_out:
        out += (f"\n{len(left_out)} file table(s) left out to stay under {max_chars} characters: "
                + ", ".join(_code(f.path) for f in sorted(left_out, key=lambda f: f.path))
                + ". Run `lawdiff diff --git` locally for everything.\n")
    return out


def _cut_summary(head: list[str], summary: list[str], max_chars: int) -> str:
    kept: list[str] = []
    used = len("\n".join(head)) + 120
    for line in summary:
        if used + len(line) + 1 > max_chars:
            break
        kept.append(line)
        used += len(line) + 1
    closing = f"{len(summary) - len(kept)} more file(s) and every table left out (over {max_chars} characters)."
    text = "\n".join(head + kept) + "\n\n" + closing + "\n"
    return text if len(text) <= max_chars else text[:max_chars]


def render_files(files: FilesDiff, fmt: str, options: RenderOptions = RenderOptions()) -> str:
    if fmt == "json":
        return render_files_json(files)
    if fmt in ("text", "stat"):
        return render_files_text(files, fmt, options)
    if fmt == "markdown":
        return render_files_markdown(files, options)
    raise LawdiffError(f"--git output: {fmt!r} is not available (use text, json, markdown or stat)")
