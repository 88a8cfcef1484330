"""Stage 1, text: rules about characters that every later stage shares.

In: strings.  Out: strings, numbers and positions.  Chinese and Roman numerals, dates
written in a text, the article/container markers of each language, typographic
normalisation for matching (never for storage), scripts (CJK ranges) and generic sequence
algorithms.  Nothing here knows about documents, files or XML.
"""
