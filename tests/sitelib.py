"""Repositories and sites for the site tests, made from real corpus files and small texts.

Both site test modules build from here so the browser tests do not depend on `make demo`.
"""

from __future__ import annotations

import html.parser
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from click.testing import CliRunner

from helpers import CORPUS
from lawdiff.cli import main

SHANGHAI = CORPUS / "zh" / "shanghai-business-environment"

# A small law in three readings: v2 inserts an article before others (renumbering) and
# amends one; v3 removes one and moves one into another chapter.
TEST_LAW = {
    1: """测试条例

第一章 总则

第一条 为了规范测试活动，保障测试质量，制定本条例。

第二条 本条例适用于本市行政区域内的测试活动及其监督管理。

第三条 测试活动应当遵循公开、透明的原则，接受社会监督。

第二章 附则

第四条 本条例自公布之日起施行。
""",
    2: """测试条例

第一章 总则

第一条 为了规范测试活动，保障测试质量，制定本条例。

第二条 本市持续改进测试服务，为测试机构提供便利。

第三条 本条例适用于本市行政区域内的测试活动及其监督管理。

第四条 测试活动应当遵循公开、公平、透明的原则，依法接受社会监督。

第二章 附则

第五条 本条例自公布之日起施行。
""",
    3: """测试条例

第一章 总则

第一条 为了规范测试活动，保障测试质量，制定本条例。

第二条 本市持续改进测试服务，为测试机构提供便利。

第二章 监督与附则

第三条 测试活动应当遵循公开、公平、透明的原则，依法接受社会监督。

第四条 本条例自公布之日起施行。
""",
}

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
    readings) and, optionally, a document whose title, label and text hold markup."""
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
            "--date", f"202{n}-01-01", "--stage", stages[n], "--title", "测试条例")
    if hostile:
        for n, text in HOSTILE_TEXT.items():
            path = root / f"hostile-{n}.txt"
            path.write_text(text, encoding="utf-8")
            run("--repo", str(repo), "import", str(path), "--doc", "hostile",
                "--version", HOSTILE_LABEL if n == 1 else "第二稿", "--date", f"202{n}-06-01",
                "--stage", "draft", "--title", HOSTILE_TITLE)
    return repo


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
