"""Building the site: plan pages and their keys, render what changed, index, record.

Keys are made from ids the repository already has (blob and commit ids), the theme's
hash and lawdiff's own code, so a build decides what to redo without computing a
single diff.  A document is rebuilt in one worker process when any of its pages is
out of date; documents are spread over the machine's cores.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import traceback
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator

from lawdiff import __version__
from lawdiff.amend.planner import instrument_text
from lawdiff.compare.differ import compare
from lawdiff.compare.docx import render_redline, render_table
from lawdiff.compare.formats import render as render_diff
from lawdiff.store.executor import Executor, InlineExecutor, make_executor
from lawdiff.store.lock import one_build_per_folder
from lawdiff.store.repository import Store
import lawdiff.site.cache as cache
import lawdiff.site.fulltext as fulltext
import lawdiff.site.history as history
import lawdiff.site.i18n as i18n
import lawdiff.site.pages as pages
import lawdiff.site.search as search
import lawdiff.site.urls as urls
from lawdiff.site.cache import Manifest, PageRecord, key_of
from lawdiff.site.inputs import DocInfo, read_inputs
from lawdiff.site.pages import Renderer, SiteOptions
from lawdiff.site.theme import Theme

Progress = Callable[[int, int], None]  # (done, total)
CHECKPOINT_SECONDS = 30.0  # how often a long build records what it has built so far


@dataclass(frozen=True)
class DocFailure:
    """A document whose pages could not be built: named in the report, its pages left out."""

    slug: str
    title: str
    error: str  # the exception's type and message, and where it was raised


@dataclass
class BuildReport:
    written: int = 0  # pages whose bytes changed on disk
    kept: int = 0  # pages whose inputs had not changed (not rendered)
    same: int = 0  # pages rendered again, identical bytes (not rewritten)
    removed: int = 0
    documents_rebuilt: int = 0
    failed: list[DocFailure] = field(default_factory=list)  # documents left out of the site
    search: str = "off"  # "built", "unchanged", "off"
    pages: int = 0
    written_paths: list[str] = field(default_factory=list)


def code_digest() -> str:
    """lawdiff's version and the hash of its code: a new lawdiff rebuilds every page."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def site_lang(docs: list[DocInfo]) -> str:
    """The interface language of pages about every document: the most common, ties by name."""
    counts = Counter(i18n.ui_lang(d.lang) for d in docs)
    if not counts:
        return "en"
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _versions_json(doc: DocInfo, upto: int | None = None) -> list[list[Any]]:
    """The versions' metadata and ids as plain lists: the key material of pages that show them."""
    return [[v.n, v.label, v.date, v.stage, v.title, v.articles, v.tag, v.commit, v.blob, v.category]
            for v in doc.versions[: upto if upto is not None else len(doc.versions)]]


@dataclass
class DocPlan:
    """The pages of one document whose paths are known before any diff, with their keys."""

    doc: DocInfo
    doc_key: str  # document page and article histories: every version
    pages: dict[str, tuple[str, str, tuple[int, ...]]]  # path -> (key, kind, args)

    def step_keys(self, digest: str) -> list[str]:
        vs = self.doc.versions
        return [key_of(digest, "summary", vs[i].blob, vs[i + 1].blob, self.doc.lang) for i in range(len(vs) - 1)]


# The diff of each compared pair as a file to download: extension -> `lawdiff diff --format`.
DIFF_FILES = {"json": "json", "md": "markdown"}


def plan_document(doc: DocInfo, common: str) -> DocPlan:
    doc_key = key_of(common, "doc", doc.slug, doc.lang, _versions_json(doc))
    multi = len(doc.versions) > 1
    planned: dict[str, tuple[str, str, tuple[int, ...]]] = {urls.doc(doc.slug): (doc_key, "doc", ())}
    for v in doc.versions:
        # A version's page depends on it and the versions before it (for history links), never later ones.
        key = key_of(common, "version", doc.slug, doc.lang, _versions_json(doc, v.n), multi)
        planned[urls.version(doc.slug, v.n)] = (key, "version", (v.n,))
        planned[urls.version_xml(doc.slug, v.n)] = (key_of(common, "xml", v.blob), "xml", (v.n,))
    for a, b in doc.pairs():
        key = key_of(common, "pair", doc.slug, doc.lang, _versions_json(doc, b))
        planned[urls.compare(doc.slug, a, b)] = (key, "compare", (a, b))
        planned[urls.table(doc.slug, a, b)] = (key, "table", (a, b))
        planned[urls.compare_docx(doc.slug, a, b)] = (key, "compare-docx", (a, b))
        planned[urls.table_docx(doc.slug, a, b)] = (key, "table-docx", (a, b))
        for ext in DIFF_FILES:
            planned[urls.diff_file(doc.slug, a, b, ext)] = (key, ext, (a, b))
    return DocPlan(doc, doc_key, planned)


@dataclass
class DocJob:
    repo: str
    out: str
    theme_dirs: tuple[str, ...]
    options: SiteOptions
    plan: DocPlan
    old: dict[str, PageRecord]  # the document's records from the last build
    step_keys: list[str]


@dataclass
class DocOutput:
    slug: str
    records: dict[str, PageRecord]
    summaries: dict[str, Any]  # step key -> summary
    written: list[str]
    same: int = 0
    kept: int = 0


def build_document(job: DocJob) -> DocOutput:
    """Render one document's out-of-date pages (runs in a worker process)."""
    store = Store(job.repo)
    renderer = Renderer(Theme(tuple(Path(d) for d in job.theme_dirs)), job.options)
    doc, out = job.plan.doc, Path(job.out)
    loaded: dict[int, tuple[Any, dict[int, str]]] = {}
    main_xml = f"{store.doc_path(doc.slug)}/main.xml"

    def load(n: int) -> tuple[Any, dict[int, str]]:
        """Version n's Document and stored eIds, parsed once for both diffs and its full text."""
        if n not in loaded:
            loaded[n] = fulltext.load(store.blob(doc.versions[n - 1].blob, main_xml))
        return loaded[n]

    def document(n: int) -> Any:
        return load(n)[0]

    diffs: dict[tuple[int, int], Any] = {}

    def diff(a: int, b: int) -> Any:
        if (a, b) not in diffs:
            diffs[(a, b)] = compare(document(a), document(b))
        return diffs[(a, b)]

    def instrument(a: int, b: int) -> str:
        """The amending instrument that turns version a into b, shown beside the redline."""
        if not diff(a, b).has_differences:
            return ""
        return instrument_text(diff(a, b), i18n.instrument_style(document(a).meta.lang), document(a), document(b))

    n = len(doc.versions)
    steps = [diff(k, k + 1) for k in range(1, n)]
    # keys[k-1][i]: the root (permanent name) of the i-th article of version k's lineage; pages
    # of version k and its comparisons link by it, so they never change when later versions arrive.
    keys = history.roots(steps)
    lineages = history.lineages(steps)
    lang = pages.doc_lang(doc)
    summaries = [i18n.summary(step, lang) for step in steps]
    output = DocOutput(doc.slug, {}, dict(zip(job.step_keys, summaries)), [])

    def emit(path: str, key: str, render: Callable[[], bytes]) -> None:
        output.records[path], outcome = cache.emit(out, path, key, render, job.old.get(path), doc.slug)
        _tally(outcome, path, output.written, output)

    # Each page's render function binds this iteration's values with `partial` (not a lambda's
    # default arguments, which mypy cannot type as the Callable[[], bytes] that emit takes).
    for path, (key, kind, args) in sorted(job.plan.pages.items()):
        if kind == "doc":
            emit(path, key, lambda: pages.doc_page(renderer, doc, summaries, lineages,
                                                   [document(k).warnings for k in range(1, n + 1)]))
        elif kind == "version":
            emit(path, key, partial(lambda k: pages.version_page(renderer, doc, k, *load(k),
                                                                 keys[k - 1] if keys else None), args[0]))
        elif kind == "compare-docx":
            emit(path, key, partial(lambda a, b: render_redline(diff(a, b)), args[0], args[1]))
        elif kind == "table-docx":
            emit(path, key, partial(lambda a, b: render_table(diff(a, b)), args[0], args[1]))
        elif kind == "xml":  # the stored bytes themselves
            emit(path, key, partial(lambda k: store.blob(doc.versions[k - 1].blob, main_xml), args[0]))
        elif kind in DIFF_FILES:
            a, b = args
            emit(path, key, partial(lambda a, b, kind: render_diff(diff(a, b), DIFF_FILES[kind]).encode("utf-8"),
                                    a, b, kind))
        else:
            a, b = args
            emit(path, key, partial(lambda a, b, kind: pages.compare_page(
                renderer, doc, a, b, diff(a, b), keys[a - 1], keys[b - 1], table=kind == "table",
                instrument="" if kind == "table" else instrument(a, b)), a, b, kind))
    for lineage in lineages:
        emit(urls.article(doc.slug, lineage.name), job.plan.doc_key,
             partial(lambda lineage: pages.article_page(renderer, doc, lineage), lineage))
    for old_name, target in history.redirects(lineages).items():
        emit(urls.article(doc.slug, old_name), job.plan.doc_key,
             partial(lambda old_name, target: pages.redirect_page(
                 renderer, doc, urls.article(doc.slug, old_name), urls.article(doc.slug, target)), old_name, target))
    return output


def build_document_safely(job: DocJob) -> DocOutput | DocFailure:
    """`build_document`, with any error of one document returned as a value (the others go on)."""
    try:
        return build_document(job)
    except Exception as exc:  # noqa: BLE001 - any internal error of one document must not stop the rest
        frames = traceback.extract_tb(exc.__traceback__)
        where = ""
        if frames:
            last = frames[-1]
            where = f" ({Path(last.filename).name}:{last.lineno} in {last.name})"
        return DocFailure(job.plan.doc.slug, job.plan.doc.title, f"{type(exc).__name__}: {exc}{where}")


def _clean(plan: DocPlan, records: dict[str, PageRecord], old: Manifest, out: Path,
           step_keys: list[str]) -> dict[str, PageRecord] | None:
    """The document's old records when nothing of it changed, else None."""
    for path, (key, _kind, _args) in plan.pages.items():
        record = records.get(path)
        if record is None or record.key != key or not (out / path).is_file():
            return None
    articles = {p: r for p, r in records.items() if p not in plan.pages}
    if len(plan.doc.versions) > 1 and not articles:
        return None
    for path, record in articles.items():
        if record.key != plan.doc_key or not (out / path).is_file():
            return None
    if any(k not in old.summaries for k in step_keys):
        return None
    return records


@one_build_per_folder
def build_site(repo: str | Path | None, out: str | Path, *, base_url: str = "", theme: str | Path | None = None,
               title: str | None = None, lang: str | None = None, jobs: int | None = None,
               scheduler: str | None = None, search_index: bool = True, search_shard_size: int = 8,
               progress: Progress | None = None, checkpoint_seconds: float = CHECKPOINT_SECONDS) -> BuildReport:
    """Build (or bring up to date) the site of `repo` in `out`.

    The documents' pages are built on an executor (`jobs` local processes, or the Dask
    cluster at `scheduler`); a document that fails is named in `report.failed` and left out,
    the others are built.  The manifest is written before the first page and again every
    `checkpoint_seconds`, so an interrupted build leaves a folder the next build reuses.
    """
    store = Store(repo)
    out = Path(out)
    cache.check_output(out)
    out.mkdir(parents=True, exist_ok=True)
    docs = read_inputs(store)
    theme_obj = Theme.load(theme)
    options = SiteOptions(title=title or "lawdiff", base_url=base_url.rstrip("/"),
                          lang=lang or site_lang(docs), search=search_index)
    digest = code_digest()
    common = key_of(digest, theme_obj.digest(), asdict(options))
    old = Manifest.read(out)
    old.write(out)  # from here on the folder is a lawdiff site, even if this build never ends
    new = Manifest()
    report = BuildReport()

    plans = [plan_document(d, common) for d in docs]
    by_group: dict[str, dict[str, PageRecord]] = {}
    for path, record in old.pages.items():
        by_group.setdefault(record.group, {})[path] = record
    todo: list[DocJob] = []
    for plan in plans:
        step_keys = plan.step_keys(digest)
        records = by_group.get(plan.doc.slug, {})
        kept = _clean(plan, records, old, out, step_keys)
        if kept is not None:
            new.pages.update(kept)
            report.kept += len(kept)
            for k in step_keys:
                new.summaries[k] = old.summaries[k]
            continue
        todo.append(DocJob(str(store.root), str(out), tuple(str(d) for d in theme_obj.dirs), options, plan,
                           records, step_keys))

    total = len(todo) + 1
    if progress:
        progress(0, total)
    failed: set[str] = set()
    last_checkpoint = time.monotonic()
    for i, result in enumerate(_run(todo, jobs, scheduler), start=1):
        if isinstance(result, DocFailure):
            report.failed.append(result)
            failed.add(result.slug)
            _remove_document(out, result.slug, old)
        else:
            new.pages.update(result.records)
            new.summaries.update(result.summaries)
            report.written_paths += result.written
            report.same += result.same
            report.kept += result.kept
            report.documents_rebuilt += 1
        if time.monotonic() - last_checkpoint >= checkpoint_seconds:
            _checkpoint(out, old, new, failed)
            last_checkpoint = time.monotonic()
        if progress:
            progress(i, total)

    # Pages about every document, from the summaries (cached or fresh); failed documents left out.
    listed = [d for d in docs if d.slug not in failed]
    listed_plans = [p for p in plans if p.doc.slug not in failed]
    by_slug: dict[str, list[dict[str, Any]]] = {
        p.doc.slug: [new.summaries[k] for k in p.step_keys(digest)] for p in listed_plans}
    renderer = Renderer(theme_obj, options)
    site_key = key_of(common, "site", [(d.slug, d.lang, _versions_json(d)) for d in listed])
    site_pages: dict[str, Callable[[], bytes]] = {
        urls.INDEX: lambda: pages.index_page(renderer, listed, by_slug),
        urls.CHANGELOG: lambda: pages.changelog_page(renderer, listed, by_slug),
        urls.FEED: lambda: pages.feed(renderer, listed, by_slug),
    }
    # Shards from every document, failed or not: one failure never moves the others' shards.
    groups = search.shards([d.slug for d in docs], search_shard_size) if options.search else {}
    shard_names = list(groups)
    for path, render in site_pages.items():
        _emit_site(out, path, site_key, render, old, new, report)
    if options.search:  # its only input besides the theme: which search shards exist
        _emit_site(out, urls.SEARCH, key_of(common, "search", shard_names),
                   lambda: pages.search_page(renderer, shard_names), old, new, report)
    for name, source in theme_obj.files("assets").items():
        data = source.read_bytes()
        _emit_site(out, urls.asset(name), cache.sha256(data), partial(bytes, data), old, new, report)

    for path in sorted(set(old.pages) - set(new.pages)):
        cache.remove_page(out, path)
        report.removed += 1
    # The pages are final; the search index comes next (its shards still under their old keys).
    _checkpoint(out, Manifest(search=old.search), new, failed)

    if options.search:
        report.search = _index(out, groups, options.lang, jobs, old, new)
    else:
        shutil.rmtree(out / search.OUTPUT, ignore_errors=True)
    new.write(out)
    report.written = len(report.written_paths)
    report.pages = len(new.pages)
    if progress:
        progress(total, total)
    return report


def _checkpoint(out: Path, old: Manifest, new: Manifest, failed: set[str]) -> None:
    """Write the manifest of the pages on disk now: the last build's, updated by what this one built.

    A page rewritten by an unfinished document still carries its old key, so the next build
    renders it again; a page whose key matches has the bytes its record says.
    """
    pages_now = {p: r for p, r in old.pages.items() if r.group not in failed}
    pages_now.update(new.pages)
    Manifest(pages_now, {**old.summaries, **new.summaries}, dict(old.search)).write(out)


def _remove_document(out: Path, slug: str, old: Manifest) -> None:
    """Take a failed document's pages out of the site: the ones of earlier builds and any half-written."""
    for path, record in old.pages.items():
        if record.group == slug:
            cache.remove_page(out, path)
    folder = out / Path(urls.doc(slug)).parent
    if folder.is_dir():
        shutil.rmtree(folder)


def _index(out: Path, groups: dict[str, list[str]], lang: str, jobs: int | None, old: Manifest,
           new: Manifest) -> str:
    """Re-index the search shards whose pages changed; drop shards that no longer exist."""
    by_doc: dict[str, list[tuple[str, str]]] = {}
    for path, record in sorted(new.pages.items()):
        if urls.searchable(path):
            by_doc.setdefault(path.split("/")[1], []).append((path, record.sha256))
    engine = search.version()
    todo: dict[str, list[str]] = {}
    for name, slugs in groups.items():
        pages_of = [by_doc.get(slug, []) for slug in slugs]
        new.search[name] = key_of(engine, search.INDEX_SCHEME, lang, slugs, pages_of)
        bundle = out / search.OUTPUT / name / "pagefind-entry.json"
        if old.search.get(name) != new.search[name] or not bundle.is_file():
            todo[name] = [path for doc_pages in pages_of for path, _ in doc_pages]
    search.remove_other_shards(out, set(groups))
    search.build_shards(out, todo, lang, jobs or os.cpu_count() or 1)
    return f"{len(todo)} of {len(groups)} shard(s) indexed"


def _emit_site(out: Path, path: str, key: str, render: Callable[[], bytes], old: Manifest, new: Manifest,
               report: BuildReport) -> None:
    new.pages[path], outcome = cache.emit(out, path, key, render, old.pages.get(path), group="")
    _tally(outcome, path, report.written_paths, report)


def _tally(outcome: str, path: str, written: list[str], counts: DocOutput | BuildReport) -> None:
    """Count a page by what `cache.emit` did with it: written (listed), kept, or rendered the same."""
    if outcome == "written":
        written.append(path)
    elif outcome == "kept":
        counts.kept += 1
    else:
        counts.same += 1


def _run(todo: list[DocJob], jobs: int | None, scheduler: str | None) -> Iterator[DocOutput | DocFailure]:
    """Yield each document's output (or failure) from the executor: processes, a Dask cluster, or inline.

    The executor keeps a few documents in flight per worker and hands results back one by
    one, so the build holds a bounded number of documents' outputs (never every diff).
    """
    if not todo:
        return
    # Biggest documents first, so no worker idles at the end waiting on one large law.
    ordered = sorted(todo, key=lambda j: (-sum(v.articles for v in j.plan.doc.versions), j.plan.doc.slug))
    executor: Executor = InlineExecutor() if len(todo) == 1 and not scheduler else make_executor(jobs, scheduler)
    try:
        yield from executor.map(build_document_safely, ordered, chunk=1)
    finally:
        executor.close()
