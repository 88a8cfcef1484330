"""Words the site shows: interface labels and change summaries, in Chinese or English.

A document's wording follows its own language (`Meta.lang`): Chinese documents get
修改/新增/删除/移至, every other language gets English.  Pages that list several
documents use the site's language (the most common document language).
"""

from __future__ import annotations

from typing import Callable, Iterable

from lawdiff.compare.formats.listing import LABELS as LISTING_LABELS, scope_note, structure_phrase
from lawdiff.compare.result import ArticleInfo, Change, DiffResult

# AKN wants ISO 639-2/B (zho); HTML's lang wants the shortest BCP 47 tag (zh).
HTML_LANG = {"zho": "zh", "chi": "zh", "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr"}


def html_lang(akn_lang: str) -> str:
    code = (akn_lang or "").strip().lower()
    return HTML_LANG.get(code, code if code.isalpha() and 2 <= len(code) <= 3 else "und")


def ui_lang(akn_lang: str) -> str:
    """The interface language for a document: "zh" for Chinese, "en" for anything else."""
    return "zh" if html_lang(akn_lang) == "zh" else "en"


# The words for changes every output uses (修改前 | 修改后, 新增, 拆分, 重新编号 …) come from the diff's
# one table of them (listing.LABELS), so that the site, the Markdown, the HTML and the Word table agree.
SHARED_WORDS = ("before", "after", "table", "unchanged", "added", "removed", "split", "merged", "renumbered",
                "moved", "structure", "colon")


def _shared(listing_lang: str) -> dict[str, str]:
    return {key: LISTING_LABELS[listing_lang][key] for key in SHARED_WORDS}


def listing_language(lang: str) -> str:
    """The diff outputs' label language (a listing.LABELS key) that speaks the interface language `lang`."""
    return "zho" if lang == "zh" else ""


LABELS: dict[str, dict[str, str]] = {
    "zh": {**_shared("zho"),
        "skip": "跳到正文", "show_list": "展开列表", "articles_n": "{n}条", "home": "首页", "documents": "法规", "changelog": "变更记录", "search": "搜索",
        "feed": "订阅（Atom）", "latest": "最新版本", "date": "日期", "version": "版本", "stage": "阶段",
        "articles": "条数", "last_change": "最近一次修改", "timeline": "版本时间线",
        "steps": "逐次修改", "full_text": "全文", "compare": "修改对照", "docx_redline": "Word 修订稿（.docx，修订模式）", "docx_table": "Word 条文对照表（.docx）",
        "compare_prev": "与上一版比较", "compare_latest": "与最新版比较", "history": "修改历史",
        "article_index": "条文目录", "stats": "统计", "jump": "修改的条文",
        "redline": "逐条修改", "same": "同左",
        "instrument": "修改决定（由差异生成）", "show_instrument": "展开修改决定",
        "instrument_note": "按全国人大常委会修改决定的体例，由两版文本自动生成；条号指修改前的文本。",
        "unchanged_run": "{first}至{last}未修改（{n}条）", "unchanged_one": "{first}未修改",
        "unchanged_paras": "{n}段未修改", "unchanged_para": "1段未修改", "para_moved": "本段",
        "renumbered_only": "仅条号变化的条文（{n}条）", "moved_only": "仅位置变化的条文（{n}条）",
        "formatting_only": "仅格式变化的条文（{n}条）", "references_only": "仅引用条号随之变化的条文（{n}条）",
        "notes": "题注和注释", "heading": "条标题", "changed": "修改",
        "no_changes": "两个版本的条文没有实质变化。", "first_version": "首次发布，共{n}条。",
        "not_present": "本版本无此条。", "added_here": "本版本新增。", "removed_here": "本版本删除。",
        "unchanged_here": "未修改。", "show_text": "显示条文", "contents": "目录",
        "search_intro": "在所有法规的全部版本及修改对照（含删除的文字）中搜索；中文检索词按整个词组匹配。", "search_label": "检索词", "search_noscript": "搜索需要 JavaScript；其他页面均可在不启用 JavaScript 的情况下使用。",
        "versions": "版本", "document": "法规", "of": "的", "history_of": "{num}的修改历史",
        "compare_title": "{old} → {new}", "redline_of": "修改对照：{old} → {new}",
        "table_of": "条文对照表：{old} → {new}", "permalink": "本条链接", "now": "现为",
        "view": "查看", "more_changes": "另有{n}项修改", "versions_count": "{n}个版本",
        "generated_by": "由 lawdiff 生成", "step": "{old} → {new}", "ins": "插入：", "del": "删除：",
        "ins_end": "插入结束", "del_end": "删除结束", "attachments": "附件", "front": "标题和前言",
        "total": "合计", "modified": "修改", "formatting": "仅格式变化",
        "references": "仅引用条号变化", "show_kinds": "显示", "downloads": "下载", "stepper": "逐处浏览修改",
        "prev_change": "上一处修改", "next_change": "下一处修改",
        "moved_to": "本条修改历史的页面（按现行条号）",
        "bar_renumbered": "仅条号变化", "bar_moved": "仅位置变化",
        "editorial": "编者注", "ocr_reading": "原文印作“{printed}”，按编号顺序读作“{read}”（文字识别有误）。",
        "editorial_pageJump": "报纸版面转接标记，不是条文内容", "editorial_footnote": "脚注，不是条文内容",
        "editorial_detachedText": "版面转接后的文字，不属于任何条文，原样保留",
        "editorial_text": "条文之外的文字，原样保留",
        "warnings": "解析提示", "warnings_n": "解析提示（{n}条）", "warnings_count": "{n}条",
        "warnings_note": "导入时解析器对原文的说明（按原文行号）；文本本身按原样保存。", "line_n": "第{n}行",
        "parse_errors": "解析错误{n}处", "parse_errors_latest": "最新版本解析错误{n}处", "level_error": "错误",
        "errors_note": "解析错误：文本的结构很可能读错了（例如标题被当作正文），请核对原文。",
        "categories": "分类", "uncategorized": "未分类", "filter": "按标题筛选",
        "filter_count": "显示{shown}部，共{total}部", "documents_n": "{n}部",
    },
    "en": {**_shared(""),
        "skip": "Skip to content", "show_list": "Show the list", "articles_n": "{n} articles", "home": "Home", "documents": "Documents", "changelog": "Changelog",
        "search": "Search", "feed": "Feed (Atom)", "latest": "Latest version", "date": "Date",
        "version": "Version", "stage": "Stage", "articles": "Articles", "last_change": "Last change",
        "timeline": "Timeline", "steps": "Changes step by step", "full_text": "Full text",
        "compare": "Compare", "docx_redline": "Word redline (.docx, tracked changes)", "docx_table": "Word comparison table (.docx)", "compare_prev": "Compare with previous",
        "compare_latest": "Compare with latest", "history": "History", "article_index": "Articles",
        "stats": "Statistics", "jump": "Changed articles",
        "redline": "Changes article by article", "same": "Unchanged",
        "instrument": "Amending instrument (generated from the diff)", "show_instrument": "Show the instrument",
        "instrument_note": "Written from the two texts; article numbers refer to the earlier version.",
        "unchanged_run": "{first} to {last} unchanged ({n})", "unchanged_one": "{first} unchanged",
        "unchanged_paras": "{n} unchanged paragraphs", "unchanged_para": "1 unchanged paragraph",
        "para_moved": "This paragraph ",
        "renumbered_only": "Renumbered only ({n})", "moved_only": "Moved only ({n})",
        "formatting_only": "Formatting changes only ({n})",
        "references_only": "Only cross-reference numbers changed ({n})", "notes": "Notes",
        "heading": "Heading", "changed": "changed",
        "no_changes": "The articles of the two versions do not differ.",
        "first_version": "First version: {n} articles.", "not_present": "Not in this version.",
        "added_here": "Added in this version.", "removed_here": "Removed in this version.",
        "unchanged_here": "Unchanged.", "show_text": "Show the text", "contents": "Contents",
        "search_intro": "Search every version of every document and every comparison (deleted text included); a Chinese query matches as a whole phrase.", "search_label": "Search for",
        "search_noscript": "Search needs JavaScript; every other page works without it.",
        "versions": "Versions", "document": "Document", "of": "of", "history_of": "History of {num}",
        "compare_title": "{old} → {new}", "redline_of": "Changes: {old} → {new}",
        "table_of": "Comparison table: {old} → {new}", "permalink": "Link to this article", "now": "now",
        "view": "View", "more_changes": "{n} more changes", "versions_count": "{n} versions",
        "generated_by": "Made with lawdiff", "step": "{old} → {new}", "ins": "inserted: ", "del": "deleted: ",
        "ins_end": "end of insertion", "del_end": "end of deletion", "attachments": "Attachments",
        "front": "Title and preamble", "total": "Total", "modified": "amended",
                "formatting": "formatting only",
        "references": "cross-references only", "show_kinds": "Show", "downloads": "Download",
        "stepper": "Step through the changes", "prev_change": "Previous change", "next_change": "Next change",
        "moved_to": "The history of this article (under its current number)",
        "bar_renumbered": "renumbered only", "bar_moved": "moved only",
        "editorial": "Editor's note", "ocr_reading": "printed “{printed}”, read as “{read}” by its place in the sequence (OCR damage).",
        "editorial_pageJump": "a newspaper page-jump marker, not part of the law",
        "editorial_footnote": "a footnote, not part of the law",
        "editorial_detachedText": "text stranded by a page jump, belonging to no article, kept as printed",
        "editorial_text": "text outside any article, kept as printed",
        "warnings": "Parse warnings", "warnings_n": "Parse warnings ({n})", "warnings_count": "{n}",
        "warnings_note": "What the parser noted about the source when it was imported (by source line); the text itself is kept as printed.",
        "line_n": "line {n}",
        "parse_errors": "{n} parse errors", "parse_errors_latest": "{n} parse errors in the latest version",
        "level_error": "error",
        "errors_note": "Parse errors: the structure of the text was most likely misread (a heading taken for text, say); check the source.",
        "categories": "Categories", "uncategorized": "Uncategorised", "filter": "Filter by title",
        "filter_count": "{shown} of {total} shown", "documents_n": "{n} documents",
    },
}

# A short name for each kind of parse warning (ParseWarning.code), in the document's language; the
# parser's English message stays beside it as the detail.  A code missing here shows as itself.
WARNING_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "article-gap": "条号缺漏", "article-sequence": "条号顺序异常", "container-gap": "章节编号缺漏", "comments": "批注未导入",
        "continued-text": "跨行续接的句子", "control-character": "控制字符", "detached-text": "版面转接后的文字",
        "duplicate-heading": "条号重复", "excerpt": "节选文本", "footnote": "脚注", "heading-unclosed": "条标题括号未闭合",
        "joined": "段落接续合并", "midline-article": "行中出现条号", "no-body": "没有正文", "no-articles": "未分条",
        "ocr-marker": "文字识别的编号", "page-furniture": "页眉页脚已略去", "page-jump": "版面转接标记",
        "plain-heading": "无编号的标题", "run-in-heading": "标题与正文同行", "stray-text": "条文以外的文字",
        "toc": "目录已略去", "tracked-deletion": "修订模式的删除", "tracked-insertion": "修订模式的插入",
        "truncated": "段落疑似被截断",
    },
    "en": {
        "article-gap": "gap in the article numbers", "article-sequence": "article numbers out of order",
        "container-gap": "gap in the chapter numbers",
        "comments": "comments left out", "continued-text": "sentence continued across blocks",
        "control-character": "control character", "detached-text": "text stranded by a page jump",
        "duplicate-heading": "article number repeated", "excerpt": "excerpt", "footnote": "footnote",
        "heading-unclosed": "unclosed article heading", "joined": "blocks joined", "midline-article": "article starts mid-line",
        "no-body": "no body", "no-articles": "no articles", "ocr-marker": "number read through OCR damage",
        "page-furniture": "page header/footer left out", "page-jump": "page-jump marker",
        "plain-heading": "unnumbered heading", "run-in-heading": "heading runs into the text",
        "stray-text": "text outside any article", "toc": "table of contents left out",
        "tracked-deletion": "tracked deletion", "tracked-insertion": "tracked insertion",
        "truncated": "paragraph probably cut off",
    },
}


def warning_label(code: str, lang: str) -> str:
    return WARNING_LABELS["zh" if lang == "zh" else "en"].get(code, code)


STAGES: dict[str, dict[str, str]] = {
    "zh": {"draft": "草案", "reading": "审议稿", "adopted": "通过", "amended": "修改", "revised": "修订", "": "—"},
    "en": {"draft": "Draft", "reading": "Reading", "adopted": "Adopted", "amended": "Amended", "revised": "Revised", "": "—"},
}


# The search page's script words, in the interface language (passed to it as JSON).
SEARCH_WORDS: dict[str, dict[str, str]] = {
    "zh": {"searching": "正在搜索……", "found": "“{q}”：{n}处", "none": "没有找到“{q}”。", "failed": "搜索失败：",
           "deleted": "删除", "added": "新增", "compare": "修改对照", "table": "条文对照表"},
    "en": {"searching": "Searching…", "found": "“{q}”: {n} places", "none": "Nothing found for “{q}”.",
           "failed": "Search failed:", "deleted": "deleted", "added": "added", "compare": "Compare",
           "table": "Comparison table"},
}


def labels(lang: str) -> dict[str, str]:
    return LABELS["zh" if lang == "zh" else "en"]


def stage_name(stage: str, lang: str) -> str:
    table = STAGES["zh" if lang == "zh" else "en"]
    return table.get(stage, stage)


def article_name(info: ArticleInfo) -> str:
    """How an article is named in words: its number as printed, else its heading."""
    return info.num or info.heading or f"#{info.index + 1}"


def names(infos: Iterable[ArticleInfo], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(article_name(i) for i in infos)


def change_phrase(change: Change, lang: str) -> str | None:
    """One change in words, or None for changes summarised by counts (renumbering only, formatting)."""
    zh = lang == "zh"
    old, new = change.old, change.new
    if change.type == "added":
        return f"新增{names(new, lang)}" if zh else f"{names(new, lang)} added"
    if change.type == "removed":
        return f"{names(old, lang)} 删除" if zh else f"{names(old, lang)} removed"
    if change.type == "split":
        return (f"{names(old, lang)} 拆分为{names(new, lang)}" if zh
                else f"{names(old, lang)} split into {names(new, lang)}")
    if change.type == "merged":
        return (f"{names(old, lang)} 合并为{names(new, lang)}" if zh
                else f"{names(old, lang)} merged into {names(new, lang)}")
    name = names(old, lang)
    if change.renumbered:
        name = f"{name}（现{names(new, lang)}）" if zh else f"{name} (now {names(new, lang)})"
    moved_to = _moved_to(change)
    if change.type == "modified" and not (change.formatting_only or change.references_only):
        phrase = f"{name} 修改" if zh else f"{name} amended"
        if moved_to:
            phrase += f"并移至{moved_to}" if zh else f" and moved to {moved_to}"
        elif change.moved:
            phrase += "并调整位置" if zh else " and moved"
        return phrase
    if moved_to:
        return f"{name} 移至{moved_to}" if zh else f"{name} moved to {moved_to}"
    if change.moved:
        return f"{name} 调整位置" if zh else f"{name} moved"
    return None  # unchanged, renumbered only, formatting or cross-reference numbers only


def _moved_to(change: Change) -> str:
    """The new chapter/section of an article the diff calls moved into another container, else ""."""
    if not change.moved or not change.old or not change.new or change.old[0].path == change.new[0].path:
        return ""
    return change.new[0].path[-1] if change.new[0].path else ""


def counts_line(stats: dict[str, int], lang: str) -> str:
    """The one-line summary: counts of each kind of change, biggest news first."""
    zh = lang == "zh"
    order = ["modified", "added", "removed", "split", "merged", "renumbered", "moved"]
    lab = labels(lang)
    parts = []
    for key in order:
        n = stats.get(key, 0)
        if n:
            parts.append(f"{lab[key]}{n}条" if zh else f"{n} {lab[key]}")
    if not parts:
        return "条文无实质变化" if zh else "no change to the articles"
    return "，".join(parts) if zh else ", ".join(parts)


# The groups a step's phrases fall into, most substantive first: what the text now says,
# then the outline (chapters added, removed or renamed), then articles moved elsewhere, then
# numbering (chapters and articles renumbered, cross-references and formatting echoing it).
PHRASE_GROUPS = ("text", "outline", "moves", "numbering")
GROUP_LABELS: dict[str, dict[str, str]] = {
    "zh": {"text": "条文修改", "outline": "章节变化", "moves": "位置调整", "numbering": "编号变化"},
    "en": {"text": "Changes to the text", "outline": "Chapters and sections", "moves": "Moves",
           "numbering": "Renumbering"},
}


def summary(result: DiffResult, lang: str) -> dict[str, object]:
    """Everything the site says about one step, as plain JSON-able data (cached between builds).

    `groups` holds the phrases by PHRASE_GROUPS, empty groups left out; `phrases` is all of
    them in that order, so a shortened list (the changelog's first dozen) leads with the text.
    """
    lab = labels(lang)
    zh = lang == "zh"
    groups: dict[str, list[str]] = {g: [] for g in PHRASE_GROUPS}
    # a step that rewrote the law throughout (or put another law in its place) says so first:
    # its long list of added and removed articles reads differently
    scope = scope_note(result, listing_language(lang))
    if scope:
        groups["text"].append(scope)
    for item in result.structure:
        group = "outline" if item.type in ("added", "removed", "renamed") else "numbering"
        groups[group].append(structure_phrase(item, listing_language(lang)))
    renumbered_only = formatting = references = 0
    for change in sorted(result.changes, key=change_order(result)):
        phrase = change_phrase(change, lang)
        if phrase:
            groups["moves" if change.type == "unchanged" else "text"].append(phrase)
        elif change.type == "unchanged" and change.renumbered:
            renumbered_only += 1
        elif change.type == "modified" and change.formatting_only:
            formatting += 1
        elif change.type == "modified" and change.references_only:
            references += 1
    for flag, name in ((result.front_changed, "front"), (result.notes_changed, "notes"),
                       (result.attachments_changed, "attachments")):
        if flag:
            groups["text"].append(f"{lab[name]}修改" if zh else f"{lab[name]} changed")
    if renumbered_only:
        groups["numbering"].append(f"另有{renumbered_only}条仅条号变化" if zh else f"{renumbered_only} more renumbered only")
    if references:
        groups["numbering"].append(f"{references}条仅引用条号随之变化" if zh
                                   else f"{references} with only cross-reference numbers changed")
    if formatting:
        groups["numbering"].append(f"{formatting}条仅格式变化" if zh else f"{formatting} changed in formatting only")
    stats = dict(sorted(result.stats.items()))
    return {"line": counts_line(stats, lang), "phrases": [p for g in PHRASE_GROUPS for p in groups[g]],
            "groups": [{"kind": g, "label": GROUP_LABELS["zh" if zh else "en"][g], "phrases": groups[g]}
                       for g in PHRASE_GROUPS if groups[g]],
            "stats": stats, "amended": result.has_differences, "scope": scope}


def change_order(result: DiffResult) -> Callable[[Change], tuple[int, int, int]]:
    """A sort key putting every change where a reader expects it in the new text."""
    position: dict[int, int] = {}  # old article index -> new index of the change that kept it
    for change in result.changes:
        if change.new:
            pos = min(a.index for a in change.new)
            for a in change.old:
                position[a.index] = pos

    def key(change: Change) -> tuple[int, int, int]:
        if change.new:
            return (min(a.index for a in change.new), 0, 0)
        first_old = min(a.index for a in change.old) if change.old else 0
        anchor = -1
        for i in range(first_old - 1, -1, -1):
            if i in position:
                anchor = position[i]
                break
        return (anchor, 1, first_old)

    return key


def join_phrases(phrases: Iterable[str], lang: str) -> str:
    return ("；" if lang == "zh" else "; ").join(phrases)
