"""English and German legal text -> `Document`: the same model the Chinese parser builds.

Mapping (AKN through `lawdiff.akn.writer`):
- `Article 5`, `Art 12a`, `Artikel 3`, `§ 3`, `Section 2.`, `SEC. 2.` -> article (number "5", "12a", "2").
  Which word marks articles is decided per document (the family with most heading-like
  markers; `Article` wins ties), so that in an EU act `SECTION 1` is a container while in a
  US bill `SEC. 2.` is an article.
- `Book`/`Buch`, `Part`/`Teil`, `Title`/`Titel`, `Chapter`/`Kapitel`, `Section`/`Abschnitt`,
  `Subsection`/`Unterabschnitt`, and a bare Roman heading (`## I. - Die Grundrechte`) ->
  containers.  Nesting follows the order in which the words first appear (German `Titel`
  sits below `Abschnitt`, English `Title` above `Chapter`); Roman numbers become Arabic in
  the eId (`chp_4`) while `num` keeps what was printed.  Where the format marks headings, a
  plain-line container heading (`TITLE V`) counts only when the numbering sequence expects
  it (the next number, or 1 under a container just opened), and so does a marker run into
  the end of a heading line (`TITLE VI GOVERNANCE CHAPTER 1`): both with a warning.
- The first numbered level inside an article (`(1)`, `1.`, `(a)` in US bills) -> paragraph;
  deeper levels (`(a)`, `a)`, `(i)`, `(A)`, `1.`, dashes) -> point; an unnumbered block after
  a numbered paragraph's points is its next subparagraph (a paragraph inside it).
- Before the body: the title (a single line), notes, the YAML header (`frontMatter`), and
  the preamble -- citations, `Whereas:` and the recitals `(12) ...` -- as one front block
  with role `preamble` (one line per recital), so recitals are kept whole but never
  mistaken for paragraphs.
- After the last article: the closing formula and signatures (`Done at ...`) as an
  hcontainer `conclusions`; `ANNEX III`, `Anhang`, `Schedule` ... as attachments.

The text is kept exactly as printed (markers and separators included, in `num`); wrapped
lines are joined with a single space.  Judgement calls leave a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawdiff.model import Attachment, Document, FrontBlock, Meta, Node, ParseWarning, SourceLine
from lawdiff.ingest.source import is_blank

# -- numbers ---------------------------------------------------------------------------
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$", re.I)
ORDINALS = {
    # English cardinal and ordinal words, German ordinals (Erster Abschnitt, Zweiter Teil).
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "erster": 1, "zweiter": 2, "dritter": 3, "vierter": 4, "fünfter": 5, "sechster": 6, "siebter": 7,
    "siebenter": 7, "achter": 8, "neunter": 9, "zehnter": 10, "elfter": 11, "zwölfter": 12,
    "erstes": 1, "zweites": 2, "drittes": 3, "viertes": 4, "fünftes": 5, "sechstes": 6, "siebtes": 7,
    "achtes": 8, "neuntes": 9, "zehntes": 10,
}


def roman_to_int(text: str) -> int | None:
    if not text or not ROMAN_RE.match(text):
        return None
    total, prev = 0, 0
    for ch in reversed(text.upper()):
        value = ROMAN_VALUES[ch]
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total or None


def eid_number(printed: str) -> str:
    """An eId-safe Arabic number: "IV" -> "4", "IVa"/"IV a" -> "4a", "12A" -> "12a", "Zweiter" -> "2"."""
    text = re.sub(r"[\s.]", "", printed)
    match = re.match(r"^(\d+)([A-Za-z]{0,2})$", text)
    if match:
        return match.group(1) + match.group(2).lower()
    if text.lower() in ORDINALS:
        return str(ORDINALS[text.lower()])
    match = re.match(r"^([IVXLCDM]+)([A-Za-z]?)$", text)
    if match:
        for cut in (len(match.group(1)), len(match.group(1)) - 1):
            head, tail = text[:cut], text[cut:]
            value = roman_to_int(head)
            if value and re.match(r"^[A-Za-z]?$", tail):
                return f"{value}{tail.lower()}"
    return re.sub(r"[^0-9A-Za-z]", "", text).lower()


def _sort_key(number: str) -> tuple[int, str]:
    match = re.match(r"^(\d+)(.*)$", number)
    return (int(match.group(1)), match.group(2)) if match else (-1, number)


# -- markers ---------------------------------------------------------------------------
NUM = r"(\d{1,4}\s?[a-zA-Z]{0,2}|[IVXLC]{1,7}(?:\s?[a-z])?)"
# After a number: the end, a space, or a separator followed by a space or the end.
AFTER_NUM = r"(?=$|\s|[.:–—-](?:\s|$))"
SEP = r"\s*[.:–—-]?(?=\s|$)"
ARTICLE_FAMILIES: dict[str, re.Pattern[str]] = {
    "article": re.compile(rf"^((?:Article|ARTICLE|Artikel|ARTIKEL|Art\.?|ART\.?)\s*{NUM}{AFTER_NUM}(?:{SEP})?)(.*)$"),
    "paragraph": re.compile(rf"^(§\s*{NUM}{AFTER_NUM}(?:{SEP})?)(.*)$"),
    "section": re.compile(rf"^((?:Section|SECTION|Sec\.|SEC\.)\s*{NUM}{AFTER_NUM}(?:{SEP})?)(.*)$"),
}
FAMILY_PRIORITY = ["article", "paragraph", "section"]

CONTAINER_WORDS: dict[str, tuple[str, int]] = {
    # word (lower case) -> (model kind, default rank: smaller is outer)
    "book": ("book", 0), "buch": ("book", 0),
    "part": ("part", 1), "teil": ("part", 1),
    "title": ("title", 2),
    "chapter": ("chapter", 3), "kapitel": ("chapter", 3),
    "section": ("section", 4), "abschnitt": ("section", 4),
    "subsection": ("subsection", 5), "sub-section": ("subsection", 5), "unterabschnitt": ("subsection", 5),
    "titel": ("title", 6),  # German Titel sits below Abschnitt (BGB, ZPO)
}
ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
CONTAINER_RE = re.compile(
    r"^((?P<word>Book|BOOK|Buch|BUCH|Part|PART|Teil|TEIL|Title|TITLE|Titel|TITEL|Chapter|CHAPTER|Kapitel|KAPITEL|"
    r"Section|SECTION|Abschnitt|ABSCHNITT|Sub-?section|SUB-?SECTION|Unterabschnitt|UNTERABSCHNITT)"
    rf"\s+(?P<num>\d{{1,3}}\s?[A-Za-z]?|[IVXLC]{{1,7}}(?:\s?[A-Za-z])?|{ORDINAL_WORDS}){AFTER_NUM}(?:{SEP})?)(?P<rest>.*)$",
    re.I)
ORDINAL_CONTAINER_RE = re.compile(
    rf"^((?P<num>{ORDINAL_WORDS})\s+(?P<word>Book|Buch|Part|Teil|Title|Titel|Chapter|Kapitel|Abschnitt|"
    rf"Unterabschnitt){AFTER_NUM}(?:{SEP})?)(?P<rest>.*)$", re.I)
# A container heading run into the end of the line before it: `TITLE VI GOVERNANCE CHAPTER 1`,
# `HIGH-RISK AI SYSTEMS CHAPTER 1` (a heading line and the next marker joined in conversion).
RUN_IN_RE = re.compile(
    r"(?:^|\s)(?=(?:Book|BOOK|Buch|BUCH|Part|PART|Teil|TEIL|Title|TITLE|Titel|TITEL|Chapter|CHAPTER|Kapitel|"
    r"KAPITEL|Section|SECTION|Abschnitt|ABSCHNITT|Sub-?section|SUB-?SECTION|Unterabschnitt|UNTERABSCHNITT)\s)")
# Words after which a container marker is a reference, not a heading (`AMENDMENTS TO CHAPTER 1`).
REFERRING_WORDS = {"to", "of", "in", "under", "and", "or", "by", "from", "with", "see", "into", "on", "for",
                   "this", "that", "the", "zu", "des", "der", "im", "zum", "nach", "gemäß", "und", "oder"}
# `## I. - Die Grundrechte`, `## IV a. - Gemeinsamer Ausschuß`: a bare Roman heading (only with heading markup).
ROMAN_HEADING_RE = re.compile(r"^((?P<num>[IVXLC]{1,7}(?:\s?[a-z])?)\.(?:\s*[-–—])?(?=\s|$))(?P<rest>.*)$")
ANNEX_RE = re.compile(
    r"^((?:ANNEX|Annex|ANHANG|Anhang|ANLAGE|Anlage|APPENDIX|Appendix|SCHEDULE|Schedule)"
    r"(?:\s+(?:[IVXLC]{1,7}[a-z]?|\d{1,3}[a-z]?|[A-Z]{1,3}))?(?=$|\s|[.:–—-]))(.*)$")
# The closing formula and signatures of an act (EU: "This Regulation shall be binding ...", "Done at").
CLOSING_RE = re.compile(
    r"^(This (Regulation|Directive|Decision) shall be binding in its entirety|Done at [A-Z]|"
    r"Geschehen zu [A-Z]|Das vorstehende Gesetz wird hiermit ausgefertigt|"
    r"Die verfassungsmäßigen Rechte des Bundesrates sind gewahrt)")
PREAMBLE_RE = re.compile(
    r"^(Having regard|Whereas|After (transmission|consulting|consultation)|Acting in accordance|"
    r"HAVE ADOPTED|HAS ADOPTED|Gestützt auf|In Erwägung|Nach Anhörung|Nach Stellungnahme|"
    r"Der Bundestag hat|Der Parlamentarische Rat|Im Bewußtsein|Im Bewusstsein|"
    r"Präambel|PRÄAMBEL|Preamble|PREAMBLE|Eingangsformel|Recitals?\b|\(\d{1,3}\)\s)")

# List markers at the start of a block: (style, value).
ITEM_RES: list[tuple[str, re.Pattern[str]]] = [
    ("paren-digit", re.compile(r"^(\((\d{1,3}[a-z]{0,2})\))(?=\s|$)")),
    ("digit-dot", re.compile(r"^((\d{1,3}[a-z]{0,2})\.)(?=\s|$)")),
    ("digit-paren", re.compile(r"^((\d{1,3}[a-z]{0,2})\))(?=\s|$)")),
    ("paren-lower", re.compile(r"^(\(([a-z]{1,3})\))(?=\s|$)")),
    ("lower-paren", re.compile(r"^(([a-z]{1,3})\))(?=\s|$)")),
    ("lower-dot", re.compile(r"^(([a-z]{1,4})\.)(?=\s|$)")),
    ("paren-upper", re.compile(r"^(\(([A-Z]{1,3})\))(?=\s|$)")),
    ("upper-dot", re.compile(r"^(([A-Z])\.)(?=\s|$)")),
    ("dash", re.compile(r"^(([-–—•·▪]))(?=\s|$)")),
]
ROMAN_LOWER = re.compile(r"^(?=[ivxlc])m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
DIGIT_STYLES = ("paren-digit", "digit-dot", "digit-paren")
FIRST_VALUES = {"", "1", "a", "i", "A", "I", "aa"}  # values a new list can start with

SENTENCE_END = ".;:!?"
CLOSERS = "\"'”’»«)]"


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def _all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def _heading_like(text: str, limit: int = 160) -> bool:
    """Could `text` be a heading printed after a marker (not a sentence that begins with one)?"""
    text = text.strip()
    if not text:
        return True
    if len(text) > limit or text[-1] in ",;":
        return False
    first = next((ch for ch in text if ch.isalnum()), "")
    if first and first.islower() and text[0] not in "([":  # `(weggefallen)`, `[deleted]` are headings
        return False  # `Article 4b shall not apply ...`, `Abschnitt 2 gilt entsprechend.`
    if re.search(r"[.;:!?]\s+\S", text.rstrip(".")) and not _all_caps(text):
        return False  # more than one sentence
    if text.endswith((".", ":")) and not _all_caps(text) and len(text.split()) > 8:
        return False
    return True


# -- blocks ----------------------------------------------------------------------------
@dataclass
class Block:
    """A paragraph of the input: wrapped lines joined, with the format's hints."""

    text: str
    line: int
    heading_level: int = 0
    role: str = ""
    indent: int = 0

    @property
    def strong(self) -> bool:
        """Marked as a heading or set apart by the format itself."""
        return bool(self.heading_level) or self.role in ("emphasis", "heading")


def _join(left: str, right: str) -> str:
    if not left:
        return right
    if not right:
        return left
    return left + " " + right


def _starts_marker(text: str) -> bool:
    if any(p.match(text) for p in ARTICLE_FAMILIES.values()) or CONTAINER_RE.match(text) or ANNEX_RE.match(text):
        return True
    return any(p.match(text) for _, p in ITEM_RES)


def build_blocks(lines: list[SourceLine], mode: str) -> list[Block]:
    """Group lines into blocks.

    markdown: blank lines and headings separate blocks; a list item the format marks
    starts one.  lines (HTML, DOCX, PDF): every line is a block.  text: blank lines
    separate; a line that starts with a marker after a line that ended a sentence starts
    a block, so that a wrapped `31. Dezember` never reads as an item.
    """
    blocks: list[Block] = []
    current: Block | None = None
    last_line = ""
    typical = 0
    if mode == "text":
        texts = [l.text.strip() for l in lines if not is_blank(l.text)]
        if texts and sum(1 for t in texts if _ends_sentence(t)) > 0.6 * len(texts):
            mode = "lines"  # one paragraph per line: nothing is wrapped
        lengths = sorted(len(t) for t in texts)
        typical = lengths[len(lengths) * 3 // 4] if lengths else 0
    for line in lines:
        raw = line.text
        if is_blank(raw):
            current = None
            continue
        text = raw.strip().strip("\u200b\ufeff").strip()
        indent = len(raw) - len(raw.lstrip(" \t"))
        own = bool(line.heading_level) or line.role in ("emphasis", "heading", "footnote", "frontmatter", "break")
        starts = (
            current is None or own or mode == "lines" or current.heading_level or current.role in (
                "emphasis", "heading", "frontmatter")
            or (mode == "markdown" and line.role == "item")
            or (mode == "text" and _text_break(current.text, last_line, text, typical))
        )
        if starts:
            current = Block(text, line.number, line.heading_level, line.role, indent)
            blocks.append(current)
        else:
            assert current is not None
            current.text = _join(current.text, text)
        last_line = text
    return blocks


def _text_break(block: str, last_line: str, text: str, typical: int) -> bool:
    """In wrapped plain text, does `text` start a new block after `last_line`?"""
    if _marker_only(block) or _container_only(block) or _marker_only(text):
        return True  # `Article 5` / `CHAPTER IV` alone: a line of its own, and so is what follows
    if _starts_marker(text) and _ends_sentence(last_line):
        return True
    # a line well short of the others ended its paragraph (or was a heading)
    short = typical and len(last_line) < 0.6 * typical
    return bool(short) and (text[:1].isupper() or _starts_marker(text))


def _container_only(text: str) -> bool:
    match = CONTAINER_RE.match(text)
    return bool(match) and not match.group("rest").strip()


def _marker_only(text: str) -> bool:
    for pattern in ARTICLE_FAMILIES.values():
        match = pattern.match(text)
        if match and not match.group(match.lastindex or 1).strip():
            return True
    return False


# -- the parser ------------------------------------------------------------------------
@dataclass
class _Item:
    style: str
    value: str
    node: Node
    parent: Node
    indent: int = 0


@dataclass
class _Article:
    node: Node
    items: list[_Item] = field(default_factory=list)
    last_plain: Node | None = None  # the latest unnumbered paragraph (a list's intro)


class LatinParser:
    def __init__(self, lines: list[SourceLine], meta: Meta) -> None:
        mode = {"markdown": "markdown", "text": "text"}.get(meta.source_format or "text", "lines")
        self.blocks = build_blocks(lines, mode)
        self.doc = Document(meta=meta)
        self.family = "article"
        self.strict = False  # only markers the format sets apart count as articles
        self.stack: list[Node] = []
        self.ranks: dict[str, float] = {}  # container word -> nesting rank in this document
        self.words: dict[int, str] = {}  # id(container) -> the word that opened it
        # The numbering sequence of containers: word -> the last number opened, and the rank of
        # the container opened last while no article has followed it (its sub-levels may
        # start again at 1, like chapters in a new title).
        self.levels: dict[str, int] = {}
        self.fresh_rank: float | None = None
        self.roman_headings: set[int] = set()  # ids of plain blocks read as bare Roman headings
        self.toc: tuple[int, int] | None = None  # block range of a table of contents
        self.article: _Article | None = None
        self.last_number: tuple[int, str] = (-1, "")
        self.loose: Node | None = None  # an hcontainer collecting text outside articles
        self.in_conclusions = False
        self.index = 0  # the block being parsed
        # Markdown that indents nested list items (pandoc does) shows the nesting: use it.
        self.indented = mode == "markdown" and any(
            b.indent >= 2 and any(p.match(b.text) for _, p in ITEM_RES) for b in self.blocks)

    def warn(self, line: int, code: str, message: str) -> None:
        self.doc.warnings.append(ParseWarning(line, code, message))

    # -- markers -------------------------------------------------------------------
    def _article_match(self, block: Block, family: str | None = None) -> tuple[str, str, str] | None:
        """(num as printed, eId number, rest) when the block starts like an article heading."""
        pattern = ARTICLE_FAMILIES[family or self.family]
        match = pattern.match(block.text)
        if not match:
            return None
        num, number, rest = match.group(1), match.group(2), match.group(3)
        if not _heading_like(rest, 200 if block.strong or _all_caps(rest) else 120):
            return None
        printed = num.rstrip()
        sep = re.match(r"^\s*([-–—:])\s+", rest)
        if sep:  # `Article 1 – Subject matter`: the dash belongs to the number, not the heading
            printed = f"{printed} {sep.group(1)}"
            rest = rest[sep.end():]
        return printed, eid_number(number), rest.strip()

    def _container_match(self, block: Block) -> tuple[str, str, str, str] | None:
        """(word, num as printed, eId number, rest) for a container heading."""
        text = block.text
        match = CONTAINER_RE.match(text) or ORDINAL_CONTAINER_RE.match(text)
        word = ""
        if match:
            word = match.group("word").lower().replace("-", "")
            if word == "subsection":
                word = "subsection"
            if word == "section" and self.family == "section":
                return None  # sections are this document's articles
        elif block.heading_level or id(block) in self.roman_headings:
            match = ROMAN_HEADING_RE.match(text)
            if match and roman_to_int(re.sub(r"\s?[a-z]$", "", match.group("num"))):
                word = "roman"
        if not match:
            return None
        rest = match.group("rest")
        if not _heading_like(rest, 200 if block.strong else 120):
            return None
        if not block.strong and len(text) > 150:
            return None
        printed = match.group(1).rstrip()
        sep = re.match(r"^\s*([-–—:])\s+", rest)
        if sep:
            printed = f"{printed} {sep.group(1)}"
            rest = rest[sep.end():]
        return word, printed, eid_number(match.group("num")), rest.strip()

    def _annex_match(self, block: Block) -> bool:
        match = ANNEX_RE.match(block.text)
        if not match:
            return False
        rest = match.group(2).strip()
        if block.strong:
            return _heading_like(rest, 250)
        return _heading_like(rest, 120) and (match.group(1).isupper() or len(block.text) <= 60)

    # -- pre-passes ----------------------------------------------------------------
    def _choose_family(self) -> None:
        counts: dict[str, list[Block]] = {f: [] for f in ARTICLE_FAMILIES}
        for block in self.blocks:
            for family in ARTICLE_FAMILIES:
                if self._article_match(block, family):
                    counts[family].append(block)
        best = max(FAMILY_PRIORITY, key=lambda f: (len(counts[f]), -FAMILY_PRIORITY.index(f)))
        self.family = best
        # Without heading markup, `II. - Der Bund und die Länder` is a chapter heading only as a
        # short line of its own right before an article heading.
        for block, nxt in zip(self.blocks, self.blocks[1:]):
            if not block.heading_level and len(block.text) <= 100 and ROMAN_HEADING_RE.match(block.text) \
                    and not _ends_sentence(block.text) and self._article_match(nxt, best):
                self.roman_headings.add(id(block))
        found = counts[best]
        strong = sum(1 for b in found if b.strong)
        # When the format sets (nearly) every article heading apart, a plain line that happens
        # to begin with "Article 5" is text, not a heading.
        self.strict = len(found) >= 3 and strong >= 0.8 * len(found)

    def _is_article_start(self, block: Block) -> bool:
        return bool(self._article_match(block)) and (block.strong or not self.strict)

    def _find_body_start(self) -> int:
        first_container: int | None = None
        for i, block in enumerate(self.blocks):
            if block.role == "frontmatter":
                continue
            if self._is_article_start(block):
                start = first_container if first_container is not None else i
                return self._skip_toc(start)
            if first_container is None and self._container_match(block) and (block.strong or not self.strict):
                first_container = i
        return len(self.blocks)

    def _skip_toc(self, start: int) -> int:
        """A table of contents lists the articles before the body: skip to where the list starts again."""
        first, first_index = None, start
        for i in range(start, min(len(self.blocks), start + 400)):
            if self._is_article_start(self.blocks[i]):
                first, first_index = self._article_match(self.blocks[i]), i
                break
        if first is None:
            return start
        short_run = True
        for j in range(first_index + 1, len(self.blocks)):
            block = self.blocks[j]
            match = self._article_match(block) if self._is_article_start(block) else None
            if match and match[1] == first[1] and short_run:
                # back up to include a container heading right before the real first article
                k = j
                while k - 1 > start and self._container_match(self.blocks[k - 1]):
                    k -= 1
                self.warn(self.blocks[start].line, "toc",
                          f"lines {self.blocks[start].line}–{self.blocks[k - 1].line} list the articles again "
                          "further on; kept as a table of contents")
                self.toc = (start, k)
                return k
            if len(block.text) > 160 and not match:
                short_run = False
                break
        return start

    # -- main ----------------------------------------------------------------------
    def parse(self) -> Document:
        self._choose_family()
        start = self._find_body_start()
        self._front(self.blocks[:start])
        i = start
        while i < len(self.blocks):
            self.index = i
            i = self._body_block(i)
        self._guess_meta()
        return self.doc

    # -- front ---------------------------------------------------------------------
    def _front(self, blocks: list[Block]) -> None:
        """Title (one line), notes, the YAML header, the preamble -- in the order printed."""
        front = self.doc.front
        # The title: the first run of level-1 headings (a masthead may come before it), else
        # a first block set apart as a heading.
        start = next((k for k, b in enumerate(blocks) if b.heading_level == 1 and b.role != "frontmatter"), None)
        if start is None:
            start = next((k for k, b in enumerate(blocks) if b.role != "frontmatter"), None)
            if start is not None and not self._title_like(blocks[start]):
                start = None
        end = start
        while start is not None and end is not None and end + 1 < len(blocks) \
                and blocks[end + 1].heading_level == 1 and not PREAMBLE_RE.match(blocks[end + 1].text):
            end += 1  # a title printed over several `#` lines
        for k, block in enumerate(blocks):
            if block.role == "frontmatter":
                if front and front[-1].role == "frontMatter":
                    front[-1].lines.append(block.text)
                else:
                    front.append(FrontBlock("frontMatter", [block.text], block.line))
            elif self.toc and self.toc[0] <= k < self.toc[1]:
                if front and front[-1].role == "toc":
                    front[-1].lines.append(block.text)
                else:
                    front.append(FrontBlock("toc", [block.text], block.line))
            elif start is not None and end is not None and start <= k <= end:
                if k == start:
                    title = " ".join(b.text for b in blocks[start:end + 1])
                    front.append(FrontBlock("title", [title], block.line))
            else:
                self._front_block(block)

    def _front_block(self, block: Block) -> None:
        """Notes until the preamble starts (citations, recitals, a Präambel); then preamble."""
        front = self.doc.front
        in_preamble = any(b.role == "preamble" for b in front)
        if not in_preamble and (PREAMBLE_RE.match(block.text)
                                or (block.text.endswith(",") and _all_caps(block.text))):
            in_preamble = True
        role = "preamble" if in_preamble else "note"
        if in_preamble and front and front[-1].role == "preamble":
            front[-1].lines.append(block.text)  # the preamble is one block, a line per recital
        elif not in_preamble and front and front[-1].role == "note" and not block.heading_level:
            front[-1].lines.append(block.text)
        else:
            front.append(FrontBlock(role, [block.text], block.line))  # type: ignore[arg-type]

    def _title_like(self, block: Block) -> bool:
        text = block.text
        if block.role in ("emphasis", "heading") or _all_caps(text):
            return len(text) <= 300 and not text.endswith((",", ";", ":"))
        return False

    # -- body ----------------------------------------------------------------------
    def _body_block(self, i: int) -> int:
        block = self.blocks[i]
        if self.doc.attachments:
            if self._annex_match(block):
                self.doc.attachments.append(Attachment("annex", block.text, [], block.line))
            else:
                self.doc.attachments[-1].lines.append(block.text)
            return i + 1
        if self.last_number[0] >= 0 and self._annex_match(block):
            return self._open_attachment(block, i)
        if self.in_conclusions:
            if (block.heading_level and block.heading_level <= 2) or self._document_heading(block):
                return self._open_attachment(block, i)
            self._loose_text(block)
            return i + 1
        if self.last_number[0] >= 0 and CLOSING_RE.match(block.text):
            self.in_conclusions = True
            self.article = None
            self.loose = Node("hcontainer", name="conclusions", text=block.text, line=block.line)
            self.doc.body.append(self.loose)
            return i + 1
        container = self._container_match(block)
        # Where the format sets headings apart, a plain line (`TITLE V` without `#`) is a container
        # heading only when it is the number the sequence expects next.
        if container and (block.strong or not self.strict or self._sequence_ok(container[0], container[2])) \
                and not (self.article and self._looks_like_text(block)):
            if not block.strong and self.strict:
                self.warn(block.line, "plain-heading",
                          f"'{container[1]}' is a plain line where headings are marked; read as a heading "
                          "because the numbering expects it")
            return self._open_container(i, *container)
        if self._is_article_start(block):
            match = self._article_match(block)
            assert match is not None
            key = _sort_key(match[1])
            if key > self.last_number or block.strong:
                if key <= self.last_number:
                    self.warn(block.line, "article-sequence",
                              f"'{match[0]}' does not follow article {self.article.node.number if self.article else ''}; "
                              "kept as an article because the format marks it as a heading")
                return self._open_article(i, *match)
            self.warn(block.line, "article-sequence",
                      f"'{block.text[:30]}' is out of sequence (after article {self.last_number[0]}); kept as text")
        if block.role == "footnote":
            self._footnote(block)
            return i + 1
        if block.heading_level or (block.role == "heading" and not self.article) or self._cross_heading(i):
            return self._heading_block(i)
        self._text_block(block)
        return i + 1

    def _document_heading(self, block: Block) -> bool:
        """An ALL-CAPS heading after the signatures (`LEGISLATIVE FINANCIAL STATEMENT`), not a name."""
        text = block.text
        return _all_caps(text) and len(text.split()) >= 2 and sum(ch.isalpha() for ch in text) >= 12 \
            and not any(ch in text for ch in ".,;:")

    def _looks_like_text(self, block: Block) -> bool:
        return not block.strong and not _all_caps(block.text) and len(block.text) > 80

    def _cross_heading(self, i: int) -> bool:
        """An ALL-CAPS line right before an article or container heading (a heading without markup)."""
        block = self.blocks[i]
        if not _all_caps(block.text) or len(block.text.split()) < 2 or len(block.text) > 200 \
                or block.text.endswith((",", ";", ":")):
            return False
        if i + 1 >= len(self.blocks):
            return False
        nxt = self.blocks[i + 1]
        return self._is_article_start(nxt) or bool(self._container_match(nxt))

    def _heading_block(self, i: int) -> int:
        """A heading that is no marker: a container's heading on its own line, or a cross-heading."""
        block = self.blocks[i]
        top = self.stack[-1] if self.stack else None
        if top is not None and not top.heading and not top.children and not top.intro:
            top.heading = block.text
            return i + 1
        self._hcontainer("crossHeading", block)
        return i + 1

    def _hcontainer(self, name: str, block: Block) -> None:
        node = Node("hcontainer", name=name, text=block.text, line=block.line)
        (self.stack[-1].children if self.stack else self.doc.body).append(node)
        self.article = None
        self.loose = node

    def _footnote(self, block: Block) -> None:
        """A footnote the format marks: inside an article it stays at its place in the text."""
        art = self.article
        if art is None:
            self._hcontainer("footnote", block)
            return
        note = Node("hcontainer", name="footnote", text=block.text, line=block.line)
        holder = art.items[-1].node if art.items else art.last_plain or art.node
        if art.last_plain is not None and art.items and art.last_plain in art.items[-1].node.children:
            holder = art.last_plain
        holder.children.append(note)

    def _open_attachment(self, block: Block, i: int) -> int:
        self.article = None
        self.loose = None
        self.in_conclusions = False
        self.doc.attachments.append(Attachment("annex", block.text, [], block.line))
        return i + 1

    # -- containers ----------------------------------------------------------------
    def _rank(self, word: str) -> float:
        if word not in self.ranks:
            default = CONTAINER_WORDS.get(word, ("chapter", 3))[1]
            # Place a word met for the first time by its usual rank among the words seen so far.
            self.ranks[word] = default + len(self.ranks) * 1e-3
        return self.ranks[word]

    def _default_rank(self, word: str) -> float:
        """The word's rank in this document, or its usual rank if not met yet (no side effect)."""
        return self.ranks.get(word, CONTAINER_WORDS.get(word, ("chapter", 3))[1])

    def _sequence_ok(self, word: str, number: str) -> bool:
        """Is `number` the next `word` the numbering expects (the next one, or 1 in a new parent)?"""
        match = re.match(r"^(\d+)$", number)
        if not match:
            return False
        n = int(match.group(1))
        if n == self.levels.get(word, 0) + 1:
            return True
        return n == 1 and self.fresh_rank is not None and self._default_rank(word) > self.fresh_rank

    def _open_container(self, i: int, word: str, printed: str, number: str, rest: str) -> int:
        block = self.blocks[i]
        node = self._push_container(word, printed, number, rest, block.line)
        j, line = i + 1, block.line
        while True:
            if not node.heading and j < len(self.blocks) and self._next_is_heading(j):
                node.heading, line = self.blocks[j].text, self.blocks[j].line
                j += 1
            inner = self._run_in(node.heading, word)
            if inner is None:
                return j
            # `TITLE VI GOVERNANCE CHAPTER 1`: the title's heading, then a chapter (whose heading
            # may be the next line)
            node.heading, (word, printed, number, rest) = inner
            self.warn(line, "run-in-heading", f"'{printed}' ends the heading line of '{node.num}'; "
                      "read as the next heading because the numbering expects it")
            node = self._push_container(word, printed, number, rest, line)

    def _push_container(self, word: str, printed: str, number: str, heading: str, line: int) -> Node:
        kind = "chapter" if word == "roman" else CONTAINER_WORDS[word][0]
        rank = self._rank(word)
        node = Node(kind=kind, num=printed, number=number, heading=heading, line=line)  # type: ignore[arg-type]
        self.words[id(node)] = word
        while self.stack and self._rank(self.words[id(self.stack[-1])]) >= rank:
            self.stack.pop()
        (self.stack[-1].children if self.stack else self.doc.body).append(node)
        self.stack.append(node)
        self.article = None
        self.loose = None
        if re.match(r"^\d+$", number):
            self.levels[word] = int(number)
        self.fresh_rank = rank
        return node

    def _run_in(self, heading: str, outer: str) -> tuple[str, tuple[str, str, str, str]] | None:
        """(the heading's own words, the inner container) when `heading` ends with a container
        marker of a lower level that the numbering sequence expects, e.g. `GOVERNANCE CHAPTER 1`."""
        for start in RUN_IN_RE.finditer(heading):
            tail = heading[start.end():]
            match = CONTAINER_RE.match(tail)
            if not match or match.group("rest").strip():
                continue  # only a bare marker at the end of the line (its heading comes next)
            word = match.group("word").lower().replace("-", "")
            head = heading[:start.start()].strip()
            last = head.split()[-1].lower() if head else ""
            number = eid_number(match.group("num"))
            if word == outer or (word == "section" and self.family == "section") or last in REFERRING_WORDS \
                    or self._default_rank(word) <= self._default_rank(outer) or not self._sequence_ok(word, number):
                return None
            return head, (word, match.group(1).rstrip(), number, "")
        return None

    def _next_is_heading(self, j: int) -> bool:
        block = self.blocks[j]
        if self._is_article_start(block) or self._container_match(block) or self._annex_match(block):
            return False
        if any(p.match(block.text) for _, p in ITEM_RES) and not block.strong:
            return False
        if block.strong:
            return len(block.text) <= 300
        if block.text[:1].islower() or _ends_sentence(block.text) or len(block.text) > 150:
            return False
        # a plain short line is a heading only when something follows it in the same unit
        return j + 1 < len(self.blocks)

    # -- articles ------------------------------------------------------------------
    def _open_article(self, i: int, printed: str, number: str, rest: str) -> int:
        block = self.blocks[i]
        node = Node("article", num=printed, number=number, heading=rest, line=block.line)
        (self.stack[-1].children if self.stack else self.doc.body).append(node)
        gap = _sort_key(number)[0] - self.last_number[0]
        if self.last_number[0] >= 0 and gap > 1:
            self.warn(block.line, "article-gap",
                      f"no article numbered between {self.last_number[0]} and {number} (numbering resumes at {number})")
        self.last_number = _sort_key(number)
        self.article = _Article(node)
        self.fresh_rank = None  # an article came: the containers' numbering runs on from here
        self.loose = None
        j = i + 1
        if not rest and j < len(self.blocks) and self._next_is_heading(j) and not self._annex_match(self.blocks[j]) \
                and not CLOSING_RE.match(self.blocks[j].text):
            nxt = self.blocks[j]
            if nxt.strong or self._is_plain_heading_after_article(j):
                node.heading = nxt.text
                j += 1
        return j

    def _is_plain_heading_after_article(self, j: int) -> bool:
        nxt = self.blocks[j]
        if len(nxt.text) > 120 or _ends_sentence(nxt.text) or nxt.text[:1].islower():
            return False
        return j + 1 < len(self.blocks) and not self._is_article_start(self.blocks[j + 1])

    # -- text inside articles ------------------------------------------------------
    def _text_block(self, block: Block) -> None:
        if self.article is None:
            if self.loose is not None:
                self._loose_text(block)
            elif self.stack and not self.stack[-1].children:
                top = self.stack[-1]
                top.intro = _join(top.intro, block.text)
                self.warn(block.line, "stray-text", f"text outside any article: '{block.text[:30]}'")
            else:
                self._hcontainer("text", block)
                self.warn(block.line, "stray-text", f"text outside any article: '{block.text[:30]}'")
            return
        art = self.article
        item = self._item_marker(block.text)
        if item is not None:
            self._add_item(block, *item)
            return
        last = self._last_leaf()
        if last is not None and last.text and not _ends_sentence(last.text) and (
                block.text[:1].islower() or block.text[:1] in ",;)"):
            # a paragraph broken by a page break in the source: the sentence goes on
            last.text = _join(last.text, block.text)
            self.warn(block.line, "continued-text", f"'{block.text[:30]}' continues the sentence before it; joined")
            return
        if last is not None and not last.text and last.kind == "point" and not last.children:
            last.text = block.text  # `(a)` on a line of its own, its words on the next
            return
        if art.items and art.items[-1].node.text.rstrip().endswith(":"):
            # `(1) in Article 17, the following paragraph is added:` -- what follows is its text
            deepest = art.items[-1].node
            sub = Node("paragraph", text=block.text, line=block.line)
            deepest.children.append(sub)  # the open lists all stay at the end of the text
            art.last_plain = sub
            return
        if art.items and art.items[0].node.kind == "paragraph" and art.items[0].node.num:
            head = art.items[0].node
            sub = Node("paragraph", text=block.text, line=block.line)
            head.children.append(sub)
            del art.items[1:]  # deeper lists closed: new nodes must always land at the end of the text
            art.last_plain = sub
            return
        para = Node("paragraph", text=block.text, line=block.line)
        art.node.children.append(para)
        art.items.clear()
        art.last_plain = para

    def _last_leaf(self) -> Node | None:
        if self.article is None or not self.article.node.children:
            return None
        node = self.article.node.children[-1]
        while node.children:
            node = node.children[-1]
        return node

    def _loose_text(self, block: Block) -> None:
        assert self.loose is not None
        self.loose.children.append(Node("paragraph", text=block.text, line=block.line))

    def _item_marker(self, text: str) -> tuple[str, str, str, str] | None:
        """(style, value, num as printed, rest) of a list marker at the start of `text`."""
        for style, pattern in ITEM_RES:
            match = pattern.match(text)
            if not match:
                continue
            value = match.group(2)
            if style in ("paren-lower", "lower-paren", "lower-dot") and ROMAN_LOWER.match(value):
                style = self._roman_or_alpha(style, value)
            elif style == "lower-dot" and len(value) > 1:
                continue  # `etc.`, `ca.` at the start of a sentence
            if style == "dash":
                value = ""
            return style, value, match.group(1), text[match.end():].strip()
        return None

    def _roman_or_alpha(self, style: str, value: str) -> str:
        """`(i)` is a Roman numeral unless it follows `(h)` in a lettered list (same for v, x ...).

        After `(h)` the next marker decides: `(ii)` makes it Roman, `(j)` a letter.
        """
        roman = style.replace("lower", "roman")
        items = self.article.items if self.article else []
        for item in reversed(items):
            if item.style == style and len(value) == 1 and item.value and ord(item.value[-1]) + 1 == ord(value):
                following = self._next_marker_value(style)
                if following is not None and ROMAN_LOWER.match(following) and len(following) > 1:
                    return roman
                return style
            if item.style == roman:
                return roman
        if len(value) == 1 and value not in "iv x":
            return style
        if len(value) == 1 and value != "i":
            # `(v)` or `(x)` with no lettered list open before: a letter unless a Roman list is open
            return style if not any(it.style == roman for it in items) else roman
        return roman

    def _next_marker_value(self, style: str) -> str | None:
        """The value of the next list marker of the same bracket style within this article."""
        pattern = dict(ITEM_RES)[style]
        for block in self.blocks[self.index + 1:self.index + 40]:
            if self._article_match(block) or self._container_match(block):
                return None
            match = pattern.match(block.text)
            if match:
                return match.group(2)
        return None

    def _add_item(self, block: Block, style: str, value: str, printed: str, rest: str) -> None:
        art = self.article
        assert art is not None
        number = value if re.match(r"^[0-9A-Za-z]+$", value or "") else ""
        if self.indented:  # an item indented less than an open one closes it
            while art.items and art.items[-1].indent > block.indent and art.items[-1].style != style:
                art.items.pop()
                art.last_plain = None
        if not any(it.style == style for it in art.items) and value not in FIRST_VALUES and art.items:
            # `2.` or `c)` cannot open a new, deeper list: it continues one at the article's level
            # whose start the text lost (pandoc list renumbering, a page break)
            art.items.clear()
            art.last_plain = None
        for k in range(len(art.items) - 1, -1, -1):
            if art.items[k].style == style:
                parent = art.items[k].parent
                del art.items[k:]
                kind = "paragraph" if parent is art.node else "point"
                node = Node(kind, num=printed, number=number, text=rest, line=block.line)  # type: ignore[arg-type]
                parent.children.append(node)
                art.items.append(_Item(style, value, node, parent, block.indent))
                art.last_plain = None
                return
        # a new, deeper level: under the list's intro, the innermost item, or the article
        if art.last_plain is not None:
            parent = art.last_plain  # a list after an intro (`... the following:`) belongs to it
        elif art.items:
            parent = art.items[-1].node
        else:
            parent = art.node
        kind = "paragraph" if parent is art.node else "point"
        node = Node(kind, num=printed, number=number, text=rest, line=block.line)  # type: ignore[arg-type]
        parent.children.append(node)
        art.items.append(_Item(style, value, node, parent, block.indent))
        art.last_plain = None

    # -- metadata ------------------------------------------------------------------
    def _guess_meta(self) -> None:
        meta = self.doc.meta
        if not meta.date:
            texts = [line for block in self.doc.front if block.role in ("title", "note", "frontMatter")
                     for line in block.lines]
            found = sorted(d for t in texts for d in find_dates(t))
            if found:
                meta.date = found[-1]
        if meta.country in ("", "cn"):
            sample = " ".join(line for block in self.doc.front for line in block.lines)[:20000]
            if re.search(r"\((EU|EC|EEC|Euratom)\)|European Union|European Parliament", sample):
                meta.country = "eu"
            elif re.search(r"Bundesgesetzblatt|BGBl|Bundestag|Bundesrat|Grundgesetz", sample):
                meta.country = "de"
            elif re.search(r"\bCongress\b|U\.S\.C\.|United States", sample):
                meta.country = "us"
            elif meta.lang == "deu":
                meta.country = "de"


MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_PATTERNS = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b"), ("d", "m", "y")),
    (re.compile(rf"\b(\d{{1,2}})\.?\s+({_MONTH})\s+(\d{{4}})\b", re.I), ("d", "M", "y")),
    (re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),\s+(\d{{4}})\b", re.I), ("M", "d", "y")),
]


def find_dates(text: str) -> list[str]:
    """Full dates printed in `text` as YYYY-MM-DD: 2024-06-13, 13.6.2024, 13 June 2024, June 13, 2024."""
    import datetime

    out: list[str] = []
    for pattern, order in DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups()))
            month = MONTHS[parts["M"].lower()] if "M" in parts else int(parts["m"])
            try:
                out.append(datetime.date(int(parts["y"]), month, int(parts["d"])).isoformat())
            except ValueError:
                continue
    return out


def parse_lines(lines: list[SourceLine], meta: Meta) -> Document:
    return LatinParser(lines, meta).parse()
