"""An instrument written out: NPC drafting style (Chinese), English style or German Änderungsbefehle;
text, Markdown, AKN.

`lawdiff.amend.reader.parse_instrument` reads back exactly what `render_text` writes
(the tests hold the two to that), so a generated instrument can be checked by applying it.
"""

from __future__ import annotations

import lawdiff.akn.writer as akn
from lawdiff.akn.eids import container_eid, provision_eid
from lawdiff.akn.serialize import serialize
from lawdiff.amend.instrument import Instrument, Item, Loc, Op
from lawdiff.amend.places import (de_article, de_container, de_genitive, de_place, en_article, en_container,
                                  en_place, zh_article, zh_container, zh_place)
from lawdiff.amend.quoting import quote_block, quote_inline
from lawdiff.model import Meta
from lawdiff.text.markers import ZH_KIND_WORDS, de_kind_word, en_kind_word
from lawdiff.text.numerals import int_to_zh

# A container's name: 章名, 节名 …; 名称 for a kind without a Chinese word.
ZH_NAME_WORD = {kind: word + "名" for kind, word in ZH_KIND_WORDS.items()}


def label_items(instrument: Instrument, style: str) -> None:
    for i, item in enumerate(instrument.items, start=1):
        item.label = int_to_zh(i) if style == "zh" else str(i)


def item_number(label: str, style: str) -> str:
    """An item's number as printed: 一、 (Chinese), 1. (German), (1) (English)."""
    return f"{label}、" if style == "zh" else f"{label}." if style == "de" else f"({label})"


# -- clauses ------------------------------------------------------------------------------------------
def zh_clause(op: Op, cite: str = "") -> str:
    place = zh_place(op.target, cite)
    sep = "\n\n"
    if op.kind == "replace":
        block = quote_block(op.lines, sep)
        if op.adds_paragraph:
            return f"在{place}中增加一款作为第{int_to_zh(op.adds_paragraph)}款，将该条修改为：{block}"
        return f"将{place}修改为：{block}"
    if op.kind == "replace_text":
        return f"将{place}中的{quote_inline(op.old)}修改为{quote_inline(op.new)}"
    if op.kind == "insert_text":
        where = "后" if op.position == "after" else "前"
        return f"在{place}中的{quote_inline(op.old)}{where}增加{quote_inline(op.new)}"
    if op.kind == "delete_text":
        return f"删去{place}中的{quote_inline(op.old)}"
    if op.kind == "add_paragraph":
        return f"在{place}中增加一款，作为第{int_to_zh(int(op.number))}款：{quote_block(op.lines, sep)}"
    if op.kind == "add_point":
        return f"在{place}中增加一项，作为第{int_to_zh(int(op.number))}项：{quote_block(op.lines, sep)}"
    if op.kind == "add_article":
        titled = f"，条标为{quote_inline(op.new)}" if op.new else ""
        return f"{_zh_anchor(op, cite)}增加一条，作为{zh_article(op.number)}{titled}：{quote_block(op.lines, sep)}"
    if op.kind == "add_container":
        word = ZH_KIND_WORDS.get(op.ckind, "章")
        return f"{_zh_anchor(op, cite)}增加一{word}，作为{zh_container(op.ckind, op.number)}：{quote_inline(op.new)}"
    if op.kind == "delete":
        return f"删去{place}"
    if op.kind == "heading":
        return f"将{place}的条标修改为{quote_inline(op.new)}" if op.new else f"删去{place}的条标"
    if op.kind == "rename":
        return f"将{place}的{ZH_NAME_WORD.get(op.target.containers[-1][0], '名称')}修改为{quote_inline(op.new)}"
    if op.kind == "delete_heading":
        return f"删去{place}的{ZH_NAME_WORD.get(op.target.containers[-1][0], '名称')}"
    if op.kind == "move":
        where = {"after": "后", "before": "前", "in": "中"}[op.position]
        return f"将{place}移至{zh_place(op.anchor, cite)}{where}"
    if op.kind == "renumber":
        if op.ckind:
            return f"将{place}改为{zh_container(op.ckind, op.number)}"
        return f"将{place}改为{zh_article(op.number)}"
    if op.kind == "renumber_all":
        what = "、".join(w for w, flag in (("章节", op.containers), ("条文", op.articles)) if flag)
        return f"本决定对{what}顺序作相应调整"
    return op.text


def _zh_anchor(op: Op, cite: str) -> str:
    if not op.position:
        return ""
    where = {"after": "后", "before": "前", "in": "中"}[op.position]
    return f"在{zh_place(op.anchor, cite)}{where}"


def en_clause(op: Op) -> str:
    place = en_place(op.target)
    sep = "\n\n"

    def block(lines: list[str]) -> str:
        return quote_block(lines, sep, convention=False)

    def q(text: str) -> str:
        return quote_inline(text, convention=False)

    if op.kind == "replace":
        return f"{place} is replaced by the following:{sep}{block(op.lines)}"
    if op.kind == "replace_text":
        return f"In {place}, the words {q(op.old)} are replaced by {q(op.new)}"
    if op.kind == "insert_text":
        return f"In {place}, the words {q(op.new)} are inserted {op.position} {q(op.old)}"
    if op.kind == "delete_text":
        return f"In {place}, the words {q(op.old)} are deleted"
    if op.kind == "add_paragraph":
        return f"In {place}, the following paragraph is inserted as paragraph {op.number}:{sep}{block(op.lines)}"
    if op.kind == "add_point":
        return f"In {place}, the following point is inserted as point {op.number}:{sep}{block(op.lines)}"
    if op.kind == "add_article":
        titled = f", with the heading {q(op.new)}" if op.new else ""
        return f"The following Article is inserted{_en_anchor(op)}, as Article {en_article(op.number)}{titled}:" \
               f"{sep}{block(op.lines)}"
    if op.kind == "add_container":
        return f"The following {en_kind_word(op.ckind)} is inserted{_en_anchor(op)}, as " \
               f"{en_container(op.ckind, op.number)}:{sep}{q(op.new)}"
    if op.kind == "delete":
        return f"{place} is deleted"
    if op.kind == "heading":
        return f"The heading of {place} is replaced by {q(op.new)}" if op.new else f"The heading of {place} is deleted"
    if op.kind == "rename":
        return f"The heading of {place} is replaced by {q(op.new)}"
    if op.kind == "delete_heading":
        return f"The heading of {place} is deleted"
    if op.kind == "move":
        where = {"after": "after", "before": "before", "in": "to the beginning of"}[op.position]
        return f"{place} is moved {where} {en_place(op.anchor)}"
    if op.kind == "renumber":
        if op.ckind:
            return f"{place} becomes {en_container(op.ckind, op.number)}"
        return f"{place} becomes Article {en_article(op.number)}"
    if op.kind == "renumber_all":
        what = " and ".join(w for w, flag in (("the Articles", op.articles), ("the Chapters and Sections",
                                                                              op.containers)) if flag)
        return f"{what[0].upper() + what[1:]} are renumbered accordingly"
    return op.text


def _en_anchor(op: Op) -> str:
    if not op.position:
        return ""
    where = {"after": "after", "before": "before", "in": "at the beginning of"}[op.position]
    return f" {where} {en_place(op.anchor)}"


# German drafting: "§ 4 wird wie folgt gefasst", "In § 8 Absatz 1 werden die Wörter „…“ durch die
# Wörter „…“ ersetzt".  `word`: how the base names an article (§ or Artikel).
NEUTER = ("Kapitel", "Buch")  # folgendes Kapitel, folgender Abschnitt


def de_clause(op: Op, word: str = "§") -> str:
    place = de_place(op.target, word)
    sep = "\n\n"

    def block(lines: list[str]) -> str:
        return quote_block(lines, sep, low=True)

    def q(text: str) -> str:
        return quote_inline(text, low=True)

    if op.kind == "replace":
        return f"{place} wird wie folgt gefasst:{sep}{block(op.lines)}"
    if op.kind == "replace_text":
        return f"In {place} werden die Wörter {q(op.old)} durch die Wörter {q(op.new)} ersetzt"
    if op.kind == "insert_text":
        where = "nach" if op.position == "after" else "vor"
        return f"In {place} werden {where} den Wörtern {q(op.old)} die Wörter {q(op.new)} eingefügt"
    if op.kind == "delete_text":
        return f"In {place} werden die Wörter {q(op.old)} gestrichen"
    if op.kind == "add_paragraph":
        return f"In {place} wird folgender Absatz {op.number} eingefügt:{sep}{block(op.lines)}"
    if op.kind == "add_point":
        return f"In {place} wird folgende Nummer {op.number} eingefügt:{sep}{block(op.lines)}"
    if op.kind == "add_article":
        titled = f" mit der Überschrift {q(op.new)}" if op.new else ""
        return f"{_de_anchor(op, word)} wird folgender {de_article(op.number, word)}{titled} eingefügt:" \
               f"{sep}{block(op.lines)}"
    if op.kind == "add_container":
        kind_word = de_kind_word(op.ckind)
        article = "folgendes" if kind_word in NEUTER else "folgender"
        return f"{_de_anchor(op, word)} wird {article} {de_container(op.ckind, op.number)} eingefügt:{sep}{q(op.new)}"
    if op.kind == "delete":
        return f"{place} wird aufgehoben"
    if op.kind in ("heading", "rename"):
        if not op.new:
            return f"Die Überschrift des {de_genitive(place)} wird gestrichen"
        return f"Die Überschrift des {de_genitive(place)} wird wie folgt gefasst:{sep}{q(op.new)}"
    if op.kind == "delete_heading":
        return f"Die Überschrift des {de_genitive(place)} wird gestrichen"
    if op.kind == "move":
        where = {"after": "nach", "before": "vor", "in": "an den Anfang des"}[op.position]
        anchor = de_place(op.anchor, word)
        return f"{place} wird {where} {de_genitive(anchor) if op.position == 'in' else anchor} verschoben"
    if op.kind == "renumber":
        if op.ckind:
            article = "Das bisherige" if de_kind_word(op.ckind) in NEUTER else "Der bisherige"
            return f"{article} {place} wird {de_container(op.ckind, op.number)}"
        return f"Der bisherige {place} wird {de_article(op.number, word)}"
    if op.kind == "renumber_all":
        what = " und ".join(w for w, flag in (("der Vorschriften", op.articles), ("der Gliederung", op.containers))
                            if flag)
        return f"Die Nummerierung {what} wird entsprechend angepasst"
    return op.text


def _de_anchor(op: Op, word: str) -> str:
    if not op.position:
        return "Es"
    anchor = de_place(op.anchor, word)
    if op.position == "in":
        return f"Am Anfang des {de_genitive(anchor)}"
    return f"{'Nach' if op.position == 'after' else 'Vor'} {anchor}"


# -- compressing runs: "将第十条至第二十条依次改为第十一条至第二十一条" ----------------------------------------
def _runs(ops: list[Op]) -> list[list[Op]]:
    runs: list[list[Op]] = []
    for op in ops:
        if runs and _continues(runs[-1][-1], op):
            runs[-1].append(op)
        else:
            runs.append([op])
    return runs


def _continues(a: Op, b: Op) -> bool:
    if a.kind != "renumber" or b.kind != "renumber" or a.ckind or b.ckind:
        return False
    if not (a.target.article.isdigit() and b.target.article.isdigit() and a.number.isdigit() and b.number.isdigit()):
        return False
    return int(b.target.article) == int(a.target.article) + 1 and int(b.number) == int(a.number) + 1


def clauses(item: Item, style: str, cite: str = "", word: str = "§") -> list[str]:
    """The item's clauses in `style` (zh, en, de; `word`: a German base's article word, § or Artikel)."""
    out: list[str] = []
    for run in _runs(item.ops):
        first, last = run[0], run[-1]
        if len(run) > 2:
            if style == "zh":
                out.append(f"将{zh_place(first.target, cite)}至{zh_place(last.target, cite)}依次改为"
                           f"{zh_article(first.number)}至{zh_article(last.number)}")
            elif style == "de":
                words = "§§" if word == "§" else word
                out.append(f"Die bisherigen {words} {first.target.article} bis {last.target.article} werden die "
                           f"{words} {first.number} bis {last.number}")
            else:
                out.append(f"Articles {first.target.article} to {last.target.article} become Articles "
                           f"{first.number} to {last.number}")
            continue
        out.extend(zh_clause(op, cite) if style == "zh" else de_clause(op, word) if style == "de" else en_clause(op)
                   for op in run)
    return out


def item_text(item: Item, style: str, cite: str = "", word: str = "§") -> str:
    joined = ("；" if style == "zh" else ";\n\n").join(clauses(item, style, cite, word))
    if not joined.endswith(("”", "“", "«")):  # a quotation closes the item
        joined += "。" if style == "zh" else "."
    number = item_number(item.label, style)
    return number + joined if style == "zh" else f"{number} {joined}"


# What an instrument says when the two versions have the same text.
NOTHING_TO_AMEND = {"zh": "（两个版本的条文相同，无需修改。）", "de": "(Die beiden Fassungen haben denselben Wortlaut.)",
                    "en": "(The two versions have the same text.)"}


def render_text(instrument: Instrument, style: str, cite: str = "") -> str:
    parts = [instrument.title, ""]
    parts.extend(instrument.preamble)
    for item in instrument.items:
        item.text = item_text(item, style, cite, instrument.article_word)
        parts.extend([item.text, ""])
    if not instrument.items:
        parts.append(NOTHING_TO_AMEND.get(style, NOTHING_TO_AMEND["en"]))
    return "\n".join(p for p in _blank_separated(parts)).rstrip("\n") + "\n"


def _blank_separated(parts: list[str]) -> list[str]:
    out: list[str] = []
    for p in parts:
        if p == "" and out and out[-1] == "":
            continue
        out.append(p)
    return out


def render_markdown(instrument: Instrument, style: str, cite: str = "") -> str:
    """The same text as Markdown: the title as a heading; items and quotations as paragraphs."""
    text = render_text(instrument, style, cite)
    first, _, rest = text.partition("\n")
    return f"# {first}\n{rest}"


# -- Akoma Ntoso ---------------------------------------------------------------------------------------------
TEXTUAL_MOD = {
    "replace": "substitution", "replace_text": "substitution", "heading": "substitution", "rename": "substitution",
    "insert_text": "insertion", "add_paragraph": "insertion", "add_point": "insertion", "add_article": "insertion",
    "add_container": "insertion", "delete": "repeal", "delete_text": "repeal", "delete_heading": "repeal",
    "move": "renumbering", "renumber": "renumbering", "renumber_all": "renumbering",
}


def destination_eid(loc: Loc) -> str:
    if loc.is_container:
        return container_eid(list(loc.containers))
    if not loc.article:
        return ""
    return provision_eid(loc.article, loc.paragraph, loc.point)


def render_akn(instrument: Instrument, style: str, old_meta: object, date: str, cite: str = "") -> bytes:
    """`<doc name="amendment">`: the items in mainBody, each instruction an `activeModifications/textualMod`
    whose destination is the element of FROM it changes."""
    assert isinstance(old_meta, Meta)
    slug = (old_meta.slug or "law") + "-amendment"
    meta = Meta(slug=slug, title=instrument.title, version=date, date=date or old_meta.date,
                stage="adopted", lang=instrument.lang, country=old_meta.country)
    meta.work_date = meta.date
    root = akn.element(None, "akomaNtoso")
    doc = akn.element(root, "doc", name="amendment")
    meta_el = akn.element(doc, "meta")
    akn.frbr_identity(meta_el, meta)
    target_work = akn.expression_uri(old_meta)
    analysis = akn.element(meta_el, "analysis", source="#lawdiff")
    active = akn.element(analysis, "activeModifications")
    n = 0
    for item_no, item in enumerate(instrument.items, start=1):
        for op in item.ops:
            kind = TEXTUAL_MOD.get(op.kind)
            if kind is None:
                continue
            n += 1
            mod = akn.element(active, "textualMod", type=kind, eId=f"amod_{n}")
            akn.element(mod, "source", href=f"#item_{item_no}")
            dest = destination_eid(op.anchor if op.kind in ("add_article", "add_container") else op.target)
            akn.element(mod, "destination", href=f"{target_work}/!main" + (f"#{dest}" if dest else ""))
    refs = akn.element(meta_el, "references", source="#lawdiff")
    akn.element(refs, "TLCOrganization", eId="lawdiff", href="/ontology/organization/lawdiff", showAs="lawdiff")
    akn.element(refs, "TLCOrganization", eId="author", href=f"/ontology/organization/{meta.country}/legislature",
            showAs="legislature")
    preface = akn.element(doc, "preface")
    akn.element(akn.element(akn.element(preface, "longTitle"), "p"), "docTitle", instrument.title)
    body = akn.element(doc, "mainBody")
    for item_no, item in enumerate(instrument.items, start=1):
        container = akn.element(body, "hcontainer", eId=f"item_{item_no}", name="item")
        akn.element(container, "num", item_number(item.label, style))
        content = akn.element(container, "content")
        text = item.text or item_text(item, style, cite, instrument.article_word)
        body_text = text.split("、", 1)[1] if style == "zh" and "、" in text else text.split(" ", 1)[-1]
        for line in (ln for ln in body_text.split("\n") if ln.strip()):
            akn.element(content, "p", line)
    if not instrument.items:
        akn.element(body, "p", "")
    return serialize(root)
