"""From two versions (and the diff's article alignment) to the amending instrument.

Numbers in the instrument are those of FROM, as in real instruments.  The walk goes
through TO in order: an article (or chapter heading) that kept its place gets the
instructions for its changes; anything new, or moved out of order, is placed after
the last thing that kept its place (`在第X条后增加一条，作为第Y条`), before the first
one at the very start, or at the start of a chapter (`在第二章中增加一条`).  Deletions
come in FROM's order.  Renumbering is said the shortest way that gives TO's numbers:
not at all (inserted 之一 articles), `本决定对条文顺序作相应调整`, or an explicit list.

The result is checked: the instrument is written out, read back and applied to FROM;
articles that do not come out as in TO are listed in `Amendment.problems`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from lawdiff.amend.apply.engine import apply_instrument
from lawdiff.amend.apply.numbering import num_style
from lawdiff.amend.apply.sameness import differing_articles
from lawdiff.amend.apply.tokens import Token, article_node, container_end, flatten
from lawdiff.amend.article_ops import article_ops, similarity
from lawdiff.amend.codecs import codec_for, lines_to_paragraphs, split_heading, uses_headings
from lawdiff.amend.instrument import Instrument, Item, Loc, Op
from lawdiff.amend.reader import parse_instrument
from lawdiff.amend.writer import label_items, render_markdown, render_text
from lawdiff.compare.result import ArticleInfo, DiffResult
from lawdiff.errors import LawdiffError
from lawdiff.model import Document, Meta, Node
from lawdiff.text.markers import ZH_CONTAINER_RE as CONTAINER_RE, ZH_CONTAINER_WORDS
from lawdiff.text.numerals import zh_to_int
from lawdiff.text.normalize import reading

Pairs = list[tuple[int, int]]


@dataclass
class AmendOptions:
    style: str = ""  # "zh" (NPC drafting), "de" (Änderungsbefehle) or "en"; "" = by FROM's language
    explicit_renumbering: bool = False
    cite: str = ""  # a law's short name before article numbers, e.g. "刑法"
    title: str = ""  # the instrument's title (default: 关于修改《…》的决定 / Amendments to …)
    # "decision" (关于修改……的决定: the smallest forms) or "amendment" (修正案: changed articles and
    # paragraphs restated whole, never word by word)
    form: str = "decision"


@dataclass
class Amendment:
    instrument: Instrument
    text: str = ""  # the instrument as written (text format)
    problems: list[str] = field(default_factory=list)  # TO articles the instrument does not reproduce
    renumbering: str = ""  # "", "sequential", "explicit"


# -- article pairs from a diff ------------------------------------------------------------------
def pairs_from_diff(diff: DiffResult) -> Pairs:
    """One-to-one article pairs (old index, new index) from the diff's alignment.

    A split keeps the old article's identity in the most similar new one (the others are
    added); a merge keeps the most similar old one (the others are deleted).
    """
    pairs: Pairs = []
    for change in diff.changes:
        if not change.old or not change.new:
            continue
        if len(change.old) == 1 and len(change.new) == 1:
            pairs.append((change.old[0].index, change.new[0].index))
            continue
        best = max(((o, n) for o in change.old for n in change.new),
                   key=lambda p: (similarity(p[0].text, p[1].text), -p[0].index, -p[1].index))
        pairs.append((best[0].index, best[1].index))
    pairs.sort()
    return pairs


# -- the builder ------------------------------------------------------------------------------------
class _Builder:
    def __init__(self, old: Document, new: Document, pairs: Pairs, options: AmendOptions) -> None:
        self.old, self.new, self.options = old, new, options
        self.lang = old.meta.lang
        self.codec = codec_for(old)  # how quoted blocks are written (learned from FROM for Latin laws)
        self.restate = options.form == "amendment"
        self.otoks = [t for t in flatten(old) if t.other is None]
        self.ntoks = [t for t in flatten(new) if t.other is None]
        oarts = [i for i, t in enumerate(self.otoks) if t.article is not None]
        narts = [i for i, t in enumerate(self.ntoks) if t.article is not None]
        self.match: dict[int, int] = {}  # new token index -> old token index
        used_old: set[int] = set()
        for o, n in pairs:
            if 0 <= o < len(oarts) and 0 <= n < len(narts) and oarts[o] not in used_old \
                    and narts[n] not in self.match:
                self.match[narts[n]] = oarts[o]
                used_old.add(oarts[o])
        self.match.update(self._match_headers())
        self.in_place = self._in_place()  # drops headings out of order from `match`
        self.old_to_new = {o: n for n, o in self.match.items()}
        self.header_locs = self._header_locs()

    # containers: same kind and heading in order first, then same kind in the gaps (renamed)
    def _match_headers(self) -> dict[int, int]:
        oh = [i for i, t in enumerate(self.otoks) if t.header is not None]
        nh = [i for i, t in enumerate(self.ntoks) if t.header is not None]

        def key(t: Token) -> tuple[str, str]:
            assert t.header is not None
            return t.header.kind, reading(t.header.heading)

        out: dict[int, int] = {}
        matcher = SequenceMatcher(None, [key(self.otoks[i]) for i in oh], [key(self.ntoks[i]) for i in nh],
                                  autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(i2 - i1):
                    out[nh[j1 + k]] = oh[i1 + k]
                continue
            olds = [oh[i] for i in range(i1, i2)]
            for j in range(j1, j2):
                kind = self.ntoks[nh[j]].header.kind  # type: ignore[union-attr]
                same = next((o for o in olds if self.otoks[o].header.kind == kind), None)  # type: ignore[union-attr]
                if same is not None:
                    out[nh[j]] = same
                    olds.remove(same)
        return out

    def _in_place(self) -> set[int]:
        """New token indexes whose old counterparts keep their relative order (a longest run)."""
        seq = [(n, self.match[n]) for n in range(len(self.ntoks)) if n in self.match]
        # longest increasing subsequence of old positions (patience sorting)
        tails: list[int] = []
        tails_idx: list[int] = []
        prev = [-1] * len(seq)
        for k, (_n, o) in enumerate(seq):
            pos = bisect.bisect_left(tails, o)
            if pos == len(tails):
                tails.append(o)
                tails_idx.append(k)
            else:
                tails[pos] = o
                tails_idx[pos] = k
            prev[k] = tails_idx[pos - 1] if pos else -1
        keep: set[int] = set()
        k = tails_idx[-1] if tails_idx else -1
        while k >= 0:
            keep.add(seq[k][0])
            k = prev[k]
        # a heading out of order is deleted and added again, not moved
        for n, o in seq:
            if n not in keep and self.ntoks[n].header is not None:
                del self.match[n]
        return keep

    def _header_locs(self) -> dict[int, Loc]:
        """The shortest unique way to name each old container: 第三章, or 第二编第三章."""
        chains = {i: t.header.orig for i, t in enumerate(self.otoks) if t.header is not None}
        out: dict[int, Loc] = {}
        for i, chain in chains.items():
            assert chain is not None
            for length in range(1, len(chain) + 1):
                tail = chain[-length:]
                if sum(1 for c in chains.values() if c is not None and c[-length:] == tail) == 1:
                    out[i] = Loc(containers=tail)
                    break
            else:
                out[i] = Loc(containers=chain)
        return out

    def loc(self, old_index: int) -> Loc:
        tok = self.otoks[old_index]
        if tok.article is not None:
            return Loc(article=tok.article.number)
        return self.header_locs[old_index]

    # -- the walk ---------------------------------------------------------------------------------
    def build(self) -> list[Item]:
        items: list[list[Op]] = []
        deleted = [o for o in range(len(self.otoks)) if o not in self.old_to_new]
        moved_old = {self.match[n] for n in self.match if n not in self.in_place}
        deleted = [o for o in deleted if o not in moved_old]
        handled: set[int] = set()
        whole = self._whole_deletions(set(deleted))
        pending = sorted(deleted)

        def flush(upto: int) -> None:
            while pending and pending[0] < upto:
                o = pending.pop(0)
                if o in handled:
                    continue
                tok = self.otoks[o]
                if tok.header is not None and o in whole:
                    handled.update(whole[o])
                    items.append([Op("delete", self.loc(o))])
                elif tok.header is not None:
                    items.append([Op("delete_heading", self.loc(o))])
                else:
                    items.append([Op("delete", self.loc(o))])

        in_place_order = [n for n in range(len(self.ntoks)) if n in self.in_place]
        anchor: tuple[str, Loc] | None = None
        if in_place_order:
            first = self.match[in_place_order[0]]
            anchor = ("before", self.loc(first))
        for n, tok in enumerate(self.ntoks):
            if n in self.in_place:
                o = self.match[n]
                flush(o)
                ops = self._changes(o, n)
                if ops:
                    items.append(ops)
                anchor = ("after", self.loc(o)) if tok.article is not None else ("in", self.loc(o))
                continue
            nxt = next((self.match[m] for m in in_place_order if m > n), len(self.otoks))
            flush(nxt if anchor is not None else len(self.otoks))
            items.append(self._placed(n, anchor))
        flush(len(self.otoks) + 1)
        return [Item(label="", text="", ops=ops) for ops in items]

    def _whole_deletions(self, deleted: set[int]) -> dict[int, set[int]]:
        """Deleted containers whose whole content is deleted too: one `删去第三章` each."""
        out: dict[int, set[int]] = {}
        for o, tok in enumerate(self.otoks):
            if tok.header is None or o not in deleted:
                continue
            content = set(range(o + 1, container_end(self.otoks, o)))
            if content and content <= deleted:
                out[o] = content
        return out

    def _changes(self, o: int, n: int) -> list[Op]:
        old, new = self.otoks[o], self.ntoks[n]
        if old.article is not None and new.article is not None:
            return article_ops(_node(old), _node(new), self.lang, self.codec, self.restate)
        if old.header is not None and new.header is not None \
                and reading(old.header.heading) != reading(new.header.heading):  # spacing is no amendment
            return [Op("rename", self.loc(o), new=new.header.heading)]
        return []

    def _placed(self, n: int, anchor: tuple[str, Loc] | None) -> list[Op]:
        tok = self.ntoks[n]
        position, where = anchor if anchor is not None else ("", Loc())
        if n in self.match:  # an article out of order: moved, then changed
            o = self.match[n]
            ops = [Op("move", self.loc(o), anchor=where, position=position or "before")]
            if not position:
                raise LawdiffError("internal: a moved article needs a place")
            return ops + article_ops(_node(self.otoks[o]), _node(tok), self.lang, self.codec, self.restate)
        if tok.article is not None:
            node = _node(tok)
            plain = self.codec.article_lines(node)
            inline = self.codec.article_lines(node, with_heading=True)
            if not node.heading or (self.codec.headings and uses_headings(self.old)
                                    and split_heading(inline) == (node.heading, plain)):
                return [Op("add_article", anchor=where, position=position, number=node.number, lines=inline)]
            # the heading cannot lead the quotation: name it (增加一条，作为第Y条，条标为“…”：)
            return [Op("add_article", anchor=where, position=position, number=node.number, lines=plain,
                       new=node.heading)]
        assert tok.header is not None
        return [Op("add_container", anchor=where, position=position, ckind=tok.header.kind,
                   number=tok.header.number or "0", new=tok.header.heading)]


def _node(tok: Token) -> Node:
    assert tok.article is not None
    return article_node(tok.article)


# -- numbers ------------------------------------------------------------------------------------------
def _numbers(doc: Document) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    return ([(a.num, a.number) for a in doc.articles()], [(c.kind, c.num, c.number) for c in doc.containers()])


def _renumbering(old: Document, new: Document, items: list[Item], builder: _Builder,
                 explicit: bool) -> tuple[list[Item], str]:
    """Add the shortest renumbering that gives TO's numbers (none, sequential, explicit)."""
    want_arts, want_cons = _numbers(new)
    got_arts, got_cons = _numbers(apply_instrument(old, Instrument(items=items)).doc)
    if (got_arts, got_cons) == (want_arts, want_cons):
        return items, ""
    if not explicit:
        op = Op("renumber_all", articles=got_arts != want_arts, containers=got_cons != want_cons)
        trial = items + [Item("", "", [op])]
        if _numbers(apply_instrument(old, Instrument(items=trial)).doc) == (want_arts, want_cons):
            return trial, "sequential"
    ops: list[Op] = []
    for n, o in sorted(builder.match.items(), key=lambda kv: kv[1]):
        otok, ntok = builder.otoks[o], builder.ntoks[n]
        if otok.article is not None and ntok.article is not None and otok.article.number != ntok.article.number:
            ops.append(Op("renumber", Loc(article=otok.article.number), number=ntok.article.number))
        elif otok.header is not None and ntok.header is not None and ntok.header.number \
                and otok.header.number != ntok.header.number:
            ops.append(Op("renumber", builder.loc(o), number=ntok.header.number, ckind=ntok.header.kind))
    if not ops:
        return items, ""
    return items + [Item("", "", ops)], "explicit"


# -- entry points ---------------------------------------------------------------------------------------
def build_amendment(old: Document, new: Document, pairs: Pairs, options: AmendOptions | None = None,
                    check: bool = True) -> Amendment:
    """The instrument turning `old` into `new`, given which articles correspond.

    `check`: read the written instrument back and apply it (`Amendment.problems`); the
    renumbering choice is always checked."""
    options = options or AmendOptions()
    style = options.style or default_style(old.meta.lang)
    builder = _Builder(old, new, pairs, options)
    items = builder.build()
    items, renumbering = _renumbering(old, new, items, builder, options.explicit_renumbering)
    instrument = Instrument(title=options.title or _title(old, style, options.form), items=items,
                            lang=STYLE_LANGS[style], article_word=article_word(old))
    label_items(instrument, style)
    text = render_text(instrument, style, cite=options.cite)
    amendment = Amendment(instrument, text, renumbering=renumbering)
    if check and not instrument.items:  # nothing to apply: the versions must already agree
        amendment.problems = differing_articles(old, new)
    elif check:
        amendment.problems = verify(old, new, text, instrument.lang)
    return amendment


# The instrument styles and the language each writes in.
STYLE_LANGS = {"zh": "zho", "de": "deu", "en": "eng"}


def default_style(lang: str) -> str:
    """The instrument style for a law in `lang`: NPC drafting for Chinese, Änderungsbefehle for
    German, the English style otherwise."""
    return next((style for style, written_in in STYLE_LANGS.items() if written_in == lang), "en")


def article_word(old: Document) -> str:
    """How a German instrument names the base's articles: § unless the base prints Artikel (Art)."""
    return "Artikel" if num_style(old).latin_word.startswith("Art") else "§"


def verify(old: Document, new: Document, text: str, lang: str) -> list[str]:
    """Read the written instrument back, apply it to `old`: the articles that differ from `new`."""
    parsed = parse_instrument(text, lang)
    result = apply_instrument(old, parsed)
    failed = [f"item {r.label}: {r.reason}" for r in result.reports if r.status == "not applied"]
    return failed + differing_articles(result.doc, new)


def amend_from_diff(diff: DiffResult, old: Document, new: Document,
                    options: AmendOptions | None = None, check: bool = True) -> Amendment:
    return build_amendment(old, new, pairs_from_diff(diff), options, check)


def instrument_text(diff: DiffResult, style: str = "zh", old: Document | None = None, new: Document | None = None,
                    fmt: str = "text", check: bool = True) -> str:
    """The instrument for a comparison, for the site's compare page (text or markdown).

    With the two documents the text is exact; with the diff alone the articles are
    rebuilt from what the diff carries (paragraph lines; headings get full-width brackets).
    """
    if old is None or new is None:
        old, new = _documents_from_diff(diff)
    amendment = amend_from_diff(diff, old, new, AmendOptions(style=style), check)
    if check and amendment.problems:  # say so rather than show an instrument that is not faithful
        note = {"zh": "注：本修改决定未能准确再现以下条文：",
                "de": "Hinweis: nicht genau wiedergegeben: "}.get(style, "Note: not reproduced exactly: ") + \
            "、".join(amendment.problems[:20])
        amendment.text += "\n" + note + "\n"
        amendment.instrument.preamble.append(note)
    if fmt == "markdown":
        return render_markdown(amendment.instrument, style)
    return amendment.text


def _documents_from_diff(diff: DiffResult) -> tuple[Document, Document]:
    """Rebuild both versions' articles (with their chapters) from the diff's ArticleInfo."""

    def rebuild(infos: list[ArticleInfo], meta: Meta) -> Document:
        doc = Document(meta=meta)
        open_path: list[str] = []
        stack: list[Node] = []
        top_kind = ""  # an unnumbered heading (附则) is of the outermost kind, as the parser has it
        for info in sorted(infos, key=lambda i: i.index):
            if info.path != open_path:
                common = 0
                while common < min(len(open_path), len(info.path)) and open_path[common] == info.path[common]:
                    common += 1
                stack = stack[:common]
                for label in info.path[common:]:
                    match = CONTAINER_RE.match(label)
                    word = match.group(2) if match else "章"
                    kind = ZH_CONTAINER_WORDS.get(word, "chapter") if match else (top_kind or "chapter")
                    top_kind = top_kind or kind
                    num, _, heading = label.partition(" ") if match else ("", "", label)
                    number = str(zh_to_int(match.group(1)) or "") if match else ""
                    node = Node(kind, num=num, number=number, heading=heading)  # type: ignore[arg-type]
                    (stack[-1].children if stack else doc.body).append(node)
                    stack.append(node)
                open_path = list(info.path)
            art = Node("article", num=info.num, number=info.number,
                       heading=f"（{info.heading}）" if info.heading else "",
                       children=lines_to_paragraphs(info.text.split("\n") if info.text else []))
            (stack[-1].children if stack else doc.body).append(art)
        return doc

    olds = {id(i): i for c in diff.changes for i in c.old}
    news = {id(i): i for c in diff.changes for i in c.new}
    return rebuild(list(olds.values()), diff.old_meta), rebuild(list(news.values()), diff.new_meta)


def _title(old: Document, style: str, form: str = "decision") -> str:
    title = old.meta.title or old.meta.slug
    if style == "de":
        return f"Änderungsbefehle: {title}"
    if style != "zh":
        return f"Amendments to {title}"
    return f"{title}修正案" if form == "amendment" else f"关于修改《{title}》的决定"
