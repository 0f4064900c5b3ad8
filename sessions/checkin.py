"""Checking people in at the venue: one service for the Check-in tab and the CLI.

Every change goes to the data file at once and is remembered, so the last one can
be undone with one key, however many there have been.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum

from sessions.clock import at_venue, local_time, venue_date, venue_zone
from sessions.companions import link_sentence, other_side
from sessions.display import format_date, format_time, plural
from sessions.errors import FacilitatorError
from sessions.models import (
    VOICE_OF_ROLE,
    Attendance,
    AttendanceStatus,
    Person,
    Relation,
    Role,
    Voice,
)
from sessions.store import Store
from sessions.validation import (
    LIMITS,
    phone_digits,
)

CANDIDATE_LIMIT = 100
"""Rows shown at once: more than a screen, few enough to draw within a frame."""

PRIVATE_SETTING = "checkin_private"
"""When true, nobody's name shows until something is typed (screens others can see)."""


class CheckInError(FacilitatorError):
    """A check-in change that cannot be made, such as arriving someone twice."""


class SessionDay(Enum):
    """Where the session's date stands against today at the venue: it decides what
    checking someone in means."""

    AHEAD = "ahead"
    TODAY = "today"
    PAST = "past"


@dataclass(frozen=True)
class Candidate:
    """A person as check-in shows them: who they are and where they stand."""

    person: Person
    attendance: Attendance | None

    @property
    def status(self) -> AttendanceStatus | None:
        return self.attendance.status if self.attendance else None

    @property
    def on_session(self) -> bool:
        return self.attendance is not None

    @property
    def status_text(self) -> str:
        """'Arrived 10:42', 'Walked in 10:50', 'Left early 11:15, follow up', 'Booked'."""
        record = self.attendance
        if record is None:
            return ""
        if record.status is AttendanceStatus.ARRIVED:
            came = "Walked in" if record.walked_in else "Arrived"
            return f"{came} {local_time(record.arrived_at)}"
        if record.status is AttendanceStatus.LEFT_EARLY:
            left = f"Left early {local_time(record.left_at)}"
            return f"{left}, follow up" if record.follow_up else left
        return record.status.label


@dataclass(frozen=True)
class RoomCount:
    """Who is in the room now, by the four voices, and how the rest stand."""

    in_room: dict[Voice, int]
    by_status: dict[AttendanceStatus, int]

    @property
    def total(self) -> int:
        return sum(self.in_room.values())

    @property
    def summary(self) -> str:
        """'In the room: 5 lived experience, 2 carers, 3 staff, 1 other (11).'"""
        parts = [
            f"{self.in_room.get(Voice.LIVED_EXPERIENCE, 0)} lived experience",
            plural(self.in_room.get(Voice.CARER, 0), "carer"),
            f"{self.in_room.get(Voice.STAFF, 0)} staff",
            plural(self.in_room.get(Voice.OTHER, 0), "other"),
        ]
        return f"In the room: {', '.join(parts)} ({self.total} in all)."

    @property
    def others(self) -> str:
        """'Booked and not here yet 4 · Left early 1 · Sent apologies 2'."""
        waiting = self.by_status.get(AttendanceStatus.BOOKED, 0)
        parts = [f"Not here yet {waiting}"]
        for status in (
            AttendanceStatus.LEFT_EARLY,
            AttendanceStatus.APOLOGIES,
            AttendanceStatus.DID_NOT_COME,
        ):
            if self.by_status.get(status):
                parts.append(f"{status.label} {self.by_status[status]}")
        return " · ".join(parts)


@dataclass(frozen=True)
class Change:
    """One check-in change, kept so that it can be undone exactly."""

    person_id: int
    before: Attendance | None
    said: str
    """What happened, in words: 'Farah Khan arrived at 10:42.'"""
    new_person: bool = False
    """A walk-in added to the people bank by this change: undoing keeps them there."""


@dataclass(frozen=True)
class CompanionOffer:
    """Someone linked to a person who has just arrived, not in the room yet."""

    person: Person
    relation: Relation
    reason: str
    """'Sam Jones comes with Farah Khan as their carer.'"""

    @property
    def question(self) -> str:
        return f"Check in {self.person.display_name} too?"


def access_needs_line(person: Person) -> str:
    """What the facilitator reads as someone arrives: private, so never exported."""
    needs = " ".join(person.access_needs.split())
    if needs:
        return f"Access needs for {person.display_name}: {needs}"
    return f"No access needs recorded for {person.display_name}."


class CheckIn:
    """Check-in for one session."""

    def __init__(self, store: Store, session_id: int, now: Callable[[], dt.datetime]) -> None:
        self.store = store
        self.session_id = session_id
        self.now = now
        self.changes: list[Change] = []

    # --- looking -----------------------------------------------------------

    def candidates(self, text: str = "", limit: int = CANDIDATE_LIMIT) -> list[Candidate]:
        """People matching what was typed, those on this session first."""
        return [
            Candidate(person, attendance)
            for person, attendance in self.store.attendance.candidates(self.session_id, text, limit)
        ]

    def matching(self, text: str = "") -> int:
        return self.store.people.count(text)

    def listing_note(self, text: str, shown: int, limit: int = CANDIDATE_LIMIT) -> str:
        """One line under the list saying what it holds, and when it was cut short."""
        typed = " ".join(text.split())
        if shown >= limit:
            total = self.matching(text)
            if total > shown:
                return f"Showing {shown:,} of {total:,} people: keep typing to narrow."
        if not shown:
            return f"Nobody matches “{typed}”." if typed else "The people bank is empty."
        if typed:
            return f"{plural(shown, 'person matches', 'people match')} “{typed}”."
        return f"{plural(shown, 'person', 'people')} in the people bank, this session's first."

    def day(self) -> SessionDay:
        """Whether the session is today, still to come or over, at the venue."""
        return self._day_of(self.store.sessions.get(self.session_id).date)

    def _day_of(self, session_date: dt.date) -> SessionDay:
        today = venue_date(self.now())
        if session_date > today:
            return SessionDay.AHEAD
        return SessionDay.TODAY if session_date == today else SessionDay.PAST

    def day_note(self) -> str:
        """What Enter does here, when the session is not today."""
        session = self.store.sessions.get(self.session_id)
        day = self._day_of(session.date)
        if day is SessionDay.AHEAD:
            return (
                f"This session is on {format_date(session.date)}: "
                "choosing someone books them for it."
            )
        if day is SessionDay.PAST:
            return (
                f"This session was on {format_date(session.date)}: choosing someone records "
                f"that they came, from the start at {format_time(session.start)}."
            )
        return ""

    def room(self) -> RoomCount:
        in_room: dict[Voice, int] = {}
        by_status: dict[AttendanceStatus, int] = {}
        for (role, status), number in self.store.attendance.role_counts(self.session_id).items():
            by_status[status] = by_status.get(status, 0) + number
            if status is AttendanceStatus.ARRIVED:
                voice = VOICE_OF_ROLE[role]
                in_room[voice] = in_room.get(voice, 0) + number
        return RoomCount(in_room, by_status)

    @property
    def private(self) -> bool:
        return bool(self.store.settings.get(PRIVATE_SETTING, False))

    def set_private(self, private: bool) -> None:
        self.store.settings.set(PRIVATE_SETTING, private)

    def companion_offers(self, person_id: int) -> list[CompanionOffer]:
        """People linked to this person who are not in the room yet, each with a
        sentence saying who they are to them."""
        person = self.store.people.get(person_id)
        offers = []
        for link in self.store.companions.of(person_id):
            other_id = other_side(link, person_id)
            record = self.store.attendance.get(self.session_id, other_id)
            if record is not None and record.status is AttendanceStatus.ARRIVED:
                continue
            for other in self.store.people.many([other_id]):
                cared_for, companion = (
                    (person, other) if link.person_id == person_id else (other, person)
                )
                reason = link_sentence(cared_for, companion, link.relation)
                offers.append(CompanionOffer(other, link.relation, reason))
        return offers

    # --- changing ----------------------------------------------------------

    def enter(self, person_id: int) -> Change:
        """Choosing someone at check-in: on the day they arrive now; before the day
        they are booked; after it they are recorded as having come from the start."""
        session = self.store.sessions.get(self.session_id)
        day = self._day_of(session.date)
        if day is SessionDay.AHEAD:
            return self.book(person_id)
        if day is SessionDay.PAST:
            return self.arrive(person_id, at=at_venue(session.date, session.start))
        return self.arrive(person_id)

    def arrive(self, person_id: int, at: dt.datetime | None = None) -> Change:
        """Mark someone as here, now unless `at` says when. Someone who left early and
        came back keeps their first arrival time; nobody can arrive twice."""
        person = self.store.people.get(person_id)
        before = self.store.attendance.get(self.session_id, person_id)
        if before and before.status is AttendanceStatus.ARRIVED:
            raise CheckInError(
                f"{person.display_name} is already here: they arrived at "
                f"{local_time(before.arrived_at)}."
            )
        now = at or self.now()
        if before and before.status is AttendanceStatus.LEFT_EARLY and before.arrived_at:
            after = replace(before, status=AttendanceStatus.ARRIVED, left_at=None)
            said = (
                f"{person.display_name} is back (first arrived at {local_time(before.arrived_at)})."
            )
        else:
            after = Attendance(
                self.session_id,
                person_id,
                AttendanceStatus.ARRIVED,
                booked_at=before.booked_at if before else None,
                arrived_at=now,
                follow_up=before.follow_up if before else False,
                follow_up_note=before.follow_up_note if before else "",
            )
            said = f"{person.display_name} arrived at {local_time(now)}."
            if before is None:
                said = f"{person.display_name} arrived at {local_time(now)} (not booked)."
        return self._put(person_id, before, after, said)

    def book(self, person_id: int) -> Change:
        """Add someone to the session ahead of the day."""
        person = self.store.people.get(person_id)
        before = self.store.attendance.get(self.session_id, person_id)
        if before is not None:
            raise CheckInError(
                f"{person.display_name} is already on this session ({before.status.label.lower()})."
            )
        after = Attendance(
            self.session_id, person_id, AttendanceStatus.BOOKED, booked_at=self.now()
        )
        return self._put(person_id, before, after, f"Booked {person.display_name}.")

    def set_status(self, person_id: int, status: AttendanceStatus) -> Change:
        """Booked (not here yet), sent apologies or did not come. Arrival and leaving
        have their own methods because they carry a time."""
        if status.attended:
            raise ValueError("use arrive() or leave_early() for attendance with a time")
        person = self.store.people.get(person_id)
        before = self.store.attendance.get(self.session_id, person_id)
        if before is not None and before.status is status:
            raise CheckInError(f"{person.display_name} is already “{status.label.lower()}”.")
        after = Attendance(
            self.session_id,
            person_id,
            status,
            booked_at=before.booked_at if before else self.now(),
            follow_up=before.follow_up if before else False,
            follow_up_note=before.follow_up_note if before else "",
        )
        return self._put(
            person_id, before, after, f"{person.display_name}: {status.label.lower()}."
        )

    def check_can_leave(self, person_id: int) -> Attendance:
        """Someone's record, if they came and so can be marked as leaving early."""
        person = self.store.people.get(person_id)
        before = self.store.attendance.get(self.session_id, person_id)
        if before is None or not before.status.attended or before.arrived_at is None:
            raise CheckInError(f"{person.display_name} has not arrived, so cannot leave early.")
        return before

    def leaving_time_to_offer(self, person_id: int) -> str:
        """The time the left-early form starts with: when they left if already recorded,
        now on the day, or the session's end afterwards."""
        record = self.check_can_leave(person_id)
        if record.status is AttendanceStatus.LEFT_EARLY and record.left_at:
            return local_time(record.left_at)
        session = self.store.sessions.get(self.session_id)
        if self._day_of(session.date) is SessionDay.TODAY:
            return local_time(self.now())
        return format_time(session.end)

    def leave_early(
        self,
        person_id: int,
        at: dt.datetime | dt.time | None = None,
        *,
        follow_up: bool = False,
        note: str = "",
    ) -> Change:
        """Someone left before the end, at `at` (now if not given), perhaps needing a
        wellbeing call afterwards. The note is private and never exported.

        A clock time (`dt.time`, as typed) is on the day they arrived, at the venue."""
        person = self.store.people.get(person_id)
        before = self.check_can_leave(person_id)
        assert before.arrived_at is not None
        left = self._moment(at, before.arrived_at) if at is not None else self.now()
        if left < before.arrived_at:
            raise CheckInError(
                f"{person.display_name} arrived at {local_time(before.arrived_at)}, so they "
                f"cannot have left at {local_time(left)}."
            )
        if left > self.now():
            raise CheckInError(f"{local_time(left)} has not come yet. Give the time they left.")
        note = note.strip()
        if len(note) > LIMITS["follow_up_note"]:
            raise CheckInError(
                f"Keep the follow-up note to {LIMITS['follow_up_note']} characters or fewer."
            )
        after = replace(
            before,
            status=AttendanceStatus.LEFT_EARLY,
            left_at=left,
            follow_up=follow_up,
            follow_up_note=note if follow_up else "",
        )
        said = f"{person.display_name} left at {local_time(left)}."
        if follow_up:
            said += " Marked for a follow-up call."
        return self._put(person_id, before, after, said)

    @staticmethod
    def _moment(at: dt.datetime | dt.time, arrived: dt.datetime) -> dt.datetime:
        """A typed clock time on the day of arrival; in the minute they arrived it
        means the moment they arrived, since typed times have no seconds."""
        if isinstance(at, dt.datetime):
            return at
        local_arrival = arrived.astimezone(venue_zone())
        moment = at_venue(local_arrival.date(), at)
        if moment < arrived and moment >= local_arrival.replace(second=0, microsecond=0):
            return arrived
        return moment

    def remove(self, person_id: int) -> Change:
        """Take someone off the session, as if never booked."""
        person = self.store.people.get(person_id)
        before = self.store.attendance.get(self.session_id, person_id)
        if before is None:
            raise CheckInError(f"{person.display_name} is not on this session.")
        self.store.attendance.remove(self.session_id, person_id)
        change = Change(person_id, before, f"Took {person.display_name} off this session.")
        self.changes.append(change)
        return change

    def walk_in(self, name: str, role: Role, contact: str = "") -> tuple[Person, Change]:
        """Add someone new to the people bank and check them in as `enter` would:
        arrived on the day, booked before it.

        `contact` may be a phone number or an email address; either can wait."""
        contact = contact.strip()
        email, phone = (contact, "") if "@" in contact else ("", contact)
        person = self.store.people.save(Person(name=name, role=role, email=email, phone=phone))
        assert person.id is not None
        change = replace(self.enter(person.id), new_person=True)
        self.changes[-1] = change
        return person, change

    def same_person(self, name: str, contact: str = "") -> list[Person]:
        """People already in the bank who a walk-in may be: the same name and the
        same phone or email. With no contact given, the same name is enough to ask."""
        named = self.store.people.named(name)
        contact = contact.strip()
        if not contact:
            return named
        digits = phone_digits(contact)
        return [
            person
            for person in named
            if (person.email and person.email.casefold() == contact.casefold())
            or (digits and phone_digits(person.phone) == digits)
        ]

    def undo(self) -> str | None:
        """Put back how things were before the last change. None if nothing to undo."""
        if not self.changes:
            return None
        change = self.changes.pop()
        if change.before is None:
            self.store.attendance.remove(self.session_id, change.person_id)
        else:
            self.store.attendance.put(change.before)
        if change.new_person:
            return f"Undone: {change.said} They stay in the people bank."
        return f"Undone: {change.said}"

    def _put(
        self, person_id: int, before: Attendance | None, after: Attendance, said: str
    ) -> Change:
        self.store.attendance.put(after)
        change = Change(person_id, before, said)
        self.changes.append(change)
        return change
