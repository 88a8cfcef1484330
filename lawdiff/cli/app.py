"""The `lawdiff` command line.  Errors are one line on stderr with exit status 2.

The commands live in modules by subject (`repository`, `document`, `diff`, `amend`, `site`),
each importing at its top what it uses; this group imports a command's module only when
that command runs (see `COMMANDS`).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from lawdiff import __version__
from lawdiff.errors import LawdiffError

# Command -> (its module in lawdiff.cli, the function, the one-line summary `lawdiff --help` lists).
# Modules are loaded on demand because together they import every stage (pygit2, lxml, jinja2,
# the parsers and the diff engine), about ten times what this module costs with click
# (python -X importtime, one busy 2-core machine: 0.65 s against 0.066 s), which
# `lawdiff --help` and any one command need not pay.  The summaries repeat the first line of each command's
# docstring so that --help imports nothing; tests/test_cli_startup.py checks they agree.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "amend": ("amend", "amend", "Write the amending instrument that turns FROM into TO."),
    "apply": ("amend", "apply", "Apply an amending INSTRUMENT to BASE (a file, or SLUG[@VERSION] in the repository)."),
    "check": ("document", "check", "Print parse warnings for FILE; exit 1 when there are any."),
    "diff": ("diff", "diff", "Compare two versions: articles aligned by content, redlined inside."),
    "import": ("repository", "import_", "Import FILE as the next version of a document: one commit (two with --tracked)."),
    "import-dir": ("repository", "import_dir",
                   "Import every version listed in DIRECTORY/*/lawdiff.toml not yet in the repository."),
    "import-tree": ("tree", "import_tree_cmd",
                    "Import every file of DIRECTORY by its name: `<category>/<title>(<YYYY-MM-DD>).md`."),
    "init": ("repository", "init", "Create a lawdiff repository in DIRECTORY."),
    "log": ("repository", "log", "List versions: label, date, stage, article count."),
    "parse": ("document", "parse", "Parse FILE as import would and print the result (no repository needed)."),
    "show": ("repository", "show", "Show a stored version: SLUG[@VERSION]."),
    "site": ("site", "site", "Build the static changelog site: timeline, redlines, comparison tables, search."),
    "validate": ("document", "validate",
                 "Validate an Akoma Ntoso file against the OASIS 3.0 schema (exit 1 if invalid)."),
}


class LawdiffGroup(click.Group):
    """Turns every failure into one clear line and exit status 2 (never a traceback), and
    loads a command's module only when the command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, function, _summary = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(f"lawdiff.cli.{module_name}"), function)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of `lawdiff --help`, as click writes it, from `COMMANDS` alone."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        with formatter.section("Commands"):
            # A bare Command shortens the summary exactly as the real one shortens its docstring.
            formatter.write_dl([(name, click.Command(name, help=COMMANDS[name][2]).get_short_help_str(limit))
                                for name in self.list_commands(ctx)])

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
@click.version_option(version=__version__)
@click.pass_context
def main(ctx: click.Context, repo: str | None) -> None:
    """Track how a law changes from draft to draft."""
    ctx.obj = {"repo": repo}


def run() -> None:  # pragma: no cover - console entry
    main()
