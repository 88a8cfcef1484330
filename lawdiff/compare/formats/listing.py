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

# The words of the outputs labelled in the law's language (Markdown, HTML, the Word 对照表): Chinese
# for a Chinese law, lawdiff's English otherwise (the Word table of a German law is a Synopse, in
# German: docx.table.SYNOPSE).  The terminal's text and stat outputs stay in English.
LABELS: dict[str, dict[str, str]] = {
    "zho": {"before": "修改前", "after": "修改后", "same": "同左", "table": "条文对照表", "count": "条数",
            "unchanged": "未修改", "modified": "修改", "added": "新增", "removed": "删除", "split": "拆分",
            "merged": "合并", "renumbered": "重新编号", "moved": "移动", "formatting_only": "仅格式变化",
            "references_only": "仅引用条号变化", "structure": "结构变化", "to": "至",
            "renumbered_only": "仅条号变化", "colon": "：",
            "references_follow": "（引用条号随之变化）", "old_article": "原", "new_article": "新", "note": "说明",
            "list": "、",
            "truncated": "另有{n}行未列出（超过{limit}字符的上限）；完整内容请用 `lawdiff diff --format html` 或 JSON。"},
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


def labels_of(zh: bool) -> dict[str, str]:
    return LABELS["zho" if zh else ""]


def parenthesized(words: str, zh: bool) -> str:
    """`（修改，重新编号）` in Chinese, `(modified, renumbered)` otherwise."""
    return f"（{words}）" if zh else f"({words})"


def flag_list(flags: list[str], zh: bool) -> str:
    """Flags joined as the language writes a list: `修改，重新编号`, `modified, renumbered`."""
    return ("，" if zh else ", ").join(flags)


def in_chinese(result: DiffResult) -> bool:
    """Whether the outputs labelled in the law's language speak Chinese: the new version's language."""
    return result.new_meta.lang == "zho"


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


def run_label(run: Run, zh: bool = False) -> str:
    """`第二十三条–第二十五条 → 第二十六条–第二十八条`."""
    first, last = run[0], run[-1]
    if len(run) == 1:
        text = f"{names(first.old)} → {names(first.new)}"
    else:
        text = f"{names(first.old)}–{names(last.old)} → {names(first.new)}–{names(last.new)}"
    if any(c.references_only for c in run):
        text += labels_of(zh)["references_follow"]
    return text


def printed(info: ArticleInfo) -> str:
    """An article as a reader names it: its number as printed, else its eId (an unnumbered article)."""
    return info.num or info.eid


def names(infos: list[ArticleInfo]) -> str:
    """`第六条、第七条`, `Article 6, Article 7`: the list separator of the numbers' own script."""
    return join_printed([printed(a) for a in infos])


def change_title(change: Change, zh: bool = False) -> str:
    """`第六条 → 第二十九条 (modified, renumbered, moved)`; with `zh` `第六条 → 第二十九条（修改，重新编号，移动）`."""
    old, new = names(change.old), names(change.new)
    if change.type == "added":
        head = new
    elif change.type == "removed":
        head = old
    else:
        head = old if old == new else f"{old} → {new}"
    flags = change_flags(change, labels_of(zh))
    return f"{head}{'' if zh else ' '}{parenthesized(flag_list(flags, zh), zh)}"


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


# A changed chapter or section in a few words, its heading first; in Chinese the heading itself
# says which level it is (第二章, 第三节).
_STRUCTURE_PHRASES = {
    True: {"added": "新增{new}", "removed": "{old} 删除", "renamed": "{old} 改为 {new}",
           "renumbered": "{old} → {new}", "moved": "{old} 移至 {new}"},
    False: {"added": "{new} added", "removed": "{old} removed", "renamed": "{old} renamed {new}",
            "renumbered": "{old} → {new}", "moved": "{old} moved to {new}"},
}


def structure_phrase(entry: StructureChange, zh: bool = False) -> str:
    """`新增第二章 公司登记`, `第二节 股东大会 改为 第二节 股东会`; `Chapter 3 moved to Part 2`: what the
    site's changelog says, and every Chinese output (structure_line)."""
    phrases = _STRUCTURE_PHRASES[zh]
    return phrases.get(entry.type, phrases["moved"]).format(old=entry.old, new=entry.new)


def structure_line(entry: StructureChange, zh: bool = False) -> str:
    """A chapter, section … that changed: `chapter renamed, renumbered: OLD → NEW` in lawdiff's
    English, each flag named; in Chinese the short phrase (structure_phrase)."""
    if zh:
        return structure_phrase(entry, zh=True)
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


def document_notes(result: DiffResult, zh: bool = False) -> list[str]:
    """What changed outside the articles, and whether the two texts are versions of one law at
    all; in Chinese with `zh` (the Markdown and HTML of a Chinese law, labelled in Chinese throughout)."""
    notes = []
    if result.front_changed:
        old, new = result.old_meta.title, result.new_meta.title
        notes.append(f"标题修改：{old} → {new}" if zh else f"title changed: {old} → {new}")
    if result.attachments_changed:
        notes.append("附件修改" if zh else "annexes changed")
    if result.notes_changed:
        named = _NOTES_NAMED.get(result.new_meta.lang, _NOTES_NAMED[""])
        notes.append("题注、公告或注释修改（不计为差异）" if zh else
                     f"notes changed ({named}; not counted as a difference)")
    scope = scope_note(result, zh)
    if scope:
        notes.append(scope)
    return notes


def scope_note(result: DiffResult, zh: bool = False) -> str:
    """What a low share of corresponding articles means: two different laws, or one law rewritten
    throughout under its title; "" when most articles correspond."""
    share = round(result.aligned_share * 100)
    if result.unrelated:
        return (f"两个文本看来是不同的法律：任何一方至多{share}%的条文在另一方有对应条文" if zh else
                f"the two look like different laws: at most {share}% of "
                "either one's articles correspond to the other's")
    if result.rewritten:
        return (f"全面改写：任何一方至多{share}%的条文在另一方有对应条文（标题相同）" if zh else
                f"rewritten throughout: at most {share}% of either one's articles correspond to "
                "the other's (the same title)")
    return ""


def heading(result: DiffResult) -> str:
    """`Title: FROM → TO`, without the title when neither text states one."""
    title = result.new_meta.title or result.old_meta.title
    versions = f"{version_name(result.old_meta)} → {version_name(result.new_meta)}"
    return f"{title}: {versions}" if title else versions


# -- paragraphs that moved between articles (split, merged) ---------------------------------
# (to, from) by language: the Word 对照表 is also written in German (a Synopse), every other
# output in Chinese or English.
MOVE_WORDS: dict[str, tuple[str, str]] = {"zho": ("移至{num}", "由{num}移来"),
                                          "deu": ("verschoben nach {num}", "verschoben aus {num}"),
                                          "": ("moved to {num}", "moved from {num}")}


def move_label(side: str, num: str, lang: str) -> str:
    """What one side says of a paragraph that moved: the old side where it went (移至第三十九条), the
    new side where it came from (由第三十五条移来); `lang` an AKN language code, English unless known."""
    went, came = MOVE_WORDS.get(lang, MOVE_WORDS[""])
    return (went if side == "old" else came).format(num=num)


def moved_to_label(num: str, zh: bool) -> str:
    """What the old side says of a paragraph that now lives in another article: 移至第三十九条."""
    return move_label("old", num, "zho" if zh else "")


def moved_from_label(num: str, zh: bool) -> str:
    """What the new side says of a paragraph that came from another article: 由第三十五条移来."""
    return move_label("new", num, "zho" if zh else "")


def move_note(paragraph: ParagraphDiff, zh: bool = False) -> str:
    """Both sides' words for one redline row ("" when nothing moved)."""
    came, went = paragraph.moved_from, paragraph.moved_to
    if came and went:  # the old paragraph and the new one it became, side by side
        return f"由{came}移至{went}" if zh else f"moved from {came} to {went}"
    if came:
        return moved_from_label(came, zh)
    return moved_to_label(went, zh) if went else ""


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


def opening_label(side: str, num: str, zh: bool = False) -> str:
    """The line that announces an article inside a split or merge: `old 第十三条`, `new 第二十四条`;
    with `zh` `原第十三条`, `新第二十四条`."""
    return labels_of(zh)["old_article" if side == "old" else "new_article"] + num
