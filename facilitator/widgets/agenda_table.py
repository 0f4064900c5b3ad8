"""A session's agenda as a table with clock times, edited from the keyboard."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message

from facilitator.widgets.listing_table import ListingTable
from facilitator.widgets.text import first_line
from sessions.agenda import AgendaTiming, ScheduledItem
from sessions.display import format_time

COLUMNS = ("Time", "Minutes", "Item", "Kind", "Who leads", "Notes")
NOTES_WIDTH = 24


def cells(scheduled: ScheduledItem) -> tuple[str, ...]:
    item = scheduled.item
    when = f"{format_time(scheduled.starts)}–{format_time(scheduled.ends)}"
    if scheduled.runs_past_end:
        when += " late"
    return (
        when,
        str(item.minutes),
        item.title,
        item.kind.label,
        item.lead,
        first_line(item.notes, NOTES_WIDTH),
    )


class AgendaTable(ListingTable):
    """Shows the timing; asks its screen to add, edit, move, copy or delete items."""

    COLUMNS = COLUMNS

    BINDINGS = [
        Binding("a", "request('add')", "Add"),
        Binding("enter", "request('edit')", "Edit"),
        Binding("c", "request('duplicate')", "Copy"),
        Binding("d,delete", "request('delete')", "Delete"),
        Binding("left_square_bracket,shift+up", "request('move_up')", "Move up"),
        Binding("right_square_bracket,shift+down", "request('move_down')", "Move down"),
    ]

    class Requested(Message):
        """The user asked for `action` on the highlighted item (None when empty)."""

        def __init__(self, action: str, item_id: int | None) -> None:
            super().__init__()
            self.action = action
            self.item_id = item_id

    def show(self, timing: AgendaTiming, *, highlight: int | None = None) -> None:
        self.replace_rows(
            ((scheduled.item.id, cells(scheduled)) for scheduled in timing.items),
            highlight=highlight,
        )

    def action_request(self, action: str) -> None:
        self.post_message(self.Requested(action, self.selected_id))
