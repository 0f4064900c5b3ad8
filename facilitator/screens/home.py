"""The first screen: today's sessions, what is coming up, and what is past."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from facilitator.screens.confirm import ConfirmScreen
from facilitator.widgets.session_table import SessionTable
from sessions.clock import now_utc
from sessions.display import format_date, format_time, plural
from sessions.errors import FacilitatorError, NotFound
from sessions.models import SessionOverview
from sessions.planning import session_matches, split_by_day
from sessions.store import DeletionImpact, Store


def session_detail(s: SessionOverview) -> str:
    where = f" at {s.venue}" if s.venue else ""
    project = f" Project: {s.project_name}." if s.project_name else ""
    return (
        f"{s.title}: {s.kind.label}, {format_date(s.date)}, {format_time(s.start)} to "
        f"{format_time(s.end)}{where}.{project}"
    )


def deletion_losses(impact: DeletionImpact) -> str:
    """', with 6 agenda items and 21 bookings': only what there is to lose."""
    lost = []
    if impact.agenda_items:
        lost.append(plural(impact.agenda_items, "agenda item"))
    if impact.booked:
        lost.append(plural(impact.booked, "booking"))
    if impact.attended:
        lost.append(f"the attendance record of {plural(impact.attended, 'person', 'people')}")
    if impact.notes:
        lost.append(plural(impact.notes, "note"))
    if impact.actions:
        lost.append(plural(impact.actions, "action"))
    if not lost:
        return ""
    if len(lost) == 1:
        return f", with {lost[0]}"
    return f", with {', '.join(lost[:-1])} and {lost[-1]}"


SECTIONS = (
    ("today", "Today"),
    ("coming", "Coming up"),
    ("past", "Past"),
)


class HomeScreen(Screen[None]):
    """Sessions by day; the place everything else is reached from."""

    BINDINGS = [
        Binding("n", "app.new_session", "New session"),
        Binding("d,delete", "delete_session", "Delete"),
        Binding("slash", "search", "Search"),
        Binding("p", "app.people", "People"),
        Binding("a", "app.actions", "Actions"),
        Binding("c", "app.claims", "Claims"),
        Binding("o", "app.projects", "Projects"),
        Binding("r", "app.reports", "Reports"),
        Binding("s", "app.settings", "Settings"),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("down", "focus_sessions", "To the list", show=False),
    ]

    # No automatic focus: the sessions get it, or nothing does, so n, p and ? work at once.
    AUTO_FOCUS = ""

    def __init__(
        self,
        store: Store,
        today: Callable[[], dt.date],
        now: Callable[[], dt.datetime] = now_utc,
    ) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.now = now
        self.sessions: list[SessionOverview] = []
        self.counted: dict[str, int] = {}
        """How many sessions each section has, listed or not yet."""
        self._just_mounted = False

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
                yield Static("", id=f"empty-{key}", classes="section-empty", markup=False)
        yield Static("", id="session-detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_sessions()
        self.focus_first_session()
        self._just_mounted = True

    def on_screen_resume(self) -> None:
        if self._just_mounted:
            # The first showing follows the mount straight away: the sessions were
            # just read and drawn, and reading them again would double the start-up.
            self._just_mounted = False
            return
        self.refresh_sessions()
        if (
            not isinstance(self.focused, SessionTable)
            and not self.query_one("#session-search", Input).value
        ):
            self.focus_first_session()

    def refresh_sessions(self) -> None:
        today = self.today()
        search = self.query_one("#session-search", Input).value
        self.sessions = self.store.sessions.overview()
        found = [s for s in self.sessions if session_matches(s, search)]
        sections = split_by_day(found, today)
        empty = {
            "today": "No sessions today.",
            "coming": "No sessions coming up. Press n to plan one.",
            "past": "No past sessions yet.",
        }
        if search:
            empty = {
                "today": f"No sessions today match “{search}”.",
                "coming": f"No sessions coming up match “{search}”.",
                "past": f"No past sessions match “{search}”.",
            }
        for key, _ in SECTIONS:
            sessions = getattr(sections, key)
            table = self.query_one(f"#sessions-{key}", SessionTable)
            table.show(sessions, today)
            table.display = bool(sessions)
            self.counted[key] = len(sessions)
            self.show_heading(key)
            message = self.query_one(f"#empty-{key}", Static)
            message.update(empty[key])
            message.display = not sessions

    def show_heading(self, key: str) -> None:
        """'Past (959 sessions: 50 listed, more as you move down)'."""
        count = self.counted.get(key, 0)
        heading = dict(SECTIONS)[key]
        if key == "today":
            heading = f"Today, {format_date(self.today())}"
        listed = self.query_one(f"#sessions-{key}", SessionTable).row_count
        more = f": {listed:,} listed, more as you move down" if listed < count else ""
        self.query_one(f"#heading-{key}", Label).update(
            f"{heading} ({plural(count, 'session')}{more})"
        )

    @on(SessionTable.Grew)
    def _more_listed(self, event: SessionTable.Grew) -> None:
        key = (event.control.id or "").removeprefix("sessions-")
        if key in self.counted:
            self.show_heading(key)

    def focus_first_session(self) -> None:
        """The first session listed, or nothing (so that every key still works)."""
        for table in self.query(SessionTable):
            if table.row_count:
                table.focus()
                self.show_detail(table)
                return
        self.set_focus(None)
        self.query_one("#session-detail", Static).update("")

    def action_focus_sessions(self) -> None:
        self.focus_first_session()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if isinstance(event.data_table, SessionTable) and event.data_table.has_focus:
            self.show_detail(event.data_table)

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, SessionTable):
            self.show_detail(event.widget)

    def show_detail(self, table: SessionTable) -> None:
        """The whole of the highlighted session's line, which a narrow table cuts short."""
        session_id = table.selected_id
        found = [s for s in self.sessions if s.id == session_id]
        self.query_one("#session-detail", Static).update(session_detail(found[0]) if found else "")

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

    def open_session(self, session_id: int) -> None:
        from facilitator.screens.session import SessionScreen  # not needed to start

        self.app.push_screen(SessionScreen(self.store, self.today, session_id, self.now))

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
        consequence = (
            f"This deletes “{impact.title}” on {format_date(impact.date)}"
            f"{deletion_losses(impact)}. People stay in the people bank. "
            "This cannot be undone."
        )

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            try:
                self.store.sessions.delete(session_id)
            except NotFound as gone:
                self.notify(str(gone))
            except FacilitatorError as kept:
                self.notify(str(kept), severity="warning", timeout=10)
            else:
                self.notify(f"Deleted “{impact.title}”.")
            self.refresh_sessions()
            self.focus_first_session()

        self.app.push_screen(
            ConfirmScreen("Delete this session?", consequence, yes="Delete session"), answered
        )
