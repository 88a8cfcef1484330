"""What the human-facing outputs list and how they name it (text, stat, Markdown, HTML share it).

In: a `DiffResult` and the reader's choices (unchanged articles, formatting-only changes).
Out: the options every format takes, the ordered list of changes and runs of renumbered-only articles to show, and the
words for titles, structure lines, document notes and the summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from lawdiff.compare.result import (STAT_KEYS, ArticleInfo, Change, DiffResult, Op, ParagraphDiff, StructureChange,
                                    paragraph_starts)
from lawdiff.model import Meta
from lawdiff.text.numbers import join_printed

# The words of the outputs labelled in the law's language (Markdown, HTML, the Word 对照表), by the
# language code of the later version (`label_language`): Chinese for a Chinese law, German for a
# German one (the words German drafting uses in a Synopse), lawdiff's English otherwise ("").  The
# terminal's text and stat outputs stay in English.
LABELS: dict[str, dict[str, str]] = {
    "zho": {"before": "修改前", "after": "修改后", "same": "同左", "table": "条文对照表", "count": "条数",
            "unchanged": "未修改", "modified": "修改", "added": "新增", "removed": "删除", "split": "拆分",
            "merged": "合并", "renumbered": "重新编号", "moved": "移动", "formatting_only": "仅格式变化",
            "references_only": "仅引用条号变化", "structure": "结构变化", "to": "至",
            "renumbered_only": "仅条号变化", "colon": "：",
            "references_follow": "（引用条号随之变化）", "old_article": "原", "new_article": "新", "note": "说明",
            "list": "、",
            "truncated": "另有{n}行未列出（超过{limit}字符的上限）；完整内容请用 `lawdiff diff --format html` 或 JSON。"},
    "deu": {"before": "bisherige Fassung", "after": "neue Fassung", "same": "unverändert", "table": "Synopse",
            "count": "Vorschriften", "unchanged": "Wortlaut unverändert", "modified": "geändert",
            "added": "eingefügt", "removed": "aufgehoben", "split": "aufgeteilt", "merged": "zusammengeführt",
            "renumbered": "neu nummeriert", "moved": "verschoben", "formatting_only": "nur Formatierung",
            "references_only": "nur Verweise", "structure": "Gliederung", "to": "–",
            "renumbered_only": "nur neu nummeriert", "colon": ": ", "references_follow": " (Verweise angepasst)",
            "old_article": "bisher ", "new_article": "neu ", "note": "Anmerkung", "list": ", ",
            "truncated": "{n} weitere Zeilen nicht gezeigt (über der Grenze von {limit} Zeichen); "
                         "vollständig mit `lawdiff diff --format html` oder im JSON."},
    "": {"before": "Before", "after": "After", "same": "Same as before", "table": "Comparison table",
         "count": "Articles", "unchanged": "unchanged", "modified": "modified", "added": "added",
         "removed": "removed", "split": "split", "merged": "merged", "renumbered": "renumbered",
         "moved": "moved", "formatting_only": "formatting only", "references_only": "references only",
         "structure": "Structure", "to": "–", "renumbered_only": "renumbered only", "colon": ": ",
         "references_follow": " (cross-references follow)", "old_article": "old ", "new_article": "new ",
         "note": "Note", "list": ", ",
         "truncated": "{n} more rows not shown (over the limit of {limit} characters); "
                      "see `lawdiff diff --format html` or the JSON for everything."},
}


def labels_of(lang: str) -> dict[str, str]:
    """The words for a label language (see label_language); lawdiff's English for any other."""
    return LABELS.get(lang, LABELS[""])


def parenthesized(words: str, lang: str) -> str:
    """`（修改，重新编号）` in Chinese, `(modified, renumbered)` otherwise."""
    return f"（{words}）" if lang == "zho" else f"({words})"


def flag_list(flags: list[str], lang: str) -> str:
    """Flags joined as the language writes a list: `修改，重新编号`, `modified, renumbered`."""
    return ("，" if lang == "zho" else ", ").join(flags)


def label_language(result: DiffResult) -> str:
    """The language the outputs labelled in the law's language speak: the new version's."""
    return label_language_of(result.new_meta.lang)


def label_language_of(lang: str) -> str:
    """The label language for an AKN language code: itself when lawdiff has words for it ("zho",
    "deu"), else "" (lawdiff's English)."""
    return lang if lang in LABELS else ""


@dataclass(frozen=True)
class RenderOptions:
    """What the reader asked for; every format takes the same options and uses those it knows."""

    color: bool = False  # text: red and green ANSI colours (the caller decides, e.g. on a terminal)
    show_unchanged: bool = False  # list unchanged articles, and every paragraph of a changed one
    show_formatting: bool = False  # list formatting-only and references-only changes one by one
    max_chars: int = 0  # markdown: drop whole rows past this many characters (0: no limit)
    table: bool = False  # docx: the 条文对照表 as a Word table instead of the redline
    changed_only: bool = False  # docx redline: leave the unchanged articles out


def shown(change: Change, show_unchanged: bool, show_formatting: bool) -> bool:
    """Whether a human-facing output lists this change."""
    if change.type == "unchanged":
        return show_unchanged or change.renumbered or change.moved
    if change.type == "modified" and change.formatting_only:
        return show_formatting or change.renumbered or change.moved
    return True


def renumber_only(change: Change, show_formatting: bool) -> bool:
    """A change that only renumbers the article (its text the same, or different only in
    formatting or in cross-reference numbers that follow the renumbering)."""
    if not change.renumbered or change.moved or change.heading_ops or len(change.old) != 1 or len(change.new) != 1:
        return False
    if change.type == "unchanged":
        return True
    return change.type == "modified" and not show_formatting and (change.formatting_only or change.references_only)


Run = list[Change]  # consecutive renumbered-only articles, listed as one line


def plan(result: DiffResult, show_unchanged: bool = False, show_formatting: bool = False) -> list[Change | Run]:
    """What a human-facing output lists, in order: changes, and runs of renumbered-only
    articles (so that inserting one article does not list every later one).

    With `show_unchanged` every article is listed on its own.
    """
    out: list[Change | Run] = []
    for change in result.changes:
        if not shown(change, show_unchanged, show_formatting):
            continue
        if show_unchanged or not renumber_only(change, show_formatting):
            out.append(change)
            continue
        last = out[-1] if out and isinstance(out[-1], list) else None
        if last is not None and _continues(last[-1], change):
            last.append(change)
        else:
            out.append([change])
    return out


def _continues(before: Change, after: Change) -> bool:
    a, b = before.old[0].number, after.old[0].number
    c, d = before.new[0].number, after.new[0].number
    if not all(x.isdigit() for x in (a, b, c, d)):
        return False
    return int(b) == int(a) + 1 and int(d) == int(c) + 1


def run_label(run: Run, lang: str = "") -> str:
    """`第二十三条–第二十五条 → 第二十六条–第二十八条`."""
    first, last = run[0], run[-1]
    if len(run) == 1:
        text = f"{names(first.old)} → {names(first.new)}"
    else:
        text = f"{names(first.old)}–{names(last.old)} → {names(first.new)}–{names(last.new)}"
    if any(c.references_only for c in run):
        text += labels_of(lang)["references_follow"]
    return text


def printed(info: ArticleInfo) -> str:
    """An article as a reader names it: its number as printed, else its eId (an unnumbered article)."""
    return info.num or info.eid


def names(infos: list[ArticleInfo]) -> str:
    """`第六条、第七条`, `Article 6, Article 7`: the list separator of the numbers' own script."""
    return join_printed([printed(a) for a in infos])


def change_title(change: Change, lang: str = "") -> str:
    """`第六条 → 第二十九条 (modified, renumbered, moved)`; in Chinese `第六条 → 第二十九条（修改，重新编号，移动）`."""
    old, new = names(change.old), names(change.new)
    if change.type == "added":
        head = new
    elif change.type == "removed":
        head = old
    else:
        head = old if old == new else f"{old} → {new}"
    flags = change_flags(change, labels_of(lang))
    return f"{head}{'' if lang == 'zho' else ' '}{parenthesized(flag_list(flags, lang), lang)}"


def change_flags(change: Change, words: dict[str, str]) -> list[str]:
    """What happened to a change's articles in `words` (a LABELS table): its kind (formatting or
    cross-references only, else its type), then renumbered and moved when they were."""
    kind = "formatting_only" if change.formatting_only else "references_only" if change.references_only \
        else change.type
    return [words[kind]] + [words[name] for name, on in (("renumbered", change.renumbered),
                                                         ("moved", change.moved)) if on]


def summary(result: DiffResult) -> str:
    stats = result.stats
    parts = [f"{stats[k]} {k.replace('_', ' ')}" for k in STAT_KEYS if stats[k]]
    return ", ".join(parts) if parts else "no articles"


def version_name(meta: Meta) -> str:
    return meta.version or meta.date or meta.source_name


def op_lines(ops: list[Op]) -> list[list[Op]]:
    """Split ops into display lines at every "\\n", each line a list of ops."""
    lines: list[list[Op]] = [[]]
    for op, text in ops:
        for k, piece in enumerate(text.split("\n")):
            if k:
                lines.append([])
            if piece:
                lines[-1].append((op, piece))
    return lines


# A changed chapter or section in a few words, its heading first; in Chinese and German the
# heading itself says which level it is (第二章, 第三节; Abschnitt 6, Unterabschnitt 2).
_STRUCTURE_PHRASES = {
    "zho": {"added": "新增{new}", "removed": "{old} 删除", "renamed": "{old} 改为 {new}",
            "renumbered": "{old} → {new}", "moved": "{old} 移至 {new}"},
    "deu": {"added": "{new} eingefügt", "removed": "{old} aufgehoben", "renamed": "{old} umbenannt in {new}",
            "renumbered": "{old} → {new}", "moved": "{old} verschoben nach {new}"},
    "": {"added": "{new} added", "removed": "{old} removed", "renamed": "{old} renamed {new}",
         "renumbered": "{old} → {new}", "moved": "{old} moved to {new}"},
}


def structure_phrase(entry: StructureChange, lang: str = "") -> str:
    """`新增第二章 公司登记`, `第二节 股东大会 改为 第二节 股东会`; `Chapter 3 moved to Part 2`: what the
    site's changelog says, and every Chinese or German output (structure_line)."""
    phrases = _STRUCTURE_PHRASES.get(lang, _STRUCTURE_PHRASES[""])
    return phrases.get(entry.type, phrases["moved"]).format(old=entry.old, new=entry.new)


def structure_line(entry: StructureChange, lang: str = "") -> str:
    """A chapter, section … that changed: `chapter renamed, renumbered: OLD → NEW` in lawdiff's
    English, each flag named; in Chinese and German the short phrase (structure_phrase)."""
    if lang in ("zho", "deu"):
        return structure_phrase(entry, lang)
    if entry.type == "added":
        return f"{entry.kind} added: {entry.new}"
    if entry.type == "removed":
        return f"{entry.kind} removed: {entry.old}"
    flags = [entry.type] + [n for n, on in (("renumbered", entry.renumbered), ("moved", entry.moved))
                            if on and n != entry.type]
    return f"{entry.kind} {', '.join(flags)}: {entry.old} → {entry.new}"


# What the notes outside the body are called in the document's language (the rest of the
# English line is lawdiff's own).
_NOTES_NAMED = {"zho": "题注, announcement or footnotes",
                "": "notes before the text, announcement or footnotes"}


# The notes outside the articles in the languages lawdiff labels in; {named}: _NOTES_NAMED.
_NOTES_IN = {
    "zho": {"title": "标题修改：{old} → {new}", "annexes": "附件修改",
            "notes": "题注、公告或注释修改（不计为差异）",
            "unrelated": "两个文本看来是不同的法律：任何一方至多{share}%的条文在另一方有对应条文",
            "rewritten": "全面改写：任何一方至多{share}%的条文在另一方有对应条文（标题相同）"},
    "deu": {"title": "Titel geändert: {old} → {new}", "annexes": "Anlagen geändert",
            "notes": "Vorspann, Bekanntmachung oder Fußnoten geändert (nicht als Unterschied gezählt)",
            "unrelated": "die beiden Texte scheinen verschiedene Gesetze zu sein: höchstens {share} % der "
                         "Vorschriften des einen entsprechen Vorschriften des anderen",
            "rewritten": "vollständig neu gefasst: höchstens {share} % der Vorschriften des einen entsprechen "
                         "Vorschriften des anderen (derselbe Titel)"},
    "": {"title": "title changed: {old} → {new}", "annexes": "annexes changed",
         "notes": "notes changed ({named}; not counted as a difference)",
         "unrelated": "the two look like different laws: at most {share}% of either one's articles correspond "
                      "to the other's",
         "rewritten": "rewritten throughout: at most {share}% of either one's articles correspond to the other's "
                      "(the same title)"},
}


def document_notes(result: DiffResult, lang: str = "") -> list[str]:
    """What changed outside the articles, and whether the two texts are versions of one law at
    all; in Chinese or German with `lang` (the Markdown and HTML of such a law, labelled in its
    language throughout), else in lawdiff's English."""
    words = _NOTES_IN.get(lang, _NOTES_IN[""])
    notes = []
    if result.front_changed:
        notes.append(words["title"].format(old=result.old_meta.title, new=result.new_meta.title))
    if result.attachments_changed:
        notes.append(words["annexes"])
    if result.notes_changed:
        notes.append(words["notes"].format(named=_NOTES_NAMED.get(result.new_meta.lang, _NOTES_NAMED[""])))
    scope = scope_note(result, lang)
    if scope:
        notes.append(scope)
    return notes


def scope_note(result: DiffResult, lang: str = "") -> str:
    """What a low share of corresponding articles means: two different laws, or one law rewritten
    throughout under its title; "" when most articles correspond."""
    words = _NOTES_IN.get(lang, _NOTES_IN[""])
    if result.unrelated:
        return words["unrelated"].format(share=round(result.aligned_share * 100))
    if result.rewritten:
        return words["rewritten"].format(share=round(result.aligned_share * 100))
    return ""


def heading(result: DiffResult) -> str:
    """`Title: FROM → TO`, without the title when neither text states one."""
    title = result.new_meta.title or result.old_meta.title
    versions = f"{version_name(result.old_meta)} → {version_name(result.new_meta)}"
    return f"{title}: {versions}" if title else versions


# -- paragraphs that moved between articles (split, merged) ---------------------------------
# (to, from, from-and-to) by label language.
MOVE_WORDS: dict[str, tuple[str, str, str]] = {
    "zho": ("移至{num}", "由{num}移来", "由{came}移至{went}"),
    "deu": ("verschoben nach {num}", "verschoben aus {num}", "verschoben aus {came} nach {went}"),
    "": ("moved to {num}", "moved from {num}", "moved from {came} to {went}")}


def move_label(side: str, num: str, lang: str) -> str:
    """What one side says of a paragraph that moved: the old side where it went (移至第三十九条), the
    new side where it came from (由第三十五条移来); `lang` an AKN language code, English unless known."""
    went, came, _ = MOVE_WORDS.get(lang, MOVE_WORDS[""])
    return (went if side == "old" else came).format(num=num)


def move_note(paragraph: ParagraphDiff, lang: str = "") -> str:
    """Both sides' words for one redline row ("" when nothing moved)."""
    came, went = paragraph.moved_from, paragraph.moved_to
    if came and went:  # the old paragraph and the new one it became, side by side
        return MOVE_WORDS.get(lang, MOVE_WORDS[""])[2].format(came=came, went=went)
    if came:
        return move_label("new", came, lang)
    return move_label("old", went, lang) if went else ""


def has_moves(change: Change) -> bool:
    return any(p.moved_to or p.moved_from for p in change.paragraphs)


def side_notes(change: Change, side: str, lang: str) -> dict[int, str]:
    """Line index on one side (old: the old articles' paragraphs in order; new likewise) -> its move
    note in the language `lang` names (see move_label)."""
    out: dict[int, str] = {}
    for p in change.paragraphs:
        if side == "old" and p.old_index is not None and p.moved_to:
            out[p.old_index] = move_label("old", p.moved_to, lang)
        if side == "new" and p.new_index is not None and p.moved_from:
            out[p.new_index] = move_label("new", p.moved_from, lang)
    return out


# -- where each article of a split or merge begins ----------------------------------------------
def article_starts(change: Change, side: str) -> dict[int, str]:
    """Paragraph index on one side -> the article (as printed) whose first paragraph it is, when
    that side of the change has several articles (a split's new side, a merge's old side, both
    sides of a re-cut); empty otherwise.  The change's title joins the numbers (第十九条、第二十四条);
    these say where one article ends and the next begins inside its redline."""
    infos = change.old if side == "old" else change.new
    if len(infos) < 2:
        return {}
    return {start: printed(info) for start, info in zip(paragraph_starts(infos), infos)}


Opening = tuple[str, str]  # ("old" | "new", article as printed): an article begins at the next row


def rows_with_openings(change: Change) -> list[ParagraphDiff | Opening]:
    """The change's aligned paragraph pairs in order, each article of a side with several
    articles announced before the first row that holds one of its paragraphs (see article_starts).
    An article whose paragraphs have no row of their own is announced with the next one's."""
    pending = {side: sorted(article_starts(change, side).items()) for side in ("old", "new")}
    out: list[ParagraphDiff | Opening] = []
    for paragraph in change.paragraphs:
        for side, index in (("old", paragraph.old_index), ("new", paragraph.new_index)):
            queue = pending[side]
            while index is not None and queue and queue[0][0] <= index:
                out.append((side, queue.pop(0)[1]))
        out.append(paragraph)
    out += [(side, num) for side in ("old", "new") for _, num in pending[side]]
    return out


def opening_label(side: str, num: str, lang: str = "") -> str:
    """The line that announces an article inside a split or merge: `old 第十三条`, `new 第二十四条`;
    in Chinese `原第十三条`, `新第二十四条`."""
    return labels_of(lang)["old_article" if side == "old" else "new_article"] + num
