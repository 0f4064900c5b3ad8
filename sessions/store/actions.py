"""What we will do, and what we did: actions across every session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sessions.errors import NotFound, ValidationError
from sessions.models import Action, ActionStatus
from sessions.store.base import Repository
from sessions.validation import check_action


def action_from_row(row: Mapping[str, Any], note_ids: tuple[int, ...]) -> Action:
    return Action(
        id=row["id"],
        session_id=row["session_id"],
        what=row["what"],
        owner=row["owner"],
        due=dt.date.fromisoformat(row["due"]) if row["due"] else None,
        status=ActionStatus(row["status"]),
        outcome=row["outcome"],
        note_ids=note_ids,
    )


class ActionRepository(Repository):
    def save(self, action: Action) -> Action:
        """Add or change an action with the notes it answers, after checking it."""
        action.what = action.what.strip()
        action.owner = action.owner.strip()
        action.outcome = action.outcome.strip()
        problems = check_action(action)
        if problems:
            raise ValidationError(problems)
        row = {
            "session_id": action.session_id,
            "what": action.what,
            "owner": action.owner,
            "due": action.due.isoformat() if action.due else None,
            "status": action.status.value,
            "outcome": action.outcome,
        }
        with self.db.atomic():
            if action.id is None:
                action_id = self.insert_row("actions", row)
            else:
                action_id = action.id
                self.update_row("actions", action_id, row)
            self._link_notes(action_id, action.session_id, action.note_ids)
        return self.get(action_id)

    def _link_notes(self, action_id: int, session_id: int, note_ids: tuple[int, ...]) -> None:
        self.db.execute("DELETE FROM action_notes WHERE action_id = ?", [action_id])
        for note_id in dict.fromkeys(note_ids):
            found = self.db.execute(
                "SELECT session_id FROM notes WHERE id = ?", [note_id]
            ).fetchone()
            if found is None:
                raise NotFound("A note this action answers has been deleted.")
            self.insert_row("action_notes", {"action_id": action_id, "note_id": note_id})

    def get(self, action_id: int) -> Action:
        rows = list(self.db.query("SELECT * FROM actions WHERE id = ?", [action_id]))
        if not rows:
            raise NotFound("That action has been deleted.")
        return action_from_row(rows[0], self._note_ids([action_id]).get(action_id, ()))

    def set_status(self, action_id: int, status: ActionStatus) -> Action:
        self.update_row("actions", action_id, {"status": status.value})
        return self.get(action_id)

    def delete(self, action_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM actions WHERE id = ?", [action_id])

    def for_session(self, session_id: int) -> list[Action]:
        return self._query("WHERE session_id = ? ORDER BY id", [session_id])

    def all(self, statuses: tuple[ActionStatus, ...] = ()) -> list[Action]:
        """Every action, soonest due first (those with no date last), optionally by status."""
        where, params = "", []
        if statuses:
            where = "WHERE status IN (" + ", ".join("?" for _ in statuses) + ")"
            params = [status.value for status in statuses]
        return self._query(f"{where} ORDER BY due IS NULL, due, id", params)

    def _query(self, tail: str, params: list[Any]) -> list[Action]:
        rows = list(self.db.query(f"SELECT * FROM actions {tail}", params))
        links = self._note_ids([row["id"] for row in rows])
        return [action_from_row(row, links.get(row["id"], ())) for row in rows]

    def _note_ids(self, action_ids: list[int]) -> dict[int, tuple[int, ...]]:
        if not action_ids:
            return {}
        marks = ", ".join("?" for _ in action_ids)
        links: dict[int, list[int]] = {}
        for row in self.db.query(
            f"SELECT action_id, note_id FROM action_notes WHERE action_id IN ({marks})"
            " ORDER BY note_id",
            action_ids,
        ):
            links.setdefault(row["action_id"], []).append(row["note_id"])
        return {action_id: tuple(ids) for action_id, ids in links.items()}
