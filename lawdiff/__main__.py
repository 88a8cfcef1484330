"""`python -m lawdiff`: the same command line as the `lawdiff` script (used by process tests)."""

from .cli import main

main()
