"""Validation against the vendored OASIS Akoma Ntoso 3.0 XSD (loaded once, lazily)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from lawdiff.errors import LawdiffError


def schema_dir() -> Path:
    """`schema/` of a source checkout, or the copy shipped inside the wheel."""
    package = Path(__file__).resolve().parent.parent  # lawdiff/ (installed or checked out)
    packaged = package / "schema"
    if (packaged / "akomantoso30.xsd").exists():
        return packaged
    return package.parent / "schema"


@lru_cache(maxsize=1)
def akn_schema() -> etree.XMLSchema:
    path = schema_dir() / "akomantoso30.xsd"
    if not path.exists():
        raise LawdiffError(f"the Akoma Ntoso schema is missing ({path})")
    return etree.XMLSchema(etree.parse(str(path)))


def validation_errors(root: etree._Element) -> list[str]:
    schema = akn_schema()
    if schema.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
