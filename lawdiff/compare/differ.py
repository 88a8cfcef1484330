"""Compare two versions of a law: `compare(old, new) -> DiffResult`.

Articles are aligned by content (`align`), redlined inside (`redline`), and classified:
unchanged, modified (possibly formatting-only or references-only), added, removed,
split, merged; renumbered and moved are flags.  Chapters and sections are aligned by
the articles they hold, so that a renamed or renumbered chapter is not "removed and
added", and an article is "moved" only when it left the image of its old container.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from lawdiff.akn.eids import assign_eids
from lawdiff.compare.align import Group, align
from lawdiff.compare.sentences import UnitLink
from lawdiff.compare.similarity import ArticleView, make_view
from lawdiff.compare.result import (ArticleInfo, Change, DiffResult, ParagraphDiff, PartLink, PartRelation, StructureChange,
                                    article_paragraphs, locate, paragraph_starts)
from lawdiff.model import CONTAINER_KINDS, UNIT_KINDS, Document, Node
from lawdiff.text.normalize import article_references, display_text, features, normalize
from lawdiff.text.numbers import join_printed
from lawdiff.text.sequence import heaviest_chain
from lawdiff.compare.redline import dice, diff_text, redline

if TYPE_CHECKING:  # for the annotation only: comparing two texts never needs pygit2 loaded
    from lawdiff.store.repository import Store


# -- what each version holds -------------------------------------------------------------
@dataclass
class _Container:
    node: Node
    eid: str
    label: str  # "第二章 基本要素与科技创新"
    parent: int | None  # position of the parent container
    articles: list[int]  # positions of every article inside, at any depth
    position: int


@dataclass
class _Version:
    doc: Document
    articles: list[Node]
    infos: list[ArticleInfo]
    views: list[ArticleView]
    containers: list[_Container]
    ancestors: list[list[int]]  # per article: container positions, outermost first
    eids: dict[int, str] = field(default_factory=dict)  # id(node) -> eId, every node (akn.eids)
    _line_eids: dict[int, list[str]] = field(default_factory=dict)  # line_eids, per article asked for

    @cached_property
    def _printed(self) -> dict[str, str]:
        """number (39) -> as printed (第三十九条); the first article of a number wins, as a scan would."""
        out: dict[str, str] = {}
        for info in self.infos:
            out.setdefault(info.number, info.num)
        return out

    def num_of(self, number: str) -> str:
        """An article's number as printed (第三十九条), from its `number` (39)."""
        return self._printed.get(number, number)

    def line_eids(self, index: int) -> list[str]:
        """The eIds of an article's lines (as in its text): the paragraphs and points, or the
        article itself for words it holds directly.  Made once per article: asked for per
        sentence link, it walked the article each time (~4 ms of the company-law diff, measured)."""
        out = self._line_eids.get(index)
        if out is None:
            article = self.articles[index]
            out = [self.eids[id(article)]] if article.text else []
            for child in article.children:
                out.extend(self.eids[id(node)] for node in child.walk() if node.num or node.heading or node.text)
            self._line_eids[index] = out
        return out


def _label(node: Node) -> str:
    return " ".join(p for p in (node.num, node.heading) if p)


def _read(doc: Document) -> _Version:
    """Articles with their eIds and container paths, named as the Akoma Ntoso writer names them."""
    articles: list[Node] = []
    infos: list[ArticleInfo] = []
    containers: list[_Container] = []
    ancestors: list[list[int]] = []
    eids = assign_eids(doc)

    def visit(node: Node, trail: list[int]) -> None:
        if node.kind in UNIT_KINDS:
            index = len(articles)
            articles.append(node)
            ancestors.append(list(trail))
            for c in trail:
                containers[c].articles.append(index)
            infos.append(ArticleInfo(
                eid=eids[id(node)], num=node.num, number=node.number, heading=node.heading_text,
                path=[containers[c].label for c in trail], text=node.body_text(), index=index))
            return
        if node.kind in CONTAINER_KINDS:
            position = len(containers)
            containers.append(_Container(node, eids[id(node)], _label(node),
                                         trail[-1] if trail else None, [], position))
            for child in node.children:
                visit(child, trail + [position])

    for top in doc.body:
        visit(top, [])
    views = [make_view(info.index, info.number, info.text, info.heading) for info in infos]
    return _Version(doc, articles, infos, views, containers, ancestors, eids)


# -- containers ---------------------------------------------------------------------------
def _align_containers(old: _Version, new: _Version, groups: list[Group]) -> dict[int, int]:
    """Old container position -> new container position, by the articles they share.

    The score is the Dice overlap of the article sets; an equal heading (case and width
    aside) adds to it and is how empty containers pair at all; the same kind is a
    tie-break, and a pair across kinds (a section promoted to a chapter) needs more.
    """
    # Count article pairs per (innermost old, innermost new) container first, then spread
    # each count over the ancestors: a few hundred distinct pairs instead of every article.
    inner: Counter[tuple[tuple[int, ...], tuple[int, ...]]] = Counter()
    for group in groups:
        for i in group.old:
            for j in group.new:
                inner[(tuple(old.ancestors[i]), tuple(new.ancestors[j]))] += 1
    votes: Counter[tuple[int, int]] = Counter()
    for (old_trail, new_trail), n in inner.items():
        for c in old_trail:
            for d in new_trail:
                votes[(c, d)] += n
    heads_new: dict[str, list[int]] = defaultdict(list)
    for container in new.containers:
        heads_new[_heading_key(container.node)].append(container.position)
    candidates: dict[tuple[int, int], float] = {}
    for (c, d), n in votes.items():
        size = len(old.containers[c].articles) + len(new.containers[d].articles)
        candidates[(c, d)] = 2 * n / size if size else 0.0
    for container in old.containers:
        head = _heading_key(container.node)
        for d in heads_new.get(head, []) if head else []:
            candidates[(container.position, d)] = candidates.get((container.position, d), 0.0) + 0.3
    mapping: dict[int, int] = {}
    taken: set[int] = set()
    ranked = sorted(candidates.items(),
                    key=lambda item: (-item[1] - (0.05 if _same_kind(old, new, *item[0]) else 0.0), item[0]))
    for (c, d), score in ranked:
        if c in mapping or d in taken:
            continue
        # A container of another kind (a section promoted to a chapter) needs more evidence.
        if score >= (0.3 if _same_kind(old, new, c, d) else 0.45):
            mapping[c] = d
            taken.add(d)
    return mapping


def _same_kind(old: _Version, new: _Version, c: int, d: int) -> bool:
    return old.containers[c].node.kind == new.containers[d].node.kind


def _heading_key(node: Node) -> str:
    return normalize(node.heading).casefold()


def _structure_changes(old: _Version, new: _Version, mapping: dict[int, int]) -> list[StructureChange]:
    paired = sorted(mapping.items())
    by_kind: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    for c, d in paired:
        by_kind[new.containers[d].node.kind].append((c, d, 1.0))
    in_order: set[tuple[int, int]] = set()
    for pairs in by_kind.values():
        in_order |= {pairs[p][:2] for p in heaviest_chain(pairs)}
    entries: list[tuple[tuple[int, int, int], StructureChange]] = []
    for c, d in paired:
        a, b = old.containers[c], new.containers[d]
        renamed = normalize(a.node.heading) != normalize(b.node.heading)
        renumbered = normalize(a.node.num) != normalize(b.node.num) or a.node.kind != b.node.kind
        parent_moved = (mapping.get(a.parent) if a.parent is not None else None) != b.parent
        moved = (c, d) not in in_order or parent_moved
        if renamed or renumbered or moved:
            kind = "renamed" if renamed else "renumbered" if renumbered else "moved"
            entries.append(((d, 0, c), StructureChange(kind, b.node.kind, a.label, b.label,  # type: ignore[arg-type]
                                                       renumbered=renumbered, moved=moved,
                                                       old_eid=a.eid, new_eid=b.eid)))
    for b in new.containers:
        if b.position not in mapping.values():
            entries.append(((b.position, 0, -1), StructureChange("added", b.node.kind, "", b.label, new_eid=b.eid)))
    for a in old.containers:
        if a.position not in mapping:
            # After the successor of the nearest earlier container that has one.
            anchor = next((mapping[p] for p in range(a.position - 1, -1, -1) if p in mapping), -1)
            entries.append(((anchor, 1, a.position), StructureChange("removed", a.node.kind, a.label, "",
                                                                     old_eid=a.eid)))
    return [entry for _, entry in sorted(entries, key=lambda e: e[0])]


# -- articles -----------------------------------------------------------------------------
def _moved_flags(old: _Version, new: _Version, groups: list[Group], mapping: dict[int, int]) -> list[bool]:
    """Per group: into another container, or out of order with the rest of the text.

    Order is judged by the longest chain of groups in order on both sides; among equally
    long chains the one keeping articles that stayed in their container wins, so that an
    article carried into another chapter is the one called moved, not its neighbour.
    """
    reverse = {d: c for c, d in mapping.items()}
    container_moved: list[bool] = []
    for group in groups:
        new_anc = set(new.ancestors[group.new[0]])
        old_anc = set(old.ancestors[group.old[0]])
        # Every container it was in that still exists must still hold it, and the
        # containers it is in now, if they existed before, must have held it.
        container_moved.append(any(c in mapping and mapping[c] not in new_anc for c in old_anc) or
                               any(d in reverse and reverse[d] not in old_anc for d in new_anc))
    bonus = 1 / (len(groups) + 1)  # all bonuses together weigh less than one more pair in order
    pairs = [(g.old[0], g.new[0], 1.0 if moved else 1.0 + bonus) for g, moved in zip(groups, container_moved)]
    in_order = set(heaviest_chain(pairs))
    return [moved or position not in in_order for position, moved in enumerate(container_moved)]


def _renumbered(olds: list[ArticleInfo], news: list[ArticleInfo]) -> bool:
    if len(olds) == 1 and len(news) == 1:
        a, b = olds[0], news[0]
        return (a.number or normalize(a.num)) != (b.number or normalize(b.num))
    old_numbers = {a.number or normalize(a.num) for a in olds}
    new_numbers = {a.number or normalize(a.num) for a in news}
    return not (old_numbers & new_numbers)


def _references_follow(old_text: str, new_text: str, number_map: dict[str, str]) -> bool:
    """True when every cross-reference number that changed points to the renumbered article."""
    old_refs = article_references(old_text)
    new_refs = article_references(new_text)
    if len(old_refs) != len(new_refs):
        return False
    return all(o == n or number_map.get(o) == n for o, n in zip(old_refs, new_refs))


def _units(infos: list[ArticleInfo]) -> list[str]:
    """The paragraphs the redline compares, as read: a wrap space between two Chinese letters
    (OCR'd columns: `人工智能产 业`) is kept in the stored text but is no word of the law, so it
    never shows inside an equal or a changed word of the ops."""
    return [display_text(paragraph) for info in infos for paragraph in article_paragraphs(info)]


def _change(group: Group, old: _Version, new: _Version, number_map: dict[str, str]) -> Change:
    olds = [old.infos[i] for i in group.old]
    news = [new.infos[j] for j in group.new]
    similarity = round(group.similarity, 4)
    if len(olds) == 1 and len(news) == 1:
        a, b = olds[0], news[0]
        va, vb = old.views[group.old[0]], new.views[group.new[0]]
        renumbered = _renumbered(olds, news)
        if a.text == b.text and a.heading == b.heading:
            return Change("unchanged", olds, news, renumbered=renumbered, similarity=1.0)
        change = Change("modified", olds, news, renumbered=renumbered, similarity=similarity)
        if va.head == vb.head:
            change.formatting_only = va.norm == vb.norm
            change.references_only = not change.formatting_only and va.key == vb.key and \
                _references_follow(va.norm, vb.norm, number_map)
        if a.heading != b.heading:
            change.heading_ops = diff_text(display_text(a.heading), display_text(b.heading))
    else:
        kind = "split" if len(olds) == 1 else "merged"
        change = Change(kind, olds, news, renumbered=_renumbered(olds, news), similarity=similarity)  # type: ignore[arg-type]
        old_heads = " / ".join(a.heading for a in olds if a.heading)
        new_heads = " / ".join(b.heading for b in news if b.heading)
        if old_heads != new_heads:
            change.heading_ops = diff_text(display_text(old_heads), display_text(new_heads))
    change.parts = _parts(group, old, new) + _away_parts(group.away, group, old, new)
    # The redline pairs paragraphs as the sentence evidence does, so that no row contradicts a move note.
    links = {(p.old_index, p.new_index) for p in change.parts if p.old_index is not None and p.new_index is not None}
    change.ops, change.paragraphs = redline(_units(olds), _units(news), links)
    change.parts += _moves_across_order(change, group, old, new)
    _mark_moves(change, old, new)
    return change


def _mark_moves(change: Change, old: _Version, new: _Version) -> None:
    """Name, on the paragraphs of the redline, where a moved paragraph went and where it came from
    (the article as printed, inside this change or in another one).

    In a split or merge, a paragraph that stayed in its article's successor (kept, rewritten) but
    moved past others there reads as deleted in one place and inserted in another (the redline
    keeps the order): those two rows name each other's article too."""
    deleted, inserted = _rows_alone(change)
    moved = [part for part in change.parts if part.relation == "moved" or
             part.old_index in deleted and part.new_index in inserted]
    if not moved:
        return
    # A paragraph may have gone to (or come from) several articles: all are named, in order.
    went: dict[int, list[str]] = defaultdict(list)
    came: dict[int, list[str]] = defaultdict(list)
    for part in moved:
        if part.old_index is not None:
            _add_once(went[part.old_index], new.num_of(part.new_number))
        if part.new_index is not None:
            _add_once(came[part.new_index], old.num_of(part.old_number))
    for paragraph in change.paragraphs:
        if paragraph.old_index is not None:
            paragraph.moved_to = join_printed(went.get(paragraph.old_index, []))
        if paragraph.new_index is not None:
            paragraph.moved_from = join_printed(came.get(paragraph.new_index, []))


def _mark_verbatim_moves(changes: list[Change], old: _Version, new: _Version) -> None:
    """A paragraph deleted whole from one change and inserted whole, in the same words (formatting
    aside, as `kept`), into another change moved there, whether or not the alignment's sentences
    said so (a short paragraph, or boilerplate that is no evidence for pairing articles, still
    moves as a unit): both places name each other and both changes list the part.

    Only a text deleted whole exactly once and inserted whole exactly once in the whole result
    counts, so a paragraph that recurs is never paired by guess; a paragraph that already names
    a move (from the alignment's evidence) keeps its own.  Deleted and inserted play mirror
    roles, so diff(B, A) finds the same moves the other way round.
    """
    # words -> (change, paragraph, its index on its own side)
    deleted: dict[str, list[tuple[Change, ParagraphDiff, int]]] = defaultdict(list)
    inserted: dict[str, list[tuple[Change, ParagraphDiff, int]]] = defaultdict(list)
    for change in changes:
        for paragraph in change.paragraphs:
            # A paragraph without a counterpart in its change holds only deletions (or insertions);
            # only those are normalised.
            if (paragraph.old_index is None) == (paragraph.new_index is None):
                continue
            words = normalize("".join(text for _, text in paragraph.ops))
            if not words:
                continue
            if paragraph.old_index is not None:
                deleted[words].append((change, paragraph, paragraph.old_index))
            elif paragraph.new_index is not None:  # always, here: exactly one side has an index
                inserted[words].append((change, paragraph, paragraph.new_index))
    for words, sources in deleted.items():
        targets = inserted.get(words, [])
        if len(sources) != 1 or len(targets) != 1:
            continue
        (source, went, old_index), (target, came, new_index) = sources[0], targets[0]
        if source is target or went.moved_to or came.moved_from:
            continue
        i, i_line = _line_of(source.old, old_index)
        j, j_line = _line_of(target.new, new_index)
        link = PartLink(old.line_eids(i)[i_line], new.line_eids(j)[j_line], old.infos[i].number,
                        new.infos[j].number, None, None, "moved", same_words=True)
        # Each change gives the index on its own side only, as for the other moves across changes.
        source.parts.append(replace(link, old_index=old_index))
        target.parts.append(replace(link, new_index=new_index))
        went.moved_to = new.num_of(new.infos[j].number)
        came.moved_from = old.num_of(old.infos[i].number)


def _line_of(infos: list[ArticleInfo], index: int) -> tuple[int, int]:
    """(article position in its version, line within the article) of a change's paragraph index
    (the paragraphs of the change's articles one after the other, see _offsets)."""
    k, line = locate(infos, index)
    return infos[k].index, line


def _add_once(names: list[str], name: str) -> None:
    if name not in names:
        names.append(name)


# A paragraph deleted from one article of a split or merge and inserted into another this alike
# (bigram Dice) moved there (see _moves_across_order).
MOVED_ALIKE = 0.7


def _partners(group: Group) -> tuple[dict[int, int], dict[int, int]]:
    """Each old article's successor and each new article's main predecessor in a group: its
    principal link, else where most of its words went (came from); ties to the earlier article,
    on either side."""
    successor: dict[int, int] = dict(group.principal)
    predecessor: dict[int, int] = {j: i for i, j in group.principal}
    weight: dict[tuple[int, int], float] = defaultdict(float)  # link weights are fractions
    for link in group.units:
        weight[(link.old, link.new)] += link.weight
    for (i, j), _ in sorted(weight.items(), key=lambda item: (-item[1], item[0])):
        successor.setdefault(i, j)
        predecessor.setdefault(j, i)
    return successor, predecessor


def _moves_across_order(change: Change, group: Group, old: _Version, new: _Version) -> list[PartLink]:
    """Paragraphs deleted from one article of a split or merge and inserted into another in nearly
    the same words (MOVED_ALIKE), with no sentence evidence of their own (a sentence with look-alikes
    elsewhere is no evidence, see compare.sentences): the redline keeps paragraphs in order, so a
    paragraph that moved past others reads as a deletion and an insertion, and these parts let both
    rows say where the other is (_mark_moves).  Two such paragraphs pair when each is the other's
    likest among the change's deleted and inserted paragraphs.  A paragraph that only changed places
    inside its article's successor is `kept` or `rewritten` there, as the sentence evidence would say."""
    deleted_rows, inserted_rows = _rows_alone(change)
    if not deleted_rows or not inserted_rows:
        return []
    deleted = {k: _words(row) for k, row in deleted_rows.items()}
    inserted = {k: _words(row) for k, row in inserted_rows.items()}

    def likest(feats: set[str], others: dict[int, set[str]]) -> tuple[int, float]:
        """The likest of `others` (the first of equals) and its likeness."""
        likeness, first = max((dice(feats, other), -k) for k, other in others.items())
        return -first, likeness

    successor, predecessor = _partners(group)
    old_offset, new_offset = _offsets(group.old, old), _offsets(group.new, new)
    known = {(part.old_index, part.new_index) for part in change.parts}
    found: list[PartLink] = []
    for old_index, feats in deleted.items():
        new_index, likeness = likest(feats, inserted)
        if likeness < MOVED_ALIKE or likest(inserted[new_index], deleted)[0] != old_index or \
                (old_index, new_index) in known:
            continue
        i, i_line = _line_of(change.old, old_index)
        j, j_line = _line_of(change.new, new_index)
        # (kept or rewritten when it only changed places inside the old article's successor)
        moved = successor.get(i) != j or predecessor.get(j) != i
        found.append(_part((i, i_line, j, j_line), old, new, old_offset, new_offset, moved))
    return found


def _rows_alone(change: Change) -> tuple[dict[int, ParagraphDiff], dict[int, ParagraphDiff]]:
    """The redline rows of a split, merge or re-cut deleted whole (by old index) and inserted whole
    (by new index); none for a change of one article on each side, where they are what they say."""
    if not change.several_articles:
        return {}, {}
    return ({p.old_index: p for p in change.paragraphs if p.new_index is None and p.old_index is not None},
            {p.new_index: p for p in change.paragraphs if p.old_index is None and p.new_index is not None})


def _words(paragraph: ParagraphDiff) -> set[str]:
    """The bigram features of a paragraph deleted or inserted whole."""
    return features(normalize("".join(text for _, text in paragraph.ops)))


def _parts(group: Group, old: _Version, new: _Version) -> list[PartLink]:
    """The sentence links behind a group, per pair of paragraphs, with what became of them."""
    if not group.units:
        return []
    successor, predecessor = _partners(group)
    old_offset = _offsets(group.old, old)
    new_offset = _offsets(group.new, new)
    parts: list[PartLink] = []
    for key in sorted({(link.old, link.old_line, link.new, link.new_line) for link in group.units}):
        i, i_line, j, j_line = key
        # Moved: the two articles are not each other's principal partners, seen from either side
        # (a split's piece, a merge's contribution), so diff(B, A) says it of the same paragraphs.
        moved = successor[i] != j or predecessor[j] != i
        parts.append(_part(key, old, new, old_offset, new_offset, moved))
    return parts


def _part(key: tuple[int, int, int, int], old: _Version, new: _Version, old_offset: dict[int, int],
          new_offset: dict[int, int], moved: bool) -> PartLink:
    """The PartLink of (old article, its line, new article, its line); an index is None on the side
    whose article is not in the change (not in its offsets)."""
    i, i_line, j, j_line = key
    same = _same_words(old.infos[i], i_line, new.infos[j], j_line)
    relation: PartRelation = "moved" if moved else "kept" if same else "rewritten"
    return PartLink(old.line_eids(i)[i_line], new.line_eids(j)[j_line], old.infos[i].number, new.infos[j].number,
                    old_offset[i] + i_line if i in old_offset else None,
                    new_offset[j] + j_line if j in new_offset else None, relation, same)


def _same_words(a: ArticleInfo, a_line: int, b: ArticleInfo, b_line: int) -> bool:
    """Two paragraphs (lines of two articles' texts) read the same, formatting aside."""
    one, other = a.text.split("\n")[a_line], b.text.split("\n")[b_line]
    return one == other or normalize(one) == normalize(other)


def _away_parts(links: list[UnitLink], group: Group, old: _Version, new: _Version) -> list[PartLink]:
    """Paragraphs that moved between an article of this change and an article of another change
    (or of none): always `moved`; the index on the side outside the change is None."""
    old_offset, new_offset = _offsets(group.old, old), _offsets(group.new, new)
    return [_part(key, old, new, old_offset, new_offset, True)
            for key in sorted({(k.old, k.old_line, k.new, k.new_line) for k in links})]


def _offsets(indexes: list[int], version: _Version) -> dict[int, int]:
    """Index of each article's first paragraph among the paragraphs of the change (see _units)."""
    return dict(zip(indexes, paragraph_starts([version.infos[index] for index in indexes])))


def _notes(doc: Document) -> str:
    """Text before and around the body that is not enacted: notes, announcement, footnotes."""
    parts = [line for block in doc.front if block.role in ("note", "announcement") for line in block.lines]
    parts += [node.all_text() for top in doc.body for node in top.walk()
              if node.kind == "hcontainer" and node.name != "detachedText"]
    return normalize("".join(parts))


def _title(doc: Document) -> str:
    return normalize("".join(line for block in doc.front if block.role == "title" for line in block.lines))


def _attachments(doc: Document) -> str:
    return normalize("".join(att.heading + "".join(att.lines) for att in doc.attachments))


def compare(old_doc: Document, new_doc: Document) -> DiffResult:
    """Align, classify and redline every article of two versions (see the module doc).

    The cyclic garbage collector is paused meanwhile: comparing allocates many short-lived
    sets, tuples and small objects and leaves no cycles behind, so the collector's passes
    only cost time (measured: about 10 % of a 1,260-article diff, 15 % of a full revision).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _compare(old_doc, new_doc)
    finally:
        if collecting:
            gc.enable()


def _compare(old_doc: Document, new_doc: Document) -> DiffResult:
    old, new = _read(old_doc), _read(new_doc)
    groups = align(old.views, new.views)
    mapping = _align_containers(old, new, groups)
    number_map: dict[str, str] = {}
    for group in groups:
        for i in group.old:
            if old.infos[i].number:
                number_map[old.infos[i].number] = new.infos[group.new[0]].number
    moved = _moved_flags(old, new, groups, mapping)

    placed: list[tuple[tuple[int, int, int], Change]] = []
    old_group_at: dict[int, int] = {}
    for group, is_moved in zip(groups, moved):
        change = _change(group, old, new, number_map)
        change.moved = is_moved
        placed.append(((group.new[0], 0, group.old[0]), change))
        for i in group.old:
            old_group_at[i] = group.new[0]
    matched_new = {j for g in groups for j in g.new}
    # Paragraphs that moved into an added article, or out of a removed one, where no group
    # could take it (see align.Group.away): evidence on the added or removed article too.
    away_new: dict[int, list[UnitLink]] = defaultdict(list)
    away_old: dict[int, list[UnitLink]] = defaultdict(list)
    for group in groups:
        for link in group.away:
            if link.new not in matched_new:
                away_new[link.new].append(link)
            if link.old not in old_group_at:
                away_old[link.old].append(link)
    for j, info in enumerate(new.infos):
        if j not in matched_new:
            change = Change("added", [], [info], similarity=0.0,
                            ops=[("insert", display_text(info.text))] if info.text else [])
            change.paragraphs = redline([], _units([info]))[1]
            change.parts = _away_parts(away_new[j], Group([], [j]), old, new)
            _mark_moves(change, old, new)
            placed.append(((j, 0, -1), change))
    for i, info in enumerate(old.infos):
        if i not in old_group_at:
            # A removed article is listed after the successor of its nearest earlier neighbour.
            anchor = next((old_group_at[p] for p in range(i - 1, -1, -1) if p in old_group_at), -1)
            change = Change("removed", [info], [], similarity=0.0,
                            ops=[("delete", display_text(info.text))] if info.text else [])
            change.paragraphs = redline(_units([info]), [])[1]
            change.parts = _away_parts(away_old[i], Group([i], []), old, new)
            _mark_moves(change, old, new)
            placed.append(((anchor, 1, i), change))
    changes = [change for _, change in sorted(placed, key=lambda item: item[0])]
    _mark_verbatim_moves(changes, old, new)
    return DiffResult(
        old_meta=old_doc.meta, new_meta=new_doc.meta, changes=changes,
        structure=_structure_changes(old, new, mapping),
        # a title changed only where both texts state one (a file without a title line has none)
        front_changed=bool(_title(old_doc)) and bool(_title(new_doc)) and _title(old_doc) != _title(new_doc),
        attachments_changed=_attachments(old_doc) != _attachments(new_doc),
        notes_changed=_notes(old_doc) != _notes(new_doc),
    )


def compare_versions(store: Store, slug: str, a: str | None, b: str | None) -> DiffResult:
    """Compare two stored versions of `slug` (labels, dates or 1-based indexes, as `Store.version`)."""
    return compare(store.document(slug, a), store.document(slug, b))
