"""Planning sessions from the keyboard: create from a template, find, delete."""

from __future__ import annotations

import datetime as dt

from textual.app import App
from textual.command import CommandList
from textual.widgets import Input, Static

from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.home import HomeScreen
from facilitator.screens.person_form import PersonForm
from facilitator.screens.session import SessionScreen
from facilitator.screens.session_form import SessionForm
from facilitator.widgets.agenda_table import AgendaTable
from facilitator.widgets.session_table import SessionTable
from sessions.models import SessionKind
from sessions.store import Store
from support import TODAY, column, fill, make_app, type_text, wait_for


def palette_hits(app: App[None]) -> int:
    """How many results the open command palette shows."""
    return app.screen.query_one(CommandList).option_count


async def test_create_a_session_from_a_template(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SessionForm)
        # Choose "Over a Brew" from the template list by typing its name.
        await pilot.press("enter")
        await type_text(pilot, "Over")
        await pilot.press("enter")
        await pilot.pause()
        await fill(pilot, "title", "Carers and respite")
        await fill(pilot, "date", "tomorrow")
        await fill(pilot, "start", "10am")
        await fill(pilot, "venue", "Newark Library")
        await pilot.pause()
        # The template fills in the kind and the end time from its length.
        assert form.values()["kind"] == SessionKind.OVER_A_BREW.value
        assert form.query_one("#end", Input).value == "12:00"
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, SessionScreen), "saving opens the new session"
        table = app.screen.query_one(AgendaTable)
        brew = demo_store.templates.get("builtin:Over a Brew")
        assert column(table, 2) == [item.title for item in brew.items]
        assert column(table, 0)[0].startswith("10:00")
        footer = str(app.screen.query_one("#agenda-footer", Static).render())
        assert "fits exactly" in footer

        session = demo_store.sessions.get(app.screen.session_id)
        assert session.date == TODAY + dt.timedelta(days=1)
        assert (session.title, session.venue) == ("Carers and respite", "Newark Library")

        await pilot.press("escape")
        await pilot.pause()
        coming = app.screen.query_one("#sessions-coming", SessionTable)
        assert "Carers and respite" in column(coming, 5)


async def test_the_form_says_what_is_wrong_beside_each_field(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await fill(pilot, "start", "14:00")
        await fill(pilot, "end", "13:00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionForm), "nothing is saved while there are problems"

        def problem(name: str) -> str:
            return str(form.query_one(f"#problem-{name}", Static).render())

        assert problem("title") == "Give the session a title."
        assert problem("end") == "The end time must be after the start time."
        assert "date" in problem("date")
        assert app.focused is form.query_one("#title"), "the first problem gets the focus"

        # Escape with changes asks first; "keep editing" keeps what was typed.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#end", Input).value == "13:00"


async def test_search_narrows_the_sessions(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "library brew")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        shown = [
            title
            for key in ("today", "coming", "past")
            for title in column(screen.query_one(f"#sessions-{key}", SessionTable), 5)
        ]
        assert shown == [
            "Getting out and about",
            "Building the right relationships",
            "What it feels like to go through an assessment",
        ]


async def test_delete_says_what_will_be_lost_and_can_be_refused(demo_store: Store) -> None:
    app = make_app(demo_store)
    newest_past = demo_store.sessions.overview()[3]
    async with app.run_test(size=(120, 40)) as pilot:
        past = app.screen.query_one("#sessions-past", SessionTable)
        past.focus()
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        words = str(app.screen.query_one(".dialog-body", Static).render())
        impact = demo_store.sessions.deletion_impact(newest_past.id)
        assert newest_past.title in words
        assert f"{impact.agenda_items} agenda items" in words
        assert f"{impact.booked} bookings" in words
        assert f"{impact.notes} notes and {impact.actions} actions" in words
        assert "cannot be undone" in words

        await pilot.press("escape")
        await pilot.pause()
        assert demo_store.sessions.count() == 7

        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert demo_store.sessions.count() == 6
        assert newest_past.title not in column(past, 5)


async def test_command_palette_opens_a_session_by_name(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "homecare")
        await wait_for(pilot, lambda: palette_hits(app) > 0)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.sub_title == "Homecare: what works and what does not"


async def test_choose_co_chairs_from_the_people_bank(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter")  # open the next session after today's
        await pilot.pause()
        session_id = app.screen.session_id
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SessionForm)
        chairs = form.query_one("#co_chairs")
        before = list(chairs.form_value)
        chairs.focus()
        await pilot.press("home", "delete")  # remove the first co-chair
        await pilot.press("enter")  # open the people picker
        await pilot.pause()
        await type_text(pilot, "yasmin gallagher")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        yasmin = demo_store.people.search("yasmin gallagher")[0]
        assert chairs.form_value == [*before[1:], yasmin.id]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert demo_store.sessions.get(session_id).co_chair_ids == [*before[1:], yasmin.id]
        summary = str(app.screen.query_one("#session-summary", Static).render())
        assert "Yasmin Gallagher" in summary


async def test_command_palette_finds_a_person(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "yasmin gallagher")
        await wait_for(pilot, lambda: palette_hits(app) > 0)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        assert app.screen.values()["name"] == "Yasmin Gallagher"


async def test_quitting_with_an_unsaved_form_asks_first(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SessionForm)
        await fill(pilot, "title", "Half typed")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen), "typing is not thrown away unasked"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionForm)
        assert app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
