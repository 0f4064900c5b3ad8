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
from typing import Any, NoReturn

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


_DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
"""The errors a connection's library raises about the database: SQLCipher's too, once used."""


class _CursorFaults:
    """What the store's cursors add, over SQLite's or SQLCipher's (see the module's notes)."""

    connection: Any

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        self.connection.before(sql)
        try:
            return super().execute(sql, parameters)  # type: ignore[misc]
        except _DB_ERRORS as error:
            self.connection.reraise(error)

    def executemany(self, sql: str, parameters: Any, /) -> Any:
        self.connection.before(sql)
        try:
            return super().executemany(sql, parameters)  # type: ignore[misc]
        except _DB_ERRORS as error:
            self.connection.reraise(error)

    def executescript(self, sql: str, /) -> Any:
        self.connection.before("BEGIN")
        try:
            return super().executescript(sql)  # type: ignore[misc]
        except _DB_ERRORS as error:
            self.connection.reraise(error)

    def fetchone(self) -> Any:
        try:
            return super().fetchone()  # type: ignore[misc]
        except _DB_ERRORS as error:
            self.connection.reraise(error)

    def fetchmany(self, size: int | None = None) -> list[Any]:
        try:
            return super().fetchmany(self.arraysize if size is None else size)  # type: ignore[misc]
        except _DB_ERRORS as error:
            self.connection.reraise(error)

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()  # type: ignore[misc]
        except _DB_ERRORS as error:
            self.connection.reraise(error)


class _ConnectionFaults:
    """What the store's connections add: a moved file noticed before writing, and
    every fault of the file turned into words."""

    cursor_class: type
    data_path: Path
    passphrase: str | None = None
    identity: tuple[int, int] | None = None
    broken: DataFileFault | None = None

    def cursor(self, factory: Any = None) -> Any:
        return super().cursor(factory or self.cursor_class)  # type: ignore[misc]

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> Any:
        return self.cursor().executemany(sql, parameters)

    def executescript(self, sql: str, /) -> Any:
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

    def reraise(self, error: Exception) -> NoReturn:
        """Raise what `turned` gives for `error`, which is being handled."""
        turned = self.turned(error)
        if turned is error:
            raise error
        raise turned from error

    def turned(self, error: Exception) -> Exception:
        """What to raise instead of `error`: a fault in words, or SQLite's own kind of
        error (SQLCipher's are turned into sqlite3's, so callers catch one kind)."""
        found = fault(self.data_path, error)  # type: ignore[arg-type]
        if found is None:
            if isinstance(error, sqlite3.Error):
                return error
            return _as_sqlite3(error)
        if found.kind in STICKY:
            self.broken = found
        return found


class FacilitatorCursor(_CursorFaults, sqlite3.Cursor):
    """A cursor of the store's own connections to a plain data file."""


class FacilitatorConnection(_ConnectionFaults, sqlite3.Connection):
    """The store's connection to a plain (not encrypted) data file."""

    cursor_class = FacilitatorCursor


def _as_sqlite3(error: Exception) -> sqlite3.Error:
    """SQLCipher's error as the sqlite3 error of the same name and words."""
    kind = getattr(sqlite3, type(error).__name__, sqlite3.DatabaseError)
    if not (isinstance(kind, type) and issubclass(kind, sqlite3.Error)):
        kind = sqlite3.DatabaseError
    turned = kind(*error.args)
    for name in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(error, name):
            setattr(turned, name, getattr(error, name))
    return turned


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
        if passphrase_for(path) is None:
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


def connect(path: Path, *, passphrase: str | None = None) -> Any:
    """A connection to the file at `path`, whose faults are sentences.

    An encrypted file is opened with `passphrase`, or the one given for it with
    `use_passphrase`; a plain file opens as it is, passphrase or not. A passphrase
    that does not open the file raises DataFileError saying so.
    """
    passphrase = passphrase or passphrase_for(path)
    if passphrase:
        return _connect_encrypted(path, passphrase)
    return _plain(path)


# --- encryption at rest (SQLCipher, the optional `encrypt` extra) ----------------------

_passphrases: dict[str, str] = {}


def _key(path: Path) -> str:
    return os.path.realpath(path)


def use_passphrase(path: Path, passphrase: str | None) -> None:
    """Open the data file at `path` with this passphrase from now on, in this process
    (the app's worker threads too); None forgets it."""
    if passphrase:
        _passphrases[_key(path)] = passphrase
    else:
        _passphrases.pop(_key(path), None)


def passphrase_for(path: Path) -> str | None:
    return _passphrases.get(_key(path))


def encryption_installed() -> bool:
    """True when SQLCipher (the `encrypt` extra) is installed."""
    import importlib.util

    return importlib.util.find_spec("sqlcipher3") is not None


NOT_INSTALLED = (
    "Encryption is not installed with this Facilitator. Install it with: "
    "pip install 'facilitator[encrypt]'"
)


def looks_encrypted(path: Path) -> bool:
    """True if the file at `path` is there and is not a plain SQLite file, so may be
    encrypted. Reads its first bytes: call it only before this process opens the file
    (closing any handle on it would drop the locks SQLite holds)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError:
        return False
    # Encrypted files are whole pages of what looks like noise; a text file is not.
    return header != SQLITE_HEADER and size >= 512 and size % 512 == 0


def quoted_passphrase(passphrase: str) -> str:
    """The passphrase as an SQL string literal (PRAGMA key takes no parameters)."""
    return "'" + passphrase.replace("'", "''") + "'"


def _cipher_module() -> Any:
    """SQLCipher's DB-API module, its connection classes made the store's own."""
    global _DB_ERRORS, _CipherConnection
    try:
        import sqlcipher3.dbapi2 as cipher  # type: ignore[import-not-found]
    except ImportError as error:
        raise DataFileError(NOT_INSTALLED) from error
    if _CipherConnection is None:
        cursor = type("FacilitatorCipherCursor", (_CursorFaults, cipher.Cursor), {})
        _CipherConnection = type(
            "FacilitatorCipherConnection",
            (_ConnectionFaults, cipher.Connection),
            {"cursor_class": cursor},
        )
        _DB_ERRORS = (sqlite3.DatabaseError, cipher.DatabaseError)
    return cipher


_CipherConnection: Any = None


def cipher_connect(path: Path | str, passphrase: str | None) -> Any:
    """A bare SQLCipher connection (no store additions), keyed if a passphrase is given."""
    cipher = _cipher_module()
    connection = cipher.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    connection.execute("PRAGMA cipher_log_level = NONE")
    if passphrase:
        connection.execute(f"PRAGMA key = {quoted_passphrase(passphrase)}")
    return connection


def _connect_encrypted(path: Path, passphrase: str) -> Any:
    cipher = _cipher_module()
    try:
        connection = cipher.connect(
            str(path), timeout=BUSY_TIMEOUT_MS / 1000, factory=_CipherConnection
        )
    except cipher.DatabaseError as error:
        raise _unreadable(path, _as_sqlite3(error)) from error
    connection.data_path = path
    connection.passphrase = passphrase
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = {quoted_passphrase(passphrase)}")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DataFileFault as fault:
        connection.close()
        if fault.kind != "damaged":
            raise
        if _opens_without_a_passphrase(path):
            return _plain(path)
        raise DataFileError(
            f"That passphrase does not open {path}. Check it and try again: without the "
            "right passphrase nobody can read the file, and nothing in it was changed."
        ) from fault
    return connection


def _plain(path: Path) -> FacilitatorConnection:
    try:
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, factory=FacilitatorConnection
        )
    except sqlite3.DatabaseError as error:
        raise _unreadable(path, error) from error
    connection.data_path = path
    return connection


def _opens_without_a_passphrase(path: Path) -> bool:
    """A plain SQLite file (such as a backup from before encrypting) needs no passphrase."""
    try:
        probe = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        return False
    finally:
        probe.close()
    return True


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
