"""The clause grammar of Chinese amending instruments (NPC drafting style).

An item's text arrives with every quotation replaced by QMARK and the quotations'
lines alongside.  Each clause (split on "；" outside quotations) must match one form
exactly; a clause that matches none makes the whole item "not understood" — nothing is
guessed.  Places (`刑法第一百六十五条第二款`, `该条`) are read in the base document's
numbering; "该条" is the last article named in the item.
"""

from __future__ import annotations

import re

from lawdiff.amend.instrument import Loc, Op
from lawdiff.amend.quoting import QMARK, as_printed, inline, split_clauses
from lawdiff.errors import LawdiffError
from lawdiff.text.markers import ZH_CONTAINER_WORD_PATTERN, ZH_CONTAINER_WORDS
from lawdiff.text.numbers import article_number
from lawdiff.text.numerals import ZH_NUMBER, zh_to_int

N = ZH_NUMBER
Q = QMARK
R = rf"(?P<ref>[^{Q}；，：:]*?)"
R2 = rf"(?P<ref2>[^{Q}；，：:]*?)"
COLON = r"[：:，,]?(?:即[：:])?"
CW = ZH_CONTAINER_WORD_PATTERN

REF_TOKEN = re.compile(rf"第\s*({N})\s*({CW}|条(?:之\s*({N}))?|款|项|目)")
CHAIN = re.compile(rf"(?:第\s*{N}\s*(?:{CW}|条(?:之\s*{N})?|款|项|目))+")  # must end the text: see zh_ref
SAME_ARTICLE = ("该条", "本条", "此条")
ZH_POSITIONS = {"前": "before", "后": "after", "中": "in"}  # 在…前/后/中

ZH_FORMS: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(pattern)) for name, pattern in [
    ("add_para_rewrite", rf"^在{R}中增加一款[，,]?作为(?:该条)?第(?P<n>{N})款[，,]?(?:并)?将该条修改为[：:]?{Q}$"),
    ("replace_text", rf"^将{R}中的{Q}(?:修改|改)为{Q}$"),
    ("insert_text", rf"^在{R}中的{Q}(?:之)?(?P<pos>后|前)增加{Q}$"),
    ("delete_text", rf"^删去{R}中的{Q}$"),
    ("heading", rf"^将{R}的条标修改为{Q}$"),
    ("heading_delete", rf"^删去{R}的条标$"),
    ("rename", rf"^将{R}的(?:{CW})?(?:名|名称|标题)修改为{Q}$"),
    ("delete_heading", rf"^删去{R}的(?:{CW})?(?:名|名称|标题)$"),
    ("add_container", rf"^(?:在?{R}(?P<pos>前|后|中))?增加一(?P<kw>{CW})[，,]?作为第(?P<n>{N})(?P=kw){COLON}{Q}$"),
    ("add_article", rf"^(?:在?{R}(?P<pos>前|后|中))?增加一条[，,]?作为第(?P<n>{N})条(?:之(?P<sub>{N}))?"
                    rf"(?P<titled>[，,]条标为{Q})?{COLON}{Q}$"),
    ("add_paragraph", rf"^(?:在?{R}中?)?增加一款[，,]?作为(?:该条)?第(?P<n>{N})款{COLON}{Q}$"),
    ("add_point", rf"^(?:在?{R}中?)?增加一项[，,]?作为(?:该款|该条)?第(?P<n>{N})项{COLON}{Q}$"),
    ("renumber_replace", rf"^将{R}改为第(?P<n>{N})(?P<kw>条|{CW})(?:之(?P<sub>{N}))?[，,](?:并)?(?:将该条)?修改为[：:]?{Q}$"),
    ("replace", rf"^将{R}(?:修改|改)为[：:]?{Q}$"),
    ("renumber", rf"^将?{R}(?:至{R2})?(?:依次)?改为(?P<to>第{N}(?:条(?:之{N})?|{CW}))(?:至(?P<to2>第{N}(?:条(?:之{N})?|{CW})))?$"),
    ("move", rf"^将{R}移至{R2}(?P<pos>前|后|中)$"),
    ("delete_range", rf"^删去{R}至{R2}$"),
    ("delete_list", rf"^删去(?P<list>第[^{Q}；，：:]*?(?:、第[^{Q}；，：:]*?)+)$"),
    ("delete", rf"^删去{R}$"),
    ("renumber_all", r"^.*对(?P<what>[^。；]*?)(?:的)?顺序作(?:相应|如下)?调整.*$"),
    ("note", r"^.*(?:施行|生效|公布|废止)$"),
]]


def zh_clauses(template: str, quotes: list[list[str]]) -> list[Op]:
    """The instructions of one Chinese item (its quotations replaced by QMARK in `template`)."""
    ops: list[Op] = []
    ctx = _Context()
    for clause, clause_quotes in split_clauses(template, quotes, "；;"):
        text = clause.strip().rstrip("。.").strip()
        if not text:
            continue
        ops.extend(_zh_clause(text, clause_quotes, ctx))
    if not ops:
        raise LawdiffError("the item is empty")
    return ops


class _Context:
    """What "该条" and a clause without an article refer to: the last article named."""

    def __init__(self) -> None:
        self.article: Loc | None = None


def zh_ref(text: str, ctx: _Context, need_article: bool = False) -> Loc:
    """"刑法第一百六十五条第二款" -> Loc; a law's name before the first 第 is allowed."""
    text = re.sub(r"\s", "", text)
    if text in SAME_ARTICLE or text == "":
        if ctx.article is None:
            raise LawdiffError(f"'{text or '(no place)'}' refers to no article named before it")
        return ctx.article
    # The chain of 第… must end the text and follow at most 40 characters (a law's name):
    # trying only those starts keeps this linear (a bare search retries at every 第).
    match = next((m for m in (CHAIN.match(text, i) for i, ch in enumerate(text[:41]) if ch == "第")
                  if m and m.end() == len(text)), None)
    if not match:
        raise LawdiffError(f"cannot read the place '{text}'")
    prefix = text[: match.start()]
    inherit = prefix.endswith(SAME_ARTICLE)
    containers: list[tuple[str, int]] = []
    article, paragraph, point = "", 0, 0
    for token in REF_TOKEN.finditer(match.group(0)):
        word = token.group(2)
        if word in ZH_CONTAINER_WORDS:
            if article or paragraph or point:
                raise LawdiffError(f"cannot read the place '{text}'")
            containers.append((ZH_CONTAINER_WORDS[word], _int(token.group(1))))
        elif word.startswith("条"):
            article = _article(token.group(1), token.group(3))
        elif word == "款":
            paragraph = _int(token.group(1))
        elif word == "项":
            point = _int(token.group(1))
        else:
            raise LawdiffError(f"'{text}': places below 项 (目) are not supported")
    if not article and (paragraph or point):
        if ctx.article is None and not inherit:
            raise LawdiffError(f"'{text}' names no article")
        if ctx.article is None:
            raise LawdiffError(f"'{text}' refers to no article named before it")
        article = ctx.article.article
    loc = Loc(tuple(containers), article, paragraph, point)
    if need_article and not loc.article:
        raise LawdiffError(f"'{text}' is not an article")
    if loc.article:
        ctx.article = Loc(article=loc.article)
    return loc


def _int(text: str) -> int:
    value = zh_to_int(re.sub(r"\s", "", text))
    if value is None:
        raise LawdiffError(f"not a number: {text!r}")
    return value


def _article(main: str, sub: str | None) -> str:
    """"一百二十", "一" (第一百二十条之一) -> "120-1": the article number as the model writes it."""
    return article_number(_int(main), _int(sub) if sub else 0)


def _number_of(printed: str) -> tuple[str, str]:
    """"第一百二十条之一" -> ("120-1", "article"); "第四章" -> ("4", "chapter")."""
    match = REF_TOKEN.fullmatch(printed)
    if not match:
        raise LawdiffError(f"cannot read the number '{printed}'")
    word = match.group(2)
    if word.startswith("条"):
        return _article(match.group(1), match.group(3)), "article"
    if word in ZH_CONTAINER_WORDS:
        return str(_int(match.group(1))), ZH_CONTAINER_WORDS[word]
    raise LawdiffError(f"cannot renumber '{printed}'")


def _zh_clause(text: str, quotes: list[list[str]], ctx: _Context) -> list[Op]:
    printed = as_printed(text, quotes)
    for name, pattern in ZH_FORMS:
        match = pattern.match(text)
        if match:
            return _zh_op(name, match, quotes, ctx, printed)
    raise LawdiffError(f"not understood: '{printed[:60]}'")


def _zh_op(name: str, m: re.Match[str], quotes: list[list[str]], ctx: _Context, printed: str) -> list[Op]:
    g = m.groupdict()
    if name == "add_para_rewrite":
        loc = zh_ref(g["ref"], ctx, need_article=True)
        return [Op("replace", loc.article_only(), lines=quotes[0], adds_paragraph=_int(g["n"]), text=printed)]
    if name == "replace_text":
        return [Op("replace_text", zh_ref(g["ref"], ctx, True), old=inline(quotes[0]), new=inline(quotes[1]),
                   text=printed)]
    if name == "insert_text":
        return [Op("insert_text", zh_ref(g["ref"], ctx, True), old=inline(quotes[0]), new=inline(quotes[1]),
                   position="after" if g["pos"] == "后" else "before", text=printed)]
    if name == "delete_text":
        return [Op("delete_text", zh_ref(g["ref"], ctx, True), old=inline(quotes[0]), text=printed)]
    if name in ("heading", "heading_delete"):
        loc = zh_ref(g["ref"], ctx, True)
        return [Op("heading", loc.article_only(), new=inline(quotes[0]) if quotes else "", text=printed)]
    if name == "rename":
        loc = zh_ref(g["ref"], ctx)
        if not loc.is_container:
            raise LawdiffError(f"'{g['ref']}' is not a chapter or section")
        return [Op("rename", loc, new=inline(quotes[0]), text=printed)]
    if name == "delete_heading":
        loc = zh_ref(g["ref"], ctx)
        if not loc.is_container:
            raise LawdiffError(f"'{g['ref']}' is not a chapter or section")
        return [Op("delete_heading", loc, text=printed)]
    if name == "add_container":
        anchor = zh_ref(g["ref"], ctx) if g.get("pos") else Loc()
        position = ZH_POSITIONS.get(g.get("pos") or "", "")
        heading = inline(quotes[0])
        kw = g["kw"]
        number = str(_int(g["n"]))
        # The quotation may repeat the number ("第四章　法律责任"): keep only the heading.
        heading = re.sub(rf"^第\s*{N}\s*{kw}[\s\u3000]*", "", heading)
        return [Op("add_container", anchor=anchor, new=heading, number=number, ckind=ZH_CONTAINER_WORDS[kw],
                   position=position, text=printed)]
    if name == "add_article":
        anchor = zh_ref(g["ref"], ctx) if g.get("pos") else Loc()
        position = ZH_POSITIONS.get(g.get("pos") or "", "")
        if position == "in" and not anchor.is_container:
            raise LawdiffError(f"'{g['ref']}中' must name a chapter or section")
        number = _article(g["n"], g.get("sub"))
        heading = inline(quotes[0]) if g.get("titled") else ""
        op = Op("add_article", anchor=anchor, lines=quotes[-1], number=number, position=position, text=printed,
                new=heading)
        ctx.article = Loc(article=number)
        return [op]
    if name == "add_paragraph":
        loc = zh_ref(g.get("ref") or "", ctx, True)
        return [Op("add_paragraph", loc.article_only(), lines=quotes[0], number=str(_int(g["n"])), text=printed)]
    if name == "add_point":
        loc = zh_ref(g.get("ref") or "", ctx, True)
        return [Op("add_point", Loc(article=loc.article, paragraph=loc.paragraph), lines=quotes[0],
                   number=str(_int(g["n"])), text=printed)]
    if name == "renumber_replace":
        loc = zh_ref(g["ref"], ctx, True)
        number = _article(g["n"], g.get("sub"))
        return [Op("renumber", loc.article_only(), number=number, text=printed),
                Op("replace", loc.article_only(), lines=quotes[0], text=printed)]
    if name == "replace":
        return [Op("replace", zh_ref(g["ref"], ctx, True), lines=quotes[0], text=printed)]
    if name == "renumber":
        return _zh_renumber(g, ctx, printed)
    if name == "move":
        loc = zh_ref(g["ref"], ctx, True)
        anchor = zh_ref(g["ref2"], _Context())
        position = ZH_POSITIONS[g["pos"]]
        return [Op("move", loc.article_only(), anchor=anchor, position=position, text=printed)]
    if name == "delete":
        return [Op("delete", zh_ref(g["ref"], ctx), text=printed)]
    if name == "delete_list":  # 删去第十条、第十二条
        return [Op("delete", zh_ref(part, ctx), text=printed) for part in g["list"].split("、")]
    if name == "delete_range":  # 删去第十条至第十二条
        first, last = zh_ref(g["ref"], ctx, True), zh_ref(g["ref2"], ctx, True)
        if not (first.article.isdigit() and last.article.isdigit()) or int(last.article) < int(first.article) \
                or first.paragraph or last.paragraph:
            raise LawdiffError(f"'{printed}': only a range of plain article numbers can be deleted")
        return [Op("delete", Loc(article=str(k)), text=printed)
                for k in range(int(first.article), int(last.article) + 1)]
    if name == "renumber_all":
        what = g["what"]
        return [Op("renumber_all", articles="条" in what,
                   containers=any(w in what for w in ("章", "节", "编")), text=printed)]
    return [Op("note", text=printed)]


def _zh_renumber(g: dict[str, str | None], ctx: _Context, printed: str) -> list[Op]:
    first = zh_ref(g["ref"] or "", _Context())
    to_number, kind = _number_of(g["to"] or "")
    if not g.get("ref2"):
        return [_renumber_op(first, to_number, kind, printed)]
    last = zh_ref(g["ref2"] or "", _Context())
    if not g.get("to2"):
        raise LawdiffError(f"'{printed}': a range renumbered needs a range of new numbers")
    to_last, _kind = _number_of(g["to2"] or "")
    if kind != "article" or not first.article.isdigit() or not last.article.isdigit() \
            or not to_number.isdigit() or not to_last.isdigit():
        raise LawdiffError(f"'{printed}': only plain article numbers can be renumbered as a range")
    a, b, c, d = int(first.article), int(last.article), int(to_number), int(to_last)
    if b - a != d - c or b < a:
        raise LawdiffError(f"'{printed}': the two ranges differ in length")
    return [_renumber_op(Loc(article=str(a + k)), str(c + k), "article", printed) for k in range(b - a + 1)]


def _renumber_op(loc: Loc, number: str, kind: str, printed: str) -> Op:
    if kind == "article":
        if not loc.article or loc.paragraph or loc.point:
            raise LawdiffError(f"'{printed}': only an article can get an article number")
        return Op("renumber", loc, number=number, text=printed)
    if not loc.is_container or loc.containers[-1][0] != kind:
        raise LawdiffError(f"'{printed}': the new number is not of the same kind")
    return Op("renumber", loc, number=number, ckind=kind, text=printed)
