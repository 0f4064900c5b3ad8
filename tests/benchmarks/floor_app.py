"""The floor for the app's check-in figure: a bare Textual app doing the same job.

A Header, a search Input, a DataTable of up to 100 rows filtered on every key and
a Footer, with no data file. Measured the same way as the real app, it shows how
much of a key press is Textual's own drawing on this machine, so the app's figure
can be read as a ratio that a slow or busy machine does not distort.
"""

from __future__ import annotations

import asyncio
import statistics
import time

from textual import events
from textual.app import App, ComposeResult
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
