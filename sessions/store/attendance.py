"""Who was booked for a session and who came."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sessions.models import Attendance, AttendanceStatus, Person, Role
from sessions.store.base import Repository, utc_moment, utc_now, utc_text
from sessions.store.people import person_from_row, search_clause


def attendance_from_row(row: Mapping[str, Any]) -> Attendance:
    return Attendance(
        session_id=row["session_id"],
        person_id=row["person_id"],
        status=AttendanceStatus(row["status"]),
        booked_at=utc_moment(row["booked_at"]),
        arrived_at=utc_moment(row["arrived_at"]),
        left_at=utc_moment(row["left_at"]),
        follow_up=bool(row["follow_up"]),
        follow_up_note=row["follow_up_note"],
    )


_RECORD_COLUMNS = (
    "session_id",
    "person_id",
    "status",
    "booked_at",
    "arrived_at",
    "left_at",
    "follow_up",
    "follow_up_note",
)


def _joined_record(row: Mapping[str, Any]) -> Attendance | None:
    """The attendance columns of a people row joined with them (prefixed "a_")."""
    if row["a_status"] is None:
        return None
    return attendance_from_row({column: row[f"a_{column}"] for column in _RECORD_COLUMNS})


class AttendanceRepository(Repository):
    def record(
        self,
        session_id: int,
        person_id: int,
        status: AttendanceStatus,
        *,
        booked: bool = True,
        arrived_at: dt.datetime | None = None,
        left_at: dt.datetime | None = None,
    ) -> None:
        """Set a person's attendance at a session, booking them if asked.

        A booking, once made, keeps its time: arriving later does not change when
        someone booked, and a walk-in (booked=False) stays unbooked.
        """
        values = {
            "status": status.value,
            "arrived_at": utc_text(arrived_at),
            "left_at": utc_text(left_at),
        }
        with self.db.atomic():
            existing = self.db.execute(
                "SELECT id, booked_at FROM attendance WHERE session_id = ? AND person_id = ?",
                [session_id, person_id],
            ).fetchone()
            if existing:
                if booked and existing[1] is None:
                    values["booked_at"] = utc_now()
                self.update_row("attendance", existing[0], values)
            else:
                self.insert_row(
                    "attendance",
                    {
                        "session_id": session_id,
                        "person_id": person_id,
                        "booked_at": utc_now() if booked else None,
                        **values,
                    },
                )

    def get(self, session_id: int, person_id: int) -> Attendance | None:
        """This person's attendance at this session, or None if they are not on it."""
        rows = list(
            self.db.query(
                "SELECT * FROM attendance WHERE session_id = ? AND person_id = ?",
                [session_id, person_id],
            )
        )
        return attendance_from_row(rows[0]) if rows else None

    def for_session(self, session_id: int) -> list[Attendance]:
        """Everyone on a session, in the order they were added."""
        rows = self.db.query(
            "SELECT * FROM attendance WHERE session_id = ? ORDER BY id", [session_id]
        )
        return [attendance_from_row(row) for row in rows]

    def put(self, attendance: Attendance) -> None:
        """Write a whole attendance record as it is: used to undo a change exactly."""
        row = {
            "status": attendance.status.value,
            "booked_at": utc_text(attendance.booked_at),
            "arrived_at": utc_text(attendance.arrived_at),
            "left_at": utc_text(attendance.left_at),
            "follow_up": int(attendance.follow_up),
            "follow_up_note": attendance.follow_up_note,
        }
        with self.db.atomic():
            existing = self.db.execute(
                "SELECT id FROM attendance WHERE session_id = ? AND person_id = ?",
                [attendance.session_id, attendance.person_id],
            ).fetchone()
            if existing:
                self.update_row("attendance", existing[0], row)
            else:
                self.insert_row(
                    "attendance",
                    {"session_id": attendance.session_id, "person_id": attendance.person_id, **row},
                )

    def remove(self, session_id: int, person_id: int) -> bool:
        """Take someone off a session altogether. False if they were not on it."""
        with self.db.atomic():
            cursor = self.db.execute(
                "DELETE FROM attendance WHERE session_id = ? AND person_id = ?",
                [session_id, person_id],
            )
        return cursor.rowcount > 0

    def candidates(
        self, session_id: int, text: str = "", limit: int = 100
    ) -> list[tuple[Person, Attendance | None]]:
        """People matching `text`, those on this session first, then by name.

        This runs on every key pressed at check-in, so it is one query that stops
        at `limit` rows.
        """
        where, params = search_clause(text)
        chosen = ", ".join(f"a.{column} AS a_{column}" for column in _RECORD_COLUMNS)
        rows = self.db.query(
            f"""SELECT people.*, {chosen}
            FROM people LEFT JOIN attendance a
                ON a.person_id = people.id AND a.session_id = :session
            WHERE {where}
            ORDER BY a.id IS NULL, people.name COLLATE NOCASE, people.id
            LIMIT :limit""",
            {**params, "session": session_id, "limit": limit},
        )
        return [(person_from_row(row), _joined_record(row)) for row in rows]

    def role_counts(self, session_id: int) -> dict[tuple[Role, AttendanceStatus], int]:
        """How many people of each role are in each state at this session."""
        rows = self.db.query(
            """SELECT p.role, a.status, count(*) AS n
            FROM attendance a JOIN people p ON p.id = a.person_id
            WHERE a.session_id = ? GROUP BY p.role, a.status""",
            [session_id],
        )
        return {(Role(row["role"]), AttendanceStatus(row["status"])): row["n"] for row in rows}
