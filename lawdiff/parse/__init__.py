"""Stage 3, parse: `Source` lines -> the neutral `lawdiff.model.Document` tree.

In: a `Source`.  Out: a `Document` (containers, articles, paragraphs, points; front matter,
notes and attachments apart) plus parse warnings.  `zh` reads Chinese legal text, `latin`
English and German, `akn_foreign` and `uslm` map XML that already carries its structure;
`dispatch` chooses among them and fills in metadata the caller did not give.
"""
