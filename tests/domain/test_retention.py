"""Retention: contact details and access needs of people not seen for the retention
period are listed, then erased; names, roles, attendance and claims stay."""

from __future__ import annotations

import datetime as dt

import pytest

from sessions.errors import FacilitatorError
from sessions.models import (
    AttendanceStatus,
    CommunicationPreference,
    Need,
    PaymentPreference,
    Person,
    Role,
    Session,
    SessionKind,
)
from sessions.retention import (
    DEFAULT_MONTHS,
    RETENTION_ACTION,
    RETENTION_MONTHS,
    apply_retention,
    check_retention,
    months_before,
    retention_months,
    set_retention_months,
)
from sessions.store import Store

TODAY = dt.date(2027, 1, 15)
"""24 months back is 15 January 2025."""
LONG_AGO = "2020-03-01T09:00:00+00:00"


def add(store: Store, name: str, *, added: str = LONG_AGO, **details: object) -> int:
    person = store.people.save(Person(name=name, role=Role.CARER, **details))  # type: ignore[arg-type]
    assert person.id is not None
    store.db.execute("UPDATE people SET created_at = ? WHERE id = ?", [added, person.id])
    return person.id


def session_on(store: Store, day: dt.date) -> int:
    saved = store.sessions.save(
        Session("Over a Brew", SessionKind.OVER_A_BREW, day, dt.time(10), dt.time(12))
    )
    assert saved.id is not None
    return saved.id


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    ids = {
        "seen": add(store, "Seen Recently", phone="07700 900001"),
        "lapsed": add(
            store,
            "Lapsed Lucy",
            email="lucy@example.org",
            phone="07700 900002",
            address="3 Mill Lane, Worksop",
            contact_consent=True,
            access_needs="Large print, and a seat near the door",
            communication=CommunicationPreference.POST,
            payment=PaymentPreference.VOUCHER,
            organisation="Worksop Carers",
            pronouns="she/her",
            needs=frozenset({Need.HEARING_LOOP}),
        ),
        "never": add(store, "Never Came", email="never@example.org"),
        "nothing_held": add(store, "Nothing Held"),
        "new": add(store, "New Person", added="2026-06-01T09:00:00+00:00", phone="07700 900005"),
        "booked_ahead": add(store, "Booked Ahead", email="ahead@example.org"),
    }
    old = session_on(store, dt.date(2024, 10, 1))
    recent = session_on(store, dt.date(2026, 5, 1))
    coming = session_on(store, dt.date(2027, 2, 1))
    store.attendance.record(old, ids["lapsed"], AttendanceStatus.ARRIVED)
    store.attendance.record(old, ids["seen"], AttendanceStatus.ARRIVED)
    store.attendance.record(recent, ids["seen"], AttendanceStatus.ARRIVED)
    store.attendance.record(coming, ids["booked_ahead"], AttendanceStatus.BOOKED)
    return ids


def test_months_before_keeps_the_day_or_the_month_end() -> None:
    assert months_before(TODAY, 24) == dt.date(2025, 1, 15)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 10), 1) == dt.date(2025, 12, 10)


def test_the_dry_run_lists_people_not_seen_who_still_have_details(
    store: Store, people: dict[str, int]
) -> None:
    check = check_retention(store, TODAY)

    assert check.months == DEFAULT_MONTHS
    assert check.cutoff == dt.date(2025, 1, 15)
    assert [p.person_id for p in check.people] == [people["lapsed"], people["never"]]
    lines = [p.line() for p in check.people]
    assert lines == [
        f"{people['lapsed']}. Lapsed Lucy: last on a session Tue 1 Oct 2024.",
        f"{people['never']}. Never Came: never on a session.",
    ]
    assert "2 people have not been seen since Wed 15 Jan 2025 (24 months)" in check.summary()
    # Looking changes nothing.
    assert store.people.get(people["lapsed"]).email == "lucy@example.org"


def test_applying_it_erases_contact_details_and_access_needs_only(
    store: Store, people: dict[str, int]
) -> None:
    done = apply_retention(store, TODAY, who="Chloe Whitworth")

    assert len(done.people) == 2
    lucy = store.people.get(people["lapsed"])
    assert (lucy.email, lucy.phone, lucy.address, lucy.access_needs) == ("", "", "", "")
    assert lucy.needs == frozenset()
    assert not lucy.contact_consent
    assert lucy.communication is CommunicationPreference.NOT_ASKED
    # Her name, role and the rest stay: she can be welcomed back.
    assert (lucy.name, lucy.role, lucy.organisation, lucy.pronouns) == (
        "Lapsed Lucy",
        Role.CARER,
        "Worksop Carers",
        "she/her",
    )
    assert lucy.payment is PaymentPreference.VOUCHER
    assert store.people.get(people["seen"]).phone == "07700 900001"
    assert store.people.get(people["new"]).phone == "07700 900005"
    assert store.people.get(people["booked_ahead"]).email == "ahead@example.org"

    audit = list(store.db.query("SELECT * FROM audit_log ORDER BY id"))
    assert [(row["action"], row["details"], row["claim_id"]) for row in audit] == [
        (RETENTION_ACTION, f"person {people['lapsed']}", None),
        (RETENTION_ACTION, f"person {people['never']}", None),
    ]
    assert check_retention(store, TODAY).people == []
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"lucy@example.org" not in store.path.read_bytes()
    assert b"seat near the door" not in store.path.read_bytes()


def test_nothing_to_do_says_so(store: Store) -> None:
    add(store, "Nothing Held")
    check = apply_retention(store, TODAY)
    assert check.people == []
    assert check.summary().startswith("Everyone with contact details or access needs")


def test_the_period_is_a_setting(store: Store, people: dict[str, int]) -> None:
    assert retention_months(store) == 24
    set_retention_months(store, 36)
    assert retention_months(store) == 36
    # 36 months back is January 2024: Lucy's session in October 2024 counts.
    assert [p.person_id for p in check_retention(store, TODAY).people] == [people["never"]]
    with pytest.raises(FacilitatorError, match="between 1 and 120 months"):
        set_retention_months(store, 0)
    store.settings.set(RETENTION_MONTHS, "a while")
    assert retention_months(store) == DEFAULT_MONTHS
