"""Shared checks for any .docx the app writes, read back with python-docx.

What Word's Accessibility Checker and the people reading the file need (FACTS.md,
"Documents people can read"; DESIGN.md, "Files the app writes"):

- the title, author (the organisation) and en-GB in the properties, and en-GB in the
  document defaults and the Normal style; no python-docx template leftovers;
- one Heading 1 (the title, first), no skipped heading levels, no "Title" style;
- Arial at `base_pt` or more in every style used and every run (Easy Read: 16);
- text colours with 4.5:1 contrast or more on white; no italics;
- data tables with a marked, repeating header row, a caption and header words;
  layout tables (Easy Read's picture and words side by side) borderless, with no
  header row and no caption, two columns;
- alt text on every picture (docPr descr);
- links with a real relationship to an outside address and words that say where
  they go;
- no empty paragraphs used for spacing; A4 pages.

Use `assert_accessible(doc, title, organisation=..., base_pt=...)` for all of it, or
the single checks. `all_text(doc)` is every word in the file, for "this must never
appear" checks (access needs, private notes).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Length, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

MIN_CONTRAST = 4.5
PROPERTY_NAMES = (
    "author",
    "category",
    "comments",
    "content_status",
    "identifier",
    "keywords",
    "last_modified_by",
    "subject",
    "title",
    "version",
)
MEANINGLESS_LINK_WORDS = {"here", "click here", "link", "this link", "more", "read more", "url"}
EXTERNAL = "External"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PICTURE_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


# --- reading a document back -------------------------------------------------------


def paragraph_text(para: Paragraph) -> str:
    """All the words in a paragraph, links included."""
    return "".join(t.text or "" for t in para._p.iter(qn("w:t")))


def every_paragraph(doc: Document) -> Iterator[Paragraph]:
    """Body paragraphs, then those in each table cell (nested tables too)."""
    yield from doc.paragraphs
    for table in every_table(doc):
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def every_table(doc: Document) -> Iterator[Table]:
    def walk(tables: list[Table]) -> Iterator[Table]:
        for table in tables:
            yield table
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell.tables)

    yield from walk(doc.tables)


def every_run(doc: Document) -> Iterator[tuple[Paragraph, Run]]:
    """Every run, including those inside links (which `Paragraph.runs` leaves out)."""
    for para in every_paragraph(doc):
        for r in para._p.iter(qn("w:r")):
            yield para, Run(r, para)


def all_text(doc: Document) -> str:
    """Every word in the body, the tables, headers and footers, alt text and the
    properties: for checks that something never appears anywhere."""
    parts = [paragraph_text(p) for p in every_paragraph(doc)]
    for section in doc.sections:
        for part in (section.header, section.footer):
            parts += [paragraph_text(p) for p in part.paragraphs]
    parts += [picture.description for picture in pictures(doc)]
    props = doc.core_properties
    parts += [str(getattr(props, name) or "") for name in PROPERTY_NAMES]
    return "\n".join(parts)


def body_texts(doc: Document) -> list[str]:
    """The body paragraphs' words, in order (not tables)."""
    return [paragraph_text(p) for p in doc.paragraphs]


def table_rows(doc: Document, first_header: str) -> list[list[str]]:
    """The rows under the header of the table whose first column is `first_header`."""
    for table in every_table(doc):
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        if cells and cells[0][0] == first_header:
            return cells[1:]
    raise AssertionError(f"no table starts with {first_header!r}")


def heading_levels(doc: Document) -> list[int]:
    return [level for level, _ in headings(doc)]


def headings(doc: Document) -> list[tuple[int, str]]:
    """(level, words) of every heading in the body, in order."""
    found = []
    for para in doc.paragraphs:
        name = para.style.name if para.style is not None else ""
        if name.startswith("Heading "):
            found.append((int(name.removeprefix("Heading ")), paragraph_text(para)))
    return found


def style_size(style) -> Length | None:  # type: ignore[no-untyped-def]
    """The font size a style gives, following its base styles."""
    while style is not None:
        if style.font.size is not None:
            return style.font.size
        style = style.base_style
    return None


def default_size(doc: Document) -> Length | None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    size = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:sz"))
    return Pt(int(size.get(qn("w:val"))) / 2) if size is not None else None


def run_size(doc: Document, para: Paragraph, run: Run) -> Length | None:
    """The size a run is shown at: its own, its character style's, its paragraph
    style's, or the document default."""
    if run.font.size is not None:
        return run.font.size
    if run.style is not None and run.style.name != "Default Paragraph Font":
        size = style_size(run.style)
        if size is not None:
            return size
    size = style_size(para.style) if para.style is not None else None
    return size if size is not None else default_size(doc)


@dataclass(frozen=True)
class Picture:
    description: str
    name: str
    width_mm: float
    height_mm: float


def pictures(doc: Document) -> list[Picture]:
    """Every picture in the body and tables, with its alt text (docPr descr)."""
    found = []
    for drawing in doc.element.body.iter(qn("w:drawing")):
        for holder in drawing:
            doc_pr = holder.find(f"{{{DRAWING_NS}}}docPr")
            extent = holder.find(f"{{{DRAWING_NS}}}extent")
            found.append(
                Picture(
                    description=(doc_pr.get("descr") or "") if doc_pr is not None else "",
                    name=(doc_pr.get("name") or "") if doc_pr is not None else "",
                    width_mm=int(extent.get("cx")) / 36000 if extent is not None else 0,
                    height_mm=int(extent.get("cy")) / 36000 if extent is not None else 0,
                )
            )
    return found


@dataclass(frozen=True)
class Link:
    text: str
    address: str
    external: bool


def links(doc: Document) -> list[Link]:
    """Every w:hyperlink with its words and where its relationship points."""
    found = []
    rels = doc.part.rels
    for element in doc.element.body.iter(qn("w:hyperlink")):
        text = "".join(t.text or "" for t in element.iter(qn("w:t")))
        rel_id = element.get(qn("r:id"))
        rel = rels.get(rel_id) if rel_id else None
        found.append(
            Link(
                text=text,
                address=rel.target_ref if rel is not None else "",
                external=rel is not None and rel.is_external,
            )
        )
    return found


def is_layout_table(table: Table) -> bool:
    """A table used to put a picture beside words: no marked header row, no borders."""
    first = table.rows[0]._tr.trPr if table.rows else None
    if first is not None and first.find(qn("w:tblHeader")) is not None:
        return False
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    if borders is None:
        return False
    return all(edge.get(qn("w:val")) in ("nil", "none") for edge in borders)


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(rgb: tuple[int, int, int]) -> float:
    return 1.05 / (relative_luminance(rgb) + 0.05)


# --- the checks ------------------------------------------------------------------


def check_properties(doc: Document, title: str, organisation: str | None = None) -> None:
    props = doc.core_properties
    assert props.title == title
    if organisation is not None:
        assert props.author == organisation
        assert props.last_modified_by == organisation
    assert props.language == "en-GB"
    for name in PROPERTY_NAMES:
        value = str(getattr(props, name) or "")
        assert "python-docx" not in value, name
        assert "generated by" not in value.lower(), name
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for when in (props.created, props.modified):
        assert when is not None and when.year != 2013
        assert abs((now - when.replace(tzinfo=None)).total_seconds()) < 86400
    assert props.revision == 1
    app = next(
        rel.target_part.blob.decode()
        for rel in doc.part.package.rels.values()
        if rel.reltype.endswith("/extended-properties")
    )
    assert "Microsoft" not in app and "<Application>Facilitator</Application>" in app
    assert not any(rel.reltype.endswith("/thumbnail") for rel in doc.part.package.rels.values())


def check_language(doc: Document) -> None:
    """en-GB where Word looks for it: the document defaults and the Normal style."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang is not None and lang.get(qn("w:val")) == "en-GB"
    normal_lang = doc.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert normal_lang is not None and normal_lang.get(qn("w:val")) == "en-GB"


def check_headings(doc: Document, title: str) -> None:
    """One Heading 1, first, saying the title; no level skipped."""
    levels = heading_levels(doc)
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels)), levels
    assert paragraph_text(doc.paragraphs[0]) == title
    used = {p.style.name for p in every_paragraph(doc) if p.style is not None}
    assert "Title" not in used


def check_fonts_and_sizes(doc: Document, base_pt: int = 12) -> None:
    """Arial at `base_pt` or more, dark enough on white, never italic: in every style
    used and in every run (a run's own size or colour wins over its style's)."""
    used = {p.style.name for p in every_paragraph(doc) if p.style is not None}
    for name in used | {"Table Grid"}:
        style = doc.styles[name]
        size = style_size(style)
        assert size is not None and size >= Pt(base_pt), name
        fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
        assert fonts is not None and fonts.get(qn("w:ascii")) == "Arial", name
        assert fonts.get(qn("w:asciiTheme")) is None, name
        colour = style.font.color.rgb
        assert colour is not None and contrast_on_white(tuple(colour)) >= MIN_CONTRAST, name
    for para, run in every_run(doc):
        if not run.text:
            continue  # a picture's run has no words to read
        size = run_size(doc, para, run)
        assert size is not None and size >= Pt(base_pt), (run.text, size)
        assert not run.font.italic, run.text
        colour = run.font.color.rgb if run.font.color.type is not None else None
        if colour is not None:
            assert contrast_on_white(tuple(colour)) >= MIN_CONTRAST, run.text
        fonts = run._r.rPr.find(qn("w:rFonts")) if run._r.rPr is not None else None
        if fonts is not None and fonts.get(qn("w:ascii")) is not None:
            assert fonts.get(qn("w:ascii")) == "Arial", run.text


def check_tables(doc: Document) -> None:
    """Data tables: header row marked to repeat, words in every header cell, a caption.
    Layout tables: no header, no borders, no caption (a screen reader reads them as
    plain text, left then right)."""
    for table in every_table(doc):
        if is_layout_table(table):
            assert table._tbl.tblPr.find(qn("w:tblCaption")) is None
            continue
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
        assert table._tbl.tblPr.find(qn("w:tblCaption")) is not None
        assert all(cell.text.strip() for cell in table.rows[0].cells)


def check_pictures(doc: Document) -> None:
    """Alt text on every picture: words, not a file name."""
    for picture in pictures(doc):
        words = picture.description.strip()
        assert words, f"picture {picture.name!r} has no alt text"
        assert not words.lower().endswith((".png", ".jpg", ".jpeg")), words


def check_links(doc: Document) -> None:
    """Links go somewhere outside the document and their words say where."""
    for link in links(doc):
        assert link.external and link.address, link
        words = link.text.strip().lower().rstrip(".")
        assert words and words not in MEANINGLESS_LINK_WORDS, link


def check_no_empty_paragraphs(doc: Document) -> None:
    """No empty paragraphs in the body used for spacing (a paragraph holding only a
    picture is not empty)."""
    for para in doc.paragraphs:
        assert paragraph_text(para).strip() or next(para._p.iter(qn("w:drawing")), None) is not None


def check_a4(doc: Document) -> None:
    for section in doc.sections:
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def assert_accessible(
    doc: Document,
    title: str,
    *,
    organisation: str | None = None,
    base_pt: int = 12,
    never: tuple[str, ...] = (),
) -> None:
    """Every check above; `never` are words that must appear nowhere in the file."""
    check_properties(doc, title, organisation)
    check_language(doc)
    check_headings(doc, title)
    check_fonts_and_sizes(doc, base_pt)
    check_tables(doc)
    check_pictures(doc)
    check_links(doc)
    check_no_empty_paragraphs(doc)
    check_a4(doc)
    if never:
        text = all_text(doc)
        for words in never:
            assert words not in text, words
