"""The `lawdiff` command line: the only stage that knows click or prints."""

from lawdiff.cli.app import main

__all__ = ["main"]
