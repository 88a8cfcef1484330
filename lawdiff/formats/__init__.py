"""Readers for formats beyond plain text and Markdown, one module per format.

`read()` turns bytes into a `Source` of `SourceLine`s (the format's own markup removed)
for the text parsers; `parse_structured()` maps XML that already carries the structure
(Akoma Ntoso from other tools, USLM and GPO bill XML) straight onto the model.
"""

from __future__ import annotations

from ..errors import LawdiffError
from ..model import Document, Meta
from ..read import Source

FORMATS = ("text", "markdown", "html", "docx", "pdf", "akn", "uslm")


def read(data: bytes, name: str, fmt: str) -> Source:
    if fmt == "html":
        from . import html

        return html.read(data, name)
    if fmt == "docx":
        from . import docx

        return docx.read(data, name)
    if fmt == "pdf":
        from . import pdf

        return pdf.read(data, name)
    if fmt == "akn":
        from . import akn_in

        return akn_in.read(data, name)
    if fmt == "uslm":
        from . import uslm

        return uslm.read(data, name)
    raise LawdiffError(f"{name}: unknown format {fmt!r} (use one of: {', '.join(FORMATS)})")


def parse_structured(source: Source, meta: Meta) -> Document:
    if source.format == "akn":
        from . import akn_in

        return akn_in.parse(source, meta)
    if source.format == "uslm":
        from . import uslm

        return uslm.parse(source, meta)
    raise LawdiffError(f"{source.name}: format {source.format!r} carries no structure to map")
