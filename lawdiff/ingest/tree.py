"""A folder tree of law files named by convention: `<category folders>/<title>(<YYYY-MM-DD>).<ext>`.

Collections such as LawRefBook/Laws file each version of a law as `数据安全法(2021-06-10).md` in a
folder that is its category (`行政法规/`, `DLC/上海地方法规/地方性法规/上海/`).  Here:
- the title is the file name without the bracketed date and extension; files with the same
  title are versions of one document, whatever folder they are in;
- the date comes from the name, or, for an undated file, from the text's history lines
  (`…通过`, `…修正`, `…修订`; the latest), else from the latest full date printed in its first
  lines, else it is 1970-01-01 (each fallback is reported as a warning);
- the stage comes from the history line of that date (通过 adopted, 修正 amended, 修订 revised),
  else from the latest event before it, else `adopted`;
- the category is the folder path relative to the root (`""` at the root).
A folder holding a `lawdiff.toml` manifest is described by it instead (slug, title, labels, dates,
stages, formats: see `lawdiff.ingest.manifest`); its files are not read by name.
Repository documentation at any level (`README.md`, `SOURCES.md`, `LICENSE`: a stem of ASCII
capitals) and hidden files are not law files and are left out.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from lawdiff.errors import LawdiffError
from lawdiff.ingest.manifest import Manifest, load_manifest
from lawdiff.ingest.registry import read_bytes
from lawdiff.text.dates import find_zh_dates, is_real_date
from lawdiff.text.history import history_events, latest_dated, stage_at

# Greedy title (stripped afterwards): a lazy one followed by \s* is quadratic on a run of blanks.
DATED_NAME = re.compile(r"^(?P<title>.+)[(（](?P<date>\d{4}-\d{2}-\d{2})[)）]$")
DOC_FILE = re.compile(r"^[A-Z0-9_-]+$")  # README, SOURCES, LICENSE, CHANGELOG
LAW_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".docx", ".pdf", ".xml")
UNKNOWN_DATE = "1970-01-01"


@dataclass
class TreeFile:
    rel: str  # path relative to the root, POSIX separators
    title: str
    name_date: str  # the date in the file name, "" when undated
    category: str


@dataclass
class Inspected:
    """What a worker learnt from one file's bytes (no parsing of the body)."""

    rel: str
    sha256: str
    date: str = ""
    stage: str = ""
    warnings: list[str] = field(default_factory=list)
    error: str = ""


def scan_tree(root: Path) -> tuple[list[TreeFile], list[str]]:
    """The law files named by convention under `root` (sorted by path) and the files left out."""
    files, left_out, _manifests = scan_tree_and_manifests(root)
    return files, left_out


def scan_tree_and_manifests(root: Path) -> tuple[list[TreeFile], list[str], list[tuple[str, Manifest]]]:
    """As `scan_tree`, plus the manifests found (category, manifest), whose folders are theirs."""
    files: list[TreeFile] = []
    left_out: list[str] = []
    manifests: list[tuple[str, Manifest]] = []
    described: set[Path] = set()
    for toml in sorted(root.rglob("lawdiff.toml")):
        rel = toml.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        described.add(toml.parent)
        parent = rel.parent.parent
        manifests.append((parent.as_posix() if parent != Path(".") else "", load_manifest(toml)))
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or path.parent in described:
            continue
        stem, suffix = path.stem, path.suffix.lower()
        if suffix not in LAW_SUFFIXES or DOC_FILE.match(stem) or stem.startswith("_"):
            left_out.append(rel.as_posix())
            continue
        match = DATED_NAME.match(stem)
        title = (match.group("title") if match else stem).strip()
        category = rel.parent.as_posix() if rel.parent != Path(".") else ""
        files.append(TreeFile(rel.as_posix(), title, match.group("date") if match else "", category))
    return files, left_out, manifests


def inspect(item: tuple[str, bytes, str]) -> Inspected:
    """Date and stage of one file from its name's date and its history lines (a worker task)."""
    rel, data, name_date = item
    found = Inspected(rel, hashlib.sha256(data).hexdigest())
    try:
        source = read_bytes(data, rel.rsplit("/", 1)[-1])
    except LawdiffError as exc:
        found.error = str(exc)
        return found
    except Exception as exc:  # noqa: BLE001 - one bad file is reported, the others go on
        found.error = f"internal error: {type(exc).__name__}: {exc}"
        return found
    lines = [l.text for l in source.lines if l.text.strip()]
    events = history_events(lines[1:])
    date = name_date
    if not date:
        latest = latest_dated(events)
        if latest is not None:
            date = latest.date
            found.warnings.append(f"no date in the file name: dated {date} by its history line ({latest.verb})")
        else:
            printed = sorted({d for line in lines[:80] for d in find_zh_dates(line) if is_real_date(d)})
            date = printed[-1] if printed else UNKNOWN_DATE
            found.warnings.append(
                f"no date in the file name or a history line: dated {date} "
                + ("by the latest date printed in its first lines" if printed else "(unknown)"))
    found.date = date
    found.stage = stage_at(events, date) or "adopted"
    return found
