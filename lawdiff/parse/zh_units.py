"""Chinese texts without 第X条 articles -> `Document` with levels as their units.

Amendment instruments (刑法修正案: items 一、二、…), decisions and resolutions (决定, 决议: items),
answers of a court (解答: 一、问：…), early regulations numbered (一)(二)…, guiding cases and
standards (headed sections, `## 基本案情`) are legal texts too.  They are read here when the
article parser finds no article: each numbered item, or each heading without sub-headings,
becomes an AKN `<level>` (eId `lvl_3`, or `lvl_nn2` when unnumbered) holding its paragraphs;
headings that hold other headings or items become containers.  Text before the first unit
is the preamble (为了…，对刑法作如下修改：); a text with no unit at all is one unnumbered level.
A text cut into lines of one length (a newspaper column) is read as its paragraphs, the rules
of lawdiff.text.wrap joining the lines of each.
The text is kept exactly as printed: nothing is dropped, nothing rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawdiff.ingest.source import bare_line, is_blank
from lawdiff.model import Document, FrontBlock, Meta, Node, ParseWarning, SourceLine
from lawdiff.text.history import is_history_line
from lawdiff.text.numerals import zh_to_int
from lawdiff.text.wrap import OPENING_QUOTES, join_wrapped_cjk, quotation_after_stop, wrap_width, wrapped_title

_CJK_NUM = "一二三四五六七八九十百零〇两"
# Item numbering families, most specific first: 一、 / （一） / 1、 or 1. (not 1.5).
ITEM_FAMILIES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^([{_CJK_NUM}]+)\s*、\s*(.*)$"),
    re.compile(rf"^[(（]\s*([{_CJK_NUM}]+)\s*[)）]\s*(.*)$"),
    re.compile(r"^([0-9０-９]{1,3})\s*(?:、|[.．](?![0-9０-９]))\s*(.*)$"),
)
CONTAINER_BY_DEPTH = ("chapter", "section", "subsection")


@dataclass
class _Heading:
    """A heading while reading: what it holds decides whether it is a container or a unit."""

    level: int
    text: str
    line: int
    items: list[_Heading | Node | SourceLine] = field(default_factory=list)  # headings, level units, paragraphs


def _family(lines: list[SourceLine]) -> re.Pattern[str] | None:
    """The numbering family whose items run 1, 2, … at the start of lines (at least two)."""
    for family in ITEM_FAMILIES:
        expected = 1
        for line in lines:
            if line.heading_level:
                continue
            match = family.match(line.text)
            if match and zh_to_int(match.group(1)) == expected:
                expected += 1
        if expected > 2:
            return family
    return None


def _front_end(lines: list[SourceLine]) -> int:
    """Lines of the front matter: the title, then history lines and bracketed notes."""
    if not lines:
        return 0
    end = 1
    while end < len(lines):
        text = lines[end].text
        bracketed = text[:1] in "(（" and text[-1:] in ")）" and not lines[end].heading_level
        if is_history_line(text) or (bracketed and not any(f.match(text) for f in ITEM_FAMILIES)):
            end += 1
            continue
        break
    return end


def _unwrapped(lines: list[SourceLine]) -> list[SourceLine]:
    """The lines of a text cut into lines of one length (a newspaper column, a hard-wrapped
    .txt: text.wrap.wrap_width) joined into its paragraphs: a full line goes on in the next one
    unless that opens a heading, an item or a history line; the title by wrapped_title's rule.
    Any other text is its lines already, but for a title that wrapped (wrapped_title)."""
    width = wrap_width([line.text for line in lines])
    if not lines:
        return lines
    title, used = wrapped_title([line.text for line in lines], width)
    out = [SourceLine(title, lines[0].number, lines[0].heading_level)]
    if not width:  # not cut into lines of one length: only a title set large may wrap
        return out + lines[used:]
    last = lines[used - 1].text  # the last line read into the paragraph out[-1]
    for line in lines[used:]:
        # An item opens a paragraph, quoted too (an amendment quotes the new text item by item:
        # “（四）编造…), and so does a quotation after a full stop (quotation_after_stop).
        item = line.text.lstrip(OPENING_QUOTES)
        continues = len(out) > 1 and len(last) == width and not line.heading_level and not out[-1].heading_level \
            and not any(family.match(item) for family in ITEM_FAMILIES) and not is_history_line(line.text) \
            and not quotation_after_stop(last, line.text)
        if continues:
            out[-1] = SourceLine(join_wrapped_cjk(out[-1].text, line.text), out[-1].number, out[-1].heading_level)
        else:
            out.append(line)
        last = line.text
    return out


class UnitParser:
    def __init__(self, lines: list[SourceLine], meta: Meta) -> None:
        self.lines = _unwrapped([SourceLine(bare_line(l.text), l.number, l.heading_level)
                                 for l in lines if not is_blank(l.text)])
        self.doc = Document(meta=meta)

    def parse(self) -> Document:
        end = _front_end(self.lines)
        front, body = self.lines[:end], self.lines[end:]
        if front:
            self.doc.front.append(FrontBlock("title", [front[0].text], front[0].number))
        if len(front) > 1:
            self.doc.front.append(FrontBlock("note", [l.text for l in front[1:]], front[1].number))
        family = _family(body)
        root = _Heading(0, "", 0)
        stack = [root]
        item: Node | None = None
        expected = 1
        preamble: list[SourceLine] = []
        seen_unit = False
        for line in body:
            if line.heading_level:
                while stack[-1].level >= line.heading_level and len(stack) > 1:
                    stack.pop()
                heading = _Heading(line.heading_level, line.text, line.number)
                stack[-1].items.append(heading)
                stack.append(heading)
                item, expected, seen_unit = None, 1, True
                continue
            match = family.match(line.text) if family else None
            if match and zh_to_int(match.group(1)) == expected:
                num = line.text[: len(line.text) - len(match.group(2))].rstrip() if match.group(2) else line.text
                item = Node("level", num=num, number=str(expected), line=line.number)
                if match.group(2):
                    item.children.append(Node("paragraph", number="1", text=match.group(2), line=line.number))
                stack[-1].items.append(item)
                expected += 1
                seen_unit = True
                continue
            if item is not None:
                item.children.append(Node("paragraph", number=str(len(item.children) + 1), text=line.text,
                                          line=line.number))
            elif not seen_unit:
                preamble.append(line)
            else:
                stack[-1].items.append(line)
        if preamble and seen_unit:
            self.doc.front.append(FrontBlock("preamble", [l.text for l in preamble], preamble[0].number))
        elif preamble:
            root.items[:0] = preamble
        self.doc.body = self._nodes(root, -1)
        if not self.doc.body and self.lines:  # a title and its history only: the body is one empty level
            last_line = self.lines[-1].number if self.lines else 0
            self.doc.body = [Node("level", line=last_line)]
            self.doc.warnings.append(ParseWarning(last_line, "no-body", "the text has a title but no body"))
        if family is None and not any(isinstance(i, _Heading) for i in root.items):
            self.doc.warnings.append(ParseWarning(
                body[0].number if body else 0, "no-articles",
                "no 第X条 articles and no numbered items or headings: the text is kept as one unit"))
        return self.doc

    def _nodes(self, heading: _Heading, depth: int) -> list[Node]:
        """The nodes a heading's contents make, at container depth `depth` (-1: the body)."""
        out: list[Node] = []
        loose: list[SourceLine] = []

        def flush() -> None:
            if loose:
                unit = Node("level", line=loose[0].number)
                unit.children = [Node("paragraph", number=str(i), text=l.text, line=l.number)
                                 for i, l in enumerate(loose, start=1)]
                out.append(unit)
                loose.clear()

        for entry in heading.items:
            if isinstance(entry, SourceLine):
                loose.append(entry)
                continue
            flush()
            if isinstance(entry, Node):
                out.append(entry)
                continue
            assert isinstance(entry, _Heading)
            holds_units = any(isinstance(i, (Node, _Heading)) for i in entry.items)
            if holds_units:  # text before its first unit becomes an unnumbered level (see flush)
                kind = CONTAINER_BY_DEPTH[min(depth + 1, len(CONTAINER_BY_DEPTH) - 1)]
                container = Node(kind, heading=entry.text, line=entry.line)  # type: ignore[arg-type]
                container.children = self._nodes(entry, depth + 1)
                out.append(container)
            else:
                unit = Node("level", heading=entry.text, line=entry.line)
                lines = [item for item in entry.items if isinstance(item, SourceLine)]  # all of them: it holds no units
                unit.children = [Node("paragraph", number=str(i), text=l.text, line=l.number)
                                 for i, l in enumerate(lines, start=1)]
                out.append(unit)
        flush()
        return out


def parse_lines(lines: list[SourceLine], meta: Meta) -> Document:
    return UnitParser(lines, meta).parse()
