"""Stage 4, akn: the neutral `Document` <-> Akoma Ntoso 3.0 XML.

In: a `Document` (or lawdiff's own AKN bytes).  Out: AKN XML (FRBR identity, eIds, internal
links as `<ref>`), and back.  `eids` is the one eId implementation, `writer` writes,
`reader` reads lawdiff's own output back exactly, `load` is what callers use to load any
input (own AKN -> `reader`, anything else -> `lawdiff.parse`), `serialize` the
deterministic byte layout, `schema` validation against the vendored OASIS XSD, `links` the
document's references to itself, `select` the one article lookup (Arabic, 第X条之Y or eId;
for `show` and `diff`), `display` plain-text and JSON views of a document (strings; the
command line prints them).
"""
