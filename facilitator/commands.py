"""Command palette (ctrl+p) providers: find any session or person by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from facilitator.widgets.text import person_summary
from sessions.display import format_date, format_time
from sessions.models import SessionOverview
from sessions.planning import split_by_day

if TYPE_CHECKING:
    from facilitator.app import FacilitatorApp

PEOPLE_HITS = 30
SUGGESTED_SESSIONS = 8


def session_label(s: SessionOverview) -> str:
    where = f", {s.venue}" if s.venue else ""
    return f"{s.title} ({s.kind.label}, {format_date(s.date)} {format_time(s.start)}{where})"


def highlighted(matcher: Matcher, label: str) -> Content:
    """The label as typed, with the letters that match the query picked out.

    `Matcher.highlight` reads the label as markup, which hides "[Notts]" and stops
    the palette at a "[/]" in a title; this styles the same letters of plain text."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    if not score:
        return content
    for offset in offsets:
        if offset < len(label) and not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class FacilitatorProvider(Provider):
    """A provider that reaches the app's store and navigation."""

    @property
    def facilitator(self) -> FacilitatorApp:
        return cast("FacilitatorApp", self.app)


class SessionsProvider(FacilitatorProvider):
    """Every session, by title, kind, date and venue."""

    async def startup(self) -> None:
        self.sessions = self.facilitator.store.sessions.overview()

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        wanted = query.casefold()
        for s in self.sessions:
            label = session_label(s)
            score = matcher.match(label)
            if score > 0:
                # Words typed straight from the title beat a scattered fuzzy match.
                if wanted in s.title.casefold():
                    score += 1
                yield Hit(
                    score,
                    highlighted(matcher, label),
                    partial(self.facilitator.open_session, s.id),
                    help="Open this session",
                )

    async def discover(self) -> Hits:
        """Today's and the next sessions first, then the most recent past ones."""
        sections = split_by_day(self.sessions, self.facilitator.today())
        for s in [*sections.today, *sections.coming, *sections.past][:SUGGESTED_SESSIONS]:
            yield DiscoveryHit(
                Content(session_label(s)),
                partial(self.facilitator.open_session, s.id),
                help="Open this session",
            )


class PeopleProvider(FacilitatorProvider):
    """People in the bank, found by the same search as the people screen."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for person in self.facilitator.store.people.search(query, limit=PEOPLE_HITS):
            label = person_summary(person)
            # A match on a field not in the label (email, phone) still counts, a little.
            yield Hit(
                matcher.match(label) or 0.1,
                highlighted(matcher, label),
                partial(self.facilitator.open_person, person.id),
                help="Edit this person's details",
            )
