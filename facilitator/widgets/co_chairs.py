"""A form control holding the people chosen as a session's co-chairs."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from sessions.models import Person


class CoChairsField(Static, can_focus=True):
    """Shows the chosen names; enter adds one from the people bank, delete removes the last."""

    BINDINGS = [
        Binding("enter,a", "add", "Add co-chair"),
        Binding("delete,backspace", "remove_last", "Remove last co-chair"),
    ]

    class Changed(Message):
        def __init__(self, field: CoChairsField) -> None:
            super().__init__()
            self.field = field

        @property
        def control(self) -> CoChairsField:
            return self.field

    class AddRequested(Message):
        """The form opens a person picker and calls `add_person` with the choice."""

    def __init__(self, people: list[Person], *, id: str) -> None:
        super().__init__(id=id)
        self.people = list(people)

    @property
    def form_value(self) -> list[int]:
        return [p.id for p in self.people if p.id is not None]

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        names = ", ".join(p.display_name for p in self.people)
        self.update(names or "Nobody chosen yet. Press enter to choose someone.")

    def add_person(self, person: Person) -> None:
        if person.id not in self.form_value:
            self.people.append(person)
            self._show()
            self.post_message(self.Changed(self))

    def action_add(self) -> None:
        self.post_message(self.AddRequested())

    def action_remove_last(self) -> None:
        if self.people:
            self.people.pop()
            self._show()
            self.post_message(self.Changed(self))
