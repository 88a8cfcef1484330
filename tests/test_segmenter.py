"""The segmenter's start-up shortcuts: jieba imported without pkg_resources and the HMM tables,
its dictionary read from an on-disk index.  The cuts themselves are compared with jieba loaded
whole in tests/test_words.py."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import jieba
import pytest

from lawdiff.text import segmenter
from lawdiff.text.segmenter import LazyTokenizer, PrefixIndex

SENTENCE = "有限责任公司的股东会由全体股东组成，股东会是公司的权力机构，依照本法行使职权。"
UNKNOWN_WORD = "他来到了网易杭研大厦"  # jieba's README: only the HMM finds 杭研


def run_python(code: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_trimmed_import_skips_pkg_resources_hmm_tables_and_hashlib_until_used() -> None:
    lines = run_python(
        "import sys\n"
        "from lawdiff.text.segmenter import import_jieba\n"
        "jieba = import_jieba()\n"
        "print('pkg_resources' in sys.modules, 'jieba.finalseg.prob_emit' in sys.modules, '_hashlib' in sys.modules)\n"
        f"print('/'.join(jieba.Tokenizer().cut({UNKNOWN_WORD!r}, HMM=True)))\n"  # the HMM still works
        "print('jieba.finalseg.prob_emit' in sys.modules)\n"
        "import hashlib\n"
        "print(jieba.md5(b'lawdiff').hexdigest() == hashlib.md5(b'lawdiff').hexdigest())\n")
    assert lines[0] == "False False False"
    assert lines[2] == "True"
    assert lines[3] == "True"  # jieba's md5 is hashlib's when called
    normal = run_python("import jieba\n"
                        f"print('/'.join(jieba.Tokenizer().cut({UNKNOWN_WORD!r}, HMM=True)))\n")
    assert lines[1] == normal[0]
    assert "杭研" in lines[1].split("/")


def test_unexpected_jieba_is_imported_the_normal_way() -> None:
    """A jieba whose _compat cannot do without pkg_resources: the trimmed import fails, the normal one runs."""
    lines = run_python(
        "import sys\n"
        "class NeedsPkgResources:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'jieba._compat' and 'pkg_resources' in sys.modules and sys.modules['pkg_resources'] is None:\n"
        "            raise ImportError('this jieba needs pkg_resources')\n"
        "        return None\n"
        "sys.meta_path.insert(0, NeedsPkgResources())\n"
        "from lawdiff.text.segmenter import import_jieba\n"
        "jieba = import_jieba()\n"
        "print('pkg_resources' in sys.modules, sys.modules.get('pkg_resources') is not None)\n"
        f"print('/'.join(jieba.Tokenizer().cut({SENTENCE!r}, HMM=False)))\n")
    assert lines[0] == "True True"
    assert "股东会" in lines[1].split("/")


def whole_jieba() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    whole = jieba.Tokenizer()
    whole.initialize()
    return whole


def test_damaged_index_is_rebuilt_and_cuts_stay_jiebas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    dictionary = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    PrefixIndex(dictionary)  # builds and writes the index
    [cache] = (tmp_path / "lawdiff").glob("lawdiff-jieba-*.idx")
    size = cache.stat().st_size
    with cache.open("r+b") as handle:  # a file cut short, as by a full disk
        handle.truncate(size // 2)
    assert not list((tmp_path / "lawdiff").glob("*.tmp"))
    tokenizer = LazyTokenizer(())
    assert cache.stat().st_size == size  # rebuilt whole
    expected = whole_jieba().lcut(SENTENCE, HMM=False)
    assert tokenizer.cut(SENTENCE) == expected
    assert LazyTokenizer(()).cut(SENTENCE) == expected  # read from the rebuilt index


def test_index_is_kept_in_the_cache_folder_else_in_the_temp_dir(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("股东 100 n\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert segmenter._cache_path(dictionary).parent == tmp_path / "cache" / "lawdiff"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # not a cache folder (XDG): ~/.cache instead
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert segmenter._cache_path(dictionary).parent == tmp_path / "home" / ".cache" / "lawdiff"
    monkeypatch.setenv("XDG_CACHE_HOME", str(dictionary))  # a file: no folder can be made there
    (tmp_path / "temp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    assert segmenter._cache_path(dictionary).parent == tmp_path / "temp"
    assert PrefixIndex(dictionary).entries(["股东"]) == {"股东": 100}  # written and read there
    assert list((tmp_path / "temp").glob("lawdiff-jieba-*.idx"))


def test_index_is_keyed_by_the_dictionary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("股东 100 n\n股东会 50 n\n", encoding="utf-8")
    first = segmenter._cache_path(dictionary)
    dictionary.write_text("股东 100 n\n股东会 50 n\n会议 70 n\n\"a\\b\" 3 x\n", encoding="utf-8")
    os.utime(dictionary, ns=(1, 1))
    assert segmenter._cache_path(dictionary) != first
    index = PrefixIndex(dictionary)
    assert index.total == 223
    assert index.entries(["股东", "股东会"]) == {"股东": 100, "股东会": 50}
    assert index.entries(["股东会", "会议"]) == {"股东会": 50, "会议": 70}  # a group is its first three characters
    assert index.entries(["会"]) == {"会": 0}  # a prefix, 0 as in jieba's gen_pfdict
    assert index.entries(["议会", "东"]) == {}  # no such groups
    assert index.entries(['"a\\', '"a', '"']) == {'"a\\b"': 3, '"a\\b': 0, '"a\\': 0, '"a': 0, '"': 0}  # JSON escapes


def test_runs_outside_jiebas_block_range_are_cut_by_jieba_imported_then() -> None:
    """A run of jieba's Chinese characters is cut without importing jieba; a run with a Han
    character beyond them (extension A: 㐀) or anything else goes through jieba's own cut, on the
    same prefix dictionary, and jieba is imported for it."""
    block = "有限责任公司的股东会由全体股东组成"
    run = "㐀" + block
    lines = run_python(
        "import sys\n"
        "from lawdiff.text.segmenter import LazyTokenizer\n"
        "tokenizer = LazyTokenizer(())\n"
        f"print('/'.join(tokenizer.cut({block!r})), 'jieba' in sys.modules)\n"
        f"print('/'.join(tokenizer.cut({run!r})), 'jieba' in sys.modules)\n")
    whole = whole_jieba()
    assert lines[0] == "/".join(whole.lcut(block, HMM=False)) + " False"
    assert lines[1] == "/".join(whole.lcut(run, HMM=False)) + " True"
    assert "股东会" in lines[1].split("/")


def test_an_index_whose_dictionary_is_gone_is_removed_when_another_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A cache folder is never emptied: the ~12 MB index of a deleted virtual environment's
    # dictionary would stay forever.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "cache" / "lawdiff"
    dictionaries = []
    for k, words in enumerate(("股东 100 n\n", "股东 100 n\n股东会 50 n\n", "会议 70 n\n")):
        dictionary = tmp_path / f"dict{k}.txt"
        dictionary.write_text(words, encoding="utf-8")
        dictionaries.append(dictionary)
    first, second, third = (segmenter._cache_path(d) for d in dictionaries)
    PrefixIndex(dictionaries[0])
    PrefixIndex(dictionaries[1])
    assert first.exists() and second.exists()  # both dictionaries are there: both indexes kept
    (folder / "lawdiff-jieba-not-ours.idx").write_bytes(b"something else")
    dictionaries[0].unlink()
    PrefixIndex(dictionaries[2])  # writing an index clears the stale ones
    assert sorted(p.name for p in folder.glob("*.idx")) == sorted([second.name, third.name])
    kept = PrefixIndex(dictionaries[1])
    assert kept.blobs is None and kept.entries(["股东会"]) == {"股东会": 50}  # read from disk, not rebuilt
