"""Stage 5, store: versions as commits in a git repository (pygit2).

In: a `Document` and its source bytes.  Out: one commit and tag per version, and back the
versions of a document (`repository.Store`).  `lock` keeps one writer at a time.  The
format is versioned and written down in docs/format.md.
"""
