"""Redline inside an aligned pair of articles: paragraphs (款) and points (项) first, then words.

A paragraph that was inserted or deleted whole should read as one insertion or
deletion, not as a character soup spread over its neighbours; so units are aligned
first, then each aligned pair is diffed word by word: Chinese words as jieba with the
legal-terms dictionary cuts them (`lawdiff.text.words`), Latin words as letters run, so
that a changed word is struck and inserted whole (`[-股东大会-]{+股东会+}`, never
`股东[-大-]会`).  The ops rebuild both texts exactly; pages show them as read
(`lawdiff.text.normalize.display_text`, wrap spaces between Chinese characters left out).

The diff itself is diff-match-patch with semantic cleanup, so that a rewritten clause
reads as one deletion and one insertion.  The C++ build (`fast-diff-match-patch`) is
used with no time limit; the pure-Python package is the fallback, also with its time
limit switched off (its default of one second silently returns "delete everything,
insert everything" on large inputs).
"""

from __future__ import annotations

from typing import Callable, Collection, Iterator

from lawdiff.compare.result import Op, OpKind, ParagraphDiff
from lawdiff.text.normalize import features, mask_references, normalize
from lawdiff.text.sequence import heaviest_chain
from lawdiff.text.words import pieces, segment_pieces

try:  # the C++ build, preferred; diff_match_patch (pure Python) is the fallback
    import fast_diff_match_patch as fdmp
except ImportError:  # pragma: no cover - the fallback is exercised by test_redline
    fdmp = None

OpCode = str  # "equal" | "delete" | "insert"
ISLAND_MAX = 2  # equalities this short (characters) may be folded into the changes around them
ISLAND_RATIO = 5  # ... when those changes are at least this many times longer
UNIT_MATCH = 0.3  # paragraphs less similar than this are shown as deleted and inserted whole
# A paragraph the sentence evidence links elsewhere still pairs with one that holds this share of
# the smaller one's bigrams (a sentence too light to count as evidence, kept where it was).
WITHIN = 0.9
_OPS: dict[str | int, OpKind] = {"=": "equal", "-": "delete", "+": "insert", 0: "equal", -1: "delete", 1: "insert"}


def _engine() -> Callable[[str, str], list[tuple[str, str]]]:
    if fdmp is None:  # pragma: no cover - the C++ build is a dependency; a broken install falls back
        return _python_engine()
    fast_diff = fdmp.diff

    def fast(a: str, b: str) -> list[tuple[str, str]]:
        diffs: list[tuple[str, str]] = fast_diff(a, b, timelimit=0, checklines=False, cleanup="Semantic",
                                                 counts_only=False)
        return diffs

    return fast


def _python_engine() -> Callable[[str, str], list[tuple[str, str]]]:
    # Imported here: the fallback is used only without the C++ build, and importing it costs
    # ~1.8 ms of every diff's start-up (python -X importtime).
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # the default 1 s limit silently degrades to "replace everything"

    def slow(a: str, b: str) -> list[tuple[str, str]]:
        diffs = dmp.diff_main(a, b, False)
        dmp.diff_cleanupSemantic(diffs)
        return diffs

    return slow


_diff_engine = _engine()


def _merge(ops: list[Op]) -> list[Op]:
    """Join neighbouring ops of one kind and drop empty ones; deletions before insertions."""
    out: list[Op] = []
    for op, text in ops:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    # A run of changes between two equal parts reads best as one deletion then one insertion.
    result: list[Op] = []
    k = 0
    while k < len(out):
        if out[k][0] == "equal":
            result.append(out[k])
            k += 1
            continue
        deleted: list[str] = []
        inserted: list[str] = []
        while k < len(out) and out[k][0] != "equal":
            (deleted if out[k][0] == "delete" else inserted).append(out[k][1])
            k += 1
        if deleted:
            result.append(("delete", "".join(deleted)))
        if inserted:
            result.append(("insert", "".join(inserted)))
    return result


def _fold_islands(ops: list[Op]) -> list[Op]:
    """Fold tiny unchanged islands inside a rewrite into the deletion and insertion around them.

    Semantic cleanup leaves one- or two-character equalities (`的`, `规定`, a space)
    between changes when the change on one side is short; in Chinese they make a
    rewritten clause read as a patchwork.  An island is folded when the changes next to
    it are at least ISLAND_RATIO times longer than it.
    """
    ops = _merge(ops)
    changed = True
    while changed:
        changed = False
        for k in range(1, len(ops) - 1):
            op, text = ops[k]
            if op != "equal" or len(text) > ISLAND_MAX or "\n" in text:
                continue
            around = 0
            for side in (ops[k - 1], ops[k + 1]):
                if side[0] == "equal":
                    break
                around += len(side[1])
            else:
                # Count both halves of a replacement next to the island.
                if k >= 2 and ops[k - 2][0] == "delete" and ops[k - 1][0] == "insert":
                    around += len(ops[k - 2][1])
                if k + 2 < len(ops) and ops[k + 1][0] == "delete" and ops[k + 2][0] == "insert":
                    around += len(ops[k + 2][1])
                if around >= ISLAND_RATIO * len(text):
                    ops = _merge(ops[:k] + [("delete", text), ("insert", text)] + ops[k + 1:])
                    changed = True
                    break
    return ops


def diff_text(old: str, new: str) -> list[Op]:
    """Word-level diff of two texts, semantically cleaned up.

    The equal+delete texts of the result join to `old`, equal+insert to `new`; every
    change starts and ends on a word boundary of its side.
    """
    return _fold_islands(word_diff(old, new))


def word_diff(old: str, new: str) -> list[Op]:
    """Word-level diff of two texts exactly as given: equal+delete join to `old`, equal+insert to `new`.

    Each distinct word becomes one private character, the strings of characters are diffed
    and mapped back (the "lines to chars" trick of diff-match-patch, applied to words), so a
    change always covers whole words.  Only what lies between the pieces the two texts begin
    and end with alike (Han runs, Latin words, punctuation: `lawdiff.text.words.pieces`) is cut
    into words: cutting is most of a redline's cost, an edit rarely spans more than a clause
    (the edited Civil Code pair: 4,943 of 9,312 characters cut, measured), and a piece's words
    do not depend on its neighbours, so the words between are those of the whole text.  The
    pieces alike still go to the diff, each one token, so that an edit slides to the end of a
    clause across them as it does across words (`，{+发挥…建设，+}根据`, not `{+，发挥…建设+}，根据`).
    """
    if old == new:
        return [("equal", old)] if old else []
    if not old or not new:
        return [("delete", old)] if old else [("insert", new)]
    old_pieces, new_pieces = pieces(old), pieces(new)
    shortest = min(len(old_pieces), len(new_pieces))
    head = 0
    while head < shortest and old_pieces[head] == new_pieces[head]:
        head += 1
    tail = 0
    while tail < shortest - head and old_pieces[-1 - tail] == new_pieces[-1 - tail]:
        tail += 1
    in_middle = set(old_pieces[head:len(old_pieces) - tail]) | set(new_pieces[head:len(new_pieces) - tail])

    def alike(part: list[str]) -> list[str]:
        # A piece alike that the middle holds too is cut as there, so that an edit can slide over
        # it (`拘役，并处罚金{+；情节特别严重的，…+}。`); it is cut already, so this costs nothing.
        return [word for piece in part for word in (segment_pieces([piece]) if piece in in_middle else (piece,))]

    def words(all_pieces: list[str]) -> list[str]:
        """One side's tokens: the pieces alike at both ends, the middle cut into words."""
        end = len(all_pieces) - tail
        return alike(all_pieces[:head]) + segment_pieces(all_pieces[head:end]) + alike(all_pieces[end:])

    return _merge(_token_diff(words(old_pieces), words(new_pieces)))


def _token_diff(old_words: list[str], new_words: list[str]) -> list[Op]:
    """diff-match-patch on two word lists, each distinct word one private character."""
    codes: dict[str, str] = {}
    tokens: list[str] = []

    def encode(words: list[str]) -> str:
        out = []
        for token in words:
            code = codes.get(token)
            if code is None:
                code = _code_point(len(tokens))
                codes[token] = code
                tokens.append(token)
            out.append(code)
        return "".join(out)

    a, b = encode(old_words), encode(new_words)
    decode = {code: token for token, code in codes.items()}
    return [(_OPS[op], "".join(decode[c] for c in text)) for op, text in _diff_engine(a, b)]


def _code_point(n: int) -> str:
    """The n-th character of the private alphabet: planes 15-16 first, then the BMP above the surrogates."""
    if n < 0x20000 - 2:
        return chr(0xF0000 + n)
    return chr(0xE000 + (n - 0x20000 + 2))


# -- units --------------------------------------------------------------------------------
def _same_shape(a: str, b: str) -> bool:
    """Equal but for formatting and cross-reference numbers."""
    return mask_references(normalize(a)) == mask_references(normalize(b))


def dice(a: set[str], b: set[str]) -> float:
    """The Dice similarity of two feature sets (1 for two empty ones)."""
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def _within(a: set[str], b: set[str]) -> bool:
    """One unit's words all but wholly found in the other (WITHIN): a sentence kept beside a rule that
    moved away, too short to be evidence of its own, still pairs where it stayed."""
    smaller = min(len(a), len(b))
    return smaller > 0 and len(a & b) >= WITHIN * smaller


def align_units(old: list[str], new: list[str],
                links: Collection[tuple[int, int]] = ()) -> list[tuple[int | None, int | None]]:
    """Align paragraphs/points in order: equal ones first, then those the sentence evidence links,
    then similar ones; the rest stand alone.

    `links` are (old, new) unit pairs whose sentences the alignment linked (the change's parts
    inside it).  A unit they link is paired only with one of its linked units, an equal one, or
    one that (all but) wholly holds the other or is held in it (WITHIN: a sentence too light to be
    evidence of its own, kept where it was): when the evidence says a paragraph went to the third
    paragraph of another new article, a redline row that shows it rewritten into the first
    paragraph there, because the two happen to share more characters, contradicts the note that
    says where it went.  A linked pair comes before any pair by likeness alone but still needs
    UNIT_MATCH: two paragraphs that share one reworded sentence and little else read best as
    deleted and inserted whole, each note saying where the other is.

    Returns the aligned sequence: (old index, new index), (old, None) for a deleted
    unit, (None, new) for an inserted one, in reading order.
    """
    if len(old) == len(new) and all(a == b or _same_shape(a, b) for a, b in zip(old, new)):
        return [(i, i) for i in range(len(old))]  # edits inside units only: the common case
    if not old or not new:  # an added or removed article: nothing to pair, nothing to score
        return [(i, None) for i in range(len(old))] + [(None, j) for j in range(len(new))]
    pairs: list[tuple[int, int, float]] = []
    by_text: dict[str, list[int]] = {}
    for j, text in enumerate(new):
        by_text.setdefault(text, []).append(j)
    # Identical units outweigh any similar pair; only the others are normalised and scored.
    same_old = {i for i, text in enumerate(old) if text in by_text}
    same_new = {j for text in old if text in by_text for j in by_text[text]}
    for i, text in enumerate(old):
        for j in by_text.get(text, ()):
            pairs.append((i, j, 2.0))
    rest_old = [(i, normalize(t)) for i, t in enumerate(old) if i not in same_old]
    rest_new = [(j, normalize(t)) for j, t in enumerate(new) if j not in same_new]
    feats_new = [(j, norm, features(norm)) for j, norm in rest_new]
    linked = set(links)
    linked_old = {i for i, _ in linked}
    linked_new = {j for _, j in linked}
    for i, norm_i in rest_old:
        feats_i = features(norm_i)
        for j, norm_j, feats_j in feats_new:
            if norm_i == norm_j:
                pairs.append((i, j, 2.0))
                continue
            s = dice(feats_i, feats_j)
            if s < UNIT_MATCH:
                continue
            if (i, j) in linked:
                pairs.append((i, j, 1.0 + s))  # above any pair by likeness alone
            elif not (i in linked_old or j in linked_new) or _within(feats_i, feats_j):
                pairs.append((i, j, s))  # (else the evidence sends it elsewhere)
    chain = [pairs[p][:2] for p in heaviest_chain(pairs)]
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    for ci, cj in chain + [(len(old), len(new))]:
        # Unmatched units between two matches: deletions first, then insertions.
        out.extend((k, None) for k in range(i, ci))
        out.extend((None, k) for k in range(j, cj))
        if ci < len(old) and cj < len(new):
            out.append((ci, cj))
        i, j = ci + 1, cj + 1
    return out


def redline(old_units: list[str], new_units: list[str],
            links: Collection[tuple[int, int]] = ()) -> tuple[list[Op], list[ParagraphDiff]]:
    """The whole-text ops (units joined by "\\n") and the per-unit diffs of two unit lists (aligned
    with the sentence evidence `links`, see align_units).

    Invariant: the equal+delete texts of the ops join to "\\n".join(old_units), the
    equal+insert texts to "\\n".join(new_units).
    """
    ops: list[Op] = []
    paragraphs: list[ParagraphDiff] = []
    for i, j in align_units(old_units, new_units, links):
        old_sep = i is not None and i > 0
        new_sep = j is not None and j > 0
        if old_sep and new_sep:
            ops.append(("equal", "\n"))
        elif old_sep:
            ops.append(("delete", "\n"))
        elif new_sep:
            ops.append(("insert", "\n"))
        unit_ops = diff_text(old_units[i] if i is not None else "", new_units[j] if j is not None else "")
        ops.extend(unit_ops)
        paragraphs.append(ParagraphDiff(i, j, unit_ops))
    return _merge(ops), paragraphs


def side_edits(ops: list[Op]) -> Iterator[tuple[str, str, int, str]]:
    """Every change of `ops` on the text it belongs to: (side, that side's text, offset, piece);
    a deletion is read on the old text, an insertion on the new one (where its word boundaries are)."""
    for side, other in (("old", "insert"), ("new", "delete")):
        text = "".join(t for op, t in ops if op != other)
        pos = 0
        for op, piece in ops:
            if op == other:
                continue
            if op != "equal":
                yield side, text, pos, piece
            pos += len(piece)


def old_text(ops: list[Op]) -> str:
    return "".join(text for op, text in ops if op != "insert")


def new_text(ops: list[Op]) -> str:
    return "".join(text for op, text in ops if op != "delete")
