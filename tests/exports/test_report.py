"""The progress report for committee in Word, read back with python-docx.

Every check in docx_checks (what Word's Accessibility Checker and the reader need),
then what it says: the sections under their headings, a plain-English paragraph
each, the charts as 300 dpi pictures whose alt text states their figures, the
tables with header rows (never two running into one), and the project's own report.
The data and its answers are in tests/report_examples.py.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from PIL import Image

from exports import charts
from exports.files import ExportError
from exports.report import report_file_name, write_report
from sessions import report_words
from sessions.reports import build_report
from sessions.store import Store
from sessions.store.settings import ORGANISATION as ORGANISATION_SETTING
from tests.exports.docx_checks import (
    assert_accessible,
    body_texts,
    every_table,
    headings,
    pictures,
    table_rows,
)
from tests.exports.docx_checks import contrast_on_white as contrast
from tests.exports.docx_checks import relative_luminance as luminance
from tests.report_examples import (
    CARERS,
    ORGANISATION,
    TODAY,
    TRANSPORT,
    fill_report_examples,
)

START, END = dt.date(2026, 5, 1), dt.date(2026, 10, 31)
TITLE = "Progress report: 1 May to 31 October 2026"


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    store.settings.set(ORGANISATION_SETTING, ORGANISATION)
    return fill_report_examples(store)


def written(store: Store, tmp_path: Path, project_id: int | None = None) -> Document:
    path = write_report(
        store, START, END, tmp_path / "report.docx", today=TODAY, project_id=project_id
    )
    return docx.Document(str(path))


def test_the_report_is_accessible_with_a_heading_for_each_section(
    store: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    doc = written(store, tmp_path)
    assert_accessible(doc, TITLE, organisation=ORGANISATION)
    assert headings(doc) == [
        (1, TITLE),
        (2, "Sessions and people"),
        (2, "Reach and the same few voices"),
        (2, "You said, we will, we did"),
        (2, "Money"),
        (2, "The ladder of participation"),
        (3, CARERS),
        (3, TRANSPORT),
    ]


def test_each_section_has_its_paragraph_in_plain_english(
    store: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    texts = body_texts(written(store, tmp_path))
    assert texts[1] == (
        "How co-production went from 1 May to 31 October 2026, for all projects and "
        f"sessions. Written by {ORGANISATION} on 23 November 2026."
    )
    assert (
        "Between 1 May and 31 October 2026 we held 4 sessions: 1 Listening Space, 1 Over a "
        "Brew conversation and 2 project meetings. The sessions ran for 7.5 hours, and people "
        "took part for 21 hours in all. 5 different people took part: 3 people with lived "
        "experience, 1 carer and 1 member of staff."
    ) in texts
    assert (
        "5 people took part, 4 of them for the first time. With 5 people taking part, the "
        "ten who took part most often are everyone who came."
    ) in texts
    assert (
        "At the sessions in this range we agreed 3 actions (“you said, we will”). In the "
        "range, 1 action was done (“we did”) and 1 was dropped. 1 action is still to do, and "
        "it is overdue. The action done took 20 days from the session that agreed it."
    ) in texts
    assert (
        "In the range we paid £60.00 for people's time (involvement payments) and £12.93 "
        "back in expenses, on 2 claims. 1 claim for £26.50 is waiting to be approved or paid."
    ) in texts
    assert (
        "Carers Voice stands at co-design (doing with), up 2 rungs since Jan 2026. Rated on "
        "1 June 2026: “Co-chairs plan each meeting.”"
    ) in texts


def test_every_chart_is_a_300_dpi_picture_whose_alt_text_states_its_figures(
    store: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    doc = written(store, tmp_path)
    found = {p.name: p for p in pictures(doc)}
    assert list(found) == [
        "Sessions by kind",
        "People by role",
        "Same few voices by quarter",
        "Money paid by month",
    ]
    assert found["Sessions by kind"].description == (
        "Bar chart of sessions held by kind, 1 May to 31 October 2026: Listening Space 1, "
        "Over a Brew 1 and Project meeting 2. 4 sessions in all."
    )
    assert found["People by role"].description == (
        "Bar chart of the different people who took part by role, 1 May to 31 October 2026: "
        "Person with lived experience 3, Carer 1 and Staff 1. 5 people in all."
    )
    assert found["Same few voices by quarter"].description == (
        "Bar chart of the share of all taking part that came from the ten people who took "
        "part most often, by quarter: May to Jun 2026 100% (6 of 6 times, 5 people); Jul to "
        "Sep 2026 100% (5 of 5 times, 5 people); Oct 2026 nobody took part."
    )
    assert found["Money paid by month"].description == (
        "Bar chart of money paid by month, for people's time and for expenses: May 2026 "
        "£30.00 for time and £10.43 in expenses; Jun 2026 nothing paid; Jul 2026 £30.00 for "
        "time and £2.50 in expenses; Aug 2026 nothing paid; Sep 2026 nothing paid; Oct 2026 "
        "nothing paid. In all, £60.00 for time and £12.93 in expenses."
    )
    for picture in found.values():
        assert round(picture.width_mm) == 160
    for part in doc.part.package.parts:
        if part.content_type == "image/png":
            with Image.open(io.BytesIO(part.blob)) as image:
                assert round(image.info["dpi"][0]) == 300
                assert image.width == charts.px(160)


def test_tables_have_header_rows_and_never_run_into_each_other(
    store: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    doc = written(store, tmp_path)
    assert table_rows(doc, "Kind of session") == [
        ["Listening Space", "1"],
        ["Over a Brew", "1"],
        ["Project meeting", "2"],
        ["All sessions", "4"],
    ]
    assert table_rows(doc, "Role") == [
        ["Person with lived experience", "3"],
        ["Carer", "1"],
        ["Staff", "1"],
        ["Everyone", "5"],
    ]
    assert table_rows(doc, "Month")[0] == ["May 2026", "£30.00", "£10.43", "1"]
    assert table_rows(doc, "Month")[-1] == ["In all", "£60.00", "£12.93", "2"]
    assert table_rows(doc, "Actions")[:2] == [
        ["Agreed at sessions in the range (you said, we will)", "3"],
        ["Done in the range (we did)", "1"],
    ]
    assert table_rows(doc, "Rated on") == [
        ["12 January 2026", "Consultation", "We asked carers and listened."],
        ["1 June 2026", "Co-design", "Co-chairs plan each meeting."],
    ]
    body = [child.tag for child in doc.element.body]
    for before, after in itertools.pairwise(body):
        assert not (before == after == qn("w:tbl")), "two tables would join into one"
    assert len(list(every_table(doc))) == 8


def test_one_projects_report(store: Store, ids: dict[str, int], tmp_path: Path) -> None:
    doc = written(store, tmp_path, ids[CARERS])
    title = f"Progress report for {CARERS}: 1 May to 31 October 2026"
    assert_accessible(doc, title, organisation=ORGANISATION)
    assert [h for level, h in headings(doc) if level == 3] == [CARERS]
    assert "for the project Carers Voice." in body_texts(doc)[1]
    assert table_rows(doc, "Kind of session")[-1] == ["All sessions", "2"]


def test_a_range_with_nothing_in_it_says_so_without_empty_charts(
    store: Store, tmp_path: Path
) -> None:
    doc = written(store, tmp_path)
    assert_accessible(doc, TITLE)
    texts = body_texts(doc)
    assert "Between 1 May and 31 October 2026 we held no sessions." in texts
    assert "Nobody was recorded as taking part in this range." in texts
    assert not pictures(doc)


def test_the_file_name_and_writing_whole_or_not_at_all(
    store: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    report = build_report(store, START, END, TODAY, ids[TRANSPORT])
    assert report_file_name(report) == (
        "progress-report-Transport-to-Appointments-2026-05-01-to-2026-10-31.docx"
    )
    path = write_report(store, START, END, None, today=TODAY, folder=tmp_path / "out")
    assert path == tmp_path / "out" / "progress-report-2026-05-01-to-2026-10-31.docx"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no half-written file
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(ExportError, match="is not a folder"):
        write_report(store, START, END, blocked / "report.docx", today=TODAY)


def test_the_chart_colours_differ_in_greyscale_and_stand_out_from_white() -> None:
    dark, pale = charts.FILLS
    assert contrast(dark) >= 4.5  # the bars, as WCAG asks of graphics (3:1) and more
    assert contrast(charts.INK) >= 7
    ratio = (luminance(pale) + 0.05) / (luminance(dark) + 0.05)
    assert ratio >= 4.5  # told apart without colour; the pale one is outlined and lined too


def test_a_long_range_has_a_money_chart_a_year_each_fitting_a_page(
    store: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    report = build_report(store, dt.date(2025, 1, 1), END, TODAY)
    found = report_words.money_charts(report)
    assert [c.name for c in found] == ["Money paid by month in 2025", "Money paid by month in 2026"]
    assert [len(c.labels) for c in found] == [12, 10]
    assert found[0].alt_text.endswith("In all, £0.00 for time and £0.00 in expenses.")
    assert found[1].alt_text.endswith("In all, £60.00 for time and £12.93 in expenses.")
    for chart in found:
        png = charts.chart_png(chart)
        assert charts.chart_height_mm(png) < 200  # printed 160 mm wide on a 257 mm page
    path = write_report(store, dt.date(2025, 1, 1), END, tmp_path / "long.docx", today=TODAY)
    names = [p.name for p in pictures(docx.Document(str(path)))]
    assert names[-2:] == ["Money paid by month in 2025", "Money paid by month in 2026"]


def test_word_and_pillow_are_not_imported_until_a_report_is_written() -> None:
    code = (
        "import sys, exports.report, exports.charts, sessions.report_words; "
        "print(sorted(m for m in ('docx', 'PIL', 'textual') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
