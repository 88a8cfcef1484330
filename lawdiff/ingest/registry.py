"""Readers for formats beyond plain text and Markdown, one module per format.

`read()` turns bytes into a `Source` of `SourceLine`s (the format's own markup removed)
for the text parsers; `parse_structured()` maps XML that already carries the structure
(Akoma Ntoso from other tools, USLM and GPO bill XML) straight onto the model.
"""

from __future__ import annotations

from lawdiff.errors import LawdiffError
from lawdiff.model import Document, Meta
from lawdiff.ingest.source import Source

FORMATS = ("text", "markdown", "html", "docx", "pdf", "akn", "uslm")


def read(data: bytes, name: str, fmt: str) -> Source:
    if fmt == "html":
        import lawdiff.ingest.html as html

        return html.read(data, name)
    if fmt == "docx":
        import lawdiff.ingest.docx as docx

        return docx.read(data, name)
    if fmt == "pdf":
        import lawdiff.ingest.pdf as pdf

        return pdf.read(data, name)
    if fmt == "akn":
        import lawdiff.parse.akn_foreign as akn_in

        return akn_in.read(data, name)
    if fmt == "uslm":
        import lawdiff.parse.uslm as uslm

        return uslm.read(data, name)
    raise LawdiffError(f"{name}: unknown format {fmt!r} (use one of: {', '.join(FORMATS)})")


def parse_structured(source: Source, meta: Meta) -> Document:
    if source.format == "akn":
        import lawdiff.parse.akn_foreign as akn_in

        return akn_in.parse(source, meta)
    if source.format == "uslm":
        import lawdiff.parse.uslm as uslm

        return uslm.parse(source, meta)
    raise LawdiffError(f"{source.name}: format {source.format!r} carries no structure to map")
