"""Add or edit one item of a session's agenda."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from facilitator.screens.form import FormScreen
from facilitator.widgets.choices import enum_select
from facilitator.widgets.form_field import FormField
from sessions.models import AgendaItem, AgendaKind
from sessions.store import Store
from sessions.validation import agenda_item_from_form


class AgendaItemForm(FormScreen[AgendaItem]):
    """Saves straight to the store: a new item goes just after `after_id`."""

    save_label = "Save item"

    def __init__(
        self,
        store: Store,
        session_id: int,
        item: AgendaItem | None = None,
        *,
        after_id: int | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.session_id = session_id
        self.item = item
        self.after_id = after_id
        self.form_title = "Edit agenda item" if item else "Add an agenda item"

    def form_fields(self) -> ComposeResult:
        item = self.item
        yield FormField("Title", Input(item.title if item else "", id="title"))
        yield FormField(
            "Minutes",
            Input(str(item.minutes) if item else "", id="minutes", placeholder="for example 20"),
            hint="A whole number of minutes, from 1 to 600.",
        )
        yield FormField(
            "Kind",
            enum_select(AgendaKind, item.kind if item else AgendaKind.DISCUSSION, id="kind"),
        )
        yield FormField("Who leads (optional)", Input(item.lead if item else "", id="lead"))
        yield FormField(
            "Notes for the facilitator (optional)", TextArea(item.notes if item else "", id="notes")
        )

    def build(self, values: dict[str, Any]) -> AgendaItem:
        return agenda_item_from_form(values, id=self.item.id if self.item else None)

    def persist(self, built: AgendaItem) -> AgendaItem:
        if self.item is not None:
            built.session_id = self.session_id
            return self.store.agenda.update(built)
        return self.store.agenda.add(self.session_id, built, after_id=self.after_id)
