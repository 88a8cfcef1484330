"""Stage 7, amend: amending instruments, written from a diff and applied to a base.

In: a `DiffResult` and its two `Document`s, or a base `Document` and an instrument text.
Out: an `Instrument` (修改决定 / 修正案 / English amending-act style) as text, Markdown or
AKN, or the consolidated next version with a report of every item.  `instrument` is the
data model, `grammar` the clause grammars, `planner` and `article_ops` write, `apply`
applies, `stale_refs` finds citations that still use old article numbers.
"""
