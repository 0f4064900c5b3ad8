"""Opening the data file safely, or saying in one sentence why it cannot be used."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from sessions.errors import DataFileError
from sessions.store.migrations import MIGRATION_SET, known_names, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


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
        _create_private_file(path)
    else:
        raise DataFileError(
            f"There is no data file at {path} yet. Run facilitator to start one, "
            "or facilitator demo to fill one with example data."
        )
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        db = Database(connection, execute_plugins=False)
        # Look before changing anything: a file that is not ours, or is newer
        # than this app, must be left exactly as it was.
        _check_is_ours_and_not_newer(db, path)
        _configure(db)
        migrations.apply(db)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise _unreadable(path, error) from error
    except DataFileError:
        connection.close()
        raise
    return db


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
            raise DataFileError(
                f"{path} is not a Facilitator data file. "
                "Choose another file with --db, or move this one out of the way."
            ) from error
    finally:
        probe.close()


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
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return DataFileError(
            f"{path} is in use by another program and could not be opened. "
            "Close the other copy of Facilitator and try again."
        )
    if "readonly" in text or "unable to open" in text:
        return DataFileError(
            f"Facilitator cannot write to {path}. "
            "Check that the folder is yours and not read-only, or choose another "
            "place with --db."
        )
    return DataFileError(
        f"{path} cannot be read: it is damaged or not a Facilitator data file. "
        "If you have a copy of it, use that instead; choose another file with --db."
    )


__all__ = ["MIGRATION_SET", "open_database"]
