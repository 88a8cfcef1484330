"""`Document` -> Akoma Ntoso 3.0 XML.

FRBR identity by the AKN naming convention, eIds by `lawdiff.akn.eids`, the text exactly
as the model holds it (cross-references wrapped in `<ref>` by `lawdiff.akn.links`), and
every piece of lawdiff's own metadata in `<meta>` (never in the text).  `lawdiff.akn.reader`
reads it back.
"""

from __future__ import annotations

from lxml import etree

import lawdiff.akn.links as refs
from lawdiff.akn.eids import assign_eids
from lawdiff.akn.serialize import serialize
from lawdiff.errors import LawdiffError
from lawdiff.ingest.xml import A, AKN_NS, L, LD_NS
from lawdiff.model import CONTAINER_KINDS, Attachment, Document, FrontBlock, Meta, Node

NSMAP = {None: AKN_NS, "lawdiff": LD_NS}


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


# -- body -----------------------------------------------------------------------------
class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.eids = assign_eids(doc)
        self.targets = set(self.eids.values())

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


