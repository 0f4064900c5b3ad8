"""Square brackets that people type are shown as typed, never read as markup.

Textual reads a plain string as markup, so "Age UK [Notts]" lost its "[Notts]" and
a "[/]" stopped the app with a traceback. Each screen that shows what people typed
is opened here with such text in every field it shows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Select
from textual.widgets._select import SelectOverlay

from facilitator.app import FacilitatorApp
from facilitator.screens.actions import ActionsScreen
from facilitator.screens.attendance_status import StatusChooser
from facilitator.screens.companions import CompanionsScreen
from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.person_form import PersonForm
from facilitator.screens.person_picker import PersonPicker
from facilitator.screens.session import SessionScreen
from facilitator.screens.session_form import SessionForm
from sessions.models import (
    Action,
    ActionStatus,
    AgendaItem,
    AgendaKind,
    AttendanceStatus,
    Note,
    NoteKind,
    Person,
    Role,
    RunEvent,
    RunEventKind,
    Session,
    SessionKind,
)
from sessions.store import Store
from support import NOW, TODAY, make_app, type_text, wait_for

NAME = "[b]bold[/b] Jo"
ORGANISATION = "Age UK [Notts] [/]"
NEEDS = "Large print [A3] [/]"
CHAIR = "Co [chair]"
TITLE = "Plan [draft] [/]"
VENUE = "Hall [B]"
PURPOSE = "To hear [everyone] [/]"
ITEM = "Welcome [b]all[/b]"
NEXT_ITEM = "Talk [/]"
LEAD = "[i]Sam[/i]"
ITEM_NOTES = "[draft] bring tea [/]"
NOTE = "They said [/] and [b]bold[/b]"
WHAT = "Rewrite [the] letter [/]"
OWNER = "[b]Ann[/b]"
OUTCOME = "Sent [v2]"
TEMPLATE = "Our [usual] plan [/]"


@dataclasses.dataclass
class Bracketed:
    store: Store
    session_id: int
    item_id: int


@pytest.fixture
def bracketed(store: Store) -> Bracketed:
    """Today's session, running, with someone booked, notes and an action: brackets
    in everything that was typed."""
    store.mark_welcomed()
    chair = store.people.save(Person(CHAIR, Role.STAFF, organisation="[/] Council"))
    person = store.people.save(
        Person(NAME, Role.CARER, organisation=ORGANISATION, access_needs=NEEDS)
    )
    assert person.id is not None and chair.id is not None
    session = store.sessions.save(
        Session(
            TITLE,
            SessionKind.OVER_A_BREW,
            TODAY,
            dt.time(9, 30),
            dt.time(12),
            venue=VENUE,
            project_name="Homes [north]",
            purpose=PURPOSE,
            co_chair_ids=[chair.id],
        )
    )
    assert session.id is not None
    item = store.agenda.add(
        session.id, AgendaItem(ITEM, 30, AgendaKind.WELCOME, lead=LEAD, notes=ITEM_NOTES)
    )
    store.agenda.add(session.id, AgendaItem(NEXT_ITEM, 30, AgendaKind.DISCUSSION))
    assert item.id is not None
    store.attendance.record(session.id, person.id, AttendanceStatus.BOOKED)
    store.run_events.add(session.id, RunEvent(RunEventKind.START, NOW, item.id))
    note = store.notes.save(Note(session.id, NOTE, agenda_item_id=item.id))
    assert note is not None and note.id is not None
    store.notes.save(
        Note(session.id, "Quote [x]", kind=NoteKind.QUOTE, speaker="[Pat]", agenda_item_id=item.id)
    )
    store.actions.save(
        Action(
            session.id,
            WHAT,
            owner=OWNER,
            status=ActionStatus.IN_PROGRESS,
            outcome=OUTCOME,
            note_ids=(note.id,),
        )
    )
    store.templates.save_from_session(session.id, TEMPLATE)
    return Bracketed(store, session.id, item.id)


def shown(pilot: Pilot[None], selector: str) -> str:
    """What a Static, Label or Button on the current screen says."""
    return str(pilot.app.screen.query_one(selector, Widget).render())


def drawn(pilot: Pilot[None], selector: str) -> str:
    """A table on the current screen as it is drawn, line by line."""
    table = pilot.app.screen.query_one(selector, DataTable)
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


def options(option_list: OptionList) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


def toasts(pilot: Pilot[None]) -> list[str]:
    """The notifications as drawn: a toast reads its message as it draws it."""
    return [str(toast.render()) for toast in pilot.app.screen.query("Toast")]


async def open_session(pilot: Pilot[None], bracketed: Bracketed) -> SessionScreen:
    app = pilot.app
    assert isinstance(app, FacilitatorApp)
    app.open_session(bracketed.session_id)
    await pilot.pause()
    assert isinstance(app.screen, SessionScreen)
    return app.screen


async def test_home_screen(bracketed: Bracketed) -> None:
    app = make_app(bracketed.store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.pause()
        table = drawn(pilot, "#sessions-today")
        assert TITLE in table and VENUE in table
        assert shown(pilot, "#session-detail").startswith(f"{TITLE}: Over a Brew")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert f"This deletes “{TITLE}”" in shown(pilot, ".dialog-body")
        await pilot.press("n")
        await pilot.press("slash")
        await type_text(pilot, "[/]x")
        await pilot.pause()
        assert shown(pilot, "#empty-today") == "No sessions today match “[/]x”."


async def test_check_in_tab(bracketed: Bracketed) -> None:
    app = make_app(bracketed.store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        screen = await open_session(pilot, bracketed)
        assert screen.query_one("TabbedContent").active == "checkin", "today's session"
        assert TITLE in shown(pilot, "#session-summary")
        table = drawn(pilot, "#checkin-table")
        assert NAME in table and ORGANISATION in table
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, StatusChooser)
        assert shown(pilot, ".dialog-title") == f"Change where {NAME} stands"
        await pilot.press("escape")
        await pilot.pause()


async def test_check_in_search_and_access_needs(bracketed: Bracketed) -> None:
    app = make_app(bracketed.store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await open_session(pilot, bracketed)
        await type_text(pilot, "[/]zz")
        await pilot.pause()
        assert shown(pilot, "#checkin-status").startswith("Nobody matches “[/]zz”.")
        await pilot.press(*["backspace"] * 8)
        await type_text(pilot, "notts")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert shown(pilot, "#checkin-access") == f"Access needs for {NAME}: {NEEDS}"
        assert any(NAME in toast for toast in toasts(pilot))


async def test_plan_tab(bracketed: Bracketed) -> None:
    app = make_app(bracketed.store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await open_session(pilot, bracketed)
        await pilot.press("f2")
        await pilot.pause()
        summary = shown(pilot, "#session-summary")
        assert summary.startswith(f"{TITLE}\n")
        assert f"Co-chairs: {CHAIR}." in summary and f"Purpose: {PURPOSE}" in summary
        table = drawn(pilot, "#agenda-table")
        assert all(text in table for text in (ITEM, LEAD, ITEM_NOTES, NEXT_ITEM))
        assert shown(pilot, "#agenda-detail") == f"Notes: {ITEM_NOTES}"
        await pilot.press("c")
        await pilot.pause()
        assert f"Copied “{ITEM}”." in toasts(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert f"“{ITEM}” (30 min)" in shown(pilot, ".dialog-body")
        await pilot.press("y")
        await pilot.pause()
        assert f"Deleted “{ITEM}”." in toasts(pilot)


async def test_run_tab(bracketed: Bracketed) -> None:
    app = make_app(bracketed.store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await open_session(pilot, bracketed)
        await pilot.press("f4")
        await pilot.pause()
        assert shown(pilot, "#run-title") == ITEM
        assert f"Led by {LEAD}" in shown(pilot, "#run-elapsed")
        assert shown(pilot, "#run-next").startswith(f"Next: {NEXT_ITEM} (")
        table = drawn(pilot, "#run-items")
        assert ITEM in table and NEXT_ITEM in table
        await pilot.press("n")
        await pilot.pause()
        assert f"Now: “{NEXT_ITEM}”." in toasts(pilot)
        assert shown(pilot, "#run-title") == NEXT_ITEM


async def test_notes_tab(bracketed: Bracketed) -> None:
    app = make_app(bracketed.store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await open_session(pilot, bracketed)
        await pilot.press("f5")
        await pilot.pause()
        assert f"New notes go under “{ITEM}”" in shown(pilot, "#notes-running")
        assert shown(pilot, "#notes-heading").startswith(f"What we heard during “{ITEM}”")
        assert NOTE in drawn(pilot, "#notes-table")
        assert shown(pilot, "#notes-detail") == f"{NOTE}\nWe will: {WHAT}"
        table = drawn(pilot, "#session-actions")
        assert WHAT in table and OWNER in table
        select = app.screen.query_one("#notes-item", Select)
        assert f"1. {ITEM} (running now)" in options(select.query_one(SelectOverlay))
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert f"“{NOTE}” will be deleted." in shown(pilot, ".dialog-body")
        await pilot.press("n")
        await pilot.pause()


async def test_session_forms(bracketed: Bracketed) -> None:
    app = make_app(bracketed.store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await open_session(pilot, bracketed)
        await pilot.press("f2", "e")
        await pilot.pause()
        assert isinstance(app.screen, SessionForm)
        chairs = app.screen.query_one("#co_chairs", OptionList)
        assert options(chairs) == [f"{CHAIR}, Staff, [/] Council"]
        chairs.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonPicker)
        assert f"{NAME}, Carer, {ORGANISATION}" in options(app.screen.query_one(OptionList))
        await pilot.press("escape", "escape")
        await pilot.press("escape", "n")
        await pilot.pause()
        assert isinstance(app.screen, SessionForm), "a new session, from a template"
        template = app.screen.query_one("#template", Select)
        template.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert any(TEMPLATE in text for text in options(template.query_one(SelectOverlay)))


async def test_people_bank(bracketed: Bracketed) -> None:
    app = make_app(bracketed.store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        table = drawn(pilot, "#people-table")
        assert all(text in table for text in (NAME, ORGANISATION, CHAIR))
        await type_text(pilot, "[/]zz")
        await pilot.pause()
        assert shown(pilot, "#people-status") == "Nobody matches “[/]zz”. Press ctrl+n to add them."
        await pilot.press("escape")
        await type_text(pilot, "notts")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, CompanionsScreen)
        assert shown(pilot, ".dialog-title") == f"Who comes with {NAME}"
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert f"Saved {NAME}." in toasts(pilot)


async def test_actions_screen(bracketed: Bracketed) -> None:
    app = make_app(bracketed.store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        table = drawn(pilot, "#actions-table")
        assert all(text in table for text in (WHAT, OWNER, OUTCOME, TITLE))
        detail = shown(pilot, "#actions-detail")
        assert f"We will: {WHAT}\nWho: {OWNER}." in detail
        assert f"You said: {NOTE}" in detail and f"We did: {OUTCOME}" in detail
        await pilot.press("d")
        await pilot.pause()
        assert any(toast.startswith(f"“{WHAT}” is now done.") for toast in toasts(pilot))


async def test_command_palette(bracketed: Bracketed) -> None:
    app = make_app(bracketed.store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:

        def hits() -> list[str]:
            return options(app.screen.query_one(CommandList))

        await pilot.press("ctrl+p")
        await pilot.pause()
        await wait_for(pilot, lambda: any(TITLE in hit for hit in hits()))
        for typed, wanted in (("notts", ORGANISATION), ("draft", TITLE), ("letter", WHAT)):
            await pilot.press(*["backspace"] * 8)
            await type_text(pilot, typed)
            await wait_for(pilot, lambda wanted=wanted: any(wanted in hit for hit in hits()))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
