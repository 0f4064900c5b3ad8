"""Plain-text lists of sessions and people, for scripts and screen readers.

One line per thing, words a screen reader can speak, and no box drawing. The
`--tab-separated` form is for scripts: a header line, then one row per line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from sessions.display import format_date, format_time, plural
from sessions.models import Person, SessionOverview
from sessions.money import pounds, pounds_plain
from sessions.planning import SessionSections

if TYPE_CHECKING:
    from sessions.claiming import Listing
    from sessions.store.claims import ClaimRow

SESSION_COLUMNS = (
    "number",
    "date",
    "start",
    "end",
    "kind",
    "title",
    "venue",
    "project",
    "booked",
    "attended",
)
CLAIM_COLUMNS = (
    "claim",
    "date",
    "person",
    "session",
    "status",
    "expenses",
    "involvement payment",
    "total",
)
PERSON_COLUMNS = (
    "number",
    "name",
    "preferred name",
    "pronouns",
    "role",
    "organisation",
    "email",
    "phone",
)


def _clean(text: str) -> str:
    """One line, no tabs: a value that cannot break the layout."""
    return " ".join(text.split())


def session_line(session: SessionOverview) -> str:
    where = f" at {_clean(session.venue)}" if session.venue.strip() else ""
    counts = f"{session.booked} booked, {session.attended} attended"
    return (
        f"{session.id}. {format_date(session.date)}, {format_time(session.start)} to "
        f"{format_time(session.end)}: {_clean(session.title)} "
        f"({session.kind.label}){where}. {counts}."
    )


def session_lines(sections: SessionSections) -> Iterator[str]:
    for heading, sessions, empty in (
        ("Today", sections.today, "No sessions today."),
        ("Coming up", sections.coming, "No sessions coming up."),
        ("Past", sections.past, "No past sessions."),
    ):
        yield f"{heading} ({plural(len(sessions), 'session')})"
        if not sessions:
            yield f"  {empty}"
        for session in sessions:
            yield f"  {session_line(session)}"


def session_rows(sessions: Iterable[SessionOverview]) -> Iterator[str]:
    yield "\t".join(SESSION_COLUMNS)
    for s in sessions:
        yield "\t".join(
            _clean(str(value))
            for value in (
                s.id,
                s.date.isoformat(),
                format_time(s.start),
                format_time(s.end),
                s.kind.label,
                s.title,
                s.venue,
                s.project_name,
                s.booked,
                s.attended,
            )
        )


def person_line(person: Person) -> str:
    parts = [f"{person.id}. {_clean(person.display_name)}"]
    if person.pronouns:
        parts[0] += f" ({_clean(person.pronouns)})"
    role = person.role.label
    if person.organisation:
        role += f", {_clean(person.organisation)}"
    parts.append(role)
    parts += [_clean(value) for value in (person.email, person.phone) if value]
    return ". ".join(parts) + "."


def people_lines(people: Iterable[Person], total: int, search: str = "") -> Iterator[str]:
    shown = 0
    for person in people:
        shown += 1
        yield person_line(person)
    if shown:
        yield f"{plural(shown, 'person', 'people')} listed."
    elif total:
        yield f"Nobody matches “{_clean(search)}”."
    else:
        yield "The people bank is empty."


def people_rows(people: Iterable[Person]) -> Iterator[str]:
    yield "\t".join(PERSON_COLUMNS)
    for p in people:
        yield "\t".join(
            _clean(str(value))
            for value in (
                p.id,
                p.name,
                p.preferred_name,
                p.pronouns,
                p.role.label,
                p.organisation,
                p.email,
                p.phone,
            )
        )


def claim_status_words(row: ClaimRow) -> str:
    """'Paid at the venue (cash)', 'Approved, reverses C0001', 'Rejected, not counted'."""
    from sessions.claim_models import claim_number

    claim = row.claim
    words = claim.status.label
    if claim.venue_payment is not None:
        words = f"Paid at the venue ({claim.venue_payment.label.lower()})"
    if claim.corrects_id is not None:
        words += f", reverses {claim_number(claim.corrects_id)}"
    if claim.reversed_by_id is not None:
        words += f", reversed by {claim_number(claim.reversed_by_id)}"
    if not claim.status.counts:
        words += ", not counted"
    return words


def claim_line(row: ClaimRow) -> str:
    claim = row.claim
    return (
        f"{claim.number}. {format_date(row.session_date)}. {_clean(row.person_name)}. "
        f"{_clean(row.session_title)}. {claim_status_words(row)}. "
        f"Expenses {pounds(row.expenses_pence)}, "
        f"involvement payment {pounds(claim.involvement_pence)}."
    )


def claim_lines(listing: Listing) -> Iterator[str]:
    """One line per claim, then the totals, expenses and payments for time apart."""
    for row in listing.rows:
        yield claim_line(row)
    if not listing.rows:
        yield "No claims match."
        return
    totals = listing.totals
    yield f"{plural(len(listing.rows), 'claim')} listed."
    yield (
        f"Totals, not counting rejected or cancelled claims: expenses {pounds(totals.expenses)}, "
        f"involvement payments {pounds(totals.involvement)}, together {pounds(totals.total)}."
    )


def claim_rows(rows: Iterable[ClaimRow]) -> Iterator[str]:
    yield "\t".join(CLAIM_COLUMNS)
    for row in rows:
        claim = row.claim
        yield "\t".join(
            _clean(str(value))
            for value in (
                claim.number,
                row.session_date.isoformat(),
                row.person_name,
                row.session_title,
                claim.status.value,
                pounds_plain(row.expenses_pence),
                pounds_plain(claim.involvement_pence),
                pounds_plain(row.expenses_pence + claim.involvement_pence),
            )
        )
