"""The git store: one commit per version, refs moved last (see docs/format.md).

Layout (format version 2; format 1 had no <fan-out>/ level and is still read and written):
    lawdiff.json                      marks the repository and its format version
    <fan-out>/<slug>/main.xml         the version's Akoma Ntoso XML
    <fan-out>/<slug>/versions.json    every version so far: label, date, stage, title, source, sha256
    <fan-out>/<slug>/source.<ext>     the input exactly as imported (bytes)
<fan-out> is the first two hex digits of sha256(slug): 256 folders, so that a commit writes a
small root tree however many documents there are (see `doc_path`).
Commits are built in memory with pygit2 from fixed signatures (time = the version's
date), so the same imports in the same order give the same ids in any clone.
"""

from __future__ import annotations

import calendar
import contextlib
import hashlib
import json
import os
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pygit2
from pygit2.enums import ObjectType, SortMode

import lawdiff.akn.reader as reader
from lawdiff.errors import LawdiffError
from lawdiff.model import Document
from lawdiff.store.lock import exclusive
from lawdiff.store.prepare import Earlier, Prepared, prepare as prepare_version

FORMAT = {"format": "lawdiff-repository", "version": 2}
READABLE_FORMATS = (1, 2)
FANOUT_FROM = 2  # the first format version with fan-out folders
MARKER = "lawdiff.json"
BRANCH = "main"
INIT_TIME = 946_684_800  # 2000-01-01T00:00:00Z: a fixed time keeps the root commit's id stable
GIT_LOCK_GRACE = 2.0  # seconds a git `.lock` file may live before it counts as left by a dead writer
OFFSETS = {"cn": 480, "de": 60, "eu": 60, "us": -300}  # minutes east of UTC, for commit dates


@dataclass
class Version:
    slug: str
    label: str
    date: str
    stage: str
    title: str
    source: str  # path of the stored input inside the repository
    sha256: str
    articles: int
    tag: str = ""
    category: str = ""  # format 2: where the document is filed ("行政法规"); written only when set

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "label": self.label, "date": self.date, "stage": self.stage, "title": self.title,
            "source": self.source, "sha256": self.sha256, "articles": self.articles, "tag": self.tag}
        if self.category:
            data["category"] = self.category
        return data

    @property
    def earlier(self) -> Earlier:
        return Earlier(self.label, self.date, self.stage)


def _signature(date: str, country: str) -> pygit2.Signature:
    year, month, day = (int(x) for x in date.split("-"))
    offset = OFFSETS.get(country.split("-")[0], 0)
    epoch = calendar.timegm((year, month, day, 0, 0, 0)) - offset * 60
    return pygit2.Signature("lawdiff", "lawdiff@localhost", max(epoch, 0), offset)


MAX_REF_PART_BYTES = 120


def safe_ref_part(label: str) -> str:
    """A version label as one valid, readable component of a git ref name."""
    text = unicodedata.normalize("NFKC", label).strip()
    text = re.sub(r"[\s~^:?*\[\\\x00-\x1f\x7f/]+", "-", text)
    text = re.sub(r"\.{2,}", ".", text).replace("@{", "-").strip(".-")
    if text.endswith(".lock"):
        text = text[: -len(".lock")]
    # A loose ref is a file: its name (plus ".lock" while written) must fit the 255-byte
    # limit of common file systems, or the tag fails after `main` has already moved.
    if len(text.encode("utf-8")) > MAX_REF_PART_BYTES:
        text = text.encode("utf-8")[:MAX_REF_PART_BYTES].decode("utf-8", "ignore")
        text = text.rstrip(".-")
        if text.endswith(".lock"):
            text = text[: -len(".lock")]
    return text or "version"


def _reason(exc: BaseException, where: str | None = None) -> str:
    """An OS or libgit2 error as a short phrase ("No space left on device").

    libgit2 does not always say why a write failed (a blob cut short on a full disk shows
    up later as "object not found"), so a nearly full disk at `where` is named outright.
    """
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    reason = str(exc) or type(exc).__name__
    if where is not None:
        with contextlib.suppress(OSError):
            stat = os.statvfs(where)
            if stat.f_bavail * stat.f_frsize < 256 * 1024 and "space" not in reason:
                return f"No space left on device? {reason}"
    return reason


def find_repository(start: str | Path | None) -> Path:
    """The repository holding `start` (walking up like git), or `start` itself."""
    path = Path(start or os.getcwd()).resolve()
    found = pygit2.discover_repository(str(path))
    if not found:
        raise LawdiffError(f"{path}: not inside a git repository (run `lawdiff init DIR` or pass --repo)")
    try:
        repo = pygit2.Repository(found)
    except pygit2.GitError as exc:
        raise LawdiffError(f"{found}: cannot open the repository (damaged? {exc})") from None
    return Path(repo.workdir or repo.path)


def fanout(slug: str) -> str:
    """The fan-out folder of a document (format 2): two hex digits of sha256(slug)."""
    return hashlib.sha256(slug.encode("utf-8")).hexdigest()[:2]


def _check_format(root: Path, marker: bytes) -> int:
    """Refuse a repository whose lawdiff.json this lawdiff does not understand (never write into it)."""
    try:
        data = json.loads(marker)
        kind, version = data.get("format"), data.get("version")
    except (ValueError, AttributeError):
        raise LawdiffError(f"{root}: {MARKER} is damaged (not the JSON lawdiff writes)") from None
    if kind != FORMAT["format"] or not isinstance(version, int):
        raise LawdiffError(f"{root}: {MARKER} does not describe a lawdiff repository")
    if version not in READABLE_FORMATS:
        raise LawdiffError(f"{root}: repository format {version}; this lawdiff reads and writes formats "
                           f"{', '.join(map(str, READABLE_FORMATS))} only (use a lawdiff that knows format {version})")
    return version


def _named(tree: pygit2.Tree) -> Iterator[tuple[str, pygit2.Object]]:
    """A folder's entries with their names (pygit2 types `name` optional: an object read from a
    tree always has one)."""
    for entry in tree:
        assert entry.name is not None, f"{tree.id}: an entry without a name"
        yield entry.name, entry


class Store:
    def __init__(self, path: str | Path | None = None) -> None:
        root = find_repository(path)
        self.root = root
        try:
            self.repo = pygit2.Repository(str(root))
        except pygit2.GitError as exc:
            raise LawdiffError(f"{root}: cannot open the repository ({exc})") from None
        try:
            tree = self._head_tree()
            marker = self.blob(tree[MARKER].id, MARKER) if tree is not None and MARKER in tree else None
        except (pygit2.GitError, KeyError, ValueError) as exc:
            raise LawdiffError(f"{root}: cannot read the repository (damaged? {exc})") from None
        if marker is None:
            raise LawdiffError(f"{root}: not a lawdiff repository (no {MARKER}; run `lawdiff init`)")
        self.format = _check_format(root, marker)

    # -- set-up ------------------------------------------------------------------------
    @staticmethod
    def init(path: str | Path, bare: bool = False) -> Path:
        path = Path(path)
        if (path / ".git").exists() or (bare and (path / "HEAD").exists()):
            repo = pygit2.Repository(str(path))
            if not repo.is_empty and repo.head_is_unborn is False and MARKER in repo.head.peel(pygit2.Commit).tree:
                raise LawdiffError(f"{path}: already a lawdiff repository")
            if not repo.is_empty:
                raise LawdiffError(f"{path}: a git repository with history already; use an empty folder")
        else:
            path.mkdir(parents=True, exist_ok=True)
            repo = pygit2.init_repository(str(path), bare=bare, initial_head=BRANCH)
        blob = repo.create_blob(json.dumps(FORMAT, indent=2).encode() + b"\n")
        builder = repo.TreeBuilder()
        builder.insert(MARKER, blob, pygit2.GIT_FILEMODE_BLOB)
        sig = pygit2.Signature("lawdiff", "lawdiff@localhost", INIT_TIME, 0)
        repo.create_commit(f"refs/heads/{BRANCH}", sig, sig, f"lawdiff repository (format {FORMAT['version']})\n",
                           builder.write(), [])
        repo.set_head(f"refs/heads/{BRANCH}")
        if not repo.is_bare:
            repo.checkout_head(strategy=pygit2.GIT_CHECKOUT_FORCE)
        return path

    # -- reading -----------------------------------------------------------------------
    def _head_commit(self) -> pygit2.Commit | None:
        try:
            return self.repo.revparse_single(f"refs/heads/{BRANCH}").peel(pygit2.Commit)
        except (KeyError, pygit2.GitError):
            if self.repo.head_is_unborn:
                return None
            return self.repo.head.peel(pygit2.Commit)

    def _head_tree(self) -> pygit2.Tree | None:
        commit = self._head_commit()
        return commit.tree if commit is not None else None

    def doc_path(self, slug: str) -> str:
        """The folder of a document in the repository: `<fan-out>/<slug>` (format 1: `<slug>`)."""
        return f"{fanout(slug)}/{slug}" if self.format >= FANOUT_FROM else slug

    def slugs(self) -> list[str]:
        tree = self._head_tree()
        if tree is None:
            return []
        if self.format < FANOUT_FROM:
            return sorted(name for name, e in _named(tree)
                          if e.type_str == "tree" and f"{name}/versions.json" in tree)
        found = []
        for bucket_name, bucket in _named(tree):
            if bucket.type_str != "tree" or len(bucket_name) != 2:
                continue
            for name, entry in _named(self._tree(bucket.id)):
                if entry.type_str == "tree" and "versions.json" in self._tree(entry.id) \
                        and fanout(name) == bucket_name:
                    found.append(name)
        return sorted(found)

    def versions(self, slug: str) -> list[Version]:
        tree = self._head_tree()
        path = f"{self.doc_path(slug)}/versions.json"
        if tree is None or path not in tree:
            return []
        try:
            data = json.loads(self.blob(tree[path].id, path))
            return [Version(slug=slug, **entry) for entry in data["versions"]]
        except (ValueError, KeyError, TypeError) as exc:  # edited by hand or damaged: never guess
            raise LawdiffError(f"{self.root}: {path} is damaged ({type(exc).__name__}: {exc})") from None

    def version(self, slug: str, label: str | None = None) -> Version:
        versions = self.versions(slug)
        if not versions:
            known = ", ".join(self.slugs()) or "none"
            raise LawdiffError(f"no document {slug!r} in this repository (documents: {known})")
        if label is None:
            return versions[-1]
        for v in versions:
            if label in (v.label, v.tag.rsplit("/", 1)[-1], v.date):
                return v
        if label.lstrip("-").isdigit():  # 1-based index, negative from the end
            index = int(label)
            if 1 <= abs(index) <= len(versions):
                return versions[index - 1 if index > 0 else index]
        raise LawdiffError(f"{slug}: no version {label!r} (versions: {', '.join(v.label for v in versions)})")

    def commit_of(self, version: Version) -> pygit2.Commit:
        try:
            return self.repo.revparse_single(f"refs/tags/{version.tag}").peel(pygit2.Commit)
        except (KeyError, pygit2.GitError):
            pass
        # Without its tag: the commit that recorded the version says so in its trailers (a merge
        # that places an older version has none of its own).
        trailers = {f"Lawdiff-Document: {version.slug}", f"Lawdiff-Version: {version.label}"}
        head = self._head_commit()
        assert head is not None  # the version is listed in versions.json, which only a commit holds
        for commit in self.repo.walk(head.id, SortMode.TOPOLOGICAL):
            if trailers <= set(commit.message.splitlines()):
                return commit
        raise LawdiffError(f"{version.slug}@{version.label}: its commit is missing")

    def xml(self, version: Version) -> bytes:
        commit = self.commit_of(version)
        path = f"{self.doc_path(version.slug)}/main.xml"
        return self.blob(commit.tree[path].id, path)

    def blob(self, oid: pygit2.Oid | str, path: str) -> bytes:
        """The bytes of the file stored at `path` as `oid`: a folder there is a damaged repository."""
        obj = self.repo[oid]
        if not isinstance(obj, pygit2.Blob):
            raise LawdiffError(f"{self.root}: {path} is damaged (a folder where a file belongs)")
        return obj.data

    def _tree(self, oid: pygit2.Oid) -> pygit2.Tree:
        """The folder stored as `oid` (called only for entries whose type is 'tree')."""
        obj = self.repo[oid]
        assert isinstance(obj, pygit2.Tree), f"{oid}: not a tree"
        return obj

    def document(self, slug: str, label: str | None = None) -> Document:
        return reader.from_bytes(self.xml(self.version(slug, label)))

    # -- writing -----------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """One writer at a time: a kernel lock on .git/lawdiff.lock (see lawdiff.lock for why)."""
        with exclusive(Path(self.repo.path) / "lawdiff.lock", f"the repository {self.root}"):
            yield

    def _clear_stale_git_locks(self) -> None:
        """Remove git's own lock files left by a writer that died (SIGKILL mid-rename).

        libgit2 writes a ref or the index through `<name>.lock` and a rename; a process killed
        in between leaves the `.lock` behind and every later write fails.  We hold lawdiff's
        kernel lock here, so no lawdiff writer can own one; a plain git command might, for
        milliseconds: a lock file is removed only once it has outlived GIT_LOCK_GRACE seconds.
        """
        gitdir = Path(self.repo.path)
        candidates = [gitdir / "index.lock", gitdir / "packed-refs.lock", gitdir / "HEAD.lock"]
        candidates += list((gitdir / "refs").rglob("*.lock"))
        deadline = time.monotonic() + GIT_LOCK_GRACE
        for path in candidates:
            while path.exists():
                try:
                    age = time.time() - path.stat().st_mtime
                except FileNotFoundError:
                    break
                if age >= GIT_LOCK_GRACE or time.monotonic() >= deadline:
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()
                    break
                time.sleep(0.05)

    def add_version(self, doc: Document, source_bytes: bytes, source_ext: str,
                    shared_source: bool = False) -> tuple[Version, bool]:
        """Commit `doc` as a version of its document, in its place by date. Returns (version, created).

        A version is its label: the same label with the same bytes is already there (nothing to
        do); the same bytes under a new label are a new version, e.g. the adopted text identical
        to the last draft (a new stage), or the two states of a Word file with tracked changes
        (`shared_source`, kept for its callers: labels tell versions apart in any case)."""
        slug = doc.meta.slug
        with self.lock():
            self._clear_stale_git_locks()
            versions = self.versions(slug)
            sha = hashlib.sha256(source_bytes).hexdigest()
            done = next((v for v in versions if v.sha256 == sha and v.label == doc.meta.version), None)
            if done is None:
                earlier, _later = _by_date(versions, doc.meta.date)
                prepared = prepare_version(doc, [v.earlier for v in earlier], source_bytes, source_ext,
                                           self.doc_path(slug), self.format)
                done = self._commit(prepared, versions)
                created = True
            else:
                self._repair_tag(done)
                created = False
            self._sync_worktree(slug)  # an earlier run may have stopped before this
            return done, created

    @contextlib.contextmanager
    def batch(self) -> Iterator[BatchWriter]:
        """One writer for many versions: the lock held throughout, the work tree updated once at the end.

        Each version is still its own commit, tag and move of `main` (a killed batch keeps every
        version it completed); only the work tree and index, which are not history, wait.
        """
        with self.lock():
            self._clear_stale_git_locks()
            writer = BatchWriter(self)
            try:
                yield writer
            finally:
                self._sync_worktree_many(sorted(writer.touched))

    def _commit(self, prepared: Prepared, versions: list[Version]) -> Version:
        """Write one prepared version as the next commit on `main` (the lock is held)."""
        slug = prepared.slug
        head = self._head_commit()
        for v in versions:
            if v.label == prepared.label:
                raise LawdiffError(
                    f"{slug}: version {prepared.label!r} exists with other content; "
                    "import never rewrites history (choose another --version)")
        # An older version found later takes its place by date in the list (the history only grows).
        earlier, later = _by_date(versions, prepared.date)
        if [(v.label, v.date, v.stage) for v in earlier] != [tuple(h) for h in prepared.history]:
            raise LawdiffError(f"internal error: {slug}@{prepared.label} was prepared against other earlier versions")
        if prepared.category and self.format < FANOUT_FROM:
            raise LawdiffError(f"{self.root}: a category needs a format-2 repository (this one is format "
                               f"{self.format}: create a new one with `lawdiff init`)")
        top = self.doc_path(slug).split("/", 1)[0]
        # The marker's name stays reserved in both layouts, so that a repository of either format
        # can hold the same slugs.
        if slug == MARKER or (head is not None and top in head.tree and head.tree[top].type_str != "tree"):
            raise LawdiffError(f"invalid document slug {slug!r}: the repository's own file has that name")
        tag = f"{slug}/{safe_ref_part(prepared.label)}"
        # Casefolded: on case-insensitive file systems v1 and V1 would be one ref file.
        taken = {v.tag.casefold() for v in versions}
        n = 2
        while tag.casefold() in taken or not pygit2.reference_is_valid_name(f"refs/tags/{tag}"):
            tag = f"{slug}/{safe_ref_part(prepared.label)}-{n}"
            n += 1
            if n > 1000:
                raise LawdiffError(f"cannot make a tag name from version label {prepared.label!r}")
        version = Version(slug=slug, label=prepared.label, date=prepared.date, stage=prepared.stage,
                          title=prepared.title, source=prepared.source_path, sha256=prepared.sha256,
                          articles=prepared.articles, tag=tag, category=prepared.category)
        listing = {"format": 1, "versions": [v.to_json() for v in earlier + [version] + later]}
        listing_bytes = json.dumps(listing, ensure_ascii=False, indent=2).encode() + b"\n"
        files = {
            "main.xml": prepared.xml,
            "versions.json": listing_bytes,
            prepared.source_path.rsplit("/", 1)[-1]: prepared.source,
        }
        sig = _signature(prepared.date, prepared.country)
        parents = [head.id] if head is not None else []
        commit_id: pygit2.Oid | None = None  # the version's commit (tagged)
        main_id: pygit2.Oid | None = None  # where `main` moves
        try:
            tree = self._tree_with(head, self.doc_path(slug), files)
            commit_id = main_id = self.repo.create_commit(None, sig, sig, prepared.message, tree, parents)
            if later and head is not None:
                # An older version: its commit holds its text, and a merge of it into `main` keeps
                # the latest version's text at the top, with the list of versions in date order.
                merge_sig = _signature(versions[-1].date, prepared.country)
                merge_tree = self._tree_with(head, self.doc_path(slug), {"versions.json": listing_bytes})
                main_id = self.repo.create_commit(None, merge_sig, merge_sig,
                                                  _placed_message(prepared, later[0], self.format),
                                                  merge_tree, [head.id, commit_id])
            # The tag before `main`: once `main` moves, the version is complete.  A tag left
            # by a failed run belongs to no version (it is not in versions.json); the same
            # import makes the same commit and tag again (fixed signatures), so replace it.
            ref = f"refs/tags/{tag}"
            if ref in self.repo.references:
                self.repo.references.delete(ref)
            self.repo.create_tag(tag, commit_id, ObjectType.COMMIT, sig, prepared.message)
            self.repo.references.create(f"refs/heads/{BRANCH}", main_id, force=True)
        except (pygit2.GitError, OSError, ValueError) as exc:
            now = self._head_commit()
            if main_id is None or now is None or now.id != main_id:
                raise LawdiffError(f"{self.root}: cannot write the new version ({_reason(exc, self.repo.path)}); "
                                   "the repository is unchanged") from None
        return version

    def _sync_worktree(self, slug: str) -> None:
        self._sync_worktree_many([slug])

    def _sync_worktree_many(self, slugs: list[str]) -> None:
        """Bring the work tree and index in step with `main` for these documents' files (lawdiff owns them).

        The versions are already in the history here; a failure only leaves the work tree behind,
        which the error says and the next import of the same files repairs.
        """
        if self.repo.is_bare or not slugs:
            return
        head = self._head_commit()
        if head is None:
            return
        folders = [self.doc_path(slug) for slug in slugs]
        try:
            self.repo.checkout_tree(head.tree, strategy=pygit2.GIT_CHECKOUT_FORCE,
                                    paths=[f"{folder}/*" for folder in folders])
            # checkout_tree skips index entries whose file already matches (left so by a run that
            # stopped half-way), so set these documents' entries from `main` explicitly.
            index = self.repo.index
            index.read(False)
            stored: dict[str, dict[str, pygit2.Object]] = {}
            for folder in folders:
                tree = head.tree[folder] if folder in head.tree else None
                stored[folder] = dict(_named(self._tree(tree.id))) if tree is not None else {}
            for entry in list(index):
                folder, _, name = entry.path.rpartition("/")
                if folder in stored and name not in stored[folder]:
                    index.remove(entry.path)
            for folder, entries in stored.items():
                for name, e in entries.items():
                    index.add(pygit2.IndexEntry(f"{folder}/{name}", e.id, e.filemode))
            index.write()
        except (pygit2.GitError, OSError) as exc:
            where = f"{folders[0]}/" if len(folders) == 1 else f"files of {len(folders)} documents"
            raise LawdiffError(f"{self.root}: the version is saved in the history, but the work tree's "
                               f"{where} could not be updated ({_reason(exc)}); run the same import again "
                               "to update it") from None

    def _repair_tag(self, version: Version) -> None:
        """A process killed between moving `main` and tagging leaves a version without its tag."""
        if not version.tag or f"refs/tags/{version.tag}" in self.repo.references:
            return
        commit = self.commit_of(version)
        try:
            self.repo.create_tag(version.tag, commit.id, ObjectType.COMMIT, commit.committer, commit.message)
        except (pygit2.GitError, OSError) as exc:
            raise LawdiffError(f"{self.root}: cannot write the missing tag {version.tag} ({_reason(exc)})") from None

    def _tree_with(self, head: pygit2.Commit | None, path: str, files: dict[str, bytes]) -> pygit2.Oid:
        """The head's tree with the document folder at `path` (one or two levels) holding `files`."""

        def rebuilt(tree: pygit2.Tree | None, parts: list[str]) -> pygit2.Oid:
            builder = self.repo.TreeBuilder(tree) if tree is not None else self.repo.TreeBuilder()
            name = parts[0]
            existing = tree[name] if tree is not None and name in tree else None
            sub_tree = self._tree(existing.id) if existing is not None and existing.type_str == "tree" else None
            if len(parts) > 1:
                builder.insert(name, rebuilt(sub_tree, parts[1:]), pygit2.GIT_FILEMODE_TREE)
                return builder.write()
            sub = self.repo.TreeBuilder(sub_tree) if sub_tree is not None else self.repo.TreeBuilder()
            # a stored source with another extension is replaced by a new one, not kept beside it
            if sub_tree is not None and any(file_name.startswith("source") for file_name in files):
                for entry_name, _ in _named(sub_tree):
                    if entry_name.startswith("source") and entry_name not in files:
                        sub.remove(entry_name)
            for file_name, data in files.items():
                sub.insert(file_name, self.repo.create_blob(data), pygit2.GIT_FILEMODE_BLOB)
            builder.insert(name, sub.write(), pygit2.GIT_FILEMODE_TREE)
            return builder.write()

        return rebuilt(head.tree if head is not None else None, path.split("/"))


def _by_date(versions: list[Version], date: str) -> tuple[list[Version], list[Version]]:
    """The versions before a new one of `date` (those of the same day or earlier) and after it."""
    position = sum(1 for v in versions if v.date <= date)
    return versions[:position], versions[position:]


def _placed_message(prepared: Prepared, following: Version, format_version: int) -> str:
    """The merge that places an older version before `following` in the list."""
    head = prepared.message.splitlines()[0]  # `<title>: <label> (<date>)`, as the version's own commit
    lines = [f"{head} placed before {following.label} ({following.date})", "",
             "An older version imported after newer ones: the list of versions is in date order; "
             "the text at the top stays the latest.", "",
             f"Lawdiff-Document: {prepared.slug}", f"Lawdiff-Placed: {prepared.label}",
             f"Lawdiff-Format: {format_version}"]
    return "\n".join(lines) + "\n"


class BatchWriter:
    """Commits prepared versions one after another under one lock (see `Store.batch`)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.touched: set[str] = set()

    def versions(self, slug: str) -> list[Version]:
        return self.store.versions(slug)

    def commit(self, prepared: Prepared) -> tuple[Version, bool]:
        """Commit one prepared version; (version, False) when its bytes are already stored."""
        versions = self.store.versions(prepared.slug)
        done = next((v for v in versions if v.sha256 == prepared.sha256), None)
        if done is not None:
            self.store._repair_tag(done)
            return done, False
        version = self.store._commit(prepared, versions)
        self.touched.add(prepared.slug)
        return version, True
