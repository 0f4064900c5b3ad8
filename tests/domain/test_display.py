"""How dates, durations and counts read on screen."""

from __future__ import annotations

import datetime as dt

import pytest

from sessions.display import format_date, format_minutes, format_time, plural


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (dt.date(2026, 12, 3), "Thu 3 Dec 2026"),
        (dt.date(2026, 11, 23), "Mon 23 Nov 2026"),
        (dt.date(2027, 1, 1), "Fri 1 Jan 2027"),
        (dt.date(2028, 2, 29), "Tue 29 Feb 2028"),
    ],
)
def test_format_date_shows_the_day_of_the_week_and_no_leading_zero(
    day: dt.date, shown: str
) -> None:
    assert format_date(day) == shown


def test_format_time_is_24_hour_with_leading_zeros() -> None:
    assert format_time(dt.time(9, 5)) == "09:05"
    assert format_time(dt.time(14, 30)) == "14:30"


@pytest.mark.parametrize(
    ("minutes", "shown"),
    [
        (0, "0 min"),
        (1, "1 min"),
        (45, "45 min"),
        (60, "1 h"),
        (90, "1 h 30 min"),
        (120, "2 h"),
        (125, "2 h 5 min"),
        (600, "10 h"),
        (-15, "-15 min"),
        (-90, "-1 h 30 min"),
    ],
)
def test_format_minutes(minutes: int, shown: str) -> None:
    assert format_minutes(minutes) == shown


@pytest.mark.parametrize(
    ("count", "word", "words", "shown"),
    [
        (0, "session", None, "0 sessions"),
        (1, "session", None, "1 session"),
        (2, "session", None, "2 sessions"),
        (1, "person", "people", "1 person"),
        (3, "person", "people", "3 people"),
        (1500, "person", "people", "1,500 people"),
    ],
)
def test_plural(count: int, word: str, words: str | None, shown: str) -> None:
    assert plural(count, word, words) == shown
