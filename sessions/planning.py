"""Which sessions are today, coming up or past, and finding one by typing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sessions.models import SessionOverview


@dataclass(frozen=True)
class SessionSections:
    today: list[SessionOverview]
    coming: list[SessionOverview]
    past: list[SessionOverview]
    """Most recent first: last week's session matters more than last year's."""


def split_by_day(sessions: Iterable[SessionOverview], today: dt.date) -> SessionSections:
    ordered = sorted(sessions, key=lambda s: (s.date, s.start, s.id))
    return SessionSections(
        today=[s for s in ordered if s.date == today],
        coming=[s for s in ordered if s.date > today],
        past=[s for s in reversed(ordered) if s.date < today],
    )


def session_matches(session: SessionOverview, text: str) -> bool:
    """True when every word typed appears in the title, venue, kind or project."""
    haystack = " ".join(
        (session.title, session.venue, session.kind.label, session.project_name)
    ).casefold()
    return all(word in haystack for word in text.casefold().split())
