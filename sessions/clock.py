"""Dates and times at the venue. Sessions are planned in the venue's local time."""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo

from sessions.display import format_time

VENUE_TIMEZONE = "Europe/London"


def venue_zone(name: str = VENUE_TIMEZONE) -> ZoneInfo:
    return ZoneInfo(name)


def today_at_venue(zone: str = VENUE_TIMEZONE) -> dt.date:
    return dt.datetime.now(venue_zone(zone)).date()


def now_utc() -> dt.datetime:
    """This moment, as an aware UTC datetime: what the run clock and check-in store."""
    return dt.datetime.now(dt.UTC)


def local_time(moment: dt.datetime | None) -> str:
    """A moment as the venue's clock time, '10:42' (seconds dropped, as a clock does)."""
    if moment is None:
        return ""
    return format_time(venue_time(moment))


def venue_time(moment: dt.datetime) -> dt.time:
    return moment.astimezone(venue_zone()).time()


def venue_date(moment: dt.datetime) -> dt.date:
    """The date at the venue at this moment: what 'today' means there."""
    return moment.astimezone(venue_zone()).date()


def at_venue(day: dt.date, moment: dt.time, zone: str = VENUE_TIMEZONE) -> dt.datetime:
    """A local date and time at the venue as an aware datetime."""
    return dt.datetime.combine(day, moment, tzinfo=venue_zone(zone))


class _Timed(Protocol):
    @property
    def date(self) -> dt.date: ...
    @property
    def start(self) -> dt.time: ...
    @property
    def end(self) -> dt.time: ...


def has_started(session: _Timed, now: dt.datetime) -> bool:
    """True once the session's start time has come at the venue."""
    return now >= at_venue(session.date, session.start)


def is_over(session: _Timed, now: dt.datetime) -> bool:
    """True once the session's end time has passed at the venue."""
    return now >= at_venue(session.date, session.end)
