"""The outputs of `lawdiff diff`: one module per format, each with `render(result, options)`.

In: a `DiffResult` and `RenderOptions` (the caller's choices, colour included: whether the
output is a terminal is the command line's business).  Out: text, deterministic (the same
result gives the same string); a binary format's module (`BINARY`, e.g. docx) returns bytes
and is reached through `render_bytes`.  A text format's module may also have `render_bytes`,
the same text in UTF-8 encoded as it goes (json: a large report without the whole text in
memory twice).  To add a format, write a module with `render` and name it in `FORMATS`.
"""

from __future__ import annotations

import importlib

from lawdiff.compare.formats.listing import RenderOptions
from lawdiff.compare.result import DiffResult
from lawdiff.errors import LawdiffError

# Each format is the module of that name below this package, imported when it is asked
# for: html needs jinja2, whose import alone costs 18-43 ms (python -X importtime), which
# `lawdiff diff` in the default text format should not pay.
FORMATS = ("text", "json", "markdown", "html", "stat", "docx")
BINARY = ("docx",)  # written to a file, never to a terminal


def render(result: DiffResult, fmt: str, options: RenderOptions = RenderOptions()) -> str:
    """`result` in text format `fmt` (a key of `FORMATS` not in `BINARY`)."""
    if fmt not in FORMATS:
        raise LawdiffError(f"unknown diff format {fmt!r}")
    if fmt in BINARY:
        raise LawdiffError(f"{fmt} is a binary format (render_bytes)")
    module = importlib.import_module(f"{__name__}.{fmt}")
    output: str = module.render(result, options)
    return output


def render_bytes(result: DiffResult, fmt: str, options: RenderOptions = RenderOptions()) -> bytes:
    """`result` in any format of `FORMATS`, as the bytes to write (text in UTF-8)."""
    if fmt not in BINARY:
        module = importlib.import_module(f"{__name__}.{fmt}") if fmt in FORMATS else None
        if hasattr(module, "render_bytes"):  # a text format that encodes as it goes (less memory)
            encoded: bytes = module.render_bytes(result, options)  # type: ignore[union-attr]
            return encoded
        return render(result, fmt, options).encode("utf-8")
    output: bytes = importlib.import_module(f"{__name__}.{fmt}").render(result, options)
    return output


__all__ = ["BINARY", "FORMATS", "RenderOptions", "render", "render_bytes"]
