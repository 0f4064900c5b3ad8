"""Run sheets for each lead and the large-print agenda, read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.shared import Pt

from exports.agenda_sheets import (
    agenda_handout_name,
    agenda_handout_title,
    agenda_plan,
    run_sheets_name,
    write_agenda_handout,
    write_run_sheets,
)
from sessions.errors import FacilitatorError
from sessions.models import AgendaItem
from sessions.store import Store
from tests.exports.docx_checks import (
    all_text,
    assert_accessible,
    body_texts,
    headings,
    style_size,
    table_rows,
)
from tests.exports.register_examples import (
    ACCESS_NEEDS,
    FOLLOW_UP,
    NOTES,
    ORGANISATION,
    Example,
    make_session,
)

RUN_SHEETS = "Run sheets: Carers Implementation Group"
HANDOUT = "Carers Implementation Group: agenda"
CONTACT = "Phone 01636 000000\nEmail carers@example.org"


@pytest.fixture
def example(store: Store) -> Example:
    return make_session(store)


@pytest.fixture
def run_sheets(store: Store, example: Example, tmp_path: Path) -> Document:
    plan = agenda_plan(store, example.session.id or 0)
    path = write_run_sheets(plan, ORGANISATION, tmp_path / run_sheets_name(example.session))
    return docx.Document(str(path))


@pytest.fixture
def handout(store: Store, example: Example, tmp_path: Path) -> Document:
    plan = agenda_plan(store, example.session.id or 0)
    path = tmp_path / agenda_handout_name(example.session)
    return docx.Document(str(write_agenda_handout(plan, ORGANISATION, path, contact=CONTACT)))


def sections(doc: Document) -> list[list[list[list[str]]]]:
    """The tables under each Heading 2, in order."""
    found: list[list[list[list[str]]]] = []
    tables = iter(doc.tables)
    paragraphs = iter(doc.paragraphs)
    for child in doc.element.body:
        if child.tag.endswith("}p"):
            para = next(paragraphs)
            if para.style is not None and para.style.name == "Heading 2":
                found.append([])
        elif child.tag.endswith("}tbl"):
            table = next(tables)
            found[-1].append([[cell.text for cell in row.cells] for row in table.rows])
    return found


# --- run sheets -----------------------------------------------------------------------


def test_run_sheets_are_accessible(run_sheets: Document) -> None:
    assert_accessible(
        run_sheets, RUN_SHEETS, organisation=ORGANISATION, never=(ACCESS_NEEDS, FOLLOW_UP)
    )


def test_one_run_sheet_per_lead_each_on_its_own_page(run_sheets: Document) -> None:
    assert headings(run_sheets) == [
        (1, RUN_SHEETS),
        (2, "Run sheet: Co-chairs"),
        (3, "The items you lead"),
        (3, "The whole agenda"),
        (2, "Run sheet: Staff co-chair"),
        (3, "The items you lead"),
        (3, "The whole agenda"),
    ]
    breaks = [
        p.paragraph_format.page_break_before
        for p in run_sheets.paragraphs
        if p.style.name == "Heading 2"
    ]
    assert breaks == [False, True]
    texts = body_texts(run_sheets)
    assert "No lead is named for: Break." in texts
    assert (
        "A run sheet for each of the 2 leads, each on its own page: Co-chairs, Staff co-chair."
        in texts
    )


def test_each_lead_sees_their_items_with_times_and_notes(run_sheets: Document) -> None:
    co_chairs, staff = sections(run_sheets)
    # " co-chairs " on one item is the same lead as "Co-chairs".
    assert co_chairs[0] == [
        ["Starts", "Ends", "Item", "Notes for you"],
        ["10:30", "10:45", "Welcome", NOTES["Welcome"]],
        ["11:05", "11:45", "Talking in groups", NOTES["Talking in groups"]],
        ["11:55", "12:10", "What happens next", "No notes."],
    ]
    assert staff[0][1:] == [["10:45", "11:05", "Where we got to", "No notes."]]
    whole = [
        ["Starts", "Ends", "Item", "Who leads"],
        ["10:30", "10:45", "Welcome", "Co-chairs"],
        ["10:45", "11:05", "Where we got to", "Staff co-chair"],
        ["11:05", "11:45", "Talking in groups", "co-chairs"],
        ["11:45", "11:55", "Break", "Not named"],
        ["11:55", "12:10", "What happens next", "Co-chairs"],
    ]
    assert co_chairs[1] == whole and staff[1] == whole
    assert "You lead 3 items, 1 h 10 min in all." in " ".join(body_texts(run_sheets))


def test_an_item_past_the_end_says_so(store: Store, example: Example, tmp_path: Path) -> None:
    sid = example.session.id or 0
    store.agenda.add(sid, AgendaItem("Extra round", 30, lead="Staff co-chair"))
    plan = agenda_plan(store, sid)
    doc = docx.Document(str(write_run_sheets(plan, ORGANISATION, tmp_path / "r.docx")))
    staff = sections(doc)[1][0]
    assert staff[-1] == [
        "12:10",
        "12:40",
        "Extra round",
        "No notes. This item runs past the session's end time.",
    ]
    assert any(t.startswith("The agenda runs 10 min over") for t in body_texts(doc))


def test_no_run_sheets_without_an_agenda_or_leads(
    store: Store, example: Example, tmp_path: Path
) -> None:
    sid = example.session.id or 0
    store.agenda.replace_all(sid, [AgendaItem("Talk", 30)])
    with pytest.raises(FacilitatorError, match="says who leads it"):
        write_run_sheets(agenda_plan(store, sid), ORGANISATION, tmp_path / "r.docx")
    store.agenda.replace_all(sid, [])
    with pytest.raises(FacilitatorError, match="has no agenda yet"):
        write_run_sheets(agenda_plan(store, sid), ORGANISATION, tmp_path / "r.docx")
    with pytest.raises(FacilitatorError, match="has no agenda yet"):
        write_agenda_handout(agenda_plan(store, sid), ORGANISATION, tmp_path / "a.docx")
    assert not list(tmp_path.glob("*.docx"))


# --- the large-print agenda -----------------------------------------------------------


def test_the_large_print_agenda_is_accessible_at_16pt(handout: Document) -> None:
    assert_accessible(
        handout,
        HANDOUT,
        organisation=ORGANISATION,
        base_pt=16,
        never=(ACCESS_NEEDS, FOLLOW_UP),
    )
    assert handout.styles["Normal"].font.size == Pt(16)
    assert style_size(handout.styles["Table Grid"]) >= Pt(16)
    assert style_size(handout.styles["Heading 1"]) >= Pt(24)
    assert handout.paragraphs[0].text == HANDOUT


def test_the_large_print_agenda_has_times_venue_and_date(handout: Document) -> None:
    texts = body_texts(handout)
    assert texts[:5] == [
        HANDOUT,
        "Date: Thursday 3 December 2026",
        "Time: 10:30 to 12:30",
        "Place: Newark Carers' Centre, 14 Kings Road, Newark",
        "What it is about: Plan what carers want from the new respite service.",
    ]
    assert table_rows(handout, "Time") == [
        ["10:30 to 10:45", "Welcome"],
        ["10:45 to 11:05", "Where we got to"],
        ["11:05 to 11:45", "Talking in groups"],
        ["11:45 to 11:55", "Break"],
        ["11:55 to 12:10", "What happens next"],
    ]
    assert texts[-2:] == ["Phone 01636 000000", "Email carers@example.org"]


def test_the_large_print_agenda_has_no_facilitator_notes_or_leads(handout: Document) -> None:
    text = all_text(handout)
    for note in NOTES.values():
        assert note not in text
    assert "Co-chairs" not in text and "Staff co-chair" not in text


def test_the_handout_without_contact_details_leaves_the_section_out(
    store: Store, example: Example, tmp_path: Path
) -> None:
    plan = agenda_plan(store, example.session.id or 0)
    doc = docx.Document(str(write_agenda_handout(plan, ORGANISATION, tmp_path / "a.docx")))
    assert [text for _, text in headings(doc)] == [HANDOUT, "What happens when"]
    assert agenda_handout_title(example.session) == HANDOUT
