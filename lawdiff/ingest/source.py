"""What every reader shares: the `Source` type, decoding bytes to text, format detection.

Readers (`lawdiff.ingest.markdown`, `html`, `docx`, `pdf`, `xml`) build `Source`s with the
helpers here; `lawdiff.ingest.registry` picks the reader for a file.  Nothing here imports
a reader, so there is no circle.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from lawdiff.errors import LawdiffError
from lawdiff.model import ParseWarning, SourceLine
from lawdiff.text.scripts import CJK_LETTER_RE

# Refuse larger inputs unless asked: parsing takes ~20x the input in memory, so 16 MiB (fifty
# Civil Codes) stays under ~350 MB. --max-bytes raises it.
DEFAULT_MAX_BYTES = 16 * 1024 * 1024

# Characters that carry no text: the lossless comparison and blank-line tests skip them.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_TABLE = {ord(ch): None for ch in INVISIBLE}


def bare_line(text: str) -> str:
    """A line's text without the spaces and zero-width marks (U+200B, a stray BOM) around it:
    what the parsers read as the line."""
    return text.strip().strip("\u200b\ufeff").strip()


def is_blank(text: str) -> bool:
    stripped = text.strip()
    # a line whose first visible character is not an invisible one is not blank: no translate
    # of the whole line (most lines), which cost a tenth of parsing the Civil Code (measured)
    return not stripped or (stripped[0] in INVISIBLE and not stripped.translate(_INVISIBLE_TABLE).strip())


def squeeze(text: str) -> str:
    """Text with all whitespace and invisible characters removed (the lossless yardstick)."""
    return "".join(text.translate(_INVISIBLE_TABLE).split())


@dataclass
class Source:
    lines: list[SourceLine]
    format: str  # text, markdown, html, docx, pdf, akn, uslm
    name: str
    text: str = ""  # decoded text when the input is textual
    data: bytes = b""
    warnings: list[ParseWarning] = field(default_factory=list)  # what reading changed (parse passes them on)


# Characters XML 1.0 cannot hold (C0 controls but tab/newline/CR, surrogates, U+FFFE/U+FFFF).
# A text file may carry a few (a stray BEL, a NUL from a broken download); they carry no
# text, and left in they would make the AKN writer fail, so reading drops them with a warning.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe_lines(lines: list[SourceLine]) -> tuple[list[SourceLine], list[ParseWarning]]:
    """The lines without characters XML cannot hold, and one warning per line that had any."""
    out: list[SourceLine] = []
    warnings: list[ParseWarning] = []
    find = _NOT_XML.search
    for line in lines:
        if find(line.text) is None:  # nearly every line: no copy made
            out.append(line)
            continue
        clean, count = _NOT_XML.subn("", line.text)
        if count:
            codes = sorted({f"U+{ord(ch):04X}" for ch in _NOT_XML.findall(line.text)})
            warnings.append(ParseWarning(line.number, "control-character",
                                         f"removed {count} character(s) XML cannot hold ({', '.join(codes[:5])})"))
            line = SourceLine(clean, line.number, line.heading_level, line.role)
        out.append(line)
    return out, warnings


def decode(data: bytes, name: str = "input") -> str:
    """Decode text bytes: BOMs first, then strict UTF-8, UTF-16 by pattern, GB18030, Big5,
    then a single-byte legacy encoding (see `_legacy`).

    Raises LawdiffError when the bytes are not text.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name)
            except UnicodeDecodeError as exc:
                raise LawdiffError(f"{name}: not valid {encoding} text ({exc.reason} at byte {exc.start})") from None
    if b"\x00" in data[:4096]:
        guess = _utf16_without_bom(data)
        if guess is None:
            raise LawdiffError(f"{name}: binary data, not a text file")
        return _checked(guess, name)
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" or (_plausible(text) and _mostly_cjk(text)):
            return _checked(text, name)
    legacy = _legacy(data)
    if legacy is not None:
        return _checked(legacy, name)
    raise LawdiffError(f"{name}: cannot decode the text (tried UTF-8, UTF-16, GB18030, Big5)")


def _legacy(data: bytes) -> str | None:
    """The text in the legacy encoding charset-normalizer finds likeliest, cp1252 on a tie.

    English or German with a handful of accented letters decodes equally well in a dozen
    Latin code pages, and charset-normalizer then names the first of the tie (cp1250:
    `à` reads as `ŕ`).  Windows-1252 is by far the likeliest of those for Western text, so
    it wins when it decodes the bytes, is no worse by charset-normalizer's own measures and
    the text is mostly ASCII letters.  A text that reads better in another code page (Czech
    in cp1250: more coherent there) keeps that reading.
    """
    try:
        from charset_normalizer import from_bytes  # 20 ms to import (measured); only legacy encodings need it
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        return None
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    western = next((m for m in matches if "cp1252" in (m.encoding, *m.could_be_from_charset)), None)
    if western is not None and western is not best and western.chaos <= best.chaos \
            and western.coherence >= best.coherence:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and _mostly_ascii_letters(text):
            return text
    return str(best)


def _mostly_ascii_letters(text: str) -> bool:
    letters = [ch for ch in text[:65536] if ch.isalpha()]
    return not letters or sum(1 for ch in letters if ch.isascii()) >= 0.9 * len(letters)


def _utf16_without_bom(data: bytes) -> str | None:
    even_nuls = data[0:4096:2].count(0)
    odd_nuls = data[1:4096:2].count(0)
    encoding = "utf-16-be" if even_nuls > odd_nuls else "utf-16-le"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _plausible(text: str) -> bool:
    """A legacy decoding is plausible when it yields mostly CJK, ASCII and punctuation."""
    if not text:
        return True
    good = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    return good / len(text) > 0.97


def _mostly_cjk(text: str) -> bool:
    """A GB18030/Big5 reading is believable only when it yields Chinese text, not a few stray
    ideographs: Latin-1/cp1252 bytes (German umlauts, curly quotes) also decode "validly"."""
    sample = "".join(text[:65536].split())
    non_ascii = sum(1 for ch in sample if ord(ch) > 127)
    return non_ascii == 0 or len(CJK_LETTER_RE.findall(sample)) >= 0.05 * len(sample)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _checked(text: str, name: str) -> str:
    controls = len(_CONTROL.findall(text[:65536]))
    if controls > max(8, len(text[:65536]) // 100):
        raise LawdiffError(f"{name}: binary data, not a text file")
    return text


def detect_format(data: bytes, name: str) -> str:
    suffix = Path(name).suffix.lower()
    by_suffix = {
        ".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text",
        ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf",
    }
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and suffix in ("", ".docx", ".zip"):
        return "docx"
    if suffix in by_suffix:
        return by_suffix[suffix]
    head = data[:4096].lstrip(codecs.BOM_UTF8).lstrip().lower()
    if head.startswith(b"<?xml") or suffix in (".xml", ".akn"):
        if b"akomantoso" in data[:8192].lower():
            return "akn"
        return "uslm"
    if head.startswith(b"<!doctype html") or head.startswith(b"<html"):
        return "html"
    return "text"


# The line breaks of str.splitlines but the form feed, which starts a page (see text_lines).
LINE_BREAK = re.compile("\r\n|[\n\r\v\x1c\x1d\x1e\x85\u2028\u2029]")


def text_lines(text: str) -> list[SourceLine]:
    """The lines of a plain text, numbered as an editor numbers them.  A form feed (pdftotext ends
    each page with one) is no line of its own: the line after it has the role "page", so that a
    paragraph the page cut in two can be read as one (lawdiff.parse.latin_blocks)."""
    pieces = LINE_BREAK.split(text)
    if pieces[-1] == "":
        pieces.pop()  # (as splitlines: the break that ends the last line opens none)
    out: list[SourceLine] = []
    for number, piece in enumerate(pieces, start=1):
        parts = piece.split("\f")
        out.extend(SourceLine(part, number, role="page" if k else "")
                   for k, part in enumerate(parts) if part or k == len(parts) - 1)
    return out
