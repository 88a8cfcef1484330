"""Apply an amending instrument to a base version: the consolidated next version and a report.

The base's body is flattened into a sequence of tokens (container headings, articles,
other blocks); items change tokens and the sequence is folded back into a tree the way
the parser builds one (an article belongs to the innermost open container).  Places
are resolved in the *base* numbering, as instruments are written; an article added by
an earlier item can be named by its new number.

Every item is atomic: all of its instructions apply, or none and the item is reported
not applied with the reason (place not found, quoted text not found or found twice,
overlapping an earlier item, …).  Nothing is guessed silently.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lawdiff.amend.instrument import (
    KIND_WORDS, Instrument, Item, LatinCodec, Loc, Op, ZhCodec, codec_for, split_heading,
)
from lawdiff.model import CONTAINER_KINDS, Document, Meta, Node
from lawdiff.text.numerals import int_to_zh, zh_to_int

LEVELS = list(CONTAINER_KINDS)


class Failure(Exception):
    """One instruction cannot be applied; the message is the reason shown to the user."""


# -- the working state ------------------------------------------------------------------
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


@dataclass
class Change:
    """What one instruction changed, for the report and for passiveModifications."""

    type: str  # AKN textualMod type: substitution, insertion, repeal, renumbering
    what: str  # human-readable: "第一百六十五条 rewritten"
    token: Token | None = None
    para: ParaState | None = None
    point: PointState | None = None
    base_eid: str = ""  # for repeals: the element's eId in the base


@dataclass
class ItemReport:
    label: str
    status: str  # "applied", "not applied", "noted"
    reason: str = ""
    changes: list[Change] = field(default_factory=list)
    text: str = ""
    line: int = 0

    def line_text(self, lang: str = "zho") -> str:
        head = f"item {self.label}: {self.status}"
        if self.reason:
            head += f": {self.reason}"
        elif self.changes:
            head += ": " + "; ".join(c.what for c in self.changes)
        return head


@dataclass
class ApplyResult:
    doc: Document
    reports: list[ItemReport]
    renumbered: bool = False
    registry: dict[int, Node] = field(default_factory=dict)  # id(state) -> node of `doc`

    def modifications(self) -> list[dict[str, str]]:
        """Which item changed which element: type, the element's eId (in the result, or in the base
        for what was deleted, then marked `base`), and the item's label."""
        from lawdiff.akn.eids import assign_eids as eids

        by_node = eids(self.doc)
        out: list[dict[str, str]] = []
        for pos, report in enumerate(self.reports, start=1):
            if report.status != "applied":
                continue
            for change in report.changes:
                eid, where = "", "result"
                for state in (change.point, change.para, change.token and (change.token.article or change.token.header)):
                    node = self.registry.get(id(state)) if state is not None else None
                    if node is not None:
                        eid = by_node.get(id(node), "")
                        break
                if not eid and change.base_eid:
                    eid, where = change.base_eid, "base"
                if eid:
                    out.append({"type": change.type, "eid": eid, "in": where, "item": report.label,
                                "pos": str(pos)})
        return out

    @property
    def ok(self) -> bool:
        return all(r.status != "not applied" for r in self.reports)

    @property
    def counts(self) -> dict[str, int]:
        out = {"applied": 0, "not applied": 0, "noted": 0}
        for r in self.reports:
            out[r.status] += 1
        return out


# -- numbering style --------------------------------------------------------------------
@dataclass
class NumStyle:
    arabic: bool = False  # "第12条" rather than "第十二条"
    latin: bool = False  # "Article 12"
    latin_word: str = "Article"

    def article(self, number: str) -> str:
        main, _, sub = number.partition("-")
        if self.latin and not sub:
            return f"{self.latin_word} {number}"
        if self.latin:
            suffix = chr(ord("a") + int(sub) - 1) if sub.isdigit() and 0 < int(sub) <= 26 else (f"-{sub}" if sub else "")
            return f"{self.latin_word} {main}{suffix}"
        if not main.isdigit() or (sub and not sub.isdigit()):
            return f"第{number}条"
        text = f"第{self._n(int(main))}条"
        return text + (f"之{self._n(int(sub))}" if sub else "")

    def container(self, kind: str, number: str) -> str:
        if self.latin:
            from lawdiff.amend.instrument import CONTAINER_EN

            return f"{CONTAINER_EN.get(kind, kind.title())} {number}"
        word = KIND_WORDS.get(kind, "章")
        return f"第{self._n(int(number))}{word}" if number.isdigit() else f"第{number}{word}"

    def _n(self, value: int) -> str:
        return str(value) if self.arabic else int_to_zh(value)


def num_style(doc: Document) -> NumStyle:
    nums = [a.num for a in doc.articles() if a.num]
    if doc.meta.lang != "zho":
        word = nums[0].split()[0] if nums and " " in nums[0] else "Article"
        return NumStyle(latin=True, latin_word=word)
    arabic = sum(1 for n in nums if re.search(r"[0-9０-９]", n))
    return NumStyle(arabic=arabic * 2 > len(nums))


def _eid_number(num: str) -> str:
    from lawdiff.text.numbers import eid_number

    return eid_number(num)


def number_key(number: str) -> tuple[int, int]:
    main, _, sub = number.partition("-")
    try:
        return int(main), int(sub or 0)
    except ValueError:
        return 10 ** 9, 0


# -- flatten and fold ------------------------------------------------------------------------
def _point_state(node: Node, orig: int | None) -> PointState:
    return PointState(node.num, node.number, node.text, orig,
                      [_point_state(c, i) for i, c in enumerate(node.children, start=1)], kind=node.kind)


def _para_state(node: Node, orig: int | None) -> ParaState:
    return ParaState(node.text, orig, [_point_state(c, i) for i, c in enumerate(node.children, start=1)],
                     num=node.num, kind=node.kind)


def article_state(node: Node, orig: str | None) -> ArticleState:
    return ArticleState(node.num, node.number, node.heading,
                        [_para_state(c, i) for i, c in enumerate(node.children, start=1)],
                        orig, node.line, node.text, node.intro, node=node)


def _point_node(p: PointState, registry: dict[int, Node] | None = None) -> Node:
    node = Node(p.kind, num=p.num, number=p.number, text=p.text,  # type: ignore[arg-type]
                children=[_point_node(c, registry) for c in p.children])
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
        number = str(i) if positional else (_eid_number(p.num) if p.num else "")
        para = Node(p.kind, num=p.num, number=number, text=p.text)  # type: ignore[arg-type]
        for point in p.points:
            para.children.append(_point_node(point, registry))
        children.append(para)
        if registry is not None:
            registry[id(p)] = para
    node = Node("article", num=a.num, number=a.number, heading=a.heading, text=a.text, intro=a.intro,
                children=children, line=a.line)
    if registry is not None:
        registry[id(a)] = node
    return node


def flatten(doc: Document) -> list[Token]:
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
        elif node.kind == "article":
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
        (stack[-1].children if stack and not tok.top else body).append(node)  # type: ignore[arg-type]
    return body


# -- the engine ---------------------------------------------------------------------------
class Applier:
    def __init__(self, base: Document, codec: ZhCodec | LatinCodec | None = None) -> None:
        self.base = base
        self.style = num_style(base)
        self.codec = codec or codec_for(base)
        self.positional = base.meta.lang == "zho"
        self.tokens = flatten(base)
        self.next_uid = len(self.tokens)
        self.by_number: dict[str, Token] = {}
        self.headers: list[Token] = []
        for tok in self.tokens:
            if tok.article is not None and tok.article.orig and tok.article.orig not in self.by_number:
                self.by_number[tok.article.orig] = tok
            if tok.header is not None:
                self.headers.append(tok)
        self.content = self._container_content()
        self.added: dict[str, Token] = {}  # articles added by items, by their new number
        self.added_headers: list[Token] = []
        self.gone: dict[int, str] = {}  # uid -> item that deleted the token
        self.renumber_articles = False
        self.renumber_containers = False
        self.explicit: list[tuple[Token, str]] = []
        self.base_eids = self._base_eids()
        # Folding relies on containers nesting by level (编 > 分编 > 章 > 节); a base whose tree
        # does not (some foreign inputs) is refused rather than silently restructured.
        if [node_key(n) for n in fold(flatten(base), None, self.positional)] != [node_key(n) for n in base.body]:
            from lawdiff.errors import LawdiffError

            raise LawdiffError("this version's containers do not nest by level (book > part > chapter > section); "
                               "instruments cannot be applied to it")

    # -- lookup -------------------------------------------------------------------------
    def _container_content(self) -> dict[int, list[Token]]:
        content: dict[int, list[Token]] = {}
        open_: list[Token] = []
        for tok in self.tokens:
            if tok.header is not None:
                depth = LEVELS.index(tok.header.kind)
                while open_ and LEVELS.index(open_[-1].header.kind) >= depth:  # type: ignore[union-attr]
                    open_.pop()
                for outer in open_:
                    content[outer.uid].append(tok)
                content[tok.uid] = []
                open_.append(tok)
            else:
                for outer in open_:
                    content[outer.uid].append(tok)
        return content

    def _base_eids(self) -> dict[int, str]:
        """uid of each base token -> its eId in the base (where a repeal points)."""
        from lawdiff.akn.eids import assign_eids as eids

        by_node = eids(self.base)
        nodes: list[Node] = []

        def visit(node: Node) -> None:
            nodes.append(node)
            if node.kind in CONTAINER_KINDS:
                for child in node.children:
                    visit(child)

        for top in self.base.body:
            visit(top)
        return {uid: by_node.get(id(node), "") for uid, node in enumerate(nodes)}

    def index(self, tok: Token) -> int:
        for i, t in enumerate(self.tokens):
            if t is tok:
                return i
        raise Failure("internal: token lost")

    def number(self, number: str) -> str:
        """An article number in the base's own form: "12a" and "12-1" name the same inserted article."""
        if self.positional:
            match = re.fullmatch(r"(\d+)([a-z])", number)
            return f"{match.group(1)}-{ord(match.group(2)) - ord('a') + 1}" if match else number
        match = re.fullmatch(r"(\d+)-(\d+)", number)
        return f"{match.group(1)}{chr(ord('a') + int(match.group(2)) - 1)}" if match and int(match.group(2)) <= 26 \
            else number

    def article(self, number: str, label: str, what: str = "") -> Token:
        number = self.number(number)
        tok = self.by_number.get(number)
        if tok is None:
            tok = self.added.get(number)
            if tok is None:
                alt = _alt_number(number)
                tok = self.by_number.get(alt) or self.added.get(alt) if alt else None
        if tok is None:
            raise Failure(f"{self.style.article(number)} not found in the base version")
        if tok.uid in self.gone:
            raise Failure(f"{self.style.article(number)} was deleted by item {self.gone[tok.uid]} (overlapping items)")
        return tok

    def container(self, loc: Loc) -> Token:
        chain = loc.containers
        found = [t for t in self.headers if t.header is not None and t.header.orig is not None
                 and t.header.orig[-len(chain):] == chain]
        if not found:
            found = [t for t in self.added_headers if t.header is not None
                     and (t.header.kind, int(t.header.number or 0)) == chain[-1]]
        name = "".join(self.style.container(k, str(n)) for k, n in chain)
        if not found:
            raise Failure(f"{name} not found in the base version")
        if len(found) > 1:
            raise Failure(f"{name} is ambiguous ({len(found)} such containers; name the enclosing one too)")
        tok = found[0]
        if tok.uid in self.gone:
            raise Failure(f"{name} was deleted by item {self.gone[tok.uid]} (overlapping items)")
        return tok

    def anchor_token(self, loc: Loc, label: str) -> Token:
        if loc.article:
            return self.article(loc.article, label)
        if loc.is_container:
            return self.container(loc)
        raise Failure("the instrument names no place")

    # -- undo (items are atomic) -----------------------------------------------------------
    def _snapshot(self) -> tuple[object, ...]:
        return (list(self.tokens), dict(self.added), list(self.added_headers), dict(self.gone),
                self.renumber_articles, self.renumber_containers, list(self.explicit), self.next_uid)

    def _restore(self, snap: tuple[object, ...], saved: dict[int, tuple[Token, object]]) -> None:
        (self.tokens, self.added, self.added_headers, self.gone, self.renumber_articles,  # type: ignore[assignment]
         self.renumber_containers, self.explicit, self.next_uid) = snap  # type: ignore[assignment]
        for tok, state in saved.values():
            if isinstance(state, ArticleState):
                tok.article = state
            elif isinstance(state, HeaderState):
                tok.header = state

    def _save(self, tok: Token) -> None:
        if tok.uid not in self.saved:
            state = tok.article if tok.article is not None else tok.header
            self.saved[tok.uid] = (tok, copy.deepcopy(state))

    # -- items ---------------------------------------------------------------------------
    def apply_item(self, item: Item) -> ItemReport:
        report = ItemReport(item.label, "applied", text=item.text, line=item.line)
        if item.error:
            report.status, report.reason = "not applied", item.error
            return report
        if all(op.kind == "note" for op in item.ops):
            report.status, report.reason = "noted", "no change to the text (" + item.ops[0].text[:40] + ")"
            return report
        snap = self._snapshot()
        self.saved: dict[int, tuple[Token, object]] = {}
        try:
            for op in item.ops:
                report.changes.extend(self.apply_op(op, item.label))
        except Failure as exc:
            self._restore(snap, self.saved)
            report.status, report.reason, report.changes = "not applied", str(exc), []
        return report

    def apply_op(self, op: Op, label: str) -> list[Change]:
        handler = getattr(self, "op_" + op.kind)
        return handler(op, label)  # type: ignore[no-any-return]

    def op_note(self, op: Op, label: str) -> list[Change]:
        return []

    # articles as a whole
    def op_replace(self, op: Op, label: str) -> list[Change]:
        tok = self.article(op.target.article, label)
        art = self._writable(tok)
        name = self.style.article(op.target.article)
        if op.target.level == "article":
            self._not_overlapping(art, label, name)
            lines = op.lines
            heading = ""
            if art.heading and self.codec.headings:
                heading, lines = split_heading(lines)
            paras = self.codec.paragraphs(lines)
            if op.adds_paragraph and (len(paras) < op.adds_paragraph or len(paras) <= len(art.paras)):
                raise Failure(f"the item adds paragraph {op.adds_paragraph} to {name}, but the new text has "
                              f"{len(paras)} paragraph(s) and the article had {len(art.paras)}")
            for p in art.paras:
                if p.orig is not None:
                    art.gone[p.orig] = label
            art.paras = [_para_state(p, None) for p in paras]
            for p in art.paras:
                p.changed_by = label
            if heading:
                art.heading = heading
            art.rewritten_by = label
            return [Change("substitution", f"{name} rewritten ({len(paras)} paragraph(s))", tok)]
        para = self._para(art, op.target, label, name)
        where = self.place(Loc(article=op.target.article, paragraph=op.target.paragraph))
        if op.target.level == "paragraph":
            self._para_not_overlapping(para, label, where)
            new = self.codec.paragraphs(op.lines)
            if not new:
                raise Failure(f"the new text of {where} is empty")
            i = art.paras.index(para)
            states = [_para_state(p, None) for p in new]
            for s in states:
                s.changed_by = label
            art.paras[i:i + 1] = states
            if para.orig is not None:
                art.gone[para.orig] = label
            extra = f" (now {len(states)} paragraphs)" if len(states) > 1 else ""
            return [Change("substitution", f"{where} rewritten{extra}", tok, states[0])]
        point = self._point(para, op.target, label, where)
        where = self.place(op.target)
        if point.changed_by or point.spans:
            raise Failure(f"{where} was already changed by item {point.changed_by or point.spans[0][2]} "
                          "(overlapping items)")
        new_point = self.codec.point(op.lines)
        if new_point is None:
            if len(op.lines) != 1:
                raise Failure(f"the new text of {where} is not one point")
            state = PointState(point.num, point.number, op.lines[0], None)
        else:
            state = _point_state(new_point, None)
        state.changed_by = label
        para.points[para.points.index(point)] = state
        return [Change("substitution", f"{where} rewritten", tok, para, state)]

    def op_heading(self, op: Op, label: str) -> list[Change]:
        tok = self.article(op.target.article, label)
        art = self._writable(tok)
        art.heading = op.new
        name = self.style.article(op.target.article)
        return [Change("substitution" if op.new else "repeal",
                       f"heading of {name} {'replaced' if op.new else 'deleted'}", tok)]

    # words inside an article
    def op_replace_text(self, op: Op, label: str) -> list[Change]:
        return self._edit(op, label)

    def op_insert_text(self, op: Op, label: str) -> list[Change]:
        return self._edit(op, label)

    def op_delete_text(self, op: Op, label: str) -> list[Change]:
        return self._edit(op, label)

    def _edit(self, op: Op, label: str) -> list[Change]:
        tok = self.article(op.target.article, label)
        art = self._writable(tok)
        name = self.style.article(op.target.article)
        where = self.place(op.target)
        leaves: list[tuple[ParaState | PointState, ParaState]] = []
        if op.target.level == "article":
            self._not_overlapping(art, label, name, whole=False)
            for p in art.paras:
                leaves.extend(_leaves(p))
        else:
            para = self._para(art, op.target, label, name)
            if op.target.level == "paragraph":
                leaves.extend(_leaves(para))
            else:
                point = self._point(para, op.target, label, where)
                leaves.extend((leaf, para) for leaf, _p in _leaves_point(point))
        if not op.old:
            raise Failure("the quoted text to find is empty")
        hits = [(leaf, para, i) for leaf, para in leaves for i in _find_all(leaf.text, op.old)]
        if not hits:
            raise Failure(f"“{op.old}” not found in {where}")
        if len(hits) > 1:
            raise Failure(f"“{op.old}” found {len(hits)} times in {where}; the place is ambiguous")
        leaf, para, i = hits[0]
        end = i + len(op.old)
        for s, e, other in leaf.spans:
            if (s < end and i < e) or (s == e and i < s < end):
                raise Failure(f"“{op.old}” in {where} overlaps text changed by item {other} (overlapping items)")
        if isinstance(leaf, PointState) and leaf.changed_by:
            raise Failure(f"{where} was rewritten by item {leaf.changed_by} (overlapping items)")
        if isinstance(leaf, ParaState) and leaf.changed_by:
            raise Failure(f"{where} was rewritten by item {leaf.changed_by} (overlapping items)")
        if op.kind == "replace_text":
            start, removed, inserted, what = i, len(op.old), op.new, f"“{op.old}” → “{op.new}”"
        elif op.kind == "insert_text":
            start = end if op.position == "after" else i
            removed, inserted, what = 0, op.new, f"“{op.new}” inserted {op.position} “{op.old}”"
        else:
            start, removed, inserted, what = i, len(op.old), "", f"“{op.old}” deleted"
        leaf.text = leaf.text[:start] + inserted + leaf.text[start + removed:]
        delta = len(inserted) - removed
        leaf.spans = [(s + delta if s >= start + removed else s, e + delta if e >= start + removed else e, o)
                      for s, e, o in leaf.spans]
        leaf.spans.append((start, start + len(inserted), label))
        point = leaf if isinstance(leaf, PointState) else None
        return [Change("substitution" if op.kind == "replace_text" else
                       ("insertion" if op.kind == "insert_text" else "repeal"), f"{where}: {what}", tok, para, point)]

    # paragraphs and points
    def op_add_paragraph(self, op: Op, label: str) -> list[Change]:
        tok = self.article(op.target.article, label)
        art = self._writable(tok)
        name = self.style.article(op.target.article)
        self._not_overlapping(art, label, name, whole=False)
        position = int(op.number)
        if not 1 <= position <= len(art.paras) + 1:
            raise Failure(f"{name} has {len(art.paras)} paragraph(s); paragraph {position} cannot be added")
        new = [_para_state(p, None) for p in self.codec.paragraphs(op.lines)]
        if not new:
            raise Failure("the new paragraph is empty")
        art.paras[position - 1:position - 1] = new
        extra = f" ({len(new)} paragraphs)" if len(new) > 1 else ""
        return [Change("insertion", f"{name}: paragraph {position} added{extra}", tok, new[0])]

    def op_add_point(self, op: Op, label: str) -> list[Change]:
        tok = self.article(op.target.article, label)
        art = self._writable(tok)
        name = self.style.article(op.target.article)
        para = self._para(art, Loc(article=op.target.article, paragraph=op.target.paragraph, point=1), label, name,
                          for_points=True)
        position = int(op.number)
        if not 1 <= position <= len(para.points) + 1:
            raise Failure(f"{name} has {len(para.points)} point(s) there; point {position} cannot be added")
        node = self.codec.point(op.lines)
        if node is None:
            raise Failure("the new point does not start with a point number such as （三）")
        canonical = _canonical_points(para.points)
        state = _point_state(node, None)
        para.points.insert(position - 1, state)
        if canonical:
            _renumber_points(para.points, canonical)
        return [Change("insertion", f"{name}: point {position} added", tok, para, state)]

    def op_delete(self, op: Op, label: str) -> list[Change]:
        loc = op.target
        if loc.is_container:
            return self._delete_container(loc, label)
        tok = self.article(loc.article, label)
        name = self.style.article(loc.article)
        if loc.level == "article":
            art = tok.article
            assert art is not None
            if art.touched:
                raise Failure(f"{name} was changed by an earlier instruction (overlapping items)")
            self.tokens.remove(tok)
            self.gone[tok.uid] = label
            return [Change("repeal", f"{name} deleted", None, base_eid=self._base_eid(tok))]
        art = self._writable(tok)
        para = self._para(art, loc, label, name)
        where = self.place(Loc(article=loc.article, paragraph=loc.paragraph))
        if loc.level == "paragraph":
            self._para_not_overlapping(para, label, where)
            art.paras.remove(para)
            if para.orig is not None:
                art.gone[para.orig] = label
            return [Change("repeal", f"{where} deleted", tok)]
        point = self._point(para, loc, label, where)
        where = self.place(loc)
        if point.changed_by or point.spans:
            raise Failure(f"{where} was already changed by item {point.changed_by or point.spans[0][2]} "
                          "(overlapping items)")
        canonical = _canonical_points(para.points)
        para.points.remove(point)
        if canonical:
            _renumber_points(para.points, canonical)
        return [Change("repeal", f"{where} deleted", tok, para)]

    def _delete_container(self, loc: Loc, label: str) -> list[Change]:
        tok = self.container(loc)
        removed = [tok] + [t for t in self.content.get(tok.uid, []) if t.uid not in self.gone and t in self.tokens]
        for t in removed:
            if t.article is not None and (t.article.rewritten_by or t.article.gone or t.article.touched):
                raise Failure(f"{t.article.num} in it was changed by an earlier item (overlapping items)")
        for t in removed:
            self.tokens.remove(t)
            self.gone[t.uid] = label
        arts = sum(1 for t in removed if t.article is not None)
        name = tok.header.num if tok.header else ""
        return [Change("repeal", f"{name} deleted with its {arts} article(s)", None, base_eid=self._base_eid(tok))]

    def op_delete_heading(self, op: Op, label: str) -> list[Change]:
        tok = self.container(op.target)
        self.tokens.remove(tok)
        self.gone[tok.uid] = label
        return [Change("repeal", f"heading {tok.header.num if tok.header else ''} deleted; its articles stay",
                       None, base_eid=self._base_eid(tok))]

    def op_rename(self, op: Op, label: str) -> list[Change]:
        tok = self.container(op.target)
        self._save(tok)
        assert tok.header is not None
        tok.header.heading = op.new
        return [Change("substitution", f"heading of {tok.header.num} replaced", tok)]

    # placing articles and containers
    def op_add_article(self, op: Op, label: str) -> list[Change]:
        op.number = self.number(op.number)
        name = self.style.article(op.number)
        if op.number in self.added:
            raise Failure(f"{name} was already added by an earlier item")
        lines = op.lines
        heading = op.new  # "条标为“…”" names it; otherwise it may lead the quotation
        if not heading and self.codec.headings and _uses_headings(self.base):
            heading, lines = split_heading(lines)
        paras = self.codec.paragraphs(lines)
        art = ArticleState(name, op.number, heading, [_para_state(p, None) for p in paras], None)
        art.touched = True
        tok = Token(self._uid(), article=art, inserted_by=label)
        where = self._place(tok, op.anchor, op.position, label, article_number=op.number)
        self.added[op.number] = tok
        return [Change("insertion", f"{name} added {where}", tok)]

    def op_add_container(self, op: Op, label: str) -> list[Change]:
        if op.ckind not in LEVELS:
            raise Failure(f"unknown container kind {op.ckind!r}")
        num = self.style.container(op.ckind, op.number)
        header = HeaderState(op.ckind, num, op.number, op.new)
        tok = Token(self._uid(), header=header, inserted_by=label)
        where = self._place(tok, op.anchor, op.position, label)
        self.added_headers.append(tok)
        return [Change("insertion", f"{num} added {where}", tok)]

    def op_move(self, op: Op, label: str) -> list[Change]:
        tok = self.article(op.target.article, label)
        anchor = self.anchor_token(op.anchor, label)
        if anchor is tok:
            raise Failure("an article cannot be moved next to itself")
        self.tokens.remove(tok)
        where = self._place(tok, op.anchor, op.position, label)
        return [Change("renumbering", f"{self.style.article(op.target.article)} moved {where}", tok)]

    def op_renumber(self, op: Op, label: str) -> list[Change]:
        if op.target.is_container:
            tok = self.container(op.target)
            self._save(tok)
            assert tok.header is not None
            old = tok.header.num
            tok.header.number = op.number
            tok.header.num = self.style.container(tok.header.kind, op.number)
            return [Change("renumbering", f"{old} renumbered {tok.header.num}", tok)]
        tok = self.article(op.target.article, label)
        art = self._writable(tok, touch=False)
        old = art.num
        op.number = self.number(op.number)
        art.number = op.number
        art.num = self.style.article(op.number)
        self.explicit.append((tok, op.number))
        return [Change("renumbering", f"{old} renumbered {art.num}", tok)]

    def op_renumber_all(self, op: Op, label: str) -> list[Change]:
        if not (op.articles or op.containers):
            raise Failure("the sentence does not say what is renumbered (条文, 章节)")
        self.renumber_articles = self.renumber_articles or op.articles
        self.renumber_containers = self.renumber_containers or op.containers
        what = " and ".join(w for w, f in (("articles", op.articles), ("chapters/sections", op.containers)) if f)
        return [Change("renumbering", f"{what} renumbered in order")]

    def _uid(self) -> int:
        self.next_uid += 1
        return self.next_uid

    def _place(self, tok: Token, anchor: Loc, position: str, label: str, article_number: str = "") -> str:
        if not position:
            return self._place_unanchored(tok, article_number)
        target = self.anchor_token(anchor, label)
        if target.uid in self.gone:
            raise Failure("the place named was deleted (overlapping items)")
        i = self.index(target)
        key = (position, target.uid)
        if position == "before":
            where = "before " + self._name(target)
        elif position == "after":
            if target.header is not None:  # after a container: after its last token
                i = self._container_end(i)
            else:
                i += 1
            where = "after " + self._name(target)
        elif position == "in":
            if target.header is None:
                raise Failure("'在…中' must name a chapter or section")
            i += 1
            where = "at the start of " + self._name(target)
        else:
            raise Failure(f"unknown position {position!r}")
        if position != "before":
            while i < len(self.tokens) and self.tokens[i].anchor == key:
                i += 1
        tok.anchor = key
        self.tokens.insert(i, tok)
        return where

    def _container_end(self, i: int) -> int:
        depth = LEVELS.index(self.tokens[i].header.kind)  # type: ignore[union-attr]
        j = i + 1
        while j < len(self.tokens):
            h = self.tokens[j].header
            if h is not None and LEVELS.index(h.kind) <= depth:
                break
            j += 1
        return j

    def _place_unanchored(self, tok: Token, number: str) -> str:
        """No place named: an article goes after the last article numbered below it; a container at the end."""
        if tok.article is not None and number:
            key = number_key(number)
            last = None
            for i, t in enumerate(self.tokens):
                if t.article is not None and number_key(t.article.number) < key:
                    last = i
            if last is not None:
                i = last + 1
                while i < len(self.tokens) and self.tokens[i].anchor == ("after", self.tokens[last].uid):
                    i += 1
                tok.anchor = ("after", self.tokens[last].uid)
                self.tokens.insert(i, tok)
                return f"after {self._name(self.tokens[last])} (the instrument names no place)"
        self.tokens.append(tok)
        return "at the end (the instrument names no place)"

    def place(self, loc: Loc) -> str:
        """A place as the instrument's language writes it: 第三百八十七条第一款 / Article 387(1)."""
        from lawdiff.amend.writer import en_place, zh_place

        return en_place(loc) if self.style.latin else zh_place(loc)

    def _name(self, tok: Token) -> str:
        if tok.article is not None:
            return tok.article.num or self.style.article(tok.article.number)
        if tok.header is not None:
            return tok.header.num or tok.header.heading
        return "text block"

    # -- helpers -----------------------------------------------------------------------------
    def _writable(self, tok: Token, touch: bool = True) -> ArticleState:
        self._save(tok)
        assert tok.article is not None
        if touch:
            tok.article.touched = True
        return tok.article

    def _not_overlapping(self, art: ArticleState, label: str, name: str, whole: bool = True) -> None:
        if art.rewritten_by:
            raise Failure(f"{name} was rewritten by item {art.rewritten_by} (overlapping items)")
        if whole:
            for p in art.paras:
                mark = p.changed_by or (p.spans[0][2] if p.spans else "") or \
                    next((q.changed_by or (q.spans[0][2] if q.spans else "") for q in p.points
                          if q.changed_by or q.spans), "")
                if mark:
                    raise Failure(f"{name} was already changed by item {mark} (overlapping items)")
            if art.gone:
                raise Failure(f"{name} was already changed by item {next(iter(art.gone.values()))} "
                              "(overlapping items)")

    def _para_not_overlapping(self, para: ParaState, label: str, where: str) -> None:
        mark = para.changed_by or (para.spans[0][2] if para.spans else "") or \
            next((q.changed_by or (q.spans[0][2] if q.spans else "") for q in para.points if q.changed_by or q.spans), "")
        if mark:
            raise Failure(f"{where} was already changed by item {mark} (overlapping items)")

    def _para(self, art: ArticleState, loc: Loc, label: str, name: str, for_points: bool = False) -> ParaState:
        if art.rewritten_by:
            raise Failure(f"{name} was rewritten by item {art.rewritten_by} (overlapping items)")
        if not loc.paragraph:
            if loc.point or for_points:
                with_points = [p for p in art.paras if p.points]
                if len(art.paras) == 1:
                    return art.paras[0]
                if len(with_points) == 1:
                    return with_points[0]
                raise Failure(f"{name} has {len(art.paras)} paragraphs; name the paragraph (第几款) of the point")
            raise Failure(f"{name}: no paragraph named")
        for p in art.paras:
            if p.orig == loc.paragraph:
                return p
        if loc.paragraph in art.gone:
            raise Failure(f"{self.place(Loc(article=loc.article, paragraph=loc.paragraph))} was changed by item "
                          f"{art.gone[loc.paragraph]} (overlapping items)")
        raise Failure(f"{name} has no paragraph {loc.paragraph} (it has {len(art.paras)})")

    def _point(self, para: ParaState, loc: Loc, label: str, where: str) -> PointState:
        if para.changed_by:
            raise Failure(f"{where} was rewritten by item {para.changed_by} (overlapping items)")
        for p in para.points:
            if p.orig == loc.point:
                return p
        raise Failure(f"{where} has no point {loc.point}")

    def _base_eid(self, tok: Token) -> str:
        return self.base_eids.get(tok.uid, "")

    # -- the end ----------------------------------------------------------------------------
    def finish(self) -> Document:
        if self.renumber_articles:
            n = 0
            for tok in self.tokens:
                if tok.article is not None:
                    n += 1
                    tok.article.number = str(n)
                    tok.article.num = self.style.article(str(n))
        if self.renumber_containers:
            self._renumber_containers()
        meta = copy.deepcopy(self.base.meta)
        self.registry: dict[int, Node] = {}
        return Document(meta=meta, front=copy.deepcopy(self.base.front),
                        body=fold(self.tokens, self.registry, self.positional),
                        attachments=copy.deepcopy(self.base.attachments))

    def _renumber_containers(self) -> None:
        restart = container_restarts(self.base)
        counters: dict[str, int] = {}
        open_: dict[str, int] = {}
        prev: dict[str, dict[str, int]] = {}
        for tok in self.tokens:
            h = tok.header
            if h is None:
                continue
            depth = LEVELS.index(h.kind)
            for kind in LEVELS[depth:]:
                open_.pop(kind, None)
            parents = {k: open_[k] for k in LEVELS[:depth] if k in open_}
            if h.number:
                outer = _outer_change(prev.get(h.kind), parents, depth)
                if outer and outer in restart.get(h.kind, set()):
                    counters[h.kind] = 0
                counters[h.kind] = counters.get(h.kind, 0) + 1
                prev[h.kind] = parents
                h.number = str(counters[h.kind])
                h.num = self.style.container(h.kind, h.number)
            open_[h.kind] = tok.uid


def _outer_change(before: dict[str, int] | None, now: dict[str, int], depth: int) -> str:
    """The outermost enclosing kind whose container differs from the previous one's ("" if none)."""
    if before is None:
        return ""
    for kind in LEVELS[:depth]:
        if before.get(kind) != now.get(kind):
            return kind
    return ""


def container_restarts(doc: Document) -> dict[str, set[str]]:
    """For each container kind, the enclosing kinds whose start restarts its numbering at 1.

    Sections restart in each chapter; chapters may restart in each book (编) yet run on
    across sub-books (分编): read from the base, "restart" where the base shows nothing.
    """
    runs_on: dict[str, set[str]] = {}
    restarts: dict[str, set[str]] = {}
    prev: dict[str, dict[str, int]] = {}

    def visit(node: Node, open_: dict[str, int]) -> None:
        if node.kind not in CONTAINER_KINDS:
            return
        depth = LEVELS.index(node.kind)
        parents = {k: v for k, v in open_.items() if LEVELS.index(k) < depth}
        if node.number.isdigit():
            outer = _outer_change(prev.get(node.kind), parents, depth)
            if outer:
                (restarts if node.number == "1" else runs_on).setdefault(node.kind, set()).add(outer)
            prev[node.kind] = parents
        inner = dict(parents)
        inner[node.kind] = id(node)
        for child in node.children:
            visit(child, inner)

    for top in doc.body:
        visit(top, {})
    return {kind: {k for k in LEVELS[:LEVELS.index(kind)] if k not in runs_on.get(kind, set())}
            | restarts.get(kind, set()) for kind in LEVELS}


def _alt_number(number: str) -> str:
    """"12a" <-> "12-1" so that English references find inserted articles either way."""
    match = re.fullmatch(r"(\d+)([a-z])", number)
    if match:
        return f"{match.group(1)}-{ord(match.group(2)) - ord('a') + 1}"
    return ""


def _uses_headings(doc: Document) -> bool:
    arts = doc.articles()
    return bool(arts) and sum(1 for a in arts if a.heading) * 2 > len(arts)


def _leaves(para: ParaState) -> list[tuple[ParaState | PointState, ParaState]]:
    out: list[tuple[ParaState | PointState, ParaState]] = [(para, para)]
    for p in para.points:
        out.extend((leaf, para) for leaf, _ in _leaves_point(p))
    return out


def _leaves_point(point: PointState) -> list[tuple[PointState, PointState]]:
    out = [(point, point)]
    for c in point.children:
        out.extend(_leaves_point(c))
    return out


def _find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


POINT_NUM_RE = re.compile(r"^([(（])\s*([0-9]+|[零一二三四五六七八九十百]+)\s*([)）])$")


def _canonical_points(points: list[PointState]) -> tuple[str, str, bool] | None:
    """(open, close, arabic) when the points are numbered 1..n in one bracket style, else None."""
    if not points:
        return None
    first = POINT_NUM_RE.match(points[0].num)
    if not first:
        return None
    style = (first.group(1), first.group(3), first.group(2).isdigit())
    for i, p in enumerate(points, start=1):
        m = POINT_NUM_RE.match(p.num)
        if not m or (m.group(1), m.group(3), m.group(2).isdigit()) != style or zh_to_int(m.group(2)) != i:
            return None
    return style


def _renumber_points(points: list[PointState], style: tuple[str, str, bool]) -> None:
    open_, close, arabic = style
    for i, p in enumerate(points, start=1):
        p.num = f"{open_}{i if arabic else int_to_zh(i)}{close}"
        p.number = str(i)


def apply_instrument(base: Document, instrument: Instrument, meta: Meta | None = None) -> ApplyResult:
    """Apply every item in order; items that cannot apply are reported and leave no trace."""
    applier = Applier(base)
    reports = [applier.apply_item(item) for item in instrument.items]
    doc = applier.finish()
    if meta is not None:
        doc.meta = meta
    return ApplyResult(doc, reports, renumbered=applier.renumber_articles, registry=applier.registry)


# -- comparing results ------------------------------------------------------------------------
def node_key(node: Node) -> tuple[object, ...]:
    """A node's text and structure, without line numbers: what "the same text" means."""
    return (node.kind, node.num, node.number, node.heading, node.text, node.intro, node.name,
            tuple(node_key(c) for c in node.children))


def body_signature(doc: Document) -> list[tuple[object, ...]]:
    """Articles in order, each with the containers (kind, num, heading) that hold it."""
    from lawdiff.model import container_path

    paths = container_path(doc)
    return [(tuple((c.kind, c.num, c.number, c.heading) for c in paths.get(id(a), [])), node_key(a))
            for a in doc.articles()]


def differing_articles(result: Document, expected: Document) -> list[str]:
    """Printed numbers of the articles where `result` differs from `expected` (empty: identical)."""
    got, want = body_signature(result), body_signature(expected)
    out: list[str] = []
    for i in range(max(len(got), len(want))):
        if i >= len(got) or i >= len(want) or got[i] != want[i]:
            ref = want[i] if i < len(want) else got[i]
            out.append(str(ref[1][1]) or f"#{i + 1}")
    return out
