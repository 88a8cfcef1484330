"""German and EU cross-references (lawdiff.text.references) and their links in the XML (lawdiff.akn.links).

The sentences are the corpus's own (the GmbHG of 2021, the Grundgesetz of 2020, the adopted EU AI
Act), taken from the parsed articles, so each rule is checked on what real drafting writes; each
test says what must be linked and what must not (another act's provisions, a treaty's, those of an
act an article amends).
"""

from __future__ import annotations

import re
import time
from functools import lru_cache

import pytest
from lxml import etree

from helpers import CORPUS
import lawdiff.akn.links as links
import lawdiff.akn.writer as akn
from lawdiff.akn.load import parse_file
from lawdiff.ingest.xml import AKN_NS
from lawdiff.model import Document
from lawdiff.text.references import LatinRef, latin_references

GMBHG = CORPUS / "de/gmbhg/02-stand-2021-05-04.md"
GRUNDGESETZ = CORPUS / "de/grundgesetz/03-stand-2020-09-29.md"
AI_ACT = CORPUS / "en/eu-ai-act/04-adopted-regulation-2024-1689.md"


@lru_cache(maxsize=None)
def _doc(path: str) -> Document:
    return parse_file(path)


def sentence(path: object, article: str, words: str) -> str:
    """The paragraph or point of `article` that holds `words` (whitespace as the parser joined it)."""
    node = next(a for a in _doc(str(path)).articles() if a.number == article)
    texts = [n.text for n in node.walk() if n.text] + [node.intro]
    found = [t for t in texts if words in " ".join(t.split())]
    assert found, f"{words!r} not in article {article}"
    return " ".join(found[0].split())


def cited(text: str) -> list[tuple[str, str, str, str]]:
    """(as printed, article, paragraph, point) of each citation of the law itself."""
    return [(text[r.start:r.end], r.article, r.paragraph, r.point) for r in latin_references(text)]


def test_german_citations_of_the_law_itself() -> None:
    text = sentence(GMBHG, "5a", "Mindeststammkapitals nach § 5 Abs. 1")
    assert cited(text) == [("§ 5 Abs. 1", "5", "1", ""), ("§ 4", "4", "", "")]
    text = sentence(GMBHG, "58", "§ 5 Abs. 1")
    assert ("§ 5 Abs. 1", "5", "1", "") in cited(text)
    # a sentence is no element: `Satz 2` is read past, the citation is of the paragraph
    text = sentence(GMBHG, "39", "§ 8 Abs. 3 Satz 2")
    assert ("§ 8 Abs. 3 Satz 2", "8", "3", "") in cited(text)
    # lists: of articles after §§, of paragraphs after Abs., of points after Nr.
    text = sentence(GMBHG, "71", "§§ 37, 41, 43 Abs. 1, 2 und 4")
    assert cited(text)[:5] == [("§§ 37", "37", "", ""), ("41", "41", "", ""), ("43 Abs. 1", "43", "1", ""),
                               ("2", "43", "2", ""), ("4", "43", "4", "")]
    text = sentence(GRUNDGESETZ, "74", "Absatz 1 Nr. 25 und 27")
    assert cited(text) == [("Absatz 1 Nr. 25", "", "1", "25"), ("27", "", "1", "27")]
    text = sentence(GMBHG, "28", "§§ 21 bis 23")
    assert [c[1] for c in cited(text)].count("21") == 1 and ("23", "23", "", "") in cited(text)
    assert all(c[1] != "22" for c in cited(text))  # a range names its ends, not what is between


def test_german_citations_of_other_acts_are_left_out() -> None:
    text = sentence(GMBHG, "4", "§ 22 des Handelsgesetzbuchs")
    assert cited(text) == []
    # a long list whose act is named only at its end (`… §§ 110 bis 114, 116 des Aktiengesetzes`)
    text = sentence(GMBHG, "52", "§ 90 Abs. 3, 4, 5 Satz 1 und 2")
    assert cited(text) == []
    # `dieses Vertrags`: the Unification Treaty, not the Grundgesetz
    text = sentence(GRUNDGESETZ, "143", "Artikel 3 dieses Vertrags")
    assert not any(c[1] == "3" for c in cited(text))
    # `in Verbindung mit` joins a citation to the act named after it
    text = sentence(GMBHG, "33", "§ 29 Abs. 1, § 122i Abs. 1 Satz 2")
    assert not any(c[1] == "29" for c in cited(text))
    # `dieses Gesetzes` names the law itself; `§ 399 des Aktiengesetzes` another one
    text = sentence(GMBHG, "6", "§ 82 dieses Gesetzes")
    assert ("§ 82", "82", "", "") in cited(text) and not any(c[1] == "399" for c in cited(text))


def test_eu_citations() -> None:
    text = sentence(AI_ACT, "52", "Article 90(1), point (a)")
    assert ("Article 90(1), point (a)", "90", "1", "a") in cited(text)
    text = sentence(AI_ACT, "3", "Article 4, point (1), of Regulation (EU) 2016/679")
    assert not any(c[1] == "4" for c in cited(text))
    text = "systems referred to in Article 6(1) and (2) and Articles 8 to 15 of this Regulation"
    assert cited(text) == [("Article 6(1)", "6", "1", ""), ("(2)", "6", "2", ""), ("Articles 8", "8", "", ""),
                           ("15", "15", "", "")]
    text = "Without prejudice to paragraph 2 of Article 5 and paragraph 1 of this Article; Article 3 TFEU"
    assert cited(text) == [("paragraph 2 of Article 5", "5", "2", ""), ("paragraph 1", "", "1", "")]


def _refs(path: object) -> list[tuple[str, str, str, str]]:
    """(citing article's eId, text, href, what follows) of every <ref> of the document's XML."""
    root = etree.fromstring(akn.to_bytes(_doc(str(path))))
    out = []
    for ref in root.iterfind(f".//{{{AKN_NS}}}ref"):
        article = next(a for a in ref.iterancestors(f"{{{AKN_NS}}}article"))
        out.append((article.get("eId"), ref.text, ref.get("href"), (ref.tail or "")[:40]))
    return out


@pytest.mark.parametrize("path", [GMBHG, GRUNDGESETZ, AI_ACT], ids=["gmbhg", "grundgesetz", "ai-act"])
def test_latin_references_are_linked_to_what_exists(path: object) -> None:
    root = etree.fromstring(akn.to_bytes(_doc(str(path))))
    eids = set(root.xpath("//@eId"))
    refs = _refs(path)
    assert len(refs) > 100
    for article, text, href, after in refs:
        assert href[1:] in eids, (article, text, href)
        assert not re.match(r",?\s+(des|der) [A-ZÄÖÜ]|\s+of (?!this)|\s+(HGB|AktG|TFEU)\b", after), (article, text, after)


def test_links_in_the_xml() -> None:
    refs = {(a, t, h) for a, t, h, _ in _refs(GMBHG)}
    assert ("art_5a", "§ 5 Abs. 1", "#art_5__para_1") in refs
    assert ("art_65", "§ 60 Abs. 1 Nr. 7", "#art_60__para_1__point_7") in refs
    assert not any(a == "art_52" for a, _, _ in refs)  # every citation of § 52 is of the Aktiengesetz
    ai = _refs(AI_ACT)
    # Article 108 amends Regulation (EU) 2018/1139: `in Article 17, the following paragraph is added`
    assert not any(a == "art_108" for a, _, _, _ in ai)
    assert ("art_52", "Article 90(1), point (a)", "#art_90__para_1__point_a") in {(a, t, h) for a, t, h, _ in ai}


def test_a_citation_of_a_provision_the_law_lacks_is_not_linked() -> None:
    targets = {"art_5", "art_5__para_1", "art_7"}
    assert links.find("nach § 5 Abs. 1 und § 7", "9", 1, targets) == [(5, 15, "#art_5__para_1"), (20, 23, "#art_7")]
    assert links.find("nach § 5 Abs. 4", "9", 1, targets) == []  # § 5 has no paragraph 4 here
    # one member of a list that the law lacks makes the whole list another act's
    assert links.find("nach § 5 Abs. 1, § 122i Abs. 1 Satz 2", "9", 1, targets | {"art_122"}) == []
    assert links.find("nach § 5", "9", 1, targets, amending=True) == []
    assert links.find("nach Absatz 1", "5", 2, targets) == [(5, 13, "#art_5__para_1")]


@pytest.mark.parametrize("unit", ["§ 1 und ", "§§ 1, ", "Abs. 1, ", "Absatz 1 Nr. 1 und ", "paragraph 1 of Article 2 ",
                                  "Article 1(1) and ", "§ 1 Satz 1 und 2 ", "Art. 1 u. ", "§ 1 des ", "§ ", "Abs. ",
                                  "paragraph 1, point (a), ", "§ 1 Abs. 1 Unterabsatz 1 oder "])
def test_reading_citations_is_linear_on_long_runs(unit: str) -> None:
    """Each run of 20,000 characters takes milliseconds; a citation list re-read from every member
    of it (quadratic) took 40 s on `Abs. 1, `."""
    text = unit * (20_000 // len(unit))
    started = time.perf_counter()
    found = latin_references(text)
    links.find(text, "1", 1, {"art_1", "art_2", "art_1__para_1"})
    assert time.perf_counter() - started < 0.5, unit
    assert all(isinstance(ref, LatinRef) for ref in found)
