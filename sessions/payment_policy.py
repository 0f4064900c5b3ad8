"""The organisation's payment policy: rates, limits, receipts and cost codes.

The defaults follow ../shared/FACTS.md ("Paying people"): £15 an hour for taking
part, HMRC mileage rates, replacement care at £10 an hour up to £60 a session,
meals up to £10. Every figure can be changed on the Settings screen or shared
between laptops as a TOML file. Each saved change is a new version, and a claim
records the version it was worked out under.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from typing import Any

from sessions.claim_models import ExpenseKind, Vehicle
from sessions.errors import ValidationError
from sessions.models import LabelledEnum, Role


class InvolvementMode(LabelledEnum):
    HOURLY = "hourly", "An hourly rate"
    BANDS = "bands", "Fixed amounts for up to so many hours"


class PartHours(LabelledEnum):
    """How time that is not a whole number of hours is counted."""

    EXACT = "exact", "To the minute"
    QUARTER_UP = "quarter_up", "Up to the next quarter hour"
    HALF_UP = "half_up", "Up to the next half hour"
    HOUR_UP = "hour_up", "Up to the next whole hour"
    NEAREST_QUARTER = "nearest_quarter", "To the nearest quarter hour"

    def counted(self, minutes: int) -> int:
        """The minutes paid for, from the minutes someone was there."""
        minutes = max(0, minutes)
        if self is PartHours.EXACT:
            return minutes
        if self is PartHours.NEAREST_QUARTER:
            return (minutes + 7) // 15 * 15
        step = {PartHours.QUARTER_UP: 15, PartHours.HALF_UP: 30, PartHours.HOUR_UP: 60}[self]
        return -(-minutes // step) * step


@dataclass(frozen=True)
class Band:
    """A fixed involvement payment for time up to so many minutes."""

    label: str
    up_to_minutes: int
    pence: int


@dataclass(frozen=True)
class MileageRate:
    pence: int
    """Pence a mile, up to the step."""
    after_step_pence: int | None = None
    """Pence a mile after the step in one tax year (cars and vans), or the same rate."""


@dataclass(frozen=True)
class KindRule:
    """What the policy says about one kind of expense."""

    receipt: bool = True
    """Whether a receipt is needed."""
    receipt_over_pence: int = 0
    """A receipt is needed only above this amount (0: for any amount)."""
    cap_pence: int | None = None
    """The most paid for this kind in one claim, if there is a limit."""
    hourly_cap_pence: int | None = None
    """The most paid an hour (replacement care), if there is a limit."""
    cost_code: str = ""


DEFAULT_BANDS = (
    Band("Up to 3 hours", 180, 2000),
    Band("Half day (up to 4 hours)", 240, 3000),
    Band("Full day", 480, 6000),
)
DEFAULT_MILEAGE = {
    Vehicle.CAR: MileageRate(45, 25),
    Vehicle.PASSENGER: MileageRate(5),
    Vehicle.MOTORCYCLE: MileageRate(24),
    Vehicle.BICYCLE: MileageRate(20),
}
DEFAULT_KINDS = {
    ExpenseKind.MILEAGE: KindRule(receipt=False, cost_code="MILEAGE"),
    ExpenseKind.PUBLIC_TRANSPORT: KindRule(receipt_over_pence=1000, cost_code="TRAVEL"),
    ExpenseKind.TAXI: KindRule(cost_code="TAXI"),
    ExpenseKind.PARKING: KindRule(receipt_over_pence=500, cost_code="PARKING"),
    ExpenseKind.CARE: KindRule(cap_pence=6000, hourly_cap_pence=1000, cost_code="CARE"),
    ExpenseKind.SUPPORT: KindRule(cost_code="SUPPORT"),
    ExpenseKind.INTERPRETER: KindRule(cost_code="INTERPRET"),
    ExpenseKind.MEALS: KindRule(cap_pence=1000, cost_code="MEALS"),
    ExpenseKind.OTHER: KindRule(cost_code="OTHER"),
}
DEFAULT_DECLARATION = (
    "I confirm that I took part in this session, that the expenses above were spent "
    "by me so that I could take part, and that I have not claimed them from anyone else. "
    "I understand that involvement payments are income, and that I may need to tell "
    "HMRC (the tax office) or the benefits office about them."
)
DEFAULT_PAID_ROLES = frozenset({Role.LIVED_EXPERIENCE, Role.CARER})


@dataclass(frozen=True)
class Policy:
    """Everything the app needs to work out and check a claim."""

    version: int = 1
    involvement_mode: InvolvementMode = InvolvementMode.HOURLY
    hourly_pence: int = 1500
    part_hours: PartHours = PartHours.QUARTER_UP
    bands: tuple[Band, ...] = DEFAULT_BANDS
    paid_roles: frozenset[Role] = DEFAULT_PAID_ROLES
    """Whose time is paid for: staff are paid by their employer."""
    involvement_cost_code: str = "INVOLVE"
    mileage: dict[Vehicle, MileageRate] = field(default_factory=lambda: dict(DEFAULT_MILEAGE))
    mileage_step_miles: int = 10_000
    kinds: dict[ExpenseKind, KindRule] = field(default_factory=lambda: dict(DEFAULT_KINDS))
    deadline_days: int = 90
    weekly_limit_pence: int = 19_550
    """ESA Permitted Work weekly earnings limit (£195.50 from April 2025; it changes
    each April)."""
    tax_year_limit_pence: int = 100_000
    """A person's involvement payments in one tax year above which to warn."""
    confirm_line_over_pence: int = 100_000
    """A line above this needs confirming: it may be a typing slip."""
    max_miles: int = 1_000
    declaration: str = DEFAULT_DECLARATION

    def rule(self, kind: ExpenseKind) -> KindRule:
        rule = self.kinds.get(kind)
        return KindRule() if rule is None else rule

    def rate(self, vehicle: Vehicle) -> MileageRate:
        return self.mileage.get(vehicle, DEFAULT_MILEAGE[vehicle])

    def next_version(self) -> Policy:
        return replace(self, version=self.version + 1)


# --- as plain data (JSON in the data file, TOML in a shared file) ---------------


def policy_to_data(policy: Policy) -> dict[str, Any]:
    """The policy as plain, ordered data that reads well as TOML."""
    return {
        "version": policy.version,
        "involvement": {
            "mode": policy.involvement_mode.value,
            "hourly_pence": policy.hourly_pence,
            "part_hours": policy.part_hours.value,
            "paid_roles": sorted(role.value for role in policy.paid_roles),
            "cost_code": policy.involvement_cost_code,
            "bands": [
                {"label": b.label, "up_to_minutes": b.up_to_minutes, "pence": b.pence}
                for b in policy.bands
            ],
        },
        "mileage": {
            "step_miles": policy.mileage_step_miles,
            "max_miles": policy.max_miles,
            **{
                vehicle.value: _without_none(
                    {"pence": rate.pence, "after_step_pence": rate.after_step_pence}
                )
                for vehicle, rate in policy.mileage.items()
            },
        },
        "expenses": {
            kind.value: _without_none(
                {
                    "receipt": rule.receipt,
                    "receipt_over_pence": rule.receipt_over_pence,
                    "cap_pence": rule.cap_pence,
                    "hourly_cap_pence": rule.hourly_cap_pence,
                    "cost_code": rule.cost_code,
                }
            )
            for kind, rule in policy.kinds.items()
        },
        "limits": {
            "deadline_days": policy.deadline_days,
            "weekly_limit_pence": policy.weekly_limit_pence,
            "tax_year_limit_pence": policy.tax_year_limit_pence,
            "confirm_line_over_pence": policy.confirm_line_over_pence,
        },
        "declaration": policy.declaration,
    }


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    """TOML has no null: a missing key means 'no limit'."""
    return {key: value for key, value in values.items() if value is not None}


def policy_from_data(data: dict[str, Any]) -> Policy:
    """A policy from plain data, checked; raises ValidationError in words."""
    reader = _Reader(data)
    policy = reader.policy()
    if reader.problems:
        raise ValidationError(reader.problems)
    return policy


KNOWN_KEYS: dict[str, Any] = {
    "version": None,
    "declaration": None,
    "involvement": {
        "mode": None,
        "hourly_pence": None,
        "part_hours": None,
        "paid_roles": None,
        "cost_code": None,
        "bands": None,
    },
    "mileage": {
        "step_miles": None,
        "max_miles": None,
        **{v.value: {"pence": None, "after_step_pence": None} for v in Vehicle},
    },
    "expenses": {
        k.value: dict.fromkeys(
            ("receipt", "receipt_over_pence", "cap_pence", "hourly_cap_pence", "cost_code")
        )
        for k in ExpenseKind
    },
    "limits": dict.fromkeys(
        ("deadline_days", "weekly_limit_pence", "tax_year_limit_pence", "confirm_line_over_pence")
    ),
}
"""Every key a policy file may hold: anything else is a slip (a misspelt key would
otherwise be skipped and its built-in value used without a word)."""


def unknown_keys(
    data: dict[str, Any], known: dict[str, Any] = KNOWN_KEYS, at: str = ""
) -> list[str]:
    """Each key in `data` that a policy does not have, as 'involvement.hourley_pence'."""
    found = []
    for key, value in data.items():
        name = f"{at}.{key}" if at else key
        if key not in known:
            found.append(name)
        elif isinstance(known[key], dict) and isinstance(value, dict):
            found += unknown_keys(value, known[key], name)
    return found


def policy_from_toml(text: str) -> Policy:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValidationError(
            {
                "file": f"The policy file is not valid TOML ({error}). "
                "Check it was not changed by mistake."
            }
        ) from error
    if not data:
        raise ValidationError({"file": "The file has no payment policy in it."})
    unknown = unknown_keys(data)
    if unknown:
        names = ", ".join(f"“{name}”" for name in unknown)
        raise ValidationError(
            {
                "file": f"The file has settings a payment policy does not have: {names}. "
                "Check their spelling against a file made by 'facilitator policy export'."
            }
        )
    return policy_from_data(data)


def same_policy(one: Policy, other: Policy) -> bool:
    """The same rules, whatever their version numbers."""
    return replace(one, version=0) == replace(other, version=0)


def policy_to_toml(policy: Policy) -> str:
    import tomli_w  # only when a policy is shared

    header = (
        "# Facilitator payment policy. Amounts are in pence (1500 is £15.00) and times\n"
        "# in minutes. Import it on another laptop with: facilitator policy import FILE\n\n"
    )
    return header + tomli_w.dumps(policy_to_data(policy))


class _Reader:
    """Reads plain data into a Policy, collecting one problem per field."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.problems: dict[str, str] = {}

    def section(self, name: str) -> dict[str, Any]:
        return self.table(self.data, name, name, name)

    def table(self, where: dict[str, Any], key: str, label: str, name: str) -> dict[str, Any]:
        """A [section] of settings; anything else is a problem, read as empty."""
        value = where.get(key, {})
        if not isinstance(value, dict):
            self.problems[label] = f"“{name}” should be a section of settings."
            return {}
        return value

    def whole(self, where: dict[str, Any], key: str, label: str, default: int, *, most: int) -> int:
        value = where.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problems[label] = f"{label} should be a whole number, not “{value}”."
            return default
        if value < 0 or value > most:
            self.problems[label] = f"{label} should be between 0 and {most:,}, not {value:,}."
            return default
        return value

    def text(self, where: dict[str, Any], key: str, label: str, default: str) -> str:
        value = where.get(key, default)
        if not isinstance(value, str):
            self.problems[label] = f"{label} should be text."
            return default
        return value.strip()

    def choice(self, where: dict[str, Any], key: str, label: str, enum: Any, default: Any) -> Any:
        value = where.get(key, default.value)
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            self.problems[label] = f"{label} should be one of {allowed}, not “{value}”."
            return default

    def policy(self) -> Policy:
        base = Policy()
        version = self.whole(self.data, "version", "Version", 1, most=10**6) or 1
        inv = self.section("involvement")
        money_most = 10**7
        mode = self.choice(
            inv, "mode", "Involvement payment", InvolvementMode, base.involvement_mode
        )
        hourly = self.whole(inv, "hourly_pence", "Hourly rate", base.hourly_pence, most=money_most)
        part = self.choice(inv, "part_hours", "Part hours", PartHours, base.part_hours)
        roles = inv.get("paid_roles", sorted(r.value for r in base.paid_roles))
        paid_roles: set[Role] = set()
        for value in roles if isinstance(roles, list) else [roles]:
            try:
                paid_roles.add(Role(value))
            except ValueError:
                self.problems["Paid roles"] = f"“{value}” is not a role."
        bands = self.bands(inv.get("bands", None), base.bands)
        mileage_data = self.section("mileage")
        mileage = {}
        for vehicle in Vehicle:
            label = f"Mileage for {vehicle.label.lower()}"
            rate = self.table(mileage_data, vehicle.value, label, f"mileage.{vehicle.value}")
            default = base.rate(vehicle)
            pence = self.whole(rate, "pence", label, default.pence, most=1000)
            after = rate.get("after_step_pence", default.after_step_pence if not rate else None)
            if after is not None:
                after = self.whole(rate, "after_step_pence", label, after, most=1000)
            mileage[vehicle] = MileageRate(pence, after)
        kinds_data = self.section("expenses")
        kinds = {}
        for kind in ExpenseKind:
            default = base.rule(kind)
            if kind.value not in kinds_data:
                kinds[kind] = default
                continue
            label = kind.label
            rule = self.table(kinds_data, kind.value, label, f"expenses.{kind.value}")
            receipt = rule.get("receipt", default.receipt)
            if not isinstance(receipt, bool):
                self.problems[f"{label} receipt"] = f"{label}: “receipt” should be true or false."
                receipt = default.receipt
            kinds[kind] = KindRule(
                receipt=receipt,
                receipt_over_pence=self.whole(
                    rule, "receipt_over_pence", label, default.receipt_over_pence, most=money_most
                ),
                cap_pence=self.optional(rule, "cap_pence", label),
                hourly_cap_pence=self.optional(rule, "hourly_cap_pence", label),
                cost_code=self.text(rule, "cost_code", f"{label} cost code", default.cost_code),
            )
        limits = self.section("limits")
        return Policy(
            version=version,
            involvement_mode=mode,
            hourly_pence=hourly,
            part_hours=part,
            bands=bands,
            paid_roles=frozenset(paid_roles),
            involvement_cost_code=self.text(
                inv, "cost_code", "Cost code", base.involvement_cost_code
            ),
            mileage=mileage,
            mileage_step_miles=self.whole(
                mileage_data, "step_miles", "Mileage step", base.mileage_step_miles, most=10**6
            ),
            max_miles=self.whole(
                mileage_data, "max_miles", "Most miles", base.max_miles, most=10**5
            ),
            kinds=kinds,
            deadline_days=self.whole(
                limits, "deadline_days", "Deadline", base.deadline_days, most=3650
            ),
            weekly_limit_pence=self.whole(
                limits,
                "weekly_limit_pence",
                "Weekly limit",
                base.weekly_limit_pence,
                most=money_most,
            ),
            tax_year_limit_pence=self.whole(
                limits,
                "tax_year_limit_pence",
                "Tax year limit",
                base.tax_year_limit_pence,
                most=money_most,
            ),
            confirm_line_over_pence=self.whole(
                limits,
                "confirm_line_over_pence",
                "Confirm lines over",
                base.confirm_line_over_pence,
                most=money_most,
            ),
            declaration=self.text(self.data, "declaration", "Declaration", base.declaration)
            or base.declaration,
        )

    def optional(self, where: dict[str, Any], key: str, label: str) -> int | None:
        if key not in where:
            return None
        return self.whole(where, key, f"{label} limit", 0, most=10**7)

    def bands(self, data: Any, default: tuple[Band, ...]) -> tuple[Band, ...]:
        if data is None:
            return default
        if not isinstance(data, list) or not data:
            self.problems["Bands"] = "The fixed amounts should be a list of at least one band."
            return default
        bands = []
        for n, item in enumerate(data, 1):
            if not isinstance(item, dict):
                self.problems["Bands"] = f"Fixed amount {n} should have a label, minutes and pence."
                return default
            bands.append(
                Band(
                    label=self.text(item, "label", f"Band {n} label", f"Band {n}") or f"Band {n}",
                    up_to_minutes=self.whole(
                        item, "up_to_minutes", f"Band {n} time", 60, most=1440
                    ),
                    pence=self.whole(item, "pence", f"Band {n} amount", 0, most=10**7),
                )
            )
        return check_bands(tuple(bands), self.problems)


def check_bands(bands: tuple[Band, ...], problems: dict[str, str]) -> tuple[Band, ...]:
    """Bands in order of time, each for longer than the one before; problems in words."""
    ordered = tuple(sorted(bands, key=lambda b: b.up_to_minutes))
    times = [b.up_to_minutes for b in ordered]
    if len(set(times)) != len(times):
        problems["Bands"] = "Two fixed amounts are for the same length of time."
    if any(t == 0 for t in times):
        problems["Bands"] = "A fixed amount must be for more than no time."
    return ordered
