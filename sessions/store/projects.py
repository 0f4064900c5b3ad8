"""Projects and task-and-finish groups, their co-chairs and their ladder ratings."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from typing import Any

from sessions.errors import NotFound, ValidationError
from sessions.models import Role
from sessions.project_models import (
    LIVED_ROLES,
    STAFF_ROLES,
    LadderRating,
    Project,
    ProjectKind,
    ProjectLine,
    Rung,
)
from sessions.store.base import GONE, Repository
from sessions.validation import check_length

REASON_NEEDED = "Say why the project stands on this rung."


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def project_from_row(row: Mapping[str, Any]) -> Project:
    return Project(
        id=row["id"],
        uid=row["uid"],
        name=row["name"],
        kind=ProjectKind(row["kind"]),
        aims=row["aims"],
        starts_on=_day(row["starts_on"]),
        ends_on=_day(row["ends_on"]),
        staff_co_chair_id=row["staff_co_chair_id"],
        lived_co_chair_id=row["lived_co_chair_id"],
    )


def rating_from_row(row: Mapping[str, Any]) -> LadderRating:
    return LadderRating(
        id=row["id"],
        project_id=row["project_id"],
        rung=Rung(row["rung"]),
        rated_on=dt.date.fromisoformat(row["rated_on"]),
        reason=row["reason"],
    )


def check_reason(reason: str) -> str | None:
    """What is wrong with the reason given for a rating on the ladder, in words."""
    if not reason.strip():
        return REASON_NEEDED
    return check_length("reason", reason, "the reason")


def check_project(project: Project) -> dict[str, str]:
    """What is wrong with a project, in words, by field."""
    problems: dict[str, str] = {}
    if not project.name.strip():
        problems["name"] = "Give the project a name."
    elif too_long := check_length("project_name", project.name, "the name"):
        problems["name"] = too_long
    if too_long := check_length("aims", project.aims, "the aims"):
        problems["aims"] = too_long
    if project.starts_on and project.ends_on and project.ends_on < project.starts_on:
        problems["ends_on"] = "The end date must be on or after the start date."
    if (
        project.staff_co_chair_id is not None
        and project.staff_co_chair_id == project.lived_co_chair_id
    ):
        problems["lived_co_chair"] = "The two co-chairs must be two different people."
    return problems


class ProjectRepository(Repository):
    def get(self, project_id: int) -> Project:
        rows = list(self.db.query("SELECT * FROM projects WHERE id = ?", [project_id]))
        if not rows:
            raise NotFound(GONE["projects"])
        return project_from_row(rows[0])

    def by_name(self, name: str) -> Project | None:
        rows = list(
            self.db.query("SELECT * FROM projects WHERE name = ? COLLATE NOCASE", [name.strip()])
        )
        return project_from_row(rows[0]) if rows else None

    def save(self, project: Project) -> Project:
        """Add or change a project after checking it; co-chairs must fit their seat."""
        project.name = project.name.strip()
        project.aims = project.aims.strip()
        problems = self.problems(project)
        if problems:
            raise ValidationError(problems)
        row = {
            "name": project.name,
            "kind": project.kind.value,
            "aims": project.aims,
            "starts_on": project.starts_on.isoformat() if project.starts_on else None,
            "ends_on": project.ends_on.isoformat() if project.ends_on else None,
            "staff_co_chair_id": project.staff_co_chair_id,
            "lived_co_chair_id": project.lived_co_chair_id,
        }
        try:
            with self.db.atomic():
                if project.id is None:
                    project_id = self.insert_row("projects", row)
                else:
                    project_id = project.id
                    self.update_row("projects", project_id, row)
        except sqlite3.IntegrityError as error:  # a co-chair erased meanwhile
            raise NotFound(GONE["people"]) from error
        return self.get(project_id)

    def problems(self, project: Project) -> dict[str, str]:
        """Everything wrong with a project, by field, including what needs the data
        file: a co-chair in the wrong seat, or a name another project has."""
        problems = {**self._co_chair_problems(project), **check_project(project)}
        name = project.name.strip()
        same_name = self.by_name(name) if name else None
        if same_name is not None and same_name.id != project.id:
            problems["name"] = f"There is already a project called {same_name.name}."
        return problems

    def _co_chair_problems(self, project: Project) -> dict[str, str]:
        problems = {}
        seats = (
            ("staff_co_chair", project.staff_co_chair_id, STAFF_ROLES, "a member of staff"),
            (
                "lived_co_chair",
                project.lived_co_chair_id,
                LIVED_ROLES,
                "a person with lived experience or a carer",
            ),
        )
        for field, person_id, roles, words in seats:
            if person_id is None:
                continue
            row = self.db.execute(
                "SELECT name, role FROM people WHERE id = ?", [person_id]
            ).fetchone()
            if row is None:
                problems[field] = GONE["people"]
            elif Role(row[1]) not in roles:
                problems[field] = (
                    f"{row[0]}'s role is {Role(row[1]).label.lower()}; "
                    f"this co-chair must be {words}."
                )
        return problems

    def delete(self, project_id: int) -> int:
        """Delete a project and its ratings; its sessions stay, without a project.
        Returns how many sessions it had."""
        with self.db.atomic():
            self.require("projects", project_id)
            sessions = self.session_count(project_id)
            self.db.execute("DELETE FROM projects WHERE id = ?", [project_id])
        return sessions

    def session_count(self, project_id: int) -> int:
        return int(
            self.db.execute(
                "SELECT count(*) FROM sessions WHERE project_id = ?", [project_id]
            ).fetchone()[0]
        )

    def lines(self) -> list[ProjectLine]:
        """Every project with its session count, co-chairs and latest rating, by name."""
        rows = self.db.query(
            """
            SELECT p.*,
                   (SELECT count(*) FROM sessions s WHERE s.project_id = p.id) AS sessions,
                   coalesce(staff.name, '') AS staff_name,
                   coalesce(lived.name, '') AS lived_name
              FROM projects p
              LEFT JOIN people staff ON staff.id = p.staff_co_chair_id
              LEFT JOIN people lived ON lived.id = p.lived_co_chair_id
             ORDER BY p.name COLLATE NOCASE
            """
        )
        latest = self.latest_ratings()
        return [
            ProjectLine(
                project=project_from_row(row),
                sessions=row["sessions"],
                staff_co_chair=row["staff_name"],
                lived_co_chair=row["lived_name"],
                latest=latest.get(row["id"]),
            )
            for row in rows
        ]

    def rate(self, project_id: int, rung: Rung, rated_on: dt.date, reason: str) -> LadderRating:
        """Keep a new rating on the ladder; the reason is needed, so the movement can
        be explained to committee."""
        reason = reason.strip()
        if problem := check_reason(reason):
            raise ValidationError({"reason": problem})
        try:
            with self.db.atomic():
                self.require("projects", project_id)
                rating_id = self.insert_row(
                    "ladder_ratings",
                    {
                        "project_id": project_id,
                        "rung": rung.value,
                        "rated_on": rated_on.isoformat(),
                        "reason": reason,
                    },
                )
        except sqlite3.IntegrityError as error:
            raise NotFound(GONE["projects"]) from error
        return LadderRating(project_id, rung, rated_on, reason, rating_id)

    def remove_rating(self, rating_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM ladder_ratings WHERE id = ?", [rating_id])

    def ratings(self, project_id: int) -> list[LadderRating]:
        """A project's ratings, oldest first, so the movement reads in order."""
        rows = self.db.query(
            "SELECT * FROM ladder_ratings WHERE project_id = ? ORDER BY rated_on, id",
            [project_id],
        )
        return [rating_from_row(row) for row in rows]

    def latest_ratings(self) -> dict[int, LadderRating]:
        """Each rated project's most recent rating."""
        rows = self.db.query(
            """
            SELECT * FROM ladder_ratings r
             WHERE r.id = (SELECT r2.id FROM ladder_ratings r2
                            WHERE r2.project_id = r.project_id
                            ORDER BY r2.rated_on DESC, r2.id DESC LIMIT 1)
            """
        )
        return {row["project_id"]: rating_from_row(row) for row in rows}
