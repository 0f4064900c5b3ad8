"""The data file: private, safe to reopen, upgraded in place, and never damaged."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database

from sessions.errors import DataFileError
from sessions.models import (
    AgendaItem,
    AttendanceStatus,
    Note,
    Person,
    Role,
    Session,
    SessionKind,
)
from sessions.store import Store
from sessions.store.migrations import MIGRATION_SET, known_names, migrations

INTERNALS = re.compile(r"\b(None|Traceback|Exception|sqlite3?|SQLITE|errno)\b")


def refusal(path: Path, **open_args: bool) -> str:
    """Open `path` expecting a refusal; the sentence the user is shown."""
    with pytest.raises(DataFileError) as caught:
        Store.open(path, **open_args)
    message = str(caught.value)
    without_path = message.replace(str(path), "The file")
    assert without_path[0].isupper()
    assert without_path.endswith(".")
    assert not INTERNALS.search(without_path), message
    return message


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


# --- a new file ------------------------------------------------------------


def test_a_new_data_file_only_its_owner_can_read(db_path: Path) -> None:
    assert not db_path.exists()
    with Store.open(db_path):
        assert mode(db_path) == 0o600
        for companion in (Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
            if companion.exists():
                assert mode(companion) == 0o600, companion.name


def test_a_missing_folder_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "new folder" / "facilitator.db"
    with Store.open(path):
        pass
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


def test_the_file_uses_wal_and_foreign_keys(store: Store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_new_file_has_every_migration(store: Store) -> None:
    applied = [m.name for m in migrations.applied(store.db)]
    assert applied == known_names()
    assert migrations.pending(store.db) == []


def test_a_new_file_is_empty_and_offers_the_welcome(store: Store) -> None:
    assert not store.has_data()
    assert store.needs_welcome()
    store.mark_welcomed()
    assert not store.needs_welcome()


def test_reopening_keeps_everything(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.people.save(Person(name="Farah Khan", role=Role.CARER))
        store.mark_welcomed()
    with Store.open(db_path) as store:
        assert [p.name for p in store.people.all()] == ["Farah Khan"]
        assert not store.needs_welcome()
        assert [m.name for m in migrations.applied(store.db)] == known_names()


# --- every row is stamped --------------------------------------------------


def data_tables(store: Store) -> list[str]:
    return [name for name in store.db.table_names() if not name.startswith("_")]


def test_every_table_has_id_uid_and_timestamps(store: Store) -> None:
    tables = data_tables(store)
    assert {"people", "sessions", "agenda_items", "attendance", "agenda_templates"} <= set(tables)
    for table in tables:
        columns = {
            row[1]: row for row in store.db.execute(f"PRAGMA table_info({table})").fetchall()
        }
        # (cid, name, type, notnull, default, pk)
        assert columns["id"][2] == "INTEGER" and columns["id"][5] == 1, table
        for name in ("uid", "created_at", "updated_at"):
            assert columns[name][2] == "TEXT", (table, name)
            assert columns[name][3] == 1, f"{table}.{name} must not be empty"


def assert_stamped(row: dict) -> None:
    assert isinstance(row["id"], int)
    assert uuid.UUID(row["uid"]).version == 4
    assert str(uuid.UUID(row["uid"])) == row["uid"]
    for name in ("created_at", "updated_at"):
        moment = dt.datetime.fromisoformat(row[name])
        assert moment.utcoffset() == dt.timedelta(0), f"{name} is in UTC"
        assert "T" in row[name]
        assert abs(dt.datetime.now(dt.UTC) - moment) < dt.timedelta(minutes=5)


def test_rows_are_stamped_with_uuid4_and_utc_times(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> None:
    person = add_person()
    session = add_session(co_chair_ids=[person.id], project_name="Our Voice")
    assert session.id is not None and person.id is not None
    store.agenda.add(session.id, AgendaItem("Welcome", 10))
    store.attendance.record(session.id, person.id, AttendanceStatus.BOOKED)
    uids = set()
    for table in (
        "people",
        "sessions",
        "agenda_items",
        "projects",
        "session_co_chairs",
        "attendance",
    ):
        rows = list(store.db.query(f"SELECT * FROM {table}"))
        assert len(rows) == 1, table
        assert_stamped(rows[0])
        uids.add(rows[0]["uid"])
    assert len(uids) == 6, "every row has its own uid"


def test_changing_a_row_keeps_its_uid_and_creation_time(
    store: Store, add_person: Callable[..., Person]
) -> None:
    person = add_person()
    assert person.id is not None
    before = store.db.table("people").get(person.id)
    person.organisation = "Our Voice"
    changed = store.people.save(person)
    after = store.db.table("people").get(person.id)
    assert changed.uid == person.uid == after["uid"]
    assert after["created_at"] == before["created_at"]
    assert after["updated_at"] >= before["updated_at"]
    assert_stamped(after)


# --- upgrading an older file -----------------------------------------------


def make_first_version_file(path: Path) -> None:
    """A data file as the first release of Facilitator left it, with one person."""
    db = Database(path)
    migrations.apply(db, stop_before=known_names()[1])
    db.execute(
        "INSERT INTO people (uid, created_at, updated_at, name, role, email, phone, "
        "phone_digits) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            "0b6e4cc0-3d7e-4b7c-9d38-1a0d5b8f2a11",
            "2025-01-02T09:00:00+00:00",
            "2025-01-02T09:00:00+00:00",
            "Eileen Shaw",
            "carer",
            "eileen@example.org",
            "07700 900123",
            "07700900123",
        ],
    )
    db.conn.commit()
    db.close()


def test_the_first_version_file_really_is_old(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_first_version_file(path)
    db = Database(path)
    assert [m.name for m in migrations.applied(db)] == known_names()[:1]
    assert "attendance" not in db.table_names()
    db.close()


def test_an_older_file_is_upgraded_and_keeps_its_people(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_first_version_file(path)
    with Store.open(path) as store:
        assert [m.name for m in migrations.applied(store.db)] == known_names()
        [person] = store.people.search("eileen")
        assert (person.name, person.role, person.email, person.phone) == (
            "Eileen Shaw",
            Role.CARER,
            "eileen@example.org",
            "07700 900123",
        )
        assert person.uid == "0b6e4cc0-3d7e-4b7c-9d38-1a0d5b8f2a11"
        assert store.people.search("07700900123") == [person]
        # What the later migrations added works on the upgraded file.
        session = store.sessions.save(
            Session(
                "Catch-up",
                SessionKind.OTHER,
                date=dt.date(2026, 1, 5),
                start=dt.time(10),
                end=dt.time(11),
            )
        )
        assert session.id is not None and person.id is not None
        store.attendance.record(session.id, person.id, AttendanceStatus.ARRIVED)
        assert store.sessions.overview()[0].attended == 1


def test_attendance_from_before_check_in_survives_the_upgrade(tmp_path: Path) -> None:
    """A file made before check-in kept its attendance; the upgrade adds follow-ups."""
    path = tmp_path / "old.db"
    make_first_version_file(path)
    db = Database(path)
    migrations.apply(db, stop_before="m004_live_sessions")
    stamp = ("2025-01-02T09:00:00+00:00", "2025-01-02T09:00:00+00:00")
    db.execute(
        "INSERT INTO sessions (uid, created_at, updated_at, title, kind, date, start_time,"
        " end_time) VALUES ('s-1', ?, ?, 'Over a Brew', 'over_a_brew', '2025-01-09',"
        " '10:00', '12:00')",
        stamp,
    )
    db.execute(
        "INSERT INTO attendance (uid, created_at, updated_at, session_id, person_id, status,"
        " booked_at, arrived_at) VALUES ('a-1', ?, ?, 1, 1, 'arrived', ?, ?)",
        [*stamp, "2025-01-03T09:00:00+00:00", "2025-01-09T10:02:00+00:00"],
    )
    db.conn.commit()
    db.close()
    with Store.open(path) as store:
        [record] = store.attendance.for_session(1)
        assert record.status is AttendanceStatus.ARRIVED
        assert record.arrived_at == dt.datetime(2025, 1, 9, 10, 2, tzinfo=dt.UTC)
        assert (record.follow_up, record.follow_up_note) == (False, "")
        assert store.notes.save(Note(1, "The bus is the problem.")) is not None
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []


# --- files that must be left alone -----------------------------------------


def test_a_file_from_a_newer_facilitator_is_refused_and_unchanged(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.people.save(Person(name="Farah Khan", role=Role.CARER))
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            [MIGRATION_SET, "m999_from_the_future", "2030-01-01 00:00:00+00:00"],
        )
    connection.close()
    before = db_path.read_bytes()

    message = refusal(db_path)

    assert "newer version of Facilitator" in message
    assert "unchanged" in message
    assert db_path.read_bytes() == before


def test_a_text_file_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Shopping: tea, milk, biscuits\n", encoding="utf-8")
    before = path.read_bytes()

    message = refusal(path)

    assert "is not a Facilitator data file" in message
    assert "--db" in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_damaged_data_file_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xde\xad\xbe\xef" * 1024)
    before = path.read_bytes()

    message = refusal(path)

    assert "damaged" in message
    assert path.read_bytes() == before


def test_another_programs_database_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
        connection.execute("INSERT INTO recipes VALUES ('Scones')")
    connection.close()
    before = path.read_bytes()

    message = refusal(path)

    assert "not a Facilitator data file" in message
    assert path.read_bytes() == before
    connection = sqlite3.connect(path)
    assert [row[0] for row in connection.execute("SELECT name FROM sqlite_master")] == ["recipes"]
    connection.close()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path)
    assert "is a folder" in message


def test_opening_without_create_never_makes_a_file(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "facilitator.db"

    message = refusal(path, create=False)

    assert "There is no data file" in message
    assert not path.exists()
    assert not path.parent.exists()
    assert list(tmp_path.iterdir()) == []


def test_opening_an_existing_file_without_create_works(db_path: Path) -> None:
    Store.open(db_path).close()
    with Store.open(db_path, create=False) as store:
        assert store.people.count() == 0
