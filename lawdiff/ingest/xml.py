"""What every XML reader shares: safe parsing, local names, and the text nodes as lines.

The text nodes outside the metadata are the format's text content: the yardstick the
lossless check compares the Akoma Ntoso output with.
"""

from __future__ import annotations

import re

from lxml import etree

from lawdiff.akn.writer import SAFE_PARSER
from lawdiff.errors import LawdiffError
from lawdiff.model import SourceLine


def local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse_xml(data: bytes, name: str) -> etree._Element:
    """Parse without DTDs, entities or network (XXE and entity bombs stay inert)."""
    try:
        return etree.fromstring(data, SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise LawdiffError(f"{name}: not well-formed XML ({exc})") from None


def text_lines(root: etree._Element, skip: set[str]) -> list[SourceLine]:
    """Every non-blank text node outside elements named in `skip`, one line each, in order."""
    lines: list[SourceLine] = []

    def visit(el: etree._Element) -> None:
        if local(el) in skip:
            return
        if isinstance(el.tag, str) and el.text and el.text.strip():
            lines.append(SourceLine(squash(el.text), el.sourceline or 0))
        for child in el:
            visit(child)
            if child.tail and child.tail.strip():
                lines.append(SourceLine(squash(child.tail), child.sourceline or 0))

    visit(root)
    return lines


def flat_text(el: etree._Element, skip: set[str], breaks: set[str]) -> str:
    """The text of `el` (its tail excluded) as one line: elements named in `skip` left out,
    a space where an element named in `breaks` starts (a block boundary), whitespace squashed."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if local(node) in skip:
            return
        if isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        for child in node:
            if local(child) in breaks:
                parts.append(" ")
            visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(el)
    return squash("".join(parts))
