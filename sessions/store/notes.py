"""What we heard: notes taken during a session, saved as they are typed."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from sessions.errors import NotFound, ValidationError
from sessions.models import Note, NoteKind, QuoteConsent
from sessions.store.base import GONE, Repository, utc_moment
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
        breakout_group_id=row["breakout_group_id"],
        created_at=utc_moment(row["created_at"]),
    )


class NoteRepository(Repository):
    def save(self, note: Note) -> Note | None:
        """Keep a note as it now reads; it is on disk when this returns.

        A note with no words is not kept: saving one that was blanked deletes it,
        and None comes back. Text past the limit is refused (ValidationError), so
        a caller that must not lose typing cuts it first (sessions.notes.fit_note).
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
            "breakout_group_id": note.breakout_group_id,
        }
        try:
            with self.db.atomic():
                self._check_where(note)
                if note.id is None:
                    note_id = self.insert_row("notes", row)
                else:
                    note_id = note.id
                    self.update_row("notes", note_id, row)
        except sqlite3.IntegrityError as error:  # deleted between the check and the write
            raise NotFound(GONE["sessions"]) from error
        return self.get(note_id)

    def _check_where(self, note: Note) -> None:
        """The session must exist, and the agenda item must be one of its own."""
        self.require("sessions", note.session_id)
        if note.breakout_group_id is not None:
            group = self.db.execute(
                "SELECT r.session_id FROM breakout_groups g"
                " JOIN breakout_rounds r ON r.id = g.round_id WHERE g.id = ?",
                [note.breakout_group_id],
            ).fetchone()
            if group is None:
                raise NotFound(GONE["breakout_groups"])
            if group[0] != note.session_id:
                raise NotFound("That breakout group belongs to another session.")
        if note.agenda_item_id is None:
            return
        found = self.db.execute(
            "SELECT session_id FROM agenda_items WHERE id = ?", [note.agenda_item_id]
        ).fetchone()
        if found is None:
            raise NotFound(GONE["agenda_items"])
        if found[0] != note.session_id:
            raise NotFound("That agenda item belongs to another session.")

    def get(self, note_id: int) -> Note:
        rows = list(self.db.query("SELECT * FROM notes WHERE id = ?", [note_id]))
        if not rows:
            raise NotFound(GONE["notes"])
        return note_from_row(rows[0])

    def many(self, note_ids: tuple[int, ...] | list[int]) -> list[Note]:
        """These notes in the order they were taken; any deleted are left out."""
        if not note_ids:
            return []
        marks = ", ".join("?" for _ in note_ids)
        return [
            note_from_row(row)
            for row in self.db.query(
                f"SELECT * FROM notes WHERE id IN ({marks}) ORDER BY id", list(note_ids)
            )
        ]

    def delete(self, note_id: int) -> None:
        """Remove a note; actions that answered it simply no longer list it."""
        with self.db.atomic():
            self.db.execute("DELETE FROM notes WHERE id = ?", [note_id])

    def for_session(self, session_id: int) -> list[Note]:
        """A session's notes in the order they were taken."""
        return self._query("session_id = ?", [session_id])

    def for_item(self, session_id: int, agenda_item_id: int | None) -> list[Note]:
        """The notes taken under one agenda item, or (None) those for the whole session."""
        return self._query("session_id = ? AND agenda_item_id IS ?", [session_id, agenda_item_id])

    def for_group(self, group_id: int) -> list[Note]:
        """The notes taken in one breakout group."""
        return self._query("breakout_group_id = ?", [group_id])

    def _query(self, where: str, params: list[object]) -> list[Note]:
        rows = self.db.query(f"SELECT * FROM notes WHERE {where} ORDER BY id", params)
        return [note_from_row(row) for row in rows]

    def counts_by_item(self, session_id: int) -> dict[int | None, int]:
        """How many notes each agenda item has (None: the whole session's)."""
        return {
            row["agenda_item_id"]: row["n"]
            for row in self.db.query(
                "SELECT agenda_item_id, count(*) AS n FROM notes WHERE session_id = ?"
                " GROUP BY agenda_item_id",
                [session_id],
            )
        }

    def count(self, session_id: int) -> int:
        return int(
            self.db.execute(
                "SELECT count(*) FROM notes WHERE session_id = ?", [session_id]
            ).fetchone()[0]
        )
