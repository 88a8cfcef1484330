"""`.lawdiff.toml` at the root of any git repository: which files are law files, and how
to read and name them (used by `lawdiff diff --git` and `lawdiff check --git`).

    # Law files, as globs from the repository root (`*` stays inside a folder, `**/`
    # spans folders). Without `paths`: every file with a law extension.
    paths = ["laws/**/*.md", "bills/*.docx"]
    exclude = ["**/README.md"]
    # How versions are named: "text" (from the text itself, as `lawdiff diff FILE_A FILE_B`),
    # "commit" (the short commit id, dated by the commit), "ref" (the revision as given).
    version = "commit"

    [[law]]                        # settings for some files; the first matching entry wins
    path = "laws/company-law.md"   # a glob, as above
    format = "markdown"            # text, markdown, html, docx, pdf, akn, uslm (default: detected)
    lang = "zho"                   # zho, eng, deu (default: detected)
    slug = "company-law"
    title = "中华人民共和国公司法"
    stage = "draft"                # draft, reading, adopted, amended
    version = "ref"

A file matched by `paths` or by a `[[law]]` entry is *named* as a law: if it holds no
article, that is an error.  A file found only by its extension that holds no article
(a README) is passed over with a note.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath

from lawdiff.errors import LawdiffError
from lawdiff.ingest.registry import FORMATS

CONFIG_NAME = ".lawdiff.toml"
LAW_EXTENSIONS = (".md", ".markdown", ".txt", ".text", ".html", ".htm", ".xhtml", ".docx", ".pdf", ".xml", ".akn")
VERSION_LABELS = ("text", "commit", "ref")
STAGES = ("draft", "reading", "adopted", "amended")
_TOP_KEYS = {"paths", "exclude", "version", "law"}
_LAW_KEYS = {"path", "format", "lang", "slug", "title", "stage", "version"}


@dataclass(frozen=True)
class LawSettings:
    """How to read one law file."""

    format: str | None = None
    lang: str | None = None
    slug: str | None = None
    title: str | None = None
    stage: str | None = None
    version: str = "text"  # one of VERSION_LABELS
    explicit: bool = False  # named by `paths` or a `[[law]]` entry, not just found by extension


@dataclass(frozen=True)
class LawEntry:
    pattern: str
    settings: LawSettings


@dataclass
class LawConfig:
    paths: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    version: str = "text"
    laws: list[LawEntry] = field(default_factory=list)

    def settings_for(self, path: str) -> LawSettings | None:
        """How to read `path`, or None when it is not a law file."""
        if any(glob_match(p, path) for p in self.exclude):
            return None
        entry = next((e for e in self.laws if glob_match(e.pattern, path)), None)
        if entry is not None:
            return entry.settings
        if self.paths:
            if any(glob_match(p, path) for p in self.paths):
                return LawSettings(version=self.version, explicit=True)
            return None
        if PurePosixPath(path).suffix.lower() in LAW_EXTENSIONS:
            return LawSettings(version=self.version)
        return None


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as git writes them: `*` and `?` stay inside one folder, `**/` spans folders,
    a trailing `/**` takes everything below."""
    out = []
    k = 0
    while k < len(pattern):
        if pattern.startswith("**/", k):
            out.append("(?:.*/)?")
            k += 3
        elif pattern.startswith("**", k):
            out.append(".*")
            k += 2
        elif pattern[k] == "*":
            out.append("[^/]*")
            k += 1
        elif pattern[k] == "?":
            out.append("[^/]")
            k += 1
        else:
            out.append(re.escape(pattern[k]))
            k += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, path: str) -> bool:
    return bool(_glob_regex(pattern.lstrip("/")).match(path))


def load_config(data: bytes | None, where: str) -> LawConfig:
    """The configuration from the bytes of a `.lawdiff.toml` (None: defaults)."""
    if data is None:
        return LawConfig()
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LawdiffError(f"{where}: {exc}") from None
    unknown = sorted(set(raw) - _TOP_KEYS)
    if unknown:
        raise LawdiffError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_TOP_KEYS))})")
    config = LawConfig(paths=_strings(raw, "paths", where), exclude=_strings(raw, "exclude", where),
                       version=_choice(raw, "version", VERSION_LABELS, where) or "text")
    laws = raw.get("law", [])
    if not isinstance(laws, list):
        raise LawdiffError(f"{where}: `law` must be a list of [[law]] tables")
    for number, entry in enumerate(laws, start=1):
        here = f"{where}, [[law]] #{number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise LawdiffError(f"{here}: needs path = \"GLOB\"")
        unknown = sorted(set(entry) - _LAW_KEYS)
        if unknown:
            raise LawdiffError(f"{here}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_LAW_KEYS))})")
        settings = LawSettings(
            format=_choice(entry, "format", FORMATS, here), lang=_text(entry, "lang", here),
            slug=_text(entry, "slug", here), title=_text(entry, "title", here),
            stage=_choice(entry, "stage", STAGES, here),
            version=_choice(entry, "version", VERSION_LABELS, here) or config.version, explicit=True)
        config.laws.append(LawEntry(entry["path"], settings))
    return config


def _strings(raw: dict[str, object], key: str, where: str) -> list[str]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LawdiffError(f"{where}: `{key}` must be a list of globs")
    return list(value)


def _text(raw: dict[str, object], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise LawdiffError(f"{where}: `{key}` must be a string")
    return value


def _choice(raw: dict[str, object], key: str, allowed: tuple[str, ...], where: str) -> str | None:
    value = _text(raw, key, where)
    if value is not None and value not in allowed:
        raise LawdiffError(f"{where}: `{key}` is {value!r}; use one of {', '.join(allowed)}")
    return value
