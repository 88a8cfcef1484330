"""The clause grammar of German amending instructions (Änderungsbefehle).

As in `lawdiff.amend.grammar_en`: the item's text arrives with every quotation („…“) replaced by
QMARK; each clause (split on ";" outside quotations) must match one form exactly ("§ 4 wird wie
folgt gefasst:", "In § 8 Absatz 1 Nummer 3 werden die Wörter … durch die Wörter … ersetzt"), or
the item is "not understood".  Places are read in the base document's numbering: an article is
"§ 12a" or "Artikel 12a", a paragraph "Absatz 2", a point "Nummer 3" (or "Buchstabe c"), a
container "Abschnitt 6" (Buch, Teil, Titel, Kapitel, Abschnitt, Unterabschnitt).
"""

from __future__ import annotations

import re

from lawdiff.amend.grammar_en import LatinWords, en_article_number, en_number, latin_clauses, latin_op
from lawdiff.amend.instrument import Loc, Op
from lawdiff.amend.quoting import QMARK
from lawdiff.text.markers import DE_KIND_WORD_PATTERN, de_kind

Q = QMARK
DE_CW = rf"(?:{DE_KIND_WORD_PATTERN})s?"  # a container word, genitive -s allowed (des Abschnitts 6)
DE_AW = r"(?:§|Artikels?|Art\.)"  # an article word
DE_NUM = r"[0-9]+[a-z]*|[IVXLCDM]+"
# an article, paragraph and point: groups 1-4 are the article's number, Absatz, Nummer, Buchstabe
DE_ART = rf"{DE_AW}\s+([0-9]+[a-z]*)(?:\s+Absatz\s+(\d+))?(?:\s+(?:Nummer\s+(\d+)|Buchstabe\s+([a-z]+)))?"
DE_REF = rf"(?:(?:{DE_CW})\s+(?:{DE_NUM}),\s*)*(?:{DE_ART}|(?:{DE_CW})\s+(?:{DE_NUM}))"
DE_POS = r"(?P<pos>nach|vor|am Anfang (?:des|der|von))"
DE_FORMS: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(pattern, re.I | re.S)) for name, pattern in [
    ("replace", rf"^(?P<ref>{DE_REF}) wird wie folgt gefasst:?{Q}$"),
    ("replace_text", rf"^in (?P<ref>{DE_REF}) werden die Wörter{Q}durch die Wörter{Q}ersetzt$"),
    ("insert_text", rf"^in (?P<ref>{DE_REF}) werden (?P<pos>nach|vor) den Wörtern{Q}die Wörter{Q}eingefügt$"),
    ("delete_text", rf"^in (?P<ref>{DE_REF}) werden die Wörter{Q}gestrichen$"),
    ("add_paragraph", rf"^in (?P<ref>{DE_REF}) wird folgender Absatz (?P<n>\d+) eingefügt:?{Q}$"),
    ("add_point", rf"^in (?P<ref>{DE_REF}) wird folgende Nummer (?P<n>\d+) eingefügt:?{Q}$"),
    ("heading", rf"^die Überschrift (?:des|der|von) (?P<ref>{DE_REF}) wird wie folgt gefasst:?{Q}$"),
    ("heading_delete", rf"^die Überschrift (?:des|der|von) (?P<ref>{DE_REF}) wird gestrichen$"),
    ("add_article", rf"^(?:{DE_POS} (?P<ref>{DE_REF}) |es )wird folgender (?:§|Artikel) (?P<n>[0-9]+[a-z]*)"
                    rf"(?:(?P<titled> mit der Überschrift{Q})| )eingefügt:?{Q}$"),
    ("add_container", rf"^(?:{DE_POS} (?P<ref>{DE_REF}) |es )wird folgende[rs] (?P<kw>{DE_CW}) "
                      rf"(?P<n>{DE_NUM}) eingefügt:?{Q}$"),
    ("move", rf"^(?P<ref>{DE_REF}) wird (?P<pos>nach|vor|an den Anfang (?:des|der|von)) (?P<ref2>{DE_REF}) verschoben$"),
    ("renumber_range", r"^die bisherigen (?P<w>§§|Artikel) (?P<a>\d+) bis (?P<b>\d+) werden die (?:§§|Artikel) "
                       r"(?P<c>\d+) bis (?P<d>\d+)$"),
    ("renumber", rf"^(?:der bisherige |das bisherige )?(?P<ref>{DE_REF}) wird (?P<kw>§|Artikel|{DE_CW}) (?P<n>{DE_NUM})$"),
    ("delete", rf"^(?P<ref>{DE_REF}) wird aufgehoben$"),
    ("renumber_all", r"^die Nummerierung (?P<what>.*) wird entsprechend angepasst$"),
    ("note", r"^(?=.*\b(?:tritt|treten)\b)(?=.*\bin Kraft\b).*$"),  # lookaheads: linear on a long clause
]]


def de_ref(text: str) -> Loc:
    """The place a German reference names, in the base's numbering."""
    containers = [(de_kind(m.group(1)), en_number(m.group(2)))
                  for m in re.finditer(rf"\b({DE_CW})\s+({DE_NUM})\b", text)]
    art = re.search(DE_ART, text)
    if not art:
        return Loc(tuple(containers))
    point = int(art.group(3)) if art.group(3) else ord(art.group(4)[0]) - ord("a") + 1 if art.group(4) else 0
    return Loc(tuple(containers), en_article_number(art.group(1)), int(art.group(2) or 0), point)


def de_clauses(template: str, quotes: list[list[str]]) -> list[Op]:
    """The instructions of one German item (its quotations replaced by QMARK in `template`)."""
    return latin_clauses(template, quotes, DE_FORMS, _de_op, low=True)


def _position(words: str) -> str:
    """nach -> after, vor -> before, am/an den Anfang … -> in (the start of a container)."""
    if not words:
        return ""
    words = words.lower()
    return "after" if words == "nach" else "before" if words == "vor" else "in"


def _kind(word: str) -> str:
    return "article" if word in ("§", "Artikel") else de_kind(word)


def _renumbered(what: str) -> tuple[bool, bool]:
    return "Vorschriften" in what, "Gliederung" in what


DE_WORDS = LatinWords(de_ref, _position, _kind, _renumbered, old_first=True)


def _de_op(name: str, m: re.Match[str], quotes: list[list[str]], printed: str) -> list[Op]:
    return latin_op(DE_WORDS, name, m, quotes, printed)
