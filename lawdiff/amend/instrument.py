"""An amending instrument as data: what it says, item by item, instruction by instruction.

Chinese instruments (修正案, 关于修改……的决定) and English-style amending acts say the
same few things: rewrite this article, paragraph or point; replace, insert or delete
words inside it; add or delete an article, paragraph, point or chapter; rename a
chapter; renumber.  `Op` is one such instruction, `Item` one numbered item (一、…),
which may hold several instructions joined by "；".  `lawdiff.amend.writer` writes these
forms and `lawdiff.amend.reader` reads them, so the two are tested against each other.
Places (`Loc`) are written in the *base* document's numbering, as real instruments do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

OpKind = Literal[
    "replace",           # target (article, paragraph, point) rewritten with `lines`
    "replace_text",      # `old` -> `new` inside target
    "insert_text",       # `new` inserted after (position="after") or before `old` inside target
    "delete_text",       # `old` deleted inside target
    "add_paragraph",     # `lines` become paragraph `number` of target article
    "add_point",         # `lines` become point `number` of target paragraph
    "add_article",       # `lines` become article `number`, placed at the anchor
    "delete",            # target (article, paragraph, point, or container with its content) deleted
    "heading",           # the article's heading (条标) becomes `new` ("" deletes it)
    "move",              # article moved to the anchor
    "rename",            # container heading becomes `new`
    "add_container",     # a container (kind `ckind`, number `number`, heading `new`) at the anchor
    "delete_heading",    # a container's heading line removed, its articles kept
    "renumber",          # explicit: target gets number `number`
    "renumber_all",      # 条文/章节顺序作相应调整: sequential renumbering at the end
    "note",              # no textual change (commencement, publication clause)
]


@dataclass(frozen=True)
class Loc:
    """A place in the base document: containers (kind, number), article, paragraph (款), point (项)."""

    containers: tuple[tuple[str, int], ...] = ()
    article: str = ""  # Arabic, 之Y as "-Y": "165", "120-1"
    paragraph: int = 0  # 1-based; 0 = the whole article
    point: int = 0  # 1-based; 0 = the whole paragraph

    @property
    def is_container(self) -> bool:
        return bool(self.containers) and not self.article

    @property
    def level(self) -> str:
        if self.is_container:
            return "container"
        if self.point:
            return "point"
        if self.paragraph:
            return "paragraph"
        return "article"

    def article_only(self) -> Loc:
        return Loc(article=self.article)


@dataclass
class Op:
    kind: OpKind
    target: Loc = field(default_factory=Loc)
    anchor: Loc = field(default_factory=Loc)  # where add_article/add_container/move put things
    old: str = ""  # quoted text to find (or the anchor of an insertion)
    new: str = ""  # quoted replacement, insertion, heading
    lines: list[str] = field(default_factory=list)  # a quoted block: one line per paragraph/point
    number: str = ""  # the new number: 款/项 position, article "120-1", container "4"
    position: str = ""  # anchor relation: "after", "before", "in" (start of a container); "" = none
    ckind: str = ""  # container kind for add_container / renumber of containers
    adds_paragraph: int = 0  # "增加一款作为第Y款，将该条修改为": the paragraph the rewrite must contain
    articles: bool = False  # renumber_all: articles
    containers: bool = False  # renumber_all: chapters, sections …
    text: str = ""  # the clause as printed (for reports)


@dataclass
class Item:
    label: str  # as printed: "一", "1"
    text: str  # the whole item as printed
    ops: list[Op] = field(default_factory=list)
    error: str = ""  # why the item (or one of its clauses) was not understood
    line: int = 0


@dataclass
class Instrument:
    title: str = ""
    preamble: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    lang: str = "zho"
    article_word: str = "§"  # German instruments: how the base names an article (§ or Artikel)
