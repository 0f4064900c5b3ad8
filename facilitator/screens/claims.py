"""Every claim, with filters along the top and the totals of every claim they match.

Expenses and payments for time are totalled apart (only the second is income).
Claims can be approved or marked paid many at a time: space marks them.
A hundred claims are listed at a time (five years of a busy team's come to tens of
thousands): the arrow keys run on into the next hundred or the one before, and
] and [ turn a whole page, so every claim can be reached.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from facilitator.screens.chooser import Choice, ChoiceScreen
from facilitator.screens.claim import (
    ClaimScreen,
    FileWritten,
    FittedTable,
    ask_name_first,
    claims_service,
    fit_footer,
    say_worker_failed,
    start_claim,
)
from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.person_picker import PersonPicker
from facilitator.widgets.text import person_summary, shortened
from sessions.claim_models import Claim, ClaimStatus, PaymentChoice, claim_number
from sessions.claiming import BulkResult, Page
from sessions.claims import claim_problems
from sessions.display import format_date, plural
from sessions.money import pounds
from sessions.payment_policy import Policy
from sessions.store import Store
from sessions.store.claims import ClaimFilter, ClaimRow
from sessions.validation import parse_date

PERSON_WIDTH = 20
SESSION_WIDTH = 28
SESSION_COLUMN_WIDTH = 24
"""The session's title in the list: the last column, the one cut short first."""
MARK = "✓"
OTHERS_SHOWN = 10
NOT_COUNTED = "Rejected and cancelled claims are not counted."
PAGE = 100
"""Claims listed at a time; the count and the totals are of every claim matched."""
DATE_EXAMPLES = "3/12/2026 or 3 Dec 2026"
"""The examples a date that cannot be read is answered with (sessions.validation)."""


class ClaimsTable(FittedTable):
    """Who, the status and the amounts come first, so that 80 columns show them."""

    COLUMNS = (
        MARK,
        "Claim",
        "Person",
        "Status",
        "Expenses",
        "For time",
        "To look at",
        "Session date",
        "Session",
    )
    BINDINGS = [Binding("enter", "select_cursor", "Open")]

    class PageWanted(Message):
        """The cursor was moved past the first or the last row listed."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def action_cursor_down(self) -> None:
        if self.row_count and self.cursor_row >= self.row_count - 1:
            self.post_message(self.PageWanted(1))
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.row_count and self.cursor_row <= 0:
            self.post_message(self.PageWanted(-1))
        else:
            super().action_cursor_up()

    def action_page_down(self) -> None:
        if self.row_count and self.cursor_row >= self.row_count - 1:
            self.post_message(self.PageWanted(1))
        else:
            super().action_page_down()

    def action_page_up(self) -> None:
        if self.row_count and self.cursor_row <= 0:
            self.post_message(self.PageWanted(-1))
        else:
            super().action_page_up()


def money_cell(pence: int) -> Text:
    return Text(pounds(pence), justify="right")


def payment_words(claim: Claim) -> str:
    if claim.choice is PaymentChoice.DECLINE:
        return "payment for time declined"
    if claim.involvement_pence == 0:
        return "no payment for time"
    return f"payment for time: {claim.choice.label.lower()}"


def filter_date(text: str, today: dt.date) -> dt.date:
    """A date typed in a filter. A day and month without a year means the last one
    that has been (claims are for sessions that have happened)."""
    day = parse_date(text, today)
    if day > today and not re.search(r"\d{4}", text) and text.strip().casefold() != "tomorrow":
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            day = day - dt.timedelta(days=365)
    return day


@dataclass(frozen=True)
class Bulk:
    """The words for changing many claims at once."""

    question: str
    """'Approve {}?', filled in with '3 claims'."""
    done: str
    which: str
    """Which of the claims the change applies to."""
    override_hint: bool = False
    """Say how to approve a claim that needs an override, when one was refused."""


def listed(words: list[str]) -> str:
    """'C0001, C0002 and C0005'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


class SessionPersonPicker(PersonPicker):
    """Who the claim is for: the session's people first (those who took part at the
    top), found by typing part of a name; anyone else in the people bank below them."""

    def __init__(self, store: Store, session_id: int) -> None:
        records = store.attendance.for_session(session_id)
        people = {p.id: p for p in store.people.many([r.person_id for r in records])}
        on_session = [(people[r.person_id], r) for r in records if r.person_id in people]
        on_session.sort(key=lambda pair: (not pair[1].status.attended, pair[0].name.casefold()))
        self.on_session = on_session
        super().__init__(
            store, "Who is the claim for?", leave_out={p.id for p, _ in on_session if p.id}
        )

    def on_mount(self) -> None:
        self.query_one("#picker-search", Input).placeholder = "Type part of their name"

    def show_matches(self, text: str) -> None:
        words = text.casefold().split()
        found = [
            (person, record)
            for person, record in self.on_session
            if all(word in f"{person.name} {person.preferred_name}".casefold() for word in words)
        ]
        options = [
            Option(
                f"{person.display_name}, {person.role.label.lower()}: "
                f"{record.status.label.lower()}",
                id=str(person.id),
            )
            for person, record in found
        ]
        others = (
            self.store.people.search(text, limit=OTHERS_SHOWN, excluding=self.leave_out)
            if words
            else []
        )
        options += [
            Option(f"{person_summary(person)}: not on this session", id=str(person.id))
            for person in others
        ]
        results = self.query_one("#picker-results", OptionList)
        results.clear_options()
        results.add_options(options)
        if options:
            results.highlighted = 0
        if found:
            status = (
                f"{plural(len(found), 'person', 'people')} on this session. Enter chooses the "
                "highlighted person."
            )
        elif others:
            status = (
                "Nobody on this session matches; the people bank has these. Someone not "
                "recorded as there can claim only with a reason."
            )
        else:
            status = "Nobody matches. Type part of their name."
        self.query_one("#picker-status", Static).update(status)


class ClaimsScreen(Screen[None]):
    """The table keeps the focus; tab reaches the filters, escape comes back."""

    # Short words, so that every key but / (tab reaches the filters too) shows at 80
    # columns; F1 lists them all.
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("n", "new_claim", "New claim"),
        Binding("space", "mark", "Mark"),
        Binding("A", "approve_marked", "Approve"),
        Binding("P", "pay_marked", "Mark paid"),
        Binding("x", "export", "CSV"),
        Binding("slash", "filters", "Filters", show=False),
        Binding("right_square_bracket", "turn_page(1)", "Next 100 claims", show=False),
        Binding("left_square_bracket", "turn_page(-1)", "Previous 100 claims", show=False),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, store: Store, *, highlight: int | None = None) -> None:
        super().__init__()
        self.store = store
        self.highlight = highlight
        self.rows: dict[int, ClaimRow] = {}
        """The claims listed now: one page of those the filters match."""
        self.first = 0
        """How many of the claims matched come before the page listed."""
        self.matching = 0
        self.marked: set[int] = set()
        """Marked claims, on this page or another."""
        self.wanted = ClaimFilter()
        self.policies: dict[int, Policy] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="claims-filters"):
            yield Select[str](
                [(status.label, status.value) for status in ClaimStatus],
                prompt="Any status",
                id="claims-status",
            )
            yield Select[int]([], prompt="Any session", id="claims-session")
            yield Input(placeholder="Name", id="claims-person")
            yield Input(placeholder="From date", id="claims-from")
            yield Input(placeholder="To date", id="claims-to")
        yield Static("", id="claims-filter-words", markup=False)
        yield ClaimsTable(id="claims-table")
        yield Static("", id="claims-none", classes="section-empty", markup=False)
        yield Static("", id="claims-page", markup=False)
        yield Static("", id="claims-detail", markup=False)
        yield Static("", id="claims-totals", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Claims: expenses and payments for time"
        self.claims = claims_service(self.store, self)
        self.query_one(ClaimsTable).focus()

    def on_resize(self) -> None:
        fit_footer(self)

    def on_screen_resume(self) -> None:
        """Read afresh whenever the screen shows: as it opens (after mounting), and
        back from a claim that may have changed. Once, not on mounting as well."""
        highlight, self.highlight = self.highlight, None
        self.show_sessions()
        self.show_claims(highlight=highlight)

    # --- the filters --------------------------------------------------------

    def show_sessions(self) -> None:
        """The sessions that have claims, for the session filter."""
        sessions = {
            session_id: f"{format_date(day)} {shortened(title, SESSION_WIDTH)}"
            for session_id, day, title in self.store.claims.sessions_claimed_for()
        }
        choose = self.query_one("#claims-session", Select)
        options = [(words, session_id) for session_id, words in sessions.items()]
        if options != getattr(self, "_session_options", None):
            self._session_options = options
            kept = choose.value
            with self.prevent(Select.Changed):
                choose.set_options(options)
                if kept in sessions:
                    choose.value = kept

    def read_filters(self) -> tuple[ClaimFilter, list[str]]:
        """What the filters ask for, and what is wrong with the dates typed, in words."""
        today = self.claims.today()
        status = self.query_one("#claims-status", Select).value
        session = self.query_one("#claims-session", Select).value
        problems: list[str] = []
        dates: dict[str, dt.date | None] = {}
        for name, words in (("from", "From"), ("to", "To")):
            typed = self.query_one(f"#claims-{name}", Input).value.strip()
            dates[name] = None
            if typed:
                try:
                    dates[name] = filter_date(typed, today)
                except ValueError as error:
                    problems.append(f"{words}: {error}")
        first, last = dates["from"], dates["to"]
        if first is not None and last is not None and last < first:
            problems.append("The 'to' date is before the 'from' date: swap them round.")
            dates["to"] = None
        wanted = ClaimFilter(
            statuses=(ClaimStatus(status),) if isinstance(status, str) else (),
            session_id=session if isinstance(session, int) else None,
            person_text=self.query_one("#claims-person", Input).value.strip(),
            date_from=dates["from"],
            date_to=dates["to"],
        )
        return wanted, problems

    @on(Select.Changed, "#claims-status")
    @on(Select.Changed, "#claims-session")
    @on(Input.Changed, "#claims-filters Input")
    def _filter_changed(self) -> None:
        self.show_claims(first=0)

    @on(Input.Submitted, "#claims-filters Input")
    def _filter_done(self) -> None:
        self.query_one(ClaimsTable).focus()

    def action_filters(self) -> None:
        self.query_one("#claims-status", Select).focus()

    def action_back(self) -> None:
        """From a filter, back to the list; from the list, back to where you were."""
        table = self.query_one(ClaimsTable)
        if self.focused is not table and self.focused is not None:
            table.focus()
        else:
            self.app.pop_screen()

    # --- the list -----------------------------------------------------------

    def show_claims(self, *, highlight: int | None = None, first: int | None = None) -> None:
        """The page from `first` (or the one listed), or the page that holds `highlight`,
        with the count and totals of every claim the filters match."""
        self.wanted, problems = self.read_filters()
        page = self.claims.page(
            self.wanted, PAGE, self.first if first is None else first, showing=highlight
        )
        self.first, self.matching = page.first, page.matching
        self.rows = {row.claim.id: row for row in page.rows if row.claim.id is not None}
        if self.marked:  # marks stay on other pages, but only on claims still matched
            self.marked = {row.claim.id for row in self.marked_rows() if row.claim.id}
        table = self.query_one(ClaimsTable)
        table.replace_rows(
            ((claim_id, self.cells(row)) for claim_id, row in self.rows.items()),
            highlight=highlight,
        )
        table.display = bool(self.rows)
        none = self.query_one("#claims-none", Static)
        none.update(self.nothing_listed())
        none.display = not self.rows
        words = self.query_one("#claims-filter-words", Static)
        words.update(" ".join(problems) or self.dates_words())
        words.set_class(bool(problems), "-problem")
        more = self.query_one("#claims-page", Static)
        more.update(self.page_words(page))
        more.display = page.matching > len(page.rows)
        self.query_one("#claims-totals", Static).update(self.totals_words(page))
        self.show_detail()

    @on(ClaimsTable.PageWanted)
    def _page_wanted(self, event: ClaimsTable.PageWanted) -> None:
        event.stop()
        self.turn_page(event.step, to_edge=True)

    def action_turn_page(self, step: int) -> None:
        self.turn_page(step)

    def turn_page(self, step: int, *, to_edge: bool = False) -> None:
        """The next or previous page. Run on to from the last or first row (`to_edge`),
        the cursor goes to the claim next to where it was; ] and [ go to the page's top."""
        first = self.first + step * PAGE
        if first < 0 or first >= self.matching:
            if not to_edge:
                self.notify(
                    "This is the first page of claims."
                    if step < 0
                    else "This is the last page of claims."
                )
            return
        self.show_claims(first=first)
        table = self.query_one(ClaimsTable)
        if table.row_count:
            table.move_cursor(row=table.row_count - 1 if to_edge and step < 0 else 0)

    def page_words(self, page: Page) -> str:
        """Which claims are listed, of how many, and how to reach the others."""
        if page.matching <= len(page.rows):
            return ""
        return (
            f"Showing claims {page.first + 1:,} to {page.end:,} of {page.matching:,}, the "
            f"newest sessions first. Moving past the last or first runs on to the next or "
            f"previous {PAGE}; ] and [ turn a page. The filters narrow the list."
        )

    def marked_rows(self) -> list[ClaimRow]:
        """The marked claims the filters still match, in the order of the list."""
        if not self.marked:
            return []
        return self.store.claims.listing(self.wanted, only=self.marked)

    def dates_words(self) -> str:
        first, last = self.wanted.date_from, self.wanted.date_to
        if first and last:
            return f"Sessions from {format_date(first)} to {format_date(last)}."
        if first:
            return f"Sessions on or after {format_date(first)}."
        if last:
            return f"Sessions on or before {format_date(last)}."
        return f"Dates like {DATE_EXAMPLES}. Tab moves between the filters."

    def nothing_listed(self) -> str:
        if self.wanted != ClaimFilter():
            return "No claims match these filters."
        return "No claims yet. Press n to start one for someone who took part in a session."

    @staticmethod
    def totals_words(page: Page) -> str:
        """The totals of every claim the filters match, on this page or another."""
        t = page.totals
        shown = " shown" if page.matching <= len(page.rows) else " in all"
        return (
            f"{plural(page.matching, 'claim')}{shown}. Expenses {pounds(t.expenses)}, "
            f"payments for time {pounds(t.involvement)}, total {pounds(t.total)}. {NOT_COUNTED}"
        )

    def cells(self, row: ClaimRow) -> tuple[str | Text, ...]:
        claim = row.claim
        assert claim.id is not None
        return (
            MARK if claim.id in self.marked else "",
            claim.number,
            shortened(row.person_name, PERSON_WIDTH),
            claim.status.label,
            money_cell(row.expenses_pence),
            money_cell(claim.involvement_pence),
            self.flag(row),
            format_date(row.session_date),
            shortened(row.session_title, SESSION_COLUMN_WIDTH),
        )

    def flag(self, row: ClaimRow) -> str:
        """What a finance check would stop at, in a word or two."""
        claim = row.claim
        if claim.is_correction:
            return "correction"
        if claim.reversed_by_id is not None:
            return "reversed"
        if claim.status is ClaimStatus.SUBMITTED and self.problems(row):
            return "needs override"
        return ""

    def problems(self, row: ClaimRow) -> list[str]:
        """Asked only of submitted claims, the ones waiting to be approved."""
        claim = row.claim
        assert claim.id is not None
        policy = self.policies.get(claim.policy_version)
        if policy is None:
            policy = self.policies[claim.policy_version] = self.store.policies.version(
                claim.policy_version
            )
        lines = self.store.claims.lines(claim.id)
        return claim_problems(claim, lines, policy, row.session_date)

    def highlighted(self) -> ClaimRow | None:
        selected = self.query_one(ClaimsTable).selected_id
        return self.rows.get(selected) if selected is not None else None

    @on(DataTable.RowHighlighted, "#claims-table")
    def _row_highlighted(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        """The highlighted claim in a sentence, which the narrow columns cut short."""
        detail = self.query_one("#claims-detail", Static)
        row = self.highlighted()
        if row is None:
            detail.update("")
            detail.display = False
            return
        claim = row.claim
        words = (
            f"{claim.number}: {row.person_name}, {row.session_title} on "
            f"{format_date(row.session_date)}. {claim.status.label}, "
            f"{plural(row.lines, 'expense line') if row.lines else 'no expenses'}; "
            f"{payment_words(claim)}."
        )
        marked = len(self.marked)
        if marked:
            words += f" {plural(marked, 'claim')} marked: A approves them, P marks them paid."
        detail.update(words)
        detail.display = True

    # --- opening and starting -----------------------------------------------

    @on(DataTable.RowSelected, "#claims-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.highlighted()
        if row is not None and row.claim.id is not None:
            self.open_claim(row.claim.id)

    def open_claim(self, claim_id: int) -> None:
        self.highlight = claim_id
        self.app.push_screen(ClaimScreen(self.store, claim_id))

    def action_new_claim(self) -> None:
        today = self.claims.today()
        sessions = [s for s in self.store.sessions.overview() if s.date <= today]
        sessions.sort(key=lambda s: (s.date, s.start), reverse=True)
        if not sessions:
            self.notify("There are no sessions yet that have happened, so nothing to claim for.")
            return
        choices = [
            Choice(
                str(s.id),
                f"{format_date(s.date)}  {shortened(s.title, SESSION_WIDTH + 8)}, "
                f"{s.attended} took part",
            )
            for s in sessions
        ]

        def chosen(key: str | None) -> None:
            if key is not None:
                self.choose_person(int(key))

        self.app.push_screen(ChoiceScreen("A claim for which session?", choices), chosen)

    def choose_person(self, session_id: int) -> None:
        def picked(person_id: int | None) -> None:
            if person_id is not None:
                start_claim(self, self.claims, session_id, person_id, self._started)

        self.app.push_screen(SessionPersonPicker(self.store, session_id), picked)

    def _started(self, claim: Claim) -> None:
        assert claim.id is not None
        self.show_sessions()
        self.show_claims(highlight=claim.id)
        self.open_claim(claim.id)

    # --- many at once ---------------------------------------------------------

    def action_mark(self) -> None:
        row = self.highlighted()
        if row is None or row.claim.id is None:
            self.notify("There is no claim here to mark.")
            return
        claim_id = row.claim.id
        self.marked ^= {claim_id}
        table = self.query_one(ClaimsTable)
        table.update_cell(
            str(claim_id),
            table.ordered_columns[0].key,
            Text(MARK if claim_id in self.marked else ""),
        )
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)
        self.show_detail()

    def chosen(self) -> list[ClaimRow]:
        """The marked claims (on any page) in the order listed, or the highlighted one."""
        if self.marked:
            return self.marked_rows()
        row = self.highlighted()
        return [row] if row is not None and row.claim.id is not None else []

    def action_approve_marked(self) -> None:
        self.bulk(
            self.claims.approve_many,
            Bulk(
                "Approve {}?",
                "Approved",
                "Only submitted claims are approved, and only those the policy allows without "
                "an override; the others are left as they are, and you are told why.",
                override_hint=True,
            ),
        )

    def action_pay_marked(self) -> None:
        self.bulk(
            self.claims.pay_many,
            Bulk(
                "Mark {} paid?",
                "Marked paid",
                "Only approved claims are marked paid; the others are left as they are, and "
                "you are told why.",
            ),
        )

    def bulk(self, change: Callable[[list[int]], BulkResult], words: Bulk) -> None:
        """Confirm, then change the marked claims (or the highlighted one) at once."""
        rows = self.chosen()
        if not rows:
            self.notify("There is no claim here. Change the filters to list some.")
            return
        question = words.question.format(plural(len(rows), "claim"))
        numbers = [row.claim.number for row in rows]

        def answered(go_ahead: bool | None) -> None:
            if go_ahead:
                self.change_many(change, rows, words)

        def ask() -> None:
            self.app.push_screen(
                ConfirmScreen(
                    question,
                    f"{listed(numbers)}. {words.which}",
                    yes=question.rstrip("?"),
                    no="Not now",
                ),
                answered,
            )

        ask_name_first(self, self.claims, ask)

    def change_many(
        self, change: Callable[[list[int]], BulkResult], rows: list[ClaimRow], words: Bulk
    ) -> None:
        before = {row.claim.id: row.claim.status for row in rows if row.claim.id is not None}
        ids = list(before)
        result = change(ids)
        numbers = {claim_number(claim_id): claim_id for claim_id in ids}
        self.marked -= {numbers[n] for n in result.done if n in numbers}
        if result.done:
            self.notify(f"{words.done}: {', '.join(result.done)}.")
        if result.refused:
            refused = [claim_id for claim_id in ids if claim_number(claim_id) not in result.done]
            # A submitted claim refused approval needs an override: anything else was
            # refused for its status, which opening it would not change.
            overrides = words.override_hint and any(
                before[claim_id] is ClaimStatus.SUBMITTED for claim_id in refused
            )
            hint = (
                "Open a claim with enter to approve it with a reason for the override."
                if overrides
                else ""
            )
            self.notify(
                " ".join([*result.refused, hint]).strip(),
                title=plural(len(result.refused), "claim") + " not changed",
                severity="warning",
                timeout=15,
            )
        self.show_claims()

    # --- the finance CSV ------------------------------------------------------

    def action_export(self) -> None:
        wanted, problems = self.read_filters()
        if problems:
            self.notify(" ".join(problems), title="Not exported", severity="warning")
            return
        self.notify("Writing the CSV of the claims shown…")
        self.write_csv(wanted)

    @work(thread=True, exit_on_error=False, group="claims-csv")
    def write_csv(self, wanted: ClaimFilter) -> None:
        """Written from a data file opened in this thread (a connection belongs to the
        thread that made it)."""
        from exports.files import export_folder, safe_file_name
        from exports.finance_csv import write_finance_csv

        statuses = "-".join(s.value for s in wanted.statuses) or "all"
        with Store.open(self.store.path, create=False) as store:
            name = safe_file_name(f"claims-{statuses}-{self.claims.today().isoformat()}.csv")
            path = export_folder(store) / name
            summary = write_finance_csv(store, wanted, path)
        self.post_message(
            FileWritten(
                f"{plural(summary.rows, 'row')} (total {pounds(summary.total_pence)}) for finance",
                path,
            )
        )

    @on(FileWritten)
    def _file_written(self, event: FileWritten) -> None:
        self.notify(f"{event.what} written to {event.path}", timeout=10)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        say_worker_failed(self, event)
