"""An accessible Word document: the base every .docx the app writes is built on.

What Word's Accessibility Checker and the people reading the file need (FACTS.md,
"Documents people can read"): the title and the en-GB language in the document's
properties and in its default style, real heading styles with one Heading 1 and no
skipped levels, Arial at 12pt or more in dark text on white, tables whose header
row is marked and repeats on every page, and no empty paragraphs used for spacing.

python-docx is imported inside the functions, never when this module loads, so the
app starts without it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exports.files import atomic_write_bytes

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import BaseStyle
    from docx.table import Table
    from docx.text.paragraph import Paragraph

FONT = "Arial"
LANGUAGE = "en-GB"
TEXT_COLOUR = (0x00, 0x00, 0x00)
HEADING_COLOUR = (0x1F, 0x1F, 0x1F)
"""Near-black: 16.9:1 on white, far above WCAG's 4.5:1."""
HEADING_EXTRA_PT = {1: 8, 2: 4, 3: 2}
"""How much larger than the body text each heading level is."""
PAGE_MM = (210, 297)
MARGIN_MM = 20
CELL_SPACE_PT = 2
"""Room above and below the text in a table cell."""
KEEP_TOGETHER_ROWS = 14
"""Tables this short are kept on one page."""
BOX = "☐"
"""An empty tick box, for forms filled in on paper."""


def new_document(
    title: str,
    organisation: str,
    *,
    base_pt: int = 12,
    subject: str = "",
    keywords: str = "",
) -> Document:
    """A blank A4 document with its properties, language, fonts and colours set."""
    import docx
    from docx.shared import Mm

    base_pt = max(12, base_pt)
    doc = docx.Document()
    _set_properties(doc, title, organisation, subject, keywords)
    _drop_template_thumbnail(doc)
    _set_application(doc, organisation)
    _set_language(doc)
    _restyle(doc, base_pt)
    for section in doc.sections:
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(MARGIN_MM))
    return doc


def heading(doc: Document, text: str, level: int) -> Paragraph:
    """A real heading. The first is the only Heading 1; no level is skipped."""
    if level not in HEADING_EXTRA_PT:
        raise ValueError(f"heading level {level} is not used in these documents")
    last = _last_heading_level(doc)
    if last is None and level != 1:
        raise ValueError("the first heading must be the document's Heading 1")
    if last is not None and (level == 1 or level > last + 1):
        raise ValueError(f"a Heading {level} after a Heading {last} skips or repeats a level")
    return doc.add_paragraph(_one_line(text), style=f"Heading {level}")


def paragraph(doc: Document, text: str, bold: bool = False, *, label: str = "") -> Paragraph:
    """A paragraph of body text; `label` starts it in bold ('Date: ' + the date)."""
    if not text.strip() and not label.strip():
        raise ValueError("empty paragraphs are not used for spacing")
    para = doc.add_paragraph(style="Normal")
    _space_after_table(doc, para)
    if label:
        para.add_run(label).bold = True
    if text:
        run = para.add_run(text)
        if bold:
            run.bold = True
    return para


def bullets(doc: Document, items: Iterable[str]) -> list[Paragraph]:
    """A bulleted list, one paragraph per item."""
    added = [doc.add_paragraph(_one_line(item), style="List Bullet") for item in items if item]
    if added:
        _space_after_table(doc, added[0])
    return added


def table(
    doc: Document,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    caption: str = "",
    widths_mm: Sequence[float] | None = None,
    bold_last_row: bool = False,
    right_columns: Sequence[int] = (),
    min_row_mm: float = 0,
) -> Table:
    """A table with a marked header row that repeats at the top of every page.

    `caption` becomes the table's title and description for screen readers;
    `right_columns` (amounts) are aligned right; `min_row_mm` leaves room to write
    by hand. A short table is kept on one page with the heading or sentence before it.
    """
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    before = _last_paragraph(doc)
    if before is not None:
        before.paragraph_format.keep_with_next = True
    grid = doc.add_table(rows=1, cols=len(headers))
    grid.style = doc.styles["Table Grid"]
    header = grid.rows[0]
    mark_header_row(header)
    for cell, text in zip(header.cells, headers, strict=True):
        _fill(cell, text, bold=True)
    added = []
    for values in rows:
        row = grid.add_row()
        added.append(row)
        for cell, text in zip(row.cells, values, strict=True):
            _fill(cell, text)
    if bold_last_row and added:
        for cell in added[-1].cells:
            for run in (r for p in cell.paragraphs for r in p.runs):
                run.bold = True
    if caption:
        describe_table(grid, caption)
    if widths_mm:
        set_widths(grid, widths_mm)
    _mark_first_row_in_look(grid)
    keep_together = len(grid.rows) <= KEEP_TOGETHER_ROWS
    for number, row in enumerate(grid.rows, 1):
        _no_split(row)
        if min_row_mm and number > 1:
            row.height = Mm(min_row_mm)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for index, cell in enumerate(row.cells):
            for para in cell.paragraphs:
                if index in right_columns:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                para.paragraph_format.space_before = Pt(CELL_SPACE_PT)
                para.paragraph_format.space_after = Pt(CELL_SPACE_PT)
                if keep_together and number < len(grid.rows):
                    para.paragraph_format.keep_with_next = True
    return grid


def form_table(
    doc: Document,
    labels: Sequence[str],
    *,
    caption: str = "",
    height_mm: float = 14,
    widths_mm: Sequence[float] | None = None,
) -> Table:
    """Labelled boxes to write in by hand: a header row of labels, then one tall empty
    row (empty cells are for writing in, never for spacing)."""
    return table(
        doc,
        labels,
        [[""] * len(labels)],
        caption=caption,
        widths_mm=widths_mm,
        min_row_mm=height_mm,
    )


def picture(doc: Document, png: bytes, width_mm: float, alt_text: str, name: str) -> Paragraph:
    """A picture in a paragraph of its own, `width_mm` wide, with its alt text (docPr
    descr, for which python-docx has no API) and a short name. A picture without
    words to describe it is refused."""
    from docx.shared import Mm

    if not alt_text.strip():
        raise ValueError("every picture needs alt text")
    para = doc.add_paragraph(style="Normal")
    _space_after_table(doc, para)
    shape = para.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", _one_line(alt_text))
    doc_pr.set("name", _one_line(name) or "Picture")
    return para


def ends_with_table(doc: Document) -> bool:
    """Whether the last thing in the body is a table (another straight after it would
    join it in Word)."""
    from docx.oxml.ns import qn

    last = _last_body_element(doc)
    return last is not None and last.tag == qn("w:tbl")


def mark_header_row(row: Any) -> None:
    """Mark a row as the table's header, repeated at the top of each page (w:tblHeader,
    for which python-docx has no API)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        marker = OxmlElement("w:tblHeader")
        marker.set(qn("w:val"), "true")
        tr_pr.append(marker)


def describe_table(grid: Table, caption: str) -> None:
    """The table's title and description (w:tblCaption, w:tblDescription) for screen
    readers, in the order the schema wants them."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = grid._tbl.tblPr
    for name in ("w:tblCaption", "w:tblDescription"):
        old = tbl_pr.find(qn(name))
        if old is not None:
            tbl_pr.remove(old)
    caption_el = OxmlElement("w:tblCaption")
    caption_el.set(qn("w:val"), caption)
    description = OxmlElement("w:tblDescription")
    description.set(qn("w:val"), caption)
    tbl_pr.append(caption_el)
    tbl_pr.append(description)


def set_widths(grid: Table, widths_mm: Sequence[float]) -> None:
    """Fixed column widths, so a form prints the same on every computer."""
    from docx.shared import Mm

    grid.autofit = False
    for column, width in zip(grid.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def save(doc: Document, path: Path) -> Path:
    """Write the document whole or not at all; returns where it went."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return atomic_write_bytes(Path(path), buffer.getvalue())


# --- inside ------------------------------------------------------------------------


def _last_body_element(doc: Document) -> Any:
    from docx.oxml.ns import qn

    body = doc.element.body
    children = [child for child in body if child.tag != qn("w:sectPr")]
    return children[-1] if children else None


def _last_paragraph(doc: Document) -> Paragraph | None:
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    last = _last_body_element(doc)
    if last is not None and last.tag == qn("w:p"):
        return Paragraph(last, doc._body)
    return None


def _space_after_table(doc: Document, para: Paragraph) -> None:
    """Text straight after a table gets room above it, as a heading has."""
    from docx.oxml.ns import qn

    previous = para._p.getprevious()
    if previous is not None and previous.tag == qn("w:tbl"):
        size = doc.styles["Normal"].font.size
        para.paragraph_format.space_before = size if size is not None else None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _fill(cell: Any, text: str, *, bold: bool = False) -> None:
    para = cell.paragraphs[0]
    if text:
        run = para.add_run(text)
        if bold:
            run.bold = True


def _no_split(row: Any) -> None:
    """Keep a row on one page (w:cantSplit)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))


def _mark_first_row_in_look(grid: Table) -> None:
    """Tell Word the first row is a header row (tblLook firstRow)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = grid._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        tbl_pr.append(look)
    for key, value in {
        "w:val": "0420",
        "w:firstRow": "1",
        "w:lastRow": "0",
        "w:firstColumn": "0",
        "w:lastColumn": "0",
        "w:noHBand": "1",
        "w:noVBand": "1",
    }.items():
        look.set(qn(key), value)
    # The schema wants tblLook after the other table properties it knows and before
    # the caption; move it to its place.
    caption = tbl_pr.find(qn("w:tblCaption"))
    if caption is not None:
        tbl_pr.remove(look)
        caption.addprevious(look)


def _last_heading_level(doc: Document) -> int | None:
    for para in reversed(doc.paragraphs):
        name = para.style.name if para.style is not None else ""
        if name.startswith("Heading "):
            return int(name.removeprefix("Heading "))
    return None


def _set_properties(
    doc: Document, title: str, organisation: str, subject: str, keywords: str
) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props = doc.core_properties
    props.title = title
    props.author = organisation
    props.last_modified_by = organisation
    props.language = LANGUAGE
    props.subject = subject or title
    props.keywords = keywords or "co-production"
    props.comments = ""
    props.category = ""
    props.content_status = ""
    props.identifier = ""
    props.version = ""
    props.created = now
    props.modified = now
    props.revision = 1
    last_printed = props._element.find(
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastPrinted"
    )
    if last_printed is not None:
        props._element.remove(last_printed)


def _drop_template_thumbnail(doc: Document) -> None:
    """The template's preview picture is of another document: leave it out."""
    rels = doc.part.package.rels
    for key, rel in list(rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del rels[key]


def _set_application(doc: Document, organisation: str) -> None:
    """docProps/app.xml names the program and company: the template's says "Microsoft
    Macintosh Word" and nothing else, which is not true of this document."""
    from xml.sax.saxutils import escape

    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        '2006/docPropsVTypes">'
        f"<Application>Facilitator</Application><Company>{escape(organisation)}</Company>"
        "</Properties>"
    )
    for rel in doc.part.package.rels.values():
        if rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = xml.encode("utf-8")


def _set_language(doc: Document) -> None:
    """en-GB on the document defaults and the Normal style (python-docx issues 727, 1179),
    and for the theme fonts in settings."""
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _lang(r_pr)
    _lang(doc.styles["Normal"].element.get_or_add_rPr())
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)


def _lang(r_pr: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    if lang.get(qn("w:bidi")) is None:
        lang.set(qn("w:bidi"), "ar-SA")


def _restyle(doc: Document, base_pt: int) -> None:
    """Arial, dark on white, `base_pt` or larger, left aligned, spacing from the styles."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    default_r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _arial(default_r_pr)
    for tag in ("w:sz", "w:szCs"):
        size = default_r_pr.find(qn(tag))
        if size is not None:
            size.set(qn("w:val"), str(base_pt * 2))

    normal = doc.styles["Normal"]
    _font(normal, Pt(base_pt), RGBColor(*TEXT_COLOUR))
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(base_pt * 0.6)
    normal.paragraph_format.line_spacing = 1.15

    for level, extra in HEADING_EXTRA_PT.items():
        style = doc.styles[f"Heading {level}"]
        _font(style, Pt(base_pt + extra), RGBColor(*HEADING_COLOUR), bold=True)
        style.paragraph_format.space_before = Pt(base_pt * (1.5 if level == 1 else 1.2))
        style.paragraph_format.space_after = Pt(base_pt * 0.5)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(0)

    bullet = doc.styles["List Bullet"]
    _font(bullet, Pt(base_pt), RGBColor(*TEXT_COLOUR))
    bullet.paragraph_format.space_after = Pt(base_pt * 0.3)

    grid = doc.styles["Table Grid"]
    _font(grid, Pt(base_pt), RGBColor(*TEXT_COLOUR))


def _font(style: BaseStyle, size: Any, colour: Any, *, bold: bool | None = None) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.size = size
    font.italic = False
    font.all_caps = False
    font.color.rgb = colour
    if bold is not None:
        font.bold = bold
    _arial(style.element.get_or_add_rPr())
    _complex_script_size(style.element.rPr, size)
    color = style.element.rPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}color"
    )
    if color is not None:  # a theme colour would win over the one set here
        for attribute in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(
                f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{attribute}",
                None,
            )


def _complex_script_size(r_pr: Any, size: Any) -> None:
    """The same size for right-to-left and other complex scripts (w:szCs)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    half_points = str(int(size.pt * 2))
    sz_cs = r_pr.find(qn("w:szCs"))
    if sz_cs is None:
        sz_cs = OxmlElement("w:szCs")
        r_pr.find(qn("w:sz")).addnext(sz_cs)
    sz_cs.set(qn("w:val"), half_points)


def _arial(r_pr: Any) -> None:
    """Arial for every script, with the theme's fonts (which would win) taken out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
