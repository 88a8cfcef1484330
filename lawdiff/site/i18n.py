"""Words the site shows: interface labels and change summaries, in Chinese, German or English.

A document's wording follows its own language (`Meta.lang`): Chinese documents get
修改/新增/删除/移至, German ones geändert/eingefügt/aufgehoben/verschoben (the Synopse's words
of the diff outputs), every other language English.  Pages that list several documents use the
site's language (the most common document language).
"""

from __future__ import annotations

from typing import Callable, Iterable

from lawdiff.amend.planner import default_style
from lawdiff.compare.formats.listing import LABELS as LISTING_LABELS, label_language_of, scope_note, structure_phrase
from lawdiff.compare.result import ArticleInfo, Change, DiffResult

# AKN wants ISO 639-2/B (zho); HTML's lang wants the shortest BCP 47 tag (zh).
HTML_LANG = {"zho": "zh", "chi": "zh", "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr"}
HTML_TO_AKN = {"zh": "zho", "de": "deu", "en": "eng"}


def html_lang(akn_lang: str) -> str:
    code = (akn_lang or "").strip().lower()
    return HTML_LANG.get(code, code if code.isalpha() and 2 <= len(code) <= 3 else "und")


UI_LANGS = ("zh", "de", "en")  # the interface languages, English the fallback


def ui_lang(akn_lang: str) -> str:
    """The interface language for a document: "zh" for Chinese, "de" for German, "en" for anything else."""
    code = html_lang(akn_lang)
    return code if code in UI_LANGS else "en"


def instrument_style(akn_lang: str) -> str:
    """The amending instrument's form for a document (amend.planner.default_style: the NPC
    Standing Committee's "zh", German Änderungsbefehle "de", else "en"); also its HTML lang."""
    return default_style(HTML_TO_AKN.get(html_lang(akn_lang), akn_lang))


def in_ui_lang(tables: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    """The table of `tables` (keyed by interface language) for `lang`; English for any other."""
    return tables.get(lang, tables["en"])


# The words for changes every output uses (修改前 | 修改后, 新增, 拆分, 重新编号 …) come from the diff's
# one table of them (listing.LABELS), so that the site, the Markdown, the HTML and the Word table agree.
SHARED_WORDS = ("before", "after", "table", "unchanged", "added", "removed", "split", "merged", "renumbered",
                "moved", "structure", "colon")


def _shared(listing_lang: str) -> dict[str, str]:
    return {key: LISTING_LABELS[listing_lang][key] for key in SHARED_WORDS}


def listing_language(lang: str) -> str:
    """The diff outputs' label language (a listing.LABELS key) that speaks the interface language `lang`."""
    return label_language_of(HTML_TO_AKN.get(lang, ""))


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
    "de": {**_shared("deu"),
        "skip": "Zum Inhalt", "show_list": "Liste zeigen", "articles_n": "{n} Vorschriften", "home": "Start",
        "documents": "Gesetze", "changelog": "Änderungsverlauf", "search": "Suche", "feed": "Feed (Atom)",
        "latest": "Neueste Fassung", "date": "Datum", "version": "Fassung", "stage": "Stadium",
        "articles": "Vorschriften", "last_change": "Letzte Änderung", "timeline": "Zeitleiste",
        "steps": "Änderungen Schritt für Schritt", "full_text": "Volltext", "compare": "Vergleich",
        "docx_redline": "Word-Fassung mit Änderungsverfolgung (.docx)", "docx_table": "Word-Synopse (.docx)",
        "compare_prev": "Mit der vorigen Fassung vergleichen", "compare_latest": "Mit der neuesten Fassung vergleichen",
        "history": "Verlauf", "article_index": "Vorschriften", "stats": "Statistik", "jump": "Geänderte Vorschriften",
        "redline": "Änderungen Vorschrift für Vorschrift", "same": "unverändert",
        "instrument": "Änderungsbefehle (aus dem Vergleich erzeugt)", "show_instrument": "Änderungsbefehle zeigen",
        "instrument_note": "Aus den beiden Texten geschrieben; die Nummern beziehen sich auf die bisherige Fassung.",
        "unchanged_run": "{first} bis {last} unverändert ({n})", "unchanged_one": "{first} unverändert",
        "unchanged_paras": "{n} unveränderte Absätze", "unchanged_para": "1 unveränderter Absatz",
        "para_moved": "Dieser Absatz ",
        "renumbered_only": "Nur neu nummeriert ({n})", "moved_only": "Nur verschoben ({n})",
        "formatting_only": "Nur Formatierung geändert ({n})",
        "references_only": "Nur Verweisnummern geändert ({n})", "notes": "Anmerkungen",
        "heading": "Überschrift", "changed": "geändert",
        "no_changes": "Die Vorschriften der beiden Fassungen unterscheiden sich nicht.",
        "first_version": "Erste Fassung: {n} Vorschriften.", "not_present": "In dieser Fassung nicht enthalten.",
        "added_here": "In dieser Fassung eingefügt.", "removed_here": "In dieser Fassung aufgehoben.",
        "unchanged_here": "Unverändert.", "show_text": "Text zeigen", "contents": "Inhalt",
        "search_intro": "Durchsucht jede Fassung jedes Gesetzes und jeden Vergleich (gestrichener Text "
                        "eingeschlossen); eine chinesische Suche trifft nur die ganze Wortgruppe.",
        "search_label": "Suchen nach",
        "search_noscript": "Die Suche braucht JavaScript; alle anderen Seiten funktionieren ohne.",
        "versions": "Fassungen", "document": "Gesetz", "of": "von", "history_of": "Verlauf von {num}",
        "compare_title": "{old} → {new}", "redline_of": "Änderungen: {old} → {new}",
        "table_of": "Synopse: {old} → {new}", "permalink": "Link zu dieser Vorschrift", "now": "jetzt",
        "view": "Ansehen", "more_changes": "{n} weitere Änderungen", "versions_count": "{n} Fassungen",
        "generated_by": "Erstellt mit lawdiff", "step": "{old} → {new}", "ins": "eingefügt: ",
        "del": "gestrichen: ", "ins_end": "Ende der Einfügung", "del_end": "Ende der Streichung",
        "attachments": "Anlagen", "front": "Titel und Eingangsformel", "total": "Insgesamt", "modified": "geändert",
        "formatting": "nur Formatierung", "references": "nur Verweise", "show_kinds": "Zeigen",
        "downloads": "Herunterladen", "stepper": "Änderungen durchgehen", "prev_change": "Vorige Änderung",
        "next_change": "Nächste Änderung",
        "moved_to": "Der Verlauf dieser Vorschrift (unter ihrer heutigen Nummer)",
        "bar_renumbered": "nur neu nummeriert", "bar_moved": "nur verschoben",
        "editorial": "Anmerkung der Redaktion",
        "ocr_reading": "gedruckt „{printed}“, nach der Reihenfolge als „{read}“ gelesen (Texterkennungsfehler).",
        "editorial_pageJump": "ein Seitenverweis der Zeitung, nicht Teil des Gesetzes",
        "editorial_footnote": "eine Fußnote, nicht Teil des Gesetzes",
        "editorial_detachedText": "Text nach einem Seitenverweis, keiner Vorschrift zugehörig, wie gedruckt erhalten",
        "editorial_text": "Text außerhalb jeder Vorschrift, wie gedruckt erhalten",
        "warnings": "Hinweise des Parsers", "warnings_n": "Hinweise des Parsers ({n})", "warnings_count": "{n}",
        "warnings_note": "Was der Parser beim Import über die Quelle vermerkt hat (nach Zeilen der Quelle); "
                         "der Text selbst ist wie gedruckt erhalten.",
        "line_n": "Zeile {n}",
        "parse_errors": "{n} Lesefehler", "parse_errors_latest": "{n} Lesefehler in der neuesten Fassung",
        "level_error": "Fehler",
        "errors_note": "Lesefehler: Die Gliederung des Textes wurde wahrscheinlich falsch gelesen (etwa eine "
                       "Überschrift als Text); bitte die Quelle prüfen.",
        "categories": "Kategorien", "uncategorized": "Ohne Kategorie", "filter": "Nach Titel filtern",
        "filter_count": "{shown} von {total} angezeigt", "documents_n": "{n} Gesetze",
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
    "de": {
        "article-gap": "Lücke in der Nummerierung", "article-sequence": "Nummern außer der Reihe",
        "container-gap": "Lücke in der Nummerierung der Abschnitte",
        "comments": "Kommentare nicht übernommen", "continued-text": "Satz über Blöcke fortgesetzt",
        "control-character": "Steuerzeichen", "detached-text": "Text nach einem Seitenverweis",
        "duplicate-heading": "Nummer wiederholt", "excerpt": "Auszug", "footnote": "Fußnote",
        "heading-unclosed": "Überschrift ohne schließende Klammer", "joined": "Blöcke zusammengefügt",
        "midline-article": "Vorschrift beginnt mitten in der Zeile",
        "no-body": "kein Text", "no-articles": "keine Vorschriften", "ocr-marker": "Nummer trotz Texterkennungsfehler gelesen",
        "page-furniture": "Kopf- oder Fußzeile weggelassen", "page-jump": "Seitenverweis",
        "plain-heading": "Überschrift ohne Nummer", "run-in-heading": "Überschrift läuft in den Text",
        "stray-text": "Text außerhalb jeder Vorschrift", "toc": "Inhaltsübersicht weggelassen",
        "tracked-deletion": "nachverfolgte Löschung", "tracked-insertion": "nachverfolgte Einfügung",
        "truncated": "Absatz vermutlich abgeschnitten",
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
    return in_ui_lang(WARNING_LABELS, lang).get(code, code)


STAGES: dict[str, dict[str, str]] = {
    "zh": {"draft": "草案", "reading": "审议稿", "adopted": "通过", "amended": "修改", "revised": "修订", "": "—"},
    "de": {"draft": "Entwurf", "reading": "Lesung", "adopted": "Beschlossen", "amended": "Geändert",
           "revised": "Neu gefasst", "": "—"},
    "en": {"draft": "Draft", "reading": "Reading", "adopted": "Adopted", "amended": "Amended", "revised": "Revised", "": "—"},
}


# The search page's script words, in the interface language (passed to it as JSON).
SEARCH_WORDS: dict[str, dict[str, str]] = {
    "zh": {"searching": "正在搜索……", "found": "“{q}”：{n}处", "none": "没有找到“{q}”。", "failed": "搜索失败：",
           "deleted": "删除", "added": "新增", "compare": "修改对照", "table": "条文对照表"},
    "de": {"searching": "Suche läuft …", "found": "„{q}“: {n} Stellen", "none": "Nichts gefunden für „{q}“.",
           "failed": "Suche fehlgeschlagen:", "deleted": "gestrichen", "added": "eingefügt", "compare": "Vergleich",
           "table": "Synopse"},
    "en": {"searching": "Searching…", "found": "“{q}”: {n} places", "none": "Nothing found for “{q}”.",
           "failed": "Search failed:", "deleted": "deleted", "added": "added", "compare": "Compare",
           "table": "Comparison table"},
}


def labels(lang: str) -> dict[str, str]:
    return in_ui_lang(LABELS, lang)


def stage_name(stage: str, lang: str) -> str:
    return in_ui_lang(STAGES, lang).get(stage, stage)


def article_name(info: ArticleInfo) -> str:
    """How an article is named in words: its number as printed, else its heading."""
    return info.num or info.heading or f"#{info.index + 1}"


def names(infos: Iterable[ArticleInfo], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(article_name(i) for i in infos)


# A step's changes in words, by interface language: {old}/{new} the articles, {name} an article
# as the reader knew it (renumbered: with its new number), {to} a chapter or section.
PHRASES: dict[str, dict[str, str]] = {
    "zh": {"added": "新增{new}", "removed": "{old} 删除", "split": "{old} 拆分为{new}", "merged": "{old} 合并为{new}",
           "now": "{old}（现{new}）", "amended": "{name} 修改", "and_moved_to": "并移至{to}", "and_moved": "并调整位置",
           "moved_to": "{name} 移至{to}", "moved": "{name} 调整位置", "count": "{label}{n}条", "counts": "，",
           "no_change": "条文无实质变化", "part_changed": "{label}修改", "renumbered_more": "另有{n}条仅条号变化",
           "references_n": "{n}条仅引用条号随之变化", "formatting_n": "{n}条仅格式变化"},
    "de": {"added": "{new} eingefügt", "removed": "{old} aufgehoben", "split": "{old} aufgeteilt in {new}",
           "merged": "{old} zusammengeführt in {new}", "now": "{old} (jetzt {new})", "amended": "{name} geändert",
           "and_moved_to": " und verschoben nach {to}", "and_moved": " und verschoben",
           "moved_to": "{name} verschoben nach {to}", "moved": "{name} verschoben", "count": "{n} {label}",
           "counts": ", ", "no_change": "keine Änderung der Vorschriften", "part_changed": "{label} geändert",
           "renumbered_more": "{n} weitere nur neu nummeriert", "references_n": "{n} nur mit geänderten Verweisnummern",
           "formatting_n": "{n} nur in der Formatierung geändert"},
    "en": {"added": "{new} added", "removed": "{old} removed", "split": "{old} split into {new}",
           "merged": "{old} merged into {new}", "now": "{old} (now {new})", "amended": "{name} amended",
           "and_moved_to": " and moved to {to}", "and_moved": " and moved", "moved_to": "{name} moved to {to}",
           "moved": "{name} moved", "count": "{n} {label}", "counts": ", ", "no_change": "no change to the articles",
           "part_changed": "{label} changed", "renumbered_more": "{n} more renumbered only",
           "references_n": "{n} with only cross-reference numbers changed",
           "formatting_n": "{n} changed in formatting only"},
}


def change_phrase(change: Change, lang: str) -> str | None:
    """One change in words, or None for changes summarised by counts (renumbering only, formatting)."""
    say = in_ui_lang(PHRASES, lang)
    old, new = names(change.old, lang), names(change.new, lang)
    if change.type in ("added", "removed", "split", "merged"):
        return say[change.type].format(old=old, new=new)
    name = say["now"].format(old=old, new=new) if change.renumbered else old
    moved_to = _moved_to(change)
    if change.type == "modified" and not (change.formatting_only or change.references_only):
        phrase = say["amended"].format(name=name)
        if moved_to:
            phrase += say["and_moved_to"].format(to=moved_to)
        elif change.moved:
            phrase += say["and_moved"]
        return phrase
    if moved_to:
        return say["moved_to"].format(name=name, to=moved_to)
    if change.moved:
        return say["moved"].format(name=name)
    return None  # unchanged, renumbered only, formatting or cross-reference numbers only


def _moved_to(change: Change) -> str:
    """The new chapter/section of an article the diff calls moved into another container, else ""."""
    if not change.moved or not change.old or not change.new or change.old[0].path == change.new[0].path:
        return ""
    return change.new[0].path[-1] if change.new[0].path else ""


def counts_line(stats: dict[str, int], lang: str) -> str:
    """The one-line summary: counts of each kind of change, biggest news first."""
    say = in_ui_lang(PHRASES, lang)
    order = ["modified", "added", "removed", "split", "merged", "renumbered", "moved"]
    lab = labels(lang)
    parts = [say["count"].format(label=lab[key], n=stats[key]) for key in order if stats.get(key, 0)]
    return say["counts"].join(parts) if parts else say["no_change"]


# The groups a step's phrases fall into, most substantive first: what the text now says,
# then the outline (chapters added, removed or renamed), then articles moved elsewhere, then
# numbering (chapters and articles renumbered, cross-references and formatting echoing it).
PHRASE_GROUPS = ("text", "outline", "moves", "numbering")
GROUP_LABELS: dict[str, dict[str, str]] = {
    "zh": {"text": "条文修改", "outline": "章节变化", "moves": "位置调整", "numbering": "编号变化"},
    "de": {"text": "Änderungen am Text", "outline": "Gliederung", "moves": "Verschiebungen",
           "numbering": "Nummerierung"},
    "en": {"text": "Changes to the text", "outline": "Chapters and sections", "moves": "Moves",
           "numbering": "Renumbering"},
}


def summary(result: DiffResult, lang: str) -> dict[str, object]:
    """Everything the site says about one step, as plain JSON-able data (cached between builds).

    `groups` holds the phrases by PHRASE_GROUPS, empty groups left out; `phrases` is all of
    them in that order, so a shortened list (the changelog's first dozen) leads with the text.
    """
    lab = labels(lang)
    say = in_ui_lang(PHRASES, lang)
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
            groups["text"].append(say["part_changed"].format(label=lab[name]))
    for count, key in ((renumbered_only, "renumbered_more"), (references, "references_n"),
                       (formatting, "formatting_n")):
        if count:
            groups["numbering"].append(say[key].format(n=count))
    stats = dict(sorted(result.stats.items()))
    return {"line": counts_line(stats, lang), "phrases": [p for g in PHRASE_GROUPS for p in groups[g]],
            "groups": [{"kind": g, "label": in_ui_lang(GROUP_LABELS, lang)[g], "phrases": groups[g]}
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
    """Phrases joined as one sentence: `；` in Chinese, `; ` otherwise."""
    return ("；" if lang == "zh" else "; ").join(phrases)
