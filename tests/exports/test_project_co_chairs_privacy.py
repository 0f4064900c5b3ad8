"""A project's co-chairs and personal data: subject access says that someone co-chairs a
project, and erasing a co-chair keeps the project with the seat shown as erased."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
from privacy_examples import NAME, add_sian

from exports.subject_access import write_subject_access
from sessions.erasure import ERASED_NAME, erase_person, plan_erasure
from sessions.models import Person, Role
from sessions.project_models import Project, ProjectKind, Rung
from sessions.store import Store
from sessions.subject_access import gather
from tests.exports.docx_checks import all_text

GATHERED = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def add_project(store: Store, lived_id: int) -> Project:
    staff = store.people.save(Person(name="Gareth Hughes", role=Role.STAFF))
    project = store.projects.save(
        Project(
            "Clearer letters",
            ProjectKind.TASK_AND_FINISH,
            aims="Rewrite the letter about disability-related expenses.",
            starts_on=dt.date(2026, 9, 24),
            ends_on=dt.date(2027, 1, 22),
            staff_co_chair_id=staff.id,
            lived_co_chair_id=lived_id,
        )
    )
    assert project.id is not None
    store.projects.rate(project.id, Rung.CONSULTATION, dt.date(2026, 9, 26), "Asked for views.")
    return project


def test_subject_access_says_they_co_chair_a_project(store: Store, tmp_path: Path) -> None:
    sian = add_sian(store)
    add_project(store, sian.person_id)
    held = gather(store, sian.person_id, now=lambda: GATHERED)
    assert [(p.project.name, p.seat) for p in held.projects] == [
        ("Clearer letters", "the co-chair with lived experience")
    ]
    files = write_subject_access(held, "Thurrock Co-production Team", tmp_path / "sian")
    text = all_text(docx.Document(str(files.document)))
    assert "Projects you co-chair:" in text
    assert (
        "Clearer letters (task-and-finish group, Thu 24 Sep 2026 to Fri 22 Jan 2027): "
        "you are the co-chair with lived experience"
    ) in text
    data = json.loads(files.data.read_text("utf-8"))
    assert data["co_chaired_projects"] == [
        {
            "project": "Clearer letters",
            "kind": "Task-and-finish group",
            "seat": "co-chair with lived experience",
            "starts_on": "2026-09-24",
            "ends_on": "2027-01-22",
        }
    ]


def test_someone_who_co_chairs_nothing_has_no_projects_listed(store: Store, tmp_path: Path) -> None:
    alone = store.people.save(Person(name="Ola Nowak", role=Role.STAFF))
    assert alone.id is not None
    held = gather(store, alone.id, now=lambda: GATHERED)
    assert held.projects == []
    files = write_subject_access(held, "Thurrock Co-production Team", tmp_path / "ola")
    assert "Projects you co-chair" not in all_text(docx.Document(str(files.document)))
    assert json.loads(files.data.read_text("utf-8"))["co_chaired_projects"] == []


def test_erasing_a_co_chair_keeps_the_project_with_the_seat_shown_as_erased(
    store: Store,
) -> None:
    sian = add_sian(store)
    project = add_project(store, sian.person_id)
    assert project.id is not None
    plan = plan_erasure(store, sian.person_id)
    assert plan.projects == ("Clearer letters",)
    assert "Their co-chair seat on “Clearer letters” stays, shown as “Erased person”." in (
        plan.kept_words()
    )

    erase_person(store, sian.person_id)

    [line] = store.projects.lines()
    assert line.project.name == "Clearer letters"
    assert line.lived_co_chair == ERASED_NAME
    assert line.staff_co_chair == "Gareth Hughes"
    assert line.project.lived_co_chair_id == sian.person_id
    assert [r.rung for r in store.projects.ratings(project.id)] == [Rung.CONSULTATION]
    # Still a sound project: it can be changed and saved with the erased seat.
    kept = store.projects.get(project.id)
    kept.aims = "Rewrite the letter, and the leaflet that goes with it."
    store.projects.save(kept)
    assert store.projects.get(project.id).lived_co_chair_id == sian.person_id
    # Nothing of her name is left on the project.
    assert NAME not in " ".join((kept.name, kept.aims))
