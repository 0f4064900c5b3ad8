"""Choose one person from the people bank by typing part of their name."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.widgets.text import person_summary
from sessions.display import plural
from sessions.store import Store

SHOWN = 50


class PersonPicker(ModalScreen[int | None]):
    """Dismisses with the chosen person's number, or None on escape."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(self, store: Store, title: str, *, leave_out: set[int] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.store = store
        self.picker_title = title
        self.leave_out = leave_out or set()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Label(self.picker_title, classes="dialog-title", markup=False)
            yield Input(
                placeholder="Type part of a name, organisation, email or phone", id="picker-search"
            )
            yield OptionList(id="picker-results", markup=False)
            yield Static("", id="picker-status", markup=False)

    def on_mount(self) -> None:
        self.show_matches("")

    @on(Input.Changed, "#picker-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.show_matches(event.value)

    def show_matches(self, text: str) -> None:
        people = self.store.people.search(text, limit=SHOWN, excluding=self.leave_out)
        results = self.query_one("#picker-results", OptionList)
        results.clear_options()
        results.add_options(Option(person_summary(p), id=str(p.id)) for p in people)
        if people:
            results.highlighted = 0
        status = "Nobody matches. Add them to the people bank first."
        if people:
            # Count only when the list was cut short; otherwise the list is the count.
            total = (
                self.store.people.count(text, excluding=self.leave_out)
                if len(people) == SHOWN
                else len(people)
            )
            shown = (
                plural(total, "person matches", "people match")
                if len(people) == total
                else f"Showing {len(people)} of {total:,} people who match"
            )
            status = f"{shown}. Enter chooses the highlighted person."
        self.query_one("#picker-status", Static).update(status)

    def action_move(self, offset: int) -> None:
        results = self.query_one("#picker-results", OptionList)
        if results.option_count:
            current = results.highlighted or 0
            results.highlighted = max(0, min(results.option_count - 1, current + offset))

    @on(Input.Submitted, "#picker-search")
    def _choose_highlighted(self, event: Input.Submitted) -> None:
        event.stop()
        results = self.query_one("#picker-results", OptionList)
        if results.highlighted is not None and results.option_count:
            self._choose(results.get_option_at_index(results.highlighted).id)

    @on(OptionList.OptionSelected, "#picker-results")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id is not None:
            self.dismiss(int(option_id))
