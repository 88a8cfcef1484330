"""Which article a person means: the one article lookup, for `show --article` and `diff --article`.

In: a reference as typed (`134-1`, `134`, `第一百三十四条之一`, `134之1`, the eId `art_134-1`, or
the number as printed, `Article 5a`) and an article's printed num, Arabic number and eId.
Out: whether they name the same article, or the article of a document so named.
It lives with the eId writer because an eId is one of the accepted spellings.
"""

from __future__ import annotations

import re

from lawdiff.akn.eids import assign_eids
from lawdiff.errors import LawdiffError
from lawdiff.model import EID_PREFIX, Document, Node
from lawdiff.text.numbers import article_number
from lawdiff.text.numerals import zh_to_int

_EID_ARTICLE = EID_PREFIX["article"] + "_"
_INSERTED = re.compile(r"[之\-]")  # 第X条之Y, X之Y, X-Y: the Y-th article inserted after X


def reference_number(wanted: str) -> str:
    """The Arabic number (`134-1`) a reference names, or the reference itself, trimmed, when it
    is not a numeral (a Latin number such as `5a` is compared as it is)."""
    key = wanted.strip()
    inner = key.removeprefix(_EID_ARTICLE).removeprefix("第").removesuffix("条")
    main, *inserted = _INSERTED.split(inner, maxsplit=1)
    value = zh_to_int(main.removesuffix("条"))
    sub_value = zh_to_int(inserted[0]) if inserted else None
    if value is None or (inserted and sub_value is None):
        return inner
    return article_number(value, sub_value or 0)


def names_article(wanted: str, num: str, number: str, eid: str) -> bool:
    """Whether `wanted` names the article printed `num`, numbered `number`, with eId `eid`."""
    key = wanted.strip()
    if not key:
        return False
    if key in (num, number, eid) or key == num.replace(" ", ""):
        return True
    return bool(number) and reference_number(key) == number


def find_article(doc: Document, wanted: str) -> Node:
    """The article of `doc` that `wanted` names (the first, if a faulty text repeats a number)."""
    article_eids = assign_eids(doc)
    for art in doc.articles():
        if names_article(wanted, art.num, art.number, article_eids[id(art)]):
            return art
    raise LawdiffError(f"no article {wanted!r} in this version")
