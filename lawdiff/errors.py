"""The one error type a user sees: a clear line on stderr and exit status 2."""


class LawdiffError(Exception):
    """Bad input or a refused operation; the CLI prints it as one line, exit 2."""
