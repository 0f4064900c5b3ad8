"""The people bank: add someone, then find them by typing."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.people import PeopleScreen
from facilitator.screens.person_form import PersonForm
from facilitator.widgets.text import person_summary
from sessions.models import CommunicationPreference, Role
from sessions.store import Store
from support import column, fill, make_app, type_text


async def open_people(pilot) -> PeopleScreen:  # type: ignore[no-untyped-def]
    await pilot.press("p")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PeopleScreen)
    return screen


async def test_add_a_person_and_find_them_by_search(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        people = await open_people(pilot)
        await type_text(pilot, "Ottilie")
        await pilot.pause()
        status = str(people.query_one("#people-status", Static).render())
        assert "Nobody matches" in status

        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PersonForm)
        # The name typed in the search box is already filled in.
        assert form.values()["name"] == "Ottilie"
        await fill(pilot, "name", "Ottilie Okafor-Reid")
        await fill(pilot, "preferred_name", "Tilly")
        await fill(pilot, "organisation", "Worksop Carers Group")
        await fill(pilot, "phone", "07700 900777")
        await fill(pilot, "email", "not an email")
        form.query_one("#role").focus()
        await pilot.press("enter")
        await type_text(pilot, "Carer")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm), "a bad email stops the save"
        problem = str(form.query_one("#problem-email", Static).render())
        assert "email" in problem.lower()
        await fill(pilot, "email", "tilly@example.org")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is people

        saved = demo_store.people.search("Ottilie")
        assert [(p.name, p.preferred_name, p.role) for p in saved] == [
            ("Ottilie Okafor-Reid", "Tilly", Role.CARER)
        ]

        # Find her again by organisation, then by phone digits typed without spaces.
        table = people.query_one(DataTable)
        for search in ("worksop carers", "07700900777"):
            people.query_one("#people-search").clear()
            await type_text(pilot, search)
            await pilot.pause()
            assert column(table, 0) == ["Tilly (Ottilie Okafor-Reid)"]


async def test_arrows_move_the_list_while_typing_and_enter_edits(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        people = await open_people(pilot)
        await type_text(pilot, "gallagher")
        await pilot.pause()
        table = people.query_one(DataTable)
        names = column(table, 0)
        assert len(names) >= 2 and all("Gallagher" in name for name in names)
        await pilot.press("down", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PersonForm)
        assert form.person is not None and form.person.display_name == names[1]

        # Choosing "by email" without an email address is explained beside the field.
        await fill(pilot, "email", "")
        form.query_one("#communication").focus()
        await pilot.press("enter")
        await type_text(pilot, "Email")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        problem = str(form.query_one("#problem-communication", Static).render())
        assert problem == "Add an email address, or choose another way to keep in touch."
        unchanged = demo_store.people.get(form.person.id)
        assert unchanged.communication is not CommunicationPreference.EMAIL or unchanged.email


async def test_escape_clears_the_search_then_goes_back(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        people = await open_people(pilot)
        await type_text(pilot, "zzz")
        await pilot.press("escape")
        await pilot.pause()
        assert people.search_text == ""
        table = people.query_one(DataTable)
        assert table.row_count == 200
        status = str(people.query_one("#people-status", Static).render())
        assert status.startswith("281 people in the people bank. Showing 200;")
        # Moving down past the first page brings in the rest.
        await pilot.press(*["pagedown"] * 30)
        await pilot.pause()
        assert table.row_count == 281
        assert table.cursor_row == 280
        everyone = [p.display_name for p in demo_store.people.search("")]
        assert column(table, 0) == everyone
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not people


async def test_adding_a_name_already_in_the_bank_asks_first(demo_store: Store) -> None:
    existing = demo_store.people.search("yasmin gallagher")[0]
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_people(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        await fill(pilot, "name", "yasmin  Gallagher")
        form.query_one("#role").focus()
        await pilot.press("enter")
        await type_text(pilot, "Carer")
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        words = str(app.screen.query_one(".dialog-body", Static).render())
        assert person_summary(existing) in words
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form
        assert len(demo_store.people.named("Yasmin Gallagher")) == 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert len(demo_store.people.named("Yasmin Gallagher")) == 2
