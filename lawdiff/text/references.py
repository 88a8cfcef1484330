"""Cross-references in Latin-script laws, read as what they point at.

German and EU drafting cite a provision of the same law as

- `§ 5`, `§ 5a Abs. 2`, `§ 58 Abs. 1 Nr. 3`, `§ 8 Abs. 3 Satz 2`, `§§ 53 und 54`, `§§ 21 bis 23`,
  `§ 5 Abs. 2 und 3` (German acts), `Artikel 87a Abs. 4`, `Art. 72 Abs. 2` (the Grundgesetz);
- `Article 6(1)`, `Article 6(1), point (a)`, `Articles 8 to 15`, `Article 6(1) and (2)` (EU acts);
- and, inside one article, `Absatz 1` / `Abs. 1` or `paragraph 2` (`of this Article`), or
  `paragraph 2 of Article 5`.

A citation qualified by another act (`§ 22 des Handelsgesetzbuchs`, `§ 30 AktG`, `Article 35 of
Regulation (EU) 2016/679`, `Article 3 TFEU`) points outside the law and is not returned; a
qualifier naming the law itself (`dieses Gesetzes`, `of this Regulation`) keeps it.  When in
doubt, a citation is left out: a missing link costs a reader a click, a wrong one misleads.

Sentences (`Satz 2`) and subparagraphs have no element of their own: a citation of one points at
its paragraph.  The first and last article of a range (`§§ 21 bis 23`) are cited, not the ones
between, which the text does not name.  Chinese citations (第X条第Y款) are read by
lawdiff.akn.links.

Each step below is one anchored match at a position that only moves forward, so reading a text
is linear in its length whatever it holds; a pattern that opens with blanks opens only where a run of
blanks starts (`(?<!\\s)`), so that even a search over a long run of them is (tests/test_hostile.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

NUMBER = r"\d{1,4}[a-z]?"


@dataclass(frozen=True)
class LatinRef:
    start: int
    end: int  # text[start:end] is the citation as printed ("§ 5 Abs. 1", "Article 6(1)", "Absatz 2")
    article: str  # the cited article's number ("5", "87a"); "" for the citing article itself
    paragraph: str = ""  # "1"; "" for the whole article
    point: str = ""  # "3", "a"; "" for the whole paragraph
    chain: int = 0  # citations read as one (`§§ 53 und 54`) share it: counted from 0 in the text


# A citation opens with a section or article word and a number.  Plural words open a list of articles.
_LEAD = re.compile(rf"(?<![\w§])(?P<word>§§|§|Art\.|Artikels|Artikel|Articles|Article)\s*(?P<num>{NUMBER})(?!\w|\.\d)")
_PLURAL = {"§§", "Articles"}
# What may follow an article number, in this order (German, then EU).
_DE_PARAGRAPH = re.compile(rf"(?<!\s)\s+(?:Abs\.|Absatz|Absätze)\s*(?P<num>{NUMBER})\b")
# Divisions with no element of their own, and lists of them, read past: `Unterabsatz 1 oder Unterabsatz 2
# Satz 1 oder Satz 2`, `Halbsatz 2`, `Buchstabe a`; `, first subparagraph,`.
_TAIL = re.compile(
    r"(?:(?:,|(?<!\s))\s+(?:(?:und|oder|bis|u\.)\s+)?(?:Unterabsatz|Unterabs\.|Satz|Sätze|S\.|Halbsatz|Buchstabe|Buchst\.|"
    r"Doppelbuchstabe|Alternative|Variante)\s*\w{1,4}\b(?:(?:\s*,\s*|\s+(?:und|oder|bis)\s+)\d{1,3}\b(?![.,]\d))*"
    r"|(?:,|(?<!\s))\s+(?:first|second|third|fourth|fifth|sixth|last)\s+(?:subparagraph|sentence)\b,?)*")
_DE_POINT = re.compile(rf"(?<!\s)\s+(?:Nr\.|Nummer|Nummern|Nrn\.)\s*(?P<num>{NUMBER})\b")
_EU_PARAGRAPH = re.compile(r"\((?P<num>\d{1,3}[a-z]?)\)")
_EU_POINT = re.compile(r"(?:,|(?<!\s))\s+point\s+\((?P<num>[a-z]{1,2}|\d{1,3})\)")
# A further member of a list: `und 54`, `bis 23`, `, 264`, `and (2)`, `und § 6`, `, des Artikels 5`,
# `und Abs. 5`.
_LIST = re.compile(
    rf"(?P<sep>(?<!\s)\s*,\s*|(?<!\s)\s+(?:und|u\.|oder|bis|sowie|in\s+Verbindung\s+mit|i\.\s*V\.\s*m\.|and|or|to)\s+)"
    rf"(?:(?:des\s+)?(?P<word>§§|§|Art\.|Artikels|Artikel|Articles|Article)\s*|(?P<para>Abs\.|Absatz|Absätze)\s*)?"
    rf"(?P<num>{NUMBER})\b(?![.,]\d)|(?P<esep>(?<!\s)\s*,\s*|(?<!\s)\s+(?:and|or|to)\s+)\((?P<epara>\d{{1,3}}[a-z]?)\)")
# Right after a citation: another act named, so the citation is not of this law.  German: a genitive
# (`des Handelsgesetzbuchs`, `der Verordnung (EU) …`, `dieses Vertrags`; not `dieses Gesetzes`,
# `dieses Abschnitts`), an abbreviation (`HGB`, `AktG`, `InsO`) or an act by its date
# (`G v. 29.9.2020`); EU: `of …` (not `of this …`), `TFEU`, `TEU`.
_FOREIGN_AFTER = re.compile(
    r"(?:,|(?<!\s))\s+(?:(?:des|der)\s+[A-ZÄÖÜ]|(?:dieses|dieser)\s+(?!(?:Grund)?[Gg]esetz|Verordnung|Abschnitt|Unterabschnitt|"
    r"Kapitel|Titel|Teil|Buch|Paragraph|Artikel|Vorschrift)[A-ZÄÖÜ]"
    r"|[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*[A-Z]\b|[A-ZÄÖÜ][a-zäöüß]*G\b"
    r"|[A-Z]\s+v\.\s"  # `G v. 29.9.2020`: an amending act of that date (Gesetz, Verordnung)
    r"|of\s+(?!this\b)|TFEU\b|TEU\b)")
# Inside one article: `Absatz 2`, `Abs. 2`, `paragraph 2`, `paragraphs 1 and 2`; `paragraph 2 of Article 5`.
_RELATIVE = re.compile(r"(?<![\w.§])(?P<word>Absatz|Abs\.|paragraphs?)\s+(?P<num>\d{1,3})\b(?![.,]\d)")
_OF_ARTICLE = re.compile(rf"(?:,|(?<!\s))\s+of\s+Article\s+(?P<num>{NUMBER})\b")


# An article that amends another act (`Regulation (EU) 2018/1139 is amended as follows: (1) in Article 17,
# …`, `Das Aktiengesetz … wird wie folgt geändert: 1. § 5 wird …`) cites that act's provisions, named once
# at its start.
AMENDING = re.compile(r"\b(?:is|are)\s+(?:hereby\s+)?amended\s+as\s+follows|\b(?:wird|werden)\s+wie\s+folgt\s+geändert")


def latin_references(text: str) -> list[LatinRef]:
    """The citations in `text` of provisions of the law itself, in order; one per cited provision."""
    if not any(c.isdigit() for c in text):
        return []
    found: list[LatinRef] = []
    chains: list[tuple[int, int]] = []  # every citation read, of this law or not
    for lead in _LEAD.finditer(text):
        if chains and lead.start() < chains[-1][1]:
            continue
        chain, end = _chain(text, lead)
        if not _FOREIGN_AFTER.match(text, end):
            found.extend(replace(ref, chain=len(chains)) for ref in chain)
        chains.append((lead.start(), end))
    k = 0  # the chains are in order, and so are the matches: one pass over both
    relative: list[LatinRef] = []
    read_until = 0  # where the last relative citation, with its list, ended
    for match in _RELATIVE.finditer(text):
        while k < len(chains) and chains[k][1] <= match.start():
            k += 1
        # `Abs. 2` inside `§ 22 Abs. 2 des Handelsgesetzbuchs` belongs to that citation, and `Abs. 3` in
        # `Absatz 1 und Abs. 3` to the list that `Absatz 1` opens
        if match.start() >= read_until and (k == len(chains) or match.start() < chains[k][0]):
            refs, read_until = _relative(text, match)
            relative.extend(replace(ref, chain=len(chains) + match.start()) for ref in refs)
    # `paragraph 2 of Article 5` is one citation, not also one of `Article 5`
    spans = [(ref.start, ref.end) for ref in relative if ref.article]
    if spans:
        starts = [start for start, _ in spans]
        found = [ref for ref in found if not _within(ref.start, spans, starts)]
    return sorted(found + relative, key=lambda ref: ref.start)


def whole_lists(refs: list[LatinRef], exists: Callable[[LatinRef], bool]) -> list[LatinRef]:
    """The citations whose list names only provisions that `exists`: a list naming one the law does not
    have is another act's, all of it (`§ 29 Abs. 1, § 122i Abs. 1 Satz 2 … des Umwandlungsgesetzes`,
    the act named only at its end)."""
    foreign = {ref.chain for ref in refs if not exists(ref)}
    return [ref for ref in refs if ref.chain not in foreign]


def _within(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Is `pos` inside one of `spans` (in order, not overlapping; `starts` their starts)?"""
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < spans[k][1]


def _chain(text: str, lead: re.Match[str]) -> tuple[list[LatinRef], int]:
    """The citations one opening word starts (`§§ 53 und 54`: two), and where the chain ends."""
    plural = lead.group("word") in _PLURAL
    article = lead.group("num")
    paragraph, point, german, pos = _parts(text, lead.end())
    refs = [LatinRef(lead.start(), pos, article, paragraph, point)]
    while True:
        more = _LIST.match(text, pos)
        if more is None:
            break
        if more.group("epara"):  # `Article 6(1) and (2)`: another paragraph of the same article
            refs.append(LatinRef(more.start("epara") - 1, more.end(), article, more.group("epara")))
        elif more.group("para"):  # `§ 100 Abs. 1 und 2 Nr. 2 und Abs. 5`: another paragraph, named
            paragraph, point, german, end = _parts(text, more.start("para") - 1)
            refs.append(LatinRef(more.start("para"), end, article, paragraph, point))
        elif not more.group("word") and german and refs[-1].point:
            # `§ 58 Abs. 1 Nr. 1 und 2`: another point of the same paragraph
            refs.append(LatinRef(more.start("num"), more.end(), article, refs[-1].paragraph, more.group("num")))
        elif not more.group("word") and german and refs[-1].paragraph:
            # `§ 87 Absatz 1, 2 oder 3`, `§ 100 Abs. 1 und 2 Nr. 2`: another paragraph of the same article
            point, end = _inner(text, more.end(), "de")
            refs.append(LatinRef(more.start("num"), end, article, more.group("num"), point))
        elif more.group("word") or plural or (not refs[-1].paragraph and "," not in more.group("sep")):
            # another article: `und § 6`, `, des Artikels 5`, `§§ 53 und 54`, `§§ 242, 264`,
            # `Articles 8 to 15`, `Art. 1 und 2`
            word = more.group("word")
            if word:
                plural = word in _PLURAL
            article = more.group("num")
            paragraph, point, german, end = _parts(text, more.end())
            refs.append(LatinRef(more.start("word") if word else more.start("num"), end, article, paragraph, point))
        else:
            break  # `§ 5, 10 …`: a comma or a number that is no further citation ends it
        pos = refs[-1].end
    return refs, pos


def _parts(text: str, pos: int) -> tuple[str, str, bool, int]:
    """(paragraph, point, German paragraph?, end) of what follows an article number:
    `Abs. 1 Satz 2 Nr. 3`, `(1), point (a)`."""
    paragraph = ""
    german = _DE_PARAGRAPH.match(text, pos)
    eu = None if german else _EU_PARAGRAPH.match(text, pos)
    found = german or eu
    if found:
        paragraph, pos = found.group("num"), found.end()
    point, pos = _inner(text, pos, "de" if german else "eu" if eu else "")
    return paragraph, point, german is not None, pos


def _inner(text: str, pos: int, style: str) -> tuple[str, int]:
    """(point, end) of what follows a paragraph: `Satz 2 Nr. 3`, `, first subparagraph, point (a)`;
    `style` "de" or "eu" after a German or an EU paragraph, "" after an article number."""
    pos = _TAIL.match(text, pos).end()  # type: ignore[union-attr]
    if style == "de":
        inner = _DE_POINT.match(text, pos)
    elif style == "eu":
        inner = _EU_POINT.match(text, pos)
    else:
        inner = _DE_POINT.match(text, pos) or _EU_POINT.match(text, pos)
    if not inner:
        return "", pos
    return inner.group("num"), _TAIL.match(text, inner.end()).end()  # type: ignore[union-attr]


def _relative(text: str, match: re.Match[str]) -> tuple[list[LatinRef], int]:
    """`Absatz 2 Nr. 3`, `Absatz 1, 2 oder 3`, `paragraphs 1 and 2` (of this article), `paragraph 2 of
    Article 5`; and where the citation, with its list and qualifier, ends."""
    german = not match.group("word").startswith("p")
    lists_with_commas = german or match.group("word") == "paragraphs"
    pos = _TAIL.match(text, match.end()).end()  # type: ignore[union-attr]
    point = (_DE_POINT if german else _EU_POINT).match(text, pos)
    refs = [LatinRef(match.start(), point.end() if point else match.end(), "", match.group("num"),
                     point.group("num") if point else "")]
    pos = point.end() if point else pos
    while True:
        more = _LIST.match(text, pos)
        if more is None or more.group("word") or more.group("epara") or \
                ("," in more.group("sep") and not lists_with_commas):
            break
        if german and refs[-1].point and not more.group("para"):  # `Absatz 1 Nr. 25 und 27`: another point
            refs.append(LatinRef(more.start("num"), more.end(), "", refs[-1].paragraph, more.group("num")))
        else:
            refs.append(LatinRef(more.start("para") if more.group("para") else more.start("num"), more.end(), "",
                                 more.group("num")))
        pos = more.end()
    of_article = _OF_ARTICLE.match(text, pos)
    if of_article:
        pos = of_article.end()
        last = len(refs) - 1
        refs = [LatinRef(ref.start, pos if k == last else ref.end, of_article.group("num"), ref.paragraph, ref.point)
                for k, ref in enumerate(refs)]
    if _FOREIGN_AFTER.match(text, pos):
        return [], pos
    return refs, pos
