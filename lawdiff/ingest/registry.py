"""The registry of format readers: a file's bytes -> a `Source`, whatever its format.

`read_source` / `read_bytes` detect the format (or take the one given), call its reader,
and apply the rule every reader's lines meet (no characters XML cannot hold).  Adding a
format: a module with `read(data: bytes, name: str) -> Source`, one entry in `READERS`,
and its detection in `lawdiff.ingest.source.detect_format`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from lawdiff.errors import LawdiffError
from lawdiff.ingest import docx, html, markdown, pdf, xml
from lawdiff.ingest.source import DEFAULT_MAX_BYTES, Source, decode, detect_format, text_lines, xml_safe_lines


def read_text(data: bytes, name: str) -> Source:
    """Plain text: decoded, one `SourceLine` per line."""
    text = decode(data, name)
    return Source(text_lines(text), "text", name, text=text, data=data)


READERS: dict[str, Callable[[bytes, str], Source]] = {
    "text": read_text, "markdown": markdown.read, "html": html.read, "docx": docx.read, "pdf": pdf.read,
    "akn": xml.read_akn, "uslm": xml.read_uslm,
}
FORMATS = tuple(READERS)


def read_source(path: str | Path, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                state: str | None = None) -> Source:
    """`state` (before/after): which side of a Word file's tracked changes to read."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LawdiffError(f"{path}: {exc.strerror or exc}") from None
    if path.is_dir():
        raise LawdiffError(f"{path}: is a directory, not a file")
    if size > max_bytes:
        raise LawdiffError(f"{path}: {size} bytes is over the limit of {max_bytes} (set --max-bytes to raise it)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LawdiffError(f"{path}: {exc.strerror or exc}") from None
    return read_bytes(data, path.name, fmt, state)


def read_bytes(data: bytes, name: str, fmt: str | None = None, state: str | None = None) -> Source:
    """`state` (before/after): which side of a Word file's tracked changes to read (default: after)."""
    fmt = fmt or detect_format(data, name)
    reader = READERS.get(fmt)
    if reader is None:
        raise LawdiffError(f"{name}: unknown format {fmt!r} (use one of: {', '.join(FORMATS)})")
    if state is not None and fmt != "docx":
        raise LawdiffError(f"{name}: --state reads the tracked changes of a Word document (.docx), not {fmt}")
    source = docx.read(data, name, state) if state is not None else reader(data, name)
    source.lines, warnings = xml_safe_lines(source.lines)  # every reader's lines meet the same rule
    source.warnings.extend(warnings)
    return source
