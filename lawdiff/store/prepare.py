"""A version made ready for the store: XML built and validated, commit message written.

This is the heavy, pure part of an import (no repository needed): it runs wherever the
executor sends it (a local process, a Dask worker) and returns bytes; the one writer
(`Store`) then only writes objects and moves refs.  The XML depends on the earlier versions
of the document (its lifecycle lists them), so they are an input, and the writer checks
that they are still the stored ones before it commits.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from lxml import etree

import lawdiff.akn.writer as akn
from lawdiff.akn.schema import validation_errors
from lawdiff.errors import LawdiffError
from lawdiff.model import Document, ParseWarning


@dataclass(frozen=True)
class Earlier:
    """What the next version's XML and message need to know of an earlier version."""

    label: str
    date: str
    stage: str


@dataclass
class Prepared:
    slug: str
    label: str
    date: str
    stage: str
    title: str
    category: str
    country: str
    source_path: str  # where the input is stored in the repository: <doc path>/source.<ext>
    source: bytes
    sha256: str
    xml: bytes
    articles: int
    message: str
    history: list[tuple[str, str, str]]  # (label, date, stage) of the earlier versions it was built on
    warnings: list[ParseWarning] = field(default_factory=list)


def message(doc: Document, earlier: list[Earlier], format_version: int) -> str:
    meta = doc.meta
    head = f"{meta.title}：{meta.version}（{meta.date}）" if meta.lang == "zho" else \
        f"{meta.title}: {meta.version} ({meta.date})"
    lines = [head, "", f"{len(doc.articles())} articles; stage {meta.stage}; source {meta.source_name}."]
    if earlier:
        lines.append(f"Follows {earlier[-1].label} ({earlier[-1].date}).")
    lines += ["", f"Lawdiff-Document: {meta.slug}", f"Lawdiff-Version: {meta.version}",
              f"Lawdiff-Date: {meta.date}", f"Lawdiff-Stage: {meta.stage}"]
    if meta.category:
        lines.append(f"Lawdiff-Category: {meta.category}")
    lines.append(f"Lawdiff-Format: {format_version}")
    return "\n".join(lines) + "\n"


def prepare(doc: Document, earlier: list[Earlier], source: bytes, source_ext: str, doc_path: str,
            format_version: int) -> Prepared:
    """The version's XML (with its earlier versions in the lifecycle), validated, and its message."""
    meta = doc.meta
    if earlier:
        meta.work_date = earlier[0].date
        meta.history = [{"version": e.label, "date": e.date, "stage": e.stage} for e in earlier]
    xml = akn.to_bytes(doc)
    errors = validation_errors(etree.fromstring(xml))  # validate before anything is written
    if errors:
        raise LawdiffError(f"internal error: the XML for {meta.slug} does not validate: {errors[0]}")
    return Prepared(slug=meta.slug, label=meta.version, date=meta.date, stage=meta.stage, title=meta.title,
                    category=meta.category, country=meta.country, source_path=f"{doc_path}/source{source_ext}",
                    source=source, sha256=hashlib.sha256(source).hexdigest(), xml=xml,
                    articles=len(doc.articles()), message=message(doc, earlier, format_version),
                    history=[(e.label, e.date, e.stage) for e in earlier], warnings=list(doc.warnings))
