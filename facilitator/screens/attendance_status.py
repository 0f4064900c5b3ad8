"""Choose where someone stands at a session, other than arriving or leaving early."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from sessions.models import AttendanceStatus, Person

REMOVE = "remove"
"""The choice that takes someone off the session altogether."""

CHOICES = (
    (AttendanceStatus.BOOKED.value, "Booked: expected, not here yet"),
    (AttendanceStatus.APOLOGIES.value, "Sent apologies"),
    (AttendanceStatus.DID_NOT_COME.value, "Did not come"),
    (REMOVE, "Take off this session, as if never booked"),
)


class StatusChooser(ModalScreen[str | None]):
    """Dismisses with a status value, REMOVE, or None on escape."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("1", "pick(0)", "First choice", show=False),
        Binding("2", "pick(1)", "Second choice", show=False),
        Binding("3", "pick(2)", "Third choice", show=False),
        Binding("4", "pick(3)", "Fourth choice", show=False),
    ]

    def __init__(self, person: Person, current: AttendanceStatus | None) -> None:
        super().__init__(classes="dialog-screen")
        self.person = person
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog chooser"):
            yield Label(
                f"Change where {self.person.display_name} stands",
                classes="dialog-title",
                markup=False,
            )
            yield OptionList(*self.options(), id="status-choices")
            yield Static(
                "Press a number or move and press Enter. Escape goes back without a change.",
                classes="dialog-hint",
            )

    def options(self) -> list[Option]:
        now = self.current.value if self.current else REMOVE
        return [
            Option(
                f"{number}  {words}" + ("  (as now)" if value == now else ""),
                id=value,
                disabled=value == now,
            )
            for number, (value, words) in enumerate(CHOICES, 1)
        ]

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.focus()
        choices.highlighted = next(
            index
            for index in range(choices.option_count)
            if not choices.get_option_at_index(index).disabled
        )

    def action_pick(self, index: int) -> None:
        option = self.query_one(OptionList).get_option_at_index(index)
        if option.disabled:
            self.notify(f"{self.person.display_name} is already there.")
            return
        self.dismiss(option.id)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
