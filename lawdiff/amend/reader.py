"""An instrument's text read back into data: numbered items, each cut into its instructions.

Items are found by their numbering (一、 … for Chinese instruments, (1) or 1. for English
and German ones), never inside a quotation; the text before the first item is the title and
the preamble.  Each item's quotations are set apart (`lawdiff.amend.quoting`; German ones „…“)
and its clauses read by the grammar of its language (`grammar_zh`, `grammar_en`, `grammar_de`).
An item the grammar does not understand keeps the reason in `Item.error`; nothing is guessed.
"""

from __future__ import annotations

import re

from lawdiff.amend.grammar_de import de_clauses
from lawdiff.amend.grammar_en import en_clauses
from lawdiff.amend.grammar_zh import zh_clauses
from lawdiff.amend.instrument import Instrument, Item
from lawdiff.amend.quoting import LOW_PAIRS, OPEN_Q, low_quote_after, quote_open_after, split_quotes
from lawdiff.errors import LawdiffError
from lawdiff.text.numerals import NUMERAL_CHARS
from lawdiff.text.scripts import HAN_RE

ITEM_RE = re.compile(rf"^[*_#>\s]*(?P<label>[{NUMERAL_CHARS}]+|\d+|[(（]\d+[)）])\s*[、.．]\s*")
ITEM_RE_EN = re.compile(r"^\s*\(?(?P<label>\d+|[a-z])\)\s+|^\s*(?P<label2>\d+)\.\s+")
# A German amending instruction's verb (wird/werden … gefasst, eingefügt, ersetzt …), outside quotations;
# two searches, not one pattern with ".*" between them (quadratic on a line of many "wird").
DE_AUXILIARY = re.compile(r"\b(?:wird|werden)\b")
DE_VERB = re.compile(r"\b(?:gefasst|eingefügt|ersetzt|gestrichen|aufgehoben|verschoben|angepasst)\b")
QUOTE_ENDS = {"„": "“", "“": "”", "»": "«"}


def outside_quotes(line: str) -> str:
    """The line without its quoted text (a quotation left open runs to the end), in one pass."""
    out: list[str] = []
    closing = ""
    for ch in line:
        if closing:
            if ch == closing:
                closing = ""
        elif ch in QUOTE_ENDS:
            closing = QUOTE_ENDS[ch]
        else:
            out.append(ch)
    return "".join(out)


def _german_instruction(line: str) -> bool:
    plain = outside_quotes(line)
    return bool(DE_AUXILIARY.search(plain) and DE_VERB.search(plain))


def parse_instrument(text: str, lang: str | None = None) -> Instrument:
    """Read an instrument's text (plain or Markdown) into numbered items and their instructions."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    if lang is None:
        lang = _instrument_language(lines)
    instrument = Instrument(lang=lang)
    item_re = ITEM_RE if lang == "zho" else ITEM_RE_EN
    quoted_line = (OPEN_Q, *LOW_PAIRS) if lang == "deu" else (OPEN_Q,)
    open_mark = ""  # German: the mark of the quotation still open
    current: list[str] = []
    current_label = ""
    current_line = 0
    open_quote = False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip().strip("\u200b\ufeff")
        if not line:
            if current:
                current.append("")
            continue
        match = None if open_quote else item_re.match(line)
        if match and not line.startswith(quoted_line):
            if current_label:
                instrument.items.append(_item(current_label, current, current_line, lang))
            current_label = match.group("label") or match.groupdict().get("label2") or ""
            current = [line[match.end():]]
            current_line = number
        elif current_label:
            current.append(line)
        else:
            heading = re.sub(r"^#+\s*", "", line)
            if not instrument.title:
                instrument.title = heading
            else:
                instrument.preamble.append(heading)
            continue
        if lang == "deu":
            open_mark = low_quote_after(open_mark, line)
            open_quote = bool(open_mark)
        else:
            open_quote = quote_open_after(open_quote, line)
    if current_label:
        instrument.items.append(_item(current_label, current, current_line, lang))
    if not instrument.items:
        raise LawdiffError("no numbered item (一、… or 1. …) found: this does not look like an amending instrument")
    return instrument


def _instrument_language(lines: list[str]) -> str:
    """By the items' own numbering (一、 or (1)), not the quoted law, which may be in Chinese
    under an English-style instrument; German when its instructions are (wird … gefasst, outside
    quotations); by the script when that says nothing."""
    plain = [line.strip() for line in lines if line.strip() and not line.strip().startswith(OPEN_Q)]
    zh = sum(1 for line in plain if ITEM_RE.match(line) and not line.lstrip("#* ")[:1].isdigit())
    en = sum(1 for line in plain if ITEM_RE_EN.match(line))
    if zh > en:
        return "zho"
    if any(_german_instruction(line) for line in plain if not line.startswith(tuple(LOW_PAIRS))):
        return "deu"
    if zh != en:
        return "eng"
    sample = "".join(lines[:200])
    return "zho" if len(HAN_RE.findall(sample)) > len(sample) * 0.1 else "eng"


def _item(label: str, lines: list[str], line_no: int, lang: str) -> Item:
    while lines and not lines[-1]:
        lines.pop()
    text = "\n".join(lines)
    item = Item(label=label, text=text, line=line_no)
    try:
        template, quotes = split_quotes(text, convention=lang == "zho", low=lang == "deu")
    except LawdiffError as exc:
        item.error = str(exc)
        return item
    try:
        clauses = {"zho": zh_clauses, "deu": de_clauses}.get(lang, en_clauses)
        item.ops = clauses(template, quotes)
    except LawdiffError as exc:
        item.error = str(exc)
    return item
