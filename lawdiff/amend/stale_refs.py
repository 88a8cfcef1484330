"""Cross-references after renumbering: citations that still use the old numbers.

When a version renumbers articles, `依照第五十条` in an article carried over from the
previous version may now point at a different article.  A reference is flagged when
the *same* citation stood in the article's previous version and the article it named
there now has another number (or is gone).  A citation that is new in this version is
taken as meant; one naming an article that does not exist at all is flagged as dangling.
Only references to the law itself count (bare or `本法第X条`), as in `lawdiff.akn.links`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lawdiff.akn.links import ARTICLE_REF, FOREIGN_BEFORE
from lawdiff.amend.article_ops import TextLeaf, word_edits
from lawdiff.amend.instrument import Item, Loc
from lawdiff.amend.places import zh_article
from lawdiff.model import Document, Node
from lawdiff.text.numerals import zh_to_int


@dataclass
class Citation:
    start: int
    end: int
    text: str  # as printed: "第五十条", "本法第五十条第二款"
    article: str  # the cited article's number: "50", "50-1"


@dataclass
class StaleRef:
    article: str  # the citing article's number in the new version
    old_article: str  # its number in the previous version ("" when new)
    leaf: int  # which text of the article (0-based: paragraphs and points in order)
    citation: Citation
    now: str  # the cited article's number in the new version; "" when it was deleted
    dangling: bool = False  # the cited article exists in neither version

    def message(self) -> str:
        where = zh_article(self.article) + (f"（原{zh_article(self.old_article)}）"
                                            if self.old_article and self.old_article != self.article else "")
        cited = zh_article(self.citation.article)
        if self.dangling:
            return f"{where} cites {cited}, which does not exist"
        if not self.now:
            return f"{where} still cites {cited}, which was deleted"
        return f"{where} still cites {cited}, which is now {zh_article(self.now)} ({cited} is now another article)"


def _n(text: str | None) -> int:
    return zh_to_int(text or "") or 0


def citations(text: str) -> list[Citation]:
    """References in `text` to articles of the same law."""
    out: list[Citation] = []
    for match in ARTICLE_REF.finditer(text):
        if not match.group("self") and FOREIGN_BEFORE.search(text[max(0, match.start() - 8):match.start()]):
            continue
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
    old_of = {n: o for o, n in pairs}
    out: list[StaleRef] = []
    for n_index, article in enumerate(news):
        before = olds[old_of[n_index]] if n_index in old_of else None
        carried = {c.text for text in (leaves(before) if before is not None else []) for c in citations(text)}
        for k, text in enumerate(leaves(article)):
            for cite in citations(text):
                if cite.text in carried and cite.article in mapping and mapping[cite.article] != cite.article:
                    out.append(StaleRef(article.number, before.number if before is not None else "", k, cite,
                                        mapping[cite.article]))
                elif cite.article not in exists and cite.article not in mapping:
                    out.append(StaleRef(article.number, before.number if before is not None else "", k, cite,
                                        "", dangling=True))
    return out


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
        new_number = zh_article(ref.now)
        old_number = zh_article(ref.citation.article)
        fixed = ref.citation.text.replace(old_number, new_number, 1)
        text = leaf.text[:ref.citation.start] + fixed + leaf.text[ref.citation.end:]
        ops = word_edits(leaf, domain, text, Loc(article=ref.article))
        if ops:
            items.append(Item("", "", ops))
    return items

