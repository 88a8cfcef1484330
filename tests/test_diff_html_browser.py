"""`lawdiff diff --format html` (and markdown) on hostile law texts: shown literally, nothing runs.

The site's own escaping is tested in test_site.py / test_site_browser.py; this covers the
diff command's HTML, which people attach to CI runs and mail around.  Every payload sets
`window.__pwned` if it ever runs; the page is opened in Debian's Chromium (Playwright).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "\"><svg onload=window.__pwned='svg'>",
    "' onmouseover='window.__pwned=1' x='",
    "javascript:window.__pwned='link'",
    "</textarea></style></title><script>window.__pwned='breakout'</script>",
    "<!-- x --><iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\">",
    "{{ 7*7 }}{% raw %}${7*7}",
    "&lt;script&gt;literal&amp;",
]
TITLE = "<script>window.__pwned='title'</script>测试条例"


def _law(version: int) -> str:
    """A small law whose title, headings and texts carry the payloads; version 2 changes each article."""
    lines = [TITLE, "", "第一章 总则<svg onload=window.__pwned='chapter'>", ""]
    for n, payload in enumerate(PAYLOADS, start=1):
        from lawdiff.text.numerals import int_to_zh

        heading = f"（标题{payload[:30]}）" if n % 2 else ""
        body = f"本条规定{payload}的处理办法。" if version == 1 else f"本条改为规定{payload}的新办法，并增加内容。"
        lines += [f"第{int_to_zh(n)}条 {heading}{body}", ""]
    if version == 2:
        lines += [f"第{len(PAYLOADS) + 1}条 新增条文{PAYLOADS[0]}。", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("diffhtml")
    a, b = root / "a.txt", root / "b.txt"
    a.write_text(_law(1), encoding="utf-8")
    b.write_text(_law(2), encoding="utf-8")
    out: dict[str, Path] = {}
    for fmt in ("html", "markdown"):
        result = subprocess.run([sys.executable, "-m", "lawdiff", "diff", str(a), str(b), "--format", fmt],
                                capture_output=True, timeout=120)
        assert result.returncode in (0, 1), result.stderr.decode()  # diff(1): 1 = differences
        path = root / f"diff.{'html' if fmt == 'html' else 'md'}"
        path.write_bytes(result.stdout)
        out[fmt] = path
    # the same through a repository: labels and titles are metadata there
    repo = root / "repo"
    subprocess.run([sys.executable, "-m", "lawdiff", "init", str(repo)], check=True, capture_output=True)
    for n, path in ((1, a), (2, b)):
        label = "<b onmouseover=window.__pwned='label'>草案</b>" if n == 1 else "\"><script>window.__pwned=2</script>"
        subprocess.run([sys.executable, "-m", "lawdiff", "--repo", str(repo), "import", str(path), "--doc", "hostile",
                        "--version", label, "--date", f"202{n}-01-01", "--stage", "draft"],
                       check=True, capture_output=True)
    result = subprocess.run([sys.executable, "-m", "lawdiff", "--repo", str(repo), "diff", "hostile", "--format",
                             "html"], capture_output=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr.decode()
    out["repo-html"] = root / "repo-diff.html"
    out["repo-html"].write_bytes(result.stdout)
    return out


def _active_content(page: bytes | str) -> list[str]:
    """Elements and attributes in an HTML page that could run or load something."""
    doc = lxml_html.fromstring(page)
    # a <style> of the page itself (in <head>) is fine; one inside the content came from the text
    found = [f"<{el.tag}>" for el in doc.xpath(
        "//script | //iframe | //svg | //img | //object | //embed | //body//style | //div//style")]
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            if name.lower().startswith("on") or value.strip().lower().startswith("javascript:"):
                found.append(f"<{el.tag} {name}={value!r}>")
    return found


@pytest.mark.parametrize("which", ["html", "repo-html"])
def test_diff_html_has_no_active_content(outputs: dict[str, Path], which: str) -> None:
    page = outputs[which].read_bytes()
    assert _active_content(page) == []
    text = lxml_html.fromstring(page).text_content()
    for payload in PAYLOADS[:5]:
        assert payload.split(">")[0][:20] in text, payload  # shown as text
    assert "{{ 7*7 }}" in text and "49" not in text  # never evaluated as a template
    assert "&lt;script&gt;literal&amp;" in text  # escaped once, not twice, not unescaped


def test_diff_markdown_renders_without_active_content(outputs: dict[str, Path]) -> None:
    """Markdown viewers (GitHub, GitLab) render raw HTML: rendered by a CommonMark renderer
    with raw HTML allowed, the law's markup must come out as text."""
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(
        outputs["markdown"].read_text(encoding="utf-8"))
    assert _active_content(f"<div>{rendered}</div>") == []
    text = lxml_html.fromstring(f"<div>{rendered}</div>").text_content()
    assert "<script>window.__pwned='script'</script>" in text


@pytest.mark.parametrize("which", ["html", "repo-html"])
def test_nothing_runs_in_a_real_browser(outputs: dict[str, Path], browser: Browser, which: str) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(outputs[which].as_uri())
    page.mouse.move(10, 10)
    for box in page.locator("body *").all()[:200]:  # hover everything a payload could hook on
        try:
            box.hover(timeout=200)
        except Exception:  # noqa: BLE001 - invisible elements cannot be hovered; that is fine
            pass
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert [u for u in requests if not u.startswith("file:")] == []
    body = page.inner_text("body")
    assert "<script>window.__pwned='script'</script>" in body
    page.close()
