"""Stage 1, text: rules about characters that every later stage shares.

In: strings.  Out: strings, numbers and positions.  `numerals` (Chinese, Roman, ordinal
words; the Chinese number pattern), `numbers` (printed marker numbers -> eId numbers,
第X条之Y -> "X-Y", their order), `dates` (dates written in a text), `markers` (the
container and article markers of each language), `scripts` (which characters are CJK),
`normalize` (typographic normalisation for matching, never for storage) and `sequence`
(generic sequence algorithms).  Nothing here knows about documents, files or XML.
"""
