"""Lines of English or German text -> blocks (paragraphs of the input, wrapped lines joined).

How a format separates paragraphs differs: Markdown by blank lines and headings, HTML,
DOCX and PDF by line, plain text wrapped at a column by what its lines say
(lawdiff.parse.latin_wrapped).
"""

from __future__ import annotations

from dataclasses import dataclass

from lawdiff.ingest.source import bare_line, is_blank
from lawdiff.model import SourceLine
from lawdiff.parse.latin_markers import ends_sentence
from lawdiff.parse.latin_wrapped import WrappedText


@dataclass
class Block:
    """A paragraph of the input: wrapped lines joined, with the format's hints."""

    text: str
    line: int
    heading_level: int = 0
    role: str = ""
    indent: int = 0

    @property
    def strong(self) -> bool:
        """Marked as a heading or set apart by the format itself."""
        return bool(self.heading_level) or self.role in ("emphasis", "heading")


def join_wrapped(left: str, right: str) -> str:
    if not left:
        return right
    if not right:
        return left
    return left + " " + right


def build_blocks(lines: list[SourceLine], mode: str) -> list[Block]:
    """Group lines into blocks.

    markdown: blank lines and headings separate blocks; a list item the format marks
    starts one.  lines (HTML, DOCX, PDF): every line is a block.  text: see WrappedText.breaks.
    """
    blocks: list[Block] = []
    current: Block | None = None
    last_line = ""
    if mode == "text":
        texts = [l.text.strip() for l in lines if not is_blank(l.text)]
        if texts and sum(1 for t in texts if ends_sentence(t)) > 0.6 * len(texts):
            mode = "lines"  # one paragraph per line: nothing is wrapped
    wrapped = WrappedText(lines) if mode == "text" else None
    ended: Block | None = None  # the block a blank line ended, which a page break may yet continue
    for k, line in enumerate(lines):
        raw = line.text
        if is_blank(raw):
            ended = current or ended
            current = None
            continue
        text = bare_line(raw)
        if ended is not None and line.role == "page" and wrapped is not None \
                and wrapped.page_goes_on(ended.text, last_line, text):
            current = ended  # pdftotext sets a page's end apart by a blank line and a form feed
        ended = None
        indent = len(raw) - len(raw.lstrip(" \t"))
        own = bool(line.heading_level) or line.role in ("emphasis", "heading", "footnote", "frontmatter", "break")
        starts = (
            current is None or own or mode == "lines" or current.heading_level or current.role in (
                "emphasis", "heading", "frontmatter")
            or (mode == "markdown" and line.role == "item")
            or (wrapped is not None and wrapped.breaks(k, current.text, last_line, text))
        )
        if starts:
            if wrapped is not None:
                wrapped.opened(current.text if current is not None else None, text)
            current = Block(text, line.number, line.heading_level, line.role, indent)
            blocks.append(current)
        else:
            assert current is not None
            current.text = join_wrapped(current.text, text)
        last_line = text
    return blocks
