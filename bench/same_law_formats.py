"""The same law in every input format must read the same (run by hand; it reads the national corpus).

A law is the same whatever file it comes in, so `lawdiff diff law.md law.pdf` should find every
article unchanged (or formatting only).  This takes random laws of the national corpus, makes the
other formats from their Markdown with real tools, and counts the laws where the diff against the
Markdown finds a real difference: an article modified, moved, merged, split, added or removed, or
the title changed.

- html: rendered by markdown-it (CommonMark);
- pdf, docx: that HTML laid out by LibreOffice headless (`soffice`);
- column: the text cut into lines of one width (18 to 40 characters, per law), as OCR'd
  newspaper columns come;
- pdftotext: the PDF turned into plain text by poppler's pdftotext, as a user turns a PDF into
  a .txt.

    .venv/bin/python bench/same_law_formats.py [--corpus ../shared/corpus-national] [--laws 60] [--seed 21]
    PYTHONPATH=<another checkout> .venv/bin/python bench/same_law_formats.py   # the same files, other code

Measured 2026-12-04 (--laws 60 --seed 21), laws whose articles differ from the Markdown:

    format   code of 8350562   code of 8c72afc
    html            0                 0
    pdf            18                 0
    docx            0                 0
    column          4                 0

and laws whose title differs: 16 PDFs both times (LibreOffice leaves a Chinese <h1> off the
first page: the page is blank, pdftotext finds nothing on it), columns 7 -> 0.

The pdftotext column (added later), the same 60 laws: articles differ in 0 of 60 with the code
of 0c7256f and of 7e3a3c0; titles differ in 22 -> 16, the 16 PDFs above (a title set large
wraps at its own width: text.wrap.wrapped_title).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from markdown_it import MarkdownIt

from lawdiff.akn.load import parse_file
from lawdiff.compare.differ import compare
from lawdiff.errors import LawdiffError
from lawdiff.model import Document

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("html", "pdf", "docx", "column", "pdftotext")


def real_differences(want: Document, got: Document) -> Counter[str]:
    """What the diff finds beyond formatting: change types counted, and a changed title."""
    found: Counter[str] = Counter(c.type for c in compare(want, got).changes
                                  if c.type != "unchanged" and not c.formatting_only)
    if want.meta.title.replace(" ", "") != got.meta.title.replace(" ", ""):
        found["title"] += 1
    return found


def column(text: str, width: int) -> str:
    lines = [line.lstrip("# ") for line in text.splitlines() if line.strip() and not line.startswith("<!--")]
    return "\n".join(line[i:i + width] for line in lines for i in range(0, len(line), width)) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus-national")
    parser.add_argument("--laws", type=int, default=60)
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()
    files = sorted(args.corpus.rglob("*.md"))
    sample = random.Random(args.seed).sample(files, min(args.laws, len(files)))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        markdown = MarkdownIt("commonmark")
        for k, path in enumerate(sample):
            text = path.read_text(encoding="utf-8")
            (work / f"{k}.html").write_text(f"<html><body>{markdown.render(text)}</body></html>", encoding="utf-8")
            (work / f"{k}.txt").write_text(column(text, random.Random(k).randint(18, 40)), encoding="utf-8")
        pages = [str(work / f"{k}.html") for k in range(len(sample))]
        for target in ("pdf", "docx:MS Word 2007 XML"):
            subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                            "--convert-to", target, "--outdir", str(work), *pages],
                           check=True, capture_output=True, timeout=1800)
        for k in range(len(sample)):  # the PDF as a user's .txt: pdftotext (poppler)
            subprocess.run(["pdftotext", str(work / f"{k}.pdf"), str(work / f"{k}.pdftotext.txt")],
                           check=True, capture_output=True, timeout=300)
        laws = 0
        in_articles: Counter[str] = Counter()
        in_title: Counter[str] = Counter()
        for k, path in enumerate(sample):
            try:
                want = parse_file(path)
            except LawdiffError:
                continue  # not a law (no article, no text): nothing to compare
            laws += 1
            for fmt, suffix in zip(FORMATS, ("html", "pdf", "docx", "txt", "pdftotext.txt")):
                try:
                    found = real_differences(want, parse_file(work / f"{k}.{suffix}"))
                except LawdiffError as exc:
                    found = Counter({f"error: {exc}"[:60]: 1})
                if found:
                    in_title[fmt] += "title" in found
                    in_articles[fmt] += any(kind != "title" for kind in found)
                    print(f"{fmt:6} {path.name[:40]:40} {dict(found)}")
    print(f"laws read: {laws}")
    for fmt in FORMATS:
        print(f"{fmt:6}: articles differ in {in_articles[fmt]} of {laws}, the title in {in_title[fmt]}")


if __name__ == "__main__":
    main()
