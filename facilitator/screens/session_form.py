"""Create a session (optionally from a template) or change its details."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select, TextArea

from facilitator.screens.form import FormScreen
from facilitator.screens.person_picker import PersonPicker
from facilitator.widgets.choices import enum_select
from facilitator.widgets.co_chairs import CoChairsField
from facilitator.widgets.form_field import FormField
from sessions.agenda import end_after
from sessions.display import format_date, format_minutes, format_time
from sessions.models import Session, SessionKind, Template
from sessions.store import Store
from sessions.validation import parse_time, session_from_form

NO_TEMPLATE = "Start with an empty agenda"


def template_label(template: Template) -> str:
    origin = "" if template.builtin else " (yours)"
    return (
        f"{template.name}{origin}: {len(template.items)} items, {format_minutes(template.minutes)}"
    )


class SessionForm(FormScreen[Session]):
    save_label = "Save session"

    def __init__(
        self, store: Store, today: Callable[[], dt.date], session: Session | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.session = session
        self.templates = {t.key: t for t in store.templates.all()} if session is None else {}
        self.form_title = "Change session details" if session else "New session"
        self._filled_end = ""

    def form_fields(self) -> ComposeResult:
        s = self.session
        if s is None:
            yield FormField(
                "Start from a template",
                Select(
                    # Text, not str: a Select reads a str as markup, and names are typed.
                    [(Text(template_label(t)), key) for key, t in self.templates.items()],
                    prompt=NO_TEMPLATE,
                    id="template",
                ),
                hint="A template fills in the agenda, the kind and the end time.",
            )
        yield FormField("Title", Input(s.title if s else "", id="title"))
        yield FormField(
            "Kind of session", enum_select(SessionKind, s.kind if s else None, id="kind")
        )
        yield FormField(
            "Date",
            Input(
                format_date(s.date) if s else "",
                id="date",
                placeholder="for example 3/12/2026, or tomorrow",
            ),
        )
        yield FormField(
            "Starts at",
            Input(format_time(s.start) if s else "", id="start", placeholder="for example 10:00"),
        )
        yield FormField(
            "Ends at",
            Input(format_time(s.end) if s else "", id="end", placeholder="for example 12:00"),
        )
        yield FormField(
            "Venue (optional)",
            Input(
                s.venue if s else "",
                id="venue",
                placeholder="for example Mansfield Central Library",
            ),
        )
        yield FormField("Venue address (optional)", Input(s.address if s else "", id="address"))
        yield FormField(
            "Project (optional)",
            Input(
                s.project_name if s else "",
                id="project_name",
                suggester=SuggestFromList(
                    self.store.sessions.project_names(), case_sensitive=False
                ),
            ),
            hint="Type a new name to start a project, or the start of one to reuse it.",
        )
        co_chairs = self.store.people.many(s.co_chair_ids) if s else []
        yield FormField(
            "Co-chairs (optional)",
            CoChairsField(co_chairs, id="co_chairs"),
            hint="Enter adds someone from the people bank; delete removes the highlighted one.",
        )
        yield FormField("Purpose (optional)", TextArea(s.purpose if s else "", id="purpose"))

    def build(self, values: dict[str, Any]) -> Session:
        return session_from_form(
            values, id=self.session.id if self.session else None, today=self.today()
        )

    def persist(self, built: Session) -> Session:
        if self.session is not None:
            return self.store.sessions.save(built)
        key = self.values().get("template")
        template = self.templates.get(key) if key else None
        return self.store.create_session(built, template)

    def values_changed(self, name: str, values: dict[str, Any]) -> None:
        template = self.templates.get(values.get("template") or "")
        if template is None:
            return
        if name == "template" and template.kind is not None:
            self.query_one("#kind", Select).value = template.kind.value
        end_is_ours = values["end"] in ("", self._filled_end)
        if name == "template" or (name == "start" and end_is_ours):
            self._fill_end(template, values["start"])

    def _fill_end(self, template: Template, start_text: str) -> None:
        """End time = start + the template's length, until the user types their own."""
        try:
            start = parse_time(start_text)
        except ValueError:
            return
        self._filled_end = format_time(end_after(start, template.minutes))
        self.query_one("#end", Input).value = self._filled_end

    @on(CoChairsField.AddRequested)
    def _choose_co_chair(self, event: CoChairsField.AddRequested) -> None:
        field = self.query_one(CoChairsField)

        def chosen(person_id: int | None) -> None:
            if person_id is not None:
                field.add_person(self.store.people.get(person_id))

        self.app.push_screen(
            PersonPicker(self.store, "Choose a co-chair", leave_out=set(field.form_value)),
            chosen,
        )
