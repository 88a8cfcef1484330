"""The Chinese parser on real texts: the OCR seed, every Chinese corpus file, and
re-wrapped real lines that put cross-references where article markers could be."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import CORPUS, DATA, SEED, sources_article_counts
from lawdiff.model import Meta, SourceLine
from lawdiff.akn.load import parse_file
from lawdiff.compare.differ import compare
from lawdiff.parse.zh import continuation_evidence, parse_lines
from lawdiff.text.normalize import display_text
from lawdiff.ingest.registry import read_source


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED)


def test_seed_front_matter_is_apart(seed) -> None:
    roles = [b.role for b in seed.front]
    assert roles[0] == "title"
    assert seed.front[0].lines == ["上海市促进人工智能产业发展条例(草案)(征求意见稿)"]
    announcement = next(b for b in seed.front if b.role == "announcement")
    assert announcement.lines[0] == "上海市人大常委会办公厅公告"
    assert any("fgwlfec@126.com" in line for line in announcement.lines)
    # nothing of the announcement leaked into an article
    assert all("fgwlfec" not in a.body_text() for a in seed.articles())


def test_seed_chapters_and_sections(seed) -> None:
    chapters = [n for n in seed.body if n.kind == "chapter"]
    assert [c.number for c in chapters] == ["1", "2", "3"]
    assert chapters[0].num == "第一音"  # printed as is, read as chapter 1
    sections = {c.number: [(s.number, s.heading) for s in c.children if s.kind == "section"] for c in chapters}
    assert sections["2"] == [("1", "基本要素"), ("2", "科技创新")]
    assert sections["3"] == [("1", "一般规定")]


def test_seed_articles_in_order_with_headings(seed) -> None:
    articles = seed.articles()
    assert [a.number for a in articles] == [str(i) for i in range(1, 32)]
    assert all(a.heading for a in articles), [a.num for a in articles if not a.heading]
    by_number = {a.number: a for a in articles}
    assert by_number["1"].heading_text == "立法目的"
    assert by_number["13"].heading_text == "东数西算和长三角国家枢 纽节点建设"
    # cut off with no closing bracket: kept as printed
    assert by_number["19"].heading == "(重点实验室、重大科研平"
    # the article marker in mid-line starts article 24, and the text before it stays in 23
    assert by_number["24"].heading == "(科研组织管理方式改"
    assert by_number["23"].body_text().endswith("核心技术的研究。")
    # the garbage duplicate heading stays text of article 29
    assert by_number["29"].heading_text == "特色产业园区"
    assert by_number["29"].children[0].text.startswith("第二十九宗(符号广亚图区)")


def test_seed_page_jump_and_explanatory_note(seed) -> None:
    art31 = seed.articles()[-1]
    assert art31.body_text().rstrip().endswith("初创型高成长性")
    # they sit where the jump interrupts the text (inside the open chapter), in order
    hcontainers = [n for top in seed.body for n in top.walk() if n.kind == "hcontainer"]
    assert [n.name for n in hcontainers] == ["pageJump", "detachedText"]
    detached = next(n for n in hcontainers if n.name == "detachedText")
    assert detached.children[0].text == "智能产业发展与安全。二是明确人工智能"
    assert [a.name for a in seed.attachments] == ["explanatoryNote"]
    note = seed.attachments[0]
    assert note.heading.startswith("关于《上海市促进人工智能产业发展条例(草案)》")
    assert note.lines[-1] == "5.其他意见和建议。"


def test_seed_warnings_name_lines_a_reader_can_act_on(seed) -> None:
    codes = {(w.code, w.line) for w in seed.warnings}
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for code, needle in [("ocr-marker", "第一音"), ("duplicate-heading", "第二十九宗"), ("page-jump", "(下转 A8)"),
                         ("heading-unclosed", "第十九条 (重点实验室")]:
        matching = [line for c, line in codes if c == code]
        assert matching, code
        assert any(needle in lines[n - 1] for n in matching), (code, matching)


@pytest.mark.parametrize("path,count", sorted(sources_article_counts("zh").items()),
                         ids=lambda v: v.name if isinstance(v, Path) else str(v))
def test_corpus_article_counts_match_sources(path: Path, count: int) -> None:
    doc = parse_file(path)
    assert len(doc.articles()) == count
    numbers = [a.number for a in doc.articles()]
    assert len(set(numbers)) == len(numbers), "article numbers must be unique"


def test_civil_code_two_sources_give_identical_article_texts() -> None:
    a = parse_file(CORPUS / "zh/civil-code/01-adopted-2020-05-28.txt")
    b = parse_file(CORPUS / "zh/civil-code/02-adopted-2020-05-28-lawrefbook-markdown.md")
    assert [x.number for x in a.articles()] == [x.number for x in b.articles()]
    differing = [x.num for x, y in zip(a.articles(), b.articles()) if x.body_text() != y.body_text()]
    assert differing == []
    # the table of contents of the plain-text edition is front matter, not articles
    assert any(block.role == "toc" for block in a.front)
    books = [n for n in a.body if n.kind == "book"]
    assert [b.number for b in books] == [str(i) for i in range(1, 8)] + [""]  # 7 books + 附则


def test_criminal_law_inserted_articles_are_numbered_with_suffix() -> None:
    doc = parse_file(CORPUS / "zh/criminal-law/01-amended-2020-12-26.md")
    numbers = [a.number for a in doc.articles()]
    assert numbers[numbers.index("17") + 1] == "17-1"
    assert sum("-" in n for n in numbers) == 53  # SOURCES.md: 53 之X articles
    assert [a.name for a in doc.attachments] == ["annex", "annex"]


def _rewrap(text: str, cut_before: str) -> list[str]:
    index = text.index(cut_before)
    return [text[:index], text[index:]]


def test_cross_reference_at_line_start_never_starts_an_article() -> None:
    """Real lines, hard-wrapped so that a cross-reference `第X条` begins a line."""
    source = read_source(CORPUS / "zh/company-law/01-amended-2018-10-26.md")
    lines = [l.text for l in source.lines]
    # find a real article whose text cites another article by number
    target = next(i for i, t in enumerate(lines) if t.startswith("第") and "依照本法第" in t[6:])
    head = lines[target]
    cut = head.index("依照本法第") + len("依照本法")
    wrapped = lines[:target] + [head[:cut], head[cut:]] + lines[target + 1:]
    original = parse_lines([SourceLine(t, i) for i, t in enumerate(lines, 1)], Meta())
    rewrapped = parse_lines([SourceLine(t, i) for i, t in enumerate(wrapped, 1)], Meta())
    assert [a.number for a in rewrapped.articles()] == [a.number for a in original.articles()]


def test_ocr_marker_confirmed_only_by_sequence() -> None:
    """`第一音` is chapter 1 where the sequence expects a chapter 1, and text elsewhere."""
    lines = [l.text for l in read_source(SEED).lines if l.text.strip()]
    start = next(i for i, t in enumerate(lines) if t.startswith("第一音"))
    body = lines[start:]
    doc = parse_lines([SourceLine(t, i) for i, t in enumerate(body, 1)], Meta())
    assert doc.body[0].kind == "chapter" and doc.body[0].number == "1"
    # the same damaged word where no chapter 1 is expected (after chapter 2) stays text
    chapter2 = next(i for i, t in enumerate(body) if t.startswith("第二章"))
    moved = body[: chapter2 + 3] + [body[0]] + body[chapter2 + 3:]
    doc = parse_lines([SourceLine(t, i) for i, t in enumerate(moved, 1)], Meta())
    assert [c.number for c in doc.body if c.kind == "chapter"] == ["1", "2", "3"]


def test_an_excerpt_starts_at_its_first_article() -> None:
    """Real lines from the middle of a law: numbering starts where the excerpt does."""
    lines = [l.text for l in read_source(CORPUS / "zh/criminal-law/01-amended-2020-12-26.md").lines]
    start = next(i for i, t in enumerate(lines) if t.startswith("第一百六十三条"))
    end = next(i for i, t in enumerate(lines) if t.startswith("第一百七十条"))
    doc = parse_lines([SourceLine(t, i) for i, t in enumerate(lines[start:end], 1)], Meta())
    assert [a.number for a in doc.articles()][:3] == ["163", "164", "165"]
    assert doc.articles()[-1].number == "169-1"
    assert [w.code for w in doc.warnings] == ["excerpt"]


def _seed_lines() -> list[str]:
    return [l.text for l in read_source(SEED).lines if l.text.strip()]


def _parse(lines: list[str]):  # type: ignore[no-untyped-def]
    return parse_lines([SourceLine(t, i) for i, t in enumerate(lines, 1)], Meta())


def test_article_heading_wrapped_over_two_lines() -> None:
    """The seed's own 第十三条 line, wrapped inside its heading as a narrower column would."""
    lines = _seed_lines()
    i = next(k for k, t in enumerate(lines) if t.startswith("第十三条"))
    cut = lines[i].index("枢") + 1
    doc = _parse(lines[:i] + [lines[i][:cut], lines[i][cut:].strip()] + lines[i + 1:])
    art = next(a for a in doc.articles() if a.number == "13")
    assert art.heading_text.replace(" ", "") == "东数西算和长三角国家枢纽节点建设"
    assert art.body_text().startswith("本市按照国家部署")


def test_article_heading_alone_on_the_next_line() -> None:
    lines = _seed_lines()
    j = next(k for k, t in enumerate(lines) if t.startswith("第一条"))
    marker, heading = lines[j].split(" ", 1)
    doc = _parse(lines[:j] + [marker, heading] + lines[j + 1:])
    first = doc.articles()[0]
    assert (first.num, first.heading_text) == ("第一条", "立法目的")
    assert first.body_text().startswith("为了促进本市人工智能产业发展")


# -- OCR blocks: a block joins the one before it only on evidence ------------------------------------
# The seed's paragraphs as printed, article by article: each paragraph is the list of the seed's
# lines (blocks between blank lines) that make it up.  Read off the seed: a block joins the one
# before only where a word spans the break (人工 + 智能, 科 + 学仪器, 开 + 放, 领军人 + 才, 规 + 定,
# 芯 + 片); every other block is a paragraph of its own, however its predecessor ends.
SEED_PARAGRAPHS: dict[int, list[list[int]]] = {
    1: [[25]], 2: [[27], [29]], 3: [[33]], 4: [[35]], 5: [[39], [41], [43]],
    6: [[47], [49], [51], [53], [55], [57]], 7: [[61]], 8: [[65]], 9: [[69], [71], [73]],
    10: [[77], [79]], 11: [[83], [85], [87]], 12: [[95], [97], [99]], 13: [[103]], 14: [[107], [109]],
    15: [[113], [115], [117], [119]], 16: [[123, 125], [127], [129]], 17: [[133], [135]],
    18: [[141], [143]], 19: [[147], [149]], 20: [[153]], 21: [[157]], 22: [[161, 163, 165]],
    23: [[169], [171]], 24: [[173, 175], [177]], 25: [[181]], 26: [[189]], 27: [[193]], 28: [[197]],
    29: [[199], [201, 203]], 30: [[207, 209], [211]], 31: [[213], [215]],
}


def _seed_line(number: int) -> str:
    return display_text(SEED.read_text(encoding="utf-8").splitlines()[number - 1])


@pytest.mark.parametrize("article", sorted(SEED_PARAGRAPHS))
def test_seed_paragraphs_are_the_printed_blocks(seed, article: int) -> None:
    node = next(a for a in seed.articles() if a.number == str(article))
    expected = SEED_PARAGRAPHS[article]
    assert [p.kind for p in node.children] == ["paragraph"] * len(expected)
    assert [p.line for p in node.children] == [lines[0] for lines in expected]
    joins = {(w.line, w.message) for w in seed.warnings if w.code == "joined"}
    for paragraph, lines in zip(node.children, expected):
        text = display_text(paragraph.text)
        # it starts in its first block, holds the start of each block joined to it, ends in its last
        assert text[:6] in _seed_line(lines[0])
        assert all(_seed_line(number)[:8] in text for number in lines[1:])
        assert text[-6:] in _seed_line(lines[-1])
        for before, after in zip(lines, lines[1:]):  # each join names both lines
            assert any(line == after and f"line {after} continues line {before}" in message
                       for line, message in joins), (before, after)
    # what must be absent: no block glued to the next paragraph's first words
    for first, second in zip(expected, expected[1:]):
        seam = _seed_line(first[-1])[-4:] + _seed_line(second[0])[:4]
        assert all(seam not in display_text(p.text) for p in node.children), seam


def test_seed_no_invented_sentences(seed) -> None:
    """The issue's own example and every cut-off 款 followed by a new one: never glued together."""
    texts = [display_text(p.text) for a in seed.articles() for p in a.children]
    assert not any("人工智市科技" in t for t in texts)
    assert not any("基础设市经济" in t for t in texts)  # 第十二条: a cut 款 before 市…部门
    assert not any("会展活参与" in t for t in texts)  # 第十一条: two cut 款, no word spans them
    # the joins the seed does need are there
    assert any("大数据与人工智能技术协同研发" in t for t in texts)
    assert any("人工智能智能芯片首轮流片" in t for t in texts)


def test_seed_truncated_paragraphs_are_flagged_with_their_line(seed) -> None:
    truncated = {w.line for w in seed.warnings if w.code == "truncated"}
    for article in seed.articles():
        for paragraph in article.children:
            last = next(lines[-1] for lines in SEED_PARAGRAPHS[int(article.number)] if lines[0] == paragraph.line)
            ends = display_text(paragraph.text).rstrip()[-1:]
            if ends in "。；：":
                assert last not in truncated
            else:
                assert last in truncated, (article.num, paragraph.line)
    assert {49, 53, 83, 85, 95} <= truncated  # the 第六条, 第十一条, and 第十二条


def test_seed_wrap_spaces_are_kept_in_the_text_and_gone_for_the_reader(seed) -> None:
    art2 = next(a for a in seed.articles() if a.number == "2")
    stored = art2.children[1].text
    assert "本条例所称人工智能产业,是指人工 智能技术" in stored  # the printed wrap space is stored
    assert "人工智能技术" in display_text(stored)


def test_block_joins_are_judged_by_evidence() -> None:
    """The rules on their own, with real seed blocks: a 款 opening is never a continuation."""
    assert continuation_evidence("市发展改革部门负责统筹协调人工智", "市科技部门负责支持人工智能前沿基 础理论")== ""
    assert continuation_evidence("本市鼓励相关主体开展大数据与人工", "智能技术协同研发,研制数据标注的专业") != ""
    assert continuation_evidence("为人工智能技术与产业发展提供。", "智能技术协同研发") == ""  # after a sentence end
    # a word would span the break (城 + 市), but the block opens like a 款 (市…部门): no join
    assert continuation_evidence("推进智慧城", "市网信部门负责统筹协调人工智能产业发展中的网络安全") == ""
    assert continuation_evidence("应当会同有关部门", "，制定相关政策措施") != ""  # no sentence begins with a comma


def test_a_number_cut_by_a_column_wrap_is_one_number(tmp_path: Path) -> None:
    """The Beijing regulation set as a newspaper column (every line cut at 36 characters, as OCR'd
    text comes): the cut falls inside `20日` in 第十八条 (`…会议举行的2` / `0日前…`).  Chinese writes
    no space inside a number, so the halves join without one; a space there (`2 0日`) read as a
    change of the text, not of its layout."""
    source = CORPUS / "zh/beijing-local-legislation/01-revised-2017-01-20.md"
    lines = [line.lstrip("# ") for line in source.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("<!--")]
    column = [line[i:i + 36] for line in lines for i in range(0, len(line), 36)]
    assert any(a.endswith("会议举行的2") and b.startswith("0日前") for a, b in zip(column, column[1:]))
    wrapped = tmp_path / "column.txt"
    wrapped.write_text("\n".join(column) + "\n", encoding="utf-8")
    got = {a.number: a.body_text() for a in parse_file(wrapped).articles()}
    assert "提案人应当在会议举行的20日前报送常务委员会。" in got["18"]
    result = compare(parse_file(source), parse_file(wrapped))
    assert all(c.type == "unchanged" or c.formatting_only for c in result.changes)


def test_a_title_cut_by_a_column_wrap_is_the_whole_title(tmp_path: Path) -> None:
    """A judicial interpretation set as a 16-character column: its 21-character title fills the
    first line and goes on in the second.  The title is both lines; it was the first only, and
    the rest went into the notes (the diff said "title changed").  The dates after it stay notes."""
    source = DATA / "national-sample/司法解释/最高人民法院关于知识产权法庭若干问题的规定(2018-12-28).md"
    lines = [line.lstrip("# ") for line in source.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("<!--")]
    column = [line[i:i + 16] for line in lines for i in range(0, len(line), 16)]
    assert column[:2] == ["最高人民法院关于知识产权法庭若干", "问题的规定"]
    wrapped = tmp_path / "column.txt"
    wrapped.write_text("\n".join(column) + "\n", encoding="utf-8")
    want, got = parse_file(source), parse_file(wrapped)
    assert got.meta.title == want.meta.title == "最高人民法院关于知识产权法庭若干问题的规定"
    assert [(a.number, a.body_text()) for a in got.articles()] == [(a.number, a.body_text()) for a in want.articles()]
    notes = [line for block in got.front if block.role != "title" for line in block.lines]
    assert notes and notes[0][:1].isdigit()  # the date line after the title


def test_a_text_without_articles_set_as_a_column_reads_as_its_paragraphs(tmp_path: Path) -> None:
    """A judicial interpretation with no 第X条 (one paragraph and its history), set as a 20-character
    column.  The parser of texts without articles took every line for a paragraph of its own and
    the first for the whole title; the lines of a column are its paragraphs cut, and read so."""
    source = DATA / "national-sample/司法解释/最高人民法院关于对变造、倒卖变造邮票行为如何适用法律问题的解释(2000-12-05).md"
    lines = [line.lstrip("# ") for line in source.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("<!--")]
    column = [line[i:i + 20] for line in lines for i in range(0, len(line), 20)]
    wrapped = tmp_path / "column.txt"
    wrapped.write_text("\n".join(column) + "\n", encoding="utf-8")
    want, got = parse_file(source), parse_file(wrapped)
    assert [a.kind for a in got.articles()] == [a.kind for a in want.articles()] == ["level"]  # no 第X条
    assert got.meta.title == want.meta.title == "最高人民法院关于对变造、倒卖变造邮票行为如何适用法律问题的解释"
    assert [[line.replace(" ", "") for line in block.lines] for block in got.front] == \
        [[line.replace(" ", "") for line in block.lines] for block in want.front]
    assert [a.body_text() for a in got.articles()] == [a.body_text() for a in want.articles()]
    assert all(c.type == "unchanged" for c in compare(want, got).changes)


@pytest.mark.parametrize("width", [20, 39])
def test_an_amendment_set_as_a_column_keeps_its_quoted_items_apart(width: int, tmp_path: Path) -> None:
    """刑法修正案（十一） (items 一、二、…, no 第X条) as a column.  It quotes the new text item by item,
    each in a paragraph of its own: “（三）…欺骗手段的； / “（四）编造生产、检验记录的。  A line as
    long as the column went on into the next unless that opened an item, and a quoted item (“（四）)
    did not count, so a paragraph that happened to fill its last line swallowed the next one."""
    source = DATA / "national-sample/刑法/刑法修正案（十一）.md"
    lines = [line.lstrip("# ") for line in source.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("<!--")]
    assert any(len(line) == 39 and line.startswith("“（三）") for line in lines)  # fills a 39-wide column
    column = [line[i:i + width] for line in lines for i in range(0, len(line), width)]
    wrapped = tmp_path / "column.txt"
    wrapped.write_text("\n".join(column) + "\n", encoding="utf-8")
    want, got = parse_file(source), parse_file(wrapped)
    assert [a.body_text() for a in got.articles()] == [a.body_text() for a in want.articles()]
    assert all(c.type == "unchanged" for c in compare(want, got).changes)


@pytest.mark.parametrize("width", [16, 19, 32, 38])
def test_a_cross_reference_that_falls_at_a_line_start_of_a_column_is_no_item(width: int, tmp_path: Path) -> None:
    """The company law (2018) as a column of `width` characters.  第一百八十三条 cites 第一百八十条第（一）项、
    第（二）项、第（四）项、第（五）项: at these widths a line starts with （四）项 or （五）项, and was read as
    item (四) or (五) of an article that has no items.  An item opens only as （一） or as the one after
    the paragraph's last item; anything else at a line start goes on with the open sentence."""
    source = CORPUS / "zh/company-law/01-amended-2018-10-26.md"
    lines = [line.lstrip("# ") for line in source.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("<!--")]
    column = [line[i:i + width] for line in lines for i in range(0, len(line), width)]
    assert any(part.startswith(("（四）项", "（五）项")) for part in column)
    wrapped = tmp_path / "column.txt"
    wrapped.write_text("\n".join(column) + "\n", encoding="utf-8")
    want = {a.number: a for a in parse_file(source).articles()}
    got = {a.number: a for a in parse_file(wrapped).articles()}
    assert sorted(got) == sorted(want)
    with_items = {number for number, article in want.items() if any(n.kind == "point" for n in article.walk())}
    assert [number for number, article in got.items()
            if number not in with_items and any(n.kind == "point" for n in article.walk())] == []
    assert "第（一）项、第（二）项、第（四）项、第（五）项规定而解散的" in got["183"].body_text()


def test_a_chapter_heading_with_commas_wrapped_over_two_lines_is_a_chapter() -> None:
    """The 2006 oversight law: `## 第三章 审查和批准决算，听取和审议国民经济和` / `社会发展计划、预算的
    执行情况报告，听取和审议审计工作报告`.  Its commas once made it text of 第十四条, and with it went
    every later chapter (the sequence still waited for 第三章)."""
    doc = parse_file(CORPUS / "zh" / "oversight-law" / "01-adopted-2006-08-27.md")
    chapters = [(c.num, c.heading) for c in doc.containers()]
    assert [num for num, _ in chapters] == [f"第{n}章" for n in "一二三四五六七八九"]
    assert chapters[2][1] == "审查和批准决算，听取和审议国民经济和社会发展计划、预算的执行情况报告，听取和审议审计工作报告"
    art14 = next(a for a in doc.articles() if a.num == "第十四条")
    assert "第三章" not in art14.body_text() and "审计工作报告" not in art14.body_text()
    assert not [w for w in doc.warnings if w.code == "container-gap"]


def test_chapter_numbering_resumes_after_a_heading_the_source_left_out() -> None:
    """A real regulation printed without its 第一章 heading: 第二章 to 第六章 are still chapters,
    with a warning naming the gap (a warning, not an error: no line before reads like 第一章)."""
    doc = parse_file(DATA / "parse-cases" / "东营市湿地城市建设条例(2020-12-14).md")
    assert [c.num for c in doc.containers()] == [f"第{n}章" for n in "二三四五六"]
    assert len(doc.articles()) == 46
    gaps = [w for w in doc.warnings if w.code == "container-gap"]
    assert len(gaps) == 1 and gaps[0].level == "warning" and "第一章" in gaps[0].message
    assert all("第二章" not in a.body_text() for a in doc.articles())


def test_a_chapter_heading_kept_as_text_before_a_gap_is_an_error_naming_its_line() -> None:
    """The same gap when the missing heading is there but unreadable as one (a sentence end
    after it): the warning is an error and names that line."""
    lines = ["第一章 总则", "第一条 甲。", "第二章 乙。", "第二条 丙。", "第三章 丁", "第三条 戊。"]
    doc = parse_lines([SourceLine(t, k + 1) for k, t in enumerate(lines)], Meta())
    assert [c.num for c in doc.containers()] == ["第一章", "第三章"]
    gap = next(w for w in doc.warnings if w.code == "container-gap")
    assert gap.level == "error" and "line 3" in gap.message


def test_a_section_gap_is_judged_within_its_chapter() -> None:
    """Sections restart in each chapter: the first chapter's 第二节 says nothing about a 第二节
    missing from the second (a warning, not an error naming that line; the national corpus's
    深圳经济特区数据条例 prints no 第二节 in its 第四章)."""
    lines = ["第一章 总则", "第一节 甲", "第一条 甲。", "第二节 乙", "第二条 乙。",
             "第二章 丙", "第一节 丙", "第三条 丙。", "第三节 丁", "第四条 丁。"]
    doc = parse_lines([SourceLine(t, k + 1) for k, t in enumerate(lines)], Meta())
    assert [c.num for c in doc.containers()] == ["第一章", "第一节", "第二节", "第二章", "第一节", "第三节"]
    gap = next(w for w in doc.warnings if w.code == "container-gap")
    assert gap.level == "warning" and "line 4" not in gap.message
