"""What "the same text" means when a result is checked against the version it should give.

`node_key` is a node's text and structure without line numbers; `reading_key` the same
as a reader compares it (whitespace-only differences are none); `differing_articles`
lists the articles where two documents differ as read (articles in order, each with the
containers that hold it).  The applier uses them to check its own folding, the writer of
instruments to check what it wrote.
"""

from __future__ import annotations

from lawdiff.model import Document, Node, container_path
from lawdiff.text.normalize import reading


def node_key(node: Node) -> tuple[object, ...]:
    """A node's text and structure, without line numbers: what "the same text" means."""
    return (node.kind, node.num, node.number, node.heading, node.text, node.intro, node.name,
            tuple(node_key(c) for c in node.children))


def reading_key(node: Node) -> tuple[object, ...]:
    """`node_key` as a reader compares it: texts that differ in whitespace only are the same
    (`lawdiff.text.normalize.reading`), because such a difference is never an amendment."""
    return (node.kind, reading(node.num), node.number, reading(node.heading), reading(node.text),
            reading(node.intro), node.name, tuple(reading_key(c) for c in node.children))


# An article as read: the containers that hold it (kind, num, number, heading), and its `reading_key`.
ArticleSignature = tuple[tuple[tuple[str, str, str, str], ...], tuple[object, ...]]


def body_signature(doc: Document) -> list[ArticleSignature]:
    """Articles in order, each with the containers (kind, num, heading) that hold it, as read."""
    paths = container_path(doc)
    return [(tuple((c.kind, reading(c.num), c.number, reading(c.heading)) for c in paths.get(id(a), [])),
             reading_key(a))
            for a in doc.articles()]


def differing_articles(result: Document, expected: Document) -> list[str]:
    """Printed numbers of the articles where `result` differs from `expected` (empty: identical)."""
    got, want = body_signature(result), body_signature(expected)
    out: list[str] = []
    for i in range(max(len(got), len(want))):
        if i >= len(got) or i >= len(want) or got[i] != want[i]:
            ref = want[i] if i < len(want) else got[i]
            out.append(str(ref[1][1]) or f"#{i + 1}")
    return out
