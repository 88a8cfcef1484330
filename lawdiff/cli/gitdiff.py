"""`lawdiff diff --git BASE..HEAD [PATH...]` and `lawdiff check --git RANGE | --staged [PATH...]`:
law files in any git repository (docs/ci.md).

diff: one section per changed law file, exit 0/1/2 as diff(1).  check: findings (parse
warnings, cross-references the change broke) as plain lines, GitHub workflow annotations
(the default when GITHUB_ACTIONS is set) or SARIF 2.1.0; exit 1 when any is an error.
"""

from __future__ import annotations

import os
import sys

import click

from lawdiff import __version__
from lawdiff.amend.gitcheck import check_files
from lawdiff.compare.files import diff_revisions
from lawdiff.compare.findings import FINDING_FORMATS, has_errors, render_findings
from lawdiff.compare.formats import RenderOptions
from lawdiff.compare.render_files import render_files
from lawdiff.errors import LawdiffError
from lawdiff.store.gitfiles import open_repository, resolve_range, staged_range


def diff_git(git_range: str, paths: tuple[str, ...], out_format: str, options: RenderOptions, jobs: int) -> int:
    """Print the comparison of every changed law file; the exit status (0 same, 1 different)."""
    repo = open_repository(".")
    files = diff_revisions(repo, resolve_range(repo, git_range), paths, jobs)
    output = render_files(files, out_format, options)
    sys.stdout.buffer.write(output.encode("utf-8"))
    sys.stdout.flush()
    for entry in files.files:
        if entry.skipped:
            click.echo(f"lawdiff: {entry.path}: passed over ({entry.skipped})", err=True)
    return 1 if files.has_differences else 0


def check_git(git_range: str | None, staged: bool, paths: tuple[str, ...], fmt: str | None, lang: str | None,
              jobs: int = 0) -> int:
    """Print the findings for the changed law files; the exit status (1 when any is an error)."""
    if git_range is not None and staged:
        raise click.UsageError("--git and --staged exclude each other")
    if lang:
        raise click.UsageError("with --git/--staged, languages are set per file in .lawdiff.toml (docs/ci.md)")
    out_format = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if out_format not in FINDING_FORMATS:
        raise LawdiffError(f"--format {out_format!r}: with --git/--staged use one of {', '.join(FINDING_FORMATS)}")
    repo = open_repository(".")
    span = staged_range(repo) if staged else resolve_range(repo, git_range or "")
    files = diff_revisions(repo, span, paths, jobs)
    findings = check_files(files)
    sys.stdout.buffer.write(render_findings(findings, out_format, __version__).encode("utf-8"))
    sys.stdout.flush()
    errors = sum(1 for f in findings if f.level == "error")
    skipped = [f.path for f in files.files if f.skipped]
    click.echo(f"lawdiff check: {len(files.compared)} law file(s), {errors} error(s), "
               f"{len(findings) - errors} warning(s)"
               + (f"; passed over (not law texts): {', '.join(skipped)}" if skipped else ""), err=True)
    return 1 if has_errors(findings) else 0
