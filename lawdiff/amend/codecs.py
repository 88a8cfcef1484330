"""Quoted blocks <-> nodes: how an instruction's quotation carries paragraphs and points.

Chinese laws (`ZhCodec`): one line per paragraph or point; a `（一）` line is a point once
a paragraph is open, a `1．` line a sub-point once a point is, and a bracketed 条标 may
lead an article's quotation.  Latin-script laws (`LatinCodec`) print paragraph and point
numbers ((1), 1., a.) and nest them; which kind and depth each number shape means is
learned from the base document itself.  `codec_for` picks the one for a base.
"""

from __future__ import annotations

import re
from collections import Counter

from lawdiff.model import Document, Node
from lawdiff.text.markers import ZH_POINT_RE as POINT_RE, ZH_SUBPOINT_RE as SUBPOINT_RE
from lawdiff.text.numbers import eid_number
from lawdiff.text.numerals import zh_to_int


# -- Chinese: lines <-> paragraphs and points ----------------------------------------------
def point_lines(point: Node) -> list[str]:
    lines = [point.num + point.text]
    for sub in point.children:
        lines.extend(point_lines(sub))
    return lines


def paragraph_lines(paragraph: Node) -> list[str]:
    lines = [paragraph.text] if paragraph.text or not paragraph.children else []
    for point in paragraph.children:
        lines.extend(point_lines(point))
    return lines


def article_lines(article: Node, with_heading: bool = False) -> list[str]:
    lines: list[str] = []
    for paragraph in article.children:
        lines.extend(paragraph_lines(paragraph))
    if with_heading and article.heading:
        if lines:
            lines[0] = article.heading + lines[0]
        else:
            lines = [article.heading]
    return lines


def _point_node(line: str, pattern: re.Pattern[str]) -> Node:
    match = pattern.match(line)
    assert match is not None
    number = zh_to_int(re.sub(r"\s", "", match.group(1)))
    return Node("point", num=line[: len(line) - len(match.group(2))].rstrip(),
                number=str(number if number is not None else -1), text=match.group(2))


def lines_to_paragraphs(lines: list[str]) -> list[Node]:
    """Quoted lines -> paragraphs with points, by the same rules as the Chinese parser:
    a `（一）` line is a point once a paragraph is open, a `1．` line a sub-point once a point is."""
    paragraphs: list[Node] = []
    point: Node | None = None
    for line in lines:
        if paragraphs and POINT_RE.match(line):
            point = _point_node(line, POINT_RE)
            paragraphs[-1].children.append(point)
        elif point is not None and SUBPOINT_RE.match(line):
            point.children.append(_point_node(line, SUBPOINT_RE))
        else:
            paragraphs.append(Node("paragraph", number=str(len(paragraphs) + 1), text=line))
            point = None
    return paragraphs


def lines_to_point(lines: list[str]) -> Node | None:
    """Quoted lines of one point (`（三）…` and its sub-points); None when the first line is no point."""
    if not lines or not POINT_RE.match(lines[0]):
        return None
    point = _point_node(lines[0], POINT_RE)
    for line in lines[1:]:
        if not SUBPOINT_RE.match(line):
            return None
        point.children.append(_point_node(line, SUBPOINT_RE))
    return point


HEADING_RE = re.compile(r"^([(（][^()（）]{1,38}[)）])[ \t\u3000,，]*")


def split_heading(lines: list[str]) -> tuple[str, list[str]]:
    """A leading bracketed heading `（立法目的）` on the first quoted line, as printed."""
    if not lines or POINT_RE.match(lines[0]):
        return "", lines
    match = HEADING_RE.match(lines[0])
    if not match:
        return "", lines
    rest = lines[0][match.end():]
    return match.group(1), ([rest] if rest else []) + lines[1:]


def uses_headings(doc: Document) -> bool:
    """Do most of the base's articles carry a heading (条标)?  Then a new article's quotation
    may lead with one."""
    arts = doc.articles()
    return bool(arts) and sum(1 for a in arts if a.heading) * 2 > len(arts)


# -- the two codecs ----------------------------------------------------------------------------
class ZhCodec:
    """Chinese: one line per paragraph or point; `（一）` and `1．` lines are points and sub-points."""

    headings = True  # a bracketed 条标 may lead an article's quotation

    def article_lines(self, article: Node, with_heading: bool = False) -> list[str]:
        return article_lines(article, with_heading)

    def paragraph_lines(self, paragraph: Node) -> list[str]:
        return paragraph_lines(paragraph)

    def point_lines(self, point: Node) -> list[str]:
        return point_lines(point)

    def paragraphs(self, lines: list[str]) -> list[Node]:
        return lines_to_paragraphs([line for line in lines if line])  # “” quotes an emptied article

    def point(self, lines: list[str]) -> Node | None:
        return lines_to_point(lines)


# -- Latin script ----------------------------------------------------------------------------------
LATIN_NUM = re.compile(r"^(\(?[0-9]{1,3}[a-z]?[.)]|\(?[a-z]{1,4}[.)]|\([0-9a-z]{1,4}\)|[-–—•])(?:\s+(.*))?$")


def _shape(num: str) -> str:
    return re.sub(r"[A-Z]+", "A", re.sub(r"[a-z]+", "a", re.sub(r"[0-9]+", "9", num)))


class LatinCodec:
    """Latin-script laws print paragraph and point numbers ((1), 1., a.) and nest them.

    A quoted line is `num text`; which kind and depth a number shape means ("(9)" a
    paragraph at depth 1, "a." a point at depth 2, an unnumbered line after a point a
    paragraph at depth 2…) is learned from the base document itself.
    """

    headings = False  # headings are named apart (条标 / "with the heading")

    def __init__(self, doc: object) -> None:
        self.by_shape: dict[str, Counter[tuple[str, int]]] = {}
        self.unnumbered: dict[tuple[str, int, str] | None, Counter[tuple[str, int]]] = {}
        articles = doc.articles() if hasattr(doc, "articles") else []
        for article in articles:
            prev: tuple[str, int, str] | None = None
            for node, depth in self._walk(article):
                if node.num:
                    self.by_shape.setdefault(_shape(node.num), Counter())[(node.kind, depth)] += 1
                else:
                    self.unnumbered.setdefault(prev, Counter())[(node.kind, depth)] += 1
                prev = (node.kind, depth, _shape(node.num))

    @staticmethod
    def _walk(node: Node, depth: int = 0) -> list[tuple[Node, int]]:
        out: list[tuple[Node, int]] = []
        for child in node.children:
            out.append((child, depth + 1))
            out.extend(LatinCodec._walk(child, depth + 1))
        return out

    @staticmethod
    def _line(node: Node) -> str:
        return f"{node.num} {node.text}" if node.num and node.text else (node.num or node.text)

    def _lines(self, nodes: list[Node]) -> list[str]:
        out: list[str] = []
        for node in nodes:
            out.append(self._line(node))
            out.extend(self._lines(node.children))
        return out

    def article_lines(self, article: Node, with_heading: bool = False) -> list[str]:
        return self._lines(article.children)

    def paragraph_lines(self, paragraph: Node) -> list[str]:
        return self._lines([paragraph])

    def point_lines(self, point: Node) -> list[str]:
        return self._lines([point])

    def _decode(self, lines: list[str]) -> list[Node]:
        roots: list[Node] = []
        stack: list[tuple[int, Node]] = []
        prev: tuple[str, int, str] | None = None
        top = None
        for line in lines:
            match = LATIN_NUM.match(line)
            num, text = (match.group(1), match.group(2) or "") if match else ("", line)
            if num and _shape(num) not in self.by_shape:
                num, text = "", line
            if num:
                kind, depth = self.by_shape[_shape(num)].most_common(1)[0][0]
            else:
                counts = self.unnumbered.get(prev)
                kind, depth = counts.most_common(1)[0][0] if counts else ("paragraph", stack[-1][0] if stack else 1)
            top = depth if top is None else min(top, depth)
            node = Node(kind, num=num, number=eid_number(num) if num else "", text=text)  # type: ignore[arg-type]
            while stack and stack[-1][0] >= depth:
                stack.pop()
            (stack[-1][1].children if stack else roots).append(node)
            stack.append((depth, node))
            prev = (kind, depth, _shape(num))
        return roots

    def paragraphs(self, lines: list[str]) -> list[Node]:
        return self._decode([line for line in lines if line])  # “” quotes an emptied article

    def point(self, lines: list[str]) -> Node | None:
        nodes = self._decode(lines)
        return nodes[0] if len(nodes) == 1 else None


Codec = ZhCodec | LatinCodec


def codec_for(doc: object) -> Codec:
    meta = getattr(doc, "meta", None)
    return ZhCodec() if getattr(meta, "lang", "zho") == "zho" else LatinCodec(doc)
