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
import re
from functools import lru_cache
from pathlib import Path

from lawdiff.text.scripts import HAN, HAN_RE
from lawdiff.text.segmenter import LazyTokenizer

LEGAL_TERMS = Path(__file__).with_name("legal_terms.txt")

# A Han run (what jieba segments), a run of other letters or digits, a whitespace run, one character.
_RUN = re.compile(rf"([{HAN}]+)|[^\W_{HAN}]+|\s+|.", re.S)


@lru_cache(maxsize=1)
def _tokenizer() -> LazyTokenizer:
    """jieba with lawdiff's terms added, its dictionary loaded as runs need it (segmenter.py)."""
    return LazyTokenizer(legal_terms())


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
    return tuple(_tokenizer().cut(run))


def segment(text: str) -> list[str]:
    """The words of `text`, in order; joined they give `text` back exactly."""
    return segment_pieces(pieces(text))


def pieces(text: str) -> list[str]:
    """`text` cut where a word always ends whatever the words around: a Han run (its words are
    jieba's cut of the run alone), a Latin word, a whitespace run, any other character.  Joined
    they give `text` back; a piece is cut into words by `segment_pieces`, and costs nothing
    before that."""
    return [match.group(0) for match in _RUN.finditer(text)]


def segment_pieces(parts: list[str]) -> list[str]:
    """The words of these pieces (`pieces`), in order: a Han run cut by jieba, any other piece
    a word of its own."""
    out: list[str] = []
    for piece in parts:
        if HAN_RE.match(piece):  # a piece that starts with a Han character is a Han run
            out.extend(_cut_han(piece))
        else:
            out.append(piece)
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


def quoted_whole(text: str, quote: str) -> bool:
    """Whether `quote` occurs in `text` at least once starting and ending on word boundaries
    (what an amendment's quotation and a redline's edit must do)."""
    cuts = set(boundaries(text))
    start = text.find(quote)
    while start >= 0:
        if start in cuts and start + len(quote) in cuts:
            return True
        start = text.find(quote, start + 1)
    return False


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
