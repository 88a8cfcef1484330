"""Writing the instrument: apply(FROM, amend(FROM, TO)) == TO, on every consecutive pair of the
bundled drafts and on generated pairs; the forms chosen; renumbering; AKN; cross-references."""

from __future__ import annotations

import copy
import random
import re
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import CORPUS, DRAFTS
from lxml import etree

from lawdiff.amend.planner import AmendOptions, build_amendment, instrument_text, pairs_from_diff
from lawdiff.amend.writer import render_akn
from lawdiff.amend.apply.engine import apply_instrument
from lawdiff.amend.apply.sameness import differing_articles
from lawdiff.cli.app import main
from lawdiff.compare.differ import compare
from lawdiff.amend.reader import parse_instrument
from lawdiff.ingest.manifest import load_manifests
from lawdiff.model import CONTAINER_KINDS, Document, Meta, Node
from lawdiff.text.numerals import int_to_zh
from lawdiff.akn.load import parse_file
from lawdiff.akn.schema import validation_errors
from lawdiff.amend.stale_refs import stale_references
from lawdiff.text.words import quoted_whole

CRIMINAL = CORPUS / "zh" / "criminal-law"


@lru_cache(maxsize=None)
def parsed(path: str, lang: str | None = None) -> Document:
    return parse_file(path, Meta(), lang=lang)


def doc(path: Path | str) -> Document:
    return copy.deepcopy(parsed(str(path)))


def round_trip(old: Document, new: Document, pairs, options=None) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    """The instrument's text, and the articles where applying it to `old` does not give `new`."""
    amendment = build_amendment(old, new, pairs, options)
    if not amendment.instrument.items:
        return amendment.text, differing_articles(old, new)
    result = apply_instrument(old, parse_instrument(amendment.text))
    failed = [r.reason for r in result.reports if r.status == "not applied"]
    return amendment.text, failed + differing_articles(result.doc, new)


# -- the bundled drafts ------------------------------------------------------------------------------
def draft_pairs() -> list[tuple[str, Path, Path, str | None]]:
    out = []
    for manifest in load_manifests(DRAFTS):
        versions = manifest.versions
        for a, b in zip(versions, versions[1:]):
            out.append((f"{manifest.slug}:{a.label}->{b.label}", a.path, b.path, manifest.lang))
    return out


DRAFT_PAIRS = draft_pairs()


def test_there_are_draft_pairs() -> None:
    assert len(DRAFT_PAIRS) >= 8


@pytest.mark.parametrize("name, path_a, path_b, lang", DRAFT_PAIRS, ids=[p[0] for p in DRAFT_PAIRS])
def test_round_trip_on_bundled_drafts(name: str, path_a: Path, path_b: Path, lang: str | None) -> None:
    old, new = copy.deepcopy(parsed(str(path_a), lang)), copy.deepcopy(parsed(str(path_b), lang))
    text, problems = round_trip(old, new, pairs_from_diff(compare(old, new)))
    assert problems == []
    assert differing_articles(old, new) != []  # the pair really differs, so the test can fail


@pytest.mark.parametrize("name, path_a, path_b, lang", DRAFT_PAIRS, ids=[p[0] for p in DRAFT_PAIRS])
def test_round_trip_on_bundled_drafts_other_forms(name: str, path_a: Path, path_b: Path, lang: str | None) -> None:
    """修正案 form, English style, German Änderungsbefehle and the explicit renumbering list
    reproduce TO as well (every kind of instruction the drafts need, read back by each grammar)."""
    old, new = copy.deepcopy(parsed(str(path_a), lang)), copy.deepcopy(parsed(str(path_b), lang))
    pairs = pairs_from_diff(compare(old, new))
    for options in (AmendOptions(form="amendment"), AmendOptions(style="en"), AmendOptions(style="de"),
                    AmendOptions(explicit_renumbering=True)):
        _text, problems = round_trip(old, new, pairs, options)
        assert problems == [], options


# -- the criminal law pair: seven items of the kinds the real instrument uses ------------------------------
def test_criminal_law_pair_gives_seven_items() -> None:
    old, new = doc(CRIMINAL / "01-amended-2020-12-26.md"), doc(CRIMINAL / "02-amended-2023-12-29.md")
    amendment = build_amendment(old, new, pairs_from_diff(compare(old, new)))
    assert amendment.problems == [] and amendment.renumbering == ""
    items = amendment.instrument.items
    assert len(items) == 7
    assert [sorted({op.target.article for op in item.ops}) for item in items] == \
        [["165"], ["166"], ["169"], ["387"], ["390"], ["391"], ["393"]]
    text = amendment.text
    for form in ("在第一百六十六条中增加一款作为第二款，将该条修改为：", "将第三百八十七条第一款修改为：",
                 "将第三百九十条修改为：", "将第三百九十一条第一款修改为：", "将第三百九十三条修改为：",
                 "在第一百六十九条中增加一款，作为第二款："):
        assert form in text
    real = parse_instrument((CRIMINAL / "amendment-12-2023-12-29.md").read_text(encoding="utf-8"))
    assert len([i for i in real.items if i.ops[0].kind != "note"]) == len(items)


def test_amendment_form_writes_the_real_instrument_word_for_word() -> None:
    """修正案 form (whole articles and paragraphs restated) on the 2020/2023 pair gives items 一 to 七
    of the real 刑法修正案（十二） exactly; the decision form differs only where it is smaller."""
    old, new = doc(CRIMINAL / "01-amended-2020-12-26.md"), doc(CRIMINAL / "02-amended-2023-12-29.md")
    pairs = pairs_from_diff(compare(old, new))
    amendment = build_amendment(old, new, pairs, AmendOptions(form="amendment", cite="刑法"))
    assert amendment.problems == []
    real = parse_instrument((CRIMINAL / "amendment-12-2023-12-29.md").read_text(encoding="utf-8"))
    written = parse_instrument(amendment.text)
    assert [i.text.replace("\n\n", "\n") for i in written.items] == \
        [i.text.replace("\n\n", "\n") for i in real.items[:7]]
    smallest = build_amendment(old, new, pairs, AmendOptions(cite="刑法"))
    differing = [w.label for w, r in zip(parse_instrument(smallest.text).items, real.items)
                 if w.text.replace("\n\n", "\n") != r.text.replace("\n\n", "\n")]
    assert differing == ["一", "三"]  # 第一百六十五条: a word and a paragraph; 第一百六十九条: a paragraph


def test_cite_names_the_law() -> None:
    old, new = doc(CRIMINAL / "01-amended-2020-12-26.md"), doc(CRIMINAL / "02-amended-2023-12-29.md")
    text, problems = round_trip(old, new, pairs_from_diff(compare(old, new)), AmendOptions(cite="刑法"))
    assert problems == [] and "将刑法第三百九十条修改为" in text


def test_english_style_round_trips_too() -> None:
    path = DRAFTS / "supervision-law"
    old, new = doc(path / "01-adopted-2018-03-20.md"), doc(path / "02-amended-2024-12-25.md")
    text, problems = round_trip(old, new, pairs_from_diff(compare(old, new)), AmendOptions(style="en"))
    assert problems == []
    assert "is replaced by the following:" in text and "renumbered accordingly" in text


@pytest.mark.parametrize("a, b", [("01-stand-2010-07-21.md", "02-stand-2012-07-11.md"),
                                  ("02-stand-2012-07-11.md", "03-stand-2020-09-29.md")])
def test_latin_script_law_round_trips_in_english_style(a: str, b: str) -> None:
    """The Grundgesetz: printed paragraph numbers ((1), 1.) and their nesting come back exactly."""
    path = CORPUS / "de" / "grundgesetz"
    old, new = doc(path / a), doc(path / b)
    text, problems = round_trip(old, new, pairs_from_diff(compare(old, new)), AmendOptions(style="en"))
    assert problems == []
    assert text.startswith("Amendments to") and "is replaced by the following:" in text


@pytest.mark.parametrize("a, b", [("01-stand-2010-07-21.md", "02-stand-2012-07-11.md"),
                                  ("02-stand-2012-07-11.md", "03-stand-2020-09-29.md")])
def test_a_german_law_gets_german_instructions(a: str, b: str) -> None:
    """A German base gets Änderungsbefehle by default, naming articles as the base does (Artikel),
    quoting „…“ with the law's own „…“ inside, and they reproduce the next version; no English
    instruction is left."""
    path = CORPUS / "de" / "grundgesetz"
    old, new = doc(path / a), doc(path / b)
    text, problems = round_trip(old, new, pairs_from_diff(compare(old, new)))
    assert problems == []
    assert text.startswith("Änderungsbefehle: Grundgesetz") and "1. Artikel 21 wird wie folgt gefasst:" in text \
        or "1. Artikel 93 wird wie folgt gefasst:" in text
    assert parse_instrument(text).lang == "deu"
    assert not re.search(r"\b(?:Article|is replaced|are inserted|is deleted|renumbered)\b", text)


@pytest.mark.parametrize("clause, kind, target, extra", [
    ("Artikel 12 Absatz 2 Nummer 3 wird aufgehoben", "delete", ("12", 2, 3), {}),
    ("In § 5 Absatz 1 Buchstabe c werden die Wörter „A“ gestrichen", "delete_text", ("5", 1, 3), {"old": "A"}),
    ("In § 5 werden vor den Wörtern „A“ die Wörter „B“ eingefügt", "insert_text", ("5", 0, 0),
     {"old": "A", "new": "B", "position": "before"}),
    ("§ 9 wird an den Anfang des Abschnitts 2 verschoben", "move", ("9", 0, 0), {"position": "in"}),
    ("Das bisherige Kapitel 3 wird Kapitel 4", "renumber", ("", 0, 0), {"ckind": "chapter", "number": "4"}),
    ("Die Überschrift des Unterabschnitts 2 wird wie folgt gefasst: „Neu“", "rename", ("", 0, 0), {"new": "Neu"}),
    ("Es wird folgender § 1a eingefügt: „Text“", "add_article", ("", 0, 0), {"number": "1a", "position": ""}),
    ("Die Nummerierung der Vorschriften wird entsprechend angepasst", "renumber_all", ("", 0, 0),
     {"articles": True, "containers": False}),
])
def test_german_clauses_read_as_written(clause: str, kind: str, target: tuple[str, int, int],
                                        extra: dict[str, object]) -> None:
    """Forms of the German grammar the bundled pairs do not all need, read clause by clause."""
    item = parse_instrument(f"Änderungsbefehle\n\n1. {clause}.\n", lang="deu").items[0]
    assert item.error == "" and len(item.ops) == 1
    op = item.ops[0]
    assert op.kind == kind and (op.target.article, op.target.paragraph, op.target.point) == target
    assert all(getattr(op, key) == value for key, value in extra.items()), op


def test_a_hand_written_german_instrument_applies() -> None:
    """Änderungsbefehle as a drafting office writes them, applied to GmbHG 2011: a word replaced,
    a paragraph rewritten, words inserted and deleted, a section repealed, an article and a paragraph
    inserted, a heading rewritten."""
    base = doc(CORPUS / "de" / "gmbhg" / "01-stand-2011-12-22.md")
    text = """Gesetz zur Änderung des GmbHG

1. In § 51b werden die Wörter „bis 5“ durch die Wörter „und 4“ ersetzt.

2. § 4 wird wie folgt gefasst:

„Die Firma muss die Bezeichnung „Gesellschaft mit beschränkter Haftung“ enthalten.“

3. In § 38 Absatz 1 werden nach den Wörtern „jeder Zeit“ die Wörter „und ohne Grund“ eingefügt;

In § 38 Absatz 2 werden die Wörter „grobe “ gestrichen.

4. § 64 wird aufgehoben.

5. Nach § 5a wird folgender § 5b mit der Überschrift „Neue Vorschrift“ eingefügt:

„(1) Erster Absatz.

„(2) Zweiter Absatz.“

6. In § 38 wird folgender Absatz 3 eingefügt:

„(3) Der Geschäftsführer hat das Recht, um den Widerruf seiner Bestellung zu ersuchen.“

7. Die Überschrift des § 36 wird wie folgt gefasst: „Zielgrößen“

8. Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.
"""
    instrument = parse_instrument(text)
    assert instrument.lang == "deu" and [i.error for i in instrument.items] == [""] * 8
    result = apply_instrument(base, instrument)
    assert [r.status for r in result.reports][:7] == ["applied"] * 7, [(r.label, r.reason) for r in result.reports]
    articles = {a.num: a for a in result.doc.articles()}
    text_of = {num: "\n".join(f"{p.num} {p.text}".strip() for p in a.children) for num, a in articles.items()}
    assert "und 4" in text_of["§ 51b"] and "bis 5" not in text_of["§ 51b"]
    assert text_of["§ 4"] == "Die Firma muss die Bezeichnung „Gesellschaft mit beschränkter Haftung“ enthalten."
    assert "zu jeder Zeit und ohne Grund widerruflich" in text_of["§ 38"]
    assert "grobe Pflichtverletzung" not in text_of["§ 38"] and "Pflichtverletzung" in text_of["§ 38"]
    assert text_of["§ 38"].endswith("um den Widerruf seiner Bestellung zu ersuchen.")
    assert "§ 64" not in articles or not text_of["§ 64"].strip()
    assert articles["§ 5b"].heading == "Neue Vorschrift" and text_of["§ 5b"] == "(1) Erster Absatz.\n(2) Zweiter Absatz."
    assert articles["§ 36"].heading == "Zielgrößen"
    order = [a.num for a in result.doc.articles()]
    assert order.index("§ 5b") == order.index("§ 5a") + 1


def test_explicit_renumbering() -> None:
    path = DRAFTS / "supervision-law"
    old, new = doc(path / "01-adopted-2018-03-20.md"), doc(path / "02-amended-2024-12-25.md")
    pairs = pairs_from_diff(compare(old, new))
    text, problems = round_trip(old, new, pairs, AmendOptions(explicit_renumbering=True))
    assert problems == [] and "顺序作相应调整" not in text
    assert re.search(r"将第[一二三四五六七八九十百]+条至第[一二三四五六七八九十百]+条依次改为", text)
    default, _ = round_trip(old, new, pairs)
    assert "本决定对条文顺序作相应调整" in default or "条文顺序作相应调整" in default


def test_smallest_form_for_a_word_change() -> None:
    old = doc(CRIMINAL / "01-amended-2020-12-26.md")
    new = copy.deepcopy(old)
    first = new.articles()[0].children[0]
    first.text = first.text.replace("保护人民", "保护全体人民")
    pairs = [(i, i) for i in range(len(old.articles()))]
    text, problems = round_trip(old, new, pairs)
    assert problems == []
    assert re.search(r"一、(将第一条中的“[^”]*人民[^”]*”修改为“[^”]*全体人民[^”]*”|在第一条中的“[^”]+”后增加“全体”)", text)
    assert text.count("、") >= 1 and "二、" not in text
    same, problems = round_trip(old, copy.deepcopy(old), pairs)
    assert problems == [] and "无需修改" in same


# -- whole words: quotations never cut a word; whitespace is never an amendment ------------------------
COMPANY = DRAFTS / "company-law"
QUOTED = re.compile(r"“([^“”]*)”")


def test_company_law_instrument_quotes_whole_words() -> None:
    old, new = doc(COMPANY / "01-amended-2018-10-26.md"), doc(COMPANY / "02-revised-2023-12-29.md")
    pairs = pairs_from_diff(compare(old, new))
    amendment = build_amendment(old, new, pairs)
    assert amendment.problems == []
    text = amendment.text
    # the real edits, quoted the way NPC instruments quote them
    assert "将第一百零七条中的“股东大会”修改为“股东会”" in text
    assert "将第一百条中的“股东大会”修改为“股东会会议”" in text
    # what must be absent: the fragments the character diff wrote, and the spacing-only rename
    for fragment in ("“其关”", "“在中”", "“大”", "“总 则”", "“附 则”"):
        assert fragment not in text
    # every word-level quotation starts and ends on a word of the article it quotes
    olds, news = old.articles(), new.articles()
    by_old = {olds[i].number: (olds[i], news[j]) for i, j in pairs}
    counted = 0
    for item in amendment.instrument.items:
        for op in item.ops:
            if op.kind not in ("replace_text", "insert_text", "delete_text"):
                continue
            a, b = by_old[op.target.article]
            sides = [(op.old, a)] + ([(op.new, b)] if op.kind != "delete_text" else [])
            for quote, article in sides:
                counted += 1
                texts = [n.text for n in article.walk() if n.text]
                assert any(quoted_whole(t, quote) for t in texts), (item.label, quote)
    assert counted > 50


def test_whitespace_only_changes_are_never_amendments() -> None:
    """A chapter heading spaced out (总则 -> 总 则, as the 2023 company law prints it) and a wrap
    space inside a paragraph: nothing to amend, and the round trip still holds."""
    old = doc(CRIMINAL / "01-amended-2020-12-26.md")
    new = copy.deepcopy(old)
    chapter = next(n for n in new.containers() if n.heading and len(n.heading) >= 2)
    chapter.heading = chapter.heading[0] + " " + chapter.heading[1:]
    first = new.articles()[0].children[0]
    first.text = first.text[:4] + " " + first.text[4:]
    pairs = [(i, i) for i in range(len(old.articles()))]
    text, problems = round_trip(old, new, pairs)
    assert problems == []
    assert "无需修改" in text and "章名" not in text
    # and a real word change beside the spacing is still amended, the spacing still not
    new.articles()[0].children[0].text = first.text.replace("保护人民", "保护全体人民")
    text, problems = round_trip(old, new, pairs)
    assert problems == [] and "全体" in text and "章名" not in text


# -- generated pairs ---------------------------------------------------------------------------------
GENERATED_SOURCES = [
    DRAFTS / "supervision-law" / "01-adopted-2018-03-20.md",
    DRAFTS / "oversight-law" / "02-amended-2024-11-08.md",
    DRAFTS / "beijing-local-legislation" / "02-amended-2023-07-28.md",
    DRAFTS / "shanghai-business-environment" / "01-adopted-2020-04-10.md",
    DRAFTS / "ai-industry" / "000_9f1126a30e32ca71.txt",  # headings (条标), OCR text
    DRAFTS / "legislation-law" / "02-amended-2023-03-13.md",
]
GENERATED = [(source, seed, renumber) for source in GENERATED_SOURCES for seed in range(4)
             for renumber in (True, False)]


class Mutator:
    """Edits a copy of a real law the way revisions do, keeping track of which old article each
    new one is.  Words and paragraphs are taken from elsewhere in the same law (nothing invented)."""

    def __init__(self, base: Document, seed: int, renumber: bool) -> None:
        self.rng = random.Random(seed)
        self.doc = copy.deepcopy(base)
        self.renumber = renumber
        self.origin = {id(a): i for i, a in enumerate(self.doc.articles())}
        self.texts = [p.text for a in self.doc.articles() for p in a.children if len(p.text) > 12]

    def holder(self, art: Node) -> list[Node]:
        for node in [n for top in self.doc.body for n in top.walk()] + [None]:  # type: ignore[list-item]
            if node is None:
                return self.doc.body
            if art in node.children:
                return node.children
        return self.doc.body

    def phrase(self) -> str:
        text = self.rng.choice(self.texts)
        start = self.rng.randrange(0, len(text) - 6)
        return text[start:start + self.rng.randint(2, 6)]

    def run(self, steps: int) -> tuple[Document, list[tuple[int, int]]]:
        actions = [self.edit_words, self.add_sentence, self.drop_sentence, self.drop_paragraph, self.add_paragraph,
                   self.drop_article, self.add_article, self.move_article, self.rename_container, self.point]
        if self.renumber:
            actions += [self.add_container]
        for _ in range(steps):
            self.rng.choice(actions)()
        self.number()
        pairs = [(self.origin[id(a)], j) for j, a in enumerate(self.doc.articles()) if id(a) in self.origin]
        return self.doc, pairs

    def article(self) -> Node:
        return self.rng.choice(self.doc.articles())

    def paragraph(self) -> Node:
        art = self.article()
        return self.rng.choice(art.children) if art.children else art.children[0]

    def edit_words(self) -> None:
        p = self.paragraph()
        if len(p.text) > 8:
            i = self.rng.randrange(0, len(p.text) - 4)
            p.text = p.text[:i] + self.phrase() + p.text[i + self.rng.randint(0, 3):]

    def add_sentence(self) -> None:
        p = self.paragraph()
        sentence = self.rng.choice(self.texts).split("。")[0]
        p.text = p.text.rstrip("。") + "；" + sentence + "。"

    def drop_sentence(self) -> None:
        p = self.paragraph()
        parts = [s for s in p.text.split("。") if s]
        if len(parts) > 1:
            parts.pop(self.rng.randrange(len(parts)))
            p.text = "。".join(parts) + "。"

    def drop_paragraph(self) -> None:
        art = self.article()
        if len(art.children) > 1:
            art.children.pop(self.rng.randrange(len(art.children)))

    def add_paragraph(self) -> None:
        art = self.article()
        source = copy.deepcopy(self.rng.choice(self.rng.choice(self.doc.articles()).children))
        art.children.insert(self.rng.randint(0, len(art.children)), source)

    def drop_article(self) -> None:
        if len(self.doc.articles()) > 5:
            art = self.article()
            self.holder(art).remove(art)

    def add_article(self) -> None:
        model = self.article()
        source = self.rng.choice(self.doc.articles())
        new = Node("article", num="", number="", heading=source.heading,
                   children=copy.deepcopy(self.rng.sample(source.children, min(2, len(source.children)))))
        siblings = self.holder(model)
        siblings.insert(siblings.index(model) + 1, new)

    def move_article(self) -> None:
        art = self.article()
        self.holder(art).remove(art)
        target = self.article()
        siblings = self.holder(target)
        siblings.insert(siblings.index(target) + self.rng.randint(0, 1), art)

    def rename_container(self) -> None:
        containers = self.doc.containers()
        if len(containers) > 1:
            a, b = self.rng.sample(containers, 2)
            a.heading = b.heading + a.heading[:2]

    def add_container(self) -> None:
        containers = [c for c in self.doc.containers() if c.kind == "chapter" and len(c.children) > 2]
        if containers:
            chapter = self.rng.choice(containers)
            cut = self.rng.randint(1, len(chapter.children) - 1)
            new = Node("chapter", num="", number="", heading=self.rng.choice(self.doc.containers()).heading,
                       children=chapter.children[cut:])
            del chapter.children[cut:]
            holder = self.holder(chapter)
            holder.insert(holder.index(chapter) + 1, new)

    def point(self) -> None:
        paras = [p for a in self.doc.articles() for p in a.children if p.children]
        if paras:
            p = self.rng.choice(paras)
            if self.rng.random() < 0.5 and len(p.children) > 1:
                p.children.pop(self.rng.randrange(len(p.children)))
            else:
                p.children.insert(self.rng.randint(0, len(p.children)), copy.deepcopy(self.rng.choice(p.children)))
            for i, point in enumerate(p.children, start=1):
                point.num, point.number = f"（{int_to_zh(i)}）", str(i)

    def number(self) -> None:
        """Number articles as a consolidated text would: in sequence, or 之一 for inserted ones."""
        last_main, subs = 0, 0
        for i, art in enumerate(self.doc.articles(), start=1):
            for k, p in enumerate(art.children, start=1):
                p.number = str(k)
            if self.renumber:
                art.number, art.num = str(i), f"第{int_to_zh(i)}条"
            elif art.number:
                last_main, subs = int(art.number.split("-")[0]), 0 if "-" not in art.number else subs
            else:
                subs += 1
                art.number = f"{last_main}-{subs}"
                art.num = f"第{int_to_zh(last_main)}条之{int_to_zh(subs)}"
        if self.renumber:
            counters: dict[str, int] = {}

            def visit(node: Node) -> None:
                if node.kind in CONTAINER_KINDS:
                    if node.number or not node.num:
                        counters[node.kind] = counters.get(node.kind, 0) + 1
                        node.number = str(counters[node.kind])
                        word = {"book": "编", "part": "分编", "chapter": "章", "section": "节"}[node.kind]
                        node.num = f"第{int_to_zh(counters[node.kind])}{word}"
                    counters.pop("section", None) if node.kind == "chapter" else None
                    for child in node.children:
                        visit(child)

            for top in self.doc.body:
                visit(top)


@pytest.mark.parametrize("source, seed, renumber", GENERATED,
                         ids=[f"{s.parent.name}-{seed}-{'renumbered' if r else '之一'}" for s, seed, r in GENERATED])
def test_round_trip_on_generated_pairs(source: Path, seed: int, renumber: bool) -> None:
    old = doc(source)
    new, pairs = Mutator(old, seed, renumber).run(steps=6 + seed * 3)
    assert differing_articles(old, new) != []
    _text, problems = round_trip(old, new, pairs)
    assert problems == []


def test_round_trip_with_the_diff_engine_on_generated_pairs() -> None:
    """The same, with the pairing the diff engine finds instead of the known one."""
    for seed in range(3):
        old = doc(GENERATED_SOURCES[seed])
        new, _pairs = Mutator(old, 100 + seed, True).run(steps=8)
        _text, problems = round_trip(old, new, pairs_from_diff(compare(old, new)))
        assert problems == [], seed


# -- outputs ---------------------------------------------------------------------------------------------
def test_akn_instrument_is_valid_and_lists_every_instruction() -> None:
    old, new = doc(CRIMINAL / "01-amended-2020-12-26.md"), doc(CRIMINAL / "02-amended-2023-12-29.md")
    amendment = build_amendment(old, new, pairs_from_diff(compare(old, new)))
    xml = render_akn(amendment.instrument, "zh", old.meta, "2023-12-29")
    root = etree.fromstring(xml)
    assert validation_errors(root) == []
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    mods = root.findall(".//a:activeModifications/a:textualMod", ns)
    assert len(mods) == sum(len(i.ops) for i in amendment.instrument.items)
    assert mods[0].find("a:destination", ns).get("href").endswith("#art_165")
    assert len(root.findall(".//a:mainBody/a:hcontainer", ns)) == 7


def test_instrument_text_for_the_site() -> None:
    old, new = doc(CRIMINAL / "01-amended-2020-12-26.md"), doc(CRIMINAL / "02-amended-2023-12-29.md")
    diff = compare(old, new)
    exact = instrument_text(diff, "zh", old, new)
    assert exact.count("修改为：") >= 5 and exact.startswith("关于修改《")
    from_diff_only = instrument_text(diff, "zh")  # rebuilt from the diff alone
    assert from_diff_only == exact
    assert instrument_text(diff, "en", old, new).startswith("Amendments to")
    assert instrument_text(diff, "zh", old, new, fmt="markdown").startswith("# 关于修改《")


def test_cli_amend(tmp_path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    a, b = str(CRIMINAL / "01-amended-2020-12-26.md"), str(CRIMINAL / "02-amended-2023-12-29.md")
    result = runner.invoke(main, ["amend", a, b])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("关于修改《中华人民共和国刑法》的决定") and "七、" in result.stdout
    assert "checked" in result.stderr
    out = tmp_path / "i.md"
    out.write_text(result.stdout, encoding="utf-8")
    applied = runner.invoke(main, ["apply", a, str(out)])
    assert applied.exit_code == 0 and "7 applied" in applied.stderr
    xml = runner.invoke(main, ["amend", a, b, "--format", "xml"])
    assert xml.exit_code == 0 and b'<doc name="amendment">' in xml.stdout_bytes
    missing = runner.invoke(main, ["amend", a, str(tmp_path / "nope.md")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


# -- cross-references after renumbering ------------------------------------------------------------------
def _without_its_first_article(path: Path) -> tuple[Document, Document]:
    """The law, and a copy of it with its first article deleted (numbers and citations left as they are)."""
    old = doc(path)
    new = copy.deepcopy(old)
    first = new.articles()[0]
    for holder in [n for top in new.body for n in top.walk()]:
        if first in holder.children:
            holder.children.remove(first)
            break
    return old, new


def _renumbered_without_updating_references() -> tuple[Document, Document, list[tuple[int, int]]]:
    old, new = _without_its_first_article(CRIMINAL / "01-amended-2020-12-26.md")
    for i, art in enumerate(new.articles(), start=1):
        art.number, art.num = str(i), f"第{int_to_zh(i)}条"
    return old, new, [(i + 1, i) for i in range(len(new.articles()))]


def test_stale_references_are_flagged_and_fixed() -> None:
    old, new, pairs = _renumbered_without_updating_references()
    stale = stale_references(old, new, pairs)
    assert stale and all(not s.dangling for s in stale)
    flagged = stale[0]
    assert flagged.now != flagged.citation.article
    assert "still cites" in flagged.message()
    # with the references updated (as a real consolidated text does), nothing is flagged
    path = DRAFTS / "supervision-law"
    a, b = doc(path / "01-adopted-2018-03-20.md"), doc(path / "02-amended-2024-12-25.md")
    assert stale_references(a, b, pairs_from_diff(compare(a, b))) == []


def test_check_and_amend_consequential_on_a_repository(tmp_path) -> None:  # type: ignore[no-untyped-def]
    old, new, _pairs = _renumbered_without_updating_references()
    from lawdiff.akn.display import node_lines

    def write(d: Document, name: str) -> str:
        lines = [d.meta.title, ""]
        for top in d.body:
            lines += [re.sub(r"^\s+", "", x) for x in node_lines(top)]
        path = tmp_path / name
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        return str(path)

    runner = CliRunner()
    repo = str(tmp_path / "repo")
    runner.invoke(main, ["init", repo])
    for name, d, date in (("a.txt", old, "2020-12-26"), ("b.txt", new, "2021-01-01")):
        r = runner.invoke(main, ["--repo", repo, "import", write(d, name), "--doc", "law", "--version", date,
                                 "--date", date])
        assert r.exit_code == 0, r.output
    checked = runner.invoke(main, ["--repo", repo, "check", "law"])
    assert checked.exit_code == 1 and "still cites" in checked.stdout
    first = runner.invoke(main, ["--repo", repo, "check", "law@2020-12-26"])
    assert first.exit_code == 0
    listed = runner.invoke(main, ["--repo", repo, "amend", "law", "--consequential"])
    assert "需要相应修改的引用" in listed.stdout and "相应修改（条文序号为修改后的序号）" in listed.stdout


def _gmbhg_without_its_first_section() -> tuple[Document, Document, list[tuple[int, int]]]:
    """GmbHG 2021 with § 1 deleted and every later § moved up by one (§ 5a -> § 4a), its citations
    left as they were: the slip a consolidation makes when it renumbers and forgets the references."""
    old, new = _without_its_first_article(CORPUS / "de" / "gmbhg" / "02-stand-2021-05-04.md")
    for art in new.articles():
        main_number, letter = re.fullmatch(r"(\d+)([a-z]?)", art.number).groups()  # type: ignore[union-attr]
        number = f"{int(main_number) - 1}{letter}"
        art.num, art.number = art.num.replace(art.number, number), number
    return old, new, [(i + 1, i) for i in range(len(new.articles()))]


def test_german_stale_references_are_flagged_and_fixed() -> None:
    """German citations (`§ 5 Abs. 1`) carried over a renumbering are flagged and fixed as Chinese ones
    are; real revisions whose citations were updated flag nothing."""
    from lawdiff.amend.instrument import Instrument
    from lawdiff.amend.stale_refs import consequential_items
    from lawdiff.amend.writer import item_text, label_items

    old, new, pairs = _gmbhg_without_its_first_section()
    stale = stale_references(old, new, pairs)
    messages = [s.message() for s in stale]
    assert "§ 4a (formerly § 5a) still cites § 5, which is now § 4 (§ 5 is now another article)" in messages
    assert not any("Handelsgesetzbuch" in s.citation.text or s.citation.article == "22" for s in stale
                   if s.article == "3")  # § 4 (now § 3) cites § 22 des Handelsgesetzbuchs: another act
    items = consequential_items(new, stale)
    instrument = Instrument(items=items)
    label_items(instrument, "de")
    assert item_text(instrument.items[0], "de").startswith("1. In § 4a werden die Wörter „")
    fixed = apply_instrument(new, instrument).doc
    article_4a = next(a for a in fixed.articles() if a.number == "4a").body_text()
    assert "nach § 4 Abs. 1 unterschreitet" in article_4a and "§ 5 Abs. 1" not in article_4a
    assert stale_references(fixed, fixed, [(k, k) for k in range(len(fixed.articles()))]) == []
    # real revisions that renumbered and updated their citations flag nothing; the EU AI Act's last step
    # flagged twelve before a citation had to stand in the same words (e.g. "as required in Article 20",
    # now the corrective actions, where "as referred to in Article 20" cited the logs)
    for law, a, b in (("de/gmbhg", "01-stand-2011-12-22.md", "02-stand-2021-05-04.md"),
                      ("de/grundgesetz", "02-stand-2012-07-11.md", "03-stand-2020-09-29.md"),
                      ("en/eu-ai-act", "03-council-general-approach-2022-12-06.md", "04-adopted-regulation-2024-1689.md")):
        before, after = doc(CORPUS / law / a), doc(CORPUS / law / b)
        assert stale_references(before, after, pairs_from_diff(compare(before, after))) == [], law


def test_amend_consequential_on_a_german_law(tmp_path: Path) -> None:
    from lawdiff.akn.writer import to_bytes

    old, new, _pairs = _gmbhg_without_its_first_section()
    a, b = tmp_path / "a.xml", tmp_path / "b.xml"
    a.write_bytes(to_bytes(old))
    b.write_bytes(to_bytes(new))
    listed = CliRunner().invoke(main, ["amend", str(a), str(b), "--consequential"])
    assert "Citations that still use old numbers:" in listed.stdout
    assert "- § 4a (formerly § 5a) still cites § 5, which is now § 4" in listed.stdout
    items = listed.stdout.split("Folgeänderungen (Paragraphen in der neuen Zählung):")[1]
    assert re.search(r"^1\. In § 4a werden die Wörter „[^“]*5 Abs\. 1[^“]*“ durch die Wörter „[^“]*4 Abs\. 1", items, re.M)
    assert "需要" not in listed.stdout and "Article" not in items
