"""The progress report for committee, in Word.

What the report says is decided by `sessions.reports.build_report` (the figures) and
`sessions.report_words` (the words, tables and charts, the same as the Reports
screen shows); this module lays them out on the accessible base in `exports.word`:

- the title as the one Heading 1, the range and the project in the first paragraph;
- a Heading 2 for each section with a plain-English paragraph, its charts as PNG
  pictures (`exports.charts`) with alt text stating every figure, then its tables
  with header rows; each project on the ladder under a Heading 3.

The file is written whole or not at all (`word.save`). python-docx and Pillow are
imported inside the functions, never when the app starts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from exports import word
from exports.charts import WIDTH_MM, chart_png
from exports.files import organisation, safe_file_name
from sessions.report_words import (
    Chart,
    Section,
    Table,
    opening_paragraph,
    report_title,
    sections,
)
from sessions.reports import Report, build_report

if TYPE_CHECKING:
    from docx.document import Document

    from sessions.store import Store

Progress = Callable[[str], None]

LONG_LAST_COLUMN_MM = (40, 32, 98)
"""A table whose last column holds sentences (the reasons for ratings) gives it room."""


def report_file_name(report: Report) -> str:
    """'progress-report-2026-05-01-to-2026-10-31.docx', with the project's name after
    'progress-report' when there is one."""
    scope = report.scope
    which = f"-{report.project_name}" if report.project_name else ""
    return safe_file_name(
        f"progress-report{which}-{scope.start.isoformat()}-to-{scope.end.isoformat()}.docx",
        most=120,
    )


def write_report(
    store: Store,
    start: dt.date,
    end: dt.date,
    path: Path | None,
    *,
    today: dt.date,
    project_id: int | None = None,
    folder: Path | None = None,
    progress: Progress | None = None,
) -> Path:
    """Work out the report for sessions from `start` to `end` (and the project, if
    one) as it stands on `today`, and write it to `path`, or into `folder` under its
    own name. Returns where it went.

    Raises ValueError when the end is before the start, NotFound when the project is
    gone, and ExportError when the file cannot be written."""
    if progress is not None:
        progress("Working out the figures")
    report = build_report(store, start, end, today, project_id)
    if path is None:
        if folder is None:
            raise ValueError("say where the report goes: a path or a folder")
        path = folder / report_file_name(report)
    return write_report_content(report, organisation(store), path, today, progress=progress)


def write_report_content(
    report: Report,
    organisation: str,
    path: Path,
    today: dt.date,
    *,
    progress: Progress | None = None,
) -> Path:
    """Lay out a report already worked out, and save it."""
    if progress is not None:
        progress("Drawing the charts")
    doc = report_document(report, organisation, today)
    if progress is not None:
        progress("Saving the file")
    return word.save(doc, path)


def report_document(report: Report, organisation: str, today: dt.date) -> Document:
    title = report_title(report)
    doc = word.new_document(
        title,
        organisation,
        subject="How co-production is going: sessions, people, actions, money and the ladder",
        keywords="co-production, progress report, committee",
    )
    word.heading(doc, title, 1)
    word.paragraph(doc, opening_paragraph(report, organisation, today))
    for section in sections(report, today):
        _section(doc, section, 2)
    return doc


def _section(doc: Document, section: Section, level: int) -> None:
    word.heading(doc, section.heading, level)
    for text in section.paragraphs:
        word.paragraph(doc, text)
    for block in section.blocks:
        if isinstance(block, Chart):
            word.picture(doc, chart_png(block), WIDTH_MM, block.alt_text, block.name)
        else:
            _table(doc, block)
    for part in section.parts:
        _section(doc, part, level + 1)


def _table(doc: Document, table: Table) -> None:
    """A table with a header row; after another table, its caption comes first, as
    two tables with nothing between them would run together into one."""
    if word.ends_with_table(doc):
        word.paragraph(doc, table.caption, bold=True)
    word.table(
        doc,
        table.headers,
        table.rows,
        caption=table.caption,
        right_columns=table.numbers,
        bold_last_row=table.total_row,
        widths_mm=LONG_LAST_COLUMN_MM if table.lines and len(table.headers) == 3 else None,
    )
