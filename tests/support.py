"""Helpers shared by the tests: a fixed 'today', and driving the app like a user."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from facilitator.app import FacilitatorApp, build_app
from sessions.store import Store

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/London"))
"""Ten in the morning at the venue on TODAY."""


class FakeClock:
    """A clock the test moves by hand, so the run clock is tested without sleeping."""

    def __init__(self, start: dt.datetime = NOW) -> None:
        self.moment = start

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, *, minutes: float = 0, seconds: float = 0) -> None:
        self.moment += dt.timedelta(minutes=minutes, seconds=seconds)


def make_app(store: Store, clock: FakeClock | None = None) -> FacilitatorApp:
    """The app as the CLI builds it, with today and now fixed so screens do not drift."""
    return build_app(store, today=lambda: TODAY, now=clock or FakeClock())


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type like a person: one key at a time."""
    await pilot.press(*text)


async def fill(pilot: Pilot[None], field_id: str, text: str) -> None:
    """Put text in a form input, as pasting would (typing is tested where it matters)."""
    field = pilot.app.screen.query_one(f"#{field_id}", Input)
    field.focus()
    field.value = text
    await pilot.pause()


async def wait_for(pilot: Pilot[None], ready: Callable[[], object], seconds: float = 5) -> None:
    """Let the app work until `ready()` is true; fail plainly if it never is."""
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {seconds} s")
        await pilot.pause(0.05)


def column(table: DataTable[str], index: int) -> list[str]:
    """One column of a table, top to bottom, as the user reads it."""
    return [str(table.get_row_at(row)[index]) for row in range(table.row_count)]
