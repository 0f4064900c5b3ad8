"""The forms of a claim: an expense line, the payment for time, and a reason.

Each form asks the claims service (`sessions.claiming.Claims`) to check what was
typed as it is typed, so the words beside a field are the domain's own, and
nothing is written until the service accepts the whole form.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Button, Input, Select, Static

from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.form import FormScreen
from facilitator.widgets.choices import enum_select
from facilitator.widgets.form_field import FormField
from sessions.claim_models import HOURLY_KINDS, ClaimLine, ExpenseKind, PaymentChoice, Vehicle
from sessions.claiming import (
    TEXT_LIMITS,
    Claims,
    ClaimView,
    LineInput,
    NeedsConfirming,
    quantity_text,
)
from sessions.claims import UNPAID_WORDS, involvement_to_pay, line_problems
from sessions.errors import FacilitatorError, ValidationError
from sessions.money import parse_pounds, pounds, pounds_plain
from sessions.payment_policy import KindRule

WORKED_OUT = "Worked out from the policy's rate"
KIND_FIELDS = {
    "amount": lambda kind: kind is not ExpenseKind.MILEAGE,
    "miles": lambda kind: kind is ExpenseKind.MILEAGE,
    "vehicle": lambda kind: kind is ExpenseKind.MILEAGE,
    "hours": lambda kind: kind in HOURLY_KINDS,
    "why": lambda kind: kind is ExpenseKind.TAXI,
}
"""Fields that only some kinds of expense need: shown for those kinds only."""
HELD, NOT_HELD = "yes", "no"
RECEIPT_ANSWERS = [("No", NOT_HELD), ("Yes", HELD)]


def rule_words(rule: KindRule) -> str:
    """What the policy says about a kind of expense, for the hint under the amount."""
    said = []
    if rule.hourly_cap_pence is not None:
        most = f" up to {pounds(rule.cap_pence)} a session" if rule.cap_pence is not None else ""
        said.append(f"The policy pays up to {pounds(rule.hourly_cap_pence)} an hour{most}.")
    elif rule.cap_pence is not None:
        said.append(f"The policy pays up to {pounds(rule.cap_pence)} a session.")
    if rule.receipt:
        above = f" over {pounds(rule.receipt_over_pence)}" if rule.receipt_over_pence else ""
        said.append(f"A receipt is needed{above}.")
    else:
        said.append("No receipt is needed.")
    return " ".join(said)


# --- an expense line ---------------------------------------------------------


@dataclass(frozen=True)
class LineDraft:
    """A line the service accepted, as typed, and whether its amount needs confirming."""

    typed: LineInput
    line: ClaimLine
    large: str = ""
    """The service's words when the amount is large enough to be a typing slip."""


class LineForm(FormScreen[ClaimLine]):
    """Add or change one expense line; dismisses with the line as stored."""

    save_label = "Save line"

    def __init__(
        self,
        claims: Claims,
        view: ClaimView,
        *,
        kind: ExpenseKind | None = None,
        line: ClaimLine | None = None,
    ) -> None:
        super().__init__()
        self.claims = claims
        self.view = view
        self.line = line
        self.kind = line.kind if line is not None else kind
        self.receipt_typed = line is not None and (line.receipt_held or bool(line.receipt_ref))
        """A receipt already recorded stays in view, even where none is needed."""
        number = view.claim.number
        self.form_title = (
            f"Change an expense on claim {number}"
            if line
            else f"Add an expense to claim {number} ({view.person.display_name})"
        )

    def form_fields(self) -> ComposeResult:
        line = self.line
        yield FormField(
            "What it was for",
            enum_select(ExpenseKind, self.kind, id="kind", prompt="Choose the kind of expense"),
        )
        yield FormField(
            "Miles travelled",
            Input(
                quantity_text(line.miles_hundredths) if line and line.miles_hundredths else "",
                id="miles",
                placeholder="for example 12.5",
            ),
            hint="There and back, as the person says.",
        )
        vehicle = line.vehicle if line and line.vehicle else Vehicle.CAR
        yield FormField("How they travelled", enum_select(Vehicle, vehicle, id="vehicle"))
        yield Static("", id="line-worked-out", markup=False)
        yield FormField(
            "Amount in pounds",
            Input(
                pounds_plain(line.amount_pence)
                if line and self.kind is not ExpenseKind.MILEAGE
                else "",
                id="amount",
                placeholder="for example 12.50",
            ),
            hint=" ",  # the policy's rule for the kind chosen
        )
        yield FormField(
            "Hours",
            Input(
                quantity_text(line.hours_hundredths) if line and line.hours_hundredths else "",
                id="hours",
                placeholder="for example 3 or 2.5",
            ),
        )
        yield FormField(
            "Why a taxi was needed",
            Input(
                line.why if line else "",
                id="why",
                max_length=TEXT_LIMITS["why"],
                placeholder="agreed in advance, or for access needs",
            ),
        )
        yield FormField(
            "Details (optional)",
            Input(
                line.description if line else "",
                id="description",
                max_length=TEXT_LIMITS["description"],
                placeholder="what it was, in a few words",
            ),
        )
        # A drop-down rather than a tick box: its answer is in words, and a space typed
        # while it has the focus opens it instead of ticking it by accident.
        yield FormField(
            "Do we hold a receipt for this?",
            Select(
                RECEIPT_ANSWERS,
                value=HELD if line and line.receipt_held else NOT_HELD,
                allow_blank=False,
                id="receipt_held",
            ),
        )
        yield FormField(
            "Receipt reference (optional)",
            Input(
                line.receipt_ref if line else "",
                id="receipt_ref",
                max_length=TEXT_LIMITS["receipt_ref"],
                placeholder="the number written on the receipt",
            ),
        )
        yield Static("", id="line-flags", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.show_fields_for(self.kind)
        self.show_worked_out(self.try_build())
        if self.kind is not None:
            # The kind was chosen before the form opened: start on what comes next.
            self.call_after_refresh(self.focus_after_kind)

    def focus_after_kind(self) -> None:
        for form_field in self.fields()[1:]:
            if form_field.display:
                form_field.control.focus()
                return

    def show_fields_for(self, kind: ExpenseKind | None) -> None:
        for name, wanted in KIND_FIELDS.items():
            self.query_one(f"#field-{name}").display = kind is not None and wanted(kind)
        receipts = kind is None or self.view.policy.rule(kind).receipt or self.receipt_typed
        self.query_one("#field-receipt_held").display = receipts
        self.query_one("#field-receipt_ref").display = receipts
        self.query_one("#line-worked-out").display = kind is ExpenseKind.MILEAGE
        if kind is not None:
            hint = self.query_one("#hint-amount", Static)
            hint.update(rule_words(self.view.policy.rule(kind)))
            hint.display = True
            hours = self.query_one("#field-hours", FormField)
            needed = "" if kind is ExpenseKind.CARE else " (optional)"
            hours.query_one(".field-label", Static).update(f"Hours{needed}")

    def values_changed(self, name: str, values: dict[str, Any]) -> None:
        if name == "kind":
            self.show_fields_for(ExpenseKind(values["kind"]) if values["kind"] else None)

    def check(self, *, everywhere: bool = False) -> LineDraft | None:  # type: ignore[override]
        built = super().check(everywhere=everywhere)
        self.show_worked_out(built)
        return built

    def try_build(self) -> LineDraft | None:
        try:
            return self.build(self.values())
        except ValidationError:
            return None

    def show_worked_out(self, draft: LineDraft | None) -> None:
        """The mileage as worked out, and what approving the line would need an
        override for, as the line stands."""
        words = (
            f"{WORKED_OUT}: {pounds(draft.line.amount_pence)}."
            if draft is not None
            else f"{WORKED_OUT} once the miles and how they travelled are in."
        )
        self.query_one("#line-worked-out", Static).update(words)
        flags = self.query_one("#line-flags", Static)
        found = line_problems(draft.line, self.view.policy) if draft is not None else []
        flags.update(
            "Approving this will need an override:\n" + problems_text(found) if found else ""
        )
        flags.display = bool(found)

    def typed(self, values: dict[str, Any]) -> LineInput:
        """What was typed, leaving out the fields the kind does not use."""
        if not values["kind"]:
            raise ValidationError({"kind": "Choose what the expense was for."})
        kind = ExpenseKind(values["kind"])

        def wanted(name: str) -> str:
            return str(values[name]) if KIND_FIELDS[name](kind) else ""

        return LineInput(
            kind=kind,
            amount=wanted("amount"),
            miles=wanted("miles"),
            vehicle=Vehicle(values["vehicle"]) if wanted("vehicle") else None,
            hours=wanted("hours"),
            why=wanted("why"),
            description=values["description"],
            receipt_held=values["receipt_held"] == HELD,
            receipt_ref=values["receipt_ref"],
        )

    def build(self, values: dict[str, Any]) -> LineDraft:  # type: ignore[override]
        typed = self.typed(values)
        view = self.view
        try:
            line = self.claims.line_from_input(view.claim, view.session, view.policy, typed)
        except NeedsConfirming as large:
            typed = replace(typed, confirmed=True)
            line = self.claims.line_from_input(view.claim, view.session, view.policy, typed)
            return LineDraft(typed, line, str(large))
        return LineDraft(typed, line)

    def second_thoughts(self, built: LineDraft) -> ConfirmScreen | None:  # type: ignore[override]
        if not built.large:
            return None
        return ConfirmScreen(
            f"Save {pounds(built.line.amount_pence)}?",
            built.large,
            yes=f"Save {pounds(built.line.amount_pence)}",
            no="Change it",
        )

    def persist(self, built: LineDraft) -> ClaimLine:  # type: ignore[override]
        assert self.view.claim.id is not None
        line_id = self.line.id if self.line is not None else None
        return self.claims.save_line(self.view.claim.id, built.typed, line_id)


# --- the payment for time ------------------------------------------------------


@dataclass(frozen=True)
class PaymentDraft:
    choice: PaymentChoice
    amount: str
    reason: str
    charity: str
    pays: int


class PaymentForm(FormScreen[PaymentDraft]):
    """What the person chose for the payment for their time, and how much."""

    save_label = "Save payment"

    def __init__(self, claims: Claims, view: ClaimView) -> None:
        super().__init__()
        self.claims = claims
        self.view = view
        self.form_title = f"Payment for time: {view.person.display_name}"
        self.choice_shown: PaymentChoice | None = view.claim.choice

    def form_fields(self) -> ComposeResult:
        claim = self.view.claim
        worked = self.view.worked_out
        yield Static(worked.how, id="payment-worked-out", markup=False)
        yield FormField("What they chose", enum_select(PaymentChoice, claim.choice, id="choice"))
        yield FormField(
            "Charity to give it to",
            Input(claim.charity, id="charity", max_length=TEXT_LIMITS["charity"]),
        )
        changed = claim.involvement_pence != claim.worked_out_pence
        shown = pounds_plain(claim.involvement_pence) if changed else ""
        yield FormField(
            "Amount in pounds",
            Input(shown, id="amount", placeholder=pounds_plain(worked.pence)),
            hint=self.amount_hint(claim.choice),
        )
        yield FormField(
            "Why the amount is different",
            Input(
                claim.amount_reason,
                id="reason",
                max_length=TEXT_LIMITS["reason"],
                placeholder="only when it is not the amount worked out",
            ),
        )
        yield Static("", id="payment-pays", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.show_fields_for(self.view.claim.choice)
        self.show_pays(self.try_build())

    def amount_hint(self, choice: PaymentChoice | None) -> str:
        """What to type, in the same words and amounts as the problems the amount can have."""
        worked = pounds(self.view.worked_out.pence)
        if choice is PaymentChoice.LOWER:
            return f"Type the lower amount the person asked for: less than the {worked} worked out."
        return (
            f"Leave it empty to pay the {worked} worked out. Any other amount needs a reason below."
        )

    def show_fields_for(self, choice: PaymentChoice | None) -> None:
        paid = choice is not PaymentChoice.DECLINE
        self.query_one("#field-amount").display = paid
        self.query_one("#field-reason").display = paid and choice is not PaymentChoice.LOWER
        self.query_one("#field-charity").display = choice is PaymentChoice.CHARITY
        self.query_one("#hint-amount", Static).update(self.amount_hint(choice))

    def values_changed(self, name: str, values: dict[str, Any]) -> None:
        if name != "choice" or not values["choice"]:
            return
        choice = PaymentChoice(values["choice"])
        if choice is self.choice_shown:
            return  # the drop-down set up, or the same choice picked again
        before, self.choice_shown = self.choice_shown, choice
        if amount_means(before) != amount_means(choice):
            # A lower amount is not a different amount for a voucher, and a declined
            # payment has none: an amount typed for the old choice would only be refused.
            for cleared in ("#amount", "#reason"):
                self.query_one(cleared, Input).value = ""
        self.show_fields_for(choice)
        wanted = {PaymentChoice.CHARITY: "#charity", PaymentChoice.LOWER: "#amount"}.get(choice)
        if wanted is not None:
            # After the drop-down has closed and taken the focus back.
            following = self.query_one(wanted, Input)
            self.call_after_refresh(following.focus)

    def check(self, *, everywhere: bool = False) -> PaymentDraft | None:  # type: ignore[override]
        built = super().check(everywhere=everywhere)
        self.show_pays(built)
        return built

    def try_build(self) -> PaymentDraft | None:
        try:
            return self.build(self.values())
        except ValidationError:
            return None

    def show_pays(self, draft: PaymentDraft | None) -> None:
        self.query_one("#payment-pays", Static).update(
            (
                no_payment_words(self.view, draft.choice, draft.pays)
                or f"They will be paid {pounds(draft.pays)} for their time."
            )
            if draft
            else ""
        )

    def build(self, values: dict[str, Any]) -> PaymentDraft:
        if not values["choice"]:
            raise ValidationError({"choice": "Choose what the person wants."})
        choice = PaymentChoice(values["choice"])
        paid = choice is not PaymentChoice.DECLINE
        amount = str(values["amount"]).strip() if paid else ""
        reason = str(values["reason"]).strip() if paid else ""
        charity = str(values["charity"]).strip() if choice is PaymentChoice.CHARITY else ""
        try:
            typed = parse_pounds(amount) if amount else None
        except ValueError as error:
            raise ValidationError({"amount": str(error)}) from error
        try:
            pays = involvement_to_pay(self.view.claim.worked_out_pence, choice, typed, reason)
        except FacilitatorError as error:
            raise ValidationError({"amount": str(error)}) from error
        if choice is PaymentChoice.CHARITY and not charity:
            raise ValidationError({"charity": "Name the charity the payment should go to."})
        return PaymentDraft(choice, amount, reason, charity, pays)

    def persist(self, built: PaymentDraft) -> PaymentDraft:
        assert self.view.claim.id is not None
        self.claims.set_payment(
            self.view.claim.id, built.choice, built.amount, built.reason, built.charity
        )
        return built


def amount_means(choice: PaymentChoice | None) -> str:
    """What an amount typed for a choice is: a lower amount, a different amount (with a
    reason), or nothing at all."""
    if choice is PaymentChoice.LOWER:
        return "lower"
    return "none" if choice is PaymentChoice.DECLINE else "different"


def unpaid(view: ClaimView) -> bool:
    """A claim with no payment for time because the policy does not pay the person's role."""
    claim = view.claim
    return (
        not claim.is_correction
        and claim.involvement_pence == 0
        and view.person.role not in view.policy.paid_roles
    )


def no_payment_words(view: ClaimView, choice: PaymentChoice, pays: int) -> str:
    """Why there is no payment for time, or "" when there is one."""
    if choice is PaymentChoice.DECLINE:
        return "Declined: no payment for time."
    role = view.person.role
    if pays == 0 and role not in view.policy.paid_roles:
        return f"No payment for time: the policy does not pay {UNPAID_WORDS[role]}."
    return ""


# --- a reason ------------------------------------------------------------------


class ReasonForm(FormScreen[str]):
    """One question answered in words: why a claim is rejected, reversed, approved
    anyway, cancelled, or made for someone not recorded as there; or who is changing
    claims."""

    def __init__(
        self,
        title: str,
        question: str,
        *,
        explain: str = "",
        required: bool = True,
        save: str = "Save",
        keep: str = "Cancel",
        needed: str = "Say why, in a few words.",
        most: int = TEXT_LIMITS["reason"],
    ) -> None:
        super().__init__()
        self.form_title = title
        self.question = question
        self.explain = explain
        self.required = required
        self.save_label = save
        self.keep_label = keep
        """The button that closes the form and changes nothing."""
        self.needed = needed
        self.most = most

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#cancel", Button).label = f"{self.keep_label} (esc)"

    def form_fields(self) -> ComposeResult:
        if self.explain:
            yield Static(self.explain, id="reason-explain", markup=False)
        optional = "" if self.required else " (optional)"
        yield FormField(
            f"{self.question}{optional}",
            Input(id="reason", max_length=self.most),
        )

    def build(self, values: dict[str, Any]) -> str:
        reason = " ".join(str(values["reason"]).split())
        if self.required and not reason:
            raise ValidationError({"reason": self.needed})
        return reason

    @property
    def has_changes(self) -> bool:
        """A reason is quick to type again: escape never asks before dropping it."""
        return False


def problems_text(problems: list[str]) -> str:
    """The problems that need an override, one to a line, marked so they stand out."""
    return "\n".join(f"! {problem}" for problem in problems)
