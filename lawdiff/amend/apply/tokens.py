"""The applier's working state: the base's body as a flat sequence of tokens, and back.

`flatten` turns the body into tokens (container headings, articles, other blocks); each
article (or, in a text without articles, each item: its units) becomes a mutable `ArticleState` whose paragraphs and points remember their
position in the base (`orig`) and which item changed them.  `fold` builds a tree again
the way the parser builds one: an article belongs to the innermost open container, and
a heading closes open containers of its level or below.  An article no item touched is
copied from the base as it was.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lawdiff.model import CONTAINER_KINDS, UNIT_KINDS, Document, Node
from lawdiff.text.numbers import eid_number

LEVELS = list(CONTAINER_KINDS)


@dataclass
class PointState:
    num: str
    number: str
    text: str
    orig: int | None  # 1-based position in the base paragraph; None when added
    children: list[PointState] = field(default_factory=list)
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # text changed by items
    changed_by: str = ""  # the item that rewrote this point
    kind: str = "point"  # Latin laws nest unnumbered paragraphs inside paragraphs


@dataclass
class ParaState:
    text: str
    orig: int | None
    points: list[PointState] = field(default_factory=list)
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    changed_by: str = ""
    num: str = ""  # Latin laws print paragraph numbers: "(2)"
    kind: str = "paragraph"


@dataclass
class ArticleState:
    num: str
    number: str
    heading: str
    paras: list[ParaState]
    orig: str | None  # base number; None when added
    line: int = 0
    text: str = ""  # an article's own text (never from the Chinese parser; kept as is)
    intro: str = ""
    rewritten_by: str = ""
    gone: dict[int, str] = field(default_factory=dict)  # base paragraph -> item that deleted/rewrote it
    touched: bool = False  # content changed: rebuilt from the state, not copied from `node`
    node: Node | None = None  # the base article, reused as is while untouched
    kind: str = "article"  # or "level": the items (一、二、…) of a text without articles


@dataclass
class HeaderState:
    kind: str
    num: str
    number: str
    heading: str
    intro: str = ""
    line: int = 0
    orig: tuple[tuple[str, int], ...] | None = None  # base chain of (kind, number)


@dataclass
class Token:
    uid: int
    article: ArticleState | None = None
    header: HeaderState | None = None
    other: Node | None = None
    anchor: tuple[str, int] | None = None  # (position, anchor uid) when an item placed it
    inserted_by: str = ""
    top: bool = False  # an `other` block that sat at the top of the body, outside any container


# -- tree <-> state ---------------------------------------------------------------------------
def point_state(node: Node, orig: int | None) -> PointState:
    return PointState(node.num, node.number, node.text, orig,
                      [point_state(c, i) for i, c in enumerate(node.children, start=1)], kind=node.kind)


def para_state(node: Node, orig: int | None) -> ParaState:
    return ParaState(node.text, orig, [point_state(c, i) for i, c in enumerate(node.children, start=1)],
                     num=node.num, kind=node.kind)


def article_state(node: Node, orig: str | None) -> ArticleState:
    return ArticleState(node.num, node.number, node.heading,
                        [para_state(c, i) for i, c in enumerate(node.children, start=1)],
                        orig, node.line, node.text, node.intro, node=node, kind=node.kind)


def point_node(p: PointState, registry: dict[int, Node] | None = None) -> Node:
    node = Node(p.kind, num=p.num, number=p.number, text=p.text,  # type: ignore[arg-type]
                children=[point_node(c, registry) for c in p.children])
    if registry is not None:
        registry[id(p)] = node
    return node


def article_node(a: ArticleState, registry: dict[int, Node] | None = None, positional: bool = True) -> Node:
    """The article as a tree again; `registry` learns which node each state became."""
    if not a.touched and a.node is not None:
        node = copy.deepcopy(a.node)
        node.num, node.number, node.heading = a.num, a.number, a.heading
        if registry is not None:
            registry[id(a)] = node
        return node
    children = []
    for i, p in enumerate(a.paras, start=1):
        # Chinese paragraphs are numbered by position; Latin ones by their printed number.
        number = str(i) if positional else (eid_number(p.num) if p.num else "")
        para = Node(p.kind, num=p.num, number=number, text=p.text)  # type: ignore[arg-type]
        for point in p.points:
            para.children.append(point_node(point, registry))
        children.append(para)
        if registry is not None:
            registry[id(p)] = para
    node = Node(a.kind, num=a.num, number=a.number, heading=a.heading, text=a.text, intro=a.intro,  # type: ignore[arg-type]
                children=children, line=a.line)
    if registry is not None:
        registry[id(a)] = node
    return node


def flatten(doc: Document) -> list[Token]:
    """The body as tokens in reading order; uids are positions in the base."""
    tokens: list[Token] = []

    def visit(node: Node, chain: tuple[tuple[str, int], ...]) -> None:
        uid = len(tokens)
        if node.kind in CONTAINER_KINDS:
            number = int(node.number) if node.number.isdigit() else 0
            own = chain + ((node.kind, number),)
            tokens.append(Token(uid, header=HeaderState(node.kind, node.num, node.number, node.heading, node.intro,
                                                        node.line, own)))
            for child in node.children:
                visit(child, own)
        elif node.kind in UNIT_KINDS:  # an article, or an item of a text without articles
            tokens.append(Token(uid, article=article_state(node, node.number)))
        else:
            tokens.append(Token(uid, other=node, top=not chain))

    for top in doc.body:
        visit(top, ())
    return tokens


def fold(tokens: list[Token], registry: dict[int, Node] | None = None, positional: bool = True) -> list[Node]:
    """Tokens back into a tree: a heading closes open containers of its level or below."""
    body: list[Node] = []
    stack: list[Node] = []
    for tok in tokens:
        if tok.header is not None:
            h = tok.header
            node = Node(h.kind, num=h.num, number=h.number, heading=h.heading, intro=h.intro, line=h.line)  # type: ignore[arg-type]
            if registry is not None:
                registry[id(h)] = node
            depth = LEVELS.index(h.kind)
            while stack and LEVELS.index(stack[-1].kind) >= depth:
                stack.pop()
            (stack[-1].children if stack else body).append(node)
            stack.append(node)
            continue
        node = article_node(tok.article, registry, positional) if tok.article is not None else tok.other  # type: ignore[assignment]
        # A block some readers leave at the top of the body stays there (containers stay open).
        (stack[-1].children if stack and not tok.top else body).append(node)
    return body


def container_end(tokens: list[Token], i: int) -> int:
    """The index after the last token inside the container whose heading is `tokens[i]`."""
    header = tokens[i].header
    assert header is not None
    depth = LEVELS.index(header.kind)
    j = i + 1
    while j < len(tokens):
        h = tokens[j].header
        if h is not None and LEVELS.index(h.kind) <= depth:
            break
        j += 1
    return j
