"""HTML (including EUR-Lex XHTML) -> `SourceLine`s, one per block, through lxml.html.

The input's text is every text node of `<body>` outside script, style, noscript and
template; `<head>` (the page title, metadata) is not the law's text.  Block elements
(`<p>`, `<div>`, `<li>`, headings, table rows ...) end a line; inline elements do not.  A
table row is one line with its cells joined by a space, because EUR-Lex lays out every
point as a two-cell row (`(a)` | `its text`); a table nested inside a cell starts new lines.

An item of a numbered list (`<ol>`) starts with the number a browser shows for it (`1.`,
`a.`, `iv.`: the list's `type`, `start` and `reversed`, an item's `value`), which is no text
node of the page but is what its reader sees and cites, as Word's automatic numbering is
for the DOCX reader.  A Markdown law rendered to HTML keeps its `1.` items this way.

Inside preformatted text (`<pre>`, and the obsolete `<listing>` and `<xmp>`) a newline is a
line break, as a browser shows it: a plain-text law saved as HTML (LibreOffice writes one
`<pre>` for a whole .txt file) keeps its lines.

Hints for the parser: `<h1>`..`<h6>` give `heading_level`; EUR-Lex's classes (`oj-doc-ti`,
`oj-ti-section-1`, `oj-ti-art`, `oj-sti-art`, `oj-note` and the older forms without `oj-`)
say the same; a block set entirely in `<b>`/`<i>` (or EUR-Lex's `oj-bold`/`oj-italic`) is
marked "emphasis".
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from lawdiff.errors import LawdiffError
from lawdiff.model import SourceLine
from lawdiff.ingest.source import Source, decode
from lawdiff.text.numerals import format_list_number

SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link"}
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
PREFORMATTED = {"pre", "listing", "xmp"}  # a newline in their text breaks the line
# <ol type="..."> -> the list number's format, in format_list_number's (Word's) names
LIST_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
EMPHASIS_TAGS = {"b", "strong", "i", "em"}
EMPHASIS_CLASSES = {"oj-bold", "oj-italic", "bold", "italic"}
# EUR-Lex classes (current `oj-` forms and the older ones) -> (heading level, role)
EURLEX_CLASSES: dict[str, tuple[int, str]] = {
    "doc-ti": (1, ""), "ti-section-1": (2, ""), "ti-section-2": (3, ""), "ti-art": (3, ""),
    "sti-art": (0, "heading"), "ti-grseq-1": (4, ""), "note": (0, "footnote"),
}
_DECLARED = re.compile(rb"""<\?xml[^>]*encoding=["']([A-Za-z0-9_.:-]+)["']|<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def decode_html(data: bytes, name: str) -> str:
    """The page as text: its declared charset when it names one, else lawdiff's own detection."""
    declared = _DECLARED.search(data[:4096])
    if declared:
        encoding = (declared.group(1) or declared.group(2)).decode("ascii")
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except LookupError:
            pass  # an unknown charset name: detect instead
        except UnicodeDecodeError as exc:
            raise LawdiffError(f"{name}: declared as {encoding} but is not ({exc.reason} at byte {exc.start})") from None
    return decode(data, name)


class _Lines:
    """Collects text into lines: blocks break lines, cells of one table row share a line."""

    def __init__(self) -> None:
        self.lines: list[SourceLine] = []
        self.parts: list[str] = []
        self.emphasis: list[bool] = []  # per text part: set in bold/italics?
        self.line_no = 0
        self.level = 0
        self.role = ""
        self.row: object | None = None  # the <tr> the current line started in
        self.cell: object | None = None  # the cell that last added text
        self.label_only = False  # the current line holds only a list item's number so far

    def text(self, text: str, line_no: int, emphasis: bool, row: object | None, cell: object | None) -> None:
        if not text:
            return
        if not self.parts:
            self.line_no = line_no
            self.row = row
        self.parts.append(text)
        self.emphasis.append(emphasis or not text.strip())
        if text.strip():
            self.cell = cell
            self.label_only = False

    def label(self, label: str, line_no: int) -> None:
        """Start a line with a list item's number; the item's first block continues it."""
        self.text(label + " ", line_no, True, None, None)
        self.label_only = True

    def hint(self, level: int, role: str) -> None:
        if level and (not self.level or level < self.level):
            self.level = level
        if role and not self.role:
            self.role = role

    def flush(self, keep_label: bool = False) -> None:
        """End the line.  With `keep_label`, a line holding only a list item's number so far goes on
        (`<li><p>text</p></li>`: the number and the paragraph are one line)."""
        if keep_label and self.label_only:
            return
        self.label_only = False
        if any(p.strip() for p in self.parts):
            text = re.sub(r"\s+", " ", "".join(self.parts)).strip()
            role = self.role
            if not role and all(self.emphasis):
                role = "emphasis"
            self.lines.append(SourceLine(text, self.line_no, self.level, role))
            self.level, self.role = 0, ""
        self.parts, self.emphasis = [], []
        self.row = self.cell = None


def _classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split())


def _hints(el: etree._Element) -> tuple[int, str]:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if re.match(r"^h[1-6]$", tag):
        return int(tag[1]), ""
    for cls in _classes(el):
        key = cls[3:] if cls.startswith("oj-") else cls
        if key in EURLEX_CLASSES:
            return EURLEX_CLASSES[key]
    return 0, ""


def _int(value: str | None) -> int | None:
    try:
        return int(value.strip()) if value is not None else None
    except ValueError:
        return None


def _list_labels(ol: etree._Element) -> dict[etree._Element, str]:
    """The number a browser shows before each item of an `<ol>`: counted from `start` (or down
    from the number of items when `reversed`), reset by an item's `value`, in the list's (or the
    item's) `type`; "" where that shows none (a letter for 0)."""
    items = [child for child in ol if isinstance(child.tag, str) and child.tag.lower().rsplit("}", 1)[-1] == "li"]
    step = -1 if ol.get("reversed") is not None else 1
    start = _int(ol.get("start"))
    number = (start if start is not None else (len(items) if step < 0 else 1)) - step
    labels: dict[etree._Element, str] = {}
    for item in items:
        value = _int(item.get("value"))
        number = value if value is not None else number + step
        fmt = LIST_TYPES.get(item.get("type") or ol.get("type") or "1", "decimal")
        shown = format_list_number(number, fmt) if number > 0 or fmt == "decimal" else ""
        labels[item] = f"{shown}." if shown else ""
    return labels


def html_lines(root: etree._Element) -> list[SourceLine]:
    out = _Lines()
    labels: dict[etree._Element, str] = {}  # the <li> items of the <ol> lists met so far

    def add(text: str, line_no: int, emphasis: bool, row: object | None, cell: object | None, pre: bool) -> None:
        if not pre:
            out.text(text, line_no, emphasis, row, cell)
            return
        for offset, piece in enumerate(text.split("\n")):
            if offset:
                out.flush()
            out.text(piece, line_no + offset, emphasis, row, cell)

    def visit(el: etree._Element, emphasis: bool, row: object | None, cell: object | None, pre: bool) -> None:
        if not isinstance(el.tag, str):  # comments, processing instructions
            return
        tag = el.tag.lower().rsplit("}", 1)[-1]
        if tag in SKIP:
            return
        emphasis = emphasis or tag in EMPHASIS_TAGS or bool(_classes(el) & EMPHASIS_CLASSES)
        pre = pre or tag in PREFORMATTED
        in_row = row is not None and out.row is row  # the current line holds this row's cells
        if tag == "tr":
            out.flush()
            row, cell = el, None
        elif tag in ("td", "th"):
            cell = el
        elif tag in BLOCK or tag == "br":
            # The first block of a cell continues the row's line (`(a)` | `text`); a second
            # block in the same cell, or a nested table, starts a new line.  So does the first
            # block of a numbered list item its number.
            if not (in_row and tag != "table" and out.cell is not cell):
                out.flush(keep_label=tag != "li")
        if tag == "ol":
            labels.update(_list_labels(el))
        elif tag == "li" and labels.get(el):
            out.label(labels[el], el.sourceline or 0)
        level, role = _hints(el)
        if level or role:
            out.hint(level, role)
        if el.text:
            add(el.text, el.sourceline or 0, emphasis, row, cell, pre)
        for child in el:
            visit(child, emphasis, row, cell, pre)
            if child.tail:
                # (a tail belongs to the parent: preformatted only when the parent is)
                add(child.tail, child.sourceline or el.sourceline or 0, emphasis, row, cell, pre)
        if tag in ("td", "th"):
            out.text(" ", el.sourceline or 0, True, row, None)
        elif tag == "tr":
            out.flush()
        elif (tag in BLOCK or tag == "br") and not (row is not None and out.row is row):
            out.flush(keep_label=tag != "li")

    body = root.find(".//body")
    visit(body if body is not None else root, False, None, None, False)
    out.flush()
    return out.lines


def parse_html(text: str, name: str) -> etree._Element:
    text = _XML_DECL.sub("", text, count=1)
    try:
        return lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise LawdiffError(f"{name}: not readable as HTML ({exc})") from None


def read(data: bytes, name: str) -> Source:
    text = decode_html(data, name)
    root = parse_html(text, name)
    return Source(html_lines(root), "html", name, text="", data=data)
