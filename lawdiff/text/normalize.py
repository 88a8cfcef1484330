"""Typographic normalisation and features for *matching* only; stored text never changes.

Two versions of a law often differ in ways no lawyer calls an amendment: full- or
half-width characters (`，`/`,`, `（`/`(`, `０`/`0`), `：`/`︰`/`:`, `〇`/`○`/`０` in years,
spacing (including U+3000 and zero-width spaces), curly or corner quotes, and a handful of
character variants (`臺`/`台`).  `normalize` maps all of them to one form, so that
"formatting only" can be told from a real change.

`mask_references` goes one step further for alignment: when articles are renumbered,
the references inside other articles change with them (`依照第五十条` -> `依照第五十三条`);
masking the numbers keeps such articles recognisable as the same article.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from functools import lru_cache

from lawdiff.text.numbers import article_number
from lawdiff.text.numerals import ZH_NUMBER, zh_to_int
from lawdiff.text.scripts import CJK_LETTER_RE, is_wide

# Applied before NFKC.  NFKC turns `︰` (U+FE30) into "..", so colon look-alikes are mapped
# here.  The zero look-alikes used in Chinese years (二〇二〇 / 二○二○ / 二０二０) all become 〇:
# `○` here, a (full-width) digit zero between Chinese numerals after NFKC.
# Character variants are kept to a small table of pairs that are the same character
# written two ways (异体字), never simplified/traditional conversion.
_PRE_TABLE = str.maketrans({
    "︰": ":", "﹕": ":", "∶": ":",
    "○": "〇",
    "“": '"', "”": '"', "„": '"', "「": '"', "」": '"', "『": "'", "』": "'",
    "‘": "'", "’": "'", "＂": '"', "＇": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "−": "-",
    "臺": "台", "峯": "峰", "綫": "線", "裏": "裡", "衆": "眾", "爲": "為", "啓": "啟", "眞": "真",
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\u00ad": None,
})

# A whitespace run next to a CJK character or CJK punctuation carries no meaning (Chinese
# text has no word spaces; `第一章　总　　则` is `第一章总则`).  Elsewhere one space stays.
def _space(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    if (start and is_wide(text[start - 1])) or (end < len(text) and is_wide(text[end])):
        return ""
    return " "


_WRAP_SPACE = re.compile(r"(?<=\S)[^\S\n]+(?=\S)")


def _drop_between_letters(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    return "" if CJK_LETTER_RE.match(text[start - 1]) and CJK_LETTER_RE.match(text[end]) else match.group(0)


def display_text(text: str) -> str:
    """`text` as a reader sees it: spaces between two CJK letters (Han, kana) dropped.

    Chinese has no word spaces, so a space between two CJK letters is a line wrap of the
    source (OCR'd columns: `人工智能产 业`).  A space next to punctuation stays (`（一） 受理`,
    the separator after a printed number).  The stored text keeps it
    (nothing is lost); display, diff and search use this form, so `人工智能产业` is found and an
    unchanged word never shows as changed.  Spaces next to Latin letters or digits stay, and
    line breaks are not touched.
    """
    return _WRAP_SPACE.sub(_drop_between_letters, text)


def reading(text: str) -> str:
    """What a reader compares: `display_text`, any whitespace run as one space, ends trimmed.

    Two texts with equal readings differ in whitespace only, which is never an amendment
    (`总则` and `总 则` are one heading).
    """
    return _SPACES.sub(" ", display_text(text)).strip()


_SPACES = re.compile(r"\s+")
_ANY_SPACE = re.compile(r"\s")
_PRE_CHARS = re.compile("[" + re.escape("".join(chr(c) for c in _PRE_TABLE)) + "]")
_ASCII_ZERO_IN_ZH = re.compile(r"(?<=[一二三四五六七八九〇])0|0(?=[一二三四五六七八九〇])")


# The full-width punctuation of Chinese text (and the ideographic space), each with what NFKC
# makes of it: one ASCII character that is its whole compatibility decomposition, so replacing it
# first leaves NFKC's result as it was (NFKC composes from that same decomposition).  Most Chinese
# texts hold no other character NFKC changes, which `unicodedata.is_normalized` then tells at
# once: NFKC of every text a company-law revision's diff normalises took ~19 ms, the replacements
# and the check ~1.4 ms (measured); a text with anything else still goes through NFKC.
_WIDE_FORMS = tuple(
    (wide, narrow) for wide, narrow in ((ch, unicodedata.normalize("NFKC", ch)) for ch in "，；：（）！？　")
    if len(narrow) == 1 and narrow.isascii() and unicodedata.normalize("NFKD", wide) == narrow)


def nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, the common full-width punctuation replaced first."""
    for wide, narrow in _WIDE_FORMS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """One canonical spelling of `text`; equal results mean "differs only in formatting".

    Cached: a diff normalises most texts two or three times (alignment, redline, evidence):
    2,267 calls for 796 texts on the Civil Code pair (measured)."""
    if _PRE_CHARS.search(text):  # the searches are cheap; most texts need neither step
        text = text.translate(_PRE_TABLE)
    text = nfkc(text)
    if "0" in text:
        text = _ASCII_ZERO_IN_ZH.sub("〇", text)
    if _ANY_SPACE.search(text):
        text = _SPACES.sub(_space, text).strip()
    return text


# -- cross-references -------------------------------------------------------------------
# 第X条, 第X条之Y, with an optional 第X款 / 第X项 after it; also bare 第X款 / 第X项.
_ZH_REF = re.compile(rf"第\s*({ZH_NUMBER})\s*条(?:\s*之\s*({ZH_NUMBER}))?|第\s*{ZH_NUMBER}\s*[款项目]")
# Latin: "Article 12", "Art. 12a", "Section 5", "§ 3", "paragraph 2", "Artikel 4", "Absatz 2".
_LATIN_REF = re.compile(
    r"\b(articles?|art\.|sections?|sec\.|paragraphs?|para\.|artikel|absatz|abs\.|subsection)\s*"
    r"\(?\d+[a-z]?\)?|§+\s*\d+[a-z]?",
    re.IGNORECASE)
_LATIN_NUMBER = re.compile(r"\d+[a-z]?", re.IGNORECASE)
_ASCII_DIGIT = re.compile(r"[0-9]")


def mask_references(text: str) -> str:
    """`text` with the numbers of cross-references replaced by '#', for similarity only."""
    if "第" in text:
        text = _ZH_REF.sub(_mask_zh, text)
    if _ASCII_DIGIT.search(text):  # the Latin forms all end in a number
        text = _LATIN_REF.sub(_mask_latin, text)
    return text


def _mask_zh(match: re.Match[str]) -> str:
    found = match.group(0)
    return "第#条" if "条" in found else "第#" + found[-1]


def _mask_latin(match: re.Match[str]) -> str:
    return _LATIN_NUMBER.sub("#", match.group(0))


def article_references(text: str) -> list[str]:
    """Article numbers referred to in `text`, in order, in Arabic with 之Y as -Y ("50", "134-1").

    Only `第X条` forms: the references that change when articles are renumbered.
    """
    out: list[str] = []
    for match in _ZH_REF.finditer(text):
        if match.group(1) is None:
            continue
        main = zh_to_int(re.sub(r"\s", "", match.group(1)))
        sub = zh_to_int(re.sub(r"\s", "", match.group(2))) if match.group(2) else None
        if main is None:
            continue
        out.append(article_number(main, sub or 0))
    return out


# -- titles --------------------------------------------------------------------------------------
def title_key(title: str) -> str:
    """What a title says of the law it names, for telling whether two texts are versions of one
    law: normalised, without spacing, letter case or trailing bracketed notes, which name a
    version or an abbreviation, not the law (上海市促进人工智能产业发展条例(草案)(征求意见稿),
    Gesetz betreffend ... (GmbHG)); "" for no title."""
    key = normalize(title).strip()  # （ -> (
    # One pass from the end, by index: a regular expression that may start at every blank of a
    # long run, or a cut string copied once per note, is quadratic (tests/test_hostile.py).
    end = len(key)
    while end and key[end - 1] == ")":
        start = key.rfind("(", 0, end - 1)
        if start <= 0 or key.find(")", start + 1, end - 1) >= 0:
            break
        end = start
        while end and key[end - 1].isspace():
            end -= 1
    return "".join(key[:end].split()).casefold()


# -- features for similarity ------------------------------------------------------------
_NOT_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W_]+")


def features(text: str) -> set[str]:
    """The set of bigrams of a normalised, masked text, for IDF-weighted similarity.

    Character bigrams when the text holds Chinese (or Japanese) characters, word bigrams
    otherwise: both are specific enough to find an article's successor and cheap to
    index.  Punctuation and spacing are skipped; a one-token text yields that token.
    """
    text = text.lower()
    if CJK_LETTER_RE.search(text):
        chars = _NOT_WORD.sub("", text)
        if len(chars) < 2:
            return {chars} if chars else set()
        # each character joined to the next: a third faster than slicing every pair (measured)
        return set(map(operator.add, chars, chars[1:]))
    words = _WORD.findall(text)
    if len(words) < 2:
        return set(words)
    return {words[k] + " " + words[k + 1] for k in range(len(words) - 1)}
