"""`drafts/<slug>/lawdiff.toml`: which files are the versions of one document, in order."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from lawdiff.errors import LawdiffError


@dataclass
class ManifestVersion:
    path: Path
    label: str
    date: str
    stage: str
    format: str | None = None


@dataclass
class Manifest:
    slug: str
    title: str
    country: str | None
    lang: str | None
    versions: list[ManifestVersion]


def load_manifest(path: Path) -> Manifest:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LawdiffError(f"{path}: {exc}") from None
    try:
        versions = [
            ManifestVersion(path.parent / v["file"], str(v["label"]), str(v["date"]), v.get("stage", "adopted"),
                            v.get("format"))
            for v in data["versions"]
        ]
    except (KeyError, TypeError) as exc:
        raise LawdiffError(f"{path}: each [[versions]] needs file, label and date ({exc})") from None
    return Manifest(slug=data.get("slug", path.parent.name), title=data.get("title", ""),
                    country=data.get("jurisdiction"), lang=data.get("language"), versions=versions)


def load_manifests(directory: Path) -> list[Manifest]:
    return [load_manifest(p) for p in sorted(directory.glob("*/lawdiff.toml"))]
