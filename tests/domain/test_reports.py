"""The progress report's figures, each against answers worked out by hand.

The data (all dates 2026 unless said; the report runs 1 Jan to 30 Jun, on 1 May):

    people  A, B, E lived experience; C carer; D staff
    S4  1 Dec 2025  Carers Voice     B came                      (before the range)
    S1 15 Jan 10:00-12:00 Listening Space, Carers Voice
           A 10:00-12:00 (120 min), B 10:30-end (90), D no times (120), C apologies
    S2 10 Feb 13:00-15:00 Over a Brew, no project
           A (120), C (120), E left early 13:00-14:00 (60)
    S3 20 Apr 10:00-11:30 Project meeting, Carers Voice
           A (90), E (90), B did not come
    S5  5 May  Carers Voice     A booked                     (not held by 1 May)
"""

from __future__ import annotations

import datetime as dt

import pytest

from sessions import reports
from sessions.claim_models import AuditEntry, Claim, ClaimLine, ClaimStatus, ExpenseKind
from sessions.clock import at_venue
from sessions.models import (
    Action,
    ActionStatus,
    AttendanceStatus,
    Person,
    Role,
    Session,
    SessionKind,
)
from sessions.project_models import Rung
from sessions.reports import build_report, quarter_label, quarter_of
from sessions.store import Store

START, END, TODAY = dt.date(2026, 1, 1), dt.date(2026, 6, 30), dt.date(2026, 5, 1)
CARERS = "Carers Voice"


def utc(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)


@pytest.fixture
def data(store: Store) -> dict[str, int]:
    ids: dict[str, int] = {}
    for key, name, role in (
        ("A", "Amira Khan", Role.LIVED_EXPERIENCE),
        ("B", "Ben Price", Role.LIVED_EXPERIENCE),
        ("C", "Carol Hughes", Role.CARER),
        ("D", "Dev Patel", Role.STAFF),
        ("E", "Eileen Walsh", Role.LIVED_EXPERIENCE),
    ):
        ids[key] = store.people.save(Person(name=name, role=role)).id or 0

    def session(key: str, day: dt.date, kind: SessionKind, start: int, end: dt.time, project: str):
        saved = store.sessions.save(
            Session(key, kind, day, dt.time(start), end, project_name=project)
        )
        ids[key] = saved.id or 0
        return day

    def came(key: str, who: str, status=AttendanceStatus.ARRIVED, arrived=None, left=None):
        store.attendance.record(ids[key], ids[who], status, arrived_at=arrived, left_at=left)

    s4 = session("S4", dt.date(2025, 12, 1), SessionKind.PROJECT_MEETING, 10, dt.time(12), CARERS)
    came("S4", "B")
    s1 = session("S1", dt.date(2026, 1, 15), SessionKind.LISTENING_SPACE, 10, dt.time(12), CARERS)
    came("S1", "A", arrived=at_venue(s1, dt.time(10)), left=at_venue(s1, dt.time(12)))
    came("S1", "B", arrived=at_venue(s1, dt.time(10, 30)))
    came("S1", "D")
    came("S1", "C", AttendanceStatus.APOLOGIES)
    s2 = session("S2", dt.date(2026, 2, 10), SessionKind.OVER_A_BREW, 13, dt.time(15), "")
    came("S2", "A")
    came("S2", "C")
    came(
        "S2",
        "E",
        AttendanceStatus.LEFT_EARLY,
        arrived=at_venue(s2, dt.time(13)),
        left=at_venue(s2, dt.time(14)),
    )
    s3 = session(
        "S3", dt.date(2026, 4, 20), SessionKind.PROJECT_MEETING, 10, dt.time(11, 30), CARERS
    )
    came("S3", "A")
    came("S3", "E")
    came("S3", "B", AttendanceStatus.DID_NOT_COME)
    session("S5", dt.date(2026, 5, 5), SessionKind.PROJECT_MEETING, 10, dt.time(12), CARERS)
    came("S5", "A", AttendanceStatus.BOOKED)

    def action(key: str, what: str, status=ActionStatus.OPEN, due=None, closed=None):
        saved = store.actions.save(Action(ids[key], what, due=due))
        if closed is not None:
            store.actions.set_status(saved.id or 0, status, on=closed)

    action("S1", "Write to the bus company", ActionStatus.DONE, closed=dt.date(2026, 2, 14))
    action("S1", "Check the loop works", due=dt.date(2026, 3, 1))
    action("S2", "Ask about parking", ActionStatus.DROPPED, closed=dt.date(2026, 3, 1))
    action("S3", "Send the Easy Read notes", ActionStatus.DONE, closed=dt.date(2026, 4, 30))
    action("S4", "Book the library", ActionStatus.DONE, closed=dt.date(2026, 1, 10))
    action("S3", "Plan the summer event", due=dt.date(2026, 6, 1))
    del s3, s4

    def claim(session: str, who: str, status: ClaimStatus, pence: int, lines, paid=None):
        audit = AuditEntry(utc(START, 9), "Test", None, "started")
        made = Claim(
            ids[session],
            ids[who],
            status,
            involvement_pence=pence,
            worked_out_pence=pence,
            started_on=START,
            paid_at=paid,
        )
        store.claims.insert(made, [ClaimLine(ExpenseKind.PARKING, p) for p in lines], audit)

    claim("S1", "A", ClaimStatus.PAID, 3000, [563, 480], paid=utc(dt.date(2026, 1, 20), 10))
    # 23:30 UTC on 31 March is 00:30 on 1 April in Britain (summer time began 29 March).
    claim("S2", "C", ClaimStatus.PAID, 3000, [250], paid=utc(dt.date(2026, 3, 31), 23, 30))
    claim("S3", "E", ClaimStatus.SUBMITTED, 2250, [400])
    claim("S3", "A", ClaimStatus.REJECTED, 2250, [100])
    claim("S1", "B", ClaimStatus.PAID, 2250, [], paid=utc(dt.date(2026, 7, 2), 10))

    carers = store.projects.by_name(CARERS)
    transport = store.sessions.save(
        Session(
            "T1",
            SessionKind.OTHER,
            dt.date(2027, 1, 5),
            dt.time(10),
            dt.time(11),
            project_name="Transport",
        )
    )
    assert carers is not None and carers.id is not None and transport.id is not None
    ids["Carers Voice"] = carers.id
    rate = store.projects.rate
    rate(carers.id, Rung.CONSULTATION, dt.date(2025, 11, 1), "We asked and listened.")
    rate(carers.id, Rung.CO_DESIGN, dt.date(2026, 3, 1), "Co-chairs plan each meeting.")
    rate(carers.id, Rung.CO_PRODUCTION, dt.date(2026, 8, 1), "After the range: left out.")
    transport_id = store.projects.by_name("Transport").id  # type: ignore[union-attr]
    rate(transport_id or 0, Rung.INFORMING, dt.date(2026, 2, 1), "Newsletters only so far.")
    return ids


def test_what_was_held_and_who_came(store: Store, data: dict[str, int]) -> None:
    activity = build_report(store, START, END, TODAY).activity
    assert activity.sessions_by_kind == {
        SessionKind.LISTENING_SPACE: 1,
        SessionKind.OVER_A_BREW: 1,
        SessionKind.PROJECT_MEETING: 1,  # S5 is in range but not held by 1 May
    }
    assert activity.sessions == 3
    assert activity.session_minutes == 120 + 120 + 90
    assert activity.people_minutes == (120 + 90 + 120) + (120 + 120 + 60) + (90 + 90)
    assert activity.people_by_role == {Role.LIVED_EXPERIENCE: 3, Role.CARER: 1, Role.STAFF: 1}
    assert activity.attendances == 8


def test_reach_first_timers_and_the_same_few_voices_by_quarter(
    store: Store, data: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reports, "TOP_VOICES", 2)
    reach = build_report(store, START, END, TODAY).reach
    whole = reach.whole
    # B first came in December 2025; A, D, C and E first came in the range.
    assert (whole.people, whole.first_time, whole.attendances) == (5, 4, 8)
    # A came 3 times and E twice: the two most frequent made 5 of the 8.
    assert whole.top_attendances == 5 and whole.top_share == pytest.approx(5 / 8)
    first, second = reach.quarters
    assert (first.label, first.people, first.first_time, first.attendances) == (
        "Jan to Mar 2026",
        5,
        4,
        6,
    )
    assert first.top_attendances == 2 + 1
    assert (second.label, second.people, second.first_time, second.attendances) == (
        "Apr to Jun 2026",
        2,
        0,
        2,
    )
    assert second.top_share == 1.0


def test_one_project_counts_its_own_sessions_and_its_own_first_timers(
    store: Store, data: dict[str, int]
) -> None:
    report = build_report(store, START, END, TODAY, project_id=data["Carers Voice"])
    assert report.project_name == CARERS
    assert report.activity.sessions_by_kind == {
        SessionKind.LISTENING_SPACE: 1,
        SessionKind.PROJECT_MEETING: 1,
    }
    assert report.activity.people_minutes == (120 + 90 + 120) + (90 + 90)
    assert report.activity.people_by_role == {Role.LIVED_EXPERIENCE: 3, Role.STAFF: 1}
    # E came to the project first at S3; B had come to it in December.
    assert report.reach.whole.first_time == 3
    assert [ladder.name for ladder in report.ladders] == [CARERS]


def test_you_said_we_will_we_did(store: Store, data: dict[str, int]) -> None:
    loop = build_report(store, START, END, TODAY).loop
    assert loop.opened == 5  # agreed at S1, S2 and S3; not the one from S4
    assert (loop.done, loop.dropped) == (3, 1)  # S4's was done in the range too
    assert loop.days_to_done == [10, 30, 40]
    assert loop.median_days == 30
    assert (loop.still_to_do, loop.overdue) == (2, 1)  # due 1 March; the June one is not


def test_actions_done_after_the_range_were_still_to_do_at_its_end(
    store: Store, data: dict[str, int]
) -> None:
    # In January: S4's was done on 10 January; S1's "Write to the bus company" was done
    # only on 14 February, so on 31 January it was still to do, with "Check the loop"
    # (due 1 March, not yet overdue).
    loop = build_report(store, START, dt.date(2026, 1, 31), TODAY).loop
    assert (loop.opened, loop.done, loop.dropped) == (2, 1, 0)
    assert (loop.still_to_do, loop.overdue) == (2, 0)


def test_money_paid_by_month_in_venue_time_and_claims_waiting(
    store: Store, data: dict[str, int]
) -> None:
    money = build_report(store, START, END, TODAY).money
    by_month = {
        m.month.month: (m.involvement_pence, m.expenses_pence, m.claims) for m in money.months
    }
    assert by_month == {
        1: (3000, 563 + 480, 1),
        2: (0, 0, 0),
        3: (0, 0, 0),
        4: (3000, 250, 1),  # paid 00:30 on 1 April, British summer time
        5: (0, 0, 0),
        6: (0, 0, 0),
    }
    assert (money.involvement_pence, money.expenses_pence) == (6000, 1293)
    assert (money.waiting_claims, money.waiting_pence) == (1, 2250 + 400)


def test_the_ladder_shows_each_rating_up_to_the_end_and_the_movement(
    store: Store, data: dict[str, int]
) -> None:
    carers, transport = build_report(store, START, END, TODAY).ladders
    assert [(r.rung, r.rated_on) for r in carers.ratings] == [
        (Rung.CONSULTATION, dt.date(2025, 11, 1)),
        (Rung.CO_DESIGN, dt.date(2026, 3, 1)),
    ]
    assert carers.latest.reason == "Co-chairs plan each meeting."
    assert carers.moved == 2
    assert (transport.name, transport.latest.rung, transport.moved) == (
        "Transport",
        Rung.INFORMING,
        0,
    )


def test_quarters_are_named_in_words() -> None:
    assert quarter_of(dt.date(2026, 11, 23)) == dt.date(2026, 10, 1)
    assert quarter_label(dt.date(2026, 10, 1)) == "Oct to Dec 2026"


def test_a_quarter_the_range_covers_in_part_is_named_by_that_part(
    store: Store, data: dict[str, int]
) -> None:
    reach = build_report(store, dt.date(2026, 2, 1), dt.date(2026, 4, 30), TODAY).reach
    assert [q.label for q in reach.quarters] == ["Feb to Mar 2026", "Apr 2026"]
    assert [q.attendances for q in reach.quarters] == [3, 2]  # S2 in February, S3 in April
    reach = build_report(store, dt.date(2026, 1, 10), dt.date(2026, 3, 31), TODAY).reach
    assert [q.label for q in reach.quarters] == ["10 Jan to 31 Mar 2026"]


def test_a_range_that_ends_before_it_starts_is_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        build_report(store, END, START, TODAY)
