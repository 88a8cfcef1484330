"""The clause grammar of English-style amending acts.

As in `lawdiff.amend.grammar_zh`: the item's text arrives with every quotation replaced
by QMARK; each clause (split on ";" outside quotations) must match one form exactly
("Article 12(1) is replaced by the following:", "In Article 3, the words … are
deleted"), or the item is "not understood".  Places are read in the base document's
numbering; container numbers may be Roman (Chapter IV).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from lawdiff.amend.instrument import Loc, Op
from lawdiff.amend.quoting import QMARK, as_printed, inline, split_clauses
from lawdiff.errors import LawdiffError
from lawdiff.text.markers import EN_KIND_WORD_PATTERN
from lawdiff.text.numerals import roman_to_int

Q = QMARK
EN_CW = EN_KIND_WORD_PATTERN
EN_NUM = r"[0-9]+[a-z]*|[IVXLCDM]+"
EN_REF = rf"(?:(?:{EN_CW})\s+(?:{EN_NUM})(?:,\s*|\s+))*(?:Article\s+[0-9]+[a-z]*(?:\(\d+\))?(?:\([a-z]+\))?|(?:{EN_CW})\s+(?:{EN_NUM}))"
EN_FORMS: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(pattern, re.I | re.S)) for name, pattern in [
    ("replace", rf"^(?P<ref>{EN_REF}) is replaced by the following:?{Q}$"),
    ("replace_text", rf"^in (?P<ref>{EN_REF}), the words{Q}are replaced by{Q}$"),
    ("insert_text", rf"^in (?P<ref>{EN_REF}), the words{Q}are inserted (?P<pos>after|before){Q}$"),
    ("delete_text", rf"^in (?P<ref>{EN_REF}), the words{Q}are deleted$"),
    ("add_paragraph", rf"^in (?P<ref>{EN_REF}), the following paragraph is inserted as paragraph (?P<n>\d+):?{Q}$"),
    ("add_point", rf"^in (?P<ref>{EN_REF}), the following point is inserted as point (?P<n>\d+):?{Q}$"),
    ("heading", rf"^the heading of (?P<ref>{EN_REF}) is replaced by{Q}$"),
    ("heading_delete", rf"^the heading of (?P<ref>{EN_REF}) is deleted$"),
    ("add_article", rf"^the following Article is inserted(?: (?P<pos>after|before|at the beginning of) (?P<ref>{EN_REF}))?, as Article (?P<n>[0-9]+[a-z]*)(?P<titled>, with the heading{Q})?:?{Q}$"),
    ("add_container", rf"^the following (?P<kw>{EN_CW}) is inserted(?: (?P<pos>after|before|at the beginning of) (?P<ref>{EN_REF}))?, as (?P=kw) (?P<n>{EN_NUM}):?{Q}$"),
    ("move", rf"^(?P<ref>{EN_REF}) is moved (?P<pos>after|before|to the beginning of) (?P<ref2>{EN_REF})$"),
    ("renumber_range", r"^Articles (?P<a>\d+) to (?P<b>\d+) become Articles (?P<c>\d+) to (?P<d>\d+)$"),
    ("renumber", rf"^(?P<ref>{EN_REF}) becomes (?P<kw>Article|{EN_CW}) (?P<n>{EN_NUM})$"),
    ("delete_heading", rf"^the heading of (?P<ref>{EN_REF}) is deleted$"),
    ("delete", rf"^(?P<ref>{EN_REF}) is deleted$"),
    ("renumber_all", r"^(?P<what>.*) (?:is|are) renumbered accordingly$"),
    ("note", r"^.*(?:enters? into force|shall apply|is repealed).*$"),
]]

def en_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    value = roman_to_int(text)
    if value is None:
        raise LawdiffError(f"not a number: {text!r}")
    return value


def en_ref(text: str) -> Loc:
    containers: list[tuple[str, int]] = []
    for match in re.finditer(rf"\b({EN_CW})\s+({EN_NUM})", text, re.I):
        containers.append((match.group(1).lower(), en_number(match.group(2))))
    art = re.search(r"Article\s+([0-9]+[a-z]*)(?:\((\d+)\))?(?:\(([a-z]+)\))?", text, re.I)
    if not art:
        return Loc(tuple(containers))
    point = 0
    if art.group(3):
        letters = art.group(3).lower()
        point = (ord(letters[0]) - ord("a") + 1) if len(letters) == 1 else (roman_to_int(letters) or 0)
    return Loc(tuple(containers), en_article_number(art.group(1)), int(art.group(2) or 0), point)


def en_article_number(text: str) -> str:
    """As printed ("12", "12a"); `lawdiff.amend.apply` maps "12a" to a Chinese base's "12-1"."""
    return text.lower()


def en_clauses(template: str, quotes: list[list[str]]) -> list[Op]:
    """The instructions of one English-style item (its quotations replaced by QMARK in `template`)."""
    return latin_clauses(template, quotes, EN_FORMS, _en_op)


OpMaker = Callable[[str, "re.Match[str]", list[list[str]], str], list[Op]]


def latin_clauses(template: str, quotes: list[list[str]], forms: list[tuple[str, re.Pattern[str]]],
                  make_ops: OpMaker, low: bool = False) -> list[Op]:
    """The instructions of one item of an English or German instrument: each clause (cut at ";"
    outside quotations) matched against `forms` in order, `make_ops` turning the first match
    into instructions; a clause no form matches makes the item "not understood".  `low`: the
    quotations are German („…“), for the clause as printed in messages."""
    ops: list[Op] = []
    for clause, clause_quotes in split_clauses(template, quotes, ";"):
        # Spaces and line breaks around quotations do not matter: the forms have none.
        text = re.sub(r"\s+", " ", clause).strip().rstrip(".").strip()
        text = re.sub(rf"\s*{Q}\s*", Q, text)
        if not text:
            continue
        printed = as_printed(text, clause_quotes, low=low)
        for name, pattern in forms:
            match = pattern.match(text)
            if match:
                ops.extend(make_ops(name, match, clause_quotes, printed))
                break
        else:
            raise LawdiffError(f"not understood: '{printed[:60]}'")
    if not ops:
        raise LawdiffError("the item is empty")
    return ops


@dataclass(frozen=True)
class LatinWords:
    """What an English or German grammar reads its own way; `latin_op` does the rest."""

    ref: Callable[[str], Loc]  # a place as written -> Loc
    position: Callable[[str], str]  # "after" / "before" / "in" (the start of a container) from its words
    kind: Callable[[str], str]  # a container word -> its kind ("article" for an article word)
    renumbered: Callable[[str], tuple[bool, bool]]  # what "… renumbered accordingly" names: (articles, containers)
    old_first: bool = False  # an insertion names the words it goes next to before the words inserted


def latin_op(words: LatinWords, name: str, m: re.Match[str], quotes: list[list[str]], printed: str) -> list[Op]:
    """The instructions a clause of the form `name` gives (the forms' named groups: ref, ref2, pos,
    n, kw, titled, what, a-d)."""
    g = m.groupdict()
    position = words.position(g.get("pos") or "")
    if name == "replace":
        return [Op("replace", words.ref(g["ref"]), lines=quotes[0], text=printed)]
    if name == "replace_text":
        return [Op("replace_text", words.ref(g["ref"]), old=inline(quotes[0]), new=inline(quotes[1]), text=printed)]
    if name == "insert_text":
        old, new = (quotes[0], quotes[1]) if words.old_first else (quotes[1], quotes[0])
        return [Op("insert_text", words.ref(g["ref"]), new=inline(new), old=inline(old), position=position,
                   text=printed)]
    if name == "delete_text":
        return [Op("delete_text", words.ref(g["ref"]), old=inline(quotes[0]), text=printed)]
    if name == "add_paragraph":
        return [Op("add_paragraph", words.ref(g["ref"]).article_only(), lines=quotes[0], number=g["n"],
                   text=printed)]
    if name == "add_point":
        loc = words.ref(g["ref"])
        return [Op("add_point", Loc(article=loc.article, paragraph=loc.paragraph), lines=quotes[0],
                   number=g["n"], text=printed)]
    if name in ("heading", "heading_delete", "delete_heading"):
        loc = words.ref(g["ref"])
        if loc.is_container:
            if name == "heading":
                return [Op("rename", loc, new=inline(quotes[0]), text=printed)]
            return [Op("delete_heading", loc, text=printed)]
        return [Op("heading", loc.article_only(), new=inline(quotes[0]) if quotes else "", text=printed)]
    if name == "add_article":
        anchor = words.ref(g["ref"]) if g.get("ref") else Loc()
        return [Op("add_article", anchor=anchor, lines=quotes[-1], number=en_article_number(g["n"]),
                   new=inline(quotes[0]) if g.get("titled") else "", position=position, text=printed)]
    if name == "add_container":
        anchor = words.ref(g["ref"]) if g.get("ref") else Loc()
        return [Op("add_container", anchor=anchor, new=inline(quotes[0]), number=str(en_number(g["n"])),
                   ckind=words.kind(g["kw"]), position=position, text=printed)]
    if name == "move":
        return [Op("move", words.ref(g["ref"]).article_only(), anchor=words.ref(g["ref2"]), position=position,
                   text=printed)]
    if name == "renumber_range":
        a, b, c, d = (int(g[k]) for k in "abcd")
        if b - a != d - c or b < a:
            raise LawdiffError(f"'{printed}': the two ranges differ in length")
        return [Op("renumber", Loc(article=str(a + k)), number=str(c + k), text=printed) for k in range(b - a + 1)]
    if name == "renumber":
        loc = words.ref(g["ref"])
        kind = words.kind(g["kw"])
        if kind == "article":
            return [Op("renumber", loc.article_only(), number=en_article_number(g["n"]), text=printed)]
        return [Op("renumber", loc, number=str(en_number(g["n"])), ckind=kind, text=printed)]
    if name == "delete":
        return [Op("delete", words.ref(g["ref"]), text=printed)]
    if name == "renumber_all":
        articles, containers = words.renumbered(g["what"])
        return [Op("renumber_all", articles=articles, containers=containers, text=printed)]
    return [Op("note", text=printed)]


def _en_position(words: str) -> str:
    return {"after": "after", "before": "before", "at the beginning of": "in",
            "to the beginning of": "in"}.get(words.lower(), "")


def _en_renumbered(what: str) -> tuple[bool, bool]:
    what = what.lower()
    return "article" in what, any(w in what for w in ("chapter", "section", "part", "book", "title"))


EN_WORDS = LatinWords(en_ref, _en_position, str.lower, _en_renumbered)


def _en_op(name: str, m: re.Match[str], quotes: list[list[str]], printed: str) -> list[Op]:
    return latin_op(EN_WORDS, name, m, quotes, printed)
