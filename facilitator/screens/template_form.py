"""Keep a session's agenda as a template for later sessions."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from facilitator.screens.form import FormScreen
from facilitator.widgets.form_field import FormField
from sessions.errors import ValidationError
from sessions.models import Template
from sessions.store import Store
from sessions.validation import check_template_name


class SaveTemplateForm(FormScreen[Template]):
    form_title = "Save this agenda as a template"
    save_label = "Save template"

    def __init__(self, store: Store, session_id: int, suggested_name: str = "") -> None:
        super().__init__()
        self.store = store
        self.session_id = session_id
        self.suggested_name = suggested_name

    def form_fields(self) -> ComposeResult:
        yield FormField(
            "Template name",
            Input(self.suggested_name, id="name"),
        )
        yield FormField(
            "What it is for (optional)",
            Input("", id="description"),
        )

    def build(self, values: dict[str, Any]) -> Template:
        problem = check_template_name(values["name"])
        if problem:
            raise ValidationError({"name": problem})
        # The store checks the rest (a name already taken, an empty agenda).
        return Template(name=values["name"], items=(), description=values["description"])

    def persist(self, built: Template) -> Template:
        return self.store.templates.save_from_session(
            self.session_id, built.name, built.description
        )
