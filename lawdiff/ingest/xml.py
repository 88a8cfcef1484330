"""XML input: safe parsing, the namespaces lawdiff knows, and the text nodes as lines.

The text nodes outside the metadata are the format's text content: the yardstick the
lossless check compares the Akoma Ntoso output with.  `read_akn` and `read_uslm` are the
readers for Akoma Ntoso and USLM / GPO bill XML (their structure is mapped later, by
`lawdiff.parse.akn_foreign` and `lawdiff.parse.uslm`).  Every stage that parses XML
(`akn`, `site`, `cli`) takes `SAFE_PARSER` and the namespace constants from here.
"""

from __future__ import annotations

import re

from lxml import etree

from lawdiff.errors import LawdiffError
from lawdiff.ingest.source import Source
from lawdiff.model import SourceLine

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LD_NS = "https://lawdiff.dev/ns/1"  # lawdiff's own metadata inside <proprietary>
A = "{%s}" % AKN_NS
L = "{%s}" % LD_NS

# No DTDs, no entities, no network: XXE and entity bombs stay inert.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                              remove_comments=False, load_dtd=False)
# Elements whose text is metadata, not the document's text (AKN `meta`, USLM `meta`/`metadata`).
AKN_META = {"meta"}
USLM_META = {"meta", "metadata"}


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


def parse_akn(data: bytes, name: str) -> etree._Element:
    """The root of an Akoma Ntoso document; LawdiffError for anything else."""
    root = parse_xml(data, name)
    if local(root) != "akomaNtoso":
        raise LawdiffError(f"{name}: not Akoma Ntoso (the root element is <{local(root)}>)")
    return root


def read_akn(data: bytes, name: str) -> Source:
    """Akoma Ntoso: every text node outside `<meta>`, one line each."""
    return Source(text_lines(parse_akn(data, name), AKN_META), "akn", name, text="", data=data)


def read_uslm(data: bytes, name: str) -> Source:
    """USLM or GPO bill XML: every text node outside the metadata, one line each."""
    root = parse_xml(data, name)
    if local(root) == "akomaNtoso":
        raise LawdiffError(f"{name}: this is Akoma Ntoso, not USLM (use --format akn)")
    return Source(text_lines(root, USLM_META), "uslm", name, text="", data=data)
