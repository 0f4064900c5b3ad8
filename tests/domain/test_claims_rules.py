"""The rules of a claim as pure functions: time there, the involvement payment, mileage,
limits and receipts, the deadline, the payment choice, the workflow and the tax year.

Amounts are worked by hand in each test, from the policy in words (FACTS.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sessions.claim_models import (
    Claim,
    ClaimLine,
    ClaimStatus,
    ExpenseKind,
    PaymentChoice,
    Vehicle,
)
from sessions.claims import (
    STEP_WORDS,
    TRANSITIONS,
    Totals,
    allowed_steps,
    can_reverse,
    choice_for,
    claim_problems,
    claim_totals,
    involvement,
    involvement_to_pay,
    kind_over_cap,
    line_problems,
    mileage,
    minutes_there,
    next_status,
    reversing_lines,
    tax_year_label,
    tax_year_start,
    week_of,
)
from sessions.errors import FacilitatorError
from sessions.models import Attendance, AttendanceStatus, Role, Session, SessionKind
from sessions.payment_policy import InvolvementMode, PartHours, Policy

LONDON = ZoneInfo("Europe/London")
WINTER = Session(
    "Over a Brew",
    SessionKind.OVER_A_BREW,
    date=dt.date(2026, 12, 3),
    start=dt.time(10, 30),
    end=dt.time(12, 30),
    id=1,
)
SUMMER = replace(WINTER, date=dt.date(2026, 6, 10), start=dt.time(10), end=dt.time(12))


def at(session: Session, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(session.date, dt.time(hour, minute), tzinfo=LONDON)


def came(
    session: Session,
    arrived: dt.datetime | None = None,
    left: dt.datetime | None = None,
    status: AttendanceStatus = AttendanceStatus.ARRIVED,
) -> Attendance:
    return Attendance(session.id or 0, 7, status, arrived_at=arrived, left_at=left)


# --- time there -----------------------------------------------------------------


def test_arrived_late_counts_from_arriving() -> None:
    assert minutes_there(WINTER, came(WINTER, at(WINTER, 10, 45))) == 105


def test_left_early_counts_to_leaving() -> None:
    left = came(WINTER, at(WINTER, 10, 30), at(WINTER, 12), AttendanceStatus.LEFT_EARLY)
    assert minutes_there(WINTER, left) == 90


def test_arrived_late_and_left_early() -> None:
    both = came(WINTER, at(WINTER, 11), at(WINTER, 11, 40), AttendanceStatus.LEFT_EARLY)
    assert minutes_there(WINTER, both) == 40


def test_arriving_before_the_start_counts_from_the_start() -> None:
    assert minutes_there(WINTER, came(WINTER, at(WINTER, 9, 50))) == 120


def test_leaving_after_the_end_counts_to_the_end() -> None:
    late = came(WINTER, at(WINTER, 10, 30), at(WINTER, 13, 15), AttendanceStatus.LEFT_EARLY)
    assert minutes_there(WINTER, late) == 120


def test_no_times_recorded_counts_the_whole_session() -> None:
    assert minutes_there(WINTER, came(WINTER)) == 120


def test_arriving_after_the_end_counts_nothing() -> None:
    assert minutes_there(WINTER, came(WINTER, at(WINTER, 13))) == 0


@pytest.mark.parametrize(
    "status",
    [AttendanceStatus.BOOKED, AttendanceStatus.APOLOGIES, AttendanceStatus.DID_NOT_COME],
)
def test_someone_who_did_not_come_was_there_no_time(status: AttendanceStatus) -> None:
    assert minutes_there(WINTER, came(WINTER, status=status)) == 0


def test_no_attendance_at_all_is_no_time() -> None:
    assert minutes_there(WINTER, None) == 0


def test_times_stored_in_utc_are_read_at_the_venue_in_summer() -> None:
    """10:15 at the venue in June is 09:15 UTC."""
    arrived = dt.datetime(2026, 6, 10, 9, 15, tzinfo=dt.UTC)
    assert minutes_there(SUMMER, came(SUMMER, arrived)) == 105


# --- the involvement payment ----------------------------------------------------


def test_a_whole_number_of_hours_is_paid_at_the_hourly_rate() -> None:
    worked = involvement(120, Role.LIVED_EXPERIENCE, Policy())
    assert worked.pence == 3000
    assert worked.how == "There for 2 h at £15.00 an hour: £30.00."


@pytest.mark.parametrize(
    ("rounding", "pence", "how"),
    [
        (PartHours.EXACT, 1750, "There for 1 h 10 min at £15.00 an hour: £17.50."),
        (
            PartHours.QUARTER_UP,
            1875,
            "There for 1 h 10 min, counted up to the next quarter hour as 1 h 15 min, "
            "at £15.00 an hour: £18.75.",
        ),
        (
            PartHours.HALF_UP,
            2250,
            "There for 1 h 10 min, counted up to the next half hour as 1 h 30 min, "
            "at £15.00 an hour: £22.50.",
        ),
        (
            PartHours.HOUR_UP,
            3000,
            "There for 1 h 10 min, counted up to the next whole hour as 2 h, "
            "at £15.00 an hour: £30.00.",
        ),
        (
            PartHours.NEAREST_QUARTER,
            1875,
            "There for 1 h 10 min, counted to the nearest quarter hour as 1 h 15 min, "
            "at £15.00 an hour: £18.75.",
        ),
    ],
)
def test_part_hours_are_counted_as_the_policy_says(
    rounding: PartHours, pence: int, how: str
) -> None:
    worked = involvement(70, Role.CARER, Policy(part_hours=rounding))
    assert (worked.pence, worked.how) == (pence, how)


def test_an_odd_rate_rounds_half_a_penny_up() -> None:
    """£12.25 an hour for 1 h 10 min exactly: 1225 × 70/60 = 1429.17p, so £14.29."""
    worked = involvement(70, Role.CARER, Policy(hourly_pence=1225, part_hours=PartHours.EXACT))
    assert worked.pence == 1429
    """£0.15 an hour for 10 minutes: 2.5p, so 3p."""
    tiny = involvement(10, Role.CARER, Policy(hourly_pence=15, part_hours=PartHours.EXACT))
    assert tiny.pence == 3


def test_fixed_amounts_say_which_band() -> None:
    policy = Policy(involvement_mode=InvolvementMode.BANDS)
    worked = involvement(100, Role.LIVED_EXPERIENCE, policy)
    assert worked.pence == 2000
    assert worked.how == "There for 1 h 40 min: up to 3 hours, £20.00."
    assert involvement(200, Role.CARER, policy).how == (
        "There for 3 h 20 min: half day (up to 4 hours), £30.00."
    )


@pytest.mark.parametrize("role", [Role.STAFF, Role.COMMISSIONER, Role.PROVIDER])
def test_staff_are_not_paid_for_their_time_by_default(role: Role) -> None:
    worked = involvement(120, role, Policy())
    assert worked.pence == 0
    assert "does not pay" in worked.how
    assert role.label.lower() in worked.how


def test_a_role_left_out_of_the_paid_roles_is_named_in_plain_words() -> None:
    policy = Policy(paid_roles=frozenset({Role.CARER}))
    worked = involvement(120, Role.LIVED_EXPERIENCE, policy)
    assert worked.how == (
        "The payment policy does not pay people with lived experience for their time."
    )


def test_a_policy_can_pay_staff() -> None:
    policy = Policy(paid_roles=frozenset({Role.STAFF}))
    assert involvement(60, Role.STAFF, policy).pence == 1500
    assert involvement(60, Role.CARER, policy).pence == 0


def test_no_time_there_is_no_payment_in_words() -> None:
    worked = involvement(0, Role.CARER, Policy())
    assert worked.pence == 0
    assert worked.how == "Not recorded as taking part, so no payment for time is worked out."


@given(st.sampled_from(PartHours), st.integers(0, 24 * 60))
def test_the_payment_is_whole_pence_and_never_less_than_exact_time_when_rounding_up(
    rounding: PartHours, minutes: int
) -> None:
    worked = involvement(minutes, Role.CARER, Policy(part_hours=rounding))
    assert type(worked.pence) is int
    exact = involvement(minutes, Role.CARER, Policy(part_hours=PartHours.EXACT)).pence
    if rounding is not PartHours.NEAREST_QUARTER:
        assert worked.pence >= exact
    assert worked.how.endswith(".")


# --- the payment choice ---------------------------------------------------------


@pytest.mark.parametrize(
    ("preference", "choice"),
    [
        ("voucher", PaymentChoice.VOUCHER),
        ("decline", PaymentChoice.DECLINE),
        ("charity", PaymentChoice.CHARITY),
        ("bank_transfer", PaymentChoice.TAKE),
        ("not_asked", PaymentChoice.TAKE),
    ],
)
def test_choice_from_the_standing_preference(preference: str, choice: PaymentChoice) -> None:
    assert choice_for(preference) is choice


def test_declining_pays_nothing_whatever_was_typed() -> None:
    assert involvement_to_pay(3000, PaymentChoice.DECLINE, None, "") == 0
    assert involvement_to_pay(3000, PaymentChoice.DECLINE, 1000, "") == 0


@pytest.mark.parametrize(
    "choice", [PaymentChoice.TAKE, PaymentChoice.VOUCHER, PaymentChoice.CHARITY]
)
def test_the_worked_out_amount_needs_no_reason(choice: PaymentChoice) -> None:
    assert involvement_to_pay(3000, choice, None, "") == 3000
    assert involvement_to_pay(3000, choice, 3000, "") == 3000


@pytest.mark.parametrize(
    "choice", [PaymentChoice.TAKE, PaymentChoice.VOUCHER, PaymentChoice.CHARITY]
)
def test_another_amount_needs_a_reason(choice: PaymentChoice) -> None:
    with pytest.raises(FacilitatorError) as caught:
        involvement_to_pay(3000, choice, 4500, "  ")
    assert str(caught.value) == (
        "Say why the payment is £45.00 and not the £30.00 the policy works out."
    )
    assert involvement_to_pay(3000, choice, 4500, "Stayed to help tidy up") == 4500
    assert involvement_to_pay(3000, choice, 1000, "Left for an hour") == 1000


def test_a_lower_amount_needs_the_amount_and_must_be_lower() -> None:
    with pytest.raises(FacilitatorError, match="Type the lower amount"):
        involvement_to_pay(3000, PaymentChoice.LOWER, None, "")
    with pytest.raises(FacilitatorError) as caught:
        involvement_to_pay(3000, PaymentChoice.LOWER, 3000, "")
    assert str(caught.value) == "A lower amount must be less than the £30.00 worked out."
    with pytest.raises(FacilitatorError):
        involvement_to_pay(3000, PaymentChoice.LOWER, 5000, "they asked")
    assert involvement_to_pay(3000, PaymentChoice.LOWER, 1000, "") == 1000
    assert involvement_to_pay(3000, PaymentChoice.LOWER, 0, "") == 0


def test_every_choice_is_covered() -> None:
    for choice in PaymentChoice:
        amount = 1000 if choice is PaymentChoice.LOWER else None
        assert involvement_to_pay(3000, choice, amount, "") in (0, 1000, 3000)


# --- mileage --------------------------------------------------------------------


def test_mileage_at_the_car_rate() -> None:
    worked = mileage(1250, Vehicle.CAR, Policy())
    assert worked.pence == 563, "12.5 miles at 45p is 562.5p, rounded up"
    assert worked.how == "12.5 miles at 45p a mile: £5.63."
    assert mileage(100, Vehicle.CAR, Policy()).how == "1 mile at 45p a mile: £0.45."


@pytest.mark.parametrize(
    ("vehicle", "pence"),
    [(Vehicle.PASSENGER, 50), (Vehicle.MOTORCYCLE, 240), (Vehicle.BICYCLE, 200)],
)
def test_other_vehicles_have_their_own_rate_and_no_step(vehicle: Vehicle, pence: int) -> None:
    assert mileage(1000, vehicle, Policy()).pence == pence
    assert mileage(1000, vehicle, Policy(), miles_before_hundredths=2_000_000).pence == pence


def test_mileage_across_the_10000_mile_step() -> None:
    """9,980 miles before, 50 more: 20 at 45p (£9.00) and 30 at 25p (£7.50) = £16.50."""
    worked = mileage(5000, Vehicle.CAR, Policy(), miles_before_hundredths=998_000)
    assert worked.pence == 1650
    assert worked.how == (
        "20 miles at 45p and 30 miles at 25p a mile (after 10,000 miles this tax year): £16.50."
    )


def test_mileage_across_the_step_in_part_miles() -> None:
    """9,999.5 before, 12.5 more: 0.5 at 45p (22.5p → 23p) and 12 at 25p (300p) = 323p."""
    assert mileage(1250, Vehicle.CAR, Policy(), miles_before_hundredths=999_950).pence == 323


def test_mileage_reaching_the_step_exactly_is_all_at_the_full_rate() -> None:
    worked = mileage(2000, Vehicle.CAR, Policy(), miles_before_hundredths=998_000)
    assert worked.pence == 900
    assert "after" not in worked.how


def test_mileage_after_the_step_is_all_at_the_lower_rate() -> None:
    """12,000 miles before, 10 more at 25p = £2.50."""
    worked = mileage(1000, Vehicle.CAR, Policy(), miles_before_hundredths=1_200_000)
    assert worked.pence == 250
    assert worked.how == "10 miles at 25p a mile (after 10,000 miles this tax year): £2.50."


@given(
    st.integers(1, 100_000),
    st.integers(0, 2_000_000),
)
def test_mileage_is_never_more_than_the_full_rate_nor_less_than_the_lower(
    miles: int, before: int
) -> None:
    worked = mileage(miles, Vehicle.CAR, Policy(), before)
    assert type(worked.pence) is int
    assert mileage(miles, Vehicle.CAR, Policy(), 2_000_000).pence - 1 <= worked.pence
    assert worked.pence <= mileage(miles, Vehicle.CAR, Policy()).pence + 1


# --- limits and receipts --------------------------------------------------------


def line(kind: ExpenseKind, pence: int, **details: object) -> ClaimLine:
    return ClaimLine(kind=kind, amount_pence=pence, **details)  # type: ignore[arg-type]


def test_a_missing_receipt_is_a_problem_in_words() -> None:
    assert line_problems(line(ExpenseKind.TAXI, 1200), Policy()) == [
        "Taxi £12.00: the policy needs a receipt, and none is held."
    ]
    assert line_problems(line(ExpenseKind.TAXI, 1200, receipt_held=True), Policy()) == []


def test_a_receipt_only_over_the_threshold() -> None:
    policy = Policy()
    assert line_problems(line(ExpenseKind.PUBLIC_TRANSPORT, 1000), policy) == []
    assert line_problems(line(ExpenseKind.PUBLIC_TRANSPORT, 1001), policy) == [
        "Public transport £10.01: the policy needs a receipt over £10.00, and none is held."
    ]
    assert line_problems(line(ExpenseKind.PARKING, 500), policy) == []
    assert len(line_problems(line(ExpenseKind.PARKING, 501), policy)) == 1


def test_mileage_needs_no_receipt() -> None:
    mileage_line = line(ExpenseKind.MILEAGE, 45_000, miles_hundredths=100_000, vehicle=Vehicle.CAR)
    assert line_problems(mileage_line, Policy()) == []


def test_meals_over_the_cap() -> None:
    assert line_problems(line(ExpenseKind.MEALS, 1000, receipt_held=True), Policy()) == []
    assert line_problems(line(ExpenseKind.MEALS, 1250, receipt_held=True), Policy()) == [
        "Meals £12.50 is over the limit: at most £10.00 a session."
    ]


def test_meals_over_the_cap_and_without_a_receipt_are_two_problems() -> None:
    assert len(line_problems(line(ExpenseKind.MEALS, 1250), Policy())) == 2


def test_care_over_the_hourly_cap() -> None:
    """3 hours at up to £10 an hour: £30.00 at most."""
    care = line(ExpenseKind.CARE, 3000, hours_hundredths=300, receipt_held=True)
    assert line_problems(care, Policy()) == []
    assert line_problems(replace(care, amount_pence=3001), Policy()) == [
        "Replacement or dependant care £30.01 is over the limit: "
        "£10.00 an hour for 3 hours is £30.00."
    ]


def test_care_over_the_session_cap() -> None:
    """8 hours at £10 is £80, but at most £60 a session."""
    care = line(ExpenseKind.CARE, 7000, hours_hundredths=800, receipt_held=True)
    assert line_problems(care, Policy()) == [
        "Replacement or dependant care £70.00 is over the limit: "
        "£10.00 an hour for 8 hours, at most £60.00 a session."
    ]
    assert line_problems(replace(care, amount_pence=6000), Policy()) == []


def test_care_in_part_hours() -> None:
    """2.5 hours at £10 is £25."""
    care = line(ExpenseKind.CARE, 2500, hours_hundredths=250, receipt_held=True)
    assert line_problems(care, Policy()) == []
    assert "2.5 hours is £25.00" in line_problems(replace(care, amount_pence=2600), Policy())[0]


def test_several_lines_of_a_kind_over_the_session_cap() -> None:
    meals = [line(ExpenseKind.MEALS, 600, receipt_held=True)] * 2
    assert [p for m in meals for p in line_problems(m, Policy())] == []
    assert kind_over_cap(meals, Policy()) == [
        "Meals lines add up to £12.00, over the limit of £10.00 a session."
    ]
    assert kind_over_cap(meals[:1], Policy()) == []


def test_a_negative_correcting_line_has_no_problems() -> None:
    assert line_problems(line(ExpenseKind.TAXI, -5000), Policy()) == []


# --- the claim as a whole -------------------------------------------------------


def claim(**details: object) -> Claim:
    return Claim(session_id=1, person_id=7, **details)  # type: ignore[arg-type]


def test_a_claim_inside_the_deadline_has_no_problems() -> None:
    on_time = claim(started_on=WINTER.date + dt.timedelta(days=90))
    assert claim_problems(on_time, [], Policy(), WINTER.date) == []


def test_a_late_claim_is_a_problem() -> None:
    late = claim(started_on=WINTER.date + dt.timedelta(days=91))
    assert claim_problems(late, [], Policy(), WINTER.date) == [
        "Started 91 days after the session; the policy's deadline is 90 days."
    ]
    assert claim_problems(late, [], Policy(deadline_days=100), WINTER.date) == []


def test_a_claim_for_someone_not_there_is_a_problem_with_the_reason() -> None:
    absent = claim(started_on=WINTER.date, not_there_reason="Came to the second half only")
    assert claim_problems(absent, [], Policy(), WINTER.date) == [
        "Not recorded as there: Came to the second half only."
    ]


def test_a_not_there_reason_is_not_given_a_second_full_stop() -> None:
    absent = claim(started_on=WINTER.date, not_there_reason="Rang in.")
    assert claim_problems(absent, [], Policy(), WINTER.date) == ["Not recorded as there: Rang in."]


def test_claim_problems_gather_line_problems() -> None:
    lines = [line(ExpenseKind.TAXI, 1200), line(ExpenseKind.MEALS, 1200, receipt_held=True)]
    problems = claim_problems(claim(started_on=WINTER.date), lines, Policy(), WINTER.date)
    assert len(problems) == 2
    assert problems[0].startswith("Taxi")
    assert problems[1].startswith("Meals")


def test_totals_keep_expenses_and_involvement_apart() -> None:
    lines = [line(ExpenseKind.TAXI, 1200), line(ExpenseKind.PARKING, 350)]
    totals = claim_totals(claim(involvement_pence=3000), lines)
    assert totals == Totals(1550, 3000)
    assert totals.total == 4550
    assert totals + Totals(-1550, -3000) == Totals(0, 0)


def test_reversing_lines_negate_each_amount_and_nothing_else() -> None:
    lines = [
        line(
            ExpenseKind.MILEAGE, 563, miles_hundredths=1250, vehicle=Vehicle.CAR, id=3, claim_id=1
        ),
        line(ExpenseKind.TAXI, 1200, why="Access", receipt_held=True, id=4, claim_id=1),
    ]
    back = reversing_lines(lines)
    assert [b.amount_pence for b in back] == [-563, -1200]
    assert all(b.id is None and b.claim_id is None for b in back)
    assert back[0].miles_hundredths == 1250 and back[1].why == "Access"
    assert sum(a.amount_pence for a in lines + back) == 0


# --- the workflow ---------------------------------------------------------------


def test_next_status_for_every_status_and_step() -> None:
    for step, (starts, leads_to) in TRANSITIONS.items():
        for status in ClaimStatus:
            if status in starts:
                assert next_status(status, step) is leads_to
            else:
                with pytest.raises(FacilitatorError) as caught:
                    next_status(status, step)
                message = str(caught.value)
                assert f"A claim that is {status.label.lower()} cannot be" in message
                assert STEP_WORDS[step] in message
                assert message.endswith(".")


@given(st.sampled_from(ClaimStatus), st.sampled_from(sorted(TRANSITIONS)))
def test_allowed_steps_are_exactly_those_next_status_takes(status: ClaimStatus, step: str) -> None:
    try:
        next_status(status, step)
    except FacilitatorError:
        assert step not in allowed_steps(status)
    else:
        assert step in allowed_steps(status)


def test_a_refused_step_reads_as_a_sentence() -> None:
    with pytest.raises(FacilitatorError) as caught:
        next_status(ClaimStatus.PAID, "pay")
    assert str(caught.value) == (
        "A claim that is paid cannot be marked paid: only an approved claim can."
    )
    with pytest.raises(FacilitatorError) as draft:
        next_status(ClaimStatus.DRAFT, "approve")
    assert str(draft.value) == (
        "A claim that is draft cannot be approved: only a submitted claim can."
    )
    with pytest.raises(FacilitatorError) as venue:
        next_status(ClaimStatus.CANCELLED, "pay_at_venue")
    assert str(venue.value) == (
        "A claim that is cancelled cannot be paid at the venue: only a draft or submitted "
        "or approved claim can."
    )


def test_the_workflow_as_the_issue_says() -> None:
    s = ClaimStatus
    assert next_status(s.DRAFT, "submit") is s.SUBMITTED
    assert next_status(s.SUBMITTED, "approve") is s.APPROVED
    assert next_status(s.APPROVED, "pay") is s.PAID
    assert next_status(s.SUBMITTED, "reject") is s.REJECTED
    assert next_status(s.DRAFT, "cancel") is s.CANCELLED
    assert allowed_steps(s.PAID) == []
    assert allowed_steps(s.REJECTED) == []
    assert allowed_steps(s.CANCELLED) == []
    assert set(STEP_WORDS) == set(TRANSITIONS)


def test_only_approved_and_paid_claims_are_editable_never() -> None:
    assert {s for s in ClaimStatus if s.editable} == {ClaimStatus.DRAFT, ClaimStatus.SUBMITTED}
    assert {s for s in ClaimStatus if not s.counts} == {ClaimStatus.REJECTED, ClaimStatus.CANCELLED}


def test_can_reverse() -> None:
    for status in ClaimStatus:
        expected = status in (ClaimStatus.APPROVED, ClaimStatus.PAID)
        assert can_reverse(claim(status=status, id=1)) is expected
    assert not can_reverse(claim(status=ClaimStatus.PAID, id=1, reversed_by_id=2))
    assert not can_reverse(claim(status=ClaimStatus.APPROVED, id=2, corrects_id=1))


# --- the tax year and the week --------------------------------------------------


@pytest.mark.parametrize(
    ("day", "start", "label"),
    [
        (dt.date(2026, 4, 5), dt.date(2025, 4, 6), "2025/26"),
        (dt.date(2026, 4, 6), dt.date(2026, 4, 6), "2026/27"),
        (dt.date(2026, 4, 7), dt.date(2026, 4, 6), "2026/27"),
        (dt.date(2027, 1, 1), dt.date(2026, 4, 6), "2026/27"),
        (dt.date(2026, 12, 31), dt.date(2026, 4, 6), "2026/27"),
        (dt.date(2099, 6, 1), dt.date(2099, 4, 6), "2099/00"),
    ],
)
def test_tax_year_start_around_5_and_6_april(day: dt.date, start: dt.date, label: str) -> None:
    assert tax_year_start(day) == start
    assert tax_year_label(day) == label


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_every_day_is_in_the_tax_year_that_starts_on_or_before_it(day: dt.date) -> None:
    start = tax_year_start(day)
    assert (start.month, start.day) == (4, 6)
    assert start <= day < dt.date(start.year + 1, 4, 6)


def test_week_of_runs_monday_to_sunday() -> None:
    assert week_of(dt.date(2026, 12, 3)) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    assert week_of(dt.date(2026, 11, 30)) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    assert week_of(dt.date(2026, 12, 6)) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))


@given(st.dates())
def test_week_of_holds_the_day(day: dt.date) -> None:
    try:
        monday, sunday = week_of(day)
    except OverflowError:
        return
    assert monday.weekday() == 0 and sunday.weekday() == 6
    assert monday <= day <= sunday
