"""Align the articles of two versions by what they say, not by their numbers.

Two levels.  Whole articles first, cheapest and surest first (no all-pairs loop over the
whole law):

1. exact: articles whose normalised text, with cross-reference numbers masked, is the
   same on both sides (hash lookup);
2. candidates: for every article still unmatched, on either side, the articles of the
   other side that share the most IDF-weighted character (or word) bigrams, found
   through an inverted index;
3. anchors: the heaviest order-preserving chain of exact and mutually-best confident
   pairs; confident pairs off the chain are moves;
4. gaps: between consecutive anchors, position decides among the similar candidates
   (this is what tells boilerplate look-alikes apart);
5. long-range moves: what is left and clearly similar, wherever it is.

Articles with next to no words (placeholders such as "(weggefallen)", "（删去）", "-") are all
alike, so they are never anchors or moves: only their place pairs them (Aligner.light).

Then the level where text moves, sentences (lawdiff.compare.sentences): each sentence linked
to its best counterpart, boilerplate set apart.  The sentence links are computed once, after the
exact matches (they do not depend on the other pairs): they keep an anchor from pairing two
look-alikes whose sentences go elsewhere, and the weaker whole-article passes (gaps, near
moves, overlaps) from pairing an article that is mostly a piece of another one.  The article
links are what the sentence links add up to:

6. successors: two articles still unmatched whose sentences are each other's strongest
   evidence are a rewritten article and its successor;
7. parts: an article whose sentences carry a substantial part of it (a sentence carrying
   a rule, or most of a paragraph) into another article is linked to it as well, however
   far that is.  Groups are complete: a split, a merge, or an n:m re-cut where every old
   article of the group is linked to every new one; a part link that would join two
   groups otherwise stays evidence only: a paragraph that moved between two changes, unless
   its wording also stayed beside it, in its own article's successor or predecessor
   (SentenceLinks.kept_beside): that is a copy, not a move.

Once the 1:1 pairs are settled, a sentence with look-alikes in a few articles of the other side
(the same rule written for another actor; not boilerplate) chooses among them by place: the
one beside its own article's partner, when exactly one is (lookalikes_by_place).  Its links
replace those chosen by a word or two of wording.

A sentence copied into two articles is mutually best with only one of them; the other
link is one-sided, and counts only for an article that is left with no link at all and
is mostly made of such copies (orphan_copies): a new article built from a paragraph that
the old article's successor kept as well.  An article still left alone is linked to the
article its sentences are closest to when the two share rare words that none of that
article's partners holds (only_here): a clause that became an article of its own, or a
removed article that became an item of another, lives on there and nowhere else.  Right beside
one of those partners, where a split or a merge puts it, a looser likeness of the sentences
suffices.

Last, what is still free is paired by its place, as a reader fills a 新旧条文对照表 once the
rest is settled: an article left alone between two matched neighbours (lone_in_gaps), or
right beside a confident pair next to the article beside its partner (beside_neighbours),
is the rewritten successor when the two still share some rare words and neither has a
sentence linked elsewhere.  Two articles still alone anywhere whose sentences chose each other
as best counterparts, sharing a rule's worth of rare words, are paired too (lone_sentences).

Every decision treats the two sides alike (candidates are searched both ways, ties are
broken by quantities that do not depend on which side is "old"), so `align(B, A)` is the
mirror of `align(A, B)` by construction; and nothing depends on hashing or set order.
The number and the heading of an article are tie-breaking signals, never the key.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from lawdiff.compare.sentences import (BOILERPLATE_ARTICLES, CONTAINED, LINK_SHARE, LINK_WEIGHT, MIN_PIECE_WEIGHT,
                                       REWRITTEN, SentenceLinks, UnitLink)
from lawdiff.compare.similarity import ArticleView, Scorer, pair_order, top_both_ways
from lawdiff.text.normalize import article_references
from lawdiff.text.sequence import heaviest_chain

# Thresholds on the weighted Dice similarity (0..1), measured with bench/align_eval.py (the
# sentence level's, CONTAINED, REWRITTEN and the weights, are in lawdiff.compare.sentences).
CONFIDENT = 0.5  # mutually best and at least this similar: an anchor candidate
MOVE = 0.65  # a confident pair off the anchor chain is kept as a move when this similar
GAP = 0.25  # inside a gap between anchors, position makes weaker pairs acceptable
LONG_MOVE = 0.5  # after gap filling: a pair this similar is a move from anywhere
NEAR_MOVE = 0.35  # ... and this similar when it lands next to where a neighbour went
NEAR = 2  # "next to": at most this many articles away
OVERLAP_FLOOR = 0.2  # overlap pairing: the Dice similarity must still reach this
# Inside a gap, an article that grew (most of the smaller one found in the other: CONTAINED)
# pairs at this Dice similarity, and one with an equal heading at GAP - HEADING_BONUS.
GAP_OVERLAP_FLOOR = 0.1
HEADING_BONUS = 0.05
RECUT_SPAN = 0  # old x new pairs of a joined group that are not links (see Aligner._groups)
# Search and cost.
IDF_SAMPLE = 100  # settled (exactly matched) articles sampled for the IDF statistics
EXACT_GAP_WINDOW = 3600  # gap windows up to this many pairs are scored exhaustively


@dataclass
class Group:
    """Old articles aligned with new articles (1:1, 1:n split, n:1 merge, n:m); indexes are positions.

    `links` are the article pairs that are linked (a connected set inside old x new);
    `principal` the 1:1 successor links among them, the others carry part of an article;
    `units` the sentence links behind the group; `away` the sentence links of a substantial
    part link between one of its articles and an article outside it (in another group, or
    in none): a paragraph that moved where the group could not follow without pairing
    articles that are not linked (see Aligner._groups).  They are evidence, never pairs.
    """

    old: list[int]
    new: list[int]
    similarity: float = 0.0
    exact: bool = False  # matched on identical (masked) text
    links: list[tuple[int, int]] = field(default_factory=list)
    principal: list[tuple[int, int]] = field(default_factory=list)
    units: list[UnitLink] = field(default_factory=list)
    away: list[UnitLink] = field(default_factory=list)


class Aligner:
    def __init__(self, old: list[ArticleView], new: list[ArticleView]) -> None:
        self.old = old
        self.new = new
        self.old_to: dict[int, int] = {}  # old position -> new position of its 1:1 partner
        self.new_to: dict[int, int] = {}
        self.exact_old: set[int] = set()
        self.exact_new: set[int] = set()
        self._sim_cache: dict[tuple[int, int], float] = {}
        self._citation_cache: dict[tuple[str, int], set[str]] = {}
        self.parts: dict[tuple[int, int], float] = {}
        self.piece_of: dict[tuple[str, int], list[tuple[int, float]]] = {}
        for i, j in self.exact():
            self.pair(i, j)
            self.exact_old.add(i)
            self.exact_new.add(j)
        # Features only for what is still to align, plus a sample of the settled pairs
        # for the IDF statistics (see Scorer).  The sample is chosen by a rule symmetric
        # in the two positions, so that it is the same whichever side is called old.
        free = [self.old[i] for i in self.free_old()] + [self.new[j] for j in self.free_new()]
        for view in free:
            view.feats = view.compute_features()
        settled = sorted(self.old_to.items())
        stride = max(1, -(-len(settled) // IDF_SAMPLE))
        sample = [self.old[i] for i, j in settled if (i + j) % stride == 0]
        for view in sample:
            view.feats = view.compute_features()
        self.scorer = Scorer(free, sample, stride)
        # The sentence links depend only on the exact matches: found once, before any other pass.
        self.sentences = SentenceLinks(self.old, self.new, self.exact_old, self.exact_new, self.scorer)

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

    def order(self, value: float, i: int, j: int) -> tuple[float, int, int, tuple[str, str]]:
        """Sort key for greedy passes (similarity.pair_order)."""
        return pair_order(value, i, j, self.old[i].body, self.new[j].body)

    def pair(self, i: int, j: int) -> None:
        self.old_to[i] = j
        self.new_to[j] = i

    def free_old(self) -> list[int]:
        return [i for i in range(len(self.old)) if i not in self.old_to]

    def free_new(self) -> list[int]:
        return [j for j in range(len(self.new)) if j not in self.new_to]

    def greedy(self, options: list[tuple[float, int, int]]) -> None:
        """Pair the options best first, each article once."""
        for value, i, j in sorted(options, key=lambda o: self.order(*o)):
            if i not in self.old_to and j not in self.new_to:
                self.pair(i, j)

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

    def candidates(self) -> list[tuple[int, int]]:
        """Unmatched (old, new) pairs worth scoring: each side's top candidates on the other, together."""
        free_old, free_new = self.free_old(), self.free_new()
        if not free_old or not free_new:
            return []
        return self._both_ways(free_old, free_new)

    def _both_ways(self, olds: list[int], news: list[int]) -> list[tuple[int, int]]:
        scorer = self.scorer
        found = top_both_ways(scorer.idf, scorer.df, scorer.max_df, [self.old[i].feats for i in olds],
                               [self.new[j].feats for j in news])
        return [(olds[a], news[b]) for a, b in found]

    def anchors(self, exact: list[tuple[int, int]], cands: list[tuple[int, int]]) -> None:
        """Pair the mutually best confident candidates that fit the order of the text.

        Exact pairs are already paired; they take part in the chain with a weight no
        similarity can reach, so a pair that crosses them must be clearly better.
        """
        best_for_new: dict[int, tuple] = {}
        best_for_old: dict[int, tuple] = {}
        for i, j in cands:
            key = self.order(self.score(i, j), i, j)
            if j not in best_for_new or key < best_for_new[j][0]:
                best_for_new[j] = (key, i)
            if i not in best_for_old or key < best_for_old[i][0]:
                best_for_old[i] = (key, j)
        confident = [(i, j, self.score(i, j)) for j, (_, i) in sorted(best_for_new.items())
                     if best_for_old[i][1] == j and self.sim(i, j) >= CONFIDENT and not self.light(i, j)]
        pairs = [(i, j, 2.0) for i, j in exact] + confident
        on_chain = set(heaviest_chain(pairs))
        for p in range(len(exact), len(pairs)):
            i, j, _ = pairs[p]
            # Two look-alikes (the same rule written for another actor) are mutually best as
            # whole articles; when the sentences of either go to a third article more strongly,
            # that one is its successor and the likeness is no anchor.
            if self.evidence_elsewhere(i, j):
                continue
            if p in on_chain or self.sim(i, j) >= MOVE:
                self.pair(i, j)

    def fill_gaps(self) -> None:
        """Pair articles left between two neighbouring matched pairs that are in order.

        The neighbours are any matched pairs that are next to each other on both sides,
        moves included, so a block of articles that moved together (a section carried to
        another chapter) is filled in too.
        Inside such a window position is strong evidence, so weaker similarity suffices.
        """
        # Windows between two pairs that are neighbours in the order of both sides (so the
        # windows are the same whichever side is called old).
        bounds = [(-1, -1)] + sorted(self.old_to.items()) + [(len(self.old), len(self.new))]
        rank_new = {pair: r for r, pair in enumerate(sorted(bounds, key=lambda b: (b[1], b[0])))}
        for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
            if rank_new[(i1, j1)] != rank_new[(i0, j0)] + 1 or i1 - i0 < 2 or j1 - j0 < 2:
                continue
            olds = [i for i in range(i0 + 1, i1) if i not in self.old_to]
            news = [j for j in range(j0 + 1, j1) if j not in self.new_to]
            if not olds or not news:
                continue
            if len(olds) * len(news) <= EXACT_GAP_WINDOW:
                options = [(i, j) for i in olds for j in news]
            else:
                options = self._both_ways(olds, news)
            pairs = [(i, j, self.score(i, j) - GAP / 2) for i, j in options
                     if self._gap_ok(i, j) and not self.claimed(i, j)]
            # Articles with next to no words ("（删去）", "(weggefallen)", "-") cannot be told
            # apart by content: between matched neighbours, an equal number pairs them.
            pairs += [(i, j, GAP / 2) for i, j in options if self.sim(i, j) < GAP and self._placeholder_pair(i, j)]
            for p in heaviest_chain(pairs):
                self.pair(pairs[p][0], pairs[p][1])

    def _windows(self) -> list[tuple[list[int], list[int]]]:
        """Free old and free new articles between two matched pairs that are neighbours in the
        order of both sides (the same windows whichever side is called old)."""
        bounds = [(-1, -1)] + sorted(self.old_to.items()) + [(len(self.old), len(self.new))]
        rank_new = {pair: r for r, pair in enumerate(sorted(bounds, key=lambda b: (b[1], b[0])))}
        out: list[tuple[list[int], list[int]]] = []
        for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
            if rank_new[(i1, j1)] != rank_new[(i0, j0)] + 1:
                continue
            olds = [i for i in range(i0 + 1, i1) if i not in self.old_to]
            news = [j for j in range(j0 + 1, j1) if j not in self.new_to]
            if olds and news:
                out.append((olds, news))
        return out

    def lone_in_gaps(self) -> None:
        """The last article left on one side between two matched neighbours is the successor
        (or predecessor) of the most similar one left on the other side there.

        This is how a reader fills a 新旧条文对照表: once everything around it is paired, an
        article sandwiched between matched neighbours is the same provision rewritten, if it
        still shares some rare words (GAP_OVERLAP_FLOOR) with its counterpart and no third
        article holds it as a piece (claimed).  With several articles left on both sides,
        position cannot tell which goes with which, so only a lone article is paired.
        """
        options: list[tuple[float, int, int]] = []
        for olds, news in self._windows():
            if len(olds) > 1 and len(news) > 1:
                continue
            pairs = [(self.score(i, j), i, j) for i in olds for j in news
                     if self.sim(i, j) >= GAP_OVERLAP_FLOOR and not self.claimed(i, j)]
            if pairs:
                options.append(min(pairs, key=lambda o: self.order(*o)))
        self.greedy(options)

    def beside_neighbours(self) -> None:
        """A free article right next to a matched neighbour pairs with the free article in the
        same place next to that neighbour's partner (old i after old k, new j after new l,
        k paired with l), if the neighbour pair is itself a confident one (CONFIDENT: a place
        next to a doubtful pair says nothing), the two still share some rare words
        (GAP_OVERLAP_FLOOR) and neither has a sentence linked into a third article
        (evidence_elsewhere).

        A rewritten article usually keeps its place in the sequence of the chapter even when
        the articles further on were re-cut, so the step beside a matched pair is evidence
        that the windows between pairs in order (fill_gaps, lone_in_gaps) do not see.  The
        same pairs are found from either side.
        """
        options: list[tuple[float, int, int]] = []
        for i in self.free_old():
            for k in (i - 1, i + 1):
                j = self.old_to.get(k, -2) + (i - k)
                if 0 <= j < len(self.new) and j not in self.new_to and self.sim(k, j + k - i) >= CONFIDENT \
                        and self.sim(i, j) >= GAP_OVERLAP_FLOOR and not self.evidence_elsewhere(i, j):
                    options.append((self.score(i, j), i, j))
        self.greedy(sorted(set(options)))

    def evidence_elsewhere(self, i: int, j: int, both: bool = False) -> bool:
        """True when a sentence of old i or of new j (of both, with `both`) is linked into a
        third article more strongly than into the other one: then position alone is no
        reason to pair them."""
        here = self.parts.get((i, j), 0.0)
        old_elsewhere = any(w > here for other, w in self.piece_of.get(("old", i), ()) if other != j)
        new_elsewhere = any(w > here for other, w in self.piece_of.get(("new", j), ()) if other != i)
        return old_elsewhere and new_elsewhere if both else old_elsewhere or new_elsewhere

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

    def light(self, i: int, j: int) -> bool:
        """True when either article carries next to no words (MIN_PIECE_WEIGHT): a placeholder such
        as "(weggefallen)", "（删去）" or "-".  Two of them are alike whatever they stood for, so
        their likeness is no evidence of where they went: only their place is (fill_gaps pairs
        them in order between matched neighbours), never a confident anchor or a move."""
        view_weight = self.scorer.view_weight
        return min(view_weight(self.old[i]), view_weight(self.new[j])) < MIN_PIECE_WEIGHT

    def cite_apart(self, i: int, j: int) -> bool:
        """True when old i and new j both cite articles already aligned and no citation of one
        is a citation of the other, as written or through the alignment.  Cross-reference numbers
        are masked for similarity, so "本法第八十七条的规定适用于…" and "本法第四十四条的规定，适用于…"
        look alike; what they apply is what they cite, and that is told apart here."""
        old_refs, new_refs = self._citations("old", i), self._citations("new", j)
        if not old_refs or not new_refs or old_refs & new_refs:
            return False
        forward = {self.new[self.old_to[k]].number for k in self._cited_positions("old", old_refs)
                   if k in self.old_to}
        backward = {k for k in self._cited_positions("new", new_refs) if k in self.new_to}
        return bool(forward) and bool(backward) and not forward & new_refs

    def _citations(self, side: str, x: int) -> set[str]:
        key = (side, x)
        found = self._citation_cache.get(key)
        if found is None:
            view = self.old[x] if side == "old" else self.new[x]
            found = self._citation_cache[key] = set(article_references(view.norm)) - {view.number}
        return found

    def _cited_positions(self, side: str, numbers: set[str]) -> list[int]:
        where = self._positions[side]
        return sorted(where[n] for n in numbers if n in where)

    @cached_property
    def _positions(self) -> dict[str, dict[str, int]]:
        """Per side, article number -> position (built once, for the first citation compared)."""
        return {side: {view.number: view.index for view in views if view.number}
                for side, views in (("old", self.old), ("new", self.new))}

    def _placeholder_pair(self, i: int, j: int) -> bool:
        a, b = self.old[i], self.new[j]
        return bool(a.number) and a.number == b.number and self.light(i, j)

    def overlaps(self, cands: list[tuple[int, int]]) -> None:
        """Pair free articles when most of the smaller one is found in the other.

        An article that grew a new paragraph, or lost most of its text, has a low Dice
        similarity to its successor but a high overlap; a rare-feature weight floor keeps
        short boilerplate from pairing this way.  When the sentences of each of the two go to
        a third article more strongly than to the other one (evidence_elsewhere on both
        sides), each has its counterpart already and the overlap is the shared vocabulary of
        one chapter (a short new rule on the same subject), not a successor.  One side alone
        is not enough: an old article whose sentences went to one successor may still have
        a second, the one it overlaps, that took a part no sentence link shows.  Two articles
        that cite different articles (cite_apart) overlap in the wording of a citation only.
        """
        weight = self.scorer.weight
        options: list[tuple[float, int, int]] = []
        for i, j in cands:
            if i in self.old_to or j in self.new_to:
                continue
            a, b = self.old[i], self.new[j]
            smaller = min(self.scorer.view_weight(a), self.scorer.view_weight(b))
            if smaller < MIN_PIECE_WEIGHT:
                continue
            shared = weight(a.feats & b.feats)
            if shared >= CONTAINED * smaller and self.sim(i, j) >= OVERLAP_FLOOR and not self.claimed(i, j) \
                    and not self.evidence_elsewhere(i, j, both=True) and not self.cite_apart(i, j):
                options.append((shared / smaller + self.sim(i, j), i, j))
        self.greedy(options)

    def long_moves(self, cands: list[tuple[int, int]]) -> None:
        self.greedy([(self.score(i, j), i, j) for i, j in cands
                     if i not in self.old_to and j not in self.new_to and self.sim(i, j) >= LONG_MOVE
                     and not self.light(i, j)])

    def near_moves(self, cands: list[tuple[int, int]]) -> None:
        """Pair free articles that are fairly similar and sit next to where a neighbour went
        (seen from either side).

        When two neighbours swap places, or an article moves by a step or two, neither
        order nor a gap window holds them, yet the neighbourhood is strong evidence.
        """
        def near(i: int, j: int) -> bool:
            spots = [(self.old_to[k], j) for k in (i - 1, i + 1) if k in self.old_to]
            spots += [(self.new_to[k], i) for k in (j - 1, j + 1) if k in self.new_to]
            return any(abs(a - b) <= NEAR for a, b in spots)

        self.greedy([(self.score(i, j), i, j) for i, j in cands
                     if i not in self.old_to and j not in self.new_to and self.sim(i, j) >= NEAR_MOVE
                     and near(i, j) and not self.claimed(i, j) and not self.light(i, j)])

    def successors(self, evidence: dict[tuple[int, int], float]) -> None:
        """Pair unmatched articles whose sentence links make them each other's strongest evidence:
        a rewritten article whose rule survives in its successor."""
        options = [(w, i, j) for (i, j), w in evidence.items() if i not in self.old_to and j not in self.new_to]
        best_old: dict[int, tuple] = {}
        best_new: dict[int, tuple] = {}
        for w, i, j in options:
            key = self.order(w, i, j)
            if i not in best_old or key < best_old[i][0]:
                best_old[i] = (key, j)
            if j not in best_new or key < best_new[j][0]:
                best_new[j] = (key, i)
        self.greedy([(w, i, j) for w, i, j in options if best_old[i][1] == j and best_new[j][1] == i])

    def orphan_copies(self) -> list[UnitLink]:
        """The one-sided sentence links (SentenceLinks.copies) of an article left with no link at all,
        when they carry most (LINK_SHARE) of its weight: a new article made of a paragraph
        copied from an old one (whose successor kept it too), or, seen from the other side, an
        old article that lives on only as such a copy.

        Only for articles left alone, and only when most of the article is the copy: a copy
        of a few sentences into an article that has a successor, or that says much else, is
        more often a parallel rule for another actor (the same words for another kind of
        company, for the supervisors instead of the directors) than the article's content.
        And only for a piece: a lone article that repeats most (LINK_SHARE) of the other one,
        whose own successor continues it, is that parallel rule written out whole (the
        dissenting shareholders' buy-back for the other kind of company, the State Council's
        version of the NPC's power), not a part that left it.
        """
        alone: list[tuple[str, UnitLink]] = []
        for side, link in self.sentences.copies:
            if side == "old" and link.old not in self.old_to and ("old", link.old) not in self.piece_of or \
                    side == "new" and link.new not in self.new_to and ("new", link.new) not in self.piece_of:
                alone.append((side, link))
        carried: dict[tuple[str, int, int], float] = defaultdict(float)
        for side, link in alone:
            carried[(side, link.old, link.new)] += link.weight
        out: list[UnitLink] = []
        view_weight = self.scorer.view_weight
        for side, link in alone:
            lone, source = (self.old[link.old], self.new[link.new]) if side == "old" else \
                (self.new[link.new], self.old[link.old])
            carried_here = carried[(side, link.old, link.new)]
            if carried_here >= LINK_SHARE * view_weight(lone) and carried_here < LINK_SHARE * view_weight(source):
                out.append(link)
        return out

    def only_here(self, evidence: dict[tuple[int, int], float]) -> list[UnitLink]:
        """Sentence links of articles left with no link at all, to the article where their words
        came from (or went): a sentence of the lone article whose best counterpart is in an
        article that is linked elsewhere, sharing with it rare words that none of that
        article's linked partners holds (LINK_WEIGHT of them).  Those words did not stay with
        the successor; they live on only here: a clause that became an article of its own,
        a removed article that became an item of another.

        The two sentences need to be a sentence link in their own right (CONTAINED or
        REWRITTEN) unless the lone article sits right next to (NEAR) one of the articles the
        other is linked to: a paragraph that left an article to become one of its own is
        usually placed beside the article's successor (a split in place), or a removed article
        beside the other piece of its merge, and that place speaks for a looser likeness, as it
        does inside a gap between anchors (fill_gaps).  Read by hand on the national corpus's
        revisions, 14 of the 17 links this adds are right; without the place, the same loose
        likenesses were right in 6 of 17 read (mostly a shared subject, not a rule that moved).
        """
        choices = self.sentences.choices
        if choices is None:
            return []
        old_units, new_units, scored = choices.old_units, choices.new_units, choices.scored
        best_old, best_new = choices.best_old, choices.best_new
        articles_old, articles_new = choices.articles_old, choices.articles_new
        linked_old: dict[int, set[int]] = defaultdict(set)
        linked_new: dict[int, set[int]] = defaultdict(set)
        for i, j in list(self.old_to.items()) + list(evidence):
            linked_old[i].add(j)
            linked_new[j].add(i)
        found: dict[tuple[int, int], list[UnitLink]] = defaultdict(list)
        unique: dict[tuple[int, int], float] = defaultdict(float)
        elsewhere_of: dict[tuple[str, int], set[str]] = {}  # the words of a source article's partners
        # The lone article's sentences choose (new side, then old side: the same pairs whichever
        # side is called old).
        lone_choices = [(a, b, "new") for b, (_, a) in sorted(best_new.items())] + \
            [(a, b, "old") for a, (_, b) in sorted(best_old.items())]
        for a, b, lone_side in lone_choices:
            u, v = old_units[a], new_units[b]
            lone_linked = v.article in linked_new if lone_side == "new" else u.article in linked_old
            other_linked = linked_old.get(u.article) if lone_side == "new" else linked_new.get(v.article)
            if lone_linked or not other_linked or \
                    len(articles_new[b]) >= BOILERPLATE_ARTICLES or len(articles_old[a]) >= BOILERPLATE_ARTICLES:
                continue
            dice, shared, contained = scored[(a, b)]
            # A sentence link in its own right, or any likeness when the lone article sits next to
            # (NEAR) an article the other one is linked to: where the rest of it went.
            lone_article = v.article if lone_side == "new" else u.article
            if not (contained or dice >= REWRITTEN or any(abs(lone_article - x) <= NEAR for x in other_linked)):
                continue
            source_key = (lone_side, u.article if lone_side == "new" else v.article)
            elsewhere = elsewhere_of.get(source_key)
            if elsewhere is None:  # the same for every sentence of one source article
                partners = self.new if lone_side == "new" else self.old
                elsewhere = elsewhere_of[source_key] = set().union(*(partners[x].feats for x in other_linked))
            unique[(u.article, v.article)] += self.scorer.weight((u.feats & v.feats) - elsewhere)
            found[(u.article, v.article)].append(UnitLink(u.article, v.article, u.line, v.line, round(dice, 4), shared,
                                                          old_unit=a, new_unit=b))
        out: list[UnitLink] = []
        for (i, j), links in sorted(found.items()):
            carried = sum(link.weight for link in links)
            lone_old = i not in linked_old
            source = self.new[j] if lone_old else self.old[i]
            whole_copy = carried >= LINK_SHARE * self.scorer.view_weight(source)  # see orphan_copies
            if unique[(i, j)] >= LINK_WEIGHT and not whole_copy:
                out.extend(links)
        return out

    def lookalikes_by_place(self) -> tuple[list[UnitLink], list[UnitLink]]:
        """Sentence links between look-alikes chosen by place: the links to add and the mutual
        links (SentenceLinks.links) they replace.

        A sentence with near-identical counterparts (LOOKALIKE of its best, mostly contained) in
        a few articles of the other side (two, and fewer than BOILERPLATE_ARTICLES: look-alikes,
        not boilerplate) chooses the one in the article next to (NEAR) its own article's 1:1
        partner, when exactly one of them is that near; otherwise, or when its article has no
        partner, its best counterpart as before.  A look-alike there that is already the mutual
        best counterpart of another sentence of the same article is not chosen: two sentences of
        one article written alike (a rule and its variant for another case) each have their own
        counterpart, and the partner holding one of them says nothing of where the other went.
        Two sentences are linked when each chooses the other (and they are mostly contained or
        REWRITTEN similar, as any sentence link).

        The same rule written for two actors (the directors' duty not to take bribes and the
        liquidators') is a pair of look-alikes, and which of them a sentence matches best by its
        words is a matter of a word or two; where it went, beside the successor of its article,
        is the stronger evidence.  Read by hand on the national corpus's revisions, the 11 article
        links this adds or removes are right (the look-alike of another actor or procedure dropped,
        the paragraph that moved beside the successor found); on the held-out gold revisions it
        raises pair F1.
        """
        choices = self.sentences.choices
        if choices is None:
            return [], []
        old_units, new_units, scored = choices.old_units, choices.new_units, choices.scored
        counterparts: dict[tuple[str, int], list[int]] = defaultdict(list)  # mostly contained ones
        for a, b in sorted(scored):
            if scored[(a, b)][2]:
                counterparts[("old", a)].append(b)
                counterparts[("new", b)].append(a)
        memo: dict[tuple[str, int], int] = {}

        def taken(side: str, unit: int, other: int) -> bool:
            """Is `other` (a sentence of the other side) the mutual best counterpart of another
            sentence of the article that holds `unit`?"""
            own, theirs = (choices.best_old, choices.best_new) if side == "old" else (choices.best_new, choices.best_old)
            units = old_units if side == "old" else new_units
            mate = theirs[other][1]  # (every scored sentence has a best counterpart)
            return mate != unit and units[mate].article == units[unit].article and own[mate][1] == other

        def chosen(side: str, unit: int) -> int:
            """The counterpart a sentence chooses: by place (see above), else its best."""
            found = memo.get((side, unit))
            if found is not None:
                return found
            units, others = (old_units, new_units) if side == "old" else (new_units, old_units)
            found = (choices.best_old if side == "old" else choices.best_new)[unit][1]
            lookalikes = (choices.articles_old if side == "old" else choices.articles_new)[unit]
            partner = (self.old_to if side == "old" else self.new_to).get(units[unit].article)
            if partner is not None and 2 <= len(lookalikes) < BOILERPLATE_ARTICLES:
                near = [x for x in lookalikes if abs(x - partner) <= NEAR]
                # A sentence there that is the mutual best counterpart of another sentence of this one's
                # own article is taken: that look-alike is its sibling's successor, not its own.
                free = [o for o in counterparts[(side, unit)] if others[o].article == near[0]
                        and not taken(side, unit, o)] if len(near) == 1 else []
                if free:
                    # the most similar sentence of that article (a look-alike there has one)
                    found = min((-scored[(unit, o) if side == "old" else (o, unit)][0], o) for o in free)[1]
            memo[(side, unit)] = found
            return found

        added: list[UnitLink] = []
        replaced: list[UnitLink] = []
        for (a, b), (dice, shared, contained) in sorted(scored.items()):
            if len(choices.articles_old[a]) >= BOILERPLATE_ARTICLES or \
                    len(choices.articles_new[b]) >= BOILERPLATE_ARTICLES or not (contained or dice >= REWRITTEN):
                continue
            before = choices.best_old[a][1] == b and choices.best_new[b][1] == a
            now = chosen("old", a) == b and chosen("new", b) == a
            if before != now:
                u, v = old_units[a], new_units[b]
                (added if now else replaced).append(UnitLink(u.article, v.article, u.line, v.line,
                                                             round(dice, 4), shared, old_unit=a, new_unit=b))
        return added, replaced

    def lone_sentences(self) -> list[UnitLink]:
        """Pair two articles still alone (no pair, no substantial sentence evidence) when a
        sentence of each is the other's best counterpart in the whole other version and the two
        share a rule's worth of rare words (LINK_WEIGHT), however far apart they are.

        Such a sentence pair was too loosely reworded to count as a piece (neither CONTAINED nor
        REWRITTEN similar), but among all the sentences of both versions these two chose each
        other, and nothing else speaks for either article: a policy article rewritten around
        its subject (the courts' handling of financial cases, the statutory reserve of
        geological data) keeps little wording and no place.  Boilerplate (look-alikes in
        BOILERPLATE_ARTICLES articles) is no evidence here either.  Read by hand on the
        national corpus's revisions, about two in three of these pairs are the successor (the
        others share a subject's words, not its rule); on tests/data/gold-dev the pass pairs
        three articles, one of them right (Beijing 14 -> 71), which leaves pair F1 level.
        """
        choices = self.sentences.choices
        if choices is None:
            return []
        options: list[tuple[float, int, int]] = []
        found: dict[tuple[int, int], list[UnitLink]] = defaultdict(list)
        for a, (_, b) in sorted(choices.best_old.items()):
            if choices.best_new[b][1] != a:
                continue
            i, j = choices.old_units[a].article, choices.new_units[b].article
            if i in self.old_to or j in self.new_to or ("old", i) in self.piece_of or ("new", j) in self.piece_of:
                continue
            if len(choices.articles_old[a]) >= BOILERPLATE_ARTICLES or \
                    len(choices.articles_new[b]) >= BOILERPLATE_ARTICLES:
                continue
            dice, shared, _ = choices.scored[(a, b)]
            if shared >= LINK_WEIGHT:
                options.append((shared, i, j))
                u, v = choices.old_units[a], choices.new_units[b]
                found[(i, j)].append(UnitLink(i, j, u.line, v.line, round(dice, 4), shared, old_unit=a, new_unit=b))
        self.greedy(options)
        # the sentences that made a pair are its evidence (the parts of the change)
        return [link for (i, j), links in sorted(found.items()) if self.old_to.get(i) == j for link in links]

    def claimed(self, i: int, j: int) -> bool:
        """True when the old or the new article is mostly a piece of a third article (its
        sentences, LINK_SHARE of its weight or more, are found there, more than here):
        then a weak whole-article likeness to the other one is no reason to pair them."""
        here = self.parts.get((i, j), 0.0)
        for side, x, weight in (("old", i, self.scorer.view_weight(self.old[i])),
                                ("new", j, self.scorer.view_weight(self.new[j]))):
            for other, w in self.piece_of.get((side, x), ()):
                if other != (j if side == "old" else i) and w > here and w >= LINK_SHARE * weight:
                    return True
        return False

    def run(self) -> list[Group]:
        exact = sorted(self.old_to.items())
        cands = self.candidates()
        # The sentence links (found in __init__) keep the weaker passes below from pairing an
        # article that is a piece of another.
        units = self.sentences.links
        self.parts = self.sentences.evidence(units)
        self.piece_of = defaultdict(list)
        for (i, j), w in sorted(self.parts.items()):
            self.piece_of[("old", i)].append((j, w))
            self.piece_of[("new", j)].append((i, w))
        self.anchors(exact, cands)
        self.fill_gaps()
        cands = self.candidates()
        self.long_moves(cands)
        self.near_moves(cands)
        self.overlaps(cands)
        self.fill_gaps()
        self.successors(self.parts)
        self.lone_in_gaps()
        self.beside_neighbours()
        lone = self.lone_sentences()
        # Look-alikes chosen by place replace the links chosen by a word or two of wording.
        placed, replaced = self.lookalikes_by_place()
        evidence = dict(self.parts)  # self.sentences.evidence(units), made when the pairs were
        if placed or replaced:
            gone = set(replaced)
            units = [link for link in units if link not in gone] + placed
            evidence = self.sentences.evidence(units)
        # Sentence links that count as evidence beyond the mutual ones: one-sided copies, the
        # sentences of lone pairs, and the words that live on only in a lone article.
        more = self.orphan_copies() + lone
        for link in more:
            evidence[(link.old, link.new)] = evidence.get((link.old, link.new), 0.0) + link.weight
        only = self.only_here(evidence)
        more += only
        for link in only:
            evidence[(link.old, link.new)] = evidence.get((link.old, link.new), 0.0) + link.weight
        # (a one-sided link may repeat a mutual one too light to count on its own: once)
        units = sorted(set(units + more),
                       key=lambda k: (k.old, k.new, k.old_line, k.new_line, k.similarity, k.weight))
        principal = sorted(self.old_to.items())
        parts = {pair: w for pair, w in evidence.items() if self.old_to.get(pair[0]) != pair[1]}
        return self._groups(principal, parts, units)

    def _groups(self, principal: list[tuple[int, int]], parts: dict[tuple[int, int], float],
                units: list[UnitLink]) -> list[Group]:
        """The groups the links make: each principal link one group, then the part links,
        strongest first, joining groups.

        A part link that would join two groups is kept only while the joined group stays
        a re-cut a reader can follow: at most RECUT_SPAN article pairs of the joined group
        that are not links themselves (a change is read as "these old articles became these
        new ones").  Whatever it does not join remains evidence on its own group.
        """
        group_of: dict[tuple[str, int], int] = {}
        members: list[tuple[set[int], set[int], list[tuple[int, int]]]] = []
        for i, j in principal:
            group_of[("o", i)] = group_of[("n", j)] = len(members)
            members.append(({i}, {j}, [(i, j)]))
        for (i, j), weight in sorted(parts.items(), key=lambda item: self.order(item[1], *item[0])):
            a, b = group_of.get(("o", i)), group_of.get(("n", j))
            if a is not None and a == b:
                members[a][2].append((i, j))
                continue
            olds = (members[a][0] if a is not None else {i}) | (members[b][0] if b is not None else set())
            news = (members[b][1] if b is not None else {j}) | (members[a][1] if a is not None else set())
            links = (members[a][2] if a is not None else []) + (members[b][2] if b is not None else []) + [(i, j)]
            if len(olds) * len(news) - len(links) > RECUT_SPAN:
                continue
            target = len(members)
            members.append((olds, news, links))
            for x in olds:
                group_of[("o", x)] = target
            for y in news:
                group_of[("n", y)] = target
            for dead in (a, b):
                if dead is not None:
                    members[dead] = (set(), set(), [])
        principal_set = set(principal)
        groups: list[Group] = []
        for olds, news, links in members:
            if not links:
                continue
            group = Group(sorted(olds), sorted(news), links=sorted(links))
            group.principal = [link for link in group.links if link in principal_set]
            group.exact = len(group.links) == 1 and group.old[0] in self.exact_old
            groups.append(group)
        by_old = {i: group for group in groups for i in group.old}
        by_new = {j: group for group in groups for j in group.new}
        for link in units:
            old_group, new_group = by_old.get(link.old), by_new.get(link.new)  # the groups holding its units
            if old_group is not None and old_group is new_group:
                old_group.units.append(link)
            elif (link.old, link.new) in parts and not self.sentences.kept_beside(
                    link, old_group.new if old_group is not None else (),
                    new_group.old if new_group is not None else ()):
                # A part link left out of the groups stays evidence on both sides: a paragraph
                # that moved, unless its wording also stayed where it was (a copy).
                for holder in (old_group, new_group):
                    if holder is not None:
                        holder.away.append(link)
        for group in groups:
            group.similarity = self.group_similarity(group)
        return sorted(groups, key=lambda g: (g.new[0], g.old[0]))

    def group_similarity(self, group: Group) -> float:
        if len(group.old) == 1 and len(group.new) == 1:
            return self.sim(group.old[0], group.new[0])
        old_feats: set[str] = set().union(*(self.old[i].feats for i in group.old))
        new_feats: set[str] = set().union(*(self.new[j].feats for j in group.new))
        total = self.scorer.weight(old_feats) + self.scorer.weight(new_feats)
        return 2 * self.scorer.weight(old_feats & new_feats) / total if total else 1.0


def align(old: list[ArticleView], new: list[ArticleView]) -> list[Group]:
    """Matched groups, ordered by their first new article; unmatched articles are in none.

    Which articles correspond is a property of the two versions, not of the order they are
    given in: every pass treats both sides alike, so align(B, A) mirrors align(A, B).
    """
    return Aligner(old, new).run()
