"""Decoding real texts in the encodings users meet, and refusing what is not text."""

from __future__ import annotations

import codecs

import pytest

from helpers import CORPUS, SEED
from lawdiff.errors import LawdiffError
from lawdiff.ingest.registry import read_bytes
from lawdiff.ingest.source import decode, squeeze, text_lines

TEXT = (CORPUS / "zh/supervision-law/01-adopted-2018-03-20.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoded", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),  # with BOM
    TEXT.encode("utf-16-le"),  # without BOM
    TEXT.encode("utf-16-be"),
    TEXT.encode("gb18030"),
], ids=["utf8", "utf8-bom", "utf16", "utf16le-nobom", "utf16be-nobom", "gb18030"])
def test_real_text_decodes_in_every_encoding(encoded: bytes) -> None:
    assert decode(encoded, "x") == TEXT


def test_big5_traditional_text_decodes() -> None:
    # The same law converted to Big5 where its characters exist there (a real text, re-encoded).
    sample = "".join(ch for ch in TEXT[:2000] if _in_big5(ch))
    assert decode(sample.encode("big5"), "x") == sample


def _in_big5(ch: str) -> bool:
    try:
        ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize("relative", [
    "en/eu-ai-act/04-adopted-regulation-2024-1689.md",  # `à la carte`, `café`, curly quotes, dashes
    "en/eu-ai-act/02-council-fr-presidency-consolidated-2022-06-15.md",  # only `à` and `é`
    "de/grundgesetz/01-stand-2010-07-21.md",  # umlauts, ß, §
])
def test_cp1252_text_is_read_as_cp1252(relative: str) -> None:
    # A real text re-encoded to Windows-1252: a handful of accented letters fit a dozen Latin
    # code pages equally well, and cp1250 would turn `à` into `ŕ`.
    text = (CORPUS / relative).read_text(encoding="utf-8")
    assert any(ord(ch) > 127 for ch in text)
    assert decode(text.encode("cp1252"), "x") == text
    source = read_bytes(text.encode("cp1252"), "law.md")
    assert squeeze("".join(l.text for l in source.lines)) == \
        squeeze("".join(l.text for l in read_bytes(text.encode("utf-8"), "law.md").lines))


@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"\x00\x01\x02\x03" * 100, b"\x89PNG\r\n\x1a\n" + bytes(300)])
def test_binary_is_refused_with_a_clear_message(data: bytes) -> None:
    with pytest.raises(LawdiffError, match="binary|decode|not valid"):
        read_bytes(data, "file.txt")


def test_markdown_markup_is_removed_text_is_kept() -> None:
    source = read_bytes((CORPUS / "zh/company-law/01-amended-2018-10-26.md").read_bytes(), "a.md")
    texts = [l.text for l in source.lines]
    assert "中华人民共和国公司法" in texts and "<!-- INFO END -->" not in "".join(texts)
    assert any(l.heading_level == 2 and l.text.startswith("第一章") for l in source.lines)


def test_squeeze_drops_whitespace_and_zero_width_only() -> None:
    assert squeeze("第一条\u3000为了\u200b规范 \n公司") == "第一条为了规范公司"
    assert squeeze(SEED.read_text(encoding="utf-8")).startswith("上海市促进人工智能产业发展条例")


def test_a_form_feed_starts_a_page_not_a_line() -> None:
    """pdftotext ends every page with a form feed.  str.splitlines took it for a line break: one
    more (blank) line per page, and every later warning's line number one off per page.  The line
    after it is marked as a page's first, so that a paragraph cut by the page can be read as one."""
    lines = text_lines("Art 1\n(3) Die Grundrechte binden die Gesetzgebung und\n\n\fRechtsprechung.\r\nArt 2\n")
    assert [(line.text, line.number, line.role) for line in lines] == [
        ("Art 1", 1, ""), ("(3) Die Grundrechte binden die Gesetzgebung und", 2, ""), ("", 3, ""),
        ("Rechtsprechung.", 4, "page"), ("Art 2", 5, "")]
    assert [line.text for line in text_lines("a\n\nb")] == "a\n\nb".splitlines()
    assert text_lines("") == []
