"""Apply an amending instrument to a base version: the consolidated next version and a report.

The base's body is flattened into a sequence of tokens (`tokens`: container headings,
articles, other blocks); items change tokens (`content`: inside an article; `structure`:
articles and containers added, deleted, moved, renumbered) and the sequence is folded back
into a tree the way the parser builds one.  Places are resolved in the *base* numbering,
as instruments are written (`core`); numbers are written in the base's style (`numbering`).

Every item is atomic: all of its instructions apply, or none and the item is reported
not applied with the reason (place not found, quoted text not found or found twice,
overlapping an earlier item, …) (`engine`, `report`).  Nothing is guessed silently.
`sameness` says what "the same text" means when a result is checked.  The entry point
is `lawdiff.amend.apply.engine.apply_instrument`.  (This file imports nothing, so that
the modules of the package import each other without a circle.)
"""
