"""Source -> Document: choose the parser for the text's language, fill in metadata.

What the caller does not say (`--doc`, `--date`, …) is drawn from the text where it
can be (the title, a date such as `2022年8月30日`), so that every parse gives valid AKN.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from lawdiff.errors import LawdiffError, NotALawError
from lawdiff.ingest.source import Source
from lawdiff.model import Document, Meta, SourceLine
from lawdiff.parse.country import guess_country
from lawdiff.text.dates import ISO_DATE, find_zh_dates, is_real_date
from lawdiff.text.scripts import HAN_RE

# Formats whose XML already carries the structure: mapped onto the model, not parsed as text.
# The parsers of XML formats that carry their own structure, imported when such a file comes:
# they import lxml, ~8 ms of start-up (python -X importtime) that a text never needs.
STRUCTURED: dict[str, str] = {"akn": "lawdiff.parse.akn_foreign", "uslm": "lawdiff.parse.uslm"}

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")


def detect_language(lines: list[SourceLine]) -> str:
    sample = "".join(l.text for l in lines[:400])
    if not sample:
        return "zho"
    cjk = len(HAN_RE.findall(sample))
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
    if not ISO_DATE.match(date):
        raise LawdiffError(f"invalid date {date!r}: expected YYYY-MM-DD")
    if not is_real_date(date):
        raise LawdiffError(f"invalid date {date!r}: no such day")
    return date


UNSTATED_DATE = "1970-01-01"  # the stand-in date of a text that states none (AKN needs a date)


def guess_date(lines: list[SourceLine]) -> str:
    """The latest full date printed in the text's first lines (adoption, amendment, notice)."""
    found = [date for line in lines[:80] for date in find_zh_dates(line.text)]
    return next((date for date in sorted(found, reverse=True) if is_real_date(date)), "")


def parse_source(source: Source, meta: Meta | None = None, lang: str | None = None) -> Document:
    meta = prepare_meta(source, meta)
    if source.format in STRUCTURED:
        parse = importlib.import_module(STRUCTURED[source.format]).parse
        return finish(parse(source, meta), source, lang)  # the XML's own structure
    meta.lang = lang or detect_language(source.lines)
    # Each language's parser is imported when a text in it comes: importing the Latin one
    # compiles ~32 ms of patterns, the Chinese one ~9 ms (measured, -X importtime), and a
    # run reads one language far more often than both.
    if meta.lang == "zho":
        from lawdiff.parse.zh import parse_lines

        doc = parse_lines(source.lines, meta)
        if not doc.has_articles():  # a text of items or headed sections: levels are its units
            from lawdiff.parse.zh_units import parse_lines as parse_units

            doc = parse_units(source.lines, meta)
        return finish(doc, source)
    from lawdiff.parse.latin import parse_lines as parse_latin

    return finish(parse_latin(source.lines, meta), source)


def prepare_meta(source: Source, meta: Meta | None) -> Meta:
    """The caller's metadata (or an empty one) with the source's format and name filled in."""
    meta = meta or Meta()
    if meta.source_format in ("", "text"):  # Meta's default is "text": the reader knows better
        meta.source_format = source.format
    meta.source_name = meta.source_name or source.name
    return meta


def finish(doc: Document, source: Source, lang: str | None = None) -> Document:
    """What every parse ends with: `lang` (--lang) over what the input says, the metadata the
    caller left out drawn from the text, the reader's warnings first; no article is an error."""
    if lang:
        doc.meta.lang = lang
    _fill_meta(doc, source)
    doc.warnings[:0] = source.warnings  # what reading changed comes first, in line order
    if not doc.has_articles():
        raise NotALawError(f"{source.name}: no article found; this does not look like a legal text")
    if not doc.has_text():
        raise LawdiffError(f"{source.name}: no text found (the input is empty)")
    return doc


def _fill_meta(doc: Document, source: Source) -> None:
    meta = doc.meta
    title = next((b.lines[0] for b in doc.front if b.role == "title" and b.lines), "")
    if not meta.title:
        meta.title = title
    if not meta.title:
        meta.title = Path(source.name).stem
        meta.stand_ins.add("title")
    if not meta.date:
        meta.date = guess_date(source.lines)
    if not meta.date:
        meta.date = UNSTATED_DATE
        meta.stand_ins.add("date")
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
        if "date" in meta.stand_ins:
            meta.stand_ins.add("version")
