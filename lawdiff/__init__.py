"""lawdiff: track how a law changes from draft to draft.

Stages, one module each, data flowing one way: read -> parse_zh / parse_latin / formats
(text to model) -> model -> akn (model <-> Akoma Ntoso) -> store (git) -> align -> redline
-> diff -> render_diff / site (output) -> cli.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("lawdiff")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
