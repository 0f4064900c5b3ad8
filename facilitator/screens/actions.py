"""Every action from every session: what we said we would do, and what we did.

Closing the loop is what keeps people taking part, so actions still to do come
first, soonest due first, with overdue ones said in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Select, Static

from facilitator.screens.action_form import ActionForm
from facilitator.widgets.listing_table import ListingTable
from facilitator.widgets.text import shortened
from sessions.actions import (
    ACTION_FILTERS,
    STILL_TO_DO,
    ActionLine,
    action_filter,
    due_in_words,
    is_overdue,
)
from sessions.display import format_date, plural
from sessions.errors import FacilitatorError, NotFound
from sessions.models import Action, ActionStatus
from sessions.store import Store

if TYPE_CHECKING:
    from facilitator.app import FacilitatorApp

WHAT_WIDTH = 32
OWNER_WIDTH = 18
OUTCOME_WIDTH = 24
SESSION_WIDTH = 26


class ActionsTable(ListingTable):
    COLUMNS = ("We will", "Who", "By when", "Status", "What we did", "From session")
    BINDINGS = [Binding("enter", "select_cursor", "Edit")]


class ActionsScreen(Screen[None]):
    """The table keeps the focus; f changes which actions are listed."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("o", "set_status('open')", "Open"),
        Binding("p", "set_status('in_progress')", "In progress"),
        Binding("d", "set_status('done')", "Done"),
        Binding("x", "set_status('dropped')", "Dropped"),
        Binding("f", "next_filter", "Filter"),
        Binding("s", "open_session", "Go to session"),
    ]

    def __init__(
        self,
        store: Store,
        today: Callable[[], dt.date],
        *,
        highlight: int | None = None,
        show: str = "to_do",
    ) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.highlight = highlight
        self.filter = action_filter(show)
        self.lines: dict[int, ActionLine] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="actions-filter-bar"):
            yield Label("Show", id="actions-show")
            yield Select[str](
                [(f.label, f.key) for f in ACTION_FILTERS],
                value=self.filter.key,
                allow_blank=False,
                id="actions-filter",
            )
        yield Static("", id="actions-summary", markup=False)
        yield ActionsTable(id="actions-table")
        yield Static("", id="actions-none", classes="section-empty", markup=False)
        yield Static("", id="actions-detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Actions: we said, we did"
        self.show_actions(highlight=self.highlight)
        self.query_one(ActionsTable).focus()

    def on_screen_resume(self) -> None:
        self.show_actions()

    # --- the list -----------------------------------------------------------

    def show_actions(self, *, highlight: int | None = None) -> None:
        today = self.today()
        lines = self.store.actions.lines(self.filter.statuses)
        self.lines = {line.action.id: line for line in lines if line.action.id is not None}
        table = self.query_one(ActionsTable)
        table.replace_rows(
            ((line.action.id, self.cells(line, today)) for line in lines), highlight=highlight
        )
        table.display = bool(lines)
        overdue = sum(1 for line in lines if is_overdue(line.action, today))
        self.query_one("#actions-summary", Static).update(self.summary(lines, overdue))
        none = self.query_one("#actions-none", Static)
        none.update(self.nothing_listed())
        none.display = not lines
        self.show_detail()

    def summary(self, lines: list[ActionLine], overdue: int) -> str:
        late = f", {overdue} overdue" if overdue else ""
        return (
            f"{self.filter.label}: {plural(len(lines), 'action')}{late}. "
            "Enter edits; f changes the list."
        )

    def nothing_listed(self) -> str:
        if self.store.actions.all():
            return "No actions here. Press f to list others."
        return (
            "No actions yet. Add them on a session's Notes tab (F5) with w: "
            "what we will do, who owns it and by when."
        )

    @staticmethod
    def cells(line: ActionLine, today: dt.date) -> tuple[str, ...]:
        a = line.action
        return (
            shortened(a.what, WHAT_WIDTH),
            shortened(a.owner, OWNER_WIDTH) if a.owner else "Nobody yet",
            due_in_words(a, today),
            a.status.label,
            shortened(" ".join(a.outcome.split()), OUTCOME_WIDTH),
            shortened(line.session_label, SESSION_WIDTH),
        )

    def highlighted(self) -> ActionLine | None:
        selected = self.query_one(ActionsTable).selected_id
        return self.lines.get(selected) if selected is not None else None

    @on(DataTable.RowHighlighted, "#actions-table")
    def _row_highlighted(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        """The highlighted action in full, with what it answers and what we did."""
        detail = self.query_one("#actions-detail", Static)
        line = self.highlighted()
        if line is None:
            detail.update("")
            detail.display = False
            return
        a = line.action
        due = f" ({format_date(a.due)})" if a.due and a.status in STILL_TO_DO else ""
        lines = [
            f"We will: {a.what}",
            f"Who: {a.owner or 'nobody yet'}. {due_in_words(a, self.today())}{due}. "
            f"Status: {a.status.label}.",
            f"From: {line.session_label}.",
        ]
        heard = self.store.notes.many(a.note_ids)
        if heard:
            lines.append("You said: " + " / ".join(" ".join(n.text.split()) for n in heard))
        lines.append(f"We did: {a.outcome}" if a.outcome else "We did: not written yet.")
        detail.update("\n".join(lines))
        detail.display = True

    # --- choosing what is listed -----------------------------------------------

    @on(Select.Changed, "#actions-filter")
    def _filter_chosen(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        self.filter = action_filter(str(event.value))
        self.show_actions()

    def action_next_filter(self) -> None:
        keys = [f.key for f in ACTION_FILTERS]
        following = keys[(keys.index(self.filter.key) + 1) % len(keys)]
        self.query_one("#actions-filter", Select).value = following
        self.query_one(ActionsTable).focus()

    # --- changing actions ---------------------------------------------------

    def action_set_status(self, status: str) -> None:
        line = self.highlighted()
        if line is None or line.action.id is None:
            self.notify("There is no action here. Press f to list others.")
            return
        wanted = ActionStatus(status)
        try:
            changed = self.store.actions.set_status(line.action.id, wanted)
        except NotFound as gone:
            self.notify(str(gone), severity="warning")
            self.show_actions()
            return
        message = f"“{shortened(changed.what, 40)}” is now {wanted.label.lower()}."
        still_listed = not self.filter.statuses or wanted in self.filter.statuses
        if wanted is ActionStatus.DONE and not changed.outcome and still_listed:
            message += " Press enter to write what we did."
        if not still_listed:
            message += " It has left this list: press f to find it under another."
        self.notify(message)
        self.show_actions(highlight=changed.id)

    @on(DataTable.RowSelected, "#actions-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        line = self.highlighted()
        if line is None or line.action.id is None:
            return
        try:
            action = self.store.actions.get(line.action.id)
        except NotFound as gone:
            self.notify(str(gone), severity="warning")
            self.show_actions()
            return
        self.edit(action)

    def edit(self, action: Action) -> None:
        def saved(changed: Action | None) -> None:
            if changed is not None:
                self.show_actions(highlight=changed.id)
                self.notify("Action saved.")

        # Reporting back: once work has started, "what we did" is what is to be written.
        form = ActionForm(
            self.store,
            action.session_id,
            self.today(),
            action,
            to_outcome=action.status is not ActionStatus.OPEN,
        )
        self.app.push_screen(form, saved)

    def action_open_session(self) -> None:
        line = self.highlighted()
        if line is None:
            self.notify("There is no action here. Press f to list others.")
            return
        try:
            cast("FacilitatorApp", self.app).open_session(line.action.session_id)
        except FacilitatorError as error:
            self.notify(str(error), severity="warning")
