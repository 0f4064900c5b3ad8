"""The check-in service: what Enter, the status keys and undo do to the register."""

from __future__ import annotations

import datetime as dt

import pytest

from sessions.checkin import (
    CheckIn,
    CheckInError,
    SessionDay,
    access_needs_line,
)
from sessions.errors import ValidationError
from sessions.models import AttendanceStatus, Person, Relation, Role, Session, SessionKind, Voice
from sessions.store import Store
from sessions.validation import leaving_from_form, walk_in_from_form
from support import NOW, TODAY, FakeClock


def add_person(store: Store, name: str, role: Role = Role.LIVED_EXPERIENCE, **details) -> int:
    person = store.people.save(Person(name=name, role=role, **details))
    assert person.id is not None
    return person.id


def add_session(store: Store, day: dt.date = TODAY) -> int:
    session = store.sessions.save(
        Session(
            "Getting out and about",
            SessionKind.OVER_A_BREW,
            day,
            dt.time(9, 30),
            dt.time(12, 30),
        )
    )
    assert session.id is not None
    return session.id


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def checkin(store: Store, clock: FakeClock) -> CheckIn:
    return CheckIn(store, add_session(store), clock)


def test_arriving_records_the_time_and_says_so(store: Store, checkin: CheckIn) -> None:
    farah = add_person(store, "Farah Khan")
    checkin.book(farah)
    change = checkin.arrive(farah)
    assert change.said == "Farah Khan arrived at 10:00."
    record = store.attendance.get(checkin.session_id, farah)
    assert record is not None and record.status is AttendanceStatus.ARRIVED
    assert record.arrived_at == NOW
    assert record.booked_at is not None, "arriving keeps the booking"


def test_nobody_can_arrive_twice(store: Store, checkin: CheckIn, clock: FakeClock) -> None:
    farah = add_person(store, "Farah Khan")
    checkin.arrive(farah)
    clock.advance(minutes=5)
    with pytest.raises(CheckInError, match=r"Farah Khan is already here: they arrived at 10:00\."):
        checkin.arrive(farah)


def test_someone_not_booked_is_a_walk_in(store: Store, checkin: CheckIn) -> None:
    sam = add_person(store, "Sam Jones")
    assert checkin.arrive(sam).said == "Sam Jones arrived at 10:00 (not booked)."
    [candidate] = checkin.candidates("Sam")
    assert candidate.status_text == "Walked in 10:00"


def test_people_on_the_session_come_first_with_their_status(
    store: Store, checkin: CheckIn, clock: FakeClock
) -> None:
    for name in ("Ann Archer", "Bea Bell", "Cal Cole", "Dee Dunn"):
        add_person(store, name)
    ids = {p.name: p.id for p in store.people.all()}
    checkin.book(ids["Dee Dunn"])
    checkin.book(ids["Cal Cole"])
    clock.advance(minutes=12)
    checkin.arrive(ids["Cal Cole"])
    listed = [(c.person.name, c.status_text) for c in checkin.candidates()]
    assert listed == [
        ("Cal Cole", "Arrived 10:12"),
        ("Dee Dunn", "Booked"),
        ("Ann Archer", ""),
        ("Bea Bell", ""),
    ]


def test_a_long_list_says_it_is_cut_short(store: Store, checkin: CheckIn) -> None:
    store.people.add_many([Person(f"Person {n:03}", Role.STAFF) for n in range(12)])
    shown = len(checkin.candidates("person", limit=5))
    assert checkin.listing_note("person", shown, limit=5) == (
        "Showing 5 of 12 people: keep typing to narrow."
    )
    assert checkin.listing_note("person 01", 2, limit=5) == "2 people match “person 01”."
    assert checkin.listing_note("zz", 0) == "Nobody matches “zz”."


def test_the_room_counts_people_here_by_voice(store: Store, checkin: CheckIn) -> None:
    here = [
        add_person(store, "Ann", Role.LIVED_EXPERIENCE),
        add_person(store, "Bea", Role.LIVED_EXPERIENCE),
        add_person(store, "Cal", Role.CARER),
        add_person(store, "Dee", Role.COMMISSIONER),
        add_person(store, "Eve", Role.COMMUNITY_SECTOR),
    ]
    waiting = add_person(store, "Fay", Role.STAFF)
    gone = add_person(store, "Gus", Role.STAFF)
    for person in here:
        checkin.arrive(person)
    checkin.book(waiting)
    checkin.set_status(gone, AttendanceStatus.APOLOGIES)
    room = checkin.room()
    assert room.in_room == {
        Voice.LIVED_EXPERIENCE: 2,
        Voice.CARER: 1,
        Voice.STAFF: 1,
        Voice.OTHER: 1,
    }
    assert room.summary == "In the room: 2 lived experience, 1 carer, 1 staff, 1 other (5 in all)."
    assert room.others == "Not here yet 1 · Sent apologies 1"


def test_undo_puts_back_each_change_in_turn(
    store: Store, checkin: CheckIn, clock: FakeClock
) -> None:
    farah = add_person(store, "Farah Khan")
    checkin.book(farah)
    booked = store.attendance.get(checkin.session_id, farah)
    clock.advance(minutes=3)
    checkin.arrive(farah)
    clock.advance(minutes=30)
    checkin.leave_early(farah, follow_up=True, note="Ring on Monday.")

    assert checkin.undo() == "Undone: Farah Khan left at 10:33. Marked for a follow-up call."
    record = store.attendance.get(checkin.session_id, farah)
    assert record is not None and record.status is AttendanceStatus.ARRIVED
    assert (record.left_at, record.follow_up, record.follow_up_note) == (None, False, "")
    assert checkin.undo() == "Undone: Farah Khan arrived at 10:03."
    assert store.attendance.get(checkin.session_id, farah) == booked
    assert checkin.undo() == "Undone: Booked Farah Khan."
    assert store.attendance.get(checkin.session_id, farah) is None
    assert checkin.undo() is None


def test_statuses_without_a_time(store: Store, checkin: CheckIn) -> None:
    farah = add_person(store, "Farah Khan")
    assert checkin.book(farah).said == "Booked Farah Khan."
    with pytest.raises(CheckInError, match="already on this session"):
        checkin.book(farah)
    assert checkin.set_status(farah, AttendanceStatus.APOLOGIES).said == (
        "Farah Khan: sent apologies."
    )
    with pytest.raises(CheckInError, match="already “sent apologies”"):
        checkin.set_status(farah, AttendanceStatus.APOLOGIES)
    assert checkin.remove(farah).said == "Took Farah Khan off this session."
    assert store.attendance.get(checkin.session_id, farah) is None
    with pytest.raises(CheckInError, match="not on this session"):
        checkin.remove(farah)
    checkin.undo()
    record = store.attendance.get(checkin.session_id, farah)
    assert record is not None and record.status is AttendanceStatus.APOLOGIES


def test_leaving_early_at_a_typed_time(store: Store, checkin: CheckIn, clock: FakeClock) -> None:
    farah = add_person(store, "Farah Khan")
    with pytest.raises(CheckInError, match="has not arrived, so cannot leave early"):
        checkin.leave_early(farah)
    clock.advance(minutes=10, seconds=30)  # arrives 10:10:30
    checkin.arrive(farah)
    clock.advance(minutes=60)  # now 11:10:30
    with pytest.raises(CheckInError, match="arrived at 10:10, so they cannot have left at 10:05"):
        checkin.leave_early(farah, dt.time(10, 5))
    with pytest.raises(CheckInError, match="11:30 has not come yet"):
        checkin.leave_early(farah, dt.time(11, 30))
    # The minute they arrived is as early as a typed time can say.
    same_minute = checkin.leave_early(farah, dt.time(10, 10))
    assert same_minute.said == "Farah Khan left at 10:10."
    checkin.undo()
    change = checkin.leave_early(farah, dt.time(10, 55), follow_up=True, note=" Upset. ")
    assert change.said == "Farah Khan left at 10:55. Marked for a follow-up call."
    record = store.attendance.get(checkin.session_id, farah)
    assert record is not None
    assert record.left_at == NOW.replace(minute=55)
    assert (record.follow_up, record.follow_up_note) == (True, "Upset.")
    assert checkin.leaving_time_to_offer(farah) == "10:55"
    [candidate] = checkin.candidates("Farah")
    assert candidate.status_text == "Left early 10:55, follow up"


def test_coming_back_after_leaving_keeps_the_first_arrival(
    store: Store, checkin: CheckIn, clock: FakeClock
) -> None:
    farah = add_person(store, "Farah Khan")
    checkin.arrive(farah)
    clock.advance(minutes=20)
    checkin.leave_early(farah)
    clock.advance(minutes=20)
    assert checkin.arrive(farah).said == "Farah Khan is back (first arrived at 10:00)."
    record = store.attendance.get(checkin.session_id, farah)
    assert record is not None and (record.arrived_at, record.left_at) == (NOW, None)


def test_a_walk_in_joins_the_bank_and_stays_after_undo(store: Store, checkin: CheckIn) -> None:
    person, change = checkin.walk_in("Rhys Evans", Role.CARER, "rhys@example.org")
    assert (person.name, person.role, person.email, person.phone) == (
        "Rhys Evans",
        Role.CARER,
        "rhys@example.org",
        "",
    )
    assert change.said == "Rhys Evans arrived at 10:00 (not booked)."
    assert checkin.undo() == (
        "Undone: Rhys Evans arrived at 10:00 (not booked). They stay in the people bank."
    )
    assert [p.name for p in store.people.named("Rhys Evans")] == ["Rhys Evans"]
    other, _ = checkin.walk_in("Mo Ali", Role.OTHER, "07700 900123")
    assert (other.email, other.phone) == ("", "07700 900123")


def test_the_same_person_is_found_by_name_and_contact(store: Store, checkin: CheckIn) -> None:
    add_person(store, "Farah Khan", phone="07700 900123", email="farah@example.org")
    add_person(store, "Farah Khan", phone="01623 456789")
    assert len(checkin.same_person("farah  khan")) == 2
    assert [p.phone for p in checkin.same_person("Farah Khan", "+44 7700 900123")] == [
        "07700 900123"
    ]
    assert len(checkin.same_person("Farah Khan", "FARAH@example.org")) == 1
    assert checkin.same_person("Farah Khan", "07700 900999") == []
    assert checkin.same_person("Farah Kahn") == []


def test_companions_are_offered_both_ways_until_they_are_here(
    store: Store, checkin: CheckIn
) -> None:
    farah = add_person(store, "Farah Khan")
    sam = add_person(store, "Sam Jones", Role.CARER)
    bron = add_person(store, "Bronwen Pryce", Role.OTHER)
    store.companions.link(farah, sam, Relation.CARER)
    store.companions.link(farah, bron, Relation.INTERPRETER)
    offers = checkin.companion_offers(farah)
    assert [(o.person.name, o.reason) for o in offers] == [
        ("Sam Jones", "Sam Jones comes with Farah Khan as their carer."),
        ("Bronwen Pryce", "Bronwen Pryce comes with Farah Khan as their interpreter."),
    ]
    assert offers[0].question == "Check in Sam Jones too?"
    checkin.arrive(sam)
    [offer] = checkin.companion_offers(bron)
    assert (offer.person.name, offer.reason) == (
        "Farah Khan",
        "Bronwen Pryce comes with Farah Khan as their interpreter.",
    )
    assert [o.person.name for o in checkin.companion_offers(farah)] == ["Bronwen Pryce"]


def test_enter_books_before_the_day_and_records_the_start_after_it(store: Store) -> None:
    farah = add_person(store, "Farah Khan")
    clock = FakeClock()
    ahead = CheckIn(store, add_session(store, TODAY + dt.timedelta(days=6)), clock)
    assert ahead.day() is SessionDay.AHEAD
    assert ahead.enter(farah).said == "Booked Farah Khan."
    assert "Sun 29 Nov 2026: choosing someone books them" in ahead.day_note()

    past = CheckIn(store, add_session(store, TODAY - dt.timedelta(days=7)), clock)
    assert past.day() is SessionDay.PAST
    assert past.enter(farah).said == "Farah Khan arrived at 09:30 (not booked)."
    assert past.leaving_time_to_offer(farah) == "12:30"

    today = CheckIn(store, add_session(store), clock)
    assert today.day() is SessionDay.TODAY and today.day_note() == ""
    assert today.enter(farah).said == "Farah Khan arrived at 10:00 (not booked)."
    assert today.leaving_time_to_offer(farah) == "10:00"


def test_the_private_setting_is_kept_in_the_data_file(store: Store, checkin: CheckIn) -> None:
    assert checkin.private is False
    checkin.set_private(True)
    assert CheckIn(store, checkin.session_id, FakeClock()).private is True


def test_access_needs_are_read_out_for_one_person() -> None:
    farah = Person("Farah Khan", Role.LIVED_EXPERIENCE, access_needs="Step-free\naccess.")
    assert access_needs_line(farah) == "Access needs for Farah Khan: Step-free access."
    sam = Person("Samuel Jones", Role.CARER, preferred_name="Sam")
    assert access_needs_line(sam) == "No access needs recorded for Sam (Samuel Jones)."


def test_the_walk_in_form_needs_a_name_and_role_only() -> None:
    assert walk_in_from_form({"name": "  Rhys   Evans ", "role": "carer", "contact": ""}) == (
        walk_in_from_form({"name": "Rhys Evans", "role": Role.CARER})
    )
    with pytest.raises(ValidationError) as error:
        walk_in_from_form({"name": "", "role": "", "contact": "rhys@"})
    assert set(error.value.problems) == {"name", "role", "contact"}
    assert "email address" in error.value.problems["contact"]
    with pytest.raises(ValidationError) as error:
        walk_in_from_form({"name": "Rhys", "role": "carer", "contact": "12345"})
    assert "UK phone number" in error.value.problems["contact"]


def test_the_left_early_form_checks_the_time_and_note() -> None:
    leaving = leaving_from_form({"left_at": "11.15", "follow_up": True, "follow_up_note": "Ring"})
    assert (leaving.at, leaving.follow_up, leaving.note) == (dt.time(11, 15), True, "Ring")
    with pytest.raises(ValidationError) as error:
        leaving_from_form({"left_at": "quarter past", "follow_up": False, "follow_up_note": "x"})
    assert error.value.problems == {
        "left_at": "Enter a time like 10:00 or 2:30pm.",
        "follow_up_note": (
            "The note is only kept for a follow-up call: tick “Follow up” or clear the note."
        ),
    }
    with pytest.raises(ValidationError) as error:
        leaving_from_form({"left_at": "11:00", "follow_up": True, "follow_up_note": "x" * 501})
    assert "500 characters or fewer" in error.value.problems["follow_up_note"]
