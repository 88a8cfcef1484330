"""Chinese text cut into lines of one length (a newspaper column, a hard-wrapped .txt, OCR).

A column of Chinese text breaks wherever the line is full, inside a word or a number, so
the lines of one paragraph join with no space (`join_wrapped_cjk`); a line break between
two Latin words stands for one.  Whether a text was cut so at all is read from its line
lengths (`wrap_width`): most lines are then exactly as long as the column.  The article parser
(lawdiff.parse.zh) and the parser of texts without articles (lawdiff.parse.zh_units) both
take these rules from here, and the one test of a finished Chinese sentence (`ends_zh_sentence`;
English and German sentences end by other marks: lawdiff.parse.latin_markers.ends_sentence).
"""

from __future__ import annotations

import re
from collections import Counter

from lawdiff.text.markers import ZH_TITLE_END_RE
from lawdiff.text.scripts import HAN

WRAPPED_SHARE = 0.3  # share of the lines at one length that says the text was cut into lines of it
MIN_WIDTH = 10  # a column, and a title that may run on, are at least this many characters wide
MAX_TITLE_LINES = 4  # a title set large wraps into at most this many lines
HAN_START_RE = re.compile(f"^[{HAN}]")
SENTENCE_END = "。；：！？;:!?…"
CLOSERS = "”’」』)）》】〕\"'"
OPENING_QUOTES = "“‘「『\""
FULL_STOPS = "。；！？"  # a sentence's end, not a colon's announcement


def ends_zh_sentence(text: str) -> bool:
    """Does a Chinese text end a sentence (。；：！？…, before closing quotes and brackets)?"""
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def quotation_after_stop(previous: str, line: str) -> bool:
    """Does `line` open a quotation after a sentence that `previous` ended with a full stop (not a
    colon)?  An amendment quotes the new text paragraph by paragraph (…并处罚金。 / “开设赌场的…),
    each a paragraph of its own; after 修改为： the quotation goes on in the paragraph that
    announces it."""
    return line[:1] in OPENING_QUOTES and previous.rstrip().rstrip(CLOSERS)[-1:] in FULL_STOPS


def join_wrapped_cjk(left: str, right: str) -> str:
    """Join a wrapped line: no space between CJK characters, one space between Latin words.

    Digits on both sides are one number cut by the wrap (处200元 cut as 处20 / 0元): a column
    of Chinese text breaks wherever the line is full, and Chinese writes no space inside a
    number."""
    if not left:
        return right
    if not right:
        return left
    if left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum() \
            and not (left[-1].isdigit() and right[0].isdigit()):
        return left + " " + right
    return left + right


def wrap_width(texts: list[str]) -> int:
    """The width every full line has when the text was cut into lines of one length: the most
    common length of the lines cut inside a sentence, when at least WRAPPED_SHARE of all lines
    are such lines; 0 for a text with a line per paragraph.  Lines that end a sentence do not
    count: a list of short items of one length (三、原第四条作为第五条。) is no column."""
    stripped = [text.strip() for text in texts if text.strip()]
    lengths = Counter(len(text) for text in stripped if not ends_zh_sentence(text))
    if not lengths:
        return 0
    width, count = max(lengths.items(), key=lambda item: (item[1], item[0]))
    return width if width >= MIN_WIDTH and count >= WRAPPED_SHARE * len(stripped) else 0


def wrapped_title(texts: list[str], width: int) -> tuple[str, int]:
    """The title that opens `texts`, and how many lines it takes: a title as long as a full line
    of a text cut at `width` goes on in the next line, when that begins as a title's words do
    (a Chinese character: not a date, a number or a bracketed note)."""
    title, used = texts[0], 1
    if len(title.strip()) < MIN_WIDTH:
        return title, used
    while width and len(texts[used - 1].strip()) == width and used < len(texts) \
            and HAN_START_RE.match(texts[used].strip()):
        title, used = join_wrapped_cjk(title.rstrip(), texts[used].strip()), used + 1
    # A title set large wraps at its own width (pdftotext of a PDF: `山东省…意见办理工作` / `条例`,
    # `…若干规` / `定`, `…适用法` / `律若干问题的解释`): it goes on in the next lines, each no longer
    # than its first and of words only (no date, number or bracketed note), when with them it ends
    # as a title does.
    joined, first = title, texts[0].strip()
    for k in range(used, min(len(texts), used + MAX_TITLE_LINES - 1)):
        following = texts[k].strip()
        if not (0 < len(following) <= len(first) and HAN_START_RE.match(following)) \
                or re.search(r"\d", following) or following in joined or joined.strip() in following:
            break  # (a title printed twice is no title wrapped)
        if k == used and ZH_TITLE_END_RE.search(joined.strip()) and len(following) == len(first):
            break  # a title that ended as one does goes on only in a shorter line (…适用法 / 律若干…)
        joined = join_wrapped_cjk(joined.rstrip(), following)
        if ZH_TITLE_END_RE.search(joined):
            return joined, k + 1
    return title, used
