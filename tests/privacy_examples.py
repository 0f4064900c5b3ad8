"""One person with a bit of everything held on them, for the privacy tests.

Siân Quorndon-Vasquez is in the people bank with every detail filled in and access
needs; comes with an interpreter; is kept apart from someone; came to a past session
and left early with a note to follow up; was in a breakout group; is quoted by name
and by her preferred name; owns an action and leads an agenda item; made a claim that
was approved and paid; and her full name is written in other people's notes, in a
follow-up note about someone else and in the contact details setting (JSON, where the
â is escaped). Her name and details are made up and appear nowhere else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sessions.claim_models import ExpenseKind
from sessions.claiming import USER_NAME, Claims, LineInput
from sessions.models import (
    Action,
    AgendaItem,
    AgendaKind,
    Attendance,
    AttendanceStatus,
    BreakoutGroup,
    BreakoutRound,
    CommunicationPreference,
    GroupMember,
    GroupSource,
    Need,
    Note,
    NoteKind,
    PairKind,
    PaymentPreference,
    Person,
    QuoteConsent,
    Relation,
    Role,
    Session,
    SessionKind,
)
from sessions.store import Store
from sessions.store.settings import CONTACT_DETAILS

LONDON = ZoneInfo("Europe/London")
NAME = "Siân Quorndon-Vasquez"
SURNAME = "Quorndon-Vasquez"
PREFERRED = "Sia"
EMAIL = "sian.qv@example.org"
PHONE = "07700 900468"
ADDRESS = "9 Quayside, Tilbury"
ORGANISATION = "Tilbury Carers Voice"
ACCESS_NEEDS = "Needs a BSL-QX interpreter and a quiet room to rest"
FOLLOW_UP = "Ring about the stairs at the library"
DAY = dt.date(2026, 10, 14)
STAFF = "Chloe Whitworth"

SECRETS = (NAME, SURNAME, EMAIL, PHONE, "07700900468", ADDRESS, ORGANISATION, ACCESS_NEEDS)
"""Nothing of these may be left in the data file once she is erased."""


@dataclass(frozen=True)
class Example:
    person_id: int
    interpreter_id: int
    other_id: int
    session_id: int
    claim_id: int
    quote_id: int
    preferred_quote_id: int
    mention_id: int
    action_id: int


def at(hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=LONDON)


def add_sian(store: Store) -> Example:
    """Add her, and everything about her, to `store`."""
    store.settings.set(USER_NAME, STAFF)
    store.settings.set(CONTACT_DETAILS, f"Ask for {NAME} or ring the team on 0115 496 0000.")
    sian = store.people.save(
        Person(
            name=NAME,
            role=Role.CARER,
            preferred_name=PREFERRED,
            pronouns="she/her",
            organisation=ORGANISATION,
            email=EMAIL,
            phone=PHONE,
            address=ADDRESS,
            contact_consent=True,
            access_needs=ACCESS_NEEDS,
            communication=CommunicationPreference.EMAIL,
            payment=PaymentPreference.BANK_TRANSFER,
            needs=frozenset({Need.STEP_FREE}),
        )
    )
    interpreter = store.people.save(Person(name="Kwame Mensah-Ode", role=Role.OTHER))
    other = store.people.save(Person(name="Dorothy Pilbeam", role=Role.LIVED_EXPERIENCE))
    assert sian.id and interpreter.id and other.id
    store.companions.link(sian.id, interpreter.id, Relation.INTERPRETER)
    store.pairs.set(sian.id, other.id, PairKind.APART)

    session = store.sessions.save(
        Session(
            title="Carers Implementation Group",
            kind=SessionKind.TASK_AND_FINISH,
            date=DAY,
            start=dt.time(10, 30),
            end=dt.time(12, 30),
            venue="Tilbury Library",
            co_chair_ids=[sian.id],
        )
    )
    assert session.id is not None
    sid = session.id
    store.agenda.replace_all(
        sid,
        [
            AgendaItem("Welcome", 15, AgendaKind.WELCOME, NAME),
            AgendaItem("Talking in groups", 40, AgendaKind.BREAKOUT),
        ],
    )
    for person_id in (sian.id, interpreter.id, other.id):
        store.attendance.record(sid, person_id, AttendanceStatus.BOOKED)
    store.attendance.record(
        sid, sian.id, AttendanceStatus.LEFT_EARLY, arrived_at=at(10, 25), left_at=at(11, 40)
    )
    store.attendance.record(sid, interpreter.id, AttendanceStatus.ARRIVED, arrived_at=at(10, 25))
    store.attendance.record(sid, other.id, AttendanceStatus.ARRIVED, arrived_at=at(10, 31))
    for person_id, note in ((sian.id, FOLLOW_UP), (other.id, f"Sat next to {NAME}; ask how")):
        record = store.attendance.get(sid, person_id)
        assert record is not None
        store.attendance.put(
            Attendance(**{**record.__dict__, "follow_up": True, "follow_up_note": note})
        )
    store.breakouts.create(
        BreakoutRound(
            session_id=sid,
            number=0,
            seed=3,
            source=GroupSource.ARRIVED,
            groups=[
                BreakoutGroup(
                    "Blue table",
                    place="By the window",
                    facilitator=NAME,
                    members=(GroupMember(sian.id), GroupMember(interpreter.id)),
                ),
                BreakoutGroup("Green table", members=(GroupMember(other.id),)),
            ],
        )
    )
    quote = store.notes.save(
        Note(
            sid,
            "The letters make me feel like a number.",
            NoteKind.QUOTE,
            consent=QuoteConsent.NAMED,
            speaker=NAME,
        )
    )
    preferred_quote = store.notes.save(
        Note(
            sid,
            "Nobody told us about the carers' break.",
            NoteKind.QUOTE,
            consent=QuoteConsent.ANONYMOUS,
            speaker=PREFERRED,
        )
    )
    mention = store.notes.save(
        Note(sid, f"{NAME} said the bus stop is too far from the door.", NoteKind.HEARD)
    )
    assert quote and preferred_quote and mention
    action = store.actions.save(
        Action(
            sid,
            "Ask the council to move the bus stop",
            owner=NAME,
            due=dt.date(2026, 12, 1),
            outcome=f"Letter sent; {NAME} to check it reads well.",
        )
    )
    claims = Claims(store, today=lambda: DAY + dt.timedelta(days=1), now=lambda: at(15, 0))
    claim = claims.start(sid, sian.id)
    assert claim.id is not None
    claims.save_line(
        claim.id,
        LineInput(
            ExpenseKind.PUBLIC_TRANSPORT,
            amount="7.40",
            description="Bus both ways",
            receipt_held=True,
            receipt_ref="Ticket 88",
        ),
    )
    claims.submit(claim.id)
    claims.approve(claim.id)
    claims.mark_paid(claim.id)
    assert action.id and quote.id and preferred_quote.id and mention.id
    return Example(
        person_id=sian.id,
        interpreter_id=interpreter.id,
        other_id=other.id,
        session_id=sid,
        claim_id=claim.id,
        quote_id=quote.id,
        preferred_quote_id=preferred_quote.id,
        mention_id=mention.id,
        action_id=action.id,
    )
