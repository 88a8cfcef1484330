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
from lawdiff.model import CONTAINER_KINDS, UNIT_KINDS, Attachment, Document, FrontBlock, Meta, Node

NSMAP = {None: AKN_NS, "lawdiff": LD_NS}


def element(parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """An AKN element (a root when `parent` is None), used by every AKN writer (laws and instruments)."""
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


def frbr_identity(meta_el: etree._Element, meta: Meta, component: str = "!main") -> None:
    """`<identification>`: FRBR work, expression and manifestation by the AKN naming convention."""
    ident = element(meta_el, "identification", source="#lawdiff")
    work, expr = work_uri(meta), expression_uri(meta)
    w = element(ident, "FRBRWork")
    element(w, "FRBRthis", value=f"{work}/{component}")
    element(w, "FRBRuri", value=work)
    if meta.title:
        element(w, "FRBRalias", value=meta.title, name="title")
    element(w, "FRBRdate", date=meta.work_date or meta.date, name="generation")
    element(w, "FRBRauthor", href="#author")
    element(w, "FRBRcountry", value=meta.country)
    if meta.version:
        element(w, "FRBRname", value=meta.title or meta.slug)
    e = element(ident, "FRBRExpression")
    element(e, "FRBRthis", value=f"{expr}/{component}")
    element(e, "FRBRuri", value=expr)
    element(e, "FRBRdate", date=meta.date, name=meta.stage or "version")
    element(e, "FRBRauthor", href="#author")
    element(e, "FRBRlanguage", language=meta.lang)
    m = element(ident, "FRBRManifestation")
    element(m, "FRBRthis", value=f"{expr}/{component}.xml")
    element(m, "FRBRuri", value=f"{expr}.akn")
    element(m, "FRBRdate", date=meta.date, name="transform")
    element(m, "FRBRauthor", href="#lawdiff")


STAGES = ("draft", "reading", "adopted", "amended", "revised")


def _meta(root_doc: etree._Element, doc: Document) -> None:
    meta = doc.meta
    meta_el = element(root_doc, "meta")
    frbr_identity(meta_el, meta)
    readings = list(meta.history) + [{"version": meta.version, "date": meta.date, "stage": meta.stage}]
    life = element(meta_el, "lifecycle", source="#lawdiff")
    for i, reading in enumerate(readings, start=1):
        element(life, "eventRef", eId=f"evt_{i}", date=reading["date"], source=f"#ver_{i}",
            type="generation" if i == 1 else "amendment", refersTo=f"#{reading.get('stage') or 'draft'}")
    flow = element(meta_el, "workflow", source="#lawdiff")
    for i, reading in enumerate(readings, start=1):
        element(flow, "step", eId=f"step_{i}", date=reading["date"], by="#author", refersTo=f"#{reading.get('stage') or 'draft'}",
            outcome=f"#ver_{i}")
    _passive_modifications(meta_el, meta, readings)
    refs_el = element(meta_el, "references", source="#lawdiff")
    for i, reading in enumerate(readings, start=1):
        tag = "original" if i == 1 else "passiveRef"
        element(refs_el, tag, eId=f"ver_{i}", href=f"{work_uri(meta)}/{meta.lang}@{reading['date']}",
            showAs=reading.get("version") or reading["date"])
    if meta.amended_by:
        element(refs_el, "passiveRef", eId="amd_1", href=meta.amended_by.get("href", ""),
            showAs=meta.amended_by.get("title", "") or meta.amended_by.get("href", ""))
    element(refs_el, "TLCOrganization", eId="lawdiff", href="/ontology/organization/lawdiff", showAs="lawdiff")
    element(refs_el, "TLCOrganization", eId="author", href=f"/ontology/organization/{meta.country}/legislature",
        showAs="legislature")
    for stage in STAGES:
        element(refs_el, "TLCConcept", eId=stage, href=f"/ontology/concept/lawdiff/{stage}", showAs=stage)
    prop = element(meta_el, "proprietary", source="#lawdiff")
    info = etree.SubElement(prop, L + "version")
    for key, value in (("slug", meta.slug), ("title", meta.title), ("label", meta.version), ("date", meta.date),
                       ("stage", meta.stage), ("lang", meta.lang), ("country", meta.country),
                       ("workDate", meta.work_date), ("category", meta.category),
                       ("sourceFormat", meta.source_format),
                       ("sourceName", meta.source_name)):
        if value:
            info.set(key, value)
    for reading in meta.history:
        etree.SubElement(info, L + "earlier", {k: v for k, v in reading.items() if v})
    for warning in doc.warnings:
        w = etree.SubElement(info, L + "warning", line=str(warning.line), code=warning.code)
        if warning.level != "warning":
            w.set("level", warning.level)
        w.text = warning.message


def _passive_modifications(meta_el: etree._Element, meta: Meta, readings: list[dict[str, str]]) -> None:
    """Which item of the amending instrument changed which element (see lawdiff.amend.apply)."""
    if not meta.amended_by or not meta.modifications:
        return
    passive = element(element(meta_el, "analysis", source="#lawdiff"), "passiveModifications")
    href = meta.amended_by.get("href", "")
    previous = f"{work_uri(meta)}/{meta.lang}@{readings[-2]['date']}/!main" if len(readings) > 1 else ""
    for i, mod in enumerate(meta.modifications, start=1):
        textual = element(passive, "textualMod", type=mod["type"], eId=f"pmod_{i}")
        textual.set(L + "item", mod.get("item", ""))
        element(textual, "source", href=f"{href}#item_{mod.get('pos', '')}")
        where = previous if mod.get("in") == "base" else ""
        element(textual, "destination", href=f"{where}#{mod['eid']}")


# -- body -----------------------------------------------------------------------------
class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.eids = assign_eids(doc)
        self.targets = set(self.eids.values())
        self._amending: dict[int, bool] = {}

    def amending(self, article: Node) -> bool:
        """Does the article amend another act (lawdiff.akn.links.amends_another_act)?  Once per article."""
        found = self._amending.get(id(article))
        if found is None:
            found = self._amending[id(article)] = refs.amends_another_act(article.body_text())
        return found

    def text_p(self, parent: etree._Element, text: str, article: Node | None, para_index: int) -> None:
        p = element(parent, "p")
        spans = refs.find(text, article.number, para_index, self.targets, self.amending(article)) if article else []
        pos = 0
        last: etree._Element | None = None
        for start, end, href in spans:
            chunk = text[pos:start]
            if last is None:
                p.text = (p.text or "") + chunk
            else:
                last.tail = (last.tail or "") + chunk
            last = element(p, "ref", text[start:end], href=href)
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
        el = element(parent, tag, **attrs)
        if node.num:
            element(el, "num", node.num)
        if node.heading:
            element(el, "heading", node.heading)
        if node.kind in UNIT_KINDS:
            article = node
        if node.kind == "paragraph" and article is not None and article.children and node in article.children:
            para_index = article.children.index(node) + 1
        if node.kind in CONTAINER_KINDS or node.kind in UNIT_KINDS:
            if node.intro:
                self.text_p(element(el, "intro"), node.intro, None, 0)
            for child in node.children:
                self.node(el, child, article, para_index)
            return
        if node.kind == "hcontainer" and node.children:
            content = element(el, "content")
            if node.text:
                self.text_p(content, node.text, None, 0)
            for child in node.children:
                self.text_p(content, child.text, None, 0)
            return
        if node.children:
            if node.text:
                self.text_p(element(el, "intro"), node.text, article, para_index)
            for child in node.children:
                self.node(el, child, article, para_index)
        else:
            self.text_p(element(el, "content"), node.text, article, para_index)

    def build(self) -> etree._Element:
        doc, meta = self.doc, self.doc.meta
        root = element(None, "akomaNtoso")
        main = element(root, meta.doc_type, name=meta.slug or "untitled")
        _meta(main, doc)
        if doc.front:
            preface = element(main, "preface")
            for block in doc.front:
                self.front_block(preface, block)
        body = element(main, "body")
        if not doc.body:
            raise LawdiffError("no article found: this does not look like a legal text")
        for top in doc.body:
            self.node(body, top)
        if doc.attachments:
            atts = element(main, "attachments")
            for i, att in enumerate(doc.attachments, start=1):
                self.attachment(atts, att, i)
        return root

    def front_block(self, preface: etree._Element, block: FrontBlock) -> None:
        if block.role == "title":
            long_title = element(preface, "longTitle")
            element(element(long_title, "p"), "docTitle", block.lines[0])
            return
        if block.role == "toc":
            toc = element(preface, "toc")
            for line in block.lines:
                element(toc, "tocItem", line, href="#body", level="1")
            return
        container = element(preface, "container", name=block.role)
        for line in block.lines:
            element(container, "p", line)

    def attachment(self, atts: etree._Element, att: Attachment, index: int) -> None:
        wrapper = element(atts, "attachment", eId=f"att_{index}")
        sub = element(wrapper, "doc", name=att.name)
        meta_el = element(sub, "meta")
        frbr_identity(meta_el, self.doc.meta, component=f"att_{index}")
        preface = element(sub, "preface")
        element(element(preface, "longTitle"), "p", att.heading)
        main_body = element(sub, "mainBody")
        for line in att.lines:
            element(main_body, "p", line)
        if not att.lines:
            element(main_body, "p", "")


def to_xml(doc: Document) -> etree._Element:
    return _Writer(doc).build()


def to_bytes(doc: Document) -> bytes:
    return serialize(to_xml(doc))


