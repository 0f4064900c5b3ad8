"""Projects: aims, dates, two co-chairs in their right seats, and ladder ratings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from sessions.errors import NotFound, ValidationError
from sessions.models import Action, ActionStatus, Person, Role, Session
from sessions.project_models import Project, ProjectKind, Rung
from sessions.store import Store


def test_a_project_keeps_its_aims_dates_and_co_chairs(
    store: Store, add_person: Callable[..., Person]
) -> None:
    staff = add_person("Gareth Hughes", Role.STAFF)
    lived = add_person("Farah Khan", Role.LIVED_EXPERIENCE)
    saved = store.projects.save(
        Project(
            "  Direct Payments Review ",
            ProjectKind.TASK_AND_FINISH,
            aims="Make direct payments simpler to manage.",
            starts_on=dt.date(2026, 1, 12),
            ends_on=dt.date(2026, 12, 18),
            staff_co_chair_id=staff.id,
            lived_co_chair_id=lived.id,
        )
    )
    again = store.projects.get(saved.id or 0)
    assert again.name == "Direct Payments Review"
    assert again.kind is ProjectKind.TASK_AND_FINISH
    assert (again.starts_on, again.ends_on) == (dt.date(2026, 1, 12), dt.date(2026, 12, 18))
    [line] = store.projects.lines()
    assert (line.staff_co_chair, line.lived_co_chair) == ("Gareth Hughes", "Farah Khan")
    assert line.sessions == 0 and line.latest is None


def test_co_chairs_must_fit_their_seats_and_be_two_people(
    store: Store, add_person: Callable[..., Person]
) -> None:
    staff = add_person("Gareth Hughes", Role.STAFF)
    carer = add_person("Joan Walsh", Role.CARER)
    with pytest.raises(ValidationError) as wrong_seats:
        store.projects.save(
            Project("Carers", staff_co_chair_id=carer.id, lived_co_chair_id=staff.id)
        )
    assert wrong_seats.value.problems == {
        "staff_co_chair": "Joan Walsh's role is carer; this co-chair must be a member of staff.",
        "lived_co_chair": (
            "Gareth Hughes's role is staff; this co-chair must be a person with lived "
            "experience or a carer."
        ),
    }
    with pytest.raises(ValidationError) as same:
        store.projects.save(Project("Carers", staff_co_chair_id=5, lived_co_chair_id=5))
    assert (
        same.value.problems["lived_co_chair"] == "The two co-chairs must be two different people."
    )
    assert store.projects.lines() == []


def test_names_are_needed_and_unique_and_dates_in_order(store: Store) -> None:
    store.projects.save(Project("Carers Implementation Group"))
    with pytest.raises(ValidationError) as problems:
        store.projects.save(
            Project(
                "carers implementation group",
                starts_on=dt.date(2026, 5, 1),
                ends_on=dt.date(2026, 4, 30),
            )
        )
    assert problems.value.problems == {
        "name": "There is already a project called Carers Implementation Group.",
        "ends_on": "The end date must be on or after the start date.",
    }
    with pytest.raises(ValidationError) as nameless:
        store.projects.save(Project("   "))
    assert nameless.value.problems == {"name": "Give the project a name."}


def test_ratings_read_oldest_first_and_the_latest_shows_in_the_list(store: Store) -> None:
    project = store.projects.save(Project("Homecare Experts by Experience"))
    assert project.id is not None
    store.projects.rate(project.id, Rung.CO_DESIGN, dt.date(2026, 9, 1), "Co-chairs plan it.")
    store.projects.rate(project.id, Rung.CONSULTATION, dt.date(2026, 1, 5), "We asked.")
    ratings = store.projects.ratings(project.id)
    assert [(r.rung, r.rated_on) for r in ratings] == [
        (Rung.CONSULTATION, dt.date(2026, 1, 5)),
        (Rung.CO_DESIGN, dt.date(2026, 9, 1)),
    ]
    [line] = store.projects.lines()
    assert line.latest is not None and line.latest.rung is Rung.CO_DESIGN
    with pytest.raises(ValidationError) as reasonless:
        store.projects.rate(project.id, Rung.INFORMING, dt.date(2026, 10, 1), "  ")
    assert reasonless.value.problems == {"reason": "Say why the project stands on this rung."}
    with pytest.raises(NotFound):
        store.projects.rate(999, Rung.INFORMING, dt.date(2026, 10, 1), "Gone.")
    assert Rung.CO_PRODUCTION.step == 7 and Rung.CO_PRODUCTION.stance == "doing with"
    assert Rung.INFORMING.stance == "doing for" and Rung.COERCION.stance == "doing to"


def test_deleting_a_project_keeps_its_sessions_without_one(
    store: Store, add_session: Callable[..., Session]
) -> None:
    session = add_session(project_name="Short Breaks for Carers")
    project = store.projects.by_name("short breaks for carers")
    assert project is not None and project.id is not None
    store.projects.rate(project.id, Rung.ENGAGEMENT, dt.date(2026, 3, 1), "Regular meetings.")
    assert store.projects.delete(project.id) == 1
    assert store.sessions.get(session.id or 0).project_name == ""
    assert store.db.execute("SELECT count(*) FROM ladder_ratings").fetchone()[0] == 0


def test_an_action_keeps_the_day_it_was_done(
    store: Store, add_session: Callable[..., Session]
) -> None:
    session = add_session()
    action = store.actions.save(Action(session.id or 0, "Write to the bus company"))
    assert action.id is not None and action.closed_on is None
    done = store.actions.set_status(action.id, ActionStatus.DONE, on=dt.date(2027, 1, 8))
    assert done.closed_on == dt.date(2027, 1, 8)
    done.outcome = "They added a later bus."
    assert store.actions.save(done).closed_on == dt.date(2027, 1, 8)
    reopened = store.actions.set_status(action.id, ActionStatus.IN_PROGRESS)
    assert reopened.closed_on is None
