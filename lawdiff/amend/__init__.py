"""Stage 7, amend: amending instruments, written from a diff and applied to a base.

In: a `DiffResult` and its two `Document`s, or a base `Document` and an instrument text.
Out: an `Instrument` (修改决定 / 修正案 / English amending-act style) as text, Markdown or
AKN, or the consolidated next version with a report of every item.  `instrument` is the
data model, `quoting` the quotation marks, `codecs` quoted blocks <-> paragraphs and
points, `grammar_zh` and `grammar_en` the clause grammars, `reader` reads an instrument's
text, `places` words places (第三条第二款 / Article 3(2)); `planner` and `article_ops` decide
what to write, `writer` writes it, `apply` applies an instrument, `stale_refs` finds
citations that still use old article numbers.
"""
