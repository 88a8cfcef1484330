"""One writer at a time: an advisory lock on a file, held by the kernel for the process.

Why a kernel lock (flock) and not "create a file exclusively, delete it afterwards":
a process killed with SIGKILL cannot delete its lock file, and telling a stale file from
a live one by its pid is racy (an empty file between create and write, a pid reused,
two processes "breaking" the same stale lock and both going ahead).  A kernel lock
disappears with its process, so a killed import never leaves the repository busy.
The lock file itself stays in place on purpose: deleting it would let a second process
lock a new file while a first still holds the old one.
"""

from __future__ import annotations

import contextlib
import functools
import os
import time
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar, cast

from lawdiff.errors import LawdiffError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

DEFAULT_WAIT = 10.0  # seconds to wait for another writer before saying "busy"
POLL = 0.05


def wait_seconds() -> float:
    """How long to wait for a busy lock: LAWDIFF_LOCK_WAIT seconds, else the default."""
    value = os.environ.get("LAWDIFF_LOCK_WAIT", "")
    try:
        return max(0.0, float(value)) if value else DEFAULT_WAIT
    except ValueError:
        raise LawdiffError(f"LAWDIFF_LOCK_WAIT={value!r} is not a number of seconds") from None


@contextlib.contextmanager
def exclusive(path: Path, what: str, wait: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if missing) for the block.

    Waits up to `wait` seconds (default `wait_seconds()`) for another holder, then raises
    a LawdiffError saying that `what` is busy.
    """
    wait = wait_seconds() if wait is None else wait
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise LawdiffError(f"{what}: cannot write ({exc.strerror}: {path})") from None
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                holder = _holder(fd)
                raise LawdiffError(f"{what} is busy: another lawdiff process{holder} is writing to it "
                                   f"(waited {wait:g} s; try again later)")
            time.sleep(POLL)
        _note_holder(fd)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _try_lock(fd: int) -> bool:
    if fcntl is None:  # pragma: no cover - Windows: lock the first byte instead
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    except OSError as exc:  # a file system without locks: say so rather than write unguarded
        raise LawdiffError(f"cannot lock {exc.filename or 'the lock file'}: {exc.strerror}") from None


def _note_holder(fd: int) -> None:
    """Write our pid into the lock file, for the "busy" message only (never trusted)."""
    with contextlib.suppress(OSError):  # a full disk must not stop a writer that holds the lock
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)


def _holder(fd: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        pid = int(os.pread(fd, 32, 0).decode().strip() or "0")
        if pid > 0:
            return f" (pid {pid})"
    return ""


SITE_WAIT = 120.0  # a site build takes longer than an import: wait longer for the one before


Build = TypeVar("Build", bound=Callable[..., Any])  # build(repo, out, **options)


def one_build_per_folder(build: Build) -> Build:
    """Decorate `build(repo, out, **options)`: one build at a time into the same output folder.

    Two builds writing one folder at once would interleave pages, the manifest and the search
    index.  The lock file sits beside the folder, not in it: the published site stays exactly
    the pages (a pid inside it would also break the site's byte-for-byte determinism).
    """

    @functools.wraps(build)
    def wrapper(repo: str | Path | None, out: str | Path, *args: Any, **kwargs: Any) -> Any:
        folder = Path(out).resolve()
        folder.parent.mkdir(parents=True, exist_ok=True)
        wait = wait_seconds() if os.environ.get("LAWDIFF_LOCK_WAIT") else SITE_WAIT
        with exclusive(folder.parent / f".{folder.name or 'site'}.lawdiff-lock", f"the site folder {out}",
                       wait=wait):
            return build(repo, out, *args, **kwargs)

    # The wrapper takes and returns what `build` does (functools.wraps copies its signature for
    # readers); mypy cannot see that through *args/**kwargs.
    return cast(Build, wrapper)
