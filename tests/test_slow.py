"""The long runs, as a marked suite: `pytest -m slow` (deselected by default; minutes, not seconds).

The same scripts run by hand from bench/ print their counts; here they must pass.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"

pytestmark = pytest.mark.slow


def test_fuzz_run_of_ten_thousand_cases() -> None:
    result = subprocess.run([sys.executable, str(BENCH / "fuzz_run.py"), "--cases", "10000", "--seed", "1"],
                            capture_output=True, text=True, timeout=4 * 3600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_one_hundred_sigkills() -> None:
    result = subprocess.run([sys.executable, str(BENCH / "kill_run.py"), "--kills", "100", "--seed", "1"],
                            capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
