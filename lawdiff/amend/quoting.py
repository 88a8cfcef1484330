"""Quoted text in amending instruments: writing quotations and finding them again.

Quoted text follows the Chinese drafting convention: each quoted paragraph opens
with “, only the last one closes with ”, and quotation marks inside quoted text are
written ‘’ (unless the text itself holds ‘’, in which case the inner “” are kept and
matched by nesting depth).  English-style instruments keep the law's own marks.  German
instruments (`low`) quote as German drafting does, „…“, each quoted paragraph opening with „ and
only the last closing with “; the law's own „…“ inside nest by depth.  A text that holds “…” of its
own (an English or Chinese text) cannot sit inside „…“, whose “ would close early: it is quoted
»…« instead, the other German quotation marks.

Reading an item, `split_quotes` replaces every quotation by QMARK, so that the clause
grammars see a template without quoted text; `split_clauses` and `printed` work on
such a template and its quotations.
"""

from __future__ import annotations

import re

from lawdiff.errors import LawdiffError

OPEN_Q, CLOSE_Q = "“", "”"
LOW_Q = "„"  # German opening mark; its closing mark is “
GUILLEMETS = ("»", "«")  # German quotation marks for a text that holds “…” of its own
INNER_OPEN, INNER_CLOSE = "‘", "’"
QMARK = "\ue000"  # stands for one quotation in a clause's template (a private-use character)


def nest(text: str) -> str:
    """Quotation marks inside quoted text become ‘’ (unless the text already uses ‘’)."""
    if INNER_OPEN in text or INNER_CLOSE in text:
        return text
    return text.replace(OPEN_Q, INNER_OPEN).replace(CLOSE_Q, INNER_CLOSE)


def unnest(text: str, kept_outer: bool) -> str:
    """Undo `nest`: ‘’ back to “” unless the quotation kept nested “” (then ‘’ are the text's own)."""
    if kept_outer:
        return text
    return text.replace(INNER_OPEN, OPEN_Q).replace(INNER_CLOSE, CLOSE_Q)


def low_marks(lines: list[str]) -> tuple[str, str]:
    """The German quotation marks for these lines: „…“ unless the text holds “ or ” of its own
    (beyond the “ closing each of its „), then »…« unless it holds those too."""
    text = "".join(lines)
    if CLOSE_Q not in text and text.count(LOW_Q) == text.count(OPEN_Q):
        return LOW_Q, OPEN_Q
    if not any(mark in text for mark in GUILLEMETS):
        return GUILLEMETS
    return LOW_Q, OPEN_Q


def quote_inline(text: str, convention: bool = True, low: bool = False) -> str:
    if low:
        opening, closing = low_marks([text])
        return opening + text + closing
    return OPEN_Q + (nest(text) if convention else text) + CLOSE_Q


def quote_block(lines: list[str], sep: str = "\n\n", convention: bool = True, low: bool = False) -> str:
    """Several paragraphs quoted: each opens with “, only the last closes with ” („ and “ with `low`).

    `convention`: inner “” written ‘’ (Chinese drafting).  English and German texts keep their
    own marks (their ’ is an apostrophe) and inner quotations are matched by nesting depth.
    """
    opening, closing = low_marks(lines) if low else (OPEN_Q, CLOSE_Q)
    if not lines:
        return opening + closing
    return sep.join(opening + (nest(line) if convention and not low else line) for line in lines) + closing


def split_quotes(text: str, convention: bool = True, low: bool = False) -> tuple[str, list[list[str]]]:
    """Replace each quotation in `text` by QMARK; return the template and each quotation's lines.

    `low`: quotations are German, „…“.  Raises LawdiffError on an unclosed quotation.
    """
    if low:
        return _split_low_quotes(text)
    template: list[str] = []
    quotes: list[list[str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch != OPEN_Q:
            template.append(ch)
            i += 1
            continue
        # Open marks, innermost last.  German „…“ closes with “, so “ after „ is a closing mark.
        opened, i = [OPEN_Q], i + 1
        buf: list[str] = []
        nested = False
        at_line_start = False
        while i < n and opened:
            c = text[i]
            if c == "\n":
                at_line_start = True
                i += 1
                continue
            if at_line_start and c in " \t\u3000":
                i += 1
                continue
            if at_line_start:
                at_line_start = False
                if len(opened) == 1 and c == OPEN_Q:  # a quoted paragraph goes on: “ opens each line
                    buf.append("\n")
                    i += 1
                    continue
                buf.append("\n")
            if c == LOW_Q:
                opened.append(c)
            elif c == OPEN_Q and opened[-1] == LOW_Q:
                opened.pop()
            elif c == OPEN_Q:
                opened.append(c)
                nested = True
            elif c == CLOSE_Q:
                while opened and opened[-1] == LOW_Q:  # an unclosed „ inside does not hold the quotation open
                    opened.pop()
                opened.pop()
                if not opened:
                    i += 1
                    break
            buf.append(c)
            i += 1
        if opened:
            raise LawdiffError("a quotation (“) is never closed (”)")
        lines = [unnest(line, nested or not convention) for line in "".join(buf).split("\n")]
        quotes.append(lines)
        template.append(QMARK)
    return "".join(template), quotes


LOW_PAIRS = {LOW_Q: OPEN_Q, GUILLEMETS[0]: GUILLEMETS[1]}  # German opening mark -> its closing mark


def _split_low_quotes(text: str) -> tuple[str, list[list[str]]]:
    """`split_quotes` for German quotations: „ opens, “ closes the innermost open one (» and « for
    a quotation opened with »); a line of a quotation that goes on opens with its mark again."""
    template: list[str] = []
    quotes: list[list[str]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] not in LOW_PAIRS:
            template.append(text[i])
            i += 1
            continue
        opening, closing = text[i], LOW_PAIRS[text[i]]
        depth, i = 1, i + 1
        buf: list[str] = []
        at_line_start = False
        while i < n and depth:
            c = text[i]
            i += 1
            if c == "\n":
                at_line_start = True
                continue
            if at_line_start and c in " \t\u3000":
                continue
            if at_line_start:
                at_line_start = False
                buf.append("\n")
                if depth == 1 and c == opening:  # the quoted paragraph goes on: „ opens each line
                    continue
            if c == opening:
                depth += 1
            elif c == closing:
                depth -= 1
                if not depth:
                    break
            buf.append(c)
        if depth:
            raise LawdiffError(f"a quotation ({opening}) is never closed ({closing})")
        quotes.append("".join(buf).split("\n"))
        template.append(QMARK)
    return "".join(template), quotes


def low_quote_after(open_mark: str, line: str) -> str:
    """The German quotation still open after this line: its opening mark, or "" when none is.
    (A line of a quotation that goes on opens with its mark again.)"""
    depth = 1 if open_mark else 0
    for i, ch in enumerate(line):
        if not depth and ch in LOW_PAIRS:
            open_mark, depth = ch, 1
        elif depth and ch == open_mark and not (i == 0 and depth == 1):
            depth += 1
        elif depth and ch == LOW_PAIRS[open_mark]:
            depth -= 1
    return open_mark if depth else ""


def quote_open_after(open_quote: bool, line: str) -> bool:
    """Is a quotation still open after this line?  (Continuation lines reopen with “.)"""
    opened: list[str] = [OPEN_Q] if open_quote else []
    for i, ch in enumerate(line):
        if ch == LOW_Q and opened:
            opened.append(ch)
        elif ch == OPEN_Q and opened and opened[-1] == LOW_Q:
            opened.pop()
        elif ch == OPEN_Q:
            if len(opened) == 1 and i == 0 and open_quote:
                continue
            opened.append(ch)
        elif ch == CLOSE_Q and opened:
            while opened and opened[-1] == LOW_Q:
                opened.pop()
            if opened:
                opened.pop()
    return bool(opened)


# -- templates (quotations replaced by QMARK) ---------------------------------------------------
def split_clauses(template: str, quotes: list[list[str]], seps: str) -> list[tuple[str, list[list[str]]]]:
    """The template cut at any of `seps` (outside quotations), each part with its own quotations."""
    out: list[tuple[str, list[list[str]]]] = []
    k = 0
    for part in re.split(f"[{seps}]", template):
        count = part.count(QMARK)
        out.append((part, quotes[k:k + count]))
        k += count
    return out


def as_printed(template: str, quotes: list[list[str]], low: bool = False) -> str:
    """The clause as printed: each QMARK replaced by its quotation (for messages and reports)."""
    it = iter(quotes)

    def quoted(lines: list[str]) -> str:
        opening, closing = low_marks(lines) if low else (OPEN_Q, CLOSE_Q)
        return opening + "\n".join(lines) + closing
    return re.sub(QMARK, lambda _m: quoted(next(it)), template)


def inline(lines: list[str]) -> str:
    """A quotation that must be a word or phrase (one line)."""
    if len(lines) != 1:
        raise LawdiffError("a quoted word or phrase spans several paragraphs")
    return lines[0]
