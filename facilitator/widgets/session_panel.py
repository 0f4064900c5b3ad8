"""What every tab of the session screen shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.containers import Vertical

from sessions.store import Store


class SessionPanel(Vertical):
    """The contents of one tab on a session's screen.

    The screen calls `shown` when the tab becomes the visible one, so that the panel
    can reload what other tabs may have changed and put the focus where typing goes.
    """

    def __init__(
        self,
        store: Store,
        session_id: int,
        now: Callable[[], dt.datetime],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.store = store
        self.session_id = session_id
        self.now = now
        self.prepare()

    def prepare(self) -> None:
        """Set up what the panel keeps between refreshes; called once, when it is made."""

    def shown(self) -> None:
        """Reload and focus; the default focuses the first thing that takes keys."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return
