"""Money and rules for claims, as pure functions over integer pence.

Nothing here reads the data file: the claims service (`sessions.claiming`) gathers
what a rule needs and stores what it decides. Each amount worked out comes with
how it was worked out, in words, so a facilitator can explain it to the person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from fractions import Fraction

from sessions.claim_models import Claim, ClaimLine, ClaimStatus, ExpenseKind, PaymentChoice, Vehicle
from sessions.clock import at_venue
from sessions.display import format_minutes, plural
from sessions.errors import FacilitatorError
from sessions.models import Attendance, Role, Session
from sessions.money import format_quantity, pounds, times
from sessions.payment_policy import InvolvementMode, PartHours, Policy

HUNDREDTHS = 100
UNPAID_WORDS = {
    Role.LIVED_EXPERIENCE: "people with lived experience",
    Role.CARER: "carers",
    Role.STAFF: "staff",
    Role.COMMISSIONER: "commissioners",
    Role.PROVIDER: "care providers",
    Role.COMMUNITY_SECTOR: "people from the voluntary or community sector",
    Role.OTHER: "people whose role is “Other”",
}
"""Who the policy does not pay for their time, as the sentence names them."""


@dataclass(frozen=True)
class Worked:
    """An amount the policy works out, and how, in words."""

    pence: int
    how: str


# --- time and the involvement payment -------------------------------------------


def minutes_there(session: Session, attendance: Attendance | None) -> int:
    """Minutes someone took part: from when they arrived (or the start) to when they
    left (or the end), within the session's times. Without times recorded for someone
    who came, the whole session."""
    if attendance is None or not attendance.status.attended:
        return 0
    start = at_venue(session.date, session.start)
    end = at_venue(session.date, session.end)
    came = max(start, attendance.arrived_at or start)
    went = min(end, attendance.left_at or end)
    return max(0, int((went - came).total_seconds() // 60))


def involvement(minutes: int, role: Role, policy: Policy) -> Worked:
    """The involvement payment for this much time, as the policy works it out."""
    if role not in policy.paid_roles:
        return Worked(0, f"The payment policy does not pay {UNPAID_WORDS[role]} for their time.")
    if minutes <= 0:
        return Worked(0, "Not recorded as taking part, so no payment for time is worked out.")
    there = format_minutes(minutes)
    if policy.involvement_mode is InvolvementMode.BANDS:
        band = next((b for b in policy.bands if minutes <= b.up_to_minutes), policy.bands[-1])
        return Worked(band.pence, f"There for {there}: {band.label.lower()}, {pounds(band.pence)}.")
    counted = policy.part_hours.counted(minutes)
    rate = pounds(policy.hourly_pence)
    pence = times(policy.hourly_pence, Fraction(counted, 60))
    if counted == minutes or policy.part_hours is PartHours.EXACT:
        return Worked(pence, f"There for {there} at {rate} an hour: {pounds(pence)}.")
    rounding = policy.part_hours.label[0].lower() + policy.part_hours.label[1:]
    return Worked(
        pence,
        f"There for {there}, counted {rounding} as {format_minutes(counted)}, "
        f"at {rate} an hour: {pounds(pence)}.",
    )


def choice_for(preference: str) -> PaymentChoice:
    """The claim's payment choice from the person's standing payment preference."""
    return {
        "voucher": PaymentChoice.VOUCHER,
        "decline": PaymentChoice.DECLINE,
        "charity": PaymentChoice.CHARITY,
    }.get(preference, PaymentChoice.TAKE)


def involvement_to_pay(
    worked_out: int, choice: PaymentChoice, amount: int | None, reason: str
) -> int:
    """The involvement payment to pay for this choice. Raises FacilitatorError in words
    when an amount is missing, too high for the choice, or changed without a reason."""
    if choice is PaymentChoice.DECLINE:
        return 0
    if choice is PaymentChoice.LOWER:
        if amount is None:
            raise FacilitatorError("Type the lower amount the person asked for.")
        if amount >= worked_out:
            raise FacilitatorError(
                f"A lower amount must be less than the {pounds(worked_out)} worked out."
            )
        return amount
    if amount is None or amount == worked_out:
        return worked_out
    if not reason.strip():
        raise FacilitatorError(
            f"Say why the payment is {pounds(amount)} and not the {pounds(worked_out)} "
            "the policy works out."
        )
    return amount


# --- expenses -------------------------------------------------------------------


def tax_year_start(day: dt.date) -> dt.date:
    """6 April on or before `day`: UK tax years run 6 April to 5 April."""
    start = dt.date(day.year, 4, 6)
    return start if day >= start else dt.date(day.year - 1, 4, 6)


def tax_year_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """6 April to 5 April of the tax year `day` is in."""
    start = tax_year_start(day)
    return start, dt.date(start.year + 1, 4, 5)


def tax_year_label(day: dt.date) -> str:
    start = tax_year_start(day)
    return f"{start.year}/{str(start.year + 1)[-2:]}"


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of the week `day` is in."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def mileage(
    miles_hundredths: int, vehicle: Vehicle, policy: Policy, miles_before_hundredths: int = 0
) -> Worked:
    """Mileage at the policy's rate, with the lower rate after the yearly step for cars
    and vans (`miles_before` is the person's miles already claimed this tax year)."""
    rate = policy.rate(vehicle)
    miles = Fraction(miles_hundredths, HUNDREDTHS)
    step = Fraction(policy.mileage_step_miles)
    before = Fraction(miles_before_hundredths, HUNDREDTHS)
    if rate.after_step_pence is None or before + miles <= step:
        pence = times(rate.pence, miles)
        return Worked(pence, f"{_miles(miles)} at {rate.pence}p a mile: {pounds(pence)}.")
    full = max(Fraction(0), min(miles, step - before))
    reduced = miles - full
    pence = times(rate.pence, full) + times(rate.after_step_pence, reduced)
    at_full = f"{_miles(full)} at {rate.pence}p and " if full else ""
    return Worked(
        pence,
        f"{at_full}{_miles(reduced)} at {rate.after_step_pence}p a "
        f"mile (after {policy.mileage_step_miles:,} miles this tax year): {pounds(pence)}.",
    )


def _miles(miles: Fraction) -> str:
    return "1 mile" if miles == 1 else f"{format_quantity(miles)} miles"


def line_problems(line: ClaimLine, policy: Policy) -> list[str]:
    """What is wrong with a line on its own: approving it needs an override with a reason."""
    rule = policy.rule(line.kind)
    problems = []
    name = line.kind.label
    if rule.receipt and line.amount_pence > rule.receipt_over_pence and not line.receipt_held:
        above = f" over {pounds(rule.receipt_over_pence)}" if rule.receipt_over_pence else ""
        problems.append(
            f"{name} {pounds(line.amount_pence)}: the policy needs a receipt{above}, "
            "and none is held."
        )
    cap = line_cap(line, policy)
    if cap is not None and line.amount_pence > cap.pence:
        problems.append(f"{name} {pounds(line.amount_pence)} is over the limit: {cap.how}")
    return problems


def line_cap(line: ClaimLine, policy: Policy) -> Worked | None:
    """The most the policy pays for this line on its own, if it has a limit."""
    rule = policy.rule(line.kind)
    if rule.hourly_cap_pence is not None and line.hours_hundredths:
        hours = Fraction(line.hours_hundredths, HUNDREDTHS)
        by_hours = times(rule.hourly_cap_pence, hours)
        hourly = f"{pounds(rule.hourly_cap_pence)} an hour for {format_quantity(hours)} hours"
        if rule.cap_pence is not None and rule.cap_pence < by_hours:
            return Worked(rule.cap_pence, f"{hourly}, at most {pounds(rule.cap_pence)} a session.")
        return Worked(by_hours, f"{hourly} is {pounds(by_hours)}.")
    if rule.cap_pence is not None:
        return Worked(rule.cap_pence, f"at most {pounds(rule.cap_pence)} a session.")
    return None


def kind_over_cap(lines: list[ClaimLine], policy: Policy) -> list[str]:
    """Kinds with several lines that together pass the per-session limit, though each
    line may be under it."""
    totals: dict[ExpenseKind, int] = {}
    counts: dict[ExpenseKind, int] = {}
    for line in lines:
        totals[line.kind] = totals.get(line.kind, 0) + line.amount_pence
        counts[line.kind] = counts.get(line.kind, 0) + 1
    problems = []
    for kind, total in totals.items():
        cap = policy.rule(kind).cap_pence
        if cap is not None and total > cap and counts[kind] > 1:
            problems.append(
                f"{kind.label} lines add up to {pounds(total)}, over the limit of "
                f"{pounds(cap)} a session."
            )
    return problems


def claim_problems(
    claim: Claim, lines: list[ClaimLine], policy: Policy, session_date: dt.date
) -> list[str]:
    """Everything about a claim that approving it would need an override for, in words."""
    problems = [p for line in lines for p in line_problems(line, policy)]
    problems += kind_over_cap(lines, policy)
    started = claim.started_on or session_date
    late = (started - session_date).days
    if late > policy.deadline_days:
        problems.append(
            f"Started {plural(late, 'day')} after the session; the policy's deadline is "
            f"{plural(policy.deadline_days, 'day')}."
        )
    if claim.not_there_reason:
        stop = "" if claim.not_there_reason.endswith((".", "!", "?")) else "."
        problems.append(f"Not recorded as there: {claim.not_there_reason}{stop}")
    if not claim.is_correction and claim.involvement_pence > claim.worked_out_pence:
        problems.append(
            f"The payment for time, {pounds(claim.involvement_pence)}, is more than the "
            f"{pounds(claim.worked_out_pence)} the policy works out."
        )
    return problems


# --- totals ---------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    """Expenses and involvement payments, kept apart: only the second is income."""

    expenses: int = 0
    involvement: int = 0

    @property
    def total(self) -> int:
        return self.expenses + self.involvement

    def __add__(self, other: Totals) -> Totals:
        return Totals(self.expenses + other.expenses, self.involvement + other.involvement)


def claim_totals(claim: Claim, lines: Iterable[ClaimLine]) -> Totals:
    return Totals(sum(line.amount_pence for line in lines), claim.involvement_pence)


# --- the workflow ---------------------------------------------------------------


TRANSITIONS: dict[str, tuple[tuple[ClaimStatus, ...], ClaimStatus]] = {
    "submit": ((ClaimStatus.DRAFT,), ClaimStatus.SUBMITTED),
    "return": ((ClaimStatus.SUBMITTED,), ClaimStatus.DRAFT),
    "approve": ((ClaimStatus.SUBMITTED,), ClaimStatus.APPROVED),
    "reject": ((ClaimStatus.SUBMITTED,), ClaimStatus.REJECTED),
    "pay": ((ClaimStatus.APPROVED,), ClaimStatus.PAID),
    "pay_at_venue": (
        (ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.APPROVED),
        ClaimStatus.PAID,
    ),
    "cancel": ((ClaimStatus.DRAFT, ClaimStatus.SUBMITTED), ClaimStatus.CANCELLED),
}
"""Each step: the statuses it may start from, and where it leads."""

STEP_WORDS = {
    "submit": "submitted",
    "return": "sent back to draft",
    "approve": "approved",
    "reject": "rejected",
    "pay": "marked paid",
    "pay_at_venue": "paid at the venue",
    "cancel": "cancelled",
}


def next_status(status: ClaimStatus, step: str) -> ClaimStatus:
    """Where a step takes a claim; raises FacilitatorError in words if it cannot."""
    starts, leads_to = TRANSITIONS[step]
    if status in starts:
        return leads_to
    can = " or ".join(s.label.lower() for s in starts)
    article = "an" if can[0] in "aeiou" else "a"
    raise FacilitatorError(
        f"A claim that is {status.label.lower()} cannot be {STEP_WORDS[step]}: only "
        f"{article} {can} claim can."
    )


def allowed_steps(status: ClaimStatus) -> list[str]:
    return [step for step, (starts, _) in TRANSITIONS.items() if status in starts]


def can_reverse(claim: Claim) -> bool:
    """Approved and paid claims are never edited: a correcting entry reverses them."""
    return (
        claim.status in (ClaimStatus.APPROVED, ClaimStatus.PAID)
        and claim.reversed_by_id is None
        and not claim.is_correction
    )


def reversing_lines(lines: Iterable[ClaimLine]) -> list[ClaimLine]:
    """The lines of a correcting entry: each line of the original, negated."""
    return [
        replace(line, amount_pence=-line.amount_pence, id=None, claim_id=None) for line in lines
    ]
