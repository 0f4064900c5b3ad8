"""The Settings form's text and the payment policy: read back, checked, in words."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from sessions.claim_models import ExpenseKind, Vehicle
from sessions.errors import ValidationError
from sessions.models import Role
from sessions.payment_policy import (
    Band,
    InvolvementMode,
    KindRule,
    PartHours,
    Policy,
    policy_from_data,
    policy_to_data,
)
from sessions.policy_form import (
    CAR_AFTER_STEP,
    About,
    band_fields,
    folder_note,
    folder_problem,
    form_values,
    kind_field,
    policy_changed,
    role_field,
    rule_from_form,
    rule_summary,
    settings_from_form,
    vehicle_field,
)
from sessions.store.settings import EXPORT_FOLDER, ORGANISATION

INTERNALS = re.compile(r"\b(id|None|Traceback|Exception|Error|int|str|pence_)\b|_")


def assert_words(message: str) -> None:
    """A sentence for the person at the keyboard: no code words or field names."""
    assert message[0].isupper() or message[0] in "“£0123456789/", message
    assert message.endswith("."), message
    assert not INTERNALS.search(message), message


def typed(policy: Policy | None = None, **changes: str | bool) -> dict[str, str | bool]:
    values = form_values(policy or Policy())
    values.update(changes)
    return values


def problems_of(values: dict[str, str | bool], base: Policy | None = None) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        settings_from_form(values, base or Policy())
    for message in raised.value.problems.values():
        assert_words(message)
    return raised.value.problems


CUSTOM = Policy(
    version=4,
    involvement_mode=InvolvementMode.BANDS,
    hourly_pence=2500,
    part_hours=PartHours.HALF_UP,
    bands=tuple(Band(f"Band {n}", 60 * n, 1000 * n) for n in range(1, 7)),
    paid_roles=frozenset({Role.CARER, Role.OTHER}),
    involvement_cost_code="INV-2",
    mileage_step_miles=8000,
    max_miles=500,
    deadline_days=30,
    weekly_limit_pence=18_350,
    tax_year_limit_pence=250_000,
    confirm_line_over_pence=50_000,
    declaration="I took part.",
)


# --- read back as it was shown -----------------------------------------------


@pytest.mark.parametrize("policy", [Policy(), CUSTOM], ids=["defaults", "custom"])
def test_the_form_as_shown_reads_back_as_the_same_policy(policy: Policy) -> None:
    change = settings_from_form(form_values(policy), policy)
    assert change.policy == policy
    assert not policy_changed(policy, change.policy)


def test_the_settings_beside_the_policy_read_back() -> None:
    about = About("Jo Bloggs", "Example Council", "")
    change = settings_from_form(form_values(Policy(), about), Policy())
    assert change.about == about


def test_money_is_shown_in_pounds_and_mileage_in_pence() -> None:
    values = form_values(Policy())
    assert values["hourly_rate"] == "£15.00"
    assert values["weekly_limit"] == "£195.50"
    assert values[vehicle_field(Vehicle.CAR)] == "45p"
    assert values[CAR_AFTER_STEP] == "25p"
    assert values[kind_field(ExpenseKind.CARE, "cap")] == "£60.00"
    assert values[kind_field(ExpenseKind.TAXI, "cap")] == "", "no limit is an empty field"
    assert values[band_fields(1)[1]] == "3", "fixed amounts are in hours"


@pytest.mark.parametrize("text", ["18", "18.00", "£18", "£18.00", " 18.0 "])
def test_the_hourly_rate_is_typed_in_pounds(text: str) -> None:
    change = settings_from_form(typed(hourly_rate=text), Policy())
    assert change.policy.hourly_pence == 1800
    assert isinstance(change.policy.hourly_pence, int)
    assert policy_changed(Policy(), change.policy)


@pytest.mark.parametrize("text", ["abc", "", "-5", "12.345", "£1,000.01"])
def test_a_bad_hourly_rate_is_refused_in_words(text: str) -> None:
    problems = problems_of(typed(hourly_rate=text))
    assert set(problems) == {"hourly_rate"}


def test_text_in_a_money_field_says_what_to_type() -> None:
    problems = problems_of(typed(weekly_limit="abc"))
    assert problems == {
        "weekly_limit": "“abc” is not an amount of money. Type pounds and pence, for example 12.50."
    }


# --- fixed amounts ---------------------------------------------------------------


def test_fixed_amounts_are_read_in_order_of_time_and_empty_rows_left_out() -> None:
    label1, hours1, amount1 = band_fields(1)
    label2, hours2, amount2 = band_fields(2)
    label3, hours3, amount3 = band_fields(3)
    values = typed(
        involvement_mode="bands",
        **{label1: "Full day", hours1: "7.5", amount1: "£55"},
        **{label2: "", hours2: "", amount2: ""},
        **{label3: "Short", hours3: "1.25", amount3: "10"},
    )
    change = settings_from_form(values, Policy())
    assert change.policy.involvement_mode is InvolvementMode.BANDS
    assert change.policy.bands == (Band("Short", 75, 1000), Band("Full day", 450, 5500))


def test_a_half_filled_fixed_amount_says_what_is_missing() -> None:
    label, hours, amount = band_fields(4)
    problems = problems_of(typed(involvement_mode="bands", **{label: "Evening", hours: "2"}))
    assert set(problems) == {amount}
    problems = problems_of(typed(involvement_mode="bands", **{hours: "2", amount: "5"}))
    assert set(problems) == {label}
    problems = problems_of(
        typed(involvement_mode="bands", **{label: "Long", hours: "25", amount: "5"})
    )
    assert set(problems) == {hours}


def test_two_fixed_amounts_for_the_same_time_are_refused() -> None:
    label, hours, amount = band_fields(4)
    problems = problems_of(
        typed(involvement_mode="bands", **{label: "Again", hours: "3", amount: "9"})
    )
    assert set(problems) == {hours}
    assert "up to 3 hours" in problems[hours]


def test_fixed_amounts_in_use_need_at_least_one() -> None:
    empty = {name: "" for row in range(1, 6) for name in band_fields(row)}
    problems = problems_of(typed(involvement_mode="bands", **empty))
    assert set(problems) == {band_fields(1)[0]}


def test_what_is_hidden_does_not_block_saving() -> None:
    """With an hourly rate the fixed amounts are hidden, and the other way round: a slip
    in the hidden part keeps what was there."""
    amount = band_fields(1)[2]
    change = settings_from_form(typed(**{amount: "lots"}), Policy())
    assert change.policy.bands == Policy().bands
    change = settings_from_form(typed(involvement_mode="bands", hourly_rate="lots"), Policy())
    assert change.policy.hourly_pence == 1500


# --- mileage, expenses, limits --------------------------------------------------


@pytest.mark.parametrize("text", ["40", "40p", "40 p", "£0.40", "0.40"])
def test_mileage_is_typed_in_pence(text: str) -> None:
    change = settings_from_form(typed(**{vehicle_field(Vehicle.CAR): text}), Policy())
    assert change.policy.rate(Vehicle.CAR).pence == 40
    assert change.policy.rate(Vehicle.CAR).after_step_pence == 25


@pytest.mark.parametrize("text", ["forty", "-3", "1001", ""])
def test_bad_mileage_is_refused_in_words(text: str) -> None:
    field = vehicle_field(Vehicle.BICYCLE)
    assert set(problems_of(typed(**{field: text}))) == {field}


def test_no_lower_rate_after_the_step_means_the_same_rate_all_year() -> None:
    change = settings_from_form(typed(**{CAR_AFTER_STEP: ""}), Policy())
    assert change.policy.rate(Vehicle.CAR).after_step_pence is None


def test_each_kind_of_expense_is_read_with_its_limits() -> None:
    values = typed(
        **{
            kind_field(ExpenseKind.TAXI, "receipt"): False,
            kind_field(ExpenseKind.TAXI, "cap"): "40",
            kind_field(ExpenseKind.TAXI, "cost_code"): " CAB ",
            kind_field(ExpenseKind.CARE, "hourly_cap"): "12.50",
            kind_field(ExpenseKind.CARE, "cap"): "",
            kind_field(ExpenseKind.PARKING, "receipt_over"): "",
        }
    )
    policy = settings_from_form(values, Policy()).policy
    assert policy.rule(ExpenseKind.TAXI) == KindRule(receipt=False, cap_pence=4000, cost_code="CAB")
    assert policy.rule(ExpenseKind.CARE).hourly_cap_pence == 1250
    assert policy.rule(ExpenseKind.CARE).cap_pence is None
    assert policy.rule(ExpenseKind.PARKING).receipt_over_pence == 0


def test_an_hourly_limit_is_offered_only_for_kinds_paid_by_the_hour() -> None:
    values = form_values(Policy())
    assert kind_field(ExpenseKind.CARE, "hourly_cap") in values
    assert kind_field(ExpenseKind.INTERPRETER, "hourly_cap") in values
    assert kind_field(ExpenseKind.MEALS, "hourly_cap") not in values


def test_a_kind_of_expense_on_its_own() -> None:
    values = typed(**{kind_field(ExpenseKind.MEALS, "cap"): "ten"})
    rule, problems = rule_from_form(values, ExpenseKind.MEALS, Policy().rule(ExpenseKind.MEALS))
    assert set(problems) == {kind_field(ExpenseKind.MEALS, "cap")}
    rule, problems = rule_from_form(
        form_values(Policy()), ExpenseKind.MEALS, Policy().rule(ExpenseKind.MEALS)
    )
    assert (rule, problems) == (Policy().rule(ExpenseKind.MEALS), {})


def test_whose_time_is_paid_follows_the_ticks() -> None:
    values = typed(**{role_field(Role.CARER): False, role_field(Role.STAFF): True})
    policy = settings_from_form(values, Policy()).policy
    assert policy.paid_roles == {Role.LIVED_EXPERIENCE, Role.STAFF}


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("deadline_days", "ninety"),
        ("deadline_days", "0"),
        ("deadline_days", "4000"),
        ("mileage_step", ""),
        ("max_miles", "1.5"),
        ("weekly_limit", "0"),
        ("tax_year_limit", "£0.00"),
        ("confirm_over", "0"),
        ("weekly_limit", "£100,000.01"),
        ("declaration", "   "),
        ("declaration", "x" * 2001),
        ("involvement_cost_code", "C" * 31),
        (kind_field(ExpenseKind.MEALS, "cost_code"), "M" * 31),
        ("user_name", "n" * 101),
        (ORGANISATION, "o" * 121),
    ],
)
def test_limits_and_words_are_checked(field: str, text: str) -> None:
    assert set(problems_of(typed(**{field: text}))) == {field}


def test_whole_numbers_may_have_commas() -> None:
    policy = settings_from_form(typed(mileage_step="12,000"), Policy()).policy
    assert policy.mileage_step_miles == 12_000


def test_the_largest_figures_the_form_takes_read_back_from_the_data_file() -> None:
    values = typed(
        hourly_rate="£1,000.00",
        weekly_limit="£100,000.00",
        tax_year_limit="£100,000.00",
        confirm_over="£100,000.00",
        deadline_days="3650",
        mileage_step="1,000,000",
        max_miles="100,000",
        **{vehicle_field(v): "1000p" for v in Vehicle},
        **{kind_field(ExpenseKind.CARE, "cap"): "£100,000.00"},
    )
    policy = settings_from_form(values, Policy()).policy
    assert policy_from_data(policy_to_data(policy)) == policy


def test_every_problem_at_once_is_in_words() -> None:
    bad = {name: "?" for name, value in form_values(Policy()).items() if isinstance(value, str)}
    bad.update(involvement_mode="hourly", part_hours="quarter_up", user_name="", declaration="")
    problems = problems_of(typed(**bad))
    assert len(problems) > 30


# --- the folder for exported files -------------------------------------------------


def test_a_folder_that_is_there_or_can_be_made_is_fine(tmp_path: Path) -> None:
    assert folder_problem(str(tmp_path)) is None
    assert folder_note(str(tmp_path)) == ""
    later = tmp_path / "exports" / "claims"
    assert folder_problem(str(later)) is None
    assert "will be made" in folder_note(str(later))
    assert not later.exists(), "checking never makes the folder"
    assert folder_problem("") is None


def test_a_folder_that_cannot_be_used_is_refused_in_words(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    for text in (str(a_file), str(a_file / "inside"), "relative/folder"):
        problem = folder_problem(text)
        assert problem is not None
        assert_words(problem.replace(str(tmp_path), "/folder"))
    with pytest.raises(ValidationError) as raised:
        settings_from_form(typed(**{EXPORT_FOLDER: str(a_file)}), Policy())
    assert set(raised.value.problems) == {EXPORT_FOLDER}
    assert "a file, not a folder" in raised.value.problems[EXPORT_FOLDER]


def test_the_home_folder_is_understood(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    change = settings_from_form(typed(**{EXPORT_FOLDER: "~/Documents/Claims"}), Policy())
    assert change.about.export_folder == str(tmp_path / "Documents" / "Claims")


# --- in words ------------------------------------------------------------------------


def test_a_policy_that_differs_only_in_version_has_not_changed() -> None:
    assert not policy_changed(Policy(), replace(Policy(), version=7))
    assert policy_changed(Policy(), replace(Policy(), declaration="Other words."))


def test_a_kind_of_expense_in_a_few_words() -> None:
    assert rule_summary(Policy().rule(ExpenseKind.CARE)) == (
        "receipt always; most £60.00 a session, £10.00 an hour; code CARE"
    )
    assert rule_summary(Policy().rule(ExpenseKind.MILEAGE)) == "no receipt; no limit; code MILEAGE"
    assert rule_summary(KindRule(receipt_over_pence=1000)) == "receipt over £10.00; no limit"
