"""Source -> Document: choose the parser for the text's language, fill in metadata.

What the caller does not say (`--doc`, `--date`, …) is drawn from the text where it
can be (the title, a date such as `2022年8月30日`), so that every parse gives valid AKN.
"""

from __future__ import annotations

import re
from pathlib import Path

from lawdiff.errors import LawdiffError
from lawdiff.model import Document, Meta, SourceLine
from lawdiff.ingest.source import Source, read_source

CJK = re.compile(r"[\u4e00-\u9fff]")
DATE_ZH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")

# Province-level units whose regulations carry their own AKN country code (ISO 3166-2:CN).
PROVINCES = {
    "北京": "cn-bj", "天津": "cn-tj", "上海": "cn-sh", "重庆": "cn-cq", "河北": "cn-he", "山西": "cn-sx",
    "辽宁": "cn-ln", "吉林": "cn-jl", "黑龙江": "cn-hl", "江苏": "cn-js", "浙江": "cn-zj", "安徽": "cn-ah",
    "福建": "cn-fj", "江西": "cn-jx", "山东": "cn-sd", "河南": "cn-ha", "湖北": "cn-hb", "湖南": "cn-hn",
    "广东": "cn-gd", "海南": "cn-hi", "四川": "cn-sc", "贵州": "cn-gz", "云南": "cn-yn", "陕西": "cn-sn",
    "甘肃": "cn-gs", "青海": "cn-qh", "内蒙古": "cn-nm", "广西": "cn-gx", "西藏": "cn-xz", "宁夏": "cn-nx",
    "新疆": "cn-xj",
}


def detect_language(lines: list[SourceLine]) -> str:
    sample = "".join(l.text for l in lines[:400])
    if not sample:
        return "zho"
    cjk = len(CJK.findall(sample))
    if cjk > len(sample) * 0.1:
        return "zho"
    german = len(re.findall(r"\b(der|die|das|und|nicht|Gesetz|Absatz|Artikel)\b", sample))
    english = len(re.findall(r"\b(the|and|of|shall|Article|Section)\b", sample))
    return "deu" if german > english else "eng"


def validate_slug(slug: str) -> str:
    if not SLUG_RE.match(slug) or ".." in slug or slug.endswith((".", ".lock")):
        raise LawdiffError(
            f"invalid document slug {slug!r}: use lower-case letters, digits, '.', '_' or '-' "
            "(no '/', no '..', at most 100 characters)")
    return slug


_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")


def validate_label(label: str, what: str = "version label") -> str:
    """A version label or title from the user: one line of text, no control characters.

    It goes into commit messages (one `Lawdiff-Version:` trailer per line), XML attributes
    and file names: a newline would forge a trailer, a NUL cannot be stored in XML at all.
    """
    text = label.strip()
    if not text:
        raise LawdiffError(f"the {what} is empty")
    bad = _CONTROL_CHARS.search(text)
    if bad:
        raise LawdiffError(f"invalid {what} {text[:40]!r}: control character U+{ord(bad.group()):04X} "
                           "(one line of text, please)")
    if len(text) > 500:
        raise LawdiffError(f"invalid {what}: {len(text)} characters (at most 500)")
    return text


def validate_date(date: str) -> str:
    import datetime

    if not DATE_ISO.match(date):
        raise LawdiffError(f"invalid date {date!r}: expected YYYY-MM-DD")
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        raise LawdiffError(f"invalid date {date!r}: no such day") from None
    return date


def guess_date(lines: list[SourceLine]) -> str:
    """The latest full date printed in the text's first lines (adoption, amendment, notice)."""
    found: list[str] = []
    for line in lines[:80]:
        for y, m, d in DATE_ZH.findall(line.text):
            found.append(f"{int(y):04d}-{int(m):02d}-{int(d):02d}")
    for candidate in sorted(found, reverse=True):
        try:
            return validate_date(candidate)
        except LawdiffError:
            continue
    return ""


def guess_country(title: str, lang: str) -> str:
    if lang != "zho":
        return {"deu": "de", "eng": "eu"}.get(lang, "un")
    for name, code in PROVINCES.items():
        if title.startswith(name):
            return code
    return "cn"


def parse_source(source: Source, meta: Meta | None = None, lang: str | None = None) -> Document:
    meta = meta or Meta()
    if meta.source_format in ("", "text"):  # Meta's default is "text": the reader knows better
        meta.source_format = source.format
    meta.source_name = meta.source_name or source.name
    if source.format in ("akn", "uslm"):
        from lawdiff.ingest.registry import parse_structured  # structured XML maps straight to the model

        doc = parse_structured(source, meta)
        if lang:  # --lang overrides what the XML says
            doc.meta.lang = lang
    else:
        meta.lang = lang or detect_language(source.lines)
        if meta.lang == "zho":
            from lawdiff.parse.zh import parse_lines
        else:
            from lawdiff.parse.latin import parse_lines  # type: ignore[no-redef]
        doc = parse_lines(source.lines, meta)
    _fill_meta(doc, source)
    doc.warnings[:0] = source.warnings  # what reading changed comes first, in line order
    if not doc.articles():
        raise LawdiffError(f"{source.name}: no article found; this does not look like a legal text")
    return doc


def _fill_meta(doc: Document, source: Source) -> None:
    meta = doc.meta
    title = next((b.lines[0] for b in doc.front if b.role == "title" and b.lines), "")
    if not meta.title:
        meta.title = title or Path(source.name).stem
    if not meta.date:
        meta.date = guess_date(source.lines) or "1970-01-01"
    if not meta.work_date:
        meta.work_date = meta.date
    if not meta.country or meta.country == "cn":
        meta.country = guess_country(meta.title, meta.lang)
    if not meta.slug:
        stem = re.sub(r"[^a-z0-9._-]+", "-", Path(source.name).stem.lower()).strip("-.") or "document"
        meta.slug = stem[:100]
    if not meta.stage:
        meta.stage = "draft" if re.search(r"草案|征求意见|draft|proposal|Entwurf", meta.title + " " + title, re.I) \
            else "adopted"
    if not meta.version:
        meta.version = meta.date


def parse_file(path: str | Path, meta: Meta | None = None, fmt: str | None = None, lang: str | None = None,
               max_bytes: int | None = None) -> Document:
    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    return parse_source(read_source(path, fmt, **kwargs), meta, lang)
