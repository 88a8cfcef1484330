"""Temporary git repositories of real law texts, built with the real git command line.

`law_repository(root)` makes the repository the CI tests share: two commits, the second
turning the company law 2018 into 2023 and the Grundgesetz 2012 into 2020, renaming one
file (the oversight law, content unchanged), deleting one (the supervision law), leaving
one unchanged (the criminal law) and touching a README that is not a law.  A branch
`feature` forks from the first commit and amends the criminal law (2020 -> 2023).
Dates and names are fixed, so commit ids are the same on every run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from helpers import CORPUS

ZH = CORPUS / "zh"
COMPANY = (ZH / "company-law" / "01-amended-2018-10-26.md", ZH / "company-law" / "02-revised-2023-12-29.md")
GRUNDGESETZ = (CORPUS / "de" / "grundgesetz" / "02-stand-2012-07-11.md",
               CORPUS / "de" / "grundgesetz" / "03-stand-2020-09-29.md")
OVERSIGHT = ZH / "oversight-law" / "02-amended-2024-11-08.md"
SUPERVISION = ZH / "supervision-law" / "02-amended-2024-12-25.md"
CRIMINAL = (ZH / "criminal-law" / "01-amended-2020-12-26.md", ZH / "criminal-law" / "02-amended-2023-12-29.md")

GIT_ENV = {"GIT_AUTHOR_NAME": "Drafter", "GIT_AUTHOR_EMAIL": "drafter@example.org",
           "GIT_COMMITTER_NAME": "Drafter", "GIT_COMMITTER_EMAIL": "drafter@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def git(repo: Path, *args: str, date: str = "2024-01-01T12:00:00+08:00") -> str:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    done = subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def init(repo: Path) -> Path:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    return repo


def put(repo: Path, path: str, source: Path | bytes | str) -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(source, Path):
        shutil.copyfile(source, target)
    elif isinstance(source, bytes):
        target.write_bytes(source)
    else:
        target.write_text(source, encoding="utf-8")


def commit(repo: Path, message: str, date: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD")


def law_repository(repo: Path) -> Path:
    init(repo)
    put(repo, "laws/company-law.md", COMPANY[0])
    put(repo, "laws/grundgesetz.md", GRUNDGESETZ[0])
    put(repo, "laws/oversight.md", OVERSIGHT)
    put(repo, "laws/supervision-law.md", SUPERVISION)
    put(repo, "laws/criminal-law.md", CRIMINAL[0])
    put(repo, "README.md", "# Our laws\n\nOne file per law.\n")
    commit(repo, "The laws as they stood", "2018-10-26T12:00:00+08:00")
    git(repo, "branch", "feature")
    put(repo, "laws/company-law.md", COMPANY[1])
    put(repo, "laws/grundgesetz.md", GRUNDGESETZ[1])
    git(repo, "mv", "laws/oversight.md", "laws/oversight-law.md")
    git(repo, "rm", "-q", "laws/supervision-law.md")
    put(repo, "README.md", "# Our laws\n\nOne file per law, revised.\n")
    commit(repo, "Company law 2023, Grundgesetz 2020, oversight law renamed, supervision law dropped",
           "2023-12-29T12:00:00+08:00")
    git(repo, "checkout", "-q", "feature")
    put(repo, "laws/criminal-law.md", CRIMINAL[1])
    commit(repo, "Criminal law: Amendment XII", "2023-12-29T13:00:00+08:00")
    git(repo, "checkout", "-q", "main")
    return repo


def article_block(text: str, heading: re.Pattern[str], number_line: int) -> tuple[int, int]:
    """Line span [start, end) of the article whose heading is on 1-based line `number_line`:
    up to the next article heading (or the end of the text)."""
    lines = text.split("\n")
    start = number_line - 1
    end = next((k for k in range(start + 1, len(lines)) if heading.match(lines[k])), len(lines))
    return start, end


def delete_cited_article(source: Path) -> tuple[str, str, int]:
    """A generated edit of a real text: the first article that another article cites by
    number is deleted (its lines, up to the next article's heading).

    Returns the edited text, the cited article's number and the 1-based line (in the edited
    text) of the paragraph that still cites it.
    """
    from lawdiff.amend.stale_refs import citations, leaf_nodes
    from lawdiff.akn.load import parse_file

    doc = parse_file(source)
    articles = doc.articles()
    by_number = {a.number: k for k, a in enumerate(articles)}
    for citing in articles:
        for node in leaf_nodes(citing):
            for cite in citations(node.text):
                k = by_number.get(cite.article)
                if k is None or cite.article == citing.number or k + 1 >= len(articles):
                    continue
                start, end = articles[k].line, articles[k + 1].line  # 1-based heading lines
                lines = source.read_text(encoding="utf-8").split("\n")
                kept = lines[:start - 1] + lines[end - 1:]
                citing_line = node.line if node.line < start else node.line - (end - start)
                return "\n".join(kept), cite.article, citing_line
    raise AssertionError(f"{source}: no article cites another")
