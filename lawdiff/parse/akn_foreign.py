"""Akoma Ntoso written by other tools -> `Document`, normalised to lawdiff's conventions.

Other tools (Laws.Africa's bluebell/Indigo, national publishers) write valid AKN with their
own conventions: eIds such as `chp_I__art_1`, FRBR URIs of their own, articles with
`<content>` straight under them, `<subheading>`, `<wrapUp>`, `<blockList>`, crossHeadings,
tables, inline markup.  lawdiff keeps the structure and every character of text outside
`<meta>`, and re-identifies the rest:

- FRBR country, language, dates and title are taken into `Meta`; lawdiff writes its own
  identification, eIds (`art_12a`, `chp_1`) and lifecycle when it writes the document.
- Hierarchy elements keep their kind when the model has it; other hierarchy levels below an
  article (`subparagraph`, `clause`, `list`, `indent`, `alinea` ...) become points, and
  `level`/`hcontainer`/`crossHeading` become hcontainers.  Text an article holds directly
  becomes an unnumbered paragraph, as lawdiff's parsers produce.
- Numbers come from the element's own eId when it ends in a number, else from `num`
  (`Article IV` -> 4); `num` and `heading` keep what was printed.

lawdiff's own output (recognised by its `<lawdiff:version>` metadata) is read back exactly
by `lawdiff.akn.reader`; `lawdiff.akn.load` sends it there before this mapper is asked.
"""

from __future__ import annotations

import re

from lxml import etree

from lawdiff.errors import LawdiffError
from lawdiff.ingest.source import Source
from lawdiff.ingest.xml import AKN_META, AKN_NS, flat_text as xml_flat_text, local, parse_akn, squash as _squash
from lawdiff.model import CONTAINER_KINDS, Attachment, Document, FrontBlock, Meta, Node
from lawdiff.text.dates import ISO_DATE
from lawdiff.text.numbers import eid_number
from lawdiff.text.numerals import NUMERAL_CHARS, zh_to_int

CONTAINERS = set(CONTAINER_KINDS) | {"tome"}
ARTICLE_LIKE = {"article", "rule"}
BELOW_ARTICLE = {"paragraph", "subparagraph", "clause", "subclause", "point", "indent", "alinea", "list",
                 "sublist", "proviso", "subrule", "transitional", "subsection" }
HCONTAINERS = {"hcontainer", "level", "crossHeading", "blockContainer"}
TEXT_BLOCKS = {"p", "block", "blockList", "table", "tr", "li", "item", "listIntroduction", "listWrapUp", "tblock",
               "toc", "tocItem", "formula", "citation", "recital", "longTitle", "container", "foreign", "ul", "ol"}
BREAKS = TEXT_BLOCKS | {"td", "th", "eol", "br"}  # where flattened text gets a space
BODY_TAGS = ("body", "mainBody", "judgmentBody", "debateBody", "amendmentBody", "collectionBody", "portionBody")


def flat_text(el: etree._Element) -> str:
    """The text of `el` (tail excluded), block boundaries as spaces, whitespace squashed."""
    return xml_flat_text(el, AKN_META, BREAKS)


def block_texts(el: etree._Element) -> list[str]:
    """`el`'s text as blocks: one per `<p>`/table row/list item, inline markup flattened."""
    out: list[str] = []
    pending: list[str] = [el.text] if el.text and el.text.strip() else []

    def flush() -> None:
        text = _squash(" ".join(pending))
        pending.clear()
        if text:
            out.append(text)

    for child in el:
        name = local(child)
        if name == "meta":
            pass
        elif name in ("blockList", "table", "tbody", "thead", "ul", "ol", "blockContainer", "toc", "container",
                      "citations", "recitals", "intro", "wrapUp", "content"):
            flush()
            out.extend(block_texts(child))
        elif name in TEXT_BLOCKS or name in ("tr",):
            flush()
            text = flat_text(child)
            if text:
                out.append(text)
        else:
            pending.append(flat_text(child))
        if child.tail and child.tail.strip():
            pending.append(child.tail)
    flush()
    return out


def _number(el: etree._Element, num: str, kind: str) -> str:
    """The eId number: from the element's eId/id when its last part is a number, else from `num`."""
    eid = el.get("eId") or el.get("id") or ""
    own = eid.rsplit("__", 1)[-1]
    if "_" in own:
        tail = own.split("_", 1)[1]
        if tail and not tail.startswith("nn") and re.match(r"^[0-9A-Za-z-]+$", tail):
            return eid_number(tail) if kind in CONTAINERS or kind == "article" else tail
    token = num.strip().strip("()[].:§ ")
    if not token:
        return ""
    cjk = re.sub(r"[第条章节编款项目之分（）()\s]", "", token)
    if re.match(f"^[{NUMERAL_CHARS}]+$", cjk):
        value = zh_to_int(cjk)
        return str(value) if value else ""
    last = token.split()[-1].strip("().")
    if kind in CONTAINERS or kind == "article":
        return eid_number(last)
    return re.sub(r"[^0-9A-Za-z]", "", last)


class _Mapper:
    def node(self, el: etree._Element, parent_kind: str) -> Node:
        name = local(el)
        if name in CONTAINERS:
            kind = "book" if name == "tome" else name
        elif name in ARTICLE_LIKE:
            kind = "article"
        elif name in HCONTAINERS:
            kind = "hcontainer"
        elif name == "paragraph" and parent_kind == "article":
            kind = "paragraph"
        elif name == "subsection" and parent_kind == "article":
            kind = "paragraph"
        else:
            kind = "point" if parent_kind != "article" else "paragraph"
        num_el = next((c for c in el if local(c) == "num"), None)
        headings = [c for c in el if local(c) in ("heading", "subheading")]
        num = flat_text(num_el) if num_el is not None else ""
        node = Node(kind, num=num, number=_number(el, num, kind),  # type: ignore[arg-type]
                    heading=" ".join(flat_text(h) for h in headings if flat_text(h)), line=el.sourceline or 0)
        if kind == "hcontainer":
            node.name = el.get("name") or name
            texts = [t for c in el if c is not num_el and c not in headings and local(c)
                     for t in (block_texts(c) if local(c) not in TEXT_BLOCKS else [flat_text(c)]) if t]
            if name == "crossHeading" and el.text and el.text.strip():
                texts.insert(0, _squash(el.text))
            node.text = texts[0] if texts else ""
            node.children = [Node("paragraph", text=t, line=node.line) for t in texts[1:]]
            return node
        holder: Node | None = None
        for child in el:
            cname = local(child)
            if child is num_el or child in headings or not cname:
                continue
            if cname in CONTAINERS or cname in ARTICLE_LIKE or cname in BELOW_ARTICLE or cname in HCONTAINERS:
                if kind == "article" and holder is not None and node.children and node.children[-1] is holder \
                        and cname in BELOW_ARTICLE and cname not in ("paragraph", "subsection"):
                    holder.children.append(self.node(child, "paragraph"))  # the list its intro announces
                else:
                    node.children.append(self.node(child, kind))
                    holder = None
                continue
            texts = block_texts(child) if cname not in TEXT_BLOCKS else [flat_text(child)]
            texts = [t for t in texts if t]
            if not texts:
                continue
            if kind in CONTAINERS:
                if node.children or cname == "wrapUp":
                    node.children.append(Node("hcontainer", name=cname if cname == "wrapUp" else "text",
                                              text=texts[0], children=[Node("paragraph", text=t) for t in texts[1:]]))
                else:
                    node.intro = _squash(" ".join([node.intro, *texts]))
            elif kind == "article":
                # text straight under an article: an unnumbered paragraph (a list's intro, if one follows)
                for text in texts:
                    para = Node("paragraph", text=text, line=child.sourceline or 0)
                    node.children.append(para)
                    holder = para if cname in ("intro", "content", "p") else None
            elif not node.children and not node.text and cname in ("intro", "content", "p", "blockList"):
                node.text = texts[0]
                node.children.extend(Node("paragraph", text=t) for t in texts[1:])
            else:
                node.children.extend(Node("paragraph", text=t) for t in texts)
        return node


def _meta_into(main: etree._Element, meta: Meta) -> None:
    ns = {"a": AKN_NS}
    ident = main.find("a:meta/a:identification", ns)
    if ident is None:
        return

    def value(path: str, attr: str) -> str:
        el = ident.find(path, ns)
        return el.get(attr, "") if el is not None else ""

    country = value("a:FRBRWork/a:FRBRcountry", "value")
    if country and meta.country in ("", "cn"):
        meta.country = country.lower()
    language = value("a:FRBRExpression/a:FRBRlanguage", "language")
    if language:
        meta.lang = language
    date = value("a:FRBRExpression/a:FRBRdate", "date")
    if not meta.date and ISO_DATE.match(date):
        meta.date = date
    work_date = value("a:FRBRWork/a:FRBRdate", "date")
    if not meta.work_date and ISO_DATE.match(work_date):
        meta.work_date = work_date
    alias = ident.find("a:FRBRWork/a:FRBRalias[@name='title']", ns)
    if not meta.title and alias is not None and alias.get("value", "") not in ("", "Untitled"):
        meta.title = alias.get("value", "")
    if not meta.stage:
        meta.stage = "draft" if local(main) == "bill" else "adopted"


def parse(source: Source, meta: Meta) -> Document:
    root = parse_akn(source.data, source.name)
    main = next((c for c in root if local(c)), None)
    if main is None:
        raise LawdiffError(f"{source.name}: empty Akoma Ntoso document")
    doc = Document(meta=meta)
    _meta_into(main, meta)
    mapper = _Mapper()
    for part in main:
        name = local(part)
        if not name or name in ("meta", "components"):
            if name == "components":
                _attachments(part, doc, mapper)
            continue
        if name in ("coverPage", "preface"):
            _front(part, doc)
        elif name == "preamble":
            lines = block_texts(part)
            if lines:
                doc.front.append(FrontBlock("preamble", lines, part.sourceline or 0))
        elif name in BODY_TAGS:
            _body(part, doc, mapper)
        elif name == "conclusions":
            lines = block_texts(part)
            if lines:
                doc.body.append(Node("hcontainer", name="conclusions", text=lines[0],
                                     children=[Node("paragraph", text=t) for t in lines[1:]]))
        elif name == "attachments":
            _attachments(part, doc, mapper)
        else:
            lines = block_texts(part)
            if lines:
                doc.body.append(Node("hcontainer", name=name, text=lines[0],
                                     children=[Node("paragraph", text=t) for t in lines[1:]]))
    return doc


def _front(part: etree._Element, doc: Document) -> None:
    notes: list[str] = []
    for child in part:
        name = local(child)
        if name == "longTitle" and flat_text(child):
            if notes:
                doc.front.append(FrontBlock("note", notes))
                notes = []
            doc.front.append(FrontBlock("title", [flat_text(child)], child.sourceline or 0))
        elif name == "toc":
            if notes:
                doc.front.append(FrontBlock("note", notes))
                notes = []
            items = [flat_text(i) for i in child if flat_text(i)]
            if items:
                doc.front.append(FrontBlock("toc", items, child.sourceline or 0))
        else:
            notes.extend(block_texts(child) if local(child) not in TEXT_BLOCKS else [flat_text(child)])
        if child.tail and child.tail.strip():
            notes.append(_squash(child.tail))
    notes = [n for n in notes if n]
    if notes:
        doc.front.append(FrontBlock("note", notes, part.sourceline or 0))


def _body(part: etree._Element, doc: Document, mapper: _Mapper) -> None:
    for child in part:
        name = local(child)
        if not name:
            continue
        if name in CONTAINERS or name in ARTICLE_LIKE or name in BELOW_ARTICLE or name in HCONTAINERS:
            node = mapper.node(child, "body")
            if node.kind in ("paragraph", "point"):  # a body without articles: keep the text
                node = Node("hcontainer", name=name, text=flat_text(child))
            doc.body.append(node)
        else:
            lines = block_texts(child) if name not in TEXT_BLOCKS else [flat_text(child)]
            lines = [t for t in lines if t]
            if lines:
                doc.body.append(Node("hcontainer", name="text", text=lines[0],
                                     children=[Node("paragraph", text=t) for t in lines[1:]]))


def _attachments(part: etree._Element, doc: Document, mapper: _Mapper) -> None:
    for att in part:
        if not local(att):
            continue
        heading_el = next((c for c in att if local(c) in ("heading", "num")), None)
        sub = next((c for c in att if local(c) not in ("heading", "num", "subheading", "") and local(c) != "meta"), None)
        heading = " ".join(flat_text(c) for c in att if local(c) in ("num", "heading", "subheading"))
        lines: list[str] = []
        name = "annex"
        if sub is not None:
            name = sub.get("name") or local(sub)
            for piece in sub:
                if local(piece) == "meta":
                    continue
                lines.extend(block_texts(piece) if local(piece) not in TEXT_BLOCKS else [flat_text(piece)])
        lines = [l for l in lines if l]
        if not heading and lines:
            heading, lines = lines[0], lines[1:]
        if heading_el is None and not heading and not lines:
            continue
        doc.attachments.append(Attachment(name if name not in ("doc", "attachment") else "annex", heading, lines,
                                          att.sourceline or 0))
