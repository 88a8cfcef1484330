"""jieba's segmenter at a fraction of its start-up cost, with the very same cuts.

jieba (HMM off) cuts a Chinese run by looking up, in its prefix dictionary, the substrings of
the run: for each position the run's next character, then the next two, and so on while the
substring is a word or the prefix of one.  jieba builds that prefix dictionary (350,000 words,
500,000 entries) whole before the first cut: 0.65 s of CPU and 75 MB (measured), more than twice
what a whole diff of the Civil Code costs without it.  Here the dictionary is kept on disk and
an entry is loaded when the run to cut holds its first three characters (the entry itself when
it is shorter): every substring jieba looks up is then present exactly as jieba loaded whole
would have it, and no other entry matters to the cut.  On disk the entries are grouped by those
three characters, and the groups filed in buckets by the first two, so one read brings every
group a pair of characters begins; a group is parsed only when a run holds its three characters.
Redlining the Civil Code's edited articles loads ~4,000 entries this way, against ~33,000 when
every entry filed under a run's first two characters was loaded, and ~200,000 with one block
per first character (measured).
tests/test_words.py compares the cuts with jieba loaded whole.

Importing jieba also costs: 0.27 s (`python -X importtime -c 'import jieba'`), of which 0.19 s
is `pkg_resources` (imported by jieba._compat only to locate its data files, with a plain-file
fallback when the import fails) and the HMM tables of `jieba.finalseg` (never used: lawdiff cuts
with HMM off); and `hashlib` loads OpenSSL, 3.7 MB of the process's peak memory (measured), for
jieba's md5 that only names the cache of a dictionary other than the default.  `import_jieba`
imports jieba without them (each on first use) and falls back to the normal import when jieba
is not what it expects.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import sys
import types
from array import array
from collections.abc import Iterable
from math import log
from pathlib import Path
from typing import Any
from zlib import crc32

# The on-disk index: a magic line, a JSON header line, BUCKETS + 1 little-endian uint32 offsets,
# then the buckets.  A bucket is a run of groups, each "\n" + its key as a JSON string + ":" + its
# entries as one JSON object {entry: frequency} (UTF-8; JSON escapes every newline inside, so
# "\n" starts a group).  A group's key is its entries' first three characters (the entry when
# shorter); a bucket holds the groups whose keys begin with the same two characters, and keys are
# hashed into buckets so that the offsets are a fixed-size array read in one call.
_MAGIC = b"lawdiff jieba prefix index 2\n"
INDEX_VERSION = 2  # in the cache's name too: processes of an older lawdiff keep their own file
# jieba (HMM off) cuts a run of its Chinese characters (U+4E00-U+9FD5) as one block; a run that
# holds other Han characters (extension A, compatibility ideographs) goes through jieba.cut itself.
_JIEBA_FIRST, _JIEBA_LAST = "\u4e00", "\u9fd5"
_JIEBA_DICT_NAME = "dict.txt"  # jieba.DEFAULT_DICT_NAME, beside jieba/__init__.py
BUCKETS = 131071  # a prime: ~190,000 two-character keys in jieba's dictionary, ~1.4 a bucket
KEY_LENGTH = 3
_HEADER_READ = 4096  # the magic line and the JSON header fit (the header names the dictionary's path)


def entry_key(entry: str) -> str:
    """The group an entry is filed in: its first three characters (the entry if shorter)."""
    return entry[:KEY_LENGTH]


def bucket_of(key: str) -> int:
    """The bucket of a group: a hash of the key's first two characters that is the same in
    every process (str.__hash__ is randomised per process)."""
    code = ord(key[0]) * 1_000_003
    if len(key) > 1:
        code += ord(key[1])
    return code % BUCKETS


def keys_of(run: str) -> set[str]:
    """The groups that hold every entry jieba may look up in cutting `run`: its characters,
    and its substrings of two and of three characters."""
    keys = set(run)
    keys.update(run[k:k + 2] for k in range(len(run) - 1))
    keys.update(run[k:k + 3] for k in range(len(run) - 2))
    return keys


def _needle(key: str) -> bytes:
    """What starts `key`'s group in a bucket: "\n", the key as the index writes it (json.dumps,
    ensure_ascii off), ":".  A key JSON leaves as it is needs no call."""
    if key.isprintable() and '"' not in key and "\\" not in key:
        return f'\n"{key}":'.encode()
    return b"\n" + json.dumps(key, ensure_ascii=False).encode() + b":"


class _DeferredModule(types.ModuleType):
    """Stands for a module during an import; the real one is imported on first use."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or sys.modules.get(self.__name__) is self:
            raise AttributeError(name)
        return getattr(importlib.import_module(self.__name__), name)


def _deferred_md5(*args: Any, **kwargs: Any) -> Any:
    """hashlib.md5, hashlib imported when first called (jieba: only for a dictionary of its own)."""
    return importlib.import_module("hashlib").md5(*args, **kwargs)


def _stand_ins() -> dict[str, types.ModuleType | None]:
    """What sys.modules holds while jieba imports: None makes `import` raise ImportError."""
    hashlib = _DeferredModule("hashlib")  # anything else asked of it comes from the real one
    hashlib.md5 = _deferred_md5  # type: ignore[attr-defined]  # jieba: `from hashlib import md5`
    return {"pkg_resources": None, "jieba.finalseg": _DeferredModule("jieba.finalseg"), "hashlib": hashlib}


def import_jieba() -> types.ModuleType:
    """`import jieba` without `pkg_resources` and the HMM tables (0.19 s of its 0.27 s, measured).

    `pkg_resources` is marked absent while jieba imports (a None in sys.modules makes `import`
    raise ImportError), so jieba._compat takes its own fallback and opens its files by path;
    `jieba.finalseg` (the HMM: 12 MB of probability tables, used only by cuts with HMM on) is a
    stand-in that imports the real module on first use.  Anything unexpected (another jieba,
    an error) and jieba is imported the normal way.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    # only modules not imported yet are stood in for (a process that has them loses nothing)
    stand_ins = {name: module for name, module in _stand_ins().items() if name not in sys.modules}
    sys.modules.update(stand_ins)  # type: ignore[arg-type]
    try:
        import jieba

        expected = (callable(getattr(jieba, "Tokenizer", None)) and hasattr(jieba, "DEFAULT_DICT_NAME")
                    and all(callable(getattr(jieba.Tokenizer, name, None)) for name in ("cut", "get_DAG", "calc")))
    except Exception:  # noqa: BLE001 - any failure of the trimmed import means: import it normally
        expected = False
    finally:
        for name, module in stand_ins.items():
            if name in sys.modules and sys.modules[name] is module:
                del sys.modules[name]
    if not expected:
        for name in [name for name in sys.modules if name == "jieba" or name.startswith("jieba.")]:
            del sys.modules[name]
        import jieba
    return jieba


class PrefixIndex:
    """jieba's prefix dictionary on disk (see the module's docstring), read a bucket at a time."""

    def __init__(self, path: Path) -> None:
        self.blobs: list[bytes] | None = None
        self.read: dict[str, bytes] = {}  # the bucket read for two first characters (see _bucket)
        self.cache = _cache_path(path)
        try:
            self.fd, self.total, self.offsets, self.data_start = _open_index(self.cache)
        except (OSError, ValueError, KeyError, TypeError):
            self.total, self.blobs = _build_index(path)  # this process uses what it built
            _write_index(self.cache, self.total, self.blobs, path)

    def _bucket(self, pair: str) -> bytes:
        """The bucket of the groups whose keys begin with `pair` (one or two characters)."""
        blob = self.read.get(pair)
        if blob is None:
            number = bucket_of(pair)
            if self.blobs is not None:
                blob = self.blobs[number]
            else:
                start, end = self.offsets[number], self.offsets[number + 1]
                blob = os.pread(self.fd, end - start, self.data_start + start) if end > start else b""
            # Kept for the groups of three characters that begin with `pair`, which later runs may
            # ask for; there are none unless `pair` is an entry itself (every prefix of an entry is
            # one), and a single character's bucket serves its own group only: both are asked for
            # once, so not kept (0.57 MB kept on the Civil Code pair instead of 1.3 MB, measured).
            if len(pair) == 2:
                self.read[pair] = blob if _needle(pair) in blob else b""
        return blob

    def entries(self, keys: Iterable[str]) -> dict[str, int]:
        """The entries of these groups, parsed in one go (a key with no group adds nothing)."""
        found: list[bytes] = []
        read = self.read
        for key in keys:
            pair = key[:2]
            blob = read.get(pair)
            if blob is None:
                blob = self._bucket(pair)
            if not blob:
                continue
            needle = _needle(key)
            start = blob.find(needle)
            if start < 0:
                continue
            start += len(needle)
            end = blob.find(b"\n", start)
            found.append(blob[start + 1:end - 1] if end >= 0 else blob[start + 1:-1])
        return json.loads(b"{" + b",".join(found) + b"}") if found else {}


def _cache_path(path: Path) -> Path:
    """In the user's cache folder (`_cache_dir`), named by `_index_name`."""
    return _cache_dir() / _index_name(path)


def _index_name(path: Path) -> str:
    """The index file of a dictionary: keyed by its path, size and time, so a changed dictionary
    is indexed anew."""
    stat = path.stat()
    return (f"lawdiff-jieba-{crc32(str(path).encode()):08x}-{stat.st_size}-{stat.st_mtime_ns}-{BUCKETS}"
            f"-v{INDEX_VERSION}.idx")


def _cache_dir() -> Path:
    """$XDG_CACHE_HOME/lawdiff (~/.cache/lawdiff): kept across reboots, where a temp dir is
    emptied and the next diff builds the index again (~0.7 s).  Where it cannot be made, the temp
    dir.  `tempfile` is imported only then: it brings `shutil`, `random` and compression modules,
    ~4.5 ms of every diff's start-up for a path (python -X importtime)."""
    # A relative path is no cache folder (XDG: ignored), nor is "~" where no home is known:
    # either would put the index in whatever folder lawdiff runs in.
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "lawdiff"
    if folder.is_absolute():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if os.access(folder, os.W_OK):
                return folder
        except OSError:
            pass
    import tempfile  # see the docstring: only where the cache folder cannot be made

    return Path(tempfile.gettempdir())


def _open_index(cache: Path) -> tuple[int, int, array, int]:
    """(open descriptor, total frequency, bucket offsets, where the buckets start); ValueError
    when the file is not a whole index of ours.  The descriptor stays open for the process."""
    fd = os.open(cache, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))  # a link planted in a shared dir is refused
    try:
        info = os.fstat(fd)
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise ValueError("an index written by another user")  # in a shared temp dir: not ours to trust
        header, header_end = _header(os.pread(fd, _HEADER_READ, 0))
        offsets = array("I")
        offsets.frombytes(os.pread(fd, 4 * (BUCKETS + 1), header_end))
        if sys.byteorder != "little":
            offsets.byteswap()
        data_start = header_end + 4 * (BUCKETS + 1)
        if header["buckets"] != BUCKETS or len(offsets) != BUCKETS + 1 or data_start + offsets[-1] != info.st_size:
            raise ValueError("index cut short")
        return fd, int(header["total"]), offsets, data_start
    except BaseException:
        os.close(fd)
        raise


def _header(head: bytes) -> tuple[dict[str, Any], int]:
    """The JSON header of an index from its first bytes, and where the header ends; ValueError
    when they are not the start of an index of ours."""
    if not head.startswith(_MAGIC) or b"\n" not in head[len(_MAGIC):]:
        raise ValueError("not an index")
    header_end = head.index(b"\n", len(_MAGIC)) + 1
    header = json.loads(head[len(_MAGIC):header_end])
    if not isinstance(header, dict):
        raise ValueError("not an index")
    return header, header_end


def _build_index(path: Path) -> tuple[int, list[bytes]]:
    """What jieba's gen_pfdict makes of the dictionary (words with their frequency, each word's
    prefixes with 0 unless a word) in groups, bucket by bucket, and the total frequency.  ~0.7 s."""
    groups: dict[str, dict[str, int]] = {}
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        word, freq_text = line.split(" ")[:2]
        freq = int(freq_text)
        total += freq
        groups.setdefault(entry_key(word), {})[word] = freq
        for end in range(1, len(word)):
            groups.setdefault(entry_key(word[:end]), {}).setdefault(word[:end], 0)
    buckets: list[list[bytes]] = [[] for _ in range(BUCKETS)]
    for key, entries in groups.items():
        buckets[bucket_of(key)].append(b"\n" + json.dumps(key, ensure_ascii=False).encode() + b":"
                                       + json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode())
    return total, [b"".join(bucket) for bucket in buckets]


def _write_index(cache: Path, total: int, blobs: list[bytes], dictionary: Path) -> None:
    """The index written whole, with the dictionary it was made from named in its header; then
    the indexes beside it whose dictionary is gone are removed (`_remove_stale`)."""
    offsets = array("I", [0])
    for blob in blobs:
        offsets.append(offsets[-1] + len(blob))
    if sys.byteorder != "little":
        offsets.byteswap()
    import tempfile  # once per dictionary: see _cache_dir

    try:  # written whole or not at all: a concurrent reader never sees half a file
        with tempfile.NamedTemporaryFile("wb", dir=cache.parent, delete=False, prefix=cache.name,
                                         suffix=".tmp") as handle:
            handle.write(_MAGIC)
            handle.write(json.dumps({"total": total, "buckets": BUCKETS, "dictionary": str(dictionary)}).encode()
                         + b"\n")
            handle.write(offsets.tobytes())
            for blob in blobs:
                handle.write(blob)
        os.replace(handle.name, cache)
    except OSError:  # no index on disk: the next process builds it again
        try:
            os.unlink(handle.name)
        except (OSError, NameError):
            pass
        return
    _remove_stale(cache)


def _remove_stale(cache: Path) -> None:
    """Remove the indexes beside `cache` whose dictionary is gone or has changed since (a deleted
    virtual environment, an upgraded jieba: each index is ~12 MB, one per dictionary file, and a
    cache folder, unlike a temp dir, is never emptied).  Only this user's files; an index that
    cannot be read as ours names no dictionary and goes too.  Run when an index is written, so
    once per new dictionary."""
    for other in cache.parent.glob("lawdiff-jieba-*.idx"):
        try:
            if other == cache or (hasattr(os, "getuid") and other.stat().st_uid != os.getuid()):
                continue
            with other.open("rb") as handle:
                head = handle.read(_HEADER_READ)
            try:
                dictionary = str(_header(head)[0].get("dictionary", ""))
            except ValueError:  # not an index of ours (json's errors are ValueErrors too)
                dictionary = ""
            if dictionary and os.path.isfile(dictionary) and _index_name(Path(dictionary)) == other.name:
                continue  # the index of a dictionary that is there, unchanged
            other.unlink()
        except OSError:
            continue


def _dictionary() -> Path:
    """jieba's default dictionary, found without importing jieba (see LazyTokenizer)."""
    spec = importlib.util.find_spec("jieba")
    if spec is not None and spec.origin:
        path = Path(spec.origin).with_name(_JIEBA_DICT_NAME)
        if path.is_file():
            return path
    jieba = import_jieba()  # not where it is expected: jieba itself says
    assert jieba.__file__ is not None  # a package read from its files, never a namespace package
    return Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)


class LazyTokenizer:
    """jieba's Tokenizer whose prefix dictionary is filled from the on-disk index as runs need it,
    then `extra` words added as with jieba's add_word, in their order.

    jieba itself is imported only for a run `_cut_block` does not cut (one holding Han characters
    outside jieba's block range): its import, and the `logging` it brings, cost ~5 ms of every
    diff's start-up (python -X importtime) for what the blocks never use."""

    def __init__(self, extra: Iterable[tuple[str, int]]) -> None:
        self.index = PrefixIndex(_dictionary())
        # add_word(word, freq) sets the word's entry and makes each prefix an entry (0) unless it
        # is one: kept per group, in order, to be applied right after the group's dictionary entries.
        self.added: dict[str, list[tuple[str, int, bool]]] = {}
        added_total = 0
        for word, freq in extra:
            added_total += freq
            self.added.setdefault(entry_key(word), []).append((word, freq, True))
            for end in range(1, len(word)):
                self.added.setdefault(entry_key(word[:end]), []).append((word[:end], 0, False))
        self.freq: dict[str, int] = {}  # jieba's prefix dictionary (Tokenizer.FREQ), the groups loaded
        self.total = self.index.total + added_total  # add_word adds each word's frequency
        self._jieba: Any = None  # jieba's Tokenizer on that dictionary, made when first needed
        self.loaded: set[str] = set()  # the groups loaded (or found absent)
        self.logtotal = log(self.total)
        self.weights: dict[str, float] = {}  # word -> log(frequency) - logtotal, as jieba's calc computes it

    def cut(self, run: str) -> list[str]:
        wanted = keys_of(run) - self.loaded
        if wanted:
            freq_of = self.freq
            freq_of.update(self.index.entries(wanted))
            added = self.added
            for key in wanted & added.keys():
                for entry, freq, sets in added[key]:
                    if sets:
                        freq_of[entry] = freq
                    else:
                        freq_of.setdefault(entry, 0)
            self.loaded |= wanted
        if run and min(run) >= _JIEBA_FIRST and max(run) <= _JIEBA_LAST:
            return self._cut_block(run)
        return list(self._tokenizer().cut(run, HMM=False))

    def _tokenizer(self) -> Any:
        """jieba's own Tokenizer, sharing this prefix dictionary, as if it had loaded it whole."""
        if self._jieba is None:
            # Imported here: see the class's docstring (measured start-up cost).
            import logging

            jieba = import_jieba()
            jieba.setLogLevel(logging.WARNING)  # jieba logs dictionary loading to stderr otherwise
            tokenizer = jieba.Tokenizer()
            tokenizer.FREQ = self.freq
            tokenizer.total = self.total
            tokenizer.initialized = True  # as if jieba had loaded its dictionary
            self._jieba = tokenizer
        return self._jieba

    def _cut_block(self, block: str) -> list[str]:
        """jieba's cut of one block of its Chinese characters with HMM off (`__cut_DAG_NO_HMM`:
        get_DAG, calc, then the route followed from the start), the same computation without
        jieba's generators and per-call regular expressions: the same words, the same
        floating-point sums in the same order (`log(freq or 1) - logtotal` is kept per word, then
        the route's value added as jieba adds it), ties going to the longer word as with jieba's
        max over (value, end).  A block of jieba's Chinese characters holds no `[a-zA-Z0-9]`, so
        jieba's joining of single Latin characters never applies.  tests/test_words.py compares
        the cuts with jieba's own on thousands of runs."""
        freq_of = self.freq
        weights = self.weights
        n = len(block)
        value = [0.0] * (n + 1)  # route[x][0]
        end = [0] * (n + 1)  # route[x][1]
        for start in range(n - 1, -1, -1):
            best_value = 0.0
            best_end = -1
            stop = start
            fragment = block[start]
            while stop < n and fragment in freq_of:
                if freq_of[fragment]:  # a word, not only a prefix: a DAG edge
                    weight = weights.get(fragment)
                    if weight is None:
                        weight = weights[fragment] = log(freq_of[fragment]) - self.logtotal
                    candidate = weight + value[stop + 1]
                    if best_end < 0 or candidate >= best_value:  # ends ascend: ties go to the later end
                        best_value, best_end = candidate, stop
                stop += 1
                fragment = block[start:stop + 1]
            if best_end < 0:  # no word starts here: the character alone (jieba: log(1) - logtotal)
                best_value, best_end = -self.logtotal + value[start + 1], start
            value[start], end[start] = best_value, best_end
        words: list[str] = []
        start = 0
        while start < n:
            stop = end[start] + 1
            words.append(block[start:stop])
            start = stop
        return words
