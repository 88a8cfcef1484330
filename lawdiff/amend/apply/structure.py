"""Operations on the sequence of articles and containers: articles and containers added,
deleted, moved, renamed and renumbered, and where a new or moved one is placed.

A place is named by an anchor (在第X条后 / 前 / 在第二章中); several tokens anchored at
the same place keep the order of the items that placed them.  With no place named, an
article goes after the last article numbered below it and a container at the end.
"""

from __future__ import annotations

from lawdiff.amend.apply.core import ApplierCore
from lawdiff.amend.apply.numbering import number_key
from lawdiff.amend.apply.report import Change, Failure
from lawdiff.amend.apply.tokens import LEVELS, ArticleState, HeaderState, Token, container_end, para_state
from lawdiff.amend.codecs import split_heading, uses_headings
from lawdiff.amend.instrument import Loc, Op


class StructureOps(ApplierCore):
    """The `op_*` handlers that change which articles and containers there are, and where."""

    # deleting
    def _delete_article(self, loc: Loc, label: str) -> list[Change]:
        tok = self.article(loc.article, label)
        name = self.style.article(loc.article)
        art = tok.article
        assert art is not None
        if art.touched:
            raise Failure(f"{name} was changed by an earlier instruction (overlapping items)")
        self.tokens.remove(tok)
        self.gone[tok.uid] = label
        return [Change("repeal", f"{name} deleted", None, base_eid=self._base_eid(tok))]

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
        if not heading and self.codec.headings and uses_headings(self.base):
            heading, lines = split_heading(lines)
        paras = self.codec.paragraphs(lines)
        art = ArticleState(name, op.number, heading, [para_state(p, None) for p in paras], None,
                           kind=self.style.unit_kind)
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
                i = container_end(self.tokens, i)
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
