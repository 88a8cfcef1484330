"""Stage 2, ingest: bytes of a file in some format -> a `Source` of `SourceLine`s.

In: bytes and a file name.  Out: `lawdiff.ingest.source.Source` (decoded text as lines,
the format's own markup removed, hints such as heading levels kept), or for XML that
already carries its structure, the parsed XML tree handed to `lawdiff.parse`.  One module
per format; `registry` picks the reader.  Manifests (`drafts/*/lawdiff.toml`) say which
files are the versions of one document.
"""
