"""Who was booked and who came, as the data file keeps it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from sessions.models import Attendance, AttendanceStatus, Person, Role, Session
from sessions.store import Store
from support import NOW


def test_a_booking_keeps_its_time_when_the_person_arrives(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> None:
    session, farah = add_session(), add_person()
    assert session.id is not None and farah.id is not None
    store.attendance.record(session.id, farah.id, AttendanceStatus.BOOKED)
    booked = store.attendance.get(session.id, farah.id)
    assert booked is not None and booked.booked_at is not None and not booked.walked_in
    store.attendance.record(session.id, farah.id, AttendanceStatus.ARRIVED, arrived_at=NOW)
    arrived = store.attendance.get(session.id, farah.id)
    assert arrived is not None
    assert (arrived.status, arrived.booked_at) == (AttendanceStatus.ARRIVED, booked.booked_at)
    assert arrived.arrived_at == NOW
    assert arrived.arrived_at.tzinfo is not None


def test_a_walk_in_stays_unbooked(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> None:
    session, sam = add_session(), add_person("Sam Jones", Role.CARER)
    assert session.id is not None and sam.id is not None
    store.attendance.record(
        session.id, sam.id, AttendanceStatus.ARRIVED, booked=False, arrived_at=NOW
    )
    record = store.attendance.get(session.id, sam.id)
    assert record is not None and record.walked_in


def test_put_writes_a_whole_record_back_exactly(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> None:
    session, farah = add_session(), add_person()
    assert session.id is not None and farah.id is not None
    left = Attendance(
        session.id,
        farah.id,
        AttendanceStatus.LEFT_EARLY,
        booked_at=NOW - dt.timedelta(days=3),
        arrived_at=NOW,
        left_at=NOW + dt.timedelta(minutes=40),
        follow_up=True,
        follow_up_note="Ring on Monday.",
    )
    store.attendance.put(left)
    assert store.attendance.get(session.id, farah.id) == left
    back = replace(left, status=AttendanceStatus.ARRIVED, left_at=None, follow_up=False)
    store.attendance.put(back)
    assert store.attendance.for_session(session.id) == [back]


def test_remove_takes_someone_off_one_session_only(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> None:
    first, second, farah = add_session(), add_session("Listening Space"), add_person()
    assert first.id is not None and second.id is not None and farah.id is not None
    for session in (first, second):
        assert session.id is not None
        store.attendance.record(session.id, farah.id, AttendanceStatus.BOOKED)
    assert store.attendance.remove(first.id, farah.id) is True
    assert store.attendance.remove(first.id, farah.id) is False
    assert store.attendance.get(first.id, farah.id) is None
    assert store.attendance.get(second.id, farah.id) is not None


def test_candidates_put_this_sessions_people_first_and_stop_at_the_limit(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> None:
    session, other = add_session(), add_session("Elsewhere")
    assert session.id is not None and other.id is not None
    people = {name: add_person(name) for name in ("Ann Archer", "Bea Bell", "Zoe Zane")}
    zoe, bea = people["Zoe Zane"].id, people["Bea Bell"].id
    assert zoe is not None and bea is not None
    store.attendance.record(session.id, zoe, AttendanceStatus.BOOKED)
    store.attendance.record(other.id, bea, AttendanceStatus.BOOKED)
    found = store.attendance.candidates(session.id)
    assert [(p.name, a.status if a else None) for p, a in found] == [
        ("Zoe Zane", AttendanceStatus.BOOKED),
        ("Ann Archer", None),
        ("Bea Bell", None),
    ]
    assert [p.name for p, _ in store.attendance.candidates(session.id, "a", limit=2)] == [
        "Zoe Zane",
        "Ann Archer",
    ]
    assert [p.name for p, _ in store.attendance.candidates(session.id, "bell")] == ["Bea Bell"]


def test_role_counts_group_by_role_and_status(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> None:
    session = add_session()
    assert session.id is not None
    for name, role, status in (
        ("Ann", Role.CARER, AttendanceStatus.ARRIVED),
        ("Bea", Role.CARER, AttendanceStatus.ARRIVED),
        ("Cal", Role.CARER, AttendanceStatus.BOOKED),
        ("Dee", Role.STAFF, AttendanceStatus.ARRIVED),
    ):
        person = add_person(name, role)
        assert person.id is not None
        store.attendance.record(session.id, person.id, status, arrived_at=NOW)
    assert store.attendance.role_counts(session.id) == {
        (Role.CARER, AttendanceStatus.ARRIVED): 2,
        (Role.CARER, AttendanceStatus.BOOKED): 1,
        (Role.STAFF, AttendanceStatus.ARRIVED): 1,
    }
