"""The Run tab."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from facilitator.widgets.session_panel import SessionPanel


class RunPanel(SessionPanel):
    def compose(self) -> ComposeResult:
        yield Static("The run clock is being built.")
