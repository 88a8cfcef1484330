"""pyflakes finds nothing in the project's Python: no unused import, no undefined or
redefined name, no f-string without a placeholder.

Such leftovers pile up when code is moved between stages (an import the move no longer
needs kept a module loaded for nothing), and they hide the names a reader must follow.
"""

from __future__ import annotations

import io
from pathlib import Path

from pyflakes.api import checkRecursive
from pyflakes.reporter import Reporter

ROOT = Path(__file__).resolve().parent.parent


def test_pyflakes_finds_nothing() -> None:
    warnings, errors = io.StringIO(), io.StringIO()
    paths = [str(ROOT / folder) for folder in ("lawdiff", "tests", "bench")]
    count = checkRecursive(paths, Reporter(warnings, errors))
    assert count == 0, warnings.getvalue() + errors.getvalue()


def test_pyflakes_reports_an_unused_import(tmp_path: Path) -> None:
    # The check above can fail: the same call reports a planted unused import.
    module = tmp_path / "leftover.py"
    module.write_text("import os\n", encoding="utf-8")
    warnings = io.StringIO()
    assert checkRecursive([str(tmp_path)], Reporter(warnings, io.StringIO())) == 1
    assert "'os' imported but unused" in warnings.getvalue()
