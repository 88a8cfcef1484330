"""The one error type a user sees: a clear line on stderr and exit status 2."""


class LawdiffError(Exception):
    """Bad input or a refused operation; the CLI prints it as one line, exit 2.

    The message is always one line: messages often quote the input or a library's own
    report (lxml's syntax errors carry the offending source lines), and a line break
    there would break the one-line promise and forge extra lines in CI logs.
    """

    def __str__(self) -> str:
        return " ".join(super().__str__().split())


class NotALawError(LawdiffError):
    """The input reads as text but holds no article: not a legal text.

    Its own type so that a caller scanning many files (`diff --git` by extension) can
    pass over a README while still failing on a file the user named as a law.
    """
