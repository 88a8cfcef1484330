"""The progress bar of long runs (`site`, `import-tree`) on a terminal: done / total, rate and
time left; nothing when stderr is no terminal (a log or a pipe gets the summary only)."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # the class `click.progressbar` returns; click itself imports it from here to type it
    from click._termui_impl import ProgressBar as ClickProgressBar


class ProgressBar:
    """click's progress bar on stderr, driven by (done, total) callbacks; silent when stderr is no terminal."""

    def __init__(self, label: str, unit: str = "/s") -> None:
        self.label = label
        self.unit = unit
        self.tty = sys.stderr.isatty()
        self.bar: ClickProgressBar[int] | None = None
        self.done = 0
        self.started = time.monotonic()

    def update(self, done: int, total: int) -> None:
        if not self.tty:
            return
        if self.bar is None:
            self.started = time.monotonic()
            self.bar = click.progressbar(length=total, label=self.label, show_pos=True, show_percent=True, show_eta=True,
                                         item_show_func=self._rate, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done, current_item=done)
        self.done = done

    def echo(self, text: str, err: bool = False) -> None:
        """A line of output while the bar may be live: the bar's line is finished first, or the
        text would overwrite it."""
        if self.bar is not None:
            click.echo("", err=True)
        click.echo(text, err=err)

    def _rate(self, _item: object) -> str:
        elapsed = time.monotonic() - self.started
        return f"{self.done / elapsed:.1f}{self.unit}" if elapsed > 0 and self.done else ""

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
