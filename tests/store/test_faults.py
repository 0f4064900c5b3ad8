"""When the data file fails while in use: one sentence saying what happened and what to
do, never SQLite's own words, and nothing further written."""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from pathlib import Path

import pytest

from sessions.errors import DataFileError, FacilitatorError
from sessions.models import Person, Role
from sessions.store import Store
from sessions.store.backups import make_backup
from sessions.store.connection import DataFileFault, app_is_open

INTERNALS = re.compile(r"\b(None|Traceback|Exception|sqlite3?|SQLITE|errno|OperationalError)\b")
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def fault_of(kind: str, store: Store, name: str = "Eileen Shaw") -> DataFileFault:
    """Add a person expecting a fault of `kind`; the fault, whose words are checked."""
    with pytest.raises(DataFileFault) as caught:
        store.people.save(Person(name=name, role=Role.CARER))
    fault = caught.value
    assert fault.kind == kind, str(fault)
    words = str(fault).replace(str(store.path), "The file")
    assert words[0].isupper()
    assert not INTERNALS.search(words), words
    assert isinstance(fault, FacilitatorError), "the screens show it as a notice"
    return fault


def people_in(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return sorted(row[0] for row in connection.execute("SELECT name FROM people"))
    finally:
        connection.close()


@pytest.fixture
def farah(store: Store) -> Store:
    store.people.save(Person(name="Farah Khan", role=Role.CARER))
    return store


# --- a full disk -------------------------------------------------------------------


def test_a_full_disk_says_so_and_saves_nothing(farah: Store, db_path: Path) -> None:
    pages = farah.db.execute("PRAGMA page_count").fetchone()[0]
    farah.db.execute(f"PRAGMA max_page_count = {pages}")  # as if the disk were full
    saved = 0
    with pytest.raises(DataFileFault) as caught:
        for number in range(1000):
            farah.people.save(Person(name=f"Person {number}", role=Role.OTHER, address="x" * 300))
            saved += 1
    fault = caught.value
    assert fault.kind == "full"
    assert "no space left on the disk" in str(fault)
    assert "Free some space" in str(fault)
    assert not INTERNALS.search(str(fault).replace(str(db_path), "The file"))
    assert isinstance(fault, sqlite3.OperationalError), "code catching SQLite's error still does"
    assert len(people_in(db_path)) == saved + 1, "the one that did not fit is not half-saved"
    # Once there is room again, saving works: a full disk is not a damaged file.
    farah.db.execute(f"PRAGMA max_page_count = {pages * 100}")
    farah.people.save(Person(name="Eileen Shaw", role=Role.CARER))
    assert len(people_in(db_path)) == saved + 2


def test_a_full_disk_reported_by_the_operating_system(farah: Store, db_path: Path) -> None:
    """ENOSPC from the file system reaches SQLite as 'database or disk is full'."""
    error = sqlite3.OperationalError("database or disk is full")
    turned = farah.db.conn.turned(error)  # type: ignore[attr-defined]
    assert isinstance(turned, DataFileFault) and turned.kind == "full"


# --- another program holding the file ---------------------------------------------


def test_a_file_locked_by_another_connection_says_so(farah: Store, db_path: Path) -> None:
    farah.db.execute("PRAGMA busy_timeout = 50")  # the app waits 5 s; the test need not
    other = sqlite3.connect(db_path)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of writing
    try:
        fault = fault_of("locked", farah)
    finally:
        other.rollback()
        other.close()
    assert "in use by another program" in str(fault)
    assert "Close the other copy of Facilitator" in str(fault)
    farah.people.save(Person(name="Eileen Shaw", role=Role.CARER))  # free again: it works
    assert people_in(db_path) == ["Eileen Shaw", "Farah Khan"]


def test_the_app_waits_a_while_for_a_busy_file(store: Store) -> None:
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


# --- read-only files and folders --------------------------------------------------


def test_a_file_that_cannot_be_written_says_so(farah: Store, db_path: Path) -> None:
    """As a read-only file behaves (works as root, whom chmod does not stop)."""
    farah.db.execute("PRAGMA query_only = ON")
    fault = fault_of("read-only", farah)
    assert "cannot write to" in str(fault)
    assert "read-only" in str(fault)
    assert people_in(db_path) == ["Farah Khan"]


@pytest.mark.skipif(AS_ROOT, reason="chmod does not stop root from writing")
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_file_is_refused_at_the_start(farah: Store, db_path: Path) -> None:
    farah.close()
    os.chmod(db_path, 0o400)
    try:
        with pytest.raises(DataFileError) as caught:
            Store.open(db_path)
    finally:
        os.chmod(db_path, 0o600)
    assert "cannot write to" in str(caught.value)


@pytest.mark.skipif(AS_ROOT, reason="chmod does not stop root from writing")
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_folder_is_refused_at_the_start(farah: Store, db_path: Path) -> None:
    farah.close()
    os.chmod(db_path.parent, 0o500)
    try:
        with pytest.raises(DataFileError) as caught:
            Store.open(db_path, only_copy=True)
    finally:
        os.chmod(db_path.parent, 0o700)
    assert "cannot write to" in str(caught.value)


def test_a_folder_where_the_lock_cannot_be_made_is_refused_at_the_start(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a read-only folder does to the app's lock, as root too (chmod cannot)."""
    real_open = os.open

    def read_only_folder(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only_folder)
    with pytest.raises(DataFileError) as caught:
        Store.open(db_path, only_copy=True)
    monkeypatch.undo()
    assert "cannot write to" in str(caught.value)
    assert not db_path.exists()


# --- a damaged file ---------------------------------------------------------------


def damage(path: Path) -> None:
    """Garbage bytes over everything after the first page (the file's table of contents)."""
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(4096)
        file.write(os.urandom(size - 4096) if size > 4096 else b"")
        file.seek(4096)
        file.write(b"\xde\xad\xbe\xef" * ((size - 4096) // 4))


def test_a_file_damaged_while_open_stops_all_writing(farah: Store, db_path: Path) -> None:
    newest = make_backup(db_path).backup
    for number in range(200):
        farah.people.save(Person(name=f"Person {number}", role=Role.OTHER))
    farah.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage(db_path)
    farah.db.execute("PRAGMA cache_size = 0")  # read what is on the disk now

    with pytest.raises(DataFileFault) as caught:
        farah.people.all()
    damaged = caught.value
    assert damaged.kind == "damaged"
    assert "damaged" in str(damaged)
    assert f"facilitator restore {newest}" in str(damaged)

    before = db_path.read_bytes()
    again = fault_of("damaged", farah)  # nothing more is written to a damaged file
    assert str(again) == str(damaged)
    assert db_path.read_bytes() == before


def test_a_damaged_file_at_the_start_names_the_newest_backup(farah: Store, db_path: Path) -> None:
    newest = make_backup(db_path).backup
    farah.close()
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xde\xad\xbe\xef" * 1024)

    with pytest.raises(DataFileError) as caught:
        Store.open(db_path)

    assert "damaged" in str(caught.value)
    assert f"facilitator restore {newest}" in str(caught.value)


# --- a file moved or deleted while in use ---------------------------------------------


def test_a_file_moved_while_open_is_noticed_at_the_next_write(farah: Store, db_path: Path) -> None:
    moved = db_path.with_name("elsewhere.db")
    db_path.rename(moved)
    fault = fault_of("moved", farah)
    assert "moved or deleted" in str(fault)
    assert "put the file back" in str(fault)
    fault_of("moved", farah)  # and at every write after
    farah.close()
    # Put back where it was, as the sentence says, the file has everything saved
    # before it moved, and nothing after.
    moved.rename(db_path)
    assert people_in(db_path) == ["Farah Khan"]


def test_a_file_deleted_while_open_is_noticed_at_the_next_write(
    farah: Store, db_path: Path
) -> None:
    newest = make_backup(db_path).backup
    db_path.unlink()
    fault = fault_of("moved", farah)
    assert f"facilitator restore {newest}" in str(fault)


# --- two copies of the app --------------------------------------------------------


def test_a_second_copy_of_the_app_is_refused_in_words(db_path: Path) -> None:
    first = Store.open(db_path, only_copy=True)
    try:
        assert app_is_open(db_path)
        with pytest.raises(DataFileError) as caught:
            Store.open(db_path, only_copy=True)
        assert str(caught.value) == (
            f"Facilitator is already open on {db_path} in another window. Use that window, "
            "or close it and start Facilitator again here."
        )
        # The command line and worker threads still open the file alongside it.
        with Store.open(db_path, create=False) as alongside:
            alongside.people.save(Person(name="Farah Khan", role=Role.CARER))
    finally:
        first.close()
    assert not app_is_open(db_path)
    with Store.open(db_path, only_copy=True) as second:
        assert second.people.count() == 1


def test_an_unhandled_fault_ends_the_app_with_its_sentence_not_a_traceback() -> None:
    """Textual prints an exception's __rich__ instead of a traceback when it ends the app."""
    from rich.console import Console

    fault = DataFileFault("The file [in brackets] is damaged.", "damaged")
    console = Console(record=True, width=200)
    console.print(fault)
    assert console.export_text().strip() == "The file [in brackets] is damaged."
