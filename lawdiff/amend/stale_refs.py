"""Cross-references after renumbering: citations that still use the old numbers.

When a version renumbers articles, `依照第五十条` (or `nach § 50`, `Article 50`) in an article
carried over from the previous version may now point at a different article.  A reference is
flagged when the *same* citation stood in the article's previous version and the article it named
there now has another number (or is gone).  A citation that is new in this version is taken as
meant; a Chinese one naming an article that does not exist at all is flagged as dangling.  Only
references to the law itself count (bare or `本法第X条`; German and EU ones as
`lawdiff.text.references` reads them), as in `lawdiff.akn.links`.  A German or EU citation of an
article the law does not have is another act's (`§ 29 Abs. 1, § 122i … des Umwandlungsgesetzes`):
a list of them counts only when every article it names existed where it was written, and none is
ever dangling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawdiff.akn.links import amends_another_act, own_zh_citations
from lawdiff.amend.article_ops import TextLeaf, word_edits
from lawdiff.amend.instrument import Item, Loc
from lawdiff.amend.apply.numbering import num_style
from lawdiff.amend.places import zh_article
from lawdiff.model import Document, Node
from lawdiff.text.numerals import zh_to_int
from lawdiff.text.references import latin_references, whole_lists


@dataclass
class Citation:
    start: int
    end: int
    text: str  # as printed: "第五十条", "本法第五十条第二款", "§ 50 Abs. 2", "Article 50(2)", "54" (in `§§ 53 und 54`)
    article: str  # the cited article's number: "50", "50-1", "50a"
    chain: int = -1  # German and EU citations read as one list share it (LatinRef.chain); -1 for Chinese ones


@dataclass
class StaleRef:
    article: str  # the citing article's number in the new version
    old_article: str  # its number in the previous version ("" when new)
    leaf: int  # which text of the article (0-based: paragraphs and points in order)
    citation: Citation
    now: str  # the cited article's number in the new version; "" when it was deleted
    dangling: bool = False  # the cited article exists in neither version
    word: str = ""  # how the law prints an article number: "" (第X条), "§", "Artikel", "Article"

    def label(self, number: str) -> str:
        return f"{self.word} {number}" if self.word else zh_article(number)

    def message(self) -> str:
        where = self.label(self.article)
        if self.old_article and self.old_article != self.article:
            where += f" (formerly {self.label(self.old_article)})" if self.word else f"（原{zh_article(self.old_article)}）"
        cited = self.label(self.citation.article)
        if self.dangling:
            return f"{where} cites {cited}, which does not exist"
        if not self.now:
            return f"{where} still cites {cited}, which was deleted"
        return f"{where} still cites {cited}, which is now {self.label(self.now)} ({cited} is now another article)"


def _n(text: str | None) -> int:
    return zh_to_int(text or "") or 0


def citations(text: str, latin: bool = False, articles: set[str] | None = None) -> list[Citation]:
    """References in `text` to articles of the same law; with `latin`, German and EU ones (of other
    articles: `Absatz 2` is the citing article's own) instead of Chinese ones, and with `articles`
    (the law's article numbers) without the lists that name another (another act's: whole_lists)."""
    if latin:
        refs = latin_references(text)
        if articles is not None:
            refs = whole_lists(refs, lambda ref: not ref.article or ref.article in articles)
        return [Citation(ref.start, ref.end, text[ref.start:ref.end], ref.article, ref.chain)
                for ref in refs if ref.article]
    out: list[Citation] = []
    for match in own_zh_citations(text):
        art, sub = _n(match.group("art")), _n(match.group("sub"))
        if not art:
            continue
        out.append(Citation(match.start(), match.end(), match.group(0), f"{art}-{sub}" if sub else str(art)))
    return out


def leaf_nodes(article: Node) -> list[Node]:
    """The article's paragraphs and points that hold text, in order (what `StaleRef.leaf` counts)."""
    return [node for node in article.walk() if node is not article and node.text]


def leaves(article: Node) -> list[str]:
    return [node.text for node in leaf_nodes(article)]


def stale_references(old: Document, new: Document, pairs: list[tuple[int, int]]) -> list[StaleRef]:
    """Citations carried over unchanged into `new` whose target was renumbered or deleted."""
    olds, news = old.articles(), new.articles()
    mapping: dict[str, str] = {olds[o].number: news[n].number for o, n in pairs}
    for a in olds:
        mapping.setdefault(a.number, "")  # deleted
    exists = {a.number for a in news}
    latin = new.meta.lang != "zho"
    word = num_style(new).latin_word if latin else ""
    old_of = {n: o for o, n in pairs}
    out: list[StaleRef] = []
    for n_index, article in enumerate(news):
        if latin and amends_another_act(article.body_text()):
            continue  # its citations are of the act it amends
        before = olds[old_of[n_index]] if n_index in old_of else None
        carried = {_in_its_words(text, c) for text in (leaves(before) if before is not None else [])
                   for c in citations(text, latin, set(mapping))}
        for k, text in enumerate(leaves(article)):
            for cite in citations(text, latin):
                if _in_its_words(text, cite) in carried and cite.article in mapping \
                        and mapping[cite.article] != cite.article:
                    out.append(StaleRef(article.number, before.number if before is not None else "", k, cite,
                                        mapping[cite.article], word=word))
                elif not latin and cite.article not in exists and cite.article not in mapping:
                    out.append(StaleRef(article.number, before.number if before is not None else "", k, cite,
                                        "", dangling=True))
    return out


CONTEXT = 12  # characters of Chinese text on either side that a carried citation keeps
LATIN_CONTEXT = (4, 2)  # words of Latin-script text before and after it
_WORD = re.compile(r"\w+")


def _in_its_words(text: str, cite: Citation) -> tuple[str, str, str]:
    """A citation with the words around it: one that stood in the article's previous version in the
    same words was carried over unchanged.  The citation alone is not enough: a revision that
    renumbered and updated its citations often cites, in a rewritten sentence, the number that
    another article had before ("as required in Article 20", now the corrective actions, where
    "as referred to in Article 20" cited the logs: the EU AI Act, general approach -> adopted)."""
    if cite.chain < 0:  # Chinese
        return (" ".join(text[max(0, cite.start - CONTEXT):cite.start].split()), cite.text,
                " ".join(text[cite.end:cite.end + CONTEXT].split()))
    before, after = LATIN_CONTEXT
    words_before = _WORD.findall(text[max(0, cite.start - 40 * before):cite.start])[-before:]
    words_after = _WORD.findall(text[cite.end:cite.end + 40 * after])[:after]
    return " ".join(words_before), cite.text, " ".join(words_after)


def consequential_items(new: Document, stale: list[StaleRef]) -> list[Item]:
    """An instrument on the *new* version (its numbers) that updates the stale citations."""
    by_number = {a.number: a for a in new.articles()}
    items: list[Item] = []
    done: set[tuple[str, int, int]] = set()
    for ref in stale:
        if ref.dangling or not ref.now or (ref.article, ref.leaf, ref.citation.start) in done:
            continue
        done.add((ref.article, ref.leaf, ref.citation.start))
        article = by_number[ref.article]
        domain = [TextLeaf(t) for t in leaves(article)]
        leaf = domain[ref.leaf]
        if ref.word:  # `§ 5 Abs. 1` -> `§ 6 Abs. 1`: the number itself, first as a whole word
            fixed = re.sub(rf"(?<!\w){re.escape(ref.citation.article)}(?!\w)", ref.now, ref.citation.text, count=1)
        else:
            fixed = ref.citation.text.replace(zh_article(ref.citation.article), zh_article(ref.now), 1)
        text = leaf.text[:ref.citation.start] + fixed + leaf.text[ref.citation.end:]
        ops = word_edits(leaf, domain, text, Loc(article=ref.article))
        if ops:
            items.append(Item("", "", ops))
    return items

