"""`python -m lawdiff`: the same command line as the `lawdiff` script (used by process tests)."""

from lawdiff.cli.app import main

main()
