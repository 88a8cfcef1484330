"""Alignment quality: on hand-checked real revisions first, then on generated next versions.

Real revisions (`--gold`, by default tests/data/gold-dev): pair precision, recall and F1
per pair of versions and pooled, with and without the `part:` links (the format and the
scoring are in that folder's README; tests/goldlib.py reads and scores it).  These are
the figures that matter: real re-cuts do what no generator thinks of.

Generated versions, reported second:

For each real law in tests/data/corpus/zh (the earlier version of each pair), the
script makes next versions the way legislatures do: articles inserted (so that all later
ones renumber, and the cross-references in the text follow), deleted, moved into
another chapter, split at a paragraph, merged with a neighbour, and text edited (clauses
deleted, clauses and paragraphs inserted, words replaced).  Inserted text is always real
text taken from *another* law of the corpus, so nothing is invented and inserted
articles are unrelated to deleted ones.

It then runs `lawdiff.compare.differ.compare` and measures pair precision and recall: a pair is
(old article, new article) for every article that survives, for every piece of a split
and every part of a merge.

The same is done, reported apart, for the Latin-script laws of tests/data/corpus (LATIN_LAWS:
the GmbHG, the Grundgesetz, the EU AI Act proposal, H.R. 8752): clauses cut at , ; : and full
stops, words replaced instead of characters, articles renumbered as the base prints them (§ 3,
Art 3, Article 3, 101.) with Article/Art./§ references following, donors of the same language.

    python bench/align_eval.py            # gold-dev, then all laws, all profiles, 5 seeds each
    python bench/align_eval.py --generated-only --seeds 3 --law /   # the Latin-script laws only
    python bench/align_eval.py --gold-only --verbose   # gold-dev with every missed and extra pair
    python bench/align_eval.py --gold DIR --seeds 20
    python bench/align_eval.py --gold tests/data/gold-held --gold-only   # the held-out set: measure, never tune
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from goldlib import GOLD_DEV, Score, ceiling, read_gold_dir, reported_pairs, run, score  # noqa: E402

from lawdiff.compare.differ import compare  # noqa: E402
from lawdiff.model import Document, Node  # noqa: E402
from lawdiff.text.numerals import NUMERAL_CHARS, int_to_zh, zh_to_int  # noqa: E402
from lawdiff.akn.load import parse_file  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus" / "zh"
# Latin-script laws (the earliest version of each; donors come from the other laws of the same
# language), reported apart from the Chinese ones.
LATIN_LAWS = {
    "de/gmbhg": "de", "de/grundgesetz": "de", "en/eu-ai-act": "en", "en/us-hr8752-118": "en",
}


@dataclass
class Profile:
    name: str
    edit: float  # share of articles whose text is edited
    edit_strength: tuple[float, float]  # share of an edited article's characters touched
    insert: float
    delete: float
    move: float
    split: float
    merge: float
    # What real re-cuts do and the first generators did not (issue 11):
    para_move: float = 0.0  # a paragraph leaves its article for a distant one, or becomes one
    recut: float = 0.0  # two neighbours re-cut n:m (A -> A', B'; B -> B')
    rewrite: float = 0.0  # an article rewritten around one surviving sentence
    lookalike: float = 0.0  # inserted: an article of the same law, heavily reworded (no successor)


PROFILES = [
    # An amendment (修正): a few articles edited and inserted, everything after renumbered.
    Profile("amendment", edit=0.06, edit_strength=(0.05, 0.3), insert=0.02, delete=0.01, move=0.0,
            split=0.0, merge=0.0),
    # A reading between drafts: more of everything, some articles moved, split, merged.
    Profile("reading", edit=0.2, edit_strength=(0.05, 0.4), insert=0.05, delete=0.04, move=0.03,
            split=0.02, merge=0.02, para_move=0.01, recut=0.01, rewrite=0.01, lookalike=0.01),
    # A full revision (修订): heavy edits, many insertions and deletions, re-cut articles.
    Profile("revision", edit=0.5, edit_strength=(0.1, 0.5), insert=0.12, delete=0.08, move=0.06,
            split=0.04, merge=0.04, para_move=0.04, recut=0.02, rewrite=0.04, lookalike=0.03),
]
DISTANT = 5  # a paragraph moved "far" lands at least this many articles away

REF = re.compile(rf"第([{NUMERAL_CHARS}]+)条(?!之)")
CLAUSE = re.compile(r"[^，；。：]+[，；。：]?")
# Latin scripts: a clause ends at a comma, semicolon or colon, or at a full stop before a space; a
# cross-reference is "Article 12", "Art. 12", "Art 12" or "§ 12"; an article is numbered like its
# base ("§ 3" -> "§ 4").
LATIN_CLAUSE = re.compile(r"(?:[^,;:.]|\.(?!\s|$))+(?:[,;:]|\.(?=\s|$))?\s*")
LATIN_SENTENCE = re.compile(r"(?:[^.;]|\.(?!\s|$))+(?:[.;]|$)\s*")
LATIN_REF = re.compile(r"\b(Article|Art\.?|§)\s+(\d+)\b(?![.\d]*\s*[a-z]\))")
LATIN_NUM = re.compile(r"^(.*?)(\d+)(\D*)$")


@dataclass
class Item:
    """An article of the version being built, with the old articles it comes from."""

    node: Node
    sources: list[int]
    chapter: int  # index of the chapter (top-level container with articles) it sits in
    inserted: bool = False
    piece: bool = False  # a paragraph that became an article of its own (its number is not the source's)


@dataclass
class Truth:
    pairs: set[tuple[int, int]] = field(default_factory=set)
    old_count: int = 0
    new_count: int = 0


def _leaf_containers(doc: Document) -> list[Node]:
    """Containers that hold articles directly, in order (chapters, or sections inside them)."""
    out = []
    for top in doc.body:
        for node in top.walk():
            if any(child.kind == "article" for child in node.children) and node.kind != "article":
                out.append(node)
    return out


def _paragraphs(article: Node) -> list[Node]:
    return [c for c in article.children if c.kind == "paragraph"]


def _as_paragraphs(article: Node) -> None:
    """Words held directly by the article become its first paragraph (so paragraphs can be moved)."""
    if article.text:
        article.children = [Node("paragraph", text=article.text)] + article.children
        article.text = ""


def _clauses(text: str, latin: bool = False) -> list[str]:
    return (LATIN_CLAUSE if latin else CLAUSE).findall(text)


class Maker:
    def __init__(self, doc: Document, donors: list[Node], rng: random.Random, profile: Profile,
                 latin: bool = False) -> None:
        """`doc` is a working copy: it is rearranged in place into the next version.  With `latin`,
        clauses, sentences, edits (whole words, not characters), numbers and cross-references
        follow a Latin-script law."""
        self.doc = doc
        self.donors = donors
        self.rng = rng
        self.profile = profile
        self.latin = latin

    def donor_clause(self) -> str:
        for _ in range(20):
            donor = self.rng.choice(self.donors)
            clauses = [c for c in _clauses(donor.body_text(""), self.latin) if len(c) >= 6]
            if clauses:
                return self.rng.choice(clauses)
        return "依照有关法律的规定执行。"  # unreachable with a real corpus; keeps the type

    def edit_text(self, text: str, budget: int) -> str:
        """Delete clauses, insert donor clauses and replace characters until about `budget`
        characters are touched; no single step touches more than what is left of it."""
        touched = 0
        while touched < budget and text:
            left = budget - touched
            clauses = _clauses(text, self.latin)
            action = self.rng.random()
            deletable = [k for k, c in enumerate(clauses) if len(c) <= left]
            if action < 0.35 and len(clauses) > 1 and deletable:
                k = self.rng.choice(deletable)
                touched += len(clauses[k])
                del clauses[k]
                text = "".join(clauses)
            elif action < 0.7:
                k = self.rng.randrange(len(clauses) + 1)
                clause = self.donor_clause()[:max(2, left)]
                touched += len(clause)
                clauses.insert(k, clause)
                text = "".join(clauses)
            elif self.latin:
                # Replace a word or two by words of another article.
                words = text.split(" ")
                start = self.rng.randrange(len(words))
                length = min(self.rng.randint(1, 2), len(words) - start)
                replacement = self.donor_clause().strip().split(" ")[:length]
                touched += sum(map(len, words[start:start + length]))
                text = " ".join(words[:start] + replacement + words[start + length:])
            else:
                # Replace a short run of characters by characters of another article.
                start = self.rng.randrange(len(text))
                length = min(self.rng.randint(1, 4), len(text) - start, left)
                filler = self.donor_clause()[:length]
                text = text[:start] + filler + text[start + length:]
                touched += length
        return text

    def edit_article(self, article: Node) -> None:
        """Edit every paragraph and point by a share of its own length, sometimes dropping
        a paragraph or adding one from another law."""
        paras = _paragraphs(article)
        low, high = self.profile.edit_strength
        strength = self.rng.uniform(low, high)
        if len(paras) > 1 and self.rng.random() < 0.2:
            article.children.remove(self.rng.choice(paras))
        elif self.rng.random() < 0.15:
            donor = self.rng.choice(self.donors)
            donor_paras = [p for p in _paragraphs(donor) if p.text and not p.children]
            if donor_paras:
                extra = copy.deepcopy(self.rng.choice(donor_paras))
                article.children.insert(self.rng.randint(0, len(article.children)), extra)
        targets = [n for n in article.walk() if n.text]
        for node in targets:
            if self.rng.random() < 0.7 or len(targets) == 1:
                node.text = self.edit_text(node.text, max(1, round(len(node.text) * strength)))

    def recut(self, items: list[Item], chosen: list[Item]) -> None:
        """n:m: an article's later paragraphs open its neighbour, which keeps its own after them."""
        for item in chosen:
            if item not in items:
                continue
            k = items.index(item)
            if k + 1 >= len(items) or items[k + 1].chapter != item.chapter or items[k + 1].inserted:
                continue
            nxt = items[k + 1]
            _as_paragraphs(nxt.node)
            paras = _paragraphs(item.node)
            cut = self.rng.randint(1, len(paras) - 1)
            moved = item.node.children[cut:]
            item.node.children = item.node.children[:cut]
            nxt.node.children = moved + nxt.node.children
            nxt.sources = sorted(set(nxt.sources + item.sources))

    def move_paragraphs(self, items: list[Item], chosen: list[Item]) -> None:
        """A paragraph (not the first) leaves its article: half the time it becomes an article of
        its own, otherwise it joins an existing article; either way at least DISTANT articles away."""
        for item in chosen:
            if item not in items or len(_paragraphs(item.node)) < 2:
                continue
            k = items.index(item)
            paragraph = self.rng.choice(_paragraphs(item.node)[1:])
            far = [m for m in range(len(items)) if abs(m - k) >= DISTANT and not items[m].inserted]
            if not far:
                continue
            item.node.children.remove(paragraph)
            m = self.rng.choice(far)
            if self.rng.random() < 0.5:
                items.insert(m, Item(Node("article", children=[paragraph]), list(item.sources), items[m].chapter,
                                     piece=True))
            else:
                target = items[m]
                _as_paragraphs(target.node)
                target.node.children.append(paragraph)
                target.sources = target.sources + [s for s in item.sources if s not in target.sources]

    def rewrite_article(self, article: Node) -> None:
        """Everything but one sentence replaced by text of another law (the rule that survives)."""
        text = article.body_text("")
        found = LATIN_SENTENCE.findall(text) if self.latin else re.findall(r"[^。；]+[。；]?", text)
        sentences = [s for s in found if len(s) >= 8]
        if not sentences:
            return
        kept = self.rng.choice(sentences)
        article.text = ""
        article.children = [Node("paragraph", text=kept)] + \
            [Node("paragraph", text=self.donor_clause() + self.donor_clause()) for _ in range(self.rng.randint(1, 2))]

    def _numbering(self, old_articles: list[Node], number_map: dict[int, int]) -> tuple[
            Callable[[int], str], Callable[[str], str]]:
        """How an article numbered k is printed (第k条, or as the base prints its own: "§ 3",
        "Article 3"), and how a text's cross-references follow the renumbering (`number_map`: old
        number -> new)."""
        if not self.latin:
            def follow_zh(text: str) -> str:
                return REF.sub(lambda m: "第" + int_to_zh(number_map.get(zh_to_int(m.group(1)) or -1,
                                                                       zh_to_int(m.group(1)) or 0)) + "条", text)
            return (lambda k: f"第{int_to_zh(k)}条"), follow_zh
        first = next((a.num for a in old_articles if LATIN_NUM.match(a.num or "")), "Article 1")
        prefix, _, suffix = LATIN_NUM.match(first).groups()  # type: ignore[union-attr]

        def follow_latin(text: str) -> str:
            return LATIN_REF.sub(lambda m: f"{m.group(1)} {number_map.get(int(m.group(2)), int(m.group(2)))}", text)
        return (lambda k: f"{prefix}{k}{suffix}"), follow_latin

    def build(self) -> tuple[Document, Truth]:
        rng, profile = self.rng, self.profile
        old_articles = self.doc.articles()
        containers = _leaf_containers(self.doc)
        where: dict[int, int] = {}
        for c, container in enumerate(containers):
            for child in container.children:
                if child.kind == "article":
                    where[id(child)] = c
        items = [Item(copy.deepcopy(a), [i], where.get(id(a), -1)) for i, a in enumerate(old_articles)]
        n = len(items)

        def pick(share: float, ok=lambda it: True) -> list[Item]:
            pool = [it for it in items if ok(it)]
            return rng.sample(pool, min(len(pool), round(share * n)))

        for item in pick(profile.delete):
            items.remove(item)
        # Splits at a paragraph boundary: the second half becomes the next article.
        for item in pick(profile.split, lambda it: len(_paragraphs(it.node)) >= 2 and len(it.sources) == 1):
            if item not in items:
                continue
            paras = _paragraphs(item.node)
            cut = rng.randint(1, len(paras) - 1)
            second = Node("article", children=item.node.children[cut:])
            item.node.children = item.node.children[:cut]
            items.insert(items.index(item) + 1, Item(second, list(item.sources), item.chapter))
        # Merges: an article absorbs the paragraphs of the next one in the same chapter.
        for item in pick(profile.merge):
            if item not in items:
                continue
            k = items.index(item)
            if k + 1 >= len(items) or items[k + 1].chapter != item.chapter or items[k + 1].inserted:
                continue
            nxt = items.pop(k + 1)
            if nxt.node.text and not nxt.node.children:
                nxt.node.children = [Node("paragraph", text=nxt.node.text)]
                nxt.node.text = ""
            if item.node.text and not item.node.children:
                item.node.children = [Node("paragraph", text=item.node.text)]
                item.node.text = ""
            item.node.children += nxt.node.children
            item.sources = sorted(set(item.sources + nxt.sources))
        # Moves into another chapter, at a random place there.
        if len(containers) > 1:
            for item in pick(profile.move):
                if item not in items:
                    continue
                items.remove(item)
                target = rng.choice([c for c in range(len(containers)) if c != item.chapter])
                places = [k for k, it in enumerate(items) if it.chapter == target] or [len(items)]
                item.chapter = target
                items.insert(rng.choice(places + [places[-1] + 1]), item)
        self.recut(items, pick(profile.recut, lambda it: len(_paragraphs(it.node)) >= 2 and len(it.sources) == 1))
        self.move_paragraphs(items, pick(profile.para_move, lambda it: len(_paragraphs(it.node)) >= 2))
        # Text edits last, so that a split piece or a merged article is edited as a whole.
        for item in pick(profile.edit):
            self.edit_article(item.node)
        for item in pick(profile.rewrite, lambda it: not it.inserted):
            self.rewrite_article(item.node)
        # Look-alikes: an article of this law, reworded by half or more, inserted far from it.
        for item in pick(profile.lookalike, lambda it: not it.inserted and len(it.node.body_text()) >= 30):
            twin = copy.deepcopy(item.node)
            for node in twin.walk():
                if node.text:
                    node.text = self.edit_text(node.text, max(1, round(len(node.text) * rng.uniform(0.5, 0.7))))
            k = rng.randint(0, len(items))
            chapter = items[min(k, len(items) - 1)].chapter if items else -1
            items.insert(k, Item(twin, [], chapter, inserted=True))
        # Insertions: real articles of another law, anywhere.
        for _ in range(round(profile.insert * n)):
            donor = copy.deepcopy(rng.choice(self.donors))
            k = rng.randint(0, len(items))
            chapter = items[min(k, len(items) - 1)].chapter if items else -1
            items.insert(k, Item(donor, [], chapter, inserted=True))

        # Renumber every article in order and make cross-references follow.
        number_map: dict[int, int] = {}
        for k, item in enumerate(items, start=1):
            if len(item.sources) >= 1 and not item.inserted and not item.piece:
                old_number = zh_to_int(old_articles[item.sources[0]].number or "")
                if old_number:
                    number_map.setdefault(old_number, k)
        label, follow = self._numbering(old_articles, number_map)
        for k, item in enumerate(items, start=1):
            item.node.num = label(k)
            item.node.number = str(k)
            item.node.heading = "" if item.inserted else item.node.heading
            if not item.inserted:  # an inserted article keeps its own law's references
                for node in item.node.walk():
                    node.text = follow(node.text)
        # Put the articles back into the chapters.
        for container in containers:
            container.children = [c for c in container.children if c.kind != "article"]
        loose: list[Node] = []
        for item in items:
            if 0 <= item.chapter < len(containers):
                containers[item.chapter].children.append(item.node)
            else:
                loose.append(item.node)
        new_doc = self.doc  # the working copy, rearranged
        # Articles held by no container (the body's own) are put back in front, deleted ones not at all.
        new_doc.body = loose + [node for node in new_doc.body if node.kind != "article"]
        truth = Truth(old_count=len(old_articles), new_count=len(items))
        order = {id(item.node): item for item in items}
        for j, node in enumerate(new_doc.articles()):
            for i in order[id(node)].sources:
                truth.pairs.add((i, j))
        return new_doc, truth


def evaluate(old_path: Path, donors: list[Node], profile: Profile, seed: int,
             latin: bool = False) -> tuple[Score, Score, float]:
    """For one synthetic version: the score of the changes' pairs, the score of every link the
    diff reports (paragraph moves between two changes' articles too, as goldlib.reported_pairs),
    and the seconds the diff took."""
    old_doc = parse_file(old_path)
    work = parse_file(old_path)  # a second, independent tree to mutate
    rng = random.Random(f"{old_path.name}/{profile.name}/{seed}")
    new_doc, truth = Maker(work, donors, rng, profile, latin).build()
    started = time.perf_counter()
    result = compare(old_doc, new_doc)
    elapsed = time.perf_counter() - started
    predicted: set[tuple[int, int]] = set()
    old_index: dict[str, int] = {}
    new_index: dict[str, int] = {}
    for change in result.changes:
        old_index.update((a.number, a.index) for a in change.old)
        new_index.update((b.number, b.index) for b in change.new)
        for a in change.old:
            for b in change.new:
                predicted.add((a.index, b.index))
    reported = predicted | {(old_index[part.old_number], new_index[part.new_number])
                            for change in result.changes for part in change.parts}
    return (Score(len(predicted & truth.pairs), len(predicted), len(truth.pairs)),
            Score(len(reported & truth.pairs), len(reported), len(truth.pairs)), elapsed)


def gold_report(folder: Path, verbose: bool) -> None:
    """P/R/F1 per real revision and pooled, with every link and without the `part:` links; then
    F1 over every link the diff reports, the paragraph moves between two changes' articles too
    (`F1-moves`, see goldlib.reported_pairs): the links a reader is shown, right or wrong; and the
    F1 that the best diff whose changes do not overlap could reach (`ceiling`, goldlib.ceiling): a
    paragraph that moved between two changed articles is a link no such diff reports exactly."""
    golds = read_gold_dir(folder)
    print(f"{'real revision (gold)':<36} {'P':>7} {'R':>7} {'F1':>7} | {'P-part':>7} {'R-part':>7} "
          f"{'F1-part':>7} | {'F1-moves':>8} {'ceiling':>7} {'time':>7}")
    pooled, pooled_principal, pooled_reported = Score(0, 0, 0), Score(0, 0, 0), Score(0, 0, 0)
    pooled_ceiling = Score(0, 0, 0)
    for gold in golds:
        started = time.perf_counter()
        result, predicted = run(gold)
        seconds = time.perf_counter() - started
        full, principal = score(gold, predicted), score(gold, predicted, with_parts=False)
        reported = score(gold, reported_pairs(result))
        pooled, pooled_principal = pooled + full, pooled_principal + principal
        pooled_reported = pooled_reported + reported
        best = ceiling(gold)
        pooled_ceiling = pooled_ceiling + best
        print(f"{gold.name:<36} {full.precision:7.4f} {full.recall:7.4f} {full.f1:7.4f} | "
              f"{principal.precision:7.4f} {principal.recall:7.4f} {principal.f1:7.4f} | "
              f"{reported.f1:8.4f} {best.f1:7.4f} {seconds:6.3f}s")
        if verbose:
            def key(pair: tuple[str | None, str | None]) -> tuple[float, float]:
                return tuple(float(x.replace("-", ".")) if x else -1.0 for x in pair)  # type: ignore[return-value]
            for pair in sorted(gold.pairs - predicted, key=key):
                print(f"    missed {pair}{' (part)' if pair in gold.parts else ''}")
            for pair in sorted(predicted - gold.pairs, key=key):
                print(f"    extra  {pair}")
    print(f"{'pooled':<36} {pooled.precision:7.4f} {pooled.recall:7.4f} {pooled.f1:7.4f} | "
          f"{pooled_principal.precision:7.4f} {pooled_principal.recall:7.4f} {pooled_principal.f1:7.4f} | "
          f"{pooled_reported.f1:8.4f} {pooled_ceiling.f1:7.4f}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD_DEV,
                        help="folder of hand-checked alignments (default: tests/data/gold-dev)")
    parser.add_argument("--gold-only", action="store_true", help="skip the generated versions")
    parser.add_argument("--generated-only", action="store_true", help="skip the real revisions")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--law", help="only laws whose folder name contains this")
    args = parser.parse_args()
    if not args.generated_only:
        gold_report(args.gold, args.verbose)
    if args.gold_only:
        return
    laws = sorted(p for p in CORPUS.iterdir() if p.is_dir())
    bases = {law.name: sorted(law.glob("01-*"))[0] for law in laws}
    generated(bases, {name: "zh" for name in bases}, False, args)
    if args.law is None or any(args.law in name for name in LATIN_LAWS):
        print()
        latin_bases = {name: sorted((CORPUS.parent / name).glob("01-*"))[0] for name in LATIN_LAWS}
        generated(latin_bases, LATIN_LAWS, True, args)


def generated(bases: dict[str, Path], language: dict[str, str], latin: bool, args: argparse.Namespace) -> None:
    """Every profile on every law of `bases`, with donors from the other laws of its language."""
    parsed = {name: parse_file(path) for name, path in bases.items()}
    totals: dict[str, tuple[Score, Score]] = {p.name: (Score(0, 0, 0), Score(0, 0, 0)) for p in PROFILES}
    print(f"{'law':<36} {'profile':<10} {'P':>7} {'R':>7} {'F1':>7} | {'F1-moves':>8} {'time':>7}")
    for name, path in bases.items():
        if args.law and args.law not in name:
            continue
        donors = [a for other, doc in parsed.items() if other != name and language[other] == language[name]
                  for a in doc.articles()]
        for profile in PROFILES:
            changes, reported = Score(0, 0, 0), Score(0, 0, 0)
            seconds = 0.0
            for seed in range(args.seeds):
                one, one_reported, elapsed = evaluate(path, donors, profile, seed, latin)
                changes, reported, seconds = changes + one, reported + one_reported, seconds + elapsed
                if args.verbose:
                    print(f"  seed {seed}: tp={one.true_positives} predicted={one.predicted} truth={one.expected}")
            totals[profile.name] = (totals[profile.name][0] + changes, totals[profile.name][1] + reported)
            print(f"{name:<36} {profile.name:<10} {changes.precision:7.4f} {changes.recall:7.4f} {changes.f1:7.4f} | "
                  f"{reported.f1:8.4f} {seconds / args.seeds:6.3f}s")
    print()
    label = "all Latin-script laws" if latin else "all laws"
    everything, everything_reported = Score(0, 0, 0), Score(0, 0, 0)
    for profile in PROFILES:
        changes, reported = totals[profile.name]
        everything, everything_reported = everything + changes, everything_reported + reported
        print(f"{label:<36} {profile.name:<10} {changes.precision:7.4f} {changes.recall:7.4f} {changes.f1:7.4f} | "
              f"{reported.f1:8.4f}")
    print(f"{label:<36} {'all':<10} {everything.precision:7.4f} {everything.recall:7.4f} {everything.f1:7.4f} | "
          f"{everything_reported.f1:8.4f}")

if __name__ == "__main__":
    main()
