"""Hostile input: XML attacks, oversized files, slugs and labels that try to escape.

Every way into lawdiff that parses XML gets the same payloads (external entities to a
local file and to a local HTTP server, external DTDs, parameter entities, billion laughs,
quadratic blow-up, XInclude, deep nesting).  The promise: a clear refusal (exit 2) or a
result without the payload's effect: no secret in any output, no request to the server,
bounded time and memory.
"""

from __future__ import annotations

import http.server
import os
import resource
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from typing import Iterator

import pygit2
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import CORPUS
import lawdiff.akn.reader as reader
from lawdiff.cli.app import main
from lawdiff.errors import LawdiffError
from lawdiff.parse.dispatch import validate_label, validate_slug
from lawdiff.store.repository import MAX_REF_PART_BYTES, safe_ref_part

SMALL_LAW = CORPUS / "zh/oversight-law/01-adopted-2006-08-27.md"
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
USLM_NS = "http://xml.house.gov/schemas/uslm/1.0"


def cli(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def cli_process(*args: str, memory_mb: int | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess, optionally with its address space capped."""

    def limit() -> None:
        if memory_mb:
            resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))

    return subprocess.run([sys.executable, "-m", "lawdiff", *args], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=limit, env={**os.environ, "LAWDIFF_DEBUG": ""})


def assert_clean_exit(code: int, err: str) -> None:
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err
    if code == 2:
        assert err.startswith("lawdiff: error: ") and err.count("\n") == 1, err


# -- a local server that must never be asked for anything -------------------------------------
class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        _Recorder.hits.append(self.path)
        body = b'<!ENTITY % leak "LEAKED-VIA-DTD">' if self.path.endswith(".dtd") else b"LEAKED-VIA-HTTP"
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture()
def secret(tmp_path: Path) -> tuple[Path, str]:
    value = f"SECRET-{uuid.uuid4().hex}"
    path = tmp_path / "secret.txt"
    path.write_text(value, encoding="utf-8")
    return path, value


def _akn(doctype: str, num: str, extra: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n'
            f'<akomaNtoso xmlns="{AKN_NS}" xmlns:xi="http://www.w3.org/2001/XInclude"><act name="x"><body>'
            f'<article eId="art_1"><num>{num}</num><content><p>第一条 正文。{extra}</p></content></article>'
            f'</body></act></akomaNtoso>\n')


def _uslm(doctype: str, num: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n<bill xmlns="{USLM_NS}"><main>'
            f'<section identifier="/us/bill/1/s1"><num value="1">SEC. 1. {num}</num>'
            f'<content>The Secretary shall act.</content></section></main></bill>\n')


def _html(doctype: str, num: str) -> str:
    return f"{doctype}\n<html><body><h1>某某条例</h1><p>第一条 {num}正文。</p><p>第二条 正文。</p></body></html>\n"


def payloads(secret_path: Path, url: str) -> dict[str, tuple[str, str]]:
    """name -> (DOCTYPE, entity reference or markup to place in the text)."""
    file_url = secret_path.as_uri()
    laughs = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return {
        "xxe-file": (f'<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "{file_url}">]>', "&xxe;"),
        "xxe-http": (f'<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "{url}/entity">]>', "&xxe;"),
        "external-dtd": (f'<!DOCTYPE akomaNtoso SYSTEM "{url}/external.dtd">', "&leak;"),
        "parameter-entity": (f'<!DOCTYPE akomaNtoso [<!ENTITY % p SYSTEM "{url}/param.dtd"> %p;]>', "x"),
        "billion-laughs": (f'<!DOCTYPE akomaNtoso [<!ENTITY l0 "ha">{laughs}]>', "&l9;"),
        "quadratic": (f'<!DOCTYPE akomaNtoso [<!ENTITY big "{"x" * 50_000}">]>', "&big;" * 20_000),
        "xinclude": ("", f'<xi:include href="{file_url}" parse="text"/>'),
    }


ATTACKS = ["xxe-file", "xxe-http", "external-dtd", "parameter-entity", "billion-laughs", "quadratic", "xinclude"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_akn_reader_neither_resolves_nor_fetches(attack: str, secret: tuple[Path, str], server: str) -> None:
    path, value = secret
    doctype, ref = payloads(path, server)[attack]
    _Recorder.hits.clear()
    try:
        doc = reader.from_bytes(_akn(doctype, ref).encode())
    except LawdiffError:
        return  # refused: fine
    text = doc.all_text()
    assert value not in text and "LEAKED" not in text
    assert len(text) < 10_000, "an entity was expanded"
    assert _Recorder.hits == []


@pytest.mark.parametrize("wrap", ["akn", "uslm", "html"])
@pytest.mark.parametrize("attack", ATTACKS)
def test_cli_parse_of_hostile_markup_is_refused_or_neutralised(attack: str, wrap: str, tmp_path: Path,
                                                               secret: tuple[Path, str], server: str) -> None:
    secret_path, value = secret
    doctype, ref = payloads(secret_path, server)[attack]
    if wrap == "html":
        doctype = doctype.replace("akomaNtoso", "html")
    text = {"akn": _akn, "uslm": _uslm, "html": _html}[wrap](doctype, ref)
    path = tmp_path / f"hostile.{'html' if wrap == 'html' else 'xml'}"
    path.write_text(text, encoding="utf-8")
    _Recorder.hits.clear()
    for command in (["parse", str(path)], ["parse", "-f", "text", str(path)], ["check", str(path)]):
        code, out, err = cli(*command)
        assert code in (0, 1, 2), (command, code, err)
        assert "Traceback" not in err
        assert value not in out + err and "LEAKED" not in out + err, command
        assert len(out) < 200_000, f"{command}: {len(out)} characters of output: an entity was expanded"
    assert _Recorder.hits == []


@pytest.mark.parametrize("attack", ATTACKS)
def test_cli_validate_neither_resolves_nor_fetches(attack: str, tmp_path: Path, secret: tuple[Path, str],
                                                   server: str) -> None:
    secret_path, value = secret
    doctype, ref = payloads(secret_path, server)[attack]
    path = tmp_path / "hostile.xml"
    path.write_text(_akn(doctype, ref), encoding="utf-8")
    _Recorder.hits.clear()
    code, out, err = cli("validate", str(path))
    assert code in (0, 1, 2), err
    assert value not in out + err and "LEAKED" not in out + err
    assert _Recorder.hits == []


def test_billion_laughs_is_bounded_in_a_real_process(tmp_path: Path, secret: tuple[Path, str], server: str) -> None:
    """With 300 MB of address space, expanding 10^9 laughs (3 GB) would fail or be killed."""
    doctype, ref = payloads(secret[0], server)["billion-laughs"]
    for name, text in (("laughs.xml", _akn(doctype, ref)), ("laughs.html", _html(doctype, ref))):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        for command in (["parse", str(path)], ["validate", str(path)]):
            result = cli_process(*command, memory_mb=1024, timeout=60)
            assert result.returncode in (0, 1, 2), (command, result.returncode, result.stderr[-500:])
            assert "Traceback" not in result.stderr
            assert len(result.stdout) < 200_000


def test_deep_nesting_is_refused_not_a_crash(tmp_path: Path) -> None:
    depth = 100_000
    text = _akn("", "x", extra="<b>" * depth + "deep" + "</b>" * depth)
    path = tmp_path / "deep.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LawdiffError):
        reader.from_bytes(text.encode())
    for command in (["parse", str(path)], ["validate", str(path)]):
        result = cli_process(*command, timeout=60)
        assert result.returncode in (1, 2), (command, result.returncode, result.stderr[-300:])
        assert "Traceback" not in result.stderr and "Segmentation" not in result.stderr


# -- size limits and bounded memory -------------------------------------------------------------
def test_size_limit_has_a_clear_message_and_is_configurable(tmp_path: Path) -> None:
    size = SMALL_LAW.stat().st_size
    code, _out, err = cli("parse", str(SMALL_LAW), "--max-bytes", str(size - 1))
    assert code == 2
    assert "over the limit" in err and "--max-bytes" in err and err.count("\n") == 1
    code, _out, err = cli("parse", str(SMALL_LAW), "--max-bytes", str(size))
    assert code == 0, err


def test_a_file_over_the_default_limit_is_refused_without_being_read(tmp_path: Path) -> None:
    """A 4 GiB sparse file under a 600 MiB address-space cap: reading it would fail with MemoryError."""
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(4 << 30)
    repo = tmp_path / "repo"
    assert cli("init", str(repo))[0] == 0
    for command in (["parse", str(huge)],
                    ["--repo", str(repo), "import", str(huge), "--doc", "huge", "--date", "2020-01-01"]):
        result = cli_process(*command, memory_mb=600)
        assert result.returncode == 2, result.stderr
        assert "over the limit" in result.stderr, result.stderr


# -- slugs and version labels ---------------------------------------------------------------------
BAD_SLUGS = ["../evil", "/tmp/evil", "a/b", "..", ".", ".git", "A", "-x", "x.lock", "x..y", "", " ", "x\ny",
             "a" * 101, "ü", "x/", "~x", "x:y", "x\\y", "lawdiff.json"]


@pytest.mark.parametrize("slug", BAD_SLUGS)
def test_hostile_slugs_are_refused_and_nothing_is_written(slug: str, tmp_path: Path) -> None:
    repo = tmp_path / "work" / "repo"
    assert cli("init", str(repo))[0] == 0
    before_outside = sorted(p.name for p in tmp_path.rglob("*") if repo not in p.parents and p != repo)
    before_refs = {r: str(pygit2.Repository(str(repo)).references[r].target) for r in
                   pygit2.Repository(str(repo)).references}
    code, _out, err = cli("--repo", str(repo), "import", str(SMALL_LAW), "--doc", slug, "--date", "2006-08-27")
    assert code == 2, err
    assert err.startswith("lawdiff: error: ") and err.count("\n") == 1, err
    assert sorted(p.name for p in tmp_path.rglob("*") if repo not in p.parents and p != repo) == before_outside
    r = pygit2.Repository(str(repo))
    assert {name: str(r.references[name].target) for name in r.references} == before_refs


HOSTILE_LABELS = ["../../../etc/passwd", "refs/heads/main", "main", "HEAD", "a..b", "x@{1}", "v1.lock", "~^:?*[\\",
                  ".hidden", "-", "...", "@", "v1/", "/v1", "v 1", "第二次审议稿", "\u202eevil", "ｖ１", "v1", "V1",
                  "x" * 400, "长" * 300, "a/../../b", "😀", "e\u0301", "COM1", "nul"]


def test_hostile_labels_give_valid_distinct_tags_inside_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    assert cli("init", str(repo))[0] == 0
    text = SMALL_LAW.read_text(encoding="utf-8")
    for i, label in enumerate(HOSTILE_LABELS):
        source = tmp_path / f"v{i}.md"  # a different text each time, or import would say "already imported"
        source.write_text(text + f"\n<!-- {i} -->\n", encoding="utf-8")
        code, _out, err = cli("--repo", str(repo), "import", str(source), "--doc", "law", "--date", "2006-08-27",
                              "--version", label)
        assert code == 0, (label, err)
    r = pygit2.Repository(str(repo))
    tags = sorted(name for name in r.references if name.startswith("refs/tags/"))
    assert len(tags) == len(HOSTILE_LABELS)
    assert len({t.casefold() for t in tags}) == len(tags)
    assert all(t.startswith("refs/tags/law/") and t.count("/") == 3 for t in tags), tags
    assert [name for name in r.references if not name.startswith("refs/tags/")] == ["refs/heads/main"]
    for tag in tags:
        assert pygit2.reference_is_valid_name(tag), tag
        assert len(tag.rsplit("/", 1)[1].encode()) <= MAX_REF_PART_BYTES
    fsck = subprocess.run(["git", "-C", str(repo), "fsck", "--strict"], capture_output=True, text=True)
    assert fsck.returncode == 0 and not fsck.stdout.strip(), fsck.stdout + fsck.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["repo"] + [f"v{i}.md" for i in range(len(HOSTILE_LABELS))])
    # every label can be asked for again, by label
    for label in HOSTILE_LABELS:
        code, _out, err = cli("--repo", str(repo), "show", f"law@{label}", "--format", "json")
        assert code == 0, (label, err)


@pytest.mark.parametrize("label", ["v1\nLawdiff-Version: forged", "v1\rx", "v\x001", "v\x1b[31m", "\u2028", "  ",
                                   "x" * 501])
def test_labels_that_would_forge_trailers_or_break_xml_are_refused(label: str, tmp_path: Path) -> None:
    with pytest.raises(LawdiffError):
        validate_label(label)
    repo = tmp_path / "repo"
    assert cli("init", str(repo))[0] == 0
    if "\x00" in label:
        return  # a command line cannot carry NUL; the manifest path goes through validate_label too
    code, _out, err = cli("--repo", str(repo), "import", str(SMALL_LAW), "--doc", "law", "--date", "2006-08-27",
                          "--version", label)
    assert code == 2 and err.count("\n") == 1, err


@settings(max_examples=300, deadline=None, derandomize=True)
@given(label=st.text(min_size=1, max_size=300))
def test_any_label_makes_one_valid_ref_component(label: str) -> None:
    part = safe_ref_part(label)
    assert part and "/" not in part
    assert len(part.encode("utf-8")) <= MAX_REF_PART_BYTES
    assert pygit2.reference_is_valid_name(f"refs/tags/law/{part}"), part


@settings(max_examples=300, deadline=None, derandomize=True)
@given(slug=st.text(min_size=0, max_size=120))
def test_any_accepted_slug_is_one_plain_path_component(slug: str) -> None:
    try:
        validate_slug(slug)
    except LawdiffError:
        return
    assert "/" not in slug and "\\" not in slug and slug not in (".", "..") and not slug.startswith(".")
    assert pygit2.reference_is_valid_name(f"refs/tags/{slug}/v1")
    assert slug == slug.strip() and slug.isascii()


# -- regular expressions: no quadratic (or worse) time on long hostile lines ---------------------
import importlib  # noqa: E402
import pkgutil  # noqa: E402
import re  # noqa: E402
import time  # noqa: E402

import lawdiff  # noqa: E402

# Runs of what law texts and their markup are made of: blanks, markers, bullets, table rules.
RUNS = [" ", "\t", "\u3000", "  x", "第一条", "第", "法", "a", "-", "=", "|", "*", "#", "（一）", "1.", "- ", ":",
        "__", "[", "<", "wird ", "„", "§ ", "§ 1 und ", "Abs. 1, ", "Article 1(1) and "]
MODULES = sorted(m.name for m in pkgutil.walk_packages(lawdiff.__path__, "lawdiff.") if m.name != "lawdiff.__main__")
@pytest.mark.parametrize("module", MODULES)
def test_no_regular_expression_is_superlinear_on_long_runs(module: str) -> None:
    """A 10,000-character run takes milliseconds for a linear pattern and seconds for a quadratic one."""
    mod = importlib.import_module(module)
    slow: list[str] = []
    for name, pattern in sorted(vars(mod).items()):
        if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
            continue
        for unit in RUNS:
            for tail in ("", "\x01"):
                text = unit * (10_000 // len(unit)) + tail
                started = time.perf_counter()
                pattern.match(text)
                pattern.search(text)
                pattern.sub("", text)
                took = time.perf_counter() - started
                if took > 0.2:
                    slow.append(f"{name} on {unit!r}*n+{tail!r}: {took:.2f} s")
                    break
            if slow:
                break  # one is enough to fail; the rest would only cost time
        if slow:
            break
    assert not slow, slow


@pytest.mark.parametrize("title", ["a" + "(x)" * 30_000, "a" + "（x） " * 30_000, " " * 100_000 + ")",
                                   "(" * 50_000 + ")" * 50_000, "法" * 100_000])
def test_a_title_of_many_notes_or_blanks_is_read_in_linear_time(title: str) -> None:
    """title_key cuts trailing bracketed notes one by one: 30,000 of them take milliseconds when
    each cut is constant work, and minutes when each copies the title."""
    from lawdiff.text.normalize import title_key

    started = time.perf_counter()
    key = title_key(title)
    assert time.perf_counter() - started < 0.5
    assert key in ("a", ")", "法" * 100_000) or key.startswith("(")


def _zip_bomb_docx(path: Path, unpacked: int) -> None:
    """A tiny .docx whose document.xml unpacks to `unpacked` bytes (blanks compress ~1000:1)."""
    import zipfile

    head = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            block = b" " * (1 << 20)
            for _ in range(unpacked >> 20):
                part.write(block)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")


def test_a_docx_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    from lawdiff.ingest.docx import MAX_UNPACKED_BYTES

    bomb = tmp_path / "bomb.docx"
    _zip_bomb_docx(bomb, MAX_UNPACKED_BYTES + (8 << 20))
    assert bomb.stat().st_size < 2 << 20  # small on disk: the size limit on the file does not catch it
    result = cli_process("parse", str(bomb), memory_mb=700)
    assert result.returncode == 2, result.stderr
    assert "unpack" in result.stderr and "over the limit" in result.stderr, result.stderr


def _pdf_bomb(path: Path, unpacked: int) -> None:
    """A small PDF whose one content stream inflates to `unpacked` bytes of blanks."""
    import zlib

    squeeze = zlib.compressobj(1)
    stream = squeeze.compress(b"BT /F1 12 Tf 72 720 Td (Article 1 text.) Tj ET\n")
    block = b" " * (1 << 20)
    for _ in range(unpacked >> 20):
        stream += squeeze.compress(block)
    stream += squeeze.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(out)


def test_a_pdf_decompression_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    _pdf_bomb(bomb, 300 << 20)
    assert bomb.stat().st_size < 2 << 20
    result = cli_process("parse", str(bomb), memory_mb=700)
    assert result.returncode == 2, result.stderr
    assert "unpack" in result.stderr and "over the limit" in result.stderr, result.stderr
