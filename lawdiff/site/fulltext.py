"""A stored version as a flat list of blocks for the full-text page.

Anchors are the eIds stored in the version's XML (read beside the tree, in the same
document order), so a permalink `v2.html#art_12` names what the repository names.
A flat list keeps the template a loop and the heading levels explicit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lawdiff.akn.links as links
import lawdiff.akn.reader as reader
from lawdiff.akn.eids import article_of_eid, assign_eids
from lawdiff.errors import LawdiffError
from lawdiff.model import CONTAINER_KINDS, UNIT_KINDS, Document, Node
from lawdiff.text.normalize import display_text


@dataclass
class Line:
    depth: int  # 0 for the article's own paragraphs, 1+ for points inside them
    num: str
    text: str
    refs: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, article eId) in `text`

    @property
    def parts(self) -> list[tuple[str, str]]:
        """The text cut at its cross-references: (words, "") and (citation, article eId to link)."""
        out: list[tuple[str, str]] = []
        pos = 0
        for start, end, eid in self.refs:
            out += [(self.text[pos:start], ""), (self.text[start:end], eid)]
            pos = end
        return [part for part in out + [(self.text[pos:], "")] if part[0]]


@dataclass
class Block:
    type: str  # "heading" (a container), "article", "other" (an unnumbered hcontainer)
    level: int  # HTML heading level, 2..6
    eid: str
    num: str = ""
    heading: str = ""
    lines: list[Line] = field(default_factory=list)
    index: int = -1  # position among the version's articles (article blocks only)
    name: str = ""  # an unnumbered hcontainer's kind: pageJump, detachedText, footnote, text
    reading: tuple[str, str] | None = None  # an OCR-damaged number: (as printed, as read)


# Unnumbered hcontainers that are not law but the newspaper's or the parser's: shown as
# editorial notes, labelled, never as paragraphs of the text.
EDITORIAL = ("pageJump", "detachedText", "footnote", "text")

# The parser's ocr-marker warnings: "read '第一音' as '第一章' (chapter 1) …",
# "read '第十一宗' as 第十一条 (OCR) …".
_OCR_READING = re.compile(r"read '([^']+)' as '?([^' (]+)")


def ocr_readings(doc: Document) -> list[tuple[str, str]]:
    """(as printed, as read) for each number the parser read through OCR damage, in order."""
    out = []
    for warning in doc.warnings:
        match = _OCR_READING.match(warning.message) if warning.code == "ocr-marker" else None
        if match:
            out.append((match.group(1), match.group(2)))
    return out


def load(xml: bytes) -> tuple[Document, dict[int, str]]:
    """The version's Document and a map id(node) -> the eId stored for it."""
    try:
        root = reader.parse_bytes(xml)
    except LawdiffError as exc:
        raise LawdiffError(f"a stored version is {exc}") from None
    return reader.read_with_eids(root)


def blocks(doc: Document, eids: dict[int, str]) -> list[Block]:
    out: list[Block] = []
    counter = [0]
    readings = ocr_readings(doc)  # matched to the first unmatched block printed with that number

    scheme = assign_eids(doc)  # for a node whose stored element had no eId (not written by lawdiff)

    def eid_of(node: Node) -> str:
        return eids.get(id(node)) or scheme[id(node)]

    # what a citation may name (lawdiff's eIds), and the articles' sections a link may go to
    targets = set(scheme.values())
    anchors = {eid_of(node) for node in doc.articles()}

    def add(block: Block) -> None:
        for i, (printed, read) in enumerate(readings):
            if block.num and block.num.startswith(printed):
                block.reading = (printed, read)
                del readings[i]
                break
        out.append(block)

    def visit(node: Node, depth: int) -> None:
        level = min(2 + depth, 6)
        if node.kind in CONTAINER_KINDS:
            block = Block("heading", level, eid_of(node), node.num, display_text(node.heading))
            if node.intro:
                block.lines = [Line(0, "", display_text(t)) for t in node.intro.split("\n") if t]
            add(block)
            for child in node.children:
                visit(child, depth + 1)
        elif node.kind in UNIT_KINDS:
            block = Block("article", level, eid_of(node), node.num, display_text(node.heading),
                          _linked(node, eid_of(node), _lines(node), targets, anchors), counter[0])
            counter[0] += 1
            add(block)
        else:
            add(Block("other", level, eid_of(node), node.num, display_text(node.heading), _lines(node), name=node.name))

    for top in doc.body:
        visit(top, 0)
    return out


def _lines(article: Node) -> list[Line]:
    """An article's words, one line per paragraph (款) or point (项/目), points indented; as read
    (`display_text`: OCR wrap spaces between Chinese characters are not shown, so the page, and
    the search index built from it, read 人工智能产业 where the source wrapped 人工智能产 业)."""
    lines = [Line(0, "", display_text(t)) for t in (article.intro + "\n" + article.text).split("\n") if t]

    def visit(node: Node, depth: int) -> None:
        text_lines = [t for t in node.text.split("\n") if t] or [""]
        num = " ".join(p for p in (node.num, node.heading) if p)
        for i, text in enumerate(text_lines):
            if text or (i == 0 and num):
                lines.append(Line(depth, num if i == 0 else "", display_text(text)))
        for child in node.children:
            visit(child, depth + 1)

    for child in article.children:
        visit(child, 0 if child.kind == "paragraph" else 1)
    return lines


def _linked(article: Node, own: str, lines: list[Line], targets: set[str], anchors: set[str]) -> list[Line]:
    """The lines with their cross-references to other articles of the document (lawdiff.akn.links, as
    the XML marks them), each pointing at that article's section of the page: `§ 5 Abs. 1` and
    `第五条第一款` go to § 5 and 第五条, which have anchors (a paragraph has none).  A citation of the
    article's own paragraphs (`前款`, `Absatz 2`; the article's eId is `own`) is not a link: the reader
    is there."""
    amending = links.amends_another_act(article.body_text())
    paragraph = 0
    for line in lines:
        paragraph += line.depth == 0 and bool(line.text)
        found = links.find(line.text, article.number, paragraph, targets, amending) if line.text else []
        cited = [(start, end, article_of_eid(href[1:])) for start, end, href in found]
        line.refs = [(start, end, eid) for start, end, eid in cited if eid in anchors and eid != own]
    return lines


def front_lines(doc: Document) -> list[str]:
    """Notes and announcements printed before the body (the title is the page's h1)."""
    out: list[str] = []
    for block in doc.front:
        if block.role in ("title", "toc"):
            continue
        out.extend(" ".join(display_text(line).split()) for line in block.lines if line.strip())
    return out
