"""Keeping people's details no longer than needed (UK GDPR storage limitation).

A person not seen for the retention period (setting "retention_months", 24 by
default) is someone added before it began who is on no session dated within it.
Applying retention erases their contact details and access needs; their name, role,
attendance and claims stay, so they can be welcomed back and the counts stay true.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sessions.clock import now_utc, today_at_venue
from sessions.display import format_date, plural
from sessions.errors import FacilitatorError
from sessions.store import Store
from sessions.store.personal_data import PersonalDataRepository

RETENTION_MONTHS = "retention_months"
"""The setting: how many months someone's contact details are kept after they were
last seen."""
DEFAULT_MONTHS = 24
MOST_MONTHS = 120
RETENTION_ACTION = "contact details erased"
"""What the audit log says for each person retention cleared."""


@dataclass(frozen=True)
class NotSeen:
    person_id: int
    name: str
    last_session: dt.date | None

    def line(self) -> str:
        """'42. Fiona Chaudhry: last on a session Mon 3 Dec 2024.'"""
        when = (
            f"last on a session {format_date(self.last_session)}"
            if self.last_session
            else "never on a session"
        )
        return f"{self.person_id}. {self.name}: {when}."


@dataclass(frozen=True)
class RetentionCheck:
    months: int
    cutoff: dt.date
    """People not on a session on or after this day, and added before it."""
    people: list[NotSeen]

    def summary(self) -> str:
        since = format_date(self.cutoff)
        if not self.people:
            return (
                f"Everyone with contact details or access needs has been on a session "
                f"since {since} ({plural(self.months, 'month')}), or was added since."
            )
        one = len(self.people) == 1
        return (
            f"{plural(len(self.people), 'person has', 'people have')} not been seen since "
            f"{since} ({plural(self.months, 'month')}) and still "
            f"{'has' if one else 'have'} contact details or access needs."
        )


def retention_months(store: Store) -> int:
    """The retention period in months, from Settings."""
    value = store.settings.get(RETENTION_MONTHS, DEFAULT_MONTHS)
    try:
        months = int(value)
    except (TypeError, ValueError):
        return DEFAULT_MONTHS
    return months if 1 <= months <= MOST_MONTHS else DEFAULT_MONTHS


def set_retention_months(store: Store, months: int) -> None:
    if not 1 <= months <= MOST_MONTHS:
        raise FacilitatorError(
            f"Keep details for between 1 and {MOST_MONTHS} months, not {months}."
        )
    store.settings.set(RETENTION_MONTHS, months)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the 31st becomes the month's end)."""
    year, month = divmod(day.year * 12 + (day.month - 1) - months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last_day))


def check_retention(store: Store, today: dt.date | None = None) -> RetentionCheck:
    """Who has not been seen within the retention period and still has details to erase."""
    months = retention_months(store)
    cutoff = months_before(today or today_at_venue(), months)
    found = PersonalDataRepository(store.db).not_seen_since(cutoff)
    return RetentionCheck(months, cutoff, [NotSeen(*row) for row in found])


def apply_retention(
    store: Store,
    today: dt.date | None = None,
    *,
    who: str | None = None,
    now: Callable[[], dt.datetime] = now_utc,
    wipe: bool = True,
) -> RetentionCheck:
    """Erase the contact details and access needs of everyone not seen within the
    retention period, in one transaction, each recorded in the audit log; returns who."""
    from sessions.claiming import user_name

    check = check_retention(store, today)
    if not check.people:
        return check
    data = PersonalDataRepository(store.db)
    by = who or user_name(store)
    with store.db.atomic():
        data.clear_contact(person.person_id for person in check.people)
        for person in check.people:
            data.record(by, RETENTION_ACTION, f"person {person.person_id}", now())
    if wipe:
        data.wipe_free_space()
    return check
