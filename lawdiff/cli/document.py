"""`lawdiff parse`, `check` and `validate`: one file, no repository needed (except `check SLUG`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from lxml import etree

from lawdiff.akn.display import document_view
from lawdiff.akn.schema import validation_errors
from lawdiff.akn.writer import to_bytes
from lawdiff.cli.amend import check_ref
from lawdiff.cli.inputs import (STATE_HELP, TRACKED_STATES, build_meta, deprecated_input_format, emit_bytes,
                                input_format_options, meta_options, stored_ref)
from lawdiff.errors import LawdiffError
from lawdiff.model import Meta
from lawdiff.akn.load import parse_file
from lawdiff.ingest.xml import SAFE_PARSER


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@meta_options()
@input_format_options()
@click.option("--format", "-f", "out", type=click.Choice(["xml", "text", "json"]), default="xml",
              help="Output: the AKN XML import would store (default), plain text, or JSON.")
@click.option("--state", type=click.Choice(TRACKED_STATES), default=None, help=STATE_HELP)
def parse(file: str, slug: str | None, version: str | None, date: str | None, stage: str | None,
          title: str | None, fmt: str | None, lang: str | None, country: str | None, max_bytes: int | None,
          out: str, state: str | None) -> None:
    """Parse FILE as import would and print the result (no repository needed)."""
    doc = parse_file(file, build_meta(slug, version, date, stage, title, country), fmt=fmt, lang=lang,
                     max_bytes=max_bytes, state=state)
    if out == "xml":
        emit_bytes(to_bytes(doc))
    else:
        click.echo(document_view(doc, out))


@click.command()
@click.argument("args", nargs=-1, metavar="FILE | SLUG[@VERSION] | --git RANGE [PATH...] | --staged [PATH...]")
@input_format_options()
@click.option("--format", "out_format",
              help="With --git/--staged, the output: text, github (workflow annotations; the default when "
                   "GITHUB_ACTIONS is set) or sarif. (With FILE: the old spelling of --input-format, deprecated.)")
@click.option("--lang", help="Language (default: detected).")
@click.option("--git", "git_range", metavar="BASE..HEAD",
              help="Check every law file changed between two revisions of the git repository here.")
@click.option("--staged", is_flag=True, help="Check the staged law files against HEAD (a pre-commit hook).")
@click.option("--jobs", type=click.IntRange(min=0), default=0,
              help="With --git/--staged: check files in this many processes (default 0: one per CPU).")
@click.pass_context
def check(ctx: click.Context, args: tuple[str, ...], fmt: str | None, out_format: str | None, lang: str | None,
          git_range: str | None, staged: bool, jobs: int) -> None:
    """Print parse warnings for FILE; exit 1 when there are any.

    SLUG[@VERSION], a document of the repository open here (preferred over a file or
    folder of that name): citations that still use the previous version's article
    numbers are listed (exit 1 when there are any).

    With --git BASE..HEAD (or --staged), every law file the change touched is checked for
    parse warnings and for cross-references the change broke, one finding per line, as
    GitHub annotations, or as SARIF (docs/ci.md); exit 1 when any is an error."""
    if git_range is not None or staged:
        # Imported here: the git path (pygit2 diffing, the comparison, the findings) adds
        # 0.11 s to the 0.09 s `check FILE` takes to load (measured with time.perf_counter).
        from lawdiff.cli.gitdiff import check_git

        ctx.exit(check_git(git_range, staged, args, out_format, lang, jobs))
    if len(args) != 1:
        raise click.UsageError("check takes one FILE or SLUG[@VERSION] (or --git BASE..HEAD [PATH...])")
    file = args[0]
    fmt = fmt or deprecated_input_format(ctx, out_format)  # without --git, --format was the input format
    if not fmt and (stored_ref(file) or not Path(file).exists()):
        return check_ref(file)
    doc = parse_file(file, Meta(), fmt=fmt, lang=lang, max_bytes=None)
    for warning in doc.warnings:
        level = "error: " if warning.level == "error" else ""
        click.echo(f"{file}:{warning.line}: {level}{warning.message} [{warning.code}]")
    click.echo(f"{file}: {len(doc.articles())} articles, {len(doc.warnings)} warning(s)", err=True)
    sys.exit(1 if doc.warnings else 0)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
def validate(file: str) -> None:
    """Validate an Akoma Ntoso file against the OASIS 3.0 schema (exit 1 if invalid)."""
    try:
        root = etree.parse(file, SAFE_PARSER).getroot()
    except etree.XMLSyntaxError as exc:
        raise LawdiffError(f"{file}: not well-formed XML: {exc}") from None
    errors = validation_errors(root)
    for error in errors:
        click.echo(f"{file}: {error}")
    if errors:
        sys.exit(1)
    click.echo(f"{file}: valid Akoma Ntoso 3.0")
