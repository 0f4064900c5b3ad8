"""The Settings screen's fields as text, and back again, with problems in words.

`form_values` turns the payment policy and the small settings (who you are, your
organisation, where exported files go) into the text a form shows: money in pounds
("£15.00"), mileage in pence ("45p"), times in hours. `settings_from_form` reads what
was typed back into a `Policy`, or raises `ValidationError` with one sentence per
field, keyed by the field's name. The Sign-ups and summaries tab is read by
`sessions.signup`, and its problems join the others. Nothing here writes anything.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import TypeVar

from sessions.claim_models import HOURLY_KINDS, ExpenseKind, Vehicle
from sessions.errors import ValidationError
from sessions.models import LabelledEnum, Role
from sessions.money import format_quantity, parse_pounds, parse_quantity, pounds, round_half_up
from sessions.payment_policy import (
    Band,
    InvolvementMode,
    KindRule,
    PartHours,
    Policy,
    check_bands,
)
from sessions.signup import SignupSettings
from sessions.signup import settings_from_form as signup_settings_from_form
from sessions.store.settings import EXPORT_FOLDER, ORGANISATION

BAND_ROWS = 5
"""Rows for fixed amounts on the form; more when a shared policy has more bands."""
CAR_AFTER_STEP = "mileage_car_after_step"
E = TypeVar("E", bound=LabelledEnum)

# The most each kind of figure may be: within what a policy file may hold.
MOST_MONEY = 10**7  # £100,000.00
MOST_HOURLY = 100_000  # £1,000.00 an hour
MOST_PENCE_A_MILE = 1000
MOST_BAND_HOURS = 24
TEXT_MOST = {
    "user_name": 100,
    ORGANISATION: 120,
    EXPORT_FOLDER: 500,
    "cost_code": 30,
    "band_label": 60,
    "declaration": 2000,
}


@dataclass(frozen=True)
class About:
    """The settings that are not the payment policy."""

    user_name: str = ""
    organisation: str = ""
    export_folder: str = ""


@dataclass(frozen=True)
class SettingsChange:
    """What the Settings form asks to keep, checked."""

    about: About
    policy: Policy
    signups: SignupSettings | None = None
    """The Sign-ups and summaries tab; None when the form does not hold it."""


# --- field names --------------------------------------------------------------


def band_fields(row: int) -> tuple[str, str, str]:
    """The label, time and amount fields of fixed amount `row` (from 1)."""
    return f"band_{row}_label", f"band_{row}_hours", f"band_{row}_amount"


def role_field(role: Role) -> str:
    return f"paid_{role.value}"


def vehicle_field(vehicle: Vehicle) -> str:
    return f"mileage_{vehicle.value}"


def kind_field(kind: ExpenseKind, part: str) -> str:
    """`part` is receipt, receipt_over, cap, hourly_cap or cost_code."""
    return f"{kind.value}_{part}"


def band_rows(policy: Policy) -> int:
    return max(BAND_ROWS, len(policy.bands) + 1)


# --- policy to text -----------------------------------------------------------


def form_values(policy: Policy, about: About | None = None) -> dict[str, str | bool]:
    """Every field of the Settings form as it starts: text, or True/False for ticks."""
    about = about or About()
    values: dict[str, str | bool] = {
        "user_name": about.user_name,
        ORGANISATION: about.organisation,
        EXPORT_FOLDER: about.export_folder,
        "involvement_mode": policy.involvement_mode.value,
        "hourly_rate": pounds(policy.hourly_pence),
        "part_hours": policy.part_hours.value,
        "involvement_cost_code": policy.involvement_cost_code,
        CAR_AFTER_STEP: _pence_text(policy.rate(Vehicle.CAR).after_step_pence),
        "mileage_step": f"{policy.mileage_step_miles:,}",
        "max_miles": f"{policy.max_miles:,}",
        "deadline_days": str(policy.deadline_days),
        "weekly_limit": pounds(policy.weekly_limit_pence),
        "tax_year_limit": pounds(policy.tax_year_limit_pence),
        "confirm_over": pounds(policy.confirm_line_over_pence),
        "declaration": policy.declaration,
    }
    for row in range(1, band_rows(policy) + 1):
        label, hours, amount = band_fields(row)
        band = policy.bands[row - 1] if row <= len(policy.bands) else None
        values[label] = band.label if band else ""
        values[hours] = hours_text(band.up_to_minutes) if band else ""
        values[amount] = pounds(band.pence) if band else ""
    for role in Role:
        values[role_field(role)] = role in policy.paid_roles
    for vehicle in Vehicle:
        values[vehicle_field(vehicle)] = _pence_text(policy.rate(vehicle).pence)
    for kind in ExpenseKind:
        rule = policy.rule(kind)
        values[kind_field(kind, "receipt")] = rule.receipt
        values[kind_field(kind, "receipt_over")] = pounds(rule.receipt_over_pence)
        values[kind_field(kind, "cap")] = _optional_pounds(rule.cap_pence)
        if kind in HOURLY_KINDS:
            values[kind_field(kind, "hourly_cap")] = _optional_pounds(rule.hourly_cap_pence)
        values[kind_field(kind, "cost_code")] = rule.cost_code
    return values


def hours_text(minutes: int) -> str:
    """'3', '2.5', '0.25': minutes as hours, the way someone would type them."""
    return format_quantity(Fraction(minutes, 60))


def _pence_text(pence: int | None) -> str:
    return "" if pence is None else f"{pence}p"


def _optional_pounds(pence: int | None) -> str:
    return "" if pence is None else pounds(pence)


# --- text to policy -----------------------------------------------------------


def settings_from_form(values: Mapping[str, object], base: Policy) -> SettingsChange:
    """The settings and policy typed on the form, checked; raises ValidationError with a
    sentence per field. What the form does not show is kept from `base`."""
    form = _Form(values)
    about = About(
        user_name=form.text("user_name", "your name"),
        organisation=form.text(ORGANISATION, "the organisation's name"),
        export_folder=form.folder(EXPORT_FOLDER),
    )
    mode = form.choice("involvement_mode", InvolvementMode, base.involvement_mode)
    # The hourly rate is hidden while fixed amounts are in use: a slip there keeps the old rate.
    hourly_form = form if mode is InvolvementMode.HOURLY else _Form(values)
    hourly = hourly_form.money("hourly_rate", "the hourly rate", most=MOST_HOURLY)
    bands = _bands(form, values, base, needed=mode is InvolvementMode.BANDS)
    mileage = dict(base.mileage)
    for vehicle in Vehicle:
        pence = form.pence_a_mile(vehicle_field(vehicle), vehicle.label.lower())
        mileage[vehicle] = replace(base.rate(vehicle), pence=pence if pence is not None else 0)
    after = form.pence_a_mile(CAR_AFTER_STEP, "a car or van after the step", optional=True)
    mileage[Vehicle.CAR] = replace(mileage[Vehicle.CAR], after_step_pence=after)
    kinds = dict(base.kinds)
    for kind in ExpenseKind:
        rule, problems = rule_from_form(values, kind, base.rule(kind))
        form.problems.update(problems)
        kinds[kind] = rule
    policy = replace(
        base,
        involvement_mode=mode,
        hourly_pence=hourly if hourly is not None else base.hourly_pence,
        part_hours=form.choice("part_hours", PartHours, base.part_hours),
        bands=bands,
        paid_roles=frozenset(role for role in Role if values.get(role_field(role)) is True),
        involvement_cost_code=form.text("involvement_cost_code", "a cost code", most="cost_code"),
        mileage=mileage,
        mileage_step_miles=form.whole(
            "mileage_step", "miles for the step", least=1, most=10**6, default=10_000
        ),
        max_miles=form.whole(
            "max_miles", "miles on one line", least=1, most=10**5, default=base.max_miles
        ),
        kinds=kinds,
        deadline_days=form.whole(
            "deadline_days", "days for the deadline", least=1, most=3650, default=90
        ),
        weekly_limit_pence=_or(form.money("weekly_limit", "the weekly limit", positive=True), 0),
        tax_year_limit_pence=_or(
            form.money("tax_year_limit", "the tax-year limit", positive=True), 0
        ),
        confirm_line_over_pence=_or(
            form.money("confirm_over", "the amount to confirm", positive=True), 0
        ),
        declaration=form.text("declaration", "the declaration", required=True),
    )
    signups, signup_problems = signup_settings_from_form(values)
    form.problems.update(signup_problems)
    if form.problems:
        raise ValidationError(form.problems)
    return SettingsChange(about, policy, signups)


def rule_from_form(
    values: Mapping[str, object], kind: ExpenseKind, base: KindRule
) -> tuple[KindRule, dict[str, str]]:
    """One kind of expense as typed, and the problems with it (keyed by field)."""
    form = _Form(values)
    label = kind.label.lower()
    receipt = values.get(kind_field(kind, "receipt"), base.receipt) is True
    over = form.money(
        kind_field(kind, "receipt_over"), "the amount a receipt is needed over", blank_is=0
    )
    cap = form.money(kind_field(kind, "cap"), f"the limit for {label}", blank_is=None)
    hourly = base.hourly_cap_pence
    if kind in HOURLY_KINDS:
        hourly = form.money(
            kind_field(kind, "hourly_cap"), f"the hourly limit for {label}", blank_is=None
        )
    rule = KindRule(
        receipt=receipt,
        receipt_over_pence=_or(over, base.receipt_over_pence),
        cap_pence=cap,
        hourly_cap_pence=hourly,
        cost_code=form.text(kind_field(kind, "cost_code"), "a cost code", most="cost_code"),
    )
    return rule, form.problems


def _bands(
    form: _Form, values: Mapping[str, object], base: Policy, *, needed: bool
) -> tuple[Band, ...]:
    """The fixed amounts typed. When they are not in use (hourly rate), rows that do not
    make sense are left as they were rather than blocking the save."""
    checking = _Form(values)
    bands = []
    row = 1
    while band_fields(row)[0] in values:
        label_field, hours_field, amount_field = band_fields(row)
        texts = [str(values.get(name, "")).strip() for name in band_fields(row)]
        row += 1
        if not any(texts):
            continue
        label = checking.text(label_field, "the name of a fixed amount", most="band_label")
        if not label:
            checking.problems[label_field] = (
                "Give this fixed amount a name, like “Half day”, or empty the row."
            )
        minutes = checking.band_minutes(hours_field)
        pence = checking.money(amount_field, "the fixed amount", blank_is=None)
        if pence is None and amount_field not in checking.problems:
            checking.problems[amount_field] = "Type the amount in pounds, for example 20.00."
        if minutes and pence is not None and label:
            bands.append((hours_field, Band(label, minutes, pence)))
    seen: set[int] = set()
    for hours_field, band in bands:
        if band.up_to_minutes in seen:
            checking.problems[hours_field] = (
                f"Another fixed amount is also for up to {hours_text(band.up_to_minutes)} "
                "hours. Give each a different time."
            )
        seen.add(band.up_to_minutes)
    if needed and not bands and not checking.problems:
        checking.problems[band_fields(1)[0]] = (
            "Fill in at least one fixed amount: a name, up to how many hours, and the amount."
        )
    if not needed and (checking.problems or not bands):
        return base.bands
    form.problems.update(checking.problems)
    return check_bands(tuple(band for _, band in bands), {}) or base.bands


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


class _Form:
    """Reads typed text field by field, keeping one problem per field."""

    def __init__(self, values: Mapping[str, object]) -> None:
        self.values = values
        self.problems: dict[str, str] = {}

    def raw(self, field: str) -> str:
        value = self.values.get(field, "")
        return value.strip() if isinstance(value, str) else ""

    def text(self, field: str, what: str, *, most: str = "", required: bool = False) -> str:
        text = self.raw(field)
        limit = TEXT_MOST[most or field]
        if required and not text:
            self.problems[field] = f"Type {what}: it cannot be left empty."
        elif len(text) > limit:
            self.problems[field] = (
                f"Keep {what} to {limit:,} characters or fewer (this has {len(text):,})."
            )
        return text

    def money(
        self,
        field: str,
        what: str,
        *,
        most: int = MOST_MONEY,
        positive: bool = False,
        blank_is: int | str | None = "needed",
    ) -> int | None:
        """Pence from pounds typed; `blank_is` is what an empty field means (None for no
        limit), or "needed" when it must be filled in."""
        text = self.raw(field)
        if not text and blank_is != "needed":
            return blank_is  # type: ignore[return-value]
        if not text:
            self.problems[field] = f"Type {what} in pounds, for example 15.00."
            return None
        try:
            pence = parse_pounds(text)
        except ValueError as error:
            self.problems[field] = str(error)
            return None
        if pence > most:
            self.problems[field] = (
                f"{pounds(pence)} is more than {pounds(most)}. Check {what}: it may be a "
                "typing slip."
            )
            return None
        if positive and pence == 0:
            self.problems[field] = f"Type {what} as more than £0.00."
            return None
        return pence

    def pence_a_mile(self, field: str, what: str, *, optional: bool = False) -> int | None:
        """'45', '45p' or '£0.45': whole pence a mile."""
        text = self.raw(field)
        if not text:
            if not optional:
                self.problems[field] = f"Type the pence a mile for {what}, like 45."
            return None
        cleaned = text.lower().replace(" ", "")
        try:
            if "£" in cleaned or "." in cleaned:
                pence = parse_pounds(cleaned)
            else:
                pence = int(cleaned.removesuffix("p"))
                if pence < 0:
                    raise ValueError
        except ValueError:
            self.problems[field] = (
                f"“{text}” is not a number of pence. Type whole pence a mile, like 45."
            )
            return None
        if pence > MOST_PENCE_A_MILE:
            self.problems[field] = (
                f"{pence:,}p a mile is more than {MOST_PENCE_A_MILE:,}p. Check the rate for {what}."
            )
            return None
        return pence

    def whole(self, field: str, what: str, *, least: int, most: int, default: int) -> int:
        text = self.raw(field).replace(",", "")
        if not text:
            self.problems[field] = f"Type the number of {what}, like {default:,}."
            return default
        if not text.isdigit():
            self.problems[field] = (
                f"“{self.raw(field)}” is not a whole number. Type the number of {what} "
                f"in figures, like {default:,}."
            )
            return default
        number = int(text)
        if not least <= number <= most:
            self.problems[field] = (
                f"The number of {what} should be between {least:,} and {most:,}, not {number:,}."
            )
            return default
        return number

    def band_minutes(self, field: str) -> int:
        text = self.raw(field)
        if not text:
            self.problems[field] = "Type up to how many hours this amount is for, like 3."
            return 0
        try:
            hours = parse_quantity(text, "hours", most=MOST_BAND_HOURS)
        except ValueError as error:
            self.problems[field] = str(error)
            return 0
        minutes = round_half_up(hours * 60)
        if minutes == 0:
            self.problems[field] = "Type a time longer than no time, like 3 hours."
        return minutes

    def choice(self, field: str, enum: type[E], default: E) -> E:
        try:
            return enum(self.values.get(field, ""))
        except ValueError:
            return default

    def folder(self, field: str) -> str:
        text = self.text(field, "the folder")
        if not text:
            return ""
        problem = folder_problem(text)
        if problem:
            self.problems[field] = problem
            return text
        return str(Path(text).expanduser())


# --- the folder for exported files ------------------------------------------


def folder_problem(text: str) -> str | None:
    """Why files cannot be written to the folder typed, in words; None when they can
    (the folder is there, or can be made when the first file is written)."""
    text = text.strip()
    if not text:
        return None
    path = Path(text).expanduser()
    if not path.is_absolute():
        return (
            "Type the whole path of the folder, like /home/you/Documents/Facilitator "
            "or ~/Documents/Facilitator."
        )
    if path.exists():
        if not path.is_dir():
            return f"That is a file, not a folder: “{path}”. Choose a folder for exported files."
        if not os.access(path, os.W_OK | os.X_OK):
            return f"Files cannot be saved in “{path}”. Choose a folder you can save files in."
        return None
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return f"The folder cannot be made, because “{parent}” is a file, not a folder."
    if not os.access(parent, os.W_OK | os.X_OK):
        return (
            f"The folder cannot be made, because files cannot be saved in “{parent}”. "
            "Choose a folder you can save files in."
        )
    return None


def folder_note(text: str) -> str:
    """A word about a usable folder that does not exist yet."""
    text = text.strip()
    if not text or folder_problem(text):
        return ""
    if Path(text).expanduser().exists():
        return ""
    return "This folder does not exist yet: it will be made when the first file is saved."


# --- in words ---------------------------------------------------------------


def policy_changed(old: Policy, new: Policy) -> bool:
    """Whether saving `new` would change anything claims are worked out with."""
    return replace(new, version=old.version) != old


def rule_summary(rule: KindRule) -> str:
    """'receipt over £10.00; most £60.00 a session, £10.00 an hour; code CARE'."""
    if not rule.receipt:
        receipt = "no receipt"
    elif rule.receipt_over_pence:
        receipt = f"receipt over {pounds(rule.receipt_over_pence)}"
    else:
        receipt = "receipt always"
    limits = []
    if rule.cap_pence is not None:
        limits.append(f"most {pounds(rule.cap_pence)} a session")
    if rule.hourly_cap_pence is not None:
        limits.append(f"{pounds(rule.hourly_cap_pence)} an hour")
    parts = [receipt, ", ".join(limits) or "no limit"]
    if rule.cost_code:
        parts.append(f"code {rule.cost_code}")
    return "; ".join(parts)
