"""The Decide tab's forms: an option, the way the room votes, and dots counted off a wall."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, Static

from facilitator.screens.form import FormScreen
from facilitator.widgets.form_field import FormField
from sessions.decide import check_rules, check_tally
from sessions.decide_entry import (
    option_from_form,
    rules_from_form,
    rules_words,
    tally_field,
    tally_from_form,
)
from sessions.decide_models import DecisionRules, Option, Tally, VoteMethod
from sessions.errors import ValidationError
from sessions.money import pounds


def _pounds_typed(pence: int | None) -> str:
    """Pence as someone would type them: '4000.00' (no £ or commas to trip over)."""
    return "" if pence is None else pounds(pence).lstrip("£").replace(",", "")


class OptionForm(FormScreen[Option]):
    """An option or proposal: title, who proposed it, one line about it, and its cost."""

    def __init__(
        self, rules: DecisionRules, save: Callable[[Option], Option], option: Option | None = None
    ) -> None:
        super().__init__()
        self.rules = rules
        self.save = save
        self.option = option
        self.form_title = f"Change “{option.title}”" if option else "Add an option"

    def form_fields(self) -> ComposeResult:
        option = self.option or Option(title="")
        yield FormField(
            "Title", Input(option.title, id="title", placeholder="for example Bus pass help")
        )
        yield FormField(
            "Proposed by",
            Input(option.proposed_by, id="proposed_by", placeholder="a person or a group"),
        )
        yield FormField(
            "In one line",
            Input(option.description, id="description", placeholder="what it is, briefly"),
        )
        budget = self.rules.method is VoteMethod.BUDGET
        yield FormField(
            "Cost in pounds" if budget else "Cost in pounds (if it has one)",
            Input(_pounds_typed(option.cost_pence), id="cost", placeholder="for example 4000"),
            hint="The budget funds proposals by their cost." if budget else "",
        )

    def build(self, values: dict[str, Any]) -> Option:
        return option_from_form(values, self.rules, self.option)

    def persist(self, built: Option) -> Option:
        return self.save(built)


class RulesForm(FormScreen[DecisionRules]):
    """How the room votes: the method, and the dots, top few or budget it needs."""

    form_title = "How the room votes"

    def __init__(self, rules: DecisionRules, save: Callable[[DecisionRules], object]) -> None:
        super().__init__()
        self.rules = rules
        self.save = save

    def form_fields(self) -> ComposeResult:
        rules = self.rules
        yield FormField(
            "Method",
            Select(
                [(m.label, m.value) for m in VoteMethod],
                value=rules.method.value,
                allow_blank=False,
                id="method",
            ),
        )
        yield FormField("Dots each", Input(str(rules.dots_per_person), id="dots", type="integer"))
        yield FormField(
            "Stacking",
            Checkbox(
                "More than one dot may go on the same option", rules.may_stack, id="may_stack"
            ),
        )
        yield FormField(
            "How many each person ranks",
            Input(str(rules.rank_top), id="rank_top", type="integer"),
        )
        yield FormField(
            "Budget in pounds",
            Input(_pounds_typed(rules.budget_pence), id="budget", placeholder="for example 10000"),
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.show_method(self.values())

    def values_changed(self, name: str, values: dict[str, Any]) -> None:
        self.show_method(values)

    def show_method(self, values: dict[str, Any]) -> None:
        """Only the fields this method uses, and the rules in words as they stand."""
        try:
            method = VoteMethod(str(values.get("method")))
        except ValueError:
            method = VoteMethod.DOTS
        self.query_one("#field-dots").display = method.uses_dots
        self.query_one("#field-may_stack").display = method.uses_dots
        self.query_one("#field-rank_top").display = method is VoteMethod.RANKING
        self.query_one("#field-budget").display = method is VoteMethod.BUDGET
        try:
            words = rules_words(rules_from_form(values))
        except ValidationError:
            words = ""
        hint = self.query_one("#hint-method", Static)
        hint.update(words)
        hint.display = bool(words)

    def build(self, values: dict[str, Any]) -> DecisionRules:
        rules = rules_from_form(values)
        problems = check_rules(rules)
        if problems:
            raise ValidationError({"method": " ".join(problems)})
        return rules

    def persist(self, built: DecisionRules) -> DecisionRules:
        self.save(built)
        return built


class TallyForm(FormScreen[Tally]):
    """Dots counted off a wall: how many on each option, and how many people voted."""

    form_title = "Dots counted off the wall"
    save_label = "Save the count"

    def __init__(
        self,
        rules: DecisionRules,
        options: Sequence[Option],
        tally: Tally | None,
        save: Callable[[Tally], object],
    ) -> None:
        super().__init__()
        self.rules = rules
        self.options = list(options)
        self.tally = tally or Tally()
        self.save = save

    def form_fields(self) -> ComposeResult:
        for number, option in enumerate(self.options, 1):
            dots = self.tally.counts.get(option.id or 0)
            yield FormField(
                f"{number}. {option.title}",
                Input(str(dots) if dots else "", id=tally_field(option), type="integer"),
            )
        voters = str(self.tally.voters) if self.tally.voters else ""
        yield FormField(
            "People who voted",
            Input(voters, id="voters", type="integer"),
            hint=f"Each had {self.rules.dots_per_person} dots.",
        )

    def build(self, values: dict[str, Any]) -> Tally:
        tally = tally_from_form(values, self.options)
        problems = check_tally(self.rules, self.options, tally)
        if problems:
            raise ValidationError({"voters": " ".join(problems)})
        return tally

    def persist(self, built: Tally) -> Tally:
        self.save(built)
        return built
