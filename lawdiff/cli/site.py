"""`lawdiff site`: render the repository as a static changelog site."""

from __future__ import annotations

import time

import click

from lawdiff.cli.progress import ProgressBar
from lawdiff.errors import LawdiffError
from lawdiff.site import build_site


@click.command("site")
@click.option("--repo", "repo", type=click.Path(file_okay=False), default=None,
              help="The lawdiff repository (default: the global --repo, or found from the working directory).")
@click.option("-o", "--output", "output", type=click.Path(file_okay=False), default="build/site", show_default=True,
              help="Output folder (created; an existing one must hold a lawdiff site).")
@click.option("--base-url", default="", help="Public address of the site, for the feed and canonical links.")
@click.option("--theme", "theme", type=click.Path(file_okay=False), default=None,
              help="A theme folder (templates/, assets/) laid over the default theme.")
@click.option("--title", default=None, help="Site title (default: lawdiff).")
@click.option("--lang", type=click.Choice(["zh", "de", "en"]), default=None,
              help="Interface language of pages listing every document (default: the most common).")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: one per core).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:8786",
              help="Build the documents' pages on this Dask scheduler's workers (they need the repository "
                   "and the output folder at the same paths).")
@click.option("--no-search", is_flag=True, help="Skip the pagefind search index.")
@click.option("--search-shard-size", type=int, default=8, show_default=True,
              help="Documents per search index shard: a rebuild re-indexes only changed shards.")
@click.pass_context
def site(ctx: click.Context, repo: str | None, output: str, base_url: str, theme: str | None, title: str | None,
         lang: str | None, jobs: int | None, scheduler: str | None, no_search: bool, search_shard_size: int) -> None:
    """Build the static changelog site: timeline, redlines, comparison tables, search."""
    if base_url and not base_url.startswith(("http://", "https://")):
        raise LawdiffError(f"--base-url must start with http:// or https:// (got {base_url!r})")
    if jobs is not None and jobs < 1:
        raise LawdiffError("--jobs must be at least 1")
    if search_shard_size < 1:
        raise LawdiffError("--search-shard-size must be at least 1")
    repo = repo or (ctx.obj or {}).get("repo")
    bar = ProgressBar("documents")
    started = time.monotonic()
    try:
        report = build_site(repo, output, base_url=base_url, theme=theme, title=title, lang=lang, jobs=jobs,
                            scheduler=scheduler, search_index=not no_search, search_shard_size=search_shard_size,
                            progress=bar.update)
    finally:
        bar.close()
    for failure in report.failed:
        click.echo(f"error: {failure.slug} ({failure.title}): {failure.error}; its pages are left out", err=True)
    failed = f", {len(report.failed)} failed" if report.failed else ""
    click.echo(f"site: {report.pages} files in {output}: {report.written} written, "
               f"{report.kept + report.same} unchanged, {report.removed} removed; "
               f"{report.documents_rebuilt} document(s) rebuilt{failed}; search {report.search}; "
               f"{time.monotonic() - started:.1f} s")
    if report.failed:
        ctx.exit(1)
