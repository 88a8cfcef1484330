"""Full dates printed in a text, as ISO `YYYY-MM-DD`.

Chinese `2022年8月30日`; English and German `2024-06-13`, `13.6.2024`, `13 June 2024`,
`June 13, 2024`, `13. Juni 2024`.  Parsers use them to date a version the caller did not date.
"""

from __future__ import annotations

import datetime
import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_PATTERNS = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b"), ("d", "m", "y")),
    (re.compile(rf"\b(\d{{1,2}})\.?\s+({_MONTH})\s+(\d{{4}})\b", re.I), ("d", "M", "y")),
    (re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),\s+(\d{{4}})\b", re.I), ("M", "d", "y")),
]
ZH_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def find_dates(text: str) -> list[str]:
    """Full dates printed in `text` as YYYY-MM-DD: 2024-06-13, 13.6.2024, 13 June 2024, June 13, 2024."""
    out: list[str] = []
    for pattern, order in DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups()))
            month = MONTHS[parts["M"].lower()] if "M" in parts else int(parts["m"])
            try:
                out.append(datetime.date(int(parts["y"]), month, int(parts["d"])).isoformat())
            except ValueError:
                continue
    return out


def find_zh_dates(text: str) -> list[str]:
    """`2022年8月30日` forms in `text` as YYYY-MM-DD, in order; not checked to be real days."""
    return [f"{int(y):04d}-{int(m):02d}-{int(d):02d}" for y, m, d in ZH_DATE.findall(text)]


def is_real_date(date: str) -> bool:
    """`date` is YYYY-MM-DD and names a day that exists."""
    if not ISO_DATE.match(date):
        return False
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        return False
    return True
