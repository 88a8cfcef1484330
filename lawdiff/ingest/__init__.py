"""Stage 2, ingest: bytes of a file in some format -> a `Source` of `SourceLine`s.

In: bytes and a file name.  Out: `lawdiff.ingest.source.Source` (decoded text as lines,
the format's own markup removed, hints such as heading levels kept; for XML the bytes
too, for `lawdiff.parse` to map the structure).  `source` holds the types and decoding,
one module per format reads it (`markdown`, `html`, `docx`, `pdf`, `xml`), `registry`
picks the reader; `xml` also owns safe XML parsing and the AKN/lawdiff namespaces for
every later stage.  Manifests (`drafts/*/lawdiff.toml`) say which files are the versions
of one document.
"""
