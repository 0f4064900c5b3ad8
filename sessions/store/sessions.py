"""Sessions: when and where they happen, who co-chairs, and what they are for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sessions.display import plural
from sessions.errors import FacilitatorError, NotFound, ValidationError
from sessions.models import Session, SessionKind, SessionOverview
from sessions.store.base import GONE, Repository
from sessions.validation import check_session


@dataclass(frozen=True)
class DeletionImpact:
    """What deleting a session would lose, so the question can say it plainly."""

    title: str
    date: dt.date
    agenda_items: int
    booked: int
    attended: int
    notes: int = 0
    actions: int = 0


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def session_from_row(row: Mapping[str, Any], co_chair_ids: list[int]) -> Session:
    return Session(
        id=row["id"],
        uid=row["uid"],
        title=row["title"],
        kind=SessionKind(row["kind"]),
        date=dt.date.fromisoformat(row["date"]),
        start=_time(row["start_time"]),
        end=_time(row["end_time"]),
        venue=row["venue"],
        address=row["address"],
        project_name=row["project_name"] or "",
        purpose=row["purpose"],
        co_chair_ids=co_chair_ids,
    )


_OVERVIEW_SQL = """
    SELECT s.id, s.title, s.kind, s.date, s.start_time, s.end_time, s.venue,
           coalesce(p.name, '') AS project_name,
           (SELECT count(*) FROM attendance a
             WHERE a.session_id = s.id AND a.booked_at IS NOT NULL) AS booked,
           (SELECT count(*) FROM attendance a
             WHERE a.session_id = s.id AND a.status IN ('arrived', 'left_early'))
             AS attended
      FROM sessions s LEFT JOIN projects p ON p.id = s.project_id
"""


class SessionRepository(Repository):
    def get(self, session_id: int) -> Session:
        rows = list(
            self.db.query(
                "SELECT s.*, p.name AS project_name FROM sessions s "
                "LEFT JOIN projects p ON p.id = s.project_id WHERE s.id = ?",
                [session_id],
            )
        )
        if not rows:
            raise NotFound(GONE["sessions"])
        return session_from_row(rows[0], self._co_chair_ids(session_id))

    def _co_chair_ids(self, session_id: int) -> list[int]:
        rows = self.db.query(
            "SELECT person_id FROM session_co_chairs WHERE session_id = ? ORDER BY position",
            [session_id],
        )
        return [row["person_id"] for row in rows]

    def save(self, session: Session) -> Session:
        """Create or change a session, after checking every field."""
        problems = check_session(session)
        missing = self._missing_people(session.co_chair_ids)
        if missing:
            problems["co_chairs"] = (
                "A chosen co-chair is no longer in the people bank: choose again."
            )
        if problems:
            raise ValidationError(problems)
        row = {
            "title": session.title,
            "kind": session.kind.value,
            "date": session.date.isoformat(),
            "start_time": session.start.strftime("%H:%M"),
            "end_time": session.end.strftime("%H:%M"),
            "venue": session.venue,
            "address": session.address,
            "purpose": session.purpose,
        }
        with self.db.atomic():
            row["project_id"] = self._project_id(session.project_name)
            if session.id is None:
                session_id = self.insert_row("sessions", row)
            else:
                session_id = session.id
                self.update_row("sessions", session_id, row)
            self._replace_co_chairs(session_id, session.co_chair_ids)
        return self.get(session_id)

    def _missing_people(self, person_ids: list[int]) -> set[int]:
        if not person_ids:
            return set()
        marks = ", ".join("?" for _ in person_ids)
        rows = self.db.query(f"SELECT id FROM people WHERE id IN ({marks})", list(person_ids))
        return set(person_ids) - {row["id"] for row in rows}

    def project_id(self, session_id: int) -> int | None:
        """The project a session belongs to, if any."""
        row = self.db.execute(
            "SELECT project_id FROM sessions WHERE id = ?", [session_id]
        ).fetchone()
        if row is None:
            raise NotFound(GONE["sessions"])
        return row[0]

    def _project_id(self, name: str) -> int | None:
        """The project with this name, made if it is new; None for no project."""
        if not name:
            return None
        rows = list(self.db.query("SELECT id FROM projects WHERE name = ? COLLATE NOCASE", [name]))
        if rows:
            return int(rows[0]["id"])
        return self.insert_row("projects", {"name": name})

    def _replace_co_chairs(self, session_id: int, person_ids: list[int]) -> None:
        self.db.execute("DELETE FROM session_co_chairs WHERE session_id = ?", [session_id])
        for position, person_id in enumerate(person_ids):
            self.insert_row(
                "session_co_chairs",
                {"session_id": session_id, "person_id": person_id, "position": position},
            )

    def deletion_impact(self, session_id: int) -> DeletionImpact:
        rows = list(self.db.query(_OVERVIEW_SQL + " WHERE s.id = ?", [session_id]))
        if not rows:
            raise NotFound(GONE["sessions"])
        row = rows[0]
        items, notes, actions = (
            self.db.execute(
                f"SELECT count(*) FROM {table} WHERE session_id = ?", [session_id]
            ).fetchone()[0]
            for table in ("agenda_items", "notes", "actions")
        )
        return DeletionImpact(
            title=row["title"],
            date=dt.date.fromisoformat(row["date"]),
            agenda_items=items,
            booked=row["booked"],
            attended=row["attended"],
            notes=notes,
            actions=actions,
        )

    def delete(self, session_id: int) -> None:
        """Delete a session with its agenda, co-chairs, attendance, notes and actions.

        A session with claims is kept: payment records must be kept for six years."""
        with self.db.atomic():
            claims = self.db.execute(
                "SELECT count(*) FROM claims WHERE session_id = ?", [session_id]
            ).fetchone()[0]
            if claims:
                raise FacilitatorError(
                    f"This session has {plural(claims, 'claim')}, and payment records are kept "
                    "for six years, so it cannot be deleted. Cancel its claims if they were "
                    "made by mistake; the session stays on record."
                )
            cursor = self.db.execute("DELETE FROM sessions WHERE id = ?", [session_id])
        if cursor.rowcount == 0:
            raise NotFound("That session has already been deleted.")

    def overview(self, *, project_id: int | None = None) -> list[SessionOverview]:
        """Every session (or every one of a project) with its booked and attended
        counts, earliest first."""
        where, params = ("", []) if project_id is None else ("WHERE s.project_id = ?", [project_id])
        rows = self.db.query(f"{_OVERVIEW_SQL} {where} ORDER BY s.date, s.start_time, s.id", params)
        return [
            SessionOverview(
                id=row["id"],
                title=row["title"],
                kind=SessionKind(row["kind"]),
                date=dt.date.fromisoformat(row["date"]),
                start=_time(row["start_time"]),
                end=_time(row["end_time"]),
                venue=row["venue"],
                project_name=row["project_name"],
                booked=row["booked"],
                attended=row["attended"],
            )
            for row in rows
        ]

    def project_names(self) -> list[str]:
        rows = self.db.query("SELECT name FROM projects ORDER BY name COLLATE NOCASE")
        return [row["name"] for row in rows]

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM sessions").fetchone()[0])
