"""Backups of the data file: consistent, private, the newest few kept, and restored safely."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from sessions.errors import DataFileError, FacilitatorError
from sessions.models import Person, Role
from sessions.store import Store
from sessions.store.backups import (
    BACKUPS_KEPT,
    backups_folder,
    check_data_file,
    make_backup,
    newest_backup,
    our_backups,
    restore,
    restore_advice,
)
from sessions.store.migrations import MIGRATION_SET


def minute(n: int) -> dt.datetime:
    return dt.datetime(2026, 11, 23, 17, n, tzinfo=dt.UTC)


def names(path: Path) -> list[str]:
    with Store.open(path, create=False) as store:
        return sorted(p.name for p in store.people.all())


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture
def farah(store: Store) -> Store:
    store.people.save(Person(name="Farah Khan", role=Role.CARER))
    return store


# --- making backups -----------------------------------------------------------------


def test_a_backup_is_a_private_copy_named_for_the_utc_minute(farah: Store, db_path: Path) -> None:
    made = make_backup(db_path, now=lambda: minute(5))

    assert made.new
    assert made.backup == db_path.parent / "backups" / "facilitator-2026-11-23T1705Z.db"
    assert mode(made.backup) == 0o600
    assert mode(made.backup.parent) == 0o700
    assert names(made.backup) == ["Farah Khan"]
    assert integrity(made.backup) == "ok"
    # One self-contained file: nothing left beside it, no half-written copy.
    assert sorted(p.name for p in made.backup.parent.iterdir()) == [made.backup.name]


def test_a_backup_from_the_open_store_needs_no_second_connection(farah: Store) -> None:
    made = farah.backup()
    assert names(made.backup) == ["Farah Khan"]


def test_two_backups_in_one_minute_both_kept(farah: Store, db_path: Path) -> None:
    first = make_backup(db_path, now=lambda: minute(5))
    farah.people.save(Person(name="Eileen Shaw", role=Role.CARER))
    second = make_backup(db_path, now=lambda: minute(5))

    assert second.backup.name == "facilitator-2026-11-23T1705Z-2.db"
    assert names(first.backup) == ["Farah Khan"]
    assert newest_backup(db_path).path == second.backup  # type: ignore[union-attr]


def test_an_unchanged_file_is_not_backed_up_twice_when_asked(farah: Store, db_path: Path) -> None:
    first = make_backup(db_path, now=lambda: minute(5))
    again = make_backup(db_path, skip_if_unchanged=True, now=lambda: minute(6))
    assert not again.new and again.backup == first.backup
    farah.people.save(Person(name="Eileen Shaw", role=Role.CARER))
    changed = make_backup(db_path, skip_if_unchanged=True, now=lambda: minute(7))
    assert changed.new and changed.backup != first.backup


def test_a_backup_is_consistent_while_another_connection_writes(
    store: Store, db_path: Path
) -> None:
    """People are added two at a time in one transaction: a backup never holds an odd
    number of them, and is never damaged."""
    stop = threading.Event()
    failures: list[BaseException] = []

    def write() -> None:
        try:
            with Store.open(db_path) as writer:
                number = 0
                while not stop.is_set():
                    with writer.db.atomic():
                        for _ in range(2):
                            number += 1
                            writer.people.save(Person(name=f"Person {number}", role=Role.OTHER))
        except BaseException as error:
            failures.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        backups = []
        for n in range(6):
            backups.append(make_backup(db_path, now=lambda n=n: minute(n)).backup)
    finally:
        stop.set()
        writer.join()
    assert not failures
    counts = []
    for backup in backups:
        assert integrity(backup) == "ok"
        connection = sqlite3.connect(backup)
        counts.append(connection.execute("SELECT count(*) FROM people").fetchone()[0])
        connection.close()
    assert all(count % 2 == 0 for count in counts), counts
    assert counts == sorted(counts)


def test_only_the_newest_are_kept_and_nothing_else_is_touched(farah: Store, db_path: Path) -> None:
    farah.settings.set(BACKUPS_KEPT, 3)
    folder = backups_folder(db_path)
    folder.mkdir()
    others = [
        folder / "notes.txt",
        folder / "facilitator-2020-01-01T0000Z.db.bak",
        folder / "other-2020-01-01T0000Z.db",
        folder / "facilitator-damaged-2020-01-01T0000Z.db",
    ]
    for other in others:
        other.write_text("keep me")

    made = [make_backup(db_path, now=lambda n=n: minute(n)) for n in range(5)]

    assert [b.path for b in our_backups(db_path)] == [m.backup for m in made[2:]]
    assert made[3].removed == (made[0].backup,)
    assert made[4].removed == (made[1].backup,)
    assert all(other.read_text() == "keep me" for other in others)


def test_the_number_kept_is_ten_unless_set(farah: Store, db_path: Path) -> None:
    for n in range(12):
        make_backup(db_path, now=lambda n=n: minute(n))
    kept = our_backups(db_path)
    assert len(kept) == 10
    assert kept[0].made_at == minute(2)


def test_a_backup_to_a_file_or_folder_of_ones_choosing(
    farah: Store, db_path: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    into_folder = make_backup(db_path, stick, now=lambda: minute(5))
    assert into_folder.backup == stick / "facilitator-2026-11-23T1705Z.db"
    named = make_backup(db_path, stick / "before the trip.db")
    assert names(named.backup) == ["Farah Khan"]
    with pytest.raises(FacilitatorError, match="already there"):
        make_backup(db_path, stick / "before the trip.db")
    assert not backups_folder(db_path).exists(), "the backups folder was not needed"


def test_backing_up_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="There is no data file"):
        make_backup(tmp_path / "facilitator.db")


def test_a_backup_in_a_full_or_read_only_place_leaves_the_data_file_alone(
    farah: Store, db_path: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "backups"
    blocked.write_text("a file where the backups folder should be")
    with pytest.raises(DataFileError) as caught:
        make_backup(db_path)
    assert "could not write a backup" in str(caught.value)
    assert "unchanged" in str(caught.value)
    assert names(db_path) == ["Farah Khan"]


# --- saying what to do -------------------------------------------------------------


def test_the_advice_names_the_newest_backup_and_the_command(farah: Store, db_path: Path) -> None:
    assert "If you have a copy of it" in restore_advice(db_path)
    make_backup(db_path, now=lambda: minute(4))
    newest = make_backup(db_path, now=lambda: minute(5)).backup

    advice = restore_advice(db_path)

    assert "Mon 23 Nov 2026 at 17:05" in advice  # the venue's clock: GMT in November
    assert f"facilitator restore {newest}" in advice
    assert f"--db {db_path}" in advice


def test_a_missing_data_file_with_backups_is_not_started_afresh(
    farah: Store, db_path: Path
) -> None:
    newest = make_backup(db_path).backup
    farah.close()
    db_path.unlink()

    with pytest.raises(DataFileError) as caught:
        Store.open(db_path)

    assert "may have been moved or deleted" in str(caught.value)
    assert str(newest) in str(caught.value)
    assert not db_path.exists()


# --- restoring --------------------------------------------------------------------


def test_restore_backs_up_the_current_file_first(farah: Store, db_path: Path) -> None:
    before = make_backup(db_path, now=lambda: minute(1)).backup
    farah.people.save(Person(name="Eileen Shaw", role=Role.CARER))
    farah.close()

    done = restore(db_path, before, now=lambda: minute(2))

    assert names(db_path) == ["Farah Khan"]
    assert done.kept_as is not None and not done.kept_damaged
    assert names(done.kept_as) == ["Eileen Shaw", "Farah Khan"]
    assert mode(db_path) == 0o600
    assert before.exists(), "the backup restored from is still there"
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith(".")) == []


def test_restoring_the_oldest_backup_when_at_the_limit_keeps_it(
    farah: Store, db_path: Path
) -> None:
    farah.settings.set(BACKUPS_KEPT, 2)
    oldest = make_backup(db_path, now=lambda: minute(1)).backup
    farah.people.save(Person(name="Eileen Shaw", role=Role.CARER))
    make_backup(db_path, now=lambda: minute(2))
    farah.people.save(Person(name="Sam Okafor", role=Role.STAFF))
    farah.close()

    done = restore(db_path, oldest, now=lambda: minute(3))

    assert names(db_path) == ["Farah Khan"]
    assert oldest.exists()
    assert done.kept_as is not None
    assert names(done.kept_as) == ["Eileen Shaw", "Farah Khan", "Sam Okafor"]


def test_restore_over_a_damaged_file_keeps_the_damaged_one(farah: Store, db_path: Path) -> None:
    good = make_backup(db_path, now=lambda: minute(1)).backup
    farah.close()
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xde\xad\xbe\xef" * 1024)

    done = restore(db_path, good, now=lambda: minute(2))

    assert names(db_path) == ["Farah Khan"]
    assert done.kept_damaged and done.kept_as is not None
    assert done.kept_as.read_bytes().startswith(b"SQLite format 3\x00\xde\xad")
    assert newest_backup(db_path).path == good  # type: ignore[union-attr]


def test_restore_into_a_missing_data_file(farah: Store, db_path: Path) -> None:
    good = make_backup(db_path).backup
    farah.close()
    db_path.unlink()

    done = restore(db_path, good)

    assert done.kept_as is None
    assert names(db_path) == ["Farah Khan"]


def refused(db_path: Path, source: Path) -> str:
    """Restore expecting a refusal that changes nothing at all."""
    before = db_path.read_bytes()
    folder = backups_folder(db_path)
    listed = sorted(folder.iterdir()) if folder.exists() else []
    with pytest.raises(DataFileError) as caught:
        restore(db_path, source)
    assert db_path.read_bytes() == before
    assert (sorted(folder.iterdir()) if folder.exists() else []) == listed
    assert [p.name for p in db_path.parent.iterdir() if ".restoring" in p.name] == []
    return str(caught.value)


def test_restore_refuses_a_file_that_is_not_ours(
    farah: Store, db_path: Path, tmp_path: Path
) -> None:
    farah.close()
    text = tmp_path / "notes.txt"
    text.write_text("Shopping: tea, milk, biscuits\n")
    assert "not a Facilitator data file" in refused(db_path, text)

    other = tmp_path / "recipes.db"
    connection = sqlite3.connect(other)
    with connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.close()
    assert "not a Facilitator data file" in refused(db_path, other)

    empty = tmp_path / "empty.db"
    empty.touch()
    assert "holds no Facilitator data" in refused(db_path, empty)

    assert "not there" in refused(db_path, tmp_path / "nowhere.db")


def test_restore_refuses_a_damaged_file(farah: Store, db_path: Path, tmp_path: Path) -> None:
    farah.close()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xde\xad\xbe\xef" * 1024)
    message = refused(db_path, damaged)
    assert "damaged" in message
    assert "nothing was changed" in message


def test_restore_refuses_a_file_from_a_newer_facilitator(
    farah: Store, db_path: Path, tmp_path: Path
) -> None:
    newer = make_backup(db_path, tmp_path / "newer.db").backup
    farah.close()
    connection = sqlite3.connect(newer)
    with connection:
        connection.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            [MIGRATION_SET, "m999_from_the_future", "2030-01-01 00:00:00+00:00"],
        )
    connection.close()
    assert "newer version of Facilitator" in refused(db_path, newer)


def test_restore_refuses_while_the_app_has_the_file_open(
    farah: Store, db_path: Path, tmp_path: Path
) -> None:
    good = make_backup(db_path, tmp_path / "good.db").backup
    farah.close()
    with Store.open(db_path, only_copy=True):
        message = refused(db_path, good)
    assert "Close it first" in message
    restore(db_path, good)  # and once it is closed, it works


def test_restore_refuses_the_data_file_itself(farah: Store, db_path: Path) -> None:
    farah.close()
    assert "data file itself" in refused(db_path, db_path)


# --- checking -----------------------------------------------------------------------


def test_a_sound_file_checks_out(demo_store: Store, db_path: Path) -> None:
    report = check_data_file(db_path)
    assert report.ok
    lines = report.lines()
    assert lines[0] == f"Checked {db_path}."
    assert "No damage was found in the file." in lines
    assert "It holds 281 people, 7 sessions and 12 claims." in lines
    assert lines[-1] == "All is well."


def test_check_finds_records_pointing_nowhere(farah: Store, db_path: Path) -> None:
    farah.db.execute("PRAGMA foreign_keys = OFF")
    farah.db.execute(
        "INSERT INTO attendance (uid, created_at, updated_at, session_id, person_id, status) "
        "VALUES ('a', '2026-01-01', '2026-01-01', 99, 1, 'booked')"
    )
    report = check_data_file(db_path)
    assert not report.ok
    assert "1 of the attendance records point to something that is no longer there." in (
        report.problems
    )
    assert report.lines()[-1].startswith("1 problem found.")


def test_check_changes_nothing(farah: Store, db_path: Path) -> None:
    farah.close()
    before = db_path.read_bytes()
    check_data_file(db_path)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["facilitator.db"]


def test_a_damaged_data_file_never_passes_for_a_good_backup(farah: Store, db_path: Path) -> None:
    good = make_backup(db_path, now=lambda: minute(1)).backup
    for number in range(300):
        farah.people.save(Person(name=f"Person {number}", role=Role.OTHER))
    farah.close()
    size = db_path.stat().st_size
    with db_path.open("r+b") as file:  # garbage over the people, the first page intact
        file.seek(size // 2)
        file.write(b"\xde\xad\xbe\xef" * 2048)

    with pytest.raises(DataFileError) as caught:
        make_backup(db_path, now=lambda: minute(2))

    assert "damaged" in str(caught.value)
    assert f"facilitator restore {good}" in str(caught.value)
    assert [b.path for b in our_backups(db_path)] == [good]
    assert [p.name for p in backups_folder(db_path).iterdir()] == [good.name]
