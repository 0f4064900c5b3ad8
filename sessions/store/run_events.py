"""The agenda clock's history: every key pressed, so a restart resumes it exactly."""

from __future__ import annotations

from sessions.models import RunEvent, RunEventKind
from sessions.store.base import Repository, utc_moment, utc_text


class RunEventRepository(Repository):
    def add(self, session_id: int, event: RunEvent) -> RunEvent:
        """Keep one clock event; it is on disk when this returns."""
        with self.db.atomic():
            event_id = self.insert_row(
                "run_events",
                {
                    "session_id": session_id,
                    "kind": event.kind.value,
                    "at": utc_text(event.at),
                    "agenda_item_id": event.agenda_item_id,
                    "minutes": event.minutes,
                },
            )
        return RunEvent(event.kind, event.at, event.agenda_item_id, event.minutes, event_id)

    def for_session(self, session_id: int) -> list[RunEvent]:
        """A session's clock events, oldest first."""
        rows = self.db.query(
            "SELECT * FROM run_events WHERE session_id = ? ORDER BY id", [session_id]
        )
        return [
            RunEvent(
                kind=RunEventKind(row["kind"]),
                at=utc_moment(row["at"]),  # type: ignore[arg-type]
                agenda_item_id=row["agenda_item_id"],
                minutes=row["minutes"],
                id=row["id"],
            )
            for row in rows
        ]

    def clear(self, session_id: int) -> None:
        """Forget a session's clock, as if it had never been started."""
        with self.db.atomic():
            self.db.execute("DELETE FROM run_events WHERE session_id = ?", [session_id])
