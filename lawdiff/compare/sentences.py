"""The level where text moves: sentences (句, also cut at ；), each known with the paragraph or
point (款/项) that holds it, linked to their counterparts in the other version.

Sentences are found through an inverted index of their rare bigrams (no loop over all pairs of
sentences).  A sentence's best counterpart is the one closest in wording, the articles around
the two deciding between counterparts worded about as loosely (CONTEXT_WEIGHT).  Two sentences
are linked when each is the other's best counterpart and most of the smaller one is found in
the other, or they are still similar as a whole (one sentence reworded); a sentence with
look-alikes in several articles of the other side (penalty formulas, "法律另有规定的，从其规定") is
boilerplate and links nothing; but when it is a condition clause "……的，" followed by such a
formula, the condition is the article's own rule and may still link, cut off from the formula.
A sentence copied into two articles is mutually best with only one of them: the other, one-sided
link is kept apart (`copies`) for the aligner to judge.  The links are computed once, after the
exact article matches: they do not depend on the article pairs, which are what they add up to
(lawdiff.compare.align).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from lawdiff.compare.similarity import ArticleView, Scorer, pair_order, shared_weights
from lawdiff.text.normalize import features, mask_references, normalize

# Thresholds on IDF weights and on the weighted Dice similarity (0..1), measured with
# bench/align_eval.py; the article level (align) uses them too.
CONTAINED = 0.6  # share of the smaller sentence (or article) found in the other
# Two sentences that are each other's best counterpart but share less than CONTAINED are
# one sentence rewritten when this similar.
REWRITTEN = 0.25
MIN_PIECE_WEIGHT = 8.0  # sentences and articles lighter than this (IDF weight) are no evidence
BOILERPLATE_ARTICLES = 3  # a sentence with look-alikes in this many articles of the other side
LOOKALIKE = 0.8  # ... a look-alike: at least this share of the similarity of its best counterpart
# A sentence chooses its counterpart by its wording first and by its context second: the Dice of
# the two articles around the pair adds up to this share of what the wording leaves open
# (1 - the sentences' Dice).  A sentence carried word for word is placed by its wording and place
# alone; one reworded as loosely in two articles goes to the article that is its own article's
# successor, not to the one that happens to share a word more with it.
CONTEXT_WEIGHT = 0.2
LINK_WEIGHT = 20.0  # sentence evidence that makes an article link (about one short rule) ...
LINK_SHARE = 0.6  # ... or that covers this share of one paragraph or point (款/项) of either article
UNIT_RARE_WEIGHT = MIN_PIECE_WEIGHT  # sentence pairs sharing this much weight of rare bigrams are scored
UNIT_MAX_DF = 10  # sentence candidates are searched by bigrams found in at most this many sentences
LINE_MARK = "\ue000"  # joins lines for one normalisation (kept by NFKC, no word character)
# A sentence: up to and including a Chinese full stop, semicolon, question or exclamation
# mark, a Latin one followed by a space, or the end of a line.
SENTENCE = re.compile(r"(?:[^。；！？;!?.\n]|\.(?!\s))+[。；！？;!?.]?")
# A Chinese rule sentence "(condition)的，(consequence)" is cut after the first 的， (NFKC has made
# the comma ASCII), see condition_clause; only a boilerplate sentence is cut there (unit_links).
CONDITION_END = "的,"


@dataclass(frozen=True)
class UnitLink:
    """A sentence of an old article found in a new article: the evidence behind a link.

    `old_line` and `new_line` are the paragraph/point (款/项) indexes inside each article
    body (its lines); `similarity` is the weighted Dice of the two sentences, `weight` the
    IDF weight they share.
    """

    old: int  # article positions
    new: int
    old_line: int
    new_line: int
    similarity: float
    weight: float
    # The two sentences (indexes into SentenceLinks.choices; -1 for a piece of a cut boilerplate
    # sentence), to find where else they live on (SentenceLinks.kept_beside).  Not part of a
    # link's identity: the fields above are.
    old_unit: int = field(default=-1, compare=False)
    new_unit: int = field(default=-1, compare=False)


@dataclass
class Unit:
    """One sentence of an article, with the paragraph/point (line) that holds it."""

    article: int
    line: int
    feats: set[str]
    weight: float
    condition: str = ""  # the sentence's condition clause (condition_clause), if it has one
    # "condition" or "formula": this unit is that piece of a boilerplate sentence cut after its
    # condition clause; "" for a whole sentence.
    piece: str = ""


def condition_clause(sentence: str) -> str:
    """The sentence up to and including its first 的， when something precedes and follows it
    (a plain search: no pattern that could backtrack on a long line)."""
    end = sentence.find(CONDITION_END)
    return sentence[:end + len(CONDITION_END)] if 0 < end and end + len(CONDITION_END) < len(sentence) else ""


@dataclass
class Choices:
    """What unit_links found per sentence: the scored pairs (Dice, shared weight, contained),
    each sentence's best counterpart, and the articles holding a look-alike of it."""

    old_units: list[Unit]
    new_units: list[Unit]
    scored: dict[tuple[int, int], tuple[float, float, bool]]
    best_old: dict[int, tuple]
    best_new: dict[int, tuple]
    articles_old: dict[int, set[int]]
    articles_new: dict[int, set[int]]


class SentenceLinks:
    """The sentence links between the articles of two versions that are not matched exactly.

    `links` are the mutual links (see unit_links), `choices` each sentence's best counterpart and
    look-alikes, `copies` the one-sided links set aside, `line_weight` the weight of the sentences
    of each paragraph or point: (side, article, line) -> weight.
    """

    def __init__(self, old: list[ArticleView], new: list[ArticleView], exact_old: set[int],
                 exact_new: set[int], scorer: Scorer) -> None:
        self.old = old
        self.new = new
        self.exact_old = exact_old
        self.exact_new = exact_new
        self.scorer = scorer
        self.copies: list[tuple[str, UnitLink]] = []
        self.choices: Choices | None = None
        # (side, article) -> its sentences in self.choices (kept_beside)
        self._units_by_article: dict[tuple[str, int], list[Unit]] | None = None
        self.line_weight: dict[tuple[str, int, int], float] = defaultdict(float)
        self.links = self.unit_links()

    def order(self, value: float, i: int, j: int) -> tuple[float, int, int, tuple[str, str]]:
        return pair_order(value, i, j, self.old[i].body, self.new[j].body)

    def _units(self, view: ArticleView) -> list[Unit]:
        """The sentences of an article that carry enough weight, with their line index."""
        idf = self.scorer.idf
        out: list[Unit] = []
        # One normalisation per article: lines joined by a private-use character that
        # normalisation keeps, so that the lines can be told apart afterwards.
        lines = mask_references(normalize(view.body.replace("\n", LINE_MARK))).split(LINE_MARK)
        for line_index, line in enumerate(lines):
            for sentence in SENTENCE.findall(line):
                feats = features(sentence) & view.feats
                weight = math.fsum(map(idf.__getitem__, feats))
                if weight >= MIN_PIECE_WEIGHT:
                    out.append(Unit(view.index, line_index, feats, weight, condition_clause(sentence)))
        return out

    def _cut_boilerplate(self, units: list[Unit], boilerplate: set[int]) -> list[Unit]:
        """The units with each boilerplate sentence that has a condition clause replaced by its
        two pieces, when both carry weight: "公司在财务会计报告上作虚假记载的，由有关主管部门……
        处以罚款" is a penalty formula (look-alikes in many articles) after a condition that is
        the article's own."""
        idf = self.scorer.idf
        out: list[Unit] = []
        for index, unit in enumerate(units):
            if index in boilerplate:
                condition = features(unit.condition) & unit.feats
                rest = unit.feats - condition
                weights = [math.fsum(map(idf.__getitem__, condition)), math.fsum(map(idf.__getitem__, rest))]
                if min(weights) >= MIN_PIECE_WEIGHT:
                    out.append(Unit(unit.article, unit.line, condition, weights[0], piece="condition"))
                    out.append(Unit(unit.article, unit.line, rest, weights[1], piece="formula"))
                    continue
            out.append(unit)
        return out

    def _choose(self, old_units: list[Unit], new_units: list[Unit], unit_df: Counter[str], max_df: int) -> tuple[
            dict[tuple[int, int], tuple[float, float, bool]], dict[int, tuple], dict[int, tuple],
            dict[int, set[int]], dict[int, set[int]]]:
        """The scored sentence pairs, each sentence's best counterpart, and per sentence the
        articles of the other side holding a look-alike of it (see unit_links); a sentence
        pair is scored when it shares UNIT_RARE_WEIGHT of bigrams found in at most max_df
        sentences (unit_df)."""
        idf = self.scorer.idf
        # Every pair sharing enough rare weight (no per-side ranking: the same pairs whichever
        # side is old, and no heaps).
        pairs = [(a, b) for b, acc in enumerate(shared_weights(idf, unit_df, max_df, [u.feats for u in new_units],
                                                                [u.feats for u in old_units]))
                 for a, w in acc.items() if w >= UNIT_RARE_WEIGHT]
        scored: dict[tuple[int, int], tuple[float, float, bool]] = {}
        for a, b in pairs:
            u, v = old_units[a], new_units[b]
            dice, shared = self._likeness(u, v)
            if shared >= MIN_PIECE_WEIGHT:
                contained = shared >= CONTAINED * min(u.weight, v.weight)
                scored[(a, b)] = (dice, shared, contained)
        # Per sentence: its best counterpart (its wording, then its context), and the articles
        # holding a look-alike (by wording alone).
        best_old: dict[int, tuple] = {}
        best_new: dict[int, tuple] = {}
        top_old: dict[int, float] = defaultdict(float)  # the highest Dice of each sentence
        top_new: dict[int, float] = defaultdict(float)
        articles_old: dict[int, set[int]] = defaultdict(set)  # old sentence -> new articles
        articles_new: dict[int, set[int]] = defaultdict(set)
        article_dice: dict[tuple[int, int], float] = {}
        for (a, b), (dice, _, contained) in scored.items():
            u, v = old_units[a], new_units[b]
            top_old[a] = max(top_old[a], dice)
            top_new[b] = max(top_new[b], dice)
            context = article_dice.get((u.article, v.article))
            if context is None:
                context = article_dice[(u.article, v.article)] = self.scorer.dice(self.old[u.article],
                                                                                   self.new[v.article])
            value = dice + CONTEXT_WEIGHT * (1 - dice) * context
            key = self.order(value, u.article, v.article) + (min(u.line, v.line), max(u.line, v.line))
            if a not in best_old or key < best_old[a][0]:
                best_old[a] = (key, b)
            if b not in best_new or key < best_new[b][0]:
                best_new[b] = (key, a)
        for (a, b), (dice, _, contained) in scored.items():
            if contained and dice >= LOOKALIKE * top_old[a]:
                articles_old[a].add(new_units[b].article)
            if contained and dice >= LOOKALIKE * top_new[b]:
                articles_new[b].add(old_units[a].article)
        return scored, best_old, best_new, articles_old, articles_new

    def unit_links(self) -> list[UnitLink]:
        """Sentences of articles not matched exactly, linked to their best counterpart.

        A link needs each sentence the best counterpart of the other (so a sentence kept by
        the successor is not also claimed by a look-alike elsewhere), most of the smaller
        sentence in the other (CONTAINED) or a similarity of REWRITTEN, and neither sentence
        a boilerplate with look-alikes (LOOKALIKE of its best similarity, mostly contained)
        in BOILERPLATE_ARTICLES articles of the other side.
        """
        old_units = [u for v in self.old if v.index not in self.exact_old for u in self._units(v)]
        new_units = [u for v in self.new if v.index not in self.exact_new for u in self._units(v)]
        for side, units in (("old", old_units), ("new", new_units)):
            for unit in units:
                self.line_weight[(side, unit.article, unit.line)] += unit.weight
        if not old_units or not new_units:
            return []
        unit_df: Counter[str] = Counter()
        for unit in old_units + new_units:
            unit_df.update(unit.feats)
        max_df = max(UNIT_MAX_DF, (len(old_units) + len(new_units)) // 200)
        self.choices = choices = Choices(old_units, new_units, *self._choose(old_units, new_units, unit_df, max_df))
        links = self._links(choices, keep_copies=True)
        # A boilerplate sentence links nothing; when it is a condition clause followed by the
        # shared formula, the condition alone may still be the article's own rule.  The sentences
        # are chosen again with such sentences cut in two, and only the mutual links of a
        # condition are added (the formula half is no evidence; nothing else changes its choice).
        cut_old = {a for a, arts in choices.articles_old.items()
                   if len(arts) >= BOILERPLATE_ARTICLES and old_units[a].condition}
        cut_new = {b for b, arts in choices.articles_new.items()
                   if len(arts) >= BOILERPLATE_ARTICLES and new_units[b].condition}
        if cut_old or cut_new:
            # Only the neighbourhood is chosen again: a piece shares less than its sentence, so
            # its counterparts are among the sentence's (scored), and theirs among their own.
            # (The two pieces hold each bigram of the sentence once: unit_df is unchanged.)
            scored = choices.scored
            near_new = {b for a, b in scored if a in cut_old}
            near_old = {a for a, b in scored if b in cut_new}
            keep_old = sorted(cut_old | near_old | {a for a, b in scored if b in near_new})
            keep_new = sorted(cut_new | near_new | {b for a, b in scored if a in near_old})
            old_cut = self._cut_boilerplate([old_units[a] for a in keep_old],
                                            {k for k, a in enumerate(keep_old) if a in cut_old})
            new_cut = self._cut_boilerplate([new_units[b] for b in keep_new],
                                            {k for k, b in enumerate(keep_new) if b in cut_new})
            again = self._choose(old_cut, new_cut, unit_df, max_df)
            links += self._links(Choices(old_cut, new_cut, *again), keep_copies=False)
        return sorted(links, key=lambda k: (k.old, k.new, k.old_line, k.new_line))

    def _links(self, choices: Choices, keep_copies: bool) -> list[UnitLink]:
        """The mutual sentence links of `choices`; with keep_copies the one-sided ones go to
        self.copies, without it only the links of the condition clause of a cut sentence are
        returned (its formula half, however few look-alikes it has left, is no evidence)."""
        old_units, new_units, scored = choices.old_units, choices.new_units, choices.scored
        best_old, best_new = choices.best_old, choices.best_new
        articles_old, articles_new = choices.articles_old, choices.articles_new
        links: list[UnitLink] = []
        # One sentence copied into several articles: the copy's best counterpart is the
        # original, whose own best is its successor, so the pair is not mutually best.  Such a
        # one-sided link is set aside (self.copies, see align.Aligner.orphan_copies) when the sentence that
        # chose it is mostly found in the other (CONTAINED), carries a rule (LINK_WEIGHT), has
        # a look-alike in no other article (its choice is unambiguous), and, with the other
        # links between the two articles, covers most (LINK_SHARE) of its paragraph.
        copies: list[tuple[str, int, int, int, UnitLink]] = []
        covered: dict[tuple[str, int, int, int], float] = defaultdict(float)
        for (a, b), (dice, shared, contained) in sorted(scored.items()):
            if len(articles_old[a]) >= BOILERPLATE_ARTICLES or len(articles_new[b]) >= BOILERPLATE_ARTICLES:
                continue
            old_chose, new_chose = best_old[a][1] == b, best_new[b][1] == a
            u, v = old_units[a], new_units[b]
            # (the sentences of a cut boilerplate sentence are not those of self.choices: no indexes)
            link = UnitLink(u.article, v.article, u.line, v.line, round(dice, 4), shared,
                            old_unit=a if keep_copies else -1, new_unit=b if keep_copies else -1)
            if not keep_copies and ("condition" not in (u.piece, v.piece) or "formula" in (u.piece, v.piece)):
                continue
            if old_chose and new_chose:
                if contained or dice >= REWRITTEN:
                    links.append(link)
                    covered[("old", u.article, v.article, u.line)] += shared
                    covered[("new", u.article, v.article, v.line)] += shared
            elif (old_chose or new_chose) and contained and shared >= LINK_WEIGHT and \
                    len(articles_old[a] if old_chose else articles_new[b]) == 1:
                side, line = ("old", u.line) if old_chose else ("new", v.line)
                covered[(side, u.article, v.article, line)] += shared
                copies.append((side, u.article, v.article, line, link))
        if keep_copies:
            self.copies = [(side, link) for side, i, j, line, link in copies if covered[(side, i, j, line)] >=
                           LINK_SHARE * self.line_weight[(side, i if side == "old" else j, line)]]
        return links

    def kept_beside(self, link: UnitLink, successors: Collection[int], predecessors: Collection[int]) -> bool:
        """True when a sentence of the link lives on beside it as well: the old sentence in one of
        its article's own successors, or the new sentence in one of its article's predecessors,
        holds a sentence at least LOOKALIKE as similar as the two linked sentences are to each
        other, and similar enough to be linked itself (REWRITTEN).  Every sentence of those
        articles is compared, not only the candidates the rare-bigram index found: a few
        articles, once per link between two changes.

        Such a link is a copy, not a move: the wording was kept where it was and reused in
        another article (the same rule for another actor, a penalty clause written out again),
        so "moved to 第X条" would be untrue.  A paragraph that really moved left nothing like
        itself behind.
        """
        if self.choices is None or link.old_unit < 0:
            return False
        choices = self.choices
        if self._units_by_article is None:
            self._units_by_article = defaultdict(list)
            for side, units in (("old", choices.old_units), ("new", choices.new_units)):
                for unit in units:
                    self._units_by_article[(side, unit.article)].append(unit)
        floor = max(LOOKALIKE * link.similarity, REWRITTEN)
        for unit, other_side, partners in ((choices.old_units[link.old_unit], "new", successors),
                                           (choices.new_units[link.new_unit], "old", predecessors)):
            for article in partners:
                for other in self._units_by_article[(other_side, article)]:
                    if self._likeness(unit, other)[0] >= floor:
                        return True
        return False

    def _likeness(self, u: Unit, v: Unit) -> tuple[float, float]:
        """The weighted Dice similarity of two sentences and the IDF weight they share (a
        sentence's weight is never 0: lighter ones are no units)."""
        shared = self.scorer.weight(u.feats & v.feats)
        return 2 * shared / (u.weight + v.weight), shared

    def evidence(self, links: list[UnitLink]) -> dict[tuple[int, int], float]:
        """Per article pair with substantial evidence, the IDF weight the linked sentences share.

        Substantial: a sentence carrying a rule (LINK_WEIGHT), or most (LINK_SHARE) of one
        paragraph or point (款/项) of either article found in the other, however large the
        articles around it.
        """
        total: dict[tuple[int, int], float] = defaultdict(float)
        covered: dict[tuple[int, int, str, int], float] = defaultdict(float)
        for link in links:
            total[(link.old, link.new)] += link.weight
            covered[(link.old, link.new, "old", link.old_line)] += link.weight
            covered[(link.old, link.new, "new", link.new_line)] += link.weight
        paragraph: set[tuple[int, int]] = set()
        for (i, j, side, line), weight in covered.items():
            if weight >= LINK_SHARE * self.line_weight[(side, i if side == "old" else j, line)]:
                paragraph.add((i, j))
        return {pair: w for pair, w in total.items()
                if w >= MIN_PIECE_WEIGHT and (w >= LINK_WEIGHT or pair in paragraph)}
