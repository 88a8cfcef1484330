"""The words and patterns that mark the structure of a law, per language.

Chinese: 编/分编/章/节 (containers), 第X条 (articles, 第X条之Y inserted ones), （X） items
(项) and `1.` sub-items (目).  English and German: Book/Buch, Part/Teil, Title/Titel,
Chapter/Kapitel, Section/Abschnitt, Subsection/Unterabschnitt with the rank each has by
default (German `Titel` sits below `Abschnitt`).  Parsers read them, the amendment grammar
and writer quote them back; all take them from here.
"""

from __future__ import annotations

import re

from lawdiff.text.numerals import ZH_NUMBER

# -- Chinese -------------------------------------------------------------------------------
ZH_CONTAINER_WORDS: dict[str, str] = {"编": "book", "分编": "part", "章": "chapter", "节": "section"}
ZH_KIND_WORDS: dict[str, str] = {kind: word for word, kind in ZH_CONTAINER_WORDS.items()}
# The container words as a regular-expression alternation, longest first ("分编" before "编").
ZH_CONTAINER_WORD_PATTERN = "|".join(sorted(ZH_CONTAINER_WORDS, key=len, reverse=True))
ZH_LEVEL_ORDER = ["book", "part", "chapter", "section"]  # outermost first

# `第一章 总则` (the heading after a space, or none), `第一章总则` (run together: the parser
# accepts it only on a short line), `第十二条`, `第十二条之一`, `（一）`, `1.`.
ZH_CONTAINER_RE = re.compile(rf"^第\s*({ZH_NUMBER})\s*({ZH_CONTAINER_WORD_PATTERN})(?:[\s\u3000]+|$)(.*)$")
ZH_TIGHT_CONTAINER_RE = re.compile(rf"^第\s*({ZH_NUMBER})\s*({ZH_CONTAINER_WORD_PATTERN})(\S.*)$")
ZH_ARTICLE_RE = re.compile(rf"^第\s*({ZH_NUMBER})\s*条(?:之\s*({ZH_NUMBER}))?(.*)$")
ZH_POINT_RE = re.compile(rf"^[(（]\s*({ZH_NUMBER})\s*[)）]\s*(.*)$")
ZH_SUBPOINT_RE = re.compile(r"^([0-9０-９]{1,3})\s*[.．、]\s*(.*)$")

# -- English and German --------------------------------------------------------------------
LATIN_CONTAINER_WORDS: dict[str, tuple[str, int]] = {
    # word (lower case) -> (model kind, default rank: smaller is outer)
    "book": ("book", 0), "buch": ("book", 0),
    "part": ("part", 1), "teil": ("part", 1),
    "title": ("title", 2),
    "chapter": ("chapter", 3), "kapitel": ("chapter", 3),
    "section": ("section", 4), "abschnitt": ("section", 4),
    "subsection": ("subsection", 5), "sub-section": ("subsection", 5), "unterabschnitt": ("subsection", 5),
    "titel": ("title", 6),  # German Titel sits below Abschnitt (BGB, ZPO)
}
# How English writes each container kind (in an amending instrument: "Chapter 2 is deleted").
EN_KIND_WORDS: dict[str, str] = {"book": "Book", "part": "Part", "title": "Title", "chapter": "Chapter",
                                 "section": "Section", "subsection": "Subsection"}
# The English words as a regular-expression alternation.
EN_KIND_WORD_PATTERN = "|".join(EN_KIND_WORDS.values())
# How German drafting writes each container kind ("Abschnitt 6 wird aufgehoben"), and back.
DE_KIND_WORDS: dict[str, str] = {"book": "Buch", "part": "Teil", "title": "Titel", "chapter": "Kapitel",
                                 "section": "Abschnitt", "subsection": "Unterabschnitt"}
DE_KIND_WORD_PATTERN = "|".join(sorted(DE_KIND_WORDS.values(), key=len, reverse=True))


def en_kind_word(kind: str) -> str:
    """The English word for a container kind ("chapter" -> "Chapter"); another kind title-cased."""
    return EN_KIND_WORDS.get(kind, kind.title())


def de_kind_word(kind: str) -> str:
    """The German word for a container kind ("section" -> "Abschnitt"); another kind as a chapter."""
    return DE_KIND_WORDS.get(kind, "Kapitel")


def de_kind(word: str) -> str:
    """The container kind a German word names ("Abschnitts" -> "section"; a genitive -s allowed)."""
    for kind, name in DE_KIND_WORDS.items():
        if word.lower() in (name.lower(), name.lower() + "s"):
            return kind
    return "chapter"


# What a Chinese law's title ends with: the kind of instrument, then an optional note in brackets
# (`（试行）`, `（2019年修订）`).
ZH_TITLE_END_RE = re.compile(r"(?:法|条例|规定|办法|决定|解释|细则|规则|章程|意见|通知|批复|纲要|准则|修正案|公约|协定|决议|答复)"
                             r"(?:（[^（）]{1,20}）|\([^()]{1,20}\))?$")


# -- English and German: references ---------------------------------------------------------
# Words after which a structure marker is a reference, not a heading (`AMENDMENTS TO CHAPTER 1`,
# `as referred to in` / `Article 38`).
REFERRING_WORDS = {"to", "of", "in", "under", "and", "or", "by", "from", "with", "see", "into", "on", "for",
                   "this", "that", "the", "zu", "des", "der", "im", "zum", "nach", "gemäß", "und", "oder"}
# A provision named by a word (what a heading opens with, and a cross-reference names).
NAMED_PROVISION = re.compile(r"^(Article|ARTICLE|Artikel|Art\.?|§|Section|SECTION|SEC\.|Chapter|CHAPTER|Kapitel|"
                             r"Abschnitt|TITLE|Title|PART|Part|Teil|ANNEX|Annex|Anhang|Anlage)\s*[0-9IVXLC]")


def reference_goes_on(previous: str, text: str) -> bool:
    """Is `text`, at the start of a line, a provision named in the sentence `previous` left open
    (`as referred to in` / `Article 38. They shall ...`): a cross-reference, no heading?"""
    words = previous.split()
    return bool(words) and words[-1].lower() in REFERRING_WORDS and bool(NAMED_PROVISION.match(text))


# A provision named with one of its parts (`§ 8 Abs. 3 Satz 2 ist anzuwenden.`, `Artikel 93 Abs. 1
# Nr. 4a`, `Article 6 paragraph 2`): a cross-reference opening a sentence, never a heading.
CITED_PART = re.compile(r"^(?:Article|Artikel|Art\.?|§§?|Section)\s*\d{1,4}\s?[a-z]{0,2}\s+"
                        r"(?:Abs\.|Absatz|Satz|Nr\.|Nummer|Buchst\.|Buchstabe|Halbsatz|Unterabsatz|paragraph|"
                        r"subparagraph|point)(?=\s|$)")


def cites_a_part(text: str) -> bool:
    """Does `text` open with a provision named with one of its parts (a cross-reference, see CITED_PART)?"""
    return bool(CITED_PART.match(text))


# `10.Notified`, `10.die`: a numbered label whose text follows with no space (a list laid out with
# a label column too narrow for two digits).  The PDF reader starts a paragraph there; the parser
# reads it as a label only where it continues an open list.
GLUED_DIGIT_DOT = re.compile(r"^((\d{1,3})\.)(?=[^\W\d_]{2})")
