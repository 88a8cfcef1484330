"""`lawdiff amend` and `lawdiff apply`, plus the parts of `import --amends` and `check SLUG`.

    lawdiff amend SLUG [FROM [TO]]     the instrument turning FROM into TO (default: the two latest)
    lawdiff amend FILE_A FILE_B        the same for two files
    lawdiff apply BASE INSTRUMENT      BASE (a file or SLUG[@VERSION]) with the instrument applied

`amend` exits 0 when the instrument it wrote reproduces TO exactly (it checks by
applying it), 1 when some articles do not come out right (listed on stderr).  `apply`
prints the consolidated text on stdout and one line per item on stderr; it exits 0
when every item applied, 1 when some did not.  Errors: one line, exit 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lawdiff.akn.display import document_view
from lawdiff.akn.writer import to_bytes
from lawdiff.amend.apply.engine import apply_instrument
from lawdiff.amend.apply.report import ApplyResult
from lawdiff.amend.instrument import Instrument
from lawdiff.amend.planner import AmendOptions, amend_from_diff, article_word, default_style, pairs_from_diff
from lawdiff.amend.reader import parse_instrument
from lawdiff.amend.stale_refs import consequential_items, stale_references
from lawdiff.amend.writer import item_text, label_items, render_akn, render_markdown
from lawdiff.cli.inputs import load_document, load_pair, open_store, split_ref
from lawdiff.compare.differ import compare
from lawdiff.compare.result import DiffResult
from lawdiff.errors import LawdiffError
from lawdiff.ingest.source import decode
from lawdiff.model import Document, Meta

if TYPE_CHECKING:
    from lawdiff.store.repository import Store


def read_instrument(path: str, lang: str | None = None) -> tuple[Instrument, bytes]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LawdiffError(f"{path}: {exc.strerror or exc}") from None
    return parse_instrument(decode(data, path), lang), data


@click.command("amend")
@click.argument("args", nargs=-1, required=True, metavar="SLUG [FROM [TO]] | FILE_A FILE_B")
@click.option("--format", "out_format", type=click.Choice(["text", "markdown", "xml"]), default="text",
              show_default=True, help="text, Markdown, or Akoma Ntoso (<doc name=\"amendment\">).")
@click.option("--style", type=click.Choice(["zh", "de", "en"]), default=None,
              help="NPC drafting style (zh), German Änderungsbefehle (de) or English style (en); "
                   "default: by the law's language.")
@click.option("--explicit-renumbering", is_flag=True,
              help="List renumbered articles (将第X条改为第Y条) instead of 本决定对条文顺序作相应调整.")
@click.option("--cite", default="", help="The law's short name before article numbers, e.g. 刑法.")
@click.option("--form", "form", type=click.Choice(["decision", "amendment"]), default="decision", show_default=True,
              help="decision: 关于修改……的决定, the smallest forms; amendment: 修正案, changed articles and "
                   "paragraphs restated whole.")
@click.option("--consequential", is_flag=True,
              help="Also list citations that still use old numbers, with the amendments they need.")
@click.option("--date", default=None, help="The instrument's date in the AKN output (default: TO's date).")
@click.option("--input-format", help="Input format of FILE_A/FILE_B (default: detected).")
@click.option("--lang", help="Language of FILE_A/FILE_B (default: detected).")
def amend(args: tuple[str, ...], out_format: str, style: str | None, explicit_renumbering: bool, cite: str,
          form: str, consequential: bool, date: str | None, input_format: str | None, lang: str | None) -> None:
    """Write the amending instrument that turns FROM into TO.

    Numbers refer to FROM's articles, as in real instruments.  The instrument is checked
    by applying it to FROM; exit 1 (with the articles listed) when it does not give TO exactly.
    """
    old, new = load_pair(args, input_format, lang, verb="amend")
    diff = compare(old, new)
    amendment = amend_from_diff(diff, old, new, AmendOptions(style=style or "", cite=cite, form=form,
                                                             explicit_renumbering=explicit_renumbering))
    use_style = style or default_style(old.meta.lang)
    if out_format == "xml":
        sys.stdout.buffer.write(render_akn(amendment.instrument, use_style, old.meta, date or new.meta.date, cite))
    elif out_format == "markdown":
        click.echo(render_markdown(amendment.instrument, use_style, cite), nl=False)
    else:
        click.echo(amendment.text, nl=False)
    if consequential:
        _print_consequential(old, new, diff, use_style)
    n = len(amendment.instrument.items)
    if amendment.problems:
        for problem in amendment.problems:
            click.echo(f"lawdiff: not reproduced exactly: {problem}", err=True)
        click.echo(f"{n} item(s); applying them to FROM does not give TO for "
                   f"{len(amendment.problems)} article(s)", err=True)
        sys.exit(1)
    click.echo(f"{n} item(s); checked: applied to FROM they give TO exactly", err=True)


# The consequential list's words, by instrument style: nothing to do; the citations; the items.
CONSEQUENTIAL_WORDS = {
    "zh": ("（无需相应修改：没有仍引用原条文序号的条文。）", "需要相应修改的引用：", "相应修改（条文序号为修改后的序号）："),
    "de": ("(No citation still uses an old article number.)", "Citations that still use old numbers:",
           "Folgeänderungen (Paragraphen in der neuen Zählung):"),
    "en": ("(No citation still uses an old article number.)", "Citations that still use old numbers:",
           "Consequential amendments (articles as now numbered):"),
}


def _print_consequential(old: Document, new: Document, diff: DiffResult, style: str) -> None:
    nothing, heading, items_heading = CONSEQUENTIAL_WORDS[style]
    stale = stale_references(old, new, pairs_from_diff(diff))
    click.echo("")
    if not stale:
        click.echo(nothing)
        return
    click.echo(heading)
    for ref in stale:
        click.echo(f"- {ref.message()}")
    items = consequential_items(new, stale)
    if items:
        instrument = Instrument(items=items)
        label_items(instrument, style)
        click.echo("")
        click.echo(items_heading)
        for item in instrument.items:
            click.echo(item_text(item, style, word=article_word(new)))


@click.command("apply")
@click.argument("base")
@click.argument("instrument", type=click.Path(dir_okay=False))
@click.option("--format", "out_format", type=click.Choice(["text", "xml", "json"]), default="text",
              show_default=True, help="The consolidated version: plain text, Akoma Ntoso, or JSON.")
@click.option("--input-format", help="Input format of BASE when it is a file (default: detected).")
@click.option("--lang", help="Language of the instrument (default: detected).")
def apply(base: str, instrument: str, out_format: str, input_format: str | None, lang: str | None) -> None:
    """Apply an amending INSTRUMENT to BASE (a file, or SLUG[@VERSION] in the repository).

    The consolidated next version goes to stdout, one report line per item to stderr.
    Exit status: 0 every item applied, 1 some did not, 2 error.
    """
    doc = load_document(base, input_format, None)
    parsed, _data = read_instrument(instrument, lang)
    result = apply_instrument(doc, parsed)
    if out_format == "xml":
        sys.stdout.buffer.write(to_bytes(result.doc))
        sys.stdout.flush()
    else:
        click.echo(document_view(result.doc, out_format))
    _report(result)
    sys.exit(0 if result.ok else 1)


def _report(result: ApplyResult) -> None:
    for report in result.reports:
        click.echo(report.line_text(), err=True)
    counts = result.counts
    click.echo(f"{counts['applied']} applied, {counts['not applied']} not applied, {counts['noted']} noted "
               "(no change to the text)", err=True)


# -- import --amends ---------------------------------------------------------------------------
def import_amended(store: Store, instrument_path: str, amends: str, meta: Meta) -> None:
    """Apply the instrument to SLUG@VERSION and record the result as the document's next version,
    with the instrument in its lifecycle (passiveModifications)."""
    slug, label = split_ref(amends)
    if meta.slug and meta.slug != slug:
        raise LawdiffError(f"--doc {meta.slug} differs from --amends {slug}")
    versions = store.versions(slug)
    base_version = store.version(slug, label)
    if versions and base_version.label != versions[-1].label:
        raise LawdiffError(f"{slug}@{base_version.label} is not the latest version ({versions[-1].label}); "
                           "an instrument can only make the next version")
    base = store.document(slug, base_version.label)
    parsed, data = read_instrument(instrument_path)
    result = apply_instrument(base, parsed)
    failed = [r for r in result.reports if r.status == "not applied"]
    if failed:
        raise LawdiffError(f"{len(failed)} of {len(result.reports)} item(s) not applied (item {failed[0].label}: "
                           f"{failed[0].reason}); nothing imported — see `lawdiff apply`")
    doc = result.doc
    doc.warnings = []
    doc.meta.slug = slug
    doc.meta.version = meta.version or meta.date
    doc.meta.date = meta.date
    doc.meta.stage = meta.stage or "amended"
    doc.meta.title = meta.title or base.meta.title
    doc.meta.source_format = "instrument"
    doc.meta.source_name = Path(instrument_path).name
    doc.meta.history = []
    doc.meta.amended_by = {"title": parsed.title or Path(instrument_path).stem, "date": meta.date,
                           "href": f"/akn/{doc.meta.country}/act/{meta.date}/{slug}-amendment"}
    doc.meta.modifications = result.modifications()
    version, created = store.add_version(doc, data, Path(instrument_path).suffix.lower() or ".txt")
    if created:
        counts = result.counts
        click.echo(f"{version.slug}@{version.label}: {counts['applied']} item(s) of {parsed.title or 'the instrument'} "
                   f"applied to {base_version.label}; {version.articles} articles ({version.date}) as {version.tag}")
    else:
        click.echo(f"{version.slug}: {instrument_path} is already imported as {version.label!r}; nothing to do")


# -- check SLUG[@VERSION] ------------------------------------------------------------------------
def check_ref(ref: str) -> None:
    """Citations in SLUG@VERSION that still use numbers of the version before it; exit 1 if any."""
    slug, label = split_ref(ref)
    store = open_store()
    version = store.version(slug, label)
    versions = store.versions(slug)
    index = next(i for i, v in enumerate(versions) if v.label == version.label)
    if index == 0:
        click.echo(f"{slug}@{version.label}: the first version; no earlier numbering to check against", err=True)
        sys.exit(0)
    previous = versions[index - 1]
    old, new = store.document(slug, previous.label), store.document(slug, version.label)
    stale = stale_references(old, new, pairs_from_diff(compare(old, new)))
    for item in stale:
        click.echo(f"{slug}@{version.label}: {item.message()}")
    click.echo(f"{slug}@{version.label}: {len(stale)} citation(s) to check (against {previous.label})", err=True)
    sys.exit(1 if stale else 0)
