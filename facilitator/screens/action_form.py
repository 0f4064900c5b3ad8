"""Add or edit an action: what we will do, who owns it, by when, what it answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from facilitator.screens.form import FormScreen
from facilitator.widgets.choices import enum_select
from facilitator.widgets.form_field import FormField
from facilitator.widgets.text import first_line
from sessions.display import format_date
from sessions.models import Action, ActionStatus, Note
from sessions.store import Store
from sessions.validation import action_from_form

NOTE_WIDTH = 66


class NoteChoices(SelectionList[int]):
    """The session's notes, ticked when the action answers them (space ticks)."""

    @property
    def form_value(self) -> tuple[int, ...]:
        return tuple(sorted(self.selected))


def note_choice(note: Note, answers: tuple[int, ...]) -> Selection[int]:
    assert note.id is not None
    label = f"{note.kind.label}: {first_line(note.text, NOTE_WIDTH)}"
    return Selection(Content(label), note.id, note.id in answers)


class ActionForm(FormScreen[Action]):
    """Saves straight to the store. Status and "what we did" appear once it exists."""

    save_label = "Save action"

    def __init__(
        self,
        store: Store,
        session_id: int,
        today: dt.date,
        action: Action | None = None,
        *,
        answers: tuple[int, ...] = (),
        to_outcome: bool = False,
    ) -> None:
        super().__init__()
        self.to_outcome = to_outcome and action is not None
        self.store = store
        self.session_id = session_id
        self.today = today
        self.action = action
        self.answers = action.note_ids if action else answers
        self.form_title = "Edit what we will do" if action else "We will: add an action"

    def form_fields(self) -> ComposeResult:
        a = self.action
        yield FormField(
            "What we will do",
            Input(a.what if a else "", id="what", placeholder="for example: rewrite the letter"),
        )
        yield FormField(
            "Who will do it (optional)",
            Input(a.owner if a else "", id="owner", placeholder="a name or a team"),
        )
        yield FormField(
            "By when (optional)",
            Input(format_date(a.due) if a and a.due else "", id="due"),
            hint="A date like 15/1/2027 or 15 Jan. Leave it blank if there is no date yet.",
        )
        if a is not None:
            yield FormField("How it stands", enum_select(ActionStatus, a.status, id="status"))
            yield FormField(
                "What we did (for reporting back: “we said, we did”)",
                TextArea(a.outcome, id="outcome"),
            )
        notes = self.store.notes.for_session(self.session_id)
        choices = NoteChoices(*(note_choice(note, self.answers) for note in notes), id="note_ids")
        yield FormField(
            "What we heard that it answers (space ticks or unticks)",
            choices,
            hint="" if notes else "This session has no notes yet.",
        )

    def on_mount(self) -> None:
        super().on_mount()
        choices = self.query_one(NoteChoices)
        choices.display = bool(choices.option_count)
        if self.to_outcome:
            # Reporting back: "what we did" is what the facilitator came to write.
            self.call_after_refresh(self.to_what_we_did)

    def to_what_we_did(self) -> None:
        outcome = self.query_one("#outcome", TextArea)
        outcome.focus()
        outcome.scroll_visible()

    def build(self, values: dict[str, Any]) -> Action:
        return action_from_form(
            values,
            session_id=self.session_id,
            today=self.today,
            id=self.action.id if self.action else None,
        )

    def persist(self, built: Action) -> Action:
        return self.store.actions.save(built)
