"""Example data for deciding together: one past community decision event where the
people who came shared out a £10,000 community chest between five local proposals of
up to £5,000 each, by dot-voting, and froze the result.

It is added after every other piece of example data, with its own random numbers, so
the other example sessions read exactly as they did before it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from sessions.clock import at_venue
from sessions.decide_models import Ballot, DecisionRules, Option, VoteMethod
from sessions.demo_live import _match_attendance, _run_the_clock
from sessions.models import (
    AgendaItem,
    AgendaKind,
    AttendanceStatus,
    Note,
    NoteKind,
    Person,
    Role,
    Session,
    SessionKind,
)
from sessions.store import Store

TITLE = "Community chest: have your say"
DAYS_FROM_TODAY = -30
BUDGET_PENCE = 1_000_000
PROPOSALS = (
    (
        "Raised beds for the community garden",
        "Friends of Titchfield Park",
        "Beds at wheelchair height so everyone can grow something.",
        450_000,
    ),
    (
        "Tools for the men's shed",
        "Worksop Men's Shed",
        "A lathe and safe hand tools for the Tuesday and Thursday sessions.",
        320_000,
    ),
    (
        "Carers' respite afternoons",
        "Mansfield Carers Group",
        "Twelve afternoons with sitters, so carers can have a few hours off.",
        500_000,
    ),
    (
        "Warm space teas",
        "St Mary's church hall",
        "Tea, soup and company on winter Wednesdays.",
        180_000,
    ),
    (
        "Easy read signs for the library",
        "Learning Disability Partnership Board",
        "Signs with pictures and plain words at the entrance and lifts.",
        90_000,
    ),
)
"""Title, who proposed it, what it is and what it costs."""

BALLOTS = (
    (0, 0, 1),
    (0, 1, 2),
    (2, 2, 0),
    (1, 1, 3),
    (0, 0, 4),
    (1, 2, 3),
    (0, 1, 2),
    (0, 3, 3),
    (1, 2, 4),
    (0, 1, 0),
)
"""The ballots handed in, in turn, as positions in PROPOSALS (three dots each, stacked
as people liked; every ten give the proposals 10, 8, 6, 4 and 2 dots). The garden
comes first and the shed second; the respite afternoons (£5,000) then no longer fit
in the £2,300 left and are passed over, the warm space teas are funded, and £500 is
left unspent."""

AGENDA = (
    AgendaItem("Welcome and how the vote works", 15, AgendaKind.WELCOME, lead="Co-chairs"),
    AgendaItem("The five proposals, two minutes each", 25, AgendaKind.DISCUSSION),
    AgendaItem("Questions to the groups", 20, AgendaKind.DISCUSSION),
    AgendaItem("Tea break", 10, AgendaKind.BREAK),
    AgendaItem("Dot-voting", 20, AgendaKind.DISCUSSION, notes="Three dots each."),
    AgendaItem("The result and what happens next", 15, AgendaKind.CLOSE),
)

NOTES = (
    "People liked hearing from the groups themselves before voting.",
    "Groups not funded this time asked to hear about the next round early.",
)


def add_decision_event(
    store: Store,
    today: dt.date,
    by_role: dict[Role, list[Person]],
    book: Callable[..., None],
    *,
    seed: int,
) -> Session:
    """The community chest event, 30 days ago: booked and run like the other past
    sessions (`book` is the example data's way of booking a mixed group), with the
    vote recorded person by person and frozen as the event closed."""
    rng = random.Random(seed * 31 + 7)
    chairs = [rng.choice(by_role[Role.STAFF]), rng.choice(by_role[Role.LIVED_EXPERIENCE])]
    venue, address = "Worksop Library", "Memorial Avenue, Worksop"
    day = today + dt.timedelta(days=DAYS_FROM_TODAY)
    session = store.sessions.save(
        Session(
            title=TITLE,
            kind=SessionKind.OTHER,
            date=day,
            start=dt.time(18, 0),
            end=dt.time(19, 45),
            venue=venue,
            address=address,
            purpose=(
                "Residents vote on local proposals of up to £5,000 each for the £10,000 "
                "community chest."
            ),
            co_chair_ids=[chair.id for chair in chairs if chair.id is not None],
        )
    )
    assert session.id is not None
    store.agenda.replace_all(session.id, list(AGENDA))
    book(store, rng, session, by_role, chairs, past=True)
    _book_companions(store, session)
    _run_the_clock(store, rng, session)
    items = store.agenda.items(session.id)
    for text, item in zip(NOTES, (items[2], items[-1]), strict=True):
        store.notes.save(Note(session.id, text, NoteKind.HEARD, agenda_item_id=item.id))
    _vote(store, session)
    return session


def _book_companions(store: Store, session: Session) -> None:
    """Everyone linked to a companion comes with them, as at the other sessions."""
    assert session.id is not None
    everyone = [p.id for p in store.people.all() if p.id is not None]
    for link in store.companions.among(everyone):
        for someone in (link.person_id, link.companion_id):
            if store.attendance.get(session.id, someone) is None:
                store.attendance.record(session.id, someone, AttendanceStatus.BOOKED)
        _match_attendance(store, session.id, link.person_id, link.companion_id)


def _vote(store: Store, session: Session) -> None:
    assert session.id is not None
    decisions = store.decisions
    decisions.save_rules(
        session.id,
        DecisionRules(
            method=VoteMethod.BUDGET, dots_per_person=3, may_stack=True, budget_pence=BUDGET_PENCE
        ),
    )
    ids = []
    for title, by, what, cost in PROPOSALS:
        saved = decisions.save_option(
            session.id, Option(title, proposed_by=by, description=what, cost_pence=cost)
        )
        assert saved.id is not None
        ids.append(saved.id)
    voters = [p.id for p in decisions.arrived(session.id, limit=1000) if p.id is not None]
    for number, person_id in enumerate(voters):
        choices = tuple(ids[position] for position in BALLOTS[number % len(BALLOTS)])
        decisions.save_ballot(session.id, Ballot(person_id, choices))
    decisions.freeze(session.id, at_venue(session.date, session.end) - dt.timedelta(minutes=10))
