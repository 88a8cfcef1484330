"""English or German plain text wrapped at a column: where a paragraph ends.

Plain text is often wrapped (copied out of a PDF, an e-mail, an OCR'd page; pdftotext's output),
with or without blank lines between paragraphs.  A paragraph ends at a blank line (unless a page
break cut a sentence: pdftotext ends each page with a blank line and a form feed), before a
marker that follows a finished sentence (a wrapped `31. Dezember` is a date, never an item), the
next item of a list or the first item of a list whose second follows, after a heading, after the
item that closes a list, and after a line that ended where the next word would still have fit;
never before a provision named after a referring word (`... referred to in` / `Article 47.`, a
cross-reference) or with one of its parts (`§ 8 Abs. 3 Satz 2 ...`), nor after a line that ends
in a word no sentence ends with (`... der Gesellschafter oder`).

`WrappedText` carries what the lines read so far say about the next one.  The thresholds are
measured with bench/latin_plain_text.py (monospaced and proportional, with and without blank
lines, and PDFs through pdftotext).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawdiff.ingest.source import bare_line, is_blank
from lawdiff.model import SourceLine
from lawdiff.parse.latin_markers import (ANNEX_RE, CONTAINER_RE, FIRST_VALUES, ROMAN_HEADING_RE, ListLabel, ends_sentence,
                                         heading_like, leading_number, list_label, marker_rest)
from lawdiff.text.markers import GLUED_DIGIT_DOT, cites_a_part, reference_goes_on

# A line ends its paragraph when the next line's first word would have fit on it within this share
# of a typical line.  Not all of it: a proportional font (or an OCR'd page) sets lines of one width
# with different numbers of characters.  Measured with bench/latin_plain_text.py --proportional,
# paragraphs set apart by blank lines: articles read wrongly (split inside a paragraph) are as many
# at 0.6 and 0.85 as with the first rule, 2 more at 0.95, 45 to 74 more at 1.0; without blank
# lines, 0.85 reads 35 to 45 more articles right than 0.6 at each width.
ROOM_LEFT = 0.85
# ... and within this share when the line ends a sentence: the full stop is evidence of its own, so
# less room to spare is needed.  Measured the same way: at 0.95 no article more is read wrongly in
# either column and 8 to 15 fewer without blank lines (at 1.0, 3 to 6 more with blank lines in a
# proportional font).
SENTENCE_ROOM = 0.95
# Words that no heading and no sentence of a law ends with (articles, prepositions, conjunctions).
FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with into under and or nor but as than "
    "der die das des dem den ein eine einer eines einem einen und oder sowie von vom zu zum zur für "
    "mit bei beim auf aus über unter nach gemäß im am in an durch gegen ohne um".split())
# The end of a list's second-to-last item (`...; or`, `..., und`): a label on the next line opens
# the last item.
LIST_GOES_ON = re.compile(r"[;,]\s+(?:and|or|und|oder)$")
ITEM_ENDS = (";", ",", " or", " and", " oder", " und")  # how an item that is not a list's last ends
# `d) ... des Publizitätsgesetzes oder` / `e) nach den §§ 263 ...`: an item may end in a bare
# conjunction, and the label of the item after it then opens the next line
CONJUNCTION_END = re.compile(r"\s(?:and|or|und|oder)$")
LIST_LOOKAHEAD = 40  # lines in which a list's second label must follow its first (WrappedText.opens_list)
LIST_LOOKBEHIND = 400  # lines in which a numbered label's predecessor must open a line (WrappedText.in_sequence)
# A month's name after a day's number (`1. Oktober 1969`): a date, no list label.
MONTH = re.compile(r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
                   r"Dezember|January|February|March|May|June|July|October|December)\b")
# `... the following paragraph is added: ‘4.` / `When adopting ...`: the number of a quoted paragraph
QUOTED_NUMBER_END = re.compile(r"[‘“\"'„«»]\d{1,3}[a-z]?\.$")
OPENING_QUOTES = "‘“\"'„«»‚"
# What an annex's heading may add after its name: the provision it belongs to, in brackets.
ANNEX_REFERENCE = re.compile(r"^\s*[(\[][^()\[\]]{1,60}[)\]]\s*$")
# A page's number printed at its top or foot (`12`, `- 12 -`, `Seite 12`, `Page 12 of 40`).
PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:(?:Seite|Page)\s+)?\d{1,4}(?:\s*(?:/|of|von)\s*\d{1,4})?(?:\s*[-–—])?$")


@dataclass
class WrappedText:
    """What the lines of one wrapped text read so far say about the next one."""

    lines: list[SourceLine]
    typical: int = 0  # a full line's length: the 75th percentile of the lines' lengths
    heading: bool = False  # the current block is a heading (see opened)
    in_list: bool = False  # the current block is an item of a list whose items end in `;` or `,`
    label: str = ""  # the number of the last `N.` list label that opened a block
    labels: list[ListLabel | None] = field(default_factory=list)  # each line's list label

    def __post_init__(self) -> None:
        texts = [bare_line(line.text) for line in self.lines]  # (the lines as build_blocks reads them)
        lengths = sorted(len(text) for line, text in zip(self.lines, texts) if not is_blank(line.text))
        self.typical = lengths[len(lengths) * 3 // 4] if lengths else 0
        self.labels = [list_label(text) for text in texts]

    def opened(self, previous: str | None, text: str) -> None:
        """A block opens with `text` after the block `previous` (None: after a blank line)."""
        # The block after a bare `Article 5` is its heading; so is a line that opens with a marker
        # and reads like a heading (`§ 13 Juristische Person`, `Abschnitt 2 - ...`): a marker on
        # the next line opens the article's text, not more of the heading.
        self.heading = previous is not None and marker_only(previous) or heading_line(text)
        label = list_label(text, glued=True)
        self.label = label.value if label and label.style == "digit-dot" else self.label
        # an item after one that ended with `;` or `, or` (not a full stop): the list goes on, and
        # a full stop at a line's end may close it
        self.in_list = label is not None and previous is not None and previous.rstrip().endswith(ITEM_ENDS)

    def page_goes_on(self, ended: str, last_line: str, text: str) -> bool:
        """Does `text`, the first line of a page, go on with the paragraph `ended` that the page's
        last line (`last_line`) left in mid-sentence?  Not when it opens a provision (unless it is a
        cross-reference: `... referred to in` / `Article 47.`), nor when it is a page number; after a
        heading, only with a word no heading or sentence starts with."""
        if self.heading and list_label(ended) is None and not text[:1].islower():
            return False
        if ends_sentence(last_line) or marker_only(ended) or container_only(ended) or PAGE_NUMBER.match(text):
            return False
        return not starts_marker(text) or reference_goes_on(last_line, text) or cites_a_part(text)

    def opens_list(self, k: int) -> bool:
        """Does the label at line `k` open a list: a first value (`1.`, `a)`), no date (`1. Oktober`),
        and the label after it opening a line soon after (`2.`)?  Then it opens its item even after a
        line left in mid-sentence: a German list goes on with the sentence that introduces it (`...
        soweit diese Bestimmung, ihr Fehlen oder ihre Nichtigkeit` / `1. Tatsachen ...`)."""
        first = self.labels[k]
        if first is None or first.value not in FIRST_VALUES or first.style == "dash" or not first.rest \
                or is_date(first):
            return False  # (`... referred to in paragraph` / `1.`: a number alone is a reference's)
        following = next_value(first.value)
        return any(later is not None and later.style == first.style and later.value == following
                   for later in self.labels[k + 1:k + 1 + LIST_LOOKAHEAD])

    def in_sequence(self, k: int) -> bool:
        """Can the numbered label at line `k` be a list's: a first value, or a number after a lower
        one of its style that opens a line before it (a list may skip a number)?  `(ABl. L 158 ...,
        S.` / `66) anzuwenden.`, with no `1)` before it, is a page cited."""
        label = self.labels[k]
        if label is None or not label.value[:1].isdigit() or label.value in FIRST_VALUES:
            return True
        number = leading_number(label.value) or 0
        return any(earlier is not None and earlier.style == label.style and (leading_number(earlier.value) or 0) <= number
                   for earlier in self.labels[max(0, k - LIST_LOOKBEHIND):k])

    def breaks(self, k: int, block: str, last_line: str, text: str) -> bool:
        """Does line `k`, `text`, start a new block after `last_line`, the last line of `block`?"""
        if reference_goes_on(last_line, text):
            return False  # `... referred to in` / `Article 47.`: a cross-reference wrapped to a line start
        if marker_only(block) or container_only(block) or marker_only(text):
            return True  # `Article 5` / `CHAPTER IV` alone: a line of its own, and so is what follows
        glued = GLUED_DIGIT_DOT.match(text)
        if glued and ends_sentence(last_line) and leading_number(self.label) == int(glued.group(2)) - 1:
            return True  # `10.For providers ...` after item 9 (or 9a): a label set too wide for a space
        if ROMAN_HEADING_RE.match(text) and ends_sentence(last_line):
            return True  # `III. - Der Bundestag`: a heading when an article follows (LatinParser decides)
        marker = starts_marker(text)
        if marker and not cites_a_part(text) and (
                ends_sentence(last_line) or self.heading or self.opens_list(k) or LIST_GOES_ON.search(last_line)
                or ((last_line.endswith(",") or CONJUNCTION_END.search(last_line)) and _next_item(block, text))) \
                and self.in_sequence(k):  # (last: it looks back over up to LIST_LOOKBEHIND lines)
            return True  # (`... belehrt worden sind.` / `§ 8 Abs. 3 Satz 2 ist anzuwenden.`: a sentence citing)
        opens_sentence = text[:1].isupper() or (text[:1] in OPENING_QUOTES and text[1:2].isupper())
        if self.in_list and last_line.endswith(".") and opens_sentence and not MONTH.match(text) \
                and not QUOTED_NUMBER_END.search(last_line):
            # `(c) ...; or` / `(d) ... listed in Annex III.` / `Notwithstanding ...`: the last item
            # ended the list; the text after it is a paragraph of its own
            return True
        if dangles(last_line) and not marker:
            # `Rechtsstellung bei Wechsel der Gesellschafter oder` / `Veränderung ...` (but a list
            # item may end so: `1. zur Abwehr ... oder` / `2. zum Ausgleich ...`)
            return False
        word = len(text.split(" ", 1)[0])
        if self.heading and list_label(block) is None and (text[:1].isupper() or text[:1] in "(['\"‘“„") \
                and len(last_line) + 1 + word <= self.typical:
            # a heading's line ended where the next word would still have fit: the text starts (a
            # block that opens with a list label, `(1) Das Bundesgebiet ...` after `Art 29`, is no heading)
            return True
        # a line that ended where the next line's first word would still have fit, with room to spare
        # (less after a full stop), ended its paragraph (or was a heading); `... Aufgaben der` /
        # `Eisenbahnverkehrsverwaltung` did not
        room = SENTENCE_ROOM if ends_sentence(last_line) else ROOM_LEFT
        short = self.typical and len(last_line) + 1 + word <= room * self.typical
        return bool(short) and (opens_sentence or marker)


def starts_marker(text: str) -> bool:
    """Does `text` open with an article, container or annex marker, or a list label (not a date's
    day: `1. Oktober 1969`)?"""
    if marker_rest(text) is not None or CONTAINER_RE.match(text) or ANNEX_RE.match(text):
        return True
    label = list_label(text)
    return label is not None and not is_date(label)


def is_date(label: ListLabel) -> bool:
    """Is the `N.` label a day's number before a month's name (`1. Oktober 1969`)?"""
    return label.style == "digit-dot" and MONTH.match(label.rest) is not None


def next_value(value: str) -> str:
    """The value after `value` in its list: 1 -> 2, a -> b, i -> ii, aa -> bb."""
    if value.isdigit():
        return str(int(value) + 1)
    if value in ("i", "I"):
        return value * 2
    return "".join(chr(ord(ch) + 1) for ch in value)


def dangles(line: str) -> bool:
    """Does `line` end in a word that neither a heading nor a sentence ends with (an article, a
    preposition, a conjunction: `... der Gesellschafter oder`, `... obligations of the`)?  Then
    the line was wrapped, however much room it left: the next line goes on with it."""
    words = line.rsplit(None, 1)
    return bool(words) and words[-1].lower() in FUNCTION_WORDS


def _next_item(block: str, text: str) -> bool:
    """Does `text` open the item after the one `block` opens (`5. ... Ausgleichsabgaben,` / `6. die
    Ergänzungsabgabe ...`: a list whose items end in a comma)?"""
    opened, following = list_label(block, glued=True), list_label(text, glued=True)
    return opened is not None and following is not None and opened.style == following.style \
        and following.value == next_value(opened.value)


def heading_line(text: str) -> bool:
    """Does `text` open with an article, container or annex marker followed by a heading, not a
    sentence (`Anlage (zu § 2 Abs. 1a)`)?"""
    rest = marker_rest(text)
    if rest is not None:
        return heading_like(rest)
    match = CONTAINER_RE.match(text)
    if match is not None:
        return heading_like(match.group("rest"))
    match = ANNEX_RE.match(text)  # (an annex names what it belongs to: `(zu § 2 Abs. 1a)`, no sentence)
    return match is not None and (heading_like(match.group(2)) or ANNEX_REFERENCE.match(match.group(2)) is not None)


def container_only(text: str) -> bool:
    match = CONTAINER_RE.match(text)
    return match is not None and not match.group("rest").strip()


def marker_only(text: str) -> bool:
    rest = marker_rest(text)
    return rest is not None and not rest.strip()
