"""Stage 3, parse: `Source` lines -> the neutral `lawdiff.model.Document` tree.

In: a `Source`.  Out: a `Document` (containers, articles, paragraphs, points; front matter,
notes and attachments apart) plus parse warnings.  `zh` reads Chinese legal text, `latin`
English and German (with `latin_markers` and `latin_blocks`), `akn_foreign` and `uslm` map
XML that already carries its structure; `country` guesses the jurisdiction; `dispatch`
chooses among them and fills in metadata the caller did not give.  lawdiff's own Akoma
Ntoso is not parsed here: `lawdiff.akn.load` reads it back with `lawdiff.akn.reader`.
"""
