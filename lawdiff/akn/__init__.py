"""Stage 4, akn: the neutral `Document` <-> Akoma Ntoso 3.0 XML.

In: a `Document`.  Out: AKN XML (FRBR identity, eIds, internal links as `<ref>`), and back.
`writer` holds the one eId implementation, `serialize` the deterministic byte layout,
`schema` validation against the vendored OASIS XSD, `links` the document's references to
itself, `select` the one article lookup (Arabic, 第X条之Y or eId; for `show` and `diff`),
`display` plain-text and JSON views of a document (strings; the command line prints them).
"""
