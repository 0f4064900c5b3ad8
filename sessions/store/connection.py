"""Opening the data file safely, or saying in one sentence why it cannot be used.

Every statement the store runs goes through `FacilitatorConnection`, the one place
where SQLite's own errors about the file (a full disk, a read-only folder, a file
that is damaged, moved, or held by another program) become a `DataFileFault`: a
`DataFileError` whose words say what happened and what to do. After a fault that
means the file can no longer be trusted (damaged, moved, or the disk failing), the
connection refuses every further change, so nothing more is written to it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from sessions.errors import DataFileError
from sessions.store.migrations import MIGRATION_SET, known_names, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

# SQLite's primary result codes for the faults a user can meet (sqlite3.h).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_KINDS = {
    _BUSY: "locked",
    _LOCKED: "locked",
    _READONLY: "read-only",
    _IOERR: "disk",
    _CORRUPT: "damaged",
    _FULL: "full",
    _CANTOPEN: "read-only",
    _NOTADB: "damaged",
}
_MESSAGES = {
    "database is locked": "locked",
    "database table is locked": "locked",
    "database or disk is full": "full",
    "attempt to write a readonly database": "read-only",
    "unable to open database file": "read-only",
    "disk i/o error": "disk",
    "database disk image is malformed": "damaged",
    "file is not a database": "damaged",
}
STICKY = frozenset({"damaged", "moved", "disk"})
"""Faults after which this connection writes nothing more to the file (it still reads)."""

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "BEGIN", "CREATE", "DROP", "ALTER")


class DataFileFault(DataFileError, sqlite3.OperationalError):
    """The data file failed while being opened or used; `kind` says how.

    Kinds: "full", "locked", "read-only", "disk", "damaged", "moved". Also an
    sqlite3.OperationalError, so code that already caught SQLite's own error for such
    a fault still does.
    """

    def __init__(self, sentence: str, kind: str) -> None:
        super().__init__(sentence)
        self.kind = kind

    def __rich__(self) -> str:
        """What the screen prints if this ever ends the app: the sentence, not a traceback."""
        return str(self).replace("[", "\\[")


def fault_kind(error: sqlite3.Error) -> str | None:
    """Which fault of the file an error from SQLite means, or None if it is no such fault."""
    if isinstance(error, DataFileFault):
        return error.kind
    if isinstance(error, sqlite3.IntegrityError | sqlite3.ProgrammingError):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _KINDS:
        return _KINDS[code & 0xFF]
    return _MESSAGES.get(str(error).lower())


def fault_sentence(path: Path, kind: str) -> str:
    """What happened to the file at `path`, and what to do, in plain words."""
    if kind == "full":
        return (
            f"There is no space left on the disk that holds {path}, so Facilitator could "
            "not save to it and nothing was changed. Free some space (empty the bin, or "
            "move large files elsewhere), then try again."
        )
    if kind == "locked":
        return (
            f"{path} is in use by another program, so nothing was saved. Close the other "
            "copy of Facilitator and try again."
        )
    if kind == "read-only":
        return (
            f"Facilitator cannot write to {path}, so nothing was saved: the file or its "
            "folder is read-only. Check that the folder is yours and not read-only, or "
            "choose another place with --db."
        )
    from sessions.store.backups import restore_advice

    if kind == "moved":
        return (
            f"{path} has been moved or deleted since Facilitator opened it, so that change "
            "was not saved and nothing more will be written. Close Facilitator, put the "
            f"file back and start again. {restore_advice(path)}"
        )
    if kind == "disk":
        return (
            f"The disk holding {path} reported an error, so Facilitator has stopped "
            "writing to it. Check that the disk or memory stick is still plugged in, then "
            f"close Facilitator and start again. {restore_advice(path)}"
        )
    return (
        f"{path} cannot be read: it is damaged or not a Facilitator data file, so "
        f"Facilitator will write nothing more to it. {restore_advice(path)}"
    )


def fault(path: Path, error: sqlite3.Error) -> DataFileFault | None:
    """The fault an error from SQLite means for the file at `path`, if it is one."""
    if isinstance(error, DataFileFault):
        return error
    kind = fault_kind(error)
    return None if kind is None else DataFileFault(fault_sentence(path, kind), kind)


class FacilitatorCursor(sqlite3.Cursor):
    """A cursor whose errors about the file are sentences (see the module's notes)."""

    connection: FacilitatorConnection

    def execute(self, sql: str, parameters: Any = (), /) -> FacilitatorCursor:
        self.connection.before(sql)
        try:
            return super().execute(sql, parameters)
        except sqlite3.DatabaseError as error:
            raise self.connection.turned(error) from error

    def executemany(self, sql: str, parameters: Any, /) -> FacilitatorCursor:
        self.connection.before(sql)
        try:
            return super().executemany(sql, parameters)
        except sqlite3.DatabaseError as error:
            raise self.connection.turned(error) from error

    def executescript(self, sql: str, /) -> FacilitatorCursor:
        self.connection.before("BEGIN")
        try:
            return super().executescript(sql)
        except sqlite3.DatabaseError as error:
            raise self.connection.turned(error) from error

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.DatabaseError as error:
            raise self.connection.turned(error) from error

    def fetchmany(self, size: int | None = None) -> list[Any]:
        try:
            return super().fetchmany(self.arraysize if size is None else size)
        except sqlite3.DatabaseError as error:
            raise self.connection.turned(error) from error

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.DatabaseError as error:
            raise self.connection.turned(error) from error


class FacilitatorConnection(sqlite3.Connection):
    """The store's connection: notices a moved file before writing, and words faults."""

    data_path: Path
    identity: tuple[int, int] | None = None
    broken: DataFileFault | None = None

    def cursor(self, factory: Any = FacilitatorCursor) -> Any:  # type: ignore[override]
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> Any:  # type: ignore[override]
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> Any:  # type: ignore[override]
        return self.cursor().executemany(sql, parameters)

    def executescript(self, sql: str, /) -> Any:  # type: ignore[override]
        return self.cursor().executescript(sql)

    def before(self, sql: str) -> None:
        """Refuse to change a file already found faulty, or moved away."""
        keyword = sql.lstrip()[:8].upper()
        if not keyword.startswith(_WRITES):
            return  # reading: the screens can still show what is there
        if self.broken is not None:
            raise self.broken
        if self.identity is not None and file_identity(self.data_path) != self.identity:
            self.broken = DataFileFault(fault_sentence(self.data_path, "moved"), "moved")
            raise self.broken

    def turned(self, error: sqlite3.DatabaseError) -> Exception:
        """The fault to raise instead of `error`; `error` itself if it is not one."""
        found = fault(self.data_path, error)
        if found is None:
            return error
        if found.kind in STICKY:
            self.broken = found
        return found


def file_identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (device and inode), or None if there is none."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def open_database(path: Path, *, create: bool = True) -> Database:
    """Open (creating it if asked) a Facilitator data file, brought up to date.

    Raises DataFileError, with a sentence for the user, if the file is not ours,
    was written by a newer Facilitator, is damaged, or cannot be created.
    """
    if path.is_dir():
        raise DataFileError(
            f"{path} is a folder. Give the path of a data file instead, "
            f"for example {path / 'facilitator.db'}."
        )
    if path.exists():
        _check_looks_like_sqlite(path)
    elif create:
        _refuse_if_only_backups_remain(path)
        _create_private_file(path)
    else:
        raise DataFileError(
            f"There is no data file at {path} yet. Run facilitator to start one, "
            "or facilitator demo to fill one with example data."
        )
    connection = connect(path)
    try:
        db = Database(connection, execute_plugins=False)
        # Look before changing anything: a file that is not ours, or is newer
        # than this app, must be left exactly as it was.
        _check_is_ours_and_not_newer(db, path)
        _configure(db)
        migrations.apply(db)
    except DataFileError:
        connection.close()
        raise
    except sqlite3.DatabaseError as error:
        connection.close()
        raise _unreadable(path, error) from error
    connection.identity = file_identity(path)
    return db


def connect(path: Path, *, read_only: bool = False) -> FacilitatorConnection:
    """A connection to the file at `path`, whose faults are sentences."""
    try:
        if read_only:
            connection = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro",
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                factory=FacilitatorConnection,
            )
        else:
            connection = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_MS / 1000, factory=FacilitatorConnection
            )
    except sqlite3.DatabaseError as error:
        raise _unreadable(path, error) from error
    connection.data_path = path
    return connection


def _refuse_if_only_backups_remain(path: Path) -> None:
    """A missing file with backups beside it was moved or deleted: never start afresh."""
    from sessions.store.backups import newest_backup, restore_advice

    if newest_backup(path) is not None:
        raise DataFileError(
            f"There is no data file at {path}, but there are backups of one in the "
            "backups folder beside it, so it may have been moved or deleted. Put it back "
            f"and start again. {restore_advice(path)}"
        )


def _create_private_file(path: Path) -> None:
    """An empty file only its owner can read: it will hold people's personal data."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    except OSError as error:
        reason = error.strerror or str(error)
        raise DataFileError(
            f"Facilitator cannot create its data file at {path} ({reason.lower()}). "
            "Choose another place with --db."
        ) from error


def _check_looks_like_sqlite(path: Path) -> None:
    """Refuse a file that is not an SQLite database, asking SQLite itself.

    Never with Python's open(): closing any other handle on the file drops every lock
    this process's connections hold on it (SQLite's "How To Corrupt", 2.2), so a
    worker opening its own Store would let the next program to close the file delete
    the write-ahead log under the app, losing what it held."""
    try:
        probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return  # the real open says why in words
    try:
        probe.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            # Some other kind of file, or ours with its first bytes damaged.
            raise DataFileFault(_not_a_data_file(path), "damaged") from error
    finally:
        probe.close()


def _not_a_data_file(path: Path) -> str:
    from sessions.store.backups import newest_backup, restore_advice

    choose = "Choose another file with --db, or move this one out of the way."
    if newest_backup(path) is None:
        return f"{path} is not a Facilitator data file. {choose}"
    return (
        f"{path} is not a Facilitator data file, or it is damaged. {choose} {restore_advice(path)}"
    )


def _configure(db: Database) -> None:
    db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.conn.execute("PRAGMA journal_mode = WAL")
    db.conn.execute("PRAGMA foreign_keys = ON")


def _check_is_ours_and_not_newer(db: Database, path: Path) -> None:
    tables = set(db.table_names())
    applied = [m.name for m in migrations.applied(db)]
    if tables - {"_sqlite_migrations"} and not applied:
        raise DataFileError(
            f"{path} is not a Facilitator data file: it holds other data. "
            "Choose another file with --db."
        )
    unknown = set(applied) - set(known_names())
    if unknown:
        raise DataFileError(
            f"{path} was saved by a newer version of Facilitator. "
            "Update Facilitator to open it; this version has left the file unchanged."
        )


def _unreadable(path: Path, error: sqlite3.DatabaseError) -> DataFileError:
    kind = fault_kind(error) or "damaged"
    return DataFileFault(fault_sentence(path, kind), kind)


# --- one copy of the app per data file ----------------------------------------


def lock_path(path: Path) -> Path:
    """The lock file beside the data file that the open app holds."""
    return path.with_name(path.name + ".lock")


class AppLock:
    """Held by the app while it has the data file open, so a second copy can tell.

    An operating-system lock on a small file beside the data file: it goes away by
    itself if the app stops in any way, so a crash never leaves the file 'in use'.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise DataFileError saying the app is already open."""
        if self._fd is not None:
            return
        lock = lock_path(self.path)
        try:
            lock.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise DataFileFault(fault_sentence(self.path, "read-only"), "read-only") from error
        if not _try_lock(fd):
            os.close(fd)
            raise DataFileError(
                f"Facilitator is already open on {self.path} in another window. Use that "
                "window, or close it and start Facilitator again here."
            )
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def app_is_open(path: Path) -> bool:
    """True while a copy of the app holds the data file at `path`."""
    lock = lock_path(path)
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False
    try:
        if _try_lock(fd):
            _unlock(fd)
            return False
        return True
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


__all__ = [
    "MIGRATION_SET",
    "AppLock",
    "DataFileFault",
    "app_is_open",
    "connect",
    "open_database",
]
