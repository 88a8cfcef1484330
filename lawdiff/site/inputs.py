"""What the site is built from: the repository's documents and versions, as plain data.

Each version carries the ids of its commit and of its `main.xml` blob: those ids are
what page keys are made of, so deciding what to rebuild never needs a diff.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from lawdiff.ingest.xml import LD_NS
from lawdiff.store.repository import Store, Version


@dataclass(frozen=True)
class VersionInfo:
    slug: str
    n: int  # 1-based position in import order
    label: str
    date: str
    stage: str
    title: str
    articles: int
    tag: str
    commit: str  # hex id of the version's commit
    blob: str  # hex id of the version's main.xml
    category: str = ""  # where the document is filed (a tree import's folder: "行政法规")


@dataclass(frozen=True)
class DocInfo:
    slug: str
    lang: str  # AKN language of the latest version: zho, eng, deu
    versions: tuple[VersionInfo, ...]
    errors: int = 0  # error-level parse warnings of the latest version (the index counts them)

    @property
    def latest(self) -> VersionInfo:
        return self.versions[-1]

    @property
    def category(self) -> str:
        return self.latest.category

    @property
    def title(self) -> str:
        return self.latest.title or self.slug

    def pairs(self) -> list[tuple[int, int]]:
        """Version pairs the site compares: each step, and each version against the latest."""
        n = len(self.versions)
        steps = [(i, i + 1) for i in range(1, n)]
        to_latest = [(i, n) for i in range(1, n - 1)]
        return steps + to_latest


def read_inputs(store: Store) -> list[DocInfo]:
    docs = []
    for slug in store.slugs():
        versions = store.versions(slug)
        if not versions:
            continue
        infos = tuple(_version_info(store, v, n) for n, v in enumerate(versions, start=1))
        lang, errors = _version_meta(store.blob(infos[-1].blob, f"{store.doc_path(slug)}/main.xml"))
        docs.append(DocInfo(slug=slug, lang=lang, versions=infos, errors=errors))
    return docs


def _version_info(store: Store, v: Version, n: int) -> VersionInfo:
    commit = store.commit_of(v)
    blob = commit.tree[f"{store.doc_path(v.slug)}/main.xml"].id
    return VersionInfo(slug=v.slug, n=n, label=v.label, date=v.date, stage=v.stage, title=v.title,
                       articles=v.articles, tag=v.tag, commit=str(commit.id), blob=str(blob),
                       category=v.category)


def _version_meta(xml: bytes) -> tuple[str, int]:
    """The language lawdiff recorded for a version and how many of its parse warnings are errors,
    read from the version's metadata without parsing the whole text."""
    lang, errors = "zho", 0
    for event, el in etree.iterparse(io.BytesIO(xml), events=("start", "end"),
                                     tag=(f"{{{LD_NS}}}version", f"{{{LD_NS}}}warning"),
                                     resolve_entities=False, no_network=True):
        if el.tag == f"{{{LD_NS}}}warning":
            errors += event == "end" and el.get("level") == "error"
        elif event == "start":
            lang = el.get("lang", "zho")
        else:
            break  # the warnings are children of <lawdiff:version>: nothing more to read
    return lang, errors


def repo_path(store: Store) -> Path:
    """A path that reopens the same repository in a worker process."""
    return Path(store.repo.path)
