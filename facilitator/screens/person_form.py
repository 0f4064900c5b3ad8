"""Add or edit someone in the people bank."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, TextArea

from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.form import FormScreen
from facilitator.widgets.choices import enum_select
from facilitator.widgets.form_field import FormField
from facilitator.widgets.text import person_summary
from sessions.display import plural
from sessions.models import CommunicationPreference, Need, PaymentPreference, Person, Role
from sessions.store import Store
from sessions.validation import person_from_form


class PersonForm(FormScreen[Person]):
    save_label = "Save person"

    def __init__(self, store: Store, person: Person | None = None, *, name: str = "") -> None:
        super().__init__()
        self.store = store
        self.person = person
        self.start_name = name
        self.form_title = f"Edit {person.display_name}" if person else "Add a person"

    def form_fields(self) -> ComposeResult:
        p = self.person
        yield FormField(
            "Name",
            Input(p.name if p else self.start_name, id="name"),
        )
        yield FormField(
            "Preferred name (optional: what they like to be called)",
            Input(p.preferred_name if p else "", id="preferred_name"),
        )
        yield FormField(
            "Pronouns (optional)",
            Input(p.pronouns if p else "", id="pronouns", placeholder="for example she/her"),
        )
        yield FormField("Role", enum_select(Role, p.role if p else None, id="role"))
        yield FormField(
            "Organisation (optional)",
            Input(p.organisation if p else "", id="organisation"),
        )
        yield FormField("Email (optional)", Input(p.email if p else "", id="email"))
        yield FormField(
            "Phone (optional)",
            Input(p.phone if p else "", id="phone", placeholder="for example 07700 900123"),
        )
        yield FormField(
            "Postal address (optional)",
            Input(p.address if p else "", id="address"),
        )
        yield FormField(
            "Contact",
            Checkbox(
                "Agreed to be contacted about future sessions",
                p.contact_consent if p else False,
                id="contact_consent",
            ),
        )
        yield FormField(
            "Access needs (optional, private: only shown to the facilitator)",
            TextArea(p.access_needs if p else "", id="access_needs"),
        )
        needs = p.needs if p else frozenset()
        yield FormField(
            "Where their breakout group can meet (private)",
            Checkbox("Needs step-free access", Need.STEP_FREE in needs, id="needs_step_free"),
        )
        yield FormField(
            "",
            Checkbox("Needs a hearing loop", Need.HEARING_LOOP in needs, id="needs_hearing_loop"),
        )
        yield FormField(
            "How they like to hear from us",
            enum_select(
                CommunicationPreference,
                p.communication if p else CommunicationPreference.NOT_ASKED,
                id="communication",
            ),
        )
        yield FormField(
            "How they like to be paid for their time",
            enum_select(
                PaymentPreference,
                p.payment if p else PaymentPreference.NOT_ASKED,
                id="payment",
            ),
        )

    def build(self, values: dict[str, Any]) -> Person:
        return person_from_form(values, id=self.person.id if self.person else None)

    def second_thoughts(self, built: Person) -> ConfirmScreen | None:
        """Adding someone whose name is already in the bank is usually a duplicate."""
        if self.person is not None:
            return None
        same = self.store.people.named(built.name)
        if not same:
            return None
        listed = "; ".join(person_summary(p) for p in same[:3])
        already = plural(len(same), "person", "people")
        return ConfirmScreen(
            f"{built.name} may already be in the people bank",
            f"The people bank already has {already} with this name: {listed}. "
            "If that is them, go back and find them instead. Add another person "
            "with the same name?",
            yes="Add another person",
        )

    def persist(self, built: Person) -> Person:
        return self.store.people.save(built)
