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
import hashlib
import json
import logging
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from lawdiff.text.scripts import HAN

LEGAL_TERMS = Path(__file__).with_name("legal_terms.txt")

# A Han run (what jieba segments), a run of other letters or digits, a whitespace run, one character.
_RUN = re.compile(rf"([{HAN}]+)|[^\W_{HAN}]+|\s+|.", re.S)


class _LazyTokenizer:
    """jieba's segmenter, its dictionary loaded one first character at a time.

    jieba builds its prefix dictionary (350,000 words, 500,000 entries) before the first cut:
    0.65 s of CPU and 75 MB (measured), more than twice what a whole diff of the Civil Code
    costs without it.  jieba only ever looks up substrings of the sentence it cuts, and every entry
    about words starting with a character comes from the dictionary lines of that character,
    so loading those entries when a text first holds the character gives the very same cuts
    (tests/test_words.py compares with jieba loaded whole).  The route scores need the total
    frequency of the whole dictionary, which is counted once.
    """

    def __init__(self) -> None:
        # Imported here, not at the top: `import jieba` alone takes ~0.1 s (measured), which
        # commands that never segment Chinese (log, show, import) must not pay.
        import jieba

        jieba.setLogLevel(logging.WARNING)  # jieba logs dictionary loading to stderr otherwise
        entries, total = _dictionary_entries(Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME))
        self.entries = entries
        self.terms: dict[str, list[tuple[str, int]]] = {}
        for term, freq in legal_terms():
            self.terms.setdefault(term[0], []).append((term, freq))
        self.jieba = jieba.Tokenizer()
        self.jieba.FREQ = {}
        # as if jieba had loaded its dictionary, then lawdiff's terms with `add_word`
        self.jieba.total = total + sum(freq for _term, freq in legal_terms())
        self.jieba.initialized = True
        self.loaded: set[str] = set()

    def cut(self, run: str) -> list[str]:
        for char in set(run) - self.loaded:
            self._load(char)
        return list(self.jieba.cut(run, HMM=False))

    def _load(self, char: str) -> None:
        freq_of = self.jieba.FREQ
        block = self.entries.get(char)
        if block:
            freq_of.update(json.loads(block))  # jieba's gen_pfdict for this character
        for term, freq in self.terms.get(char, []):  # then add_word for lawdiff's terms
            freq_of[term] = freq
            for end in range(1, len(term)):
                freq_of.setdefault(term[:end], 0)
        self.loaded.add(char)


def _dictionary_entries(path: Path) -> tuple[dict[str, str], int]:
    """jieba's prefix dictionary by first character, {char: JSON of {entry: frequency}}, and the
    total of all frequencies: what jieba's gen_pfdict makes of the file (words with their
    frequency, each word's prefixes with 0 unless a word), cut by first character.

    Building it takes ~0.5 s; the result is kept as JSON (safe to read, unlike a pickle in a
    shared directory) beside jieba's own cache, keyed by the file's size and time.  Each
    character's entries stay a JSON string until a text needs them.
    """
    stat = path.stat()
    key = hashlib.sha256(f"{path}|{stat.st_size}|{stat.st_mtime_ns}|2".encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"lawdiff-jieba-{key}.json"
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        return data["entries"], data["total"]
    except (OSError, ValueError, KeyError):
        pass
    groups: dict[str, dict[str, int]] = {}
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        word, freq_text = line.split(" ")[:2]
        freq = int(freq_text)
        total += freq
        group = groups.setdefault(word[0], {})
        group[word] = freq
        for end in range(1, len(word)):
            group.setdefault(word[:end], 0)
    entries = {char: json.dumps(group, ensure_ascii=False, separators=(",", ":")) for char, group in groups.items()}
    try:  # written whole or not at all: a concurrent reader never sees half a file
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache.parent, delete=False,
                                         prefix=cache.name, suffix=".tmp") as handle:
            json.dump({"entries": entries, "total": total}, handle, ensure_ascii=False)
        os.replace(handle.name, cache)
    except OSError:
        pass  # no cache: the next process builds it again
    return entries, total


@lru_cache(maxsize=1)
def _tokenizer() -> _LazyTokenizer:
    return _LazyTokenizer()


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
