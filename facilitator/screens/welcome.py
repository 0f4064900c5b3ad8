"""What a new user sees on an empty data file: what the app is for, and how to start."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Static

from sessions.demo import fill_with_example_data
from sessions.display import plural
from sessions.store import Store

ABOUT = """\
Facilitator helps you plan and run co-production sessions: Listening Spaces, \
Over a Brew conversations, project meetings and steering groups, where people who \
draw on care and support, carers and staff work together as equals.

Keep a bank of the people who take part, plan each session's agenda against the \
clock, and keep everything on this laptop. It works without the internet.

You can try it with example people and sessions first (none of them are real), \
or start with an empty file for your own work."""


class WelcomeScreen(Screen[None]):
    """Shown once, on a new empty file. Either choice leads to the home screen."""

    BINDINGS = [
        Binding("e", "start('example')", "Start with example data"),
        Binding("s", "start('empty')", "Start empty"),
    ]

    def __init__(self, store: Store, today: Callable[[], dt.date]) -> None:
        super().__init__()
        self.store = store
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Label("Welcome to Facilitator", id="welcome-title")
            yield Static(ABOUT, id="welcome-about")
            with Horizontal(id="welcome-choices"):
                yield Button("Start with example data (e)", id="example", variant="primary")
                yield Button("Start empty (s)", id="empty")
            yield Static(f"Your data file: {self.store.path}", id="welcome-path", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#example", Button).focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start(event.button.id or "empty")

    def action_start(self, how: str) -> None:
        if how == "example" and not self.store.has_data():
            fill_with_example_data(self.store, self.today())
            self.notify(
                f"Added {plural(self.store.people.count(), 'example person', 'example people')} "
                f"and {plural(self.store.sessions.count(), 'example session')}."
            )
        self.store.mark_welcomed()
        self.dismiss(None)
