"""Sessions: projects by name, co-chairs, counts, and deleting without leftovers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from sessions.errors import NotFound, ValidationError
from sessions.models import (
    Action,
    AgendaItem,
    AttendanceStatus,
    Note,
    Person,
    Role,
    Session,
    SessionKind,
)
from sessions.store import DeletionImpact, Store
from sessions.templates import builtin_templates


def count(store: Store, table: str, where: str = "1", params: list | None = None) -> int:
    sql = f"SELECT count(*) FROM {table} WHERE {where}"
    return int(store.db.execute(sql, params or []).fetchone()[0])


def test_a_saved_session_comes_back_as_it_was(store: Store) -> None:
    session = Session(
        title="Homecare: what works and what does not",
        kind=SessionKind.LISTENING_SPACE,
        date=dt.date(2026, 11, 2),
        start=dt.time(13, 30),
        end=dt.time(15, 30),
        venue="Newark Library",
        address="Beaumond Gardens, Baldertongate, Newark",
        project_name="Homecare Experts by Experience",
        purpose="Senior managers listen.",
    )
    saved = store.sessions.save(session)
    assert saved.id is not None
    assert saved.uid
    assert saved == Session(**{**session.__dict__, "id": saved.id, "uid": saved.uid})
    assert store.sessions.get(saved.id) == saved
    assert saved.minutes == 120


def test_changing_a_session_keeps_its_id(store: Store, add_session: Callable[..., Session]) -> None:
    session = add_session()
    session.title = "Over a Brew: relationships"
    session.end = dt.time(13, 0)
    changed = store.sessions.save(session)
    assert changed.id == session.id
    assert changed.uid == session.uid
    assert (changed.title, changed.end) == ("Over a Brew: relationships", dt.time(13, 0))
    assert store.sessions.count() == 1


@pytest.mark.parametrize(
    ("details", "field"),
    [
        ({"title": ""}, "title"),
        ({"end": dt.time(9, 0)}, "end"),
        ({"venue": "x" * 121}, "venue"),
        ({"co_chair_ids": [404]}, "co_chairs"),
    ],
)
def test_save_checks_every_field_and_writes_nothing(
    store: Store, details: dict, field: str
) -> None:
    values = {
        "title": "Over a Brew",
        "kind": SessionKind.OVER_A_BREW,
        "date": dt.date(2026, 12, 3),
        "start": dt.time(10, 30),
        "end": dt.time(12, 30),
        "project_name": "Our Voice",
        **details,
    }
    with pytest.raises(ValidationError) as caught:
        store.sessions.save(Session(**values))
    assert set(caught.value.problems) == {field}
    for table in ("sessions", "projects", "session_co_chairs"):
        assert count(store, table) == 0, table


def test_a_session_that_has_gone(store: Store) -> None:
    with pytest.raises(NotFound) as caught:
        store.sessions.get(404)
    assert str(caught.value) == "That session has been deleted."


# --- projects --------------------------------------------------------------


def test_projects_are_made_by_name_and_reused_whatever_the_case(
    store: Store, add_session: Callable[..., Session]
) -> None:
    first = add_session("One", project_name="Our Voice")
    second = add_session("Two", project_name="our voice")
    third = add_session("Three", project_name="Clearer letters")
    add_session("Four")
    assert store.sessions.project_names() == ["Clearer letters", "Our Voice"]
    assert first.project_name == second.project_name == "Our Voice"
    assert third.project_name == "Clearer letters"
    assert count(store, "projects") == 2


def test_a_session_without_a_project(store: Store, add_session: Callable[..., Session]) -> None:
    session = add_session(project_name="")
    assert session.project_name == ""
    assert store.sessions.project_names() == []


def test_moving_a_session_to_another_project(
    store: Store, add_session: Callable[..., Session]
) -> None:
    session = add_session(project_name="Our Voice")
    session.project_name = "Clearer letters"
    assert store.sessions.save(session).project_name == "Clearer letters"
    session.project_name = ""
    assert store.sessions.save(session).project_name == ""


# --- co-chairs -------------------------------------------------------------


def test_co_chairs_come_back_in_the_order_chosen(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> None:
    ann, ben, cat = add_person("Ann"), add_person("Ben", Role.STAFF), add_person("Cat")
    session = add_session(co_chair_ids=[ben.id, ann.id])
    assert session.id is not None
    assert session.co_chair_ids == [ben.id, ann.id]
    assert store.sessions.get(session.id).co_chair_ids == [ben.id, ann.id]

    session.co_chair_ids = [cat.id, ben.id]
    assert store.sessions.save(session).co_chair_ids == [cat.id, ben.id]
    session.co_chair_ids = []
    assert store.sessions.save(session).co_chair_ids == []
    assert count(store, "session_co_chairs") == 0


def test_the_same_co_chair_twice_is_refused(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> None:
    ann = add_person("Ann")
    with pytest.raises(ValidationError) as caught:
        add_session(co_chair_ids=[ann.id, ann.id])
    assert set(caught.value.problems) == {"co_chairs"}
    assert store.sessions.count() == 0


# --- counts and deleting ---------------------------------------------------


@pytest.fixture
def busy_session(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> Session:
    """Five agenda items; four booked (two came, one left early, one sent apologies)
    and one walk-in who was not booked."""
    people = [add_person(f"Person {n}") for n in range(6)]
    session = store.create_session(
        Session(
            title="Listening Space",
            kind=SessionKind.LISTENING_SPACE,
            date=dt.date(2026, 11, 2),
            start=dt.time(13, 30),
            end=dt.time(15, 30),
            project_name="Our Voice",
            co_chair_ids=[people[0].id, people[1].id],
        )
    )
    assert session.id is not None
    for n in range(5):
        store.agenda.add(session.id, AgendaItem(f"Item {n}", 10))
    record = store.attendance.record
    record(session.id, people[0].id, AttendanceStatus.ARRIVED)
    record(session.id, people[1].id, AttendanceStatus.LEFT_EARLY)
    record(session.id, people[2].id, AttendanceStatus.APOLOGIES)
    record(session.id, people[3].id, AttendanceStatus.BOOKED)
    record(session.id, people[4].id, AttendanceStatus.ARRIVED, booked=False)
    return session


def test_overview_counts_booked_and_attended(store: Store, busy_session: Session) -> None:
    [overview] = store.sessions.overview()
    assert overview.id == busy_session.id
    assert overview.booked == 4, "the walk-in was not booked"
    assert overview.attended == 3, "arrived, left early and the walk-in"
    assert overview.project_name == "Our Voice"
    assert overview.kind is SessionKind.LISTENING_SPACE


def test_overview_of_a_session_nobody_is_booked_for(
    store: Store, add_session: Callable[..., Session]
) -> None:
    add_session()
    [overview] = store.sessions.overview()
    assert (overview.booked, overview.attended, overview.project_name) == (0, 0, "")


def test_overview_is_earliest_first(store: Store, add_session: Callable[..., Session]) -> None:
    add_session("Later", date=dt.date(2026, 12, 3), start=dt.time(14), end=dt.time(15))
    add_session("Earlier the same day", date=dt.date(2026, 12, 3))
    add_session("Last year", date=dt.date(2025, 12, 3))
    assert [o.title for o in store.sessions.overview()] == [
        "Last year",
        "Earlier the same day",
        "Later",
    ]


def test_deletion_impact_says_what_would_be_lost(store: Store, busy_session: Session) -> None:
    assert busy_session.id is not None
    assert store.sessions.deletion_impact(busy_session.id) == DeletionImpact(
        title="Listening Space",
        date=dt.date(2026, 11, 2),
        agenda_items=5,
        booked=4,
        attended=3,
    )


def test_delete_takes_the_agenda_attendance_and_co_chairs_with_it(
    store: Store, busy_session: Session, add_session: Callable[..., Session]
) -> None:
    assert busy_session.id is not None
    other = store.create_session(
        Session(
            "Other",
            SessionKind.OVER_A_BREW,
            dt.date(2026, 12, 3),
            dt.time(10),
            dt.time(12),
            co_chair_ids=busy_session.co_chair_ids[:1],
        ),
        builtin_templates()[0],
    )
    assert other.id is not None
    store.attendance.record(other.id, busy_session.co_chair_ids[0], AttendanceStatus.BOOKED)
    people_before = store.people.count()

    [item, *_] = store.agenda.items(busy_session.id)
    heard = store.notes.save(
        Note(busy_session.id, "Letters are hard to read.", agenda_item_id=item.id)
    )
    assert heard is not None and heard.id is not None
    store.actions.save(Action(busy_session.id, "Rewrite the letter", note_ids=(heard.id,)))
    assert store.sessions.deletion_impact(busy_session.id).notes == 1
    assert store.sessions.deletion_impact(busy_session.id).actions == 1

    store.sessions.delete(busy_session.id)

    assert count(store, "action_notes", "1") == 0
    for table in ("agenda_items", "attendance", "session_co_chairs", "notes", "actions"):
        assert count(store, table, "session_id = ?", [busy_session.id]) == 0, table
        orphans = count(store, table, "session_id NOT IN (SELECT id FROM sessions)")
        assert orphans == 0, table
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert store.people.count() == people_before, "people stay in the people bank"
    assert store.sessions.project_names() == ["Our Voice"]
    # The other session is untouched.
    assert len(store.agenda.items(other.id)) == len(builtin_templates()[0].items)
    assert store.sessions.get(other.id).co_chair_ids == busy_session.co_chair_ids[:1]
    assert [o.booked for o in store.sessions.overview()] == [1]


def test_a_deleted_session_is_gone(store: Store, busy_session: Session) -> None:
    assert busy_session.id is not None
    store.sessions.delete(busy_session.id)
    assert store.sessions.count() == 0
    with pytest.raises(NotFound):
        store.sessions.get(busy_session.id)
    with pytest.raises(NotFound):
        store.sessions.deletion_impact(busy_session.id)
    with pytest.raises(NotFound) as caught:
        store.sessions.delete(busy_session.id)
    assert str(caught.value) == "That session has already been deleted."


def test_create_session_with_a_template_gives_it_that_agenda(store: Store) -> None:
    template = next(t for t in builtin_templates() if t.name == "Over a Brew")
    session = store.create_session(
        Session("Brew", SessionKind.OVER_A_BREW, dt.date(2026, 12, 3), dt.time(10), dt.time(12)),
        template,
    )
    assert session.id is not None
    agenda = store.agenda.items(session.id)
    assert [(i.title, i.minutes, i.kind, i.lead, i.notes) for i in agenda] == [
        (i.title, i.minutes, i.kind, i.lead, i.notes) for i in template.items
    ]
    assert [i.position for i in agenda] == list(range(len(template.items)))


def test_create_session_refused_leaves_no_agenda_behind(store: Store) -> None:
    with pytest.raises(ValidationError):
        store.create_session(
            Session("", SessionKind.OVER_A_BREW, dt.date(2026, 12, 3), dt.time(10), dt.time(12)),
            builtin_templates()[0],
        )
    assert store.sessions.count() == 0
    assert count(store, "agenda_items") == 0


def test_arriving_keeps_the_booking_and_a_walk_in_stays_unbooked(store: Store) -> None:
    session = store.create_session(
        Session(
            title="Over a Brew",
            kind=SessionKind.OVER_A_BREW,
            date=dt.date(2026, 12, 3),
            start=dt.time(10),
            end=dt.time(12),
        )
    )
    booked = store.people.save(Person(name="Booked Ahead", role=Role.CARER))
    walk_in = store.people.save(Person(name="Walked In", role=Role.CARER))
    store.attendance.record(session.id, booked.id, AttendanceStatus.BOOKED)
    booked_at = store.db.execute(
        "SELECT booked_at FROM attendance WHERE person_id = ?", [booked.id]
    ).fetchone()[0]
    store.attendance.record(session.id, booked.id, AttendanceStatus.ARRIVED, booked=False)
    store.attendance.record(session.id, walk_in.id, AttendanceStatus.ARRIVED, booked=False)
    rows = dict(store.db.execute("SELECT person_id, booked_at FROM attendance").fetchall())
    assert rows == {booked.id: booked_at, walk_in.id: None}
    overview = next(s for s in store.sessions.overview() if s.id == session.id)
    assert (overview.booked, overview.attended) == (1, 2)
