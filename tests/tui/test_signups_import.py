"""Importing sign-ups from the session's Documents menu (F7): type the CSV file's path,
see the first rows, the columns guessed and what would happen to each row, choose
another column, import with Ctrl+S and see what was done."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, OptionList, Select, Static

from facilitator.screens.chooser import ChoiceScreen, choice_key
from facilitator.screens.documents import DOCUMENTS
from facilitator.screens.session import SessionScreen
from facilitator.screens.signups_import import HIDDEN, SignupsImportScreen
from facilitator.widgets.checkin_panel import CheckInPanel
from sessions.models import AttendanceStatus, Person, Role, Session, SessionKind
from sessions.store import Store
from sessions.store.attendance import AttendanceRepository
from support import TODAY, make_app, wait_for

SIZE = (120, 40)
LABEL = "Import sign-ups from a CSV file"
CSV = (
    "\ufeffTimestamp,Full name,Email address,Phone number,I am a...,"
    "Anything we should know?,Can we email you about future sessions?\r\n"
    '2026/11/01 10:02,Farah Khan,FARAH@example.org,,Carer,"Hearing loop, please",Yes\r\n'
    "2026/11/01 11:00,Tom Jones,,+44 7700 900123,Staff,,\r\n"
    "2026/11/02 09:00,Zoë Ashworth,zoe@example.org,07700 900456,I use services,"
    '"Step-free, please",Yes\r\n'
    "2026/11/02 09:05,,nobody@example.org,,,,\r\n"
)


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    """Today's Over a Brew; Farah and Tom in the people bank, Tom's phone written
    differently; Sam Lee already booked."""
    session = store.sessions.save(
        Session(
            "Getting out and about",
            SessionKind.OVER_A_BREW,
            TODAY,
            dt.time(10, 30),
            dt.time(12, 30),
            venue="Grays Library",
        )
    )
    assert session.id is not None
    found = {"session": session.id}
    for name, details in (
        ("Farah Khan", {"email": "farah@example.org"}),
        ("Tom Jones", {"phone": "07700 900123"}),
        ("Sam Lee", {}),
    ):
        person = store.people.save(Person(name=name, role=Role.CARER, **details))
        assert person.id is not None
        found[name] = person.id
    store.attendance.record(session.id, found["Sam Lee"], AttendanceStatus.BOOKED)
    return found


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "Sign-ups" / "responses.csv"
    path.parent.mkdir()
    path.write_bytes(CSV.encode("utf-8"))
    return path


def told(pilot: Pilot[None], words: str) -> bool:
    return any(words in str(n.message) for n in pilot.app._notifications)


def shown(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def cells(table: DataTable[object], column: int) -> list[str]:
    return [str(table.get_row_at(row)[column]) for row in range(table.row_count)]


async def open_import(pilot: Pilot[None]) -> SignupsImportScreen:
    """From the home screen: open today's session, F7, then the import entry by number."""
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
    await pilot.press("f7")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
    await pilot.pause()
    key = next(entry.key for entry in DOCUMENTS if entry.label == LABEL)
    # The key shown beside it: its place depends on whether the session has started.
    await pilot.press(choice_key(pilot.app.screen.query_one(OptionList).get_option_index(key)))
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SignupsImportScreen))
    screen = pilot.app.screen
    assert isinstance(screen, SignupsImportScreen)
    return screen


async def read_file(pilot: Pilot[None], screen: SignupsImportScreen, typed: str) -> None:
    field = screen.query_one("#signups-path", Input)
    field.focus()
    field.value = typed
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_file_is_read_shown_planned_and_imported_from_the_documents_menu(
    store: Store, ids: dict[str, int], csv_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(csv_file.parent.parent))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot)
        assert screen.query_one("#signups-path", Input).has_focus
        assert not screen.query_one("#signups-sections").display

        await read_file(pilot, screen, "~/Sign-ups/responses.csv")  # "~" is the home folder
        await wait_for(pilot, lambda: screen.plan is not None)
        assert shown(pilot, "#signups-file") == (
            "responses.csv: 4 rows after the header, columns separated by commas, "
            "UTF-8 with a byte order mark."
        )
        preview = screen.query_one("#signups-preview", DataTable)
        assert preview.row_count == 4
        assert cells(preview, 1) == ["Farah Khan", "Tom Jones", "Zoë Ashworth", ""]
        # Access needs are health information: the preview does not show them.
        assert cells(preview, 5) == [HIDDEN, "", HIDDEN, ""]
        chosen = {s.id: s.value for s in screen.query(Select)}
        assert chosen == {
            "column-name": 1,
            "column-surname": Select.NULL,
            "column-email": 2,
            "column-phone": 3,
            "column-role": 4,
            "column-access_needs": 5,
            "column-consent": 6,
        }
        plan = screen.query_one("#signups-plan", DataTable)
        assert cells(plan, 1) == ["Farah Khan", "Tom Jones", "Zoë Ashworth", "no name"]
        assert cells(plan, 2) == ["Book", "Book", "Add and book", "Skip"]
        assert cells(plan, 3)[3] == "Skipped: no name."
        assert shown(pilot, "#signups-summary") == (
            "1 to add to the people bank, 2 already in it, 1 row to skip. Press Ctrl+S to import."
        )
        assert "Hearing loop" not in shown(pilot, "#signups-row")
        assert store.people.count() == 3, "nothing is written before Ctrl+S"

        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: screen.report is not None)
        summary = (
            "Booked 3 people onto Getting out and about: 1 added to the people bank, "
            "2 already in it. 1 row skipped."
        )
        await wait_for(pilot, lambda: told(pilot, summary))
        assert cells(plan, 2) == ["Booked", "Booked", "Added and booked", "Skipped"]
        assert str(screen.query_one("#signups-plan-heading", Label).render()) == (
            "What the import did"
        )
        assert all(select.disabled for select in screen.query(Select))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: told(pilot, "These sign-ups are imported."))

        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.pause()
        panel = app.screen.query_one(CheckInPanel)
        assert "Not here yet 4" in str(panel.query_one("#checkin-count", Static).render())

    booked = {a.person_id for a in store.attendance.for_session(ids["session"])}
    (zoe,) = store.people.named("Zoë Ashworth")
    assert booked == {ids["Farah Khan"], ids["Tom Jones"], ids["Sam Lee"], zoe.id}
    assert zoe.access_needs == "Step-free, please"
    assert zoe.contact_consent is True


async def test_choosing_another_column_plans_again(
    store: Store, ids: dict[str, int], csv_file: Path
) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot)
        await read_file(pilot, screen, str(csv_file))
        await wait_for(pilot, lambda: screen.plan is not None)
        first_request = screen.planned_for

        screen.query_one("#column-phone", Select).value = Select.NULL
        await pilot.pause()
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: screen.planned_for > first_request)
        plan = screen.query_one("#signups-plan", DataTable)
        # Without the phone, Tom is matched by his name instead.
        assert "same name" in cells(plan, 3)[1]

        screen.query_one("#column-name", Select).value = Select.NULL
        await pilot.pause()
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: screen.plan is None)
        assert shown(pilot, "#signups-summary") == (
            "Choose the column that holds people's names to see what importing would do."
        )
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: told(pilot, "Choose the column that holds people's names"))
    assert store.people.count() == 3


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "Type the path of the CSV file your form tool made."),
        ("{folder}/nope.csv", "There is no file at {folder}/nope.csv. Check the name."),
        (
            "{folder}",
            "{folder} is a folder. Add the file's name; the newest CSV files in it: responses.csv.",
        ),
        ("{folder}/book.xlsx", "book.xlsx is a spreadsheet workbook, not a CSV file."),
    ],
)
async def test_a_path_that_is_not_a_csv_file_says_why_in_words(
    store: Store, ids: dict[str, int], csv_file: Path, typed: str, words: str
) -> None:
    folder = csv_file.parent
    (folder / "book.xlsx").write_bytes(b"PK\x03\x04 a workbook")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot)
        await read_file(pilot, screen, typed.format(folder=folder))
        expected = words.format(folder=folder)
        await wait_for(pilot, lambda: shown(pilot, "#signups-file").startswith(expected))
        assert screen.query_one("#signups-file").has_class("-problem")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: told(pilot, "Type the path of the CSV file"))
    assert store.people.count() == 3


async def test_the_path_typed_is_completed_with_the_right_arrow(
    store: Store, ids: dict[str, int], csv_file: Path
) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot)
        field = screen.query_one("#signups-path", Input)
        field.value = str(csv_file.parent.parent / "Sign")
        await pilot.pause(0.2)
        await pilot.press("right")
        assert field.value == str(csv_file.parent) + "/"
        await pilot.press("r")
        await pilot.pause(0.2)
        await pilot.press("right")
        assert field.value == str(csv_file)


async def test_a_failed_import_says_so_and_changes_nothing(
    store: Store, ids: dict[str, int], csv_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = AttendanceRepository.record
    calls: list[int] = []

    def failing(self: AttendanceRepository, *args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("database is locked")
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(AttendanceRepository, "record", failing)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot)
        await read_file(pilot, screen, str(csv_file))
        await wait_for(pilot, lambda: screen.plan is not None)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await wait_for(
            pilot,
            lambda: told(
                pilot,
                "Nothing was imported: writing failed part way (database is locked), so "
                "every change was undone.",
            ),
        )
        assert screen.report is None
        assert not screen.importing
        assert cells(screen.query_one("#signups-plan", DataTable), 2)[0] == "Book"
    assert store.people.count() == 3
    assert [a.person_id for a in store.attendance.for_session(ids["session"])] == [ids["Sam Lee"]]
