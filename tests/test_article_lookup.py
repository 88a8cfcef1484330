"""One article lookup for `show --article` and `diff --article` (lawdiff.akn.select): every
spelling a reader may type (Arabic, 第X条之Y, X之Y, the eId) names the same article, on a real
law with inserted articles (刑法, 第一百三十四条之一)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import CORPUS
from lawdiff.akn.select import find_article
from lawdiff.akn.eids import assign_eids
from lawdiff.cli.app import main
from lawdiff.errors import LawdiffError
from lawdiff.akn.load import parse_file

CRIMINAL = [CORPUS / "zh" / "criminal-law" / n for n in ("01-amended-2020-12-26.md", "02-amended-2023-12-29.md")]
INSERTED = ("art_134-1", "134-1", "第一百三十四条之一", "134之1", "一百三十四条之一")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lookup") / "repo"
    assert run("init", str(path))[0] == 0
    code, _, err = run("--repo", str(path), "import", str(CRIMINAL[0]), "--doc", "criminal-law",
                       "--version", "2020", "--date", "2020-12-26", "--stage", "amended")
    assert code == 0, err
    return path


def test_every_article_is_found_by_its_eid_its_number_and_its_printed_num() -> None:
    doc = parse_file(CRIMINAL[0])
    article_eids = assign_eids(doc)
    inserted = [art for art in doc.articles() if "-" in art.number]
    assert len(inserted) > 50  # the criminal law carries many 第X条之Y
    for art in doc.articles():
        assert find_article(doc, article_eids[id(art)]) is art
        assert find_article(doc, art.num) is art
        assert find_article(doc, art.number) is art


def test_show_article_by_eid_of_an_inserted_article(repo: Path) -> None:
    outputs = {run("--repo", str(repo), "show", "criminal-law", "--article", spelling) for spelling in INSERTED}
    assert len(outputs) == 1
    code, out, err = outputs.pop()
    assert code == 0 and not err
    assert out.startswith("第一百三十四条之一 ")
    assert "第一百三十四条 " not in out and "第一百三十五条" not in out  # that article only
    code, plain, _ = run("--repo", str(repo), "show", "criminal-law", "--article", "134")
    assert code == 0 and plain.startswith("第一百三十四条 ") and "之一" not in plain.splitlines()[0]


def test_show_article_as_json_and_xml(repo: Path) -> None:
    code, out, _ = run("--repo", str(repo), "show", "criminal-law", "--article", "art_134-1", "--format", "json")
    assert code == 0 and json.loads(out)["number"] == "134-1"
    code, out, _ = run("--repo", str(repo), "show", "criminal-law", "--article", "第一百三十四条之一", "--format", "xml")
    assert code == 0 and '<article eId="art_134-1"' in out and out.count("<article ") == 1
    assert 'eId="art_134"' not in out and 'eId="art_135"' not in out


def test_unknown_article_is_one_line_and_exit_2(repo: Path) -> None:
    for spelling in ("art_134-9", "9999", "第九千条"):
        code, out, err = run("--repo", str(repo), "show", "criminal-law", "--article", spelling)
        assert code == 2 and out == ""
        assert err == f"lawdiff: error: no article {spelling!r} in this version\n"
    with pytest.raises(LawdiffError):
        find_article(parse_file(CRIMINAL[0]), "art_134-9")


def test_diff_article_takes_the_same_spellings() -> None:
    files = [str(p) for p in CRIMINAL]
    outputs = {run("diff", *files, "--article", spelling)[1] for spelling in INSERTED}
    assert len(outputs) == 1
    out = outputs.pop()
    assert "== 第一百三十四条之一 (unchanged)" in out
    assert "第一百三十四条 " not in out.replace("第一百三十四条之一", "")
