"""Law files in any git repository, read straight from git objects (no checkout).

This is not lawdiff's own repository format (`lawdiff.store.repository`): here a drafting
team keeps its bill as ordinary files (Markdown, DOCX, text…) in its own repository, and
`lawdiff diff --git BASE..HEAD` compares the law files a change touched.

- `open_repository()` finds the repository like git does (walking up from a directory);
- `resolve_range()` reads `BASE..HEAD`, `BASE...HEAD` (from the merge base, as in git) or
  a single `BASE` (against HEAD), with clear errors for unknown revisions and for shallow
  clones that lack the base commit;
- `changed_law_files()` lists the law files the change added, deleted, renamed (git's own
  rename detection, `Diff.find_similar`) or modified; `staged_law_files()` does the same
  for the index against HEAD (what a pre-commit hook sees);
- `read_side()` reads one side of one file from its blob, `parse_side()` parses it as
  `lawdiff parse` would (apart, so that parsing can run in other processes).

Which files are law files: by extension, or as a `.lawdiff.toml` at the repository's root
says (see `lawdiff.store.lawconfig` and docs/ci.md).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

import pygit2

from lawdiff.akn.load import parse_source
from lawdiff.errors import LawdiffError, NotALawError
from lawdiff.ingest.registry import read_bytes
from lawdiff.ingest.source import DEFAULT_MAX_BYTES
from lawdiff.model import Document, Meta
from lawdiff.store.lawconfig import CONFIG_NAME, LawConfig, LawSettings, load_config

FileStatus = Literal["added", "deleted", "modified", "renamed"]

_STATUS: dict[pygit2.enums.DeltaStatus, FileStatus] = {
    pygit2.enums.DeltaStatus.ADDED: "added",
    pygit2.enums.DeltaStatus.DELETED: "deleted",
    pygit2.enums.DeltaStatus.MODIFIED: "modified",
    pygit2.enums.DeltaStatus.RENAMED: "renamed",
    pygit2.enums.DeltaStatus.COPIED: "added",  # a copy is a new file; its source is unchanged
    pygit2.enums.DeltaStatus.TYPECHANGE: "modified",
}


@dataclass(frozen=True)
class Revision:
    """One side of a comparison: a commit, or the index (staged changes)."""

    name: str  # as the user wrote it: "main", "HEAD~1", "abc1234"; "index" for staged content
    commit: pygit2.Commit | None  # None for the index, or for a repository without commits
    tree: pygit2.Tree | None

    @property
    def short_id(self) -> str:
        return str(self.commit.id)[:12] if self.commit is not None else self.name

    @property
    def date(self) -> str:
        """The commit's date in its committer's time zone (YYYY-MM-DD); "" for the index."""
        if self.commit is None:
            return ""
        zone = datetime.timezone(datetime.timedelta(minutes=self.commit.commit_time_offset))
        return datetime.datetime.fromtimestamp(self.commit.commit_time, zone).date().isoformat()


@dataclass(frozen=True)
class RevisionRange:
    base: Revision
    head: Revision
    spec: str  # as given: "main...HEAD"
    merge_base: bool  # BASE...HEAD: base is the merge base of the two


@dataclass(frozen=True)
class FileChange:
    """One law file the change touched: old side, new side, or both."""

    status: FileStatus
    old_path: str | None  # None when added
    new_path: str | None  # None when deleted
    old_blob: str | None  # blob ids (hex)
    new_blob: str | None
    similarity: int  # git's rename similarity (0-100); 100 for plain modifications
    settings: LawSettings
    explicit: bool  # named by a PATH argument or by .lawdiff.toml (not found by extension)

    @property
    def path(self) -> str:
        return self.new_path or self.old_path or ""


def open_repository(start: str | Path = ".") -> pygit2.Repository:
    """The git repository holding `start` (walking up, like git)."""
    found = pygit2.discover_repository(str(start))
    if found is None:
        raise LawdiffError(f"{start}: not inside a git repository (--git compares revisions of one)")
    return pygit2.Repository(found)


def _fetch_hint(repo: pygit2.Repository, name: str) -> str:
    if not repo.is_shallow:
        return ""
    return (f"; this is a shallow clone, so the base commit may not have been fetched: run "
            f"`git fetch --unshallow` (or `git fetch origin {name}`), or check out with `fetch-depth: 0` "
            f"(GitHub) / `GIT_DEPTH: 0` (GitLab)")


def resolve(repo: pygit2.Repository, name: str) -> Revision:
    """A revision as git names it (branch, tag, `HEAD~2`, abbreviated id), peeled to a commit."""
    try:
        obj = repo.revparse_single(name)
        commit = obj.peel(pygit2.Commit)
    except (KeyError, ValueError, pygit2.GitError, pygit2.InvalidSpecError):
        raise LawdiffError(f"no revision {name!r} in {_where(repo)}{_fetch_hint(repo, name)}") from None
    return Revision(name, commit, commit.tree)


def _where(repo: pygit2.Repository) -> str:
    return str(Path(repo.workdir or repo.path).resolve())


def resolve_range(repo: pygit2.Repository, spec: str) -> RevisionRange:
    """`BASE..HEAD`, `BASE...HEAD` (from their merge base), or `BASE` alone (against HEAD).

    An empty side means HEAD, as in git (`main..` is `main..HEAD`).
    """
    spec = spec.strip()
    if not spec:
        raise LawdiffError("--git needs a revision range: BASE..HEAD, BASE...HEAD or BASE")
    merge_base = "..." in spec
    base_name, sep, head_name = spec.partition("..." if merge_base else "..")
    base_name, head_name = base_name or "HEAD", (head_name or "HEAD") if sep else "HEAD"
    if ".." in head_name:
        raise LawdiffError(f"invalid revision range {spec!r}: use BASE..HEAD, BASE...HEAD or BASE")
    base, head = resolve(repo, base_name), resolve(repo, head_name)
    if merge_base:
        assert base.commit is not None and head.commit is not None
        try:
            common = repo.merge_base(base.commit.id, head.commit.id)
        except pygit2.GitError:
            common = None
        if common is None:
            raise LawdiffError(f"{base_name} and {head_name} have no common ancestor in {_where(repo)}"
                               f"{_fetch_hint(repo, base_name)}")
        commit = repo[common].peel(pygit2.Commit)
        base = Revision(f"merge-base({base_name}, {head_name})", commit, commit.tree)
    return RevisionRange(base, head, spec, merge_base)


def head_revision(repo: pygit2.Repository) -> Revision:
    """HEAD, or an empty side in a repository without commits yet."""
    if repo.head_is_unborn:
        return Revision("HEAD", None, None)
    return resolve(repo, "HEAD")


def staged_range(repo: pygit2.Repository) -> RevisionRange:
    """HEAD against the index: what `git commit` would record."""
    return RevisionRange(head_revision(repo), Revision("index", None, None), "HEAD..index", False)


def _config_at(repo: pygit2.Repository, revision: Revision) -> LawConfig:
    """`.lawdiff.toml` as it stands at `revision` (the index for staged changes)."""
    blob: pygit2.Object | None = None
    if revision.tree is not None:
        blob = revision.tree[CONFIG_NAME] if CONFIG_NAME in revision.tree else None
    elif revision.name == "index" and CONFIG_NAME in repo.index:
        blob = repo[repo.index[CONFIG_NAME].id]
    data = blob.data if isinstance(blob, pygit2.Blob) else None
    return load_config(data, f"{CONFIG_NAME} at {revision.name}")


def _deltas(repo: pygit2.Repository, span: RevisionRange) -> pygit2.Diff:
    flags = pygit2.enums.DiffOption.NORMAL
    if span.head.name == "index":
        repo.index.read()
        if span.base.tree is None:  # no commit yet: everything staged is added (against
            # git's empty tree, an object with the same id in every repository)
            diff = repo.index.diff_to_tree(repo[repo.TreeBuilder().write()], flags=flags)
        else:
            diff = repo.index.diff_to_tree(span.base.tree, flags=flags)
        # index.diff_to_tree reads as tree -> index already (old = tree side).
    else:
        assert span.base.tree is not None and span.head.tree is not None
        diff = span.base.tree.diff_to_tree(span.head.tree, flags=flags)  # base -> head
    diff.find_similar(flags=pygit2.enums.DiffFind.FIND_RENAMES)
    return diff


def changed_law_files(repo: pygit2.Repository, span: RevisionRange,
                      paths: tuple[str, ...] = ()) -> list[FileChange]:
    """The law files `span` added, deleted, renamed or modified, in path order.

    `paths` (files or folders, relative to the repository root) narrows the search; a file
    named there by itself is strict: if it turns out not to be a law, that is an error.
    """
    config = _config_at(repo, span.head)
    wanted = tuple(_normalise_path(repo, p) for p in paths)
    out: list[FileChange] = []
    for delta in _deltas(repo, span).deltas:
        status = _STATUS.get(delta.status)
        if status is None:  # unmodified, ignored, untracked, conflicted: nothing to compare
            continue
        old_path = delta.old_file.path if status != "added" else None
        new_path = delta.new_file.path if status != "deleted" else None
        path = new_path or old_path or ""
        if wanted and not any(_under(p, w) for w in wanted for p in (old_path, new_path) if p):
            continue
        settings = config.settings_for(path) or (config.settings_for(old_path) if old_path else None)
        if settings is None:
            continue
        # A file named by itself is named as a law; one found inside a named folder is not.
        explicit = settings.explicit or any(p == w for w in wanted for p in (old_path, new_path) if p)
        out.append(FileChange(
            status, old_path, new_path,
            str(delta.old_file.id) if old_path else None, str(delta.new_file.id) if new_path else None,
            delta.similarity if status == "renamed" else 100, settings, explicit))
    out.sort(key=lambda c: c.path)
    return out


def _normalise_path(repo: pygit2.Repository, path: str) -> str:
    """A PATH argument as a path inside the repository (relative to the working directory)."""
    if repo.workdir:
        root = Path(repo.workdir).resolve()
        absolute = (Path.cwd() / path).resolve()
        try:
            return absolute.relative_to(root).as_posix() if absolute != root else ""
        except ValueError:
            raise LawdiffError(f"{path}: outside the repository {root}") from None
    return PurePosixPath(path).as_posix()


def _under(path: str, wanted: str) -> bool:
    return not wanted or path == wanted or path.startswith(wanted.rstrip("/") + "/")


@dataclass(frozen=True)
class Side:
    """One side of one changed file: its bytes and names only, so that it can be parsed in
    another process."""

    path: str
    data: bytes
    revision: str  # as named, for messages: "HEAD~1", "index"
    version: str  # the version's label ("" : from the text, as `diff FILE_A FILE_B`)
    date: str  # "" : from the text


def read_side(repo: pygit2.Repository, change: FileChange, side: Literal["old", "new"], revision: Revision,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Side | None:
    """The bytes of one side of a changed file (None for the missing side of an added or
    deleted file), named as `.lawdiff.toml`'s `version` asks:
    "text": from the text, like `diff FILE_A FILE_B`; "commit": the short commit id and the
    commit's date; "ref": the revision as given."""
    path = change.old_path if side == "old" else change.new_path
    blob_id = change.old_blob if side == "old" else change.new_blob
    if path is None or blob_id is None:
        return None
    blob = repo[blob_id]
    if not isinstance(blob, pygit2.Blob):
        raise LawdiffError(f"{path} at {revision.name}: not a file (a submodule or a folder)")
    if blob.size > max_bytes:
        raise LawdiffError(f"{path} at {revision.name}: {blob.size} bytes is over the limit of {max_bytes}")
    version = date = ""
    if change.settings.version == "commit" and revision.commit is not None:
        version, date = revision.short_id, revision.date
    elif change.settings.version == "ref":
        version = revision.name
    return Side(path, blob.data, revision.name, version, date)


def parse_side(side: Side, settings: LawSettings) -> Document:
    """One side of a changed file parsed as `lawdiff parse FILE` would; errors name the path
    and the revision."""
    name = PurePosixPath(side.path).name
    meta = Meta(slug=settings.slug or "", title=settings.title or "", version=side.version, date=side.date)
    if settings.stage:
        meta.stage = settings.stage  # type: ignore[assignment]
    where = f"{side.path} at {side.revision}"
    try:
        return parse_source(read_bytes(side.data, name, settings.format), meta, settings.lang)
    except NotALawError as exc:
        raise NotALawError(f"{where}: {_without_name(str(exc), name)}") from None
    except LawdiffError as exc:
        raise LawdiffError(f"{where}: {_without_name(str(exc), name)}") from None


def _without_name(message: str, name: str) -> str:
    """A reader's message starts with the file name; the caller says `path at REV` instead."""
    return message[len(name) + 2:] if message.startswith(name + ": ") else message
