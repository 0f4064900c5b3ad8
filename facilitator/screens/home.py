"""The first screen: today's sessions, what is coming up, and what is past."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.session import SessionScreen
from facilitator.widgets.session_table import SessionTable
from sessions.display import format_date, plural
from sessions.errors import NotFound
from sessions.planning import session_matches, split_by_day
from sessions.store import Store

SECTIONS = (
    ("today", "Today"),
    ("coming", "Coming up"),
    ("past", "Past"),
)


class HomeScreen(Screen[None]):
    """Sessions by day; the place everything else is reached from."""

    BINDINGS = [
        Binding("n", "app.new_session", "New session"),
        Binding("enter", "open_session", "Open", show=False),
        Binding("d,delete", "delete_session", "Delete"),
        Binding("slash", "search", "Search"),
        Binding("p", "app.people", "People"),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]

    def __init__(self, store: Store, today: Callable[[], dt.date]) -> None:
        super().__init__()
        self.store = store
        self.today = today

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Search sessions (press /): title, venue, kind or project",
            id="session-search",
        )
        for key, heading in SECTIONS:
            with Vertical(id=f"section-{key}", classes="session-section"):
                yield Label(heading, id=f"heading-{key}", classes="section-heading")
                yield SessionTable(id=f"sessions-{key}")
                yield Static("", id=f"empty-{key}", classes="section-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_sessions()
        self.focus_first_session()

    def on_screen_resume(self) -> None:
        self.refresh_sessions()
        if (
            not isinstance(self.focused, SessionTable)
            and not self.query_one("#session-search", Input).value
        ):
            self.focus_first_session()

    def refresh_sessions(self) -> None:
        today = self.today()
        search = self.query_one("#session-search", Input).value
        found = [s for s in self.store.sessions.overview() if session_matches(s, search)]
        sections = split_by_day(found, today)
        empty = {
            "today": f"No sessions today ({format_date(today)}).",
            "coming": "No sessions coming up. Press n to plan one.",
            "past": "No past sessions yet.",
        }
        if search:
            empty = {
                key: f"No {heading.lower()} sessions match “{search}”." for key, heading in SECTIONS
            }
        for key, heading in SECTIONS:
            sessions = getattr(sections, key)
            table = self.query_one(f"#sessions-{key}", SessionTable)
            table.show(sessions)
            table.display = bool(sessions)
            title = f"{heading} ({plural(len(sessions), 'session')})"
            if key == "today":
                title = f"Today, {format_date(today)} ({plural(len(sessions), 'session')})"
            self.query_one(f"#heading-{key}", Label).update(title)
            message = self.query_one(f"#empty-{key}", Static)
            message.update(empty[key])
            message.display = not sessions

    def focus_first_session(self) -> None:
        for table in self.query(SessionTable):
            if table.row_count:
                table.focus()
                return

    def highlighted_session(self) -> int | None:
        focused = self.focused
        if isinstance(focused, SessionTable):
            return focused.selected_id
        return None

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.open_session(int(event.row_key.value))

    def action_open_session(self) -> None:
        session_id = self.highlighted_session()
        if session_id is not None:
            self.open_session(session_id)

    def open_session(self, session_id: int) -> None:
        self.app.push_screen(SessionScreen(self.store, session_id))

    def action_search(self) -> None:
        self.query_one("#session-search", Input).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#session-search", Input)
        if search.value:
            search.value = ""
        self.focus_first_session()

    @on(Input.Changed, "#session-search")
    def _search_changed(self) -> None:
        self.refresh_sessions()

    @on(Input.Submitted, "#session-search")
    def _search_done(self) -> None:
        self.focus_first_session()

    def action_delete_session(self) -> None:
        session_id = self.highlighted_session()
        if session_id is None:
            self.notify("Highlight a session first, then press d to delete it.")
            return
        try:
            impact = self.store.sessions.deletion_impact(session_id)
        except NotFound as gone:
            self.notify(str(gone))
            self.refresh_sessions()
            return
        lost = [
            plural(impact.agenda_items, "agenda item"),
            plural(impact.booked, "booking"),
            f"the attendance record of {plural(impact.attended, 'person', 'people')}",
        ]
        consequence = (
            f"This deletes “{impact.title}” on {format_date(impact.date)}, with "
            f"{', '.join(lost[:-1])} and {lost[-1]}. People stay in the people bank. "
            "This cannot be undone."
        )

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            try:
                self.store.sessions.delete(session_id)
            except NotFound as gone:
                self.notify(str(gone))
            else:
                self.notify(f"Deleted “{impact.title}”.")
            self.refresh_sessions()
            self.focus_first_session()

        self.app.push_screen(
            ConfirmScreen("Delete this session?", consequence, yes="Delete session"), answered
        )
