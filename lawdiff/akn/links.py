"""Cross-references inside a law's text: which `第X条第Y款`, `§ 5 Abs. 2` or `Article 6(1)` point
into the document itself.

A Chinese reference is linked only when it is about this document: bare (`依照第十二条`),
explicit (`本条例第十二条`, `本法第三条`), or relative (`前款`, `本条第二款`).  One
qualified by another law's title (`《中华人民共和国公司法》第十条`, `刑法第十条`) is left
alone, and so is one whose target does not exist.  German and EU citations are read by
lawdiff.text.references (which leaves out those of other acts, `§ 22 des Handelsgesetzbuchs`);
one is linked to the deepest element it names that exists (`§ 4 Satz 2` to § 4: a sentence has no
element), when its article exists.
"""

from __future__ import annotations

import re

from lawdiff.akn.eids import provision_eid
from lawdiff.text import numbers
from lawdiff.text.numerals import NUMERAL_CHARS, zh_to_int
from lawdiff.text.references import AMENDING, latin_references, whole_lists

N = f"[{NUMERAL_CHARS}]+"
SELF_WORDS = "本法|本条例|本规定|本办法|本细则|本决定|本规则|本准则|本章程"

ARTICLE_REF = re.compile(
    rf"(?:(?P<self>{SELF_WORDS}))?第(?P<art>{N})条(?:之(?P<sub>{N}))?"
    rf"(?:第(?P<para>{N})款)?(?:第(?P<point>{N})项)?"
)
RELATIVE_REF = re.compile(rf"(?:本条第(?P<para>{N})款(?:第(?P<point>{N})项)?)|(?P<prev>前款)")
# Text right before a reference that names another law: 》 or a law's name ending in 法/条例…,
# a code (民法典), a treaty, convention or agreement (专利合作条约, 公约, 协定).
FOREIGN_BEFORE = re.compile(r"(》|[^本]法|法典|条例|规定|办法|细则|决定|修正案|条约|公约|协定)$")


def _n(text: str | None) -> int:
    return zh_to_int(text or "") or 0


# What joins the members of one list of citations: `刑法第七条、第十条`, `第二十八条和第四十二条`,
# `第一百条至第一百零五条`, `第二十六条第三款、第四款、第三十一条` (paragraphs between).
LIST_JOIN = re.compile(rf"(?:、|和|或者|或|及|以及|与|至|到|第{N}[款项目])+")


def own_zh_citations(text: str) -> list[re.Match[str]]:
    """The `第X条` citations in `text` of the law itself: bare or `本法第X条`, not one qualified by
    another law's name (`《中华人民共和国公司法》第十条`, `刑法第十条`), nor a later member of such a
    citation's list (`专利法第二十八条和第四十二条`, `民事诉讼法第一百条至第一百零五条`: 第四十二条
    and 第一百零五条 are the other law's too)."""
    out: list[re.Match[str]] = []
    previous_end, previous_foreign = -1, False
    for match in ARTICLE_REF.finditer(text):
        if match.group("self"):
            foreign = False
        elif previous_end >= 0 and LIST_JOIN.fullmatch(text, previous_end, match.start()):
            foreign = previous_foreign
        else:
            foreign = FOREIGN_BEFORE.search(text[max(0, match.start() - 8):match.start()]) is not None
        previous_end, previous_foreign = match.end(), foreign
        if not foreign:
            out.append(match)
    return out


def find(text: str, article_number: str, para_index: int, targets: set[str],
         amending: bool = False) -> list[tuple[int, int, str]]:
    """Spans (start, end, href) of references to this document inside `text`; `amending`: the text is
    in an article that amends another act (amends_another_act), whose German or EU citations are of
    that act."""
    spans: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for match in own_zh_citations(text):
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
    if not amending:
        named = {ref: _deepest(ref.article or article_number, ref.paragraph, ref.point, targets)
                 for ref in latin_references(text)}
        for ref in whole_lists(list(named), lambda ref: bool(named[ref])):
            if not any(s < ref.end and ref.start < e for s, e in taken):
                spans.append((ref.start, ref.end, "#" + named[ref]))
    spans.sort()
    return spans


def _deepest(article: str, paragraph: str, point: str, targets: set[str]) -> str:
    """The eId of what a citation names: its point, else its paragraph (an EU point inside a
    subparagraph has a longer eId), else its article; "" when the article, or a paragraph it names,
    does not exist (a citation of § 5 Abs. 7 in a law whose § 5 has four is not of this law)."""
    eid = provision_eid(article, paragraph)
    if not article or eid not in targets:
        return ""
    if not point:
        return eid
    # a point named without its paragraph is in the article's first one, numbered or not
    inner = [provision_eid(article, paragraph, point)]
    if not paragraph:
        inner.append(f"{eid}__para_nn1__point_{point}")
    return next((e for e in inner if e in targets), eid)


def amends_another_act(article_text: str) -> bool:
    """True for an article that amends another act (`… is amended as follows:`, `… wird wie folgt
    geändert:`): its citations name that act's provisions."""
    return AMENDING.search(article_text) is not None
