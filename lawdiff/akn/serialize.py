"""Deterministic XML serialization: one structural element per line, text never touched.

lxml's pretty printers insert or drop whitespace inside mixed content once inline
markup (`<ref>`, `<ins>`) exists.  Here an element is *structural* when it has no
non-whitespace text of its own and only element children; structural elements are
indented, everything else is written on one line exactly as it is.
"""

from __future__ import annotations

from lxml import etree

INDENT = "  "


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attr(text: str) -> str:
    return (_escape_text(text).replace('"', "&quot;").replace("\n", "&#10;")
            .replace("\r", "&#13;").replace("\t", "&#9;"))


class _Names:
    def __init__(self, nsmap: dict[str | None, str]) -> None:
        self.prefix = {uri: prefix for prefix, uri in nsmap.items()}
        self.cache: dict[str, str] = {}

    def qname(self, tag: str) -> str:
        name = self.cache.get(tag)
        if name is None:
            name = self.cache[tag] = self._qname(tag)
        return name

    def _qname(self, tag: str) -> str:
        if tag.startswith("{"):
            uri, local = tag[1:].split("}", 1)
            prefix = self.prefix.get(uri)
            if prefix == "xml" or uri == "http://www.w3.org/XML/1998/namespace":
                return "xml:" + local
            return f"{prefix}:{local}" if prefix else local
        return tag


def _attrs(el: etree._Element, names: _Names) -> str:
    return "".join(f' {names.qname(k)}="{_escape_attr(v)}"' for k, v in el.attrib.items())


# Block elements whose content is text by definition: never indented inside, even when
# they happen to hold only inline children (a <p> around a <docTitle>).
TEXT_BLOCKS = {"p", "num", "heading", "subheading", "docTitle", "tocItem", "li", "td", "th", "caption"}


def _is_structural(el: etree._Element) -> bool:
    if el.tag.rpartition("}")[2] in TEXT_BLOCKS:  # the local name, without a QName object per element
        return False
    if el.text and el.text.strip():
        return False
    children = list(el)
    if not children:
        return False
    return all(isinstance(c.tag, str) and not (c.tail and c.tail.strip()) for c in children)


def _inline(el: etree._Element, names: _Names, out: list[str], decls: str = "") -> None:
    tag = names.qname(el.tag)
    if el.text is None and len(el) == 0:
        out.append(f"<{tag}{_attrs(el, names)}{decls}/>")
        return
    out.append(f"<{tag}{_attrs(el, names)}{decls}>")
    if el.text:
        out.append(_escape_text(el.text))
    for child in el:
        if isinstance(child.tag, str):
            _inline(child, names, out)
        if child.tail:
            out.append(_escape_text(child.tail))
    out.append(f"</{tag}>")


def _write(el: etree._Element, names: _Names, depth: int, out: list[str], decls: str = "") -> None:
    pad = INDENT * depth
    if not _is_structural(el):
        parts: list[str] = []
        _inline(el, names, parts, decls)
        out.append(pad + "".join(parts))
        return
    tag = names.qname(el.tag)
    out.append(f"{pad}<{tag}{_attrs(el, names)}{decls}>")
    for child in el:
        if isinstance(child.tag, str):
            _write(child, names, depth + 1, out)
    out.append(f"{pad}</{tag}>")


def serialize(root: etree._Element) -> bytes:
    """The document as UTF-8 bytes: XML declaration, structural indent, a final newline."""
    nsmap = dict(root.nsmap)
    names = _Names(nsmap)
    decls = "".join(
        f' xmlns="{_escape_attr(uri)}"' if prefix is None else f' xmlns:{prefix}="{_escape_attr(uri)}"'
        for prefix, uri in sorted(nsmap.items(), key=lambda kv: (kv[0] is not None, kv[0] or ""))
    )
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>']
    _write(root, names, 0, out, decls=decls)
    return ("\n".join(out) + "\n").encode("utf-8")
