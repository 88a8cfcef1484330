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
from typing import Literal

from lawdiff.model import Attachment, Document, FrontBlock, Meta, Node, ParseWarning, SourceLine
from lawdiff.parse.country import latin_country
from lawdiff.parse.latin_blocks import Block, build_blocks, join_wrapped
from lawdiff.parse.latin_markers import (
    ANNEX_RE, ARTICLE_FAMILIES, CLOSING_RE, CONTAINER_RE, FAMILY_PRIORITY, FIRST_VALUES, ITEM_RES,
    ORDINAL_CONTAINER_RE, PREAMBLE_RE, ROMAN_HEADING_RE, ROMAN_LOWER, RUN_IN_RE, all_caps,
    ends_sentence, heading_like, leading_number, list_label,
)
from lawdiff.text.dates import find_dates
from lawdiff.text.markers import LATIN_CONTAINER_WORDS, REFERRING_WORDS, reference_goes_on
from lawdiff.text.numbers import eid_number, number_sort_key
from lawdiff.text.numerals import roman_to_int

# A plain line (no heading markup) after an article's number is its heading up to this length;
# EU headings run to about 130 characters ("Further processing of personal data for developing
# certain AI systems in the public interest in the AI regulatory sandbox" is 121).
PLAIN_HEADING_MAX = 150


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
        self.unit_start = 0  # the first block after the latest article heading (or of the body)
        # Markdown that indents nested list items (pandoc does) shows the nesting: use it.
        self.indented = mode == "markdown" and any(
            b.indent >= 2 and list_label(b.text) is not None for b in self.blocks)

    def warn(self, line: int, code: str, message: str, level: Literal["warning", "error"] = "warning") -> None:
        self.doc.warnings.append(ParseWarning(line, code, message, level))

    # -- markers -------------------------------------------------------------------
    def _article_match(self, block: Block, family: str | None = None) -> tuple[str, str, str] | None:
        """(num as printed, eId number, rest) when the block starts like an article heading."""
        pattern = ARTICLE_FAMILIES[family or self.family]
        match = pattern.match(block.text)
        if not match:
            return None
        num, number, rest = match.group(1), match.group(2), match.group(3)
        if not heading_like(rest, 200 if block.strong or all_caps(rest) else 160):
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
        if not heading_like(rest, 200 if block.strong else 120):
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
        # "Anlage (zu § 2 Abs. 1a)", "Annex (referred to in Art. 5)": what the annex belongs to, in
        # parentheses, is its heading however its abbreviations read ("Abs. 1a" is no sentence end).
        cited = rest.startswith("(") and rest.endswith(")") and "(" not in rest[1:] and len(rest) <= 60
        if block.strong:
            return cited or heading_like(rest, 250)
        return (cited or heading_like(rest, 120)) and (match.group(1).isupper() or len(block.text) <= 60)

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
                    and not ends_sentence(block.text) and self._article_match(nxt, best):
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
        self.unit_start = start
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
                                or (block.text.endswith(",") and all_caps(block.text))):
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
        if block.role in ("emphasis", "heading") or all_caps(text):
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
            key = number_sort_key(match[1])
            if (key > self.last_number and not self._skips_ahead(i, key)) or block.strong:
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

    def _skips_ahead(self, i: int, key: tuple[int, str]) -> bool:
        """Is the unmarked article start at block i numbered past an article that still comes?  The
        next article start after it is numbered between the current article and it (`... referred
        to in` / `Article 47.` inside Article 23, then `Article 24`): as with 第X条, the sequence
        says where an article starts, and this one is a cross-reference at a line start."""
        if key[0] <= self.last_number[0] + 1 or self.last_number[0] < 0:
            return False
        for block in self.blocks[i + 1:]:
            if self._is_article_start(block):
                match = self._article_match(block)
                assert match is not None
                return self.last_number < number_sort_key(match[1]) < key
        return False

    def _document_heading(self, block: Block) -> bool:
        """An ALL-CAPS heading after the signatures (`LEGISLATIVE FINANCIAL STATEMENT`), not a name."""
        text = block.text
        return all_caps(text) and len(text.split()) >= 2 and sum(ch.isalpha() for ch in text) >= 12 \
            and not any(ch in text for ch in ".,;:")

    def _looks_like_text(self, block: Block) -> bool:
        return not block.strong and not all_caps(block.text) and len(block.text) > 80

    def _cross_heading(self, i: int) -> bool:
        """An ALL-CAPS line right before an article or container heading (a heading without markup)."""
        block = self.blocks[i]
        if not all_caps(block.text) or len(block.text.split()) < 2 or len(block.text) > 200 \
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
            default = LATIN_CONTAINER_WORDS.get(word, ("chapter", 3))[1]
            # Place a word met for the first time by its usual rank among the words seen so far.
            self.ranks[word] = default + len(self.ranks) * 1e-3
        return self.ranks[word]

    def _default_rank(self, word: str) -> float:
        """The word's rank in this document, or its usual rank if not met yet (no side effect)."""
        return self.ranks.get(word, LATIN_CONTAINER_WORDS.get(word, ("chapter", 3))[1])

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
        kind = "chapter" if word == "roman" else LATIN_CONTAINER_WORDS[word][0]
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
        if list_label(block.text) is not None and not block.strong:
            return False
        if block.strong:
            return len(block.text) <= 300
        if block.text[:1].islower() or ends_sentence(block.text) or len(block.text) > PLAIN_HEADING_MAX:
            return False
        # a plain short line is a heading only when something follows it in the same unit
        return j + 1 < len(self.blocks)

    # -- articles ------------------------------------------------------------------
    def _open_article(self, i: int, printed: str, number: str, rest: str) -> int:
        block = self.blocks[i]
        node = Node("article", num=printed, number=number, heading=rest, line=block.line)
        (self.stack[-1].children if self.stack else self.doc.body).append(node)
        gap = number_sort_key(number)[0] - self.last_number[0]
        lost = self._lost_heading(number, i)
        if lost is not None:
            self.warn(lost.line, "article-gap",
                      f"'{lost.text[:60]}' looks like the heading of an article missing before {printed} "
                      f"(line {block.line}) but was read as text of the unit before", level="error")
        elif self.last_number[0] >= 0 and gap > 1:
            self.warn(block.line, "article-gap",
                      f"no article numbered between {self.last_number[0]} and {number} (numbering resumes at {number})")
        self.last_number = number_sort_key(number)
        self.unit_start = i + 1
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

    def _lost_heading(self, number: str, end: int) -> Block | None:
        """A line since the previous article that starts with the marker of a number between that
        article's and `number` and reads like a heading: an article the parser merged into the
        unit before (its heading form not recognised), which must never pass silently."""
        low, high = self.last_number, number_sort_key(number)
        pattern = ARTICLE_FAMILIES[self.family]
        for block in self.blocks[self.unit_start:end]:
            match = pattern.match(block.text)
            if not match or not low < number_sort_key(eid_number(match.group(2))) < high:
                continue
            rest = match.group(3).strip()
            if block.strong or not rest or (len(rest) <= 200 and not rest[:1].islower() and not ends_sentence(rest)):
                return block
        return None

    def _is_plain_heading_after_article(self, j: int) -> bool:
        nxt = self.blocks[j]
        if ends_sentence(nxt.text) or not heading_like(nxt.text, PLAIN_HEADING_MAX):
            return False
        return j + 1 < len(self.blocks) and not self._is_article_start(self.blocks[j + 1])

    # -- text inside articles ------------------------------------------------------
    def _text_block(self, block: Block) -> None:
        if self.article is None:
            if self.loose is not None:
                self._loose_text(block)
            elif self.stack and not self.stack[-1].children:
                top = self.stack[-1]
                top.intro = join_wrapped(top.intro, block.text)
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
        if last is not None and last.text and not ends_sentence(last.text) and (
                block.text[:1].islower() or block.text[:1] in ",;()" or reference_goes_on(last.text, block.text)):
            # a paragraph broken by a page break in the source: the sentence goes on (`... as
            # referred to in` / `Article 38. They shall ...` too: a cross-reference, no heading)
            last.text = join_wrapped(last.text, block.text)
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
        label = list_label(text)
        if label is not None:
            style, value = label.style, label.value
            if style in ("paren-lower", "lower-paren", "lower-dot") and ROMAN_LOWER.match(value):
                style = self._roman_or_alpha(style, value)
            elif style == "lower-dot" and len(value) > 1:
                return None  # `etc.`, `ca.` at the start of a sentence
            return style, "" if style == "dash" else value, label.printed, label.rest
        # A label set so wide that its text follows with no space (`10.Notified`, a PDF's list):
        # a label only where it continues the open numbered list (after `9.` or `9a.`).
        glued = list_label(text, glued=True)
        if glued and self.article and any(it.style == "digit-dot" and leading_number(it.value) == int(glued.value) - 1
                                          for it in self.article.items):
            return glued.style, glued.value, glued.printed, glued.rest
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
            meta.country = latin_country(sample, meta.lang) or meta.country


def parse_lines(lines: list[SourceLine], meta: Meta) -> Document:
    return LatinParser(lines, meta).parse()
