"""Many law files at once: the comparison of every law file a git change touched.

`diff_revisions(repo, span, paths)` reads each changed law file at both revisions straight
from git objects (`lawdiff.store.gitfiles`) and compares the two sides exactly as
`lawdiff diff FILE_A FILE_B` does, so that each file's `DiffResult` is the one the file
comparison gives.  An added file is compared with nothing (every article added), a deleted
one with nothing on the other side (every article removed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygit2

from lawdiff.compare.differ import compare
from lawdiff.compare.result import DiffResult
from lawdiff.errors import NotALawError
from lawdiff.model import Document, Meta
from lawdiff.store.executor import default_jobs, make_executor
from lawdiff.store.gitfiles import (FileChange, FileStatus, RevisionRange, Side, changed_law_files, parse_side,
                                    read_side)

NO_FILE = "/dev/null"  # the missing side of an added or deleted file, named as git names it


@dataclass
class FileDiff:
    """One changed law file: where it was and is, and how its articles changed."""

    path: str  # the new path (the old one for a deleted file)
    old_path: str | None
    status: FileStatus
    similarity: int  # git's rename similarity, 0-100
    result: DiffResult | None  # None when the file was passed over
    skipped: str = ""  # why it was passed over (found by extension, but not a law text)
    old: Document | None = field(default=None, repr=False)  # the parsed sides, for `check`
    new: Document | None = field(default=None, repr=False)

    @property
    def has_differences(self) -> bool:
        """diff(1) semantics per file: added, deleted and renamed files differ; a modified
        one differs when its articles do (formatting-only changes do not count)."""
        if self.result is None:
            return False
        return self.status != "modified" or self.result.has_differences


@dataclass
class FilesDiff:
    base: str  # the revisions as named: "main", "merge-base(main, HEAD)", "index"
    base_id: str  # full commit id ("" for the index or an empty repository)
    head: str
    head_id: str
    files: list[FileDiff]

    @property
    def has_differences(self) -> bool:
        return any(f.has_differences for f in self.files)

    @property
    def compared(self) -> list[FileDiff]:
        return [f for f in self.files if f.result is not None]


def _absent(like: Document) -> Document:
    """The missing side of an added or deleted file: no articles, the other side's identity."""
    meta = Meta(slug=like.meta.slug, lang=like.meta.lang, country=like.meta.country,
                stage=like.meta.stage, source_format=like.meta.source_format, source_name=NO_FILE)
    return Document(meta)


def diff_sides(change: FileChange, old_side: Side | None, new_side: Side | None) -> FileDiff:
    """Parse both sides of one changed file and compare them (runs in a worker process)."""
    try:
        old = parse_side(old_side, change.settings) if old_side is not None else None
        new = parse_side(new_side, change.settings) if new_side is not None else None
    except NotALawError:
        if change.explicit:
            raise
        return FileDiff(change.path, change.old_path, change.status, change.similarity, None,
                        skipped="no article found: not a law text")
    old_doc = old if old is not None else _absent(new)  # type: ignore[arg-type]
    new_doc = new if new is not None else _absent(old)  # type: ignore[arg-type]
    result = compare(old_doc, new_doc)
    return FileDiff(change.path, change.old_path, change.status, change.similarity, result, old=old, new=new)


def _diff_job(job: tuple[FileChange, Side | None, Side | None]) -> FileDiff:
    return diff_sides(*job)


def diff_revisions(repo: pygit2.Repository, span: RevisionRange, paths: tuple[str, ...] = (),
                   jobs: int = 0) -> FilesDiff:
    """Every changed law file between the two sides of `span`, in path order.

    Files are parsed and compared in `jobs` processes (0: one per available CPU; the store's
    executor), largest first so that no worker is left with a big law at the end; the result
    does not depend on the number of processes.
    """
    work = [(change, read_side(repo, change, "old", span.base), read_side(repo, change, "new", span.head))
            for change in changed_law_files(repo, span, paths)]
    work.sort(key=lambda job: -sum(len(side.data) for side in job[1:] if side is not None))
    executor = make_executor(max(1, min(jobs or default_jobs(), len(work))))
    try:
        # One file a task: a whole law takes 0.1-2 s, so chunks would only unbalance the workers.
        files = list(executor.map(_diff_job, work, chunk=1))
    finally:
        executor.close()
    files.sort(key=lambda f: f.path)
    return FilesDiff(span.base.name, str(span.base.commit.id) if span.base.commit is not None else "",
                     span.head.name, str(span.head.commit.id) if span.head.commit is not None else "", files)
