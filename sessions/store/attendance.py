"""Who was booked for a session and who came."""

from __future__ import annotations

import datetime as dt

from sessions.models import AttendanceStatus
from sessions.store.base import Repository, utc_now


def _utc(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


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
            "arrived_at": _utc(arrived_at),
            "left_at": _utc(left_at),
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
