"""Readers for every input a user has: Markdown variants, HTML, DOCX, PDF, AKN, USLM/GPO XML.

The DOCX, PDF and foreign-AKN fixtures were built from corpus texts by
`data/fixtures/make_fixtures.py` (python-docx, reportlab, bluebell-akn); `fixtures.json`
says which corpus file and articles each holds, and each is checked against that file.
"""

from __future__ import annotations

import codecs
import html
import io
import json
import re
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from helpers import CORPUS, DATA, as_text, assert_lossless, laid_out, rendered
import lawdiff.akn.writer as akn
from lawdiff.ingest.xml import AKN_NS
from lawdiff.cli.app import main
from lawdiff.errors import LawdiffError
from lawdiff.model import Document, Node
from lawdiff.akn.load import parse_file, parse_source
from lawdiff.ingest.registry import read_bytes, read_source
from lawdiff.ingest.source import squeeze
from lawdiff.akn.schema import validation_errors
from lawdiff.compare.differ import compare
from lawdiff.text.wrap import wrapped_title

FIXTURES = DATA / "fixtures"
MANIFEST: dict[str, dict] = json.loads((FIXTURES / "fixtures.json").read_text(encoding="utf-8"))
GG = CORPUS / "de/grundgesetz"
AI = CORPUS / "en/eu-ai-act"
US = CORPUS / "en"


@lru_cache(maxsize=None)
def parsed(path: Path) -> Document:
    return parse_file(path)


def shape(node: Node) -> list:
    return [(c.kind, c.num, shape(c)) for c in node.children]


# -- DOCX, PDF and foreign AKN fixtures against the corpus files they were built from ---------
@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_fixture_holds_the_same_articles_as_its_corpus_source(name: str) -> None:
    info = MANIFEST[name]
    doc = parsed(FIXTURES / name)
    source = {a.number: a for a in parsed(CORPUS / info["source"]).articles()}
    assert sorted(a.number for a in doc.articles()) == sorted(info["articles"])
    for art in doc.articles():
        want = source[art.number]
        assert art.heading == want.heading, art.number
        assert squeeze(art.body_text()) == squeeze(want.body_text()), art.number
        assert shape(art) == shape(want), art.number
    assert validation_errors(akn.to_xml(doc)) == []
    assert_lossless(akn.to_bytes(doc), FIXTURES / name)


def test_docx_styles_numbering_and_tracked_changes() -> None:
    import docx

    path = FIXTURES / "gg-2012-excerpt.docx"
    raw = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "die Zölle," in raw  # Word prints "1." from its numbering definitions, not from the text
    source = read_source(path)
    assert any(l.text == "1. die Zölle," and l.role == "item" for l in source.lines)
    assert any(l.text == "Art 93" and l.heading_level == 3 for l in source.lines)
    # Art. 93 (1) 4c. was inserted in 2012: a tracked insertion is text; python-docx alone would miss it
    assert not any("Nichtanerkennung" in t for t in raw)
    art93 = next(a for a in parsed(path).articles() if a.number == "93")
    assert "4c." in [p.num for p in art93.children[0].children]
    redline = parsed(FIXTURES / "gg-art93-2010-redline.docx")
    assert "4c." not in [p.num for p in redline.articles()[0].children[0].children]
    assert [w.code for w in redline.warnings] == ["tracked-deletion"]


def test_docx_with_chinese_automatic_numbering_reads_as_printed(tmp_path: Path) -> None:
    # A Chinese drafting template numbers 条 and 项 automatically: 第%1条 and （%1） in Word's
    # chineseCounting.  The file holds no 第一条; Word shows it, and so must the reader (it read
    # 第1条, 第2条: the numbers a reader never saw).  Built with python-docx from a real law:
    # every article's first paragraph, and every item, numbered by Word, not by text.
    import docx
    from docx.oxml import parse_xml

    source = CORPUS / "zh/supervision-law/02-amended-2024-12-25.md"
    want = parse_file(source)
    document = docx.Document()
    numbering = document.part.numbering_part.element
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for num_id, (text, fmt) in enumerate((("第%1条", "chineseCounting"), ("（%1）", "chineseCounting")), start=90):
        numbering.append(parse_xml(
            f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="{num_id}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:suff w:val="space"/></w:lvl></w:abstractNum>'))
    for num_id in (90, 91):  # a w:num for each article's items list is added as it comes (restart at 一)
        numbering.append(parse_xml(f'<w:num xmlns:w="{w}" w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))

    def numbered(paragraph: docx.text.paragraph.Paragraph, num_id: int) -> None:
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))

    next_items = 100
    for article in want.articles():
        for k, para in enumerate(article.children):
            numbered_here = document.add_paragraph(para.text)
            if k == 0:
                numbered(numbered_here, 90)
            if para.children:
                numbering.append(parse_xml(f'<w:num xmlns:w="{w}" w:numId="{next_items}"><w:abstractNumId w:val="91"/>'
                                           '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                                           '</w:num>'))
                for item in para.children:
                    numbered(document.add_paragraph(item.text), next_items)
                next_items += 1
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    got = parse_file(path)
    assert [a.num for a in got.articles()] == [a.num for a in want.articles()]
    assert got.articles()[0].num == "第一条"
    assert [squeeze(a.body_text()) for a in got.articles()] == [squeeze(a.body_text()) for a in want.articles()]


def test_docx_emphasis_set_by_a_character_style_is_emphasis(tmp_path: Path) -> None:
    # LibreOffice writes an HTML <em> into Word as the character style "Emphasis" (italic by its
    # definition, not by the run's own formatting).  The EU AI Act proposal's article titles are
    # set that way; read as plain text, Article 54's long title (117 characters) was not taken
    # for a heading and became a paragraph of the article.
    source = CORPUS / "en/eu-ai-act/01-commission-proposal-2021-04-21.md"
    page = rendered(source, tmp_path, "proposal")
    word = laid_out(page, "docx:MS Word 2007 XML")
    assert 'w:rStyle w:val="Emphasis"' in zipfile.ZipFile(word).read("word/document.xml").decode()
    lines = read_source(word).lines
    title = next(line for line in lines if line.text.startswith("Further processing of personal data"))
    assert title.role == "emphasis"
    want, got = parse_file(page), parse_file(word)
    assert [(a.number, a.heading) for a in got.articles()] == [(a.number, a.heading) for a in want.articles()]
    assert all(c.type == "unchanged" for c in compare(want, got).changes)


def test_pdf_columns_hyphenation_and_page_furniture() -> None:
    from pdfminer.high_level import extract_text

    path = FIXTURES / "eu-ai-act-art1-7.pdf"
    raw = extract_text(str(path))
    broken = re.findall(r"([a-z]+)-\n([a-z]+)", raw)
    assert len(broken) >= 10  # the layout hyphenated words at line ends ...
    text = " ".join(l.text for l in read_source(path).lines)
    for head, tail in broken:
        assert head + tail in text  # ... and reading joined them again
    doc = parsed(path)
    furniture = [w.message for w in doc.warnings if w.code == "page-furniture"]
    assert any("Official Journal of the European Union" in m for m in furniture)
    assert "Official Journal" not in text


def test_chinese_pdf_keeps_chapters_and_invents_no_spaces(tmp_path: Path) -> None:
    # A real law laid out by a real engine: Markdown -> HTML (markdown-it) -> PDF (LibreOffice).
    # Chinese lines wrap anywhere, so a line ending 。 followed by 第四章 or 第五十一条 is a new
    # paragraph (as "Article 5" after a full stop is), and a line break inside a sentence is no
    # space: Chinese writes none.  Before, chapter headings were glued to the article above
    # them (its articles then "moved") and most articles read as formatting changes.
    source = CORPUS / "zh/beijing-local-legislation/01-revised-2017-01-20.md"  # dates in its articles
    page = rendered(source, tmp_path, "law")
    want, got = parse_file(source), parse_file(laid_out(page, "pdf"))
    assert [(c.num, c.heading) for c in got.body] == [(c.num, c.heading) for c in want.body]
    assert [a.number for a in got.articles()] == [a.number for a in want.articles()]
    # Every article reads exactly as in the Markdown: no space where a line wrapped, none that
    # pdfminer infers between the glyphs of two fonts (2024 年), and no paragraph joined or cut.
    assert [a.body_text() for a in got.articles()] == [a.body_text() for a in want.articles()]
    assert all(c.type == "unchanged" for c in compare(want, got).changes)


def test_a_chinese_title_that_pdftotext_wrapped_is_the_whole_title(tmp_path: Path) -> None:
    """A decision of the Shanghai people's congress laid out by LibreOffice, its title set large,
    then turned into a .txt by pdftotext: `上海市人民代表大会常务委员会关于进一步促进和保` /
    `障“一网通办”改革的决定`.  The title was the first line only, and the second opened the
    preamble."""
    source = DATA / "national-sample/DLC/上海地方法规/地方性法规/上海" / \
        "上海市人民代表大会常务委员会关于进一步促进和保障“一网通办”改革的决定(2021-06-23).md"
    pdf = laid_out(rendered(source, tmp_path, "decision"), "pdf")
    text = as_text(pdf)
    lines = text.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["上海市人民代表大会常务委员会关于进一步促进和保", "障“一网通办”改革的决定"]
    want, got = parse_file(source), parse_file(text)
    assert got.meta.title == want.meta.title == "上海市人民代表大会常务委员会关于进一步促进和保障“一网通办”改革的决定"
    assert not any("改革的决定" in line for block in got.front if block.role != "title" for line in block.lines)


def test_a_title_wraps_only_before_a_line_that_ends_as_a_title_does() -> None:
    # The same rule where the title is followed by articles (titles of the national corpus, as
    # pdftotext gives them); a title that has ended (…条例) is followed by its history, a line of
    # dates and numbers that does not go on with it.
    assert wrapped_title(["山东省人民代表大会代表建议、批评和意见办理工作", "条例",
                          "2001 年 12 月 7 日 山东省第九届人民代表大会常务委员会第二十四次会议通过"], 0) == \
        ("山东省人民代表大会代表建议、批评和意见办理工作条例", 2)
    # It may wrap inside the last word (若干规 / 定), or after a 法 that is not yet its end.
    assert wrapped_title(["上海市浦东新区建立高水平知识产权保护制度若干规", "定",
                          "2021 年 10 月 28 日 上海市第十五届人民代表大会常务委员会第三十六次会议通过"], 0) == \
        ("上海市浦东新区建立高水平知识产权保护制度若干规定", 2)
    assert wrapped_title(["最高人民法院关于审理环境侵权责任纠纷案件适用法", "律若干问题的解释",
                          "2015 年 2 月 9 日 最高人民法院审判委员会第 1644 次会议通过"], 0) == \
        ("最高人民法院关于审理环境侵权责任纠纷案件适用法律若干问题的解释", 2)
    assert wrapped_title(["最高人民法院 最高人民检察院关于办理非法从事资", "金支付结算业务、非法买卖外汇刑事案件适用法律若",
                          "干问题的解释", "2018 年 9 月 17 日 最高人民法院审判委员会第 1749 次会议、2018 年 12 月 12 日最高人民检"],
                         0) == ("最高人民法院 最高人民检察院关于办理非法从事资金支付结算业务、非法买卖外汇刑事案件适用法律若干问题的解释", 3)
    # A title printed twice (the national corpus's 外国中央银行财产司法强制措施豁免法: `# title`, then the
    # title again) is one title.
    assert wrapped_title(["中华人民共和国外国中央银行财产司法强制措施豁免法"] * 2, 0) == \
        ("中华人民共和国外国中央银行财产司法强制措施豁免法", 1)
    assert wrapped_title(["山东省人民代表大会代表建议、批评和意见办理工作条例",
                          "2001 年 12 月 7 日 山东省第九届人民代表大会常务委员会第二十四次会议通过"], 0) == \
        ("山东省人民代表大会代表建议、批评和意见办理工作条例", 1)


def test_pdf_keeps_headings_at_a_page_top_and_lines_that_hang_under_an_item(tmp_path: Path) -> None:
    # The Grundgesetz laid out by LibreOffice (no running heads at all): 'Art 2', 'Art 9' ... open
    # 15 of its 68 pages, and 'Das Nähere regelt ein Bundesgesetz.' ends two.  Read as furniture
    # (the same text, digits aside, in the top or bottom band of two pages), they were dropped,
    # and each article ran into the one before it (17 'merged').  Furniture is on many pages.
    source = CORPUS / "de/grundgesetz/03-stand-2020-09-29.md"
    page = rendered(source, tmp_path, "gg")
    want, got = parse_file(source), parse_file(laid_out(page, "pdf"))
    want_articles = {a.number: a for a in want.articles()}
    assert [w.message for w in got.warnings if w.code == "page-furniture"] == []
    assert [a.number for a in got.articles()] == [a.number for a in want.articles()]
    assert not [c for c in compare(want, got).changes if len(c.old) != 1 or len(c.new) != 1]  # no merge, no split
    # An item's second line hangs under its text, not its number: pdfminer boxes it apart, and it
    # is still the same item (the line above ran to the end of the column, no space between).
    article_73 = {a.number: a for a in got.articles()}["73"].body_text().splitlines()
    assert len(article_73) == len({a.number: a for a in want.articles()}["73"].body_text().splitlines())
    assert "1. die auswärtigen Angelegenheiten sowie die Verteidigung einschließlich des Schutzes der " \
        "Zivilbevölkerung;" in article_73
    # LibreOffice sets a two-digit label so wide that no space is left before its text
    # ('10.die Zusammenarbeit'): it is still item 10, after 9a, not text glued to its number.
    assert "10. die Zusammenarbeit des Bundes und der Länder" in article_73
    assert {a.number: a for a in got.articles()}["73"].body_text() == {a.number: a for a in want.articles()}["73"].body_text()
    # A long chapter heading set large wraps after a comma ('VIIIa. - Gemeinschaftsaufgaben,' /
    # 'Verwaltungszusammenarbeit'): one heading, not a heading and a line of Art 91's text.
    assert [(c.num, c.heading) for c in got.containers()] == [(c.num, c.heading) for c in want.containers()]
    # A line cut short because its next word is long ('... zuständigen' / 'Selbstverwaltungskörper-
    # schaften verwalten ...': the word would not have fit in the room left) is no paragraph end.
    assert {a.number: a for a in got.articles()}["90"].body_text() == {a.number: a for a in want.articles()}["90"].body_text()
    # A line that opens by naming a provision with one of its parts (`§ 6 Absatz 1 des
    # Gemeindeverkehrsfinanzierungsgesetzes ...`, Art 125c) cites it: no paragraph starts there.
    assert {a.number: a for a in got.articles()}["125c"].body_text() == \
        {a.number: a for a in want.articles()}["125c"].body_text()
    # The same inside a list item, whose lines hang indented: the room left is measured to the
    # column's right edge, not to the indented box's ('... und das Wohngeldrecht, das' /
    # 'Altschuldenhilferecht, ...' is one item 18 of Art 74, and item 19 is an item after it).
    items_74 = [line for line in {a.number: a for a in want.articles()}["74"].body_text().splitlines()
                if line.startswith(("18. ", "19. "))]
    assert len(items_74) == 2
    assert [line for line in {a.number: a for a in got.articles()}["74"].body_text().splitlines()
            if line.startswith(("18.", "19.", "Altschuldenhilferecht"))] == items_74
    # The same PDF as pdftotext gives it: `10.die Zusammenarbeit ...` (no space) after item 9a of
    # Art 73 opens item 10; it is not more text of item 9a.
    text = as_text(page.with_suffix(".pdf"))
    assert "ersucht;\n10.die Zusammenarbeit" in text.read_text(encoding="utf-8")
    lines_73 = {a.number: a for a in parse_file(text).articles()}["73"].body_text().splitlines()
    assert "10. die Zusammenarbeit des Bundes und der Länder" in lines_73
    # A page break inside item 10 b) leaves `(Verfassungsschutz) und` at a page top: it goes on
    # with the sentence (it opens with a bracket, and no label), so item 10's list stays open and
    # `11.die Statistik` after it is item 11.
    assert "11. die Statistik für Bundeszwecke;" in lines_73
    assert not any(line.startswith("(Verfassungsschutz)") for line in lines_73)
    # pdftotext ends a page with a blank line and a form feed: a paragraph the page cut in
    # mid-sentence is one paragraph (`... vollziehende Gewalt und` / page / `Rechtsprechung als ...`,
    # Art 1; `... in Gemeinschaft mit anderen` / page / `schriftlich ...`, Art 17, not its heading),
    # and so is a paragraph after a bare `Art 29` whose line ended with room left (`... der
    # Raumordnung und der` / `Landesplanung zu berücksichtigen.`): it opens with `(1)`, no heading.
    assert "und\n\n\fRechtsprechung als unmittelbar" in text.read_text(encoding="utf-8")
    from_text = {a.number: a for a in parse_file(text).articles()}
    assert [n for n in ("1", "17", "29", "79", "100") if from_text[n].body_text() != want_articles[n].body_text()] == []
    assert from_text["17"].heading == ""
    # A compound broken at its hyphen before a capital keeps the hyphen and takes no space.
    assert "Rheinland-Pfalz und Württemberg-Hohenzollern" in {a.number: a for a in got.articles()}["127"].body_text()
    text = " ".join(a.body_text() for a in got.articles())
    assert text.count("Das Nähere regelt ein Bundesgesetz.") == \
        " ".join(a.body_text() for a in want.articles()).count("Das Nähere regelt ein Bundesgesetz.")


def test_a_long_heading_that_pdftotext_wrapped_is_one_heading(tmp_path: Path) -> None:
    """The GmbHG laid out by LibreOffice, through pdftotext: a bold heading wraps at its own width
    (`Rechtsstellung bei Wechsel der Gesellschafter oder` / `Veränderung des Umfangs ...`, § 16;
    `... Teilhabe von` / `Frauen und Männern`, § 36).  A line that ends in a word no heading and
    no sentence ends with (`oder`, `von`) goes on, however much room it left; the second line
    was read as the article's first paragraph."""
    source = CORPUS / "de/gmbhg/02-stand-2021-05-04.md"
    text = as_text(laid_out(rendered(source, tmp_path, "gmbhg"), "pdf"))
    assert "Gesellschafter oder\nVeränderung des Umfangs" in text.read_text(encoding="utf-8")
    want = {a.number: a for a in parse_file(source).articles()}
    got = {a.number: a for a in parse_file(text).articles()}
    assert [(n, got[n].heading) for n in ("16", "36") if got[n].heading != want[n].heading] == []
    assert [n for n in ("16", "36") if got[n].body_text() != want[n].body_text()] == []
    # A list item may end so (`1. eine ... Handlung begeht ... oder` / `2. eine ...`): the next
    # label still opens the next item.
    assert got["86"].body_text() == want["86"].body_text()
    # A German list goes on with the sentence that introduces it, no colon (`... soweit diese
    # Bestimmung, ihr Fehlen oder ihre Nichtigkeit` / `1. Tatsachen ...`, § 9c): a first label
    # whose second follows a few lines on opens the list.
    assert "ihre Nichtigkeit\n1. Tatsachen" in text.read_text(encoding="utf-8")
    assert got["9c"].body_text() == want["9c"].body_text()


def test_pdf_keeps_the_hyphen_of_a_compound_broken_at_a_line_end(tmp_path: Path) -> None:
    # The EU AI Act proposal laid out by LibreOffice: 'high-risk' falls at a line end four times
    # ('high-' / 'risk').  Read as a word hyphenated by the layout it became 'highrisk'; the
    # document writes 'high-risk' inside lines 148 times, and so a compound, hyphen and all.
    source = CORPUS / "en/eu-ai-act/01-commission-proposal-2021-04-21.md"
    page = rendered(source, tmp_path, "proposal")
    pdf = laid_out(page, "pdf")
    lines = [line.text for line in read_source(pdf).lines]
    read = " ".join(lines)
    assert "highrisk" not in read and "highrisk" not in source.read_text(encoding="utf-8")
    assert read.count("high-risk") >= 150
    # A line ending in a citation's parenthesis ('as defined in Article 2(1)') has not ended its
    # sentence: the next line's '(c) of Regulation ...' is no point (c) of a list.
    assert not any(line.startswith("(c) of Regulation (EU) No 1025/2012") for line in lines)
    # Paragraphs 10 to 12 of Article 33 are laid out '10.Notified bodies ...' (a label too wide for
    # its column): paragraphs of their own, numbered as in the Markdown, not text of paragraph 9.
    got = {a.number: a for a in parse_file(pdf).articles()}
    want = {a.number: a for a in parsed(source).articles()}
    assert [c.num for c in got["33"].children] == [f"{k}." for k in range(1, 13)]
    assert got["33"].body_text() == want["33"].body_text()
    # A page that begins 'Article 65(5) ...' after one that ended '... referred to in' goes on with
    # the sentence (a cross-reference, no heading), in Articles 11, 43, 63 and 66.
    assert [number for number in ("11", "43", "63", "66") if got[number].body_text() != want[number].body_text()] == []
    # A compound the document writes only where a line ends ('over-' / 'relying', 're-' /
    # 'assessment', 'up-to-' / 'date') keeps its hyphen: the document writes 'relying' on its own
    # and never 'overrelying'.  Articles 14, 44 and 48 read as in the Markdown.
    assert [number for number in ("14", "44", "48") if got[number].body_text() != want[number].body_text()] == []
    assert "over-relying" in got["14"].body_text() and "up-to-date" in got["48"].body_text()


def test_text_that_pdftotext_made_of_a_pdf_reads_as_the_law(tmp_path: Path) -> None:
    """The AI Act laid out by LibreOffice, then turned into plain text by pdftotext (poppler), as a
    user turns a PDF into a .txt: every line wrapped, no blank line between paragraphs, a page
    break as a blank line and a form feed.  Two things read it wrongly:
    - a label set too wide for its column has no space (`10.For providers ...`, `11.Notified
      bodies ...`): after item 9 it opens item 10, not more text of item 9;
    - a page that opens `Article 38. They shall ...` after one that ended `... as referred to
      in` goes on with the sentence: a cross-reference, no new paragraph."""
    source = CORPUS / "en/eu-ai-act/04-adopted-regulation-2024-1689.md"
    pdf = laid_out(rendered(source, tmp_path, "ai-act"), "pdf")
    text = as_text(pdf)
    assert "\n10.For providers of high-risk AI systems" in text.read_text(encoding="utf-8")
    want = {a.number: a for a in parsed(source).articles()}
    got = {a.number: a for a in parse_file(text).articles()}
    assert list(got) == list(want)
    # Articles 9, 31 and 57 (lists past item 9, a page break inside a cross-reference) read as in
    # the Markdown, heading and text.  (pdftotext itself joins a word hyphenated at a line end,
    # `high-|risk` -> `highrisk`, in many others: that text is what the file holds.)
    assert [n for n in ("9", "31", "57") if (got[n].heading, got[n].body_text()) !=
            (want[n].heading, want[n].body_text())] == []
    # A list whose items end in `; or` / `;` is closed by the item that ends with a full stop at a
    # line's end: the line after it is a paragraph of its own (`(d) ... listed in Annex III.` /
    # `Notwithstanding the first subparagraph, ...`, Art 6; `(e) ... is correct.` / `The mandate
    # shall ...`, Art 22).  A quotation after `... is added:` opens its own (Art 102).  Pages with
    # no blank line between paragraphs leave nothing else to tell.
    assert "Annex III.\nNotwithstanding the first subparagraph" in text.read_text(encoding="utf-8")
    assert [n for n in ("6", "22", "102") if got[n].body_text() != want[n].body_text()] == []


def test_foreign_akn_is_reidentified_to_lawdiffs_conventions() -> None:
    path = FIXTURES / "gg-2012-chapter1.bluebell.xml"
    original = path.read_text(encoding="utf-8")
    assert 'eId="chp_I__art_1"' in original  # bluebell's own convention
    xml = akn.to_bytes(parsed(path)).decode("utf-8")
    assert 'eId="art_1"' in xml and 'eId="chp_1"' in xml and "chp_I__" not in xml
    assert 'eId="art_12a__para_1"' in xml
    doc = parsed(path)
    assert (doc.meta.country, doc.meta.lang, doc.meta.date) == ("de", "deu", "2012-07-11")


def test_lawdiffs_own_akn_reads_back_exactly() -> None:
    doc = parsed(GG / "02-stand-2012-07-11.md")
    data = akn.to_bytes(doc)
    again = parse_source(read_bytes(data, "gg.xml"))
    assert akn.to_bytes(again) == data


# -- USLM and GPO bill XML ----------------------------------------------------------------------
def test_uslm_sections_subsections_paragraphs() -> None:
    doc = parsed(US / "us-hjres37-116/02-referred-in-senate.xml")
    sec1 = doc.articles()[0]
    assert (sec1.num, sec1.number, sec1.heading) == ("SECTION 1.", "1", "FINDINGS.")
    intro = sec1.children[0]
    assert intro.text == "Congress finds the following:" and [p.num for p in intro.children][:2] == ["(1)", "(2)"]
    assert (doc.meta.country, doc.meta.lang, doc.meta.version) == ("us", "eng", "Referred in Senate")
    assert doc.meta.date == "2019-02-14"  # SOURCES.md: received in Senate 2019-02-14
    assert next(b for b in doc.front if b.role == "title").lines[0].startswith("Directing the removal")


def test_gpo_bill_xml_appropriations_and_undesignated_section() -> None:
    doc = parsed(US / "us-hr8752-118/01-reported-in-house.xml")
    first = doc.articles()[0]
    assert first.number == "" and "That the following sums are appropriated" in first.body_text()
    titles = doc.containers()
    assert [t.num for t in titles] == ["I", "II", "III", "IV", "V"] and titles[1].number == "2"
    heads = [n for t in titles for n in t.children if n.kind == "hcontainer"]
    assert heads[0].name == "appropriations-major"
    assert doc.meta.date == "2024-06-14" and doc.meta.stage == "reading"


def test_gpo_doctype_is_not_loaded_and_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    data = (US / "us-hr8752-118/01-reported-in-house.xml").read_bytes()
    hostile = data.replace(b'"bill.dtd">', f'"bill.dtd" [<!ENTITY xx SYSTEM "{secret.as_uri()}">]>'.encode(), 1)
    hostile = hostile.replace(b"<legis-num>", b"<legis-num>&xx;", 1)
    try:
        doc = parse_source(read_bytes(hostile, "hostile.xml"))
    except LawdiffError:
        return  # refusing is fine too
    assert "TOP-SECRET" not in akn.to_bytes(doc).decode("utf-8")


# -- HTML -------------------------------------------------------------------------------------------
def test_eurlex_rows_are_lines_and_head_and_scripts_are_not_text() -> None:
    path = AI / "04-adopted-regulation-2024-1689.eurlex.html"
    lines = read_source(path).lines
    texts = [l.text for l in lines]
    assert "(a) harmonised rules for the placing on the market, the putting into service, and the use of AI " \
        "systems in the Union;" in texts
    assert not any("fmx.xml" in t or "generateTOC" in t for t in texts)  # <title>, <script>
    assert any(l.text == "Article 5" and l.heading_level for l in lines)
    assert any(l.text == "Prohibited AI practices" and l.role == "heading" for l in lines)


def test_plain_html_page_with_headings(tmp_path: Path) -> None:
    doc = parsed(GG / "01-stand-2010-07-21.md")
    parts = ["<html><head><title>GG</title><style>p{}</style></head><body>"]
    for chapter in doc.body[:2]:
        parts.append(f"<h2>{chapter.num} {chapter.heading}</h2>")
        for art in chapter.children[:5]:
            parts.append(f"<h3>{art.num}</h3>")
            for para in art.children:
                parts.append(f"<p>{para.num} {para.text}</p>")
                if para.children:
                    parts.append("<ol>" + "".join(f"<li>{p.num} <b>{p.text}</b></li>" for p in para.children) + "</ol>")
    parts.append("</body></html>")
    page = tmp_path / "gg.html"
    page.write_text("\n".join(parts), encoding="utf-8")
    got = parse_file(page)
    want = [a for chapter in doc.body[:2] for a in chapter.children[:5]]
    assert [a.number for a in got.articles()] == [a.number for a in want]
    assert [squeeze(a.body_text()) for a in got.articles()] == [squeeze(a.body_text()) for a in want]
    assert_lossless(akn.to_bytes(got), page)


def test_preformatted_html_keeps_its_lines(tmp_path: Path) -> None:
    # A plain-text law saved as HTML is one <pre> (LibreOffice's .txt -> .html writes that):
    # its newlines are line breaks, so it parses as the text file does, article for article.
    source = CORPUS / "zh/civil-code/01-adopted-2020-05-28.txt"
    text = source.read_text(encoding="utf-8")
    page = tmp_path / "civil-code.html"
    page.write_text(f"<html><body><p>前言</p><pre class=\"western\">{html.escape(text)}</pre></body></html>",
                    encoding="utf-8")
    want, got = parse_file(source), parse_file(page)
    assert len(got.articles()) == len(want.articles()) == 1260
    assert [(a.number, a.body_text()) for a in got.articles()] == [(a.number, a.body_text()) for a in want.articles()]
    assert read_source(page).lines[0].text == "前言"  # the text before the <pre> is a line of its own
    assert_lossless(akn.to_bytes(got), page)
    # Only the <pre>'s own text is preformatted: the text after it (its tail) flows as usual.
    small = tmp_path / "small.html"
    small.write_text("<body><pre>a\n<b>b\nc</b></pre>d\ne</body>", encoding="utf-8")
    assert [line.text for line in read_source(small).lines] == ["a", "b", "c", "d e"]


def test_numbered_html_lists_keep_the_numbers_a_reader_sees(tmp_path: Path) -> None:
    # markdown-it renders the GmbHG's `1.  die Firma ...` items as <ol><li><p>die Firma ...: the
    # numbers are no text of the page, but a reader sees and cites them.  Before, they were
    # lost and every item ran into the paragraph above it (15 sections "modified").
    source = CORPUS / "de/gmbhg/02-stand-2021-05-04.md"
    page = rendered(source, tmp_path, "gmbhg")
    want, got = parse_file(source), parse_file(page)
    assert [a.number for a in got.articles()] == [a.number for a in want.articles()]
    assert [squeeze(a.body_text()) for a in got.articles()] == [squeeze(a.body_text()) for a in want.articles()]
    assert all(c.type == "unchanged" for c in compare(want, got).changes)
    assert_lossless(akn.to_bytes(got), page)
    # The browser's rules: start, reversed, an item's value, the list's or the item's type.
    small = tmp_path / "lists.html"
    small.write_text('<body><ol start="3"><li>c</li><li value="7">g</li><li>h</li></ol>'
                     '<ol type="a"><li><p>x</p><p>x2</p></li><li type="i">y</li></ol>'
                     '<ol reversed><li>r</li><li>s</li></ol><ul><li>bullet</li></ul></body>', encoding="utf-8")
    assert [line.text for line in read_source(small).lines] == \
        ["3. c", "7. g", "8. h", "a. x", "x2", "ii. y", "2. r", "1. s", "bullet"]


# -- Markdown variants ------------------------------------------------------------------------------
def test_markdown_yaml_header_emphasis_escapes_and_spans() -> None:
    gg = read_source(GG / "01-stand-2010-07-21.md").lines
    assert [l.text for l in gg if l.role == "frontmatter" and l.text] == \
        ["Title: Grundgesetz für die Bundesrepublik Deutschland", "jurabk: GG", "layout: default", "origslug: gg",
         "slug: gg"]
    escaped = next(l for l in gg if l.text.startswith("1. Oktober 1969"))  # `1\. Oktober` in the file
    assert escaped.role == ""  # an escaped number is not a list item
    proposal = read_source(AI / "01-commission-proposal-2021-04-21.md").lines
    assert any(l.text == "Article 7 Amendments to Annex III" and l.role == "emphasis" for l in proposal)
    assert any(l.text == "Chapter 2" and l.heading_level == 2 for l in proposal)  # `[Chapter 2]{.smallcaps}`
    council = read_source(AI / "03-council-general-approach-2022-12-06.md").lines
    assert any(l.text == "Article 24 [deleted]" for l in council)  # `*Article 24 \[deleted\]*`
    assert not any("```" in l.text or "<!--" in l.text for l in proposal + council)


# -- encodings and bad input ------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_german_text_in_other_encodings_parses_the_same(encoding: str) -> None:
    path = GG / "02-stand-2012-07-11.md"
    text = path.read_text(encoding="utf-8")
    data = text.encode(encoding) if encoding != "utf-16-le" else text.encode("utf-16-le")
    doc = parse_source(read_bytes(data, path.name))
    assert [squeeze(a.all_text()) for a in doc.articles()] == [squeeze(a.all_text()) for a in parsed(path).articles()]


def _corrupt_docx() -> bytes:
    data = (FIXTURES / "gg-2012-excerpt.docx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                dst.writestr(item, src.read(item.filename))
    return out.getvalue()


@pytest.mark.parametrize("name,data,fmt", [
    ("broken.docx", lambda: _corrupt_docx(), None),
    ("truncated.pdf", lambda: (FIXTURES / "eu-ai-act-art1-7.pdf").read_bytes()[:900], None),
    ("notes.xml", lambda: b"<?xml version='1.0'?><notes><p>hello</p></notes>", "akn"),
    ("notes.xml", lambda: b"<?xml version='1.0'?><notes><p>hello</p></notes>", "uslm"),
    ("bad.xml", lambda: b"<?xml version='1.0'?><akomaNtoso><act>", None),
    ("image.docx", lambda: codecs.BOM_UTF8 + bytes(range(256)) * 4, "docx"),
], ids=["docx-without-document", "truncated-pdf", "not-akn", "not-uslm", "broken-xml", "not-a-zip"])
def test_bad_input_is_one_clear_error(name: str, data, fmt: str | None) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LawdiffError) as info:
        parse_source(read_bytes(data(), name, fmt))
    assert "\n" not in str(info.value)


def test_cli_format_and_lang_override(tmp_path: Path) -> None:
    page = tmp_path / "gg.txt"  # an HTML page saved with the wrong suffix
    page.write_text("<html><body><h2>I. - Die Grundrechte</h2><h3>Art 1</h3>"
                    "<p>(1) Die Würde des Menschen ist unantastbar.</p></body></html>", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["parse", str(page), "--input-format", "html", "--lang", "deu"])
    assert result.exit_code == 0, result.output
    root = etree.fromstring(result.stdout_bytes)
    ns = {"a": AKN_NS}
    assert root.find(".//a:FRBRlanguage", ns).get("language") == "deu"
    assert root.find(".//a:article/a:num", ns).text == "Art 1"
    bad = runner.invoke(main, ["parse", str(FIXTURES / "fixtures.json"), "--input-format", "pdf"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_chinese_law_as_web_page_and_word_file_parses_like_its_markdown() -> None:
    import html

    import docx

    path = CORPUS / "zh/supervision-law/01-adopted-2018-03-20.md"
    lines = [l for l in read_source(path).lines if l.text.strip()]
    want = [squeeze(a.all_text()) for a in parsed(path).articles()]
    page = "<html><body>" + "".join(
        f"<h{l.heading_level}>{html.escape(l.text)}</h{l.heading_level}>" if l.heading_level
        else f"<p>{html.escape(l.text)}</p>" for l in lines) + "</body></html>"
    from_html = parse_source(read_bytes(page.encode("utf-8"), "law.html"))
    word = docx.Document()
    for l in lines:
        word.add_paragraph(l.text, style=f"Heading {l.heading_level}" if l.heading_level else None)
    buffer = io.BytesIO()
    word.save(buffer)
    from_docx = parse_source(read_bytes(buffer.getvalue(), "law.docx"))
    for doc in (from_html, from_docx):
        assert doc.meta.lang == "zho"
        assert [squeeze(a.all_text()) for a in doc.articles()] == want
