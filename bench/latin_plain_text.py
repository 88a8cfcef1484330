"""English and German laws as wrapped plain text must read as their Markdown (run by hand).

Plain text comes hard-wrapped: copied from a PDF, an e-mail, an OCR'd page.  This lays out each
Latin-script Markdown law of tests/data/corpus as a plain .txt (tests/helpers.as_wrapped_text: no
markup, every paragraph wrapped at one width, paragraphs set apart by a blank line or by nothing)
and counts the articles that read differently from the Markdown: a different number or heading,
or a different text (paragraph breaks included; `*` left out, which Markdown reads as emphasis).

    .venv/bin/python bench/latin_plain_text.py [--widths 40 60 80] [--proportional]
    .venv/bin/python bench/latin_plain_text.py --pdf   # laid out as PDF by LibreOffice, and through pdftotext
    PYTHONPATH=<another checkout> .venv/bin/python bench/latin_plain_text.py   # the same files, other code

Measured 2026-12-04, articles that read differently (of 1,222 in the nine laws), per width, with
blank lines / without:

    code of 0c7256f    width 40: 259 / 655    width 60: 241 / 542    width 80: 108 / 370
    code of 09bf5c1    width 40:  31 / 226    width 60:  33 / 209    width 80:  28 / 180
    code of 97b35f3    width 40:  31 / 209    width 60:  33 / 194    width 80:  28 / 163
    code of 918404b    width 40:  31 / 194    width 60:  33 / 182    width 80:  28 / 151
    code of c0a7c94    width 40:  31 / 170    width 60:  33 / 162    width 80:  28 / 125
    code of fe4d832    width 40:  27 / 153    width 60:  29 / 146    width 80:  27 / 116
    code of ff3b4a3    width 40:  27 / 140    width 60:  29 / 132    width 80:  27 / 101
    code of f340196    width 40:  27 / 127    width 60:  29 / 118    width 80:  27 /  91
    code of c9ee86e    width 40:  27 / 127    width 60:  27 / 117    width 80:  27 /  91
    code of c5d2238    width 40:  27 / 127    width 60:  27 / 115    width 80:  27 /  91
    code of 9c3db06    width 40:  27 / 122    width 60:  27 / 110    width 80:  27 /  85
    code of 13db37b    width 40:  27 / 120    width 60:  27 / 108    width 80:  27 /  83

and with --proportional (lines filled by character widths, as a proportional font sets them):

    code of 0c7256f    width 40: 310 / 652    width 60: 118 / 422    width 80: 115 / 350
    code of 7809cee    width 40:  38 / 210    width 60:  34 / 190    width 80:  31 / 175
    code of c0a7c94    width 40:  31 / 175    width 60:  34 / 152    width 80:  31 / 134
    code of 8b0f5df    width 40:  30 / 158    width 60:  30 / 133    width 80:  30 / 114
    code of ff3b4a3    width 40:  30 / 140    width 60:  30 / 111    width 80:  30 /  96
    code of bce22fc    width 40:  30 / 126    width 60:  30 /  99    width 80:  30 /  88
    code of c9ee86e    width 40:  30 / 123    width 60:  30 /  99    width 80:  30 /  88
    code of 9c3db06    width 40:  30 / 118    width 60:  30 /  97    width 80:  30 /  82
    code of 13db37b    width 40:  30 / 116    width 60:  30 /  95    width 80:  30 /  80

and with --pdf (laid out by LibreOffice, read as PDF / the PDF through pdftotext):

    code of 879ac9b    46 / 267
    code of ff3b4a3    45 / 180
    code of bce22fc    45 / 171
    code of 9c3db06    45 / 168
    code of 13db37b    45 / 166

What is left with blank lines is mostly the Markdown's own (a `*` list item in GG Art 56, an
`(XXXX) Art 74a und 75 (weggefallen)` heading); without them, an unnumbered paragraph whose last
line is long runs on into the next: nothing in the text tells the two apart.  Through pdftotext,
79 of the 166 differ only where pdftotext dropped the hyphen of a word broken at a line's end
(`high-risk` -> `highrisk`, `Wehr- oder` -> `Wehroder`), which no reader can restore.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # (lawdiff itself as installed, or from PYTHONPATH)

from helpers import CORPUS, as_text, as_wrapped_text, laid_out, rendered, without_pandoc_markup  # noqa: E402

from lawdiff.akn.load import parse_file  # noqa: E402
from lawdiff.errors import LawdiffError  # noqa: E402
from lawdiff.model import Document  # noqa: E402


# A proportional font, roughly a serif one: the width of each character, an average one being 1.
NARROW, WIDE, CAPITAL = set("iljtfr.,;:!|'() "), set("mwMW"), set("ABCDEFGHKNOPQRSTUVXYZÄÖÜ")


def proportional(text: str) -> float:
    return sum(0.55 if c in NARROW else 1.5 if c in WIDE else 1.2 if c in CAPITAL else 1.0 for c in text)


def differing(want: Document, got: Document) -> list[str]:
    """The numbers of the articles of `want` that `got` reads with another heading or text."""
    found = {a.number: (a.heading, a.body_text().replace("*", "")) for a in got.articles()}
    return [a.number for a in want.articles() if found.get(a.number) != (a.heading, a.body_text().replace("*", ""))]


def read_as(want: Document, path: Path) -> list[str]:
    """The articles of `want` that the file `path` reads differently (all of them when it reads no law)."""
    try:
        return differing(want, parse_file(path))
    except LawdiffError as error:  # read as no law at all: every article lost
        print(f"  {path.name}: {error}")
        return [a.number for a in want.articles()]


def laid_out_as_pdf(laws: list[Path], markdown: dict[Path, Document], verbose: bool) -> None:
    """Each law rendered as HTML (without pandoc's own markup), laid out as a PDF by LibreOffice
    and read; then that PDF as poppler's pdftotext gives it, a plain text with a form feed at every
    page's end."""
    counts = [0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for path in laws:
            # (the Markdown as a renderer other than pandoc reads it: pandoc's own markup left out)
            source = Path(tmp) / f"{path.parent.name}-{path.name}"
            source.write_text(without_pandoc_markup(path.read_text(encoding="utf-8")), encoding="utf-8")
            pdf = laid_out(rendered(source, Path(tmp), source.stem), "pdf")
            found = [read_as(markdown[path], pdf), read_as(markdown[path], as_text(pdf))]
            counts = [counts[0] + len(found[0]), counts[1] + len(found[1])]
            if verbose:
                print(f"  {path.parent.name}/{path.name}: pdf {', '.join(found[0])} | "
                      f"pdftotext {', '.join(found[1])}")
    print(f"laid out as PDF: {counts[0]} / through pdftotext: {counts[1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--widths", type=int, nargs="+", default=[40, 60, 80])
    parser.add_argument("--proportional", action="store_true",
                        help="fill lines by character widths, as a proportional font sets them")
    parser.add_argument("--pdf", action="store_true",
                        help="instead: each law laid out as a PDF by LibreOffice, read as PDF and through pdftotext")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    laws = sorted(p for language in ("de", "en") for p in (CORPUS / language).rglob("*.md"))
    markdown = {path: parse_file(path) for path in laws}  # read once, compared at every width
    total = sum(len(doc.articles()) for doc in markdown.values())
    if args.pdf:
        print(f"{len(laws)} laws, {total} articles; articles read differently")
        return laid_out_as_pdf(laws, markdown, args.verbose)
    print(f"{len(laws)} laws, {total} articles; articles read differently, with blank lines / without")
    with tempfile.TemporaryDirectory() as tmp:
        for width in args.widths:
            counts = []
            for blank_lines in (True, False):
                count = 0
                for path in laws:
                    text = Path(tmp) / (path.stem + ".txt")
                    text.write_text(as_wrapped_text(path, width, blank_lines, proportional if args.proportional else None),
                                    encoding="utf-8")
                    found = read_as(markdown[path], text)
                    count += len(found)
                    if args.verbose and found:
                        print(f"  {width} {'blank' if blank_lines else 'dense'} {path.parent.name}/{path.name}: "
                              f"{', '.join(found)}")
                counts.append(count)
            print(f"width {width}: {counts[0]} / {counts[1]}")


if __name__ == "__main__":
    main()
