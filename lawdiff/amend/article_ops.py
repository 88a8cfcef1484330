"""The smallest faithful instructions that turn one article into its next version.

Forms, from the smallest: words replaced, inserted or deleted inside a paragraph or
point (`将第X条第Y款中的“A”修改为“B”`); a point or paragraph added, deleted or
rewritten; the article rewritten.  Drafting practice decides between them:

- word-level edits only where each change is a word or phrase (no 。 or ；, at most
  30 characters, at most three per paragraph), anchored on text that occurs exactly
  once where the instruction looks;
- a paragraph is rewritten when its fine edits would quote more than half of it;
- the article is rewritten when none of its paragraphs stays as it was and the fine
  edits would quote at least half of it.

Whatever is chosen is checked by applying it to the old article with `lawdiff.amend.apply`;
when the result is not the new article exactly, the article is rewritten instead.
"""

from __future__ import annotations

import copy
from difflib import SequenceMatcher
from typing import Callable, Hashable, Sequence

import fast_diff_match_patch as fdmp

from lawdiff.amend.apply.engine import Applier
from lawdiff.amend.apply.sameness import reading_key
from lawdiff.amend.codecs import Codec, ZhCodec, split_heading
from lawdiff.amend.instrument import Item, Loc, Op
from lawdiff.compare.redline import word_diff
from lawdiff.model import Document, Meta, Node
from lawdiff.text.normalize import reading
from lawdiff.text.words import boundaries

MAX_HUNKS = 3
MAX_HUNK_CHARS = 30
MAX_CONTEXT = 40
CLAUSE_COST = 8  # the words around a quotation, so that many small clauses are not free
SENTENCE_MARKS = "。；;"


# -- similarity and alignment -----------------------------------------------------------------
def char_diff(a: str, b: str) -> list[tuple[str, str]]:
    return [(op, text) for op, text in fdmp.diff(a, b, timelimit=0, checklines=False, cleanup="Semantic",
                                                  counts_only=False)]


def similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    equal = sum(len(text) for op, text in char_diff(a, b) if op == "=")
    return 2 * equal / (len(a) + len(b))


def align(old: Sequence[Hashable], new: Sequence[Hashable], sim: Callable[[int, int], float],
          threshold: float = 0.35) -> list[tuple[int | None, int | None]]:
    """Order-preserving pairs: equal items first, then the most similar within each gap."""
    out: list[tuple[int | None, int | None]] = []
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend((i1 + k, j1 + k) for k in range(i2 - i1))
        else:
            out.extend(_gap(list(range(i1, i2)), list(range(j1, j2)), sim, threshold))
    return out


def _gap(olds: list[int], news: list[int], sim: Callable[[int, int], float],
         threshold: float) -> list[tuple[int | None, int | None]]:
    n, m = len(olds), len(news)
    if n * m > 2500:  # a huge gap: pair in order, no search
        pairs = [(olds[k] if k < n else None, news[k] if k < m else None) for k in range(max(n, m))]
        return [p for p in pairs if p != (None, None)]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            s = sim(olds[i], news[j])
            if s >= threshold:
                best = max(best, s + score[i + 1][j + 1])
            score[i][j] = best
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        s = sim(olds[i], news[j])
        if s >= threshold and abs(score[i][j] - (s + score[i + 1][j + 1])) < 1e-9:
            out.append((olds[i], news[j]))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            out.append((olds[i], None))
            i += 1
        else:
            out.append((None, news[j]))
            j += 1
    out.extend((olds[k], None) for k in range(i, n))
    out.extend((None, news[k]) for k in range(j, m))
    return out


def content_key(node: Node) -> tuple[object, ...]:
    """A paragraph or point without its positional number, as read (whitespace-only changes are none)."""
    return (node.kind, reading(node.num), reading(node.heading), reading(node.text),
            tuple(reading_key(c) for c in node.children))


# -- word-level edits ---------------------------------------------------------------------------
class TextLeaf:
    """One text inside the place an instruction names, as it stands between clauses."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []

    def cuts(self) -> set[int]:
        """Where words start and end in the text as it stands: quotations begin and end there only."""
        return _cuts(self.text)


def _cuts(text: str) -> set[int]:
    return set(boundaries(text))


def _hunks(old: str, new: str) -> list[tuple[int, str, str]]:
    """(start in old, old words, new words): whole words (`word_diff`); changes closer than 3
    characters merged into one; changes of whitespace alone dropped (never an amendment)."""
    raw: list[list[object]] = []
    current: list[object] | None = None
    pos = 0
    for op, text in word_diff(old, new):
        if op == "equal":
            if current is not None:
                raw.append(current)
                current = None
            pos += len(text)
            continue
        if current is None:
            current = [pos, "", ""]
        if op == "delete":
            current[1] = str(current[1]) + text
            pos += len(text)
        else:
            current[2] = str(current[2]) + text
    if current is not None:
        raw.append(current)
    merged: list[tuple[int, str, str]] = []
    for start, o, n in ((int(h[0]), str(h[1]), str(h[2])) for h in raw):  # type: ignore[call-overload]
        if merged:
            p_start, p_old, p_new = merged[-1]
            gap = old[p_start + len(p_old):start]
            if len(gap) < 3:
                merged[-1] = (p_start, p_old + gap + o, p_new + gap + n)
                continue
        merged.append((start, o, n))
    return [h for h in merged if reading(h[1]) != reading(h[2])]


def _count(domain: list[TextLeaf], needle: str) -> int:
    total = 0
    for leaf in domain:
        i = leaf.text.find(needle)
        while i >= 0:
            total += 1
            i = leaf.text.find(needle, i + 1)
    return total


def _quotable(text: str) -> bool:
    """Quoted words must not leave a quotation mark of the law open (English style keeps the
    law's own marks, so an unbalanced “ would end or open the instruction's quotation)."""
    return text.count("“") == text.count("”") and text.count("‘") == text.count("’")


def _free(leaf: TextLeaf, s: int, e: int) -> bool:
    return not any((a < e and s < b) or (a == b and s < a < e) for a, b in leaf.spans)


def _context(leaf: TextLeaf, domain: list[TextLeaf], start: int, end: int, inserted: str,
             min_len: int = 2) -> tuple[int, int] | None:
    """The smallest [s, e) around [start, end) that is unique in the domain and untouched, and
    whole words both before the edit and after it (old words replaced by `inserted`)."""
    text = leaf.text
    before = leaf.cuts()
    delta = len(inserted) - (end - start)
    after = _cuts(text[:start] + inserted + text[end:])
    for extra in range(0, MAX_CONTEXT + 1):
        for left in range(0, extra + 1):
            right = extra - left
            s, e = start - left, end + right
            if s < 0 or e > len(text) or e - s < min(min_len, len(text)):
                continue
            if s not in before or e not in before or s not in after or e + delta not in after:
                continue
            if _free(leaf, s, e) and _count(domain, text[s:e]) == 1 and _quotable(text[s:e]):
                return s, e
    return None


def word_edits(leaf: TextLeaf, domain: list[TextLeaf], new: str, target: Loc) -> list[Op] | None:
    """Clauses that turn leaf.text into `new` by word-level edits, or None when not small."""
    hunks = _hunks(leaf.text, new)
    if not hunks or len(hunks) > MAX_HUNKS:
        return None
    for _start, old_words, new_words in hunks:
        if len(old_words) > MAX_HUNK_CHARS or len(new_words) > MAX_HUNK_CHARS:
            return None
        if not (_quotable(old_words) and _quotable(new_words)):
            return None
        if any(mark in old_words + new_words for mark in SENTENCE_MARKS):
            return None
    ops: list[Op] = []
    delta = 0
    for start, old_words, new_words in hunks:
        pos = start + delta
        op = _one_edit(leaf, domain, pos, old_words, new_words, target)
        if op is None:
            return None
        ops.append(op)
        delta += len(new_words) - len(old_words)
    if reading(leaf.text) != reading(new):  # whitespace-only hunks were left as they were
        return None
    return ops


def _one_edit(leaf: TextLeaf, domain: list[TextLeaf], pos: int, old_words: str, new_words: str,
              target: Loc) -> Op | None:
    text = leaf.text
    end = pos + len(old_words)
    cuts = leaf.cuts()
    if not old_words:  # an insertion: anchored on the words before it, else after it
        for s, e, position in ((pos - k, pos, "after") for k in range(2, MAX_CONTEXT + 1)):
            if s >= 0 and s in cuts and _free(leaf, s, e) and _count(domain, text[s:e]) == 1 \
                    and _quotable(text[s:e]):
                return _do(leaf, Op("insert_text", target, old=text[s:e], new=new_words, position=position),
                           pos, pos, new_words)
        for s, e, position in ((pos, pos + k, "before") for k in range(2, MAX_CONTEXT + 1)):
            if e <= len(text) and e in cuts and _free(leaf, s, e) and _count(domain, text[s:e]) == 1 \
                    and _quotable(text[s:e]):
                return _do(leaf, Op("insert_text", target, old=text[s:e], new=new_words, position=position),
                           pos, pos, new_words)
        span = _context(leaf, domain, pos, pos, new_words, 2)
        if span is None:
            return None
        s, e = span
        return _do(leaf, Op("replace_text", target, old=text[s:e], new=text[s:pos] + new_words + text[pos:e]),
                   pos, pos, new_words)
    if not new_words and _free(leaf, pos, end) and _count(domain, old_words) == 1 and len(old_words) >= 2:
        return _do(leaf, Op("delete_text", target, old=old_words), pos, end, "")
    span = _context(leaf, domain, pos, end, new_words)
    if span is None:
        return None
    s, e = span
    return _do(leaf, Op("replace_text", target, old=text[s:e], new=text[s:pos] + new_words + text[end:e]),
               pos, end, new_words)


def _do(leaf: TextLeaf, op: Op, start: int, end: int, inserted: str) -> Op:
    """Carry out an edit on the working text, shifting the marks of earlier edits."""
    delta = len(inserted) - (end - start)
    leaf.text = leaf.text[:start] + inserted + leaf.text[end:]
    leaf.spans = [(a + delta if a >= end else a, b + delta if b >= end else b) for a, b in leaf.spans]
    leaf.spans.append((start, start + len(inserted)))
    return op


# -- costs ------------------------------------------------------------------------------------------
def cost(ops: list[Op]) -> int:
    total = 0
    for op in ops:
        total += CLAUSE_COST + len(op.old) + len(op.new) + sum(len(line) for line in op.lines)
    return total


# -- one paragraph --------------------------------------------------------------------------------
def paragraph_ops(p: Node, q: Node, article: str, index: int, single: bool, codec: Codec,
                  restate: bool = False) -> list[Op]:
    """Instructions for one changed paragraph (base index `index`, 1-based)."""
    rewrite = [Op("replace", Loc(article=article, paragraph=index), lines=codec.paragraph_lines(q))]
    if restate:
        return rewrite
    fine = _paragraph_fine(p, q, article, index, single, codec)
    if fine is not None and cost(fine) * 2 <= cost(rewrite):
        return fine
    return rewrite


def _paragraph_fine(p: Node, q: Node, article: str, index: int, single: bool, codec: Codec) -> list[Op] | None:
    if reading(p.num) != reading(q.num) or any(c.kind != "point" for c in p.children + q.children):
        return None
    place = Loc(article=article) if single else Loc(article=article, paragraph=index)
    ops: list[Op] = []
    if reading(p.text) != reading(q.text):
        leaves = [TextLeaf(p.text)] + [TextLeaf(t) for c in p.children for t in _texts(c)]
        edits = word_edits(leaves[0], leaves, q.text, place)
        if edits is None:
            return None
        ops.extend(edits)
    old_pts, new_pts = p.children, q.children
    # Points are compared without their numbers: when one is added or deleted, apply
    # renumbers the ones after it, as "项的序号作相应调整" means.
    pairs = align([_unnumbered(c) for c in old_pts], [_unnumbered(c) for c in new_pts],
                  lambda i, j: similarity("\n".join(codec.point_lines(old_pts[i])),
                                          "\n".join(codec.point_lines(new_pts[j]))))
    point_place = (lambda k: Loc(article=article, point=k)) if single else \
        (lambda k: Loc(article=article, paragraph=index, point=k))
    added: list[int] = []
    for i, j in pairs:
        if i is not None and j is None:
            ops.append(Op("delete", point_place(i + 1)))
        elif i is None and j is not None:
            added.append(j)
        elif i is not None and j is not None and _unnumbered(old_pts[i]) != _unnumbered(new_pts[j]):
            ops.extend(_point_ops(old_pts[i], new_pts[j], point_place(i + 1), codec))
    for j in added:
        ops.append(Op("add_point", Loc(article=article, paragraph=0 if single else index),
                      lines=codec.point_lines(new_pts[j]), number=str(j + 1)))
    return ops


def _unnumbered(point: Node) -> tuple[object, ...]:
    return (point.kind, reading(point.heading), reading(point.text), tuple(content_key(c) for c in point.children))


def _texts(node: Node) -> list[str]:
    return [node.text] + [t for c in node.children for t in _texts(c)]


def _point_ops(a: Node, b: Node, place: Loc, codec: Codec) -> list[Op]:
    rewrite = [Op("replace", place, lines=codec.point_lines(b))]
    if [content_key(c) for c in a.children] == [content_key(c) for c in b.children]:
        leaves = [TextLeaf(a.text)] + [TextLeaf(t) for c in a.children for t in _texts(c)]
        edits = word_edits(leaves[0], leaves, b.text, place)
        if edits is not None and cost(edits) * 2 <= cost(rewrite):
            return edits
    return rewrite


# -- one article ------------------------------------------------------------------------------------
def article_ops(a: Node, b: Node, lang: str = "zho", codec: Codec | None = None, restate: bool = False) -> list[Op]:
    """Instructions that turn article `a` (base numbering) into `b`; [] when the text is the same.

    `restate`: the 修正案 convention — no word-level edits; a changed paragraph is restated, and
    an article that gains or loses paragraphs is restated whole."""
    codec = codec or ZhCodec()
    number = a.number
    same_content = [content_key(c) for c in a.children] == [content_key(c) for c in b.children] \
        and reading(a.text) == reading(b.text) and reading(a.intro) == reading(b.intro)
    if same_content and reading(a.heading) == reading(b.heading):
        return []  # whitespace-only changes are never amendments
    if same_content:
        return [Op("heading", Loc(article=number), new=b.heading)]
    rewrite = _rewrite(a, b, codec)
    fine = _fine(a, b, codec, restate) or None  # no instruction for a changed article: fine edits cannot say it
    if restate and fine is not None and any(op.kind not in ("replace", "heading") for op in fine):
        fine = None
    chosen = rewrite
    if fine is not None:
        kept = _kept_paragraphs(a, b, codec)
        single_rewrite = len(a.children) == 1 and all(op.kind == "replace" for op in fine if op.kind != "heading") \
            and sum(1 for op in fine if op.kind == "replace") == 1 and len(b.children) == 1
        if not single_rewrite and (kept or cost(fine) * 2 < cost(rewrite)):
            chosen = fine
    if chosen is not rewrite and not reproduces(a, b, chosen, lang, codec):
        chosen = rewrite
    return chosen


def _rewrite(a: Node, b: Node, codec: Codec) -> list[Op]:
    """The article rewritten; the heading travels in the quotation when the article has one."""
    number = a.number
    adds = _appended_paragraph(a, b, codec)
    plain = codec.article_lines(b)
    inline = codec.article_lines(b, with_heading=True)
    if a.heading and b.heading and codec.headings and split_heading(inline) == (b.heading, plain):
        return [Op("replace", Loc(article=number), lines=inline, adds_paragraph=adds)]
    ops: list[Op] = []
    if a.heading and reading(a.heading) != reading(b.heading):  # a heading that cannot travel in the quotation
        ops.append(Op("heading", Loc(article=number), new=b.heading))
    ops.append(Op("replace", Loc(article=number), lines=plain, adds_paragraph=adds))
    if b.heading and not a.heading:
        ops.append(Op("heading", Loc(article=number), new=b.heading))
    return ops


def _appended_paragraph(a: Node, b: Node, codec: Codec) -> int:
    """Drafting names the added paragraph ("增加一款作为第二款，将该条修改为") only when exactly
    one was appended after the old ones, so that the old paragraphs keep their numbers."""
    if len(b.children) != len(a.children) + 1:
        return 0
    pairs = _paragraph_pairs(a, b, codec)
    if all(i == j for i, j in pairs if i is not None and j is not None) and \
            [j for i, j in pairs if i is None] == [len(b.children) - 1]:
        return len(b.children)
    return 0


def _paragraph_pairs(a: Node, b: Node, codec: Codec) -> list[tuple[int | None, int | None]]:
    ps, qs = a.children, b.children
    return align([content_key(c) for c in ps], [content_key(c) for c in qs],
                 lambda i, j: similarity("\n".join(codec.paragraph_lines(ps[i])),
                                         "\n".join(codec.paragraph_lines(qs[j]))))


def _kept_paragraphs(a: Node, b: Node, codec: Codec) -> bool:
    return any(i is not None and j is not None and content_key(a.children[i]) == content_key(b.children[j])
               for i, j in _paragraph_pairs(a, b, codec))


def _fine(a: Node, b: Node, codec: Codec, restate: bool = False) -> list[Op] | None:
    if a.text or b.text or a.intro or b.intro:
        return None
    if any(c.kind != "paragraph" for c in a.children + b.children):
        return None
    if any(c.num for c in a.children + b.children):  # printed paragraph numbers: kept by the block codec only
        return None
    number = a.number
    ops: list[Op] = []
    if reading(a.heading) != reading(b.heading):
        ops.append(Op("heading", Loc(article=number), new=b.heading))
    single = len(a.children) == 1
    added: list[int] = []
    for i, j in _paragraph_pairs(a, b, codec):
        if i is not None and j is None:
            ops.append(Op("delete", Loc(article=number, paragraph=i + 1)))
        elif i is None and j is not None:
            added.append(j)
        elif i is not None and j is not None and content_key(a.children[i]) != content_key(b.children[j]):
            ops.extend(paragraph_ops(a.children[i], b.children[j], number, i + 1, single, codec, restate))
    for j in added:
        ops.append(Op("add_paragraph", Loc(article=number), lines=codec.paragraph_lines(b.children[j]),
                      number=str(j + 1)))
    return ops


def reproduces(a: Node, b: Node, ops: list[Op], lang: str = "zho", codec: Codec | None = None) -> bool:
    """Do these instructions, applied to `a` alone, give `b`'s text (number aside)?"""
    base = Document(meta=Meta(lang=lang), body=[copy.deepcopy(a)])
    applier = Applier(base, codec)
    report = applier.apply_item(Item("1", "", ops))
    if report.status != "applied":
        return False
    result = applier.finish().articles()
    if len(result) != 1:
        return False
    got, want = copy.copy(result[0]), copy.copy(b)
    got.num = want.num = ""
    got.number = want.number = ""
    return reading_key(got) == reading_key(want)
