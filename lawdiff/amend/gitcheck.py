"""What a change to law files broke: findings for `lawdiff check --git` and the pre-commit hook.

For every law file the change touched (`lawdiff.compare.files`):
- parse warnings of the new version (warning level: the text may be fine, the reading is unsure);
- cross-references the change broke (error level): a citation carried over unchanged whose
  article was renumbered or deleted, and a citation new in this version to an article that
  does not exist (`lawdiff.amend.stale_refs`).  A citation that already pointed nowhere in
  the base version is reported as a warning: the change did not break it.
"""

from __future__ import annotations

from lawdiff.amend.planner import pairs_from_diff
from lawdiff.amend.stale_refs import StaleRef, leaf_nodes, stale_references
from lawdiff.compare.files import FileDiff, FilesDiff
from lawdiff.compare.findings import Finding, Level, Rule
from lawdiff.model import Document

STALE = Rule("lawdiff/stale-reference", "A citation carried over unchanged names an article that was renumbered or deleted.")
DANGLING = Rule("lawdiff/dangling-reference", "A citation names an article that does not exist.")
PARSE = Rule("lawdiff/parse-warning", "The text could not be read with certainty (see the message).")


def _line(doc: Document, ref: StaleRef) -> int:
    """The line of the citing paragraph in the new version's source."""
    article = next((a for a in doc.articles() if a.number == ref.article), None)
    if article is None:
        return 0
    nodes = leaf_nodes(article)
    node = nodes[ref.leaf] if ref.leaf < len(nodes) else article
    return node.line or article.line


def _dangling_before(old: Document | None) -> set[str]:
    """Article numbers the base version already cited without having them."""
    if old is None:
        return set()
    identity = [(k, k) for k in range(len(old.articles()))]
    return {ref.citation.article for ref in stale_references(old, old, identity) if ref.dangling}


def file_findings(entry: FileDiff) -> list[Finding]:
    new = entry.new
    if new is None or entry.result is None:  # deleted, or passed over
        return []
    # a parse warning keeps its level: an error (a heading read as text) fails the check
    findings = [Finding(entry.path, w.line, w.level, PARSE, f"{w.message} ({w.code})") for w in new.warnings]
    if entry.old is not None:
        refs = stale_references(entry.old, new, pairs_from_diff(entry.result))
    else:  # an added file: only citations to articles it does not have
        refs = stale_references(new, new, [(k, k) for k in range(len(new.articles()))])
    before = _dangling_before(entry.old)
    for ref in refs:
        if ref.dangling:
            level: Level = "warning" if ref.citation.article in before else "error"
            message = ref.message() + ("" if level == "error" else " (already so in the base version)")
            findings.append(Finding(entry.path, _line(new, ref), level, DANGLING, message))
        else:
            findings.append(Finding(entry.path, _line(new, ref), "error", STALE, ref.message()))
    return findings


def check_files(files: FilesDiff) -> list[Finding]:
    return [finding for entry in files.files for finding in file_findings(entry)]
