"""Operations inside an article: rewriting it or a paragraph or point, words replaced, inserted
or deleted, a paragraph or point added or deleted, the article's heading (条标).

Every change marks what it touched (`changed_by`, `spans`), so that a later item that
overlaps it fails instead of silently changing text an earlier item wrote.
"""

from __future__ import annotations

from lawdiff.amend.apply.core import ApplierCore
from lawdiff.amend.apply.numbering import canonical_points, renumber_points
from lawdiff.amend.apply.report import Change, Failure
from lawdiff.amend.apply.tokens import ParaState, PointState, para_state, point_state
from lawdiff.amend.codecs import split_heading
from lawdiff.amend.instrument import Loc, Op


class ContentOps(ApplierCore):
    """The `op_*` handlers that change an article's text."""

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
            art.paras = [para_state(p, None) for p in paras]
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
            states = [para_state(p, None) for p in new]
            for s in states:
                s.changed_by = label
            art.paras[i:i + 1] = states
            if para.orig is not None:
                art.gone[para.orig] = label
            extra = f" (now {len(states)} paragraphs)" if len(states) > 1 else ""
            return [Change("substitution", f"{where} rewritten{extra}", tok, states[0])]
        point = self._point(para, op.target, label, where)
        where = self.place(op.target)
        self._point_not_overlapping(point, where)
        new_point = self.codec.point(op.lines)
        if new_point is None:
            if len(op.lines) != 1:
                raise Failure(f"the new text of {where} is not one point")
            state = PointState(point.num, point.number, op.lines[0], None)
        else:
            state = point_state(new_point, None)
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
        if self.style.latin and op.kind != "replace_text":
            start, removed, inserted = word_spacing(leaf.text, start, removed, inserted)
        leaf.text = leaf.text[:start] + inserted + leaf.text[start + removed:]
        delta = len(inserted) - removed
        leaf.spans = [(s + delta if s >= start + removed else s, e + delta if e >= start + removed else e, o)
                      for s, e, o in leaf.spans]
        leaf.spans.append((start, start + len(inserted), label))
        changed_point = leaf if isinstance(leaf, PointState) else None
        return [Change("substitution" if op.kind == "replace_text" else
                       ("insertion" if op.kind == "insert_text" else "repeal"), f"{where}: {what}", tok, para,
                       changed_point)]

    # paragraphs and points
    def op_add_paragraph(self, op: Op, label: str) -> list[Change]:
        tok = self.article(op.target.article, label)
        art = self._writable(tok)
        name = self.style.article(op.target.article)
        self._not_overlapping(art, label, name, whole=False)
        position = int(op.number)
        if not 1 <= position <= len(art.paras) + 1:
            raise Failure(f"{name} has {len(art.paras)} paragraph(s); paragraph {position} cannot be added")
        new = [para_state(p, None) for p in self.codec.paragraphs(op.lines)]
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
        canonical = canonical_points(para.points)
        state = point_state(node, None)
        para.points.insert(position - 1, state)
        if canonical:
            renumber_points(para.points, canonical)
        return [Change("insertion", f"{name}: point {position} added", tok, para, state)]

    def _delete_part(self, loc: Loc, label: str) -> list[Change]:
        """A paragraph or point deleted (points numbered （一）…（n） after it renumbered)."""
        tok = self.article(loc.article, label)
        name = self.style.article(loc.article)
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
        self._point_not_overlapping(point, where)
        canonical = canonical_points(para.points)
        para.points.remove(point)
        if canonical:
            renumber_points(para.points, canonical)
        return [Change("repeal", f"{where} deleted", tok, para)]


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


def word_spacing(text: str, start: int, removed: int, inserted: str) -> tuple[int, int, str]:
    """Words inserted into or deleted from a text of spaced words, as an instrument means them
    („nach den Wörtern „jeder Zeit“ die Wörter „und ohne Grund“ eingefügt“, the words “grobe” are
    deleted): an insertion that would glue two words together gets the space between them, and a
    deletion takes one of the two spaces (or the space before punctuation) it would leave.  The
    text as changed otherwise, and (start, removed, inserted) unchanged when nothing glues."""
    before = text[start - 1] if start > 0 else ""
    after = text[start + removed] if start + removed < len(text) else ""
    if inserted:
        if inserted[0].isalnum() and before.isalnum():
            inserted = " " + inserted
        if inserted[-1].isalnum() and after.isalnum():
            inserted += " "
        return start, removed, inserted
    if before == " " and (after in ("", " ") or after in ",.;:)"):
        return start - 1, removed + 1, inserted
    if not before and after == " ":
        return start, removed + 1, inserted
    return start, removed, inserted
