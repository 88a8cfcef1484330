"""Numerals <-> integers: Chinese (第X条, 第X章, item numbers), Roman (Chapter IV, point (iv))
and the English/German ordinal words that number containers (Second Part, Zweiter Abschnitt)."""

from __future__ import annotations

import re

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "０": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000}

NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "".join(BIG_UNITS)
# One number in a Chinese marker: Chinese numerals or Arabic digits, half or full width
# (第十二条, 第12条, 第１２条).  A regular-expression fragment for the marker patterns.
ZH_NUMBER = f"[{NUMERAL_CHARS}0-9０-９]+"

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def zh_to_int(text: str) -> int | None:
    """Parse a Chinese (or Arabic, half or full width) numeral; None if it is not one."""
    if not text:
        return None
    ascii_text = text.translate(_FULLWIDTH_DIGITS)
    if ascii_text.isdigit():
        return int(ascii_text)
    total = 0
    section = 0
    digit: int | None = None
    for ch in text:
        if ch in DIGITS:
            if digit is not None and digit != 0 and DIGITS[ch] != 0:
                # Positional style without units ("一二三"): treat as digits.
                digit = digit * 10 + DIGITS[ch]
            else:
                digit = DIGITS[ch]
        elif ch in UNITS:
            section += (1 if digit is None else digit) * UNITS[ch]
            digit = None
        elif ch in BIG_UNITS:
            section += digit or 0
            total += (section or 1) * BIG_UNITS[ch]
            section = 0
            digit = None
        else:
            return None
    return total + section + (digit or 0)


_SMALL = "零一二三四五六七八九"


def int_to_zh(value: int) -> str:
    """Write an integer as a Chinese numeral the way laws do (十二, 一百零五, 一千二百六十)."""
    if value < 0:
        raise ValueError(value)
    if value < 10:
        return _SMALL[value]
    if value < 20:
        return "十" + (_SMALL[value - 10] if value > 10 else "")
    parts: list[str] = []
    units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    zero_pending = False
    started = False
    for unit, name in units:
        digit = (value // unit) % 10
        if value >= unit * 10 and unit == 1000:
            # Numbers of ten thousand and more are not used in article numbers.
            raise ValueError(value)
        if digit:
            if zero_pending:
                parts.append("零")
                zero_pending = False
            parts.append(_SMALL[digit] + name)
            started = True
        elif started:
            zero_pending = True
    return "".join(parts)


# -- Roman ---------------------------------------------------------------------------------
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# Only well-formed numerals (IV, not IIII or IIV): a word such as "MIX" or "DC" printed
# where a number could stand must not read as one.
ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$", re.I)


def roman_to_int(text: str) -> int | None:
    """A well-formed Roman numeral (either case) as an integer; None if `text` is not one."""
    if not text or not ROMAN_RE.match(text):
        return None
    total, prev = 0, 0
    for ch in reversed(text.upper()):
        value = ROMAN_VALUES[ch]
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total or None


_ROMAN_DIGITS = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def int_to_roman(value: int) -> str:
    """A positive integer as an upper-case Roman numeral (4 -> "IV"); "" for 0 or less."""
    out = ""
    for step, letters in _ROMAN_DIGITS:
        while value >= step:
            out += letters
            value -= step
    return out


# -- list labels -----------------------------------------------------------------------------
def int_to_letters(n: int, upper: bool = False) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa" (the letters a list counts with); "" for 0 or less."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out.upper() if upper else out


# Word's Chinese and full-width number formats (ECMA-376 ST_NumberFormat): Chinese drafting
# templates number 条 and 项 automatically (第%1条 in chineseCounting, （%1） likewise).
_COUNTING = {"chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
             "japaneseCounting"}
_IDEOGRAPH_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_LEGAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"


def format_list_number(n: int, fmt: str) -> str:
    """The number of an automatically numbered list item in a format named as Word names them
    (decimal, decimalZero, lowerLetter, upperLetter, lowerRoman, upperRoman, the Chinese
    counting and ideograph formats, full-width and circled digits; bullet and none show no
    number): what a reader of the document sees, where the file holds no text.  A format
    with no form for `n` (a circled 21, a stem past 癸) shows it in decimal, as Word does."""
    if fmt in ("lowerLetter", "upperLetter"):
        return int_to_letters(n, fmt == "upperLetter")
    if fmt in ("lowerRoman", "upperRoman"):
        roman = int_to_roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    if fmt in _COUNTING and 0 <= n < 10000:
        return int_to_zh(n)
    if fmt == "chineseLegalSimplified" and 0 <= n < 10000:
        counted = int_to_zh(n)
        return ("一" + counted if counted.startswith("十") else counted).translate(_LEGAL)  # 壹拾贰, not 拾贰
    if fmt in ("ideographDigital", "taiwaneseDigital") and n >= 0:
        return str(n).translate(_IDEOGRAPH_DIGITS)
    if fmt in ("decimalFullWidth", "decimalFullWidth2") and n >= 0:
        return str(n).translate(_FULL_WIDTH_DIGITS)
    if fmt == "ideographTraditional" and 1 <= n <= len(_HEAVENLY_STEMS):
        return _HEAVENLY_STEMS[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    return str(n)


# -- ordinal words -------------------------------------------------------------------------
ORDINALS = {
    # English cardinal and ordinal words, German ordinals (Erster Abschnitt, Zweiter Teil).
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "erster": 1, "zweiter": 2, "dritter": 3, "vierter": 4, "fünfter": 5, "sechster": 6, "siebter": 7,
    "siebenter": 7, "achter": 8, "neunter": 9, "zehnter": 10, "elfter": 11, "zwölfter": 12,
    "erstes": 1, "zweites": 2, "drittes": 3, "viertes": 4, "fünftes": 5, "sechstes": 6, "siebtes": 7,
    "achtes": 8, "neuntes": 9, "zehntes": 10,
}
# The ordinal words as one alternation, longest first (so "siebenter" is not read as "sieben...").
ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
