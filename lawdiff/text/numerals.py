"""Chinese numerals <-> integers, as used in 第X条 / 第X章 markers and item numbers."""

from __future__ import annotations

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "０": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000}

NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "".join(BIG_UNITS)

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
