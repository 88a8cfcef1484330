"""lawdiff: track how a law changes from draft to draft.

Stages, one subpackage each, data flowing one way (a module imports only from its own stage
or earlier ones): text -> ingest -> parse -> akn -> store -> compare -> amend -> site -> cli.
"""

# The one place the version is written (pyproject.toml reads it): read at start-up without
# importlib.metadata, whose import alone cost ~56 ms of `import lawdiff.cli`.
__version__ = "0.1.0"
