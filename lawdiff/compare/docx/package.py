"""The parts of a Word document (OOXML, ECMA-376) that lawdiff writes, and the zip around them.

python-docx writes no tracked changes (`w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`), so the
document part is written here as text; the other parts are small and fixed.  Every part is
a function of its inputs only, and the zip has fixed timestamps, attributes and member
order, so the same comparison gives the same bytes.

Typography: Latin text in a serif (Times New Roman), CJK text in a CJK font (SimSun,
headings SimHei; LibreOffice and Word substitute an installed CJK font when these are
missing), A4 pages.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the zip format's earliest time: no build time in the bytes
LATIN_FONT = "Times New Roman"
CJK_FONT = "SimSun"
CJK_HEADING_FONT = "SimHei"
# Word's own language tags for the three languages lawdiff parses.
LANG_TAGS = {"zho": "zh-CN", "eng": "en-GB", "deu": "de-DE"}

# Paragraph styles (style id, name): the document's structure as Word sees it.
STYLE_TITLE = "Title"
STYLE_ARTICLE = "LawdiffArticle"  # the article's number (Chinese: and heading)
STYLE_ARTICLE_TITLE = "LawdiffArticleTitle"  # the article's heading on a line of its own
STYLE_NUMBER = "LawdiffArticleNumber"  # character style: the article's number (and heading) in its line
STYLE_BODY = "LawdiffBody"  # a paragraph (款) or point (项) of an article
STYLE_CELL = "LawdiffCell"  # text in a 对照表 cell
STYLE_CELL_HEAD = "LawdiffCellHeading"  # the article's name inside a cell
STYLE_NOTE = "LawdiffNote"  # the line under the title: which versions are compared
HEADING_LEVELS = 6  # containers (编/章/节, Part/Chapter/Section...) by depth: Heading1..Heading6


def heading_style(depth: int) -> str:
    return f"Heading{min(depth, HEADING_LEVELS - 1) + 1}"


def text_xml(text: str) -> str:
    """Escaped character data; a tab becomes Word's `<w:tab/>` (the caller wraps in w:t)."""
    return escape(text)


def attr(value: str) -> str:
    return quoteattr(value)


@dataclass
class Revisions:
    """Numbers every tracked change: `w:id` must be unique in the document, and a move's
    two ranges share a name (`move1`)."""

    author: str
    date: str  # ISO 8601, e.g. 2023-12-29T00:00:00Z
    next_id: int = 1

    def take(self) -> int:
        """The next revision id."""
        rid = self.next_id
        self.next_id += 1
        return rid

    def attrs(self, rid: int | None = None) -> str:
        """A revision's attributes: id (the next one unless given), author, date."""
        return f' w:id="{self.take() if rid is None else rid}" w:author={attr(self.author)} w:date="{self.date}"'


def run_xml(text: str, deleted: bool = False, props: str = "") -> str:
    """One run; tabs as `<w:tab/>`, deleted text in `w:delText` as the schema wants."""
    tag = "w:delText" if deleted else "w:t"
    pieces = text.split("\t")
    inner: list[str] = []
    for k, piece in enumerate(pieces):
        if k:
            inner.append("<w:tab/>")
        if piece:
            inner.append(f'<{tag} xml:space="preserve">{text_xml(piece)}</{tag}>')
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{''.join(inner)}</w:r>"


def _fonts(heading: bool = False) -> str:
    cjk = CJK_HEADING_FONT if heading else CJK_FONT
    return (f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{cjk}" '
            f'w:cs="{LATIN_FONT}"/>')


def styles_xml(lang: str) -> str:
    tag = LANG_TAGS.get(lang, "en-GB")
    latin = tag if lang != "zho" else "en-GB"
    indent = '<w:ind w:firstLineChars="200" w:firstLine="480"/>' if lang == "zho" else ""
    if lang == "zho":
        # Chinese laws print the number at the start of the article's first paragraph: the
        # paragraph is text, the number is set off by the character style.
        article_style = (f'<w:style w:type="paragraph" w:styleId="{STYLE_ARTICLE}"><w:name w:val="Article Heading"/>'
                         f'<w:basedOn w:val="{STYLE_BODY}"/><w:next w:val="{STYLE_BODY}"/><w:qFormat/>'
                         '<w:pPr><w:spacing w:before="120"/></w:pPr></w:style>')
    else:
        article_style = (f'<w:style w:type="paragraph" w:styleId="{STYLE_ARTICLE}"><w:name w:val="Article Heading"/>'
                         f'<w:basedOn w:val="Normal"/><w:next w:val="{STYLE_BODY}"/><w:qFormat/>'
                         '<w:pPr><w:keepNext/><w:spacing w:before="200" w:after="60"/></w:pPr>'
                         f'<w:rPr>{_fonts(True)}<w:b/></w:rPr></w:style>')
    headings = []
    for k in range(HEADING_LEVELS):
        size = max(24, 32 - 2 * k)
        headings.append(
            f'<w:style w:type="paragraph" w:styleId="Heading{k + 1}"><w:name w:val="heading {k + 1}"/>'
            f'<w:basedOn w:val="Normal"/><w:next w:val="{STYLE_BODY}"/><w:uiPriority w:val="9"/><w:qFormat/>'
            f'<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/>'
            f'<w:outlineLvl w:val="{k}"/></w:pPr>'
            f'<w:rPr>{_fonts(True)}<w:b/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{W_NS}">'
        '<w:docDefaults><w:rPrDefault><w:rPr>'
        f'{_fonts()}<w:sz w:val="24"/><w:szCs w:val="24"/>'
        f'<w:lang w:val="{latin}" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        '</w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        '<w:tblPr><w:tblBorders>'
        + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders></w:tblPr></w:style>'
        f'<w:style w:type="paragraph" w:styleId="{STYLE_TITLE}"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
        f'<w:next w:val="{STYLE_NOTE}"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/>'
        f'<w:outlineLvl w:val="0"/></w:pPr><w:rPr>{_fonts(True)}<w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>'
        f'<w:style w:type="paragraph" w:styleId="{STYLE_NOTE}"><w:name w:val="Comparison Note"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr>'
        '<w:rPr><w:color w:val="595959"/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
        + "".join(headings)
        + article_style +
        f'<w:style w:type="character" w:styleId="{STYLE_NUMBER}"><w:name w:val="Article Number"/>'
        f'<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr>{_fonts(True)}<w:b/></w:rPr></w:style>'
        f'<w:style w:type="paragraph" w:styleId="{STYLE_ARTICLE_TITLE}"><w:name w:val="Article Title"/>'
        f'<w:basedOn w:val="{STYLE_ARTICLE}"/><w:next w:val="{STYLE_BODY}"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="120"/></w:pPr></w:style>'
        f'<w:style w:type="paragraph" w:styleId="{STYLE_BODY}"><w:name w:val="Article Text"/>'
        f'<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{indent}<w:jc w:val="both"/></w:pPr></w:style>'
        f'<w:style w:type="paragraph" w:styleId="{STYLE_CELL}"><w:name w:val="Table Text"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="60" w:line="300" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>'
        f'<w:style w:type="paragraph" w:styleId="{STYLE_CELL_HEAD}"><w:name w:val="Table Heading"/>'
        f'<w:basedOn w:val="{STYLE_CELL}"/><w:rPr>{_fonts(True)}<w:b/></w:rPr></w:style>'
        '</w:styles>')


def _section(landscape: bool) -> str:
    # A4 in twentieths of a point: 210 x 297 mm; 2.5 cm margins.
    width, height = (16838, 11906) if landscape else (11906, 16838)
    orient = ' w:orient="landscape"' if landscape else ""
    return (f'<w:sectPr><w:pgSz w:w="{width}" w:h="{height}"{orient}/>'
            '<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="851" '
            'w:footer="851" w:gutter="0"/></w:sectPr>')


def document_xml(body: str, landscape: bool = False) -> str:
    # The final empty paragraph is never tracked: Word needs a last paragraph mark that
    # survives accepting or rejecting everything before it.
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}<w:p/>{_section(landscape)}'
            '</w:body></w:document>')


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '</Types>')

_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    '</Relationships>')

_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" '
    'Target="settings.xml"/>'
    '</Relationships>')


def _settings(lang: str) -> str:
    tag = LANG_TAGS.get(lang, "en-GB")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="420"/>'
            '<w:characterSpacingControl w:val="compressPunctuation"/>'
            f'<w:themeFontLang w:val="{tag}" w:eastAsia="zh-CN"/><w:compat>'
            '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
            '</w:compat></w:settings>')


def _core(title: str, created: str, modified: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{text_xml(title)}</dc:title><dc:creator>lawdiff</dc:creator>'
            f'<cp:lastModifiedBy>lawdiff</cp:lastModifiedBy>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{iso_date(created)}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{iso_date(modified)}</dcterms:modified>'
            '</cp:coreProperties>')


def package(document: str, lang: str, title: str, created: str, modified: str) -> bytes:
    """The .docx bytes: fixed member order, timestamps and attributes (deterministic).

    `created` and `modified` are dates (YYYY-MM-DD): a redline was "created" as the
    earlier version and "modified" into the later one, so that importing its tracked
    changes (`lawdiff import --tracked`) dates both versions right."""
    parts = [
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _ROOT_RELS),
        ("docProps/core.xml", _core(title, created, modified)),
        ("word/_rels/document.xml.rels", _DOCUMENT_RELS),
        ("word/document.xml", document),
        ("word/styles.xml", styles_xml(lang)),
        ("word/settings.xml", _settings(lang)),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, text.encode("utf-8"), compresslevel=6)
    return buffer.getvalue()


def iso_date(date: str) -> str:
    """A version's date (YYYY-MM-DD) as a revision timestamp; Word wants a full date-time."""
    return f"{date or '1970-01-01'}T00:00:00Z"
