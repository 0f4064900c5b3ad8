"""Expense claims and involvement payments, as plain dataclasses and enums.

Expenses (money back for what taking part cost) and involvement payments (payment
for time and expertise) are kept apart everywhere: they are taxed differently.
Every amount is integer pence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sessions.models import LabelledEnum


class ClaimStatus(LabelledEnum):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    PAID = "paid", "Paid"
    REJECTED = "rejected", "Rejected"
    CANCELLED = "cancelled", "Cancelled"

    @property
    def editable(self) -> bool:
        return self in (ClaimStatus.DRAFT, ClaimStatus.SUBMITTED)

    @property
    def counts(self) -> bool:
        """Money that is, or will be, paid: not rejected or cancelled."""
        return self not in (ClaimStatus.REJECTED, ClaimStatus.CANCELLED)


class PaymentChoice(LabelledEnum):
    """What the person chose to do with the payment for their time."""

    TAKE = "take", "Take the payment"
    LOWER = "lower", "Asked for a lower amount"
    VOUCHER = "voucher", "As a voucher"
    CHARITY = "charity", "Give it to a charity"
    DECLINE = "decline", "Declined the payment"


class VenuePayment(LabelledEnum):
    """Money handed over on the day, for finance to reconcile later."""

    CASH = "cash", "Cash"
    VOUCHER = "voucher", "Voucher"


class ExpenseKind(LabelledEnum):
    MILEAGE = "mileage", "Mileage"
    PUBLIC_TRANSPORT = "public_transport", "Public transport"
    TAXI = "taxi", "Taxi"
    PARKING = "parking", "Parking"
    CARE = "care", "Replacement or dependant care"
    SUPPORT = "support", "Personal assistant or support worker"
    INTERPRETER = "interpreter", "Interpreter"
    MEALS = "meals", "Meals"
    OTHER = "other", "Other"


HOURLY_KINDS = (ExpenseKind.CARE, ExpenseKind.SUPPORT, ExpenseKind.INTERPRETER)
"""Kinds paid by the hour: the hours are asked for (and needed for care), and the policy
may set a limit an hour."""


class Vehicle(LabelledEnum):
    CAR = "car", "Car or van"
    PASSENGER = "passenger", "Passenger in a car or van"
    MOTORCYCLE = "motorcycle", "Motorcycle"
    BICYCLE = "bicycle", "Bicycle"


@dataclass(frozen=True)
class ClaimLine:
    """One expense: what it was, how much, and the receipt."""

    kind: ExpenseKind
    amount_pence: int
    description: str = ""
    miles_hundredths: int = 0
    """Mileage only: miles travelled, in hundredths of a mile (12.5 miles is 1250)."""
    vehicle: Vehicle | None = None
    hours_hundredths: int = 0
    """Care, personal assistant or interpreter: hours, in hundredths of an hour."""
    why: str = ""
    """Taxi only: why a taxi was needed."""
    receipt_held: bool = False
    receipt_ref: str = ""
    id: int | None = None
    claim_id: int | None = None
    position: int = 0


@dataclass(frozen=True)
class Claim:
    """One person's claim for one session: their involvement payment and expenses."""

    session_id: int
    person_id: int
    status: ClaimStatus = ClaimStatus.DRAFT
    policy_version: int = 1
    started_on: dt.date | None = None
    minutes_there: int = 0
    worked_out_pence: int = 0
    """The involvement payment as the policy works it out, before any choice or change."""
    involvement_pence: int = 0
    """The involvement payment to pay."""
    choice: PaymentChoice = PaymentChoice.TAKE
    charity: str = ""
    amount_reason: str = ""
    """Why the involvement payment differs from what the policy works out."""
    not_there_reason: str = ""
    """Why someone who was not recorded as there may claim."""
    override_reason: str = ""
    """Why lines over a limit or without a needed receipt were approved anyway."""
    rejected_reason: str = ""
    cancelled_reason: str = ""
    venue_payment: VenuePayment | None = None
    corrects_id: int | None = None
    """The approved or paid claim this one reverses."""
    reversed_by_id: int | None = None
    submitted_at: dt.datetime | None = None
    approved_at: dt.datetime | None = None
    paid_at: dt.datetime | None = None
    id: int | None = None
    uid: str = ""

    @property
    def number(self) -> str:
        """What people quote to finance: 'C0042'."""
        return claim_number(self.id or 0)

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None


def claim_number(claim_id: int) -> str:
    return f"C{claim_id:04d}"


@dataclass(frozen=True)
class AuditEntry:
    """Who changed what in a claim, and when."""

    at: dt.datetime
    who: str
    claim_id: int | None
    action: str
    details: str = ""
    id: int | None = None
