"""What we will do, and later what we did: closing the loop with people.

People stop taking part when nothing visibly changes, so an action's due date is
told in words ("overdue by 3 days") and those still to do come first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import cast

from sessions.display import format_date, plural
from sessions.errors import ValidationError
from sessions.models import Action, ActionStatus
from sessions.validation import check_action, parse_date

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


def action_from_form(
    values: Mapping[str, object],
    *,
    session_id: int,
    today: dt.date,
    id: int | None = None,
) -> Action:
    """Build an action from the form's fields, or raise ValidationError."""
    problems: dict[str, str] = {}
    due_text = str(values.get("due") or "").strip()
    due = None
    if due_text:
        try:
            due = parse_date(due_text, today)
        except ValueError as error:
            problems["due"] = str(error)
    raw_status = values.get("status") or ActionStatus.OPEN.value
    try:
        status = ActionStatus(raw_status)
    except ValueError:
        problems["status"] = "Choose how this action stands."
        status = ActionStatus.OPEN
    note_ids = cast("Iterable[int]", values.get("note_ids") or ())
    action = Action(
        id=id,
        session_id=session_id,
        what=str(values.get("what") or "").strip(),
        owner=str(values.get("owner") or "").strip(),
        due=due,
        status=status,
        outcome=str(values.get("outcome") or "").strip(),
        note_ids=tuple(int(note_id) for note_id in note_ids),
    )
    problems = {**check_action(action), **problems}
    if problems:
        raise ValidationError(problems)
    return action
