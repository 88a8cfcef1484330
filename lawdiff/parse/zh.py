"""Chinese legal text -> `Document`: 编/分编/章/节/条/款/项/目, driven by the numbering sequence.

Real inputs are messy (OCR'd newspaper columns, Markdown from law repositories, plain
text with a table of contents).  The parser therefore never trusts a marker alone: a
`第X条` starts an article only where the expected sequence says so, everything else
stays text.  The text is kept exactly as printed; every judgement call leaves a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawdiff.model import Attachment, Document, FrontBlock, Meta, Node, ParseWarning, SourceLine
from lawdiff.text.markers import (
    ZH_ARTICLE_RE, ZH_CONTAINER_RE, ZH_CONTAINER_WORDS, ZH_KIND_WORDS, ZH_LEVEL_ORDER, ZH_POINT_RE, ZH_SUBPOINT_RE,
    ZH_TIGHT_CONTAINER_RE,
)
from lawdiff.text.normalize import display_text
from lawdiff.text.numbers import article_number
from lawdiff.text.numerals import ZH_NUMBER, int_to_zh, zh_to_int
from lawdiff.text.words import crossing_word
from lawdiff.text.wrap import ends_zh_sentence, join_wrapped_cjk, wrap_width, wrapped_title
from lawdiff.ingest.source import bare_line, is_blank

# Characters OCR commonly reads in place of a marker word; only ever accepted where the
# numbering sequence confirms them, and always with a warning.
OCR_CONFUSABLES = {
    "音": "章", "竟": "章", "覃": "章", "童": "章", "立": "章",
    "宗": "条", "杀": "条", "系": "条", "朵": "条", "茶": "条", "余": "条", "务": "条",
    "芇": "节", "卩": "节", "偏": "编", "遍": "编",
}

OPEN_BR = "(（【〔"
CLOSE_BR = ")）】〕"

DAMAGED_RE = re.compile(rf"^第\s*({ZH_NUMBER})\s*([{''.join(OCR_CONFUSABLES)}])(.*)$")
MIDLINE_ARTICLE_RE = re.compile(rf"(?<=[。；！？;!?])([\s\u3000]*)(第({ZH_NUMBER})条(?:之({ZH_NUMBER}))?)(?=[\s\u3000(（])")
PAGE_JUMP_RE = re.compile(r"[(（]\s*(下转|上接|转|接)\s*(第\s*)?[A-Za-z]?\s*\d+\s*(版|页)?\s*[)）]")
NOTE_TITLE_RE = re.compile(r"^关于.{2,120}的(说明|解释|报告)$")
ANNEX_RE = re.compile(rf"^附\s*件\s*({ZH_NUMBER})?\s*[:：]?\s*(.*)$")
UNNUMBERED_RE = re.compile(r"^(附\s*则|总\s*则)$")
FOOTNOTE_RE = re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]")
TOC_RE = re.compile(r"^目\s*录$")
# How a 款 (paragraph) begins in Chinese legislation, for telling a new paragraph from the
# rest of a cut-off one (OCR'd columns).  A paragraph opens with its subject or its condition:
# the law or the place itself (本法, 本条例, 本市, 本省), a public body (国家, 国务院, 县级以上…,
# 各级…, 市/区/县/乡镇… ending in 人民政府, 部门, 机关, 机构, 委员会…), anyone (任何单位和个人),
# a list or a reference (有下列情形之一, 有前款, 前款, 依照本法), or a breach (违反本法…).
_ACTOR = "人民政府|部门|机关|机构|委员会|常委会|办事处|人民法院|人民检察院|监察委员会|人民代表大会"
PARAGRAPH_START_RE = re.compile(
    rf"^(?:本(?:法|条例|规定|办法|决定|细则|市|省|区|县|自治区|自治州|章|节|条|款|编)"
    rf"|国家|国务院|中央|县级以上|设区的市|各级|各地|任何(?:单位|组织|个人)"
    rf"|有下列|有前款|前款|前[两二三]款|依照本|依据本|按照本|违反本|除本"
    rf"|[省市区县乡镇州][^，。；、,;：:\s]{{0,14}}?(?:{_ACTOR}))")
# Characters a sentence never begins with: closing and pausing punctuation, and particles
# that only follow a word (的 之 等 了 着…).  A block that starts with one continues the last.
NON_INITIAL = set("，、；：。！？）)》」』”’,;:.!?]】〕") | set("的之等了着地得们吗呢吧么")
ANNOUNCEMENT_RE = re.compile(r"(公告|通知|决定|令|命令|公报)(\s*[（(]?第?\s*\d*\s*号?[)）]?)?$")


_SPACE_RE = re.compile(r"\s")
_SUBPOINT_FIRST = "0123456789０１２３４５６７８９"  # what ZH_SUBPOINT_RE begins with


def _num(text: str) -> int:
    value = zh_to_int(_SPACE_RE.sub("", text))
    return -1 if value is None else value


def continuation_evidence(previous: str, following: str) -> str:
    """Why the block `following` continues the cut-off text `previous`, or "" when nothing says so.

    Both are compared as read (wrap spaces between Chinese characters ignored).  Evidence: a
    word that spans the break (人工 + 智能技术…: 人工智能), or a first character no sentence
    begins with.  A block that begins the way a 款 begins is never a continuation, whatever
    spans the break (…城 + 市科技部门…: 城市 is a false join).
    """
    before, after = display_text(previous).rstrip(), display_text(following).lstrip()
    if not before or not after or ends_zh_sentence(before) or PARAGRAPH_START_RE.match(after):
        return ""
    if after[0] in NON_INITIAL:
        return f"it begins with '{after[0]}', which no sentence begins with"
    word = crossing_word(before, after)
    if word:
        return f"the word '{word}' spans the break"
    return ""


def _heading_like(text: str, limit: int = 40) -> bool:
    return len(text) <= limit and not any(ch in text for ch in "。；;，,")


def _container_heading_like(text: str, limit: int = 60) -> bool:
    """A numbered container's heading may hold a comma (`第三章 审查和批准决算，听取和审议国民经济和
    社会发展计划、预算的执行情况报告，听取和审议审计工作报告`): the marker, its separator and the
    numbering sequence are the evidence there, and a full stop or a semicolon still says sentence."""
    return len(text) <= limit and not any(ch in text for ch in "。；;")


@dataclass
class _Counters:
    levels: dict[str, int] = field(default_factory=lambda: {k: 0 for k in ZH_LEVEL_ORDER})
    article: int = 0
    article_sub: int = 0
    fresh: set[str] = field(default_factory=set)  # levels whose parent just opened


class ChineseParser:
    """One pass over the lines with the numbering sequence as the guide."""

    def __init__(self, lines: list[SourceLine], meta: Meta) -> None:
        self.lines: list[SourceLine] = []
        # Line numbers of lines that open a block (a blank line before them): a block break in
        # an OCR'd text may be a paragraph break or a column cut, a break inside a block a wrap.
        self.block_starts: set[int] = set()
        blank = True
        for l in lines:
            if is_blank(l.text):
                blank = True
                continue
            if blank:
                self.block_starts.add(l.number)
            blank = False
            self.lines.append(SourceLine(bare_line(l.text), l.number, l.heading_level))
        self.last_line: dict[int, int] = {}  # id(leaf) -> the line its text ends on, when joined
        self.doc = Document(meta=meta)
        self.warnings = self.doc.warnings
        self.count = _Counters()
        self.stack: list[Node] = []  # open containers, outermost first
        self.article: Node | None = None
        self.paragraph: Node | None = None
        self.point: Node | None = None
        self.open_leaf: Node | None = None  # the node whose text a wrapped line continues
        self.detached: Node | None = None
        self.detached_parent: list[Node] = self.doc.body  # the list that holds `detached`
        self.wrapped = False
        self.headings_mode = False
        self.md_levels: dict[int, str] = {}

    # -- helpers ---------------------------------------------------------------------
    def warn(self, line: int, code: str, message: str) -> None:
        self.warnings.append(ParseWarning(line, code, message))

    def _article_number_ok(self, n: int, sub: int) -> bool:
        c = self.count
        if sub:
            return n == c.article and sub == c.article_sub + 1
        return n == c.article + 1

    def _article_gap_ok(self, n: int, sub: int) -> bool:
        c = self.count
        return not sub and c.article + 1 < n <= c.article + 3

    def _container_ok(self, kind: str, n: int) -> bool:
        current = self.count.levels[kind]
        if n == current + 1:
            return True
        return n == 1 and kind in self.count.fresh

    # -- pre-passes --------------------------------------------------------------------
    def _find_body_start(self) -> int:
        """Index of the first line of the body: 第一编/章 or 第一条 (else the first article)."""
        toc_mode = False
        toc_first: str | None = None
        first_article: int | None = None
        for i, line in enumerate(self.lines):
            text = line.text
            if TOC_RE.match(text):
                toc_mode = True
                continue
            kind, n, _rest, _damaged = self._container_marker(text)
            if toc_mode:
                if toc_first is None and (kind or UNNUMBERED_RE.match(text)):
                    toc_first = re.sub(r"\s", "", text)
                    continue
                if toc_first is not None and re.sub(r"\s", "", text) == toc_first:
                    return i
                if not ZH_ARTICLE_RE.match(text):
                    continue
            if kind and n == 1 and _container_heading_like(text):
                return i
            match = ZH_ARTICLE_RE.match(text)
            if match and _num(match.group(1)) >= 1 and not match.group(2):
                rest = match.group(3)
                if not rest or rest[0].isspace() or rest[0] in OPEN_BR or rest[0] == "\u3000":
                    if _num(match.group(1)) == 1:
                        return i
                    if first_article is None:
                        first_article = i
        return first_article if first_article is not None else len(self.lines)

    def _container_marker(self, text: str) -> tuple[str | None, int, str, str]:
        """(kind, number, heading rest, damaged word) for a container marker line."""
        if not text.startswith("第"):  # every container pattern begins with 第: most lines end here
            return None, -1, "", ""
        match = ZH_CONTAINER_RE.match(text)
        if match:
            return ZH_CONTAINER_WORDS[match.group(2)], _num(match.group(1)), match.group(3), ""
        match = ZH_TIGHT_CONTAINER_RE.match(text)
        if match and _heading_like(text, 20):
            # `第一章总则` with no space: only a short, unpunctuated line can be a heading.
            return ZH_CONTAINER_WORDS[match.group(2)], _num(match.group(1)), match.group(3), ""
        match = DAMAGED_RE.match(text)
        if match:
            word = OCR_CONFUSABLES[match.group(2)]
            if word in ZH_CONTAINER_WORDS and _heading_like(match.group(3)):
                rest = match.group(3)
                if not rest or rest[0].isspace() or rest[0] == "\u3000":
                    return ZH_CONTAINER_WORDS[word], _num(match.group(1)), rest.strip(), match.group(2)
        return None, -1, "", ""

    def _decide_modes(self, body: list[SourceLine]) -> None:
        plain = [l.text for l in body if not ZH_ARTICLE_RE.match(l.text) and not ZH_CONTAINER_RE.match(l.text)
                 and not l.heading_level]
        if plain:
            unended = sum(1 for t in plain if not ends_zh_sentence(t))
            self.wrapped = unended / len(plain) > 0.25
        markers = [ZH_ARTICLE_RE.match(l.text) for l in body]
        rests = [m.group(3).lstrip(" \u3000\t") for m in markers if m]
        if rests:
            bracketed = sum(1 for r in rests if r[:1] in OPEN_BR)
            self.headings_mode = bracketed / len(rests) > 0.5

    # -- main --------------------------------------------------------------------------
    def parse(self) -> Document:
        start = self._find_body_start()
        self._front(self.lines[:start])
        body = self.lines[start:]
        self._decide_modes(body)
        i = 0
        while i < len(body):
            i = self._body_line(body, i)
        self._close_detached()  # end of input ends a stretch of detached text
        if self.wrapped:
            self._flag_truncated()
        return self.doc

    def _flag_truncated(self) -> None:
        """In a wrapped (OCR'd) text, a paragraph or point that ends mid-sentence was cut off."""
        for article in self.doc.articles():
            for node in article.walk():
                if node.kind in ("paragraph", "point") and node.text and not ends_zh_sentence(node.text) \
                        and not node.children:
                    line = self.last_line.get(id(node), node.line)
                    self.warn(line, "truncated",
                              f"{article.num}: the text ends mid-sentence ('…{display_text(node.text)[-12:]}'); "
                              "the rest was not printed or not recognised, nothing was added")

    def _front(self, lines: list[SourceLine]) -> None:
        if not lines:
            return
        blocks = self.doc.front
        title, used = wrapped_title([line.text for line in lines], wrap_width([line.text for line in self.lines]))
        blocks.append(FrontBlock("title", [title], lines[0].number))
        role = "note"
        for line in lines[used:]:
            text = line.text
            if TOC_RE.match(text):
                role = "toc"
                blocks.append(FrontBlock("toc", [text], line.number))
                continue
            if role != "toc" and ANNOUNCEMENT_RE.search(text) and _heading_like(text, 30):
                role = "announcement"
                blocks.append(FrontBlock("announcement", [text], line.number))
                continue
            if blocks[-1].role != role:
                blocks.append(FrontBlock(role, [], line.number))  # type: ignore[arg-type]
            blocks[-1].lines.append(text)

    def _body_line(self, lines: list[SourceLine], i: int) -> int:
        line = lines[i]
        text = line.text
        # Each pattern below begins with a fixed character: looked at first, most lines need none of them.
        first = text[:1]
        if self.doc.attachments:
            return self._attachment_line(line, i)
        if self.count.article and first == "关" and NOTE_TITLE_RE.match(text):
            self._close_detached()
            self.doc.attachments.append(Attachment("explanatoryNote", text, [], line.number))
            return i + 1
        annex = ANNEX_RE.match(text) if first == "附" else None
        if annex and self.count.article and _heading_like(text, 30) and (
                line.heading_level or not annex.group(2) or annex.group(1)):
            self._close_detached()
            self.doc.attachments.append(Attachment("annex", text, [], line.number))
            return i + 1
        if self.detached is not None and not self._resumes(text):
            self._detached_text(text, line.number)
            return i + 1
        # An article marker (第X条) is never a container's (第X章/编/节) nor a damaged one: the
        # number is followed by 条, a word none of those patterns accepts there.
        article = ZH_ARTICLE_RE.match(text) if first == "第" else None
        kind, n, rest, damaged = (None, -1, "", "") if article else self._container_marker(text)
        if kind and _container_heading_like(text) and self._container_ok(kind, n):
            return self._open_container(lines, i, kind, n, rest, damaged)
        if kind and not damaged and ZH_CONTAINER_RE.match(text) and _container_heading_like(text) \
                and self.count.levels[kind] + 1 < n <= self.count.levels[kind] + 3:
            # A missed heading must not take every later container of its kind with it: the
            # numbering resumes here.  Sources do leave a heading out (no 第一章 before 第二章);
            # when a line before this one starts with a missing marker, though, the parse lost
            # structure there: an error that names the line.
            word = ZH_KIND_WORDS[kind]
            missing = [f"第{int_to_zh(k)}{word}" for k in range(self.count.levels[kind] + 1, n)]
            # Only since the last container of this level or above opened: numbering restarts in a
            # new chapter, so an earlier chapter's 第二节 is no evidence for this one's.
            depth = ZH_LEVEL_ORDER.index(kind)
            since = max((node.line for node in self.stack if ZH_LEVEL_ORDER.index(node.kind) <= depth), default=0)
            seen = next((earlier for earlier in reversed(lines[:i]) if earlier.number > since
                         and any(_SPACE_RE.sub("", earlier.text).startswith(m) for m in missing)), None)
            where = f"; line {seen.number} '{seen.text[:20]}' reads like it but was kept as text" if seen else ""
            self.warnings.append(ParseWarning(
                line.number, "container-gap",
                f"{'、'.join(missing)} not found before '{text[:16]}'; numbering resumes at {n}{where}",
                "error" if seen else "warning"))
            return self._open_container(lines, i, kind, n, rest, damaged)
        if (first == "附" or first == "总") and UNNUMBERED_RE.match(text) \
                and (line.heading_level or self.stack or self.article):
            return self._open_container(lines, i, self._top_kind(), 0, text, "")
        match = article
        if match:
            n, sub = _num(match.group(1)), _num(match.group(2)) if match.group(2) else 0
            rest = match.group(3)
            separated = not rest or rest[0] in " \t\u3000" or rest[0] in OPEN_BR
            if self._article_number_ok(n, sub) and (separated or not self.wrapped or self._prev_ended(lines, i)):
                return self._open_article(lines, i, match, n, sub)
            if separated and self.count.article == 0 and n > 0:
                # An excerpt (a bill's changed articles, a chapter on its own) starts where it starts.
                self.warn(line.number, "excerpt", f"the text starts at {text[:text.find('条') + 1]}, not at 第一条")
                return self._open_article(lines, i, match, n, sub)
            if separated and self._article_gap_ok(n, sub):
                self.warn(line.number, "article-gap",
                          f"第{self.count.article + 1}条 to 第{n - 1}条 not found before '{text[:12]}'; numbering resumes at {n}")
                return self._open_article(lines, i, match, n, sub)
            if separated and self.article is not None:
                what = "repeats the current article's number" if (n, sub) == (self.count.article, self.count.article_sub) \
                    else f"is out of sequence (expected article {self.count.article + 1})"
                self.warn(line.number, "article-sequence", f"'{text[:14]}' {what}; kept as text")
        elif self.article is not None:
            damaged_match = DAMAGED_RE.match(text) if first == "第" else None
            if damaged_match and OCR_CONFUSABLES[damaged_match.group(2)] == "条":
                dn = _num(damaged_match.group(1))
                if dn == self.count.article:
                    self.warn(line.number, "duplicate-heading",
                              f"'{text[:16]}' looks like an OCR-damaged repeat of the heading of article {dn}; kept as its text")
                elif self._article_number_ok(dn, 0):
                    self.warn(line.number, "ocr-marker",
                              f"read '{text[:len(damaged_match.group(1)) + 2]}' as 第{damaged_match.group(1)}条 (OCR); the text keeps what was printed")
                    fake = ZH_ARTICLE_RE.match("第" + damaged_match.group(1) + "条" + damaged_match.group(3))
                    assert fake is not None
                    return self._open_article(lines, i, fake, dn, 0, printed_num=text[:text.index(damaged_match.group(2)) + 1])
        if FOOTNOTE_RE.match(text) and self.article is not None:
            self._start_hcontainer("footnote", text, line.number)
            return i + 1
        self._text_line(line)
        return i + 1

    def _prev_ended(self, lines: list[SourceLine], i: int) -> bool:
        return i == 0 or ends_zh_sentence(lines[i - 1].text) or bool(lines[i - 1].heading_level)

    def _here(self) -> list[Node]:
        """Where the next node goes: the innermost open container, else the body.

        Nodes that interrupt the articles (footnotes, page jumps, stray text) must land
        here too, not at the top of the body, or the AKN would reorder the text.
        """
        return self.stack[-1].children if self.stack else self.doc.body

    def _top_kind(self) -> str:
        if self.stack:
            return self.stack[0].kind
        return "chapter"

    # -- containers --------------------------------------------------------------------
    def _open_container(self, lines: list[SourceLine], i: int, kind: str, n: int, rest: str, damaged: str) -> int:
        line = lines[i]
        text = line.text
        self._close_detached()
        if damaged:
            printed = text[: text.index(damaged) + 1]
            word = ZH_KIND_WORDS[kind]
            self.warn(line.number, "ocr-marker",
                      f"read '{printed}' as '{printed[:-1]}{word}' ({kind} {n}) because the sequence expects it; "
                      "the text keeps what was printed")
        if n:
            num = text[: len(text) - len(rest)].rstrip() if rest else text
            if rest and not text.endswith(rest):
                num = text
            heading = rest.strip()
        else:
            num, heading = "", text
        node = Node(kind=kind, num=num, number=str(n) if n else "", heading=heading, line=line.number)  # type: ignore[arg-type]
        # Close containers at this level or below, then attach to the nearest outer one.
        depth = ZH_LEVEL_ORDER.index(kind)
        while self.stack and ZH_LEVEL_ORDER.index(self.stack[-1].kind) >= depth:
            self.stack.pop()
        (self.stack[-1].children if self.stack else self.doc.body).append(node)
        self.stack.append(node)
        if n:
            self.count.levels[kind] = n
        # Lower levels may restart at 1 (chapters in a new 编) or run on (chapters across 分编).
        self.count.fresh = set(ZH_LEVEL_ORDER[depth + 1:])
        if line.heading_level:
            self.md_levels[line.heading_level] = kind
        self.article = self.paragraph = self.point = self.open_leaf = None
        # A heading broken over two lines: a short unpunctuated line before the next marker.
        j = i + 1
        if j < len(lines) and self._heading_continuation(lines, j):
            node.heading = join_wrapped_cjk(node.heading, lines[j].text)
            j += 1
        return j

    def _heading_continuation(self, lines: list[SourceLine], j: int) -> bool:
        text = lines[j].text
        if lines[j].heading_level or not _container_heading_like(text, 40) or ends_zh_sentence(text):
            return False
        if ZH_ARTICLE_RE.match(text) or ZH_CONTAINER_RE.match(text) or ZH_POINT_RE.match(text):
            return False
        if j + 1 >= len(lines):
            return False
        nxt = lines[j + 1].text
        return bool(ZH_ARTICLE_RE.match(nxt) or ZH_CONTAINER_RE.match(nxt))

    # -- articles ----------------------------------------------------------------------
    def _open_article(self, lines: list[SourceLine], i: int, match: re.Match[str], n: int, sub: int,
                      printed_num: str | None = None) -> int:
        self._close_detached()
        line = lines[i]
        rest = match.group(3)
        num = printed_num if printed_num is not None else line.text[: len(line.text) - len(rest)]
        number = article_number(n, sub)
        art = Node(kind="article", num=num.rstrip(), number=number, line=line.number)
        (self.stack[-1].children if self.stack else self.doc.body).append(art)
        self.article = art
        self.paragraph = self.point = self.open_leaf = None
        self.count.article, self.count.article_sub = n, sub
        self.count.fresh = set()
        j = i + 1
        rest = rest.lstrip(" \t\u3000")
        if self.headings_mode:
            if not rest and j < len(lines) and lines[j].text[:1] in OPEN_BR and _heading_like(lines[j].text, 40):
                rest = lines[j].text
                j += 1
            if rest[:1] in OPEN_BR:
                rest, j = self._article_heading(art, rest, lines, j)
        if rest:  # text on the article's own line (it may hold the next marker in mid-line)
            self._text_line(SourceLine(rest, line.number))
        return j

    def _article_heading(self, art: Node, rest: str, lines: list[SourceLine], j: int) -> tuple[str, int]:
        """Take a bracketed heading off `rest`; it may wrap to the next line or be cut off."""
        close = min((rest.find(c) for c in CLOSE_BR if rest.find(c) > 0), default=-1)
        if 0 < close <= 40:
            art.heading = rest[: close + 1]
            return rest[close + 1:].lstrip(" \t\u3000"), j  # whitespace only: a comma is text
        if _heading_like(rest, 30):
            nxt = lines[j].text if j < len(lines) else ""
            close = min((nxt.find(c) for c in CLOSE_BR if nxt.find(c) >= 0), default=-1)
            if 0 <= close <= 20 and _heading_like(nxt[:close], 20) and not ZH_ARTICLE_RE.match(nxt):
                art.heading = join_wrapped_cjk(rest, nxt[: close + 1])
                return nxt[close + 1:].lstrip(" \t\u3000"), j + 1
            art.heading = rest
            self.warn(art.line, "heading-unclosed",
                      f"the heading of {art.num} has no closing bracket ('{rest}'); it is kept as printed")
            return "", j
        return rest, j

    # -- text inside articles ----------------------------------------------------------
    def _text_line(self, line: SourceLine) -> None:
        text = line.text
        if self.article is None:
            # Text between a container's heading and its first child is the container's intro;
            # anywhere else (after a footnote, say) it becomes a text block in place, because
            # the intro is written before the children and would move the text.
            if self.stack:
                self.warn(line.number, "stray-text", f"text outside any article: '{text[:20]}'")
            if self.stack and not self.stack[-1].children:
                self.stack[-1].intro = join_wrapped_cjk(self.stack[-1].intro, text)
            else:
                self._start_hcontainer("text", text, line.number)
            return
        jump = PAGE_JUMP_RE.search(text) if "转" in text or "接" in text else None  # every marker has one
        if jump:
            before, marker, after = text[: jump.start()].rstrip(), jump.group(0), text[jump.end():].strip()
            if before:
                self._text_line(SourceLine(before, line.number))
            self._page_jump(marker, line.number)
            if after:
                self._detached_text(after, line.number)
            return
        mid = MIDLINE_ARTICLE_RE.search(text) if "第" in text else None
        if mid:
            n = _num(mid.group(3))
            sub = _num(mid.group(4)) if mid.group(4) else 0
            if self._article_number_ok(n, sub):
                before = text[: mid.start()]
                self._add_text(before, line.number)
                self.warn(line.number, "midline-article", f"{mid.group(2)} starts in mid-line")
                after = text[mid.start(2):]
                match = ZH_ARTICLE_RE.match(after)
                assert match is not None
                self._open_article([SourceLine(after, line.number)], 0, match, n, sub)
                return
        self._add_text(text, line.number)

    def _next_point(self, text: str) -> bool:
        """Does `text` open an item (项) of the paragraph being read: `（一）`, or the one after its
        last item?  In a column a cross-reference can fall at a line start (…第十三条第（一）（三）（六） /
        （七）项和第十四条规定…): `（七）` there continues no list, so it is text going on."""
        match = ZH_POINT_RE.match(text)
        if not match:
            return False
        number = _num(match.group(1))
        return number == 1 or (self.point is not None and self.point.number == str(number - 1))

    def _add_text(self, text: str, line_no: int) -> None:
        assert self.article is not None
        if not text:
            return
        if self.wrapped and self.open_leaf is not None and not self._next_point(text):
            leaf = self.open_leaf
            if line_no in self.block_starts:
                # A new block: joined only when something says it continues the cut-off text.
                reason = continuation_evidence(leaf.text, text)
                if reason:
                    self.warn(line_no, "joined",
                              f"line {line_no} continues line {self.last_line.get(id(leaf), leaf.line)} "
                              f"({reason}); joined into one paragraph")
            else:
                reason = "a wrapped line"
            if reason:
                leaf.text = join_wrapped_cjk(leaf.text, text)
                self.last_line[id(leaf)] = line_no
                if ends_zh_sentence(leaf.text):
                    self.open_leaf = None
                return
        point = ZH_POINT_RE.match(text) if text[0] in "(（" else None
        sub = ZH_SUBPOINT_RE.match(text) if text[0] in _SUBPOINT_FIRST else None
        if point and self.paragraph is not None:
            node = Node("point", num=text[: len(text) - len(point.group(2))].rstrip(),
                        number=str(_num(point.group(1))), text=point.group(2), line=line_no)
            self.paragraph.children.append(node)
            self.point = node
        elif sub and self.point is not None:
            node = Node("point", num=text[: len(text) - len(sub.group(2))].rstrip(),
                        number=str(_num(sub.group(1))), text=sub.group(2), line=line_no)
            self.point.children.append(node)
        else:
            node = Node("paragraph", number=str(len(self.article.children) + 1), text=text, line=line_no)
            self.article.children.append(node)
            self.paragraph = node
            self.point = None
        self.open_leaf = None if ends_zh_sentence(node.text) else node

    # -- page jumps, detached text, footnotes -------------------------------------------
    def _page_jump(self, marker: str, line_no: int) -> None:
        interrupted = self.article.num if self.article is not None else "the text"
        self.warn(line_no, "page-jump",
                  f"page-jump marker '{marker}' interrupts {interrupted}; the text after it is kept apart, "
                  "not appended to the article")
        self._start_hcontainer("pageJump", marker, line_no)
        self.detached = Node("hcontainer", name="detachedText", line=line_no)
        self.detached_parent = self._here()
        self.detached_parent.append(self.detached)

    def _detached_text(self, text: str, line_no: int) -> None:
        assert self.detached is not None
        if not self.detached.text:
            self.detached.line = line_no
        para = Node("paragraph", number=str(len(self.detached.children) + 1), text=text, line=line_no)
        self.detached.children.append(para)

    def _resumes(self, text: str) -> bool:
        """Does this line end a stretch of detached text (a marker the sequence expects)?"""
        kind, n, _rest, _damaged = self._container_marker(text)
        if kind and self._container_ok(kind, n):
            return True
        match = ZH_ARTICLE_RE.match(text)
        if match:
            n, sub = _num(match.group(1)), _num(match.group(2)) if match.group(2) else 0
            return self._article_number_ok(n, sub)
        return False

    def _close_detached(self) -> None:
        if self.detached is not None:
            first = self.detached.children[0].line if self.detached.children else self.detached.line
            last = self.detached.children[-1].line if self.detached.children else self.detached.line
            if self.detached.children:
                self.warn(first, "detached-text",
                          f"lines {first}–{last} follow a page jump and belong to no article; kept as detached text")
            else:
                self.detached_parent.remove(self.detached)
            self.detached = None

    def _start_hcontainer(self, name: str, text: str, line_no: int) -> None:
        node = Node("hcontainer", name=name, text=text, line=line_no)
        self._here().append(node)
        self.article = self.paragraph = self.point = self.open_leaf = None
        if name == "footnote":
            self.warn(line_no, "footnote", f"footnote '{text[:20]}' kept apart from the articles")

    def _attachment_line(self, line: SourceLine, i: int) -> int:
        att = self.doc.attachments[-1]
        annex = ANNEX_RE.match(line.text)
        if annex and _heading_like(line.text, 30) and (line.heading_level or annex.group(1)):
            self.doc.attachments.append(Attachment("annex", line.text, [], line.number))
        else:
            att.lines.append(line.text)
        return i + 1


def parse_lines(lines: list[SourceLine], meta: Meta) -> Document:
    return ChineseParser(lines, meta).parse()
