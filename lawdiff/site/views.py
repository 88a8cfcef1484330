"""Diff results turned into what templates lay out: redline paragraphs, table rows, groups.

Templates only loop and escape; every decision about what a reader sees (which
changes are collapsed, how a split article reads) is made here, where it is tested.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from lawdiff.compare.formats.listing import move_label, rows_with_openings
from lawdiff.compare.result import Change, DiffResult, Op, OpKind, ParagraphDiff
from lawdiff.site.i18n import change_order, listing_language, names
from lawdiff.text.normalize import display_text

# A run of a redline paragraph: the diff's ops, at a paragraph's end a note that it moved
# ("moved_from" / "moved_to", with the label the page shows; see `redline`), and at its start the
# article it opens inside a split or merge ("opens_old" / "opens_new", the article as printed).
RunKind = OpKind | Literal["moved_from", "moved_to", "opens_old", "opens_new"]
Run = tuple[RunKind, str]
Paragraph = list[Run]


def split_paragraphs(ops: list[Op]) -> list[Paragraph]:
    """Article-level ops (paragraphs joined by "\\n") cut into one list of ops per paragraph.

    A newline kept or inserted starts a new paragraph; a deleted newline (two paragraphs
    joined) stays inside its deletion as a visible pilcrow, so the join is not silent.
    """
    paragraphs: list[Paragraph] = [[]]
    for kind, text in ops:
        if kind == "delete":
            if text:
                paragraphs[-1].append((kind, text.replace("\n", "¶")))
            continue
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                paragraphs.append([])
            if piece:
                paragraphs[-1].append((kind, piece))
    return [p for p in paragraphs if p] or [[]]


def redline(change: Change, lang: str = "en") -> list[Paragraph]:
    """The change as paragraphs of equal/insert/delete runs, for the compare page; texts as read
    (`display_text`: OCR wrap spaces between Chinese characters are not shown).

    A paragraph that moved to or from another article ends with a ("moved_to", "移至第三十九条")
    or ("moved_from", "由第三十五条移来") note, and the first paragraph of each article of a split or
    merge starts with ("opens_new", "第二十四条") or ("opens_old", ...): each side of a 对照表 keeps
    its own (see one_side)."""
    if change.paragraphs:
        return [ops for _, ops in _diff_paragraphs(change, listing_language(lang))]
    if change.type == "added":
        return [[("insert", display_text(t))] for a in change.new for t in a.text.split("\n") if t]
    if change.type == "removed":
        return [[("delete", display_text(t))] for a in change.old for t in a.text.split("\n") if t]
    if change.ops:
        return split_paragraphs([(op, display_text(t)) for op, t in change.ops])
    # Split or merged without ops, or unchanged: old words out, new words in.
    if change.type in ("split", "merged"):
        old: list[Paragraph] = [[("delete", display_text(t))] for a in change.old for t in a.text.split("\n") if t]
        new: list[Paragraph] = [[("insert", display_text(t))] for a in change.new for t in a.text.split("\n") if t]
        return old + new
    return [[("equal", display_text(t))] for a in change.new for t in a.text.split("\n") if t]


def _diff_paragraphs(change: Change, words: str) -> list[tuple[int, Paragraph]]:
    """The differ's paragraphs the page shows (those with words), each with its position in
    `change.paragraphs` and its move notes in the label language `words` (listing.move_label)."""
    out: list[tuple[int, Paragraph]] = []
    openings: Paragraph = []  # the articles that begin at the next paragraph shown
    position = -1
    for p in rows_with_openings(change):
        if isinstance(p, tuple):
            openings.append(("opens_old" if p[0] == "old" else "opens_new", p[1]))
            continue
        position += 1
        ops: Paragraph = [(op, display_text(t)) for op, t in p.ops if t]
        if not ops:
            continue
        ops = openings + ops
        openings = []
        if p.moved_from:
            ops.append(("moved_from", move_label("new", p.moved_from, words)))
        if p.moved_to:
            ops.append(("moved_to", move_label("old", p.moved_to, words)))
        out.append((position, ops))
    if openings:  # the last articles have no words below their number (an empty article): named all the same
        out.append((len(change.paragraphs), openings))
    return out


def badge_kind(change: Change) -> str:
    """The one word a badge shows for a change: what a reader notices first."""
    if change.type == "modified" and change.formatting_only:
        return "formatting"
    if change.type == "modified" and change.references_only:
        return "references"
    if change.type == "unchanged" and change.moved:
        return "moved"
    if change.type == "unchanged" and change.renumbered:
        return "renumbered"
    return change.type


def one_side(paragraphs: list[Paragraph], side: str) -> list[Paragraph]:
    """Keep what one side of a 对照表 shows: the old text with deletions, or the new with insertions."""
    drop = ("insert", "moved_from", "opens_new") if side == "old" else ("delete", "moved_to", "opens_old")
    out = [[op for op in p if op[0] not in drop] for p in paragraphs]
    return [p for p in out if any(kind in ("equal", "insert", "delete", "opens_old", "opens_new") for kind, _ in p)]


def is_unchanged(paragraph: Paragraph) -> bool:
    """A paragraph of a changed article that reads the same before and after, in the same place."""
    return all(kind == "equal" for kind, _ in paragraph)


@dataclass(frozen=True)
class MoveLink:
    """A paragraph deleted whole from one article and inserted word for word into another: the link
    from each place to the other (label as printed: 移至第四条 / 由第三条移来; anchor on the compare page)."""

    label: str
    anchor: str


@dataclass(frozen=True)
class Block:
    """What the compare page lays out inside a changed article: one paragraph as it is, or a run of
    unchanged paragraphs folded behind a one-line summary (GitHub's hidden context lines); a paragraph
    that moved away to another article folds too, its summary linking to where it went."""

    paragraphs: list[Paragraph]
    folded: bool
    move: MoveLink | None = None

    @property
    def preview(self) -> str:
        """The start of the first folded paragraph, so the summary says where in the article it is."""
        text = "".join(t for _, t in self.paragraphs[0])
        return text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS] + "…"


# The notes a paragraph of the diff may end with (see redline): where it went, where it came from.
MOVE_NOTES = ("moved_to", "moved_from")

# A folded run's summary shows this many characters of its first paragraph (CSS cuts it to one line).
PREVIEW_CHARS = 40


def fold_unchanged(paragraphs: list[Paragraph], moved_out: dict[int, MoveLink] | None = None,
                   moved_in: dict[int, MoveLink] | None = None) -> list[Block]:
    """Every run of unchanged paragraphs (no insertion, deletion or move note) becomes one folded
    block; the changed paragraphs stay open.  A paragraph in `moved_out` (by index) is folded on its
    own with its link, one in `moved_in` stays open with its link back.  Nothing is dropped: a folded
    block holds its text, which <details> shows on request (and the browser's find-in-page opens)."""
    moved_out, moved_in = moved_out or {}, moved_in or {}
    blocks: list[Block] = []
    for i, paragraph in enumerate(paragraphs):
        if i in moved_out or i in moved_in:
            # the link says where it went or came from; the diff's own note would say it twice
            bare = [op for op in paragraph if op[0] not in MOVE_NOTES]
            blocks.append(Block([bare], i in moved_out, moved_out.get(i) or moved_in.get(i)))
            continue
        folded = is_unchanged(paragraph)
        if folded and blocks and blocks[-1].folded and blocks[-1].move is None:
            blocks[-1].paragraphs.append(paragraph)
        else:
            blocks.append(Block([paragraph], folded))
    return blocks


def link_moved_paragraphs(all_rows: list[Row], lang: str) -> None:
    """A paragraph the differ says moved whole and word for word from one changed article to another
    (a `moved` part with the same words that both changes list, deleted there and inserted here, and
    the only move of either paragraph) is one move, not a deletion and an insertion: each place gets
    a link to the other row, and the compare page shows the text once, where it now is.  Which
    paragraphs moved is the differ's to say (sentence evidence, or the same words deleted and
    inserted once each); a reworded move keeps the differ's notes in both places (see redline)."""
    words = listing_language(lang)
    # (old eId, new eId) of a part that crosses changes -> the rows holding its old and new paragraph
    ends: dict[tuple[str, str], dict[str, tuple[Row, ParagraphDiff]]] = {}
    for row in all_rows:
        if not is_substantive(row):
            continue
        change = row.change
        moves_out = Counter(p.old_index for p in change.parts if p.relation == "moved" and p.old_index is not None)
        moves_in = Counter(p.new_index for p in change.parts if p.relation == "moved" and p.new_index is not None)
        for part in change.parts:
            if not part.same_words or part.relation != "moved" or (part.old_index is None) == (part.new_index is None):
                continue  # not a paragraph carried word for word into or out of another change
            if part.old_index is not None and moves_out[part.old_index] == 1:
                paragraph = next((p for p in change.paragraphs if p.old_index == part.old_index), None)
                if paragraph is not None and paragraph.new_index is None:  # deleted whole here
                    ends.setdefault((part.old_eid, part.new_eid), {})["from"] = (row, paragraph)
            elif part.new_index is not None and moves_in[part.new_index] == 1:
                paragraph = next((p for p in change.paragraphs if p.new_index == part.new_index), None)
                if paragraph is not None and paragraph.old_index is None:  # inserted whole here
                    ends.setdefault((part.old_eid, part.new_eid), {})["to"] = (row, paragraph)
    for pair in ends.values():
        if "from" not in pair or "to" not in pair:
            continue
        (source, went), (target, came) = pair["from"], pair["to"]
        i, j = source.shown_index(went), target.shown_index(came)
        if i is None or j is None:
            continue
        source.moved_out[i] = MoveLink(move_label("old", went.moved_to, words), target.anchor)
        target.moved_in[j] = MoveLink(move_label("new", came.moved_from, words), source.anchor)


def plain(text: str) -> list[Paragraph]:
    """Unchanged text as paragraphs, as read (`display_text`)."""
    return [[("equal", display_text(t))] for t in text.split("\n") if t]


@dataclass
class Row:
    """One change as a compare page or a 对照表 shows it."""

    change: Change
    anchor: str  # fragment id on the compare page
    old_names: str  # 第十二条、第十三条 ("" when added)
    new_names: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    # paragraphs (by index) that moved whole to or from another changed article (link_moved_paragraphs)
    moved_out: dict[int, MoveLink] = field(default_factory=dict)
    moved_in: dict[int, MoveLink] = field(default_factory=dict)

    def shown_index(self, paragraph: ParagraphDiff) -> int | None:
        """Where one of the differ's paragraphs of this change is in `paragraphs` (None: not shown)."""
        return self._shown.get(id(paragraph))

    @cached_property
    def _shown(self) -> dict[int, int]:
        """id of each of the differ's paragraphs that `paragraphs` shows -> its index there (the
        paragraphs with words, in order: see _diff_paragraphs)."""
        shown = [p for p in self.change.paragraphs if any(t for _, t in p.ops)]
        return {id(p): k for k, p in enumerate(shown)}

    @property
    def kind(self) -> str:
        """What the summary bar filters by: the badge's word (renumbered, moved, formatting, …)."""
        return badge_kind(self.change)

    @property
    def type(self) -> str:
        """The change type as shown; quiet modifications get their own names."""
        kind = badge_kind(self.change)
        return "unchanged" if kind in ("moved", "renumbered") else kind

    @property
    def indexed(self) -> bool:
        """Whether search sees this row's two sides: only rows whose words changed (not an untouched,
        renumbered, moved or reformatted article, whose old side would read as deleted text)."""
        return self.kind not in ("unchanged", "renumbered", "moved", "formatting")

    @property
    def title(self) -> str:
        """How the row is headed: renumbering reads 第十二条 → 第十三条."""
        if self.old_names and self.new_names and self.old_names != self.new_names:
            return f"{self.old_names} → {self.new_names}"
        return self.new_names or self.old_names

    @property
    def blocks(self) -> list[Block]:
        """The redline with runs of unchanged paragraphs folded (see fold_unchanged)."""
        return fold_unchanged(self.paragraphs, self.moved_out, self.moved_in)

    @property
    def left(self) -> list[Paragraph]:
        if self.change.type == "unchanged":
            return [p for a in self.change.old for p in plain(a.text)]
        return one_side(self.paragraphs, "old")

    @property
    def right(self) -> list[Paragraph]:
        if self.change.type == "unchanged":
            return [p for a in self.change.new for p in plain(a.text)]
        return one_side(self.paragraphs, "new")


def anchor(change: Change) -> str:
    """A fragment id for a change: the new article's eId, or del-<old eId> for a removal."""
    if change.new:
        return change.new[0].eid
    return "del-" + change.old[0].eid if change.old else "change"


def rows(result: DiffResult, lang: str) -> list[Row]:
    """Every change in reading order (removed articles right after their old neighbour)."""
    ordered = sorted(result.changes, key=change_order(result))
    out = []
    for change in ordered:
        paragraphs = redline(change, lang) if change.type != "unchanged" else []
        out.append(Row(change, anchor(change), names(change.old, lang), names(change.new, lang), paragraphs))
    link_moved_paragraphs(out, lang)
    return out


def is_substantive(row: Row) -> bool:
    """Redlined one by one on the compare page: not unchanged, not a formatting or reference-number echo."""
    return row.type not in ("unchanged", "formatting", "references")


@dataclass
class Group:
    """A run of 对照表 rows: changed rows one by one, unchanged ones folded together."""

    folded: bool
    rows: list[Row]

    @property
    def first(self) -> str:
        return self.rows[0].new_names or self.rows[0].old_names

    @property
    def last(self) -> str:
        return self.rows[-1].new_names or self.rows[-1].old_names


def table_groups(all_rows: list[Row]) -> list[Group]:
    """Runs of rows; only articles that stayed as they were (same number, same place) are folded:
    renumbered and moved ones are rows of their own, which the summary bar shows or hides."""
    groups: list[Group] = []
    for row in all_rows:
        folded = row.kind == "unchanged"
        if groups and groups[-1].folded == folded:
            groups[-1].rows.append(row)
        else:
            groups.append(Group(folded, [row]))
    return groups


def compare_sections(all_rows: list[Row]) -> dict[str, list[Row]]:
    """The compare page's parts: redlined rows, and the quiet changes listed by name only."""
    return {
        "changed": [r for r in all_rows if is_substantive(r)],
        "renumbered": [r for r in all_rows if r.change.type == "unchanged" and r.change.renumbered],
        "moved": [r for r in all_rows if r.change.type == "unchanged" and r.change.moved
                  and not r.change.renumbered],
        "references": [r for r in all_rows if r.type == "references"],
        "formatting": [r for r in all_rows if r.type == "formatting"],
    }


# The kinds the summary bar of the compare page and the 对照表 filters by, biggest news first,
# and which of them a reader sees before touching the bar: renumbering alone and typography alone
# (full-width digits, a colon's form, spacing) are hidden.
KINDS = ("modified", "added", "removed", "split", "merged", "moved", "renumbered", "references", "formatting")
HIDDEN_BY_DEFAULT = frozenset({"renumbered", "formatting"})


@dataclass(frozen=True)
class KindCount:
    kind: str
    count: int
    shown: bool  # checked when the page opens


def kind_counts(all_rows: list[Row]) -> list[KindCount]:
    """The summary bar: each kind that occurs, with how many rows it has."""
    counts: dict[str, int] = {}
    for row in all_rows:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    return [KindCount(k, counts[k], k not in HIDDEN_BY_DEFAULT) for k in KINDS if counts.get(k)]
