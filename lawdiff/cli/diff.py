"""`lawdiff diff`: compare two versions from the repository or two files.

    lawdiff diff SLUG                 the two latest versions
    lawdiff diff SLUG FROM [TO]       FROM against TO (default: the latest)
    lawdiff diff FILE_A FILE_B        any two importable files, no repository needed
    lawdiff diff --git BASE..HEAD [PATH...]
                                      every law file changed between two revisions of any
                                      git repository (BASE...HEAD: from the merge base)
    lawdiff diff A B --format docx -o FILE.docx [--table | --changed-only]

Exit status as diff(1): 0 no differences, 1 differences, 2 trouble.  Formatting-only
differences exit 0.  Whether the text output is coloured (a terminal, no NO_COLOR) is
decided here; the renderers only take the answer.  `--format docx` writes a Word document
(a redline with tracked changes, or with `--table` the 条文对照表 as a Word table) to the
file `-o` names: binary output never goes to a terminal.
"""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import replace
from pathlib import Path

import click

from lawdiff.cli.inputs import as_stated, load_pair
from lawdiff.compare.differ import compare
from lawdiff.compare.formats import BINARY, FORMATS, RenderOptions, render_bytes
from lawdiff.compare.select import select_article
from lawdiff.errors import LawdiffError


@click.command("diff")
@click.argument("args", nargs=-1, metavar="SLUG [FROM [TO]] | FILE_A FILE_B | --git RANGE [PATH...]")
@click.option("--git", "git_range", metavar="BASE..HEAD",
              help="Compare every law file changed between two revisions of the git repository here "
                   "(BASE...HEAD: from the merge base; BASE alone: against HEAD). ARGS narrow it to paths.")
@click.option("--format", "out_format", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="Output: text (coloured on a terminal), json (lawdiff.diff/1), markdown, html, stat, "
                   "docx (Word: tracked changes, or the 对照表 with --table; needs -o).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the output to this file instead of standard output (required for docx).")
@click.option("--table", is_flag=True, help="docx only: the 条文对照表 (Synopse) as a Word table, not a redline.")
@click.option("--changed-only", is_flag=True,
              help="docx redline only: leave out the articles that did not change.")
@click.option("--article", help="Only changes involving this article, on either side (12, 134-1, 第十二条, art_12).")
@click.option("--show-unchanged", is_flag=True,
              help="List unchanged articles too, and every paragraph of a changed one (text output).")
@click.option("--show-formatting", is_flag=True,
              help="List formatting-only changes (which exit 0) and references-only ones one by one.")
@click.option("--color/--no-color", "color", default=None, help="Colour the text output (default: on a terminal).")
@click.option("--input-format", help="Input format of FILE_A/FILE_B (default: detected).")
@click.option("--lang", help="Language of FILE_A/FILE_B (default: detected): zho, eng, deu.")
@click.option("--max-chars", type=click.IntRange(min=0), default=0,
              help="Markdown only: drop whole rows past this many characters and say how many "
                   "(65536 fits a GitHub comment). Default: no limit.")
@click.option("--jobs", type=click.IntRange(min=0), default=0,
              help="With --git: compare files in this many processes (default 0: one per CPU).")
@click.pass_context
def diff(ctx: click.Context, args: tuple[str, ...], git_range: str | None, out_format: str, article: str | None,
         show_unchanged: bool, show_formatting: bool, color: bool | None, input_format: str | None,
         lang: str | None, max_chars: int, jobs: int, output: str | None, table: bool, changed_only: bool) -> None:
    """Compare two versions: articles aligned by content, redlined inside.

    SLUG [FROM [TO]] compares stored versions (labels, dates or 1-based indexes; by
    default the two latest).  FILE_A FILE_B compares two files parsed as import would.
    --git BASE..HEAD [PATH...] compares every law file a change touched in any git
    repository, one section per file (docs/ci.md).
    Exit status: 0 no differences, 1 differences, 2 error.
    """
    if out_format in BINARY and not output:
        raise LawdiffError(f"--format {out_format} writes a Word file: name it with -o FILE.{out_format}")
    if (table or changed_only) and out_format != "docx":
        raise LawdiffError(f"{'--table' if table else '--changed-only'} goes with --format docx")
    if table and changed_only:
        raise LawdiffError("--changed-only is for the redline; the --table lists changed articles only anyway")
    # A one-shot process: the parsed trees are millions of small objects and hold no
    # garbage worth collecting, so the cyclic collector would only slow the run down.
    gc.disable()

    if color is None:
        color = out_format == "text" and not output and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    options = RenderOptions(color=color, show_unchanged=show_unchanged, show_formatting=show_formatting,
                            max_chars=max_chars, table=table, changed_only=changed_only)
    if git_range is not None:
        if out_format in BINARY or output:
            raise click.UsageError("--git writes one report for many files to standard output; "
                                   "--format docx and -o take one pair: `lawdiff diff FILE_A FILE_B`")
        if article or input_format or lang or out_format == "html":
            raise click.UsageError("--article, --input-format, --lang and --format html name one file; with --git, "
                                   "set formats and languages in .lawdiff.toml and compare one file with "
                                   "`lawdiff diff FILE_A FILE_B` (docs/ci.md)")
        # Imported here: the git path needs pygit2 and the store, which `diff FILE_A FILE_B`
        # must not load (tests/test_cli_startup.py).
        from lawdiff.cli.gitdiff import diff_git

        ctx.exit(diff_git(git_range, args, out_format, options, jobs))
    if not args:
        raise click.UsageError("missing SLUG [FROM [TO]], FILE_A FILE_B or --git BASE..HEAD")
    old, new = (as_stated(doc) for doc in load_pair(args, input_format, lang, verb="compare"))
    result = compare(old, new)
    if article:
        result = select_article(result, article)
        show_unchanged = True  # one article asked for by name: show it whole, even unchanged
    data = render_bytes(result, out_format, replace(options, show_unchanged=show_unchanged))
    if output:
        Path(output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    # Everything alive now lives until the process ends, and interpreter shutdown would run one
    # more collection over it all (the trees, the redlines, the report): frozen, it is not
    # traversed (~20 ms of CPU of a 0.3 s Civil Code diff, measured).  Shutdown still frees
    # what it frees by reference counting; the rest goes with the process.
    gc.freeze()
    ctx.exit(1 if result.has_differences else 0)
