"""A session's agenda as a table with clock times, edited from the keyboard."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from facilitator.widgets.text import first_line
from sessions.agenda import AgendaTiming
from sessions.display import format_time

COLUMNS = ("Time", "Minutes", "Item", "Kind", "Who leads", "Notes")
NOTES_WIDTH = 40


class AgendaTable(DataTable[str]):
    """Shows the timing; asks its screen to add, edit, move, copy or delete items."""

    BINDINGS = [
        Binding("a", "request('add')", "Add item"),
        Binding("enter", "request('edit')", "Edit"),
        Binding("c", "request('duplicate')", "Copy"),
        Binding("d,delete", "request('delete')", "Delete"),
        Binding("shift+up,left_square_bracket", "request('move_up')", "Move up"),
        Binding("shift+down,right_square_bracket", "request('move_down')", "Move down"),
    ]

    class Requested(Message):
        """The user asked for `action` on the highlighted item (None when empty)."""

        def __init__(self, action: str, item_id: int | None) -> None:
            super().__init__()
            self.action = action
            self.item_id = item_id

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def show(self, timing: AgendaTiming, *, highlight: int | None = None) -> None:
        keep = highlight if highlight is not None else self.selected_id
        row = self.cursor_row
        # Columns too: DataTable keeps old column widths after a plain clear().
        self.clear(columns=True)
        self.add_columns(*COLUMNS)
        for scheduled in timing.items:
            item = scheduled.item
            when = f"{format_time(scheduled.starts)}–{format_time(scheduled.ends)}"
            if scheduled.runs_past_end:
                when += " late"
            self.add_row(
                when,
                str(item.minutes),
                item.title,
                item.kind.label,
                item.lead,
                first_line(item.notes, NOTES_WIDTH),
                key=str(item.id),
            )
        if keep is not None and str(keep) in self.rows:
            self.move_cursor(row=self.get_row_index(str(keep)))
        elif self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))

    @property
    def selected_id(self) -> int | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(key.value) if key.value is not None else None

    def action_request(self, action: str) -> None:
        self.post_message(self.Requested(action, self.selected_id))
