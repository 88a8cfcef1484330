"""What the commands share about their inputs: the repository (`--repo`), SLUG[@VERSION], the
two sides of a comparison (SLUG [FROM [TO]] from the repository, or FILE_A FILE_B parsed as
import would), and the metadata options of `import` and `parse`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import click

from lawdiff.errors import LawdiffError
from lawdiff.model import Document, Meta
from lawdiff.akn.load import parse_file
from lawdiff.parse.dispatch import validate_date, validate_label, validate_slug

if TYPE_CHECKING:
    from lawdiff.store.repository import Store

STAGES = ["draft", "reading", "adopted", "amended", "revised"]


def repo_option() -> str | None:
    """The global `--repo` (None: find the repository from the working directory)."""
    root = click.get_current_context().find_root()
    return (root.obj or {}).get("repo")


def open_store(repo: str | None = None) -> Store:
    """The repository named by `repo`, else by the global `--repo`, else found from the working directory."""
    # Imported here, not at the top: pygit2 alone costs ~48 ms of start-up (python -X importtime),
    # which `lawdiff diff FILE_A FILE_B`, `parse` and `check FILE` never need.
    from lawdiff.store.repository import Store

    return Store(repo or repo_option())


def store_for(ref: str) -> Store:
    """The repository in which to look up `ref`, a name that is no file here.  Without one, the
    name was most likely a file's, mistyped: say that first (`a.txt: no such file ...`), not only
    that there is no repository."""
    if repo_option():
        return open_store()  # a repository named with --repo: what is wrong with it is the news
    try:
        return open_store()
    except LawdiffError:
        raise LawdiffError(f"{ref}: no such file, and no lawdiff repository here to look it up in as a document"
                           " (run `lawdiff init DIR` or pass --repo)") from None


def split_ref(ref: str) -> tuple[str, str | None]:
    """`slug@label` -> (slug, label); a bare slug means the latest version (None)."""
    slug, sep, label = ref.partition("@")
    return slug, (label if sep else None)


def load_pair(args: tuple[str, ...], input_format: str | None, lang: str | None,
              verb: str) -> tuple[Document, Document]:
    """The two documents named by SLUG [FROM [TO]] (default: the two latest) or FILE_A FILE_B."""
    files = [a for a in args if Path(a).is_file()]
    if len(args) == 2 and len(files) == 2:
        return (parse_file(args[0], Meta(), fmt=input_format, lang=lang),
                parse_file(args[1], Meta(), fmt=input_format, lang=lang))
    if files:
        missing = next(a for a in args if a not in files)
        raise LawdiffError(f"{missing}: no such file (FILE_A FILE_B {verb}s two files)")
    if len(args) > 3:
        raise LawdiffError("too many arguments: use SLUG [FROM [TO]] or FILE_A FILE_B")
    store = store_for(args[0])
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


def as_stated(doc: Document) -> Document:
    """A parsed file's metadata as its text states it: the stand-ins the parse filled in for the
    XML's sake (a 1970 date, the file name as title) left empty, so that a report shows none.
    (Not for what writes XML again: `amend --format xml` needs a date.)"""
    for name in doc.meta.stand_ins:
        setattr(doc.meta, name, "")
    return doc


def load_document(ref: str, input_format: str | None, lang: str | None) -> Document:
    """A file parsed as import would, or SLUG[@VERSION] from the repository."""
    if Path(ref).is_file():
        return parse_file(ref, Meta(), fmt=input_format, lang=lang)
    slug, label = split_ref(ref)
    return store_for(ref).document(slug, label)


def stored_ref(ref: str) -> bool:
    """Is `ref` (SLUG[@VERSION]) a document of the repository open here (found or --repo)?"""
    slug, _label = split_ref(ref)
    try:
        return bool(open_store().versions(slug))
    except LawdiffError:  # no repository here, or not a lawdiff one: `ref` can only be a file
        return False


# -- input formats: --input-format everywhere; --format means the output -----------------------
INPUT_FORMAT_HELP = "Input format (default: detected): text, markdown, html, docx, pdf, akn, uslm."


def deprecated_input_format(ctx: click.Context, value: str | None, _param: click.Parameter | None = None) -> str | None:
    """`--format` as the input format (the old spelling on import and check): accepted, with a note."""
    if value is not None:
        click.echo(f"lawdiff: note: `{ctx.info_name} --format` is deprecated for the input format; "
                   "use --input-format", err=True)
    return value


def input_format_options(old_spelling: bool = False) -> Callable[..., Any]:
    """`--input-format`, and where --format once meant the input (import, check) that spelling
    too, hidden, with a deprecation note; the command reads `input_format or old_format`."""
    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        if old_spelling:
            f = click.option("--format", "old_format", hidden=True,
                             callback=lambda ctx, param, value: deprecated_input_format(ctx, value, param),
                             help="Deprecated: use --input-format.")(f)
        return click.option("--input-format", "fmt", help=INPUT_FORMAT_HELP)(f)
    return decorate


# -- the metadata options import and parse share ------------------------------------------
TRACKED_STATES = ["before", "after"]
STATE_HELP = ("A Word file with tracked changes: read the text before them (Word's \"Original\") or after "
              "them (\"No Markup\", the default).")


def meta_options() -> Callable[..., Any]:
    """The options import and parse share (the input format is `input_format_options`)."""
    return _with_meta_options


def _with_meta_options(f: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--doc", "slug", help="Document slug: lower-case letters, digits, '-', '_', '.'."),
        click.option("--version", "version", help="Version label, e.g. 征求意见稿 or 'second reading'."),
        click.option("--date", "date",
                     help="The version's date, YYYY-MM-DD (default: the latest full date the text states)."),
        click.option("--stage", type=click.Choice(STAGES), help="draft and reading make a <bill>; adopted, amended an <act>."),
        click.option("--title", help="The law's title (default: from the text)."),
        click.option("--lang", help="Language (default: detected): zho, eng, deu."),
        click.option("--country", help="AKN country code, e.g. cn, cn-sh, de, eu, us (default: from the title)."),
        click.option("--max-bytes", type=int, default=None, help="Refuse inputs larger than this many bytes (default 16 MiB)."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def build_meta(slug: str | None, version: str | None, date: str | None, stage: str | None, title: str | None,
               country: str | None) -> Meta:
    meta = Meta()
    if slug:
        meta.slug = validate_slug(slug)
    if version is not None:
        meta.version = validate_label(version)
    if date:
        meta.date = validate_date(date)
    if stage:
        meta.stage = stage  # type: ignore[assignment]
    if title:
        meta.title = validate_label(title, "title")
    if country:
        meta.country = country
    return meta


def emit_bytes(data: bytes) -> None:
    """Bytes to stdout as they are (XML keeps its declared encoding)."""
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
