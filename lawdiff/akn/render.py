"""A stored or parsed document as plain text or JSON (for `show` and `parse`)."""

from __future__ import annotations

import json

import click

from lawdiff.errors import LawdiffError
from lawdiff.model import CONTAINER_KINDS, Document, Node, container_path


def find_article(doc: Document, wanted: str) -> Node:
    from lawdiff.text.numerals import zh_to_int

    key = wanted.strip()
    for art in doc.articles():
        if key in (art.number, art.num) or key == art.num.replace(" ", ""):
            return art
    value = zh_to_int(key.removeprefix("第").removesuffix("条"))
    if value is not None:
        for art in doc.articles():
            if art.number == str(value):
                return art
    raise LawdiffError(f"no article {wanted!r} in this version")


def node_lines(node: Node, depth: int = 0) -> list[str]:
    pad = "  " * depth
    if node.kind in CONTAINER_KINDS:
        lines = [pad + " ".join(p for p in (node.num, node.heading) if p)]
        if node.intro:
            lines.append(pad + node.intro)
        for child in node.children:
            lines += node_lines(child, depth + 1)
        return lines
    if node.kind == "article":
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


def emit(doc: Document, fmt: str, article: str | None) -> None:
    if article:
        art = find_article(doc, article)
        if fmt == "json":
            click.echo(json.dumps(article_json(doc, art), ensure_ascii=False, indent=2))
        elif fmt == "xml":
            import lawdiff.akn.writer as akn
            from lawdiff.akn.serialize import serialize

            root = akn.to_xml(doc)
            found = root.xpath(f"//*[@eId='art_{art.number}']")
            click.echo(serialize(found[0]).decode() if found else "")
        else:
            click.echo("\n".join(node_lines(art)))
        return
    if fmt == "json":
        data = {
            "meta": {"slug": doc.meta.slug, "title": doc.meta.title, "version": doc.meta.version,
                     "date": doc.meta.date, "stage": doc.meta.stage, "lang": doc.meta.lang},
            "front": [{"role": b.role, "lines": b.lines} for b in doc.front],
            "articles": [article_json(doc, a) for a in doc.articles()],
            "attachments": [{"name": a.name, "heading": a.heading, "lines": a.lines} for a in doc.attachments],
            "warnings": [{"line": w.line, "code": w.code, "message": w.message} for w in doc.warnings],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    lines: list[str] = []
    for block in doc.front:
        lines += block.lines
    lines.append("")
    for node in doc.body:
        lines += node_lines(node)
    for att in doc.attachments:
        lines += ["", att.heading] + att.lines
    click.echo("\n".join(lines))
