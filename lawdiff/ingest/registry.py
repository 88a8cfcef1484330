"""The registry of format readers: a file's bytes -> a `Source`, whatever its format.

`read_source` / `read_bytes` detect the format (or take the one given), call its reader,
and apply the rule every reader's lines meet (no characters XML cannot hold).  Adding a
format: a module with `read(data: bytes, name: str) -> Source`, one entry in `READERS`,
and its detection in `lawdiff.ingest.source.detect_format`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Callable

from lawdiff.errors import LawdiffError
from lawdiff.ingest.source import DEFAULT_MAX_BYTES, Source, decode, detect_format, text_lines, xml_safe_lines


def read_text(data: bytes, name: str) -> Source:
    """Plain text: decoded, one `SourceLine` per line."""
    text = decode(data, name)
    return Source(text_lines(text), "text", name, text=text, data=data)


# Each format's reader as (module, function), imported when a file of that format comes: the
# readers import lxml and zipfile, ~15 ms of start-up (python -X importtime) that comparing two
# text files never needs.
READERS: dict[str, tuple[str, str]] = {
    "text": (__name__, "read_text"), "markdown": ("lawdiff.ingest.markdown", "read"),
    "html": ("lawdiff.ingest.html", "read"), "docx": ("lawdiff.ingest.docx", "read"),
    "pdf": ("lawdiff.ingest.pdf", "read"), "akn": ("lawdiff.ingest.xml", "read_akn"),
    "uslm": ("lawdiff.ingest.xml", "read_uslm"),
}
FORMATS = tuple(READERS)


def reader(fmt: str) -> Callable[..., Source]:
    module, function = READERS[fmt]
    found: Any = getattr(importlib.import_module(module), function)
    return found


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
    if fmt not in READERS:
        raise LawdiffError(f"{name}: unknown format {fmt!r} (use one of: {', '.join(FORMATS)})")
    if state is not None and fmt != "docx":
        raise LawdiffError(f"{name}: --state reads the tracked changes of a Word document (.docx), not {fmt}")
    source = reader(fmt)(data, name, state) if state is not None else reader(fmt)(data, name)
    source.lines, warnings = xml_safe_lines(source.lines)  # every reader's lines meet the same rule
    source.warnings.extend(warnings)
    return source
