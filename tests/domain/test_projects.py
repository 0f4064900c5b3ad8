"""Projects as typed into a form and as they read: dates, ratings, movement on the ladder."""

from __future__ import annotations

import datetime as dt

import pytest

from sessions.errors import ValidationError
from sessions.project_models import LadderRating, Project, ProjectKind, Rung
from sessions.projects import (
    co_chairs_words,
    dates_words,
    history_lines,
    movement_words,
    orphaned_words,
    project_from_form,
    rating_from_form,
    rung_choice_words,
)

TODAY = dt.date(2026, 11, 23)


def test_a_project_from_the_form() -> None:
    project = project_from_form(
        {
            "name": "  Clearer letters ",
            "kind": "task_and_finish",
            "aims": "Rewrite the letter.",
            "starts_on": "24/9/2026",
            "ends_on": "22 Jan 2027",
            "staff_co_chair": [4],
            "lived_co_chair": [],
        },
        id=7,
        today=TODAY,
    )
    assert project == Project(
        "Clearer letters",
        ProjectKind.TASK_AND_FINISH,
        aims="Rewrite the letter.",
        starts_on=dt.date(2026, 9, 24),
        ends_on=dt.date(2027, 1, 22),
        staff_co_chair_id=4,
        lived_co_chair_id=None,
        id=7,
    )


def test_form_problems_are_in_words_by_field() -> None:
    with pytest.raises(ValidationError) as wrong:
        project_from_form(
            {"name": "", "kind": "project", "starts_on": "soon", "ends_on": "", "aims": ""},
            today=TODAY,
        )
    assert wrong.value.problems == {
        "name": "Give the project a name.",
        "starts_on": "Enter a date like 3/12/2026 or 3 Dec 2026.",
    }
    with pytest.raises(ValidationError) as backwards:
        project_from_form(
            {"name": "X", "kind": "project", "starts_on": "1/3/2026", "ends_on": "1/2/2026"},
            today=TODAY,
        )
    assert backwards.value.problems == {
        "ends_on": "The end date must be on or after the start date."
    }
    with pytest.raises(ValidationError) as same:
        project_from_form(
            {"name": "X", "kind": "project", "staff_co_chair": [3], "lived_co_chair": [3]},
            today=TODAY,
        )
    assert same.value.problems == {
        "lived_co_chair": "The two co-chairs must be two different people."
    }


def test_a_rating_needs_a_rung_a_day_not_after_today_and_a_reason() -> None:
    rating = rating_from_form(
        {"rung": "co_design", "rated_on": "today", "reason": " Wrote it together "},
        today=TODAY,
    )
    assert (rating.rung, rating.rated_on, rating.reason) == (
        Rung.CO_DESIGN,
        TODAY,
        "Wrote it together",
    )
    with pytest.raises(ValidationError) as wrong:
        rating_from_form({"rung": "", "rated_on": "tomorrow", "reason": "  "}, today=TODAY)
    assert wrong.value.problems == {
        "rung": "Choose the rung where the project stands now.",
        "rated_on": (
            "That is after today (Mon 23 Nov 2026): rate where the project stands now, "
            "or on a day that has passed."
        ),
        "reason": "Say why the project stands on this rung.",
    }
    with pytest.raises(ValidationError) as no_day:
        rating_from_form({"rung": "informing", "rated_on": "", "reason": "x"}, today=TODAY)
    assert no_day.value.problems == {
        "rated_on": "Enter the day of the rating, like 3/12/2026, or today."
    }


def rated(*ratings: tuple[Rung, dt.date, str]) -> list[LadderRating]:
    return [LadderRating(1, rung, day, reason) for rung, day, reason in ratings]


def test_movement_up_and_down_the_ladder_in_words() -> None:
    assert movement_words([]) == "Not rated on the ladder yet."
    once = rated((Rung.INFORMING, dt.date(2026, 1, 12), "Told them."))
    assert movement_words(once) == "Rated once, on Mon 12 Jan 2026: informing (doing for)."
    up = rated(
        (Rung.CONSULTATION, dt.date(2026, 1, 12), "Asked by survey"),
        (Rung.ENGAGEMENT, dt.date(2026, 4, 2), "Views changed it."),
        (Rung.CO_DESIGN, dt.date(2026, 9, 1), "Planned it together!"),
    )
    assert movement_words(up) == (
        "Up 2 rungs since Mon 12 Jan 2026: from consultation to co-design."
    )
    assert history_lines(up) == [
        "Mon 12 Jan 2026: Consultation (doing for). Asked by survey.",
        "Thu 2 Apr 2026: Engagement (doing with), up 1 rung. Views changed it.",
        "Tue 1 Sep 2026: Co-design (doing with), up 1 rung. Planned it together!",
    ]
    down = rated(
        (Rung.CO_DESIGN, dt.date(2026, 1, 12), "a"),
        (Rung.INFORMING, dt.date(2026, 2, 12), "b"),
    )
    assert (
        movement_words(down) == "Down 3 rungs since Mon 12 Jan 2026: from co-design to informing."
    )
    still = rated(
        (Rung.ENGAGEMENT, dt.date(2026, 1, 12), "a"),
        (Rung.ENGAGEMENT, dt.date(2026, 2, 12), "b"),
    )
    assert movement_words(still) == (
        "On the same rung since Mon 12 Jan 2026: engagement, rated 2 times."
    )


def test_the_ladder_to_choose_from_and_how_a_project_reads() -> None:
    assert [rung_choice_words(rung) for rung in (Rung.COERCION, Rung.ENGAGEMENT)] == [
        "1, the bottom. Coercion: doing to",
        "5. Engagement: doing with",
    ]
    assert rung_choice_words(Rung.CO_PRODUCTION) == "7, the top. Co-production: doing with"
    project = Project("X", starts_on=dt.date(2026, 9, 24), ends_on=dt.date(2027, 1, 22))
    assert dates_words(project) == "Thu 24 Sep 2026 to Fri 22 Jan 2027"
    assert dates_words(Project("X", starts_on=dt.date(2026, 9, 24))) == "From Thu 24 Sep 2026"
    assert dates_words(Project("X")) == "No dates set"
    assert co_chairs_words("Gareth Hughes, staff", "") == (
        "Gareth Hughes, staff; nobody yet with lived experience"
    )
    assert co_chairs_words("", "") == "none chosen yet"
    assert orphaned_words(0) == "It has no sessions."
    assert orphaned_words(1).startswith("1 session will be left without a project. It stays")
