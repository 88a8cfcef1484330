"""USLM XML and GPO bill-DTD XML (US bills and resolutions) -> `Document`.

Both carry their structure, so nothing is guessed from the text: `<section>` is an
article (an undesignated section, such as an appropriations bill's opening "That the
following sums are appropriated ...", is an unnumbered article), `<subsection>` a
paragraph, `<paragraph>`, `<subparagraph>`, `<clause>` ... points, and `<title>`,
`<subtitle>`, `<part>`, `<division>`, `<chapter>` ... containers.  Appropriations headings
(`<appropriations level=...>`, `<appropriations-major>` ...) sit between sections and
become hcontainers named after their level.

The input's text is every text node outside `<meta>`/`<metadata>` (those feed lawdiff's
own metadata: title, date, stage), and the AKN holds it in input order.  The preface/form
(congress, sponsors, actions) and the long title become front blocks, the enacting clause
the preamble, attestation and endorsement a closing hcontainer -- as long as they stand
where bills put them: a long title after the first section stays in the body as an
hcontainer, a preface after the body closes it, and text before a section's num goes in an
hcontainer just before the section (AKN writes num first).  Quoted material (`<quotedContent>`, `<quoted-block>`) is
the text of the provision that quotes it, not structure of this bill, so it stays inline.

GPO bill XML has a DOCTYPE naming `bill.dtd`: it is parsed without loading the DTD.
"""

from __future__ import annotations

import re

from lxml import etree

from lawdiff.errors import LawdiffError
from lawdiff.ingest.source import Source
from lawdiff.ingest.xml import USLM_META, flat_text as xml_flat_text, local, parse_xml, squash as _squash
from lawdiff.model import Document, FrontBlock, Meta, Node
from lawdiff.text.dates import ISO_DATE, find_dates
from lawdiff.text.numbers import eid_number

ARTICLE = {"section"}
CONTAINERS = {
    "division": "division", "subdivision": "subdivision", "title": "title", "subtitle": "subtitle",
    "part": "part", "subpart": "subpart", "chapter": "chapter", "subchapter": "subchapter",
}
SUBDIVISIONS = {"subsection", "paragraph", "subparagraph", "clause", "subclause", "item", "subitem", "subsubitem"}
APPROPRIATIONS = {"appropriations", "appropriations-major", "appropriations-intermediate", "appropriations-small"}
NUM = {"num", "enum"}
HEADING = {"heading", "header"}
META = USLM_META
QUOTED = {"quotedContent", "quoted-block", "quotedText"}
# Elements whose start begins a new block of text inside a provision.
BLOCKISH = {"p", "continuation", "continuation-text", "content", "chapeau", "text", "proviso-block"}
BREAKS = BLOCKISH | SUBDIVISIONS | ARTICLE  # where flattened text gets a space


# -- text of a subtree -------------------------------------------------------------------
def flat_text(el: etree._Element, skip: set[str] | None = None) -> str:
    """All text of `el` (its tail excluded), whitespace squashed; block boundaries become spaces."""
    return xml_flat_text(el, skip or set(), BREAKS)


def number_of(num_el: etree._Element | None) -> str:
    """The eId number of a `<num value="...">` or `<enum>`: "SEC. 101." -> "101", "(a)" -> "a"."""
    if num_el is None:
        return ""
    value = num_el.get("value") or ""
    if not value:
        text = _squash("".join(num_el.itertext()))
        match = re.search(r"([0-9]+[A-Za-z]*|[A-Za-z]{1,4})\W*$", text)
        value = match.group(1) if match else ""
    return re.sub(r"[^0-9A-Za-z-]", "", value)


# -- structure ---------------------------------------------------------------------------
def split_head(el: etree._Element) -> tuple[etree._Element | None, etree._Element | None, list[etree._Element]]:
    """`el`'s num and heading as AKN can write them, and the children standing before them.

    AKN writes num first and the heading right after it, so input that puts text before the
    num (or the heading before the num, or text between them) cannot stay inside the element
    in order.  The heading then counts only if it follows the num directly; whatever stands
    before the num (or before the heading, when there is no num) is returned to be written
    just before the element, where it stood.
    """
    children = list(el)
    num_el = next((c for c in children if local(c) in NUM), None)
    head_el = next((c for c in children if local(c) in HEADING), None)
    if num_el is not None and head_el is not None:
        i, j = children.index(num_el), children.index(head_el)
        between = children[i + 1:j]
        if j < i or (num_el.tail or "").strip() or any(
                flat_text(c) or (c.tail or "").strip() for c in between):
            head_el = None  # not a heading AKN can place: it stays text, in place
    anchor = num_el if num_el is not None else head_el
    before = children[:children.index(anchor)] if anchor is not None else []
    return num_el, head_el, before


def leading_text(el: etree._Element, before: list[etree._Element]) -> str:
    """The text of `el` standing before its num: its own leading text and the `before` children."""
    parts = [el.text or ""]
    for child in before:
        parts.extend((flat_text(child), child.tail or ""))
    return _squash(" ".join(parts))


class _Mapper:
    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def hier(self, el: etree._Element, kind: str) -> list[Node]:
        """The node for `el`, preceded by an hcontainer holding any text that stands before its
        num in the input (see `split_head`)."""
        num_el, head_el, before = split_head(el)
        headed = num_el is not None or head_el is not None
        leading = leading_text(el, before) if headed else ""
        skip = {id(c) for c in before}
        number = number_of(num_el)
        if kind in CONTAINERS.values() and number:
            number = eid_number(number)  # `TITLE IV` -> title_4 (the num keeps what was printed)
        node = Node(kind, num=flat_text(num_el) if num_el is not None else "",  # type: ignore[arg-type]
                    number=number, heading=flat_text(head_el) if head_el is not None else "",
                    line=el.sourceline or 0)
        out = [Node("hcontainer", name="text", text=leading, line=node.line)] if leading else []
        out.append(node)
        own_text = el.text if el.text and el.text.strip() and not headed else ""  # else it is `leading`
        if kind == "hcontainer":
            # an appropriations heading and its paragraph(s): text blocks only (AKN hcontainer content)
            blocks = [_squash(own_text)] if own_text else []
            for child in el:
                if id(child) in skip:
                    continue
                if child is not num_el and child is not head_el and flat_text(child):
                    blocks.append(flat_text(child))
                if child.tail and child.tail.strip():
                    blocks.append(_squash(child.tail))
            if blocks:
                node.text = blocks[0]
                node.children = [Node("paragraph", text=t, line=node.line) for t in blocks[1:]]
            return out
        holder: Node | None = None  # the unnumbered paragraph that introduces a section's list
        pending: list[str] = [own_text] if own_text else []

        def flush() -> None:
            nonlocal holder
            text = _squash(" ".join(pending))
            pending.clear()
            if not text:
                return
            if kind in CONTAINERS.values():
                if node.children:
                    node.children.append(Node("hcontainer", name="text", text=text, line=node.line))
                else:
                    node.intro = _squash(f"{node.intro} {text}")
            elif kind == "article":
                para = Node("paragraph", text=text, line=node.line)
                node.children.append(para)
                holder = para
            elif not node.text and not node.children:
                node.text = text
            else:
                node.children.append(Node("paragraph", text=text, line=node.line))

        def walk(parent: etree._Element) -> None:
            nonlocal holder
            for child in parent:
                name = local(child)
                if id(child) in skip:
                    continue  # written before the element (text before its num), tail included
                if child is num_el or child is head_el or not name:
                    pass
                elif name in ARTICLE or name in CONTAINERS or name in SUBDIVISIONS or name in APPROPRIATIONS:
                    flush()
                    if kind == "article" and holder is not None and name in SUBDIVISIONS and name != "subsection":
                        holder.children.extend(self.hier(child, "point"))  # the list its intro announces
                    else:
                        node.children.extend(self.nodes(child, node))
                        holder = None
                elif name in ("content", "chapeau", "text") and any(
                        local(g) in SUBDIVISIONS for g in child.iter() if g is not child
                        and not any(local(a) in QUOTED for a in g.iterancestors() if a is not child)):
                    # USLM may nest the next level inside <content> after an intro <p>
                    if child.text and child.text.strip():
                        pending.append(child.text)
                    walk(child)
                elif name in BLOCKISH:
                    flush()
                    pending.append(flat_text(child))
                    flush()
                else:
                    pending.append(flat_text(child))
                if child.tail and child.tail.strip():
                    pending.append(child.tail)
            flush()

        walk(el)
        return out

    def nodes(self, el: etree._Element, parent: Node) -> list[Node]:
        """`el` as a node of its kind (with, before it, any text standing before its num)."""
        name = local(el)
        if name in ARTICLE:
            return self.hier(el, "article")
        if name in CONTAINERS:
            return self.hier(el, CONTAINERS[name])
        if name in APPROPRIATIONS:
            level = el.get("level") or name.replace("appropriations-", "")
            out = self.hier(el, "hcontainer")
            out[-1].name = level if level.startswith("appropriations") else f"appropriations-{level}"
            return out
        # the first level under a section is a paragraph (AKN), deeper levels are points
        return self.hier(el, "paragraph" if parent.kind == "article" else "point")


TITLE_TAGS = {"officialTitle", "official-title"}
FORMULA_TAGS = {"enactingFormula", "resolvingClause", "enacting-clause", "resolving-clause"}


BODIES = {"main", "legis-body", "resolution-body", "engrossed-amendment-body"}


def parse(source: Source, meta: Meta) -> Document:
    """The AKN keeps the input's text in input order: the preface goes first only because it
    stands first.  Whatever stands before the body is front matter, whatever stands after it
    closes the body, wherever the file puts its parts."""
    root = parse_xml(source.data, source.name)
    doc = Document(meta=meta)
    _metadata(root, meta)
    mapper = _Mapper(doc)
    in_body = False
    closing: list[str] = []

    def close(name: str) -> None:
        if closing:
            doc.body.append(Node("hcontainer", name=name, text=closing[0],
                                 children=[Node("paragraph", text=t) for t in closing[1:]]))
            closing.clear()

    def loose(text: str | None) -> None:
        """Text directly inside the root (before, between or after its parts): kept in place."""
        if text and text.strip():
            if not in_body:
                doc.front.append(FrontBlock("note", [_squash(text)]))
            else:
                closing.append(_squash(text))

    loose(root.text)
    for el in root:
        name = local(el)
        if not name or name in META:
            loose(el.tail)
            continue
        if name in BODIES:
            close("text")  # material between two bodies stays between them
            in_body = True
            _body(el, doc, mapper)
        elif not in_body and name in ("preface", "form"):
            _front_from(el, doc)
        elif not in_body:  # a slug line, a related document ... before the body
            text = flat_text(el)
            if text:
                doc.front.append(FrontBlock("note", [text], el.sourceline or 0))
        else:  # attestation, endorsement, signatures ... (or a preface) after the body
            text = flat_text(el)
            if text:
                closing.append(text)
        loose(el.tail)
    if not in_body:
        raise LawdiffError(f"{source.name}: no <main> or <legis-body>: not a USLM or GPO bill document")
    close("conclusions")
    return doc


def _front_from(el: etree._Element, doc: Document) -> None:
    lines: list[str] = [_squash(el.text)] if el.text and el.text.strip() else []
    for child in el:
        name = local(child)
        text = flat_text(child)
        if name in TITLE_TAGS and text:
            if lines:
                doc.front.append(FrontBlock("note", lines, child.sourceline or 0))
                lines = []
            doc.front.append(FrontBlock("title", [text], child.sourceline or 0))
        elif text:
            lines.append(text)
        if child.tail and child.tail.strip():
            lines.append(_squash(child.tail))
    if lines:
        doc.front.append(FrontBlock("note", lines, el.sourceline or 0))


def _pieces(el: etree._Element) -> list[tuple[str, str, int]]:
    """(tag, text, line) of each part of `el` in order, loose text included (tag "")."""
    line = el.sourceline or 0
    out = [("", _squash(el.text), line)] if el.text and el.text.strip() else []
    for part in el:
        text = flat_text(part)
        if text:
            out.append((local(part), text, part.sourceline or line))
        if part.tail and part.tail.strip():
            out.append(("", _squash(part.tail), part.sourceline or line))
    return out


def _body(main: etree._Element, doc: Document, mapper: _Mapper) -> None:
    """The long title and enacting formula are front matter while nothing of the body has come
    yet; once it has, they stay in the body where they stand (hcontainers), so order is kept."""
    stray: list[str] = [_squash(main.text)] if main.text and main.text.strip() else []

    def flush() -> None:
        if stray:
            doc.body.append(Node("hcontainer", name="text", text=" ".join(stray)))
            stray.clear()

    for child in main:
        name = local(child)
        started = bool(doc.body or stray)
        if name == "longTitle":
            parts = _pieces(child)
            if started:
                flush()
                texts = [text for _, text, _ in parts]
                if texts:
                    doc.body.append(Node("hcontainer", name="longTitle", text=texts[0],
                                         children=[Node("paragraph", text=t) for t in texts[1:]]))
            for tag, text, line in [] if started else parts:
                role = "title" if tag in TITLE_TAGS else "note"
                doc.front.append(FrontBlock(role, [text], line))  # type: ignore[arg-type]
        elif name in FORMULA_TAGS:
            text = flat_text(child)
            if started and text:
                flush()
                doc.body.append(Node("hcontainer", name="formula", text=text))
            elif text:
                doc.front.append(FrontBlock("preamble", [text], child.sourceline or 0))
        elif name in ARTICLE or name in CONTAINERS or name in APPROPRIATIONS:
            flush()
            doc.body.extend(mapper.nodes(child, Node("hcontainer")))
        else:
            text = flat_text(child)
            if text:
                stray.append(text)
        if child.tail and child.tail.strip():
            stray.append(_squash(child.tail))
    flush()


# -- metadata ----------------------------------------------------------------------------
STAGE_WORDS = (("public law", "adopted"), ("introduced", "draft"))


def _metadata(root: etree._Element, meta: Meta) -> None:
    by_name: dict[str, str] = {}
    for el in root.iter():
        name = local(el)
        if name and name not in by_name and any(local(a) in META for a in el.iterancestors()):
            by_name[name] = flat_text(el)
    title = by_name.get("title", "")
    if not meta.title and title:
        meta.title = title
    stage_text = by_name.get("docStage") or root.get("bill-stage", "").replace("-", " ")
    if not meta.version and stage_text:
        meta.version = stage_text
    if not meta.stage:
        lowered = stage_text.lower()
        meta.stage = next((s for w, s in STAGE_WORDS if w in lowered), "reading")  # type: ignore[misc]
    if not meta.date:
        meta.date = _latest_date(root, by_name.get("date", ""))
    meta.lang = "eng"
    if meta.country in ("", "cn"):
        meta.country = "us"


def _latest_date(root: etree._Element, dc_date: str) -> str:
    """The latest date the document states: action and attestation dates, dc:date."""
    found: list[str] = []
    if ISO_DATE.match(dc_date):
        found.append(dc_date)
    for el in root.iter():
        name = local(el)
        if name in ("date", "action-date", "attestation-date") or el.get("date"):
            value = el.get("date") or ""
            match = re.match(r"^(\d{4})-?(\d{2})-?(\d{2})$", value)
            if match:
                found.append("-".join(match.groups()))
            elif name in ("date", "action-date"):
                found.extend(find_dates(flat_text(el)))  # `February 14, 2019` without an attribute
    return max(found) if found else ""
