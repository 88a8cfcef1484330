"""The markers of English and German legal text, as the Latin parser reads them.

Article families (`Article 5`, `§ 3`, `Section 2.`), container headings (`CHAPTER IV`,
`Zweiter Teil`, a bare Roman `I.` heading), annexes, the preamble and closing formula,
and the list markers inside articles (`(1)`, `a)`, `(iv)`, dashes).  The container words
and their ranks are `lawdiff.text.markers.LATIN_CONTAINER_WORDS`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from lawdiff.text.markers import GLUED_DIGIT_DOT
from lawdiff.text.numerals import ORDINAL_WORDS

NUM = r"(\d{1,4}\s?[a-zA-Z]{0,2}|[IVXLC]{1,7}(?:\s?[a-z])?)"
# After a number: the end, a space, or a separator followed by a space or the end.
AFTER_NUM = r"(?=$|\s|[.:–—-](?:\s|$))"
SEP = r"\s*[.:–—-]?(?=\s|$)"
ARTICLE_FAMILIES: dict[str, re.Pattern[str]] = {
    "article": re.compile(rf"^((?:Article|ARTICLE|Artikel|ARTIKEL|Art\.?|ART\.?)\s*{NUM}{AFTER_NUM}(?:{SEP})?)(.*)$"),
    "paragraph": re.compile(rf"^(§\s*{NUM}{AFTER_NUM}(?:{SEP})?)(.*)$"),
    "section": re.compile(rf"^((?:Section|SECTION|Sec\.|SEC\.)\s*{NUM}{AFTER_NUM}(?:{SEP})?)(.*)$"),
}
FAMILY_PRIORITY = ["article", "paragraph", "section"]


def marker_rest(text: str) -> str | None:
    """The text after the article marker (of any family) that opens `text`, or None when none does."""
    for pattern in ARTICLE_FAMILIES.values():
        match = pattern.match(text)
        if match:
            return match.group(match.lastindex or 1)
    return None


CONTAINER_RE = re.compile(
    r"^((?P<word>Book|BOOK|Buch|BUCH|Part|PART|Teil|TEIL|Title|TITLE|Titel|TITEL|Chapter|CHAPTER|Kapitel|KAPITEL|"
    r"Section|SECTION|Abschnitt|ABSCHNITT|Sub-?section|SUB-?SECTION|Unterabschnitt|UNTERABSCHNITT)"
    rf"\s+(?P<num>\d{{1,3}}\s?[A-Za-z]?|[IVXLC]{{1,7}}(?:\s?[A-Za-z])?|{ORDINAL_WORDS}){AFTER_NUM}(?:{SEP})?)(?P<rest>.*)$",
    re.I)
ORDINAL_CONTAINER_RE = re.compile(
    rf"^((?P<num>{ORDINAL_WORDS})\s+(?P<word>Book|Buch|Part|Teil|Title|Titel|Chapter|Kapitel|Abschnitt|"
    rf"Unterabschnitt){AFTER_NUM}(?:{SEP})?)(?P<rest>.*)$", re.I)
# A container heading run into the end of the line before it: `TITLE VI GOVERNANCE CHAPTER 1`,
# `HIGH-RISK AI SYSTEMS CHAPTER 1` (a heading line and the next marker joined in conversion).
RUN_IN_RE = re.compile(
    r"(?:^|\s)(?=(?:Book|BOOK|Buch|BUCH|Part|PART|Teil|TEIL|Title|TITLE|Titel|TITEL|Chapter|CHAPTER|Kapitel|"
    r"KAPITEL|Section|SECTION|Abschnitt|ABSCHNITT|Sub-?section|SUB-?SECTION|Unterabschnitt|UNTERABSCHNITT)\s)")
# `## I. - Die Grundrechte`, `## IV a. - Gemeinsamer Ausschuß`: a bare Roman heading (only with heading markup).
ROMAN_HEADING_RE = re.compile(r"^((?P<num>[IVXLC]{1,7}(?:\s?[a-z])?)\.(?:\s*[-–—])?(?=\s|$))(?P<rest>.*)$")
ANNEX_RE = re.compile(
    r"^((?:ANNEX|Annex|ANHANG|Anhang|ANLAGE|Anlage|APPENDIX|Appendix|SCHEDULE|Schedule)"
    r"(?:\s+(?:[IVXLC]{1,7}[a-z]?|\d{1,3}[a-z]?|[A-Z]{1,3}))?(?=$|\s|[.:–—-]))(.*)$")
# The closing formula and signatures of an act (EU: "This Regulation shall be binding ...", "Done at").
CLOSING_RE = re.compile(
    r"^(This (Regulation|Directive|Decision) shall be binding in its entirety|Done at [A-Z]|"
    r"Geschehen zu [A-Z]|Das vorstehende Gesetz wird hiermit ausgefertigt|"
    r"Die verfassungsmäßigen Rechte des Bundesrates sind gewahrt)")
PREAMBLE_RE = re.compile(
    r"^(Having regard|Whereas|After (transmission|consulting|consultation)|Acting in accordance|"
    r"HAVE ADOPTED|HAS ADOPTED|Gestützt auf|In Erwägung|Nach Anhörung|Nach Stellungnahme|"
    r"Der Bundestag hat|Der Parlamentarische Rat|Im Bewußtsein|Im Bewusstsein|"
    r"Präambel|PRÄAMBEL|Preamble|PREAMBLE|Eingangsformel|Recitals?\b|\(\d{1,3}\)\s)")

# List markers at the start of a block: (style, value).
ITEM_RES: list[tuple[str, re.Pattern[str]]] = [
    ("paren-digit", re.compile(r"^(\((\d{1,3}[a-z]{0,2})\))(?=\s|$)")),
    ("digit-dot", re.compile(r"^((\d{1,3}[a-z]{0,2})\.)(?=\s|$)")),
    ("digit-paren", re.compile(r"^((\d{1,3}[a-z]{0,2})\))(?=\s|$)")),
    ("paren-lower", re.compile(r"^(\(([a-z]{1,3})\))(?=\s|$)")),
    ("lower-paren", re.compile(r"^(([a-z]{1,3})\))(?=\s|$)")),
    ("lower-dot", re.compile(r"^(([a-z]{1,4})\.)(?=\s|$)")),
    ("paren-upper", re.compile(r"^(\(([A-Z]{1,3})\))(?=\s|$)")),
    ("upper-dot", re.compile(r"^(([A-Z])\.)(?=\s|$)")),
    ("dash", re.compile(r"^(([-–—•·▪]))(?=\s|$)")),
]


@dataclass(frozen=True)
class ListLabel:
    """The list label a block opens with, as written: `style` names the ITEM_RES pattern."""

    style: str
    value: str  # `1`, `9a`, `b`, `iv`, the dash itself
    printed: str  # the label as printed: `(1)`, `9a.`, `b)`
    rest: str  # the text after it, stripped


def list_label(text: str, glued: bool = False) -> ListLabel | None:
    """The list label `text` opens with, read as written (which list it continues, and whether
    `(i)` is a letter or a Roman numeral, is for the parser to say).  With `glued`, a number
    whose text follows with no space counts too (`10.Notified`, see GLUED_DIGIT_DOT)."""
    for style, pattern in ITEM_RES:
        match = pattern.match(text)
        if match:
            return ListLabel(style, match.group(2), match.group(1), text[match.end():].strip())
    match = GLUED_DIGIT_DOT.match(text) if glued else None
    return ListLabel("digit-dot", match.group(2), match.group(1), text[match.end():].strip()) if match else None


ROMAN_LOWER = re.compile(r"^(?=[ivxlc])m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
FIRST_VALUES = {"", "1", "a", "i", "A", "I", "aa"}  # values a new list can start with

SENTENCE_END = ".;:!?"
CLOSERS = "\"'”’»«)]"


def ends_sentence(text: str) -> bool:
    """Does `text` end a sentence: . ; : ! ? before closing quotes and brackets, and before a
    symbol set after it (GmbHG § 57f ends `... bestellt werden.♦`)?"""
    stripped = text.rstrip()
    while stripped and unicodedata.category(stripped[-1]) == "So":
        stripped = stripped[:-1].rstrip()
    stripped = stripped.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def leading_number(value: str) -> int | None:
    """The number a list value starts with: 9 for `9` and `9a`, None for `b`."""
    match = re.match(r"\d+", value)
    return int(match.group(0)) if match else None


def all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def heading_like(text: str, limit: int = 160) -> bool:
    """Could `text` be a heading printed after a marker (not a sentence that begins with one)?"""
    text = text.strip()
    if not text:
        return True
    if len(text) > limit or text[-1] in ",;":
        return False
    first = next((ch for ch in text if ch.isalnum()), "")
    if first and first.islower() and text[0] not in "([":  # `(weggefallen)`, `[deleted]` are headings
        return False  # `Article 4b shall not apply ...`, `Abschnitt 2 gilt entsprechend.`
    if ";" in text and not ends_sentence(text) and not all_caps(text):
        # A heading may join its subjects with semicolons (`Zweck; Gründerzahl`, `Juristische
        # Person; Handelsgesellschaft`); a sentence would end with a full stop.  Each subject
        # must be a heading on its own.
        parts = [part.strip() for part in text.split(";")]
        return all(parts) and all(heading_like(part, limit) for part in parts)
    if re.search(r"[.;:!?]\s+\S", text.rstrip(".")) and not all_caps(text):
        return False  # more than one sentence
    if text.endswith((".", ":")) and not all_caps(text) and len(text.split()) > 8:
        return False
    return True
