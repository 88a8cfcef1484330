"""Cross-references inside a law's text: which `第X条第Y款` point into the document itself.

A reference is linked only when it is about this document: bare (`依照第十二条`),
explicit (`本条例第十二条`, `本法第三条`), or relative (`前款`, `本条第二款`).  One
qualified by another law's title (`《中华人民共和国公司法》第十条`, `刑法第十条`) is left
alone, and so is one whose target does not exist.
"""

from __future__ import annotations

import re

from lawdiff.akn.eids import provision_eid
from lawdiff.text import numbers
from lawdiff.text.numerals import NUMERAL_CHARS, zh_to_int

N = f"[{NUMERAL_CHARS}]+"
SELF_WORDS = "本法|本条例|本规定|本办法|本细则|本决定|本规则|本准则|本章程"

ARTICLE_REF = re.compile(
    rf"(?:(?P<self>{SELF_WORDS}))?第(?P<art>{N})条(?:之(?P<sub>{N}))?"
    rf"(?:第(?P<para>{N})款)?(?:第(?P<point>{N})项)?"
)
RELATIVE_REF = re.compile(rf"(?:本条第(?P<para>{N})款(?:第(?P<point>{N})项)?)|(?P<prev>前款)")
# Text right before a reference that names another law: 》 or a law's name ending in 法/条例….
FOREIGN_BEFORE = re.compile(r"(》|[^本]法|条例|规定|办法|细则|决定|修正案)$")


def _n(text: str | None) -> int:
    return zh_to_int(text or "") or 0


def find(text: str, article_number: str, para_index: int, targets: set[str]) -> list[tuple[int, int, str]]:
    """Spans (start, end, href) of references to this document inside `text`."""
    spans: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for match in ARTICLE_REF.finditer(text):
        if not match.group("self") and FOREIGN_BEFORE.search(text[max(0, match.start() - 8):match.start()]):
            continue
        article = numbers.article_number(_n(match.group("art")), _n(match.group("sub")))
        eid = provision_eid(article, _n(match.group("para")), _n(match.group("point")))
        if eid in targets:
            spans.append((match.start(), match.end(), "#" + eid))
            taken.append((match.start(), match.end()))
    if article_number:
        for match in RELATIVE_REF.finditer(text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            if match.group("prev"):
                if para_index <= 1:
                    continue
                eid = provision_eid(article_number, para_index - 1)
            else:
                eid = provision_eid(article_number, _n(match.group("para")), _n(match.group("point")))
            if eid in targets:
                spans.append((match.start(), match.end(), "#" + eid))
    spans.sort()
    return spans
