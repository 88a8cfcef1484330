"""The neutral document tree every reader produces and every writer consumes.

Data flows one way: a reader turns bytes into `SourceLine`s, a parser turns lines
into a `Document`, `akn` turns a `Document` into Akoma Ntoso XML and back.  The
model holds text exactly as printed (headings keep their brackets, OCR damage
stays); anything lawdiff infers (Arabic numbers, warnings) lives beside the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Literal

# Hierarchy kinds, outermost first.  `part` is the 分编 (sub-book) of a 编.  The last five
# occur in US bills (USLM, GPO bill XML) and keep their own AKN elements; they come last so
# that code ranking the first six (Chinese levels) is unaffected.
ContainerKind = Literal["book", "part", "title", "chapter", "section", "subsection",
                        "division", "subdivision", "subtitle", "subchapter", "subpart"]
Kind = Literal[
    "book", "part", "title", "chapter", "section", "subsection",
    "division", "subdivision", "subtitle", "subchapter", "subpart",
    "article", "level", "paragraph", "point", "hcontainer",
]
# The units a diff aligns: articles (条) and, in a text without articles, its levels (the items
# 一、二、… of an amendment or a decision, the headed sections of a case or a standard).
UNIT_KINDS: tuple[str, ...] = ("article", "level")
CONTAINER_KINDS: tuple[str, ...] = ("book", "part", "title", "chapter", "section", "subsection",
                                    "division", "subdivision", "subtitle", "subchapter", "subpart")

# Prefix of each kind in an eId (Akoma Ntoso naming convention).
EID_PREFIX: dict[str, str] = {
    "book": "book", "part": "part", "title": "title", "chapter": "chp",
    "section": "sec", "subsection": "subsec", "article": "art",
    "paragraph": "para", "point": "point", "hcontainer": "hcontainer", "level": "lvl",
    "division": "dvs", "subdivision": "subdvs", "subtitle": "subtitle", "subchapter": "subchp", "subpart": "subpart",
}


@dataclass
class SourceLine:
    """One line of input with the input format's own markup removed.

    `heading_level` is set when the format itself marks the line as a heading
    (Markdown `##`, an HTML `<h2>`): a hint for the parser, never a verdict.
    """

    text: str
    number: int  # 1-based line number in the input, for warnings
    heading_level: int = 0
    # What else the format says about the line, as a hint for the parser: "item" (a list
    # item the format itself marks), "emphasis" (the whole line set in italics or bold),
    # "heading" (a heading by style, e.g. a Word "Heading" or EUR-Lex article title),
    # "footnote", "frontmatter" (a YAML header), "break" (a forced break: the next line
    # starts a new block), "page" (the first line of a page: a form feed before it in plain
    # text, as pdftotext writes one).  "" when the format says nothing.
    role: str = ""


@dataclass
class ParseWarning:
    line: int
    code: str  # stable machine-readable id, e.g. "ocr-marker"
    message: str
    # "error": the parse most likely lost structure (a heading read as text); "warning": a judgement call
    level: Literal["warning", "error"] = "warning"

    def __str__(self) -> str:
        prefix = "error: " if self.level == "error" else ""
        return f"line {self.line}: {prefix}{self.message} [{self.code}]"


@dataclass
class Node:
    """A hierarchy element: container, article, paragraph (款), point (项/目)."""

    kind: Kind
    num: str = ""  # as printed: "第十二条", "（一）", "Article 5"
    number: str = ""  # Arabic, with 之Y as "-Y": "12", "134-1"; "" when unnumbered
    heading: str = ""  # as printed, brackets included: "（立法目的）"
    text: str = ""  # own text: a paragraph's words, or the intro before its points
    children: list[Node] = field(default_factory=list)
    line: int = 0
    name: str = ""  # for hcontainer: what it holds ("detachedText")
    # A container's text between its heading and its first child (rare stray text;
    # kept so nothing is lost).
    intro: str = ""

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order (pre-order).

        A stack, not nested generators: a recursive `yield from` costs a generator frame per
        level for every node yielded, a fifth of parsing the Civil Code (measured)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            if node.children:
                stack.extend(reversed(node.children))

    @property
    def heading_text(self) -> str:
        """The heading without its printed brackets, for display and matching."""
        return strip_brackets(self.heading)

    def body_text(self, sep: str = "\n") -> str:
        """The words below num and heading, one line per paragraph or point."""
        lines: list[str] = [self.text] if self.text else []
        for child in self.children:
            for node in child.walk():
                line = " ".join(p for p in (node.num, node.heading, node.text) if p)
                if line:
                    lines.append(line)
        return sep.join(lines)

    def all_text(self) -> str:
        """Every character this node holds, in document order (num, heading, text, children)."""
        out = [self.num, self.heading, self.intro, self.text]
        out.extend(child.all_text() for child in self.children)
        return "".join(out)


@dataclass
class FrontBlock:
    """Material before the body: the title, notes, an announcement, a table of contents."""

    # "preamble": citations and recitals before the enacting terms (Latin-script laws);
    # "frontMatter": a Markdown YAML header kept as text.
    role: Literal["title", "note", "announcement", "toc", "preamble", "frontMatter"]
    lines: list[str]
    line: int = 0


@dataclass
class Attachment:
    """Material after the body: an explanatory note (说明), an annex (附件)."""

    name: str  # AKN doc name: "explanatoryNote", "annex"
    heading: str
    lines: list[str]
    line: int = 0


@dataclass
class Meta:
    """What lawdiff knows about a version beyond its text."""

    slug: str = ""
    title: str = ""
    version: str = ""  # the version's label, e.g. "征求意见稿"
    date: str = ""  # YYYY-MM-DD
    stage: Literal["draft", "reading", "adopted", "amended", "revised", ""] = ""
    lang: str = "zho"  # ISO 639-2/B as AKN wants it: zho, eng, deu
    country: str = "cn"  # AKN country code, ISO 3166-1/2: cn, cn-sh, de, eu, us
    source_format: str = "text"
    source_name: str = ""
    work_date: str = ""  # the date of the work (first version); defaults to `date`
    category: str = ""  # where the document is filed, e.g. the folder of a tree import: "行政法规"
    history: list[dict[str, str]] = field(default_factory=list)  # earlier readings
    # The amending instrument this version was made from ({"title", "href", "date"}) and what
    # its items changed ([{"type", "eid", "in", "item", "pos"}]): AKN passiveModifications.
    amended_by: dict[str, str] = field(default_factory=dict)
    modifications: list[dict[str, str]] = field(default_factory=list)
    # Fields the text did not state and the parse filled with a stand-in so that the XML is valid
    # ("date": 1970-01-01, "title": the file name); not stored, not to be shown as facts.
    stand_ins: set[str] = field(default_factory=set)

    @property
    def doc_type(self) -> str:
        return "act" if self.stage in ("adopted", "amended", "revised") else "bill"


@dataclass
class Document:
    meta: Meta
    front: list[FrontBlock] = field(default_factory=list)
    body: list[Node] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    def articles(self) -> list[Node]:
        """The document's units in order: its articles, or the levels of a text without articles."""
        return [n for top in self.body for n in top.walk() if n.kind in UNIT_KINDS]

    def has_articles(self) -> bool:
        """Whether `articles()` is not empty, found without walking the whole tree."""
        return any(n.kind in UNIT_KINDS for top in self.body for n in top.walk())

    def containers(self) -> list[Node]:
        return [n for top in self.body for n in top.walk() if n.kind in CONTAINER_KINDS]

    def all_text(self) -> str:
        """Every character of the document's text outside metadata, in order."""
        out: list[str] = []
        for block in self.front:
            out.extend(block.lines)
        out.extend(node.all_text() for node in self.body)
        for att in self.attachments:
            out.append(att.heading)
            out.extend(att.lines)
        return "".join(out)

    def has_text(self) -> bool:
        """Whether `all_text()` holds anything but whitespace, found without joining it all."""
        return (any(line.strip() for block in self.front for line in block.lines)
                or any(piece.strip() for top in self.body for node in top.walk()
                       for piece in (node.num, node.heading, node.intro, node.text))
                or any(piece.strip() for att in self.attachments for piece in (att.heading, *att.lines)))


OPEN_BRACKETS = "(（[【〔"
CLOSE_BRACKETS = ")）]】〕"


def strip_brackets(text: str) -> str:
    text = text.strip()
    if text and text[0] in OPEN_BRACKETS:
        text = text[1:]
    if text and text[-1] in CLOSE_BRACKETS:
        text = text[:-1]
    return text.strip()


def container_path(doc: Document) -> dict[int, list[Node]]:
    """Map id(article) -> the containers (outermost first) that hold it."""
    paths: dict[int, list[Node]] = {}

    def visit(node: Node, trail: list[Node]) -> None:
        if node.kind in UNIT_KINDS:
            paths[id(node)] = list(trail)
            return
        if node.kind in CONTAINER_KINDS:
            for child in node.children:
                visit(child, trail + [node])

    for top in doc.body:
        visit(top, [])
    return paths
