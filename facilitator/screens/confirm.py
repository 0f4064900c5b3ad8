"""A yes/no question that says plainly what will happen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class ConfirmScreen(ModalScreen[bool]):
    """Returns True only when the user chooses the action; escape means no."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "No, go back"),
        Binding("y", "answer(True)", "Yes"),
    ]

    def __init__(self, title: str, consequence: str, *, yes: str, no: str = "Go back") -> None:
        super().__init__(classes="dialog-screen")
        self.question = title
        self.consequence = consequence
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            # Questions quote titles and names as typed: never read them as markup.
            yield Label(self.question, classes="dialog-title", markup=False)
            yield Static(self.consequence, classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(f"{self.no_label} (n)"), id="no", variant="primary")
                yield Button(Content(f"{self.yes_label} (y)"), id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
