"""Someone left before the end: when, and whether someone should ring them."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, TextArea

from facilitator.screens.form import FormScreen
from facilitator.widgets.form_field import FormField
from sessions.checkin import CheckIn, CheckInError
from sessions.errors import ValidationError
from sessions.models import Attendance, AttendanceStatus, Leaving, Person
from sessions.validation import leaving_from_form


class LeftEarlyForm(FormScreen[Leaving]):
    """Saves through the check-in service, so undo covers it and `checkin.changes`
    ends with what was done; dismisses with what was typed.

    The service's objections (a time before they arrived, a time still to come)
    appear beside the time, so nothing typed is lost."""

    def __init__(
        self, checkin: CheckIn, person: Person, record: Attendance | None, start: str
    ) -> None:
        super().__init__()
        self.checkin = checkin
        self.person = person
        self.start = start
        already = record is not None and record.status is AttendanceStatus.LEFT_EARLY
        self.follow_up = bool(record and already and record.follow_up)
        self.note = record.follow_up_note if record and already else ""
        self.form_title = f"{person.display_name} left early"

    def form_fields(self) -> ComposeResult:
        yield FormField(
            "Time they left",
            Input(self.start, id="left_at", placeholder="for example 11:15"),
            hint="The clock time at the venue, like 11:15 or 11.15am.",
        )
        yield FormField(
            "Follow up",
            Checkbox(
                "Someone should ring them after the session to see how they are",
                self.follow_up,
                id="follow_up",
            ),
        )
        yield FormField(
            "Private note for the follow-up call (optional, never exported)",
            TextArea(self.note, id="follow_up_note"),
        )

    def build(self, values: dict[str, Any]) -> Leaving:
        return leaving_from_form(values)

    def persist(self, built: Leaving) -> Leaving:
        assert self.person.id is not None
        try:
            self.checkin.leave_early(
                self.person.id, built.at, follow_up=built.follow_up, note=built.note
            )
        except CheckInError as error:
            raise ValidationError({"left_at": str(error)}) from error
        return built
