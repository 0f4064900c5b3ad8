"""How dates, times and durations read on screen and in files: one way everywhere."""

from __future__ import annotations

import datetime as dt


def format_date(day: dt.date) -> str:
    """'Thu 3 Dec 2026': the day of the week matters when booking a room."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def format_time(moment: dt.time) -> str:
    return f"{moment:%H:%M}"


def format_minutes(minutes: int) -> str:
    """'1 h 30 min', '45 min', '2 h': short enough for a footer."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    if hours and rest:
        return f"{sign}{hours} h {rest} min"
    if hours:
        return f"{sign}{hours} h"
    return f"{sign}{rest} min"


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 person', '3 people'."""
    if count == 1:
        return f"{count:,} {word}"
    return f"{count:,} {words or word + 's'}"
