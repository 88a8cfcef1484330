"""Quoted text in amending instruments: writing quotations and finding them again.

Quoted text follows the Chinese drafting convention: each quoted paragraph opens
with “, only the last one closes with ”, and quotation marks inside quoted text are
written ‘’ (unless the text itself holds ‘’, in which case the inner “” are kept and
matched by nesting depth).  English-style instruments keep the law's own marks.

Reading an item, `split_quotes` replaces every quotation by QMARK, so that the clause
grammars see a template without quoted text; `split_clauses` and `printed` work on
such a template and its quotations.
"""

from __future__ import annotations

import re

from lawdiff.errors import LawdiffError

OPEN_Q, CLOSE_Q = "“", "”"
LOW_Q = "„"  # German opening mark; its closing mark is “
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


def quote_inline(text: str, convention: bool = True) -> str:
    return OPEN_Q + (nest(text) if convention else text) + CLOSE_Q


def quote_block(lines: list[str], sep: str = "\n\n", convention: bool = True) -> str:
    """Several paragraphs quoted: each opens with “, only the last closes with ”.

    `convention`: inner “” written ‘’ (Chinese drafting).  English texts keep their own
    marks (their ’ is an apostrophe) and inner “” are matched by nesting depth.
    """
    if not lines:
        return OPEN_Q + CLOSE_Q
    return sep.join(OPEN_Q + (nest(line) if convention else line) for line in lines) + CLOSE_Q


def split_quotes(text: str, convention: bool = True) -> tuple[str, list[list[str]]]:
    """Replace each quotation in `text` by QMARK; return the template and each quotation's lines.

    Raises LawdiffError on an unclosed quotation.
    """
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


def as_printed(template: str, quotes: list[list[str]]) -> str:
    """The clause as printed: each QMARK replaced by its quotation (for messages and reports)."""
    it = iter(quotes)
    return re.sub(QMARK, lambda _m: "“" + "\n".join(next(it)) + "”", template)


def inline(lines: list[str]) -> str:
    """A quotation that must be a word or phrase (one line)."""
    if len(lines) != 1:
        raise LawdiffError("a quoted word or phrase spans several paragraphs")
    return lines[0]
