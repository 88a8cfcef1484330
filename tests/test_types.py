"""mypy finds nothing in `lawdiff/`: the type hints the project writes throughout are checked.

The settings are pyproject.toml's `[tool.mypy]` (the packages that ship no types named one by
one, unused `type: ignore` comments reported); mypy is pinned in the `test` extra, so a new
mypy release cannot fail this test.  Each run starts from an empty cache under tmp_path, so a
result never depends on an earlier run (a cold run takes a few seconds).
"""

from __future__ import annotations

from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parent.parent


def run_mypy(target: Path, cache: Path) -> tuple[str, int]:
    """mypy's report on `target` with the project's settings, and its exit status."""
    stdout, stderr, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(cache),
                                      "--no-color-output", "--no-error-summary", str(target)])
    return stdout + stderr, status


def test_mypy_finds_nothing_in_the_package(tmp_path: Path) -> None:
    report, status = run_mypy(ROOT / "lawdiff", tmp_path / "cache")
    assert status == 0, report


def test_mypy_reports_a_planted_type_error(tmp_path: Path) -> None:
    # The check above can fail: the same call reports a function returning a str as an int,
    # and a type: ignore comment that hides nothing.
    module = tmp_path / "planted" / "planted.py"
    module.parent.mkdir()
    module.write_text('def count() -> int:\n    return "three"\n\n\nTOTAL: int = 3  # type: ignore[assignment]\n',
                      encoding="utf-8")
    report, status = run_mypy(module, tmp_path / "cache")
    assert status == 1, report
    assert 'planted.py:2: error: Incompatible return value type (got "str", expected "int")  [return-value]' \
        in report, report
    assert 'planted.py:5: error: Unused "type: ignore" comment  [unused-ignore]' in report, report
