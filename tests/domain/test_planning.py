"""Today, coming up and past sessions, and finding one by typing."""

from __future__ import annotations

import datetime as dt

import pytest

from sessions.models import SessionKind, SessionOverview
from sessions.planning import session_matches, split_by_day

TODAY = dt.date(2026, 11, 23)


def overview(
    id: int,
    days: int,
    start: dt.time = dt.time(10, 0),
    title: str = "Session",
    kind: SessionKind = SessionKind.OTHER,
    venue: str = "",
    project: str = "",
) -> SessionOverview:
    return SessionOverview(
        id=id,
        title=title,
        kind=kind,
        date=TODAY + dt.timedelta(days=days),
        start=start,
        end=dt.time(23, 0),
        venue=venue,
        project_name=project,
        booked=0,
        attended=0,
    )


def ids(sessions: list[SessionOverview]) -> list[int]:
    return [session.id for session in sessions]


def test_sessions_are_split_into_today_coming_and_past() -> None:
    sessions = [
        overview(1, -40),
        overview(2, 14),
        overview(3, 0, dt.time(14, 0)),
        overview(4, -7),
        overview(5, 6),
        overview(6, 0, dt.time(9, 30)),
        overview(7, -1),
        overview(8, 1),
    ]
    sections = split_by_day(sessions, TODAY)
    assert ids(sections.today) == [6, 3], "today's sessions in the order they happen"
    assert ids(sections.coming) == [8, 5, 2], "coming sessions earliest first"
    assert ids(sections.past) == [7, 4, 1], "past sessions most recent first"


def test_past_sessions_on_one_day_latest_first() -> None:
    sessions = [overview(1, -3, dt.time(10, 0)), overview(2, -3, dt.time(14, 0))]
    assert ids(split_by_day(sessions, TODAY).past) == [2, 1]


def test_coming_sessions_on_one_day_earliest_first() -> None:
    sessions = [overview(1, 3, dt.time(14, 0)), overview(2, 3, dt.time(10, 0))]
    assert ids(split_by_day(sessions, TODAY).coming) == [2, 1]


def test_every_session_lands_in_exactly_one_section() -> None:
    sessions = [overview(n, days) for n, days in enumerate(range(-5, 6), 1)]
    sections = split_by_day(sessions, TODAY)
    together = ids(sections.today) + ids(sections.coming) + ids(sections.past)
    assert sorted(together) == ids(sessions)


def test_no_sessions_gives_empty_sections() -> None:
    sections = split_by_day([], TODAY)
    assert (sections.today, sections.coming, sections.past) == ([], [], [])


def test_a_generator_of_sessions_is_fine() -> None:
    sections = split_by_day((overview(n, n - 2) for n in range(5)), TODAY)
    assert ids(sections.today) == [2]


BREW = overview(
    1,
    0,
    title="Building the right relationships",
    kind=SessionKind.OVER_A_BREW,
    venue="Grays Library",
    project="Our Voice",
)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "relationships",
        "RELATIONSHIPS",
        "grays",
        "library",
        "brew",
        "over a brew",
        "our voice",
        "build grays brew",
        "Voice relation",
    ],
)
def test_a_session_is_found_by_any_words_from_title_venue_kind_or_project(typed: str) -> None:
    assert session_matches(BREW, typed)


@pytest.mark.parametrize(
    "typed", ["listening", "mansfield", "grays listening", "relationships zzz", "steering"]
)
def test_every_word_typed_must_match(typed: str) -> None:
    assert not session_matches(BREW, typed)
