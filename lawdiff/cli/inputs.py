"""What the commands share about naming versions: SLUG[@VERSION], and the two sides of a
comparison (SLUG [FROM [TO]] from the repository, or FILE_A FILE_B parsed as import would)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from lawdiff.errors import LawdiffError

if TYPE_CHECKING:
    from lawdiff.model import Document


def repo_option() -> str | None:
    """The global `--repo` (None: find the repository from the working directory)."""
    root = click.get_current_context().find_root()
    return (root.obj or {}).get("repo")


def split_ref(ref: str) -> tuple[str, str | None]:
    """`slug@label` -> (slug, label); a bare slug means the latest version (None)."""
    slug, sep, label = ref.partition("@")
    return slug, (label if sep else None)


def load_pair(args: tuple[str, ...], input_format: str | None, lang: str | None,
              verb: str) -> tuple[Document, Document]:
    """The two documents named by SLUG [FROM [TO]] (default: the two latest) or FILE_A FILE_B."""
    from lawdiff.model import Meta
    from lawdiff.parse.dispatch import parse_file

    files = [a for a in args if Path(a).is_file()]
    if len(args) == 2 and len(files) == 2:
        return (parse_file(args[0], Meta(), fmt=input_format, lang=lang),
                parse_file(args[1], Meta(), fmt=input_format, lang=lang))
    if files:
        missing = next(a for a in args if a not in files)
        raise LawdiffError(f"{missing}: no such file (FILE_A FILE_B {verb}s two files)")
    if len(args) > 3:
        raise LawdiffError("too many arguments: use SLUG [FROM [TO]] or FILE_A FILE_B")
    from lawdiff.store.repository import Store

    store = Store(repo_option())
    slug, labels = args[0], args[1:]
    versions = store.versions(slug)
    if not versions:
        store.version(slug)  # raises the clear "no document" error
    if not labels:
        if len(versions) < 2:
            raise LawdiffError(f"{slug}: only one version ({versions[0].label!r}); nothing to {verb}")
        labels = (versions[-2].label, versions[-1].label)
    elif len(labels) == 1:
        labels = (labels[0], versions[-1].label)
    return store.document(slug, labels[0]), store.document(slug, labels[1])
