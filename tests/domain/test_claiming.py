"""The Claims service on a real data file: starting a claim from the time someone was
there, typing lines, the workflow with overrides and reasons, reversal, the mileage
step across claims, Permitted Work warnings, policy versions and the audit log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

from sessions.claim_models import (
    Claim,
    ClaimStatus,
    ExpenseKind,
    PaymentChoice,
    Vehicle,
    VenuePayment,
)
from sessions.claiming import (
    USER_NAME,
    Claims,
    LineInput,
    NeedsConfirming,
    NeedsReason,
    quantity_text,
    user_name,
)
from sessions.claims import Totals
from sessions.errors import FacilitatorError, ValidationError
from sessions.models import (
    AttendanceStatus,
    PaymentPreference,
    Person,
    Role,
    Session,
    SessionKind,
)
from sessions.money import pounds
from sessions.store import Store
from sessions.store.claims import ClaimFilter
from support import NOW, TODAY, FakeClock

LONDON = ZoneInfo("Europe/London")
PAST = dt.date(2026, 11, 18)
"""A Wednesday, five days before TODAY."""
WHO = "Sam Facilitator"


class World:
    """A data file with people and past sessions, and the Claims service over it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.clock = FakeClock()
        self.claims = Claims(store, who=WHO, today=lambda: TODAY, now=self.clock)

    def person(
        self,
        name: str = "Farah Khan",
        role: Role = Role.LIVED_EXPERIENCE,
        payment: PaymentPreference = PaymentPreference.NOT_ASKED,
    ) -> Person:
        return self.store.people.save(Person(name=name, role=role, payment=payment))

    def session(
        self,
        day: dt.date = PAST,
        title: str = "Over a Brew",
        start: dt.time = dt.time(10, 30),
        end: dt.time = dt.time(12, 30),
    ) -> Session:
        return self.store.sessions.save(
            Session(title, SessionKind.OVER_A_BREW, date=day, start=start, end=end)
        )

    def check_in(
        self,
        session: Session,
        person: Person,
        arrived: tuple[int, int] | None = None,
        left: tuple[int, int] | None = None,
    ) -> None:
        assert session.id is not None and person.id is not None
        self.store.attendance.record(session.id, person.id, AttendanceStatus.BOOKED)
        status = AttendanceStatus.LEFT_EARLY if left else AttendanceStatus.ARRIVED
        self.store.attendance.record(
            session.id,
            person.id,
            status,
            arrived_at=self.at(session, arrived) if arrived else None,
            left_at=self.at(session, left) if left else None,
        )

    def at(self, session: Session, hour_minute: tuple[int, int]) -> dt.datetime:
        return dt.datetime.combine(session.date, dt.time(*hour_minute), tzinfo=LONDON)

    def start(self, session: Session, person: Person, reason: str = "") -> Claim:
        assert session.id is not None and person.id is not None
        return self.claims.start(session.id, person.id, reason)

    def came(self, day: dt.date = PAST, **person: object) -> tuple[Session, Person, Claim]:
        """A session, a person who was there for the whole of it, and their claim."""
        session = self.session(day)
        who = self.person(**person)  # type: ignore[arg-type]
        self.check_in(session, who)
        return session, who, self.start(session, who)

    def line(self, claim: Claim, typed: LineInput) -> int:
        assert claim.id is not None
        saved = self.claims.save_line(claim.id, typed)
        assert saved.id is not None
        return saved.id


@pytest.fixture
def world(store: Store) -> World:
    return World(store)


def ids(claim: Claim) -> int:
    assert claim.id is not None
    return claim.id


TAXI = LineInput(ExpenseKind.TAXI, amount="12.40", why="Step-free access", receipt_held=True)
BUS = LineInput(ExpenseKind.PUBLIC_TRANSPORT, amount="4.80")


# --- starting a claim -----------------------------------------------------------


def test_a_claim_is_worked_out_from_the_time_there(world: World) -> None:
    session = world.session()
    farah = world.person()
    world.check_in(session, farah, arrived=(10, 45))
    claim = world.start(session, farah)
    assert claim.status is ClaimStatus.DRAFT
    assert claim.minutes_there == 105
    assert claim.worked_out_pence == claim.involvement_pence == 2625
    assert claim.choice is PaymentChoice.TAKE
    assert claim.policy_version == 1
    assert claim.started_on == TODAY
    assert claim.number == f"C{claim.id:04d}"
    view = world.claims.view(ids(claim))
    assert view.worked_out.how == "There for 1 h 45 min at £15.00 an hour: £26.25."
    assert view.attended
    assert view.problems == []
    assert view.totals == Totals(0, 2625)
    assert view.steps == ["submit", "pay_at_venue", "cancel"]
    assert not view.reversible


def test_leaving_early_is_counted_up_to_the_next_quarter_hour(world: World) -> None:
    session = world.session()
    sam = world.person("Sam Ortiz", Role.CARER)
    world.check_in(session, sam, arrived=(10, 30), left=(11, 40))
    claim = world.start(session, sam)
    assert (claim.minutes_there, claim.worked_out_pence) == (70, 1875)


@pytest.mark.parametrize(
    ("preference", "choice", "pay"),
    [
        (PaymentPreference.VOUCHER, PaymentChoice.VOUCHER, 3000),
        (PaymentPreference.DECLINE, PaymentChoice.DECLINE, 0),
        (PaymentPreference.BANK_TRANSFER, PaymentChoice.TAKE, 3000),
    ],
)
def test_the_standing_payment_preference_is_the_default_choice(
    world: World, preference: PaymentPreference, choice: PaymentChoice, pay: int
) -> None:
    _, _, claim = world.came(payment=preference)
    assert claim.choice is choice
    assert claim.worked_out_pence == 3000
    assert claim.involvement_pence == pay


def test_staff_are_not_paid_for_their_time(world: World) -> None:
    _, _, claim = world.came(role=Role.STAFF)
    assert claim.involvement_pence == 0
    assert world.claims.view(ids(claim)).worked_out.how == (
        "The payment policy does not pay staff for their time."
    )


@pytest.mark.parametrize("status", [None, AttendanceStatus.BOOKED, AttendanceStatus.DID_NOT_COME])
def test_someone_not_there_may_claim_only_with_a_reason(
    world: World, status: AttendanceStatus | None
) -> None:
    session = world.session()
    eileen = world.person("Eileen Shaw", Role.CARER)
    assert session.id is not None and eileen.id is not None
    if status is not None:
        world.store.attendance.record(session.id, eileen.id, status)
    with pytest.raises(NeedsReason) as caught:
        world.start(session, eileen)
    assert str(caught.value) == (
        "Eileen Shaw is not recorded as taking part in this session. Say why they may "
        "claim, or check them in first."
    )
    with pytest.raises(NeedsReason):
        world.start(session, eileen, "   ")
    assert world.store.claims.of_session(session.id) == []
    claim = world.start(session, eileen, "  Came by video; the check-in was missed  ")
    assert claim.not_there_reason == "Came by video; the check-in was missed"
    assert claim.minutes_there == claim.involvement_pence == 0
    view = world.claims.view(ids(claim))
    assert not view.attended
    assert view.problems == ["Not recorded as there: Came by video; the check-in was missed."]


def test_the_same_open_claim_is_returned_twice(world: World) -> None:
    session, farah, claim = world.came()
    assert world.start(session, farah) == claim
    world.claims.submit(ids(claim))
    assert world.start(session, farah).id == claim.id
    assert len(world.store.claims.of_session(ids(session))) == 1


def test_a_new_claim_once_the_last_is_approved(world: World) -> None:
    session, farah, claim = world.came()
    world.claims.submit(ids(claim))
    world.claims.approve(ids(claim))
    assert world.start(session, farah).id != claim.id


def test_a_person_who_was_there_keeps_no_not_there_reason(world: World) -> None:
    session = world.session()
    farah = world.person()
    world.check_in(session, farah)
    assert world.start(session, farah, "a reason not needed").not_there_reason == ""


# --- lines ----------------------------------------------------------------------


def test_a_line_is_saved_as_typed(world: World) -> None:
    _, _, claim = world.came()
    line_id = world.line(claim, replace(TAXI, receipt_ref="R-17", description="Home to venue"))
    [line] = world.store.claims.lines(ids(claim))
    assert line.id == line_id
    assert (line.kind, line.amount_pence, line.why) == (
        ExpenseKind.TAXI,
        1240,
        "Step-free access",
    )
    assert (line.receipt_held, line.receipt_ref, line.description) == (
        True,
        "R-17",
        "Home to venue",
    )
    assert world.claims.view(ids(claim)).totals == Totals(1240, 3000)


def test_a_mileage_line_works_out_its_amount(world: World) -> None:
    _, _, claim = world.came()
    line_id = world.line(
        claim, LineInput(ExpenseKind.MILEAGE, amount="999", miles="12.5", vehicle=Vehicle.CAR)
    )
    [line] = world.store.claims.lines(ids(claim))
    assert (line.amount_pence, line.miles_hundredths, line.vehicle) == (563, 1250, Vehicle.CAR)
    assert quantity_text(line.miles_hundredths) == "12.5"
    assert world.claims.view(ids(claim)).how_lines == {line_id: "12.5 miles at 45p a mile: £5.63."}


@pytest.mark.parametrize(
    ("typed", "field", "words"),
    [
        (LineInput(ExpenseKind.PARKING, amount="three pounds"), "amount", "not an amount"),
        (LineInput(ExpenseKind.PARKING, amount=""), "amount", "Type an amount"),
        (LineInput(ExpenseKind.PARKING, amount="0"), "amount", "more than £0.00"),
        (LineInput(ExpenseKind.PARKING, amount="-3"), "amount", "less than nothing"),
        (LineInput(ExpenseKind.PARKING, amount="3.456"), "amount", "not an amount"),
        (
            LineInput(ExpenseKind.MILEAGE, miles="1000.5", vehicle=Vehicle.CAR),
            "miles",
            "1,000.5 miles is more than 1,000",
        ),
        (
            LineInput(ExpenseKind.MILEAGE, miles="far", vehicle=Vehicle.CAR),
            "miles",
            "not a number of miles",
        ),
        (LineInput(ExpenseKind.MILEAGE, miles="0", vehicle=Vehicle.CAR), "miles", "more than 0"),
        (LineInput(ExpenseKind.MILEAGE, miles="", vehicle=Vehicle.CAR), "miles", "Type the"),
        (LineInput(ExpenseKind.MILEAGE, miles="12"), "vehicle", "Choose how they travelled"),
        (LineInput(ExpenseKind.TAXI, amount="12"), "why", "Say why a taxi was needed"),
        (LineInput(ExpenseKind.TAXI, amount="12", why="   "), "why", "Say why a taxi"),
        (LineInput(ExpenseKind.CARE, amount="30"), "hours", "Type the number of hours"),
        (LineInput(ExpenseKind.CARE, amount="30", hours="lots"), "hours", "not a number"),
        (LineInput(ExpenseKind.CARE, amount="30", hours="25"), "hours", "more than 24"),
        (LineInput(ExpenseKind.CARE, amount="30", hours="0"), "hours", "more than 0"),
        (LineInput(ExpenseKind.SUPPORT, amount="30", hours="-2"), "hours", "less than nothing"),
        (LineInput(ExpenseKind.OTHER, amount="3", description="x" * 201), "description", "200"),
        (LineInput(ExpenseKind.OTHER, amount="3", receipt_ref="r" * 61), "receipt_ref", "60"),
    ],
)
def test_what_cannot_be_saved_is_said_per_field(
    world: World, typed: LineInput, field: str, words: str
) -> None:
    _, _, claim = world.came()
    with pytest.raises(ValidationError) as caught:
        world.claims.save_line(ids(claim), typed)
    assert field in caught.value.problems, caught.value.problems
    assert words in caught.value.problems[field]
    assert world.store.claims.lines(ids(claim)) == []


def test_every_problem_with_a_line_is_said_at_once(world: World) -> None:
    _, _, claim = world.came()
    with pytest.raises(ValidationError) as caught:
        world.claims.save_line(ids(claim), LineInput(ExpenseKind.MILEAGE, miles="2000"))
    assert set(caught.value.problems) == {"miles", "vehicle"}


def test_support_hours_are_optional_but_care_hours_are_not(world: World) -> None:
    _, _, claim = world.came()
    world.line(claim, LineInput(ExpenseKind.SUPPORT, amount="40", receipt_held=True))
    world.line(claim, LineInput(ExpenseKind.INTERPRETER, amount="60", hours="2", receipt_held=True))
    lines = world.store.claims.lines(ids(claim))
    assert [line.hours_hundredths for line in lines] == [0, 200]


def test_a_line_over_1000_pounds_needs_confirming(world: World) -> None:
    _, _, claim = world.came()
    world.line(claim, LineInput(ExpenseKind.SUPPORT, amount="1000", receipt_held=True))
    big = LineInput(ExpenseKind.SUPPORT, amount="£1,000.01", receipt_held=True)
    with pytest.raises(NeedsConfirming) as caught:
        world.claims.save_line(ids(claim), big)
    assert str(caught.value) == "£1,000.01 is a lot for one line. Check it is right, then confirm."
    assert len(world.store.claims.lines(ids(claim))) == 1
    world.line(claim, replace(big, confirmed=True))
    assert [line.amount_pence for line in world.store.claims.lines(ids(claim))] == [
        100_000,
        100_001,
    ]


def test_changing_and_removing_a_line(world: World) -> None:
    _, _, claim = world.came()
    bus = world.line(claim, BUS)
    taxi = world.line(claim, TAXI)
    changed = world.claims.save_line(ids(claim), replace(BUS, amount="5.20"), line_id=bus)
    assert (changed.id, changed.amount_pence, changed.position) == (bus, 520, 1)
    world.claims.remove_line(ids(claim), taxi)
    assert [line.amount_pence for line in world.store.claims.lines(ids(claim))] == [520]
    with pytest.raises(FacilitatorError, match="not on this claim any more"):
        world.claims.remove_line(ids(claim), taxi)
    with pytest.raises(FacilitatorError, match="not on this claim any more"):
        world.claims.save_line(ids(claim), BUS, line_id=taxi)


def test_a_line_of_another_claim_cannot_be_changed_through_this_one(world: World) -> None:
    _, _, first = world.came()
    _, _, second = world.came(name="Sam Ortiz")
    other = world.line(second, BUS)
    with pytest.raises(FacilitatorError, match="not on this claim"):
        world.claims.save_line(ids(first), TAXI, line_id=other)
    with pytest.raises(FacilitatorError, match="not on this claim"):
        world.claims.remove_line(ids(first), other)
    assert [line.amount_pence for line in world.store.claims.lines(ids(second))] == [480]


# --- the payment choice ---------------------------------------------------------


def test_set_payment_for_each_choice(world: World) -> None:
    _, _, claim = world.came()
    c = ids(claim)
    assert world.claims.set_payment(c, PaymentChoice.DECLINE).involvement_pence == 0
    lower = world.claims.set_payment(c, PaymentChoice.LOWER, amount="10")
    assert (lower.involvement_pence, lower.amount_reason) == (1000, "")
    voucher = world.claims.set_payment(c, PaymentChoice.VOUCHER)
    assert (voucher.choice, voucher.involvement_pence) == (PaymentChoice.VOUCHER, 3000)
    with pytest.raises(ValidationError) as caught:
        world.claims.set_payment(c, PaymentChoice.CHARITY)
    assert caught.value.problems == {"charity": "Name the charity the payment should go to."}
    charity = world.claims.set_payment(c, PaymentChoice.CHARITY, charity="Mind")
    assert (charity.charity, charity.involvement_pence) == ("Mind", 3000)
    with pytest.raises(FacilitatorError, match=r"Say why the payment is £45\.00"):
        world.claims.set_payment(c, PaymentChoice.TAKE, amount="45")
    more = world.claims.set_payment(c, PaymentChoice.TAKE, amount="45", reason="Stayed on")
    assert (more.involvement_pence, more.amount_reason, more.charity) == (4500, "Stayed on", "")
    with pytest.raises(ValidationError) as typed:
        world.claims.set_payment(c, PaymentChoice.LOWER, amount="ten")
    assert "amount" in typed.value.problems
    assert world.store.claims.get(c).involvement_pence == 4500


# --- the workflow ---------------------------------------------------------------


def test_making_submitting_approving_and_paying(world: World) -> None:
    _, _, claim = world.came()
    c = ids(claim)
    world.line(claim, TAXI)
    submitted = world.claims.submit(c)
    assert submitted.status is ClaimStatus.SUBMITTED
    assert submitted.submitted_at == NOW
    world.clock.advance(minutes=5)
    approved = world.claims.approve(c)
    assert approved.status is ClaimStatus.APPROVED
    assert approved.approved_at == NOW + dt.timedelta(minutes=5)
    assert approved.override_reason == ""
    paid = world.claims.mark_paid(c)
    assert paid.status is ClaimStatus.PAID
    assert world.claims.view(c).steps == []
    assert world.claims.view(c).reversible


def test_send_back_and_cancel(world: World) -> None:
    _, _, claim = world.came()
    c = ids(claim)
    world.claims.submit(c)
    assert world.claims.send_back(c).status is ClaimStatus.DRAFT
    cancelled = world.claims.cancel(c, "Made by mistake")
    assert (cancelled.status, cancelled.cancelled_reason) == (
        ClaimStatus.CANCELLED,
        "Made by mistake",
    )
    with pytest.raises(FacilitatorError) as caught:
        world.claims.submit(c)
    assert str(caught.value) == (
        "A claim that is cancelled cannot be submitted: only a draft claim can."
    )


@pytest.mark.parametrize("status", ["approved", "paid"])
def test_approved_and_paid_claims_cannot_be_edited_only_reversed(world: World, status: str) -> None:
    _, _, claim = world.came()
    c = ids(claim)
    bus = world.line(claim, BUS)
    world.claims.submit(c)
    world.claims.approve(c)
    if status == "paid":
        world.claims.mark_paid(c)
    number = claim.number
    refusals = [
        lambda: world.claims.save_line(c, TAXI),
        lambda: world.claims.save_line(c, BUS, line_id=bus),
        lambda: world.claims.remove_line(c, bus),
        lambda: world.claims.set_payment(c, PaymentChoice.DECLINE),
    ]
    for refuse in refusals:
        with pytest.raises(FacilitatorError) as caught:
            refuse()
        assert str(caught.value) == (
            f"Claim {number} is {status}, so it cannot be changed. Reverse it (a correcting "
            "claim) and make a new one."
        )
    assert [line.amount_pence for line in world.store.claims.lines(c)] == [480]


def test_rejected_claims_cannot_be_edited_and_say_to_make_a_new_one(world: World) -> None:
    _, _, claim = world.came()
    c = ids(claim)
    world.claims.submit(c)
    world.claims.reject(c, "Claimed twice")
    with pytest.raises(FacilitatorError, match=r"Make a new claim instead\."):
        world.claims.save_line(c, BUS)


def test_approving_needs_an_override_reason_when_there_are_problems(world: World) -> None:
    _, _, claim = world.came()
    c = ids(claim)
    world.line(claim, replace(TAXI, receipt_held=False))
    world.claims.submit(c)
    with pytest.raises(NeedsReason) as caught:
        world.claims.approve(c)
    assert str(caught.value) == (
        f"To approve claim {claim.number}, give a reason for overriding: "
        "Taxi £12.40: the policy needs a receipt, and none is held."
    )
    assert world.store.claims.get(c).status is ClaimStatus.SUBMITTED
    approved = world.claims.approve(c, "  Receipt lost; driver confirmed by phone  ")
    assert approved.status is ClaimStatus.APPROVED
    assert approved.override_reason == "Receipt lost; driver confirmed by phone"


def test_an_override_reason_is_not_kept_when_nothing_needs_it(world: World) -> None:
    _, _, claim = world.came()
    world.claims.submit(ids(claim))
    assert world.claims.approve(ids(claim), "just because").override_reason == ""


def test_a_draft_is_told_to_be_submitted_not_asked_for_an_override(world: World) -> None:
    """Found by these tests: approving a draft with problems asked for an override
    reason, and only then said a draft cannot be approved."""
    _, _, claim = world.came()
    world.line(claim, replace(TAXI, receipt_held=False))
    with pytest.raises(FacilitatorError) as caught:
        world.claims.approve(ids(claim))
    assert not isinstance(caught.value, NeedsReason)
    assert str(caught.value) == (
        "A claim that is draft cannot be approved: only a submitted claim can."
    )


def test_rejecting_needs_a_reason(world: World) -> None:
    _, _, claim = world.came()
    c = ids(claim)
    world.claims.submit(c)
    with pytest.raises(NeedsReason, match="Say why the claim is rejected"):
        world.claims.reject(c, "  ")
    rejected = world.claims.reject(c, "Not at this session")
    assert (rejected.status, rejected.rejected_reason) == (
        ClaimStatus.REJECTED,
        "Not at this session",
    )
    with pytest.raises(ValidationError, match="Keep it to 500 characters"):
        world.claims.reject(c, "x" * 501)


def test_paying_at_the_venue(world: World) -> None:
    _, _, claim = world.came()
    c = ids(claim)
    world.line(claim, BUS)
    paid = world.claims.pay_at_venue(c, VenuePayment.CASH)
    assert paid.status is ClaimStatus.PAID
    assert paid.venue_payment is VenuePayment.CASH
    assert paid.paid_at == paid.approved_at == paid.submitted_at == NOW
    assert world.claims.view(c).reversible


def test_paying_at_the_venue_needs_the_same_override(world: World) -> None:
    _, _, claim = world.came()
    c = ids(claim)
    world.line(claim, LineInput(ExpenseKind.MEALS, amount="14", receipt_held=True))
    with pytest.raises(NeedsReason, match="To pay at the venue claim"):
        world.claims.pay_at_venue(c, VenuePayment.VOUCHER)
    paid = world.claims.pay_at_venue(c, VenuePayment.VOUCHER, "Agreed with the manager")
    assert (paid.status, paid.override_reason) == (ClaimStatus.PAID, "Agreed with the manager")


def test_an_approved_claim_paid_at_the_venue_is_not_asked_for_its_override_again(
    world: World,
) -> None:
    _, _, claim = world.came()
    c = ids(claim)
    world.line(claim, LineInput(ExpenseKind.MEALS, amount="14", receipt_held=True))
    world.claims.submit(c)
    world.claims.approve(c, "Agreed with the manager")
    paid = world.claims.pay_at_venue(c, VenuePayment.CASH)
    assert (paid.status, paid.override_reason) == (ClaimStatus.PAID, "Agreed with the manager")


def test_paying_more_for_time_than_the_policy_works_out_needs_an_override(world: World) -> None:
    _, _, claim = world.came()
    c = ids(claim)
    world.claims.set_payment(c, PaymentChoice.TAKE, "40", "Also led the planning")
    view = world.claims.view(c)
    assert (
        f"The payment for time, £40.00, is more than the {pounds(claim.worked_out_pence)} "
        "the policy works out."
    ) in view.problems
    world.claims.submit(c)
    with pytest.raises(NeedsReason):
        world.claims.approve(c)
    assert world.claims.approve(c, "Agreed: they led the planning").status is ClaimStatus.APPROVED


def test_an_other_expense_says_what_it_was_for(world: World) -> None:
    _, _, claim = world.came()
    with pytest.raises(ValidationError) as refused:
        world.line(claim, LineInput(ExpenseKind.OTHER, amount="3"))
    assert refused.value.problems == {"description": "Say what this expense was for."}


# --- reversal -------------------------------------------------------------------


def approved_claim(world: World) -> Claim:
    _, _, claim = world.came()
    world.line(claim, TAXI)
    world.line(claim, LineInput(ExpenseKind.MILEAGE, miles="12.5", vehicle=Vehicle.CAR))
    world.claims.set_payment(ids(claim), PaymentChoice.VOUCHER)
    world.claims.submit(ids(claim))
    return world.claims.approve(ids(claim))


def test_reversing_makes_a_correcting_claim_that_cancels_it_out(world: World) -> None:
    original = approved_claim(world)
    c = ids(original)
    with pytest.raises(NeedsReason, match="Say why this claim is being reversed"):
        world.claims.reverse(c, " ")
    correction = world.claims.reverse(c, "Wrong session")
    assert correction.is_correction and correction.corrects_id == c
    assert correction.status is ClaimStatus.APPROVED
    assert correction.involvement_pence == -original.involvement_pence == -3000
    assert correction.choice is PaymentChoice.VOUCHER
    assert correction.amount_reason == "Wrong session"
    first = world.claims.view(c)
    second = world.claims.view(ids(correction))
    assert first.claim.reversed_by_id == correction.id
    assert first.claim.status is ClaimStatus.APPROVED, "the original stays as it was"
    assert not first.reversible and not second.reversible
    assert [line.amount_pence for line in second.lines] == [
        -line.amount_pence for line in first.lines
    ]
    assert [(line.kind, line.miles_hundredths) for line in second.lines] == [
        (line.kind, line.miles_hundredths) for line in first.lines
    ]
    assert first.totals + second.totals == Totals(0, 0)
    assert second.steps == ["pay"]
    assert second.warnings == []


def test_a_claim_is_reversed_only_once(world: World) -> None:
    original = approved_claim(world)
    correction = world.claims.reverse(ids(original), "Wrong session")
    with pytest.raises(FacilitatorError) as caught:
        world.claims.reverse(ids(original), "Again")
    assert str(caught.value) == f"Claim {original.number} has already been reversed."
    with pytest.raises(FacilitatorError) as again:
        world.claims.reverse(ids(correction), "Undo the undo")
    assert str(again.value) == (
        f"Claim {correction.number} is a correcting claim, so it is not reversed. "
        "Make a new claim for the right amounts instead."
    )


def test_only_approved_or_paid_claims_are_reversed(world: World) -> None:
    _, _, claim = world.came()
    with pytest.raises(FacilitatorError) as caught:
        world.claims.reverse(ids(claim), "Mistake")
    assert str(caught.value) == (
        "Only an approved or paid claim is reversed; change or cancel a draft one instead."
    )


def test_a_correcting_claim_can_only_be_marked_paid(world: World) -> None:
    correction = world.claims.reverse(ids(approved_claim(world)), "Wrong session")
    c = ids(correction)
    for refuse in (
        lambda: world.claims.submit(c),
        lambda: world.claims.approve(c, "reason"),
        lambda: world.claims.cancel(c),
        lambda: world.claims.send_back(c),
        lambda: world.claims.reject(c, "reason"),
    ):
        with pytest.raises(FacilitatorError):
            refuse()
    with pytest.raises(FacilitatorError, match=r"A correcting claim can only be marked paid\."):
        world.claims.pay_at_venue(c, VenuePayment.CASH, "reason")
    with pytest.raises(FacilitatorError, match="A correcting claim cannot be changed"):
        world.claims.save_line(c, BUS)
    with pytest.raises(FacilitatorError, match="A correcting claim cannot be changed"):
        world.claims.set_payment(c, PaymentChoice.DECLINE)
    assert world.claims.mark_paid(c).status is ClaimStatus.PAID


# --- mileage across claims ------------------------------------------------------


def step_at_100_miles(world: World) -> None:
    world.claims.save_policy(replace(world.claims.policy(), mileage_step_miles=100))


def test_the_mileage_step_counts_earlier_claims_in_the_tax_year(world: World) -> None:
    """Step lowered to 100 miles: 80 miles first (£36.00), then 50 more: 20 at 45p
    (£9.00) and 30 at 25p (£7.50) = £16.50."""
    step_at_100_miles(world)
    farah = world.person()
    first, second = world.session(dt.date(2026, 10, 7)), world.session(dt.date(2026, 11, 4))
    for session in (first, second):
        world.check_in(session, farah)
    car = LineInput(ExpenseKind.MILEAGE, miles="80", vehicle=Vehicle.CAR)
    a = world.start(first, farah)
    world.line(a, car)
    world.line(a, LineInput(ExpenseKind.MILEAGE, miles="500", vehicle=Vehicle.PASSENGER))
    b = world.start(second, farah)
    world.line(b, replace(car, miles="50"))
    assert [line.amount_pence for line in world.store.claims.lines(ids(a))] == [3600, 2500]
    [line] = world.store.claims.lines(ids(b))
    assert line.amount_pence == 1650
    assert world.claims.view(ids(b)).how_lines[line.id or 0] == (
        "20 miles at 45p and 30 miles at 25p a mile (after 100 miles this tax year): £16.50."
    )


def test_the_mileage_step_leaves_out_other_tax_years_and_cancelled_claims(world: World) -> None:
    step_at_100_miles(world)
    farah = world.person()
    march, may, june = (
        world.session(dt.date(2026, 3, 25)),
        world.session(dt.date(2026, 5, 6)),
        world.session(dt.date(2026, 6, 3)),
    )
    for session in (march, may, june):
        world.check_in(session, farah)
    car = LineInput(ExpenseKind.MILEAGE, miles="90", vehicle=Vehicle.CAR)
    last_year = world.start(march, farah)
    world.line(last_year, car)
    cancelled = world.start(may, farah)
    world.line(cancelled, car)
    world.claims.cancel(ids(cancelled), "Duplicate")
    claim = world.start(june, farah)
    world.line(claim, car)
    assert world.store.claims.lines(ids(claim))[0].amount_pence == 90 * 45


def test_a_reversed_mileage_claim_no_longer_counts_toward_the_step(world: World) -> None:
    """Found by these tests: the correcting claim keeps the miles it reverses, so the
    reversed miles were counted twice instead of not at all."""
    step_at_100_miles(world)
    farah = world.person()
    first, second = world.session(dt.date(2026, 10, 7)), world.session(dt.date(2026, 11, 4))
    for session in (first, second):
        world.check_in(session, farah)
    a = world.start(first, farah)
    world.line(a, LineInput(ExpenseKind.MILEAGE, miles="80", vehicle=Vehicle.CAR))
    world.claims.submit(ids(a))
    world.claims.approve(ids(a))
    world.claims.reverse(ids(a), "Wrong person")
    b = world.start(second, farah)
    world.line(b, LineInput(ExpenseKind.MILEAGE, miles="50", vehicle=Vehicle.CAR))
    assert world.store.claims.lines(ids(b))[0].amount_pence == 50 * 45


# --- Permitted Work and the tax year --------------------------------------------


def test_the_weekly_permitted_work_warning(world: World) -> None:
    world.claims.save_policy(replace(world.claims.policy(), weekly_limit_pence=5000))
    farah = world.person()
    monday, friday, next_week = (
        world.session(dt.date(2026, 11, 16)),
        world.session(dt.date(2026, 11, 20)),
        world.session(dt.date(2026, 11, 23)),
    )
    for session in (monday, friday, next_week):
        world.check_in(session, farah)
    first = world.start(monday, farah)
    assert world.claims.view(ids(first)).warnings == []
    second = world.start(friday, farah)
    expected = (
        "Farah Khan's involvement payments for the week of "
        f"{_date(dt.date(2026, 11, 16))} come to £60.00, over the Permitted Work weekly "
        "limit of £50.00. If they get benefits, point them to advice before they take it."
    )
    assert world.claims.view(ids(second)).warnings == [expected]
    assert world.claims.view(ids(first)).warnings == [expected], "both claims of the week"
    assert world.claims.view(ids(world.start(next_week, farah))).warnings == []
    world.claims.set_payment(ids(second), PaymentChoice.DECLINE)
    assert world.claims.view(ids(first)).warnings == []
    assert world.claims.view(ids(second)).warnings == []


def test_the_tax_year_warning(world: World) -> None:
    world.claims.save_policy(replace(world.claims.policy(), tax_year_limit_pence=5000))
    farah = world.person()
    sessions = [world.session(day) for day in (dt.date(2026, 4, 8), dt.date(2026, 9, 9))]
    earlier = world.session(dt.date(2026, 4, 1))
    for session in [*sessions, earlier]:
        world.check_in(session, farah)
    last_year = world.start(earlier, farah)
    first = world.start(sessions[0], farah)
    assert world.claims.view(ids(first)).warnings == []
    second = world.start(sessions[1], farah)
    assert world.claims.view(ids(second)).warnings == [
        "Farah Khan's involvement payments in the 2026/27 tax year come to £60.00, over "
        "the £50.00 the policy asks to be told about."
    ]
    assert world.claims.view(ids(last_year)).warnings == []
    world.claims.cancel(ids(first))
    assert world.claims.view(ids(second)).warnings == []


def _date(day: dt.date) -> str:
    from sessions.display import format_date

    return format_date(day)


# --- policy versions ------------------------------------------------------------


def test_a_new_policy_is_used_by_new_claims_and_old_claims_keep_theirs(world: World) -> None:
    session = world.session()
    farah, sam = world.person(), world.person("Sam Ortiz", Role.CARER)
    for person in (farah, sam):
        world.check_in(session, person)
    old = world.start(session, farah)
    new_policy = replace(
        world.claims.policy(),
        hourly_pence=2000,
        mileage={
            **world.claims.policy().mileage,
            Vehicle.CAR: world.claims.policy().rate(Vehicle.BICYCLE),
        },
    )
    saved = world.claims.save_policy(new_policy)
    assert saved.version == 2
    assert world.claims.policy() == saved
    new = world.start(session, sam)
    assert (old.policy_version, old.worked_out_pence) == (1, 3000)
    assert (new.policy_version, new.worked_out_pence) == (2, 4000)
    car = LineInput(ExpenseKind.MILEAGE, miles="10", vehicle=Vehicle.CAR)
    world.line(old, car)
    world.line(new, car)
    assert world.store.claims.lines(ids(old))[0].amount_pence == 450
    assert world.store.claims.lines(ids(new))[0].amount_pence == 200
    assert world.claims.view(ids(old)).policy.hourly_pence == 1500
    assert world.claims.view(ids(new)).policy.hourly_pence == 2000


# --- the audit log --------------------------------------------------------------


def test_every_change_is_in_the_audit_log_with_who_and_when(world: World) -> None:
    _, _, claim = world.came()
    c = ids(claim)
    bus = world.line(claim, BUS)
    world.clock.advance(minutes=1)
    world.claims.save_line(c, replace(BUS, amount="5"), line_id=bus)
    taxi = world.line(claim, TAXI)
    world.claims.remove_line(c, taxi)
    world.claims.set_payment(c, PaymentChoice.TAKE, amount="20", reason="Left at the break")
    world.clock.advance(minutes=1)
    world.claims.submit(c)
    world.claims.send_back(c)
    world.claims.submit(c)
    world.claims.approve(c)
    world.clock.advance(minutes=1)
    world.claims.mark_paid(c)
    correction = world.claims.reverse(c, "Paid twice")
    trail = world.store.claims.audit_trail(c)
    assert [entry.action for entry in trail] == [
        "started",
        "line added",
        "line changed",
        "line added",
        "line removed",
        "payment changed",
        "submitted",
        "sent back to draft",
        "submitted",
        "approved",
        "marked paid",
        "reversed",
    ]
    assert all(entry.who == WHO for entry in trail)
    assert all(entry.claim_id == c for entry in trail)
    assert all(entry.at.utcoffset() == dt.timedelta(0) for entry in trail)
    assert trail[0].at == NOW
    assert trail[-1].at == NOW + dt.timedelta(minutes=3)
    assert trail[0].details.startswith("for Farah Khan at Over a Brew; There for 2 h")
    assert trail[2].details == "Public transport £5.00"
    assert trail[4].details == "Taxi £12.40"
    assert trail[5].details == "take the payment: £20.00 (Left at the break)"
    assert trail[9].details == "submitted to approved"
    assert trail[-1].details == f"by {correction.number}: Paid twice"
    [made] = world.store.claims.audit_trail(ids(correction))
    assert (made.action, made.who) == ("reversal", WHO)
    assert made.details == f"reverses {claim.number}: Paid twice"
    assert world.claims.view(c).audit == trail


def test_the_audit_log_names_the_user_from_settings(world: World) -> None:
    world.store.settings.set(USER_NAME, "Priya Patel")
    assert user_name(world.store) == "Priya Patel"
    claims = Claims(world.store, today=lambda: TODAY, now=world.clock)
    session = world.session()
    farah = world.person()
    world.check_in(session, farah)
    claim = claims.start(ids_of(session), ids_of(farah))
    assert [entry.who for entry in world.store.claims.audit_trail(ids(claim))] == ["Priya Patel"]


def ids_of(thing: Session | Person) -> int:
    assert thing.id is not None
    return thing.id


# --- many at once ---------------------------------------------------------------


def test_approve_many_and_pay_many_say_why_each_refusal(world: World) -> None:
    _, _, ready = world.came()
    _, _, draft = world.came(name="Sam Ortiz")
    _, _, needs = world.came(name="Eileen Shaw")
    world.line(needs, replace(TAXI, receipt_held=False))
    world.claims.submit(ids(ready))
    world.claims.submit(ids(needs))
    result = world.claims.approve_many([ids(ready), ids(draft), ids(needs)])
    assert result.done == [ready.number]
    assert result.refused == [
        f"{draft.number}: A claim that is draft cannot be approved: only a submitted claim can.",
        f"{needs.number}: To approve claim {needs.number}, give a reason for overriding: "
        "Taxi £12.40: the policy needs a receipt, and none is held.",
    ]
    paid = world.claims.pay_many([ids(ready), ids(needs)])
    assert paid.done == [ready.number]
    assert paid.refused == [
        f"{needs.number}: A claim that is submitted cannot be marked paid: only an approved "
        "claim can."
    ]


# --- the list -------------------------------------------------------------------


def test_listing_totals_leave_out_rejected_and_cancelled(world: World) -> None:
    claims = []
    for name in ("Ann", "Ben", "Cat", "Dev"):
        _, _, claim = world.came(name=f"{name} Smith")
        world.line(claim, BUS)
        claims.append(claim)
    ann, ben, cat, dev = (ids(claim) for claim in claims)
    world.claims.submit(ben)
    world.claims.reject(ben, "Duplicate")
    world.claims.cancel(cat, "Mistake")
    world.claims.submit(dev)
    listing = world.claims.listing()
    assert len(listing.rows) == 4
    assert listing.totals == Totals(2 * 480, 2 * 3000)
    only_rejected = world.claims.listing(ClaimFilter(statuses=(ClaimStatus.REJECTED,)))
    assert [row.claim.id for row in only_rejected.rows] == [ben]
    assert only_rejected.totals == Totals()
    by_name = world.claims.listing(ClaimFilter(person_text="ann"))
    assert [row.claim.id for row in by_name.rows] == [ann]
    assert by_name.rows[0].expenses_pence == 480
    assert by_name.rows[0].lines == 1


def test_a_reversed_claim_and_its_correction_list_to_nothing(world: World) -> None:
    original = approved_claim(world)
    world.claims.reverse(ids(original), "Wrong session")
    assert world.claims.listing().totals == Totals(0, 0)


# --- keeping money records ------------------------------------------------------


def test_a_session_with_claims_cannot_be_deleted(world: World) -> None:
    session, _, _ = world.came()
    with pytest.raises(FacilitatorError) as caught:
        world.store.sessions.delete(ids_of(session))
    assert str(caught.value) == (
        "This session has 1 claim, and payment records are kept for six years, so it "
        "cannot be deleted. Cancel its claims if they were made by mistake; the session "
        "stays on record."
    )
    assert world.store.sessions.get(ids_of(session)).title == "Over a Brew"
