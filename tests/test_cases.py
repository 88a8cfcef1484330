"""File-based cases: tests/cases/<name>/{old.*, new.*, expected.json}, one test each.

Each case is a real excerpt (or a whole file) of the corpus, copied verbatim; its
SOURCE.md says from where.  expected.json holds the exit status, the stats, and one
line per change that is not a plain "unchanged":

    "<old numbers> -> <new numbers>: <type>[, renumbered][, moved][, formatting only][, references only]"

with "-" for an empty side.  Every expected file was checked by reading both texts.
The JSON output of each case is also validated against the published schema.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from lawdiff.cli.app import main

CASES = Path(__file__).parent / "cases"
SCHEMA = json.loads((Path(__file__).parent.parent / "schema" / "lawdiff-diff-1.schema.json").read_text("utf-8"))


def change_line(change: dict) -> str:  # type: ignore[type-arg]
    old = ",".join(a["number"] for a in change["from"]) or "-"
    new = ",".join(a["number"] for a in change["to"]) or "-"
    flags = [change["type"]] + [name.replace("_", " ") for name in ("renumbered", "moved", "formatting_only",
                                                                    "references_only") if change[name]]
    return f"{old} -> {new}: {', '.join(flags)}"


def describe(data: dict) -> dict:  # type: ignore[type-arg]
    return {
        "exit": 1 if data["differences"] else 0,
        "stats": data["stats"],
        "changes": [change_line(c) for c in data["changes"]
                    if not (c["type"] == "unchanged" and not c["renumbered"] and not c["moved"])],
        "structure": [f"{s['kind']} {s['type']}: {s['from'] or '-'} -> {s['to'] or '-'}" for s in data["structure"]],
    }


def run_case(folder: Path) -> tuple[int, dict]:  # type: ignore[type-arg]
    old = next(folder.glob("old.*"))
    new = next(folder.glob("new.*"))
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    return result.exit_code, data


@pytest.mark.parametrize("folder", sorted(p for p in CASES.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_case(folder: Path) -> None:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    code, data = run_case(folder)
    got = describe(data)
    assert got == expected
    assert code == expected["exit"]


if __name__ == "__main__":  # print what a case gives, to review before writing expected.json
    import sys

    print(json.dumps(describe(run_case(Path(sys.argv[1]))[1]), ensure_ascii=False, indent=1))
