"""Claims in the data file: the m006 upgrade, lines in order, the finance CSV rows
streamed one at a time, sums for the weekly and yearly limits, and policy versions."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import types
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from sessions.claim_models import (
    AuditEntry,
    Claim,
    ClaimLine,
    ClaimStatus,
    ExpenseKind,
    PaymentChoice,
    Vehicle,
)
from sessions.claiming import Claims
from sessions.errors import FacilitatorError, NotFound
from sessions.models import AttendanceStatus, Person, Role, Session
from sessions.payment_policy import Policy, policy_to_data
from sessions.store import Store
from sessions.store.claims import ClaimFilter, ClaimSums
from sessions.store.migrations import known_names, migrations
from support import NOW

STAMP = "2025-01-02T09:00:00+00:00"


def entry(action: str = "started", claim_id: int | None = None) -> AuditEntry:
    return AuditEntry(at=NOW, who="Tester", claim_id=claim_id, action=action)


def new_claim(
    store: Store,
    session: Session,
    person: Person,
    *,
    lines: list[ClaimLine] | None = None,
    **details: object,
) -> int:
    assert session.id is not None and person.id is not None
    claim = Claim(
        session_id=session.id,
        person_id=person.id,
        started_on=session.date,
        **details,  # type: ignore[arg-type]
    )
    return store.claims.insert(claim, lines or [], entry())


def add_line(
    store: Store, claim_id: int, pence: int, kind: ExpenseKind = ExpenseKind.PARKING
) -> int:
    line = ClaimLine(kind=kind, amount_pence=pence)
    return store.claims.save_line(claim_id, line, entry("line added", claim_id))


def set_status(store: Store, claim_id: int, status: ClaimStatus) -> None:
    claim = store.claims.get(claim_id)
    store.claims.update(replace(claim, status=status), entry(status.value, claim_id))


@pytest.fixture
def farah(add_person: Callable[..., Person]) -> Person:
    return add_person()


@pytest.fixture
def brew(add_session: Callable[..., Session]) -> Session:
    return add_session(date=dt.date(2026, 11, 18))


# --- upgrading a file from before claims ----------------------------------------


def make_file_before_claims(path: Path) -> None:
    db = Database(path)
    migrations.apply(db, stop_before="m006_claims")
    db.execute(
        "INSERT INTO people (uid, created_at, updated_at, name, role)"
        " VALUES ('p-1', ?, ?, 'Eileen Shaw', 'carer')",
        [STAMP, STAMP],
    )
    db.execute(
        "INSERT INTO sessions (uid, created_at, updated_at, title, kind, date, start_time,"
        " end_time) VALUES ('s-1', ?, ?, 'Over a Brew', 'over_a_brew', '2025-01-09',"
        " '10:00', '12:00')",
        [STAMP, STAMP],
    )
    db.execute(
        "INSERT INTO attendance (uid, created_at, updated_at, session_id, person_id, status,"
        " booked_at, arrived_at) VALUES ('a-1', ?, ?, 1, 1, 'arrived', ?, ?)",
        [STAMP, STAMP, STAMP, "2025-01-09T10:30:00+00:00"],
    )
    db.conn.commit()
    db.close()


def test_a_file_from_before_claims_really_has_none(tmp_path: Path) -> None:
    path = tmp_path / "before-claims.db"
    make_file_before_claims(path)
    db = Database(path)
    assert "m006_claims" not in [m.name for m in migrations.applied(db)]
    assert not {"claims", "claim_lines", "audit_log", "payment_policies"} & set(db.table_names())
    db.close()


def test_a_file_from_before_claims_is_upgraded_and_can_claim(tmp_path: Path) -> None:
    from sessions.claiming import Claims

    path = tmp_path / "before-claims.db"
    make_file_before_claims(path)
    with Store.open(path) as store:
        assert [m.name for m in migrations.applied(store.db)] == known_names()
        assert {"claims", "claim_lines", "audit_log", "payment_policies"} <= set(
            store.db.table_names()
        )
        assert store.policies.current() == Policy()
        claims = Claims(store, who="Tester", today=lambda: dt.date(2025, 1, 10))
        claim = claims.start(1, 1)
        assert (claim.minutes_there, claim.involvement_pence) == (90, 2250)
        assert store.claims.of_session(1) == [claim]
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        with pytest.raises(FacilitatorError, match="cannot be deleted"):
            store.sessions.delete(1)
    with Store.open(path) as again:
        assert again.claims.count_for_session(1) == 1


def test_the_new_tables_are_stamped_and_amounts_are_integers(store: Store) -> None:
    for table in ("claims", "claim_lines", "audit_log", "payment_policies"):
        columns = {row[1]: row for row in store.db.execute(f"PRAGMA table_info({table})")}
        assert columns["id"][2] == "INTEGER" and columns["id"][5] == 1
        for name in ("uid", "created_at", "updated_at"):
            assert columns[name][3] == 1, f"{table}.{name}"
    claims = {row[1]: row[2] for row in store.db.execute("PRAGMA table_info(claims)")}
    lines = {row[1]: row[2] for row in store.db.execute("PRAGMA table_info(claim_lines)")}
    for name in ("worked_out_pence", "involvement_pence", "minutes_there"):
        assert claims[name] == "INTEGER"
    for name in ("amount_pence", "miles_hundredths", "hours_hundredths"):
        assert lines[name] == "INTEGER"


# --- claims and lines -----------------------------------------------------------


def test_a_claim_reads_back_as_it_was_stored(store: Store, brew: Session, farah: Person) -> None:
    claim_id = new_claim(
        store,
        brew,
        farah,
        minutes_there=105,
        worked_out_pence=2625,
        involvement_pence=2000,
        choice=PaymentChoice.LOWER,
        submitted_at=NOW,
    )
    claim = store.claims.get(claim_id)
    assert claim.id == claim_id and claim.uid
    assert (claim.session_id, claim.person_id) == (brew.id, farah.id)
    assert (claim.minutes_there, claim.worked_out_pence, claim.involvement_pence) == (
        105,
        2625,
        2000,
    )
    assert claim.choice is PaymentChoice.LOWER
    assert claim.submitted_at == NOW
    assert claim.started_on == brew.date
    assert claim.reversed_by_id is None


def test_a_missing_claim_is_said_in_words(store: Store) -> None:
    with pytest.raises(NotFound) as caught:
        store.claims.get(99)
    assert str(caught.value) == "That claim is no longer there."


def test_a_claim_needs_its_session_and_person(store: Store, brew: Session, farah: Person) -> None:
    with pytest.raises(NotFound, match=r"That session has been deleted\."):
        new_claim(store, replace(brew, id=99), farah)
    with pytest.raises(NotFound, match="no longer in the people bank"):
        new_claim(store, brew, replace(farah, id=99))
    assert store.db.execute("SELECT count(*) FROM claims").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0


def test_lines_keep_their_order(store: Store, brew: Session, farah: Person) -> None:
    claim_id = new_claim(store, brew, farah)
    first, second, third = (add_line(store, claim_id, pence) for pence in (100, 200, 300))
    assert [line.position for line in store.claims.lines(claim_id)] == [1, 2, 3]
    changed = replace(store.claims.lines(claim_id)[0], amount_pence=150)
    store.claims.save_line(claim_id, changed, entry("line changed", claim_id))
    store.claims.remove_line(second, entry("line removed", claim_id))
    fourth = add_line(store, claim_id, 400)
    lines = store.claims.lines(claim_id)
    assert [line.id for line in lines] == [first, third, fourth]
    assert [line.amount_pence for line in lines] == [150, 300, 400]
    assert [line.position for line in lines] == [1, 3, 4]
    assert all(line.claim_id == claim_id for line in lines)


def test_lines_inserted_with_a_claim_are_numbered_in_order(
    store: Store, brew: Session, farah: Person
) -> None:
    lines = [
        ClaimLine(ExpenseKind.MILEAGE, 563, miles_hundredths=1250, vehicle=Vehicle.CAR),
        ClaimLine(ExpenseKind.CARE, 3000, hours_hundredths=300, receipt_held=True),
        ClaimLine(ExpenseKind.TAXI, 1240, why="Access", receipt_ref="R-1"),
    ]
    claim_id = new_claim(store, brew, farah, lines=lines)
    back = store.claims.lines(claim_id)
    assert [replace(line, id=None, claim_id=None, position=0) for line in back] == lines
    assert [line.position for line in back] == [1, 2, 3]


def test_removing_a_line_twice_is_said_in_words(store: Store, brew: Session, farah: Person) -> None:
    claim_id = new_claim(store, brew, farah)
    line_id = add_line(store, claim_id, 100)
    store.claims.remove_line(line_id, entry("line removed", claim_id))
    with pytest.raises(NotFound, match=r"That line of the claim has been removed\."):
        store.claims.remove_line(line_id, entry("line removed", claim_id))


def test_every_change_writes_one_audit_entry(store: Store, brew: Session, farah: Person) -> None:
    claim_id = new_claim(store, brew, farah)
    line_id = add_line(store, claim_id, 100)
    store.claims.remove_line(line_id, entry("line removed", claim_id))
    set_status(store, claim_id, ClaimStatus.SUBMITTED)
    trail = store.claims.audit_trail(claim_id)
    assert [e.action for e in trail] == ["started", "line added", "line removed", "submitted"]
    assert all(e.who == "Tester" and e.at == NOW for e in trail)


def test_open_for_finds_the_draft_or_submitted_claim(
    store: Store, brew: Session, farah: Person
) -> None:
    assert brew.id is not None and farah.id is not None
    assert store.claims.open_for(brew.id, farah.id) is None
    claim_id = new_claim(store, brew, farah)
    assert store.claims.open_for(brew.id, farah.id).id == claim_id  # type: ignore[union-attr]
    set_status(store, claim_id, ClaimStatus.SUBMITTED)
    assert store.claims.open_for(brew.id, farah.id).id == claim_id  # type: ignore[union-attr]
    set_status(store, claim_id, ClaimStatus.APPROVED)
    assert store.claims.open_for(brew.id, farah.id) is None


def test_a_correction_shows_on_the_claim_it_reverses(
    store: Store, brew: Session, farah: Person
) -> None:
    original = new_claim(store, brew, farah, status=ClaimStatus.APPROVED)
    correction = new_claim(store, brew, farah, status=ClaimStatus.APPROVED, corrects_id=original)
    assert store.claims.get(original).reversed_by_id == correction
    assert store.claims.get(correction).is_correction
    with pytest.raises(sqlite3.IntegrityError):  # the data file refuses a second correction
        new_claim(store, brew, farah, corrects_id=original)


# --- the list and its filters ---------------------------------------------------


def test_listing_filters_and_sums_lines(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> None:
    ann, ben = add_person("Ann Lee"), add_person("Ben Okafor", preferred_name="Benny")
    early, late = (
        add_session("Early", date=dt.date(2026, 10, 1)),
        add_session("Late", date=dt.date(2026, 11, 1)),
    )
    a = new_claim(store, early, ann, involvement_pence=3000)
    b = new_claim(store, late, ben, involvement_pence=1500, status=ClaimStatus.SUBMITTED)
    for pence in (100, 250):
        add_line(store, a, pence)
    rows = store.claims.listing(ClaimFilter())
    assert [row.claim.id for row in rows] == [b, a], "newest session first"
    assert (rows[1].expenses_pence, rows[1].lines, rows[1].person_name) == (350, 2, "Ann Lee")
    assert (rows[0].expenses_pence, rows[0].lines, rows[0].session_title) == (0, 0, "Late")

    def ids(wanted: ClaimFilter) -> list[int | None]:
        return [row.claim.id for row in store.claims.listing(wanted)]

    assert ids(ClaimFilter(statuses=(ClaimStatus.SUBMITTED,))) == [b]
    assert ids(ClaimFilter(statuses=(ClaimStatus.DRAFT, ClaimStatus.SUBMITTED))) == [b, a]
    assert ids(ClaimFilter(session_id=early.id)) == [a]
    assert ids(ClaimFilter(person_id=ben.id)) == [b]
    assert ids(ClaimFilter(person_text="benny")) == [b]
    assert ids(ClaimFilter(person_text="  lee ")) == [a]
    assert ids(ClaimFilter(date_from=dt.date(2026, 11, 1))) == [b]
    assert ids(ClaimFilter(date_to=dt.date(2026, 10, 1))) == [a]
    assert ids(ClaimFilter(date_from=dt.date(2026, 10, 2), date_to=dt.date(2026, 10, 31))) == []


# --- the finance CSV rows -------------------------------------------------------


def test_csv_lines_stream_each_line_and_non_zero_involvement(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> None:
    ann, ben = add_person("Ann Lee"), add_person("Ben Okafor")
    early, late = (
        add_session("Early", date=dt.date(2026, 10, 1)),
        add_session("Late", date=dt.date(2026, 11, 1)),
    )
    declined = new_claim(store, late, ben, choice=PaymentChoice.DECLINE, worked_out_pence=3000)
    paid = new_claim(store, early, ann, involvement_pence=3000, choice=PaymentChoice.VOUCHER)
    add_line(store, paid, 480, ExpenseKind.PUBLIC_TRANSPORT)
    add_line(store, paid, 350)
    add_line(store, declined, 1240, ExpenseKind.TAXI)

    rows = store.claims.csv_lines(ClaimFilter())
    assert isinstance(rows, types.GeneratorType), "rows are streamed, not built as a list"
    first = next(rows)
    assert (first.claim_id, first.kind, first.amount_pence) == (
        paid,
        ExpenseKind.PUBLIC_TRANSPORT,
        480,
    )
    rest = list(rows)
    assert [(r.claim_id, r.kind, r.amount_pence) for r in rest] == [
        (paid, ExpenseKind.PARKING, 350),
        (paid, None, 3000),
        (declined, ExpenseKind.TAXI, 1240),
    ], "by session date, each claim's lines then its payment; none for a declined one"
    involvement = rest[1]
    assert involvement.description == PaymentChoice.VOUCHER.value
    assert (involvement.person_name, involvement.session_title) == ("Ann Lee", "Early")
    assert involvement.session_date == dt.date(2026, 10, 1)
    assert involvement.status is ClaimStatus.DRAFT
    total = sum(r.amount_pence for r in [first, *rest])
    listed = sum(
        row.expenses_pence + row.claim.involvement_pence
        for row in store.claims.listing(ClaimFilter())
    )
    assert total == listed == 480 + 350 + 3000 + 1240


def test_csv_lines_follow_the_filter(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> None:
    ann = add_person("Ann Lee")
    early, late = (
        add_session("Early", date=dt.date(2026, 10, 1)),
        add_session("Late", date=dt.date(2026, 11, 1)),
    )
    approved = new_claim(store, early, ann, involvement_pence=1500, status=ClaimStatus.APPROVED)
    draft = new_claim(store, late, ann, involvement_pence=1500)
    add_line(store, approved, 100)
    add_line(store, draft, 200)
    wanted = ClaimFilter(statuses=(ClaimStatus.APPROVED,))
    assert [(r.claim_id, r.amount_pence) for r in store.claims.csv_lines(wanted)] == [
        (approved, 100),
        (approved, 1500),
    ]
    since = ClaimFilter(date_from=dt.date(2026, 10, 15))
    assert {r.claim_id for r in store.claims.csv_lines(since)} == {draft}
    assert list(store.claims.csv_lines(ClaimFilter(person_text="nobody"))) == []


def test_csv_lines_carry_their_claim_and_keep_claims_of_one_day_apart(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> None:
    """Rows come by session date, then claim; each carries the claim as `get` gives it,
    so the finance CSV needs nothing more from the file. A claim with no lines still
    has its payment for time."""
    ann, ben = add_person("Ann Lee"), add_person("Ben Okafor")
    morning = add_session("Morning", date=dt.date(2026, 10, 1))
    afternoon = add_session("Afternoon", date=dt.date(2026, 10, 1))
    first = new_claim(store, afternoon, ann, involvement_pence=2000)
    second = new_claim(store, morning, ben, involvement_pence=1500)
    third = new_claim(store, afternoon, ben, involvement_pence=0)
    add_line(store, first, 300)
    add_line(store, third, 700)
    add_line(store, first, 400, ExpenseKind.TAXI)
    rows = list(store.claims.csv_lines(ClaimFilter()))
    assert [(r.claim_id, r.kind, r.amount_pence) for r in rows] == [
        (first, ExpenseKind.PARKING, 300),
        (first, ExpenseKind.TAXI, 400),
        (first, None, 2000),
        (second, None, 1500),
        (third, ExpenseKind.PARKING, 700),
    ]
    assert all(r.claim == store.claims.get(r.claim_id) for r in rows)
    assert [r.session_title for r in rows] == ["Afternoon"] * 3 + ["Morning", "Afternoon"]


def test_sums_count_the_claims_and_total_only_those_that_count(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> None:
    ann = add_person("Ann Lee")
    early, late = (
        add_session("Early", date=dt.date(2026, 10, 1)),
        add_session("Late", date=dt.date(2026, 11, 1)),
    )
    paid = new_claim(store, early, ann, involvement_pence=3000, status=ClaimStatus.PAID)
    rejected = new_claim(store, late, ann, involvement_pence=1500, status=ClaimStatus.REJECTED)
    add_line(store, paid, 480)
    add_line(store, paid, 20)
    add_line(store, rejected, 999)
    assert store.claims.sums(ClaimFilter()) == ClaimSums(
        claims=2, expenses_pence=500, involvement_pence=3000
    )
    since = ClaimFilter(date_from=dt.date(2026, 10, 15))
    assert store.claims.sums(since) == ClaimSums(claims=1, expenses_pence=0, involvement_pence=0)
    assert store.claims.sums(ClaimFilter(person_text="nobody")) == ClaimSums(0, 0, 0)
    listing = Claims(store).listing(ClaimFilter())
    assert (listing.totals.expenses, listing.totals.involvement) == (500, 3000)


# --- sums for the limits --------------------------------------------------------


def test_involvement_between_counts_only_claims_that_count(
    store: Store, farah: Person, add_session: Callable[..., Session]
) -> None:
    assert farah.id is not None
    days = [dt.date(2026, 11, d) for d in (16, 18, 20, 23)]
    sessions = [add_session(f"S{n}", date=day) for n, day in enumerate(days)]
    made = [new_claim(store, s, farah, involvement_pence=1000) for s in sessions]
    set_status(store, made[1], ClaimStatus.REJECTED)
    set_status(store, made[2], ClaimStatus.CANCELLED)
    week = (dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    assert store.claims.involvement_between(farah.id, *week) == 1000
    assert store.claims.involvement_between(farah.id, *week, leave_out=made[0]) == 0
    assert store.claims.involvement_between(farah.id, days[0], days[-1]) == 2000


def test_miles_between_counts_car_miles_of_earlier_claims(
    store: Store, farah: Person, add_session: Callable[..., Session]
) -> None:
    assert farah.id is not None
    first, second, third = (add_session(f"S{n}", date=dt.date(2026, 10, n)) for n in (1, 2, 3))

    def mileage_claim(session: Session, miles: int, vehicle: Vehicle = Vehicle.CAR) -> int:
        line = ClaimLine(ExpenseKind.MILEAGE, 1, miles_hundredths=miles, vehicle=vehicle)
        return new_claim(store, session, farah, lines=[line], status=ClaimStatus.APPROVED)

    a = mileage_claim(first, 10_000)
    mileage_claim(first, 5_000, Vehicle.BICYCLE)
    b = mileage_claim(second, 2_000)
    year = (dt.date(2026, 4, 6), dt.date(2027, 4, 5))
    assert store.claims.miles_between(farah.id, *year) == 12_000
    assert store.claims.miles_between(farah.id, *year, before_claim=b) == 10_000
    assert store.claims.miles_between(farah.id, *year, before_claim=a) == 0
    line = ClaimLine(ExpenseKind.MILEAGE, -1, miles_hundredths=10_000, vehicle=Vehicle.CAR)
    new_claim(store, third, farah, lines=[line], status=ClaimStatus.APPROVED, corrects_id=a)
    assert store.claims.miles_between(farah.id, *year) == 2_000, "a reversal cancels out"


# --- policy versions ------------------------------------------------------------


def test_a_new_file_uses_the_built_in_policy(store: Store) -> None:
    assert store.policies.current() == Policy()
    assert store.policies.version(1) == Policy()
    assert store.policies.version(3) == Policy(version=3)
    assert store.db.execute("SELECT count(*) FROM payment_policies").fetchone()[0] == 0


def test_the_first_save_keeps_the_built_in_policy_as_version_1(store: Store) -> None:
    changed = replace(Policy(), hourly_pence=2000, deadline_days=30)
    saved = store.policies.save(changed)
    assert saved == replace(changed, version=2)
    rows = list(store.db.query("SELECT version, policy FROM payment_policies ORDER BY version"))
    assert [row["version"] for row in rows] == [1, 2]
    assert json.loads(rows[0]["policy"]) == policy_to_data(Policy())
    assert store.policies.version(1) == Policy()
    assert store.policies.version(2) == saved
    assert store.policies.current() == saved
    again = store.policies.save(replace(saved, hourly_pence=2500))
    assert again.version == 3
    assert store.policies.current().hourly_pence == 2500
    assert store.policies.version(2).hourly_pence == 2000


def test_a_saved_policy_keeps_every_field(store: Store) -> None:
    from sessions.payment_policy import Band, InvolvementMode, KindRule, PartHours

    changed = replace(
        Policy(),
        involvement_mode=InvolvementMode.BANDS,
        part_hours=PartHours.HOUR_UP,
        bands=(Band("Morning", 180, 2500),),
        paid_roles=frozenset({Role.CARER}),
        kinds={**Policy().kinds, ExpenseKind.MEALS: KindRule(cap_pence=1500, cost_code="FOOD")},
        declaration="Signed.",
    )
    saved = store.policies.save(changed)
    assert store.policies.current() == saved == replace(changed, version=2)


def test_attendance_is_not_needed_to_store_a_claim(
    store: Store, brew: Session, farah: Person
) -> None:
    """The store keeps what the service decides: the not-there rule lives in Claims."""
    assert brew.id is not None and farah.id is not None
    assert store.attendance.get(brew.id, farah.id) is None
    claim_id = new_claim(store, brew, farah, not_there_reason="Rang in")
    assert store.claims.get(claim_id).not_there_reason == "Rang in"
    store.attendance.record(brew.id, farah.id, AttendanceStatus.ARRIVED)
    assert store.claims.get(claim_id).not_there_reason == "Rang in"
