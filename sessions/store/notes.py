"""What we heard: notes taken during a session, saved as they are typed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sessions.errors import NotFound, ValidationError
from sessions.models import Note, NoteKind, QuoteConsent
from sessions.store.attendance import utc_moment
from sessions.store.base import Repository
from sessions.validation import check_note


def note_from_row(row: Mapping[str, Any]) -> Note:
    return Note(
        id=row["id"],
        session_id=row["session_id"],
        agenda_item_id=row["agenda_item_id"],
        kind=NoteKind(row["kind"]),
        text=row["text"],
        consent=QuoteConsent(row["consent"]),
        speaker=row["speaker"],
        created_at=utc_moment(row["created_at"]),
    )


class NoteRepository(Repository):
    def save(self, note: Note) -> Note | None:
        """Keep a note as it now reads; it is on disk when this returns.

        A note with no words is not kept: saving one that was blanked deletes it,
        and None comes back.
        """
        problems = check_note(note)
        if problems:
            raise ValidationError(problems)
        if not note.text.strip():
            if note.id is not None:
                self.delete(note.id)
            return None
        row = {
            "session_id": note.session_id,
            "agenda_item_id": note.agenda_item_id,
            "kind": note.kind.value,
            "text": note.text,
            "consent": note.consent.value,
            "speaker": note.speaker.strip(),
        }
        with self.db.atomic():
            if note.id is None:
                note_id = self.insert_row("notes", row)
            else:
                note_id = note.id
                self.update_row("notes", note_id, row)
        return self.get(note_id)

    def get(self, note_id: int) -> Note:
        rows = list(self.db.query("SELECT * FROM notes WHERE id = ?", [note_id]))
        if not rows:
            raise NotFound("That note has been deleted.")
        return note_from_row(rows[0])

    def delete(self, note_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM notes WHERE id = ?", [note_id])

    def for_session(self, session_id: int, agenda_item_id: int | None = None) -> list[Note]:
        """A session's notes in the order they were taken, or one agenda item's."""
        sql = "SELECT * FROM notes WHERE session_id = ?"
        params: list[object] = [session_id]
        if agenda_item_id is not None:
            sql += " AND agenda_item_id = ?"
            params.append(agenda_item_id)
        return [note_from_row(row) for row in self.db.query(sql + " ORDER BY id", params)]

    def count(self, session_id: int) -> int:
        return int(
            self.db.execute(
                "SELECT count(*) FROM notes WHERE session_id = ?", [session_id]
            ).fetchone()[0]
        )
