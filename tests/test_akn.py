"""Akoma Ntoso output: valid against the OASIS XSD, lossless, deterministic, readable in git diff."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from helpers import CORPUS, SEED, assert_lossless, sources_article_counts
import lawdiff.akn.reader as reader
import lawdiff.akn.writer as akn
from lawdiff.ingest.xml import AKN_NS
from lawdiff.model import Meta
from lawdiff.akn.load import parse_file
from lawdiff.akn.schema import validation_errors

ZH_FILES = sorted(sources_article_counts("zh")) + [SEED]


@pytest.mark.parametrize("path", ZH_FILES, ids=lambda p: p.name)
def test_valid_and_lossless(path: Path) -> None:
    xml = akn.to_bytes(parse_file(path))
    assert validation_errors(etree.fromstring(xml)) == []
    assert_lossless(xml, path)


def test_seed_identity_and_eids() -> None:
    meta = Meta(slug="ai-industry", version="征求意见稿", date="2022-08-30", stage="draft")
    xml = akn.to_bytes(parse_file(SEED, meta))
    root = etree.fromstring(xml)
    ns = {"a": AKN_NS}
    assert root[0].tag == f"{{{AKN_NS}}}bill"
    assert root.find(".//a:FRBRWork/a:FRBRuri", ns).get("value") == "/akn/cn-sh/bill/2022-08-30/ai-industry"
    assert root.find(".//a:FRBRExpression/a:FRBRuri", ns).get("value") == \
        "/akn/cn-sh/bill/2022-08-30/ai-industry/zho@2022-08-30"
    assert root.find(".//a:FRBRlanguage", ns).get("language") == "zho"
    eids = root.xpath("//@eId")
    assert len(eids) == len(set(eids))
    assert "chp_2__sec_1" in eids and "art_12" in eids and "art_12__para_2" in eids
    assert root.find(".//a:attachment/a:doc", ns).get("name") == "explanatoryNote"
    assert root.find(".//a:lifecycle/a:eventRef", ns) is not None
    assert root.find(".//a:workflow/a:step", ns).get("refersTo") == "#draft"


def test_adopted_text_is_an_act_and_points_use_intro() -> None:
    doc = parse_file(CORPUS / "zh/criminal-law/01-amended-2020-12-26.md", Meta(stage="amended", date="2020-12-26"))
    root = etree.fromstring(akn.to_bytes(doc))
    ns = {"a": AKN_NS}
    assert root[0].tag == f"{{{AKN_NS}}}act"
    assert root.xpath("//a:article[@eId='art_17-1']", namespaces=ns)
    point = root.xpath("//a:point", namespaces=ns)[0]
    paragraph = point.getparent()
    assert etree.QName(paragraph[0]).localname == "intro"
    assert re.match(r"^art_\d+(-\d+)?__para_\d+__point_\d+$", point.get("eId"))


def test_references_to_this_law_are_linked_others_are_not() -> None:
    doc = parse_file(CORPUS / "zh/company-law/01-amended-2018-10-26.md")
    root = etree.fromstring(akn.to_bytes(doc))
    ns = {"a": AKN_NS}
    refs = root.xpath("//a:ref", namespaces=ns)
    assert refs, "company law cites its own articles"
    eids = set(root.xpath("//@eId"))
    for ref in refs:
        assert ref.get("href")[1:] in eids
        before = (ref.getprevious().tail if ref.getprevious() is not None else ref.getparent().text) or ""
        assert not before.endswith("》"), "a reference qualified by another law's title must not be linked"
    assert any(r.text.startswith("本法第") for r in refs)
    # 前款 links to the previous paragraph of the same article
    prev = [r for r in refs if r.text == "前款"]
    assert prev and all(re.match(r"#art_\d+__para_\d+$", r.get("href")) for r in prev)


def test_serialization_is_deterministic_utf8_and_line_per_element() -> None:
    one = akn.to_bytes(parse_file(SEED))
    two = akn.to_bytes(parse_file(SEED))
    assert one == two
    text = one.decode("utf-8")
    assert "&#" not in text
    for line in text.splitlines()[1:]:
        stripped = line.strip()
        # a structural line holds exactly one tag; text lines hold one element with its inline content
        assert stripped.startswith("<"), line
    assert "<p>为了促进本市人工智能产业发展" in text


def test_round_trip_keeps_every_article() -> None:
    doc = parse_file(CORPUS / "zh/criminal-law/02-amended-2023-12-29.md")
    back = reader.from_bytes(akn.to_bytes(doc))
    assert [(a.num, a.heading, a.body_text()) for a in back.articles()] == \
        [(a.num, a.heading, a.body_text()) for a in doc.articles()]
    assert akn.to_bytes(back) == akn.to_bytes(doc)


def test_reference_rules_on_real_sentences() -> None:
    """refs.find on sentences taken from the corpus (the amending instrument cites 刑法 by name)."""
    import lawdiff.akn.links as refs

    instrument = (CORPUS / "zh/criminal-law/amendment-12-2023-12-29.md").read_text(encoding="utf-8")
    line = next(l for l in instrument.splitlines() if "刑法第一百六十五条" in l)
    targets = {"art_165", "art_165__para_1", "art_165__para_2"}
    assert refs.find(line, "1", 1, targets) == []  # another law (刑法) named right before: not this document
    assert refs.find("依照《中华人民共和国公司法》第十条", "1", 1, {"art_10"}) == []
    assert refs.find("依照本法第十条的规定", "1", 1, {"art_10"}) == [(2, 7, "#art_10")]
    assert refs.find("依照第十条第二款的规定", "1", 1, {"art_10", "art_10__para_2"}) == [(2, 8, "#art_10__para_2")]
    assert refs.find("违反前款规定", "7", 2, {"art_7__para_1"}) == [(2, 4, "#art_7__para_1")]
    assert refs.find("依照第九十九条", "1", 1, {"art_10"}) == []  # no such article: not linked
    # a list after another law's name is that law's, to its end (the national corpus: 广东省失业保险条例 2022,
    # 专利法实施细则 2023); a list after 本法 is this law's
    targets = {f"art_{n}" for n in range(1, 400)} | {"art_26__para_3", "art_26__para_4", "art_31__para_1"}
    assert refs.find("用人单位依照《中华人民共和国劳动合同法》第三十九条、第四十条、第四十一条", "7", 1, targets) == []
    assert refs.find("除专利法第二十八条和第四十二条规定的情形外", "12", 1, targets) == []
    assert refs.find("不符合专利法第二十六条第三款、第四款、第三十一条第一款的规定", "44", 1, targets) == []
    assert [h for _, _, h in refs.find("本法第四十四条、第四十九条第三款、第五十一条", "107", 1, targets)] == \
        ["#art_44", "#art_51"]  # (第四十九条第三款 is no element of these targets)
    # a code, a treaty
    assert refs.find("依照民法典第三百九十二条的规定", "363", 1, targets) == []
    assert refs.find("还应当依照专利合作条约第二十三条第二款规定提出请求", "129", 1, targets) == []
