"""What we will do, and what we did: actions across every session."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from typing import Any

from sessions.actions import STILL_TO_DO, ActionLine
from sessions.clock import today_at_venue
from sessions.errors import NotFound, ValidationError
from sessions.models import Action, ActionStatus
from sessions.store.base import GONE, Repository
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
        closed_on=dt.date.fromisoformat(row["closed_on"]) if row["closed_on"] else None,
    )


CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)


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
        try:
            with self.db.atomic():
                self.require("sessions", action.session_id)
                row["closed_on"] = self._closed_on(action.id, action.status, action.closed_on)
                if action.id is None:
                    action_id = self.insert_row("actions", row)
                else:
                    action_id = action.id
                    self.update_row("actions", action_id, row)
                self._link_notes(action_id, action.session_id, action.note_ids)
        except sqlite3.IntegrityError as error:  # deleted between the check and the write
            raise NotFound(GONE["sessions"]) from error
        return self.get(action_id)

    def _link_notes(self, action_id: int, session_id: int, note_ids: tuple[int, ...]) -> None:
        """An action answers what was heard at its own session, nowhere else."""
        self.db.execute("DELETE FROM action_notes WHERE action_id = ?", [action_id])
        for note_id in dict.fromkeys(note_ids):
            found = self.db.execute(
                "SELECT session_id FROM notes WHERE id = ?", [note_id]
            ).fetchone()
            if found is None:
                raise NotFound("A note this action answers has been deleted.")
            if found[0] != session_id:
                raise ValidationError(
                    {"note_ids": "An action can only answer notes from its own session."}
                )
            self.insert_row("action_notes", {"action_id": action_id, "note_id": note_id})

    def get(self, action_id: int) -> Action:
        rows = list(self.db.query("SELECT * FROM actions WHERE id = ?", [action_id]))
        if not rows:
            raise NotFound(GONE["actions"])
        return action_from_row(rows[0], self._note_ids([action_id]).get(action_id, ()))

    def set_status(self, action_id: int, status: ActionStatus, on: dt.date | None = None) -> Action:
        """Change the status; done or dropped keeps the day (`on`, or today)."""
        with self.db.atomic():
            closed_on = self._closed_on(action_id, status, on)
            self.update_row("actions", action_id, {"status": status.value, "closed_on": closed_on})
        return self.get(action_id)

    def _closed_on(
        self, action_id: int | None, status: ActionStatus, on: dt.date | None
    ) -> str | None:
        """The day an action was done or dropped: kept while it stays closed, the day
        it closes when it closes now, and none while it is still to do."""
        if status not in CLOSED:
            return None
        if action_id is not None:
            row = self.db.execute(
                "SELECT status, closed_on FROM actions WHERE id = ?", [action_id]
            ).fetchone()
            if row is not None and row[1] and ActionStatus(row[0]) in CLOSED and on is None:
                return str(row[1])
        return (on or today_at_venue()).isoformat()

    def delete(self, action_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM actions WHERE id = ?", [action_id])

    def for_session(self, session_id: int) -> list[Action]:
        """A session's actions in the order they were agreed."""
        return self._query("WHERE session_id = ? ORDER BY id", [session_id])

    def all(self, statuses: tuple[ActionStatus, ...] = ()) -> list[Action]:
        """Every action, soonest due first (those with no date last), optionally by status."""
        where, params = self._status_clause(statuses)
        return self._query(f"{where} ORDER BY due IS NULL, due, id", params)

    def overdue(self, today: dt.date) -> list[Action]:
        """Actions still to do whose day has passed, the longest overdue first."""
        marks = ", ".join("?" for _ in STILL_TO_DO)
        return self._query(
            f"WHERE status IN ({marks}) AND due IS NOT NULL AND due < ? ORDER BY due, id",
            [*(status.value for status in STILL_TO_DO), today.isoformat()],
        )

    def lines(
        self, statuses: tuple[ActionStatus, ...] = (), *, project_id: int | None = None
    ) -> list[ActionLine]:
        """Actions (of one project's sessions, if given) with the session each came
        from, in the order of `all`."""
        where, params = self._status_clause(statuses, prefix="a.")
        if project_id is not None:
            where = f"{where} AND s.project_id = ?" if where else "WHERE s.project_id = ?"
            params.append(project_id)
        rows = list(
            self.db.query(
                "SELECT a.*, s.title AS session_title, s.date AS session_date"
                f" FROM actions a JOIN sessions s ON s.id = a.session_id {where}"
                " ORDER BY a.due IS NULL, a.due, a.id",
                params,
            )
        )
        links = self._note_ids([row["id"] for row in rows])
        return [
            ActionLine(
                action=action_from_row(row, links.get(row["id"], ())),
                session_title=row["session_title"],
                session_date=dt.date.fromisoformat(row["session_date"]),
            )
            for row in rows
        ]

    def answered_note_ids(self, session_id: int) -> set[int]:
        """The session's notes that at least one action answers."""
        return {
            row["note_id"]
            for row in self.db.query(
                "SELECT DISTINCT an.note_id FROM action_notes an"
                " JOIN actions a ON a.id = an.action_id WHERE a.session_id = ?",
                [session_id],
            )
        }

    @staticmethod
    def _status_clause(
        statuses: tuple[ActionStatus, ...], prefix: str = ""
    ) -> tuple[str, list[Any]]:
        if not statuses:
            return "", []
        marks = ", ".join("?" for _ in statuses)
        return f"WHERE {prefix}status IN ({marks})", [status.value for status in statuses]

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
