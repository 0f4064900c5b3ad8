"""The Check-in tab."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from facilitator.widgets.session_panel import SessionPanel


class CheckInPanel(SessionPanel):
    def compose(self) -> ComposeResult:
        yield Static("Check-in is being built.")
