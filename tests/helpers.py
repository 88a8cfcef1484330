"""Shared test helpers: where the data is, and the lossless yardstick."""

from __future__ import annotations

import os
import re
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pygit2
from click.testing import CliRunner
from lxml import etree
from markdown_it import MarkdownIt

from lawdiff.cli.app import main
from lawdiff.ingest.registry import read_source
from lawdiff.ingest.source import squeeze

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"
SEED = DATA / "seeds" / "000_9f1126a30e32ca71.txt"
DRAFTS = Path(__file__).parent.parent / "drafts"


def without_pandoc_markup(text: str) -> str:
    """Markdown without what pandoc left in the corpus files and no other renderer reads: raw HTML
    blocks holding an empty comment, and `[...]{.smallcaps}` spans (their words kept)."""
    text = re.sub(r"```\{=html\}\s*<!-- -->\s*```|<!-- -->", "", text)
    return re.sub(r"\[([^\]\n]+)\]\{\.smallcaps\}", r"\1", text)


def as_wrapped_text(path: Path, width: int, blank_lines: bool,
                    measure: Callable[[str], float] | None = None) -> str:
    """A Markdown law as a plain .txt brings it: no markup (`#`, `*`/`**` emphasis, backslash escapes,
    pandoc's raw HTML and `[...]{.smallcaps}` spans), each paragraph, heading and list item wrapped
    at `width` columns (textwrap), set apart by a blank line or by nothing.  With `measure` (the
    width of a text, an average character being 1), lines are filled to `width` by that measure,
    as a proportional font sets them."""
    text = without_pandoc_markup(path.read_text(encoding="utf-8").split("<!-- INFO END -->")[-1])
    text = re.sub(r"(?<![\w*])\*\*?([^*\n]+?)\*\*?(?![\w*])", r"\1", text)
    text = re.sub(r"\\([^\w\s])", r"\1", text)
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            joined = " ".join(paragraph)
            out.extend(textwrap.wrap(joined, width, break_long_words=False, break_on_hyphens=False) if measure is None
                       else _fill(joined, width, measure))
            out.extend([""] if blank_lines else [])
            paragraph.clear()

    for line in text.splitlines():
        if line.startswith("#") or re.match(r"(\d+[a-z]?[.)]|\(\w{1,4}\)) ", line):
            flush()  # a heading, a list item: a paragraph of its own
        if line.strip():
            paragraph.append(line.lstrip("#").strip())
        if not line.strip() or line.startswith("#"):
            flush()
    flush()
    return "\n".join(out) + "\n"


def _fill(text: str, width: int, measure: Callable[[str], float]) -> list[str]:
    """`text` in lines as long as fit in `width` by `measure`, a word at a time (as textwrap does)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and measure(line + " " + word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + ([line] if line else [])


def run_on_terminal(command: list[str], cwd: Path) -> tuple[bytes, bytes]:
    """Run `command` with stderr on a pseudo-terminal (as a person at a terminal would see it):
    its stdout and everything the terminal was shown."""
    import pty  # POSIX only; only the terminal tests need it

    primary, secondary = pty.openpty()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=secondary, cwd=cwd, check=True)
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # Linux: EIO once the other side is closed and everything was read
            break
        if not chunk:
            break
        shown += chunk
    os.close(primary)
    return done.stdout, shown


def text_outside_meta(xml: bytes) -> str:
    """Every character of an AKN document outside <meta> elements (main and attachments)."""
    root = etree.fromstring(xml)
    out: list[str] = []

    def visit(el: etree._Element) -> None:
        if isinstance(el.tag, str) and etree.QName(el).localname == "meta":
            return
        if el.text:
            out.append(el.text)
        for child in el:
            visit(child)
            if child.tail:
                out.append(child.tail)

    visit(root)
    return "".join(out)


def source_text(path: Path, fmt: str | None = None) -> str:
    """The input's text with the format's own markup removed (what must survive import)."""
    return "".join(line.text for line in read_source(path, fmt).lines)


def assert_lossless(xml: bytes, path: Path, fmt: str | None = None) -> None:
    got, want = squeeze(text_outside_meta(xml)), squeeze(source_text(path, fmt))
    if got != want:
        i = next((k for k, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        raise AssertionError(f"text differs at {i}: xml {got[i-20:i+20]!r} vs source {want[i-20:i+20]!r}")


def sources_article_counts(lang: str) -> dict[Path, int]:
    """Article counts stated in corpus/SOURCES.md, per file of one language."""
    counts: dict[Path, int] = {}
    folder = ""
    column = 3  # the table's "articles" (or "sections") column, found from its header row
    for line in (CORPUS / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### (\w+/[\w.-]+)", line)
        if heading:
            folder = heading.group(1)
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] == "file":
            column = next((k for k, c in enumerate(cells) if c.startswith(("articles", "sections"))), 3)
            continue
        if folder.startswith(lang + "/") and len(cells) > column and re.match(r"^\d\d-.*\.\w+$", cells[0]):
            number = re.match(r"\d+", cells[column])
            if number:
                counts[CORPUS / folder / cells[0]] = int(number.group())
    return counts


def run(*args: str | Path, cwd: Path | None = None) -> tuple[int, str, str]:
    """`lawdiff ARGS` in-process, from `cwd` when given: (exit status, stdout, stderr)."""
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def refs(repo: Path) -> dict[str, str]:
    """Every ref of the repository and what it points at."""
    r = pygit2.Repository(str(repo))
    return {name: str(r.references[name].target) for name in r.references}


def rendered(source: Path, folder: Path, name: str) -> Path:
    """A Markdown law as an HTML page, rendered by markdown-it (CommonMark): `folder/name.html`."""
    page = folder / f"{name}.html"
    body = MarkdownIt("commonmark").render(source.read_text(encoding="utf-8"))
    page.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return page


def laid_out(page: Path, target: str) -> Path:
    """`page` converted by LibreOffice headless (`pdf`, or `docx:MS Word 2007 XML`), beside it; a
    profile of its own, so that parallel runs do not share (and lock) one."""
    subprocess.run(["soffice", f"-env:UserInstallation={(page.parent / 'profile').as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(page.parent), str(page)],
                   check=True, capture_output=True, timeout=300)
    return page.with_suffix("." + target.split(":")[0])


def as_text(pdf: Path) -> Path:
    """`pdf` turned into plain text by poppler's pdftotext, beside it: what a user gets from
    `pdftotext law.pdf`."""
    text = pdf.with_suffix(".txt")
    subprocess.run(["pdftotext", str(pdf), str(text)], check=True, capture_output=True, timeout=300)
    return text
