"""The floors for the app's screen figures: a bare Textual app doing the same job.

For check-in, a Header, a search Input, a DataTable of up to 100 rows filtered on
every key and a Footer, with no data file. For opening a screen, a bare screen with
a Header, a DataTable of 100 rows and a Footer, pushed and timed as the app's
screens are (`opening_ms`, which the screens benchmark uses too). Measured the same
way as the real app, they show how much of the time is Textual's own drawing on this
machine, so the app's figures can be read as ratios that a slow or busy machine does
not distort.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable

from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input

ROWS = 100


class FloorApp(App[None]):
    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.names = names

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(id="search")
        yield DataTable(id="table")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Name", "Role", "Status", "Organisation")
        self.show("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show(event.value)

    def show(self, text: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        wanted = text.casefold()
        shown = 0
        for number, name in enumerate(self.names):
            if wanted in name.casefold():
                table.add_row(name, "Carer", "Booked", "Age UK", key=str(number))
                shown += 1
                if shown == ROWS:
                    break


async def floor_ms(names: list[str], typed: str, repeats: int) -> float:
    """Median ms from a key press to the filtered table drawn, in the bare app."""
    app = FloorApp(names)
    samples: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        search = app.query_one(Input)
        table = app.query_one(DataTable)
        for run in range(repeats + 1):  # the first run warms up and is not counted
            search.value = ""
            search.focus()
            await pilot.pause()
            for key in typed:
                start = time.perf_counter()
                wanted = search.value + key
                app.post_message(events.Key(key, key))
                while search.value != wanted:
                    await asyncio.sleep(0)
                await table.wait_for_refresh()
                if run:
                    samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


# --- opening a screen -------------------------------------------------------------


class BareScreen(Screen[None]):
    """The floor for opening a screen: a Header, a DataTable of ROWS rows and a Footer."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Name", "Role", "Status", "Organisation")
        for number in range(ROWS):
            table.add_row(f"Person {number}", "Carer", "Booked", "Age UK", key=str(number))


class BareApp(App[None]):
    """Nothing on its first screen: the screens are pushed over it and timed."""


async def opening_ms(
    app: App[object],
    open_screen: Callable[[], Screen[object]],
    ready: Callable[[Screen[object]], bool],
    close: Callable[[Screen[object]], Awaitable[object]],
    repeats: int,
) -> float:
    """Median ms from `open_screen` (a push or a key's action) until the screen it
    returns is the one showing, `ready` says its data is in place, and it has been
    drawn. `close` takes it away again, untimed, before the next run.

    The push goes in directly rather than through `Pilot.press`, which waits for the
    app to go idle for tens of milliseconds and would swamp what is measured."""
    samples: list[float] = []
    for run in range(repeats + 1):  # the first run warms up and is not counted
        await _settled(app)
        start = time.perf_counter()
        screen = open_screen()
        while not (app.screen is screen and screen.is_mounted and ready(screen)):
            if time.perf_counter() - start > 30:
                raise RuntimeError(f"{type(screen).__name__} never showed its data")
            await asyncio.sleep(0)
        await screen.wait_for_refresh()
        if run:
            samples.append(time.perf_counter() - start)
        await close(screen)
    return statistics.median(samples) * 1000


async def _settled(app: App[object]) -> None:
    """Let what the last run left queued (a pop, a redraw) finish before timing."""
    for _ in range(3):
        await app.screen.wait_for_refresh()
        await asyncio.sleep(0.01)


async def screen_floor_ms(repeats: int) -> float:
    """Median ms to push BareScreen and see its rows drawn, in a bare app."""
    app = BareApp()
    async with app.run_test(size=(120, 40)):

        async def close(screen: Screen[object]) -> None:
            await app.pop_screen()

        return await opening_ms(
            app,
            lambda: _pushed(app, BareScreen()),
            lambda screen: screen.query_one(DataTable).row_count == ROWS,
            close,
            repeats,
        )


def _pushed(app: App[object], screen: Screen[object]) -> Screen[object]:
    app.push_screen(screen)
    return screen
