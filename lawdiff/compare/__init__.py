"""Stage 6, compare: two `Document`s -> a `DiffResult`, and its renderings.

In: two versions.  Out: `result.DiffResult` (every article of either side in exactly one
change: unchanged, modified, added, removed, split, merged, moved, renumbered), built by
`align` (articles matched by content) and `redline` (paragraphs, then words, inside each
pair), classified by `differ`; `select` narrows a result to one article; `formats` (one
module per output: text, JSON, Markdown, HTML, stat) turn a result into a string, without
click and without printing.
"""
