"""Property-based tests (hypothesis) over real corpus texts, mutated texts and made-up input.

The promises checked for every input are in `fuzzlib.check`.  Here hypothesis chooses
the inputs and shrinks failures; `max_examples` stays modest so `make test` stays fast,
and bench/fuzz_run.py runs the same checks on 10,000+ cases.
"""

from __future__ import annotations

import random

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import DATA, sources_article_counts

from fuzzlib import CONTROLS, ENCODINGS, EXOTIC, MARKERS, MUTATORS, check, corpus_files, corpus_lines, encode

import lawdiff.akn.reader as reader
import lawdiff.akn.writer as akn
from lawdiff.errors import LawdiffError
from lawdiff.model import Meta
from lawdiff.text.numerals import int_to_zh
from lawdiff.akn.load import parse_source
from lawdiff.ingest.registry import read_bytes
from lawdiff.ingest.source import squeeze

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                derandomize=True)
FILES = corpus_files()
ZH_FILES = sorted(sources_article_counts("zh")) + sorted((DATA / "seeds").iterdir())  # laws with articles


# -- real texts, mutated --------------------------------------------------------------------
@FAST
@given(path=st.sampled_from(FILES), steps=st.lists(st.sampled_from(sorted(MUTATORS)), max_size=4),
       rnd=st.randoms(use_true_random=False), how=st.sampled_from(ENCODINGS), size=st.integers(20, 400))
def test_mutated_corpus_text_is_parsed_losslessly_or_refused(path, steps, rnd: random.Random, how, size) -> None:
    lines = corpus_lines(path)[:size]
    for step in steps:
        lines = MUTATORS[step](lines, rnd)
    check(encode("\n".join(lines), how), path.name)


@settings(max_examples=len(ZH_FILES), deadline=None, derandomize=True)
@given(path=st.sampled_from(ZH_FILES))
def test_real_chinese_texts_hold_every_promise(path) -> None:
    assert check(path.read_bytes(), path.name) == "parsed"


# -- made-up input --------------------------------------------------------------------------
PIECES = MARKERS + EXOTIC + CONTROLS + ["\n", "\n", "\n", "。", "；", "，", "规定", "法律", " ", "\u3000"]


@FAST
@given(parts=st.lists(st.sampled_from(PIECES), max_size=200), how=st.sampled_from(ENCODINGS),
       name=st.sampled_from(["x.txt", "x.md", "x"]))
def test_marker_soup_is_parsed_losslessly_or_refused(parts, how, name) -> None:
    check(encode("".join(parts), how), name)


@FAST
@given(text=st.text(max_size=400), name=st.sampled_from(["x.txt", "x.md"]))
def test_any_unicode_text_is_parsed_losslessly_or_refused(text, name) -> None:
    check(text.encode("utf-8", "surrogatepass"), name)


@FAST
@given(data=st.binary(max_size=2000), name=st.sampled_from(["x.txt", "x.md", "x", "x.xml", "x.html"]))
def test_any_bytes_are_parsed_losslessly_or_refused(data, name) -> None:
    check(data, name)


# -- a well-formed law made up by hypothesis: the parser must find exactly what was written --------
SENTENCE = st.text(alphabet="法律规定公民组织国家应当可以依照的和或者", min_size=1, max_size=30).map(lambda s: s + "。")


@st.composite
def laws(draw: st.DrawFn) -> tuple[str, list[list[str]], list[int]]:
    """(text, paragraphs per article, articles per chapter) of a simple, well-formed Chinese law."""
    chapters = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4))
    articles = [draw(st.lists(SENTENCE, min_size=1, max_size=3)) for _ in range(sum(chapters))]
    out = ["某某条例", ""]
    n = 0
    for c, count in enumerate(chapters, start=1):
        out += [f"第{int_to_zh(c)}章 章名{c}", ""]
        for _ in range(count):
            paragraphs = articles[n]
            n += 1
            out += [f"第{int_to_zh(n)}条 {paragraphs[0]}", ""]
            for paragraph in paragraphs[1:]:
                out += [paragraph, ""]
    return "\n".join(out), articles, chapters


@FAST
@given(law=laws())
def test_a_well_formed_law_parses_to_exactly_its_articles(law) -> None:
    text, articles, chapters = law
    doc = parse_source(read_bytes(text.encode(), "law.txt"), Meta())
    assert [a.number for a in doc.articles()] == [str(i) for i in range(1, len(articles) + 1)]
    assert [[p.text for p in a.children] for a in doc.articles()] == articles
    assert [len(c.children) for c in doc.containers()] == chapters
    assert not doc.warnings
    back = reader.from_bytes(akn.to_bytes(doc))
    assert [[p.text for p in a.children] for a in back.articles()] == articles


@FAST
@given(law=laws(), rnd=st.randoms(use_true_random=False))
def test_reencoding_and_line_endings_do_not_change_the_result(law, rnd: random.Random) -> None:
    text = law[0]
    want = squeeze(reader.from_bytes(akn.to_bytes(parse_source(read_bytes(text.encode(), "law.txt"), Meta()))).all_text())
    how = rnd.choice(["utf-8-sig", "utf-16", "gb18030", "crlf", "cr"])
    got = parse_source(read_bytes(encode(text, how), "law.txt"), Meta())
    assert squeeze(got.all_text()) == want


# -- the command line: one line and exit 2 for anything it refuses --------------------------------
@settings(max_examples=25, deadline=None, derandomize=True)
@given(data=st.one_of(st.binary(max_size=500), st.lists(st.sampled_from(PIECES), max_size=80).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))))
def test_cli_parse_exits_0_or_2_with_one_line(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    from lawdiff.cli.app import main

    path = tmp_path_factory.mktemp("cli") / "input.txt"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr, result.exception)
    if result.exit_code == 2:
        assert result.stderr.startswith("lawdiff: error: "), result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr


# -- the diff: self-diff, ops that rebuild the new version, symmetry ----------------------------
from fuzzlib import diff_problems, mutate_document  # noqa: E402

from lawdiff.ingest.registry import read_source  # noqa: E402

SMALL_ZH = sorted(p for p in ZH_FILES if p.stat().st_size < 60_000)
_DOCS: dict = {}


def _doc(path):  # type: ignore[no-untyped-def]
    if path not in _DOCS:
        _DOCS[path] = parse_source(read_source(path), Meta())
    return _DOCS[path]


@settings(max_examples=30, deadline=None, derandomize=True)
@given(path=st.sampled_from(SMALL_ZH), rnd=st.randoms(use_true_random=False), steps=st.integers(1, 6))
def test_diff_promises_hold_for_edited_versions(path, rnd: random.Random, steps: int) -> None:
    a = _doc(path)
    b = mutate_document(a, rnd, steps)
    assert diff_problems(a, b) == []


@settings(max_examples=15, deadline=None, derandomize=True)
@given(path=st.sampled_from(SMALL_ZH), steps=st.lists(st.sampled_from(sorted(MUTATORS)), min_size=1, max_size=3),
       rnd=st.randoms(use_true_random=False))
def test_diff_promises_hold_for_text_mutations(path, steps, rnd: random.Random) -> None:
    """B is A's text mutated and parsed again: markers lost, lines shuffled, controls added."""
    lines = corpus_lines(path)
    for step in steps:
        lines = MUTATORS[step](lines, rnd)
    try:
        b = parse_source(read_bytes("\n".join(lines).encode("utf-8", "surrogatepass"), path.name), Meta())
    except LawdiffError:
        return  # nothing left to compare
    assert diff_problems(_doc(path), b) == []


def _pairs() -> list:
    folders = sorted({p.parent for p in ZH_FILES if p.parent.name != "seeds"})
    out = []
    for folder in folders + [DATA / "corpus" / "de" / "grundgesetz"]:
        versions = sorted(p for p in folder.iterdir() if p.name[:2].isdigit() and p.suffix in (".md", ".txt"))
        out += [(a, b) for a, b in zip(versions, versions[1:])]
    return out


PAIRS = _pairs()


@pytest.mark.parametrize("a,b", PAIRS, ids=[f"{a.parent.name}/{a.name[:2]}-{b.name[:2]}" for a, b in PAIRS])
def test_diff_promises_hold_between_real_versions(a, b) -> None:
    assert diff_problems(_doc(a), _doc(b), swap=False) == []


@pytest.mark.parametrize("a,b", PAIRS, ids=[f"{a.parent.name}/{a.name[:2]}-{b.name[:2]}" for a, b in PAIRS])
def test_swapping_versions_swaps_added_and_removed(a, b) -> None:
    assert [p for p in diff_problems(_doc(a), _doc(b)) if p.startswith("swapping")] == []
