"""PDF with a text layer -> `SourceLine`s (one per paragraph) through pdfminer.six.

pdfminer's layout analysis groups characters into lines and lines into text boxes, and
orders the boxes across columns.  On top of that this reader:

- drops page furniture: text in the top or bottom band of the page that recurs there on
  many pages (FURNITURE_SHARE of them, two at least) once digits are ignored (running heads,
  `Page 3 of 9`), and bare page numbers; each distinct one is reported as a warning
  (`page-furniture`).  A law's own lines land in the bands too (an `Article 9` heading at the
  foot of a page, a table's `Year` cells, a repeated `Das Nähere regelt ein Bundesgesetz.`),
  so a line that recurs on a few pages only, or several times on one page, is text;
- splits a box into paragraphs where a line is clearly shorter than the column (the last
  line of a paragraph or a heading; not one ending in a comma, where a long heading set large
  wraps, nor one whose next word would not have fit in the room left) or where the next line
  starts a new provision after a line that ended (not in a citation's parenthesis,
  `Article 2(1)`); a list label set so wide that no space is left before its text
  (`10.Notified`) starts one too; Chinese provisions count as Latin ones do: a line
  that starts 第X章/第X节/第X条 or an item `（一）` after 。；：！？ starts a paragraph, as
  `Article 5` does after a full stop;
- joins the boxes of one paragraph: cut by a column or page break (the next box going on with
  the sentence, even when it opens with `Article 38` after `... referred to in`), or boxed apart
  by pdfminer where its lines do not line up (the lines of a list item hang under its text, not
  under its number) while they follow each other with no space between;
- joins the lines of a paragraph with a space, and re-joins words hyphenated at a line end
  (`Verfas-` + `sung`), except where the hyphen stands for a shared word part (`Ost- und
  Westanteil`) or belongs to the word: a compound the document writes with its hyphen inside
  a line (`high-risk`), one whose second part it writes on its own and never run together
  (`over-relying`), or one before a capital (`Rheinland-Pfalz`), keeps it; a line break
  next to Chinese (a full-width character, is_wide) is no space, since Chinese writes none,
  and neither is a gap pdfminer reads between two glyphs there (`2016 年`).

A PDF without a text layer (a scan) is refused with a clear error: OCR is out of scope.
"""

from __future__ import annotations

import io
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawdiff.errors import LawdiffError
from lawdiff.model import ParseWarning, SourceLine
from lawdiff.ingest.source import Source
from lawdiff.text.markers import (GLUED_DIGIT_DOT, NAMED_PROVISION, ZH_ARTICLE_RE, ZH_CONTAINER_RE, ZH_POINT_RE,
                                  cites_a_part, reference_goes_on)
from lawdiff.text.scripts import is_wide

if TYPE_CHECKING:  # pdfminer is imported only when a PDF is read (see `_boxes`)
    from pdfminer.layout import LTAnno, LTTextLine

MARGIN_BAND = 0.09  # share of the page height at top and bottom where running heads live
# Share of the pages a running head or foot is found on: most of them, and at least every other
# page (heads that alternate between odd and even pages).
FURNITURE_SHARE = 0.4
SHORT_LINE = 0.72  # a line shorter than this share of its column ends a paragraph
FULL_BOX = 0.9  # a box this share of the column wide fills it ...
MARGIN_SHARE = 0.25  # ... and a left edge this share of such boxes start at is a column's left margin
# Words after which a line-end hyphen is a shared word part, not a break (Ost- und West-).
KEEP_HYPHEN_BEFORE = {"und", "oder", "bis", "bzw", "sowie", "or", "and", "to", "nor"}
NEW_PROVISION = re.compile(
    NAMED_PROVISION.pattern + r"|^\(?[0-9]{1,3}[a-z]?[.)]\s|^\([a-z]{1,4}\)\s|^[a-z]\)\s|"
    # a list label set so wide that no space is left before its text (LibreOffice: `10.Notified`)
    + GLUED_DIGIT_DOT.pattern)
# The end of a sentence, before closing brackets and quotes (Latin and Chinese punctuation): a
# paragraph broken by a column or page end goes on unless its last line has one.
SENTENCE_END = re.compile(r"[.;:!?…。；：！？][)\]”’\"'）」』】]*$")
# Inside a box, a line that may end a paragraph before a new provision: sentence punctuation or a
# closing bracket or quote (`(weggefallen)`); a parenthesis glued to the word before it is a
# citation (`Article 2(1)`), no end.
LINE_END = re.compile(r"[.;:!?)\]”’\"。；：！？）」』】]$")
CITATION_END = re.compile(r"\w\(\w{1,4}\)$")
# A short line ending in one of these goes on (a heading set large wraps after a comma).
COMMA_END = re.compile(r"[,，、]$")


def _starts_provision(text: str) -> bool:
    """Does a line start a provision: Article 5, § 3, (a), 1., 第三章, 第十二条, （一）?  Not when it
    names a provision with one of its parts (`§ 8 Abs. 3 Satz 2 ist anzuwenden.`): that cites."""
    return bool(NEW_PROVISION.match(text) or ZH_CONTAINER_RE.match(text) or ZH_ARTICLE_RE.match(text)
                or ZH_POINT_RE.match(text)) and not cites_a_part(text)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    styled: bool = False  # every character set in a bold or italic font


@dataclass
class _Box:
    lines: list[_Line]
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    page_height: float
    page_width: float = 0.0

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


def _boxes(data: bytes, name: str) -> list[_Box]:
    try:  # pdfminer costs ~67 ms to import (measured, -X importtime): only PDF input pays it
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTAnno, LTTextBox, LTTextLine
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException
    except ImportError:  # pragma: no cover - pdfminer.six is a dependency
        raise LawdiffError(f"{name}: reading PDF needs pdfminer.six") from None
    boxes: list[_Box] = []
    try:
        for page_no, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), start=1):
            height = page.height or 1.0
            for element in page:
                if not isinstance(element, LTTextBox):
                    continue
                lines = [
                    _Line(_line_text(line, LTAnno).strip("\n"), line.x0, line.x1, height - line.y1,
                          height - line.y0, _styled(line))
                    for line in element if isinstance(line, LTTextLine) and line.get_text().strip()
                ]
                if lines:
                    boxes.append(_Box(lines, page_no, element.x0, element.x1, height - element.y1,
                                      height - element.y0, height, page.width or 1.0))
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise LawdiffError(f"{name}: not a readable PDF ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many private exception types on broken files
        if type(exc).__module__.startswith("pdfminer"):
            raise LawdiffError(f"{name}: not a readable PDF ({type(exc).__name__})") from None
        raise
    return boxes


def _line_text(line: LTTextLine, inferred: type[LTAnno]) -> str:
    """The text of a pdfminer line: its characters, and the spaces pdfminer infers from the gaps
    between them (`inferred`, its LTAnno) except next to a full-width character.  A real space
    is a character of its own and is kept; an inferred one beside Chinese is the gap between
    glyphs of two fonts (`2016 年` for 2016年), a space the text never had."""
    items = list(line)
    out: list[str] = []
    for k, item in enumerate(items):
        text = item.get_text()
        if isinstance(item, inferred) and text == " ":
            before = items[k - 1].get_text()[-1:] if k else ""
            after = items[k + 1].get_text()[:1] if k + 1 < len(items) else ""
            if (before and is_wide(before)) or (after and is_wide(after)):
                continue
        out.append(text)
    return "".join(out)


def _styled(line: LTTextLine) -> bool:
    """Is every character of a pdfminer line in a bold or italic font?"""
    fonts = [getattr(ch, "fontname", "") for ch in line if getattr(ch, "get_text", None) and ch.get_text().strip()]
    return bool(fonts) and all(re.search(r"bold|italic|oblique|black|heavy", f, re.I) for f in fonts)


def _reading_order(boxes: list[_Box]) -> list[_Box]:
    """Boxes of each page in reading order: down the left column, then the right one.

    A page counts as two-column only when both halves hold several boxes side by side;
    a box spanning the middle (a title) separates the bands read column by column.
    """
    out: list[_Box] = []
    for page in sorted({b.page for b in boxes}):
        on_page = sorted((b for b in boxes if b.page == page), key=lambda b: (b.top, b.x0))
        mid = on_page[0].page_width / 2
        left = [b for b in on_page if b.x1 <= mid + 2]
        right = [b for b in on_page if b.x0 >= mid - 2]
        overlap = left and right and min(b.top for b in right) < max(b.bottom for b in left) \
            and min(b.top for b in left) < max(b.bottom for b in right)
        if len(left) < 2 or len(right) < 2 or not overlap:
            out.extend(on_page)
            continue
        band: list[_Box] = []
        for box in on_page + [None]:
            if box is None or (box not in left and box not in right):
                out.extend(sorted((b for b in band if b in left), key=lambda b: b.top))
                out.extend(sorted((b for b in band if b in right), key=lambda b: b.top))
                band = []
                if box is not None:
                    out.append(box)
            else:
                band.append(box)
    return out


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _split_furniture(boxes: list[_Box]) -> tuple[list[_Box], list[str]]:
    """Drop running heads and page numbers; return the kept boxes and what was dropped."""
    pages = len({b.page for b in boxes}) or 1
    in_band = [b for b in boxes if b.top < b.page_height * MARGIN_BAND or b.bottom > b.page_height * (1 - MARGIN_BAND)]
    # on how many pages each text is found in the bands (a text repeated on one page counts once)
    seen = Counter(key for key, _ in {(_furniture_key(b.text), b.page) for b in in_band})
    dropped: list[str] = []
    kept: list[_Box] = []
    band_ids = {id(b) for b in in_band}
    for box in boxes:
        key = _furniture_key(box.text)
        bare_number = bool(re.match(r"^[-–—\s]*(page\s*)?#([\s/-]*(of\s*)?#)?[-–—\s]*$", key))
        recurs = seen[key] >= FURNITURE_SHARE * pages
        if id(box) in band_ids and recurs and (bare_number or (pages > 1 and seen[key] >= 2)):
            dropped.append(box.text)
            continue
        kept.append(box)
    return kept, dropped


@dataclass(frozen=True)
class _Words:
    """What the document itself writes, to tell a line-end hyphen that belongs to a word from one
    the layout put there: the hyphenated compounds found inside lines (`high-risk`, lower case),
    every word as printed, and every word in lower case.  The first word of a line after a line
    that ends in a hyphen is left out: it is the piece in question."""

    compounds: frozenset[str] = frozenset()
    printed: frozenset[str] = frozenset()
    lower: frozenset[str] = frozenset()

    def keeps_hyphen(self, head: str, word: str) -> bool:
        """Is `head-` + `word` (a lower-case word) a compound broken at its own hyphen?  It is when
        the document writes it so inside a line, or when it writes `word` on its own, as printed
        here, and never the two run together: `over-|relying` beside `relying` and no
        `overrelying`.  A word the layout hyphenated leaves a piece the document never writes
        alone (`Verfas-|sung`), or one it also writes joined (`Grund-|gesetz`, `Grundgesetz`); a
        German noun's piece is lower case here and capitalised on its own (`straßen`, `Straßen`)."""
        if f"{head}-{word}".lower() in self.compounds:
            return True
        return word in self.printed and f"{head}{word}".lower() not in self.lower


def _document_words(lines: list[str]) -> _Words:
    compounds = {m.group(0).lower() for text in lines for m in re.finditer(r"[^\W\d_]+-[^\W\d_]+", text)}
    printed: set[str] = set()
    after_hyphen = False
    for text in lines:
        words = re.findall(r"[^\W\d_]+", text)
        printed.update(words[1:] if after_hyphen else words)
        after_hyphen = bool(re.search(r"[^\W\d_]-\s*$", text))
    return _Words(frozenset(compounds), frozenset(printed), frozenset(w.lower() for w in printed))


def _paragraphs(box: _Box, edge: float, column: float, vocabulary: _Words = _Words()) -> list[tuple[str, bool]]:
    """A text box as (paragraph, styled) pairs: break after short lines and before new provisions.
    `edge` is the right edge of the column the box sits in (_column_edge)."""
    paragraphs: list[list[_Line]] = [[]]
    for line in box.lines:
        current = paragraphs[-1]
        if current:
            prev = current[-1]
            last = prev.text.strip()
            # `VIIIa. - Gemeinschaftsaufgaben,` / `Verwaltungszusammenarbeit`: one heading
            short = not _full(prev, box.x0, line, edge, column) and not COMMA_END.search(last)
            ends = bool(LINE_END.search(last)) and not CITATION_END.search(last)
            if short or (ends and _starts_provision(line.text.strip())) or prev.styled != line.styled:
                paragraphs.append([])
        paragraphs[-1].append(line)
    return [(_join([l.text for l in p], vocabulary), all(l.styled for l in p)) for p in paragraphs if p]


def _full(line: _Line, x0: float, following: _Line, edge: float, column: float) -> bool:
    """Did `line` (in a box starting at `x0`, in a column ending at `edge`) run to the end of the
    column, so that the text goes on in `following`?  It did when it spans most of a column's width
    (SHORT_LINE), or when the first word of `following` would not have fit in the room left on it
    before the edge (a long word wrapped early: `... zuständigen` / `Selbstverwaltungskörperschaften
    verwalten ...`).  The word's width is measured from the characters of its own line; Chinese
    lines have no words to measure."""
    if line.x1 - x0 >= column * SHORT_LINE:
        return True
    text = following.text.strip()
    word = text.split(" ", 1)[0]
    if not word or is_wide(word[0]) or following.x1 <= following.x0:
        return False
    width = (following.x1 - following.x0) / len(text) * (len(word) + 1)  # the word and a space
    return line.x1 + width > edge


def _join(texts: list[str], vocabulary: _Words = _Words()) -> str:
    out = ""
    for text in texts:
        text = text.strip()
        if not out:
            out = text
            continue
        match = re.search(r"(\w+)-$", out)
        first_word = re.match(r"^(\w+)", text)
        # a line that ends in a letter and a hyphen, before a word: a word or a compound broken there
        head, word = (match.group(1), first_word.group(1)) if match and first_word else ("", "")
        if head[-1:].isalpha() and word[:1].isupper():
            out = out + text  # a compound of names or nouns broken at its hyphen: Rheinland-|Pfalz
        elif head[-1:].isalpha() and word[:1].islower() and word.lower() not in KEEP_HYPHEN_BEFORE:
            if vocabulary.keeps_hyphen(head, word):
                out = out + text  # a compound broken at its own hyphen: high-|risk
            else:
                out = out[:-1] + text  # a word hyphenated at the line end
        elif is_wide(out[-1]) or is_wide(text[0]):
            out = out + text  # a line break in Chinese text: Chinese writes no spaces
        else:
            out = out + " " + text
    return re.sub(r"[ \t]+", " ", out)


def _left_margins(boxes: list[_Box], column: float) -> list[float]:
    """Where the columns start: the left edges shared by a good part (MARGIN_SHARE) of the boxes
    that fill a column's width (FULL_BOX); an indented box (a list item) fills it only sometimes."""
    starts = Counter(round(b.x0) for b in boxes if b.x1 - b.x0 >= FULL_BOX * column)
    total = sum(starts.values())
    return sorted(float(x) for x, n in starts.items() if n >= MARGIN_SHARE * total)


def _column_edge(x0: float, lefts: list[float], column: float) -> float:
    """Where the column that a box starting at `x0` sits in ends: a column's width after the
    nearest left margin at or before the box (`lefts`: where the boxes that fill a column's width
    start).  The lines of a list item hang indented, yet run to the column's edge, not to a
    column's width after their indent."""
    left = max((left for left in lefts if left <= x0 + 1.0), default=x0)
    return min(left, x0) + column  # (margins are rounded: never past x0)


def _wraps_into(above: _Box, above_edge: float, box: _Box, column: float) -> bool:
    """Is `box` the next line of the paragraph `above` (in a column ending at `above_edge`) ends
    with: its last line runs to the end of the column (the paragraph wrapped; a short line ends
    one) and `box` follows it with no space between (less than half a line: paragraphs are set
    apart by more)?"""
    last = above.lines[-1]
    return _full(last, above.x0, box.lines[0], above_edge, column) and box.top - above.bottom < (last.bottom - last.top) / 2


def _continues(previous: str, text: str) -> bool:
    """Does `text`, first in a new column or page, go on with the sentence `previous` left open?
    A line that opens like a provision does not, unless `previous` ends in a word that refers on
    ('as referred to in' / 'Article 38. They shall ...': a cross-reference, no heading)."""
    if not previous or SENTENCE_END.search(previous.rstrip()):
        return False
    return not _starts_provision(text) or reference_goes_on(previous, text)


# pdfminer inflates a whole stream in memory: a 2 MB file can unpack to gigabytes. Before
# handing the file over, every Flate stream is inflated here in bounded chunks and counted.
MAX_UNPACKED = 200 << 20
_STREAM = re.compile(rb"/FlateDecode[^>]*>>\s*stream\r?\n")


def check_unpacked_size(data: bytes, name: str, limit: int = MAX_UNPACKED) -> None:
    """Refuse a PDF whose Flate streams unpack to more than `limit` bytes (a decompression bomb)."""
    total = 0
    for match in _STREAM.finditer(data):
        inflater = zlib.decompressobj()
        position = match.end()
        while position < len(data) and not inflater.eof:
            piece = data[position: position + (1 << 16)]
            position += len(piece)
            try:
                out = inflater.decompress(piece, 1 << 20)
                while True:
                    total += len(out)
                    if total > limit:
                        raise LawdiffError(f"{name}: its compressed streams unpack to over the limit of "
                                           f"{limit >> 20} MiB (a decompression bomb?); refused")
                    if not inflater.unconsumed_tail:
                        break
                    out = inflater.decompress(inflater.unconsumed_tail, 1 << 20)
            except zlib.error:
                break  # not a clean Flate stream: pdfminer decides what to do with it


def read(data: bytes, name: str) -> Source:
    check_unpacked_size(data, name)
    boxes = _boxes(data, name)
    if not boxes:
        raise LawdiffError(f"{name}: the PDF has no text layer (a scan?); lawdiff does not do OCR")
    kept, dropped = _split_furniture(boxes)
    kept = _reading_order(kept)
    widths = sorted(b.x1 - b.x0 for b in kept)
    column = widths[len(widths) * 3 // 4] if widths else 1.0  # a typical full line of the column
    lefts = _left_margins(kept, column)
    vocabulary = _document_words([line.text for box in kept for line in box.lines])
    lines: list[SourceLine] = []
    number = 0
    previous: _Box | None = None
    previous_edge = 0.0
    for box in kept:
        edge = _column_edge(box.x0, lefts, column)
        # A paragraph is cut into two boxes by a column or page break (the next box then starts
        # higher up), or where its lines do not line up: the lines after the first of a list
        # item hang under its text, not under its number, and pdfminer boxes them apart.
        new_column = previous is not None and (box.page != previous.page or box.top < previous.top)
        wrapped = previous is not None and not new_column and _wraps_into(previous, previous_edge, box, column)
        previous, previous_edge = box, edge
        for k, (paragraph, styled) in enumerate(_paragraphs(box, edge, column, vocabulary)):
            if k == 0 and (new_column or wrapped) and lines and not lines[-1].role and not styled \
                    and _continues(lines[-1].text, paragraph):
                # the sentence (or a hyphenated word) goes on
                lines[-1].text = _join([lines[-1].text, paragraph], vocabulary)
                continue
            number += 1
            lines.append(SourceLine(paragraph, number, 0, "emphasis" if styled else ""))
    examples: dict[str, str] = {}
    for text in dropped:
        examples.setdefault(_furniture_key(text), re.sub(r"\s+", " ", text.strip()))
    counts = Counter(_furniture_key(t) for t in dropped)
    warnings = [ParseWarning(0, "page-furniture", f"page header/footer '{examples[key][:60]}' left out ({n}×)")
                for key, n in counts.items()]
    return Source(lines, "pdf", name, text="", data=data, warnings=warnings)
