"""A form control holding the people chosen as a session's co-chairs."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from facilitator.widgets.text import person_summary
from sessions.models import Person

NOBODY = "Nobody chosen yet. Press enter to choose someone from the people bank."


class CoChairsField(OptionList):
    """The chosen people, one per line: enter adds someone, delete removes the highlighted one."""

    BINDINGS = [
        Binding("enter,a", "add", "Add co-chair"),
        Binding("delete,backspace", "remove", "Remove co-chair"),
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
        super().__init__(id=id, markup=False)  # names as typed, never markup
        self.people = list(people)

    @property
    def form_value(self) -> list[int]:
        return [p.id for p in self.people if p.id is not None]

    def on_mount(self) -> None:
        self._show()

    def _show(self, highlight: int = 0) -> None:
        self.clear_options()
        if not self.people:
            self.add_option(Option(NOBODY, disabled=True))
            return
        self.add_options(Option(person_summary(p)) for p in self.people)
        self.highlighted = min(highlight, len(self.people) - 1)

    def add_person(self, person: Person) -> None:
        if person.id not in self.form_value:
            self.people.append(person)
            self._show(highlight=len(self.people) - 1)
            self.post_message(self.Changed(self))

    def action_add(self) -> None:
        self.post_message(self.AddRequested())

    def action_remove(self) -> None:
        if self.people and self.highlighted is not None:
            index = self.highlighted
            self.people.pop(index)
            self._show(highlight=index)
            self.post_message(self.Changed(self))


class CoChairSeat(CoChairsField):
    """One co-chair's seat (a project's staff co-chair, say): at most one person, and
    choosing someone else puts them in the seat instead. The form tells the seats
    apart by the `AddRequested` message's `seat`."""

    BINDINGS = [
        Binding("enter,a", "add", "Choose co-chair"),
        Binding("delete,backspace", "remove", "Remove co-chair"),
    ]

    class AddRequested(CoChairsField.AddRequested):
        def __init__(self, seat: CoChairSeat) -> None:
            super().__init__()
            self.seat = seat

    def __init__(self, person: Person | None, *, id: str) -> None:
        super().__init__([person] if person is not None else [], id=id)

    @property
    def person(self) -> Person | None:
        return self.people[0] if self.people else None

    def add_person(self, person: Person) -> None:
        if person.id in self.form_value:
            return
        self.people = [person]
        self._show()
        self.post_message(self.Changed(self))

    def action_add(self) -> None:
        self.post_message(self.AddRequested(self))
