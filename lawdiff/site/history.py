"""Article lineages: one article followed through every version, across renumbering.

A lineage is identified by where it starts, its root: `v1.art_12` for 第十二条 of the
first version, `v3.art_40` for an article that first appears in version 3.  Splits keep
the root of the article they came from; a merge keeps its first source.  History is
append-only, so a root never changes when later versions arrive.

Its page is named the way a reader would guess: by the article's number today
(`art_19` for today's 第十九条); an article no longer in force by where it was last seen
(`v2.art_5`: 第五条 of version 2).  The root is the lineage's permanent name: a redirect
page to that page (unless it is the page).  Pages that must not change when a later
version arrives (a version's full text, its comparisons) link by the root; so can readers
who want a link that never moves.  One redirect per lineage, not one per article and
version: a bill with many readings does not multiply its files.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from lawdiff.compare.result import ArticleInfo, Change, DiffResult
from lawdiff.site.i18n import change_order

_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


def _safe(eid: str) -> str:
    """An eId as a file name; anything unusual is replaced and made unique by a short hash."""
    clean = _SAFE.sub("-", eid)
    if clean != eid or not clean:
        clean += "-" + hashlib.sha256(eid.encode()).hexdigest()[:8]
    return clean


def first_articles(diffs: list[DiffResult]) -> list[ArticleInfo]:
    """The first version's articles, in order, as the first diff reports them."""
    seen = {a.index: a for c in diffs[0].changes for a in c.old}
    return [seen[i] for i in sorted(seen)]


def version_articles(diffs: list[DiffResult], k: int) -> list[ArticleInfo]:
    """Articles of version k (1-based) as the diffs report them."""
    if k == 1:
        return first_articles(diffs)
    seen = {a.index: a for c in diffs[k - 2].changes for a in c.new}
    return [seen[i] for i in sorted(seen)]


def roots(diffs: list[DiffResult]) -> list[list[str]]:
    """roots[k-1][i]: the lineage key of the i-th article of version k."""
    if not diffs:
        return []
    out = [[permanent(1, a.eid) for a in first_articles(diffs)]]
    for k, result in enumerate(diffs, start=2):
        previous = out[-1]
        current: dict[int, str] = {}
        for change in sorted(result.changes, key=change_order(result)):
            source = min(change.old, key=lambda a: a.index) if change.old else None
            for article in change.new:
                if article.index in current:
                    continue
                if source is not None and source.index < len(previous):
                    current[article.index] = previous[source.index]
                else:
                    current[article.index] = permanent(k, article.eid)
        count = 1 + max(current) if current else 0
        out.append([current.get(i, f"v{k}.missing-{i}") for i in range(count)])
    return out


@dataclass
class Entry:
    """One version's view of a lineage: its articles there and the step that led to them."""

    n: int  # version number (1-based)
    articles: list[ArticleInfo] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)  # from version n-1 to n touching the lineage

    @property
    def status(self) -> str:
        """first / unchanged / modified / added / removed / split / merged / absent."""
        if not self.changes:
            return "first" if self.articles else "absent"
        types = {c.type for c in self.changes}
        if not self.articles:
            return "removed" if types == {"removed"} else "merged" if "merged" in types else "removed"
        for kind in ("split", "merged", "added", "modified"):
            if kind in types:
                return kind
        return "unchanged"

    @property
    def renumbered(self) -> bool:
        return any(c.renumbered for c in self.changes)


@dataclass
class Lineage:
    key: str  # root: where the lineage starts, v<k>.<eId>; its permanent name
    entries: list[Entry]
    name: str = ""  # its page: the current eId, or v<last>.<eId> once removed (see page_names)

    @property
    def current(self) -> ArticleInfo:
        """The article as last seen (in the latest version that holds it)."""
        for entry in reversed(self.entries):
            if entry.articles:
                return entry.articles[0]
        raise ValueError("empty lineage")

    @property
    def original(self) -> ArticleInfo:
        for entry in self.entries:
            if entry.articles:
                return entry.articles[0]
        raise ValueError("empty lineage")

    @property
    def alive(self) -> bool:
        return bool(self.entries[-1].articles)


def lineages(diffs: list[DiffResult]) -> list[Lineage]:
    """Every lineage of a document with at least two versions, in order of first appearance."""
    if not diffs:
        return []
    keys = roots(diffs)
    by_key: dict[str, Lineage] = {}
    versions = len(diffs) + 1
    for k in range(1, versions + 1):
        for article, key in zip(version_articles(diffs, k), keys[k - 1]):
            lineage = by_key.get(key)
            if lineage is None:
                lineage = by_key[key] = Lineage(key, [Entry(n) for n in range(1, versions + 1)])
            lineage.entries[k - 1].articles.append(article)
    # Attach each step's changes to every lineage it touches, old side or new side.
    for k, result in enumerate(diffs, start=2):
        old_keys, new_keys = keys[k - 2], keys[k - 1]
        for change in sorted(result.changes, key=change_order(result)):
            touched = {old_keys[a.index] for a in change.old if a.index < len(old_keys)}
            touched |= {new_keys[a.index] for a in change.new if a.index < len(new_keys)}
            for key in sorted(touched):
                entry = by_key[key].entries[k - 1]
                if not any(c is change for c in entry.changes):  # identity: dataclass == is slow
                    entry.changes.append(change)
    found = list(by_key.values())
    for lineage in found:
        lineage.name = _page_name(lineage)
    return found


def permanent(k: int, eid: str) -> str:
    """The name of the article with stored eId `eid` in version k, as a lineage root."""
    return f"v{k}.{_safe(eid)}"


def _page_name(lineage: Lineage) -> str:
    if lineage.alive:
        return _safe(lineage.entries[-1].articles[0].eid)
    last = [e for e in lineage.entries if e.articles][-1]
    return permanent(last.n, last.articles[0].eid)


def redirects(lineages: list[Lineage]) -> dict[str, str]:
    """Each lineage's root -> its page name, where they differ (sorted)."""
    return dict(sorted((lineage.key, lineage.name) for lineage in lineages if lineage.key != lineage.name))
