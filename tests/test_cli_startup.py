"""Start-up: `lawdiff --help` and `lawdiff diff` import only what they use (issue 10), and the
command list `--help` prints without importing the commands agrees with the commands."""

from __future__ import annotations

import subprocess
import sys

import click

from helpers import CORPUS
from lawdiff.cli.app import COMMANDS, main

CRIMINAL = [str(CORPUS / "zh" / "criminal-law" / n) for n in ("01-amended-2020-12-26.md", "02-amended-2023-12-29.md")]

# Runs the real entry point (python -m lawdiff ARGS) and lists the modules it imported on stderr.
_PROBE = """
import runpy, sys
sys.argv = ["lawdiff"] + sys.argv[1:]
try:
    runpy.run_module("lawdiff", run_name="__main__")
except SystemExit:
    pass
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
"""


def imported_by(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=True)
    return set(done.stderr.split())


def test_help_lists_the_summaries_each_command_gives() -> None:
    ctx = click.Context(main)
    for name, (_module, _function, summary) in COMMANDS.items():
        command = main.get_command(ctx, name)
        assert command is not None and command.name == name
        assert command.get_short_help_str(1000) == summary, name


def test_help_imports_no_command() -> None:
    modules = imported_by("--help")
    assert "lawdiff.cli.app" in modules and "click" in modules
    heavy = {"importlib.metadata", "pygit2", "lxml", "jinja2", "lawdiff.model", "lawdiff.compare",
             "lawdiff.store", "lawdiff.parse", "lawdiff.cli.diff", "lawdiff.cli.repository"}
    assert not heavy & modules


def test_diff_of_two_files_imports_neither_the_store_nor_other_formats() -> None:
    modules = imported_by("diff", *CRIMINAL, "--format", "text")
    assert {"lawdiff.cli.diff", "lawdiff.compare.differ", "lawdiff.compare.formats.text"} <= modules
    unused = {"pygit2", "lawdiff.store.repository", "jinja2", "lawdiff.compare.formats.html",
              "lawdiff.amend", "lawdiff.site", "lawdiff.cli.repository", "lawdiff.cli.amend"}
    assert not unused & modules


def test_diff_finds_its_word_index_without_the_temp_dir_module() -> None:
    # `tempfile` (with shutil, random and the compression modules it brings) is needed only to
    # write the segmenter's index, once per dictionary; the first run may write it.
    imported_by("diff", *CRIMINAL, "--format", "json")
    modules = imported_by("diff", *CRIMINAL, "--format", "json")
    assert "lawdiff.text.segmenter" in modules
    assert not {"tempfile", "shutil", "random"} & modules


def test_diff_of_two_text_files_imports_no_xml_reader() -> None:
    """lxml and the readers of other formats are imported when a file of their format comes."""
    civil_code = str(CORPUS / "zh" / "civil-code" / "01-adopted-2020-05-28.txt")
    modules = imported_by("diff", civil_code, civil_code, "--format", "json")
    assert {"lawdiff.ingest.registry", "lawdiff.parse.zh", "lawdiff.compare.formats.json"} <= modules
    unused = {"lxml", "lawdiff.akn.reader", "lawdiff.ingest.xml", "lawdiff.ingest.docx", "lawdiff.ingest.html",
              "lawdiff.ingest.markdown", "lawdiff.ingest.pdf", "lawdiff.parse.akn_foreign", "lawdiff.parse.uslm",
              "pkg_resources", "jieba.finalseg.prob_emit", "_hashlib"}
    assert not unused & modules
    markdown = imported_by("diff", *CRIMINAL, "--format", "json")
    assert {"lawdiff.ingest.markdown", "lawdiff.text.segmenter"} <= markdown  # redlined: the segmenter cut them
    assert not {"jieba", "logging"} & markdown  # jieba's cut of a block needs neither (text.segmenter)
    assert not {"pkg_resources", "jieba.finalseg.prob_emit", "_hashlib", "lawdiff.ingest.docx"} & markdown
    assert "lxml" not in markdown  # imported for a line of raw HTML only; these files hold none
