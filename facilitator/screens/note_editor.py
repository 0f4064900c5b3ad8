"""Typing one note: every change is saved as it is typed, so there is no save key.

A facilitator talking to a room cannot stop to save. Each change of the text,
kind, consent or speaker is written to the data file at once; escape closes the
editor. A note with no words is not kept.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from facilitator.widgets.choices import enum_select
from facilitator.widgets.form_field import FormField
from sessions.errors import FacilitatorError
from sessions.models import Note, NoteKind, QuoteConsent
from sessions.notes import NOTE_LIMIT, fit_note, note_heading, too_long_message
from sessions.store import Store
from sessions.validation import LIMITS


class NoteEditor(ModalScreen[Note | None]):
    """Dismisses with the note as last saved, or None if nothing was kept."""

    BINDINGS = [Binding("escape", "close", "Close (already saved)")]

    def __init__(self, store: Store, note: Note, where: str) -> None:
        super().__init__(classes="dialog-screen")
        self.store = store
        self.note = replace(note)
        self.where = where
        self.left_out = 0
        """Characters typed past the limit, which are not kept."""
        self.problem = ""
        """Why the last save failed, said once rather than on every key."""
        self.typed_ahead = ""

    def compose(self) -> ComposeResult:
        note = self.note
        with Vertical(classes="dialog note-editor"):
            yield Label(
                note_heading(note.kind, self.where),
                id="note-heading",
                classes="dialog-title",
                markup=False,
            )
            yield TextArea(note.text, id="note-text")
            yield Static("", id="note-status", markup=False)
            with Horizontal(id="note-details"):
                yield FormField("Kind", enum_select(NoteKind, note.kind, id="note-kind"))
                yield FormField(
                    "Quote may be used",
                    enum_select(QuoteConsent, note.consent, id="note-consent"),
                )
                yield FormField(
                    "Who said it (optional)",
                    Input(
                        note.speaker,
                        id="note-speaker",
                        placeholder="name or first name",
                        max_length=LIMITS["speaker"],
                    ),
                )
            yield Static(
                "Saved as you type. Tab moves to the kind and, for a quote, the speaker's "
                "consent. Escape closes.",
                classes="field-hint",
            )

    def on_mount(self) -> None:
        self.show_quote_fields()
        self.show_status()
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        if self.typed_ahead:
            area.insert(self.typed_ahead)

    def type_ahead(self, text: str) -> None:
        """Letters typed straight after the note key, before this editor had the keys:
        they belong at the start of the note, not lost (people type straight on).
        Ignored once the kind, consent or speaker has the focus."""
        if self.focused is not None and self.focused.id != "note-text":
            return
        if self.is_mounted:
            self.query_one("#note-text", TextArea).insert(text)
        else:
            self.typed_ahead += text

    def show_quote_fields(self) -> None:
        quote = self.note.kind is NoteKind.QUOTE
        self.query_one("#field-note-consent").display = quote
        self.query_one("#field-note-speaker").display = quote
        self.query_one("#note-heading", Label).update(note_heading(self.note.kind, self.where))

    def show_status(self, problem: str = "") -> None:
        status = self.query_one("#note-status", Static)
        if problem:
            text = problem
        elif self.left_out:
            text = too_long_message(self.left_out)
        elif self.note.id is None:
            text = "Nothing typed yet: a note with no words is not kept."
        else:
            kept = len(self.note.text)
            text = f"Saved: {kept:,} of {NOTE_LIMIT:,} characters."
        status.update(text)
        status.set_class(bool(problem or self.left_out), "-warning")

    # --- saving as it changes ---------------------------------------------

    @on(TextArea.Changed, "#note-text")
    def _text_changed(self, event: TextArea.Changed) -> None:
        fitted = fit_note(event.text_area.text)
        newly_cut = fitted.was_cut and not self.left_out
        self.left_out = fitted.left_out
        if newly_cut:
            self.notify(too_long_message(fitted.left_out), severity="warning")
        if fitted.kept != self.note.text:
            self.note.text = fitted.kept
            self.save()
        else:
            self.show_status()

    @on(Select.Changed, "#note-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL or event.value == self.note.kind.value:
            return
        self.note.kind = NoteKind(str(event.value))
        self.show_quote_fields()
        self.save()

    @on(Select.Changed, "#note-consent")
    def _consent_changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL or event.value == self.note.consent.value:
            return
        self.note.consent = QuoteConsent(str(event.value))
        self.save()

    @on(Input.Changed, "#note-speaker")
    def _speaker_changed(self, event: Input.Changed) -> None:
        if event.value.strip() == self.note.speaker.strip():
            return
        self.note.speaker = event.value
        self.save()

    @on(Input.Submitted, "#note-speaker")
    def _speaker_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#note-text", TextArea).focus()

    def save(self) -> None:
        """Write the note as it now reads; a blanked note is deleted by the store."""
        try:
            saved = self.store.notes.save(self.note)
        except FacilitatorError as error:
            if str(error) != self.problem:
                self.notify(str(error), title="Note not saved", severity="error")
            self.problem = str(error)
            self.show_status(f"Not saved: {error}")
            return
        self.problem = ""
        if saved is None:
            self.note.id = None
        else:
            self.note.id = saved.id
            self.note.created_at = saved.created_at
        self.show_status()

    def action_close(self) -> None:
        if self.left_out:
            self.notify(
                f"The last {self.left_out:,} characters were not kept: "
                f"a note holds up to {NOTE_LIMIT:,}.",
                title="Note shortened",
                severity="warning",
            )
        self.dismiss(replace(self.note) if self.note.id is not None else None)
