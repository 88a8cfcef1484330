"""The 条文对照表 (English: comparison table; German: Synopse) as a Word table.

One row per change, as the other human-facing outputs list them (`plan`): the earlier text
with deletions struck through, the later text with insertions underlined and bold, and a
note (modified, added, split ..., and which paragraphs went to another article, as the diff
names them: a split's piece, a merge's contribution, a paragraph carried into another change).
Unchanged articles are left out; a run of articles that were only renumbered is one row.  The header row repeats on every page.  A4 landscape, so that two texts fit
side by side.
"""

from __future__ import annotations

from typing import Literal

from lawdiff.compare.docx.package import (STYLE_CELL, STYLE_CELL_HEAD, STYLE_NOTE, STYLE_TITLE, document_xml,
                                          package, run_xml)
from lawdiff.compare.docx.redline import article_label, version_name
from lawdiff.compare.formats.listing import (change_flags, flag_list, label_language, labels_of, parenthesized, plan,
                                             side_notes)
from lawdiff.compare.result import Change, DiffResult, Op, article_at, article_paragraphs, paragraph_starts

# The table speaks the words of the other outputs (listing.LABELS): Chinese for a Chinese law, a
# German law's table is a Synopse in the words German drafting uses, else English.
TABLE_KEYS = ("table", "before", "after", "note", "modified", "added", "removed", "split", "merged", "unchanged",
              "renumbered", "moved", "formatting_only", "references_only", "renumbered_only", "list")
# Column widths in twentieths of a point; together the text width of A4 landscape.
WIDTHS = (6000, 6000, 2002)
STRUCK = "<w:strike/><w:color w:val=\"C00000\"/>"
MARKED = "<w:b/><w:u w:val=\"single\"/><w:color w:val=\"0050A0\"/>"
MOVE_NOTE = "<w:i/><w:color w:val=\"595959\"/>"  # where a paragraph went or came from: lawdiff's words, not the law's


def labels_for(lang: str) -> dict[str, str]:
    """The table's words for a law in `lang` (a label language, listing.label_language)."""
    words = labels_of(lang)
    return {key: words[key] for key in TABLE_KEYS}


def _paragraph(runs: str, style: str = STYLE_CELL) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>'


def _runs(ops: list[Op], keep: str) -> str:
    """The runs of one side: equal text plain, the side's own changes marked."""
    out = []
    for op, text in ops:
        if not text or op not in ("equal", keep):
            continue
        out.append(run_xml(text, props="" if op == "equal" else STRUCK if keep == "delete" else MARKED))
    return "".join(out)


def _cell(paragraphs: list[str], width: int) -> str:
    body = "".join(paragraphs) or _paragraph("")  # a cell needs at least one paragraph
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{body}</w:tc>'


def _row(cells: list[list[str]], header: bool = False) -> str:
    trpr = "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" if header else ""
    return f"<w:tr>{trpr}{''.join(_cell(c, w) for c, w in zip(cells, WIDTHS))}</w:tr>"


def _side(change: Change, keep: Literal["delete", "insert"], lang: str) -> list[str]:
    """One cell: each article's name, then its paragraphs with this side's changes marked, a
    paragraph that moved to or from another article followed by where (（移至第三十九条）)."""
    infos = change.old if keep == "delete" else change.new
    index_of = "old_index" if keep == "delete" else "new_index"
    if change.type in ("modified", "split", "merged"):
        units = [(getattr(p, index_of), p.ops) for p in change.paragraphs if getattr(p, index_of) is not None]
    else:
        mark = keep if change.type in ("added", "removed") else "equal"
        units = [(k, [(mark, text)]) for k, text in enumerate(u for i in infos for u in article_paragraphs(i))]
    starts = dict(zip(paragraph_starts(infos), infos))
    out: list[str] = []
    heading_marked = bool(change.heading_ops) and len(change.old) == len(change.new) == 1
    moves = side_notes(change, "old" if keep == "delete" else "new", lang)
    for k, ops in units:
        starting = starts.get(k)  # the article that begins at this paragraph, if one does
        if starting is not None:
            name = _runs(change.heading_ops, keep) if heading_marked else run_xml(starting.heading)
            number = run_xml(starting.num)
            out.append(_paragraph(number + (run_xml(" ") + name if starting.heading else ""), STYLE_CELL_HEAD))
        moved = moves.get(k)
        note = run_xml(" " + parenthesized(moved, lang), props=MOVE_NOTE) if moved else ""
        out.append(_paragraph(_runs(ops, keep) + note))
    return out


def moved_paragraphs(change: Change) -> list[str]:
    """Each paragraph the diff says moved to or from another article (its `moved_to` /
    `moved_from`: a split's piece, a merge's contribution, a paragraph carried into another
    change), named by where it was, where it is, and its first words."""
    out = []
    for p in change.paragraphs:
        if p.moved_to and p.old_index is not None:
            was, now = change.old[article_at(change.old, p.old_index)].num, p.moved_to
            text = "".join(t for op, t in p.ops if op != "insert")
        elif p.moved_from and p.new_index is not None:
            was, now = p.moved_from, change.new[article_at(change.new, p.new_index)].num
            text = "".join(t for op, t in p.ops if op != "delete")
        else:
            continue
        snippet = text[:24] + ("…" if len(text) > 24 else "")
        out.append(f"{was} → {now}: “{snippet}”")
    return out


def _note(change: Change, labels: dict[str, str], lang: str) -> list[str]:
    lines = [flag_list(change_flags(change, labels), lang)] + moved_paragraphs(change)
    return [_paragraph(run_xml(line)) for line in lines]


def table_rows(result: DiffResult, labels: dict[str, str], lang: str) -> list[str]:
    rows = [_row([[_paragraph(run_xml(labels[k]), STYLE_CELL_HEAD)] for k in ("before", "after", "note")],
                 header=True)]
    for item in plan(result):
        if isinstance(item, list):  # consecutive articles only renumbered: one row
            olds = labels["list"].join(article_label(c.old[0]).replace("\t", " ") for c in item)
            news = labels["list"].join(article_label(c.new[0]).replace("\t", " ") for c in item)
            rows.append(_row([[_paragraph(run_xml(olds))], [_paragraph(run_xml(news))],
                              [_paragraph(run_xml(labels["renumbered_only"]))]]))
            continue
        rows.append(_row([_side(item, "delete", lang), _side(item, "insert", lang),
                          _note(item, labels, lang)]))
    return rows


def render_table(result: DiffResult) -> bytes:
    """The 对照表 .docx of `result` (labels in the later version's language)."""
    lang = label_language(result)
    labels = labels_for(lang)
    title = result.new_meta.title or result.old_meta.title
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in WIDTHS)
    table = ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
             '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
             'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
             f'<w:tblGrid>{grid}</w:tblGrid>{"".join(table_rows(result, labels, lang))}</w:tbl>')
    heading = _paragraph(run_xml(f"{title} {labels['table']}" if lang == "zho" else f"{title}: {labels['table']}"),
                         STYLE_TITLE)
    note = _paragraph(run_xml(f"{version_name(result.old_meta)} → {version_name(result.new_meta)}"), STYLE_NOTE)
    return package(document_xml(heading + note + table, landscape=True), result.new_meta.lang, title,
                   result.old_meta.date, result.new_meta.date)
