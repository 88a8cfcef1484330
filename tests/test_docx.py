"""Word outputs and inputs: the redline with tracked changes, the 对照表 table, and files with
tracked changes read in either state.

The redline is read back with lawdiff's own Word reader in both states (every change
rejected, every change accepted) and must give exactly the earlier and the later version
on every bundled real pair; python-docx must open it, and LibreOffice must convert it, with
the insertions and deletions in the PDF's text.  The input side reads files whose tracked
changes LibreOffice's own comparison wrote (tests/data/fixtures/tracked).
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import CORPUS, DATA, DRAFTS
from lxml import etree

from lawdiff.cli.app import main
from lawdiff.compare.differ import compare
from lawdiff.compare.docx import render_redline, render_table
from lawdiff.compare.docx.package import STYLE_ARTICLE, STYLE_ARTICLE_TITLE, STYLE_BODY
from lawdiff.compare.docx.redline import NUMBER_SEPARATOR
from lawdiff.compare.formats.listing import move_label, plan
from lawdiff.compare.result import DiffResult
from lawdiff.ingest.docx import read, styled_paragraphs, tracked_changes
from lawdiff.ingest.manifest import load_manifests
from lawdiff.model import Document, Meta
from lawdiff.akn.load import parse_file, parse_source
from lawdiff.text.numerals import int_to_zh

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRACKED = DATA / "fixtures" / "tracked"
ROOT = Path(__file__).parent.parent
REVISION_TAGS = ("ins", "del", "moveFrom", "moveTo")


def bundled_pairs() -> list[tuple[str, Path, Path, str | None]]:
    """Consecutive versions of every bundled draft, and the English and German corpus pairs."""
    out = []
    for manifest in load_manifests(DRAFTS):
        for a, b in zip(manifest.versions, manifest.versions[1:]):
            out.append((f"{manifest.slug}:{a.label}->{b.label}", a.path, b.path, manifest.lang))
    for folder in sorted(p for lang in ("en", "de") for p in (CORPUS / lang).iterdir() if p.is_dir()):
        # The EUR-Lex HTML is the same adopted text as the Markdown beside it: one of them.
        files = sorted(p for p in folder.iterdir() if not p.name.endswith(".eurlex.html"))
        for a, b in zip(files, files[1:]):
            out.append((f"{folder.name}:{a.stem}->{b.stem}", a, b, None))
    return out


PAIRS = bundled_pairs()
CRIMINAL = next(p for p in PAIRS if p[0].startswith("criminal-law:"))
COMPANY = next(p for p in PAIRS if p[0].startswith("company-law:"))


@lru_cache(maxsize=None)
def documents(path_a: Path, path_b: Path, lang: str | None) -> tuple[Document, Document, DiffResult]:
    old, new = parse_file(path_a, Meta(), lang=lang), parse_file(path_b, Meta(), lang=lang)
    return old, new, compare(old, new)


@lru_cache(maxsize=None)
def redline(path_a: Path, path_b: Path, lang: str | None, changed_only: bool = False) -> bytes:
    return render_redline(documents(path_a, path_b, lang)[2], changed_only=changed_only)


def articles_of(doc: Document) -> list[tuple[str, str, str]]:
    return [(a.num, a.heading_text, a.body_text()) for a in doc.articles()]


def containers_of(doc: Document) -> list[str]:
    """Container headings as printed, in order, of the containers that hold articles."""
    return [" ".join(p for p in (c.num, c.heading) if p) for c in doc.containers()
            if any(n.kind == "article" for n in c.walk())]


def read_back(data: bytes, state: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Articles (number, heading, text) and container headings, as Word shows one state."""
    articles: list[tuple[str, str, list[str]]] = []
    # An empty paragraph is read too (styled_paragraphs keeps them): an article without
    # number or text still has its number paragraph.
    headings: list[str] = []
    for style, text in styled_paragraphs(data, state):
        if style == STYLE_ARTICLE:
            # Chinese: `第一条　first paragraph` (an ideographic space after the number)
            label, inline, first = text.partition(NUMBER_SEPARATOR)
            num, _, heading = label.partition("\t")
            articles.append((num, heading, [first] if inline else []))
        elif style == STYLE_ARTICLE_TITLE:  # a heading on its own line (English, German)
            articles[-1] = (articles[-1][0], text, articles[-1][2])
        elif style == STYLE_BODY:
            articles[-1][2].append(text)
        elif style.startswith("Heading"):
            headings.append(text)
    return [(n, h, "\n".join(body)) for n, h, body in articles], headings


def document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


# -- the redline: accept all = later, reject all = earlier -------------------------------------
def test_every_bundled_pair_is_there() -> None:
    names = {name.split(":")[0] for name, *_ in PAIRS}
    assert len([n for n in names if (DRAFTS / n).is_dir()]) >= 8
    assert {"grundgesetz", "eu-ai-act"} <= names and any(n.startswith("us-") for n in names)


@pytest.mark.parametrize("name, path_a, path_b, lang", PAIRS, ids=[p[0] for p in PAIRS])
def test_accepting_gives_the_later_version_rejecting_the_earlier(name: str, path_a: Path, path_b: Path,
                                                                 lang: str | None) -> None:
    import docx

    old, new, result = documents(path_a, path_b, lang)
    data = redline(path_a, path_b, lang)
    assert read_back(data, "before") == (articles_of(old), containers_of(old))
    assert read_back(data, "after") == (articles_of(new), containers_of(new))
    opened = docx.Document(io.BytesIO(data))  # python-docx reads it as a Word document
    assert opened.paragraphs and opened.styles["Article Heading"].type == 1
    if result.has_differences:
        assert any(True for tag in REVISION_TAGS for _ in document_xml(data).iter(W + tag))


def test_criminal_law_amendment_changes_exactly_seven_articles() -> None:
    # SOURCES.md names the articles 刑法修正案（十二） changed: (第165, 166, 169, ... and 393条)
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    listed = re.search(r"changes 7 articles \(第([\d, and]+)条\)", sources)
    assert listed
    expected = {f"第{int_to_zh(int(n))}条" for n in re.findall(r"\d+", listed.group(1))}
    assert len(expected) == 7
    _, path_a, path_b, lang = CRIMINAL
    changed: set[str] = set()
    article = ""
    for p in document_xml(redline(path_a, path_b, lang)).iter(W + "p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(W + "val") == STYLE_ARTICLE:
            article = "".join(t.text or "" for t in p.iter(W + "t")).partition(NUMBER_SEPARATOR)[0]
        if article and any(True for tag in REVISION_TAGS for _ in p.iter(W + tag)):
            changed.add(article)
    assert changed == expected


def test_revisions_carry_author_and_the_later_date_and_unique_ids() -> None:
    _, path_a, path_b, lang = COMPANY
    _, new, _ = documents(path_a, path_b, lang)
    root = document_xml(redline(path_a, path_b, lang))
    revisions = [el for tag in REVISION_TAGS for el in root.iter(W + tag)]
    assert len(revisions) > 100
    assert {el.get(W + "author") for el in revisions} == {"lawdiff"}
    assert {el.get(W + "date") for el in revisions} == {f"{new.meta.date}T00:00:00Z"}
    ids = [el.get(W + "id") for el in root.iter() if el.get(W + "id") is not None
           and not etree.QName(el).localname.endswith("RangeEnd")]
    assert len(ids) == len(set(ids))


def test_a_paragraph_moved_to_another_article_is_a_move() -> None:
    _, path_a, path_b, lang = COMPANY
    data = redline(path_a, path_b, lang)
    root = document_xml(data)

    def ranges(side: str) -> dict[str, str]:
        out = {}
        for start in root.iter(f"{W}{side}RangeStart"):
            p = start.getparent()
            text = "".join(t.text or "" for t in p.iter(W + "t", W + "delText"))
            out[start.get(W + "name")] = text
        return out

    sources, targets = ranges("moveFrom"), ranges("moveTo")
    assert sources and sources.keys() == targets.keys()
    assert all(sources[name] == targets[name] for name in sources)
    # A moved paragraph is in another article on each side: its article heading differs.
    articles_before, _ = read_back(data, "before")
    articles_after, _ = read_back(data, "after")
    where_before = {para: num for num, _, text in articles_before for para in text.split("\n")}
    where_after = {para: num for num, _, text in articles_after for para in text.split("\n")}
    assert any(where_before.get(t) != where_after.get(t) for t in sources.values() if t in where_before)


def test_same_comparison_same_bytes() -> None:
    _, path_a, path_b, lang = COMPANY
    result = documents(path_a, path_b, lang)[2]
    first, second = render_redline(result), render_redline(result)
    assert first == second
    assert render_table(result) == render_table(result)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_changed_only_leaves_unchanged_articles_out() -> None:
    _, path_a, path_b, lang = CRIMINAL
    old, new, result = documents(path_a, path_b, lang)
    data = redline(path_a, path_b, lang, changed_only=True)
    changed = [c for c in result.changes if c.type != "unchanged"]
    assert len(changed) == 7
    after, _ = read_back(data, "after")
    before, _ = read_back(data, "before")
    assert after == [(a.num, a.heading, a.text) for c in changed for a in c.new]
    assert before == [(a.num, a.heading, a.text) for c in changed for a in c.old]
    assert "第一条" not in {num for num, _, _ in after}  # unchanged: absent
    assert len(read_back(redline(path_a, path_b, lang), "after")[0]) == len(new.articles())


def test_a4_fonts_and_styles() -> None:
    _, path_a, path_b, lang = CRIMINAL
    data = redline(path_a, path_b, lang)
    size = document_xml(data).find(f"{W}body/{W}sectPr/{W}pgSz")
    assert (size.get(W + "w"), size.get(W + "h")) == ("11906", "16838")  # A4 in twips
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert fonts.get(W + "eastAsia") == "SimSun" and fonts.get(W + "ascii") == "Times New Roman"
    names = {s.find(W + "name").get(W + "val") for s in styles.iter(W + "style")}
    assert {"Title", "heading 1", "heading 2", "heading 3", "Article Heading", "Article Text"} <= names


# -- the 对照表 as a Word table -----------------------------------------------------------------
def cells(data: bytes) -> list[list[etree._Element]]:
    return [row.findall(W + "tc") for row in document_xml(data).iter(W + "tr")]


def cell_text(cell: etree._Element) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in cell.iter(W + "p"))


def marked_text(cell: etree._Element, mark: str) -> str:
    return "".join(t.text or "" for r in cell.iter(W + "r") if r.find(f"{W}rPr/{W}{mark}") is not None
                   for t in r.iter(W + "t"))


def test_table_one_row_per_changed_article_header_repeated_marks_in_cells() -> None:
    _, path_a, path_b, lang = CRIMINAL
    result = documents(path_a, path_b, lang)[2]
    data = render_table(result)
    rows = cells(data)
    assert [cell_text(c) for c in rows[0]] == ["修改前", "修改后", "说明"]  # as the Markdown, HTML and site
    header = document_xml(data).find(f".//{W}tr/{W}trPr/{W}tblHeader")
    assert header is not None  # the header row repeats on every page
    assert len(rows) == 1 + 7  # unchanged articles are omitted
    changed = [c for c in result.changes if c.type != "unchanged"]
    for row, change in zip(rows[1:], changed):
        left, right, note = row
        deleted = "".join(t for op, t in change.ops if op == "delete").replace("\n", "")
        inserted = "".join(t for op, t in change.ops if op == "insert").replace("\n", "")
        assert marked_text(left, "strike") == deleted
        assert marked_text(right, "u") == inserted and marked_text(right, "b") == inserted
        assert marked_text(left, "u") == "" and marked_text(right, "strike") == ""
        assert cell_text(left).startswith(change.old[0].num) and cell_text(note) == "修改"


def test_table_labels_follow_the_language_and_splits_name_moved_paragraphs() -> None:
    german = next(p for p in PAIRS if p[0].startswith("grundgesetz:"))
    english = next(p for p in PAIRS if p[0].startswith("eu-ai-act:"))
    for pair, labels in ((german, ["bisherige Fassung", "neue Fassung", "Anmerkung"]),
                         (english, ["Before", "After", "Note"])):
        rows = cells(render_table(documents(*pair[1:])[2]))
        assert [cell_text(c) for c in rows[0]] == labels
    _, path_a, path_b, lang = COMPANY
    result = documents(path_a, path_b, lang)[2]
    rows = cells(render_table(result))
    splits = [c for c in result.changes if c.type == "split"]
    notes = [cell_text(r[2]) for r in rows[1:] if cell_text(r[2]).startswith("拆分")]
    assert len(notes) == len(splits) > 0
    named = [n for n in notes if "→" in n]
    assert named  # the paragraphs that went to another article are named: old → new: “words…”
    for note in named:
        for line in note.split("\n")[1:]:
            assert re.match(r"^第.+条 → 第.+条: “.+”$", line), line
    # Not only splits and merges: a paragraph the diff says moved into another change is named in
    # the note of the change it left (old 第三条 para 2 is now para 1 of 第四条, which continues
    # old 第四条) and of the one it joined; a change without moved paragraphs names none.
    by_old = {cell_text(r[0]).split("\n")[0].split("\t")[0].split("　")[0]: cell_text(r[2]) for r in rows[1:]}
    assert "第三条 → 第四条: “有限责任公司的股东以其认缴的出资额为限对公司承担…”" in by_old["第三条"].split("\n")
    assert by_old["第三条"].startswith("修改")
    unmoved = [c for c in result.changes if c.type == "modified" and not any(p.moved_to or p.moved_from
                                                                            for p in c.paragraphs)]
    assert unmoved and all("→" not in by_old[c.old[0].num] for c in unmoved if c.old[0].num in by_old)


def italic_runs(cell: etree._Element) -> list[str]:
    return ["".join(t.text or "" for t in r.iter(W + "t")) for r in cell.iter(W + "r")
            if r.find(f"{W}rPr/{W}i") is not None]


def test_table_says_in_the_cell_where_a_moved_paragraph_went_and_came_from() -> None:
    """A paragraph the diff says moved is followed, in its own cell, by where: （移至第X条） on the
    old side, （由第X条移来） on the new, as the Markdown and HTML say it; nothing else is so marked."""
    _, path_a, path_b, lang = COMPANY
    result = documents(path_a, path_b, lang)[2]
    rows = cells(render_table(result))[1:]
    shown = [item for item in plan(result) if not isinstance(item, list)]
    renumbered_runs = len(plan(result)) - len(shown)
    assert len(rows) == len(shown) + renumbered_runs
    by_change = iter(rows)
    went_total = came_total = 0
    for item in plan(result):
        row = next(by_change)
        if isinstance(item, list):
            assert italic_runs(row[0]) == italic_runs(row[1]) == []
            continue
        went = [p.moved_to for p in item.paragraphs if p.moved_to and p.old_index is not None]
        came = [p.moved_from for p in item.paragraphs if p.moved_from and p.new_index is not None]
        assert italic_runs(row[0]) == [f" （移至{num}）" for num in went]
        assert italic_runs(row[1]) == [f" （由{num}移来）" for num in came]
        for num in went:  # at the end of the paragraph that moved, which the cell shows
            assert any(line.endswith(f"（移至{num}）") for line in cell_text(row[0]).split("\n"))
        went_total, came_total = went_total + len(went), came_total + len(came)
    assert went_total > 3 and came_total > 3  # the company-law revision moves many paragraphs


def test_english_and_german_tables_say_moves_in_their_own_words() -> None:
    """The AI Act's drafts move paragraphs between articles: its table says where in English; the
    same comparison written for a German law (the later version's language decides) in the
    Synopse's words, never in English ones."""
    english = next(p for p in PAIRS if p[0].startswith("eu-ai-act:01-"))
    result = documents(*english[1:])[2]
    went = [p.moved_to for c in plan(result) if not isinstance(c, list) for p in c.paragraphs
            if p.moved_to and p.old_index is not None]
    came = [p.moved_from for c in plan(result) if not isinstance(c, list) for p in c.paragraphs
            if p.moved_from and p.new_index is not None]
    assert went and came
    for lang, to, from_ in (("eng", "moved to", "moved from"), ("deu", "verschoben nach", "verschoben aus")):
        data = render_table(replace(result, new_meta=replace(result.new_meta, lang=lang)))
        rows = cells(data)[1:]
        old_notes = [n for row in rows for n in italic_runs(row[0])]
        new_notes = [n for row in rows for n in italic_runs(row[1])]
        assert old_notes == [f" ({to} {num})" for num in went]
        assert new_notes == [f" ({from_} {num})" for num in came]
    german = cells(render_table(replace(result, new_meta=replace(result.new_meta, lang="deu"))))
    assert [cell_text(c) for c in german[0]] == ["bisherige Fassung", "neue Fassung", "Anmerkung"]
    english_words = re.compile(r"\b(modified|added|removed|split|merged|renumbered|moved)\b")
    assert not any(english_words.search(cell_text(row[2])) for row in german[1:])  # the notes column
    assert move_label("old", "第三条", "zho") == "移至第三条" and move_label("new", "§ 5", "fra") == "moved from § 5"


# -- LibreOffice converts them; the PDF shows the changes ----------------------------------------
@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from pdfminer.high_level import extract_text

    work = tmp_path_factory.mktemp("soffice")
    _, path_a, path_b, lang = CRIMINAL
    result = documents(path_a, path_b, lang)[2]
    german = next(p for p in PAIRS if p[0].startswith("grundgesetz:"))
    files = {"redline.docx": redline(path_a, path_b, lang), "changed.docx": redline(path_a, path_b, lang, True),
             "table.docx": render_table(result), "german.docx": render_redline(documents(*german[1:])[2])}
    for name, data in files.items():
        (work / name).write_bytes(data)
    # A profile of its own, so that parallel runs do not share (and lock) one.
    subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work), *[str(work / n) for n in files]],
                   check=True, capture_output=True, timeout=300)
    screenshots = ROOT / "build" / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(work / "changed.pdf"),
                    str(screenshots / "docx-redline-criminal-law")], check=True, timeout=120)
    texts = {name: re.sub(r"\s+", "", extract_text(str(work / name.replace(".docx", ".pdf")))) for name in files}
    texts.update(table_columns(work / "table.pdf"))
    return texts


def table_columns(pdf: Path) -> dict[str, str]:
    """The text of each column of the 对照表 PDF (a text layer reads the columns line by line
    across, mixing them): lines by where they start, the column bounds from the table's widths."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer, LTTextLine

    from lawdiff.compare.docx.table import WIDTHS

    margin = 1418 / 20  # points
    bounds = [margin + sum(WIDTHS[:k + 1]) / 20 for k in range(len(WIDTHS))]
    columns: dict[str, list[str]] = {"table:before": [], "table:after": [], "table:note": []}
    for page in extract_pages(str(pdf)):
        lines = [line for box in page if isinstance(box, LTTextContainer) for line in box
                 if isinstance(line, LTTextLine)]
        for line in sorted(lines, key=lambda l: (-l.y1, l.x0)):
            column = next(k for k, bound in enumerate(bounds + [1e9]) if line.x0 < bound)
            columns[list(columns)[min(column, 2)]].append(re.sub(r"\s+", "", line.get_text()))
    return {name: "".join(parts) for name, parts in columns.items()}


def test_libreoffice_shows_insertions_and_deletions(converted: dict[str, str]) -> None:
    _, path_a, path_b, lang = CRIMINAL
    old, _, result = documents(path_a, path_b, lang)
    changed = [c for c in result.changes if c.type != "unchanged"]
    for change in changed:
        for op, text in change.ops:
            if op != "equal" and len(text.strip()) >= 4:
                piece = re.sub(r"\s+", "", text)
                column = "table:before" if op == "delete" else "table:after"
                for name in ("redline.docx", "changed.docx", column):
                    assert piece in converted[name], (name, op, piece)
                other = "table:after" if op == "delete" else "table:before"
                if piece not in "".join(t for o, t in change.ops if o == "equal"):
                    assert piece not in converted[other], (other, op, piece)
    unchanged = next(a for a in old.articles() if a.num == "第一条").body_text()
    assert re.sub(r"\s+", "", unchanged)[:40] in converted["redline.docx"]
    assert re.sub(r"\s+", "", unchanged)[:40] not in converted["changed.docx"]
    assert re.sub(r"\s+", "", unchanged)[:40] not in converted["table.docx"]
    assert (ROOT / "build" / "screenshots" / "docx-redline-criminal-law.png").stat().st_size > 10_000


def test_libreoffice_converts_a_german_redline(converted: dict[str, str]) -> None:
    german = next(p for p in PAIRS if p[0].startswith("grundgesetz:"))
    result = documents(*german[1:])[2]
    pieces = [re.sub(r"\s+", "", t) for c in result.changes for op, t in c.ops if op != "equal" and len(t) > 8]
    assert pieces and all(p in converted["german.docx"] for p in pieces)


# -- the CLI ------------------------------------------------------------------------------------
def test_cli_writes_docx_only_to_a_file(tmp_path: Path) -> None:
    _, path_a, path_b, _ = CRIMINAL
    runner = CliRunner()
    refused = runner.invoke(main, ["diff", str(path_a), str(path_b), "--format", "docx"])
    assert refused.exit_code == 2 and refused.output.count("\n") == 1 and "-o FILE.docx" in refused.output
    table_alone = runner.invoke(main, ["diff", str(path_a), str(path_b), "--table"])
    assert table_alone.exit_code == 2 and "--format docx" in table_alone.output
    out = tmp_path / "redline.docx"
    done = runner.invoke(main, ["diff", str(path_a), str(path_b), "--format", "docx", "-o", str(out)])
    assert done.exit_code == 1 and done.output == ""  # differences: exit 1, as diff(1)
    assert out.read_bytes() == redline(path_a, path_b, "zho")
    table = tmp_path / "table.docx"
    assert runner.invoke(main, ["diff", str(path_a), str(path_b), "--format", "docx", "--table",
                                "-o", str(table)]).exit_code == 1
    assert "修改前" in cell_text(cells(table.read_bytes())[0][0])


# -- tracked changes as input (files LibreOffice's comparison wrote) -----------------------------
TRACKED_NAMES = ["supervision-law", "grundgesetz"]


@pytest.mark.parametrize("name", TRACKED_NAMES)
def test_both_states_of_a_tracked_file_are_its_originals(name: str) -> None:
    data = (TRACKED / f"{name}-tracked.docx").read_bytes()
    for state, original in (("before", "old"), ("after", "new")):
        source = read(data, f"{name}.docx", state)
        wanted = read((TRACKED / f"{name}-{original}.docx").read_bytes(), f"{original}.docx")
        assert [line.text for line in source.lines] == [line.text for line in wanted.lines]
        assert articles_of(parse_source(source, Meta())) == \
            articles_of(parse_file(TRACKED / f"{name}-{original}.docx", Meta()))
        codes = [w.code for w in source.warnings]
        assert "comments" in codes and ("tracked-deletion" if state == "after" else "tracked-insertion") in codes
        # The comment is not text
        assert not any("make_tracked_fixtures" in line.text or "Review note" in line.text for line in source.lines)
    before = [line.text for line in read(data, "t.docx", "before").lines]
    after = [line.text for line in read(data, "t.docx", "after").lines]
    assert before != after


def test_tracked_chinese_file_holds_the_real_articles() -> None:
    data = (TRACKED / "supervision-law-tracked.docx").read_bytes()
    manifest = next(m for m in load_manifests(DRAFTS) if m.slug == "supervision-law")
    for state, entry in (("before", manifest.versions[0]), ("after", manifest.versions[1])):
        assert articles_of(parse_source(read(data, "t.docx", state), Meta())) == \
            articles_of(parse_file(entry.path, Meta()))


def test_import_tracked_makes_two_versions_and_the_same_diff(tmp_path: Path) -> None:
    runner = CliRunner()
    repo = tmp_path / "repo"
    assert runner.invoke(main, ["init", str(repo)]).exit_code == 0
    tracked = TRACKED / "supervision-law-tracked.docx"
    info = tracked_changes(tracked.read_bytes(), "t.docx")
    no_date = runner.invoke(main, ["--repo", str(repo), "import", str(tracked), "--doc", "sup", "--tracked"])
    assert no_date.exit_code == 2 and "--date" in no_date.output  # LibreOffice wrote no creation date
    args = ["--repo", str(repo), "import", str(tracked), "--doc", "sup", "--tracked", "--date", "2018-03-20"]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert runner.invoke(main, args).output.count("nothing to do") == 2  # again: nothing new
    log = runner.invoke(main, ["--repo", str(repo), "log", "sup", "--json"])
    import json

    versions = json.loads(log.output)["sup"]
    assert [(v["date"], v["articles"]) for v in versions] == [("2018-03-20", 69), (info.latest, 78)]
    stat = runner.invoke(main, ["--repo", str(repo), "diff", "sup", "--format", "json"])
    old = parse_file(TRACKED / "supervision-law-old.docx", Meta())
    new = parse_file(TRACKED / "supervision-law-new.docx", Meta())
    assert json.loads(stat.output)["stats"] == compare(old, new).stats


def test_state_errors_are_one_line() -> None:
    runner = CliRunner()
    markdown = DRAFTS / "supervision-law" / "01-adopted-2018-03-20.md"
    result = runner.invoke(main, ["parse", str(markdown), "--state", "before"])
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "Word document" in result.output
    plain = runner.invoke(main, ["--repo", ".", "import", str(TRACKED / "supervision-law-old.docx"), "--doc", "x",
                                 "--tracked", "--date", "2018-03-20"])
    assert plain.exit_code == 2 and "no tracked changes" in plain.output
    parsed = runner.invoke(main, ["parse", str(TRACKED / "supervision-law-tracked.docx"), "--state", "before",
                                  "-f", "text"])
    assert parsed.exit_code == 0 and "第六十九条" in parsed.output and "第七十八条" not in parsed.output


# -- lawdiff's own redline, imported again ------------------------------------------------------
CHINESE_PAIRS = [p for p in PAIRS if p[3] == "zho"]


@pytest.mark.parametrize("name, path_a, path_b, lang", CHINESE_PAIRS, ids=[p[0] for p in CHINESE_PAIRS])
def test_lawdiffs_chinese_redline_parses_as_its_two_versions(name: str, path_a: Path, path_b: Path,
                                                             lang: str) -> None:
    """Import's own parser reads both states of the redline as the two versions (article
    numbers inline, `第一条　……`, as the laws print them)."""
    old, new, _ = documents(path_a, path_b, lang)
    data = redline(path_a, path_b, lang)
    info = tracked_changes(data, "redline.docx")
    assert (info.created, info.latest) == (old.meta.date, new.meta.date)
    for state, want in (("before", old), ("after", new)):
        again = parse_source(read(data, "redline.docx", state), Meta(), lang="zho")
        assert articles_of(again) == articles_of(want)
        assert containers_of(again) == containers_of(want)
