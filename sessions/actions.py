"""What we will do, and later what we did: closing the loop with people.

People stop taking part when nothing visibly changes, so an action's due date is
told in words ("overdue by 3 days") and those still to do come first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sessions.display import format_date, plural
from sessions.models import Action, ActionStatus

STILL_TO_DO = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True)
class ActionLine:
    """One action with the session it came from: a line of the Actions screen."""

    action: Action
    session_title: str
    session_date: dt.date

    @property
    def session_label(self) -> str:
        return f"{self.session_title}, {format_date(self.session_date)}"


@dataclass(frozen=True)
class ActionFilter:
    """A choice of which actions to list, by status."""

    key: str
    label: str
    statuses: tuple[ActionStatus, ...]


ACTION_FILTERS = (
    ActionFilter("to_do", "Still to do (open or in progress)", STILL_TO_DO),
    ActionFilter("all", "All actions", ()),
    *(ActionFilter(status.value, status.label, (status,)) for status in ActionStatus),
)


def action_filter(key: str) -> ActionFilter:
    return next((f for f in ACTION_FILTERS if f.key == key), ACTION_FILTERS[0])


def is_overdue(action: Action, today: dt.date) -> bool:
    """Still to do and its day has passed."""
    return action.status in STILL_TO_DO and action.due is not None and action.due < today


def _span(days: int) -> str:
    if days < 14:
        return plural(days, "day")
    if days < 63:
        return plural(days // 7, "week")
    return plural(days // 30, "month")


def due_in_words(action: Action, today: dt.date) -> str:
    """'Overdue by 3 days', 'Due today', 'Due in 2 weeks': how it stands, not a date."""
    if action.due is None:
        return "No date"
    if action.status not in STILL_TO_DO:
        return f"Was due {format_date(action.due)}"
    days = (action.due - today).days
    if days < 0:
        return f"Overdue by {_span(-days)}"
    if days == 0:
        return "Due today"
    if days == 1:
        return "Due tomorrow"
    return f"Due in {_span(days)}"
