"""Command palette (ctrl+p) providers: find any session or person by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from facilitator.widgets.text import person_summary
from sessions.display import format_date, format_time

PEOPLE_HITS = 30


class SessionsProvider(Provider):
    """Every session, by title, date, venue and kind."""

    async def startup(self) -> None:
        self.sessions = self.app.store.sessions.overview()  # type: ignore[attr-defined]

    def _label(self, s) -> str:  # type: ignore[no-untyped-def]
        return (
            f"{s.title} ({s.kind.label}, {format_date(s.date)} {format_time(s.start)}, {s.venue})"
        )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for s in self.sessions:
            label = self._label(s)
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(self.app.open_session, s.id),  # type: ignore[attr-defined]
                    help="Open this session",
                )

    async def discover(self) -> Hits:
        for s in reversed(self.sessions[-10:]):
            yield DiscoveryHit(
                self._label(s),
                partial(self.app.open_session, s.id),  # type: ignore[attr-defined]
                help="Open this session",
            )


class PeopleProvider(Provider):
    """People in the bank, found by the same search as the people screen."""

    async def search(self, query: str) -> Hits:
        store = self.app.store  # type: ignore[attr-defined]
        matcher = self.matcher(query)
        for person in store.people.search(query, limit=PEOPLE_HITS):
            label = person_summary(person)
            yield Hit(
                max(matcher.match(label), 0.5),
                matcher.highlight(label),
                partial(self.app.open_person, person.id),  # type: ignore[attr-defined]
                help="Edit this person's details",
            )
