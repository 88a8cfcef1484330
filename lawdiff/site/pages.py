"""Rendering one page: a template, its data, and links relative to the page itself.

Each function returns the page's bytes; deciding whether to render or write it is
the builder's job.  Everything that varies between runs (time, order of dicts from
sets, absolute paths) is kept out of here so a page is a pure function of its inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import jinja2

from lawdiff.compare.formats.listing import structure_phrase
from lawdiff.compare.result import DiffResult
from lawdiff.model import Document, ParseWarning
import lawdiff.site.fulltext as fulltext
import lawdiff.site.i18n as i18n
import lawdiff.site.search as search
import lawdiff.site.urls as urls
import lawdiff.site.views as views
from lawdiff.site.history import Lineage
from lawdiff.site.inputs import DocInfo, VersionInfo
from lawdiff.site.theme import Theme


@dataclass(frozen=True)
class SiteOptions:
    title: str = "lawdiff"
    base_url: str = ""
    lang: str = "zh"  # interface language of pages listing several documents
    search: bool = True


_ENVIRONMENTS: dict[tuple[str, ...], jinja2.Environment] = {}


def environment(theme: Theme) -> jinja2.Environment:
    """One jinja2 environment per theme and process: templates compile once, not once per
    document (jinja2 still reloads a template whose file changed)."""
    key = tuple(str(d) for d in theme.dirs)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = theme.environment()
    return _ENVIRONMENTS[key]


class Renderer:
    def __init__(self, theme: Theme, options: SiteOptions) -> None:
        self.env = environment(theme)
        self.options = options

    def render(self, template: str, path: str, lang: str, **data: Any) -> bytes:
        """Render `template` as the page at `path`, interface language `lang` ("zh"/"en")."""

        def url(target: str) -> str:
            return urls.relative(path, target)

        html = self.env.get_template(template).render(
            page=path, url=url, urls=urls, lang=lang, L=i18n.labels(lang), site=self.options,
            stage=lambda s: i18n.stage_name(s, lang), html_lang=i18n.html_lang,
            warning_label=lambda code: i18n.warning_label(code, lang),
            canonical=urls.absolute(self.options.base_url, path) if self.options.base_url else "",
            **data)
        return html.encode("utf-8")


# -- document pages ----------------------------------------------------------------------
def doc_lang(doc: DocInfo) -> str:
    return i18n.ui_lang(doc.lang)


def version_page(r: Renderer, doc: DocInfo, n: int, document: Document, eids: dict[int, str],
                 history_keys: list[str] | None) -> bytes:
    """The full text of version n, an anchor per article (its stored eId)."""
    version = doc.versions[n - 1]
    return r.render("version.html", urls.version(doc.slug, n), doc_lang(doc), doc=doc, version=version,
                    content_lang=i18n.html_lang(document.meta.lang), front=fulltext.front_lines(document),
                    blocks=fulltext.blocks(document, eids), attachments=document.attachments,
                    history_keys=history_keys or [], editorial=fulltext.EDITORIAL, warnings=document.warnings)


def compare_page(r: Renderer, doc: DocInfo, a: int, b: int, result: DiffResult,
                 keys_a: list[str], keys_b: list[str], table: bool, instrument: str = "") -> bytes:
    """The redline of versions a -> b, or (table=True) the 条文对照表 of the same pair."""
    lang = doc_lang(doc)
    rows = views.rows(result, lang)
    path = urls.table(doc.slug, a, b) if table else urls.compare(doc.slug, a, b)
    return r.render("table.html" if table else "compare.html", path, lang, doc=doc,
                    old=doc.versions[a - 1], new=doc.versions[b - 1], result=result, rows=rows,
                    sections=views.compare_sections(rows), groups=views.table_groups(rows) if table else [],
                    kinds=views.kind_counts(rows), downloads=downloads(doc, a, b),
                    summary=i18n.summary(result, lang), content_lang=i18n.html_lang(doc.lang),
                    history=_history_link(keys_a, keys_b),
                    structure=[structure_phrase(s, i18n.listing_language(lang)) for s in result.structure],
                    instrument=instrument, instrument_lang=i18n.instrument_style(doc.lang))


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def downloads(doc: DocInfo, a: int, b: int) -> list[tuple[str, str, str]]:
    """(label or label key of i18n, site path, media type) of the files a reader can take away
    for the pair a -> b: the Word redline and 对照表, the diff as JSON and Markdown, both versions' XML."""
    return [
        ("docx_redline", urls.compare_docx(doc.slug, a, b), DOCX),
        ("docx_table", urls.table_docx(doc.slug, a, b), DOCX),
        ("JSON", urls.diff_file(doc.slug, a, b, "json"), "application/json"),
        ("Markdown", urls.diff_file(doc.slug, a, b, "md"), "text/markdown"),
        (f"XML v{a}", urls.version_xml(doc.slug, a), "application/akn+xml"),
        (f"XML v{b}", urls.version_xml(doc.slug, b), "application/akn+xml"),
    ]


def _history_link(keys_a: list[str], keys_b: list[str]) -> Callable[[views.Row], str]:
    """A function giving a row's article-history key: from the new side, else the old."""

    def key(row: views.Row) -> str:
        if row.change.new and row.change.new[0].index < len(keys_b):
            return keys_b[row.change.new[0].index]
        if row.change.old and row.change.old[0].index < len(keys_a):
            return keys_a[row.change.old[0].index]
        return ""

    return key


def article_page(r: Renderer, doc: DocInfo, lineage: Lineage) -> bytes:
    lang = doc_lang(doc)
    return r.render("article.html", urls.article(doc.slug, lineage.name), lang, doc=doc, lineage=lineage,
                    content_lang=i18n.html_lang(doc.lang), redline=views.redline, plain=views.plain,
                    badge_kind=views.badge_kind,
                    phrase=lambda c: i18n.change_phrase(c, lang))


def redirect_page(r: Renderer, doc: DocInfo, path: str, target: str) -> bytes:
    """A page that sends the reader on to `target` (an article history under its current name)."""
    return r.render("redirect.html", path, doc_lang(doc), doc=doc, target=target,
                    content_lang=i18n.html_lang(doc.lang))


def doc_page(r: Renderer, doc: DocInfo, summaries: list[dict[str, Any]], lineages: list[Lineage],
             warnings: list[list[ParseWarning]]) -> bytes:
    """summaries[i]: the step from version i+1 to i+2; warnings[i]: the parse warnings of version i+1."""
    return r.render("document.html", urls.doc(doc.slug), doc_lang(doc), doc=doc, summaries=summaries,
                    lineages=lineages, content_lang=i18n.html_lang(doc.lang), warnings=warnings)


# -- pages about every document -----------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """One version in the changelog and the feed."""

    doc: DocInfo
    version: VersionInfo
    summary: dict[str, Any] | None  # None for a first version

    @property
    def lang(self) -> str:
        return doc_lang(self.doc)


def entries(docs: list[DocInfo], summaries: dict[str, list[dict[str, Any]]]) -> list[Entry]:
    """Every version of every document, newest first (ties: by document, then later version first)."""
    out = []
    for doc in docs:
        steps = summaries.get(doc.slug, [])
        for v in doc.versions:
            out.append(Entry(doc, v, steps[v.n - 2] if v.n > 1 and v.n - 2 < len(steps) else None))
    out.sort(key=lambda e: (e.version.slug, -e.version.n))
    out.sort(key=lambda e: e.version.date, reverse=True)  # stable: ties keep the order above
    return out


def index_page(r: Renderer, docs: list[DocInfo], summaries: dict[str, list[dict[str, Any]]]) -> bytes:
    ordered = sorted(docs, key=lambda d: d.slug)
    ordered.sort(key=lambda d: d.latest.date, reverse=True)
    last: dict[str, dict[str, Any] | None] = {d.slug: summaries[d.slug][-1] if summaries.get(d.slug) else None
                                              for d in docs}
    return r.render("index.html", urls.INDEX, r.options.lang, docs=ordered, last=last, doc_lang=doc_lang,
                    categories=categories(ordered), grouped=any(doc.category for doc in docs))


def categories(docs: list[DocInfo]) -> list[tuple[str, list[DocInfo]]]:
    """(category, its documents in the given order), by category name; documents filed nowhere last."""
    grouped: dict[str, list[DocInfo]] = {}
    for doc in docs:
        grouped.setdefault(doc.category, []).append(doc)
    return sorted(grouped.items(), key=lambda kv: (kv[0] == "", kv[0]))


def changelog_page(r: Renderer, docs: list[DocInfo], summaries: dict[str, list[dict[str, Any]]]) -> bytes:
    return r.render("changelog.html", urls.CHANGELOG, r.options.lang, entries=entries(docs, summaries))


def feed(r: Renderer, docs: list[DocInfo], summaries: dict[str, list[dict[str, Any]]]) -> bytes:
    items = entries(docs, summaries)
    return r.render("feed.xml", urls.FEED, r.options.lang, entries=items,
                    updated=items[0].version.date if items else "2000-01-01",
                    absolute=lambda target: urls.absolute(r.options.base_url, target))


def search_page(r: Renderer, shards: list[str]) -> bytes:
    """The search box over every shard's pagefind bundle (the first one also serves the UI)."""
    return r.render("search.html", urls.SEARCH, r.options.lang, bundles=[f"pagefind/{s}/" for s in shards],
                    letters=search.LETTERS, search_words=i18n.in_ui_lang(i18n.SEARCH_WORDS, r.options.lang))
