"""The CSV that finance loads: one row per expense line and per payment for time.

UTF-8 with a byte order mark, so Excel shows £ and accents. Expenses and
involvement payments are told apart in their own column (FACTS.md: only the second
is income). Rows are written as the data file gives them, one at a time, and the
file is checked against the claims' totals before it is put in place: a file that
does not add up is never left behind.
"""

from __future__ import annotations

import csv
import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from exports.files import atomic_write
from sessions.claim_models import Claim, ClaimStatus, ExpenseKind, PaymentChoice, claim_number
from sessions.claiming import quantity_words
from sessions.clock import venue_date
from sessions.errors import FacilitatorError
from sessions.money import pounds, pounds_plain
from sessions.payment_policy import Policy
from sessions.store import Store
from sessions.store.claims import ClaimFilter, CsvLine

COLUMNS = (
    "Claim",
    "Person",
    "Session",
    "Session date",
    "Type",
    "Kind",
    "Description",
    "Cost code",
    "Amount",
    "Receipt",
    "Receipt reference",
    "Status",
    "Override reason",
    "Paid on",
    "Paid how",
)
NEVER_SENT = (ClaimStatus.REJECTED, ClaimStatus.CANCELLED)
"""Claims that are not to be paid never reach finance, so the file sums to what is owed."""
EXPENSE = "Expense"
INVOLVEMENT = "Involvement payment"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may take as the start of a formula (OWASP's CSV injection list)."""
PROGRESS_EVERY = 200


class ExportStopped(FacilitatorError):
    """The export was stopped before it finished: no file was written."""


@dataclass(frozen=True)
class CsvSummary:
    rows: int
    total_pence: int
    expenses_pence: int
    involvement_pence: int
    claims: int
    path: Path | None = None


def write_finance_csv(
    store: Store,
    wanted: ClaimFilter,
    path: Path,
    *,
    progress: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
) -> CsvSummary:
    """Write the claims `wanted` to `path` for finance, and check the file adds up.

    `progress` is told the number of rows written now and then; setting `cancel`
    stops the export and leaves no file. Raises FacilitatorError in words if the
    folder cannot be written, or if the rows do not add up to the claims' totals
    (which would be a bug, so the file is not kept).
    """
    wanted = for_finance(wanted)
    rows = Rows(store)
    with atomic_write(Path(path), "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for line in store.claims.csv_lines(wanted):
            if cancel is not None and cancel.is_set():
                raise ExportStopped("The export was stopped, so no file was written.")
            writer.writerow(rows.row(line))
            if progress is not None and rows.count % PROGRESS_EVERY == 0:
                progress(rows.count)
        claims = check_totals(store, wanted, rows)
    if progress is not None:
        progress(rows.count)
    return CsvSummary(
        rows=rows.count,
        total_pence=rows.expenses + rows.involvement,
        expenses_pence=rows.expenses,
        involvement_pence=rows.involvement,
        claims=claims,
        path=Path(path),
    )


def for_finance(wanted: ClaimFilter) -> ClaimFilter:
    """The same claims, leaving out rejected and cancelled ones (raises in words if
    nothing else was asked for)."""
    statuses = wanted.statuses or tuple(ClaimStatus)
    kept = tuple(status for status in statuses if status not in NEVER_SENT)
    if not kept:
        raise FacilitatorError(
            "Rejected and cancelled claims are not sent to finance: they are not to be paid. "
            "See them on the Claims screen or with 'facilitator claims list'."
        )
    return replace(wanted, statuses=kept)


class Rows:
    """Turns each CsvLine into a row, keeping the sums and the policies it needs.

    Rows come claim by claim: what a claim's rows share (its number, who, which
    session, how it was paid) is worked out once, for the claim being written, and
    the cells for a kind of expense once for each policy."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.policies: dict[int, Policy] = {}
        self.kinds: dict[tuple[int, ExpenseKind], tuple[str, str]] = {}
        self.claim: Claim | None = None
        self.shared: _Shared | None = None
        self.count = 0
        self.expenses = 0
        self.involvement = 0

    def policy(self, version: int) -> Policy:
        if version not in self.policies:
            self.policies[version] = self.store.policies.version(version)
        return self.policies[version]

    def claim_of(self, line: CsvLine) -> Claim:
        """The line's claim: read with it, or (for a line made without one) asked for."""
        if line.claim is not None:
            return line.claim
        if self.claim is None or self.claim.id != line.claim_id:
            self.claim = self.store.claims.get(line.claim_id)
        return self.claim

    def shared_by(self, line: CsvLine) -> _Shared:
        claim = self.claim_of(line)
        if self.shared is None or self.shared.claim is not claim:
            self.shared = _Shared(
                claim,
                self.policy(claim.policy_version),
                claim_number(line.claim_id),
                safe_cell(line.person_name),
                safe_cell(line.session_title),
                line.session_date.isoformat(),
                (
                    f"Reverses claim {claim_number(claim.corrects_id)}"
                    if claim.corrects_id is not None
                    else ""
                ),
                line.status.label,
                safe_cell(claim.override_reason),
                local_date(claim.paid_at),
                paid_how(claim),
            )
        return self.shared

    def kind_cells(self, policy: Policy, kind: ExpenseKind) -> tuple[str, str]:
        """The Kind and Cost code cells of an expense under this policy."""
        key = (policy.version, kind)
        if key not in self.kinds:
            self.kinds[key] = (safe_cell(kind.label), safe_cell(policy.rule(kind).cost_code))
        return self.kinds[key]

    def row(self, line: CsvLine) -> list[str]:
        shared = self.shared
        if shared is None or line.claim is None or shared.claim is not line.claim:
            shared = self.shared_by(line)
        self.count += 1
        if line.kind is None:
            receipt = ""  # a payment for time has no receipt
            self.involvement += line.amount_pence
            kind_type = INVOLVEMENT
            kind_text = safe_cell(_choice_label(line.description))
            cost_code = safe_cell(shared.policy.involvement_cost_code)
            description = involvement_details(shared.claim)
        else:
            receipt = "Yes" if line.receipt_held else "No"
            self.expenses += line.amount_pence
            kind_type = EXPENSE
            kind_text, cost_code = self.kind_cells(shared.policy, line.kind)
            description = line_details(line)
        if shared.reverses:
            description = f"{shared.reverses}: {description}" if description else shared.reverses
        return [
            shared.number,
            shared.person,
            shared.session,
            shared.session_date,
            kind_type,
            kind_text,
            safe_cell(description),
            cost_code,
            pounds_plain(line.amount_pence),
            receipt,
            safe_cell(line.receipt_ref),
            shared.status,
            shared.override_reason,
            shared.paid_on,
            shared.paid_how,
        ]


class _Shared(NamedTuple):
    """The cells every row of one claim has in common."""

    claim: Claim
    policy: Policy
    number: str
    person: str
    session: str
    session_date: str
    reverses: str
    status: str
    override_reason: str
    paid_on: str
    paid_how: str


def line_details(line: CsvLine) -> str:
    """What finance needs to check a line: the miles and vehicle, the hours, why a taxi."""
    if not (line.miles_hundredths or line.hours_hundredths or line.why):
        return line.description  # most lines: a fare, a ticket
    parts = []
    if line.miles_hundredths:
        vehicle = f", {line.vehicle.label.lower()}" if line.vehicle else ""
        parts.append(f"{quantity_words(line.miles_hundredths, 'mile')}{vehicle}")
    if line.hours_hundredths:
        parts.append(quantity_words(line.hours_hundredths, "hour"))
    if line.why:
        parts.append(f"why a taxi: {line.why}")
    if line.description:
        parts.append(line.description)
    return "; ".join(parts)


def involvement_details(claim: Claim) -> str:
    """The charity, and a payment that differs from what the policy works out, with why."""
    parts = []
    if claim.choice is PaymentChoice.CHARITY and claim.charity:
        parts.append(f"to {claim.charity}")
    if claim.corrects_id is None and claim.involvement_pence != claim.worked_out_pence:
        parts.append(f"worked out {pounds(claim.worked_out_pence)}")
        if claim.amount_reason:
            parts.append(claim.amount_reason)
    return "; ".join(parts)


def local_date(moment: dt.datetime | None) -> str:
    return venue_date(moment).isoformat() if moment is not None else ""


def paid_how(claim: Claim) -> str:
    if claim.venue_payment is not None:
        return f"At the venue: {claim.venue_payment.label.lower()}"
    return "Paid" if claim.status is ClaimStatus.PAID else ""


def _choice_label(value: str) -> str:
    try:
        return PaymentChoice(value).label
    except ValueError:
        return value


def safe_cell(text: str) -> str:
    """Text a spreadsheet will show, never run: a leading = + - @ gets an apostrophe."""
    if not text:
        return ""
    if not text.isprintable():  # a line break or another control character
        text = " ".join(text.splitlines())
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def check_totals(store: Store, wanted: ClaimFilter, rows: Rows) -> int:
    """The rows must add up to the claims' own totals, expenses and payments for time
    apart. The totals are summed by the data file from the claims and their lines (not
    from the rows), leaving out rejected and cancelled claims as the Claims screen's
    totals and the file do, so the two must agree exactly.
    Returns the number of claims the file covers."""
    sums = store.claims.sums(wanted)
    expenses, involvement = sums.expenses_pence, sums.involvement_pence
    if (expenses, involvement) != (rows.expenses, rows.involvement):
        raise FacilitatorError(
            "The finance file did not add up, so it was not saved: its rows come to "
            f"{pounds(rows.expenses)} of expenses and {pounds(rows.involvement)} of payments "
            f"for time, but the claims come to {pounds(expenses)} and {pounds(involvement)}. "
            "This is a fault in Facilitator; please report it."
        )
    return sums.claims
