"""A stored or parsed document for reading (for `show` and `parse`): plain text, JSON, or the
Akoma Ntoso of one article.  Functions return strings; printing is the command line's."""

from __future__ import annotations

import json

from lawdiff.akn.select import find_article
from lawdiff.akn.serialize import serialize
from lawdiff.akn.eids import assign_eids
from lawdiff.akn.writer import to_xml
from lawdiff.model import CONTAINER_KINDS, UNIT_KINDS, Document, Node, container_path


def node_lines(node: Node, depth: int = 0) -> list[str]:
    pad = "  " * depth
    if node.kind in CONTAINER_KINDS:
        lines = [pad + " ".join(p for p in (node.num, node.heading) if p)]
        if node.intro:
            lines.append(pad + node.intro)
        for child in node.children:
            lines += node_lines(child, depth + 1)
        return lines
    if node.kind in UNIT_KINDS:
        head = " ".join(p for p in (node.num, node.heading) if p)
        body = node.body_text().split("\n")
        return [pad + head + (" " + body[0] if body and body[0] else "")] + [pad + "  " + b for b in body[1:]]
    if node.kind == "hcontainer":
        return [pad + f"[{node.name}] " + node.body_text(" ")]
    return [pad + node.body_text()]


def article_json(doc: Document, art: Node) -> dict[str, object]:
    path = container_path(doc).get(id(art), [])
    return {
        "num": art.num, "number": art.number, "heading": art.heading_text,
        "path": [" ".join(p for p in (c.num, c.heading) if p) for c in path],
        "paragraphs": [c.body_text() for c in art.children],
    }


def article_view(doc: Document, wanted: str, fmt: str) -> str:
    """The article of `doc` that `wanted` names (see `lawdiff.akn.select`), in `fmt`."""
    art = find_article(doc, wanted)
    if fmt == "json":
        return json.dumps(article_json(doc, art), ensure_ascii=False, indent=2)
    if fmt == "xml":
        eid = assign_eids(doc)[id(art)]
        found = next((el for el in to_xml(doc).iter() if el.get("eId") == eid), None)
        return serialize(found).decode() if found is not None else ""
    return "\n".join(node_lines(art))


def document_view(doc: Document, fmt: str) -> str:
    """The whole document as plain text or JSON (its XML is `lawdiff.akn.writer.to_bytes`)."""
    if fmt == "json":
        data = {
            "meta": {"slug": doc.meta.slug, "title": doc.meta.title, "version": doc.meta.version,
                     "date": doc.meta.date, "stage": doc.meta.stage, "lang": doc.meta.lang},
            "front": [{"role": b.role, "lines": b.lines} for b in doc.front],
            "articles": [article_json(doc, a) for a in doc.articles()],
            "attachments": [{"name": a.name, "heading": a.heading, "lines": a.lines} for a in doc.attachments],
            "warnings": [{"line": w.line, "code": w.code, "level": w.level, "message": w.message}
                         for w in doc.warnings],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
    lines: list[str] = []
    for block in doc.front:
        lines += block.lines
    lines.append("")
    for node in doc.body:
        lines += node_lines(node)
    for att in doc.attachments:
        lines += ["", att.heading] + att.lines
    return "\n".join(lines)
