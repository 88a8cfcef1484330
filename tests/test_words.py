"""Chinese words: jieba (HMM off) with the legal-terms dictionary built from the bundled laws."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import jieba
from helpers import DRAFTS, SEED

from lawdiff.akn.load import parse_file
from lawdiff.text.normalize import display_text, reading
from lawdiff.text.scripts import HAN, WIDE_RANGES, is_wide
from lawdiff.text.words import boundaries, crossing_word, legal_terms, segment, snap

ROOT = Path(__file__).resolve().parent.parent


def test_committed_dictionary_is_what_the_script_builds() -> None:
    """Deterministic and current: the script run on the repository's laws gives the committed bytes."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_legal_terms.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dictionary_holds_defined_terms_and_heading_terms() -> None:
    terms = {term for term, _freq in legal_terms()}
    assert "高级管理人员" in terms  # 公司法: 本法所称高级管理人员，是指…
    assert "长三角" in terms  # the seed: (以下简称"长三角")
    assert "股东大会" in terms and "股东会" in terms  # section headings of the two company laws
    assert "自主研" not in terms  # a heading the OCR cut off gives no term


def test_legal_terms_stay_whole_where_plain_jieba_splits_them() -> None:
    jieba.setLogLevel(logging.WARNING)
    plain = jieba.Tokenizer()
    assert plain.lcut("股东大会决议", HMM=False) == ["股东", "大会决议"]  # the failure the dictionary fixes
    assert segment("股东大会决议") == ["股东大会", "决议"]
    assert segment("临时股东会会议") == ["临时", "股东会", "会议"]


def test_lazy_dictionary_cuts_exactly_as_jieba_loaded_whole() -> None:
    """lawdiff loads jieba's dictionary one first character at a time; the cuts must not change."""
    jieba.setLogLevel(logging.WARNING)
    whole = jieba.Tokenizer()
    whole.initialize()
    for term, freq in legal_terms():
        whole.add_word(term, freq)
    runs: list[str] = []
    for path in (DRAFTS / "company-law" / "01-amended-2018-10-26.md", SEED):
        for article in parse_file(path).articles():
            runs.extend(run for node in article.walk() for run in re.findall(f"[{HAN}]+", node.text))
    assert len(runs) > 1000
    assert [segment(run) for run in runs] == [whole.lcut(run, HMM=False) for run in runs]


def test_segment_is_lossless_and_keeps_latin_words() -> None:
    text = "依照 Article 12 的规定，Gründerzahl 与人工智能产 业"
    words = segment(text)
    assert "".join(words) == text
    assert "Gründerzahl" in words and "12" in words  # jieba alone cuts at the umlaut
    cuts = boundaries(text)
    assert cuts[0] == 0 and cuts[-1] == len(text) and cuts == sorted(set(cuts))


def test_snap_widens_to_whole_words() -> None:
    text = "召开临时股东大会会议"
    start = text.index("大")
    assert snap(text, start, start + 1) == (text.index("股东大会"), text.index("股东大会") + 4)


def test_crossing_word_is_a_word_cut_by_a_line_end() -> None:
    assert crossing_word("本市鼓励相关主体开展大数据与人工", "智能技术协同研发") == "人工智能"
    assert crossing_word("应当加强", "人工智能技术应用") == ""


def test_reading_and_display_text() -> None:
    assert display_text("人工智能产 业") == "人工智能产业"
    assert display_text("Article 5 第一条") == "Article 5 第一条"  # spaces by Latin words stay
    assert display_text("（一） 受理申请") == "（一） 受理申请"  # a space by punctuation stays
    assert reading("总则") == reading("总 则") == reading("总\u3000则")
    assert reading("Article  5") == reading("Article 5") != reading("Article5")


def test_is_wide_is_membership_of_the_wide_ranges() -> None:
    """is_wide bisects the ranges: every character of the Basic Multilingual Plane and a few beyond
    must get the answer a plain scan of WIDE_RANGES gives."""
    codes = list(range(0x10000)) + [0x10000, 0x20000, 0x2A6DF, 0x10FFFF]
    assert [is_wide(chr(c)) for c in codes] == [any(low <= c <= high for low, high in WIDE_RANGES) for c in codes]
    assert is_wide("，") and is_wide("\u3000") and is_wide("法") and not is_wide(",") and not is_wide("a")
