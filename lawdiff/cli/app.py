"""The `lawdiff` command line.  Errors are one line on stderr with exit status 2."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

import click

from lawdiff.errors import LawdiffError
from lawdiff.model import Document, Meta

STAGES = ["draft", "reading", "adopted", "amended"]


class LawdiffGroup(click.Group):
    """Turns every failure into one clear line and exit status 2 (never a traceback)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # click prints usage errors as a usage line, a hint and the error: three lines. Here
        # they are one line like every other error, with click's own exit status (2).
        if kwargs.get("standalone_mode", True) is False:
            return super().main(*args, **kwargs)
        try:
            # Without standalone mode click returns a command's exit status (ctx.exit(n))
            # instead of exiting; commands themselves return None.
            status = super().main(*args, **{**kwargs, "standalone_mode": False})
        except click.UsageError as exc:
            hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
            click.echo(f"lawdiff: error: {exc.format_message()}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"lawdiff: error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("lawdiff: aborted", err=True)
            sys.exit(2)
        sys.exit(status if isinstance(status, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LawdiffError as exc:
            click.echo(f"lawdiff: error: {exc}", err=True)
            sys.exit(2)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("lawdiff: interrupted", err=True)
            sys.exit(2)
        except MemoryError:
            click.echo("lawdiff: error: out of memory (the input is too large)", err=True)
            sys.exit(2)
        except OSError as exc:
            click.echo(f"lawdiff: error: {exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}",
                       err=True)
            sys.exit(2)
        except Exception as exc:  # noqa: BLE001 - the promise is: no traceback, exit 2
            if os.environ.get("LAWDIFF_DEBUG"):
                raise
            click.echo(f"lawdiff: internal error: {type(exc).__name__}: {exc} (set LAWDIFF_DEBUG=1 for details)",
                       err=True)
            sys.exit(2)


@click.group(cls=LawdiffGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--repo", "repo", type=click.Path(file_okay=False), default=None,
              help="The lawdiff repository (default: found from the working directory, like git).")
@click.version_option(package_name="lawdiff")
@click.pass_context
def main(ctx: click.Context, repo: str | None) -> None:
    """Track how a law changes from draft to draft."""
    ctx.obj = {"repo": repo}


def _store(ctx: click.Context, repo: str | None = None):  # type: ignore[no-untyped-def]
    from lawdiff.store.repository import Store

    return Store(repo or ctx.obj.get("repo"))


# -- parse options shared by parse, import, diff ------------------------------------------
def meta_options(format_flags: tuple[str, ...] = ("--format", "--input-format")) -> Callable[..., Any]:
    """The options import and parse share; `parse` keeps `--format` for its output format."""
    return lambda f: _with_meta_options(f, format_flags)


def _with_meta_options(f: Callable[..., Any], format_flags: tuple[str, ...]) -> Callable[..., Any]:
    options = [
        click.option("--doc", "slug", help="Document slug: lower-case letters, digits, '-', '_', '.'."),
        click.option("--version", "version", help="Version label, e.g. 征求意见稿 or 'second reading'."),
        click.option("--date", "date", help="The version's date, YYYY-MM-DD."),
        click.option("--stage", type=click.Choice(STAGES), help="draft and reading make a <bill>; adopted, amended an <act>."),
        click.option("--title", help="The law's title (default: from the text)."),
        click.option(*format_flags, "fmt",
                     help="Input format (default: detected): text, markdown, html, docx, pdf, akn, uslm."),
        click.option("--lang", help="Language (default: detected): zho, eng, deu."),
        click.option("--country", help="AKN country code, e.g. cn, cn-sh, de, eu, us (default: from the title)."),
        click.option("--max-bytes", type=int, default=None, help="Refuse inputs larger than this many bytes (default 16 MiB)."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def build_meta(slug: str | None, version: str | None, date: str | None, stage: str | None, title: str | None,
               country: str | None) -> Meta:
    from lawdiff.parse.dispatch import validate_date, validate_label, validate_slug

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


def parse_input(path: str, meta: Meta, fmt: str | None, lang: str | None, max_bytes: int | None) -> Document:
    from lawdiff.parse.dispatch import parse_file

    return parse_file(path, meta, fmt=fmt, lang=lang, max_bytes=max_bytes)


def _emit_bytes(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


# -- repository commands ----------------------------------------------------------------------
@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--bare", is_flag=True, help="Create a bare repository (no work tree).")
def init(directory: str, bare: bool) -> None:
    """Create a lawdiff repository in DIRECTORY."""
    from lawdiff.store.repository import Store

    path = Store.init(directory, bare=bare)
    click.echo(f"Initialised a lawdiff repository in {path}")


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@meta_options()
@click.option("--amends", default=None, metavar="SLUG@VERSION",
              help="FILE is an amending instrument: apply it to SLUG@VERSION and import the result.")
@click.pass_context
def import_(ctx: click.Context, file: str, slug: str | None, version: str | None, date: str | None,
            stage: str | None, title: str | None, fmt: str | None, lang: str | None, country: str | None,
            max_bytes: int | None, amends: str | None = None) -> None:
    """Import FILE as the next version of a document: one commit."""
    if amends:  # lawdiff.cli.amend: the instrument applied, the result recorded with it
        from lawdiff.cli.amend import import_amended

        if not date:
            raise LawdiffError("--date YYYY-MM-DD is required for import")
        return import_amended(_store(ctx), file, amends, build_meta(slug, version, date, stage, title, country))
    if not slug:
        raise LawdiffError("--doc SLUG is required for import")
    if not date:
        raise LawdiffError("--date YYYY-MM-DD is required for import")
    meta = build_meta(slug, version, date, stage, title, country)
    store = _store(ctx)
    _import_one(store, file, meta, fmt, lang, max_bytes)


def _import_one(store, file: str, meta: Meta, fmt: str | None, lang: str | None,  # type: ignore[no-untyped-def]
                max_bytes: int | None) -> bool:
    earlier = store.versions(meta.slug)
    if earlier and not meta.title:
        meta.title = earlier[-1].title
    from lawdiff.parse.dispatch import parse_source
    from lawdiff.ingest.source import read_source

    # Read once: the stored source bytes are exactly the bytes that were parsed.
    source = read_source(file, fmt, **({"max_bytes": max_bytes} if max_bytes else {}))
    doc = parse_source(source, meta, lang)
    ext = Path(file).suffix.lower() or ".txt"
    version, created = store.add_version(doc, source.data, ext)
    if created:
        click.echo(f"{version.slug}@{version.label}: imported {version.articles} articles "
                   f"({version.date}, {version.stage}) as {version.tag}")
        for warning in doc.warnings:
            click.echo(f"  warning: {warning}", err=True)
    else:
        click.echo(f"{version.slug}: {file} is already imported as {version.label!r}; nothing to do")
    return created


@main.command("import-dir")
@click.argument("directory", type=click.Path(file_okay=False, exists=True))
@click.pass_context
def import_dir(ctx: click.Context, directory: str) -> None:
    """Import every version listed in DIRECTORY/*/lawdiff.toml not yet in the repository."""
    from lawdiff.ingest.manifest import load_manifests

    store = _store(ctx)
    manifests = load_manifests(Path(directory))
    if not manifests:
        raise LawdiffError(f"{directory}: no */lawdiff.toml manifest found")
    # All documents' versions in date order, so that `git log` reads as one legislative history;
    # the sort is stable, so a document's versions keep their manifest order on equal dates.
    entries = sorted(((entry.date, i, manifest, entry) for i, manifest in enumerate(manifests)
                      for entry in manifest.versions), key=lambda t: (t[0], t[1]))
    created = 0
    for _date, _i, manifest, entry in entries:
        meta = build_meta(manifest.slug, entry.label, entry.date, entry.stage, manifest.title, manifest.country)
        if _import_one(store, str(entry.path), meta, entry.format, manifest.lang, None):
            created += 1
    click.echo(f"{created} new version(s) imported from {len(manifests)} document(s)")


@main.command()
@click.argument("slug", required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def log(ctx: click.Context, slug: str | None, as_json: bool) -> None:
    """List versions: label, date, stage, article count."""
    store = _store(ctx)
    slugs = [slug] if slug else store.slugs()
    out: dict[str, list[dict[str, object]]] = {}
    for s in slugs:
        versions = store.versions(s)
        if slug and not versions:
            store.version(s)  # raises the clear "no document" error
        out[s] = [v.to_json() for v in versions]
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for s, versions in out.items():
        title = versions[-1]["title"] if versions else ""
        click.echo(f"{s}  {title}")
        for v in versions:
            click.echo(f"  {v['date']}  {v['stage']:<8} {v['articles']:>5} articles  {v['label']}  [{v['tag']}]")


@main.command()
@click.argument("ref")
@click.option("--article", "article", help="Only this article (number as printed or in Arabic: 12, 134-1).")
@click.option("--format", "fmt", type=click.Choice(["text", "xml", "json"]), default="text")
@click.pass_context
def show(ctx: click.Context, ref: str, article: str | None, fmt: str) -> None:
    """Show a stored version: SLUG[@VERSION]."""
    import lawdiff.akn.writer as akn
    import lawdiff.akn.render as render_doc

    from lawdiff.cli.inputs import split_ref

    slug, label = split_ref(ref)
    store = _store(ctx)
    version = store.version(slug, label)
    if fmt == "xml" and not article:
        _emit_bytes(store.xml(version))
        return
    doc = akn.from_bytes(store.xml(version))
    render_doc.emit(doc, fmt, article)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@meta_options(("--input-format",))
@click.option("--format", "-f", "out", type=click.Choice(["xml", "text", "json"]), default="xml",
              help="Output: the AKN XML import would store (default), plain text, or JSON.")
def parse(file: str, slug: str | None, version: str | None, date: str | None, stage: str | None,
          title: str | None, fmt: str | None, lang: str | None, country: str | None, max_bytes: int | None,
          out: str) -> None:
    """Parse FILE as import would and print the result (no repository needed)."""
    import lawdiff.akn.writer as akn
    import lawdiff.akn.render as render_doc

    doc = parse_input(file, build_meta(slug, version, date, stage, title, country), fmt, lang, max_bytes)
    if out == "xml":
        _emit_bytes(akn.to_bytes(doc))
    else:
        render_doc.emit(doc, out, None)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", help="Input format (default: detected).")
@click.option("--lang", help="Language (default: detected).")
def check(file: str, fmt: str | None, lang: str | None) -> None:
    """Print parse warnings for FILE; exit 1 when there are any.

    An argument that is not a file is SLUG[@VERSION]: citations that still use the
    previous version's article numbers are listed (exit 1 when there are any)."""
    if not Path(file).exists() and not fmt:
        from lawdiff.cli.amend import check_ref

        return check_ref(file)
    doc = parse_input(file, Meta(), fmt, lang, None)
    for warning in doc.warnings:
        click.echo(f"{file}:{warning.line}: {warning.message} [{warning.code}]")
    click.echo(f"{file}: {len(doc.articles())} articles, {len(doc.warnings)} warning(s)", err=True)
    sys.exit(1 if doc.warnings else 0)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
def validate(file: str) -> None:
    """Validate an Akoma Ntoso file against the OASIS 3.0 schema (exit 1 if invalid)."""
    from lxml import etree

    from lawdiff.akn.writer import SAFE_PARSER
    from lawdiff.akn.schema import validation_errors

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


def run() -> None:  # pragma: no cover - console entry
    main()


from lawdiff.cli.site import site as _site_cmd  # noqa: E402 - registered last, one line per command module
main.add_command(_site_cmd)
from lawdiff.cli.diff import diff as _diff_cmd  # noqa: E402
main.add_command(_diff_cmd)
from lawdiff.cli.amend import amend as _amend_cmd, apply as _apply_cmd  # noqa: E402
main.add_command(_amend_cmd)
main.add_command(_apply_cmd)
