"""Markdown as law repositories write it -> `SourceLine`s with Markdown's own markup removed.

Markup is what Markdown itself adds to the words: `#` and setext heading marks, HTML
comments and tags, YAML front matter delimiters, fences, list bullets, emphasis asterisks,
backslash escapes, pandoc spans `[text]{.class}`, table pipes and rules.  Everything else
is text and stays, character for character.  What the markup said is kept as a hint on
the line (`heading_level`, `role`): a parser needs to know that `*Article 5*` was set in
italics, that `1.` started a list item while `1\\.` did not, and which lines were a YAML
header.

Ordered list numbers (`1.`, `(a)`) are the law's own numbering, so they are text.
Underscore emphasis is left alone: in legal forms `____` is a blank to fill in.
"""

from __future__ import annotations

import re

from lawdiff.ingest.source import Source, decode
from lawdiff.model import SourceLine

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$|^(#{1,6})[ \t]*$")
_COMMENT = re.compile(r"<!--.*?-->")
_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+(?=\S)")
# List markers Markdown (with pandoc's fancy lists) reads as the start of an item when unescaped.
_ORDERED = re.compile(r"^[ \t]*(\d{1,4}[a-z]?[.)]|[a-zA-Z][.)]|[ivxlcIVXLC]{1,6}[.)]|\(\s*[0-9a-zA-Z]{1,6}\s*\))[ \t]+\S")
_HEADING_IN_ITEM = re.compile(r"^([ \t]*\d{1,4}[.)][ \t]+)#{1,6}[ \t]+")
_DEFINITION = re.compile(r"^[ \t]{0,3}:[ \t]+(?=\S)")
_QUOTE = re.compile(r"^[ \t]{0,3}(>[ \t]?)+")
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_HARD_BREAK = re.compile(r"\\$")
_SPAN = re.compile(r"\[([^\[\]]*)\]\{[^{}]*\}")
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_EMPHASIS = re.compile(r"(?<![*\w\\])(\*{1,3})(?=[^\s*])(.+?)(?<=[^\s*])\1(?![*\w])")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# Every run of blanks has one way to match (no `[ \t]*[|+]?[ \t]*`): a long line of spaces
# must not take quadratic time.
_TABLE_RULE = re.compile(r"^[ \t]*(?:[|+][ \t]*)?:?[-=]{3,}:?[ \t]*(?:[|+][ \t]*:?[-=]{3,}:?[ \t]*)*(?:[|+][ \t]*)?$")
_PIPE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")

# Escaped characters are parked in the Private Use Area while emphasis and spans are
# removed, so that `\*` and `\[` never read as markup.
_PARK = 0xF0000


def _park(match: re.Match[str]) -> str:
    return chr(_PARK + ord(match.group(1)))


def _unpark(text: str) -> str:
    if not text or max(text) < chr(_PARK):  # nothing parked (most lines): no walk over every character
        return text
    return "".join(chr(ord(ch) - _PARK) if _PARK <= ord(ch) < _PARK + 128 else ch for ch in text)


_BLOCK_TAGS = {"p", "div", "td", "th", "tr", "li", "br", "table", "thead", "tbody", "ul", "ol", "h1", "h2", "h3",
               "h4", "h5", "h6", "blockquote", "dt", "dd", "caption"}


def _html_text(line: str) -> str:
    """The text of a line holding raw HTML (pandoc writes tables that way), via lxml."""
    # Imported here: most Markdown laws hold no HTML, and importing lxml.html costs ~4.5 MB of
    # memory and ~8 ms of start-up (measured: /usr/bin/time -v, python -X importtime).
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(line, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types on broken fragments
        return line
    parts: list[str] = []

    def visit(el: lxml_html.HtmlElement) -> None:
        block = isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS
        if block:
            parts.append(" ")
        if isinstance(el.tag, str) and el.text:
            parts.append(el.text)
        for child in el:
            visit(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append(" ")

    visit(root)
    return re.sub(r"[ \t]{2,}", " ", "".join(parts)).strip()


def _inline(text: str) -> tuple[str, bool]:
    """Inline markup removed; True when emphasis wrapped the whole line."""
    # Each pattern needs a character most lines of a law lack (\\ < & * [): looked for first.
    if "\\" in text:
        text = _HARD_BREAK.sub("", text)
        text = _ESCAPE.sub(_park, text)
    if ("<" in text and _TAG.search(text)) or ("&" in text and _ENTITY.search(text)):
        text = _html_text(text)
    stripped = text.strip()
    whole = bool(stripped) and stripped[0] == "*" and stripped[-1] == "*"
    if "*" in text:
        for _ in range(3):  # nested emphasis: ***x***, *a **b** c*
            text, count = _EMPHASIS.subn(r"\2", text)
            if not count:
                break
    if whole and (text.strip().startswith("*") or text.strip().endswith("*")):
        whole = False  # the asterisks were not a matched pair around the line
    if "[" in text:
        text = _SPAN.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
    return _unpark(text), whole


def markdown_lines(text: str) -> list[SourceLine]:
    out: list[SourceLine] = []
    raw_lines = text.splitlines()
    front_end = _front_matter_end(raw_lines)
    in_fence = ""
    in_comment = False
    for i, raw in enumerate(raw_lines, start=1):
        if i <= front_end:
            is_delimiter = i == 1 or i == front_end
            out.append(SourceLine("" if is_delimiter else raw, i, role="" if is_delimiter else "frontmatter"))
            continue
        line = raw
        # HTML comments, possibly spanning lines.
        if in_comment:
            end = line.find("-->")
            if end < 0:
                out.append(SourceLine("", i))
                continue
            line = line[end + 3:]
            in_comment = False
        # Each block pattern needs a character most lines of a law lack: looked for first.
        if "<!--" in line:
            line = _COMMENT.sub("", line)
        start = line.find("<!--")
        if start >= 0:
            line, in_comment = line[:start], True
        fence = _FENCE.match(line) if "`" in line or "~" in line else None
        if fence and (not in_fence or fence.group(1)[0] == in_fence[0]):
            in_fence = "" if in_fence else fence.group(1)
            out.append(SourceLine("", i))
            continue
        if in_fence:
            text_, _ = _inline(line) if _TAG.search(line) else (line, False)
            out.append(SourceLine(text_, i))
            continue
        heading = _HEADING.match(line) if line.startswith("#") else None
        if heading:
            level = len(heading.group(1) or heading.group(3))
            words, emphasis = _inline(heading.group(2) or "")
            out.append(SourceLine(words, i, heading_level=level, role="emphasis" if emphasis else ""))
            continue
        rule_like = "-" in line or "=" in line or "*" in line or "_" in line
        if rule_like and _SETEXT.match(line) and out and out[-1].text.strip() and not out[-1].heading_level \
                and out[-1].role != "frontmatter" and raw_lines[i - 2].strip():
            # `Title` over `====` (level 1) or `----` (level 2): the underline is markup.
            out[-1].heading_level = 1 if line.strip()[0] == "=" else 2
            out.append(SourceLine("", i))
            continue
        if rule_like and (_RULE.match(line) or _TABLE_RULE.match(line)):
            out.append(SourceLine("", i))
            continue
        role = ""
        if ">" in line:
            line = _QUOTE.sub("", line)
        if ":" in line:
            line = _DEFINITION.sub("", line)
        bullets = _BULLET.match(line) if "-" in line or "*" in line or "+" in line else None
        while bullets:  # `*    *   1991`: nested bullets on one line
            line = bullets.group(1) + line[bullets.end():]
            role = "item"
            bullets = _BULLET.match(line)
        if _ORDERED.match(line):
            role = "item"
        if "#" in line:
            line = _HEADING_IN_ITEM.sub(r"\1", line)
        if "|" in line and _PIPE_ROW.match(line):
            line = _pipe_cells(line)
        words, emphasis = _inline(line)
        if emphasis and role != "item":
            role = "emphasis"
        out.append(SourceLine(words, i, role=role))
    return out


def _pipe_cells(line: str) -> str:
    """A pipe-table row: the pipes are markup, the cells text (an escaped `\\|` stays)."""
    cells = re.split(r"(?<!\\)\|", line.strip())
    return "  ".join(c.strip() for c in cells if c.strip())


def _front_matter_end(lines: list[str]) -> int:
    """Line number of the closing `---` of a YAML header at the very top, else 0."""
    if not lines or lines[0].strip() != "---":
        return 0
    for n, line in enumerate(lines[1:200], start=2):
        if line.strip() in ("---", "..."):
            body = [l for l in lines[1:n - 1] if l.strip()]
            if body and all(re.match(r"^[\w.-]+[ \t]*:", l) or l[:1] in " \t-" for l in body):
                return n
            return 0
    return 0


def read(data: bytes, name: str) -> Source:
    """Markdown: decoded, its markup removed, headings and list items kept as hints."""
    text = decode(data, name)
    return Source(markdown_lines(text), "markdown", name, text=text, data=data)
