"""One session: its plan, check-in, the run clock, notes, groups and deciding, one tab each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import suppress

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from facilitator.screens.agenda_item_form import AgendaItemForm
from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.documents import open_documents
from facilitator.screens.session_form import SessionForm
from facilitator.screens.template_form import SaveTemplateForm
from facilitator.widgets.agenda_table import AgendaTable
from facilitator.widgets.checkin_panel import CheckInPanel
from facilitator.widgets.decide_panel import DecidePanel
from facilitator.widgets.groups_panel import GroupsPanel
from facilitator.widgets.notes_panel import NotesPanel
from facilitator.widgets.run_panel import RunPanel
from facilitator.widgets.session_panel import SessionPanel
from sessions.agenda import schedule
from sessions.clock import now_utc
from sessions.display import format_date, format_minutes, format_time
from sessions.errors import NotFound
from sessions.models import AgendaItem, Session, Template
from sessions.store import Store

PANELS: dict[str, type[SessionPanel]] = {
    "checkin": CheckInPanel,
    "run": RunPanel,
    "notes": NotesPanel,
    "groups": GroupsPanel,
    "decide": DecidePanel,
}
TAB_LABELS = {
    "checkin": "Check-in F3",
    "run": "Run F4",
    "notes": "Notes F5",
    "groups": "Groups F6",
    "decide": "Decide F8",
}
PLAN_ONLY = ("edit_details", "save_template")
"""Keys of the Plan tab: elsewhere their letters belong to the tab (n, t...)."""


class SessionScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "edit_details", "Details"),
        Binding("t", "save_template", "Save as template"),
        # The tabs name their keys, so the footer keeps its room for the tab's own.
        Binding("f2", "show_tab('plan')", "Plan", priority=True, show=False),
        Binding("f3", "show_tab('checkin')", "Check-in", priority=True, show=False),
        Binding("f4", "show_tab('run')", "Run", priority=True, show=False),
        Binding("f5", "show_tab('notes')", "Notes", priority=True, show=False),
        Binding("f6", "show_tab('groups')", "Groups", priority=True, show=False),
        Binding("f7", "documents", "Documents", priority=True, show=False),
        Binding("f8", "show_tab('decide')", "Decide", priority=True, show=False),
    ]

    def __init__(
        self,
        store: Store,
        today: Callable[[], dt.date],
        session_id: int,
        now: Callable[[], dt.datetime] = now_utc,
    ) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.now = now
        self.session_id = session_id
        self.items: dict[int | None, AgendaItem] = {}
        self.showing = ""
        """The tab last shown, so that the tab the screen opens on is read only once."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="session-summary", markup=False)
        first = self.first_tab()
        with TabbedContent(initial=first):
            with TabPane("Plan F2", id="plan"), Vertical(id="agenda"):
                yield AgendaTable(id="agenda-table")
                yield Static("", id="agenda-empty")
                yield Static("", id="agenda-detail", markup=False)
                yield Static("", id="agenda-footer")
            for tab, label in TAB_LABELS.items():
                with TabPane(label, id=tab):
                    if tab == first:
                        yield self.make_panel(tab)
        yield Footer(compact=True)

    def make_panel(self, tab: str) -> SessionPanel:
        return PANELS[tab](self.store, self.session_id, self.now, id=f"{tab}-panel")

    def first_tab(self) -> str:
        """On the day, the session opens where the facilitator starts: check-in."""
        try:
            session = self.store.sessions.get(self.session_id)
        except NotFound:
            return "plan"
        return "checkin" if session.date == self.today() else "plan"

    async def on_mount(self) -> None:
        await self._tab_shown(self.query_one(TabbedContent).active)

    def action_documents(self) -> None:
        """F7: the documents for this session (summary, Easy Read, registers...)."""
        if self.load() is not None:
            open_documents(self.app, self.store, self.session_id)

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in PLAN_ONLY:
            tabs = self.query(TabbedContent)
            return bool(tabs) and tabs.first().active == "plan"
        return True

    @on(TabbedContent.TabActivated)
    async def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # The tabs say the first tab was activated as they mount, just after on_mount
        # showed it: a tab is only ever activated again after another was shown.
        if event.pane.id is not None and event.pane.id != self.showing:
            await self._tab_shown(event.pane.id)

    async def _tab_shown(self, tab: str) -> None:
        """Refresh the tab now showing; a tab's panel is built the first time it shows,
        so that a session opens at once."""
        self.showing = tab
        self.refresh_session()
        self.refresh_bindings()
        if tab == "plan":
            self.query_one(AgendaTable).focus()
            return
        found = self.query(f"#{tab}-panel")
        if found:
            panel = found.first(SessionPanel)
        else:
            panel = self.make_panel(tab)
            await self.query_one(f"TabPane#{tab}", TabPane).mount(panel)
        panel.shown()

    def load(self) -> Session | None:
        try:
            return self.store.sessions.get(self.session_id)
        except NotFound as gone:
            self.notify(str(gone), severity="warning")
            self.app.pop_screen()
            return None

    def refresh_session(self, *, highlight: int | None = None) -> None:
        session = self.load()
        if session is None:
            return
        self.sub_title = session.title
        on_plan = self.query_one(TabbedContent).active == "plan"
        summary = self.summary(session) if on_plan else self.summary_line(session)
        self.query_one("#session-summary", Static).update(summary)
        items = self.store.agenda.items(self.session_id)
        self.items = {item.id: item for item in items}
        timing = schedule(items, session.start, session.end)
        table = self.query_one(AgendaTable)
        table.show(timing, highlight=highlight)
        table.display = bool(items)
        empty = self.query_one("#agenda-empty", Static)
        empty.display = not items
        empty.update("This session has no agenda yet. Press a to add the first item.")
        self.show_detail(table.selected_id)
        footer = self.query_one("#agenda-footer", Static)
        footer.update(timing.summary)
        footer.set_class(timing.overruns, "-overrun")

    def summary_line(self, session: Session) -> str:
        """One line, for the tabs used during the session, where the room matters more."""
        start, end = format_time(session.start), format_time(session.end)
        when = f"{format_date(session.date)}, {start} to {end}"
        return " · ".join(
            part for part in (session.title, session.kind.label, when, session.venue) if part
        )

    def summary(self, session: Session) -> str:
        lines = [
            f"{session.title}",
            f"{session.kind.label}. {format_date(session.date)}, "
            f"{format_time(session.start)} to {format_time(session.end)} "
            f"({format_minutes(session.minutes)}).",
        ]
        where = ", ".join(part for part in (session.venue, session.address) if part)
        if where:
            lines.append(f"At {where}.")
        if session.project_name:
            lines.append(f"Project: {session.project_name}.")
        chairs = self.store.people.many(session.co_chair_ids)
        if chairs:
            lines.append("Co-chairs: " + ", ".join(p.display_name for p in chairs) + ".")
        if session.purpose:
            lines.append(f"Purpose: {session.purpose}")
        return "\n".join(lines)

    # --- the agenda -------------------------------------------------------

    @on(AgendaTable.RowHighlighted)
    def _item_highlighted(self, event: AgendaTable.RowHighlighted) -> None:
        key = event.row_key.value
        self.show_detail(int(key) if key is not None else None)

    def show_detail(self, item_id: int | None) -> None:
        """The highlighted item's notes in full: the table has room for a few words."""
        item = self.items.get(item_id) if item_id is not None else None
        detail = self.query_one("#agenda-detail", Static)
        detail.update(f"Notes: {item.notes}" if item and item.notes else "")
        detail.display = bool(item and item.notes)

    @on(AgendaTable.Requested)
    def _agenda_request(self, event: AgendaTable.Requested) -> None:
        event.stop()
        if event.action == "add":
            self.add_item(after_id=event.item_id)
            return
        if event.item_id is None:
            self.notify("The agenda is empty. Press a to add an item.")
            return
        try:
            match event.action:
                case "edit":
                    self.edit_item(event.item_id)
                case "duplicate":
                    copy = self.store.agenda.duplicate(event.item_id)
                    self.refresh_session(highlight=copy.id)
                    self.notify(f"Copied “{copy.title}”.")
                case "delete":
                    self.delete_item(event.item_id)
                case "move_up" | "move_down":
                    offset = -1 if event.action == "move_up" else 1
                    if not self.store.agenda.move(event.item_id, offset):
                        where = "first" if offset < 0 else "last"
                        self.notify(f"That item is already {where}.")
                    self.refresh_session(highlight=event.item_id)
        except NotFound as gone:
            self.notify(str(gone), severity="warning")
            self.refresh_session()

    def _after_form(self, saved: AgendaItem | None) -> None:
        if saved is not None:
            self.refresh_session(highlight=saved.id)

    def add_item(self, after_id: int | None) -> None:
        self.app.push_screen(
            AgendaItemForm(self.store, self.session_id, after_id=after_id), self._after_form
        )

    def edit_item(self, item_id: int) -> None:
        item = self.store.agenda.get(item_id)
        self.app.push_screen(AgendaItemForm(self.store, self.session_id, item), self._after_form)

    def delete_item(self, item_id: int) -> None:
        item = self.store.agenda.get(item_id)

        def answered(delete: bool | None) -> None:
            if delete:
                with suppress(NotFound):  # already gone is as good as deleted
                    self.store.agenda.delete(item_id)
                self.notify(f"Deleted “{item.title}”.")
                self.refresh_session()

        self.app.push_screen(
            ConfirmScreen(
                "Delete this agenda item?",
                f"“{item.title}” ({format_minutes(item.minutes)}) will be removed from the agenda.",
                yes="Delete item",
            ),
            answered,
        )

    # --- the session ------------------------------------------------------

    def action_edit_details(self) -> None:
        session = self.load()
        if session is None:
            return

        def saved(changed: Session | None) -> None:
            if changed is not None:
                self.refresh_session()
                self.notify("Session details saved.")

        self.app.push_screen(SessionForm(self.store, self.today, session), saved)

    def action_save_template(self) -> None:
        session = self.load()
        if session is None:
            return
        if not self.items:
            self.notify("This session has no agenda yet, so there is nothing to save.")
            return

        def saved(template: Template | None) -> None:
            if template is not None:
                self.notify(
                    f"Saved the agenda as the template “{template.name}”. "
                    "Choose it when you make a new session."
                )

        self.app.push_screen(SaveTemplateForm(self.store, self.session_id, session.title), saved)
