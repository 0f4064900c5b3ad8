"""New timings to catch up a session running behind: use them for this run, or not."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from sessions.rebalance import Proposal


class ProposalScreen(ModalScreen[bool]):
    """Returns True when the facilitator chooses the new timings; escape leaves them."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "Leave the timings"),
        Binding("y", "answer(True)", "Use the new timings"),
    ]

    def __init__(self, proposal: Proposal) -> None:
        super().__init__(classes="dialog-screen")
        self.proposal = proposal

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog run-proposal"):
            yield Label("Catch up: new timings for the rest of the session", classes="dialog-title")
            # Agenda item titles as typed: never read as markup.
            yield Static(self.proposal.summary, classes="dialog-body", markup=False)
            yield Static(
                "\n".join(change.words for change in self.proposal.changes),
                id="proposal-changes",
                markup=False,
            )
            if self.proposal.kept:
                yield Static(self.proposal.kept_words, id="proposal-kept", markup=False)
            yield Static(
                "For this run only: the agenda on the Plan tab stays as agreed.",
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Leave as they are (n)", id="no")
                yield Button("Use the new timings (y)", id="yes", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
