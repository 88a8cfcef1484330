"""Readers for formats beyond plain text and Markdown (HTML, DOCX, PDF, AKN, USLM)."""

from __future__ import annotations

from ..errors import LawdiffError
from ..model import Document, Meta
from ..read import Source


def read(data: bytes, name: str, fmt: str) -> Source:
    raise LawdiffError(f"{name}: format {fmt!r} is not supported yet")


def parse_structured(source: Source, meta: Meta) -> Document:
    raise LawdiffError(f"{source.name}: format {source.format!r} is not supported yet")
