"""The package's layering, read from the source: arrows only run down the stages, no circles.

Every module of `lawdiff/` is parsed with `ast`; every import it makes (at the top or
inside a function) is an arrow.  An arrow to a later stage fails, and so does any circle
in the graph of lawdiff's modules (within a stage too).  `click` belongs to the `cli`
stage: it is the only place that knows the command line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "lawdiff"

# Stages in pipeline order: a module may import only from its own stage or earlier ones.
STAGES = ["foundation", "text", "ingest", "parse", "akn", "store", "compare", "amend", "site", "cli"]
FOUNDATION = {"lawdiff", "lawdiff.errors", "lawdiff.model"}
# Third-party packages that belong to one stage (and so may only be imported from it or later).
THIRD_PARTY_STAGE = {"click": "cli"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def stage_of(module: str) -> str:
    if module in FOUNDATION:
        return "foundation"
    if module == "lawdiff.__main__":
        return "cli"  # `python -m lawdiff` is the command line
    second = module.split(".")[1]
    assert second in STAGES, f"{module}: not in any stage ({', '.join(STAGES[1:])}) -- add it to one"
    return second


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, name: str, known: set[str]) -> list[tuple[str, int]]:
    """(imported module, line) for every import in the file, at any depth."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.append((sub if sub in known else base, node.lineno))  # `from lawdiff.parse import zh`
    return out


def graph() -> dict[str, list[tuple[str, int]]]:
    found = modules()
    known = set(found)
    return {name: imports(path, name, known) for name, path in found.items()}


def test_every_module_is_in_a_stage() -> None:
    for name in modules():
        stage_of(name)


def backward_imports(imported: dict[str, list[tuple[str, int]]]) -> list[str]:
    wrong: set[str] = set()
    for name, targets in imported.items():
        own = STAGES.index(stage_of(name))
        for target, line in targets:
            top = target.split(".")[0]
            if top == "lawdiff":
                target_stage = stage_of(target)
            elif top in THIRD_PARTY_STAGE:
                target_stage = THIRD_PARTY_STAGE[top]
            else:
                continue
            if STAGES.index(target_stage) > own:
                wrong.add(f"{name}:{line} ({stage_of(name)}) imports {target} ({target_stage})")
    return sorted(wrong)


def circles(imported: dict[str, list[tuple[str, int]]]) -> list[str]:
    edges = {name: sorted({t for t, _ in targets if t.split(".")[0] == "lawdiff" and t != name})
             for name, targets in imported.items()}
    found: list[str] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in edges.get(node, []):
            if state.get(target) == 1:
                found.append(" -> ".join(path[path.index(target):] + [target]))
            elif target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def test_no_module_imports_a_later_stage() -> None:
    wrong = backward_imports(graph())
    assert not wrong, "imports against the pipeline order:\n" + "\n".join(wrong)


def test_the_import_graph_has_no_circle() -> None:
    found = circles(graph())
    assert not found, "import circles:\n" + "\n".join(found)


def test_the_checks_can_fail(tmp_path: Path) -> None:
    """A text module importing akn (inside a function too), click outside cli, and a circle are all seen."""
    known = {"lawdiff.text.a", "lawdiff.text.b", "lawdiff.akn.writer"}
    source = tmp_path / "a.py"
    source.write_text("import click\nfrom lawdiff.text import b\n\n\ndef f():\n    from lawdiff.akn.writer import to_xml\n")
    found = imports(source, "lawdiff.text.a", known)
    assert found == [("click", 1), ("lawdiff.text.b", 2), ("lawdiff.akn.writer", 6)]
    assert backward_imports({"lawdiff.text.a": found}) == [
        "lawdiff.text.a:1 (text) imports click (cli)", "lawdiff.text.a:6 (text) imports lawdiff.akn.writer (akn)"]
    looped = {"lawdiff.text.a": found, "lawdiff.text.b": [("lawdiff.text.a", 3)], "lawdiff.akn.writer": []}
    assert circles(looped) == ["lawdiff.text.a -> lawdiff.text.b -> lawdiff.text.a"]
    assert circles({"lawdiff.text.a": [("lawdiff.text.b", 1)], "lawdiff.text.b": []}) == []


ARCHITECTURE = PACKAGE.parent / "docs" / "architecture.md"


def test_architecture_page_names_the_stages_in_order() -> None:
    """docs/architecture.md's stage table lists the stages this test enforces, in the same order."""
    rows = [line for line in ARCHITECTURE.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    named = []
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if cells[0].isdigit() and cells[0] != "0":
            named.append(cells[1].strip("`").rstrip("/"))
    assert named == STAGES[1:]


def test_architecture_page_names_only_modules_that_exist() -> None:
    """Every `lawdiff/...` path the page names (rules, how-tos) is a file or folder of the package."""
    paths = set(re.findall(r"`(lawdiff/[\w/]+(?:\.py)?)`", ARCHITECTURE.read_text(encoding="utf-8")))
    assert len(paths) > 20, "the page should name where each rule lives"
    missing = sorted(path for path in paths if not (PACKAGE.parent / path).exists())
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"
