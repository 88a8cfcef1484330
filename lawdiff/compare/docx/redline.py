"""A `DiffResult` as a Word document with tracked changes: the later version, every difference
from the earlier one a revision Word can accept or reject.

Accepting every change gives the later version, rejecting every change the earlier one:
article numbers and headings, every paragraph, in each version's own order, and the
container headings (编/章/节, Part/Chapter) above them.

How the document is laid out: one paragraph per container heading (styles Heading1..6 by
depth), per article number (`LawdiffArticle`) and heading (`LawdiffArticleTitle`; in
Chinese the heading follows the number after a tab) and per paragraph or point of an
article (`LawdiffBody`).  In Chinese the number
starts the article's first paragraph, after it an ideographic space (`第一条　为了……`),
wherever that paragraph is in the same versions as the number.  Each paragraph exists in
the earlier version, the later one or both: a paragraph only in the later one has an
inserted paragraph mark and only inserted text, and so on, so that Word's own rule
(a paragraph whose mark is removed joins the next one) rebuilds either version.

Order: both versions' orders must hold.  Paragraphs present in both are kept in place
along the longest chain that is in order on both sides; a paired paragraph off that chain
(an article that moved out of order, a paragraph carried into an article far away) is
deleted where it was and inserted where it is now, and such a pair with the same text is
written as a move (`w:moveFrom` / `w:moveTo`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lawdiff.text.sequence import heaviest_chain
from lawdiff.compare.docx.package import (STYLE_ARTICLE, STYLE_ARTICLE_TITLE, STYLE_BODY, STYLE_NOTE, STYLE_NUMBER,
                                          STYLE_TITLE, Revisions, document_xml, heading_style, iso_date, package,
                                          run_xml)
from lawdiff.compare.redline import diff_text
from lawdiff.compare.result import ArticleInfo, Change, DiffResult, Op, article_paragraphs, paragraph_count
from lawdiff.model import Meta

AUTHOR = "lawdiff"
# (article index in its version, paragraph index; -1 for the heading line, -2 for the number
# line when the heading has its own)
Key = tuple[int, int]


@dataclass
class Atom:
    """One paragraph of the redline."""

    style: str
    ops: list[Op]
    old: Key | None  # where it is in the earlier version (None: not there)
    new: Key | None
    move: str = ""  # a move's name, shared by its moveFrom and moveTo paragraphs
    head: int = 0  # how many of the first ops are the article's number (set in the number's style)

    @property
    def mark(self) -> str:
        """Which versions have this paragraph's mark: equal (both), delete (earlier), insert (later)."""
        return "equal" if self.old and self.new else "delete" if self.old else "insert"


def article_label(info: ArticleInfo) -> str:
    """The article heading paragraph's text: number, then a tab and the heading when there is one."""
    return f"{info.num}\t{info.heading}" if info.heading else info.num


def _side(ops: list[Op], keep: str) -> str:
    return "".join(text for op, text in ops if op in ("equal", keep))


def _one_line(style: str, old: str | None, new: str | None, a: ArticleInfo | None, b: ArticleInfo | None,
              slot: int) -> Atom:
    """A line of an article's head: redlined when both sides have it, else deleted or inserted."""
    old_key = (a.index, slot) if a is not None and old is not None else None
    new_key = (b.index, slot) if b is not None and new is not None else None
    if old_key and new_key:
        return Atom(style, diff_text(old or "", new or ""), old_key, new_key)
    if old_key:
        return Atom(style, [("delete", old)] if old else [], old_key, None)
    return Atom(style, [("insert", new)] if new else [], None, new_key)


def _change_atoms(change: Change, separate_headings: bool) -> list[Atom]:
    """The change's paragraphs with their keys on each side (their order here does not matter)."""
    old_at: list[Key] = [(info.index, u) for info in change.old for u in range(paragraph_count(info))]
    new_at: list[Key] = [(info.index, u) for info in change.new for u in range(paragraph_count(info))]
    if change.type in ("modified", "split", "merged"):
        pairs = [(p.old_index, p.new_index, p.ops) for p in change.paragraphs]
    elif change.type == "unchanged":
        units = [u for info in change.new for u in article_paragraphs(info)]
        pairs = [(k, k, [("equal", u)] if u else []) for k, u in enumerate(units)]
    elif change.type == "added":
        pairs = [(None, k, [("insert", u)] if u else []) for k, u in enumerate(article_paragraphs(change.new[0]))]
    else:
        pairs = [(k, None, [("delete", u)] if u else []) for k, u in enumerate(article_paragraphs(change.old[0]))]
    atoms: list[Atom] = []
    # The k-th earlier and k-th later article of a group share one heading paragraph (the
    # number redlined); the rest of a split or merge have their own.  Where a paragraph goes
    # is decided by its keys alone (`order_atoms`).
    for k in range(max(len(change.old), len(change.new))):
        a = change.old[k] if k < len(change.old) else None
        b = change.new[k] if k < len(change.new) else None
        if separate_headings:
            # Number and heading on lines of their own (`Article 5` / `Subject matter`).
            atoms.append(_one_line(STYLE_ARTICLE, a.num if a else None, b.num if b else None, a, b, -2))
            heading_a = a.heading if a and a.heading else None
            heading_b = b.heading if b and b.heading else None
            if heading_a is not None or heading_b is not None:
                atoms.append(_one_line(STYLE_ARTICLE_TITLE, heading_a, heading_b, a if heading_a is not None else None,
                                       b if heading_b is not None else None, -1))
        else:
            atoms.append(_one_line(STYLE_ARTICLE, article_label(a) if a else None,
                                   article_label(b) if b else None, a, b, -1))
    for i, j, ops in pairs:
        atoms.append(Atom(STYLE_BODY, list(ops), old_at[i] if i is not None else None,
                          new_at[j] if j is not None else None))
    return atoms


def _split(atom: Atom) -> tuple[Atom, Atom]:
    """A paired atom as a deletion where it was and an insertion where it is."""
    old_text, new_text = _side(atom.ops, "delete"), _side(atom.ops, "insert")
    return (Atom(atom.style, [("delete", old_text)] if old_text else [], atom.old, None),
            Atom(atom.style, [("insert", new_text)] if new_text else [], None, atom.new))


def order_atoms(atoms: list[Atom]) -> list[Atom]:
    """Every atom once, in an order that is each version's own order (see the module doc)."""
    paired = [a for a in atoms if a.old and a.new]
    old_rank = {key: r for r, key in enumerate(sorted({a.old for a in atoms if a.old}))}
    new_rank = {key: r for r, key in enumerate(sorted({a.new for a in atoms if a.new}))}
    chain = {id(paired[p]) for p in heaviest_chain(
        [(old_rank[a.old], new_rank[a.new], 1.0) for a in paired])}  # type: ignore[index]
    new_side: list[Atom] = []
    old_only: list[Atom] = []
    for atom in atoms:
        if atom.old and atom.new and id(atom) not in chain:
            gone, came = _split(atom)
            old_only.append(gone)
            new_side.append(came)
        elif atom.new:
            new_side.append(atom)
        else:
            old_only.append(atom)
    new_side.sort(key=lambda a: a.new)  # type: ignore[arg-type, return-value]
    old_only.sort(key=lambda a: a.old)  # type: ignore[arg-type, return-value]

    out: list[Atom] = []
    pending_new: list[Atom] = []
    k = 0  # next old-only atom to place
    last: Atom | None = None  # the last atom kept in place

    def flush(until: Key | None) -> None:
        # Between two atoms kept in place: first what continues the article just written
        # (its deleted, then its inserted paragraphs), then removed text, then added text.
        nonlocal k
        gone: list[Atom] = []
        while k < len(old_only) and (until is None or old_only[k].old < until):  # type: ignore[operator]
            gone.append(old_only[k])
            k += 1
        same_old = [a for a in gone if last and a.old[0] == last.old[0]]  # type: ignore[index]
        same_new = [a for a in pending_new if last and a.new[0] == last.new[0]]  # type: ignore[index]
        out.extend(same_old)
        out.extend(same_new)
        out.extend(gone[len(same_old):])  # the same article's come first: they are prefixes
        out.extend(pending_new[len(same_new):])
        pending_new.clear()

    for atom in new_side:
        if atom.old:
            flush(atom.old)
            out.append(atom)
            last = atom
        else:
            pending_new.append(atom)
    flush(None)
    return out


def mark_moves(atoms: list[Atom]) -> None:
    """A paragraph deleted whole in one place and inserted whole, with the same text, in
    another is a move: both get the same move name (first come, first paired)."""
    deleted: dict[tuple[str, str], list[Atom]] = {}
    for atom in atoms:
        if atom.mark == "delete" and atom.ops:
            deleted.setdefault((atom.style, atom.ops[0][1]), []).append(atom)
    count = 0
    for atom in atoms:
        if atom.mark != "insert" or not atom.ops:
            continue
        candidates = deleted.get((atom.style, atom.ops[0][1]))
        if candidates:
            count += 1
            source = candidates.pop(0)
            source.move = atom.move = f"move{count}"


@dataclass
class _Containers:
    """The container headings open on one side, to write a heading where a new one starts."""

    path: list[str] = field(default_factory=list)

    def opening(self, path: list[str]) -> list[tuple[int, str]]:
        depth = 0
        while depth < min(len(path), len(self.path)) and path[depth] == self.path[depth]:
            depth += 1
        self.path = list(path)
        return [(d, path[d]) for d in range(depth, len(path))]


def with_containers(atoms: list[Atom], old_paths: dict[int, list[str]], new_paths: dict[int, list[str]]) -> list[Atom]:
    """Container heading paragraphs where each side's path changes; a heading that starts on
    both sides at the same depth and place is one paragraph (redlined when it was renamed)."""
    old_side, new_side = _Containers(), _Containers()
    out: list[Atom] = []
    for atom in atoms:
        opened_old = old_side.opening(old_paths[atom.old[0]]) if atom.old else []
        opened_new = new_side.opening(new_paths[atom.new[0]]) if atom.new else []
        olds = dict(opened_old)
        news = dict(opened_new)
        for depth in sorted(set(olds) | set(news)):
            # Keys of container headings are never compared with article keys: the ordering is done.
            if depth in olds and depth in news:
                out.append(Atom(heading_style(depth), diff_text(olds[depth], news[depth]), (-1, depth), (-1, depth)))
            elif depth in olds:
                out.append(Atom(heading_style(depth), [("delete", olds[depth])], (-1, depth), None))
            else:
                out.append(Atom(heading_style(depth), [("insert", news[depth])], None, (-1, depth)))
        out.append(atom)
    return out


NUMBER_SEPARATOR = "\u3000"  # between a Chinese article's number and its first paragraph, as printed


def inline_numbers(atoms: list[Atom]) -> list[Atom]:
    """Chinese laws print an article's number at the start of its first paragraph
    (`第一条　为了……`): an article heading joins the paragraph after it when that paragraph
    is the same article's first on each side where the heading is (so the joined paragraph
    is in the same versions as both parts were).  A heading that cannot join stays alone."""
    out: list[Atom] = []
    k = 0
    while k < len(atoms):
        head = atoms[k]
        first = atoms[k + 1] if k + 1 < len(atoms) else None
        if head.style == STYLE_ARTICLE and first is not None and first.style == STYLE_BODY \
                and not head.move and not first.move \
                and (first.old == ((head.old[0], 0) if head.old else None)) \
                and (first.new == ((head.new[0], 0) if head.new else None)):
            separator: Op = (head.mark, NUMBER_SEPARATOR)  # type: ignore[assignment]  # a mark names its op
            out.append(Atom(STYLE_ARTICLE, head.ops + [separator] + first.ops, first.old, first.new,
                            head=len(head.ops)))
            k += 2
            continue
        if head.style == STYLE_ARTICLE:
            head.head = len(head.ops)
        out.append(head)
        k += 1
    return out


# -- OOXML -----------------------------------------------------------------------------------
NUMBER_PROPS = f'<w:rStyle w:val="{STYLE_NUMBER}"/>'


def paragraph_xml(atom: Atom, revisions: Revisions) -> str:
    """One paragraph: its style, its mark's revision, and its runs plain, inserted or deleted
    (moved away or here, when the paragraph is one side of a move)."""
    # A moved paragraph's text and mark are moveFrom/moveTo instead of del/ins.
    tags = {"insert": "moveTo" if atom.move else "ins", "delete": "moveFrom" if atom.move else "del"}
    mark_xml = ""
    if atom.mark != "equal":
        mark_xml = f"<w:rPr><w:{tags[atom.mark]}{revisions.attrs()}/></w:rPr>"
    runs: list[str] = []
    for k, (op, text) in enumerate(atom.ops):
        if not text:
            continue
        run = run_xml(text, deleted=op == "delete", props=NUMBER_PROPS if k < atom.head else "")
        runs.append(run if op == "equal" else f"<w:{tags[op]}{revisions.attrs()}>{run}</w:{tags[op]}>")
    body = "".join(runs)
    if atom.move:
        side = tags[atom.mark]
        number = revisions.take()
        body = (f'<w:{side}RangeStart{revisions.attrs(number)} w:name="{atom.move}"/>{body}'
                f'<w:{side}RangeEnd w:id="{number}"/>')
    return f'<w:p><w:pPr><w:pStyle w:val="{atom.style}"/>{mark_xml}</w:pPr>{body}</w:p>'


def version_name(meta: Meta) -> str:
    """`修正案（十二） (2023-12-29)`, or the date alone when it is the label."""
    label = meta.version or meta.source_name
    if meta.date and label != meta.date:
        return f"{label} ({meta.date})" if label else meta.date
    return label or meta.date


def redline_atoms(result: DiffResult, changed_only: bool = False) -> list[Atom]:
    """The document's paragraphs after the title, in order, moves marked."""
    atoms: list[Atom] = []
    chinese = result.new_meta.lang == "zho"
    old_paths: dict[int, list[str]] = {}
    new_paths: dict[int, list[str]] = {}
    for change in result.changes:
        if changed_only and change.type == "unchanged" and not (change.renumbered or change.moved):
            continue
        atoms.extend(_change_atoms(change, separate_headings=not chinese))
        old_paths.update((info.index, info.path) for info in change.old)
        new_paths.update((info.index, info.path) for info in change.new)
    ordered = with_containers(order_atoms(atoms), old_paths, new_paths)
    mark_moves(ordered)
    return inline_numbers(ordered) if chinese else ordered


def render_redline(result: DiffResult, changed_only: bool = False) -> bytes:
    """The later version as .docx, every difference from the earlier one a tracked change."""
    revisions = Revisions(AUTHOR, iso_date(result.new_meta.date))
    old_title = result.old_meta.title
    new_title = result.new_meta.title or old_title
    title = Atom(STYLE_TITLE, diff_text(old_title, new_title), (-1, -1), (-1, -1))
    note = f"{version_name(result.old_meta)} → {version_name(result.new_meta)}"
    parts = [paragraph_xml(title, revisions),
             f'<w:p><w:pPr><w:pStyle w:val="{STYLE_NOTE}"/></w:pPr>{run_xml(note)}</w:p>']
    parts.extend(paragraph_xml(atom, revisions) for atom in redline_atoms(result, changed_only))
    return package(document_xml("".join(parts)), result.new_meta.lang, new_title, result.old_meta.date,
                   result.new_meta.date)
