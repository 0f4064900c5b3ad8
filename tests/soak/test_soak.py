"""The soak test: thousands of random operations on real data files, checked after each.

A hypothesis state machine does what a facilitator does over weeks (adds, edits, links
and erases people, plans and deletes sessions, books and checks people in, takes notes
and actions, makes, changes, approves, pays and reverses claims, writes the finance
CSV, registers and summaries) through the domain's own services, never by writing SQL.
The test keeps its own account of what the file should hold, worked out here from what
was typed, and after every operation checks that:

- money adds up: each claim's lines and payment for time are what the test expects,
  the claims list's totals are the sum over the claims that count, and every finance
  CSV written sums to the same figures;
- nothing is left dangling: SQLite's foreign key check finds nothing, nor do explicit
  queries for claim lines without a claim, attendance without a person or session,
  and the like; every change to a claim is in the audit log;
- counts match: people, each session's booked, attended, notes and actions;
- the file is sound: PRAGMA integrity_check says ok (about a millisecond), and every
  REOPEN_EVERY operations a second connection, as the app's next start would make,
  reads what the test expects.

`make test` runs a short soak (SHORT_OPERATIONS); `make soak` runs FULL_OPERATIONS
(SOAK=full). SOAK_OPERATIONS=n runs n.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from exports.finance_csv import write_finance_csv
from exports.register import register_for, write_register, write_register_csv
from exports.summary import write_summary
from sessions.checkin import CheckIn
from sessions.claim_models import ClaimStatus, ExpenseKind, PaymentChoice, Vehicle, VenuePayment
from sessions.claiming import Claims, LineInput
from sessions.claims import Totals
from sessions.erasure import (
    ERASED_NAME,
    erase_person,
    is_erased,
    plan_erasure,
    require_not_erased,
)
from sessions.errors import FacilitatorError
from sessions.models import (
    Action,
    AttendanceStatus,
    Note,
    NoteKind,
    PaymentPreference,
    Person,
    QuoteConsent,
    Relation,
    Role,
    Session,
    SessionKind,
)
from sessions.store import Store
from sessions.store.claims import ClaimFilter
from support import NOW, TODAY, FakeClock

SHORT_OPERATIONS = 500
"""In `make test`: about five seconds."""
FULL_OPERATIONS = 10_000
"""In `make soak`."""
STEPS_PER_RUN = 100
"""Operations on one data file before hypothesis starts another, in the full soak."""
SHORT_STEPS_PER_RUN = 50
"""In the short soak: hypothesis's first run on each call is its simplest (a walk-in a
step), so shorter runs leave more of the few hundred operations to the rest."""
REOPEN_EVERY = 10

LONDON = ZoneInfo("Europe/London")
PAID_ROLES = (Role.LIVED_EXPERIENCE, Role.CARER)
"""Whose time the built-in payment policy pays for."""
HOURLY_PENCE = 1500
CONFIRM_OVER = 100_000
BICYCLE_PENCE = 20
S = ClaimStatus
EDITABLE = (S.DRAFT, S.SUBMITTED)
COUNTING = (S.DRAFT, S.SUBMITTED, S.APPROVED, S.PAID)
STEPS: dict[str, tuple[tuple[ClaimStatus, ...], ClaimStatus]] = {
    "submit": ((S.DRAFT,), S.SUBMITTED),
    "return": ((S.SUBMITTED,), S.DRAFT),
    "approve": ((S.SUBMITTED,), S.APPROVED),
    "reject": ((S.SUBMITTED,), S.REJECTED),
    "pay": ((S.APPROVED,), S.PAID),
    "pay_at_venue": ((S.DRAFT, S.SUBMITTED, S.APPROVED), S.PAID),
    "cancel": ((S.DRAFT, S.SUBMITTED), S.CANCELLED),
}
"""The claims workflow, written out here rather than read from the code under test."""
OVERRIDE = "Agreed by the manager"
ATTENDED = (AttendanceStatus.ARRIVED, AttendanceStatus.LEFT_EARLY)

FIRST = ("Farah", "Aled", "Eileen", "Tom", "Zofia", "Ngozi", "Seán", "Li")
LAST = ("Khan", "Osei", "Shaw", "Reid", "Nowak", "O'Neill", "Björk", "Wu")
ODD_NAMES = ("=SUM(A1:A9)", "+44 caller", "-minus", "@home", "100% sure", "under_score")
"""Names a spreadsheet might run, or a LIKE pattern might match too widely."""
PHONES = ("", "", "07700 900123", "0115 496 0456", "+44 7700 900456", "12345")
"""The last is not a UK number: saving it is refused."""
NEEDS = ("", "Needs a hearing loop", "Uses a wheelchair; step-free access")
NOTE_TEXTS = (
    "The bus to the day centre stops at six.",
    "Nobody told us the form had changed.",
    "",
    "   ",
    'Ideas: a buddy scheme; =HYPERLINK("x")',
)

indexes = st.integers(0, 10_000)
"""Which of the things there are to pick from (taken modulo how many there are)."""
fits = st.sampled_from([True, True, True, False])
"""Whether to pick something the operation suits (mostly), or anything (to try refusals)."""
later = st.integers(0, 30)
"""Minutes that pass before someone arrives or leaves."""


def the_operations() -> int:
    """How many operations this run does in all."""
    if os.environ.get("SOAK_OPERATIONS"):
        return int(os.environ["SOAK_OPERATIONS"])
    return FULL_OPERATIONS if os.environ.get("SOAK") == "full" else SHORT_OPERATIONS


# --- the test's own account of what the data file holds -----------------------------


@dataclass
class PersonModel:
    name: str
    role: Role
    payment: PaymentPreference


@dataclass
class Seat:
    """One person's attendance at one session."""

    status: AttendanceStatus
    booked: bool
    arrived: dt.datetime | None = None
    left: dt.datetime | None = None


@dataclass
class SessionModel:
    date: dt.date
    start: dt.time
    end: dt.time
    notes: set[int] = field(default_factory=set)
    actions: dict[int, set[int]] = field(default_factory=dict)
    """Action id: the notes it answers that are still there."""
    co_chairs: list[int] = field(default_factory=list)

    def starts(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.start, tzinfo=LONDON)

    def ends(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.end, tzinfo=LONDON)


@dataclass
class ClaimModel:
    session_id: int
    person_id: int
    worked_out: int
    involvement: int
    status: ClaimStatus = S.DRAFT
    lines: dict[int, int] = field(default_factory=dict)
    """Line id: pence."""
    corrects: int | None = None
    reversed_by: int | None = None
    audit: int = 1
    """Entries in the audit log for this claim: every change makes one."""

    def totals(self) -> Totals:
        return Totals(sum(self.lines.values()), self.involvement)

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE and self.corrects is None


def suits_step(step: str) -> Callable[[ClaimModel], bool]:
    """Claims a workflow step may be taken on: only marking paid for a correction."""
    starts, _ = STEPS[step]
    return lambda c: c.status in starts and (c.corrects is None or step == "pay")


def reversible(claim: ClaimModel) -> bool:
    return claim.status in (S.APPROVED, S.PAID) and claim.reversed_by is None and not claim.corrects


def editable_with_lines(claim: ClaimModel) -> bool:
    return claim.editable and bool(claim.lines)


def some_claim(suits: Callable[[ClaimModel], bool]) -> Callable[[SoakMachine], bool]:
    """A precondition: there is a claim the operation suits, so that most of the time
    it is done (`fits`), and otherwise tried on one it does not suit and refused."""
    return lambda machine: any(suits(claim) for claim in machine.expected.values())


def minutes_there(session: SessionModel, seat: Seat | None) -> int:
    """From arrival (or the start) to leaving (or the end), within the session."""
    if seat is None or seat.status not in ATTENDED:
        return 0
    came = max(session.starts(), seat.arrived or session.starts())
    went = min(session.ends(), seat.left or session.ends())
    return max(0, int((went - came).total_seconds()) // 60)


def worked_out(minutes: int, role: Role) -> int:
    """£15 an hour, counted up to the next quarter hour, for the roles paid."""
    if role not in PAID_ROLES or minutes <= 0:
        return 0
    quarters = -(-minutes // 15)
    return quarters * 15 * HOURLY_PENCE // 60


def same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def csv_pence(text: str) -> int:
    match = re.fullmatch(r"(-?)(\d+)\.(\d\d)", text)
    assert match, f"not an amount: {text!r}"
    pence = int(match[2]) * 100 + int(match[3])
    return -pence if match[1] else pence


@dataclass
class Tally:
    """What a soak did: operations run, and of each kind how many were done or refused."""

    operations: int = 0
    outcomes: Counter[tuple[str, str]] = field(default_factory=Counter)
    files: int = 0

    def table(self) -> str:
        names = sorted({name for name, _ in self.outcomes})
        rows = [
            f"  {name:<16} {self.outcomes[name, 'done']:>6} done"
            f" {self.outcomes[name, 'refused']:>6} refused"
            for name in names
        ]
        return "\n".join([f"{self.operations:,} operations on {self.files} data files:", *rows])


# --- the machine --------------------------------------------------------------------


class SoakMachine(RuleBasedStateMachine):
    def __init__(self, folder: Path, tally: Tally) -> None:
        super().__init__()
        self.folder = folder
        self.folder.mkdir(parents=True)
        self.tally = tally
        tally.files += 1
        self.store = Store.open(folder / "facilitator.db")
        self.clock = FakeClock(NOW)
        self.claims = Claims(
            self.store, who="Soak test", today=lambda: self.clock().date(), now=self.clock
        )
        self.people: dict[int, PersonModel] = {}
        self.sessions: dict[int, SessionModel] = {}
        self.seats: dict[tuple[int, int], Seat] = {}
        self.links: dict[tuple[int, int], Relation] = {}
        """(person, who comes with them): how."""
        self.expected: dict[int, ClaimModel] = {}
        self.checkins: dict[int, CheckIn] = {}
        self.undo_stack: dict[int, list[tuple[int, Seat | None]]] = {}
        """Per session, like CheckIn's own: (person id, their seat before the change)."""
        self.steps = 0
        self.touched: set[int] = set()
        """Claims the last operation worked on: the claim screen's view of them is checked."""
        self.exports = 0
        self.erasures = 0

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- helpers ---

    def ran(self, name: str, done: bool) -> None:
        self.tally.operations += 1
        self.tally.outcomes[name, "done" if done else "refused"] += 1

    def attempt(self, name: str, allowed: bool, change: Callable[[], object]) -> object | None:
        """Do it: it must work when the test expects it to, and otherwise be refused in
        words (a sentence), changing nothing the invariants would notice."""
        try:
            result = change()
        except FacilitatorError as error:
            said = str(error).strip()
            assert not allowed, f"{name} was refused: {said}"
            assert said.endswith((".", "?", "!")), f"{name}: not a sentence: {said!r}"
            self.ran(name, False)
            return None
        assert allowed, f"{name} was done when it should have been refused"
        self.ran(name, True)
        return result if result is not None else True

    @staticmethod
    def pick(ids: list[int] | set[int], index: int) -> int:
        ordered = sorted(ids)
        return ordered[index % len(ordered)]

    def pick_claim(self, index: int, fit: bool, suits: Callable[[ClaimModel], bool]) -> int:
        suited = [c for c, model in self.expected.items() if suits(model) == fit]
        claim_id = self.pick(suited or list(self.expected), index)
        self.touched.add(claim_id)
        return claim_id

    def seat_pair(self, index: int, fit: bool) -> tuple[int, int]:
        """A (session, person): one with a seat when `fit` and there is one, else any."""
        if fit and self.seats:
            return sorted(self.seats)[index % len(self.seats)]
        session_id = self.pick(self.sessions.keys(), index)
        person_id = self.pick(self.people.keys(), index // max(1, len(self.sessions)))
        return session_id, person_id

    def checkin(self, session_id: int) -> CheckIn:
        if session_id not in self.checkins:
            self.checkins[session_id] = CheckIn(self.store, session_id, self.clock)
            self.undo_stack[session_id] = []
        return self.checkins[session_id]

    def day(self, session_id: int) -> str:
        today = self.clock().astimezone(LONDON).date()
        date = self.sessions[session_id].date
        return "ahead" if date > today else "today" if date == today else "past"

    def seat_changed(self, session_id: int, person_id: int, after: Seat | None) -> None:
        self.undo_stack[session_id].append((person_id, self.seats.get((session_id, person_id))))
        self.set_seat(session_id, person_id, after)

    def set_seat(self, session_id: int, person_id: int, seat: Seat | None) -> None:
        if seat is None:
            self.seats.pop((session_id, person_id), None)
        else:
            self.seats[session_id, person_id] = seat

    # --- people ---

    @initialize()
    def a_team_and_two_sessions(self) -> None:
        """Something for every operation to work on from the first step: three people who
        came to last week's session, one of them with a claim submitted, and a session
        today."""
        for first, last, role, payment in (
            ("Farah", "Khan", Role.LIVED_EXPERIENCE, PaymentPreference.NOT_ASKED),
            ("Eileen", "Shaw", Role.CARER, PaymentPreference.DECLINE),
            ("Tom", "Reid", Role.STAFF, PaymentPreference.NOT_ASKED),
        ):
            self.add_person(first, last, "", role, payment, "")
        self.add_session(-7, 10, 0, 120)
        self.add_session(0, 9, 30, 180)
        last_week = min(self.sessions)
        for person_id in sorted(self.people):
            self.enter(last_week, person_id)
        farah = min(self.people)
        claim_id = self.begin_claim(last_week, farah, "")
        assert claim_id is not None
        self.save_line(claim_id, ExpenseKind.PARKING, 350, confirmed=False, receipt=False)
        self.submit(0, True)

    @rule(
        first=st.sampled_from(FIRST + ODD_NAMES + (" ",)),
        last=st.sampled_from(LAST),
        phone=st.sampled_from(PHONES),
        role=st.sampled_from(Role),
        payment=st.sampled_from(PaymentPreference),
        needs=st.sampled_from(NEEDS),
    )
    def add_person(
        self,
        first: str,
        last: str,
        phone: str,
        role: Role,
        payment: PaymentPreference,
        needs: str,
    ) -> None:
        name = f"{first} {last}" if first.strip() else " "
        person = Person(name, role, phone=phone, payment=payment, access_needs=needs)
        allowed = bool(name.strip()) and phone != "12345"
        saved = self.attempt("add person", allowed, lambda: self.store.people.save(person))
        if saved is not None:
            assert isinstance(saved, Person) and saved.id is not None
            assert saved.id not in self.people
            assert (saved.name, saved.role, saved.payment) == (name, role, payment)
            self.people[saved.id] = PersonModel(name, role, payment)

    @rule(
        index=indexes,
        first=st.sampled_from(FIRST + ODD_NAMES + ("",)),
        role=st.one_of(st.none(), st.sampled_from(Role)),
        payment=st.one_of(st.none(), st.sampled_from(PaymentPreference)),
        phone=st.sampled_from(PHONES),
    )
    def edit_person(
        self,
        index: int,
        first: str,
        role: Role | None,
        payment: PaymentPreference | None,
        phone: str,
    ) -> None:
        person_id = self.pick(self.people.keys(), index)
        person = self.store.people.get(person_id)
        model = self.people[person_id]
        name = f"{first} {person.name.split()[-1]}" if first else ""
        changed = replace(
            person,
            name=name,
            role=role or person.role,
            payment=payment or person.payment,
            phone=phone,
        )
        allowed = bool(name) and phone != "12345"
        if self.attempt("edit person", allowed, lambda: self.store.people.save(changed)):
            self.people[person_id] = PersonModel(name, changed.role, changed.payment)
        else:
            assert self.store.people.get(person_id) == person
            assert model == self.people[person_id]

    @rule(index=indexes, fit=fits)
    def erase(self, index: int, fit: bool) -> None:
        """The right to erasure, as `facilitator person erase` does it: refused in words
        for someone already erased; otherwise their details go, the row stays as
        "Erased person" with their role, and their claims stay as they were (the money
        invariants check that). Someone whose full name nobody else shares is then
        nowhere in the file's bytes, nor in its write-ahead log."""
        erased = {p for p, model in self.people.items() if model.name == ERASED_NAME}
        remaining = set(self.people) - erased
        person_id = self.pick(remaining if fit and remaining else self.people.keys(), index)
        model = self.people[person_id]
        before = self.store.people.get(person_id)
        unique = (
            sum(same_name(other.name, model.name) for other in self.people.values()) == 1
            and len(model.name.strip()) >= 3
        )

        def erase() -> object:
            plan = plan_erasure(self.store, person_id)
            require_not_erased(plan)
            return erase_person(self.store, person_id, who="Soak test", now=self.clock)

        if not self.attempt("erase", person_id not in erased, erase):
            return
        self.erasures += 1
        self.people[person_id] = PersonModel(ERASED_NAME, model.role, PaymentPreference.NOT_ASKED)
        self.links = {pair: how for pair, how in self.links.items() if person_id not in pair}
        for session in self.sessions.values():
            session.co_chairs = [p for p in session.co_chairs if p != person_id]
        after = self.store.people.get(person_id)
        assert is_erased(after) and after.role is before.role
        if unique:
            pattern = re.compile(
                r"(?<!\w)" + r"\s+".join(re.escape(w) for w in model.name.split()) + r"(?!\w)",
                re.IGNORECASE,
            )
            for path in (self.store.path, self.store.path.with_name(f"{self.store.path.name}-wal")):
                if path.exists():
                    found = pattern.search(path.read_bytes().decode("utf-8", "replace"))
                    assert found is None, f"{model.name!r} is still in {path.name}"

    # --- sessions ---

    @rule(
        days=st.integers(-40, 20),
        hour=st.integers(8, 15),
        minute=st.sampled_from([0, 15, 30, 45]),
        minutes=st.sampled_from([0, 60, 90, 120, 150, 240]),
        co_chair=st.one_of(st.none(), indexes),
    )
    def add_session(
        self, days: int, hour: int, minute: int, minutes: int, co_chair: int | None = None
    ) -> None:
        date = TODAY + dt.timedelta(days=days)
        start = dt.time(hour, minute)
        end_at = dt.datetime.combine(date, start) + dt.timedelta(minutes=minutes)
        end = end_at.time()
        chairs = [] if co_chair is None or not self.people else [self.pick(self.people, co_chair)]
        session = Session(
            "Getting out and about",
            SessionKind.OVER_A_BREW,
            date,
            start,
            end,
            co_chair_ids=chairs,
        )
        saved = self.attempt("add session", minutes > 0, lambda: self.store.sessions.save(session))
        if saved is not None:
            assert isinstance(saved, Session) and saved.id is not None
            self.sessions[saved.id] = SessionModel(date, start, end, co_chairs=chairs)

    @precondition(lambda self: len(self.people) > 1)
    @rule(index=indexes, other=indexes, relation=st.sampled_from(Relation))
    def link_companion(self, index: int, other: int, relation: Relation) -> None:
        """Someone comes with someone else (or, refused, with themselves)."""
        person_id = self.pick(self.people, index)
        companion_id = self.pick(self.people, other)
        allowed = person_id != companion_id
        if self.attempt(
            "link companion",
            allowed,
            lambda: self.store.companions.link(person_id, companion_id, relation),
        ):
            self.links[person_id, companion_id] = relation

    @precondition(lambda self: self.sessions)
    @rule(index=indexes, fit=fits)
    def delete_session(self, index: int, fit: bool) -> None:
        """Allowed only for a session with no claims: payment records are kept."""
        claimed = {c.session_id for c in self.expected.values()}
        unclaimed = set(self.sessions) - claimed
        session_id = self.pick(unclaimed if fit and unclaimed else self.sessions.keys(), index)
        allowed = session_id not in claimed
        if self.attempt("delete session", allowed, lambda: self.store.sessions.delete(session_id)):
            del self.sessions[session_id]
            self.seats = {k: v for k, v in self.seats.items() if k[0] != session_id}
            self.checkins.pop(session_id, None)
            self.undo_stack.pop(session_id, None)

    # --- check-in ---

    @precondition(lambda self: self.sessions and self.people)
    @rule(index=indexes, fit=fits, minutes=later)
    def check_in(self, index: int, fit: bool, minutes: int) -> None:
        self.clock.advance(minutes=minutes)
        self.enter(*self.seat_pair(index, fit))

    @precondition(lambda self: self.sessions)
    @rule()
    def walk_in(self) -> None:
        """Someone new walks in to today's session (or the first there is): added to the
        people bank and checked in. (With no arguments, this is what hypothesis's simplest
        run does a hundred times over.)"""
        today = [s for s in self.sessions if self.day(s) == "today"]
        session_id = min(today or self.sessions)
        name = f"Walk-in {len(self.people) + 1}"
        checkin = self.checkin(session_id)
        person, change = checkin.walk_in(name, Role.CARER, "07700 900789")
        assert person.id is not None and person.id not in self.people
        assert change.new_person
        self.people[person.id] = PersonModel(name, Role.CARER, PaymentPreference.NOT_ASKED)
        self.enter(session_id, person.id, done=True)

    def enter(self, session_id: int, person_id: int, *, done: bool = False) -> None:
        """Enter at check-in: books before the day, arrives on it, records a whole
        session after it. (`done`: it was, as part of a walk-in.)"""
        seat = self.seats.get((session_id, person_id))
        day = self.day(session_id)
        if day == "ahead":
            allowed, after = seat is None, Seat(AttendanceStatus.BOOKED, booked=True)
        else:
            at = self.sessions[session_id].starts() if day == "past" else self.clock()
            allowed = seat is None or seat.status is not AttendanceStatus.ARRIVED
            booked = seat is not None and seat.booked
            if seat is not None and seat.status is AttendanceStatus.LEFT_EARLY and seat.arrived:
                after = replace(seat, status=AttendanceStatus.ARRIVED, left=None)
            else:
                after = Seat(AttendanceStatus.ARRIVED, booked=booked, arrived=at)
        if done:
            self.ran("walk in", True)
            self.seat_changed(session_id, person_id, after)
            return
        checkin = self.checkin(session_id)
        if self.attempt("check in", allowed, lambda: checkin.enter(person_id)):
            self.seat_changed(session_id, person_id, after)

    @precondition(lambda self: self.sessions and self.people)
    @rule(
        index=indexes,
        fit=fits,
        status=st.sampled_from(
            [AttendanceStatus.BOOKED, AttendanceStatus.APOLOGIES, AttendanceStatus.DID_NOT_COME]
        ),
    )
    def set_status(self, index: int, fit: bool, status: AttendanceStatus) -> None:
        session_id, person_id = self.seat_pair(index, fit)
        seat = self.seats.get((session_id, person_id))
        allowed = seat is None or seat.status is not status
        after = Seat(status, booked=seat.booked if seat else True)
        checkin = self.checkin(session_id)
        if self.attempt("set status", allowed, lambda: checkin.set_status(person_id, status)):
            self.seat_changed(session_id, person_id, after)

    @precondition(lambda self: self.seats)
    @rule(
        index=indexes,
        fit=fits,
        typed=st.one_of(st.none(), st.integers(-30, 300)),
        follow_up=st.booleans(),
        minutes=later,
    )
    def leave_early(
        self, index: int, fit: bool, typed: int | None, follow_up: bool, minutes: int
    ) -> None:
        """Leave now, or at a clock time typed as minutes after the session's start."""
        self.clock.advance(minutes=minutes)
        session_id, person_id = self.seat_pair(index, fit)
        session = self.sessions[session_id]
        seat = self.seats.get((session_id, person_id))
        at: dt.time | None = None
        if typed is not None:
            at = (session.starts() + dt.timedelta(minutes=typed)).time()
        allowed = seat is not None and seat.status in ATTENDED and seat.arrived is not None
        left = self.clock()
        if allowed and at is not None:
            assert seat is not None and seat.arrived is not None
            left = dt.datetime.combine(seat.arrived.astimezone(LONDON).date(), at, tzinfo=LONDON)
        if allowed:
            assert seat is not None and seat.arrived is not None
            allowed = seat.arrived <= left <= self.clock()
        checkin = self.checkin(session_id)
        done = self.attempt(
            "leave early",
            allowed,
            lambda: checkin.leave_early(
                person_id, at, follow_up=follow_up, note="Call tomorrow" if follow_up else ""
            ),
        )
        if done:
            assert seat is not None
            self.seat_changed(
                session_id,
                person_id,
                replace(seat, status=AttendanceStatus.LEFT_EARLY, left=left),
            )

    @precondition(lambda self: self.seats)
    @rule(index=indexes, fit=fits)
    def take_off_session(self, index: int, fit: bool) -> None:
        session_id, person_id = self.seat_pair(index, fit)
        allowed = (session_id, person_id) in self.seats
        checkin = self.checkin(session_id)
        if self.attempt("take off", allowed, lambda: checkin.remove(person_id)):
            self.seat_changed(session_id, person_id, None)

    @precondition(lambda self: any(self.undo_stack.values()))
    @rule(index=indexes, fit=fits)
    def undo_check_in(self, index: int, fit: bool) -> None:
        """Undo the last check-in change at a session (fit), or at one with none to undo."""
        undoable = [s for s, stack in self.undo_stack.items() if stack]
        session_id = self.pick(undoable if fit else self.checkins.keys(), index)
        said = self.checkins[session_id].undo()
        stack = self.undo_stack[session_id]
        assert (said is None) == (not stack)
        if stack:
            person_id, before = stack.pop()
            self.set_seat(session_id, person_id, before)
        self.ran("undo check-in", said is not None)

    # --- notes and actions ---

    @precondition(lambda self: self.sessions)
    @rule(
        index=indexes,
        text=st.sampled_from(NOTE_TEXTS),
        kind=st.sampled_from(NoteKind),
        consent=st.sampled_from(QuoteConsent),
    )
    def add_note(self, index: int, text: str, kind: NoteKind, consent: QuoteConsent) -> None:
        session_id = self.pick(self.sessions.keys(), index)
        note = Note(session_id, text, kind=kind, consent=consent, speaker="Farah")
        saved = self.store.notes.save(note)
        assert (saved is None) == (not text.strip()), "a note with no words is not kept"
        if saved is not None:
            assert saved.id is not None
            self.sessions[session_id].notes.add(saved.id)
        self.ran("add note", saved is not None)

    @precondition(lambda self: any(s.notes for s in self.sessions.values()))
    @rule(index=indexes, which=indexes, text=st.sampled_from(NOTE_TEXTS))
    def edit_note(self, index: int, which: int, text: str) -> None:
        """Changing a note; blanking it deletes it, and the actions that answered it no
        longer list it."""
        session_id = self.pick([k for k, s in self.sessions.items() if s.notes], index)
        session = self.sessions[session_id]
        note_id = self.pick(session.notes, which)
        note = self.store.notes.get(note_id)
        saved = self.store.notes.save(replace(note, text=text))
        if saved is None:
            assert not text.strip()
            session.notes.discard(note_id)
            for answers in session.actions.values():
                answers.discard(note_id)
        else:
            assert saved.text == text and saved.id == note_id
        self.ran("edit note", True)

    @precondition(lambda self: self.sessions)
    @rule(
        index=indexes,
        what=st.sampled_from(["Ask for a later bus", "", "Send the new form out"]),
        answers=st.lists(indexes, max_size=3),
        fit=fits,
    )
    def add_action(self, index: int, what: str, answers: list[int], fit: bool) -> None:
        """An action answering notes of its own session (fit), or of any session."""
        session_id = self.pick(self.sessions.keys(), index)
        session = self.sessions[session_id]
        pool = session.notes if fit else {n for s in self.sessions.values() for n in s.notes}
        note_ids = tuple(self.pick(pool, a) for a in answers) if pool else ()
        allowed = bool(what) and set(note_ids) <= session.notes
        action = Action(session_id, what, owner="Team", due=TODAY, note_ids=note_ids)
        saved = self.attempt("add action", allowed, lambda: self.store.actions.save(action))
        if saved is not None:
            assert isinstance(saved, Action) and saved.id is not None
            assert set(saved.note_ids) == set(note_ids)
            session.actions[saved.id] = set(note_ids)

    # --- claims ---

    @precondition(lambda self: self.sessions and self.people)
    @rule(index=indexes, fit=fits, reason=st.sampled_from(["", "Joined by phone"]))
    def start_claim(self, index: int, fit: bool, reason: str) -> None:
        self.begin_claim(*self.seat_pair(index, fit), reason)

    def begin_claim(self, session_id: int, person_id: int, reason: str) -> int | None:
        open_ids = [
            c
            for c, model in self.expected.items()
            if (model.session_id, model.person_id) == (session_id, person_id)
            and model.status in EDITABLE
            and model.corrects is None
        ]
        seat = self.seats.get((session_id, person_id))
        attended = seat is not None and seat.status in ATTENDED
        allowed = bool(open_ids) or attended or bool(reason)
        claim = self.attempt(
            "start claim", allowed, lambda: self.claims.start(session_id, person_id, reason)
        )
        if claim is None:
            return None
        assert claim.id is not None  # type: ignore[attr-defined]
        if open_ids:
            assert claim.id == max(open_ids), "the open claim is found, not a new one"  # type: ignore[attr-defined]
            return claim.id  # type: ignore[attr-defined]
        person = self.people[person_id]
        minutes = minutes_there(self.sessions[session_id], seat)
        worked = worked_out(minutes, person.role)
        pay = 0 if person.payment is PaymentPreference.DECLINE else worked
        assert claim.id not in self.expected  # type: ignore[attr-defined]
        assert claim.minutes_there == minutes  # type: ignore[attr-defined]
        self.expected[claim.id] = ClaimModel(session_id, person_id, worked, pay)  # type: ignore[attr-defined]
        self.touched.add(claim.id)  # type: ignore[attr-defined]
        return claim.id  # type: ignore[attr-defined]

    @precondition(some_claim(lambda c: c.editable))
    @rule(
        index=indexes,
        fit=fits,
        kind=st.sampled_from(
            [
                ExpenseKind.PARKING,
                ExpenseKind.PUBLIC_TRANSPORT,
                ExpenseKind.MEALS,
                ExpenseKind.TAXI,
                ExpenseKind.CARE,
                ExpenseKind.OTHER,
                ExpenseKind.MILEAGE,
            ]
        ),
        pence=st.one_of(st.integers(1, 20_000), st.integers(CONFIRM_OVER - 5, 150_000)),
        confirmed=st.booleans(),
        receipt=st.booleans(),
    )
    def add_line(
        self,
        index: int,
        fit: bool,
        kind: ExpenseKind,
        pence: int,
        confirmed: bool,
        receipt: bool,
    ) -> None:
        claim_id = self.pick_claim(index, fit, lambda c: c.editable)
        self.save_line(claim_id, kind, pence, confirmed=confirmed, receipt=receipt)

    def save_line(
        self, claim_id: int, kind: ExpenseKind, pence: int, *, confirmed: bool, receipt: bool
    ) -> None:
        """A line typed in pounds, or (mileage) `pence` hundredths of a mile by bicycle."""
        if kind is ExpenseKind.MILEAGE:
            miles = pence % 50_000 + 1
            typed = LineInput(
                kind, miles=f"{miles // 100}.{miles % 100:02d}", vehicle=Vehicle.BICYCLE
            )
            amount = (BICYCLE_PENCE * miles * 2 + 100) // 200  # halves of a penny go up
            valid = True
        else:
            typed = LineInput(
                kind,
                amount=f"{pence // 100}.{pence % 100:02d}",
                description="Bus fare",
                why="Step-free",
                hours="2" if kind is ExpenseKind.CARE else "",
                receipt_held=receipt,
                confirmed=confirmed,
            )
            amount, valid = pence, confirmed or pence <= CONFIRM_OVER
        model = self.expected[claim_id]
        line = self.attempt(
            "add line", model.editable and valid, lambda: self.claims.save_line(claim_id, typed)
        )
        if line is not None:
            assert line.amount_pence == amount  # type: ignore[attr-defined]
            model.lines[line.id] = amount  # type: ignore[attr-defined]
            model.audit += 1

    def pick_line(self, index: int, which: int, fit: bool) -> tuple[int, int]:
        claim_id = self.pick_claim(index, fit, editable_with_lines)
        lines = self.expected[claim_id].lines
        if not lines:  # a line of another claim: refused
            other = next(c for c in self.expected.values() if c.lines)
            return claim_id, self.pick(other.lines.keys(), which)
        return claim_id, self.pick(lines.keys(), which)

    @precondition(some_claim(editable_with_lines))
    @rule(index=indexes, which=indexes, fit=fits, pence=st.integers(1, 9_999))
    def edit_line(self, index: int, which: int, fit: bool, pence: int) -> None:
        claim_id, line_id = self.pick_line(index, which, fit)
        model = self.expected[claim_id]
        typed = LineInput(ExpenseKind.OTHER, amount=f"{pence / 100:.2f}", description="Stamps")
        allowed = model.editable and line_id in model.lines
        if self.attempt(
            "edit line", allowed, lambda: self.claims.save_line(claim_id, typed, line_id=line_id)
        ):
            model.lines[line_id] = pence
            model.audit += 1

    @precondition(some_claim(editable_with_lines))
    @rule(index=indexes, which=indexes, fit=fits)
    def remove_line(self, index: int, which: int, fit: bool) -> None:
        claim_id, line_id = self.pick_line(index, which, fit)
        model = self.expected[claim_id]
        allowed = model.editable and line_id in model.lines
        if self.attempt("remove line", allowed, lambda: self.claims.remove_line(claim_id, line_id)):
            del model.lines[line_id]
            model.audit += 1

    @precondition(some_claim(lambda c: c.editable))
    @rule(
        index=indexes,
        fit=fits,
        choice=st.sampled_from(PaymentChoice),
        pence=st.one_of(st.none(), st.integers(0, 10_000)),
        reason=st.sampled_from(["", "Agreed with the person"]),
    )
    def set_payment(
        self, index: int, fit: bool, choice: PaymentChoice, pence: int | None, reason: str
    ) -> None:
        claim_id = self.pick_claim(index, fit, lambda c: c.editable)
        model = self.expected[claim_id]
        worked = model.worked_out
        pay: int | None  # None: the rules refuse it
        if choice is PaymentChoice.DECLINE:
            pay = 0
        elif choice is PaymentChoice.LOWER:
            pay = pence if pence is not None and pence < worked else None
        elif pence is None or pence == worked:
            pay = worked
        else:
            pay = pence if reason else None
        amount = "" if pence is None else f"{pence // 100}.{pence % 100:02d}"
        changed = self.attempt(
            "set payment",
            model.editable and pay is not None,
            lambda: self.claims.set_payment(
                claim_id, choice, amount=amount, reason=reason, charity="Mind"
            ),
        )
        if changed is not None:
            assert changed.involvement_pence == pay  # type: ignore[attr-defined]
            model.involvement = pay  # type: ignore[assignment]
            model.audit += 1

    def workflow(
        self, step: str, name: str, index: int, fit: bool, do: Callable[[int], object]
    ) -> None:
        _, leads_to = STEPS[step]
        suits = suits_step(step)
        claim_id = self.pick_claim(index, fit, suits)
        model = self.expected[claim_id]
        if self.attempt(name, suits(model), lambda: do(claim_id)):
            model.status = leads_to
            model.audit += 1

    @precondition(some_claim(suits_step("submit")))
    @rule(index=indexes, fit=fits)
    def submit(self, index: int, fit: bool) -> None:
        self.workflow("submit", "submit", index, fit, self.claims.submit)

    @precondition(some_claim(suits_step("return")))
    @rule(index=indexes, fit=fits)
    def send_back(self, index: int, fit: bool) -> None:
        self.workflow("return", "send back", index, fit, self.claims.send_back)

    @precondition(some_claim(suits_step("approve")))
    @rule(index=indexes, fit=fits)
    def approve(self, index: int, fit: bool) -> None:
        """With an override reason, so lines over a limit or without a receipt pass."""
        self.workflow("approve", "approve", index, fit, lambda c: self.claims.approve(c, OVERRIDE))

    @precondition(some_claim(suits_step("reject")))
    @rule(index=indexes, fit=fits)
    def reject(self, index: int, fit: bool) -> None:
        self.workflow("reject", "reject", index, fit, lambda c: self.claims.reject(c, "Duplicate"))

    @precondition(some_claim(suits_step("pay")))
    @rule(index=indexes, fit=fits)
    def pay(self, index: int, fit: bool) -> None:
        self.workflow("pay", "pay", index, fit, self.claims.mark_paid)

    @precondition(some_claim(suits_step("pay_at_venue")))
    @rule(index=indexes, fit=fits, how=st.sampled_from(VenuePayment))
    def pay_at_venue(self, index: int, fit: bool, how: VenuePayment) -> None:
        self.workflow(
            "pay_at_venue",
            "pay at venue",
            index,
            fit,
            lambda c: self.claims.pay_at_venue(c, how, OVERRIDE),
        )

    @precondition(some_claim(suits_step("cancel")))
    @rule(index=indexes, fit=fits)
    def cancel(self, index: int, fit: bool) -> None:
        self.workflow("cancel", "cancel", index, fit, lambda c: self.claims.cancel(c, "Mistake"))

    @precondition(some_claim(reversible))
    @rule(index=indexes, fit=fits)
    def reverse(self, index: int, fit: bool) -> None:
        claim_id = self.pick_claim(index, fit, reversible)
        model = self.expected[claim_id]
        correction = self.attempt(
            "reverse", reversible(model), lambda: self.claims.reverse(claim_id, "Paid twice")
        )
        if correction is None:
            return
        new_id = correction.id  # type: ignore[attr-defined]
        assert new_id not in self.expected
        new_lines = sorted(line.id for line in self.store.claims.lines(new_id))
        old_amounts = [model.lines[i] for i in sorted(model.lines)]
        self.expected[new_id] = ClaimModel(
            model.session_id,
            model.person_id,
            worked_out=-model.worked_out,
            involvement=-model.involvement,
            status=S.APPROVED,
            lines={i: -a for i, a in zip(new_lines, old_amounts, strict=True)},
            corrects=claim_id,
        )
        model.reversed_by = new_id
        self.touched.add(new_id)
        model.audit += 1

    # --- files ---

    @precondition(lambda self: self.expected)
    @rule(
        index=indexes,
        by_session=st.booleans(),
        statuses=st.sets(st.sampled_from(ClaimStatus), max_size=3),
    )
    def export_finance_csv(self, index: int, by_session: bool, statuses: set[ClaimStatus]) -> None:
        """The finance CSV: its rows sum to the claims that count, expenses and payments for
        time apart, and hold exactly the claims with money in them."""
        session_id = self.pick({c.session_id for c in self.expected.values()}, index)
        wanted = ClaimFilter(
            statuses=tuple(sorted(statuses)), session_id=session_id if by_session else None
        )
        sent = [s for s in (statuses or set(ClaimStatus)) if s in COUNTING]
        self.exports += 1
        path = self.folder / f"finance-{self.exports}.csv"
        summary = self.attempt(
            "export csv", bool(sent), lambda: write_finance_csv(self.store, wanted, path)
        )
        if summary is None:
            assert not path.exists(), "a refused export leaves no file"
            return
        claims = {
            c: m
            for c, m in self.expected.items()
            if m.status in sent and (not by_session or m.session_id == session_id)
        }
        want = sum((m.totals() for m in claims.values()), Totals())
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = list(csv.DictReader(file))
        got = Totals(
            sum(csv_pence(r["Amount"]) for r in rows if r["Type"] == "Expense"),
            sum(csv_pence(r["Amount"]) for r in rows if r["Type"] == "Involvement payment"),
        )
        assert got == want
        assert (summary.expenses_pence, summary.involvement_pence) == (  # type: ignore[attr-defined]
            want.expenses,
            want.involvement,
        )
        listing = self.claims.listing(replace(wanted, statuses=tuple(sorted(sent))))
        assert listing.totals == want
        with_money = {f"C{c:04d}" for c, m in claims.items() if m.lines or m.involvement}
        assert {r["Claim"] for r in rows} == with_money
        assert len(rows) == sum(len(m.lines) + bool(m.involvement) for m in claims.values())
        for row in rows:
            assert not row["Person"].startswith(("=", "+", "-", "@")), row["Person"]
        path.unlink()

    @precondition(lambda self: self.sessions)
    @rule(index=indexes, word=st.sampled_from([False, False, False, True]))
    def export_register(self, index: int, word: bool) -> None:
        """The register holds one row for everyone on the session, whatever they did.
        (The Word one takes a tenth of a second, so it is written a quarter of the time.)"""
        session_id = self.pick(self.sessions.keys(), index)
        register = register_for(self.store, session_id, now=self.clock())
        on_session = {p for (s, p), _ in self.seats.items() if s == session_id}
        assert len(register.entries) == len(on_session)
        assert register.came == sum(
            1 for (s, _), seat in self.seats.items() if s == session_id and seat.status in ATTENDED
        )
        self.exports += 1
        path = self.folder / f"register-{self.exports}.{'docx' if word else 'csv'}"
        if word:
            write_register(register, "Soak test", path)
        else:
            write_register_csv(register, path)
            with path.open(encoding="utf-8-sig", newline="") as file:
                assert len(list(csv.DictReader(file))) == len(on_session)
        assert path.stat().st_size > 0
        path.unlink()
        self.ran("export register", True)

    @precondition(lambda self: self.sessions)
    @rule(index=indexes, easy_read=st.booleans())
    def export_summary(self, index: int, easy_read: bool) -> None:
        session_id = self.pick(self.sessions.keys(), index)
        self.exports += 1
        path = self.folder / f"summary-{self.exports}.docx"
        # A session still to come has nothing to summarise: refused in words.
        started = self.clock() >= self.sessions[session_id].starts()
        written = self.attempt(
            "export summary",
            started,
            lambda: write_summary(
                self.store, session_id, path, easy_read=easy_read, now=self.clock()
            ),
        )
        if written is not None:
            assert path.stat().st_size > 0
            path.unlink()
        else:
            assert not path.exists()

    # --- what must hold after every operation ---

    @invariant()
    def money_adds_up(self) -> None:
        stored = {
            row[0]: row[1:]
            for row in self.store.db.execute(
                "SELECT c.id, c.status, c.involvement_pence, c.worked_out_pence, c.corrects_id,"
                " r.id FROM claims c LEFT JOIN claims r ON r.corrects_id = c.id"
            )
        }
        assert set(stored) == set(self.expected)
        lines: dict[int, dict[int, int]] = {}
        for claim_id, line_id, pence, kind in self.store.db.execute(
            "SELECT claim_id, id, amount_pence, typeof(amount_pence) FROM claim_lines"
        ):
            assert kind == "integer", "money is whole pence"
            lines.setdefault(claim_id, {})[line_id] = pence
        for claim_id, model in self.expected.items():
            status, involvement, worked, corrects, reversed_by = stored[claim_id]
            assert ClaimStatus(status) is model.status, claim_id
            assert (involvement, worked) == (model.involvement, model.worked_out), claim_id
            assert (corrects, reversed_by) == (model.corrects, model.reversed_by), claim_id
            assert lines.get(claim_id, {}) == model.lines, claim_id
        listing = self.claims.listing()
        assert len(listing.rows) == len(self.expected)
        want = Totals()
        for model in self.expected.values():
            if model.status in COUNTING:
                want += model.totals()
        assert listing.totals == want
        for row in listing.rows:
            assert row.expenses_pence == self.expected[row.claim.id or 0].totals().expenses
        for claim_id in self.touched:
            view = self.claims.view(claim_id)
            model = self.expected[claim_id]
            assert (view.claim.status, view.totals) == (model.status, model.totals())
        self.touched.clear()
        for model in self.expected.values():
            if model.corrects is not None:
                original = self.expected[model.corrects]
                assert model.totals() + original.totals() == Totals(), "a reversal cancels out"

    @invariant()
    def every_claim_change_is_in_the_audit_log(self) -> None:
        counted = dict(
            self.store.db.execute(
                "SELECT claim_id, count(*) FROM audit_log GROUP BY claim_id"
            ).fetchall()
        )
        erasures = counted.pop(None, 0)
        assert erasures == self.erasures, "each erasure is in the audit log, with no claim"
        assert counted == {c: m.audit for c, m in self.expected.items()}

    @invariant()
    def nothing_is_left_dangling(self) -> None:
        db = self.store.db
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = {
            "claim lines without a claim": "SELECT count(*) FROM claim_lines l"
            " WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = l.claim_id)",
            "claims without a person or session": "SELECT count(*) FROM claims c"
            " WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = c.person_id)"
            " OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = c.session_id)",
            "audit entries without their claim": "SELECT count(*) FROM audit_log a"
            " WHERE a.claim_id IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = a.claim_id)",
            "attendance without a person or session": "SELECT count(*) FROM attendance a"
            " WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = a.person_id)"
            " OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = a.session_id)",
            "notes without a session": "SELECT count(*) FROM notes n"
            " WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = n.session_id)",
            "actions without a session": "SELECT count(*) FROM actions a"
            " WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = a.session_id)",
            "action links without their note or action": "SELECT count(*) FROM action_notes x"
            " WHERE NOT EXISTS (SELECT 1 FROM notes n WHERE n.id = x.note_id)"
            " OR NOT EXISTS (SELECT 1 FROM actions a WHERE a.id = x.action_id)",
            "actions answering another session's notes": "SELECT count(*) FROM action_notes x"
            " JOIN notes n ON n.id = x.note_id JOIN actions a ON a.id = x.action_id"
            " WHERE n.session_id != a.session_id",
            "corrections of a missing claim": "SELECT count(*) FROM claims c"
            " WHERE c.corrects_id IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM claims o WHERE o.id = c.corrects_id)",
        }
        for what, sql in orphans.items():
            assert db.execute(sql).fetchone()[0] == 0, what

    @invariant()
    def counts_match(self) -> None:
        assert self.store.people.count() == len(self.people)
        stored_people = {p.id: p for p in self.store.people.all()}
        assert set(stored_people) == set(self.people)
        for person_id, model in self.people.items():
            person = stored_people[person_id]
            assert (person.name, person.role, person.payment) == (
                model.name,
                model.role,
                model.payment,
            )
        overview = {row.id: row for row in self.store.sessions.overview()}
        assert set(overview) == set(self.sessions)
        assert self.store.sessions.count() == len(self.sessions)
        seats_by_session: dict[int, dict[int, Seat]] = {s: {} for s in self.sessions}
        for (session_id, person_id), seat in self.seats.items():
            seats_by_session[session_id][person_id] = seat
        for session_id, model in self.sessions.items():
            seats = seats_by_session[session_id]
            row = overview[session_id]
            assert row.booked == sum(seat.booked for seat in seats.values()), session_id
            assert row.attended == sum(seat.status in ATTENDED for seat in seats.values())
            stored = {a.person_id: a for a in self.store.attendance.for_session(session_id)}
            assert set(stored) == set(seats)
            for person_id, seat in seats.items():
                record = stored[person_id]
                assert record.status is seat.status, (session_id, person_id)
                assert (record.arrived_at, record.left_at) == (seat.arrived, seat.left)
            assert {n.id for n in self.store.notes.for_session(session_id)} == model.notes
            actions = {a.id: set(a.note_ids) for a in self.store.actions.for_session(session_id)}
            assert actions == model.actions
        chairs: dict[int, list[int]] = {}
        for session_id, person_id in self.store.db.execute(
            "SELECT session_id, person_id FROM session_co_chairs ORDER BY session_id, position"
        ):
            chairs.setdefault(session_id, []).append(person_id)
        assert chairs == {s: m.co_chairs for s, m in self.sessions.items() if m.co_chairs}
        links = {
            (row[0], row[1]): Relation(row[2])
            for row in self.store.db.execute(
                "SELECT person_id, companion_id, relation FROM companions"
            )
        }
        assert links == self.links

    @invariant()
    def the_file_is_sound(self) -> None:
        assert self.store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        self.steps += 1
        if self.steps % REOPEN_EVERY == 0:
            self.reopened()

    def reopened(self) -> None:
        """A second connection, as the app's next start would make, sees everything."""
        other = sqlite3.connect(self.store.path)
        try:
            assert other.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            counts = other.execute(
                "SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM sessions),"
                " (SELECT count(*) FROM claims), (SELECT coalesce(sum(amount_pence), 0)"
                " FROM claim_lines)"
            ).fetchone()
        finally:
            other.close()
        lines = sum(sum(model.lines.values()) for model in self.expected.values())
        assert counts == (len(self.people), len(self.sessions), len(self.expected), lines)


def soak(folder: Path, operations: int, steps: int = STEPS_PER_RUN) -> Tally:
    """Run state machines, `steps` operations each, until `operations` are done."""
    tally = Tally()
    made = Counter[str]()

    def machine() -> SoakMachine:
        made["runs"] += 1
        return SoakMachine(folder / f"run-{made['runs']}", tally)

    while tally.operations < operations:
        left = operations - tally.operations
        run_state_machine_as_test(
            machine,
            settings=settings(
                max_examples=max(1, -(-left // steps)),
                stateful_step_count=steps,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                print_blob=True,
            ),
        )
    return tally


def test_soak(tmp_path: Path) -> None:
    operations = the_operations()
    full = operations >= FULL_OPERATIONS
    tally = soak(tmp_path, operations, STEPS_PER_RUN if full else SHORT_STEPS_PER_RUN)
    print(tally.table())
    assert tally.operations >= operations
    if full:
        done = {name for name, outcome in tally.outcomes if outcome == "done"}
        ruled = {
            "add person", "edit person", "walk in", "link companion", "erase", "add session",
            "delete session", "check in", "set status", "leave early", "take off",
            "undo check-in", "add note", "edit note", "add action", "start claim", "add line",
            "edit line", "remove line", "set payment", "submit", "send back", "approve",
            "reject", "pay", "pay at venue", "cancel", "reverse", "export csv",
            "export register", "export summary",
        }  # fmt: skip
        assert ruled <= done, f"never done: {sorted(ruled - done)}"
