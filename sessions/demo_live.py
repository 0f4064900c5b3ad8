"""Example data for what happens at a session: companions, follow-ups, notes, actions.

Kept apart from `sessions.demo` (people and sessions) so each reads in one go.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import replace

from sessions.clock import at_venue
from sessions.models import (
    Action,
    ActionStatus,
    AttendanceStatus,
    Note,
    NoteKind,
    Person,
    QuoteConsent,
    Relation,
    Role,
    Session,
)
from sessions.run_clock import RunClock
from sessions.store import Store

# What was said at each past example session, per agenda position. Each entry is
# (kind, text); quotes carry the speaker's consent.
HEARD = (
    (NoteKind.HEARD, "Nobody explained what the assessment was for until halfway through."),
    (NoteKind.HEARD, "Carers felt they had to fight to be heard as experts on the person."),
    (NoteKind.HEARD, "Letters arrive with no name or number to call."),
    (NoteKind.IDEA, "Send a one-page 'what to expect' sheet before the first visit."),
    (NoteKind.IDEA, "Let people choose where the assessment happens."),
    (NoteKind.QUESTION, "Why does the review take so long after the assessment?"),
    (NoteKind.QUESTION, "Who do I call if the care plan is wrong?"),
    (NoteKind.HEARD, "Homecare visits are often cut short; people feel rushed."),
    (NoteKind.HEARD, "Having the same care worker makes all the difference."),
    (NoteKind.IDEA, "A named contact at the agency for every person."),
)
QUOTES = (
    (
        "I felt like a number on a list, not a person.",
        QuoteConsent.NAMED,
    ),
    (
        "When the same carer comes, I can just be myself.",
        QuoteConsent.ANONYMOUS,
    ),
    (
        "I nearly gave up on the whole thing after that letter.",
        QuoteConsent.NOT_FOR_PUBLICATION,
    ),
)
ACTIONS = (
    (
        "Write a one-page 'what to expect' sheet with the group",
        "Assessment team manager",
        ActionStatus.DONE,
        "The sheet was written with four group members and is sent before every "
        "assessment since October.",
        -20,
    ),
    (
        "Offer assessments at a place of the person's choosing",
        "Principal social worker",
        ActionStatus.DROPPED,
        "Not possible this year because of staffing; the group will be told why at "
        "the next steering group.",
        -10,
    ),
    (
        "Ask homecare providers to report cut-short visits each month",
        "Commissioning lead",
        ActionStatus.OPEN,
        "",
        -3,
    ),
    (
        "Trial a named contact at the agency for every person",
        "Homecare contracts officer",
        ActionStatus.IN_PROGRESS,
        "Two agencies have started; the others begin in January.",
        30,
    ),
    (
        "Put a named contact and phone number on every letter",
        "Head of customer services",
        ActionStatus.IN_PROGRESS,
        "",
        21,
    ),
    (
        "Bring the rewritten letter back to the group before it is sent",
        "Finance policy officer",
        ActionStatus.OPEN,
        "",
        14,
    ),
)
"""(what, owner, status, what we did, due in days from today): two per past session."""
CLOSED_AFTER = {ActionStatus.DONE: 18, ActionStatus.DROPPED: 30}
"""Days after its session that an example action was done or dropped."""


def add_live_history(
    store: Store,
    rng: random.Random,
    sessions: Sequence[Session],
    today: dt.date,
    by_role: dict[Role, list[Person]],
) -> None:
    """Companions, a follow-up, notes and actions for the example sessions."""
    past = [session for session in sessions if session.date < today]
    _link_companions(store, sessions, by_role)
    for number, session in enumerate(past):
        _run_the_clock(store, rng, session)
        _flag_a_follow_up(store, session)
        heard = _take_notes(store, rng, session)
        _agree_actions(store, session, heard, today, offset=number)


def _link_companions(
    store: Store, sessions: Sequence[Session], by_role: dict[Role, list[Person]]
) -> None:
    """A person with their carer, and one with an interpreter, booked together."""
    signer = by_role[Role.LIVED_EXPERIENCE][1]
    assert signer.id is not None
    signer = store.people.save(
        replace(signer, access_needs="British Sign Language interpreter needed.")
    )
    interpreter = store.people.save(
        Person(
            name="Bronwen Pryce",
            role=Role.OTHER,
            organisation="BSL interpreter (freelance)",
            phone="07700 900999",
        )
    )
    pairs = (
        (by_role[Role.LIVED_EXPERIENCE][0], by_role[Role.CARER][0], Relation.CARER),
        (signer, interpreter, Relation.INTERPRETER),
    )
    for person, companion, relation in pairs:
        assert person.id is not None and companion.id is not None
        store.companions.link(person.id, companion.id, relation)
        for session in sessions:
            assert session.id is not None
            for someone in (person, companion):
                assert someone.id is not None
                if store.attendance.get(session.id, someone.id) is None:
                    store.attendance.record(session.id, someone.id, AttendanceStatus.BOOKED)
            _match_attendance(store, session.id, person.id, companion.id)


def _match_attendance(store: Store, session_id: int, person_id: int, companion_id: int) -> None:
    """A companion comes and goes with the person they support."""
    record = store.attendance.get(session_id, person_id)
    companion = store.attendance.get(session_id, companion_id)
    if record is None or companion is None:
        return
    store.attendance.put(
        replace(
            companion,
            status=record.status,
            arrived_at=record.arrived_at,
            left_at=record.left_at,
        )
    )


def _run_the_clock(store: Store, rng: random.Random, session: Session) -> None:
    """Press the clock keys as a facilitator did on the day: a few minutes late to
    start, some items running over and some under."""
    assert session.id is not None
    moment = at_venue(session.date, session.start) + dt.timedelta(minutes=rng.randint(0, 8))
    clock = RunClock(store, session.id, lambda: moment)
    clock.start()
    items = store.agenda.items(session.id)
    for number, item in enumerate(items):
        moment += dt.timedelta(minutes=max(1, item.minutes + rng.randint(-3, 6)))
        if number < len(items) - 1:
            clock.next()
        else:
            clock.finish()


def _flag_a_follow_up(store: Store, session: Session) -> None:
    assert session.id is not None
    for record in store.attendance.for_session(session.id):
        if record.status is AttendanceStatus.LEFT_EARLY:
            store.attendance.put(
                replace(
                    record,
                    follow_up=True,
                    follow_up_note="Seemed upset after the talk about letters; ring on Monday.",
                )
            )
            return


def _take_notes(store: Store, rng: random.Random, session: Session) -> list[Note]:
    """Notes of every kind against the session's discussion items."""
    assert session.id is not None
    items = store.agenda.items(session.id)
    talking = [item for item in items if item.kind.value in ("discussion", "breakout", "feedback")]
    talking = talking or items
    heard: list[Note] = []
    for kind, text in rng.sample(HEARD, 6):
        item = rng.choice(talking)
        saved = store.notes.save(Note(session.id, text, kind, agenda_item_id=item.id))
        if saved is not None and saved.kind is NoteKind.HEARD:
            heard.append(saved)
    for text, consent in QUOTES:
        store.notes.save(
            Note(
                session.id,
                text,
                NoteKind.QUOTE,
                agenda_item_id=rng.choice(talking).id,
                consent=consent,
                speaker="Maureen" if consent is QuoteConsent.NAMED else "",
            )
        )
    return heard


def _agree_actions(
    store: Store, session: Session, heard: list[Note], today: dt.date, *, offset: int
) -> None:
    """Two actions per past session, each answering a heard note; all statuses appear
    across the three, and one is overdue."""
    assert session.id is not None
    for number, (what, owner, status, outcome, due_in) in enumerate(
        ACTIONS[2 * offset : 2 * offset + 2]
    ):
        answers = tuple(note.id for note in heard[number : number + 1] if note.id is not None)
        closed_on = None
        if status in CLOSED_AFTER:
            closed_on = min(
                session.date + dt.timedelta(days=CLOSED_AFTER[status]),
                today - dt.timedelta(days=1),
            )
        store.actions.save(
            Action(
                session.id,
                what,
                owner=owner,
                due=today + dt.timedelta(days=due_in),
                status=status,
                outcome=outcome,
                note_ids=answers,
                closed_on=closed_on,
            )
        )
