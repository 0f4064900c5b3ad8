"""A new user's first minutes: the welcome screen, then the home screen."""

from __future__ import annotations

from textual.widgets import DataTable, Label

from facilitator.screens.home import HomeScreen
from facilitator.screens.keys import KeysScreen
from facilitator.screens.session_form import SessionForm
from facilitator.screens.welcome import WelcomeScreen
from facilitator.widgets.session_table import SessionTable
from sessions.models import Role
from sessions.store import Store
from support import make_app


async def test_empty_file_opens_on_the_welcome_screen(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)):
        assert isinstance(app.screen, WelcomeScreen)
        text = " ".join(str(w.render()) for w in app.screen.query("Static, Label, Button"))
        assert "co-production" in text
        assert "Start with example data" in text
        assert "Start empty" in text


async def test_start_with_example_data_fills_the_home_screen(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        today = app.screen.query_one("#sessions-today", SessionTable)
        coming = app.screen.query_one("#sessions-coming", SessionTable)
        past = app.screen.query_one("#sessions-past", SessionTable)
        assert (today.row_count, coming.row_count, past.row_count) == (1, 2, 4)
        assert app.focused is today, "today's session is highlighted, ready to open"
        for role in Role:
            assert len([p for p in store.people.all() if p.role is role]) >= 40


async def test_start_empty_leaves_an_empty_home_that_says_what_to_do(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not store.has_data()
        heading = app.screen.query_one("#heading-coming", Label)
        assert "Coming up (0 sessions)" in str(heading.render())
        assert "Press n to plan one" in str(app.screen.query_one("#empty-coming").render())


async def test_the_welcome_is_shown_once(store: Store) -> None:
    async with make_app(store).run_test() as pilot:
        await pilot.press("s")
    app = make_app(store)
    async with app.run_test():
        assert isinstance(app.screen, HomeScreen)


async def test_question_mark_lists_the_keys_in_words(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        table = app.screen.query_one(DataTable)
        lines = {str(row[0]): str(row[1]) for row in map(table.get_row_at, range(table.row_count))}
        assert lines["n"] == "New session"
        assert lines["d or delete"] == "Delete"
        assert lines["/"] == "Search"
        assert "ctrl+p" in lines
        assert not any("Cursor" in description for description in lines.values())
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_after_start_empty_the_keys_work_at_once(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SessionForm), "n makes a session, it is not typed"
