"""Add or edit someone in the people bank."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, TextArea

from facilitator.screens.form import FormScreen
from facilitator.widgets.choices import enum_select
from facilitator.widgets.form_field import FormField
from sessions.models import CommunicationPreference, PaymentPreference, Person, Role
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
            "Preferred name (what they like to be called)",
            Input(p.preferred_name if p else "", id="preferred_name"),
        )
        yield FormField(
            "Pronouns",
            Input(p.pronouns if p else "", id="pronouns", placeholder="for example she/her"),
        )
        yield FormField("Role", enum_select(Role, p.role if p else None, id="role"))
        yield FormField(
            "Organisation",
            Input(p.organisation if p else "", id="organisation"),
        )
        yield FormField("Email", Input(p.email if p else "", id="email"))
        yield FormField(
            "Phone",
            Input(p.phone if p else "", id="phone", placeholder="for example 07700 900123"),
        )
        yield FormField(
            "Postal address",
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
            "Access needs (private: only shown to the facilitator)",
            TextArea(p.access_needs if p else "", id="access_needs"),
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

    def persist(self, built: Person) -> Person:
        return self.store.people.save(built)
