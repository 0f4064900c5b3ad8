"""The Groups tab's forms: make a round of groups, change a group, save a split."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select

from facilitator.screens.form import FormScreen
from facilitator.widgets.form_field import FormField
from sessions.errors import ValidationError
from sessions.groups import (
    BY_COUNT,
    BY_SIZE,
    NO_ITEM,
    USUAL_GROUP_SIZE,
    Breakouts,
    GroupRequest,
    RoundView,
    check_group,
    check_split_name,
    groups_of_about,
    request_from_form,
    request_problems,
)
from sessions.models import AgendaItem, AgendaKind, BreakoutGroup, GroupSource, Need, SavedSplit


class MakeGroupsForm(FormScreen[RoundView]):
    form_title = "Make breakout groups"
    save_label = "Make groups"

    def __init__(self, breakouts: Breakouts, items: list[AgendaItem], item_id: int | None) -> None:
        super().__init__()
        self.breakouts = breakouts
        self.items = items
        self.item_id = item_id
        self.counts = {s: len(breakouts.pool(s)) for s in GroupSource}
        """How many people each choice of 'From' has: read once, not on every key."""

    def form_fields(self) -> ComposeResult:
        source = self.breakouts.default_source()
        counts = self.counts
        yield FormField(
            "Make",
            Select(
                [("A number of groups", BY_COUNT), ("Groups of about this many people", BY_SIZE)],
                value=BY_COUNT,
                allow_blank=False,
                id="how",
            ),
        )
        count = groups_of_about(counts[source], USUAL_GROUP_SIZE)
        yield FormField("How many", Input(str(count), id="number", type="integer"))
        yield FormField(
            "From",
            Select(
                [(f"{s.label} ({counts[s]})", s.value) for s in GroupSource],
                value=source.value,
                allow_blank=False,
                id="source",
            ),
        )
        breakouts = [i for i in self.items if i.kind is AgendaKind.BREAKOUT]
        choices = [("No particular agenda item", NO_ITEM)] + [
            (f"{n}. {i.title}", str(i.id))
            for n, i in enumerate(self.items, 1)
            if i in breakouts or i.id == self.item_id
        ]
        chosen = str(self.item_id) if self.item_id is not None else NO_ITEM
        yield FormField(
            "For the agenda item",
            Select(choices, value=chosen, allow_blank=False, id="item"),
            hint="Notes taken in these groups go under this item.",
        )

    def build(self, values: dict[str, Any]) -> GroupRequest:
        request = request_from_form(values)
        problems = request_problems(request, self.counts[request.source])
        if problems:
            raise ValidationError(problems)
        return request  # type: ignore[return-value]

    def persist(self, built: Any) -> RoundView:
        return self.breakouts.make(built.shape, built.source, built.agenda_item_id)


class GroupForm(FormScreen[BreakoutGroup]):
    """A group's name, its table or room, its facilitator and what its place has."""

    def __init__(self, breakouts: Breakouts, group: BreakoutGroup) -> None:
        super().__init__()
        self.breakouts = breakouts
        self.group = group
        self.form_title = f"Change {group.name}"

    def form_fields(self) -> ComposeResult:
        yield FormField("Name", Input(self.group.name, id="name"))
        yield FormField(
            "Table or room",
            Input(self.group.place, id="place", placeholder="for example Garden room"),
        )
        yield FormField(
            "Facilitator",
            Input(self.group.facilitator, id="facilitator", placeholder="who runs this group"),
        )
        yield FormField(
            "What the place has",
            Checkbox("Step-free access", Need.STEP_FREE in self.group.facilities, id="step_free"),
        )
        yield FormField(
            "",
            Checkbox(
                "A hearing loop", Need.HEARING_LOOP in self.group.facilities, id="hearing_loop"
            ),
        )

    def build(self, values: dict[str, Any]) -> BreakoutGroup:
        group = replace(
            self.group,
            name=str(values["name"]).strip(),
            place=str(values["place"]).strip(),
            facilitator=str(values["facilitator"]).strip(),
            facilities=frozenset(need for need in Need if values.get(need.value)),
        )
        problems = check_group(group)
        if problems:
            raise ValidationError(problems)
        return group

    def persist(self, built: BreakoutGroup) -> BreakoutGroup:
        self.breakouts.change_group(built)
        return built


class SaveSplitForm(FormScreen[SavedSplit]):
    form_title = "Save these groups to use again"
    save_label = "Save split"

    def __init__(self, breakouts: Breakouts, round_id: int, name: str) -> None:
        super().__init__()
        self.breakouts = breakouts
        self.round_id = round_id
        self.suggested_name = name

    def form_fields(self) -> ComposeResult:
        yield FormField(
            "Name",
            Input(self.suggested_name, id="name"),
            hint="Later sessions of the same project can start from these groups.",
        )

    def build(self, values: dict[str, Any]) -> str:
        name = str(values["name"]).strip()
        problems = check_split_name(name)
        if problems:
            raise ValidationError(problems)
        return name  # type: ignore[return-value]

    def persist(self, built: Any) -> SavedSplit:
        return self.breakouts.save(self.round_id, built)
