"""Co-production projects and where each stands on the ladder of participation.

A project (or task-and-finish group) has aims, a start and an end, and two co-chairs:
a member of staff and a person with lived experience. The team rates it on the
ladder from time to time, with a reason, so that movement up the ladder shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sessions.models import LabelledEnum, Role


class ProjectKind(LabelledEnum):
    PROJECT = "project", "Co-production project"
    TASK_AND_FINISH = "task_and_finish", "Task-and-finish group"


class Rung(LabelledEnum):
    """The ladder of participation, bottom to top (DOMAIN.md)."""

    COERCION = "coercion", "Coercion"
    EDUCATING = "educating", "Educating"
    INFORMING = "informing", "Informing"
    CONSULTATION = "consultation", "Consultation"
    ENGAGEMENT = "engagement", "Engagement"
    CO_DESIGN = "co_design", "Co-design"
    CO_PRODUCTION = "co_production", "Co-production"

    @property
    def step(self) -> int:
        """1 at the bottom (coercion) to 7 at the top (co-production)."""
        return list(Rung).index(self) + 1

    @property
    def stance(self) -> str:
        """Doing to, doing for or doing with: how the rung is often summed up."""
        if self.step <= 2:
            return "doing to"
        if self.step <= 4:
            return "doing for"
        return "doing with"


LIVED_ROLES = (Role.LIVED_EXPERIENCE, Role.CARER)
"""Roles that can be the lived-experience co-chair."""
STAFF_ROLES = (Role.STAFF, Role.COMMISSIONER, Role.PROVIDER, Role.COMMUNITY_SECTOR)
"""Roles that can be the staff co-chair."""


@dataclass
class Project:
    """A co-production project or task-and-finish group that sessions belong to."""

    name: str
    kind: ProjectKind = ProjectKind.PROJECT
    aims: str = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    staff_co_chair_id: int | None = None
    lived_co_chair_id: int | None = None
    id: int | None = None
    uid: str = ""


@dataclass(frozen=True)
class LadderRating:
    """Where the team rated a project on the ladder, when, and why."""

    project_id: int
    rung: Rung
    rated_on: dt.date
    reason: str
    id: int | None = None


@dataclass(frozen=True)
class ProjectLine:
    """One line of the projects list."""

    project: Project
    sessions: int
    staff_co_chair: str
    lived_co_chair: str
    latest: LadderRating | None
