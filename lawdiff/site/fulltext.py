"""A stored version as a flat list of blocks for the full-text page.

Anchors are the eIds stored in the version's XML (read beside the tree, in the same
document order), so a permalink `v2.html#art_12` names what the repository names.
A flat list keeps the template a loop and the heading levels explicit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import lawdiff.akn.reader as reader
from lawdiff.akn.eids import assign_eids
from lawdiff.errors import LawdiffError
from lawdiff.model import CONTAINER_KINDS, UNIT_KINDS, Document, Node


@dataclass
class Line:
    depth: int  # 0 for the article's own paragraphs, 1+ for points inside them
    num: str
    text: str


@dataclass
class Block:
    type: str  # "heading" (a container), "article", "other" (an unnumbered hcontainer)
    level: int  # HTML heading level, 2..6
    eid: str
    num: str = ""
    heading: str = ""
    lines: list[Line] = field(default_factory=list)
    index: int = -1  # position among the version's articles (article blocks only)


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

    scheme = assign_eids(doc)  # for a node whose stored element had no eId (not written by lawdiff)

    def eid_of(node: Node) -> str:
        return eids.get(id(node)) or scheme[id(node)]

    def visit(node: Node, depth: int) -> None:
        level = min(2 + depth, 6)
        if node.kind in CONTAINER_KINDS:
            block = Block("heading", level, eid_of(node), node.num, node.heading)
            if node.intro:
                block.lines = [Line(0, "", t) for t in node.intro.split("\n") if t]
            out.append(block)
            for child in node.children:
                visit(child, depth + 1)
        elif node.kind in UNIT_KINDS:
            block = Block("article", level, eid_of(node), node.num, node.heading, _lines(node), counter[0])
            counter[0] += 1
            out.append(block)
        else:
            out.append(Block("other", level, eid_of(node), node.num, node.heading, _lines(node)))

    for top in doc.body:
        visit(top, 0)
    return out


def _lines(article: Node) -> list[Line]:
    """An article's words, one line per paragraph (款) or point (项/目), points indented."""
    lines = [Line(0, "", t) for t in (article.intro + "\n" + article.text).split("\n") if t]

    def visit(node: Node, depth: int) -> None:
        text_lines = [t for t in node.text.split("\n") if t] or [""]
        num = " ".join(p for p in (node.num, node.heading) if p)
        for i, text in enumerate(text_lines):
            if text or (i == 0 and num):
                lines.append(Line(depth, num if i == 0 else "", text))
        for child in node.children:
            visit(child, depth + 1)

    for child in article.children:
        visit(child, 0 if child.kind == "paragraph" else 1)
    return lines


def front_lines(doc: Document) -> list[str]:
    """Notes and announcements printed before the body (the title is the page's h1)."""
    out = []
    for block in doc.front:
        if block.role in ("title", "toc"):
            continue
        out.extend(" ".join(line.split()) for line in block.lines if line.strip())
    return out
