"""A session of a project to write "You said, we will" summaries of.

The Carers Implementation Group's second meeting: six people on it in every state
(two did not come), each with access needs and one with a private follow-up note
that must never be printed; three agenda items, one split into two breakout groups;
notes of every kind, quotes with each kind of consent; two actions agreed. The
project's first meeting agreed three actions (one done, with what was done), a later
meeting is planned, and another project's earlier session has an action that must
not appear.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sessions.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    BreakoutGroup,
    BreakoutRound,
    GroupMember,
    Note,
    NoteKind,
    Person,
    QuoteConsent,
    Role,
    Session,
    SessionKind,
)
from sessions.store import Store
from sessions.store.settings import CONTACT_DETAILS, SIGNUP_TARGET, SUMMARY_NAMES

ORGANISATION = "Notts Co-production Team"
PROJECT = "Carers Implementation Group"
TITLE = "CIG: second meeting"
DAY = dt.date(2026, 11, 5)
ACCESS_NEEDS = "ACCESS-NEEDS: uses a wheelchair and a hearing loop"
FOLLOW_UP = "FOLLOW-UP: ring about the bus fare worries"
PRIVATE_QUOTE = "My neighbour is very ill and nobody knows"
ANONYMOUS_QUOTE = "I felt listened to today."
ANONYMOUS_SPEAKER = "Bob Anonymous-Speaker"
NAMED_QUOTE = "Nobody asked me before."
NAMED_SPEAKER = "Amira Khan"
OTHER_PROJECT_ACTION = "Repaint the day centre"
DROPPED_ACTION = "Print ten thousand copies"
"""Agreed at the session, then dropped: no longer something we will do."""
URL_TEMPLATE = "https://forms.example.gov.uk/coproduction?group={code}"
ADDRESS = "https://forms.example.gov.uk/coproduction?group=CIG-20261210"
"""Where the QR code points: signing up for the project's next meeting."""
CONTACT = "Notts Co-production Team\nEmail: coproduction@example.gov.uk\nPhone: 0115 000 0000"

CAME = ("Amira Khan", "Bob Hughes", "Cath Jones", "Fi")
"""The names summaries use for those who came (Fay is called Fi)."""
DID_NOT_COME = ("Dev Patel", "Ed Brown")


@dataclass
class Example:
    session: Session
    earlier: Session
    later: Session
    people: dict[str, Person] = field(default_factory=dict)
    items: dict[str, AgendaItem] = field(default_factory=dict)


def make_summary_session(store: Store) -> Example:
    earlier = store.sessions.save(
        Session(
            title="CIG: first meeting",
            kind=SessionKind.TASK_AND_FINISH,
            date=dt.date(2026, 10, 1),
            start=dt.time(10),
            end=dt.time(12),
            venue="Mansfield Library",
            project_name=PROJECT,
        )
    )
    session = store.sessions.save(
        Session(
            title=TITLE,
            kind=SessionKind.TASK_AND_FINISH,
            date=DAY,
            start=dt.time(10, 30),
            end=dt.time(13),
            venue="Mansfield Library",
            address="Four Seasons Centre, Mansfield",
            project_name=PROJECT,
            purpose="Plan the carers' leaflet. Decide who reads it first.",
        )
    )
    later = store.sessions.save(
        Session(
            title="CIG: third meeting",
            kind=SessionKind.TASK_AND_FINISH,
            date=dt.date(2026, 12, 10),
            start=dt.time(14),
            end=dt.time(16),
            venue="Sutton Community Hub",
            project_name=PROJECT,
        )
    )
    other = store.sessions.save(
        Session(
            title="Day services review",
            kind=SessionKind.PROJECT_MEETING,
            date=dt.date(2026, 9, 1),
            start=dt.time(10),
            end=dt.time(11),
            project_name="Day services",
        )
    )
    assert session.id and earlier.id and later.id and other.id
    example = Example(session=session, earlier=earlier, later=later)

    for name, role, preferred in (
        ("Amira Khan", Role.LIVED_EXPERIENCE, ""),
        ("Bob Hughes", Role.CARER, ""),
        ("Cath Jones", Role.STAFF, ""),
        ("Dev Patel", Role.CARER, ""),
        ("Ed Brown", Role.COMMISSIONER, ""),
        ("Fay Smith", Role.LIVED_EXPERIENCE, "Fi"),
    ):
        example.people[name] = store.people.save(
            Person(name=name, role=role, preferred_name=preferred, access_needs=ACCESS_NEEDS)
        )
    statuses = {
        "Amira Khan": AttendanceStatus.ARRIVED,
        "Bob Hughes": AttendanceStatus.LEFT_EARLY,
        "Cath Jones": AttendanceStatus.ARRIVED,
        "Dev Patel": AttendanceStatus.APOLOGIES,
        "Ed Brown": AttendanceStatus.DID_NOT_COME,
        "Fay Smith": AttendanceStatus.ARRIVED,
    }
    for name, status in statuses.items():
        person_id = example.people[name].id or 0
        store.attendance.record(session.id, person_id, status)
    bob = store.attendance.get(session.id, example.people["Bob Hughes"].id or 0)
    assert bob is not None
    store.attendance.put(
        Attendance(
            session_id=bob.session_id,
            person_id=bob.person_id,
            status=bob.status,
            booked_at=bob.booked_at,
            follow_up=True,
            follow_up_note=FOLLOW_UP,
        )
    )

    for title in ("Welcome", "Talking in groups", "What next"):
        example.items[title] = store.agenda.add(session.id, AgendaItem(title=title, minutes=20))
    groups = store.breakouts.create(
        BreakoutRound(
            session_id=session.id,
            number=1,
            seed=1,
            agenda_item_id=example.items["Talking in groups"].id,
            groups=[
                BreakoutGroup(
                    name="Red table",
                    members=(GroupMember(example.people["Amira Khan"].id or 0),),
                ),
                BreakoutGroup(
                    name="Blue table",
                    members=(GroupMember(example.people["Bob Hughes"].id or 0),),
                ),
            ],
        )
    ).groups
    red, blue = (group.id for group in groups)

    def note(item: str | None, kind: NoteKind, text: str, **more: object) -> None:
        store.notes.save(
            Note(
                session_id=session.id or 0,
                agenda_item_id=example.items[item].id if item else None,
                kind=kind,
                text=text,
                **more,  # type: ignore[arg-type]
            )
        )

    note("Welcome", NoteKind.HEARD, "People want the leaflet in large print. It should be short.")
    note(
        "Welcome",
        NoteKind.QUOTE,
        NAMED_QUOTE,
        consent=QuoteConsent.NAMED,
        speaker=NAMED_SPEAKER,
    )
    note("Talking in groups", NoteKind.QUESTION, "Who pays for the printing?")
    note("Talking in groups", NoteKind.IDEA, "Ask the library to stock it.", breakout_group_id=red)
    note(
        "Talking in groups",
        NoteKind.QUOTE,
        ANONYMOUS_QUOTE,
        consent=QuoteConsent.ANONYMOUS,
        speaker=ANONYMOUS_SPEAKER,
        breakout_group_id=blue,
    )
    note(
        "Talking in groups",
        NoteKind.QUOTE,
        PRIVATE_QUOTE,
        consent=QuoteConsent.NOT_FOR_PUBLICATION,
        speaker="Cath Jones",
        breakout_group_id=blue,
    )
    note(None, NoteKind.HEARD, "The room was too warm.")

    store.actions.save(
        Action(
            session_id=session.id,
            what="Draft the leaflet",
            owner="Cath Jones",
            due=dt.date(2026, 11, 20),
        )
    )
    store.actions.save(Action(session_id=session.id, what="Book the library room"))
    store.actions.save(
        Action(session_id=session.id, what=DROPPED_ACTION, status=ActionStatus.DROPPED)
    )
    store.actions.save(
        Action(
            session_id=earlier.id,
            what="Find out who prints leaflets",
            owner="Cath Jones",
            status=ActionStatus.DONE,
            outcome="The council print room will do it for free.",
        )
    )
    store.actions.save(
        Action(
            session_id=earlier.id,
            what="Ask carers what to call it",
            status=ActionStatus.IN_PROGRESS,
        )
    )
    store.actions.save(Action(session_id=earlier.id, what="Find a second venue"))
    store.actions.save(Action(session_id=later.id, what="Launch the leaflet"))
    store.actions.save(Action(session_id=other.id, what=OTHER_PROJECT_ACTION))
    return example


def set_signup(store: Store) -> None:
    store.settings.set(SIGNUP_TARGET, {"kind": "url", "url": URL_TEMPLATE})


def set_contact(store: Store) -> None:
    store.settings.set(CONTACT_DETAILS, CONTACT)


def name_people(store: Store, on: bool = True) -> None:
    store.settings.set(SUMMARY_NAMES, on)
