"""The applier's state and the lookups every operation shares.

Places are resolved in the *base* numbering, as instruments are written; an article
added by an earlier item can be named by its new number.  Each item is atomic: the
state touched by an item is saved first (`_save`), so that a failing instruction
leaves no trace (`lawdiff.amend.apply.engine`).  `finish` renumbers as the
instrument asked and folds the tokens into the consolidated document.
"""

from __future__ import annotations

import copy
import re

from lawdiff.akn.eids import assign_eids as eids
from lawdiff.amend.apply.numbering import alt_number, container_restarts, num_style, outer_change
from lawdiff.amend.apply.report import Failure
from lawdiff.amend.apply.sameness import node_key
from lawdiff.amend.apply.tokens import (
    LEVELS, ArticleState, HeaderState, ParaState, PointState, Token, flatten, fold,
)
from lawdiff.amend.codecs import Codec, codec_for
from lawdiff.amend.instrument import Loc
from lawdiff.amend.places import en_place, zh_place
from lawdiff.errors import LawdiffError
from lawdiff.model import CONTAINER_KINDS, Document, Node


class ApplierCore:
    """The tokens of one base, what items did to them, and the lookups and checks operations share."""

    def __init__(self, base: Document, codec: Codec | None = None) -> None:
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
        self.saved: dict[int, tuple[Token, object]] = {}  # uid -> (token, its state before this item)
        self.registry: dict[int, Node] = {}  # id(state) -> node of the result (set by `finish`)
        # Folding relies on containers nesting by level (编 > 分编 > 章 > 节); a base whose tree
        # does not (some foreign inputs) is refused rather than silently restructured.
        if [node_key(n) for n in fold(flatten(base), None, self.positional)] != [node_key(n) for n in base.body]:
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
            return alt_number(number) or number
        match = re.fullmatch(r"(\d+)-(\d+)", number)
        return f"{match.group(1)}{chr(ord('a') + int(match.group(2)) - 1)}" if match and int(match.group(2)) <= 26 \
            else number

    def article(self, number: str, label: str, what: str = "") -> Token:
        number = self.number(number)
        tok = self.by_number.get(number)
        if tok is None:
            tok = self.added.get(number)
            if tok is None:
                alt = alt_number(number)
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
        (self.tokens, self.added, self.added_headers, self.gone, self.renumber_articles,
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

    # -- places and names ---------------------------------------------------------------------
    def _uid(self) -> int:
        self.next_uid += 1
        return self.next_uid

    def place(self, loc: Loc) -> str:
        """A place as the instrument's language writes it: 第三百八十七条第一款 / Article 387(1)."""
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
                mark = _changed_by(p)
                if mark:
                    raise Failure(f"{name} was already changed by item {mark} (overlapping items)")
            if art.gone:
                raise Failure(f"{name} was already changed by item {next(iter(art.gone.values()))} "
                              "(overlapping items)")

    def _para_not_overlapping(self, para: ParaState, label: str, where: str) -> None:
        mark = _changed_by(para)
        if mark:
            raise Failure(f"{where} was already changed by item {mark} (overlapping items)")

    def _point_not_overlapping(self, point: PointState, where: str) -> None:
        if point.changed_by or point.spans:
            raise Failure(f"{where} was already changed by item {point.changed_by or point.spans[0][2]} "
                          "(overlapping items)")

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
        self.registry = {}
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
                outer = outer_change(prev.get(h.kind), parents, depth)
                if outer and outer in restart.get(h.kind, set()):
                    counters[h.kind] = 0
                counters[h.kind] = counters.get(h.kind, 0) + 1
                prev[h.kind] = parents
                h.number = str(counters[h.kind])
                h.num = self.style.container(h.kind, h.number)
            open_[h.kind] = tok.uid


def _changed_by(para: ParaState) -> str:
    """The item that rewrote or edited the paragraph or one of its points ("" if none)."""
    return para.changed_by or (para.spans[0][2] if para.spans else "") or \
        next((q.changed_by or (q.spans[0][2] if q.spans else "") for q in para.points if q.changed_by or q.spans), "")
