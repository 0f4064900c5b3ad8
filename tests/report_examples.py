"""A small, hand-made year of co-production for the progress report's tests (Word,
command line and the Reports screen), with its answers worked out by hand.

Today is 23 November 2026, so the screen's range is 1 May to 31 October 2026.

    people  Amira, Ben, Eileen: lived experience; Carol: carer; Dev: staff
    3 Mar   Listening Space, Carers Voice 10:00-12:00       Ben              (before May)
    12 May  Listening Space, Carers Voice 10:00-12:00       Amira, Ben, Dev; Carol sent apologies
    9 Jun   Over a Brew, no project 13:00-15:00             Amira, Carol, Eileen
    14 Jul  Project meeting, Carers Voice 10:00-11:30       Amira, Eileen
    22 Sep  Project meeting, Transport 10:00-12:00          Ben, Carol, Dev
    8 Dec   Project meeting, Carers Voice 10:00-12:00       Amira booked     (to come)

From 1 May to 31 October: 4 sessions (1 Listening Space, 1 Over a Brew, 2 project
meetings), 7 h 30 min of sessions; 11 times taking part, 5 people (3 lived
experience, 1 carer, 1 staff), 4 of them for the first time (Ben came in March).
From 1 September: 1 session (Transport), 3 people, none for the first time.

Actions: 12 May "Write to the bus company" done 1 Jun; 12 May "Check the loop works"
due 1 Jul, still open (overdue); 9 Jun "Ask about parking" dropped 20 Jun.
Claims paid: Amira for 12 May, £30.00 for time and £10.43 expenses, paid 20 May;
Carol for 9 Jun, £30.00 and £2.50, paid 15 Jul. Waiting: Eileen for 14 Jul, £22.50
and £4.00, submitted.
Ladder: Carers Voice consultation (12 Jan 2026), then co-design (1 Jun 2026);
Transport to Appointments informing (1 Sep 2026).
"""

from __future__ import annotations

import datetime as dt

from sessions.claim_models import AuditEntry, Claim, ClaimLine, ClaimStatus, ExpenseKind
from sessions.models import Action, ActionStatus, AttendanceStatus, Person, Role, Session
from sessions.models import SessionKind as Kind
from sessions.project_models import Rung
from sessions.store import Store

TODAY = dt.date(2026, 11, 23)
CARERS = "Carers Voice"
TRANSPORT = "Transport to Appointments"
ORGANISATION = "Nottinghamshire Adult Social Care"


def _utc(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def fill_report_examples(store: Store) -> dict[str, int]:
    """The data above; returns people's, sessions' and projects' numbers by name."""
    ids: dict[str, int] = {}
    for name, role in (
        ("Amira Khan", Role.LIVED_EXPERIENCE),
        ("Ben Price", Role.LIVED_EXPERIENCE),
        ("Carol Hughes", Role.CARER),
        ("Dev Patel", Role.STAFF),
        ("Eileen Walsh", Role.LIVED_EXPERIENCE),
    ):
        ids[name.split()[0]] = store.people.save(Person(name=name, role=role)).id or 0

    def session(key: str, day: dt.date, kind: Kind, times: tuple[int, int, int], project: str):
        start, end_hour, end_minute = times
        saved = store.sessions.save(
            Session(
                key,
                kind,
                day,
                dt.time(start),
                dt.time(end_hour, end_minute),
                venue="Mansfield Library",
                project_name=project,
            )
        )
        ids[key] = saved.id or 0

    def came(key: str, *who: str, status: AttendanceStatus = AttendanceStatus.ARRIVED) -> None:
        for person in who:
            store.attendance.record(ids[key], ids[person], status)

    session(
        "Carers' voice in March", dt.date(2026, 3, 3), Kind.LISTENING_SPACE, (10, 12, 0), CARERS
    )
    came("Carers' voice in March", "Ben")
    session(
        "Carers' listening space", dt.date(2026, 5, 12), Kind.LISTENING_SPACE, (10, 12, 0), CARERS
    )
    came("Carers' listening space", "Amira", "Ben", "Dev")
    came("Carers' listening space", "Carol", status=AttendanceStatus.APOLOGIES)
    session("Over a Brew: getting about", dt.date(2026, 6, 9), Kind.OVER_A_BREW, (13, 15, 0), "")
    came("Over a Brew: getting about", "Amira", "Carol", "Eileen")
    session(
        "Carers Voice planning", dt.date(2026, 7, 14), Kind.PROJECT_MEETING, (10, 11, 30), CARERS
    )
    came("Carers Voice planning", "Amira", "Eileen")
    session("Bus passes", dt.date(2026, 9, 22), Kind.PROJECT_MEETING, (10, 12, 0), TRANSPORT)
    came("Bus passes", "Ben", "Carol", "Dev")
    session(
        "Carers Voice in December", dt.date(2026, 12, 8), Kind.PROJECT_MEETING, (10, 12, 0), CARERS
    )
    came("Carers Voice in December", "Amira", status=AttendanceStatus.BOOKED)

    def action(key: str, what: str, status=ActionStatus.OPEN, due=None, closed=None) -> None:
        saved = store.actions.save(Action(ids[key], what, due=due))
        if closed is not None:
            store.actions.set_status(saved.id or 0, status, on=closed)

    action(
        "Carers' listening space",
        "Write to the bus company",
        ActionStatus.DONE,
        closed=dt.date(2026, 6, 1),
    )
    action("Carers' listening space", "Check the loop works", due=dt.date(2026, 7, 1))
    action(
        "Over a Brew: getting about",
        "Ask about parking",
        ActionStatus.DROPPED,
        closed=dt.date(2026, 6, 20),
    )

    def claim(key: str, who: str, status: ClaimStatus, pence: int, lines: list[int], paid=None):
        made = Claim(
            ids[key],
            ids[who],
            status,
            involvement_pence=pence,
            worked_out_pence=pence,
            started_on=dt.date(2026, 5, 12),
            paid_at=paid,
        )
        audit = AuditEntry(_utc(dt.date(2026, 5, 12), 9), "Test", None, "started")
        store.claims.insert(made, [ClaimLine(ExpenseKind.PARKING, p) for p in lines], audit)

    claim(
        "Carers' listening space",
        "Amira",
        ClaimStatus.PAID,
        3000,
        [563, 480],
        _utc(dt.date(2026, 5, 20), 10),
    )
    claim(
        "Over a Brew: getting about",
        "Carol",
        ClaimStatus.PAID,
        3000,
        [250],
        _utc(dt.date(2026, 7, 15), 10),
    )
    claim("Carers Voice planning", "Eileen", ClaimStatus.SUBMITTED, 2250, [400])

    for name in (CARERS, TRANSPORT):
        found = store.projects.by_name(name)
        assert found is not None and found.id is not None
        ids[name] = found.id
    rate = store.projects.rate
    rate(ids[CARERS], Rung.CONSULTATION, dt.date(2026, 1, 12), "We asked carers and listened.")
    rate(ids[CARERS], Rung.CO_DESIGN, dt.date(2026, 6, 1), "Co-chairs plan each meeting.")
    rate(ids[TRANSPORT], Rung.INFORMING, dt.date(2026, 9, 1), "Newsletters only so far.")
    return ids
