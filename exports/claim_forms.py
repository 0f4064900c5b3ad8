"""Claim forms to sign, receipt slips for money paid at the venue, and blank forms.

Every document keeps expenses (money back for what taking part cost) apart from
the payment for time (income, which may need telling HMRC or the benefits
office), as FACTS.md asks. All three follow the order of the claim screen: who and
which session, time there and the payment for time, expenses, totals, anything to
check, status, then the declaration and signatures. Nothing about a person's
access needs is ever written here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from exports import word
from exports.files import safe_file_name
from sessions.claim_models import (
    HOURLY_KINDS,
    AuditEntry,
    Claim,
    ClaimLine,
    ClaimStatus,
    ExpenseKind,
    PaymentChoice,
    claim_number,
)
from sessions.claiming import ClaimView, quantity_words
from sessions.claims import STEP_WORDS
from sessions.clock import local_time, venue_date
from sessions.display import format_date, format_minutes
from sessions.errors import FacilitatorError
from sessions.money import pounds
from sessions.payment_policy import InvolvementMode, KindRule, PartHours, Policy

if TYPE_CHECKING:
    from docx.document import Document

SLIP_PT = 14
"""Receipt slips are read on the spot, often without glasses: larger text."""
INCOME_NOTE = (
    "The payment for time (an involvement payment) counts as income. You may need to "
    "tell HMRC (the tax office) or the benefits office about it. Expenses paid back at "
    "cost do not count as income."
)
BENEFITS_NOTE = (
    "If you get benefits, please ask for advice before you choose, as the payment for "
    "your time counts as income. You can take it, ask for less, ask for a voucher, give "
    "it to a charity or say no to it."
)
SIGNATURE_HEADERS = ("Who signs", "Name", "Signature", "Date")
SIGNATURE_WIDTHS = (40, 45, 55, 30)
SIGNATURE_ROW_MM = 16
WRITE_ROW_MM = 10
"""Room to write a line by hand."""


# --- file names ------------------------------------------------------------------


def claim_form_name(view: ClaimView) -> str:
    """'claim-C0042-Fiona-Chaudhry.docx'."""
    return safe_file_name(f"claim-{view.claim.number}-{view.person.name}.docx")


def receipt_slip_name(view: ClaimView) -> str:
    return safe_file_name(f"receipt-{view.claim.number}-{view.person.name}.docx")


BLANK_FORM_NAME = "blank-claim-form.docx"


# --- the claim form ----------------------------------------------------------------


def claim_title(claim: Claim) -> str:
    if claim.is_correction and claim.corrects_id is not None:
        return f"Claim {claim.number}: correction of claim {claim_number(claim.corrects_id)}"
    return f"Claim {claim.number}: expenses and payment for taking part"


def write_claim_form(view: ClaimView, organisation: str, path: Path) -> Path:
    """A claim form ready to sign, written whole or not at all; returns the path."""
    claim = view.claim
    title = claim_title(claim)
    doc = word.new_document(
        title,
        organisation,
        subject=f"Claim form for {view.session.title}",
        keywords="claim, expenses, involvement payment",
    )
    word.heading(doc, title, 1)
    if claim.is_correction and claim.corrects_id is not None:
        word.paragraph(
            doc,
            f"This claim cancels out claim {claim_number(claim.corrects_id)}, line by line. "
            f"Why: {(claim.amount_reason or 'not given').rstrip('.')}.",
        )
    _who_and_where(doc, view)
    _payment_for_time(doc, view)
    _expenses(doc, view)
    _totals(doc, view)
    _to_check(doc, view)
    _status(doc, view)
    word.heading(doc, "Declaration", 2)
    word.paragraph(doc, view.policy.declaration)
    _signatures(
        doc,
        [("The person claiming", view.person.name), ("Approved by", approver(view.audit))],
        caption=f"Signatures for claim {claim.number}",
    )
    return word.save(doc, path)


def _who_and_where(doc: Document, view: ClaimView) -> None:
    session = view.session
    word.heading(doc, "Who and which session", 2)
    word.paragraph(doc, view.person.name, label="Name: ")
    word.paragraph(doc, view.person.role.label, label="Taking part as: ")
    word.paragraph(doc, session.title, label="Session: ")
    word.paragraph(doc, format_date(session.date), label="Date: ")
    if session.venue.strip():
        word.paragraph(doc, session.venue, label="Venue: ")
    word.paragraph(doc, view.claim.number, label="Claim number: ")


def _payment_for_time(doc: Document, view: ClaimView) -> None:
    claim = view.claim
    word.heading(doc, "Time there and payment for time", 2)
    word.paragraph(doc, INCOME_NOTE)
    if claim.minutes_there:
        word.paragraph(doc, format_minutes(claim.minutes_there), label="Time there: ")
    if not claim.is_correction:
        word.paragraph(doc, view.worked_out.how, label="How it was worked out: ")
    word.paragraph(doc, choice_words(claim), label="Your choice: ")
    word.paragraph(doc, pounds(claim.involvement_pence), label="Payment for time: ")
    if claim.amount_reason and not claim.is_correction:
        word.paragraph(doc, claim.amount_reason, label="Why the amount is different: ")


def choice_words(claim: Claim) -> str:
    """'Give it to a charity: Mind', 'Declined the payment'."""
    if claim.choice is PaymentChoice.CHARITY and claim.charity:
        return f"{claim.choice.label}: {claim.charity}"
    return claim.choice.label


def line_details(line: ClaimLine, how: str = "") -> str:
    """What a line was, in words: 'Car or van: 12.5 miles at 45p a mile: £5.63.',
    '3 hours', 'Why a taxi: ...'."""
    parts = []
    if line.kind is ExpenseKind.MILEAGE:
        vehicle = line.vehicle.label if line.vehicle else "Vehicle not given"
        miles = quantity_words(abs(line.miles_hundredths), "mile")
        parts.append(f"{vehicle}: {how.rstrip('.') if how else miles}")
    if line.hours_hundredths:
        parts.append(quantity_words(abs(line.hours_hundredths), "hour"))
    if line.why:
        parts.append(f"Why a taxi: {line.why}")
    if line.description:
        parts.append(line.description)
    return ". ".join(part.rstrip(".") for part in parts) + ("." if parts else "")


def receipt_words(line: ClaimLine) -> str:
    if not line.receipt_held:
        return "No"
    return f"Yes, {line.receipt_ref}" if line.receipt_ref else "Yes"


def _expenses(doc: Document, view: ClaimView) -> None:
    word.heading(doc, "Expenses", 2)
    if not view.lines:
        word.paragraph(doc, "No expenses are claimed.")
        return
    rows = [
        [
            line.kind.label,
            line_details(line, view.how_lines.get(line.id or 0, "")),
            receipt_words(line),
            pounds(line.amount_pence),
        ]
        for line in view.lines
    ]
    rows.append(["Total expenses", "", "", pounds(view.totals.expenses)])
    word.table(
        doc,
        ("Kind", "Details", "Receipt held", "Amount"),
        rows,
        caption=f"Expenses claimed on claim {view.claim.number}",
        widths_mm=(38, 75, 30, 27),
        bold_last_row=True,
        right_columns=(3,),
    )


def _totals(doc: Document, view: ClaimView) -> None:
    word.heading(doc, "Totals", 2)
    totals = view.totals
    word.table(
        doc,
        ("What", "Amount"),
        [
            ["Expenses", pounds(totals.expenses)],
            ["Payment for time", pounds(totals.involvement)],
            ["Total", pounds(totals.total)],
        ],
        caption=f"Totals for claim {view.claim.number}",
        widths_mm=(120, 50),
        bold_last_row=True,
        right_columns=(1,),
    )


def _to_check(doc: Document, view: ClaimView) -> None:
    claim = view.claim
    override = "" if claim.is_correction else claim.override_reason
    if not view.problems and not override:
        return
    word.heading(doc, "To check", 2)
    if view.problems:
        word.paragraph(doc, "Approving this claim needs an override with a reason:")
        word.bullets(doc, view.problems)
    if override:
        word.paragraph(doc, override, label="Approved anyway because: ")


def _status(doc: Document, view: ClaimView) -> None:
    claim = view.claim
    word.heading(doc, "Status", 2)
    word.paragraph(doc, status_words(claim), label="Status: ")
    for label, moment in (
        ("Submitted: ", claim.submitted_at),
        ("Approved: ", claim.approved_at),
        ("Paid: ", claim.paid_at),
    ):
        if moment is not None:
            word.paragraph(doc, moment_words(moment), label=label)
    if claim.status is ClaimStatus.REJECTED and claim.rejected_reason:
        word.paragraph(doc, claim.rejected_reason, label="Why it was rejected: ")
    if claim.status is ClaimStatus.CANCELLED and claim.cancelled_reason:
        word.paragraph(doc, claim.cancelled_reason, label="Why it was cancelled: ")
    if claim.reversed_by_id is not None:
        word.paragraph(
            doc, f"This claim was reversed by claim {claim_number(claim.reversed_by_id)}."
        )


def status_words(claim: Claim) -> str:
    if claim.status is ClaimStatus.PAID and claim.venue_payment is not None:
        return f"Paid at the venue ({claim.venue_payment.label.lower()})"
    return claim.status.label


def moment_words(moment: dt.datetime) -> str:
    """'Thu 3 Dec 2026 at 10:42', in the venue's time."""
    return f"{format_date(venue_date(moment))} at {local_time(moment)}"


def _signatures(doc: Document, who: list[tuple[str, str]], *, caption: str) -> None:
    """Labelled boxes to sign and date: tall empty cells, not empty paragraphs."""
    word.heading(doc, "Signatures", 2)
    word.table(
        doc,
        SIGNATURE_HEADERS,
        [[label, name, "", ""] for label, name in who],
        caption=caption,
        widths_mm=SIGNATURE_WIDTHS,
        min_row_mm=SIGNATURE_ROW_MM,
    )


# --- the receipt slip ----------------------------------------------------------------


def write_receipt_slip(view: ClaimView, organisation: str, path: Path) -> Path:
    """A short slip for money handed over at the venue, in large text, for the person to
    keep and finance to reconcile later."""
    claim = view.claim
    if claim.venue_payment is None:
        raise FacilitatorError(
            f"Claim {claim.number} was not paid at the venue, so it has no receipt slip."
        )
    title = f"Paid at the venue: claim {claim.number}"
    doc = word.new_document(
        title,
        organisation,
        base_pt=SLIP_PT,
        subject=f"Receipt for money paid at {view.session.title}",
        keywords="receipt, paid at the venue",
    )
    handed = _handed_over(view.audit)
    word.heading(doc, title, 1)
    word.paragraph(doc, view.person.name, label="Paid to: ")
    word.paragraph(
        doc, f"{view.session.title}, {format_date(view.session.date)}", label="Session: "
    )
    if claim.paid_at is not None:
        word.paragraph(doc, moment_words(claim.paid_at), label="Paid on: ")
    word.paragraph(doc, claim.venue_payment.label, label="Paid in: ")
    word.paragraph(doc, claim.number, label="Claim number: ")
    word.table(
        doc,
        ("What", "Amount"),
        [
            ["Expenses", pounds(view.totals.expenses)],
            [_time_row_label(claim), pounds(view.totals.involvement)],
            ["Total handed over", pounds(view.totals.total)],
        ],
        caption=f"Money handed over for claim {claim.number}",
        widths_mm=(110, 60),
        bold_last_row=True,
        right_columns=(1,),
    )
    word.paragraph(doc, INCOME_NOTE)
    _signatures(
        doc,
        [("Received by", view.person.name), ("Handed over by", handed.who if handed else "")],
        caption=f"Signatures for the money handed over on claim {claim.number}",
    )
    return word.save(doc, path)


def _time_row_label(claim: Claim) -> str:
    if claim.choice in (PaymentChoice.DECLINE, PaymentChoice.CHARITY, PaymentChoice.VOUCHER):
        return f"Payment for time ({choice_words(claim).lower()})"
    return "Payment for time"


def approver(audit: list[AuditEntry]) -> str:
    """Who approved the claim (or paid it at the venue, which approves it), if anyone."""
    steps = (STEP_WORDS["approve"], STEP_WORDS["pay_at_venue"])
    return next((entry.who for entry in reversed(audit) if entry.action in steps), "")


def _handed_over(audit: list[AuditEntry]) -> AuditEntry | None:
    """The audit entry of the payment at the venue: who handed the money over."""
    words = STEP_WORDS["pay_at_venue"]
    return next((entry for entry in reversed(audit) if entry.action == words), None)


# --- the blank form --------------------------------------------------------------


def write_blank_claim_form(policy: Policy, organisation: str, path: Path) -> Path:
    """A claim form to fill in on paper, in the same order as the claim screen."""
    title = "Claim form: expenses and payment for taking part"
    doc = word.new_document(
        title,
        organisation,
        subject="Blank claim form",
        keywords="claim form, expenses, involvement payment",
    )
    word.heading(doc, title, 1)
    word.paragraph(
        doc,
        "Fill in this form to claim back what taking part cost you, and the payment for "
        "your time. Write in the boxes and tick the ones that apply.",
    )
    word.heading(doc, "Your details", 2)
    _write_in(doc, ["Your name", "Your phone number or email"], "Your details")
    word.heading(doc, "The session", 2)
    _write_in(doc, ["Name of the session", "Date", "Venue"], "The session")

    word.heading(doc, "Time there and payment for time", 2)
    word.paragraph(doc, involvement_rule_words(policy))
    _write_in(doc, ["Time you arrived", "Time you left"], "Time you took part")
    word.paragraph(doc, BENEFITS_NOTE)
    word.table(
        doc,
        ("Tick one", "What you would like", "Details"),
        [[word.BOX, BLANK_CHOICES[c], _choice_detail(c)] for c in PaymentChoice],
        caption="Your choice for the payment for your time",
        widths_mm=(22, 80, 68),
        min_row_mm=WRITE_ROW_MM,
    )

    word.heading(doc, "Expenses", 2)
    word.paragraph(doc, "Put one kind of expense on each line. Attach receipts if you have them.")
    word.table(
        doc,
        ("Kind", "Details", "Receipt held", "Amount"),
        [[_kind_prompt(kind), "", f"{word.BOX} Yes   {word.BOX} No", ""] for kind in ExpenseKind],
        caption="Expenses you are claiming",
        widths_mm=(55, 60, 30, 25),
        min_row_mm=WRITE_ROW_MM,
    )

    word.heading(doc, "Totals", 2)
    _write_in(doc, ["Expenses", "Payment for time", "Total"], "Totals", widths_mm=(60, 60, 50))

    word.heading(doc, "Rates and limits", 2)
    word.paragraph(doc, "What the payment policy pays, and when a receipt is needed:")
    word.bullets(doc, policy_words(policy))

    word.heading(doc, "Declaration", 2)
    word.paragraph(doc, policy.declaration)
    _signatures(
        doc,
        [("You", ""), ("Approved by", "")],
        caption="Signatures for this claim",
    )
    return word.save(doc, path)


def _write_in(
    doc: Document, labels: list[str], caption: str, widths_mm: tuple[float, ...] | None = None
) -> None:
    word.form_table(doc, labels, caption=caption, height_mm=WRITE_ROW_MM + 2, widths_mm=widths_mm)


BLANK_CHOICES = {
    PaymentChoice.TAKE: "Take the payment",
    PaymentChoice.LOWER: "A lower amount",
    PaymentChoice.VOUCHER: "A voucher instead",
    PaymentChoice.CHARITY: "Give it to a charity",
    PaymentChoice.DECLINE: "No payment, thank you",
}
"""The payment choices as a person ticks them on paper."""


def _choice_detail(choice: PaymentChoice) -> str:
    return {
        PaymentChoice.LOWER: "Amount: £",
        PaymentChoice.CHARITY: "Name of the charity:",
        PaymentChoice.VOUCHER: "For the same amount",
    }.get(choice, "")


def _kind_prompt(kind: ExpenseKind) -> str:
    """The kind, and what to write for it."""
    if kind is ExpenseKind.MILEAGE:
        return f"{kind.label}: write the miles and the vehicle (we work out the amount)"
    if kind is ExpenseKind.TAXI:
        return f"{kind.label}: say why you needed one"
    if kind in HOURLY_KINDS:
        return f"{kind.label}: write the hours"
    return kind.label


def involvement_rule_words(policy: Policy) -> str:
    """How the payment for time is worked out, in a sentence or two."""
    roles = sorted(role.label.lower() for role in policy.paid_roles)
    who = (
        f"The payment for time is for people taking part as: {', '.join(roles)}."
        if roles
        else "The payment policy does not pay anyone for their time."
    )
    if policy.involvement_mode is InvolvementMode.BANDS:
        bands = "; ".join(f"{b.label.lower()}, {pounds(b.pence)}" for b in policy.bands)
        return f"{who} The payment for time is a fixed amount: {bands}."
    rounding = (
        "to the minute"
        if policy.part_hours is PartHours.EXACT
        else policy.part_hours.label[0].lower() + policy.part_hours.label[1:]
    )
    return (
        f"{who} The payment for time is {pounds(policy.hourly_pence)} an hour. Part of an "
        f"hour is counted {rounding}."
    )


def policy_words(policy: Policy) -> Iterator[str]:
    """Each rate and limit of the policy as one plain sentence."""
    for vehicle, rate in policy.mileage.items():
        text = f"{vehicle.label}: {rate.pence}p a mile"
        if rate.after_step_pence is not None and rate.after_step_pence != rate.pence:
            text += (
                f", then {rate.after_step_pence}p a mile after "
                f"{policy.mileage_step_miles:,} miles in a tax year"
            )
        yield text + "."
    for kind in ExpenseKind:
        if kind is ExpenseKind.MILEAGE:
            continue
        yield f"{kind.label}: {_rule_words(policy.rule(kind))}."
    yield f"Send in your claim within {policy.deadline_days} days of the session."


def _rule_words(rule: KindRule) -> str:
    if not rule.receipt:
        words = "no receipt needed"
    elif rule.receipt_over_pence:
        words = f"a receipt is needed over {pounds(rule.receipt_over_pence)}"
    else:
        words = "a receipt is needed"
    if rule.hourly_cap_pence is not None:
        words += f", up to {pounds(rule.hourly_cap_pence)} an hour"
    if rule.cap_pence is not None:
        words += f", at most {pounds(rule.cap_pence)} a session"
    return words
