"""Word boundaries: a Chinese run is cut into words by jieba, a Latin run into words by letters.

A redline or an amendment that cuts through a word (`临时股东[-大-]会{+会议+}`, 将“其关”修改为“关”)
has to be rewritten by hand, so every edit lawdiff shows or writes starts and ends on a word
boundary.  Chinese has no spaces; jieba finds the words, with its hidden Markov model off
(`HMM=False`: no guessed new words, so the same text always gets the same cut) and with
lawdiff's legal-terms dictionary (`legal_terms.txt`, written by `scripts/build_legal_terms.py`
from the bundled laws' headings and defined terms), because jieba alone cuts 股东大会决议 into
股东 / 大会决议.

Latin words, digits, whitespace runs and punctuation are cut by a regular expression: jieba
would split `Gründer` at the umlaut.
"""

from __future__ import annotations

import bisect
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import jieba

LEGAL_TERMS = Path(__file__).with_name("legal_terms.txt")

# Han ideographs (with the compatibility block and extension A): what jieba segments.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"([{HAN}]+)|[^\W_{HAN}]+|\s+|.", re.S)


@lru_cache(maxsize=1)
def _tokenizer() -> "jieba.Tokenizer":
    # Imported here, not at the top: building jieba's prefix dictionary takes ~0.65 s
    # (measured), which commands that never segment Chinese (log, show, import) must not pay.
    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading to stderr otherwise
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for term, freq in legal_terms():
        tokenizer.add_word(term, freq)
    return tokenizer


@lru_cache(maxsize=1)
def legal_terms() -> tuple[tuple[str, int], ...]:
    """The committed dictionary: `term frequency` a line; lines starting with # are comments."""
    out: list[tuple[str, int]] = []
    for line in LEGAL_TERMS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            term, freq = line.split()
            out.append((term, int(freq)))
    return tuple(out)


@lru_cache(maxsize=4096)
def _cut_han(run: str) -> tuple[str, ...]:
    return tuple(_tokenizer().cut(run, HMM=False))


def segment(text: str) -> list[str]:
    """The words of `text`, in order; joined they give `text` back exactly."""
    out: list[str] = []
    for match in _RUN.finditer(text):
        if match.group(1):
            out.extend(_cut_han(match.group(1)))
        else:
            out.append(match.group(0))
    return out


def boundaries(text: str) -> list[int]:
    """Offsets where a word starts or ends, 0 and len(text) included, ascending."""
    cuts = [0]
    for word in segment(text):
        cuts.append(cuts[-1] + len(word))
    return cuts


def is_boundary(text: str, offset: int, cuts: list[int] | None = None) -> bool:
    cuts = boundaries(text) if cuts is None else cuts
    k = bisect.bisect_left(cuts, offset)
    return k < len(cuts) and cuts[k] == offset


def snap(text: str, start: int, end: int, cuts: list[int] | None = None) -> tuple[int, int]:
    """[start, end) widened to the nearest word boundaries outside it."""
    cuts = boundaries(text) if cuts is None else cuts
    s = cuts[max(bisect.bisect_right(cuts, start) - 1, 0)]
    k = bisect.bisect_left(cuts, end)
    e = cuts[k] if k < len(cuts) else len(text)
    return s, e


def crossing_word(left: str, right: str, reach: int = 4) -> str:
    """The word that spans the seam of `left` + `right`, or "" when a word boundary falls there.

    Only the last and first `reach` characters are segmented: enough for any legal term cut
    by a line end, and it keeps a far-off word from changing the cut at the seam.
    """
    tail, head = left[-reach:], right[:reach]
    if not tail or not head:
        return ""
    pos = 0
    for word in segment(tail + head):
        if pos < len(tail) < pos + len(word):
            return word
        pos += len(word)
    return ""
