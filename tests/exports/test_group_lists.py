"""Breakout group lists, read back with python-docx: one table per group."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.document import Document

from exports.group_lists import (
    group_lists_for,
    group_lists_name,
    write_group_lists,
)
from sessions.errors import FacilitatorError
from sessions.groups import Breakouts, Shape
from sessions.models import AttendanceStatus, GroupSource
from sessions.store import Store
from tests.exports.docx_checks import assert_accessible, body_texts, headings, table_rows
from tests.exports.register_examples import (
    ACCESS_NEEDS,
    FOLLOW_UP,
    ORGANISATION,
    Example,
    make_session,
)

TITLE = "Breakout groups: Carers Implementation Group"


@pytest.fixture
def example(store: Store) -> Example:
    return make_session(store)


def write(
    store: Store, example: Example, tmp_path: Path, round_number: int | None = None
) -> tuple[Path, Document]:
    lists = group_lists_for(store, example.session.id or 0, round_number)
    path = write_group_lists(lists, ORGANISATION, tmp_path / group_lists_name(lists))
    return path, docx.Document(str(path))


def member_tables(doc: Document) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in table.rows][1:] for table in doc.tables]


def test_the_group_lists_are_accessible(store: Store, example: Example, tmp_path: Path) -> None:
    path, doc = write(store, example, tmp_path)
    assert path.name == "groups-2026-12-03-Carers-Implementation-Group.docx"
    assert_accessible(doc, TITLE, organisation=ORGANISATION, never=(ACCESS_NEEDS, FOLLOW_UP))


def test_each_group_has_a_heading_place_facilitator_and_its_members(
    store: Store, example: Example, tmp_path: Path
) -> None:
    _, doc = write(store, example, tmp_path)
    assert headings(doc) == [
        (1, TITLE),
        (2, "Blue table"),
        (2, "Green table"),
        (2, "Not in a group yet"),
    ]
    texts = body_texts(doc)
    assert "2 groups, for “Talking in groups”." in texts
    assert "Where: By the window" in texts
    assert "Facilitator: Sam Turner" in texts
    assert "Nobody is in this group yet." in texts
    # Members by name; someone who left early is still listed, and says so.
    assert member_tables(doc) == [
        [["=Robin Hood (left early)", "Staff"], ["Zoë Brennan", "Carer"]],
        [["Jamal Hall", "Other"]],
    ]
    assert table_rows(doc, "Name") == [
        ["=Robin Hood (left early)", "Staff"],
        ["Zoë Brennan", "Carer"],
    ]


def test_the_latest_round_is_printed_unless_another_is_chosen(
    store: Store, example: Example, tmp_path: Path
) -> None:
    sid = example.session.id or 0
    Breakouts(store, sid, seeds=lambda: 3).make(Shape(count=1), GroupSource.ARRIVED)
    path, doc = write(store, example, tmp_path)
    assert path.name == "groups-round-2-2026-12-03-Carers-Implementation-Group.docx"
    title = f"{TITLE}, round 2"
    assert_accessible(doc, title, organisation=ORGANISATION)
    assert "1 group in round 2 of 2." in body_texts(doc)
    assert member_tables(doc) == [[["Jamal Hall", "Other"], ["Zoë Brennan", "Carer"]]]

    _, first = write(store, example, tmp_path, round_number=1)
    assert headings(first)[0] == (1, f"{TITLE}, round 1")
    with pytest.raises(
        FacilitatorError,
        match=re.escape("has no round 5 of breakout groups. It has rounds 1 and 2."),
    ):
        write(store, example, tmp_path, round_number=5)


def test_someone_taken_off_the_session_is_left_out(
    store: Store, example: Example, tmp_path: Path
) -> None:
    sid = example.session.id or 0
    store.attendance.remove(sid, example.people["left"].id or 0)
    store.attendance.record(sid, example.people["walk_in"].id or 0, AttendanceStatus.LEFT_EARLY)
    _, doc = write(store, example, tmp_path)
    assert member_tables(doc) == [[["Zoë Brennan", "Carer"]]]
    assert "Not in a group yet" not in [text for _, text in headings(doc)]


def test_no_groups_yet_says_where_to_make_them(
    store: Store, example: Example, tmp_path: Path
) -> None:
    sid = example.session.id or 0
    for made in Breakouts(store, sid).rounds():
        store.breakouts.delete(made.id or 0)
    with pytest.raises(
        FacilitatorError, match=re.escape("no breakout groups yet. Make them on the Groups")
    ):
        write(store, example, tmp_path)
    assert not list(tmp_path.glob("*.docx"))
