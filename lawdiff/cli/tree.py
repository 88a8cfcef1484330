"""`lawdiff import-tree DIR`: a folder of `title(YYYY-MM-DD).md` files, no manifests needed."""

from __future__ import annotations

import time
from pathlib import Path

import click

from lawdiff.cli.progress import ProgressBar
from lawdiff.errors import LawdiffError
from lawdiff.store.executor import make_executor
from lawdiff.store.bulk import Summary, import_tree
from lawdiff.store.repository import Store, Version


class CliReporter:
    """The shared progress bar, one per phase (reading, inspecting, importing files); on a
    terminal the lines of each version are left to the summary, in a log they are printed."""

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose
        self.bar = ProgressBar("")
        self.tty = self.bar.tty
        self.total = 0
        self.done = 0
        self.warnings = 0
        self.dating: list[str] = []  # how undated files were dated: always said, after the bars
        self.said: set[str] = set()  # files whose skipping was already reported

    def phase(self, name: str, total: int) -> None:
        self.bar.close()
        self.bar = ProgressBar(f"{name:<10}", unit=" files/s")
        self.total, self.done = total, 0
        if total:
            self.bar.update(0, total)

    def advance(self, count: int = 1) -> None:
        self.done += count
        self.bar.update(self.done, self.total)

    def imported(self, version: Version, rel: str, dating: list[str], parsing: list[str]) -> None:
        self.warnings += len(dating) + len(parsing)
        self.dating += [f"warning: {rel}: {w}" for w in dating]
        if self.tty and not self.verbose:
            return
        self.bar.echo(f"{version.slug}@{version.label}: imported {version.articles} units "
                      f"({version.date}, {version.stage}) as {version.tag}")
        if self.verbose:
            for warning in parsing:
                self.bar.echo(f"  warning: {warning}", err=True)

    def skipped(self, rel: str, reason: str) -> None:
        if not self.tty:  # a log sees it when it happens; a terminal in the summary, under the bars
            self.bar.echo(f"skipped {rel}: {reason}", err=True)
            self.said.add(rel)

    def close(self) -> None:
        self.bar.close()


@click.command("import-tree")
@click.argument("directory", type=click.Path(file_okay=False, exists=True))
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: all cores; 1: no pool).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:8786",
              help="Run the parsing on this Dask scheduler's workers instead of local processes.")
@click.option("--verbose", "-v", is_flag=True, help="List every imported version and its warnings.")
@click.pass_context
def import_tree_cmd(ctx: click.Context, directory: str, jobs: int | None, scheduler: str | None,
                    verbose: bool) -> None:
    """Import every file of DIRECTORY by its name: `<category>/<title>(<YYYY-MM-DD>).md`.

    Files with one title are versions of one document, in date order; the folder is the
    category.  Files already imported are skipped; a file that cannot be imported is reported
    and skipped, the others go on (exit status 1 when any was skipped)."""
    store = Store(ctx.obj.get("repo"))
    started = time.monotonic()
    reporter = CliReporter(verbose)
    executor = make_executor(jobs, scheduler)
    try:
        summary = import_tree(store, Path(directory), executor, reporter)
    finally:
        reporter.close()
        executor.close()
    if not summary.files:
        raise LawdiffError(f"{directory}: no law file found (expected files such as title(YYYY-MM-DD).md)")
    for line in reporter.dating:
        click.echo(line, err=True)
    _summary(summary, time.monotonic() - started, executor.name, reporter.warnings, reporter.said)
    if summary.failed:
        ctx.exit(1)


def _summary(summary: Summary, seconds: float, where: str, warnings: int, said: set[str]) -> None:
    for rel, reason in summary.failed:
        if rel not in said:
            click.echo(f"skipped {rel}: {reason}", err=True)
    rate = f", {summary.imported / seconds:.0f} versions/s" if summary.imported and seconds > 0 else ""
    click.echo(f"{summary.imported} new version(s) of {summary.documents} document(s) imported, "
               f"{summary.already} already in the repository, {len(summary.failed)} skipped, "
               f"{warnings} warning(s); {summary.files} files in {seconds:.1f} s{rate} ({where})")
