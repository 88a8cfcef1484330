"""Hostile and mutated inputs, and the checks every input must pass.

Shared by the hypothesis suite (tests/test_properties.py), the long run (bench/fuzz_run.py)
and the regression runner (tests/test_regressions.py), so the three always check the
same promises:

* reading and parsing either succeed or raise `LawdiffError` (never anything else);
* a parsed document gives schema-valid Akoma Ntoso (the store refuses invalid XML);
* lossless: the AKN's text outside `<meta>` equals the source lines' text (whitespace aside);
* deterministic: the same bytes give the same XML;
* the AKN reads back to the same articles.

A mutator takes the input's lines and a `random.Random` and returns new lines; all
randomness comes from that generator, so a seed reproduces a case exactly.
"""

from __future__ import annotations

import codecs
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from helpers import text_outside_meta

import lawdiff.akn.reader as reader
import lawdiff.akn.writer as akn
from lawdiff.ingest.xml import SAFE_PARSER
from lawdiff.errors import LawdiffError
from lawdiff.model import Meta
from lawdiff.akn.load import parse_source
from lawdiff.model import SourceLine
from lawdiff.ingest.registry import read_bytes
from lawdiff.ingest.source import squeeze
from lawdiff.akn.schema import validation_errors

DATA = Path(__file__).parent / "data"
REGRESSIONS = Path(__file__).parent / "regressions"

# Markers the parsers key on: inserting, duplicating and deleting them is where parsers break.
MARKERS = [
    "第一条", "第二条 ", "第十条　", "第一百零一条之一", "第三条之二", "第一千二百六十条", "第0条", "第９９条",
    "第一章 总则", "第二章", "第一节 一般规定", "第一编 总则", "第一分编 通则", "第九十九章",
    "（一）", "(二)", "１．", "2.", "附则", "总则", "目录", "附件", "附件1：某某清单", "附件 二",
    "关于某某条例的说明", "（下转第3版）", "(上接第A2版)", "① 注释", "第一千亿条", "第条", "第　条",
    "（立法目的）", "(", "（", "》", "《", "## 第三章", "# 标题", "<!-- comment -->", "<!--", "-->",
    "Article 1", "§ 5", "Art. 3", "### Art 12", "CHAPTER I", "Section 2.", "(a)", "1.", "<p>", "</section>",
]

# Scripts and symbols that must pass through untouched: RTL, combining marks, astral plane, emoji.
EXOTIC = [
    "\u202e", "\u200f", "مرحبا", "שלום", "Привет", "ελληνικά", "e\u0301", "\U0001d400", "😀", "👨‍👩‍👧",
    "\u3000", "\u00a0", "\u2028", "\u2029", "\u0085", "\ufeff", "\u200b", "\ufffd", "𠀀", "〇", "０", "︰",
    "\U0010fffd", "\u00ad", "\ue000",
]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x1f", "\x7f", "\r", "\t",
            "\ufffe", "\uffff"]


def _pick(rnd: random.Random, lines: list[str]) -> int:
    return rnd.randrange(len(lines)) if lines else 0


def m_truncate(lines: list[str], rnd: random.Random) -> list[str]:
    text = "\n".join(lines)
    return text[: rnd.randrange(len(text) + 1)].split("\n")


def m_shuffle(lines: list[str], rnd: random.Random) -> list[str]:
    out = list(lines)
    if len(out) > 1:  # shuffle a window: whole-file shuffles only test "no article found"
        a = rnd.randrange(len(out))
        b = min(len(out), a + rnd.randint(2, 12))
        window = out[a:b]
        rnd.shuffle(window)
        out[a:b] = window
    return out


def m_duplicate(lines: list[str], rnd: random.Random) -> list[str]:
    out = list(lines)
    if out:
        i = _pick(rnd, out)
        out[i:i] = [out[i]] * rnd.randint(1, 3)
    return out


def m_delete(lines: list[str], rnd: random.Random) -> list[str]:
    out = list(lines)
    if out:
        i = _pick(rnd, out)
        del out[i : i + rnd.randint(1, 5)]
    return out


def m_marker_line(lines: list[str], rnd: random.Random) -> list[str]:
    out = list(lines)
    out.insert(_pick(rnd, out), rnd.choice(MARKERS) + rnd.choice(["", "正文。", "标题", " text"]))
    return out


def m_marker_inline(lines: list[str], rnd: random.Random) -> list[str]:
    out = list(lines) or [""]
    i = _pick(rnd, out)
    pos = rnd.randrange(len(out[i]) + 1)
    out[i] = out[i][:pos] + rnd.choice(["。", "；", ""]) + rnd.choice(MARKERS) + out[i][pos:]
    return out


def m_delete_marker(lines: list[str], rnd: random.Random) -> list[str]:
    """Cut the marker off a marker line (`第十二条 ...` -> `...`)."""
    out = list(lines)
    candidates = [i for i, l in enumerate(out) if l.lstrip("# ").startswith("第")]
    if candidates:
        i = rnd.choice(candidates)
        stripped = out[i].lstrip("# ")
        cut = stripped.find("条") if "条" in stripped[:12] else stripped.find("章")
        out[i] = stripped[cut + 1 :] if cut >= 0 else stripped[2:]
    return out


def m_exotic(lines: list[str], rnd: random.Random) -> list[str]:
    out = list(lines) or [""]
    for _ in range(rnd.randint(1, 4)):
        i = _pick(rnd, out)
        pos = rnd.randrange(len(out[i]) + 1)
        out[i] = out[i][:pos] + rnd.choice(EXOTIC) + out[i][pos:]
    return out


def m_controls(lines: list[str], rnd: random.Random) -> list[str]:
    out = list(lines) or [""]
    for _ in range(rnd.randint(1, 3)):
        i = _pick(rnd, out)
        pos = rnd.randrange(len(out[i]) + 1)
        out[i] = out[i][:pos] + rnd.choice(CONTROLS) + out[i][pos:]
    return out


def m_long_line(lines: list[str], rnd: random.Random) -> list[str]:
    out = list(lines) or [""]
    i = _pick(rnd, out)
    unit = rnd.choice(["法", "a", "第一条", "（一）", " ", "。", "x" * 7])
    out[i] = out[i] + unit * rnd.randint(1_000, 60_000 // len(unit))
    return out


def m_join_lines(lines: list[str], rnd: random.Random) -> list[str]:
    out = list(lines)
    if len(out) > 1:
        i = rnd.randrange(len(out) - 1)
        out[i : i + 2] = [out[i] + rnd.choice(["", " ", "\u3000"]) + out[i + 1]]
    return out


def m_split_line(lines: list[str], rnd: random.Random) -> list[str]:
    out = list(lines)
    if out:
        i = _pick(rnd, out)
        pos = rnd.randrange(len(out[i]) + 1)
        out[i : i + 1] = [out[i][:pos], out[i][pos:]]
    return out


def m_blank(lines: list[str], rnd: random.Random) -> list[str]:
    return rnd.choice([[], [""], ["", "   ", "\u3000", "\u200b"], ["\ufeff"]])


def m_markdown_noise(lines: list[str], rnd: random.Random) -> list[str]:
    out = list(lines) or [""]
    i = _pick(rnd, out)
    out[i] = rnd.choice(["#" * rnd.randint(1, 8) + " ", "<!-- ", "> ", "- ", "| ", "    "]) + out[i] + \
        rnd.choice(["", " -->", " #", " |"])
    return out


MUTATORS: dict[str, Callable[[list[str], random.Random], list[str]]] = {
    "truncate": m_truncate, "shuffle": m_shuffle, "duplicate": m_duplicate, "delete": m_delete,
    "marker-line": m_marker_line, "marker-inline": m_marker_inline, "delete-marker": m_delete_marker,
    "exotic": m_exotic, "controls": m_controls, "long-line": m_long_line, "join": m_join_lines,
    "split": m_split_line, "blank": m_blank, "markdown": m_markdown_noise,
}

# Byte-level encodings of the mutated text: the decoder has to cope with all of them.
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "big5", "latin-1", "crlf", "cr"]


def encode(text: str, how: str) -> bytes:
    if how == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8", "surrogatepass")
    if how == "cr":
        return text.replace("\n", "\r").encode("utf-8", "surrogatepass")
    return text.encode(how, errors="replace") if how not in ("utf-8",) else text.encode("utf-8", "surrogatepass")


def byte_damage(data: bytes, rnd: random.Random) -> bytes:
    """Flip, drop or insert a few raw bytes (broken downloads, mixed encodings)."""
    out = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        action = rnd.choice(["flip", "drop", "insert", "cut"])
        pos = rnd.randrange(len(out) + 1)
        if action == "flip" and pos < len(out):
            out[pos] ^= 1 << rnd.randrange(8)
        elif action == "drop" and pos < len(out):
            del out[pos]
        elif action == "insert":
            out[pos:pos] = bytes([rnd.randrange(256)])
        elif action == "cut":
            del out[pos:]
    return bytes(out)


# -- the corpus ------------------------------------------------------------------------
def corpus_files(national: Path | None = None) -> list[Path]:
    """Every text input of the corpus, the seeds and the national sample (the formats the
    readers support); with `national`, every law file of that collection too (the long run
    reads `../shared/corpus-national` where it is)."""
    files = sorted(p for p in (DATA / "corpus").rglob("*") if p.is_file() and p.name != "SOURCES.md")
    files += sorted(p for p in (DATA / "seeds").rglob("*") if p.is_file())
    files += sorted(p for p in (DATA / "national-sample").rglob("*.md") if p.name != "SOURCES.md")
    if national is not None:
        files += sorted(p for p in national.rglob("*.md") if p.name != "SOURCES.md")
    return files


_CACHE: dict[Path, list[str]] = {}


def corpus_lines(path: Path) -> list[str]:
    if path not in _CACHE:
        _CACHE[path] = path.read_bytes().decode("utf-8").split("\n")
    return _CACHE[path]


@dataclass
class Case:
    data: bytes
    name: str  # the file name the reader sees (its suffix picks the format)
    recipe: str  # how the case was made, for reports


def make_case(rnd: random.Random, files: list[Path], window: int = 250) -> Case:
    """One mutated case: a window of a corpus file, 1-4 mutations, an encoding, maybe byte damage."""
    path = rnd.choice(files)
    lines = corpus_lines(path)
    start = rnd.randrange(max(1, len(lines) - window)) if rnd.random() < 0.7 else 0
    lines = lines[start : start + window]
    steps = [rnd.choice(list(MUTATORS)) for _ in range(rnd.randint(0, 4))]
    for step in steps:
        lines = MUTATORS[step](lines, rnd)
    how = rnd.choice(ENCODINGS) if rnd.random() < 0.3 else "utf-8"
    data = encode("\n".join(lines), how)
    damaged = rnd.random() < 0.1
    if damaged:
        data = byte_damage(data, rnd)
    name = path.name if rnd.random() < 0.85 else rnd.choice(["x.txt", "x.md", "x", "x.html", "x.xml", "x.docx"])
    recipe = f"{path.parent.name}/{path.name}[{start}:+{window}] {'+'.join(steps) or 'as-is'} {how}" + \
        (" +bytes" if damaged else "")
    return Case(data, name, recipe)


def random_case(rnd: random.Random) -> Case:
    """Input made from nothing: random markers, text, controls and bytes."""
    kind = rnd.choice(["markers", "bytes", "text"])
    if kind == "bytes":
        data = bytes(rnd.randrange(256) for _ in range(rnd.randrange(2000)))
    else:
        pool = MARKERS + EXOTIC + CONTROLS + ["法律。", "规定", "\n", "\n", "。", "；", "：", " ", "Text."]
        if kind == "text":
            pool = pool + [chr(rnd.randrange(0x20, 0x10000)) for _ in range(20)]
        parts = [rnd.choice(pool) for _ in range(rnd.randrange(300))]
        data = encode("".join(parts), rnd.choice(ENCODINGS))
    return Case(data, rnd.choice(["r.txt", "r.md", "r"]), f"random-{kind}")


# -- the checks ------------------------------------------------------------------------
def lossless_gap(xml: bytes, lines: list[SourceLine]) -> str:
    """"" when squeeze(AKN text outside <meta>) == squeeze(the source lines' text), else where they part."""
    got = squeeze(text_outside_meta(xml))
    want = squeeze("".join(line.text for line in lines))
    if got == want:
        return ""
    i = next((k for k, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    return (f"differs at character {i}: AKN {got[max(0, i - 20):i + 30]!r} vs source "
            f"{want[max(0, i - 20):i + 30]!r} (lengths {len(got)} vs {len(want)})")


class Failure(Exception):
    """A broken promise (as opposed to a clear refusal, which is a LawdiffError)."""


def check(data: bytes, name: str, validate: bool = True) -> str:
    """Run one input through read -> parse -> AKN and check every promise.

    Returns "refused" or "parsed"; raises `Failure` for a broken promise, and lets any
    exception other than `LawdiffError` through (that is a bug too).
    """
    try:
        source = read_bytes(data, name)
        doc = parse_source(source, Meta())
    except LawdiffError as exc:
        message = str(exc)
        if not message or "\n" in message.strip():
            raise Failure(f"LawdiffError message is not one line: {message!r}") from None
        return "refused"
    try:
        xml = akn.to_bytes(doc)
    except LawdiffError as exc:  # refusing here is fine too (e.g. nothing to write)
        return "refused" if str(exc) else "parsed"
    gap = lossless_gap(xml, source.lines)
    if gap:
        raise Failure("lossless: " + gap)
    again = akn.to_bytes(parse_source(read_bytes(data, name), Meta()))
    if again != xml:
        raise Failure("not deterministic: the same bytes gave different XML")
    if validate:
        from lxml import etree

        errors = validation_errors(etree.fromstring(xml, SAFE_PARSER))
        if errors:
            raise Failure(f"invalid Akoma Ntoso: {errors[0]}")
    back = reader.from_bytes(xml)
    got = [(a.num, a.number, a.all_text()) for a in back.articles()]
    want = [(a.num, a.number, a.all_text()) for a in doc.articles()]
    if got != want:
        first = next(i for i, (g, w) in enumerate(zip(got + [None] * len(want), want + [None] * len(got))) if g != w)
        raise Failure(f"AKN does not read back: article {first} {want[first] if first < len(want) else None!r} "
                      f"came back as {got[first] if first < len(got) else None!r}")
    return "parsed"


def save_regression(case: Case, problem: str) -> Path:
    """Keep a failing input as tests/regressions/<hash>-<name> with a note beside it."""
    import hashlib

    REGRESSIONS.mkdir(exist_ok=True)
    digest = hashlib.sha256(case.data).hexdigest()[:12]
    suffix = Path(case.name).suffix or ".bin"
    path = REGRESSIONS / f"{digest}{suffix}"
    path.write_bytes(case.data)
    path.with_name(path.name + ".note").write_text(
        f"name: {case.name}\nrecipe: {case.recipe}\nproblem: {problem.splitlines()[0][:300]}\n", encoding="utf-8")
    return path


__all__ = ["Case", "Failure", "MUTATORS", "check", "corpus_files", "make_case", "random_case", "save_regression",
           "encode", "codecs"]


def problem_of(data: bytes, name: str) -> str:
    """The first line of what `check` reports for an input ("" when every promise holds)."""
    try:
        check(data, name)
    except Failure as exc:
        return str(exc).splitlines()[0]
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}".splitlines()[0]
    return ""


def minimise(case: Case, same: Callable[[str], bool] | None = None) -> Case:
    """Delta-debug a failing case by lines: the smallest input that still fails the same way.

    `same` decides whether a problem message is "the same failure" (default: the same
    message up to its first colon), so shrinking cannot wander off to another bug.
    """
    first = problem_of(case.data, case.name)
    if not first:
        return case  # nothing to shrink towards
    kind = first.split(":", 1)[0]
    same = same or (lambda problem: problem.split(":", 1)[0] == kind)
    text = case.data.decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    chunk = max(1, len(lines) // 2)
    while chunk >= 1:
        i, shrunk = 0, False
        while i < len(lines):
            trial = lines[:i] + lines[i + chunk :]
            data = "\n".join(trial).encode("utf-8", "surrogateescape")
            if trial and same(problem_of(data, case.name)):
                lines, shrunk = trial, True
            else:
                i += chunk
        if not shrunk:
            chunk //= 2
    return Case("\n".join(lines).encode("utf-8", "surrogateescape"), case.name, case.recipe + " (minimised)")


# -- diff properties ---------------------------------------------------------------------
def diff_problems(a_doc, b_doc, swap: bool = True) -> list[str]:  # type: ignore[no-untyped-def]
    """Broken promises of `compare` for one pair (empty when all hold).

    * every article of either side is in exactly one change, and nothing of its text is lost;
    * the ops of every change turn the old articles' text into the new articles' text;
    * diff(A, A) has no change;
    * swapping A and B swaps added and removed (and split and merged).
    """
    from lawdiff.compare.differ import compare
    from lawdiff.compare.redline import new_text, old_text
    from lawdiff.text.normalize import display_text

    problems: list[str] = []
    result = compare(a_doc, b_doc)
    for side, doc, infos in (("old", a_doc, [i for c in result.changes for i in c.old]),
                             ("new", b_doc, [i for c in result.changes for i in c.new])):
        if sorted(i.index for i in infos) != list(range(len(doc.articles()))):
            problems.append(f"{side} articles not covered exactly once: {sorted(i.index for i in infos)[:20]}")
        by_index = {i.index: i for i in infos}
        for k, art in enumerate(doc.articles()):
            info = by_index.get(k)
            if info is not None and squeeze(info.num + info.heading + info.text) != \
                    squeeze(art.num + art.heading_text + art.intro + art.text
                            + "".join(c.all_text() for c in art.children)):
                problems.append(f"{side} article {k} ({art.num}): its text in the diff is not its text")
    for n, change in enumerate(result.changes):
        old = "\n".join(u for i in change.old for u in (i.text.split("\n") if i.text else [""]))
        new = "\n".join(u for i in change.new for u in (i.text.split("\n") if i.text else [""]))
        if change.type == "unchanged":
            if old != new:
                problems.append(f"change {n}: 'unchanged' but the texts differ")
            continue
        # The ops are the texts as read (wrap spaces between Chinese letters left out).
        if old_text(change.ops) != display_text(old):
            problems.append(f"change {n} ({change.type}): the ops do not start from the old text")
        if new_text(change.ops) != display_text(new):
            problems.append(f"change {n} ({change.type}): applying the ops does not give the new text")
    same = compare(a_doc, a_doc)
    if same.has_differences or any(c.type != "unchanged" or c.renumbered or c.moved for c in same.changes):
        problems.append(f"diff(A, A) has changes: {same.stats}")
    if not swap:
        return problems
    back = compare(b_doc, a_doc)

    def eids(res, kind: str, side: str) -> list[str]:  # type: ignore[no-untyped-def]
        return sorted(i.eid for c in res.changes if c.type == kind for i in getattr(c, side))

    for kind, other in (("added", "removed"), ("removed", "added"), ("split", "merged"), ("merged", "split")):
        side = "new" if kind in ("added", "split") else "old"
        other_side = "old" if side == "new" else "new"
        if eids(result, kind, side) != eids(back, other, other_side):
            problems.append(f"swapping A and B: {kind} {eids(result, kind, side)[:8]} but then {other} "
                            f"{eids(back, other, other_side)[:8]}")
    return problems


def mutate_document(doc, rnd: random.Random, steps: int = 3):  # type: ignore[no-untyped-def]
    """A copy of `doc` with whole-article edits: what a next reading does to a law.

    Deletes, inserts, duplicates, moves and rewrites articles, and edits characters inside
    paragraphs; numbers stay as printed (a renumbering is the diff's job to notice).
    """
    import copy

    from lawdiff.model import Node

    new = copy.deepcopy(doc)
    for _ in range(steps):
        articles = new.articles()
        if not articles:
            break
        parents = {id(c): p for top in new.body for p in top.walk() for c in p.children}

        def siblings(node):  # type: ignore[no-untyped-def]
            parent = parents.get(id(node))
            return parent.children if parent is not None else new.body

        art = rnd.choice(articles)
        action = rnd.choice(["delete", "insert", "duplicate", "move", "edit", "edit", "rewrite"])
        if action == "delete" and len(articles) > 1:
            siblings(art).remove(art)
        elif action == "insert":
            sib = siblings(art)
            sib.insert(sib.index(art) + 1, Node("article", num=art.num + "之一", number=art.number + "-9",
                                                children=[Node("paragraph", number="1",
                                                               text="新增的条文内容，规定有关事项。")]))
        elif action == "duplicate":
            sib = siblings(art)
            sib.insert(sib.index(art), copy.deepcopy(art))
        elif action == "move" and len(articles) > 2:
            siblings(art).remove(art)
            target = rnd.choice([a for a in new.articles()])
            sib = siblings(target)
            sib.insert(sib.index(target) + rnd.randint(0, 1), art)
        elif action == "edit":
            leaves = [n for n in art.walk() if n.text]
            if leaves:
                leaf = rnd.choice(leaves)
                pos = rnd.randrange(len(leaf.text) + 1)
                cut = rnd.randint(0, 6)
                leaf.text = leaf.text[:pos] + rnd.choice(["", "应当", "不得", "，并", "国务院"]) + leaf.text[pos + cut:]
                leaf.text = leaf.text or "。"
        elif action == "rewrite":
            art.children = [Node("paragraph", number="1", text="本条全文改写为新的规定。")]
    return new
