"""Editing a session's agenda on the Plan tab, from the keyboard only."""

from __future__ import annotations

from textual.widgets import Static

from facilitator.screens.agenda_item_form import AgendaItemForm
from facilitator.screens.session import SessionScreen
from facilitator.widgets.agenda_table import AgendaTable
from sessions.store import Store
from support import column, fill, make_app


def coming_session_id(store: Store) -> int:
    """The steering group on Sun 29 Nov: 14:00 to 15:30, agenda of exactly 90 minutes."""
    return next(s.id for s in store.sessions.overview() if s.title == "Our Voice steering group")


async def open_plan(pilot, store: Store) -> AgendaTable:  # type: ignore[no-untyped-def]
    await pilot.press("down", "enter")  # below today's, the first coming session
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    assert pilot.app.screen.session_id == coming_session_id(store)
    return pilot.app.screen.query_one(AgendaTable)


def footer(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one("#agenda-footer", Static).render())


async def test_edit_an_item_and_see_the_times_and_overrun(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_plan(pilot, demo_store)
        assert column(table, 0)[:2] == ["14:00–14:10", "14:10–14:40"]
        assert "fits exactly" in footer(pilot)

        await pilot.press("down", "enter")  # edit the second item
        await pilot.pause()
        assert isinstance(app.screen, AgendaItemForm)
        await fill(pilot, "minutes", "0")
        await pilot.pause()
        problem = str(app.screen.query_one("#problem-minutes", Static).render())
        assert problem == "Minutes must be a whole number from 1 to 600."
        await fill(pilot, "minutes", "45")
        await fill(pilot, "lead", "Rosa and Imran")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert column(table, 0)[:3] == ["14:00–14:10", "14:10–14:55", "14:55–15:20"]
        assert column(table, 4)[1] == "Rosa and Imran"
        assert footer(pilot).startswith("The agenda runs 15 min over")
        assert app.screen.query_one("#agenda-footer").has_class("-overrun")
        assert column(table, 0)[-1].endswith("late")
        item = demo_store.agenda.items(coming_session_id(demo_store))[1]
        assert (item.minutes, item.lead) == (45, "Rosa and Imran")


async def test_add_move_copy_and_delete_items(demo_store: Store) -> None:
    app = make_app(demo_store)
    session_id = coming_session_id(demo_store)
    before = [item.title for item in demo_store.agenda.items(session_id)]
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_plan(pilot, demo_store)

        # Add after the highlighted first item.
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "title", "Tea and introductions")
        await fill(pilot, "minutes", "10")
        await pilot.press("enter")
        await pilot.pause()
        assert column(table, 2)[:3] == [before[0], "Tea and introductions", before[1]]
        assert table.cursor_row == 1, "the new item stays highlighted"

        # Move it down twice, then back up once.
        await pilot.press("shift+down", "shift+down", "shift+up")
        await pilot.pause()
        assert column(table, 2)[:3] == [before[0], before[1], "Tea and introductions"]

        # Copy it, then delete the copy (with a confirmation).
        await pilot.press("c")
        await pilot.pause()
        assert column(table, 2)[2:4] == ["Tea and introductions"] * 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert column(table, 2).count("Tea and introductions") == 1

        stored = [item.title for item in demo_store.agenda.items(session_id)]
        assert stored == column(table, 2)
        assert stored == [before[0], before[1], "Tea and introductions", *before[2:]]


async def test_moving_the_first_item_up_says_so(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_plan(pilot, demo_store)
        titles = column(table, 2)
        await pilot.press("shift+up")
        await pilot.pause()
        assert column(table, 2) == titles
        assert any("already first" in str(n.message) for n in app._notifications)


async def test_save_the_agenda_as_a_template(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_plan(pilot, demo_store)
        await pilot.press("t")
        await pilot.pause()
        await fill(pilot, "name", "Over a Brew")  # a built-in's name is taken
        await pilot.press("ctrl+s")
        await pilot.pause()
        problem = str(app.screen.query_one("#problem-name", Static).render())
        assert "already a template called Over a Brew" in problem
        await fill(pilot, "name", "Steering group with updates")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        names = [t.name for t in demo_store.templates.all()]
        assert "Steering group with updates" in names
        saved = next(t for t in demo_store.templates.all() if not t.builtin)
        assert [i.title for i in saved.items] == column(table, 2)
