"""A session to print registers, run sheets, agendas and group lists for.

Five people booked and one walk-in, each in a different state, every one of them
with access needs and a private follow-up note that must never be printed; an
agenda with two leads, one item with no lead and facilitator notes; a breakout
round of two groups.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sessions.models import (
    AgendaItem,
    AgendaKind,
    Attendance,
    AttendanceStatus,
    BreakoutGroup,
    BreakoutRound,
    GroupMember,
    GroupSource,
    Person,
    Role,
    Session,
    SessionKind,
)
from sessions.store import Store

LONDON = ZoneInfo("Europe/London")
DAY = dt.date(2026, 12, 3)
ORGANISATION = "Notts Co-production Team"
ACCESS_NEEDS = "Uses a wheelchair; needs a hearing loop"
FOLLOW_UP = "Ring about the bus fare worries"
NOTES = {
    "Welcome": "Point out the fire exits and the quiet room.",
    "Talking in groups": "Two questions on the cards. Watch the time.",
}
BEFORE = dt.datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)
"""Ten days before the session."""
DURING = dt.datetime(2026, 12, 3, 11, 0, tzinfo=LONDON)
AFTER = dt.datetime(2026, 12, 3, 16, 0, tzinfo=LONDON)
"""The afternoon after the session (it ends at 12:30)."""


@dataclass(frozen=True)
class Example:
    session: Session
    people: dict[str, Person]


def at(hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=LONDON)


def make_session(store: Store) -> Example:
    session = store.sessions.save(
        Session(
            title="Carers Implementation Group",
            kind=SessionKind.TASK_AND_FINISH,
            date=DAY,
            start=dt.time(10, 30),
            end=dt.time(12, 30),
            venue="Newark Carers' Centre",
            address="14 Kings Road, Newark",
            purpose="Plan what carers want from the new respite service.",
        )
    )
    assert session.id is not None
    sid = session.id
    people = {
        key: store.people.save(
            Person(name=name, role=role, preferred_name=preferred, access_needs=ACCESS_NEEDS)
        )
        for key, name, role, preferred in (
            ("arrived", "Zoë Brennan", Role.CARER, ""),
            ("apologies", "Aled Osei", Role.LIVED_EXPERIENCE, ""),
            ("left", "=Robin Hood", Role.STAFF, ""),
            ("booked", "Margaret Thornton", Role.LIVED_EXPERIENCE, "Peggy"),
            ("missed", "Dev Gallagher", Role.COMMISSIONER, ""),
            ("walk_in", "Jamal Hall", Role.OTHER, ""),
        )
    }
    ids = {key: person.id or 0 for key, person in people.items()}
    for key in ("arrived", "apologies", "left", "booked", "missed"):
        store.attendance.record(sid, ids[key], AttendanceStatus.BOOKED)
    store.attendance.record(sid, ids["arrived"], AttendanceStatus.ARRIVED, arrived_at=at(10, 24))
    store.attendance.record(sid, ids["apologies"], AttendanceStatus.APOLOGIES)
    store.attendance.record(sid, ids["missed"], AttendanceStatus.DID_NOT_COME)
    store.attendance.record(
        sid, ids["left"], AttendanceStatus.LEFT_EARLY, arrived_at=at(10, 31), left_at=at(11, 45)
    )
    store.attendance.record(
        sid, ids["walk_in"], AttendanceStatus.ARRIVED, booked=False, arrived_at=at(10, 52)
    )
    for key in ("arrived", "left"):
        record = store.attendance.get(sid, ids[key])
        assert record is not None
        store.attendance.put(
            Attendance(**{**record.__dict__, "follow_up": True, "follow_up_note": FOLLOW_UP})
        )

    store.agenda.replace_all(
        sid,
        [
            AgendaItem("Welcome", 15, AgendaKind.WELCOME, "Co-chairs", NOTES["Welcome"]),
            AgendaItem("Where we got to", 20, AgendaKind.DISCUSSION, "Staff co-chair"),
            AgendaItem(
                "Talking in groups",
                40,
                AgendaKind.BREAKOUT,
                " co-chairs ",
                NOTES["Talking in groups"],
            ),
            AgendaItem("Break", 10, AgendaKind.BREAK),
            AgendaItem("What happens next", 15, AgendaKind.CLOSE, "Co-chairs"),
        ],
    )
    items = store.agenda.items(sid)
    store.breakouts.create(
        BreakoutRound(
            session_id=sid,
            number=0,
            seed=7,
            source=GroupSource.ARRIVED,
            agenda_item_id=items[2].id,
            groups=[
                BreakoutGroup(
                    "Blue table",
                    place="By the window",
                    facilitator="Sam Turner",
                    members=(GroupMember(ids["arrived"]), GroupMember(ids["left"])),
                ),
                BreakoutGroup("Green table", members=()),
            ],
        )
    )
    return Example(store.sessions.get(sid), people)
