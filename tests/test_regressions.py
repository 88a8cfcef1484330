"""Every input the fuzzers ever broke lawdiff with, kept and re-checked on every run.

A case is a file in tests/regressions/ with a `.note` beside it (`name:` is the file
name the reader sees, `problem:` what went wrong, `open:` who owns a case not fixed yet).  The same promises as the fuzz run
apply (see tests/fuzzlib.py): a clear refusal or a lossless, valid, deterministic AKN.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzzlib import REGRESSIONS, check

CASES = sorted(p for p in REGRESSIONS.iterdir() if p.is_file() and p.suffix != ".note")


def _name(case: Path) -> str:
    note = case.with_name(case.name + ".note")
    for line in note.read_text(encoding="utf-8").splitlines():
        if line.startswith("name:"):
            return line.split(":", 1)[1].strip()
    return case.name


def test_every_case_has_a_note() -> None:
    assert CASES, "tests/regressions/ holds no case"
    missing = [c.name for c in CASES if not c.with_name(c.name + ".note").exists()]
    assert not missing, f"regression cases without a .note: {missing}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_regression_case(case: Path) -> None:
    """Every failure the fuzz runs found stays fixed (no case is allowed to stay open)."""
    check(case.read_bytes(), _name(case))  # raises on a broken promise
