"""Example data for projects: aims, dates, co-chairs, and ratings on the ladder of
participation that move up over time, each with its reason.

The example sessions already name their projects; this gives two of them the rest.
Kept apart from `sessions.demo` (people and sessions) so each reads in one go.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sessions.models import Session
from sessions.project_models import ProjectKind, Rung
from sessions.store import Store


@dataclass(frozen=True)
class ExampleProject:
    name: str
    kind: ProjectKind
    aims: str
    starts_in: int
    """Days from today (negative: it started that many days ago)."""
    ends_in: int | None
    ratings: tuple[tuple[int, Rung, str], ...]
    """(days from today, rung, reason), oldest first."""


EXAMPLE_PROJECTS = (
    ExampleProject(
        "Homecare Experts by Experience",
        ProjectKind.PROJECT,
        "Make homecare better with the people who get it and their carers: fewer "
        "visits cut short, the same care workers, and a named contact at every agency. "
        "The group checks the new homecare contracts before they are signed.",
        -150,
        180,
        (
            (
                -148,
                Rung.CONSULTATION,
                "Managers asked people about homecare in a survey, then decided the "
                "changes themselves.",
            ),
            (
                -90,
                Rung.ENGAGEMENT,
                "People who get homecare joined the contract meetings; their views "
                "changed two of the questions put to agencies.",
            ),
            (
                -19,
                Rung.CO_DESIGN,
                "At the Listening Space the group and the commissioners planned the "
                "named-contact trial together and chose the agencies to start it.",
            ),
        ),
    ),
    ExampleProject(
        "Clearer letters about disability-related expenses",
        ProjectKind.TASK_AND_FINISH,
        "Rewrite the letter about disability-related expenses with the people who "
        "receive it, so that everyone can understand it and knows who to call.",
        -60,
        60,
        (
            (
                -58,
                Rung.CONSULTATION,
                "The finance team wrote a new letter and asked the group for comments.",
            ),
            (
                -33,
                Rung.ENGAGEMENT,
                "The group chose the questions the letter must answer, and the finance "
                "team agreed to answer every one.",
            ),
            (
                -6,
                Rung.CO_DESIGN,
                "At the second meeting the group and the finance policy officer "
                "rewrote the letter line by line, together.",
            ),
        ),
    ),
)

OUR_VOICE_AIMS = (
    "People with lived experience and carers who oversee co-production across adult "
    "social care, and question the department on what it has done with what it heard."
)


def add_project_history(store: Store, sessions: Sequence[Session], today: dt.date) -> None:
    """Aims, dates and ladder ratings for the example projects; their co-chairs are
    the member of staff and the person with lived experience who co-chair the
    project's session."""
    for example in EXAMPLE_PROJECTS:
        project = store.projects.by_name(example.name)
        assert project is not None and project.id is not None, example.name
        chairs = next(s.co_chair_ids for s in sessions if s.project_name == example.name)
        project.kind = example.kind
        project.aims = example.aims
        project.starts_on = today + dt.timedelta(days=example.starts_in)
        project.ends_on = (
            today + dt.timedelta(days=example.ends_in) if example.ends_in is not None else None
        )
        project.staff_co_chair_id, project.lived_co_chair_id = chairs
        store.projects.save(project)
        for days, rung, reason in example.ratings:
            store.projects.rate(project.id, rung, today + dt.timedelta(days=days), reason)
    steering = store.projects.by_name("Our Voice")
    if steering is not None:
        steering.aims = OUR_VOICE_AIMS
        steering.starts_on = today - dt.timedelta(days=400)
        store.projects.save(steering)
