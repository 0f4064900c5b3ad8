"""Making, checking and paying claims: the rules of `sessions.claims` over the store.

`Claims` is what the screens and the CLI ask. It reads what a rule needs (the
person, the session, their attendance, the policy the claim was worked out under),
applies the rule, and stores the result with an audit entry saying who and when.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from fractions import Fraction

from sessions.claim_models import (
    HOURLY_KINDS,
    AuditEntry,
    Claim,
    ClaimLine,
    ClaimStatus,
    ExpenseKind,
    PaymentChoice,
    Vehicle,
    VenuePayment,
    claim_number,
)
from sessions.claims import (
    HUNDREDTHS,
    STEP_WORDS,
    Totals,
    Worked,
    allowed_steps,
    can_reverse,
    choice_for,
    claim_problems,
    claim_totals,
    involvement,
    involvement_to_pay,
    mileage,
    minutes_there,
    next_status,
    reversing_lines,
    tax_year_label,
    tax_year_of,
    week_of,
)
from sessions.clock import now_utc, today_at_venue
from sessions.display import format_date
from sessions.errors import FacilitatorError, ValidationError
from sessions.models import Person, Session
from sessions.money import format_hundredths, parse_pounds, parse_quantity, pounds
from sessions.payment_policy import Policy
from sessions.store import Store
from sessions.store.claims import ClaimFilter, ClaimRow

USER_NAME = "user_name"
"""The setting that names who is using the app, for the audit log."""
TEXT_LIMITS = {"description": 200, "why": 300, "receipt_ref": 60, "reason": 500, "charity": 120}
HOURS_MOST = 24
CHANGED_WITH_REASON = (PaymentChoice.TAKE, PaymentChoice.VOUCHER, PaymentChoice.CHARITY)
"""Choices where an amount other than the one worked out needs a reason."""


class NeedsConfirming(FacilitatorError):
    """A large amount that may be a typing slip: saving it again with confirmation works."""


class NeedsReason(FacilitatorError):
    """A step that is allowed only with a reason, such as a claim for someone not there."""


@dataclass(frozen=True)
class LineInput:
    """An expense line as typed in a form or on the command line."""

    kind: ExpenseKind
    amount: str = ""
    description: str = ""
    miles: str = ""
    vehicle: Vehicle | None = None
    hours: str = ""
    why: str = ""
    receipt_held: bool = False
    receipt_ref: str = ""
    confirmed: bool = False
    """The person typing has confirmed a large amount."""


@dataclass(frozen=True)
class ClaimView:
    """Everything the claim screen and the claim form show, worked out once."""

    claim: Claim
    person: Person
    session: Session
    lines: list[ClaimLine]
    policy: Policy
    worked_out: Worked
    how_lines: dict[int, str]
    """Per line id: how its amount was worked out (mileage), in words."""
    problems: list[str]
    """What approving needs an override for."""
    warnings: list[str]
    """Permitted Work and tax-year limits: worth telling the person, not blocking."""
    totals: Totals
    steps: list[str]
    reversible: bool
    attended: bool
    audit: list[AuditEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Listing:
    rows: list[ClaimRow]
    totals: Totals
    """Of the claims shown that count: rejected and cancelled ones are left out."""


@dataclass(frozen=True)
class Page:
    """One page of the claims list, with the count and totals of every claim wanted."""

    rows: list[ClaimRow]
    first: int
    """How many of the claims wanted come before this page."""
    matching: int
    """How many claims are wanted in all, on every page."""
    totals: Totals
    """Of every claim wanted that counts, on every page: rejected and cancelled ones
    are left out."""

    @property
    def end(self) -> int:
        """How many of the claims wanted come before the next page."""
        return self.first + len(self.rows)


@dataclass(frozen=True)
class BulkResult:
    done: list[str]
    refused: list[str]
    """One sentence per claim that could not be changed."""


class Claims:
    """Claims for one data file, changed in the name of one user."""

    def __init__(
        self,
        store: Store,
        *,
        who: str | None = None,
        today: Callable[[], dt.date] = today_at_venue,
        now: Callable[[], dt.datetime] = now_utc,
    ) -> None:
        self.store = store
        self.who = who or user_name(store)
        self.today = today
        self.now = now

    # --- the policy ---

    def policy(self) -> Policy:
        return self.store.policies.current()

    def save_policy(self, policy: Policy) -> Policy:
        """Keep a changed policy as a new version; claims keep the version they had."""
        return self.store.policies.save(policy)

    # --- starting and reading a claim ---

    def start(self, session_id: int, person_id: int, not_there_reason: str = "") -> Claim:
        """The person's open claim for the session, or a new one worked out from the time
        they were there. Someone not recorded as there may claim only with a reason."""
        existing = self.store.claims.open_for(session_id, person_id)
        if existing is not None:
            return existing
        session = self.store.sessions.get(session_id)
        person = self.store.people.get(person_id)
        attendance = self.store.attendance.get(session_id, person_id)
        attended = attendance is not None and attendance.status.attended
        reason = _limited(not_there_reason, "reason")
        if not attended and not reason:
            raise NeedsReason(
                f"{person.name} is not recorded as taking part in this session. Say why they "
                "may claim, or check them in first."
            )
        policy = self.policy()
        minutes = minutes_there(session, attendance)
        worked = involvement(minutes, person.role, policy)
        choice = choice_for(person.payment.value)
        claim = Claim(
            session_id=session_id,
            person_id=person_id,
            policy_version=policy.version,
            started_on=self.today(),
            minutes_there=minutes,
            worked_out_pence=worked.pence,
            involvement_pence=0 if choice is PaymentChoice.DECLINE else worked.pence,
            choice=choice,
            not_there_reason="" if attended else reason,
        )
        details = f"for {person.name} at {session.title}; {worked.how}"
        claim_id = self.store.claims.insert(claim, [], self._entry(None, "started", details))
        return self.store.claims.get(claim_id)

    def view(self, claim_id: int) -> ClaimView:
        claim = self.store.claims.get(claim_id)
        person = self.store.people.get(claim.person_id)
        session = self.store.sessions.get(claim.session_id)
        policy = self.store.policies.version(claim.policy_version)
        lines = self.store.claims.lines(claim_id)
        attendance = self.store.attendance.get(claim.session_id, claim.person_id)
        worked = involvement(claim.minutes_there, person.role, policy)
        return ClaimView(
            claim=claim,
            person=person,
            session=session,
            lines=lines,
            policy=policy,
            worked_out=worked,
            how_lines=self._how_lines(claim, lines, policy, session),
            problems=claim_problems(claim, lines, policy, session.date),
            warnings=self.warnings(claim, session, person, policy),
            totals=claim_totals(claim, lines),
            steps=correction_steps(claim) if claim.is_correction else allowed_steps(claim.status),
            reversible=can_reverse(claim),
            attended=attendance is not None and attendance.status.attended,
            audit=self.store.claims.audit_trail(claim_id),
        )

    def _how_lines(
        self, claim: Claim, lines: list[ClaimLine], policy: Policy, session: Session
    ) -> dict[int, str]:
        how: dict[int, str] = {}
        before: int | None = None  # asked of the store once, and only for mileage
        for line in lines:
            if line.kind is ExpenseKind.MILEAGE and line.vehicle and line.id is not None:
                if before is None:
                    before = self._miles_before(claim, session)
                how[line.id] = mileage(line.miles_hundredths, line.vehicle, policy, before).how
        return how

    def warnings(self, claim: Claim, session: Session, person: Person, policy: Policy) -> list[str]:
        """The Permitted Work weekly limit and the tax-year limit, counting this claim."""
        if not claim.status.counts or claim.involvement_pence <= 0:
            return []
        found = []
        monday, sunday = week_of(session.date)
        week = self._involvement_with(claim, monday, sunday)
        if week > policy.weekly_limit_pence:
            found.append(
                f"{person.name}'s involvement payments for the week of {format_date(monday)} "
                f"come to {pounds(week)}, over the Permitted Work weekly limit of "
                f"{pounds(policy.weekly_limit_pence)}. If they get benefits, point them to "
                "advice before they take it."
            )
        year = self._involvement_with(claim, *tax_year_of(session.date))
        if year > policy.tax_year_limit_pence:
            found.append(
                f"{person.name}'s involvement payments in the {tax_year_label(session.date)} "
                f"tax year come to {pounds(year)}, over the {pounds(policy.tax_year_limit_pence)} "
                "the policy asks to be told about."
            )
        return found

    def _involvement_with(self, claim: Claim, first: dt.date, last: dt.date) -> int:
        """The person's payments for time for sessions in these dates, this claim's included."""
        return claim.involvement_pence + self.store.claims.involvement_between(
            claim.person_id, first, last, leave_out=claim.id
        )

    # --- changing a claim ---

    def save_line(self, claim_id: int, typed: LineInput, line_id: int | None = None) -> ClaimLine:
        """Add a line, or change one, from what was typed; raises ValidationError with a
        problem per field, or NeedsConfirming for an amount that may be a slip."""
        claim = self._editable(claim_id)
        session = self.store.sessions.get(claim.session_id)
        policy = self.store.policies.version(claim.policy_version)
        line = self.line_from_input(claim, session, policy, typed)
        if line_id is not None:
            if line_id not in {old.id for old in self.store.claims.lines(claim_id)}:
                raise FacilitatorError("That line is not on this claim any more.")
            line = replace(line, id=line_id)
        verb = "added" if line_id is None else "changed"
        details = f"{line.kind.label} {pounds(line.amount_pence)}"
        saved = self.store.claims.save_line(
            claim_id, line, self._entry(claim_id, f"line {verb}", details)
        )
        return next(old for old in self.store.claims.lines(claim_id) if old.id == saved)

    def line_from_input(
        self, claim: Claim, session: Session, policy: Policy, typed: LineInput
    ) -> ClaimLine:
        problems: dict[str, str] = {}
        description = _text(typed.description, "description", problems)
        why = _text(typed.why, "why", problems)
        receipt_ref = _text(typed.receipt_ref, "receipt_ref", problems)
        miles = hours = 0
        vehicle = None
        amount = 0
        if typed.kind is ExpenseKind.MILEAGE:
            vehicle = typed.vehicle
            if vehicle is None:
                problems["vehicle"] = (
                    "Choose how they travelled: car or van, passenger, motorcycle or bicycle."
                )
            try:
                miles = _hundredths(parse_quantity(typed.miles, "miles", most=policy.max_miles))
                if miles == 0:
                    problems["miles"] = "Type the miles travelled, more than 0."
            except ValueError as error:
                problems["miles"] = str(error)
            if vehicle is not None and "miles" not in problems:
                amount = mileage(miles, vehicle, policy, self._miles_before(claim, session)).pence
        else:
            try:
                amount = parse_pounds(typed.amount)
                if amount == 0:
                    problems["amount"] = "Type an amount more than £0.00."
            except ValueError as error:
                problems["amount"] = str(error)
        if typed.kind in HOURLY_KINDS and (typed.hours.strip() or typed.kind is ExpenseKind.CARE):
            try:
                hours = _hundredths(parse_quantity(typed.hours, "hours", most=HOURS_MOST))
                if hours == 0:
                    problems["hours"] = "Type the hours of care, more than 0."
            except ValueError as error:
                problems["hours"] = str(error)
        if typed.kind is ExpenseKind.OTHER and not description:
            problems["description"] = "Say what this expense was for."
        if typed.kind is ExpenseKind.TAXI and not why:
            problems["why"] = "Say why a taxi was needed (agreed in advance, or for access needs)."
        if problems:
            raise ValidationError(problems)
        if amount > policy.confirm_line_over_pence and not typed.confirmed:
            raise NeedsConfirming(
                f"{pounds(amount)} is a lot for one line. Check it is right, then confirm."
            )
        return ClaimLine(
            kind=typed.kind,
            amount_pence=amount,
            description=description,
            miles_hundredths=miles,
            vehicle=vehicle,
            hours_hundredths=hours,
            why=why,
            receipt_held=typed.receipt_held,
            receipt_ref=receipt_ref,
        )

    def _miles_before(self, claim: Claim, session: Session) -> int:
        """Car miles the person claimed earlier in the same tax year, for the 10,000-mile step."""
        return self.store.claims.miles_between(
            claim.person_id, *tax_year_of(session.date), before_claim=claim.id
        )

    def remove_line(self, claim_id: int, line_id: int) -> None:
        self._editable(claim_id)
        lines = {line.id: line for line in self.store.claims.lines(claim_id)}
        if line_id not in lines:
            raise FacilitatorError("That line is not on this claim any more.")
        line = lines[line_id]
        details = f"{line.kind.label} {pounds(line.amount_pence)}"
        self.store.claims.remove_line(line_id, self._entry(claim_id, "line removed", details))

    def set_payment(
        self,
        claim_id: int,
        choice: PaymentChoice,
        amount: str = "",
        reason: str = "",
        charity: str = "",
    ) -> Claim:
        """Record what the person chose for the payment for their time, and the amount."""
        claim = self._editable(claim_id)
        reason = _limited(reason, "reason")
        charity = _limited(charity, "charity")
        try:
            typed = parse_pounds(amount) if amount.strip() else None
        except ValueError as error:
            raise ValidationError({"amount": str(error)}) from error
        pay = involvement_to_pay(claim.worked_out_pence, choice, typed, reason)
        if choice is PaymentChoice.CHARITY and not charity:
            raise ValidationError({"charity": "Name the charity the payment should go to."})
        explain = choice in CHANGED_WITH_REASON and pay != claim.worked_out_pence
        changed = replace(
            claim,
            choice=choice,
            involvement_pence=pay,
            amount_reason=reason if explain else "",
            charity=charity if choice is PaymentChoice.CHARITY else "",
        )
        details = f"{choice.label.lower()}: {pounds(pay)}" + (f" ({reason})" if reason else "")
        self.store.claims.update(changed, self._entry(claim_id, "payment changed", details))
        return self.store.claims.get(claim_id)

    # --- the workflow ---

    def submit(self, claim_id: int) -> Claim:
        claim = self.store.claims.get(claim_id)
        return self._step(claim, "submit", submitted_at=self.now())

    def send_back(self, claim_id: int) -> Claim:
        return self._step(self.store.claims.get(claim_id), "return")

    def approve(self, claim_id: int, override_reason: str = "") -> Claim:
        """Approve a submitted claim. Lines over a limit or without a needed receipt, a late
        claim or someone not there need an override with a reason."""
        view = self.view(claim_id)
        self._can(view.claim, "approve")
        reason = self._override(view, override_reason, "approve")
        return self._step(
            view.claim, "approve", approved_at=self.now(), override_reason=reason, reason=reason
        )

    def reject(self, claim_id: int, reason: str) -> Claim:
        reason = _limited(reason, "reason")
        if not reason:
            raise NeedsReason("Say why the claim is rejected: the reason is kept with the claim.")
        claim = self.store.claims.get(claim_id)
        return self._step(claim, "reject", rejected_reason=reason, reason=reason)

    def mark_paid(self, claim_id: int) -> Claim:
        return self._step(self.store.claims.get(claim_id), "pay", paid_at=self.now())

    def pay_at_venue(self, claim_id: int, how: VenuePayment, override_reason: str = "") -> Claim:
        """Cash or a voucher handed over on the day: the claim is paid, for finance to
        reconcile later. The same overrides as approving are needed."""
        view = self.view(claim_id)
        self._can(view.claim, "pay_at_venue")
        if view.claim.status is ClaimStatus.APPROVED:  # its overrides were given then
            reason = ""
        else:
            reason = self._override(view, override_reason, "pay at the venue")
        now = self.now()
        return self._step(
            view.claim,
            "pay_at_venue",
            venue_payment=how,
            paid_at=now,
            approved_at=view.claim.approved_at or now,
            submitted_at=view.claim.submitted_at or now,
            override_reason=reason or view.claim.override_reason,
            reason=f"{how.label.lower()} handed over",
        )

    def cancel(self, claim_id: int, reason: str = "") -> Claim:
        reason = _limited(reason, "reason")
        claim = self.store.claims.get(claim_id)
        return self._step(claim, "cancel", cancelled_reason=reason, reason=reason)

    def reverse(self, claim_id: int, reason: str) -> Claim:
        """A correcting claim that cancels out an approved or paid one, line by line. The
        original stays as it was; a new claim can then be made for the right amounts."""
        reason = _limited(reason, "reason")
        if not reason:
            raise NeedsReason("Say why this claim is being reversed.")
        original = self.store.claims.get(claim_id)
        if not can_reverse(original):
            if original.reversed_by_id is not None:
                raise FacilitatorError(f"Claim {original.number} has already been reversed.")
            if original.is_correction:
                raise FacilitatorError(
                    f"Claim {original.number} is a correcting claim, so it is not reversed. "
                    "Make a new claim for the right amounts instead."
                )
            raise FacilitatorError(
                "Only an approved or paid claim is reversed; change or cancel a "
                f"{original.status.label.lower()} one instead."
            )
        now = self.now()
        correction = replace(
            original,
            id=None,
            uid="",
            status=ClaimStatus.APPROVED,
            started_on=self.today(),
            involvement_pence=-original.involvement_pence,
            worked_out_pence=-original.worked_out_pence,
            corrects_id=original.id,
            reversed_by_id=None,
            amount_reason=reason,
            override_reason=reason,
            venue_payment=None,
            submitted_at=now,
            approved_at=now,
            paid_at=None,
        )
        lines = reversing_lines(self.store.claims.lines(claim_id))
        details = f"reverses {original.number}: {reason}"
        new_id = self.store.claims.insert(correction, lines, self._entry(None, "reversal", details))
        self.store.claims.update(
            original, self._entry(claim_id, "reversed", f"by {claim_number(new_id)}: {reason}")
        )
        return self.store.claims.get(new_id)

    def approve_many(self, claim_ids: Iterable[int]) -> BulkResult:
        """Approve each submitted claim that needs no override; say why for the rest."""
        return self._bulk(claim_ids, lambda claim_id: self.approve(claim_id))

    def pay_many(self, claim_ids: Iterable[int]) -> BulkResult:
        return self._bulk(claim_ids, self.mark_paid)

    def _bulk(self, claim_ids: Iterable[int], change: Callable[[int], Claim]) -> BulkResult:
        done, refused = [], []
        for claim_id in claim_ids:
            try:
                done.append(change(claim_id).number)
            except FacilitatorError as error:
                refused.append(f"{claim_number(claim_id)}: {error}")
        return BulkResult(done, refused)

    # --- lists ---

    def listing(self, wanted: ClaimFilter | None = None) -> Listing:
        rows = self.store.claims.listing(wanted or ClaimFilter())
        totals = Totals()
        for row in rows:
            if row.claim.status.counts:
                totals += Totals(row.expenses_pence, row.claim.involvement_pence)
        return Listing(rows, totals)

    def page(
        self, wanted: ClaimFilter, size: int, first: int = 0, *, showing: int | None = None
    ) -> Page:
        """`size` of the claims wanted from the `first`, or the page that holds the claim
        `showing` when it is one of them; the count and totals are of them all, worked
        out by the data file rather than from the rows shown."""
        sums = self.store.claims.sums(wanted)
        if showing is not None:
            position = self.store.claims.position(wanted, showing)
            if position is not None:
                first = position // size * size
        first = max(0, min(first, (sums.claims - 1) // size * size)) if sums.claims else 0
        rows = self.store.claims.listing(wanted, limit=size, offset=first)
        return Page(rows, first, sums.claims, Totals(sums.expenses_pence, sums.involvement_pence))

    # --- helpers ---

    def _editable(self, claim_id: int) -> Claim:
        claim = self.store.claims.get(claim_id)
        if claim.is_correction:
            raise FacilitatorError(
                "A correcting claim cannot be changed. Reverse the claim it corrects again "
                "only if it is still wrong."
            )
        if not claim.status.editable:
            raise FacilitatorError(
                f"Claim {claim.number} is {claim.status.label.lower()}, so it cannot be "
                "changed. "
                + (
                    "Reverse it (a correcting claim) and make a new one."
                    if can_reverse(claim)
                    else "Make a new claim instead."
                )
            )
        return claim

    def _override(self, view: ClaimView, reason: str, doing: str) -> str:
        reason = _limited(reason, "reason")
        if view.problems and not reason:
            raise NeedsReason(
                f"To {doing} claim {view.claim.number}, give a reason for overriding: "
                + " ".join(view.problems)
            )
        return reason if view.problems else ""

    def _can(self, claim: Claim, step: str) -> ClaimStatus:
        """Where the step takes the claim; raises FacilitatorError in words if it cannot
        (checked before asking for an override, so a draft is not asked for a reason)."""
        status = next_status(claim.status, step)
        if claim.is_correction and step not in ("pay",):
            raise FacilitatorError("A correcting claim can only be marked paid.")
        return status

    def _step(self, claim: Claim, step: str, *, reason: str = "", **changes: object) -> Claim:
        status = self._can(claim, step)
        changed = replace(claim, status=status, **changes)  # type: ignore[arg-type]
        details = f"{claim.status.label.lower()} to {status.label.lower()}"
        if reason:
            details += f": {reason}"
        assert claim.id is not None
        self.store.claims.update(changed, self._entry(claim.id, STEP_WORDS[step], details))
        return self.store.claims.get(claim.id)

    def _entry(self, claim_id: int | None, action: str, details: str) -> AuditEntry:
        return AuditEntry(
            at=self.now(), who=self.who, claim_id=claim_id, action=action, details=details
        )


def correction_steps(claim: Claim) -> list[str]:
    """A correcting claim is approved when made, and can only be marked paid."""
    return ["pay"] if claim.status is ClaimStatus.APPROVED else []


def user_name(store: Store) -> str:
    """Who is using the app: the name set in Settings, or the computer's login name."""
    named = store.settings.get(USER_NAME, "")
    if named:
        return str(named)
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return "unknown user"


def _hundredths(value: Fraction) -> int:
    return int(value * HUNDREDTHS)


def _limited(text: str, field_name: str) -> str:
    text = text.strip()
    most = TEXT_LIMITS[field_name]
    if len(text) > most:
        raise ValidationError({field_name: f"Keep it to {most} characters (it has {len(text)})."})
    return text


def _text(text: str, field_name: str, problems: dict[str, str]) -> str:
    try:
        return _limited(text, field_name)
    except ValidationError as error:
        problems.update(error.problems)
        return text.strip()


def quantity_text(hundredths: int) -> str:
    """Miles or hours as typed: '12.5'."""
    return format_hundredths(hundredths)


def quantity_words(hundredths: int, unit: str) -> str:
    """'12.5 miles', '1 hour': a typed quantity with its unit."""
    amount = quantity_text(hundredths)
    return f"{amount} {unit if amount == '1' else unit + 's'}"
