"""Someone walks in: their name and role now, the rest later in the people bank."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.screens.form import FormScreen
from facilitator.widgets.choices import enum_select
from facilitator.widgets.form_field import FormField
from facilitator.widgets.text import person_summary
from sessions.checkin import CheckIn
from sessions.models import Person, Role, WalkIn
from sessions.validation import walk_in_from_form

NEW = "new"


@dataclass(frozen=True)
class WalkInChoice:
    """What was typed, and the person already in the bank it turned out to be, if any."""

    walk_in: WalkIn
    existing: Person | None = None


class WalkInForm(FormScreen[WalkInChoice]):
    """Dismisses with what to do; the check-in tab makes the change, so undo covers it."""

    form_title = "Someone has walked in"
    save_label = "Check in"

    def __init__(self, checkin: CheckIn, *, name: str = "") -> None:
        super().__init__()
        self.checkin = checkin
        self.start_name = name

    def form_fields(self) -> ComposeResult:
        yield FormField("Name", Input(self.start_name, id="name"))
        yield FormField("Role", enum_select(Role, None, id="role"))
        yield FormField(
            "Phone or email (optional)",
            Input(id="contact", placeholder="for example 07700 900123 or name@example.org"),
            hint="Everything else can be added in the people bank later.",
        )

    def build(self, values: dict[str, Any]) -> WalkInChoice:
        return WalkInChoice(walk_in_from_form(values))

    def action_save(self) -> None:
        """Before adding someone new, offer anyone in the bank they may already be."""
        self._tried_to_save = True
        built = self.check(everywhere=True)
        if built is None:
            self._focus_first_problem()
            return
        same = self.checkin.same_person(built.walk_in.name, built.walk_in.contact)
        if not same:
            self.dismiss(built)
            return

        def chosen(choice: WalkInChoice | None) -> None:
            if choice is not None:
                self.dismiss(choice)

        self.app.push_screen(SamePersonScreen(built.walk_in, same), chosen)


class SamePersonScreen(ModalScreen[WalkInChoice | None]):
    """Use someone already in the people bank, or add the walk-in as someone new.

    Escape goes back to the form with what was typed."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Back to the form")]

    def __init__(self, walk_in: WalkIn, same: list[Person]) -> None:
        super().__init__(classes="dialog-screen")
        self.walk_in = walk_in
        self.same = {str(person.id): person for person in same}

    def compose(self) -> ComposeResult:
        how = "the same phone or email" if self.walk_in.contact else "the same name"
        with Vertical(classes="dialog chooser"):
            yield Label(f"Is this {self.walk_in.name}?", classes="dialog-title", markup=False)
            yield Static(
                f"The people bank already has someone with {how}. Check them in rather "
                "than add them twice.",
                classes="dialog-body",
            )
            options = [
                Option(f"Check in {self.describe(person)}", id=person_id)
                for person_id, person in self.same.items()
            ]
            options.append(Option(f"Add {self.walk_in.name} as someone new", id=NEW))
            yield OptionList(*options, id="same-person-choices", markup=False)
            yield Static(
                "Move and press Enter to choose. Escape goes back to the form.",
                classes="dialog-hint",
            )

    @staticmethod
    def describe(person: Person) -> str:
        contact = ", ".join(part for part in (person.phone, person.email) if part)
        return person_summary(person) + (f" ({contact})" if contact else "")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 0
        choices.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        existing = self.same.get(event.option.id or "")
        self.dismiss(WalkInChoice(self.walk_in, existing))
