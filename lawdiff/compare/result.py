"""What a comparison of two versions produces: the contract between align/redline and
every consumer (CLI outputs, site, amendments).

`lawdiff.compare.differ.compare(old, new)` returns a `DiffResult`.  Every article of either side
appears in exactly one `Change`.  Texts are as stored; normalisation is only for matching.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

from lawdiff.model import Meta
from lawdiff.text.normalize import title_key

# The counts of `DiffResult.stats`, in the order outputs list them.
STAT_KEYS = ("unchanged", "modified", "added", "removed", "split", "merged",
             "renumbered", "moved", "formatting_only", "references_only")
ChangeType = Literal["unchanged", "modified", "added", "removed", "split", "merged"]
OpKind = Literal["equal", "delete", "insert"]
Op = tuple[OpKind, str]


@dataclass
class ArticleInfo:
    """One article as the diff reports it."""

    eid: str  # "art_12"
    num: str  # as printed: "第十二条"
    number: str  # Arabic, 之Y as -Y: "12", "134-1"
    heading: str  # without brackets
    path: list[str]  # containers, outermost first, as printed: ["第二章 基本要素与科技创新", "第一节 基本要素"]
    text: str  # the article's words below num/heading, paragraphs joined by "\n"
    index: int  # 0-based position among the version's articles


def article_paragraphs(info: ArticleInfo) -> list[str]:
    """An article's paragraphs as a change counts them: its text's lines, or one empty paragraph
    when it has no text (an article that is only a number and a heading)."""
    return info.text.split("\n") if info.text else [""]


def paragraph_count(info: ArticleInfo) -> int:
    """len(article_paragraphs(info)), without making the list (the JSON counts every article's)."""
    return info.text.count("\n") + 1


def paragraph_starts(infos: list[ArticleInfo]) -> list[int]:
    """The index of each article's first paragraph among a change's paragraphs on one side (its
    articles' paragraphs one after the other: what ParagraphDiff.old_index / new_index count)."""
    starts: list[int] = []
    total = 0
    for info in infos:
        starts.append(total)
        total += paragraph_count(info)
    return starts


def locate(infos: list[ArticleInfo], index: int) -> tuple[int, int]:
    """(position in `infos` of the article holding a change's paragraph `index`, the paragraph's
    line within that article); see paragraph_starts."""
    starts = paragraph_starts(infos)
    k = bisect_right(starts, index) - 1 if infos else 0
    return k, index - starts[k] if starts else index


def article_at(infos: list[ArticleInfo], index: int) -> int:
    """The position in `infos` of the article holding a change's paragraph `index` (see locate)."""
    return locate(infos, index)[0]


@dataclass
class ParagraphDiff:
    """One aligned pair of paragraphs (款) or points (项) inside a change (every type but unchanged:
    an added article's paragraphs are all inserted, a removed one's all deleted)."""

    old_index: int | None  # 0-based paragraph index in the old article, None when inserted
    new_index: int | None
    ops: list[Op]
    # The old paragraph now lives in another new article than its old article's successor
    # ("移至第三十九条"), the new paragraph came from another old article than its new article's
    # main predecessor ("由第三十五条移来"): articles as printed, one per `moved` part (see PartLink).
    moved_to: str = ""
    moved_from: str = ""


PartRelation = Literal["kept", "rewritten", "moved"]


@dataclass
class PartLink:
    """A paragraph or point (款/项) of an old article found in a new one: the evidence of a link.

    `kept`: in the article's successor, same words (formatting aside); `rewritten`: in the
    successor, other words around the sentences that survived; `moved`: the two articles are
    not each other's principal partners, seen from either side: in another new article than
    the old one's successor, or from another old article than the new one's main predecessor
    (a split's piece, a merge's contribution, a paragraph carried away), so that the parts of
    diff(B, A) are those of diff(A, B) turned round.  A `moved` part
    may name an article of another change (or an added or removed article): a paragraph that
    went where the change could not follow without pairing articles that are not linked
    (a re-cut, see align.Group.away), or a paragraph deleted whole from one change and inserted
    whole, in the same words, into another (once each in the whole result, see
    differ._mark_verbatim_moves); the change on either side lists it.
    """

    old_eid: str  # art_35__para_5 (the article's eId when its text has no paragraphs)
    new_eid: str
    old_number: str  # the articles holding them, as ArticleInfo.number
    new_number: str
    # 0-based index among the change's old paragraphs (as ParagraphDiff.old_index); None when
    # the old article is not in this change (a paragraph that moved in from another change).
    old_index: int | None
    new_index: int | None
    relation: PartRelation
    # The two paragraphs read the same, formatting aside (always so for `kept`, never for
    # `rewritten`; a `moved` paragraph may be either).  Not part of the JSON.
    same_words: bool = False


@dataclass
class Change:
    type: ChangeType
    old: list[ArticleInfo]
    new: list[ArticleInfo]
    renumbered: bool = False  # the number changed
    moved: bool = False  # out of order, or into another chapter/section
    similarity: float = 1.0  # 0..1 on normalised text
    ops: list[Op] = field(default_factory=list)  # article-level redline (for modified/split/merged)
    paragraphs: list[ParagraphDiff] = field(default_factory=list)
    formatting_only: bool = False  # differs only in typographic variants (width, ：/︰, spacing)
    # Differs only in the numbers of cross-references (第X条, 第X款), and every changed
    # article number follows the renumbering of the article it points to.
    references_only: bool = False
    heading_ops: list[Op] = field(default_factory=list)  # redline of the heading, when it changed
    # Which paragraphs of the old articles live on in which paragraphs of the new ones
    # (sentence evidence of the alignment; empty for unchanged, added and removed articles).
    parts: list[PartLink] = field(default_factory=list)

    @property
    def several_articles(self) -> bool:
        """Several articles on a side: a split, a merge or a re-cut, whose redline runs through them."""
        return len(self.old) > 1 or len(self.new) > 1

    @property
    def is_amendment(self) -> bool:
        """A change that counts for diff(1) exit status: not formatting-only variants."""
        if self.type == "unchanged" or (self.type == "modified" and self.formatting_only):
            return self.renumbered or self.moved  # its place in the law changed
        return True


@dataclass
class StructureChange:
    """A container (编/章/节…) added, removed, renamed, renumbered or moved.

    `type` names the most visible change (renamed, then renumbered, then moved); the
    flags tell whether the others happened too.
    """

    type: Literal["added", "removed", "renamed", "renumbered", "moved"]
    kind: str  # book, part, chapter, section ... (the new kind when it changed)
    old: str  # "第二章 基本要素与科技创新" ("" when added)
    new: str
    renumbered: bool = False
    moved: bool = False  # out of order among its kind, or into another parent
    old_eid: str = ""
    new_eid: str = ""


@dataclass
class DiffResult:
    old_meta: Meta
    new_meta: Meta
    changes: list[Change]
    structure: list[StructureChange] = field(default_factory=list)
    front_changed: bool = False  # the title
    attachments_changed: bool = False  # annexes (附件) and explanatory notes after the body
    # Notes before the body (题注, announcement) and editorial footnotes: reported, but
    # not part of the enacted text, so they do not count as differences.
    notes_changed: bool = False

    @property
    def stats(self) -> dict[str, int]:
        """Counts per change type.  `modified` leaves out the formatting-only and the
        references-only modifications, which have their own counts."""
        counts = {k: 0 for k in STAT_KEYS}
        for change in self.changes:
            if change.type == "modified" and change.formatting_only:
                counts["formatting_only"] += 1
            elif change.type == "modified" and change.references_only:
                counts["references_only"] += 1
            else:
                counts[change.type] += 1
            counts["renumbered"] += change.renumbered
            counts["moved"] += change.moved
        return counts

    @property
    def aligned_share(self) -> float:
        """The share of articles that correspond to an article of the other version, on the side
        where it is higher (a revision that doubles a law still keeps most of the old articles)."""
        counts = {"old": [0, 0], "new": [0, 0]}  # side -> [aligned, total]
        for change in self.changes:
            for side, infos in (("old", change.old), ("new", change.new)):
                counts[side][1] += len(infos)
                if change.type not in ("added", "removed"):
                    counts[side][0] += len(infos)
        return max((aligned / total for aligned, total in counts.values() if total), default=1.0)

    @property
    def same_title(self) -> bool:
        """Both versions are titled, and the titles name one law (text.normalize.title_key)."""
        old, new = title_key(self.old_meta.title), title_key(self.new_meta.title)
        return bool(old) and old == new

    @property
    def unrelated(self) -> bool:
        """On neither side does even half of the articles correspond to the other, and the titles
        do not name one law: two different laws, not two versions of one."""
        return self.aligned_share < 0.5 and not self.same_title

    @property
    def rewritten(self) -> bool:
        """Not even half of the articles correspond, but the titles name one law: a revision that
        rewrote it throughout (商用密码管理条例 1999 -> 2023), not a different law."""
        return self.aligned_share < 0.5 and self.same_title

    @property
    def has_differences(self) -> bool:
        """diff(1) semantics: formatting-only differences do not count."""
        return (any(c.is_amendment for c in self.changes) or bool(self.structure)
                or self.front_changed or self.attachments_changed)
