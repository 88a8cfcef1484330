"""What a comparison of two versions produces: the contract between align/redline and
every consumer (CLI outputs, site, amendments).

`lawdiff.diff.compare(old, new)` returns a `DiffResult`.  Every article of either side
appears in exactly one `Change`.  Texts are as stored; normalisation is only for matching.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .model import Meta

ChangeType = Literal["unchanged", "modified", "added", "removed", "split", "merged"]
Op = tuple[Literal["equal", "delete", "insert"], str]


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


@dataclass
class ParagraphDiff:
    """One aligned pair of paragraphs (款) or points (项) inside a modified article."""

    old_index: int | None  # 0-based paragraph index in the old article, None when inserted
    new_index: int | None
    ops: list[Op]


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

    @property
    def is_amendment(self) -> bool:
        """A change that counts for diff(1) exit status: not formatting-only variants."""
        if self.type == "unchanged":
            return self.renumbered
        if self.type == "modified" and self.formatting_only:
            return False
        return True


@dataclass
class StructureChange:
    type: Literal["added", "removed", "renamed", "renumbered", "moved"]
    kind: str  # book, part, chapter, section
    old: str  # "第二章 基本要素与科技创新" ("" when added)
    new: str


@dataclass
class DiffResult:
    old_meta: Meta
    new_meta: Meta
    changes: list[Change]
    structure: list[StructureChange] = field(default_factory=list)
    front_changed: bool = False  # title, notes, announcement
    attachments_changed: bool = False

    @property
    def stats(self) -> dict[str, int]:
        counts = {k: 0 for k in ("unchanged", "modified", "added", "removed", "split", "merged",
                                 "renumbered", "moved", "formatting_only")}
        for change in self.changes:
            if change.type == "modified" and change.formatting_only:
                counts["formatting_only"] += 1
            else:
                counts[change.type] += 1
            counts["renumbered"] += change.renumbered
            counts["moved"] += change.moved
        return counts

    @property
    def has_differences(self) -> bool:
        """diff(1) semantics: formatting-only differences do not count."""
        return (any(c.is_amendment for c in self.changes) or bool(self.structure)
                or self.front_changed or self.attachments_changed)
