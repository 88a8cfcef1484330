"""`lawdiff init`, `import`, `import-dir`, `log` and `show`: the repository's commands."""

from __future__ import annotations

import json
from pathlib import Path

import click

from lawdiff.akn.display import article_view, document_view
from lawdiff.akn.reader import from_bytes
from lawdiff.cli.amend import import_amended
from lawdiff.cli.inputs import (STATE_HELP, TRACKED_STATES, build_meta, emit_bytes, input_format_options,
                                meta_options, open_store, split_ref)
from lawdiff.cli.tracked import import_tracked
from lawdiff.errors import LawdiffError
from lawdiff.ingest.manifest import load_manifests
from lawdiff.ingest.registry import read_source
from lawdiff.model import Meta
from lawdiff.akn.load import parse_source
from lawdiff.store.repository import Store


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--bare", is_flag=True, help="Create a bare repository (no work tree).")
def init(directory: str, bare: bool) -> None:
    """Create a lawdiff repository in DIRECTORY."""
    path = Store.init(directory, bare=bare)
    click.echo(f"Initialised a lawdiff repository in {path}")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@meta_options()
@input_format_options(old_spelling=True)
@click.option("--amends", default=None, metavar="SLUG@VERSION",
              help="FILE is an amending instrument: apply it to SLUG@VERSION and import the result.")
@click.option("--state", type=click.Choice(TRACKED_STATES), default=None, help=STATE_HELP)
@click.option("--tracked", is_flag=True,
              help="FILE is a Word file with tracked changes: import the text before them (dated --date, or the "
                   "file's creation date) and after them (dated by the latest change) as two versions.")
def import_(file: str, slug: str | None, version: str | None, date: str | None, stage: str | None,
            title: str | None, fmt: str | None, old_format: str | None, lang: str | None, country: str | None,
            max_bytes: int | None, amends: str | None = None, state: str | None = None,
            tracked: bool = False) -> None:
    """Import FILE as the next version of a document: one commit (two with --tracked)."""
    fmt = fmt or old_format
    if tracked:
        if amends or state:
            raise LawdiffError("--tracked imports both states of the file; it goes without --amends and --state")
        if not slug:
            raise LawdiffError("--doc SLUG is required for import")
        return import_tracked(open_store, file, build_meta(slug, version, date, stage, title, country),
                              fmt, lang, max_bytes, _import_one)
    if amends:  # lawdiff.cli.amend: the instrument applied, the result recorded with it
        if not date:
            raise LawdiffError("--date YYYY-MM-DD is required for import")
        return import_amended(open_store(), file, amends, build_meta(slug, version, date, stage, title, country))
    if not slug:
        raise LawdiffError("--doc SLUG is required for import")
    meta = build_meta(slug, version, date, stage, title, country)
    _import_one(open_store(), file, meta, fmt, lang, max_bytes, state)


def _import_one(store: Store, file: str, meta: Meta, fmt: str | None, lang: str | None,
                max_bytes: int | None, state: str | None = None, shared_source: bool = False) -> bool:
    earlier = store.versions(meta.slug)
    if earlier and not meta.title:
        meta.title = earlier[-1].title
    # Read once: the stored source bytes are exactly the bytes that were parsed.
    source = read_source(file, fmt, state=state, **({"max_bytes": max_bytes} if max_bytes else {}))
    doc = parse_source(source, meta, lang)
    if "date" in doc.meta.stand_ins:  # without --date, the date the text states (its latest full date)
        raise LawdiffError(f"{file}: the text states no date; give the version's date with --date YYYY-MM-DD")
    ext = Path(file).suffix.lower() or ".txt"
    version, created = store.add_version(doc, source.data, ext, shared_source=shared_source)
    if created:
        click.echo(f"{version.slug}@{version.label}: imported {version.articles} articles "
                   f"({version.date}, {version.stage}) as {version.tag}")
        for warning in doc.warnings:
            click.echo(f"  warning: {warning}", err=True)
    else:
        click.echo(f"{version.slug}: {file} is already imported as {version.label!r}; nothing to do")
    return created


@click.command("import-dir")
@click.argument("directory", type=click.Path(file_okay=False, exists=True))
def import_dir(directory: str) -> None:
    """Import every version listed in DIRECTORY/*/lawdiff.toml not yet in the repository."""
    store = open_store()
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


@click.command()
@click.argument("slug", required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def log(slug: str | None, as_json: bool) -> None:
    """List versions: label, date, stage, article count."""
    store = open_store()
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
    if not out:
        click.echo(f"no documents in {store.root} yet (add one with `lawdiff import FILE --doc SLUG`)")
        return
    for s, listed in out.items():
        title = listed[-1]["title"] if listed else ""
        click.echo(f"{s}  {title}")
        for v in listed:
            click.echo(f"  {v['date']}  {v['stage']:<8} {v['articles']:>5} articles  {v['label']}  [{v['tag']}]")


@click.command()
@click.argument("ref")
@click.option("--article", "article",
              help="Only this article: as printed, in Arabic, or its eId (12, 134-1, 第一百三十四条之一, art_134-1).")
@click.option("--format", "fmt", type=click.Choice(["text", "xml", "json"]), default="text")
def show(ref: str, article: str | None, fmt: str) -> None:
    """Show a stored version: SLUG[@VERSION]."""
    slug, label = split_ref(ref)
    store = open_store()
    version = store.version(slug, label)
    if fmt == "xml" and not article:
        emit_bytes(store.xml(version))
        return
    doc = from_bytes(store.xml(version))
    click.echo(article_view(doc, article, fmt) if article else document_view(doc, fmt))
