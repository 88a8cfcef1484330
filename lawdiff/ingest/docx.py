"""Word (.docx) -> `SourceLine`s through python-docx: one line per paragraph or table row.

What the format says beyond the words is kept as hints: a "Heading N" style or an outline
level gives `heading_level`; a paragraph set entirely in bold or italics is "emphasis".
Word's automatic numbering is part of what a reader of the draft sees (`Article 5`, `(a)`
generated from the numbering definitions), so its labels are computed and put in front of
the paragraph's words; bullets carry no text and only mark the line as a list item.

Tracked changes: a file holds two states, the text before the changes ("Original" in Word)
and after them ("No Markup", every change accepted).  `state="after"` (the default) reads
inserted and moved-to runs as text and leaves out deleted and moved-from ones;
`state="before"` the other way round.  A paragraph whose mark is not there in the state
read (an inserted paragraph, read before; a deleted one, read after) joins the next one,
as in Word.  python-docx's `Paragraph.text` leaves out inserted runs, so the runs are
gathered here with python-docx's own run elements.  Comments are not text; changes of
formatting only do not change it.  What the other state holds, comments and page
headers/footers are reported as warnings; footnotes follow the paragraph that cites them,
marked as footnotes.  `revision_info` tells what a file's tracked changes are (counts,
dates), for importing both states.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from lawdiff.errors import LawdiffError
from lawdiff.model import ParseWarning, SourceLine
from lawdiff.ingest.source import Source
from lawdiff.text.numerals import format_list_number

if TYPE_CHECKING:  # python-docx is imported only when a .docx is read (see `_open`)
    from docx.document import Document as WordDocument
    from docx.styles.style import BaseStyle

# A .docx is a zip: a 1 MB file can unpack to gigabytes (a "zip bomb"), and python-docx
# reads every part into memory.  The parts may unpack to this much in all, no more.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Q = "{%s}" % W
NS = {"w": W}
STATES = ("before", "after")
# Runs that are a paragraph's text in each state: plain runs and runs inside hyperlinks,
# fields and content controls, and the tracked changes that state keeps (inserted or moved
# here, after; deleted or moved away, before).  A change inside a change (text inserted,
# then deleted by a later reviewer) is in neither state.
_WRAPPERS = ("", "w:hyperlink/", "w:smartTag/", "w:fldSimple/", "w:sdt/w:sdtContent/", "w:customXml/")
_KEPT = {"after": ("w:ins/", "w:moveTo/"), "before": ("w:del/", "w:moveFrom/")}
RUN_PATHS_BY_STATE = {
    state: " | ".join(dict.fromkeys(
        [f"{w}w:r" for w in _WRAPPERS]
        + [f"{k}{w}w:r" for k in kept for w in _WRAPPERS]
        + [f"{w}{k}w:r" for k in kept for w in _WRAPPERS if w]))
    for state, kept in _KEPT.items()
}
# The paragraph mark's own revision: a paragraph inserted (or moved here) has no mark before.
_MARK_GONE = {"before": ("ins", "moveTo"), "after": ("del", "moveFrom")}
_OTHER_STATE_RUNS = {"after": ".//w:del | .//w:moveFrom", "before": ".//w:ins | .//w:moveTo"}
# Compiled once: a long union compiled per paragraph was most of the reading time.
_RUNS_XPATH = {state: etree.XPath(path, namespaces=NS) for state, path in RUN_PATHS_BY_STATE.items()}
_OTHER_XPATH = {state: etree.XPath(path, namespaces=NS) for state, path in _OTHER_STATE_RUNS.items()}
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _xpath(el: etree._Element, path: str) -> list[etree._Element]:
    # lxml's own xpath: python-docx's element classes override it with a different signature
    return etree._Element.xpath(el, path, namespaces=NS)


def _val(el: etree._Element | None, name: str = "val") -> str:
    return el.get(Q + name, "") if el is not None else ""


def _marks(rpr: etree._Element | None, inherited: set[str]) -> set[str]:
    """The bold and italic marks (b, i) on after run properties `rpr` are applied to `inherited`:
    `<w:b/>` turns bold on, `<w:b w:val="0"/>` off, no element leaves it as it was."""
    marks = set(inherited)
    if rpr is None:
        return marks
    for mark in ("b", "i"):
        element = rpr.find(f"w:{mark}", NS)
        if element is not None:
            if _val(element) in ("0", "false"):
                marks.discard(mark)
            else:
                marks.add(mark)
    return marks


# -- Word's automatic numbering ------------------------------------------------------------
class Numbering:
    """Evaluates `numbering.xml`: the label each numbered paragraph shows (`1.`, `(a)`, `Article 5`)."""

    def __init__(self, root: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, dict[str, str]]] = {}  # numId -> ilvl -> format
        self.starts: dict[str, dict[int, int]] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, dict[str, str]]] = {}
        for ab in root.findall("w:abstractNum", NS):
            levels: dict[int, dict[str, str]] = {}
            for lvl in ab.findall("w:lvl", NS):
                levels[int(_val(lvl, "ilvl") or 0)] = {
                    "fmt": _val(lvl.find("w:numFmt", NS)) or "decimal",
                    "text": _val(lvl.find("w:lvlText", NS)),
                    "start": _val(lvl.find("w:start", NS)) or "1",
                    "legal": "1" if lvl.find("w:isLgl", NS) is not None else "",
                }
            abstract[_val(ab, "abstractNumId")] = levels
        for num in root.findall("w:num", NS):
            num_id = _val(num, "numId")
            self.levels[num_id] = abstract.get(_val(num.find("w:abstractNumId", NS)), {})
            self.starts[num_id] = {}
            for override in num.findall("w:lvlOverride", NS):
                start = override.find("w:startOverride", NS)
                if start is not None:
                    self.starts[num_id][int(_val(override, "ilvl") or 0)] = int(_val(start) or 1)

    def label(self, num_id: str, ilvl: int) -> tuple[str, bool]:
        """(label, is_bullet) for the next paragraph numbered (num_id, ilvl)."""
        levels = self.levels.get(num_id)
        if not levels or num_id == "0" or ilvl not in levels:
            return "", False
        level = levels[ilvl]
        if level["fmt"] == "bullet":
            return "", True
        counters = self.counters.setdefault(num_id, [0] * 9)
        if counters[ilvl] == 0:
            counters[ilvl] = self.starts[num_id].get(ilvl, int(level["start"] or 1))
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0

        def part(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k, {"fmt": "decimal"})
            fmt = "decimal" if level.get("legal") else lvl["fmt"]
            return format_list_number(max(counters[k], int(lvl.get("start") or 1)), fmt)

        return re.sub(r"%(\d)", part, level["text"]), False


# -- reading ---------------------------------------------------------------------------------
class _Reader:
    def __init__(self, document: WordDocument, name: str, state: str = "after") -> None:
        self.document = document
        self.name = name
        self.state = state
        self.runs_of = _RUNS_XPATH[state]
        self.pending = ""  # the text of paragraphs whose mark is gone in this state: joins the next one
        self.styled: list[tuple[str, str]] = []  # (style id, text) of each body paragraph read
        self.lines: list[SourceLine] = []
        self.warnings: list[ParseWarning] = []
        numbering_root = None
        try:
            numbering_root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering_root = None
        self.numbering = Numbering(numbering_root)
        self.deleted = 0
        self.block = 0
        self.notes = {"footnoteReference": self._notes("footnotes"), "endnoteReference": self._notes("endnotes")}
        self.deleted = 0  # deletions inside notes are not the body's
        self.styles = {s.style_id: s for s in document.styles}
        self.chains: dict[str, list[BaseStyle]] = {}
        self.marks_of: dict[str, set[str]] = {}  # style id -> the marks (b, i) it turns on (_styled_marks)

    def _notes(self, kind: str) -> dict[str, str]:
        """Footnote (or endnote) id -> its text, from the package part python-docx keeps."""
        notes: dict[str, str] = {}
        for rel in self.document.part.rels.values():
            if not rel.reltype.endswith("/" + kind) or rel.is_external:
                continue
            root = etree.fromstring(rel.target_part.blob, SAFE_PARSER)
            for note in root.findall(f"w:{kind[:-1]}", NS):
                if _val(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join(t for t in (self._runs_text(p) for p in note.iter(Q + "p")) if t)
                if text.strip():
                    notes[_val(note, "id")] = text.strip()
        return notes

    def _runs_text(self, p: etree._Element) -> str:
        parts: list[str] = []
        for run in self.runs_of(p):
            for child in run:
                tag = etree.QName(child).localname
                if tag == "t" or tag == "delText":
                    parts.append(child.text or "")
                elif tag in ("tab", "ptab"):
                    parts.append("\t")
                elif tag in ("br", "cr"):
                    parts.append(" ")
                elif tag == "noBreakHyphen":
                    parts.append("-")
                elif tag == "sym":
                    char = child.get(Q + "char", "")
                    if re.match(r"^[0-9A-Fa-f]{4}$", char) and not char.upper().startswith("F0"):
                        parts.append(chr(int(char, 16)))
        # Changes only the other state holds (the runs, not the paragraph marks).
        self.deleted += len([el for el in _OTHER_XPATH[self.state](p)
                             if etree.QName(el.getparent()).localname != "rPr"])
        return "".join(parts)

    def _mark_gone(self, p: etree._Element) -> bool:
        rpr = p.find("w:pPr/w:rPr", NS)
        return rpr is not None and any(rpr.find(f"w:{tag}", NS) is not None for tag in _MARK_GONE[self.state])

    def _style_chain(self, style_id: str) -> list[BaseStyle]:
        """The style and the styles it is based on; looked up once per style (python-docx's
        `base_style` searches the styles part each time: most of a large file's reading time)."""
        chain = self.chains.get(style_id)
        if chain is None:
            chain = []
            seen = set()
            style = self.styles.get(style_id)
            while style is not None and style.style_id not in seen:
                seen.add(style.style_id)
                chain.append(style)
                style = style.base_style
            self.chains[style_id] = chain
        return chain

    def _numbering_of(self, p: etree._Element, style_id: str) -> tuple[str, int] | None:
        num_pr = p.find("w:pPr/w:numPr", NS)
        if num_pr is None:
            for style in self._style_chain(style_id):
                ppr = style.element.find("w:pPr", NS)
                num_pr = ppr.find("w:numPr", NS) if ppr is not None else None
                if num_pr is not None:
                    break
        if num_pr is None:
            return None
        num_id = _val(num_pr.find("w:numId", NS))
        ilvl = int(_val(num_pr.find("w:ilvl", NS)) or 0)
        return (num_id, ilvl) if num_id else None

    def _heading_level(self, p: etree._Element, style_id: str) -> int:
        outline = p.find("w:pPr/w:outlineLvl", NS)
        for style in self._style_chain(style_id):
            name = (style.name or "").lower()
            match = re.match(r"^(heading|überschrift|titre|titolo)\s*(\d)$", name)
            if match:
                return int(match.group(2))
            if name == "title":
                return 1
            if outline is None:
                ppr = style.element.find("w:pPr", NS)
                outline = ppr.find("w:outlineLvl", NS) if ppr is not None else None
        if outline is not None and _val(outline).isdigit() and int(_val(outline)) < 9:
            return int(_val(outline)) + 1
        return 0

    def _styled_marks(self, style_id: str) -> set[str]:
        """The marks (b, i) a style or a style it is based on turns on for its text; worked out
        once per style, as its chain is."""
        marks = self.marks_of.get(style_id)
        if marks is None:
            marks = set()
            for style in reversed(self._style_chain(style_id)):  # the base first: a style overrides its base
                marks = _marks(style.element.find("w:rPr", NS), marks)
            self.marks_of[style_id] = marks
        return marks

    def _emphasis(self, p: etree._Element) -> bool:
        """Every run with text set in bold or italics: by its own formatting, its character style
        (Word's "Emphasis", "Strong") or its paragraph's style."""
        runs = [r for r in self.runs_of(p) if "".join(r.itertext()).strip()]
        if not runs:
            return False
        paragraph_marks = self._styled_marks(_val(p.find("w:pPr/w:pStyle", NS)))
        for run in runs:
            rpr = run.find("w:rPr", NS)
            marks = paragraph_marks
            character_style = _val(rpr.find("w:rStyle", NS)) if rpr is not None else ""
            if character_style:
                marks = marks | self._styled_marks(character_style)
            if not _marks(rpr, marks):
                return False
        return True

    def paragraph(self, p: etree._Element) -> None:
        self.block += 1
        text = self._runs_text(p)
        if self._mark_gone(p):
            # Word joins this paragraph's text to the next paragraph, which keeps its own style.
            self.pending += text
            return
        text, self.pending = self.pending + text, ""
        style_id = _val(p.find("w:pPr/w:pStyle", NS))
        numbered = self._numbering_of(p, style_id)
        role = ""
        if numbered:
            label, bullet = self.numbering.label(*numbered)
            if label.strip():
                text = f"{label.strip()} {text.lstrip()}"
            role = "item"
        self.styled.append((style_id, text))
        if text.strip():
            level = self._heading_level(p, style_id)
            if not role and self._emphasis(p):
                role = "emphasis"
            self.lines.append(SourceLine(text, self.block, level, role))
        for ref in p.iter(Q + "footnoteReference", Q + "endnoteReference"):
            note = self.notes[etree.QName(ref).localname].get(_val(ref, "id"))
            if note:
                self.lines.append(SourceLine(note, self.block, 0, "footnote"))

    def table(self, tbl: etree._Element) -> None:
        for tr in tbl.findall("w:tr", NS):
            self.block += 1
            cells = []
            for tc in tr.findall("w:tc", NS):
                cells.append(" ".join(t for t in (self._runs_text(p) for p in tc.iter(Q + "p")) if t.strip()))
            text = " ".join(c.strip() for c in cells if c.strip())
            if text:
                self.lines.append(SourceLine(text, self.block))

    def body(self) -> None:
        for child in self.document.element.body:
            tag = etree.QName(child).localname
            if tag == "p":
                self.paragraph(child)
            elif tag == "tbl":
                self.table(child)
            elif tag == "sdt":
                for inner in child.iterfind("w:sdtContent/*", NS):
                    if etree.QName(inner).localname == "p":
                        self.paragraph(inner)
                    elif etree.QName(inner).localname == "tbl":
                        self.table(inner)
        if self.pending.strip():  # the last paragraphs' marks are gone: their text still counts
            self.lines.append(SourceLine(self.pending, self.block))
        if self.deleted and self.state == "after":
            self.warnings.append(ParseWarning(0, "tracked-deletion",
                                              f"{self.deleted} tracked deletion(s) left out: the text is read as if "
                                              "all tracked changes were accepted (--state before reads the original)"))
        elif self.deleted:
            self.warnings.append(ParseWarning(0, "tracked-insertion",
                                              f"{self.deleted} tracked insertion(s) left out: the text is read as if "
                                              "all tracked changes were rejected (the original)"))
        comments = _part_count(self.document, "/comments", "w:comment")
        if comments:
            self.warnings.append(ParseWarning(0, "comments", f"{comments} comment(s) left out: comments are not "
                                              "part of the text"))
        furniture = []
        for section in self.document.sections:
            for part in (section.header, section.footer):
                if part.is_linked_to_previous:
                    continue
                text = " ".join(p.text for p in part.paragraphs if p.text.strip())
                if text:
                    furniture.append(text)
        for text in dict.fromkeys(furniture):
            self.warnings.append(ParseWarning(0, "page-furniture",
                                              f"page header/footer '{text[:60]}' is not part of the text; left out"))


def _check_unpacked_size(data: bytes, name: str, limit: int = MAX_UNPACKED_BYTES) -> None:
    """Refuse a zip whose parts unpack to more than `limit` bytes, before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise LawdiffError(f"{name}: not a readable Word document ({type(exc).__name__}: {exc})") from None
    if total > limit:
        raise LawdiffError(f"{name}: its parts unpack to {total} bytes, over the limit of {limit} "
                           "(a damaged or hostile file?)")


def _part_count(document: WordDocument, reltype_end: str, tag: str) -> int:
    """How many `tag` elements the document's related parts of one type hold (comments...)."""
    count = 0
    for rel in document.part.rels.values():
        if rel.reltype.endswith(reltype_end) and not rel.is_external:
            count += len(etree.fromstring(rel.target_part.blob, SAFE_PARSER).findall(tag, NS))
    return count


def _open(data: bytes, name: str, state: str) -> _Reader:
    try:  # python-docx costs ~75 ms to import (measured, -X importtime): only .docx input pays it
        import docx  # python-docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise LawdiffError(f"{name}: reading .docx needs python-docx") from None
    if state not in STATES:
        raise LawdiffError(f"unknown state {state!r} of tracked changes (use before or after)")
    _check_unpacked_size(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise LawdiffError(f"{name}: not a readable Word document ({type(exc).__name__}: {exc})") from None
    reader = _Reader(document, name, state)
    reader.body()
    return reader


def styled_paragraphs(data: bytes, state: str = "after", name: str = "document.docx") -> list[tuple[str, str]]:
    """(paragraph style id, text) of every body paragraph in one state, empty ones included:
    what a reader of the document sees, with the structure Word's styles give it."""
    return _open(data, name, state).styled


@dataclass
class TrackedChanges:
    """What a Word file's tracked changes are: how many, and the dates that go with them."""

    count: int  # revisions that change the text: insertions, deletions, moves (marks included)
    latest: str  # YYYY-MM-DD of the latest revision ("" when none is dated)
    created: str  # YYYY-MM-DD the document says it was created (docProps/core.xml), or ""


_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def tracked_changes(data: bytes, name: str) -> TrackedChanges:
    """Count the revisions of the main document part and read their dates (w:date)."""
    _check_unpacked_size(data, name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = etree.fromstring(archive.read("word/document.xml"), SAFE_PARSER)
            names = set(archive.namelist())
            core = etree.fromstring(archive.read("docProps/core.xml"), SAFE_PARSER) \
                if "docProps/core.xml" in names else None
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise LawdiffError(f"{name}: not a readable Word document ({type(exc).__name__}: {exc})") from None
    revisions = [el for tag in ("ins", "del", "moveFrom", "moveTo") for el in body.iter(Q + tag)]
    dates = sorted(m.group(1) for el in revisions for m in [_DATE.match(el.get(Q + "date", ""))] if m)
    created = ""
    if core is not None:
        stamp = core.find("{http://purl.org/dc/terms/}created")
        match = _DATE.match((stamp.text or "").strip()) if stamp is not None else None
        created = match.group(1) if match else ""
    return TrackedChanges(len(revisions), dates[-1] if dates else "", created)


def read(data: bytes, name: str, state: str = "after") -> Source:
    reader = _open(data, name, state)
    return Source(reader.lines, "docx", name, text="", data=data, warnings=reader.warnings)
