"""The payment policy: FACTS.md defaults, a TOML file that round-trips, bad files
refused in words, and how part-hours and fixed amounts count time."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessions.claim_models import ExpenseKind, Vehicle
from sessions.errors import ValidationError
from sessions.models import Role
from sessions.payment_policy import (
    Band,
    InvolvementMode,
    KindRule,
    MileageRate,
    PartHours,
    Policy,
    policy_from_data,
    policy_from_toml,
    policy_to_data,
    policy_to_toml,
)

INTERNALS = ("Traceback", "Error", "None", "dict", "int", "str'", "object")


def refused(text: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        policy_from_toml(text)
    message = str(caught.value)
    assert message.strip(), "a refusal has words"
    for word in INTERNALS:
        assert word not in message, message
    return caught.value


# --- the defaults ---------------------------------------------------------------


def test_defaults_follow_facts_md() -> None:
    policy = Policy()
    assert policy.version == 1
    assert policy.involvement_mode is InvolvementMode.HOURLY
    assert policy.hourly_pence == 1500
    assert policy.rate(Vehicle.CAR) == MileageRate(45, 25)
    assert policy.mileage_step_miles == 10_000
    assert policy.rate(Vehicle.PASSENGER) == MileageRate(5)
    assert policy.rate(Vehicle.MOTORCYCLE) == MileageRate(24)
    assert policy.rate(Vehicle.BICYCLE) == MileageRate(20)
    care = policy.rule(ExpenseKind.CARE)
    assert (care.hourly_cap_pence, care.cap_pence) == (1000, 6000)
    assert policy.rule(ExpenseKind.MEALS).cap_pence == 1000
    assert policy.rule(ExpenseKind.MILEAGE).receipt is False
    assert policy.rule(ExpenseKind.TAXI).receipt is True
    assert policy.paid_roles == {Role.LIVED_EXPERIENCE, Role.CARER}
    assert Role.STAFF not in policy.paid_roles
    assert policy.weekly_limit_pence == 19_550, "Permitted Work limit from April 2025"
    assert policy.confirm_line_over_pence == 100_000
    assert policy.max_miles == 1_000
    assert "HMRC" in policy.declaration


def test_every_kind_and_vehicle_has_a_rule_and_a_cost_code() -> None:
    policy = Policy()
    assert set(policy.kinds) == set(ExpenseKind)
    assert set(policy.mileage) == set(Vehicle)
    assert all(policy.rule(kind).cost_code for kind in ExpenseKind)


def test_each_policy_has_its_own_dicts() -> None:
    first, second = Policy(), Policy()
    first.mileage[Vehicle.CAR] = MileageRate(50, 30)
    assert second.rate(Vehicle.CAR) == MileageRate(45, 25)


def test_next_version() -> None:
    assert Policy().next_version().version == 2
    assert Policy(version=7, hourly_pence=2000).next_version() == Policy(
        version=8, hourly_pence=2000
    )


# --- the shared file ------------------------------------------------------------


def test_the_default_policy_round_trips_through_toml() -> None:
    text = policy_to_toml(Policy())
    assert text.startswith("# Facilitator payment policy.")
    assert policy_from_toml(text) == Policy()
    assert policy_from_data(policy_to_data(Policy())) == Policy()


def test_a_changed_policy_round_trips_through_toml() -> None:
    policy = replace(
        Policy(),
        version=4,
        involvement_mode=InvolvementMode.BANDS,
        hourly_pence=2500,
        part_hours=PartHours.NEAREST_QUARTER,
        bands=(Band("Short", 90, 1000), Band("Long", 300, 5000)),
        paid_roles=frozenset({Role.LIVED_EXPERIENCE}),
        involvement_cost_code="PPV-01",
        mileage={**Policy().mileage, Vehicle.BICYCLE: MileageRate(25, 10)},
        kinds={
            **Policy().kinds,
            ExpenseKind.OTHER: KindRule(receipt=False, cap_pence=2000, cost_code="X"),
            ExpenseKind.TAXI: KindRule(receipt_over_pence=300, cost_code=""),
        },
        deadline_days=30,
        weekly_limit_pence=18_350,
        tax_year_limit_pence=50_000,
        confirm_line_over_pence=20_000,
        max_miles=300,
        declaration="Ceci est une déclaration — with “quotes” and £.",
    )
    assert policy_from_toml(policy_to_toml(policy)) == policy


money = st.integers(min_value=0, max_value=10**6)


@settings(max_examples=40, deadline=None)
@given(
    hourly=money,
    part=st.sampled_from(PartHours),
    mode=st.sampled_from(InvolvementMode),
    roles=st.frozensets(st.sampled_from(Role)),
    car=st.integers(0, 1000),
    after=st.one_of(st.none(), st.integers(0, 1000)),
    cap=st.one_of(st.none(), money),
    deadline=st.integers(0, 3650),
    code=st.text(max_size=12).map(str.strip),
    declaration=st.text(min_size=1, max_size=60).map(str.strip).filter(bool),
)
def test_any_policy_round_trips_through_toml(
    hourly: int,
    part: PartHours,
    mode: InvolvementMode,
    roles: frozenset[Role],
    car: int,
    after: int | None,
    cap: int | None,
    deadline: int,
    code: str,
    declaration: str,
) -> None:
    base = Policy()
    policy = replace(
        base,
        hourly_pence=hourly,
        part_hours=part,
        involvement_mode=mode,
        paid_roles=roles,
        mileage={**base.mileage, Vehicle.CAR: MileageRate(car, after)},
        kinds={**base.kinds, ExpenseKind.MEALS: KindRule(cap_pence=cap, cost_code=code)},
        deadline_days=deadline,
        declaration=declaration,
    )
    assert policy_from_toml(policy_to_toml(policy)) == policy


def test_an_empty_file_is_refused_not_read_as_the_built_in_policy() -> None:
    """Importing it would quietly put every figure back to the built-in one."""
    assert str(refused("")) == "The file has no payment policy in it."


def test_a_misspelt_setting_is_refused_in_words() -> None:
    error = refused("[involvement]\nhourley_pence = 2500\n[mileage.car]\npense = 40\n")
    assert "“involvement.hourley_pence”, “mileage.car.pense”" in str(error)


def test_a_file_with_only_some_settings_keeps_the_built_in_rest() -> None:
    assert policy_from_toml("[involvement]\nhourly_pence = 1800\n").hourly_pence == 1800


def test_a_file_that_is_not_toml_is_refused_in_words() -> None:
    error = refused("[involvement\nhourly_pence = ")
    assert "not valid TOML" in str(error)
    assert "Check it was not changed by mistake." in str(error)
    assert set(error.problems) == {"file"}


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ('version = "two"', "Version", "whole number"),
        ("version = 1.5", "Version", "whole number"),
        ("involvement = 5", "involvement", "should be a section"),
        ('[involvement]\nhourly_pence = "15"', "Hourly rate", "whole number"),
        ("[involvement]\nhourly_pence = 15.5", "Hourly rate", "whole number"),
        ("[involvement]\nhourly_pence = true", "Hourly rate", "whole number"),
        ("[involvement]\nhourly_pence = -1", "Hourly rate", "between 0 and"),
        ('[involvement]\nmode = "monthly"', "Involvement payment", "one of hourly, bands"),
        ('[involvement]\npart_hours = "up"', "Part hours", "should be one of"),
        ('[involvement]\npaid_roles = ["boss"]', "Paid roles", "is not a role"),
        ("[involvement]\nbands = []", "Bands", "at least one band"),
        ("[involvement]\nbands = [1]", "Bands", "should have a label"),
        (
            '[involvement]\nbands = [{label = "a", up_to_minutes = 60, pence = 1},'
            ' {label = "b", up_to_minutes = 60, pence = 2}]',
            "Bands",
            "same length of time",
        ),
        ('[mileage.car]\npence = "45p"', "Mileage for car or van", "whole number"),
        ("[mileage.car]\npence = 1001", "Mileage for car or van", "between 0 and 1,000"),
        ("[mileage]\ncar = 45", "Mileage for car or van", "car"),
        ("[expenses]\nmeals = 10", "Meals", "section"),
        ('[expenses.meals]\nreceipt = "yes"', "Meals receipt", "true or false"),
        ("[expenses.meals]\ncap_pence = -1", "Meals limit", "between 0 and"),
        ("[expenses.taxi]\ncost_code = 5", "Taxi cost code", "should be text"),
        ('[limits]\ndeadline_days = "ninety"', "Deadline", "whole number"),
        ("[limits]\ndeadline_days = 4000", "Deadline", "between 0 and 3,650"),
        ("declaration = 3", "Declaration", "should be text"),
    ],
)
def test_wrong_types_are_refused_in_words(text: str, field: str, words: str) -> None:
    error = refused(text)
    assert field in error.problems, error.problems
    assert words in error.problems[field]


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    error = refused(
        'version = "x"\n[involvement]\nhourly_pence = "y"\n[limits]\ndeadline_days = -3\n'
    )
    assert {"Version", "Hourly rate", "Deadline"} <= set(error.problems)


def test_bands_are_kept_in_order_of_time() -> None:
    text = (
        "[involvement]\nmode = 'bands'\nbands = ["
        "{label = 'Day', up_to_minutes = 480, pence = 6000},"
        "{label = 'Short', up_to_minutes = 120, pence = 1500}]"
    )
    policy = policy_from_toml(text)
    assert [b.label for b in policy.bands] == ["Short", "Day"]


# --- counting time --------------------------------------------------------------


@pytest.mark.parametrize(
    ("rounding", "minutes", "counted"),
    [
        (PartHours.EXACT, 0, 0),
        (PartHours.EXACT, 61, 61),
        (PartHours.EXACT, -5, 0),
        (PartHours.QUARTER_UP, 60, 60),
        (PartHours.QUARTER_UP, 61, 75),
        (PartHours.QUARTER_UP, 74, 75),
        (PartHours.QUARTER_UP, 1, 15),
        (PartHours.QUARTER_UP, 0, 0),
        (PartHours.HALF_UP, 61, 90),
        (PartHours.HALF_UP, 90, 90),
        (PartHours.HALF_UP, 91, 120),
        (PartHours.HOUR_UP, 61, 120),
        (PartHours.HOUR_UP, 120, 120),
        (PartHours.HOUR_UP, 1, 60),
        (PartHours.NEAREST_QUARTER, 67, 60),
        (PartHours.NEAREST_QUARTER, 68, 75),
        (PartHours.NEAREST_QUARTER, 7, 0),
        (PartHours.NEAREST_QUARTER, 8, 15),
        (PartHours.NEAREST_QUARTER, 82, 75),
        (PartHours.NEAREST_QUARTER, 83, 90),
    ],
)
def test_part_hours_counted(rounding: PartHours, minutes: int, counted: int) -> None:
    assert rounding.counted(minutes) == counted


@given(st.sampled_from(PartHours), st.integers(0, 24 * 60))
def test_counted_time_is_never_far_from_the_time_there(rounding: PartHours, minutes: int) -> None:
    counted = rounding.counted(minutes)
    step = {
        PartHours.EXACT: 1,
        PartHours.QUARTER_UP: 15,
        PartHours.HALF_UP: 30,
        PartHours.HOUR_UP: 60,
        PartHours.NEAREST_QUARTER: 15,
    }[rounding]
    assert counted % step == 0
    if rounding is PartHours.NEAREST_QUARTER:
        assert abs(counted - minutes) <= 7
    else:
        assert minutes <= counted < minutes + step


# --- fixed amounts --------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "pence"),
    [
        (1, 2000),
        (180, 2000),
        (181, 3000),
        (240, 3000),
        (241, 6000),
        (480, 6000),
        (600, 6000),
    ],
)
def test_bands_pick_the_first_that_covers_the_time(minutes: int, pence: int) -> None:
    from sessions.claims import involvement

    policy = replace(Policy(), involvement_mode=InvolvementMode.BANDS)
    assert involvement(minutes, Role.CARER, policy).pence == pence


def test_an_expense_section_that_leaves_out_a_key_keeps_the_built_in_value() -> None:
    """A shared file that only changes meals' limit keeps the built-in receipt rule and
    cost code for meals (a missing limit, though, means no limit: TOML has no null)."""
    policy = policy_from_toml("[expenses.meals]\ncap_pence = 1200\n")
    meals = policy.rule(ExpenseKind.MEALS)
    built_in = Policy().rule(ExpenseKind.MEALS)
    assert meals.cap_pence == 1200
    assert meals.cost_code == built_in.cost_code == "MEALS"
    assert meals.receipt_over_pence == built_in.receipt_over_pence
    assert Policy().rule(ExpenseKind.PARKING).receipt_over_pence == 500
    parking = policy_from_toml("[expenses.parking]\nreceipt = true\n").rule(ExpenseKind.PARKING)
    assert parking.receipt_over_pence == 500
