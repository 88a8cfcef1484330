"""`Document` <-> Akoma Ntoso 3.0 XML.

Writing: FRBR identity by the AKN naming convention, eIds with Arabic numbers, the
text exactly as the model holds it (cross-references wrapped in `<ref>`), and every
piece of lawdiff's own metadata in `<meta>` (never in the text).  Reading: our own
output (and, through `lawdiff.ingest.registry`, normalised AKN from other tools) back to a
`Document`, so diff and site work from what the repository stores.
"""

from __future__ import annotations

from lxml import etree

import lawdiff.akn.links as refs
from lawdiff.errors import LawdiffError
from lawdiff.model import (
    CONTAINER_KINDS, EID_PREFIX, Attachment, Document, FrontBlock, Meta, Node, ParseWarning,
)
from lawdiff.akn.serialize import serialize

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LD_NS = "https://lawdiff.dev/ns/1"
NSMAP = {None: AKN_NS, "lawdiff": LD_NS}
A = "{%s}" % AKN_NS
L = "{%s}" % LD_NS

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                              remove_comments=False, load_dtd=False)


def _el(parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    name = tag if tag.startswith("{") else A + tag
    el = etree.Element(name, nsmap=NSMAP) if parent is None else etree.SubElement(parent, name)
    for key, value in attrs.items():
        el.set(key.rstrip("_"), value)
    if text is not None:
        el.text = text
    return el


# -- identity -------------------------------------------------------------------------
def work_uri(meta: Meta) -> str:
    date = meta.work_date or meta.date
    return f"/akn/{meta.country}/{meta.doc_type}/{date}/{meta.slug or 'untitled'}"


def expression_uri(meta: Meta) -> str:
    return f"{work_uri(meta)}/{meta.lang}@{meta.date}"


def _frbr(meta_el: etree._Element, meta: Meta, component: str = "!main") -> None:
    ident = _el(meta_el, "identification", source="#lawdiff")
    work, expr = work_uri(meta), expression_uri(meta)
    w = _el(ident, "FRBRWork")
    _el(w, "FRBRthis", value=f"{work}/{component}")
    _el(w, "FRBRuri", value=work)
    if meta.title:
        _el(w, "FRBRalias", value=meta.title, name="title")
    _el(w, "FRBRdate", date=meta.work_date or meta.date, name="generation")
    _el(w, "FRBRauthor", href="#author")
    _el(w, "FRBRcountry", value=meta.country)
    if meta.version:
        _el(w, "FRBRname", value=meta.title or meta.slug)
    e = _el(ident, "FRBRExpression")
    _el(e, "FRBRthis", value=f"{expr}/{component}")
    _el(e, "FRBRuri", value=expr)
    _el(e, "FRBRdate", date=meta.date, name=meta.stage or "version")
    _el(e, "FRBRauthor", href="#author")
    _el(e, "FRBRlanguage", language=meta.lang)
    m = _el(ident, "FRBRManifestation")
    _el(m, "FRBRthis", value=f"{expr}/{component}.xml")
    _el(m, "FRBRuri", value=f"{expr}.akn")
    _el(m, "FRBRdate", date=meta.date, name="transform")
    _el(m, "FRBRauthor", href="#lawdiff")


STAGES = ("draft", "reading", "adopted", "amended")


def _meta(root_doc: etree._Element, doc: Document) -> None:
    meta = doc.meta
    meta_el = _el(root_doc, "meta")
    _frbr(meta_el, meta)
    readings = list(meta.history) + [{"version": meta.version, "date": meta.date, "stage": meta.stage}]
    life = _el(meta_el, "lifecycle", source="#lawdiff")
    for i, reading in enumerate(readings, start=1):
        _el(life, "eventRef", eId=f"evt_{i}", date=reading["date"], source=f"#ver_{i}",
            type="generation" if i == 1 else "amendment", refersTo=f"#{reading.get('stage') or 'draft'}")
    flow = _el(meta_el, "workflow", source="#lawdiff")
    for i, reading in enumerate(readings, start=1):
        _el(flow, "step", eId=f"step_{i}", date=reading["date"], by="#author", refersTo=f"#{reading.get('stage') or 'draft'}",
            outcome=f"#ver_{i}")
    _passive_modifications(meta_el, meta, readings)
    refs_el = _el(meta_el, "references", source="#lawdiff")
    for i, reading in enumerate(readings, start=1):
        tag = "original" if i == 1 else "passiveRef"
        _el(refs_el, tag, eId=f"ver_{i}", href=f"{work_uri(meta)}/{meta.lang}@{reading['date']}",
            showAs=reading.get("version") or reading["date"])
    if meta.amended_by:
        _el(refs_el, "passiveRef", eId="amd_1", href=meta.amended_by.get("href", ""),
            showAs=meta.amended_by.get("title", "") or meta.amended_by.get("href", ""))
    _el(refs_el, "TLCOrganization", eId="lawdiff", href="/ontology/organization/lawdiff", showAs="lawdiff")
    _el(refs_el, "TLCOrganization", eId="author", href=f"/ontology/organization/{meta.country}/legislature",
        showAs="legislature")
    for stage in STAGES:
        _el(refs_el, "TLCConcept", eId=stage, href=f"/ontology/concept/lawdiff/{stage}", showAs=stage)
    prop = _el(meta_el, "proprietary", source="#lawdiff")
    info = etree.SubElement(prop, L + "version")
    for key, value in (("slug", meta.slug), ("title", meta.title), ("label", meta.version), ("date", meta.date),
                       ("stage", meta.stage), ("lang", meta.lang), ("country", meta.country),
                       ("workDate", meta.work_date), ("sourceFormat", meta.source_format),
                       ("sourceName", meta.source_name)):
        if value:
            info.set(key, value)
    for reading in meta.history:
        etree.SubElement(info, L + "earlier", {k: v for k, v in reading.items() if v})
    for warning in doc.warnings:
        w = etree.SubElement(info, L + "warning", line=str(warning.line), code=warning.code)
        w.text = warning.message


def _passive_modifications(meta_el: etree._Element, meta: Meta, readings: list[dict[str, str]]) -> None:
    """Which item of the amending instrument changed which element (see lawdiff.amend.apply)."""
    if not meta.amended_by or not meta.modifications:
        return
    passive = _el(_el(meta_el, "analysis", source="#lawdiff"), "passiveModifications")
    href = meta.amended_by.get("href", "")
    previous = f"{work_uri(meta)}/{meta.lang}@{readings[-2]['date']}/!main" if len(readings) > 1 else ""
    for i, mod in enumerate(meta.modifications, start=1):
        textual = _el(passive, "textualMod", type=mod["type"], eId=f"pmod_{i}")
        textual.set(L + "item", mod.get("item", ""))
        _el(textual, "source", href=f"{href}#item_{mod.get('pos', '')}")
        where = previous if mod.get("in") == "base" else ""
        _el(textual, "destination", href=f"{where}#{mod['eid']}")


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


# -- body -----------------------------------------------------------------------------
def _eid(node: Node, parent_eid: str, counters: dict[str, int]) -> str:
    prefix = EID_PREFIX[node.kind]
    if node.number:
        own = f"{prefix}_{node.number}"
    else:
        key = f"{parent_eid}/{prefix}"
        counters[key] = counters.get(key, 0) + 1
        own = f"{prefix}_nn{counters[key]}" if node.kind not in ("hcontainer",) else f"{prefix}_{counters[key]}"
    if node.kind == "article" and not parent_eid.startswith("art"):
        return own  # article numbers are unique in a law: art_12, whatever the chapter
    return f"{parent_eid}__{own}" if parent_eid else own


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.counters: dict[str, int] = {}
        self.used: set[str] = set()
        self.eids: dict[int, str] = {}
        self.assign_eids()
        self.targets = set(self.eids.values())

    def assign_eids(self) -> None:
        def visit(node: Node, parent_eid: str) -> None:
            eid = _eid(node, parent_eid, self.counters)
            base, n = eid, 1
            while eid in self.used:  # a repeated number (a faulty text) must not break uniqueness
                n += 1
                eid = f"{base}_{n}"
            self.used.add(eid)
            self.eids[id(node)] = eid
            for child in node.children:
                visit(child, eid)

        for top in self.doc.body:
            visit(top, "")

    def text_p(self, parent: etree._Element, text: str, article: Node | None, para_index: int) -> None:
        p = _el(parent, "p")
        spans = refs.find(text, article.number if article else "", para_index, self.targets) if article else []
        pos = 0
        last: etree._Element | None = None
        for start, end, href in spans:
            chunk = text[pos:start]
            if last is None:
                p.text = (p.text or "") + chunk
            else:
                last.tail = (last.tail or "") + chunk
            last = _el(p, "ref", text[start:end], href=href)
            pos = end
        rest = text[pos:]
        if last is None:
            p.text = rest
        else:
            last.tail = rest

    def node(self, parent: etree._Element, node: Node, article: Node | None = None, para_index: int = 0) -> None:
        tag = node.kind
        attrs = {"eId": self.eids[id(node)]}
        if node.kind == "hcontainer":
            attrs["name"] = node.name or "text"
        el = _el(parent, tag, **attrs)
        if node.num:
            _el(el, "num", node.num)
        if node.heading:
            _el(el, "heading", node.heading)
        if node.kind == "article":
            article = node
        if node.kind == "paragraph" and article is not None and article.children and node in article.children:
            para_index = article.children.index(node) + 1
        if node.kind in CONTAINER_KINDS or node.kind == "article":
            if node.intro:
                self.text_p(_el(el, "intro"), node.intro, None, 0)
            for child in node.children:
                self.node(el, child, article, para_index)
            return
        if node.kind == "hcontainer" and node.children:
            content = _el(el, "content")
            if node.text:
                self.text_p(content, node.text, None, 0)
            for child in node.children:
                self.text_p(content, child.text, None, 0)
            return
        if node.children:
            if node.text:
                self.text_p(_el(el, "intro"), node.text, article, para_index)
            for child in node.children:
                self.node(el, child, article, para_index)
        else:
            self.text_p(_el(el, "content"), node.text, article, para_index)

    def build(self) -> etree._Element:
        doc, meta = self.doc, self.doc.meta
        root = _el(None, "akomaNtoso")
        main = _el(root, meta.doc_type, name=meta.slug or "untitled")
        _meta(main, doc)
        if doc.front:
            preface = _el(main, "preface")
            for block in doc.front:
                self.front_block(preface, block)
        body = _el(main, "body")
        if not doc.body:
            raise LawdiffError("no article found: this does not look like a legal text")
        for top in doc.body:
            self.node(body, top)
        if doc.attachments:
            atts = _el(main, "attachments")
            for i, att in enumerate(doc.attachments, start=1):
                self.attachment(atts, att, i)
        return root

    def front_block(self, preface: etree._Element, block: FrontBlock) -> None:
        if block.role == "title":
            long_title = _el(preface, "longTitle")
            _el(_el(long_title, "p"), "docTitle", block.lines[0])
            return
        if block.role == "toc":
            toc = _el(preface, "toc")
            for line in block.lines:
                _el(toc, "tocItem", line, href="#body", level="1")
            return
        container = _el(preface, "container", name=block.role)
        for line in block.lines:
            _el(container, "p", line)

    def attachment(self, atts: etree._Element, att: Attachment, index: int) -> None:
        wrapper = _el(atts, "attachment", eId=f"att_{index}")
        sub = _el(wrapper, "doc", name=att.name)
        meta_el = _el(sub, "meta")
        _frbr(meta_el, self.doc.meta, component=f"att_{index}")
        preface = _el(sub, "preface")
        _el(_el(preface, "longTitle"), "p", att.heading)
        main_body = _el(sub, "mainBody")
        for line in att.lines:
            _el(main_body, "p", line)
        if not att.lines:
            _el(main_body, "p", "")


def to_xml(doc: Document) -> etree._Element:
    return _Writer(doc).build()


def to_bytes(doc: Document) -> bytes:
    return serialize(to_xml(doc))


def eids(doc: Document) -> dict[int, str]:
    """id(node) -> the eId the writer gives it (for references into a version, e.g. by amendments)."""
    return dict(_Writer(doc).eids)


# -- reading --------------------------------------------------------------------------
def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _text(el: etree._Element | None) -> str:
    return "".join(el.itertext()) if el is not None else ""


def _child(el: etree._Element, name: str) -> etree._Element | None:
    for child in el:
        if _local(child) == name:
            return child
    return None


def _p_texts(el: etree._Element | None) -> list[str]:
    if el is None:
        return []
    return [_text(p) for p in el if _local(p) == "p"]


def _read_node(el: etree._Element) -> Node:
    kind = _local(el)
    eid = el.get("eId", "")
    own = eid.rsplit("__", 1)[-1]
    number = own.split("_", 1)[1] if "_" in own and not own.split("_", 1)[1].startswith("nn") else ""
    number = number.split("_", 1)[0]  # "42_2": the writer's suffix for a repeated number, not part of it
    node = Node(kind=kind, num=_text(_child(el, "num")), heading=_text(_child(el, "heading")),  # type: ignore[arg-type]
                number=number if kind != "hcontainer" else "", name=el.get("name", "") if kind == "hcontainer" else "")
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
        if kind in CONTAINER_KINDS or kind == "article":
            node.intro = text
        else:
            node.text = text
    for child in el:
        if _local(child) in CONTAINER_KINDS + ("article", "paragraph", "point", "hcontainer"):
            node.children.append(_read_node(child))
    return node


def from_xml(root: etree._Element) -> Document:
    if _local(root) != "akomaNtoso":
        raise LawdiffError("not an Akoma Ntoso document (root element is not akomaNtoso)")
    main = next((c for c in root if isinstance(c.tag, str)), None)
    if main is None:
        raise LawdiffError("empty Akoma Ntoso document")
    meta = Meta()
    info = main.find(f"{A}meta/{A}proprietary/{L}version")
    if info is not None:
        meta = Meta(slug=info.get("slug", ""), title=info.get("title", ""), version=info.get("label", ""),
                    date=info.get("date", ""), stage=info.get("stage", ""),  # type: ignore[arg-type]
                    lang=info.get("lang", "zho"), country=info.get("country", "cn"),
                    source_format=info.get("sourceFormat", ""), source_name=info.get("sourceName", ""),
                    work_date=info.get("workDate", ""),
                    history=[dict(e.attrib) for e in info.findall(f"{L}earlier")])
    _read_passive(main, meta)
    doc = Document(meta=meta)
    if info is not None:
        doc.warnings = [ParseWarning(int(w.get("line", "0")), w.get("code", ""), w.text or "")
                        for w in info.findall(f"{L}warning")]
    preface = _child(main, "preface")
    if preface is not None:
        for block in preface:
            name = _local(block)
            if name == "longTitle":
                doc.front.append(FrontBlock("title", ["".join(_text(p) for p in block.iter(f"{A}p"))]))
            elif name == "toc":
                doc.front.append(FrontBlock("toc", [_text(i) for i in block]))
            elif name == "container":
                doc.front.append(FrontBlock(block.get("name", "note"), _p_texts(block)))  # type: ignore[arg-type]
            elif name == "p":
                doc.front.append(FrontBlock("note", [_text(block)]))
    body = _child(main, "body")
    if body is None:
        body = _child(main, "mainBody")
    if body is not None:
        doc.body = [_read_node(c) for c in body if isinstance(c.tag, str)]
    atts = _child(main, "attachments")
    if atts is not None:
        for att in atts:
            sub = next((c for c in att if isinstance(c.tag, str)), None)
            if sub is None:
                continue
            heading = "".join(_text(p) for p in sub.iterfind(f"{A}preface/{A}longTitle/{A}p"))
            lines = _p_texts(_child(sub, "mainBody"))
            doc.attachments.append(Attachment(sub.get("name", "annex"), heading, [l for l in lines if l]))
    return doc


def from_bytes(data: bytes) -> Document:
    try:
        root = etree.fromstring(data, SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise LawdiffError(f"not well-formed XML: {exc}") from None
    return from_xml(root)
