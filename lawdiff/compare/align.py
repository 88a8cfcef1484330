"""Align the articles of two versions by what they say, not by their numbers.

The stages, cheapest and surest first (no all-pairs loop over the whole law):

1. exact: articles whose normalised text, with cross-reference numbers masked, is the
   same on both sides (hash lookup);
2. candidates: for every article still unmatched, the old articles that share the most
   IDF-weighted character (or word) bigrams, found through an inverted index;
3. anchors: the heaviest order-preserving chain of exact and mutually-best confident
   pairs; confident pairs off the chain are moves;
4. gaps: between consecutive anchors, position decides among the similar candidates
   (this is what tells boilerplate look-alikes apart); there an equal heading or an
   article that grew around its old words is similar enough;
5. long-range moves: what is left and clearly similar, wherever it is;
6. split and merge: an unmatched article whose words come from an article that is
   already matched (and are not explained by its successor) joins that group.

`align` returns the matched groups; whatever is in no group was added or removed.
"""

from __future__ import annotations

import hashlib

import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from lawdiff.text.normalize import features, mask_references, normalize
from lawdiff.text.sequence import heaviest_chain

# Thresholds on the weighted Dice similarity (0..1), tuned with bench/align_eval.py.
CONFIDENT = 0.5  # mutually best and at least this similar: an anchor candidate
MOVE = 0.65  # a confident pair off the anchor chain is kept as a move when this similar
GAP = 0.25  # inside a gap between anchors, position makes weaker pairs acceptable
LONG_MOVE = 0.5  # after gap filling: a pair this similar is a move from anywhere
NEAR_MOVE = 0.35  # ... and this similar when it lands next to where a neighbour went
OVERLAP_FLOOR = 0.2  # overlap pairing: the Dice similarity must still reach this
# Inside a gap, an article that grew (most of the smaller one found in the other: CONTAINED)
# pairs at this Dice similarity, and one with an equal heading at GAP - HEADING_BONUS.
GAP_OVERLAP_FLOOR = 0.1
HEADING_BONUS = 0.05
# Split and merge evidence, counted per sentence (see Aligner._derived_weight).
CONTAINED = 0.6  # share of the smaller sentence (or article) found in the other
PIECE_SHARE = 0.2  # share of a piece's weight that must come from the other article
PIECE_SHARE_FAR = 0.6  # ... when the piece is more than NEAR_PIECE articles away from its group
NEAR_PIECE = 2
MIN_PIECE_WEIGHT = 8.0  # pieces and sentences lighter than this (IDF weight) are no evidence
# Search and cost.
TOP_K = 8  # candidates kept per article
IDF_SAMPLE = 100  # settled (exactly matched) articles sampled for the IDF statistics
EXACT_GAP_WINDOW = 3600  # gap windows up to this many pairs are scored exhaustively
HEADING_PREFIX = "\x1eh"  # heading features are kept apart from body features
# A sentence: up to and including a Chinese full stop, semicolon, question or exclamation
# mark, a Latin one followed by a space, or the end of a line.
SENTENCE = re.compile(r"(?:[^。；！？;!?.\n]|\.(?!\s))+[。；！？;!?.]?")


@dataclass
class ArticleView:
    """What alignment knows about one article; the normalised forms are computed on demand.

    Most articles of a new version are byte-identical to one of the old version, and
    those never need normalising: that keeps a 1,000-article code fast.
    """

    index: int
    number: str
    body: str  # as stored: paragraphs joined by "\n"
    heading: str  # as stored, without brackets
    _norm: str | None = None
    _key: str | None = None
    _head: str | None = None
    feats: set[str] = field(default_factory=set)  # filled only for articles that need them
    weight: float = -1.0  # IDF weight of feats, computed on demand

    @property
    def norm(self) -> str:
        """Normalised body: equal for two articles that differ only in formatting."""
        if self._norm is None:
            self._norm = normalize(self.body)
        return self._norm

    @property
    def key(self) -> str:
        """Normalised body with cross-reference numbers masked: the exact-match key."""
        if self._key is None:
            self._key = mask_references(self.norm)
        return self._key

    @property
    def head(self) -> str:
        if self._head is None:
            self._head = normalize(self.heading)
        return self._head

    def compute_features(self, text: str | None = None) -> set[str]:
        """Bigrams of the masked text (or of `text`, the same text known by its twin)."""
        feats = features(mask_references(text) if text is not None else self.key)
        if self.heading:
            feats |= {HEADING_PREFIX + f for f in features(self.head)}
        return feats


def make_view(index: int, number: str, body: str, heading: str) -> ArticleView:
    return ArticleView(index, number, body, heading)


@dataclass
class Group:
    """Old articles aligned with new articles (1:1, 1:n split, n:1 merge); indexes are positions."""

    old: list[int]
    new: list[int]
    similarity: float = 0.0
    exact: bool = False  # matched on identical (masked) text


class _Scorer:
    """IDF weights and the weighted Dice similarity.

    Document frequencies come from the articles still to be aligned plus an even sample
    of the exactly matched ones (each counted `stride` times), so that a large code with
    few changes does not pay for bigrams of articles that are already settled.  An
    article present on both sides counts once: repeats say nothing about rarity.
    """

    def __init__(self, corpus: list[ArticleView], sample: list[ArticleView], stride: int) -> None:
        df: Counter[str] = Counter()
        for view in corpus:
            df.update(view.feats)
        for view in sample:
            df.update(dict.fromkeys(view.feats, stride))
        total = len(corpus) + len(sample) * stride + 1
        self.idf = {f: math.log(total / n) for f, n in df.items()}
        self.df = df
        # Features in many articles say little and make postings long: left out of the
        # candidate search (still counted in the exact scores).
        self.max_df = max(20, total // 50)

    def weight(self, feats: set[str]) -> float:
        idf = self.idf
        return sum(idf[f] for f in feats)

    def view_weight(self, view: ArticleView) -> float:
        if view.weight < 0:
            view.weight = self.weight(view.feats)
        return view.weight

    def dice(self, a: ArticleView, b: ArticleView) -> float:
        if a.body == b.body or a.key == b.key:
            return 1.0
        total = self.view_weight(a) + self.view_weight(b)
        return 2 * self.weight(a.feats & b.feats) / total if total else 0.0


def _candidates(scorer: _Scorer, queries: list[ArticleView], targets: list[ArticleView],
                k: int = TOP_K) -> dict[int, list[int]]:
    """For each query, the up to k targets sharing the most rare-feature weight (query.index -> target positions).

    Only features present in some query are indexed, so a handful of edited articles in
    a large code costs little.
    """
    wanted: set[str] = set()
    for q in queries:
        wanted |= q.feats
    max_df, df = scorer.max_df, scorer.df
    wanted = {f for f in wanted if df[f] <= max_df}
    postings: dict[str, list[int]] = defaultdict(list)
    for pos, t in enumerate(targets):
        for f in t.feats & wanted:
            postings[f].append(pos)
    idf = scorer.idf
    out: dict[int, list[int]] = {}
    for q in queries:
        acc: dict[int, float] = defaultdict(float)
        for f in q.feats:
            plist = postings.get(f)
            if plist:
                w = idf[f]
                for pos in plist:
                    acc[pos] += w
        # nlargest is sorted(...)[:k] and stable: ties keep the (deterministic) posting order.
        out[q.index] = heapq.nlargest(k, acc, key=acc.__getitem__)
    return out


class Aligner:
    def __init__(self, old: list[ArticleView], new: list[ArticleView]) -> None:
        self.old = old
        self.new = new
        self.old_to: dict[int, int] = {}  # old position -> group id
        self.new_to: dict[int, int] = {}
        self.groups: list[Group] = []
        self._sim_cache: dict[tuple[int, int], float] = {}
        self._unit_cache: dict[int, list[tuple[set[str], float]]] = {}
        for i, j in self.exact():
            self.pair(i, j, exact=True)
        # Features only for what is still to align, plus a sample of the settled articles
        # for the IDF statistics (see _Scorer).
        free = [self.old[i] for i in self.free_old()] + [self.new[j] for j in self.free_new()]
        for view in free:
            view.feats = view.compute_features()
        settled = [view for view in old if view.index in self.old_to]
        stride = max(1, -(-len(settled) // IDF_SAMPLE))
        sample = settled[::stride]
        for view in sample:
            view.feats = view.compute_features(view.body)
        self.scorer = _Scorer(free, sample, stride)

    # -- helpers ---------------------------------------------------------------------
    def sim(self, i: int, j: int) -> float:
        key = (i, j)
        value = self._sim_cache.get(key)
        if value is None:
            value = self.scorer.dice(self.old[i], self.new[j])
            self._sim_cache[key] = value
        return value

    def score(self, i: int, j: int) -> float:
        """Similarity plus the weak signals: an equal heading, then an equal number (tie-breaks)."""
        a, b = self.old[i], self.new[j]
        bonus = 0.0
        if a.heading and a.head == b.head:
            bonus += HEADING_BONUS
        if a.number and a.number == b.number:
            bonus += 0.01
        return self.sim(i, j) + bonus

    def pair(self, i: int, j: int, exact: bool = False) -> None:
        gid = len(self.groups)
        self.groups.append(Group([i], [j], exact=exact))
        self.old_to[i] = gid
        self.new_to[j] = gid

    def free_old(self) -> list[int]:
        return [i for i in range(len(self.old)) if i not in self.old_to]

    def free_new(self) -> list[int]:
        return [j for j in range(len(self.new)) if j not in self.new_to]

    # -- stages ----------------------------------------------------------------------
    @staticmethod
    def _pairs_by(olds: list[ArticleView], news: list[ArticleView], key: str) -> list[tuple[int, int]]:
        """Pairs of articles with equal `key` text.  Repeated texts (boilerplate) pair up in
        order only when both sides have them equally often; otherwise position decides later."""
        by_old: dict[str, list[int]] = defaultdict(list)
        by_new: dict[str, list[int]] = defaultdict(list)
        for view in olds:
            text = getattr(view, key)
            if text:
                by_old[text].append(view.index)
        for view in news:
            text = getattr(view, key)
            if text:
                by_new[text].append(view.index)
        found: list[tuple[int, int]] = []
        for text, old_indexes in by_old.items():
            new_indexes = by_new.get(text)
            if new_indexes and len(new_indexes) == len(old_indexes):
                found.extend(zip(old_indexes, new_indexes))
        return found

    def exact(self) -> list[tuple[int, int]]:
        """Byte-identical bodies first, then bodies equal once normalised and masked."""
        found = self._pairs_by(self.old, self.new, "body")
        done_old = {i for i, _ in found}
        done_new = {j for _, j in found}
        found += self._pairs_by([v for v in self.old if v.index not in done_old],
                                [v for v in self.new if v.index not in done_new], "key")
        return sorted(found)

    def candidates(self) -> dict[int, list[int]]:
        """Unmatched new position -> candidate unmatched old positions."""
        free_old = self.free_old()
        queries = [self.new[j] for j in self.free_new()]
        if not queries or not free_old:
            return {}
        found = _candidates(self.scorer, queries, [self.old[i] for i in free_old])
        return {j: [free_old[pos] for pos in positions] for j, positions in found.items()}

    def anchors(self, exact: list[tuple[int, int]], cands: dict[int, list[int]]) -> list[tuple[int, int]]:
        """Pair the mutually best confident candidates that fit the order of the text.

        Exact pairs are already paired; they take part in the chain with a weight no
        similarity can reach, so a pair that crosses them must be clearly better.
        """
        best_for_new: dict[int, tuple[float, int]] = {}
        best_for_old: dict[int, tuple[float, int]] = {}
        for j, olds in cands.items():
            for i in olds:
                s = self.score(i, j)
                if s > best_for_new.get(j, (-1.0, 0))[0]:
                    best_for_new[j] = (s, i)
                if s > best_for_old.get(i, (-1.0, 0))[0]:
                    best_for_old[i] = (s, j)
        confident = [(i, j, s) for j, (s, i) in sorted(best_for_new.items())
                     if best_for_old[i][1] == j and self.sim(i, j) >= CONFIDENT]
        pairs = [(i, j, 2.0) for i, j in exact] + confident
        on_chain = set(heaviest_chain(pairs))
        chain: list[tuple[int, int]] = []
        for p, (i, j, s) in enumerate(pairs):
            if p >= len(exact) and (p in on_chain or self.sim(i, j) >= MOVE):
                self.pair(i, j)
            if p in on_chain:
                chain.append((i, j))
        return sorted(chain)

    def fill_gaps(self) -> bool:
        """Pair articles left between two neighbouring matched pairs that are in order.

        The neighbours are any matched pairs, moves included, so a block of articles
        that moved together (a section carried to another chapter) is filled in too.
        Inside such a window position is strong evidence, so weaker similarity suffices.
        """
        matched = sorted((g.old[0], g.new[0]) for g in self.groups if len(g.old) == 1 and len(g.new) == 1)
        bounds = [(-1, -1)] + matched + [(len(self.old), len(self.new))]
        changed = False
        for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
            if j1 <= j0 or i1 - i0 < 2 or j1 - j0 < 2:
                continue
            olds = [i for i in range(i0 + 1, i1) if i not in self.old_to]
            news = [j for j in range(j0 + 1, j1) if j not in self.new_to]
            if not olds or not news:
                continue
            if len(olds) * len(news) <= EXACT_GAP_WINDOW:
                options = [(i, j) for j in news for i in olds]
            else:
                allowed = set(olds)
                wanted = _candidates(self.scorer, [self.new[j] for j in news], [self.old[i] for i in olds])
                options = [(olds[pos], j) for j in news for pos in wanted.get(j, []) if olds[pos] in allowed]
            pairs = [(i, j, self.score(i, j) - GAP / 2) for i, j in options if self._gap_ok(i, j)]
            # Articles with next to no words ("（删去）", "(weggefallen)", "-") cannot be told
            # apart by content: between matched neighbours, an equal number pairs them.
            pairs += [(i, j, GAP / 2) for i, j in options if self.sim(i, j) < GAP and self._placeholder_pair(i, j)]
            for p in heaviest_chain(pairs):
                self.pair(pairs[p][0], pairs[p][1])
                changed = True
        return changed

    def _gap_ok(self, i: int, j: int) -> bool:
        """Similar enough to pair inside a gap, where position already speaks for the pair.

        Besides GAP, two kinds of evidence that Dice undervalues: an equal heading (a rewritten
        article keeps its subject), and an article that grew several times over (a one-sentence
        article that became three paragraphs shares little of the new weight, yet most of its
        own words are there).
        """
        sim = self.sim(i, j)
        if sim >= GAP:
            return True
        a, b = self.old[i], self.new[j]
        if a.heading and a.head == b.head and sim >= GAP - HEADING_BONUS:
            return True
        if sim < GAP_OVERLAP_FLOOR:
            return False
        smaller = min(self.scorer.view_weight(a), self.scorer.view_weight(b))
        return smaller >= MIN_PIECE_WEIGHT and self.scorer.weight(a.feats & b.feats) >= CONTAINED * smaller

    def _placeholder_pair(self, i: int, j: int) -> bool:
        a, b = self.old[i], self.new[j]
        view_weight = self.scorer.view_weight
        return bool(a.number) and a.number == b.number and \
            min(view_weight(a), view_weight(b)) < MIN_PIECE_WEIGHT

    def overlaps(self, cands: dict[int, list[int]]) -> None:
        """Pair free articles when most of the smaller one is found in the other.

        An article that grew a new paragraph, or lost most of its text, has a low Dice
        similarity to its successor but a high overlap; a rare-feature weight floor keeps
        short boilerplate from pairing this way.
        """
        weight = self.scorer.weight
        options: list[tuple[float, int, int]] = []
        for j, olds in cands.items():
            if j in self.new_to:
                continue
            b = self.new[j]
            for i in olds:
                if i in self.old_to:
                    continue
                a = self.old[i]
                smaller = min(self.scorer.view_weight(a), self.scorer.view_weight(b))
                if smaller < MIN_PIECE_WEIGHT:
                    continue
                shared = weight(a.feats & b.feats)
                if shared >= CONTAINED * smaller and self.sim(i, j) >= OVERLAP_FLOOR:
                    options.append((shared / smaller + self.sim(i, j), i, j))
        for _, i, j in sorted(options, key=lambda o: (-o[0], o[1], o[2])):
            if i not in self.old_to and j not in self.new_to:
                self.pair(i, j)

    def long_moves(self, cands: dict[int, list[int]]) -> None:
        options = [(self.score(i, j), i, j) for j, olds in cands.items() if j not in self.new_to
                   for i in olds if i not in self.old_to and self.sim(i, j) >= LONG_MOVE]
        for _, i, j in sorted(options, key=lambda o: (-o[0], o[1], o[2])):
            if i not in self.old_to and j not in self.new_to:
                self.pair(i, j)

    def near_moves(self, cands: dict[int, list[int]]) -> None:
        """Pair free articles that are fairly similar and sit next to where a neighbour went.

        When two neighbours swap places, or an article moves by a step or two, neither
        order nor a gap window holds them, yet the neighbourhood is strong evidence.
        """
        def predicted(i: int) -> list[int]:
            spots = []
            for k in (i - 1, i + 1):
                gid = self.old_to.get(k)
                if gid is not None:
                    spots.extend(self.groups[gid].new)
            return spots

        options = []
        for j, olds in cands.items():
            if j in self.new_to:
                continue
            for i in olds:
                if i in self.old_to or self.sim(i, j) < NEAR_MOVE:
                    continue
                if any(abs(j - spot) <= NEAR_PIECE for spot in predicted(i)):
                    options.append((self.score(i, j), i, j))
        for _, i, j in sorted(options, key=lambda o: (-o[0], o[1], o[2])):
            if i not in self.old_to and j not in self.new_to:
                self.pair(i, j)

    def splits_and_merges(self, near_only: bool = False) -> None:
        self._pieces(split=True, near_only=near_only)
        self._pieces(split=False, near_only=near_only)

    def _pieces(self, split: bool, near_only: bool) -> None:
        """Attach unmatched articles whose paragraphs come from an article already matched 1:1.

        split: an unmatched new article drawn from an old article whose successor does
        not hold those words; merge: an unmatched old article whose words went into a new
        article beyond what that article's predecessor says.  Evidence is counted per
        paragraph (款/项), because a piece that left its article often grew new text.
        """
        here, there = (self.new, self.old) if split else (self.old, self.new)
        here_to, there_to = (self.new_to, self.old_to) if split else (self.old_to, self.new_to)
        view_weight = self.scorer.view_weight
        # An exactly matched article has nothing to give away or take in.
        inexact = {gid for gid, group in enumerate(self.groups) if not group.exact}
        free = [v for v in here if v.index not in here_to and view_weight(v) >= MIN_PIECE_WEIGHT]
        if near_only:  # only pieces with an inexactly matched neighbour can be near pieces
            free = [v for v in free if any(here_to.get(k) in inexact for k in
                                           range(v.index - NEAR_PIECE, v.index + NEAR_PIECE + 1))]
        matched = [v for v in there if there_to.get(v.index) in inexact]
        if not free or not matched:
            return
        found = _candidates(self.scorer, free, matched, k=4)
        attach: list[tuple[float, int, int]] = []
        for piece in free:
            best: tuple[float, int] | None = None
            for pos in found.get(piece.index, []):
                source = matched[pos]
                group = self.groups[there_to[source.index]]
                if len(group.old if split else group.new) != 1:
                    continue  # n:m groups are not a thing a lawyer reads; keep them simple
                side = group.new if split else group.old
                # A piece next to the group's other articles needs less evidence than one
                # far away, where a shared boilerplate paragraph is the likelier story.
                near = min(abs(piece.index - member) for member in side) <= NEAR_PIECE
                if near_only and not near:
                    continue
                share = PIECE_SHARE if near else PIECE_SHARE_FAR
                # Cheap bound first: sentence evidence rarely exceeds what the two articles share.
                if self.scorer.weight(piece.feats & source.feats) < share * piece.weight / 2:
                    continue
                derived = self._derived_weight(piece, source, [here[m] for m in side])
                if derived >= max(MIN_PIECE_WEIGHT, share * piece.weight):
                    rank = derived / piece.weight
                    if best is None or rank > best[0]:
                        best = (rank, source.index)
            if best is not None:
                attach.append((best[0], piece.index, best[1]))
        for _, piece_index, source_index in sorted(attach, key=lambda a: (-a[0], a[1])):
            gid = there_to[source_index]
            group = self.groups[gid]
            side = group.new if split else group.old
            side.append(piece_index)
            side.sort()
            here_to[piece_index] = gid

    def _derived_weight(self, piece: ArticleView, other: ArticleView, members: list[ArticleView]) -> float:
        """Weight the piece shares with `other`, counted over the piece's sentences that
        correspond to a sentence of `other` better than anything the group's `members`
        (on the piece's side) holds.

        For a split, `other` is the old article and the members are its successors; for a
        merge, `other` is the new article and the members its predecessors.  A sentence of
        the piece counts when it and a sentence of `other` mostly overlap and no sentence
        of the members resembles that sentence as much.
        """
        weight = self.scorer.weight
        rivals = [unit for member in members for unit in self._units(member)]
        derived = 0.0
        for p_feats, p_weight in self._units(piece):
            for o_feats, o_weight in self._units(other):
                shared = weight(p_feats & o_feats)
                # Either sentence may have grown: most of the smaller one must be in the other.
                if shared < CONTAINED * min(p_weight, o_weight):
                    continue
                dice = 2 * shared / (p_weight + o_weight)
                rival = max((2 * weight(o_feats & r_feats) / (o_weight + r_weight)
                             for r_feats, r_weight in rivals), default=0.0)
                if dice > rival:
                    derived += shared
                    break
        return derived

    def _units(self, view: ArticleView) -> list[tuple[set[str], float]]:
        """Features and weights of an article's sentences (句, also cut at ；) that carry enough weight.

        Sentences rather than paragraphs: when an article is re-cut, a sentence is the
        unit that travels (`设立分公司，应当…领取营业执照。` leaving a one-paragraph article).
        """
        cached = self._unit_cache.get(id(view))
        if cached is not None:
            return cached
        idf = self.scorer.idf
        out = []
        for line in SENTENCE.findall(view.body):
            feats = features(mask_references(normalize(line))) & view.feats
            unit_weight = sum(idf[f] for f in feats)
            if unit_weight >= MIN_PIECE_WEIGHT:
                out.append((feats, unit_weight))
        self._unit_cache[id(view)] = out
        return out

    def run(self) -> list[Group]:
        exact = sorted((g.old[0], g.new[0]) for g in self.groups)
        cands = self.candidates()
        self.anchors(exact, cands)
        # A piece next to its group is better evidence than a look-alike elsewhere, so
        # near splits and merges go before the weaker positional and long-range stages.
        self.splits_and_merges(near_only=True)
        self.fill_gaps()
        self.splits_and_merges(near_only=True)
        cands = self.candidates()
        self.long_moves(cands)
        self.near_moves(cands)
        self.overlaps(cands)
        self.fill_gaps()
        self.splits_and_merges()
        for group in self.groups:
            group.similarity = self.group_similarity(group)
        return sorted(self.groups, key=lambda g: (g.new[0], g.old[0]))

    def group_similarity(self, group: Group) -> float:
        if len(group.old) == 1 and len(group.new) == 1:
            return self.sim(group.old[0], group.new[0])
        old_feats: set[str] = set().union(*(self.old[i].feats for i in group.old))
        new_feats: set[str] = set().union(*(self.new[j].feats for j in group.new))
        total = self.scorer.weight(old_feats) + self.scorer.weight(new_feats)
        return 2 * self.scorer.weight(old_feats & new_feats) / total if total else 1.0


def _direction_key(views: list[ArticleView]) -> str:
    return hashlib.sha1("\x1e".join(v.body for v in views).encode("utf-8")).hexdigest()


def align(old: list[ArticleView], new: list[ArticleView]) -> list[Group]:
    """Matched groups, ordered by their first new article; unmatched articles are in none.

    Which articles correspond is a property of the two versions, not of the order they are
    given in: the greedy passes run in one canonical direction (by a hash of the texts) and
    the result is mirrored when needed, so diff(B, A) is diff(A, B) with sides swapped.
    """
    if _direction_key(new) >= _direction_key(old):
        return Aligner(old, new).run()
    mirrored = [Group(g.new, g.old, g.similarity, g.exact) for g in Aligner(new, old).run()]
    return sorted(mirrored, key=lambda g: min(g.new))
