"""English and German laws: structure, counts, nothing lost, valid AKN, and diffs that make sense.

Every expectation comes from the corpus itself (SOURCES.md, the files' own headings) or
from the law (which articles an amendment added); nothing here is a parser's output
copied back.
"""

from __future__ import annotations

import copy
import re
import textwrap
from functools import lru_cache
from pathlib import Path

import pytest
from lxml import etree

from helpers import CORPUS, as_wrapped_text, assert_lossless, sources_article_counts
import lawdiff.akn.reader as reader
import lawdiff.akn.writer as akn
from lawdiff.compare.differ import compare
from lawdiff.model import Document, SourceLine
from lawdiff.model import Meta
from lawdiff.akn.load import parse_file, parse_source
from lawdiff.parse.latin import parse_lines
from lawdiff.parse.latin_markers import heading_like
from lawdiff.text.dates import find_dates
from lawdiff.text.numbers import eid_number
from lawdiff.ingest.registry import read_bytes, read_source
from lawdiff.ingest.source import squeeze
from lawdiff.akn.schema import validation_errors

GG = CORPUS / "de/grundgesetz"
AI = CORPUS / "en/eu-ai-act"
LATIN = sorted(p for p in (CORPUS / "de").rglob("*") if p.is_file()) + \
    sorted(p for p in (CORPUS / "en").rglob("*") if p.is_file())


@lru_cache(maxsize=None)
def parsed(path: Path) -> Document:
    return parse_file(path)


@lru_cache(maxsize=None)
def stored(path: Path) -> Document:
    """The version as the repository keeps it: parsed, written as AKN, read back."""
    return reader.from_bytes(akn.to_bytes(parsed(path)))


def ids(value: object) -> str:
    return value.name if isinstance(value, Path) else str(value)


# -- every corpus file: counts, nothing lost, valid AKN -------------------------------------
COUNTS = {**sources_article_counts("de"), **sources_article_counts("en")}


def test_sources_md_states_a_count_for_every_latin_file() -> None:
    assert sorted(COUNTS) == LATIN


@pytest.mark.parametrize("path,count", sorted(COUNTS.items()), ids=ids)
def test_article_counts_match_sources(path: Path, count: int) -> None:
    doc = parsed(path)
    assert len(doc.articles()) == count
    numbered = [a.number for a in doc.articles() if a.number]
    assert len(set(numbered)) == len(numbered), "article numbers must be unique"


@pytest.mark.parametrize("path", LATIN, ids=ids)
def test_nothing_lost_and_valid_akn(path: Path) -> None:
    doc = parsed(path)
    assert validation_errors(akn.to_xml(doc)) == []
    assert_lossless(akn.to_bytes(doc), path)


def test_language_is_recorded_in_frbr() -> None:
    for path, lang in ((GG / "01-stand-2010-07-21.md", "deu"), (AI / "04-adopted-regulation-2024-1689.md", "eng")):
        xml = akn.to_bytes(parsed(path)).decode("utf-8")
        assert f'<FRBRlanguage language="{lang}"/>' in xml


# -- German: the Grundgesetz ----------------------------------------------------------------
def test_grundgesetz_articles_are_the_files_art_headings() -> None:
    for path in sorted(GG.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        headings = re.findall(r"^### Art (\w+)", text, re.M)
        assert [a.number for a in parsed(path).articles()] == headings


def test_grundgesetz_chapters_keep_roman_num_and_arabic_eid() -> None:
    doc = parsed(GG / "01-stand-2010-07-21.md")
    chapters = doc.containers()
    printed = re.findall(r"^## ([IVX]+ ?a?\.) - ", (GG / "01-stand-2010-07-21.md").read_text(encoding="utf-8"), re.M)
    assert [c.num.rstrip(" -") for c in chapters] == printed
    by_num = {c.num.rstrip(" -"): c.number for c in chapters}
    assert by_num["IV a."] == "4a" and by_num["VIIIa."] == "8a" and by_num["XI."] == "11"
    xml = akn.to_bytes(doc).decode("utf-8")
    assert 'eId="chp_4a"' in xml and "<num>IV a. -</num>" in xml


def test_grundgesetz_absaetze_nummern_and_yaml_header() -> None:
    doc = parsed(GG / "02-stand-2012-07-11.md")
    art93 = next(a for a in doc.articles() if a.number == "93")
    para1 = art93.children[0]
    assert (para1.kind, para1.num) == ("paragraph", "(1)")
    assert [p.num for p in para1.children][-3:] == ["4b.", "4c.", "5."]
    assert all(p.kind == "point" for p in para1.children)
    front = {b.role: b.lines for b in doc.front}
    assert front["frontMatter"][0] == "Title: Grundgesetz für die Bundesrepublik Deutschland"
    assert front["title"] == ["Grundgesetz für die Bundesrepublik Deutschland (GG)"]
    assert front["preamble"][0] == "Eingangsformel"
    assert doc.meta.date == "2012-07-11"  # "Zuletzt geändert durch Art. 1 G v. 11.7.2012"
    assert doc.attachments and doc.attachments[0].heading == "Anhang EV"


def test_german_buchstaben_under_nummern() -> None:
    # Art. 91a GG: "(1) ... 1. Verbesserung ..." is a paragraph with Nummern
    doc = parsed(GG / "03-stand-2020-09-29.md")
    for art in doc.articles():
        for node in art.walk():
            if node.kind == "point" and re.match(r"^[a-z]\)$", node.num):
                assert node.number == node.num[0]


# -- English: the EU AI Act -----------------------------------------------------------------
def test_adopted_ai_act_markdown_and_eurlex_give_the_same_113_articles() -> None:
    md = parsed(AI / "04-adopted-regulation-2024-1689.md")
    html = parsed(AI / "04-adopted-regulation-2024-1689.eurlex.html")
    assert [a.number for a in md.articles()] == [a.number for a in html.articles()] == \
        [str(n) for n in range(1, 114)]
    assert [a.heading for a in md.articles()] == [a.heading for a in html.articles()]
    assert [(c.kind, c.num, c.heading) for c in md.containers()] == \
        [(c.kind, c.num, c.heading) for c in html.containers()]
    same = [a.number for a, b in zip(md.articles(), html.articles()) if squeeze(a.all_text()) == squeeze(b.all_text())]
    # The Markdown was extracted from this very page by a script that drops a point which
    # has sub-points of its own; every other article is identical, character for character.
    for a, b in zip(md.articles(), html.articles()):
        if a.number not in same:
            assert len(squeeze(a.all_text())) < len(squeeze(b.all_text()))
            assert squeeze(a.all_text())[:40] == squeeze(b.all_text())[:40]
    assert len(same) >= 100


def test_ai_act_chapters_sections_and_nested_points() -> None:
    doc = parsed(AI / "04-adopted-regulation-2024-1689.eurlex.html")
    chapter3 = next(c for c in doc.containers() if c.num == "CHAPTER III")
    assert chapter3.kind == "chapter" and chapter3.number == "3"
    assert [s.num for s in chapter3.children if s.kind == "section"] == [f"SECTION {n}" for n in range(1, 6)]
    art5 = next(a for a in doc.articles() if a.number == "5")
    para1 = art5.children[0]
    assert para1.num == "1." and [p.num for p in para1.children if p.kind == "point"] == \
        [f"({c})" for c in "abcdefgh"]
    h = next(p for p in para1.children if p.num == "(h)")
    assert [p.num for p in h.children] == ["(i)", "(ii)", "(iii)"]  # Roman under (h), not the letter i
    assert art5.heading == "Prohibited AI practices"


def test_recitals_are_the_preamble_not_articles() -> None:
    doc = parsed(AI / "04-adopted-regulation-2024-1689.md")
    preamble = next(b for b in doc.front if b.role == "preamble")
    recitals = [line for line in preamble.lines if re.match(r"^\(\d+\) ", line)]
    assert [int(r[1:r.index(")")]) for r in recitals] == list(range(1, 181))  # SOURCES.md: 180 recitals
    assert preamble.lines[-1] == "HAVE ADOPTED THIS REGULATION:"
    proposal = parsed(AI / "01-commission-proposal-2021-04-21.md")
    first = next(b for b in proposal.front if b.role == "preamble")
    assert sum(1 for line in first.lines if re.match(r"^\(\d+\) ", line)) == 89  # SOURCES.md: 89 recitals


def test_conclusions_and_annexes_follow_the_last_article() -> None:
    doc = parsed(AI / "04-adopted-regulation-2024-1689.eurlex.html")
    conclusions = next(n for n in doc.body if n.kind == "hcontainer" and n.name == "conclusions")
    assert conclusions.text.startswith("This Regulation shall be binding in its entirety")
    assert [a.heading.split()[1] for a in doc.attachments] == \
        "I II III IV V VI VII VIII IX X XI XII XIII".split()  # SOURCES.md: 13 annexes
    proposal = parsed(AI / "01-commission-proposal-2021-04-21.md")
    assert proposal.articles()[-1].number == "85"
    assert proposal.attachments[0].heading == "LEGISLATIVE FINANCIAL STATEMENT"


def _articles_by_container(doc: Document, kind: str) -> dict[str, list[str]]:
    return {c.num: [a.number for a in c.walk() if a.kind == "article"] for c in doc.containers() if c.kind == kind}


def test_proposal_plain_title_lines_open_titles_in_sequence() -> None:
    # The proposal sets most titles apart (`# TITLE IV`) but prints `TITLE V`, `TITLE VII` as
    # plain lines and runs two headings together: `TITLE VI GOVERNANCE CHAPTER 1`, and
    # `HIGH-RISK AI SYSTEMS CHAPTER 1` (the line after `# TITLE III`).  Which articles each
    # title holds was read off the file by hand (its TITLE lines and `*Article N*` lines).
    doc = parsed(AI / "01-commission-proposal-2021-04-21.md")
    spans = {"I": (1, 4), "II": (5, 5), "III": (6, 51), "IV": (52, 52), "V": (53, 55), "VI": (56, 59),
             "VII": (60, 60), "VIII": (61, 68), "IX": (69, 69), "X": (70, 72), "XI": (73, 74), "XII": (75, 85)}
    assert _articles_by_container(doc, "title") == \
        {f"TITLE {t}": [str(n) for n in range(a, b + 1)] for t, (a, b) in spans.items()}
    titles = {c.num: c for c in doc.containers() if c.kind == "title"}
    assert titles["TITLE VI"].heading == "GOVERNANCE"
    assert [(c.num, c.heading, [a.number for a in c.children if a.kind == "article"])
            for c in titles["TITLE VI"].children if c.kind == "chapter"] == [
        ("CHAPTER 1", "European Artificial Intelligence Board", ["56", "57", "58"]),
        ("CHAPTER 2", "NATIONAL COMPETENT AUTHORITIES", ["59"])]
    assert titles["TITLE III"].heading == "HIGH-RISK AI SYSTEMS"
    first = titles["TITLE III"].children[0]
    assert (first.kind, first.num, first.heading, [a.number for a in first.children]) == \
        ("chapter", "CHAPTER 1", "CLASSIFICATION OF AI SYSTEMS AS HIGH-RISK", ["6", "7"])


def _marked(texts: list[str]) -> Document:
    """Article headings set apart (italics), the first title a heading, other lines plain: as in the proposal."""
    lines = [SourceLine(t, i, heading_level=1 if i == 1 else 0, role="emphasis" if t.startswith("Article ") else "")
             for i, t in enumerate(texts, start=1)]
    return parse_lines(lines, Meta(lang="eng", source_format="lines"))


def test_plain_container_lines_need_the_sequence_to_confirm_them() -> None:
    text = "Member States shall designate national competent authorities."  # proposal, Article 59
    doc = _marked(["TITLE I", "GENERAL", "Article 1", text, "Article 2", text, "Article 3", text,
                   "TITLE II GOVERNANCE CHAPTER 1", "Article 4", text,
                   "TITLE IV", "Article 5", text,  # skips TITLE III: not a heading here
                   "TITLE III AMENDMENTS TO CHAPTER 1", "Article 6", text,  # a reference, not a chapter
                   "CHAPTER 3", "Article 7", text])  # chapter 1 of title III was never opened
    assert [(c.kind, c.num, c.heading) for c in doc.containers()] == [
        ("title", "TITLE I", "GENERAL"), ("title", "TITLE II", "GOVERNANCE"), ("chapter", "CHAPTER 1", ""),
        ("title", "TITLE III", "AMENDMENTS TO CHAPTER 1")]
    assert _articles_by_container(doc, "title") == {
        "TITLE I": ["1", "2", "3"], "TITLE II": ["4", "5"], "TITLE III": ["6", "7"]}
    kept = [n.text for top in doc.body for n in top.walk() if n.kind == "hcontainer"]  # kept as text, in place
    assert "TITLE IV" in kept and "CHAPTER 3" in kept


def test_council_text_keeps_deleted_articles_and_lettered_ones() -> None:
    doc = parsed(AI / "03-council-general-approach-2022-12-06.md")
    deleted = [a.number for a in doc.articles() if a.heading == "[deleted]"]
    assert len(deleted) == 4  # SOURCES.md: 98 headings, 4 marked [deleted]
    assert {"4a", "4b", "4c"} <= {a.number for a in doc.articles()}
    assert 'eId="art_4a"' in akn.to_bytes(doc).decode("utf-8")


# -- small cases, built from lines of the corpus --------------------------------------------
def _lines(texts: list[str], fmt: str = "text") -> Document:
    return parse_lines([SourceLine(t, i) for i, t in enumerate(texts, start=1)], Meta(lang="eng", source_format=fmt))


def test_article_heading_on_the_next_line_and_sentence_starting_with_article() -> None:
    lines = (AI / "01-commission-proposal-2021-04-21.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("*Article 6*")
    # the corpus lines, with Markdown markup stripped as plain text would carry them
    texts = [line.strip("*") for line in lines[start:start + 12] if line.strip()]
    doc = _lines(texts)
    art = doc.articles()[0]
    assert (art.num, art.heading) == ("Article 6", "Classification rules for high-risk AI systems")
    sentence = "Article 18 of Regulation (EU) 2019/1020 shall apply mutatis mutandis to the providers of the " \
        "general-purpose AI model, without prejudice to more specific procedural rights provided for in this Regulation."
    assert sentence in (AI / "04-adopted-regulation-2024-1689.md").read_text(encoding="utf-8")
    doc = _lines(texts + [sentence])
    assert len(doc.articles()) == 1 and sentence in doc.articles()[0].body_text()


def test_us_style_sections_are_articles_when_no_article_word_is_used() -> None:
    # the printed lines of H.J.Res. 37 (num and heading as GPO prints them)
    texts = ["SECTION 1. FINDINGS.", "Congress finds the following:",
             "(1) Congress has the sole power to declare war under article I, section 8, clause 11 of the United States Constitution.",
             "SEC. 2. REMOVAL OF UNITED STATES ARMED FORCES FROM HOSTILITIES IN THE REPUBLIC OF YEMEN THAT HAVE NOT BEEN AUTHORIZED BY CONGRESS."]
    doc = _lines(texts, "lines")
    assert [(a.num, a.number) for a in doc.articles()] == [("SECTION 1.", "1"), ("SEC. 2.", "2")]
    assert doc.articles()[0].heading == "FINDINGS."


def test_number_helpers() -> None:
    assert [eid_number(x) for x in ("IV", "IV a", "VIIIa", "12A", "Zweiter", "XI")] == ["4", "4a", "8a", "12a", "2", "11"]
    assert find_dates("Art. 1 G v. 21.7.2010 I 944; of 13 June 2024; June 14, 2024") == \
        ["2010-07-21", "2024-06-13", "2024-06-14"]


# -- diffs on the real pairs ------------------------------------------------------------------
def _report(old: Path, new: Path):  # type: ignore[no-untyped-def]
    return compare(stored(old), stored(new))


def test_grundgesetz_2010_to_2012_reports_only_article_93_and_the_header() -> None:
    result = _report(GG / "01-stand-2010-07-21.md", GG / "02-stand-2012-07-11.md")
    changed = [(c.type, [i.number for i in c.old], [i.number for i in c.new]) for c in result.changes if c.is_amendment]
    assert changed == [("modified", ["93"], ["93"])]
    assert result.notes_changed and not result.structure  # the "Zuletzt geändert durch" line


def test_grundgesetz_2012_to_2020_reports_the_five_new_articles_as_added() -> None:
    result = _report(GG / "02-stand-2012-07-11.md", GG / "03-stand-2020-09-29.md")
    added = {i.number for c in result.changes if c.type == "added" for i in c.new}
    assert {"104c", "104d", "143e", "143f", "143g"} <= added


def test_grundgesetz_2012_to_2020_reports_no_other_article_as_added() -> None:
    # Art. 49, 59a and 142a are repealed in both: "-" in 2012, "(weggefallen)" in 2020 -- a change, not new articles
    result = _report(GG / "02-stand-2012-07-11.md", GG / "03-stand-2020-09-29.md")
    added = {i.number for c in result.changes if c.type == "added" for i in c.new}
    assert added == {"104c", "104d", "143e", "143f", "143g"}


def test_hjres37_reported_to_referred_reports_the_added_section() -> None:
    us = CORPUS / "en/us-hjres37-116"
    result = _report(us / "01-reported-in-house.xml", us / "02-referred-in-senate.xml")
    added = [c for c in result.changes if c.type == "added"]
    assert len(added) == 1 and added[0].new[0].number == "4"
    assert added[0].new[0].heading.startswith("RULE OF CONSTRUCTION REGARDING INTELLIGENCE SHARING")
    assert not [c for c in result.changes if c.type == "removed"]
    renumbered = [(c.old[0].number, c.new[0].number) for c in result.changes if c.renumbered]
    assert renumbered == [("4", "5"), ("5", "6")]


def test_ai_act_proposal_to_adopted_aligns_renumbered_articles() -> None:
    result = _report(AI / "01-commission-proposal-2021-04-21.md", AI / "04-adopted-regulation-2024-1689.eurlex.html")
    # Every (old, new) of a change: adopted Art. 18 merges proposal Art. 50 (document retention)
    # with paragraph 2 of proposal Art. 18 (financial institutions keep the documentation).
    pairs = {(a.number, b.number) for c in result.changes for a in c.old for b in c.new}
    # Successors by subject, checked by hand against both texts (headings in brackets):
    known = {
        ("52", "50"),  # Transparency obligations
        ("71", "99"),  # Penalties
        ("72", "100"),  # Administrative fines on Union institutions
        ("73", "97"),  # Exercise of the delegation
        ("74", "98"),  # Committee procedure
        ("50", "18"),  # Documentation keeping
        ("26", "23"),  # Obligations of importers
        ("27", "24"),  # Obligations of distributors
        ("62", "73"),  # Reporting of serious incidents
        ("69", "95"),  # Codes of conduct
        ("75", "102"),  # Amendment to Regulation (EC) No 300/2008
    }
    assert known <= pairs


def test_ai_act_articles_that_grew_or_were_rewritten_in_place_are_modified() -> None:
    # Proposal Art. 40 (one sentence on harmonised standards) became three paragraphs; Art. 41
    # (common specifications) was rewritten under the same heading; Art. 51 (Registration) is
    # adopted Art. 49.  Same subject and place, checked by hand against both texts.
    result = _report(AI / "01-commission-proposal-2021-04-21.md", AI / "04-adopted-regulation-2024-1689.md")
    pairs = {(c.old[0].number, c.new[0].number): c.type for c in result.changes if c.old and c.new}
    assert pairs.get(("40", "40")) == pairs.get(("41", "41")) == "modified"
    assert ("51", "49") in pairs
    alone = {(c.type, a.number) for c in result.changes if not (c.old and c.new) for a in c.old + c.new}
    assert not alone & {("removed", "40"), ("removed", "41"), ("added", "40"), ("added", "41")}


# -- plain text: the same law without any markup ------------------------------------------------
def _plain(path: Path, extra_before_body: list[str] | None = None) -> Document:
    """The file's text as a plain .txt would carry it: Markdown markup removed, lines kept."""
    lines = [l.text for l in read_source(path).lines]
    if extra_before_body:
        first = next(i for i, l in enumerate(read_source(path).lines) if l.heading_level == 2 and
                     re.match(r"^I\. ", l.text))
        lines = lines[:first] + extra_before_body + [""] + lines[first:]
    return parse_source(read_bytes("\n".join(lines).encode("utf-8"), path.stem + ".txt"))


def test_plain_text_rendering_gives_the_same_articles_and_chapters() -> None:
    path = GG / "01-stand-2010-07-21.md"
    md, txt = parsed(path), _plain(path)
    assert [a.number for a in txt.articles()] == [a.number for a in md.articles()]
    assert [(c.num, c.heading) for c in txt.containers()] == [(c.num, c.heading) for c in md.containers()]
    # Only where a `###` heading that is neither an article nor an annex heading followed an
    # article does plain text (which has no heading markup) keep that line as the article's text.
    lines = path.read_text(encoding="utf-8").splitlines()
    expected: set[str] = set()
    current = ""
    for line in lines:
        match = re.match(r"^### Art (\w+)", line)
        if match:
            current = match.group(1)
        elif line.startswith("### ") and current and not re.match(r"^### (Anhang|Anlage)\b", line):
            expected.add(current)
    differing = {a.number for a, b in zip(md.articles(), txt.articles()) if squeeze(a.all_text()) != squeeze(b.all_text())}
    assert differing == expected


def test_a_table_of_contents_is_front_matter_not_articles() -> None:
    path = GG / "01-stand-2010-07-21.md"
    md = parsed(path)
    toc = ["Inhaltsübersicht", ""] + [line for chapter in md.body for line in
                                      [f"{chapter.num} {chapter.heading}"] +
                                      [a.num for a in chapter.children if a.kind == "article"]]
    doc = _plain(path, toc)
    assert [a.number for a in doc.articles()] == [a.number for a in md.articles()]
    block = next(b for b in doc.front if b.role == "toc")
    assert block.lines[1] == "Art 1" and len(block.lines) == len(toc) - 2
    assert any(w.code == "toc" for w in doc.warnings)


# -- every section heading form is a section -----------------------------------------------
GMBHG = CORPUS / "de/gmbhg"
# A section (article) heading as each kind of file prints it, counted without the parser: Markdown
# heading lines (`### § 1`, `### Art 12a`, `### Article 5`), pandoc's emphasised heading lines
# (`*Article 6 Classification rules*`), EUR-Lex's article titles, USLM `<section>` elements.
MD_HEADING = re.compile(r"^(?:#{1,6}[ \t]+(?:Art|Article|§)[ \t]*\d|\*Article[ \t]+\d+[a-z]*\b[^*\n]*\*[ \t]*$)", re.M)


def headings_in_file(path: Path) -> int:
    if path.suffix == ".md":
        return len(MD_HEADING.findall(path.read_text(encoding="utf-8")))
    if path.suffix == ".html":
        return path.read_text(encoding="utf-8").count('class="oj-ti-art"')
    root = etree.parse(str(path)).getroot()
    return sum(1 for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname == "section")


@pytest.mark.parametrize("path", LATIN, ids=ids)
def test_article_count_equals_the_headings_in_the_file(path: Path) -> None:
    assert len(parsed(path).articles()) == headings_in_file(path)


def test_gmbhg_sections_are_its_headings_semicolon_ones_included() -> None:
    for path, count in ((GMBHG / "01-stand-2011-12-22.md", 120), (GMBHG / "02-stand-2021-05-04.md", 124)):
        text = path.read_text(encoding="utf-8")
        headings = re.findall(r"^### § (\w+) +(.*)$", text, re.M)
        doc = parsed(path)
        assert len(doc.articles()) == len(headings) == count
        assert [(a.number, a.heading) for a in doc.articles()] == headings
        joined = [h for h in headings if ";" in h[1]]
        assert ("13", "Juristische Person; Handelsgesellschaft") in joined and len(joined) >= 8
        # no heading left inside the text of the section before it, and no gap reported
        for article in doc.articles():
            assert not any(f"§ {number} {heading}" in article.all_text() for number, heading in joined)
        assert not [w for w in doc.warnings if w.code == "article-gap" or w.level == "error"]


def test_gmbhg_as_wrapped_plain_text_keeps_its_long_headings(tmp_path: Path) -> None:
    """The GmbHG as a plain .txt, paragraphs wrapped at 72 columns (textwrap) and set apart by a
    blank line.  Without heading markup a section is `§ 16` and a heading on the lines after it;
    § 16's heading is 121 characters (`Rechtsstellung bei Wechsel der Gesellschafter ... Erwerb vom
    Nichtberechtigten`), over the 120 once allowed, and the section was read as text of § 15."""
    path = GMBHG / "02-stand-2021-05-04.md"
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").split("<!-- INFO END -->")[-1].splitlines():
        line = re.sub(r"^#+\s*", "", line)
        lines.extend(textwrap.wrap(line, 72, break_on_hyphens=False) or [""])
    text = tmp_path / "gmbhg.txt"
    text.write_text(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n", encoding="utf-8")
    want, got = parsed(path), parse_file(text)
    assert [(a.number, a.heading) for a in got.articles()] == [(a.number, a.heading) for a in want.articles()]
    assert len(max((a.heading for a in got.articles()), key=len)) > 120


@pytest.mark.parametrize("blank_lines", [True, False], ids=["blank-lines", "no-blank-lines"])
def test_eu_ai_act_as_wrapped_plain_text_reads_as_its_markdown(tmp_path: Path, blank_lines: bool) -> None:
    """The AI Act as plain text wrapped at 60 columns.  Three things read it wrongly:
    - a cross-reference wrapped to a line start (`... referred to in` / `Article 47.`, in Article
      23) opened an Article 47; then Articles 24 to 46 were out of sequence and lost as text;
    - without blank lines, a heading ran on into the text below it (`Obligations of providers of
      high-risk AI systems` / `Providers of high-risk AI systems shall:`);
    - a heading of 121 characters (Article 59's) was too long for a plain-line heading."""
    path = AI / "04-adopted-regulation-2024-1689.md"
    text = tmp_path / "ai-act.txt"
    text.write_text(as_wrapped_text(path, 60, blank_lines), encoding="utf-8")
    assert "referred to in\nArticle 47.\n" in text.read_text(encoding="utf-8")
    want, got = parsed(path), parse_file(text)
    assert [(a.number, a.heading) for a in got.articles()] == [(a.number, a.heading) for a in want.articles()]
    assert not [w for w in got.warnings if w.code in ("article-sequence", "article-gap")]
    # (Markdown reads two `(*)` of one paragraph as emphasis markup around the text between them)
    bodies = {a.number: a.body_text().replace("*", "") for a in got.articles()}
    differ = [a.number for a in want.articles() if bodies[a.number] != a.body_text().replace("*", "")]
    if blank_lines:
        assert differ == []
    else:
        # Article 2's unnumbered paragraphs (`This Regulation does not apply to AI systems where
        # ...` / `This Regulation does not apply to AI systems which ...`) are told apart: the first
        # one's last line ends with room for the next line's first word.  (A last line that ends
        # near the column's edge still runs on: only a blank line would tell.)  After a full stop,
        # less room to spare tells: Article 11(1)'s second paragraph (`... shall be kept up-to date.`
        # / `The technical documentation shall be drawn up ...`), Articles 60 and 73.
        assert [n for n in ("2", "11", "23", "47", "60", "73") if n in differ] == []


def test_gmbhg_as_narrow_plain_text_reads_as_its_markdown(tmp_path: Path) -> None:
    """The GmbHG as plain text wrapped at 40 columns, paragraphs set apart by blank lines: a line
    cut short because its next word is long (`... Aufgaben der` / `Eisenbahnverkehrsverwaltung`,
    German makes many) does not end its paragraph."""
    path = GMBHG / "02-stand-2021-05-04.md"
    text = tmp_path / "gmbhg.txt"
    text.write_text(as_wrapped_text(path, 40, True), encoding="utf-8")
    want, got = parsed(path), parse_file(text)
    assert [(a.number, a.heading) for a in got.articles()] == [(a.number, a.heading) for a in want.articles()]
    assert [a.body_text() for a in got.articles()] == [a.body_text() for a in want.articles()]


def read_wrapped(tmp_path: Path, path: Path, width: int, blank_lines: bool) -> tuple[str, Document]:
    """`path` as wrapped plain text (helpers.as_wrapped_text): the text, and the law read from it."""
    text = tmp_path / (path.stem + ".txt")
    text.write_text(as_wrapped_text(path, width, blank_lines), encoding="utf-8")
    return text.read_text(encoding="utf-8"), parse_file(text)


@pytest.mark.parametrize("blank_lines", [True, False], ids=["blank-lines", "no-blank-lines"])
def test_a_sentence_that_opens_by_citing_a_part_of_a_provision_is_no_new_paragraph(tmp_path: Path,
                                                                                     blank_lines: bool) -> None:
    """The GmbHG wrapped at 60 columns: `... belehrt worden sind.` / `§ 8 Abs. 3 Satz 2 ist anzuwenden.`
    (§ 39 and § 67) is one paragraph going on with a sentence that cites; a `§ 8` at a line start
    after a full stop opened a paragraph of its own.  (An article heading is never `§ 8 Abs. 3`.)"""
    path = GMBHG / "02-stand-2021-05-04.md"
    text, doc = read_wrapped(tmp_path, path, 60, blank_lines)
    assert "sind.\n§ 8 Abs. 3 Satz 2 ist anzuwenden." in text
    want = {a.number: a.body_text() for a in parsed(path).articles()}
    got = {a.number: a.body_text() for a in doc.articles()}
    assert [n for n in ("39", "67") if got[n] != want[n]] == []


def test_a_page_number_cited_at_a_line_start_is_no_list_label(tmp_path: Path) -> None:
    """The GmbHG wrapped at 60 columns, blank lines between paragraphs: `... (ABl. L 158 vom
    27.5.2014, S. 77; L 170 vom 11.6.2014, S.` / `66) anzuwenden.` (§ 57f, § 87).  `66)` after a
    full stop looked like a list's label; no `1)` to `65)` opens a line before it, so it is a
    page cited.  Every article then reads as in the Markdown."""
    path = GMBHG / "02-stand-2021-05-04.md"
    text, got = read_wrapped(tmp_path, path, 60, True)
    assert "S.\n66) anzuwenden." in text
    want = parsed(path)
    assert [(a.number, a.heading) for a in got.articles()] == [(a.number, a.heading) for a in want.articles()]
    assert [a.number for a, b in zip(want.articles(), got.articles()) if a.body_text() != b.body_text()] == []


def test_a_symbol_after_a_full_stop_still_ends_the_sentence(tmp_path: Path) -> None:
    """The GmbHG wrapped at 60 columns with no blank lines: § 57f ends `... zu Prüfern bestellt
    werden.♦`, and `§ 57g Vorherige Bekanntgabe des Jahresabschlusses` on the next line opens
    § 57g.  With the sentence end hidden behind the symbol, § 57g ran into § 57f and was lost."""
    text, doc = read_wrapped(tmp_path, GMBHG / "02-stand-2021-05-04.md", 60, False)
    assert "werden.♦\n§ 57g Vorherige" in text
    got = {a.number: a for a in doc.articles()}
    assert got["57g"].heading == "Vorherige Bekanntgabe des Jahresabschlusses"
    assert got["57f"].body_text().endswith("bestellt werden.♦")


def test_an_item_that_ends_in_a_bare_conjunction_is_followed_by_the_next_item(tmp_path: Path) -> None:
    """The GmbHG wrapped at 60 columns with no blank lines: German list items may end in `oder`
    with no comma (`d) ... des Publizitätsgesetzes oder` / `e) nach den §§ 263 ...`, § 6; `1.
    ... gehalten werden oder` / `2. die große ...`, § 77a; § 82).  The next line opens the item
    after the one the block opened, so it starts that item; it ran on into the item before."""
    path = GMBHG / "02-stand-2021-05-04.md"
    text, doc = read_wrapped(tmp_path, path, 60, False)
    assert "Publizitätsgesetzes oder\ne)" in text
    want = {a.number: a.body_text() for a in parsed(path).articles()}
    got = {a.number: a.body_text() for a in doc.articles()}
    assert [n for n in ("6", "77a", "82") if got[n] != want[n]] == []


def test_an_annex_heading_that_names_its_provision_is_a_heading(tmp_path: Path) -> None:
    """The GmbHG wrapped at 60 columns with no blank lines ends `... zu übermitteln.` / `Anlage (zu §
    2 Abs. 1a)` / `(Fundstelle: BGBl. I 2008, 2044 - 2045 )`.  The annex's heading names what it
    belongs to, in brackets (`Abs.` made it look like two sentences): it is a heading, the line
    after it the annex's text, and § 88 ends where the annex begins."""
    path = GMBHG / "02-stand-2021-05-04.md"
    text, got = read_wrapped(tmp_path, path, 60, False)
    assert "übermitteln.\nAnlage (zu § 2 Abs. 1a)\n(Fundstelle:" in text
    want = parsed(path)
    assert [(a.heading, a.lines[:1]) for a in got.attachments] == [(a.heading, a.lines[:1]) for a in want.attachments]
    assert {a.number: a for a in got.articles()}["88"].body_text() == {a.number: a for a in want.articles()}["88"].body_text()


def test_a_day_before_its_month_at_a_line_start_is_no_list_label(tmp_path: Path) -> None:
    """The Grundgesetz wrapped at 60 columns, no blank lines: `... bis zum` / `1. Oktober 1969
    durch Bundesgesetze ...` (Art 120) and `... bis zum` / `31. Dezember 2013 werden ...` (Art
    143c) go on with their sentence; a day's number and a month are a date, no item.  A list whose
    intro ends with no colon still opens at its first label (`... zu erfüllen sind` / `1.
    Verbindlichkeiten des Reiches ...`, Art 135a)."""
    path = GG / "03-stand-2020-09-29.md"
    text, doc = read_wrapped(tmp_path, path, 60, False)
    assert "bis zum\n1. Oktober 1969" in text
    want = {a.number: a.body_text() for a in parsed(path).articles()}
    got = {a.number: a.body_text() for a in doc.articles()}
    assert [n for n in ("120", "135a") if got[n] != want[n]] == []
    assert not any(line.startswith(("1. Oktober", "31. Dezember")) for n in ("120", "143c") for line in got[n].splitlines())


def test_grundgesetz_as_dense_plain_text_keeps_items_that_end_in_a_comma(tmp_path: Path) -> None:
    """The Grundgesetz wrapped at 60 columns with no blank line anywhere.  German list items end in a
    comma (`5. die einmaligen Vermögensabgaben ... Ausgleichsabgaben,` / `6. die Ergänzungsabgabe
    ...`): a line that opens the item after the one its paragraph opened starts that item; Art 106,
    109a and 111 read as in the Markdown.  A cross-reference wrapped the same way (`... referred
    to in paragraph` / `5. The notification ...`) does not end in a comma and stays text."""
    path = GG / "03-stand-2020-09-29.md"
    text = tmp_path / "gg.txt"
    text.write_text(as_wrapped_text(path, 60, blank_lines=False), encoding="utf-8")
    want = {a.number: a.body_text() for a in parsed(path).articles()}
    got = {a.number: a.body_text() for a in parse_file(text).articles()}
    assert [n for n in ("106", "109a", "111") if got[n] != want[n]] == []
    # A chapter heading after an article's last sentence (`... und ihren Behörden.` / `III. - Der
    # Bundestag` / `Art 38`) is a line of its own: the chapters are all there, and Art 37 ends there.
    assert [(c.num, c.heading) for c in parse_file(text).containers()] == \
        [(c.num, c.heading) for c in parsed(path).containers()]
    assert got["37"] == want["37"]


@pytest.mark.parametrize("name", ["01-stand-2010-07-21.md", "02-stand-2012-07-11.md", "03-stand-2020-09-29.md"])
def test_a_list_intro_after_an_article_number_is_text_not_its_heading(name: str) -> None:
    """Art 109a (2010) and Art 125 of the Grundgesetz have no heading: their text opens with a list's
    intro (`Zur Vermeidung von Haushaltsnotlagen regelt ein Bundesgesetz, ..., bedarf,` / `1. ...`),
    a line that ends in a comma.  It was read as the heading."""
    articles = {a.number: a for a in parse_file(GG / name).articles()}
    assert [(a.number, a.heading) for a in articles.values() if a.heading.rstrip().endswith((",", ";"))] == []
    assert articles["125"].heading == ""
    assert articles["125"].body_text().startswith("Recht, das Gegenstände der konkurrierenden Gesetzgebung")


def test_a_sentence_with_a_semicolon_is_not_a_heading() -> None:
    sentence = ("Auf den Geschäftsbriefen ist anzugeben, dass sich die Gesellschaft in Liquidation befindet; "
                "im Übrigen gilt § 35a entsprechend.")
    assert sentence in " ".join((GMBHG / "01-stand-2011-12-22.md").read_text(encoding="utf-8").split())
    assert not heading_like(sentence)
    assert not heading_like(sentence.rstrip("."))  # cut at a line end: `im Übrigen gilt` is no subject
    assert heading_like("Juristische Person; Handelsgesellschaft")


def test_a_heading_read_as_text_is_an_error_naming_its_line() -> None:
    path = GMBHG / "01-stand-2011-12-22.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    lost = lines.index("### § 13 Juristische Person; Handelsgesellschaft")
    # the heading's Markdown markup lost (as a conversion may lose it): a plain line among marked headings
    lines[lost] = lines[lost].removeprefix("### ")
    doc = parse_source(read_bytes("\n".join(lines).encode("utf-8"), path.name))
    assert len(doc.articles()) == 119 and "13" not in [a.number for a in doc.articles()]
    errors = [w for w in doc.warnings if w.level == "error"]
    assert [(w.line, w.code) for w in errors] == [(lost + 1, "article-gap")]
    assert "§ 13 Juristische Person" in errors[0].message and "§ 14" in errors[0].message
    assert str(errors[0]).startswith(f"line {lost + 1}: error: ")
    # the level survives the repository's XML
    assert [w.level for w in reader.from_bytes(akn.to_bytes(doc)).warnings if w.code == "article-gap"] == ["error"]


def test_repealed_sections_renumbered_behind_an_insertion_keep_their_order() -> None:
    """GmbHG 2011 with one real section inserted at the front and every section renumbered 1, 2, …
    (as a version that renumbers would print it; no text changed).  Its ten repealed sections
    ("(weggefallen)", no words) are all alike, so likeness cannot say which is which; each must
    go to the one in its own place, between the successors of its neighbours, not cross to the
    nearest look-alike (§ 32a -> the new § 32b's place and § 32b -> § 32a's, as before)."""
    old = parsed(GMBHG / "01-stand-2011-12-22.md")
    new = copy.deepcopy(old)
    inserted = copy.deepcopy(parsed(GG / "01-stand-2010-07-21.md").articles()[0])
    first_holder = next(node for top in new.body for node in top.walk()
                        if any(child.kind == "article" for child in node.children))
    first_holder.children.insert(next(k for k, c in enumerate(first_holder.children) if c.kind == "article"),
                                 inserted)
    for k, article in enumerate(new.articles(), start=1):
        article.num, article.number = f"§ {k}", str(k)
    repealed = [k for k, a in enumerate(old.articles()) if a.heading == "(weggefallen)" and not a.body_text()]
    assert len(repealed) == 10
    found = {(a.index, b.index) for c in compare(old, new).changes for a in c.old for b in c.new}
    assert {(k, k + 1) for k in repealed} <= found
    assert not {(i, j) for i, j in found if i in repealed and j != i + 1}


@pytest.mark.parametrize("markup", ["markdown", "plain"])
def test_an_annex_heading_that_cites_its_section_is_an_annex(markup: str, tmp_path: Path) -> None:
    """The GmbHG ends with "Anlage (zu § 2 Abs. 1a)" (the model protocol).  Its heading, the
    section it belongs to in parentheses, was not heading-like ("Abs. 1a" read as a sentence
    end), so the annex was an untyped block of the body, in Markdown and in plain text alike."""
    path = GMBHG / "02-stand-2021-05-04.md"
    if markup == "plain":
        text = tmp_path / "gmbhg.txt"
        text.write_text(re.sub(r"(?m)^#+\s*", "", path.read_text(encoding="utf-8")), encoding="utf-8")
        path = text
    doc = parse_file(path)
    assert [(a.name, a.heading, a.lines) for a in doc.attachments] == \
        [("annex", "Anlage (zu § 2 Abs. 1a)", ["(Fundstelle: BGBl. I 2008, 2044 - 2045 )"])]
    assert not [n for top in doc.body for n in top.walk() if "Anlage (zu" in (n.text or "") + (n.heading or "")]
    assert len(doc.articles()) == 124
