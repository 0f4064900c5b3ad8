"""Agenda timing: when each item starts, and whether the plan fits the session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sessions.display import format_minutes
from sessions.models import AgendaItem, minutes_between


@dataclass(frozen=True)
class ScheduledItem:
    item: AgendaItem
    starts: dt.time
    ends: dt.time
    runs_past_end: bool = False
    """True when the item finishes after the session is due to end."""


@dataclass(frozen=True)
class AgendaTiming:
    """The running clock times of an agenda against the session's length."""

    items: tuple[ScheduledItem, ...]
    total_minutes: int
    session_minutes: int

    @property
    def over_by(self) -> int:
        """Minutes the agenda runs past the end of the session (0 if it fits)."""
        return max(0, self.total_minutes - self.session_minutes)

    @property
    def overruns(self) -> bool:
        return self.over_by > 0

    @property
    def summary(self) -> str:
        """The footer line: the total against the session length, in words."""
        total = format_minutes(self.total_minutes)
        length = format_minutes(self.session_minutes)
        if not self.items:
            return f"No agenda items yet. The session is {length} long."
        if self.overruns:
            return (
                f"The agenda runs {format_minutes(self.over_by)} over: it takes "
                f"{total} and the session is {length}. Shorten or remove an item, "
                "or change the end time."
            )
        spare = self.session_minutes - self.total_minutes
        if spare == 0:
            return f"Agenda {total} of {length}: it fits exactly."
        return f"Agenda {total} of {length}: {format_minutes(spare)} to spare."


def schedule(items: Sequence[AgendaItem], start: dt.time, end: dt.time) -> AgendaTiming:
    """Give each item its clock time, counting on from the session's start."""
    clock = dt.datetime.combine(dt.date(2000, 1, 1), start)
    session_end = clock + dt.timedelta(minutes=max(0, minutes_between(start, end)))
    scheduled = []
    for item in items:
        finish = clock + dt.timedelta(minutes=item.minutes)
        scheduled.append(ScheduledItem(item, clock.time(), finish.time(), finish > session_end))
        clock = finish
    return AgendaTiming(
        items=tuple(scheduled),
        total_minutes=sum(item.minutes for item in items),
        session_minutes=max(0, minutes_between(start, end)),
    )


def end_after(start: dt.time, minutes: int) -> dt.time:
    """The clock time `minutes` after `start`, kept within the same day."""
    start_minutes = start.hour * 60 + start.minute
    finish = min(start_minutes + max(0, minutes), 23 * 60 + 59)
    return dt.time(finish // 60, finish % 60)
