"""A table of sessions, one of the home screen's three sections."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.widgets import DataTable

from facilitator.widgets.text import shortened
from sessions.display import format_date, format_time
from sessions.models import SessionOverview

# Counts come before the free text so that a long title never pushes them off screen.
COLUMNS = ("Date", "Time", "Kind", "Booked", "Attended", "Title", "Venue")
TITLE_WIDTH = 48


class SessionTable(DataTable[str]):
    """Arrow keys run on into the next section, so the home screen reads as one list."""

    BINDINGS = [
        Binding("down", "cursor_down_or_next", "Down", show=False),
        Binding("up", "cursor_up_or_previous", "Up", show=False),
    ]

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def show(self, sessions: Iterable[SessionOverview]) -> None:
        selected = self.selected_id
        # Columns too: DataTable keeps old column widths after a plain clear().
        self.clear(columns=True)
        self.add_columns(*COLUMNS)
        for s in sessions:
            self.add_row(
                format_date(s.date),
                f"{format_time(s.start)}–{format_time(s.end)}",
                s.kind.label,
                str(s.booked),
                str(s.attended),
                shortened(s.title, TITLE_WIDTH),
                s.venue,
                key=str(s.id),
            )
        if selected is not None and str(selected) in self.rows:
            self.move_cursor(row=self.get_row_index(str(selected)))

    @property
    def selected_id(self) -> int | None:
        """The highlighted session's number, or None when the table is empty."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(key.value) if key.value is not None else None

    def _neighbour(self, step: int) -> SessionTable | None:
        tables = [t for t in self.screen.query(SessionTable) if t.row_count and t.display]
        index = tables.index(self) if self in tables else -1
        target = index + step
        return tables[target] if index >= 0 and 0 <= target < len(tables) else None

    def action_cursor_down_or_next(self) -> None:
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
