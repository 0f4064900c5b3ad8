"""How fast the main screens open on five years of a busy team's data.

Each figure is the time from the push of a screen (what its key does) until the
screen is the one showing, its data is in its tables and it has been drawn: within
100 ms each (issue 8). The floor is a bare Textual screen with a Header, a DataTable
of 100 rows and a Footer, pushed and timed the same way (floor_app.py).

All in one app on a copy of the data file (the app may write to it as it opens).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from textual.screen import Screen
from textual.widgets import DataTable

from benchmarks.context import DAY, NOW, Bench
from benchmarks.floor_app import opening_ms, screen_floor_ms
from benchmarks.harness import Figure
from facilitator.app import FacilitatorApp, build_app
from facilitator.screens.claims import ClaimsScreen
from facilitator.screens.home import HomeScreen
from facilitator.screens.people import PeopleScreen
from facilitator.screens.session import SessionScreen
from sessions.store import Store

TARGET_MS = 100.0
FLOOR_NAME = "bare screen, 100 rows"


@dataclass(frozen=True)
class Sessions:
    """The sessions opened: today's (check-in first) and the past one with most notes."""

    today: int
    past: int


def sessions_to_open(store: Store, today: dt.date) -> Sessions:
    todays = store.db.execute(
        "SELECT id FROM sessions WHERE date = ? ORDER BY id LIMIT 1", [today.isoformat()]
    ).fetchone()
    past = store.db.execute(
        """
        SELECT n.session_id FROM notes n JOIN sessions s ON s.id = n.session_id
        WHERE s.date < ? GROUP BY n.session_id ORDER BY count(*) DESC, n.session_id LIMIT 1
        """,
        [today.isoformat()],
    ).fetchone()
    if todays is None or past is None:
        raise RuntimeError("The data file has no session today or none in the past with notes.")
    return Sessions(todays[0], past[0])


def rows_in(selector: str) -> Callable[[Screen[object]], bool]:
    """Ready when the table `selector` on the screen has rows."""

    def ready(screen: Screen[object]) -> bool:
        found = screen.query(selector)
        return bool(found) and found.first(DataTable).row_count > 0

    return ready


def home_ready(screen: Screen[object]) -> bool:
    return rows_in("#sessions-today")(screen) and rows_in("#sessions-past")(screen)


async def measure(store: Store, repeats: int) -> list[Figure]:
    """Each screen opened `repeats` times (after one run to warm up) in one app."""
    app: FacilitatorApp = build_app(store, today=lambda: DAY, now=lambda: NOW)
    sessions = sessions_to_open(store, DAY)
    figures: list[Figure] = []

    async def pop(screen: Screen[object]) -> None:
        await app.pop_screen()

    def pushed(screen: Screen[object]) -> Screen[object]:
        app.push_screen(screen)
        return screen

    def session(session_id: int) -> Screen[object]:
        return pushed(SessionScreen(store, app.today, session_id, app.now))

    async def timed(
        name: str,
        open_screen: Callable[[], Screen[object]],
        ready: Callable[[Screen[object]], bool],
        close: Callable[[Screen[object]], object] = pop,
    ) -> None:
        median = await opening_ms(app, open_screen, ready, close, repeats)  # type: ignore[arg-type]
        figures.append(Figure(name, median, TARGET_MS, repeats))

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, HomeScreen):
            raise RuntimeError(
                f"The app opened on {type(app.screen).__name__}, not the home screen."
            )
        await timed(
            "open: home screen", lambda: pushed(HomeScreen(store, app.today, app.now)), home_ready
        )

        # Back from a session: the home screen reads every session again as it shows.
        home = app.screen

        def back_home() -> Screen[object]:
            app.pop_screen()
            return home

        async def reopen_session(screen: Screen[object]) -> None:
            await app.push_screen(SessionScreen(store, app.today, sessions.past, app.now))
            await pilot.pause()

        await reopen_session(home)
        await timed("back: to the home screen", back_home, home_ready, reopen_session)
        await app.pop_screen()
        await pilot.pause()

        await timed(
            "open: a session today (check-in)",
            lambda: session(sessions.today),
            rows_in("#checkin-table"),
        )
        await timed(
            "open: a past session (plan)", lambda: session(sessions.past), rows_in("#agenda-table")
        )

        # The Notes tab of the past session, built the first time it shows (F5): each
        # run on a fresh session screen, pushed untimed.
        async def fresh_session(screen: Screen[object] | None = None) -> None:
            if screen is not None:
                await app.pop_screen()
            await app.push_screen(SessionScreen(store, app.today, sessions.past, app.now))
            await pilot.pause()

        def notes_tab() -> Screen[object]:
            screen = app.screen
            assert isinstance(screen, SessionScreen)
            screen.action_show_tab("notes")
            return screen

        await fresh_session()
        await timed(
            "open: a past session's notes (F5)", notes_tab, rows_in("#notes-table"), fresh_session
        )
        await app.pop_screen()
        await pilot.pause()
        await timed(
            "open: people bank", lambda: pushed(PeopleScreen(store)), rows_in("#people-table")
        )
        await timed(
            "open: claims screen", lambda: pushed(ClaimsScreen(store)), rows_in("#claims-table")
        )
    return figures


def figures(bench: Bench) -> list[Figure]:
    repeats = 1 if bench.quick else max(5, bench.repeats // 2)
    with Store.open(bench.copy_of_data("screens")) as store:
        found = asyncio.run(measure(store, repeats))
    floor = asyncio.run(screen_floor_ms(repeats))
    return [replace(f, floor=floor, floor_name=FLOOR_NAME) for f in found]
