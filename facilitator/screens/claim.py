"""One claim, top to bottom in the order of the paper form: who and which session,
time there and the payment for it, expenses, totals, what needs an override, and
what happened to it.

Every change goes through the claims service and the screen is read again from
`Claims.view`, so what is shown is what is stored. The keys offered are the steps
the claim can take now; the others are hidden.
"""

from __future__ import annotations

import datetime as dt
import functools
import weakref
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static
from textual.worker import Worker, WorkerState

from facilitator.screens.chooser import Choice, ChoiceScreen
from facilitator.screens.claim_forms import (
    LineForm,
    PaymentForm,
    ReasonForm,
    no_payment_words,
    problems_text,
    unpaid,
)
from facilitator.screens.confirm import ConfirmScreen
from facilitator.widgets.listing_table import ListingTable
from facilitator.widgets.text import shortened
from sessions.claim_models import (
    HOURLY_KINDS,
    Claim,
    ClaimLine,
    ExpenseKind,
    VenuePayment,
    claim_number,
)
from sessions.claiming import (
    USER_NAME,
    Claims,
    ClaimView,
    NeedsReason,
    quantity_words,
)
from sessions.claims import UNPAID_WORDS
from sessions.clock import local_time, now_utc, today_at_venue, venue_date
from sessions.display import format_date, format_minutes, format_time
from sessions.errors import FacilitatorError, NotFound
from sessions.models import Role
from sessions.money import pounds
from sessions.policy_form import TEXT_MOST
from sessions.store import Store

DETAILS_WIDTH = 48

STEP_OF_ACTION = {
    "submit_claim": "submit",
    "send_back": "return",
    "approve": "approve",
    "reject": "reject",
    "mark_paid": "pay",
    "pay_at_venue": "pay_at_venue",
    "cancel_claim": "cancel",
}
"""Keys that take the claim a step on: shown only when the claim can take that step."""
EDITING = ("add_line", "change_payment")
LINE_EDITING = ("edit_line", "remove_line")
BENEFITS_RULE = "Permitted Work"
"""Named in the warnings without saying what it is: spelled out where first shown."""

_ASKED_FOR_NAME: weakref.WeakSet[App[Any]] = weakref.WeakSet()
"""Apps that have asked for the user's name once already (and were told to skip it)."""


class FileWritten(Message):
    """A worker wrote a file: say where it went."""

    def __init__(self, what: str, path: Path) -> None:
        super().__init__()
        self.what = what
        self.path = path


def say_worker_failed(node: DOMNode, event: Worker.StateChanged) -> None:
    """A file that could not be written, in words: the worker's error is a sentence."""
    if event.state is not WorkerState.ERROR:
        return
    error = event.worker.error
    if isinstance(error, FacilitatorError):
        node.notify(str(error), title="Not written", severity="warning", timeout=10)
    else:
        node.notify(
            f"The file could not be written ({type(error).__name__}: {error}).",
            title="Not written",
            severity="error",
            timeout=10,
        )


def line_details(line: ClaimLine) -> str:
    """'12.5 miles, car or van', '3 hours', the taxi's why, and any description."""
    parts = []
    if line.kind is ExpenseKind.MILEAGE:
        vehicle = line.vehicle.label.lower() if line.vehicle else "vehicle not given"
        parts.append(f"{quantity_words(line.miles_hundredths, 'mile')}, {vehicle}")
    if line.kind in HOURLY_KINDS and line.hours_hundredths:
        parts.append(quantity_words(line.hours_hundredths, "hour"))
    if line.why:
        parts.append(line.why)
    if line.description:
        parts.append(line.description)
    return "; ".join(parts)


def receipt_words(line: ClaimLine, needed: bool) -> str:
    if not line.receipt_held:
        return "None held" if needed else "Not needed"
    return f"Held, ref {line.receipt_ref}" if line.receipt_ref else "Held"


def when(moment: dt.datetime) -> str:
    """'Mon 23 Nov 2026 10:42', at the venue."""
    return f"{format_date(venue_date(moment))} {local_time(moment)}"


def claims_service(store: Store, node: DOMNode) -> Claims:
    """The claims service on the app's clock (fixed in tests)."""
    app = node.app
    return Claims(
        store, today=getattr(app, "today", today_at_venue), now=getattr(app, "now", now_utc)
    )


def start_claim(
    node: DOMNode,
    claims: Claims,
    session_id: int,
    person_id: int,
    opened: Callable[[Claim], None],
) -> None:
    """Start the person's claim for the session (or find the one already started) and
    hand it to `opened`. Someone not recorded as there needs a reason first."""
    already = claims.store.claims.open_for(session_id, person_id)
    if already is not None:
        node.notify(
            f"Claim {already.number} was already started: here it is."
            + not_paid_words(claims, already),
            timeout=8,
        )
        opened(already)
        return
    ask_name_first(node, claims, lambda: _start(node, claims, session_id, person_id, opened))


def _start(
    node: DOMNode,
    claims: Claims,
    session_id: int,
    person_id: int,
    opened: Callable[[Claim], None],
) -> None:
    try:
        claim = claims.start(session_id, person_id)
    except NeedsReason as needed:

        def answered(reason: str | None) -> None:
            if not reason:
                return
            try:
                started = claims.start(session_id, person_id, not_there_reason=reason)
            except FacilitatorError as error:
                node.notify(str(error), title="No claim started", severity="warning")
                return
            node.notify(f"Started claim {started.number}." + not_paid_words(claims, started))
            opened(started)

        node.app.push_screen(
            ReasonForm(
                "Claim for someone not recorded as there",
                "Why may they claim?",
                explain=f"{needed} Approving the claim will need an override.",
                save="Start the claim",
            ),
            answered,
        )
        return
    except FacilitatorError as error:
        node.notify(str(error), title="No claim started", severity="warning")
        return
    node.notify(f"Started claim {claim.number}." + not_paid_words(claims, claim), timeout=8)
    opened(claim)


def not_paid_words(claims: Claims, claim: Claim) -> str:
    """For someone the policy does not pay for their time and who has no expenses on the
    claim yet: what the claim is for, so that it is not started by mistake."""
    if claim.id is None or claim.involvement_pence or claims.store.claims.lines(claim.id):
        return ""
    role = claims.store.people.get(claim.person_id).role
    if role in claims.store.policies.version(claim.policy_version).paid_roles:
        return ""
    return (
        f" {unpaid_people(role)} are not paid for their time under the policy; add their "
        "expenses, or cancel the claim if it is not needed."
    )


def unpaid_people(role: Role) -> str:
    """'Staff', 'Commissioners': the people of a role, at the start of a sentence."""
    words = UNPAID_WORDS[role]
    return words[0].upper() + words[1:]


def ask_name_first(node: DOMNode, claims: Claims, then: Callable[[], None]) -> None:
    """Before the first change to a claim, when no name is set in Settings, ask once for
    the name to record it under; then make the change. Skipping keeps the login name."""
    store = claims.store
    named = str(store.settings.get(USER_NAME, "") or "")
    app = node.app
    if named or app in _ASKED_FOR_NAME:
        if named:
            claims.who = named  # set in Settings (or here) since the screen opened
        then()
        return
    _ASKED_FOR_NAME.add(app)

    def answered(name: str | None) -> None:
        if name:
            store.settings.set(USER_NAME, name)
            claims.who = name
            node.notify(f"Changes to claims are recorded as made by {name}.")
        then()

    app.push_screen(
        ReasonForm(
            "Your name, for the record of who changed each claim",
            "Your name",
            explain="Each change to a claim is kept with the name of whoever made it. "
            f"Skip this and changes are recorded as made by {claims.who}, the computer's "
            "login name. Settings (s on the home screen) can change the name later.",
            save="Save my name",
            keep="Skip",
            needed="Type your name, or skip this with escape.",
            most=TEXT_MOST["user_name"],
        ),
        answered,
    )


Action = TypeVar("Action", bound=Callable[..., None])


def asks_name(action: Action) -> Action:
    """A claim screen's action that changes a claim: the user's name is asked first, once."""

    @functools.wraps(action)
    def asking(screen: Any, *args: Any) -> None:
        ask_name_first(screen, screen.claims, lambda: action(screen, *args))

    return asking  # type: ignore[return-value]


def spelled_out(text: str) -> str:
    """The first 'Permitted Work' says what it is."""
    if BENEFITS_RULE not in text or f"{BENEFITS_RULE} (" in text:
        return text
    return text.replace(BENEFITS_RULE, f"{BENEFITS_RULE} (a benefits rule)", 1)


def fit_footer(screen: Screen[Any]) -> None:
    """Below 100 columns the footer leaves out ctrl+p (F1 lists it) to make room for the
    screen's own keys."""
    footer = screen.query_one(Footer)
    wanted = screen.size.width >= 100
    if footer.show_command_palette != wanted:
        footer.show_command_palette = wanted
        footer.refresh(recompose=True)


def width_of(cell: str | Text) -> int:
    return cell.cell_len if isinstance(cell, Text) else cell_len(cell)


class FittedTable(ListingTable):
    """A listing whose columns are as wide as their text."""

    def replace_rows(
        self,
        rows: Iterable[tuple[int | None, Sequence[str | Text]]],
        *,
        highlight: int | None = None,
    ) -> None:
        """Columns as wide as their text, set here: DataTable measures them only when it
        next goes idle, and a frame drawn in between kept a new filter's list cut short."""
        listed = list(rows)
        widths = [
            max([cell_len(label), *(width_of(cells[i]) for _, cells in listed)])
            for i, label in enumerate(self.COLUMNS)
        ]
        keep = highlight if highlight is not None else self.selected_id
        row = self.cursor_row
        self.clear(columns=True)
        for label, width in zip(self.COLUMNS, widths, strict=True):
            self.add_column(label, width=width)
        for key, cells in listed:
            self.add_row(*cells, key=str(key))
        if keep is not None and str(keep) in self.rows:
            self.move_cursor(row=self.get_row_index(str(keep)))
        elif self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))


class LinesTable(FittedTable):
    COLUMNS = ("What for", "Details", "Receipt", "Amount")
    BINDINGS = [Binding("enter", "select_cursor", "Change expense")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter changes the highlighted expense: offered only where it can be changed."""
        if action == "select_cursor":
            screen = self.screen
            return isinstance(screen, ClaimScreen) and bool(screen.check_action("edit_line", ()))
        return True


class ClaimScreen(Screen[None]):
    """The lines table keeps the focus, so up and down move between expenses."""

    # The footer holds the keys used on most claims, and fits 80 columns with enter's
    # "Change expense" in front; the rest are listed under F1.
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "add_line", "Add expense"),
        Binding("e", "edit_line", "Change expense", show=False),
        Binding("d,delete", "remove_line", "Remove expense", show=False),
        Binding("i", "change_payment", "Payment"),
        Binding("s", "submit_claim", "Submit"),
        Binding("A", "approve", "Approve"),
        Binding("r", "reject", "Reject"),
        Binding("p", "mark_paid", "Mark paid"),
        Binding("x", "reverse", "Reverse"),
        Binding("b", "send_back", "Back to draft", show=False),
        Binding("v", "pay_at_venue", "Paid at the venue", show=False),
        Binding("c", "cancel_claim", "Cancel the claim", show=False),
        Binding("f", "write_form", "Claim form", show=False),
    ]

    def __init__(self, store: Store, claim_id: int) -> None:
        super().__init__()
        self.store = store
        self.claim_id = claim_id
        self.view: ClaimView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="claim-page"):
            yield Static("", id="claim-who", markup=False)
            yield Label("Time there and payment for time", classes="claim-heading")
            yield Static("", id="claim-time", markup=False)
            yield Label("Expenses", classes="claim-heading")
            yield LinesTable(id="claim-lines")
            yield Static("", id="claim-lines-empty", classes="section-empty", markup=False)
            yield Static("", id="claim-line-how", markup=False)
            yield Label("Totals", classes="claim-heading")
            yield Static("", id="claim-totals", markup=False)
            yield Label(
                "Needs an override to approve", id="claim-problems-heading", classes="claim-heading"
            )
            yield Static("", id="claim-problems", markup=False)
            yield Label("Worth telling them", id="claim-warnings-heading", classes="claim-heading")
            yield Static("", id="claim-warnings", markup=False)
            yield Label("Status and what happened", classes="claim-heading")
            yield Static("", id="claim-status", markup=False)
            yield Static("", id="claim-audit", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.claims = claims_service(self.store, self)
        self.show_claim()
        self.query_one(LinesTable).focus()

    def on_resize(self) -> None:
        fit_footer(self)

    # --- showing ----------------------------------------------------------

    def show_claim(self, *, highlight: int | None = None) -> None:
        """Read the claim afresh from the data file and show all of it."""
        try:
            self.view = view = self.claims.view(self.claim_id)
        except NotFound as gone:
            self.notify(str(gone), severity="warning")
            self.app.pop_screen()
            return
        claim = view.claim
        self.sub_title = f"Claim {claim.number}: {claim.status.label.lower()}"
        self.query_one("#claim-who", Static).update(self.who_words(view))
        self.query_one("#claim-time", Static).update(self.time_words(view))
        self.show_lines(view, highlight)
        totals = view.totals
        self.query_one("#claim-totals", Static).update(
            f"Expenses {pounds(totals.expenses)}    Payment for time {pounds(totals.involvement)}"
            f"    Total {pounds(totals.total)}"
        )
        self.show_section("problems", problems_text(view.problems))
        self.query_one("#claim-problems-heading", Label).update(
            "Needs an override to approve" if claim.status.editable else "Outside the policy"
        )
        self.show_section("warnings", spelled_out("\n".join(view.warnings)))
        self.query_one("#claim-status", Static).update(self.status_words(view))
        self.query_one("#claim-audit", Static).update(
            "\n".join(
                f"{when(entry.at)}  {entry.who}: {entry.action}"
                + (f", {entry.details}" if entry.details else "")
                for entry in view.audit
            )
        )
        self.refresh_bindings()

    def show_section(self, name: str, text: str) -> None:
        self.query_one(f"#claim-{name}", Static).update(text)
        self.query_one(f"#claim-{name}", Static).display = bool(text)
        self.query_one(f"#claim-{name}-heading", Label).display = bool(text)

    @staticmethod
    def who_words(view: ClaimView) -> str:
        person, session = view.person, view.session
        where = f" at {session.venue}" if session.venue else ""
        return (
            f"Claim {view.claim.number} by {person.display_name} ({person.role.label.lower()})\n"
            f"For {session.title}, {format_date(session.date)}, {format_time(session.start)} "
            f"to {format_time(session.end)}{where}"
        )

    @staticmethod
    def time_words(view: ClaimView) -> str:
        claim = view.claim
        lines = []
        if claim.is_correction:
            lines.append(
                f"This claim corrects claim {claim_number(claim.corrects_id or 0)}: its amounts "
                "cancel that claim's out."
            )
        elif not view.attended:
            lines.append("Not recorded as taking part in this session.")
        elif f"for {format_minutes(claim.minutes_there)}" not in view.worked_out.how:
            lines.append(f"There for {format_minutes(claim.minutes_there)}.")
        if claim.not_there_reason:
            lines.append(f"Why they may claim: {claim.not_there_reason}")
        if not unpaid(view):  # else the worked-out words say the same as the next line
            lines.append(view.worked_out.how)
        lines.append(
            no_payment_words(view, claim.choice, claim.involvement_pence)
            or f"Payment for time: {claim.choice.label.lower()}, {pounds(claim.involvement_pence)}."
        )
        if claim.charity:
            lines.append(f"Charity: {claim.charity}")
        if claim.amount_reason:
            why = "Why it was reversed" if claim.is_correction else "Why the amount is different"
            lines.append(f"{why}: {claim.amount_reason}")
        return "\n".join(lines)

    @staticmethod
    def status_words(view: ClaimView) -> str:
        claim = view.claim
        status = claim.status.label
        if claim.venue_payment is not None:
            status += f" at the venue ({claim.venue_payment.label.lower()})"
        lines = [f"Status: {status}."]
        if claim.rejected_reason:
            lines.append(f"Why it was rejected: {claim.rejected_reason}")
        if claim.cancelled_reason:
            lines.append(f"Why it was cancelled: {claim.cancelled_reason}")
        if claim.override_reason and not claim.is_correction:
            lines.append(f"Approved with an override: {claim.override_reason}")
        if claim.reversed_by_id is not None:
            lines.append(f"Reversed by the correcting claim {claim_number(claim.reversed_by_id)}.")
        lines.append(f"Worked out under version {claim.policy_version} of the payment policy.")
        return "\n".join(lines)

    def show_lines(self, view: ClaimView, highlight: int | None) -> None:
        table = self.query_one(LinesTable)
        table.replace_rows(
            (
                (
                    line.id,
                    (
                        line.kind.label,
                        shortened(line_details(line), DETAILS_WIDTH),
                        receipt_words(line, view.policy.rule(line.kind).receipt),
                        Text(pounds(line.amount_pence), justify="right"),
                    ),
                )
                for line in view.lines
            ),
            highlight=highlight,
        )
        table.display = bool(view.lines)
        empty = self.query_one("#claim-lines-empty", Static)
        empty.update("No expenses." + (" Press a to add one." if self.editable else ""))
        empty.display = not view.lines
        self.show_line_how()

    def highlighted_line(self) -> ClaimLine | None:
        if self.view is None:
            return None
        line_id = self.query_one(LinesTable).selected_id
        return next((line for line in self.view.lines if line.id == line_id), None)

    @on(DataTable.RowHighlighted, "#claim-lines")
    def _line_highlighted(self) -> None:
        self.show_line_how()

    def show_line_how(self) -> None:
        """How the highlighted line was worked out, and its details in full."""
        line = self.highlighted_line()
        words = []
        if line is not None and self.view is not None:
            if line.id in self.view.how_lines:
                words.append(f"{line.kind.label}: {self.view.how_lines[line.id]}")
            details = line_details(line)
            if len(details) > DETAILS_WIDTH:
                words.append(details)
        how = self.query_one("#claim-line-how", Static)
        how.update("\n".join(words))
        how.display = bool(words)

    # --- which keys work --------------------------------------------------

    @property
    def editable(self) -> bool:
        claim = self.view.claim if self.view else None
        return claim is not None and claim.status.editable and not claim.is_correction

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if view is None:
            return action == "app.pop_screen" or None
        if action in STEP_OF_ACTION:
            return STEP_OF_ACTION[action] in view.steps
        if action in EDITING:
            return self.editable
        if action in LINE_EDITING:
            return self.editable and bool(view.lines)
        if action == "reverse":
            return view.reversible
        return True

    # --- changing ---------------------------------------------------------

    def change(
        self, doing: Callable[[], object], said: str, *, highlight: int | None = None
    ) -> bool:
        """Make one change through the service, say what happened, and show the claim."""
        try:
            doing()
        except FacilitatorError as error:
            self.notify(str(error), title="Not changed", severity="warning", timeout=8)
            self.show_claim()
            return False
        self.notify(said)
        self.show_claim(highlight=highlight)
        return True

    @asks_name
    def action_add_line(self) -> None:
        if self.view is None:
            return
        kinds = list(ExpenseKind)

        def chosen(key: str | None) -> None:
            if key is not None and self.view is not None:
                self.open_line_form(LineForm(self.claims, self.view, kind=ExpenseKind(key)))

        self.app.push_screen(
            ChoiceScreen(
                "What was the expense for?", [Choice(kind.value, kind.label) for kind in kinds]
            ),
            chosen,
        )

    @asks_name
    def action_edit_line(self) -> None:
        line = self.highlighted_line()
        if self.view is None or line is None:
            self.notify("There is no expense to change. Press a to add one.")
            return
        self.open_line_form(LineForm(self.claims, self.view, line=line))

    def open_line_form(self, form: LineForm) -> None:
        def saved(line: ClaimLine | None) -> None:
            if line is not None:
                self.notify(f"Saved: {line.kind.label}, {pounds(line.amount_pence)}.")
            self.show_claim(highlight=line.id if line else None)

        self.app.push_screen(form, saved)

    @on(DataTable.RowSelected, "#claim-lines")
    def _line_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.check_action("edit_line", ()):
            self.action_edit_line()
        elif self.view is not None:
            self.notify(
                f"Claim {self.view.claim.number} is {self.view.claim.status.label.lower()}, "
                "so its expenses cannot be changed."
            )

    @asks_name
    def action_remove_line(self) -> None:
        line = self.highlighted_line()
        if line is None or line.id is None or self.view is None:
            self.notify("There is no expense to remove.")
            return
        line_id = line.id
        claim_id = self.claim_id
        words = f"{line.kind.label}, {pounds(line.amount_pence)}"

        def answered(remove: bool | None) -> None:
            if remove:
                self.change(lambda: self.claims.remove_line(claim_id, line_id), f"Removed {words}.")

        self.app.push_screen(
            ConfirmScreen(
                "Remove this expense?",
                f"{words} comes off claim {self.view.claim.number}. The claim's history "
                "keeps a note of it.",
                yes="Remove it",
            ),
            answered,
        )

    @asks_name
    def action_change_payment(self) -> None:
        if self.view is None:
            return

        def saved(draft: object | None) -> None:
            if draft is not None:
                self.notify("Payment for time saved.")
            self.show_claim()

        self.app.push_screen(PaymentForm(self.claims, self.view), saved)

    @asks_name
    def action_submit_claim(self) -> None:
        self.change(lambda: self.claims.submit(self.claim_id), "Submitted: ready to approve.")

    @asks_name
    def action_send_back(self) -> None:
        self.change(
            lambda: self.claims.send_back(self.claim_id), "Sent back to draft: it can be changed."
        )

    @asks_name
    def action_approve(self) -> None:
        view = self.view
        if view is None:
            return
        if not view.problems:
            self.change(lambda: self.claims.approve(self.claim_id), "Approved.")
            return

        def answered(reason: str | None) -> None:
            if reason:
                self.change(
                    lambda: self.claims.approve(self.claim_id, override_reason=reason),
                    "Approved with an override.",
                )

        self.app.push_screen(self.override_form("Approve", "approved", view), answered)

    @staticmethod
    def override_form(doing: str, done: str, view: ClaimView) -> ReasonForm:
        return ReasonForm(
            f"{doing} claim {view.claim.number} with an override?",
            f"Why can it be {done} anyway?",
            explain="The policy is not met:\n" + problems_text(view.problems),
            save=f"{doing} with override",
            needed="Give a reason for the override: it is kept with the claim.",
        )

    @asks_name
    def action_reject(self) -> None:
        if self.view is None:
            return

        def answered(reason: str | None) -> None:
            if reason:
                self.change(lambda: self.claims.reject(self.claim_id, reason), "Rejected.")

        self.app.push_screen(
            ReasonForm(
                f"Reject claim {self.view.claim.number}?",
                "Why is it rejected?",
                explain="The reason is kept with the claim.",
                save="Reject the claim",
            ),
            answered,
        )

    @asks_name
    def action_mark_paid(self) -> None:
        self.change(lambda: self.claims.mark_paid(self.claim_id), "Marked paid.")

    @asks_name
    def action_pay_at_venue(self) -> None:
        view = self.view
        if view is None:
            return
        total = pounds(view.totals.total)

        def how_chosen(key: str | None) -> None:
            if key is None or self.view is None:
                return
            how = VenuePayment(key)
            if not self.view.problems:
                self.pay_at_venue(how, "")
                return

            def answered(reason: str | None) -> None:
                if reason:
                    self.pay_at_venue(how, reason)

            self.app.push_screen(self.override_form("Pay", "paid", self.view), answered)

        self.app.push_screen(
            ChoiceScreen(
                f"Paid at the venue: how was the {total} handed over?",
                [Choice(how.value, how.label) for how in VenuePayment],
                hint="Press 1 or 2. A receipt slip is written for the person to keep.",
            ),
            how_chosen,
        )

    def pay_at_venue(self, how: VenuePayment, reason: str) -> None:
        if self.change(
            lambda: self.claims.pay_at_venue(self.claim_id, how, override_reason=reason),
            f"Paid at the venue ({how.label.lower()}). Writing the receipt slip…",
        ):
            self.write_file("slip")

    @asks_name
    def action_cancel_claim(self) -> None:
        if self.view is None:
            return

        def answered(reason: str | None) -> None:
            if reason is not None:
                self.change(lambda: self.claims.cancel(self.claim_id, reason), "Cancelled.")

        self.app.push_screen(
            ReasonForm(
                f"Cancel claim {self.view.claim.number}?",
                "Why is it cancelled?",
                explain="A cancelled claim stays on record but is never paid. "
                "This cannot be undone.",
                required=False,
                save="Cancel the claim",
                keep="Keep the claim",
            ),
            answered,
        )

    @asks_name
    def action_reverse(self) -> None:
        if self.view is None:
            return
        number = self.view.claim.number

        def answered(reason: str | None) -> None:
            if not reason:
                return
            try:
                correction = self.claims.reverse(self.claim_id, reason)
            except FacilitatorError as error:
                self.notify(str(error), title="Not reversed", severity="warning")
                self.show_claim()
                return
            assert correction.id is not None
            self.notify(
                f"Claim {number} is reversed by the correcting claim {correction.number}, shown "
                "here. Start a new claim for the right amounts if something is still owed.",
                timeout=10,
            )
            self.claim_id = correction.id
            self.show_claim()

        self.app.push_screen(
            ReasonForm(
                f"Reverse claim {number}?",
                "Why is it being reversed?",
                explain="Approved and paid claims are never changed. A correcting claim is "
                "made that cancels out every amount on this one.",
                save="Reverse the claim",
            ),
            answered,
        )

    # --- files ------------------------------------------------------------

    def action_write_form(self) -> None:
        self.notify("Writing the claim form…")
        self.write_file("form")

    @work(thread=True, exit_on_error=False, group="claim-files")
    def write_file(self, which: str) -> None:
        """The claim form or the receipt slip, written from a data file opened in this
        thread (a connection belongs to the thread that made it)."""
        from exports.claim_forms import write_claim_form, write_receipt_slip
        from exports.files import export_folder, organisation, safe_file_name

        with Store.open(self.store.path, create=False) as store:
            view = Claims(store, today=self.claims.today, now=self.claims.now).view(self.claim_id)
            name = view.person.name or "person"
            if which == "slip":
                what, writer, stem = "Receipt slip", write_receipt_slip, "receipt"
            else:
                what, writer, stem = "Claim form", write_claim_form, "claim"
            path = export_folder(store) / safe_file_name(f"{stem}-{view.claim.number}-{name}.docx")
            written = writer(view, organisation(store), path)
        self.post_message(FileWritten(what, Path(written) if written else path))

    @on(FileWritten)
    def _file_written(self, event: FileWritten) -> None:
        self.notify(f"{event.what} written to {event.path}", timeout=10)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        say_worker_failed(self, event)
