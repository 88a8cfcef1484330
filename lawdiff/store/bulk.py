"""Import a whole tree of law files: parse on an executor, commit in one writer, in date order.

1. Scan: the tree's file names give titles, dates and categories (`lawdiff.ingest.tree`).
   Every file is read and hashed here; bytes the repository already holds are skipped, so a
   re-run on the same tree reads and hashes files but parses nothing.
2. Inspect (executor): an undated file's date and every file's stage from its history lines.
3. Plan (here): files of one title are one document; slugs come from the repository for known
   titles, else `unique_slug`; all new versions are sorted by (date, slug, label).
4. Prepare (executor) and commit (here): each version is parsed, serialised and validated by a
   worker against the earlier versions of its document; the single writer commits results in
   plan order as they arrive (at most `window` in flight), so the history — commit ids
   included — is the same whichever executor ran.
A file that cannot be imported is reported and skipped; the others go on.  Nothing here prints:
the caller gets a `Reporter`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Protocol

from lawdiff.errors import LawdiffError
from lawdiff.store.executor import Executor
from lawdiff.ingest.registry import read_bytes
from lawdiff.ingest.manifest import Manifest
from lawdiff.ingest.tree import UNKNOWN_DATE, Inspected, TreeFile, inspect, scan_tree_and_manifests
from lawdiff.model import Meta
from lawdiff.parse.dispatch import parse_source, validate_date, validate_label, validate_slug
from lawdiff.store.prepare import Earlier, Prepared, prepare
from lawdiff.store.repository import Store, Version
from lawdiff.text.dates import is_real_date
from lawdiff.text.slug import unique_slug


class Reporter(Protocol):
    def phase(self, name: str, total: int) -> None: ...

    def advance(self, count: int = 1) -> None: ...

    def imported(self, version: Version, rel: str, dating: list[str], parsing: list[str]) -> None:
        """A new version; `dating`: how the tree import dated it (fallbacks), `parsing`: parse warnings."""

    def skipped(self, rel: str, reason: str) -> None: ...


@dataclass
class Summary:
    files: int = 0
    already: int = 0  # files whose bytes the repository holds
    imported: int = 0
    documents: int = 0  # documents that got a new version
    failed: list[tuple[str, str]] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # not law files (README, SOURCES…)


@dataclass
class Planned:
    rel: str
    slug: str
    title: str
    label: str
    date: str
    stage: str
    category: str
    earlier: list[Earlier]
    warnings: list[str]
    fmt: str | None = None  # a manifest's `format`, `language` and `jurisdiction` (else detected)
    lang: str | None = None
    country: str = ""


@dataclass
class Task:
    """What a worker needs to prepare one version: bytes in, no file system access."""

    rel: str
    data: bytes
    meta: Meta
    earlier: list[Earlier]
    doc_path: str
    format_version: int
    fmt: str | None = None
    lang: str | None = None


@dataclass
class Outcome:
    rel: str
    prepared: Prepared | None = None
    error: str = ""


def prepare_task(task: Task) -> Outcome:
    """Parse, serialise and validate one version (runs on a worker)."""
    try:
        ext = "." + task.rel.rsplit(".", 1)[-1].lower() if "." in task.rel.rsplit("/", 1)[-1] else ".txt"
        source = read_bytes(task.data, task.rel.rsplit("/", 1)[-1], task.fmt)
        doc = parse_source(source, task.meta, task.lang)
        return Outcome(task.rel, prepare(doc, task.earlier, task.data, ext, task.doc_path, task.format_version))
    except LawdiffError as exc:
        return Outcome(task.rel, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file is reported, the others go on
        return Outcome(task.rel, error=f"internal error: {type(exc).__name__}: {exc}")


def _valid_date(date: str) -> str:
    return date if is_real_date(date) else UNKNOWN_DATE


def _known_titles(store: Store) -> tuple[dict[str, str], dict[str, list[Version]], set[str]]:
    """title -> slug, slug -> versions, and every stored sha256."""
    by_title: dict[str, str] = {}
    versions: dict[str, list[Version]] = {}
    hashes: set[str] = set()
    for slug in store.slugs():
        listed = store.versions(slug)
        versions[slug] = listed
        hashes.update(v.sha256 for v in listed)
        for v in listed:
            by_title.setdefault(v.title, slug)
    return by_title, versions, hashes


def plan(files: list[TreeFile], found: dict[str, Inspected], stored: dict[str, list[Version]], by_title: dict[str, str], summary: Summary) -> list[Planned]:
    """New versions in commit order, each with the earlier versions its XML will list."""
    groups: dict[str, list[TreeFile]] = {}
    for f in files:
        if f.rel in found and not found[f.rel].error:
            groups.setdefault(f.title, []).append(f)
    taken = set(stored)
    slugs: dict[str, str] = {}
    for title in sorted(groups):
        slug = by_title.get(title) or unique_slug(title, taken)
        taken.add(slug)
        slugs[title] = slug
    planned: list[Planned] = []
    for title, members in groups.items():
        slug = slugs[title]
        earlier = [v.earlier for v in stored.get(slug, [])]
        labels = {e.label for e in earlier}
        latest = earlier[-1].date if earlier else ""
        for f in sorted(members, key=lambda m: (_valid_date(found[m.rel].date), m.rel)):
            info = found[f.rel]
            date = _valid_date(info.date)
            if latest and date < latest:
                summary.failed.append((f.rel, f"{date} is before the latest stored version of {slug} ({latest}); "
                                              "import never rewrites history"))
                continue
            label, n = date, 2
            while label in labels:
                label, n = f"{date}-{n}", n + 1
            labels.add(label)
            planned.append(Planned(f.rel, slug, title, label, date, info.stage, f.category, list(earlier),
                                   list(info.warnings)))
            earlier.append(Earlier(label, date, info.stage))
            latest = date
    planned.sort(key=lambda p: (p.date, p.slug, p.label))
    return planned


def plan_manifests(root: Path, manifests: list[tuple[str, Manifest]], fresh: set[str],
                   stored: dict[str, list[Version]], summary: Summary) -> list[Planned]:
    """The new versions that manifests list, in their order (a manifest overrides the naming convention)."""
    planned: list[Planned] = []
    for category, manifest in manifests:
        try:
            slug = validate_slug(manifest.slug)
            title = validate_label(manifest.title, "title") if manifest.title else ""
            entries = [(v, validate_label(v.label), validate_date(v.date)) for v in manifest.versions]
        except LawdiffError as exc:
            summary.failed.append((f"{category + '/' if category else ''}{manifest.slug}/lawdiff.toml", str(exc)))
            continue
        earlier = [v.earlier for v in stored.get(slug, [])]
        for entry, label, date in entries:
            rel = entry.path.relative_to(root).as_posix()
            if rel not in fresh:
                continue
            planned.append(Planned(rel, slug, title, label, date, entry.stage, category, list(earlier), [],
                                   entry.format, manifest.lang, manifest.country or ""))
            earlier.append(Earlier(label, date, entry.stage))
    return planned


def import_tree(store: Store, root: Path, executor: Executor, reporter: Reporter) -> Summary:
    if not root.is_dir():
        raise LawdiffError(f"{root}: not a folder")
    files, left_out, manifests = scan_tree_and_manifests(root)
    listed = [v.path.relative_to(root).as_posix() for _category, m in manifests for v in m.versions]
    summary = Summary(files=len(files) + len(listed), left_out=left_out)
    by_title, stored, hashes = _known_titles(store)
    reporter.phase("reading", summary.files)
    fresh: list[tuple[TreeFile, str]] = []
    fresh_listed: set[str] = set()
    for f in files:
        sha = hashlib.sha256((root / f.rel).read_bytes()).hexdigest()
        if sha in hashes:
            summary.already += 1
        else:
            fresh.append((f, sha))
        reporter.advance()
    for rel in listed:
        try:
            sha = hashlib.sha256((root / rel).read_bytes()).hexdigest()
        except OSError as exc:
            summary.failed.append((rel, f"listed in its lawdiff.toml but unreadable ({exc.strerror or exc})"))
            continue
        if sha in hashes:
            summary.already += 1
        else:
            fresh_listed.add(rel)
        reporter.advance()
    if not fresh and not fresh_listed:
        return summary

    reporter.phase("inspecting", len(fresh))
    found: dict[str, Inspected] = {}
    items = ((f.rel, (root / f.rel).read_bytes(), f.name_date) for f, _sha in fresh)
    for info in executor.map(inspect, items):
        found[info.rel] = info
        if info.error:
            summary.failed.append((info.rel, info.error))
            reporter.skipped(info.rel, info.error)
        reporter.advance()
    by_manifest = plan_manifests(root, manifests, fresh_listed, stored, summary)
    for p in by_manifest:
        by_title.setdefault(p.title, p.slug)
        stored.setdefault(p.slug, [])  # taken: a title never gets a manifest's slug
    planned = plan([f for f, _sha in fresh], found, stored, by_title, summary) + by_manifest
    planned.sort(key=lambda p: (p.date, p.slug, p.label))

    reporter.phase("importing", len(planned))
    by_rel = {p.rel: p for p in planned}
    touched: set[str] = set()
    with store.batch() as writer:
        for outcome in executor.map(prepare_task, _tasks(root, planned, store)):
            p = by_rel[outcome.rel]
            prepared, error = outcome.prepared, outcome.error
            if prepared is not None and [tuple(e) for e in prepared.history] != \
                    [(v.label, v.date, v.stage) for v in writer.versions(p.slug)]:
                # An earlier version of this document failed: prepare again on what is stored.
                retry = prepare_task(_task(root, p, store, [v.earlier for v in writer.versions(p.slug)]))
                prepared, error = retry.prepared, retry.error
            if prepared is None:
                summary.failed.append((p.rel, error))
                reporter.skipped(p.rel, error)
                reporter.advance()
                continue
            try:
                version, created = writer.commit(prepared)
            except LawdiffError as exc:
                summary.failed.append((p.rel, str(exc)))
                reporter.skipped(p.rel, str(exc))
                reporter.advance()
                continue
            if created:
                summary.imported += 1
                touched.add(version.slug)
                reporter.imported(version, p.rel, p.warnings, [str(w) for w in prepared.warnings])
            else:
                summary.already += 1
            reporter.advance()
    summary.documents = len(touched)
    return summary


def _task(root: Path, p: Planned, store: Store, earlier: list[Earlier]) -> Task:
    meta = Meta(slug=p.slug, title=p.title, version=p.label, date=p.date, stage=p.stage,  # type: ignore[arg-type]
                category=p.category, source_name=p.rel.rsplit("/", 1)[-1])
    if p.country:
        meta.country = p.country
    return Task(p.rel, (root / p.rel).read_bytes(), meta, earlier, store.doc_path(p.slug), store.format,
                p.fmt, p.lang)


def _tasks(root: Path, planned: list[Planned], store: Store) -> Iterator[Task]:
    """Tasks in commit order, reading each file only when the executor asks for the next one."""
    for p in planned:
        yield _task(root, p, store, p.earlier)
