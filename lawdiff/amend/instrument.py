"""An amending instrument as data, and its text read back into that data.

Chinese instruments (修正案, 关于修改……的决定) and English-style amending acts say the
same few things: rewrite this article, paragraph or point; replace, insert or delete
words inside it; add or delete an article, paragraph, point or chapter; rename a
chapter; renumber.  `Op` is one such instruction, `Item` one numbered item (一、…),
which may hold several instructions joined by "；".  `lawdiff.amend.planner` writes these
forms and `parse_instrument` reads them, so the two are tested against each other.

Quoted text follows the Chinese drafting convention: each quoted paragraph opens
with “, only the last one closes with ”, and quotation marks inside quoted text are
written ‘’ (unless the text itself holds ‘’, in which case the inner “” are kept and
matched by nesting depth).  Places are written in the *base* document's numbering,
as real instruments do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from lawdiff.errors import LawdiffError
from lawdiff.model import Node
from lawdiff.text.numerals import NUMERAL_CHARS, zh_to_int
from lawdiff.text.markers import ZH_POINT_RE as POINT_RE, ZH_SUBPOINT_RE as SUBPOINT_RE

OpKind = Literal[
    "replace",           # target (article, paragraph, point) rewritten with `lines`
    "replace_text",      # `old` -> `new` inside target
    "insert_text",       # `new` inserted after (position="after") or before `old` inside target
    "delete_text",       # `old` deleted inside target
    "add_paragraph",     # `lines` become paragraph `number` of target article
    "add_point",         # `lines` become point `number` of target paragraph
    "add_article",       # `lines` become article `number`, placed at the anchor
    "delete",            # target (article, paragraph, point, or container with its content) deleted
    "heading",           # the article's heading (条标) becomes `new` ("" deletes it)
    "move",              # article moved to the anchor
    "rename",            # container heading becomes `new`
    "add_container",     # a container (kind `ckind`, number `number`, heading `new`) at the anchor
    "delete_heading",    # a container's heading line removed, its articles kept
    "renumber",          # explicit: target gets number `number`
    "renumber_all",      # 条文/章节顺序作相应调整: sequential renumbering at the end
    "note",              # no textual change (commencement, publication clause)
]

CONTAINER_WORDS = {"编": "book", "分编": "part", "章": "chapter", "节": "section"}
KIND_WORDS = {v: k for k, v in CONTAINER_WORDS.items()}
CONTAINER_EN = {"book": "Book", "part": "Part", "title": "Title", "chapter": "Chapter", "section": "Section",
                "subsection": "Subsection"}

OPEN_Q, CLOSE_Q = "“", "”"
LOW_Q = "„"  # German opening mark; its closing mark is “
INNER_OPEN, INNER_CLOSE = "‘", "’"
QMARK = "\ue000"  # stands for one quotation in a clause's template (a private-use character)


@dataclass(frozen=True)
class Loc:
    """A place in the base document: containers (kind, number), article, paragraph (款), point (项)."""

    containers: tuple[tuple[str, int], ...] = ()
    article: str = ""  # Arabic, 之Y as "-Y": "165", "120-1"
    paragraph: int = 0  # 1-based; 0 = the whole article
    point: int = 0  # 1-based; 0 = the whole paragraph

    @property
    def is_container(self) -> bool:
        return bool(self.containers) and not self.article

    @property
    def level(self) -> str:
        if self.is_container:
            return "container"
        if self.point:
            return "point"
        if self.paragraph:
            return "paragraph"
        return "article"

    def article_only(self) -> Loc:
        return Loc(article=self.article)


@dataclass
class Op:
    kind: OpKind
    target: Loc = field(default_factory=Loc)
    anchor: Loc = field(default_factory=Loc)  # where add_article/add_container/move put things
    old: str = ""  # quoted text to find (or the anchor of an insertion)
    new: str = ""  # quoted replacement, insertion, heading
    lines: list[str] = field(default_factory=list)  # a quoted block: one line per paragraph/point
    number: str = ""  # the new number: 款/项 position, article "120-1", container "4"
    position: str = ""  # anchor relation: "after", "before", "in" (start of a container); "" = none
    ckind: str = ""  # container kind for add_container / renumber of containers
    adds_paragraph: int = 0  # "增加一款作为第Y款，将该条修改为": the paragraph the rewrite must contain
    articles: bool = False  # renumber_all: articles
    containers: bool = False  # renumber_all: chapters, sections …
    text: str = ""  # the clause as printed (for reports)


@dataclass
class Item:
    label: str  # as printed: "一", "1"
    text: str  # the whole item as printed
    ops: list[Op] = field(default_factory=list)
    error: str = ""  # why the item (or one of its clauses) was not understood
    line: int = 0


@dataclass
class Instrument:
    title: str = ""
    preamble: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    lang: str = "zho"


# -- numbers ----------------------------------------------------------------------------
N = f"[{NUMERAL_CHARS}0-9０-９]+"


def _int(text: str) -> int:
    value = zh_to_int(text)
    if value is None:
        raise LawdiffError(f"not a number: {text!r}")
    return value


def article_number(main: str, sub: str | None) -> str:
    return f"{_int(main)}-{_int(sub)}" if sub else str(_int(main))


# -- quoted text ---------------------------------------------------------------------------
def nest(text: str) -> str:
    """Quotation marks inside quoted text become ‘’ (unless the text already uses ‘’)."""
    if INNER_OPEN in text or INNER_CLOSE in text:
        return text
    return text.replace(OPEN_Q, INNER_OPEN).replace(CLOSE_Q, INNER_CLOSE)


def unnest(text: str, kept_outer: bool) -> str:
    """Undo `nest`: ‘’ back to “” unless the quotation kept nested “” (then ‘’ are the text's own)."""
    if kept_outer:
        return text
    return text.replace(INNER_OPEN, OPEN_Q).replace(INNER_CLOSE, CLOSE_Q)


def quote_inline(text: str, convention: bool = True) -> str:
    return OPEN_Q + (nest(text) if convention else text) + CLOSE_Q


def quote_block(lines: list[str], sep: str = "\n\n", convention: bool = True) -> str:
    """Several paragraphs quoted: each opens with “, only the last closes with ”.

    `convention`: inner “” written ‘’ (Chinese drafting).  English texts keep their own
    marks (their ’ is an apostrophe) and inner “” are matched by nesting depth.
    """
    if not lines:
        return OPEN_Q + CLOSE_Q
    return sep.join(OPEN_Q + (nest(line) if convention else line) for line in lines) + CLOSE_Q


def split_quotes(text: str, convention: bool = True) -> tuple[str, list[list[str]]]:
    """Replace each quotation in `text` by QMARK; return the template and each quotation's lines.

    Raises LawdiffError on an unclosed quotation.
    """
    template: list[str] = []
    quotes: list[list[str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch != OPEN_Q:
            template.append(ch)
            i += 1
            continue
        # Open marks, innermost last.  German „…“ closes with “, so “ after „ is a closing mark.
        opened, i = [OPEN_Q], i + 1
        buf: list[str] = []
        nested = False
        at_line_start = False
        while i < n and opened:
            c = text[i]
            if c == "\n":
                at_line_start = True
                i += 1
                continue
            if at_line_start and c in " \t\u3000":
                i += 1
                continue
            if at_line_start:
                at_line_start = False
                if len(opened) == 1 and c == OPEN_Q:  # a quoted paragraph goes on: “ opens each line
                    buf.append("\n")
                    i += 1
                    continue
                buf.append("\n")
            if c == LOW_Q:
                opened.append(c)
            elif c == OPEN_Q and opened[-1] == LOW_Q:
                opened.pop()
            elif c == OPEN_Q:
                opened.append(c)
                nested = True
            elif c == CLOSE_Q:
                while opened and opened[-1] == LOW_Q:  # an unclosed „ inside does not hold the quotation open
                    opened.pop()
                opened.pop()
                if not opened:
                    i += 1
                    break
            buf.append(c)
            i += 1
        if opened:
            raise LawdiffError("a quotation (“) is never closed (”)")
        lines = [unnest(line, nested or not convention) for line in "".join(buf).split("\n")]
        quotes.append(lines)
        template.append(QMARK)
    return "".join(template), quotes


# -- quoted blocks <-> nodes -------------------------------------------------------------
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


# -- reading an instrument -----------------------------------------------------------------
ITEM_RE = re.compile(rf"^[*_#>\s]*(?P<label>[{NUMERAL_CHARS}]+|\d+|[(（]\d+[)）])\s*[、.．]\s*")
ITEM_RE_EN = re.compile(r"^\s*\(?(?P<label>\d+|[a-z])\)\s+|^\s*(?P<label2>\d+)\.\s+")


def parse_instrument(text: str, lang: str | None = None) -> Instrument:
    """Read an instrument's text (plain or Markdown) into numbered items and their instructions."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    if lang is None:
        lang = _instrument_language(lines)
    instrument = Instrument(lang=lang)
    item_re = ITEM_RE if lang == "zho" else ITEM_RE_EN
    current: list[str] = []
    current_label = ""
    current_line = 0
    open_quote = False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip().strip("\u200b\ufeff")
        if not line:
            if current:
                current.append("")
            continue
        match = None if open_quote else item_re.match(line)
        if match and not line.startswith(OPEN_Q):
            if current_label:
                instrument.items.append(_item(current_label, current, current_line, lang))
            current_label = match.group("label") or match.groupdict().get("label2") or ""
            current = [line[match.end():]]
            current_line = number
        elif current_label:
            current.append(line)
        else:
            heading = re.sub(r"^#+\s*", "", line)
            if not instrument.title:
                instrument.title = heading
            else:
                instrument.preamble.append(heading)
            continue
        open_quote = _quote_open_after(open_quote, line)
    if current_label:
        instrument.items.append(_item(current_label, current, current_line, lang))
    if not instrument.items:
        raise LawdiffError("no numbered item (一、… or 1. …) found: this does not look like an amending instrument")
    return instrument


def _instrument_language(lines: list[str]) -> str:
    """By the items' own numbering (一、 or (1)), not the quoted law, which may be in Chinese
    under an English-style instrument; by the script when that says nothing."""
    plain = [line.strip() for line in lines if line.strip() and not line.strip().startswith(OPEN_Q)]
    zh = sum(1 for line in plain if ITEM_RE.match(line) and not line.lstrip("#* ")[:1].isdigit())
    en = sum(1 for line in plain if ITEM_RE_EN.match(line))
    if zh != en:
        return "zho" if zh > en else "eng"
    sample = "".join(lines[:200])
    return "zho" if len(re.findall(r"[\u4e00-\u9fff]", sample)) > len(sample) * 0.1 else "eng"


def _quote_open_after(open_quote: bool, line: str) -> bool:
    """Is a quotation still open after this line?  (Continuation lines reopen with “.)"""
    opened: list[str] = [OPEN_Q] if open_quote else []
    for i, ch in enumerate(line):
        if ch == LOW_Q and opened:
            opened.append(ch)
        elif ch == OPEN_Q and opened and opened[-1] == LOW_Q:
            opened.pop()
        elif ch == OPEN_Q:
            if len(opened) == 1 and i == 0 and open_quote:
                continue
            opened.append(ch)
        elif ch == CLOSE_Q and opened:
            while opened and opened[-1] == LOW_Q:
                opened.pop()
            if opened:
                opened.pop()
    return bool(opened)


def _item(label: str, lines: list[str], line_no: int, lang: str) -> Item:
    while lines and not lines[-1]:
        lines.pop()
    text = "\n".join(lines)
    item = Item(label=label, text=text, line=line_no)
    try:
        template, quotes = split_quotes(text, convention=lang == "zho")
    except LawdiffError as exc:
        item.error = str(exc)
        return item
    from lawdiff.amend.grammar import parse_clauses  # the two grammars live apart from the model

    try:
        item.ops = parse_clauses(template, quotes, lang)
    except LawdiffError as exc:
        item.error = str(exc)
    return item


# -- quoted blocks, per script -------------------------------------------------------------------
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
        from collections import Counter

        self.by_shape: dict[str, Counter[tuple[str, int]]] = {}
        self.unnumbered: dict[tuple[str, int, str] | None, Counter[tuple[str, int]]] = {}
        articles = doc.articles() if hasattr(doc, "articles") else []  # type: ignore[attr-defined]
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
        from lawdiff.text.numbers import eid_number

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


def codec_for(doc: object) -> ZhCodec | LatinCodec:
    meta = getattr(doc, "meta", None)
    return ZhCodec() if getattr(meta, "lang", "zho") == "zho" else LatinCodec(doc)
