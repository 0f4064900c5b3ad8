"""A table of sessions, one of the home screen's three sections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from textual.binding import Binding
from textual.message import Message

from facilitator.widgets.listing_table import ListingTable
from facilitator.widgets.text import shortened
from sessions.display import format_date, format_time
from sessions.models import SessionOverview

# Counts come before the free text so that a long title never pushes them off screen.
COLUMNS = ("Date", "Time", "Kind", "Booked", "Attended", "Title", "Venue")
TITLE_WIDTH = 48
SHOWN = 50
"""Sessions listed at first in a section; more are listed as the cursor reaches the
end, so that five years of past sessions do not keep the home screen waiting."""


def cells(s: SessionOverview, today: dt.date) -> tuple[str, ...]:
    """A session not yet held shows no attendance rather than a misleading 0."""
    return (
        format_date(s.date),
        f"{format_time(s.start)}–{format_time(s.end)}",
        s.kind.label,
        str(s.booked),
        "" if s.date > today else str(s.attended),
        shortened(s.title, TITLE_WIDTH),
        s.venue,
    )


class SessionTable(ListingTable):
    """Arrow keys run on into the next section, so the home screen reads as one list.

    The first SHOWN sessions are listed; moving down past the last lists the next
    SHOWN, so every session can be reached (and the search finds any)."""

    COLUMNS = COLUMNS
    BINDINGS = [
        Binding("enter", "select_cursor", "Open"),
        Binding("down", "cursor_down_or_next", "Next session", show=False),
        Binding("up", "cursor_up_or_previous", "Previous session", show=False),
    ]

    class Grew(Message):
        """More sessions were listed at the end of the table."""

        def __init__(self, table: SessionTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> SessionTable:
            return self.table

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.today = dt.date.min
        self.unlisted: list[SessionOverview] = []
        """Sessions still to be listed, in order, as the cursor reaches the end."""

    def show(self, sessions: Sequence[SessionOverview], today: dt.date) -> None:
        self.today = today
        self.unlisted = list(sessions[SHOWN:])
        self.replace_rows((s.id, cells(s, today)) for s in sessions[:SHOWN])

    def list_more(self) -> bool:
        """List the next SHOWN sessions, if any are left; True if some were."""
        if not self.unlisted:
            return False
        more, self.unlisted = self.unlisted[:SHOWN], self.unlisted[SHOWN:]
        self.append_rows((s.id, cells(s, self.today)) for s in more)
        self.post_message(self.Grew(self))
        return True

    def action_page_down(self) -> None:
        if self.cursor_row >= self.row_count - self.size.height:
            self.list_more()
        super().action_page_down()

    def _neighbour(self, step: int) -> SessionTable | None:
        tables = [t for t in self.screen.query(SessionTable) if t.row_count and t.display]
        index = tables.index(self) if self in tables else -1
        target = index + step
        return tables[target] if index >= 0 and 0 <= target < len(tables) else None

    def action_cursor_down_or_next(self) -> None:
        if self.cursor_row >= self.row_count - 1 and self.list_more():
            self.action_cursor_down()
            return
        following = self._neighbour(1) if self.cursor_row >= self.row_count - 1 else None
        if following is None:
            self.action_cursor_down()
            return
        following.move_cursor(row=0)
        following.focus()

    def action_cursor_up_or_previous(self) -> None:
        before = self._neighbour(-1) if self.cursor_row <= 0 else None
        if before is None:
            self.action_cursor_up()
            return
        before.move_cursor(row=before.row_count - 1)
        before.focus()
