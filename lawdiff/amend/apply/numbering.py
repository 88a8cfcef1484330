"""Numbering: how the base prints numbers, and renumbering articles, containers and points.

`NumStyle` writes article and container numbers the way the base does (第十二条, 第12条,
Article 12a; in a text of items without articles, the items' own marks: 十二、); `container_restarts` learns from the base where container numbering starts
again at 1; points numbered （一）…（n） are renumbered when one is added or deleted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawdiff.amend.apply.tokens import LEVELS, PointState
from lawdiff.amend.places import en_article, en_container, zh_article, zh_container
from lawdiff.model import CONTAINER_KINDS, Document, Node
from lawdiff.text.numerals import int_to_zh, zh_to_int


@dataclass
class NumStyle:
    arabic: bool = False  # "第12条" rather than "第十二条"
    latin: bool = False  # "Article 12"
    latin_word: str = "Article"
    # A text of items (修正案, 决定: 一、二、…): what its printed numbers put before and after the numeral.
    item_marks: tuple[str, str] | None = None

    @property
    def unit_kind(self) -> str:
        return "level" if self.item_marks is not None else "article"

    def article(self, number: str) -> str:
        if self.item_marks is not None:
            prefix, suffix = self.item_marks
            main, _, sub = number.partition("-")
            if not main.isdigit() or (sub and not sub.isdigit()):
                return f"{prefix}{number}{suffix}"
            numeral = str if self.arabic else int_to_zh
            return prefix + numeral(int(main)) + (f"之{numeral(int(sub))}" if sub else "") + suffix
        if self.latin:
            return f"{self.latin_word} {en_article(number)}"
        return zh_article(number, self.arabic)

    def container(self, kind: str, number: str) -> str:
        if self.latin:
            return en_container(kind, number)
        return zh_container(kind, number, self.arabic)


ITEM_NUMERAL = re.compile(r"[〇零一二三四五六七八九十百千]+|[0-9０-９]+")


def _item_marks(num: str) -> tuple[str, str] | None:
    """"十二、" -> ("", "、"); None unless the printed number holds exactly one numeral."""
    found = ITEM_NUMERAL.search(num)
    if found is None or ITEM_NUMERAL.search(num, found.end()):
        return None
    return num[:found.start()], num[found.end():]


def num_style(doc: Document) -> NumStyle:
    """The base's own style: Latin ("Article 12", or its word), Arabic (第12条) or Chinese numerals;
    for a text of items, the marks around their numerals (一、 → ("", "、"))."""
    units = doc.articles()
    nums = [a.num for a in units if a.num]
    if doc.meta.lang != "zho":
        word = nums[0].split()[0] if nums and " " in nums[0] else "Article"
        return NumStyle(latin=True, latin_word=word)
    arabic = sum(1 for n in nums if re.search(r"[0-9０-９]", n))
    style = NumStyle(arabic=arabic * 2 > len(nums))
    if units and all(u.kind == "level" for u in units):
        shapes = [marks for n in nums if (marks := _item_marks(n.strip())) is not None]
        style.item_marks = max(sorted(set(shapes)), key=shapes.count) if shapes else ("", "、")
    return style


def number_key(number: str) -> tuple[int, int]:
    """"120-1" -> (120, 1), for ordering; a number of another shape sorts last."""
    main, _, sub = number.partition("-")
    try:
        return int(main), int(sub or 0)
    except ValueError:
        return 10 ** 9, 0


def alt_number(number: str) -> str:
    """"12a" -> "12-1" ("" for other shapes), so that English references find inserted articles either way."""
    match = re.fullmatch(r"(\d+)([a-z])", number)
    if match:
        return f"{match.group(1)}-{ord(match.group(2)) - ord('a') + 1}"
    return ""


# -- containers ----------------------------------------------------------------------------------
def outer_change(before: dict[str, int] | None, now: dict[str, int], depth: int) -> str:
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
            outer = outer_change(prev.get(node.kind), parents, depth)
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


# -- points ------------------------------------------------------------------------------------------
POINT_NUM_RE = re.compile(r"^([(（])\s*([0-9]+|[零一二三四五六七八九十百]+)\s*([)）])$")


def canonical_points(points: list[PointState]) -> tuple[str, str, bool] | None:
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


def renumber_points(points: list[PointState], style: tuple[str, str, bool]) -> None:
    open_, close, arabic = style
    for i, p in enumerate(points, start=1):
        p.num = f"{open_}{i if arabic else int_to_zh(i)}{close}"
        p.number = str(i)
