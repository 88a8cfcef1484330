"""Akoma Ntoso that lawdiff wrote -> the `Document` it was written from (an exact round trip).

What the repository stores is read back here for diff, site and amend.  Akoma Ntoso from
other tools is mapped by `lawdiff.parse.akn_foreign`; `lawdiff.akn.load` chooses between them.
"""

from __future__ import annotations

from lxml import etree

from lawdiff.akn.eids import number_of_eid
from lawdiff.errors import LawdiffError
from lawdiff.ingest.xml import A, L, SAFE_PARSER, local
from lawdiff.model import CONTAINER_KINDS, UNIT_KINDS, Attachment, Document, FrontBlock, Meta, Node, ParseWarning


def _read_passive(main: etree._Element, meta: Meta) -> None:
    ref = main.find(f"{A}meta/{A}references/{A}passiveRef[@eId='amd_1']")
    if ref is None:
        return
    meta.amended_by = {"href": ref.get("href", ""), "title": ref.get("showAs", "")}
    for mod in main.iterfind(f"{A}meta/{A}analysis/{A}passiveModifications/{A}textualMod"):
        dest = mod.find(f"{A}destination")
        source = mod.find(f"{A}source")
        target = dest.get("href", "") if dest is not None else ""
        meta.modifications.append({
            "type": mod.get("type", ""), "eid": target.rsplit("#", 1)[-1],
            "in": "base" if not target.startswith("#") else "result", "item": mod.get(L + "item", ""),
            "pos": (source.get("href", "") if source is not None else "").rsplit("#item_", 1)[-1]})


def _text(el: etree._Element | None) -> str:
    return "".join(el.itertext()) if el is not None else ""


def _child(el: etree._Element, name: str) -> etree._Element | None:
    for child in el:
        if local(child) == name:
            return child
    return None


def _p_texts(el: etree._Element | None) -> list[str]:
    if el is None:
        return []
    return [_text(p) for p in el if local(p) == "p"]


def _read_node(el: etree._Element, eids: dict[int, str]) -> Node:
    kind = local(el)
    number = number_of_eid(el.get("eId", ""))
    node = Node(kind=kind, num=_text(_child(el, "num")), heading=_text(_child(el, "heading")),  # type: ignore[arg-type]
                number=number if kind != "hcontainer" else "", name=el.get("name", "") if kind == "hcontainer" else "")
    eids[id(node)] = el.get("eId", "")
    if kind == "hcontainer":
        texts = _p_texts(_child(el, "content"))
        if node.name in ("detachedText",) or len(texts) > 1:
            node.children = [Node("paragraph", number=str(i), text=t) for i, t in enumerate(texts, start=1)]
        else:
            node.text = texts[0] if texts else ""
        return node
    content = _child(el, "content")
    if content is not None:
        node.text = "\n".join(_p_texts(content))
    intro = _child(el, "intro")
    if intro is not None:
        text = "\n".join(_p_texts(intro))
        if kind in CONTAINER_KINDS or kind in UNIT_KINDS:
            node.intro = text
        else:
            node.text = text
    for child in el:
        if local(child) in CONTAINER_KINDS + UNIT_KINDS + ("paragraph", "point", "hcontainer"):
            node.children.append(_read_node(child, eids))
    return node


def from_xml(root: etree._Element) -> Document:
    """lawdiff's own Akoma Ntoso back to the `Document` it was written from."""
    return read_with_eids(root)[0]


def read_with_eids(root: etree._Element) -> tuple[Document, dict[int, str]]:
    """The `Document` and, for each of its nodes (by id), the eId stored on its element."""
    eids: dict[int, str] = {}
    if local(root) != "akomaNtoso":
        raise LawdiffError("not an Akoma Ntoso document (root element is not akomaNtoso)")
    main = next((c for c in root if isinstance(c.tag, str)), None)
    if main is None:
        raise LawdiffError("empty Akoma Ntoso document")
    meta = Meta()
    info = main.find(f"{A}meta/{A}proprietary/{L}version")
    if info is not None:
        meta = Meta(slug=info.get("slug", ""), title=info.get("title", ""), version=info.get("label", ""),
                    date=info.get("date", ""), stage=info.get("stage", ""),
                    lang=info.get("lang", "zho"), country=info.get("country", "cn"),
                    source_format=info.get("sourceFormat", ""), source_name=info.get("sourceName", ""),
                    work_date=info.get("workDate", ""), category=info.get("category", ""),
                    history=[dict(e.attrib) for e in info.findall(f"{L}earlier")])
    _read_passive(main, meta)
    doc = Document(meta=meta)
    if info is not None:
        doc.warnings = [ParseWarning(int(w.get("line", "0")), w.get("code", ""), w.text or "",
                                     "error" if w.get("level") == "error" else "warning")
                        for w in info.findall(f"{L}warning")]
    preface = _child(main, "preface")
    if preface is not None:
        for block in preface:
            name = local(block)
            if name == "longTitle":
                doc.front.append(FrontBlock("title", ["".join(_text(p) for p in block.iter(f"{A}p"))]))
            elif name == "toc":
                doc.front.append(FrontBlock("toc", [_text(i) for i in block]))
            elif name == "container":
                doc.front.append(FrontBlock(block.get("name", "note"), _p_texts(block)))
            elif name == "p":
                doc.front.append(FrontBlock("note", [_text(block)]))
    body = _child(main, "body")
    if body is None:
        body = _child(main, "mainBody")
    if body is not None:
        doc.body = [_read_node(c, eids) for c in body if isinstance(c.tag, str)]
    atts = _child(main, "attachments")
    if atts is not None:
        for att in atts:
            sub = next((c for c in att if isinstance(c.tag, str)), None)
            if sub is None:
                continue
            heading = "".join(_text(p) for p in sub.iterfind(f"{A}preface/{A}longTitle/{A}p"))
            lines = _p_texts(_child(sub, "mainBody"))
            doc.attachments.append(Attachment(sub.get("name", "annex"), heading, [l for l in lines if l]))
    return doc, eids


def parse_bytes(data: bytes) -> etree._Element:
    """Stored AKN bytes as an element tree (safe parser); LawdiffError when not well-formed."""
    try:
        return etree.fromstring(data, SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise LawdiffError(f"not well-formed XML: {exc}") from None


def from_bytes(data: bytes) -> Document:
    return from_xml(parse_bytes(data))


def is_lawdiff_akn(root: etree._Element) -> bool:
    """Whether `root` is lawdiff's own output (it carries `<lawdiff:version>` metadata)."""
    main = next((c for c in root if local(c)), None)
    return main is not None and main.find(f"{A}meta/{A}proprietary/{L}version") is not None


# What the caller says about a version overrides what the stored metadata says.
CALLER_KEYS = ("slug", "title", "version", "date", "stage", "country", "work_date")


def read_own(root: etree._Element, meta: Meta) -> Document:
    """lawdiff's own AKN read back exactly, with what `meta` sets (the caller's word) taking precedence."""
    doc = from_xml(root)
    for key in CALLER_KEYS:
        if getattr(meta, key):
            setattr(doc.meta, key, getattr(meta, key))
    return doc
