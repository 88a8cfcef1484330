"""Printed marker numbers -> the Arabic numbers eIds carry, and their order.

`Article IV` -> "4", `§ 12 A` -> "12a", `Zweiter Teil` -> "2": what a parser or an XML
reader stores as a node's `number` (the printed `num` is kept beside it).
"""

from __future__ import annotations

import re

from lawdiff.text.numerals import ORDINALS, roman_to_int
from lawdiff.text.scripts import HAN_RE


def eid_number(printed: str) -> str:
    """An eId-safe Arabic number: "IV" -> "4", "IVa"/"IV a" -> "4a", "12A" -> "12a", "Zweiter" -> "2"."""
    text = re.sub(r"[\s.]", "", printed)
    match = re.match(r"^(\d+)([A-Za-z]{0,2})$", text)
    if match:
        return match.group(1) + match.group(2).lower()
    if text.lower() in ORDINALS:
        return str(ORDINALS[text.lower()])
    match = re.match(r"^([IVXLCDM]+)([A-Za-z]?)$", text)
    if match:
        for cut in (len(match.group(1)), len(match.group(1)) - 1):
            head, tail = text[:cut], text[cut:]
            value = roman_to_int(head)
            if value and re.match(r"^[A-Za-z]?$", tail):
                return f"{value}{tail.lower()}"
    return re.sub(r"[^0-9A-Za-z]", "", text).lower()


def number_sort_key(number: str) -> tuple[int, str]:
    """Order of eId numbers: "4" < "4a" < "5"; a number without leading digits sorts first (-1)."""
    match = re.match(r"^(\d+)(.*)$", number)
    return (int(match.group(1)), match.group(2)) if match else (-1, number)


def article_number(main: int, sub: int = 0) -> str:
    """The number of 第X条 ("12"), or of the article inserted after it, 第X条之Y ("12-1")."""
    return f"{main}-{sub}" if sub else str(main)


def join_printed(printed: list[str]) -> str:
    """`第六条、第七条`, `Article 6, Article 7`: printed numbers joined with the list separator of
    their own script."""
    return ("、" if any(HAN_RE.search(p) for p in printed) else ", ").join(printed)
