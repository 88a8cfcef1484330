"""A file or `Source` -> a `Document`, whatever it holds: what callers use to load an input.

lawdiff's own Akoma Ntoso (what `lawdiff parse` or the repository wrote) is read back
exactly by `lawdiff.akn.reader`; everything else -- text, Markdown, HTML, DOCX, PDF, AKN
from other tools, USLM -- goes through `lawdiff.parse.dispatch`.  This choice lives here,
after both stages, so that the parsers never depend on the AKN layer.
"""

from __future__ import annotations

from pathlib import Path

from lawdiff.ingest.registry import read_source
from lawdiff.ingest.source import Source
from lawdiff.model import Document, Meta
from lawdiff.parse import dispatch


def parse_source(source: Source, meta: Meta | None = None, lang: str | None = None) -> Document:
    if source.format == "akn":
        # Imported here: the AKN reader imports lxml, ~8 ms of start-up (python -X importtime)
        # that parsing a text never needs.
        from lawdiff.akn.reader import is_lawdiff_akn, read_own
        from lawdiff.ingest.xml import parse_akn

        root = parse_akn(source.data, source.name)
        if is_lawdiff_akn(root):
            return dispatch.finish(read_own(root, dispatch.prepare_meta(source, meta)), source, lang)
    return dispatch.parse_source(source, meta, lang)


def parse_file(path: str | Path, meta: Meta | None = None, fmt: str | None = None, lang: str | None = None,
               max_bytes: int | None = None, state: str | None = None) -> Document:
    """`state` (before/after) reads one side of a Word file's tracked changes."""
    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    return parse_source(read_source(path, fmt, state=state, **kwargs), meta, lang)
