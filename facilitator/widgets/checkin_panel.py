"""The Check-in tab: type part of a name, press Enter, and they are here.

The search box keeps the focus the whole time the tab is shown, so the keys below
work without reaching for the mouse or tabbing about while people queue at the door.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from facilitator.screens.attendance_status import REMOVE, StatusChooser
from facilitator.screens.claim import ClaimScreen, claims_service, start_claim
from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.left_early_form import LeftEarlyForm
from facilitator.screens.walk_in_form import WalkInChoice, WalkInForm
from facilitator.widgets.listing_table import ListingTable
from facilitator.widgets.session_panel import SessionPanel
from facilitator.widgets.text import shortened
from sessions.checkin import (
    Candidate,
    Change,
    CheckIn,
    CompanionOffer,
    SessionDay,
    access_needs_line,
)
from sessions.claim_models import Claim
from sessions.errors import FacilitatorError
from sessions.models import AttendanceStatus, Leaving
from sessions.validation import name_from_search

PAGE = 10
"""Rows that pageup and pagedown move by."""

HIDDEN = (
    "The list is hidden because others may see this screen. Type a name to find "
    "someone, or press ctrl+r to show the list."
)


class CheckInTable(ListingTable):
    """Columns sized to their text, and to the screen, as the rows arrive.

    DataTable measures columns only when it next goes idle, and a frame drawn in
    between is kept at the old widths; with a new list on every key pressed that
    showed as cut-off names. Measuring here, once per list, avoids it, and lets long
    organisations give way first when the screen is narrow."""

    COLUMNS = ("Name", "Role", "Status", "Organisation")
    NARROWEST = (16, 12, 15, 12)
    GIVES_WAY = (3, 0, 1, 2)
    """Which columns are cut first when the text is wider than the table."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.listed: list[tuple[int | None, Sequence[str]]] = []

    def replace_rows(
        self, rows: Iterable[tuple[int | None, Sequence[str]]], *, highlight: int | None = None
    ) -> None:
        self.listed = list(rows)
        keep = highlight if highlight is not None else self.selected_id
        row = self.cursor_row
        widths = self.fitted_widths()
        self.clear(columns=True)
        for label, width in zip(self.COLUMNS, widths, strict=True):
            self.add_column(label, width=width)
        for key, cells in self.listed:
            fitted = (shortened(cell, width) for cell, width in zip(cells, widths, strict=True))
            self.add_row(*fitted, key=str(key))
        if keep is not None and str(keep) in self.rows:
            self.move_cursor(row=self.get_row_index(str(keep)))
        elif self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))

    def fitted_widths(self) -> list[int]:
        widths = [
            max([cell_len(label), *(cell_len(cells[index]) for _, cells in self.listed)])
            for index, label in enumerate(self.COLUMNS)
        ]
        room = self.scrollable_content_region.width - 2 * self.cell_padding * len(widths)
        if room <= 0:
            return widths  # not laid out yet: fitted again when it is
        for index in self.GIVES_WAY:
            excess = sum(widths) - room
            if excess <= 0:
                break
            widths[index] = max(self.NARROWEST[index], widths[index] - excess)
        return widths

    def on_resize(self) -> None:
        """Fitted again to the new width, unless the columns come out the same (as
        they do when the table is first laid out on a wide enough screen)."""
        if self.fitted_widths() != [column.width for column in self.ordered_columns]:
            self.replace_rows(self.listed)


class CheckInPanel(SessionPanel):
    """Search, the people found, and the keys to change where they stand."""

    BINDINGS = [
        Binding("enter", "check_in", "Arrived", priority=True),
        Binding("enter", "book_ahead", "Book", priority=True),
        Binding("ctrl+n", "walk_in", "Walk-in"),
        Binding("ctrl+b", "book", "Book"),
        Binding("ctrl+l", "left_early", "Left early"),
        Binding("ctrl+o", "other_status", "Status"),
        # priority: the search box would take ctrl+e (end of line) for itself.
        Binding("ctrl+e", "claim", "Claim", priority=True),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+r", "hide_list", "Hide list"),
        Binding("ctrl+r", "show_list", "Show list"),
        Binding("escape", "clear_or_back", "Back", show=False),
        Binding("down", "move(1)", "Next person", show=False),
        Binding("up", "move(-1)", "Previous person", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
    ]

    def prepare(self) -> None:
        self.checkin = CheckIn(self.store, self.session_id, self.now)
        self.shown_people: dict[int, Candidate] = {}
        self.access_lines: list[str] = []
        self.ahead = False
        self.private = False

    def compose(self) -> ComposeResult:
        yield Static("", id="checkin-count")
        yield Static("", id="checkin-day", markup=False)
        yield Input(
            placeholder="Type part of a name, organisation, phone or email",
            id="checkin-search",
        )
        yield Static("", id="checkin-access", markup=False)
        table = CheckInTable(id="checkin-table")
        table.can_focus = False
        yield table
        yield Static(HIDDEN, id="checkin-hidden")
        yield Static("", id="checkin-status", markup=False)

    def on_mount(self) -> None:
        self.query_one("#checkin-access", Static).display = False

    # --- what the screen asks of a tab ------------------------------------

    def shown(self) -> None:
        self.show_everything()
        self.focus_search()

    def focus_search(self) -> None:
        self.search.focus()

    @property
    def search(self) -> Input:
        return self.query_one("#checkin-search", Input)

    @property
    def table(self) -> CheckInTable:
        return self.query_one(CheckInTable)

    # --- showing ----------------------------------------------------------

    def show_everything(self, *, highlight: int | None = None) -> None:
        """Counts, the day's note and the list, read afresh from the data file."""
        try:
            day_note = self.checkin.day_note()
            self.ahead = self.checkin.day() is SessionDay.AHEAD
        except FacilitatorError as error:
            self.notify(str(error), severity="warning")
            return
        self.private = self.checkin.private
        note = self.query_one("#checkin-day", Static)
        note.update(day_note)
        note.display = bool(day_note)
        self.show_count()
        self.show_matches(highlight=highlight)
        self.refresh_bindings()

    def show_count(self) -> None:
        room = self.checkin.room()
        self.query_one("#checkin-count", Static).update(f"{room.summary}\n{room.others}")

    def show_matches(self, *, highlight: int | None = None) -> None:
        text = self.search.value
        hidden = self.private and not text.strip()
        self.table.display = not hidden
        self.query_one("#checkin-hidden", Static).display = hidden
        status = self.query_one("#checkin-status", Static)
        status.display = not hidden
        if hidden:
            self.shown_people = {}
            self.table.replace_rows([])
            return
        found = self.checkin.candidates(text)
        self.shown_people = {c.person.id: c for c in found if c.person.id is not None}
        self.table.replace_rows(((c.person.id, self.cells(c)) for c in found), highlight=highlight)
        line = self.checkin.listing_note(text, len(found))
        if not found:
            line += " Press ctrl+n to add someone who has walked in."
        status.update(line)

    @staticmethod
    def cells(candidate: Candidate) -> tuple[str, ...]:
        person = candidate.person
        return (person.display_name, person.role.label, candidate.status_text, person.organisation)

    def show_access_needs(self, *lines: str, add: bool = False) -> None:
        """The access needs of whoever just arrived (and their companions), until the
        next search is typed: nobody else's are ever on screen."""
        wanted = [*self.access_lines, *lines] if add else list(lines)
        if wanted == self.access_lines:
            return  # most keys typed change nothing here: skip the layout work
        self.access_lines = wanted
        panel = self.query_one("#checkin-access", Static)
        panel.update("\n".join(self.access_lines))
        panel.display = bool(self.access_lines)

    @on(Input.Changed, "#checkin-search")
    def _search_changed(self) -> None:
        """A new search puts the highlight on the best match, so that Enter never
        checks in whoever happened to be highlighted for the last search."""
        self.show_access_needs()
        self.show_matches()
        if self.table.row_count:
            self.table.move_cursor(row=0)

    @on(Input.Submitted, "#checkin-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        # Enter is the panel's own key; this only keeps the message from bubbling.
        event.stop()

    def highlighted(self) -> Candidate | None:
        """The person under the cursor, or None (with a word why) when there is nobody."""
        person_id = self.table.selected_id if self.table.display else None
        if person_id is None or person_id not in self.shown_people:
            if self.table.display:
                self.notify("Nobody is highlighted. Type part of a name first.")
            else:
                self.notify("Type part of a name to find someone first.")
            return None
        return self.shown_people[person_id]

    # --- keys -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter's words follow the day; ctrl+r's follow the setting (both as last read,
        since the footer asks often)."""
        if action in ("check_in", "book_ahead"):
            return self.ahead == (action == "book_ahead")
        if action in ("hide_list", "show_list"):
            return self.private == (action == "show_list")
        if action == "claim":
            return not self.ahead
        return True

    def action_move(self, offset: int) -> None:
        table = self.table
        if table.display and table.row_count:
            row = max(0, min(table.row_count - 1, table.cursor_row + offset))
            table.move_cursor(row=row)

    def action_check_in(self) -> None:
        candidate = self.highlighted()
        if candidate is None or candidate.person.id is None:
            return
        person_id = candidate.person.id
        if not self.apply(lambda: self.checkin.enter(person_id), highlight=person_id):
            return
        if not self.ahead:
            self.show_access_needs(access_needs_line(candidate.person))
            self.offer_companions(self.checkin.companion_offers(person_id))

    def action_book_ahead(self) -> None:
        self.action_check_in()

    def action_book(self) -> None:
        candidate = self.highlighted()
        if candidate is not None and candidate.person.id is not None:
            person_id = candidate.person.id
            self.apply(lambda: self.checkin.book(person_id), highlight=person_id)

    def action_undo(self) -> None:
        said = self.checkin.undo()
        self.notify(said or "Nothing to undo: no check-in changes since this tab opened.")
        self.show_access_needs()
        self.show_everything()

    def action_hide_list(self) -> None:
        self.checkin.set_private(True)
        self.notify("The list is hidden until you type, for screens others can see.")
        self.show_everything()

    def action_show_list(self) -> None:
        self.checkin.set_private(False)
        self.notify("The list shows everyone again.")
        self.show_everything()

    def action_clear_or_back(self) -> None:
        if self.search.value:
            self.search.value = ""
        else:
            self.app.pop_screen()

    def action_walk_in(self) -> None:
        name = name_from_search(self.search.value)
        self.app.push_screen(WalkInForm(self.checkin, name=name), self._walk_in_chosen)

    def _walk_in_chosen(self, choice: WalkInChoice | None) -> None:
        if choice is None:
            self.focus_search()
            return
        walk_in, existing = choice.walk_in, choice.existing
        if existing is not None and existing.id is not None:
            person_id = existing.id
            if self.apply(lambda: self.checkin.enter(person_id), highlight=person_id):
                self.show_access_needs(access_needs_line(existing))
                self.offer_companions(self.checkin.companion_offers(person_id))
            return

        def add() -> Change:
            person, change = self.checkin.walk_in(walk_in.name, walk_in.role, walk_in.contact)
            self.show_access_needs(
                f"{person.display_name} is new to the people bank: add their access needs "
                "and other details there later."
            )
            return change

        self.apply(add, highlight=None, keep_access=True)

    def action_left_early(self) -> None:
        candidate = self.highlighted()
        if candidate is None or candidate.person.id is None:
            return
        try:
            start = self.checkin.leaving_time_to_offer(candidate.person.id)
        except FacilitatorError as error:
            self.notify(str(error), severity="warning")
            return
        self.app.push_screen(
            LeftEarlyForm(self.checkin, candidate.person, candidate.attendance, start),
            self._left,
        )

    def action_other_status(self) -> None:
        candidate = self.highlighted()
        if candidate is None or candidate.person.id is None:
            return
        person_id = candidate.person.id

        def chosen(choice: str | None) -> None:
            if choice is None:
                self.focus_search()
            elif choice == REMOVE:
                self.apply(lambda: self.checkin.remove(person_id), highlight=person_id)
            else:
                status = AttendanceStatus(choice)
                self.apply(lambda: self.checkin.set_status(person_id, status), highlight=person_id)

        self.app.push_screen(StatusChooser(candidate.person, candidate.status), chosen)

    def action_claim(self) -> None:
        """Start (or open) the highlighted person's claim for this session."""
        candidate = self.highlighted()
        if candidate is None or candidate.person.id is None:
            return

        def opened(claim: Claim) -> None:
            assert claim.id is not None
            self.app.push_screen(ClaimScreen(self.store, claim.id))

        claims = claims_service(self.store, self)
        start_claim(self, claims, self.session_id, candidate.person.id, opened)

    def _left(self, leaving: Leaving | None) -> None:
        """The form made the change itself, so that its problems stay beside its fields."""
        if leaving is not None and self.checkin.changes:
            change = self.checkin.changes[-1]
            self.notify(change.said)
            self.show_everything(highlight=change.person_id)
        self.focus_search()

    # --- changing ---------------------------------------------------------

    def apply(
        self,
        change: Callable[[], Change],
        *,
        highlight: int | None,
        keep_access: bool = False,
    ) -> bool:
        """Make one change through the service, say what happened and show it.

        The typed text is selected rather than cleared, so the list still shows who
        changed and the next name typed replaces it."""
        try:
            done = change()
        except FacilitatorError as error:
            self.notify(str(error), title="Not changed", severity="warning")
            self.focus_search()
            return False
        self.notify(done.said)
        if not keep_access:
            self.show_access_needs()
        self.show_everything(highlight=highlight if highlight is not None else done.person_id)
        self.focus_search()
        self.search.select_all()
        return True

    def offer_companions(self, offers: list[CompanionOffer]) -> None:
        """Ask about each companion in turn; each yes is its own change to undo."""
        if not offers:
            return
        offer, rest = offers[0], offers[1:]
        person_id = offer.person.id
        assert person_id is not None

        def answered(yes: bool | None) -> None:
            if yes and self.apply(
                lambda: self.checkin.enter(person_id), highlight=person_id, keep_access=True
            ):
                self.show_access_needs(access_needs_line(offer.person), add=True)
            self.focus_search()
            self.offer_companions(rest)

        self.app.push_screen(
            ConfirmScreen(
                offer.question,
                offer.reason,
                yes=f"Check in {offer.person.display_name}",
                no="Not now",
            ),
            answered,
        )
