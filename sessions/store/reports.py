"""The rows the progress report is worked out from, for a date range and a project.

Only reading: each method is one query over the sessions in range (and in the
project, when one is chosen). The arithmetic is in sessions.reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sessions.clock import at_venue
from sessions.models import AttendanceStatus
from sessions.store.base import Repository, utc_text

ATTENDED = tuple(status.value for status in AttendanceStatus if status.attended)


@dataclass(frozen=True)
class Scope:
    """Which sessions a report covers: those dated from `start` to `end`, both days
    included, and only the project's when `project_id` is given."""

    start: dt.date
    end: dt.date
    project_id: int | None = None

    def where(self, alias: str = "s") -> tuple[str, list[Any]]:
        clause = f"{alias}.date BETWEEN ? AND ?"
        params: list[Any] = [self.start.isoformat(), self.end.isoformat()]
        if self.project_id is not None:
            clause += f" AND {alias}.project_id = ?"
            params.append(self.project_id)
        return clause, params

    def project_only(self, alias: str = "s") -> tuple[str, list[Any]]:
        """The project part alone, for questions about all time (first time taking part)."""
        if self.project_id is None:
            return "1", []
        return f"{alias}.project_id = ?", [self.project_id]


class ReportRepository(Repository):
    def sessions(self, scope: Scope) -> list[dict[str, Any]]:
        """The sessions in range: date, times and kind."""
        where, params = scope.where()
        return list(
            self.db.query(
                f"SELECT s.id, s.date, s.start_time, s.end_time, s.kind FROM sessions s"
                f" WHERE {where} ORDER BY s.date, s.start_time",
                params,
            )
        )

    def attended(self, scope: Scope) -> Iterator[dict[str, Any]]:
        """Everyone who took part in a session in range, with their role and times."""
        where, params = scope.where()
        marks = ", ".join("?" for _ in ATTENDED)
        yield from self.db.query(
            f"""
            SELECT a.session_id, a.person_id, a.status, a.arrived_at, a.left_at, p.role,
                   s.date, s.start_time, s.end_time
              FROM attendance a
              JOIN sessions s ON s.id = a.session_id
              JOIN people p ON p.id = a.person_id
             WHERE {where} AND a.status IN ({marks})
            """,
            [*params, *ATTENDED],
        )

    def first_dates(self, scope: Scope) -> dict[int, dt.date]:
        """The day each person first took part, over all time (in the project, if one)."""
        where, params = scope.project_only()
        marks = ", ".join("?" for _ in ATTENDED)
        rows = self.db.execute(
            f"""
            SELECT a.person_id, min(s.date)
              FROM attendance a JOIN sessions s ON s.id = a.session_id
             WHERE {where} AND a.status IN ({marks})
             GROUP BY a.person_id
            """,
            [*params, *ATTENDED],
        )
        return {person_id: dt.date.fromisoformat(day) for person_id, day in rows}

    def agreed_actions(self, scope: Scope) -> int:
        """How many actions were agreed at sessions in range."""
        where, params = scope.where()
        return int(
            self.db.execute(
                f"SELECT count(*) FROM actions a JOIN sessions s ON s.id = a.session_id"
                f" WHERE {where}",
                params,
            ).fetchone()[0]
        )

    def closed_actions(self, scope: Scope) -> list[dict[str, Any]]:
        """Actions done or dropped within the range, from any session (of the project)."""
        where, params = scope.project_only()
        return list(
            self.db.query(
                f"""
                SELECT a.status, a.closed_on, s.date AS agreed_on
                  FROM actions a JOIN sessions s ON s.id = a.session_id
                 WHERE {where} AND a.closed_on BETWEEN ? AND ?
                """,
                [*params, scope.start.isoformat(), scope.end.isoformat()],
            )
        )

    def open_actions(self, scope: Scope) -> list[dict[str, Any]]:
        """Actions still to do at the end of the range, from any session up to it:
        those open now, and those done or dropped only after the range ended."""
        where, params = scope.project_only()
        end = scope.end.isoformat()
        return list(
            self.db.query(
                f"""
                SELECT a.status, a.due, s.date AS agreed_on
                  FROM actions a JOIN sessions s ON s.id = a.session_id
                 WHERE {where} AND s.date <= ?
                   AND (a.status IN ('open', 'in_progress') OR a.closed_on > ?)
                """,
                [*params, end, end],
            )
        )

    def paid_claims(self, scope: Scope) -> list[dict[str, Any]]:
        """Claims marked paid in the range (by when they were paid), with their
        payment for time and expenses, for the sessions of the project if one."""
        where, params = scope.project_only()
        return list(
            self.db.query(
                f"""
                SELECT c.paid_at, c.involvement_pence,
                       coalesce((SELECT sum(l.amount_pence) FROM claim_lines l
                                  WHERE l.claim_id = c.id), 0) AS expenses_pence
                  FROM claims c JOIN sessions s ON s.id = c.session_id
                 WHERE {where} AND c.status = 'paid' AND c.paid_at IS NOT NULL
                   AND c.paid_at >= ? AND c.paid_at < ?
                """,
                [*params, *_utc_bounds(scope)],
            )
        )

    def waiting_claims(self, scope: Scope) -> list[dict[str, Any]]:
        """Claims submitted or approved and not yet paid, for sessions up to the end."""
        where, params = scope.project_only()
        return list(
            self.db.query(
                f"""
                SELECT c.status, c.involvement_pence,
                       coalesce((SELECT sum(l.amount_pence) FROM claim_lines l
                                  WHERE l.claim_id = c.id), 0) AS expenses_pence
                  FROM claims c JOIN sessions s ON s.id = c.session_id
                 WHERE {where} AND s.date <= ? AND c.status IN ('submitted', 'approved')
                """,
                [*params, scope.end.isoformat()],
            )
        )

    def ladder(self, scope: Scope) -> list[dict[str, Any]]:
        """Every rating of every project (or the one project), oldest first, with the
        project's name; ratings after the end of the range are left out."""
        clause, params = scope.project_only("r")
        return list(
            self.db.query(
                f"""
                SELECT p.id AS project_id, p.name, r.rung, r.rated_on, r.reason
                  FROM projects p JOIN ladder_ratings r ON r.project_id = p.id
                 WHERE {clause} AND r.rated_on <= ?
                 ORDER BY p.name COLLATE NOCASE, r.rated_on, r.id
                """,
                [*params, scope.end.isoformat()],
            )
        )


def _utc_bounds(scope: Scope) -> tuple[str, str]:
    """The range as UTC text bounds at the venue's midnights, for timestamp columns."""
    start = at_venue(scope.start, dt.time(0))
    end = at_venue(scope.end + dt.timedelta(days=1), dt.time(0))
    return utc_text(start) or "", utc_text(end) or ""
