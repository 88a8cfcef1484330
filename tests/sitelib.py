"""Repositories and sites for the site tests, made from real corpus files (and markup probes).

Both site test modules build from here so the browser tests do not depend on `make demo`.
"""

from __future__ import annotations

import html.parser
import os
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from helpers import CORPUS
from lawdiff.cli.app import main
from lawdiff.text.numerals import int_to_zh

SHANGHAI = CORPUS / "zh" / "shanghai-business-environment"

SUPERVISION = CORPUS / "zh" / "supervision-law"
SUPERVISION_2018 = SUPERVISION / "01-adopted-2018-03-20.md"
SUPERVISION_2024 = SUPERVISION / "02-amended-2024-12-25.md"


def corpus_law(path: Path) -> tuple[str, dict[str, str], dict[str, str]]:
    """The title, the chapter heading lines (by 第X章) and the article texts (by 第X条, the
    text after the marker, paragraphs joined by a blank line) of a LawRefBook corpus file,
    exactly as printed; only the Markdown marks (`#`, `##`) are left out."""
    head, body = path.read_text(encoding="utf-8").split("<!-- INFO END -->")
    title = head.splitlines()[0].removeprefix("# ")
    headings: dict[str, str] = {}
    articles: dict[str, list[str]] = {}
    current: list[str] | None = None
    for block in (b for b in body.split("\n\n") if b.strip()):
        block = block.strip("\n")
        if block.startswith("## "):
            line = block.removeprefix("## ")
            headings[line.split(" ")[0]] = line
            current = None
        elif (marker := re.match(r"(第[一二三四五六七八九十百零]+条) ", block)) is not None:
            current = articles[marker.group(1)] = [block[marker.end():]]
        else:
            assert current is not None, f"{path.name}: paragraph outside an article: {block[:30]}"
            current.append(block)
    return title, headings, {num: "\n\n".join(paras) for num, paras in articles.items()}


# A generated law in three readings, every article and chapter heading taken verbatim from
# the real 监察法 (v1 from the 2018 text as adopted, v2 and v3 from the 2024 text as amended).
# Only the selection, the chapter an article is placed in and the 第X条 numbering of the
# selection are made here; articles keep their real order.  A pick is (chapter it is placed
# in, article number in the source file).  Chapters 一 to 五 are all used because the parser
# takes a chapter heading only in sequence (a text starting at 第四章 would have none).
# Headings come from the same file as the articles: 2018 prints 第一章 总则, 2024 总 则,
# which the diff reads as the same heading.
# - v1: 第二条, 第七条, 第十七条, 第二十一条, 第四十一条, 第四十二条 (of 2018).
# - v2: the same articles in their 2024 text, with the new 第二十一条 (强制到案) inserted
#   before the old 第二十一条 (now 第二十二条), so the articles after it renumber; the old
#   第四十一条 (now 第四十四条) carries its real amendment ("强制到案、责令候查、管护" added).
# - v3: drops 第二十二条 and places 第四十四条 in 第四章 instead of 第五章.
TEST_LAW_PICKS: dict[int, tuple[Path, list[tuple[str, str]]]] = {
    1: (SUPERVISION_2018, [("第一章", "第二条"), ("第二章", "第七条"), ("第三章", "第十七条"),
                           ("第四章", "第二十一条"), ("第五章", "第四十一条"), ("第五章", "第四十二条")]),
    2: (SUPERVISION_2024, [("第一章", "第二条"), ("第二章", "第七条"), ("第三章", "第十七条"),
                           ("第四章", "第二十一条"), ("第四章", "第二十二条"), ("第五章", "第四十四条"),
                           ("第五章", "第四十五条")]),
    3: (SUPERVISION_2024, [("第一章", "第二条"), ("第二章", "第七条"), ("第三章", "第十七条"),
                           ("第四章", "第二十一条"), ("第四章", "第四十四条"), ("第五章", "第四十五条")]),
}
# A fourth reading for the tests that need one more version: v3 and the real 第四十六条.
FOURTH_PICKS = (SUPERVISION_2024, TEST_LAW_PICKS[3][1] + [("第五章", "第四十六条")])


def pick(path: Path, number: str) -> str:
    """One real article's text (without its marker)."""
    return corpus_law(path)[2][number]


def generated_reading(path: Path, picks: list[tuple[str, str]]) -> str:
    """A plain-text reading of the picked articles, numbered 第一条, 第二条, … in pick order."""
    title, headings, articles = corpus_law(path)
    lines = [title, ""]
    chapter = None
    for n, (placed_in, number) in enumerate(picks, start=1):
        if placed_in != chapter:
            chapter = placed_in
            lines += [headings[chapter], ""]
        lines += [f"第{int_to_zh(n)}条 {articles[number]}", ""]
    return "\n".join(lines)


TEST_LAW_TITLE = corpus_law(SUPERVISION_2018)[0]
TEST_LAW = {n: generated_reading(path, picks) for n, (path, picks) in TEST_LAW_PICKS.items()}
FOURTH_READING = generated_reading(*FOURTH_PICKS)


def insertions(old: str, new: str) -> set[str]:
    """Every string whose insertion at one place turns `old` into `new` (several when the
    place is ambiguous, as in "询问、[强制到案、…、]留置"), so a test can check that a redline
    shows the real amendment as a single <ins> whichever of the equal places it picks."""
    grow = len(new) - len(old)
    prefix = len(os.path.commonprefix([old, new]))
    suffix = len(os.path.commonprefix([old[::-1], new[::-1]]))
    places = range(max(0, len(old) - suffix), min(prefix, len(old)) + 1)
    found = {new[i:i + grow] for i in places if old[:i] + new[i:i + grow] + old[i:] == new}
    assert grow > 0 and found, "not a single insertion"
    return found


# Law text and metadata are data: each of these must show literally and never run.
HOSTILE_TITLE = '<script>alert("title")</script> 条例'
HOSTILE_TEXT = {
    1: """第一条 <script>alert("text")</script>本条例用于检验转义。

第二条 "onload="alert('attr')" 与 <img src=x onerror=alert('img')> 均为文字。
""",
    2: """第一条 <script>alert("text")</script>本条例用于检验转义，javascript:alert('link') 也是文字。

第二条 "onload="alert('attr')" 与 <img src=x onerror=alert('img')> 均为文字。
""",
}
HOSTILE_LABEL = "<b onmouseover=alert('label')>草案</b>"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def make_repo(root: Path, hostile: bool = True) -> Path:
    """A repository with the Shanghai regulation (two real versions), the test law (three
    generated readings of real 监察法 articles) and, optionally, a document whose title,
    label and text hold markup."""
    repo = root / "repo"
    run("init", str(repo))
    run("--repo", str(repo), "import", str(SHANGHAI / "01-adopted-2020-04-10.md"), "--doc", "shanghai",
        "--version", "2020年文本", "--date", "2020-04-10", "--stage", "adopted")
    run("--repo", str(repo), "import", str(SHANGHAI / "02-amended-2024-09-27.md"), "--doc", "shanghai",
        "--version", "2024年修正", "--date", "2024-09-27", "--stage", "amended")
    stages = {1: "draft", 2: "reading", 3: "adopted"}
    for n, text in TEST_LAW.items():
        path = root / f"test-law-{n}.txt"
        path.write_text(text, encoding="utf-8")
        run("--repo", str(repo), "import", str(path), "--doc", "test-law", "--version", f"第{n}稿",
            "--date", f"202{n}-01-01", "--stage", stages[n], "--title", TEST_LAW_TITLE)
    if hostile:
        for n, text in HOSTILE_TEXT.items():
            path = root / f"hostile-{n}.txt"
            path.write_text(text, encoding="utf-8")
            run("--repo", str(repo), "import", str(path), "--doc", "hostile",
                "--version", HOSTILE_LABEL if n == 1 else "第二稿", "--date", f"202{n}-06-01",
                "--stage", "draft", "--title", HOSTILE_TITLE)
    return repo


DRAFTS = Path(__file__).resolve().parent.parent / "drafts"
# The reader's cases of issue 12: the company-law revision (218 -> 266 articles), the OCR'd
# AI-industry draft (a page jump, detached text, an OCR-damaged chapter number) and the
# Shanghai regulation (the only one of the three holding 营商环境).
READER_DRAFTS = ("company-law", "ai-industry", "shanghai-business-environment")


def make_drafts_repo(root: Path, names: tuple[str, ...] = READER_DRAFTS) -> Path:
    """A repository of some of the bundled drafts (each folder with its lawdiff.toml), imported as `make demo` does."""
    source = root / "drafts"
    for name in names:
        shutil.copytree(DRAFTS / name, source / name)
    repo = root / "repo"
    run("init", str(repo))
    run("--repo", str(repo), "import-dir", str(source))
    return repo


def make_drafts_repo_with_a_parse_error(root: Path) -> Path:
    """The AI-industry draft imported with one more warning, at error level (as the parsers report a
    heading read as text), on top of the parser's own warnings: no bundled text has an error, and the
    site must show one apart."""
    import lawdiff.cli.repository as cli_repository
    from lawdiff.model import ParseWarning

    real = cli_repository.parse_source

    def parse_with_an_error(*args, **kwargs):  # type: ignore[no-untyped-def]
        doc = real(*args, **kwargs)
        doc.warnings.append(ParseWarning(7, "article-gap", "articles 3 to 4 are missing; '第三条' (line 5) "
                                                          "was read as text of the unit before", "error"))
        return doc

    patch = pytest.MonkeyPatch()
    patch.setattr(cli_repository, "parse_source", parse_with_an_error)
    try:
        return make_drafts_repo(root, ("ai-industry",))
    finally:
        patch.undo()


def build(repo: Path, out: Path, *extra: str) -> str:
    return run("--repo", str(repo), "site", "-o", str(out), *extra)


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


class PageParser(html.parser.HTMLParser):
    """Collects what the structural checks need: ids, links, headings, scripts, lang."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[tuple[str, str]] = []  # (attribute, value)
        self.headings: list[int] = []
        self.scripts: list[dict[str, str | None]] = []
        self.html_lang: str | None = None
        self.event_handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if a.get("id") is not None:
            self.ids.append(a["id"] or "")
        for name in ("href", "src"):
            if a.get(name) is not None:
                self.links.append((name, a[name] or ""))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "script":
            self.scripts.append(a)
        self.event_handlers += [k for k in a if k.startswith("on")]


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def resolve(site: Path, page: str, link: str) -> tuple[str, str] | None:
    """(site-relative path, fragment) of an internal link, None for external ones."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    return target, unquote(parts.fragment)
