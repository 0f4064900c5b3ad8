"""The attendance register, read back: the Word document with python-docx and the CSV
with the csv module.

Before the session ends it is a sheet to sign in on, with blank rows for walk-ins;
afterwards a record with none. Names and roles only: never access needs or the
private follow-up notes.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from exports.register import (
    CSV_COLUMNS,
    RECORD_HEADERS,
    SIGN_IN_HEADERS,
    WALK_IN_ROWS,
    register_for,
    register_name,
    write_register,
    write_register_csv,
)
from sessions.errors import FacilitatorError
from sessions.models import Role
from sessions.store import Store
from tests.exports.docx_checks import all_text, assert_accessible, body_texts, headings
from tests.exports.register_examples import (
    ACCESS_NEEDS,
    AFTER,
    BEFORE,
    DURING,
    FOLLOW_UP,
    ORGANISATION,
    Example,
    make_session,
)

TITLE = "Attendance register: Carers Implementation Group"


@pytest.fixture
def example(store: Store) -> Example:
    return make_session(store)


def written(store: Store, example: Example, tmp_path: Path, now: dt.datetime) -> Document:
    register = register_for(store, example.session.id or 0, now=now)
    path = write_register(register, ORGANISATION, tmp_path / register_name(example.session))
    return docx.Document(str(path))


def tables_by_heading(doc: Document) -> dict[str, list[list[str]]]:
    """Each table's rows (header first), under the Heading 2 before it."""
    found: dict[str, list[list[str]]] = {}
    heading = ""
    body = doc.element.body
    tables = iter(doc.tables)
    paragraphs = iter(doc.paragraphs)
    for child in body:
        if child.tag == qn("w:p"):
            para = next(paragraphs)
            if para.style is not None and para.style.name == "Heading 2":
                heading = para.text
        elif child.tag == qn("w:tbl"):
            table = next(tables)
            found[heading] = [[cell.text for cell in row.cells] for row in table.rows]
    return found


# --- before the session: a sheet to sign in on ----------------------------------------


def test_before_the_day_it_is_an_accessible_sign_in_sheet(
    store: Store, example: Example, tmp_path: Path
) -> None:
    doc = written(store, example, tmp_path, BEFORE)
    assert_accessible(
        doc, TITLE, organisation=ORGANISATION, never=(ACCESS_NEEDS, FOLLOW_UP, "Uses a")
    )
    assert [text for _, text in headings(doc)] == [
        TITLE,
        "People booked",
        "Walk-ins: please write your name",
    ]
    texts = body_texts(doc)
    assert "When: Thu 3 Dec 2026, 10:30 to 12:30" in texts
    assert "Where: Newark Carers' Centre, 14 Kings Road, Newark" in texts
    assert any(t.startswith("When you arrive, please find your name") for t in texts)


def test_before_the_day_everyone_booked_has_a_box_to_sign(
    store: Store, example: Example, tmp_path: Path
) -> None:
    tables = tables_by_heading(written(store, example, tmp_path, BEFORE))
    booked = tables["People booked"]
    assert tuple(booked[0]) == SIGN_IN_HEADERS == ("Name", "Arrived", "Signature")
    # By the name people are called by; anything unusual said beside the name. No role:
    # the sheet is passed round, and a role would say who uses care services.
    assert booked[1:] == [
        ["=Robin Hood (left early at 11:45)", "10:31", ""],
        ["Aled Osei (sent apologies)", "", ""],
        ["Dev Gallagher (did not come)", "", ""],
        ["Peggy (Margaret Thornton)", "", ""],
        ["Zoë Brennan", "10:24", ""],
    ]


@pytest.mark.parametrize("moment", ["before", "during"])
def test_the_sheet_passed_round_never_says_anyones_role(
    store: Store, example: Example, tmp_path: Path, moment: str
) -> None:
    now = BEFORE if moment == "before" else DURING
    doc = written(store, example, tmp_path, now)
    cells = {cell.text for table in doc.tables for row in table.rows for cell in row.cells}
    for role in Role:
        assert role.label not in cells, role
    assert "lived experience" not in all_text(doc)
    assert "Taking part as" not in all_text(doc)


def test_before_the_day_there_are_blank_rows_for_walk_ins(
    store: Store, example: Example, tmp_path: Path
) -> None:
    doc = written(store, example, tmp_path, BEFORE)
    walk_ins = tables_by_heading(doc)["Walk-ins: please write your name"]
    assert walk_ins[1] == ["Jamal Hall", "10:52", ""]
    assert walk_ins[2:] == [["", "", ""]] * WALK_IN_ROWS


def test_signature_rows_are_tall_enough_to_sign_and_headers_repeat(
    store: Store, example: Example, tmp_path: Path
) -> None:
    doc = written(store, example, tmp_path, BEFORE)
    for table in doc.tables:
        header = table.rows[0]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert table.rows[0].cells[-1].text == "Signature"
        for row in table.rows[1:]:
            assert row.height is not None and row.height >= Mm(12)
            assert row.height_rule == WD_ROW_HEIGHT_RULE.AT_LEAST
        signature_width = table.columns[-1].width
        assert signature_width is not None and signature_width >= Mm(35)


def test_on_the_day_before_it_ends_the_blank_rows_are_still_there(
    store: Store, example: Example
) -> None:
    register = register_for(store, example.session.id or 0, now=DURING)
    assert not register.over
    assert register.blank_rows == WALK_IN_ROWS


# --- after the session: the record ---------------------------------------------------


def test_after_the_day_it_is_the_record_with_no_blank_rows(
    store: Store, example: Example, tmp_path: Path
) -> None:
    doc = written(store, example, tmp_path, AFTER)
    assert_accessible(doc, TITLE, organisation=ORGANISATION, never=(ACCESS_NEEDS, FOLLOW_UP))
    tables = tables_by_heading(doc)
    booked = tables["People booked"]
    assert tuple(booked[0]) == RECORD_HEADERS
    assert "Left" in RECORD_HEADERS
    assert booked[1:] == [
        ["=Robin Hood", "Staff", "Left early", "10:31", "11:45", ""],
        ["Aled Osei", "Person with lived experience", "Sent apologies", "", "", ""],
        ["Dev Gallagher", "Commissioner", "Did not come", "", "", ""],
        # booked, never checked in: did not come
        ["Peggy (Margaret Thornton)", "Person with lived experience", "Did not come", "", "", ""],
        ["Zoë Brennan", "Carer", "Arrived", "10:24", "", ""],
    ]
    assert tables["People who walked in"][1:] == [
        ["Jamal Hall", "Other", "Arrived", "10:52", "", ""]
    ]
    texts = body_texts(doc)
    assert "5 people booked. 3 came, 1 of them walked in. 1 sent apologies." in texts
    assert not any(t.startswith("When you arrive") for t in texts)


def test_blank_rows_can_be_asked_for(store: Store, example: Example) -> None:
    register = register_for(store, example.session.id or 0, now=AFTER, blank_rows=3)
    assert register.over and register.blank_rows == 3


def test_a_session_nobody_booked_says_so(store: Store, example: Example, tmp_path: Path) -> None:
    sid = example.session.id or 0
    for person in example.people.values():
        store.attendance.remove(sid, person.id or 0)
    after = written(store, example, tmp_path, AFTER)
    assert_accessible(after, TITLE, organisation=ORGANISATION)
    assert "Nobody was booked." in body_texts(after)
    assert not after.tables
    before = written(store, example, tmp_path, BEFORE)
    assert (
        tables_by_heading(before)["Walk-ins: please write your name"][1:]
        == [["", "", ""]] * WALK_IN_ROWS
    )


def test_the_register_is_in_12pt_or_more(store: Store, example: Example, tmp_path: Path) -> None:
    doc = written(store, example, tmp_path, BEFORE)
    assert doc.styles["Normal"].font.size == Pt(12)


def test_the_file_name_says_what_and_when(example: Example) -> None:
    assert register_name(example.session) == "register-2026-12-03-Carers-Implementation-Group.docx"
    assert register_name(example.session, "csv").endswith(".csv")


# --- the CSV --------------------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    assert b"\r\n" in raw
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_the_csv_has_one_row_per_person(store: Store, example: Example, tmp_path: Path) -> None:
    register = register_for(store, example.session.id or 0, now=AFTER)
    path = write_register_csv(register, tmp_path / register_name(example.session, "csv"))
    rows = read_csv(path)
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1:] == [
        ["'=Robin Hood", "Staff", "Left early", "10:31", "11:45", "No"],
        ["Aled Osei", "Person with lived experience", "Sent apologies", "", "", "No"],
        ["Dev Gallagher", "Commissioner", "Did not come", "", "", "No"],
        ["Margaret Thornton", "Person with lived experience", "Did not come", "", "", "No"],
        ["Zoë Brennan", "Carer", "Arrived", "10:24", "", "No"],
        ["Jamal Hall", "Other", "Arrived", "10:52", "", "Yes"],
    ]
    text = path.read_text(encoding="utf-8-sig")
    assert ACCESS_NEEDS not in text and FOLLOW_UP not in text


def test_the_csv_has_no_blank_walk_in_rows(store: Store, example: Example, tmp_path: Path) -> None:
    register = register_for(store, example.session.id or 0, now=BEFORE)
    rows = read_csv(write_register_csv(register, tmp_path / "r.csv"))
    assert len(rows) == 1 + 6
    assert all(row[0] for row in rows)
    # before the session someone booked is just booked: they may still come
    assert ["Margaret Thornton", "Person with lived experience", "Booked", "", "", "No"] in rows


def test_writing_is_whole_or_not_at_all(store: Store, example: Example, tmp_path: Path) -> None:
    register = register_for(store, example.session.id or 0, now=AFTER)
    out = tmp_path / "out"
    out.mkdir()
    (out / "register.docx").write_bytes(b"an old file")
    write_register(register, ORGANISATION, out / "register.docx")
    write_register_csv(register, out / "register.csv")
    assert sorted(p.name for p in out.iterdir()) == ["register.csv", "register.docx"]
    assert docx.Document(str(out / "register.docx")).core_properties.title == TITLE

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(FacilitatorError) as caught:
        write_register_csv(register, blocker / "register.csv")
    assert "Traceback" not in str(caught.value)


def test_every_word_in_the_register_is_a_name_role_time_or_label(
    store: Store, example: Example, tmp_path: Path
) -> None:
    """Nothing else about a person leaks in: no email, phone or organisation either."""
    sid = example.session.id or 0
    person = example.people["arrived"]
    person.email, person.phone, person.organisation = "zoe@example.org", "07700 900123", "Mind"
    store.people.save(person)
    text = all_text(written(store, example, tmp_path, AFTER))
    assert "zoe@example.org" not in text and "07700" not in text and "Mind" not in text
    assert register_for(store, sid, now=AFTER).entries[-1].name == "Jamal Hall"
