"""Places as instruments print them: 第一百二十条之一第二款 / Article 120a(2) / § 120a Absatz 2,
第二编第三章 / Part 2 / Teil 2.

One wording for the writer (which prints instructions), the applier (which names places
in its report, in the base's own numbering style) and the stale-reference check.
Numbers are the model's: articles "120", "120-1"; containers and paragraphs integers.
"""

from __future__ import annotations

from lawdiff.amend.instrument import Loc
from lawdiff.text.markers import ZH_KIND_WORDS, de_kind_word, en_kind_word
from lawdiff.text.numerals import int_to_zh


def _zh_number(value: int, arabic: bool) -> str:
    return str(value) if arabic else int_to_zh(value)


def zh_article(number: str, arabic: bool = False) -> str:
    """"120-1" -> 第一百二十条之一 (第120条之1 with `arabic`); a number of another shape as it is."""
    main, _, sub = number.partition("-")
    if not main.isdigit() or (sub and not sub.isdigit()):
        return f"第{number}条"
    text = f"第{_zh_number(int(main), arabic)}条"
    return text + (f"之{_zh_number(int(sub), arabic)}" if sub else "")


def zh_container(kind: str, number: str, arabic: bool = False) -> str:
    """("chapter", "3") -> 第三章; an unknown kind is written as a chapter."""
    word = ZH_KIND_WORDS.get(kind, "章")
    return f"第{_zh_number(int(number), arabic)}{word}" if number.isdigit() else f"第{number}{word}"


def zh_place(loc: Loc, cite: str = "") -> str:
    """第二编第三章 / 刑法第一百六十五条第二款第三项 (`cite`: a law's short name before the article)."""
    out = "".join(zh_container(k, str(n)) for k, n in loc.containers)
    if loc.article:
        out += cite + zh_article(loc.article)
    if loc.paragraph:
        out += f"第{int_to_zh(loc.paragraph)}款"
    if loc.point:
        out += f"第{int_to_zh(loc.point)}项"
    return out


def en_article(number: str) -> str:
    """"12-1" -> "12a" (inserted articles take a letter); other numbers as they are."""
    main, _, sub = number.partition("-")
    if sub.isdigit() and 0 < int(sub) <= 26:
        return f"{main}{chr(ord('a') + int(sub) - 1)}"
    return number


def en_container(kind: str, number: str | int) -> str:
    """("chapter", 3) -> "Chapter 3"."""
    return f"{en_kind_word(kind)} {number}"


def en_place(loc: Loc) -> str:
    """"Part 2, Chapter 3" / "Article 12a(2)(b)"."""
    parts = [en_container(k, n) for k, n in loc.containers]
    if loc.article:
        text = f"Article {en_article(loc.article)}"
        if loc.paragraph:
            text += f"({loc.paragraph})"
        if loc.point:
            text += f"({chr(ord('a') + loc.point - 1)})" if loc.point <= 26 else f"({loc.point})"
        parts.append(text)
    return ", ".join(parts)


# -- German: "§ 8 Absatz 1 Nummer 3", "Artikel 21", "Abschnitt 6" ---------------------------------
def de_article(number: str, word: str = "§") -> str:
    """"12-1" -> "§ 12a" (or "Artikel 12a": `word` is the base's own, § or Artikel)."""
    return f"{word} {en_article(number)}"


def de_container(kind: str, number: str | int) -> str:
    """("section", 6) -> "Abschnitt 6"."""
    return f"{de_kind_word(kind)} {number}"


def de_place(loc: Loc, word: str = "§") -> str:
    """"Teil 2, Abschnitt 3" / "§ 12a Absatz 2 Nummer 3": paragraphs (Absätze) and points (Nummern) by position."""
    parts = [de_container(k, n) for k, n in loc.containers]
    if loc.article:
        text = de_article(loc.article, word)
        if loc.paragraph:
            text += f" Absatz {loc.paragraph}"
        if loc.point:
            text += f" Nummer {loc.point}"
        parts.append(text)
    return ", ".join(parts)


def de_genitive(place: str) -> str:
    """The place after "des" (die Überschrift des Abschnitts 6, des Artikels 21, des § 4)."""
    word, _, rest = place.partition(" ")
    return f"{word}s {rest}" if word not in ("§", "") and not word.endswith("s") else place
