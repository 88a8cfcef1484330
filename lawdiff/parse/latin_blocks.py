"""Lines of English or German text -> blocks (paragraphs of the input, wrapped lines joined).

How a format separates paragraphs differs: Markdown by blank lines and headings, HTML,
DOCX and PDF by line.  Plain text is often wrapped at a column (copied out of a PDF, an e-mail,
an OCR'd page), with or without blank lines between paragraphs: there a paragraph ends at a blank
line, before a marker that follows a finished sentence (so that a wrapped `31. Dezember` never
reads as an item) or the next item of a list, after a heading, and after a line that ended where
the next word would still have fit; never before a provision named after a referring word
(`... referred to in` / `Article 47.`, a cross-reference).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawdiff.ingest.source import is_blank
from lawdiff.model import SourceLine
from lawdiff.parse.latin_markers import (ANNEX_RE, ARTICLE_FAMILIES, CONTAINER_RE, FIRST_VALUES, ROMAN_HEADING_RE,
                                         ListLabel, ends_sentence, heading_like, leading_number, list_label)
from lawdiff.text.markers import GLUED_DIGIT_DOT, cites_a_part, reference_goes_on


# Words that no heading and no sentence of a law ends with (articles, prepositions, conjunctions).
FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with into under and or nor but as than "
    "der die das des dem den ein eine einer eines einem einen und oder sowie von vom zu zum zur für "
    "mit bei beim auf aus über unter nach gemäß im am in an durch gegen ohne um".split())


ITEM_ENDS = (";", ",", " or", " and", " oder", " und")  # how an item that is not a list's last ends
# `... the following paragraph is added: ‘4.` / `When adopting ...`: the number of a quoted paragraph
QUOTED_NUMBER_END = re.compile(r"[‘“\"'„«»]\d{1,3}[a-z]?\.$")
OPENING_QUOTES = "‘“\"'„«»‚"


# A page's number printed at its top or foot (`12`, `- 12 -`, `Seite 12`, `Page 12 of 40`).
PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:(?:Seite|Page)\s+)?\d{1,4}(?:\s*(?:/|of|von)\s*\d{1,4})?(?:\s*[-–—])?$")


# A month's name after a day's number (`1. Oktober 1969`): a date, no list label.
MONTH = re.compile(r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
                   r"Dezember|January|February|March|May|June|July|October|December)\b")
LIST_LOOKAHEAD = 40  # lines in which a list's second label must follow its first (_opens_list)


# The end of a list's second-to-last item (`...; or`, `..., und`): a label on the next line opens
# the last item.
LIST_GOES_ON = re.compile(r"[;,]\s+(?:and|or|und|oder)$")


# Wrapped plain text: a line ends its paragraph when the next line's first word would have fit
# on it within this share of a typical line.  Not all of it: a proportional font (or an OCR'd
# page) sets lines of one width with different numbers of characters.  Measured with
# bench/latin_plain_text.py --proportional, paragraphs set apart by blank lines: articles read
# wrongly (split inside a paragraph) are as many at 0.6 and 0.85 as with the first rule, 2 more
# at 0.95, 45 to 74 more at 1.0; without blank lines, 0.85 reads 35 to 45 more articles right
# than 0.6 at each width.
ROOM_LEFT = 0.85
# ... and within this share when the line ends a sentence: the full stop is evidence of its own, so
# less room to spare is needed.  Measured the same way: at 0.95 no article more is read wrongly in
# either column and 8 to 15 fewer without blank lines (at 1.0, 3 to 6 more with blank lines in a
# proportional font).
SENTENCE_ROOM = 0.95


@dataclass
class Block:
    """A paragraph of the input: wrapped lines joined, with the format's hints."""

    text: str
    line: int
    heading_level: int = 0
    role: str = ""
    indent: int = 0

    @property
    def strong(self) -> bool:
        """Marked as a heading or set apart by the format itself."""
        return bool(self.heading_level) or self.role in ("emphasis", "heading")


def join_wrapped(left: str, right: str) -> str:
    if not left:
        return right
    if not right:
        return left
    return left + " " + right


def starts_marker(text: str) -> bool:
    """Does `text` open with an article, container or annex marker, or a list label (not a date's
    day: `1. Oktober 1969`)?"""
    if any(p.match(text) for p in ARTICLE_FAMILIES.values()) or CONTAINER_RE.match(text) or ANNEX_RE.match(text):
        return True
    label = list_label(text)
    return label is not None and not (label.style == "digit-dot" and MONTH.match(label.rest))


def _next_value(value: str) -> str:
    """The value after `value` in its list: 1 -> 2, a -> b, i -> ii, aa -> bb."""
    if value.isdigit():
        return str(int(value) + 1)
    if value in ("i", "I"):
        return value * 2
    return "".join(chr(ord(ch) + 1) for ch in value)


def _opens_list(k: int, labels: list[ListLabel | None]) -> bool:
    """Does the label at line `k` open a list: a first value (`1.`, `a)`), no date (`1. Oktober`),
    and the label after it opening a line soon after (`2.`)?  Then it opens its item even after a
    line left in mid-sentence: a German list goes on with the sentence that introduces it (`...
    soweit diese Bestimmung, ihr Fehlen oder ihre Nichtigkeit` / `1. Tatsachen ...`)."""
    first = labels[k]
    if first is None or first.value not in FIRST_VALUES or first.style == "dash" or not first.rest \
            or not starts_marker(first.printed + " " + first.rest):
        return False  # (`... referred to in paragraph` / `1.`: a number alone is a reference's)
    following = _next_value(first.value)
    return any(later is not None and later.style == first.style and later.value == following
               for later in labels[k + 1:k + 1 + LIST_LOOKAHEAD])


def build_blocks(lines: list[SourceLine], mode: str) -> list[Block]:
    """Group lines into blocks.

    markdown: blank lines and headings separate blocks; a list item the format marks
    starts one.  lines (HTML, DOCX, PDF): every line is a block.  text: see _text_break.
    """
    blocks: list[Block] = []
    current: Block | None = None
    last_line = ""
    typical = 0
    heading = False  # the current block is a heading (see below)
    in_list = False  # the current block is an item of a list whose items end in `;` or `,`
    label = ""  # the number of the last `N.` list label that opened a block
    if mode == "text":
        texts = [l.text.strip() for l in lines if not is_blank(l.text)]
        if texts and sum(1 for t in texts if ends_sentence(t)) > 0.6 * len(texts):
            mode = "lines"  # one paragraph per line: nothing is wrapped
        lengths = sorted(len(t) for t in texts)
        typical = lengths[len(lengths) * 3 // 4] if lengths else 0
    ended: Block | None = None  # the block a blank line ended, which a page break may yet continue
    labels = [list_label(line.text.strip()) for line in lines] if mode == "text" else []
    for k, line in enumerate(lines):
        raw = line.text
        if is_blank(raw):
            ended = current or ended
            current = None
            continue
        text = raw.strip().strip("\u200b\ufeff").strip()
        if ended is not None and line.role == "page" and mode == "text" \
                and (not heading or list_label(ended.text) is not None or text[:1].islower()) \
                and _page_goes_on(ended.text, last_line, text):
            # pdftotext sets a page's end apart by a blank line and a form feed; a heading goes on
            # only with a word no heading or sentence starts with
            current = ended
        ended = None
        indent = len(raw) - len(raw.lstrip(" \t"))
        own = bool(line.heading_level) or line.role in ("emphasis", "heading", "footnote", "frontmatter", "break")
        starts = (
            current is None or own or mode == "lines" or current.heading_level or current.role in (
                "emphasis", "heading", "frontmatter")
            or (mode == "markdown" and line.role == "item")
            or (mode == "text" and _text_break(current.text, last_line, text, typical, heading, label,
                                               _opens_list(k, labels), in_list))
        )
        if starts:
            # In wrapped text, the block after a bare `Article 5` is its heading; so is a line that
            # opens with a marker and reads like a heading (`§ 13 Juristische Person`, `Abschnitt 2 -
            # ...`): a marker on the next line opens the article's text, not more of the heading.
            heading = current is not None and marker_only(current.text) or heading_line(text)
            opened = list_label(text, glued=True)
            label = opened.value if opened and opened.style == "digit-dot" else label
            # an item after one that ended with `;` or `, or` (not a full stop): the list goes on,
            # and a full stop at a line's end may close it
            in_list = opened is not None and current is not None and current.text.rstrip().endswith(ITEM_ENDS)
            current = Block(text, line.number, line.heading_level, line.role, indent)
            blocks.append(current)
        else:
            assert current is not None
            current.text = join_wrapped(current.text, text)
        last_line = text
    return blocks


def _text_break(block: str, last_line: str, text: str, typical: int, heading: bool = False, label: str = "",
                opens_list: bool = False, in_list: bool = False) -> bool:
    """In wrapped plain text, does `text` start a new block after `last_line` (the last line of
    `block`, which is a heading when `heading`; `label`: the number of the last `N.` label that
    opened a block)?"""
    if reference_goes_on(last_line, text):
        return False  # `... referred to in` / `Article 47.`: a cross-reference wrapped to a line start
    if marker_only(block) or container_only(block) or marker_only(text):
        return True  # `Article 5` / `CHAPTER IV` alone: a line of its own, and so is what follows
    glued = GLUED_DIGIT_DOT.match(text)
    if glued and ends_sentence(last_line) and leading_number(label) == int(glued.group(2)) - 1:
        return True  # `10.For providers ...` after item 9 (or 9a): a label set too wide for a space
    if ROMAN_HEADING_RE.match(text) and ends_sentence(last_line):
        return True  # `III. - Der Bundestag`: a heading when an article follows (LatinParser decides)
    if starts_marker(text) and not cites_a_part(text) and (
            ends_sentence(last_line) or heading or opens_list or LIST_GOES_ON.search(last_line)
            or (last_line.endswith(",") and _next_item(block, text))):
        return True  # (`... belehrt worden sind.` / `§ 8 Abs. 3 Satz 2 ist anzuwenden.`: a sentence citing)
    opens_sentence = text[:1].isupper() or (text[:1] in OPENING_QUOTES and text[1:2].isupper())
    if in_list and last_line.endswith(".") and opens_sentence and not MONTH.match(text) \
            and not QUOTED_NUMBER_END.search(last_line):
        # `(c) ...; or` / `(d) ... listed in Annex III.` / `Notwithstanding ...`: the last item ended
        # the list; the text after it is a paragraph of its own
        return True
    if dangles(last_line) and not starts_marker(text):
        # `Rechtsstellung bei Wechsel der Gesellschafter oder` / `Veränderung ...` (but a list
        # item may end so: `1. zur Abwehr ... oder` / `2. zum Ausgleich ...`)
        return False
    word = len(text.split(" ", 1)[0])
    if heading and list_label(block) is None and (text[:1].isupper() or text[:1] in "(['\"‘“„") \
            and len(last_line) + 1 + word <= typical:
        # a heading's line ended where the next word would still have fit: the text starts (a block
        # that opens with a list label, `(1) Das Bundesgebiet ...` after `Art 29`, is no heading)
        return True
    # a line that ended where the next line's first word would still have fit, with room to spare
    # (less after a full stop), ended its paragraph (or was a heading); `... Aufgaben der` /
    # `Eisenbahnverkehrsverwaltung` did not
    room = SENTENCE_ROOM if ends_sentence(last_line) else ROOM_LEFT
    short = typical and len(last_line) + 1 + word <= room * typical
    return bool(short) and (opens_sentence or starts_marker(text))


def dangles(line: str) -> bool:
    """Does `line` end in a word that neither a heading nor a sentence ends with (an article, a
    preposition, a conjunction: `... der Gesellschafter oder`, `... obligations of the`)?  Then
    the line was wrapped, however much room it left: the next line goes on with it."""
    words = line.rsplit(None, 1)
    return bool(words) and words[-1].lower() in FUNCTION_WORDS


def _page_goes_on(block: str, last_line: str, text: str) -> bool:
    """Does `text`, the first line of a page, go on with the paragraph `block` that the page's last
    line (`last_line`) left in mid-sentence?  Not when it opens a provision (unless it is a
    cross-reference: `... referred to in` / `Article 47.`), nor when it is a page number."""
    if ends_sentence(last_line) or marker_only(block) or container_only(block) or PAGE_NUMBER.match(text):
        return False
    return not starts_marker(text) or reference_goes_on(last_line, text) or cites_a_part(text)


def _next_item(block: str, text: str) -> bool:
    """Does `text` open the item after the one `block` opens (`5. ... Ausgleichsabgaben,` / `6. die
    Ergänzungsabgabe ...`: a list whose items end in a comma)?"""
    opened, following = list_label(block, glued=True), list_label(text, glued=True)
    if opened is None or following is None or opened.style != following.style:
        return False
    before, after = opened.value, following.value
    if before.isdigit() and after.isdigit():
        return int(after) == int(before) + 1
    return len(before) == len(after) == 1 and before.isalpha() and ord(after) == ord(before) + 1


def heading_line(text: str) -> bool:
    """Does `text` open with an article or container marker followed by a heading, not a sentence?"""
    for pattern in ARTICLE_FAMILIES.values():
        match = pattern.match(text)
        if match:
            return heading_like(match.group(match.lastindex or 1))
    match = CONTAINER_RE.match(text)
    return match is not None and heading_like(match.group("rest"))


def container_only(text: str) -> bool:
    match = CONTAINER_RE.match(text)
    return match is not None and not match.group("rest").strip()


def marker_only(text: str) -> bool:
    for pattern in ARTICLE_FAMILIES.values():
        match = pattern.match(text)
        if match and not match.group(match.lastindex or 1).strip():
            return True
    return False


# -- the parser ------------------------------------------------------------------------
