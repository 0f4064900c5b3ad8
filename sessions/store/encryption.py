"""Turning a plain data file into an encrypted one (SQLCipher, the `encrypt` extra).

The whole file is encrypted with a key made from the passphrase: without it, nobody
can read anything in it, and nobody can get the data back if the passphrase is lost.
Its backups are encrypted as well, so no plain copy of the data is left beside it.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sessions.errors import DataFileError, ValidationError
from sessions.store import connection as connection_module
from sessions.store.backups import our_backups
from sessions.store.connection import (
    NOT_INSTALLED,
    AppLock,
    cipher_connect,
    connect,
    encryption_installed,
    looks_encrypted,
    use_passphrase,
)

MIN_LENGTH = 10
"""The shortest passphrase accepted: several words are better than one odd word."""


@dataclass(frozen=True)
class Encrypted:
    """What encrypting did."""

    data_file: Path
    backups: int
    """How many backups in the backups folder were encrypted too."""


def check_passphrase(passphrase: str) -> None:
    """Raise ValidationError, in words, for a passphrase too weak to protect the data."""
    if len(passphrase) < MIN_LENGTH:
        raise ValidationError(
            {
                "passphrase": f"Use at least {MIN_LENGTH} characters: a few words you will "
                "remember, such as three words and a number."
            }
        )


def encrypt_data_file(path: Path, passphrase: str) -> Encrypted:
    """Encrypt the data file at `path`, and its backups, with `passphrase`.

    Refuses in words, changing nothing, without SQLCipher, while the app has the file
    open, or if the file is already encrypted. The encrypted copy is checked against
    the plain file before it replaces it, all at once.
    """
    if not encryption_installed():
        raise DataFileError(NOT_INSTALLED)
    check_passphrase(passphrase)
    if not path.is_file():
        raise DataFileError(f"There is no data file at {path} to encrypt.")
    if looks_encrypted(path):
        raise DataFileError(f"{path} is already encrypted, so nothing was changed.")
    lock = AppLock(path)
    try:
        lock.acquire()
    except DataFileError as error:
        raise DataFileError(
            f"Facilitator is open on {path}. Close it first, then encrypt; nothing was changed."
        ) from error
    try:
        connect(path).close()  # a last look: ours, sound enough to open, log emptied
        _encrypt_in_place(path, passphrase)
        use_passphrase(path, passphrase)
        done = 0
        for backup in our_backups(path):
            try:
                _encrypt_in_place(backup.path, passphrase)
            except DataFileError:
                continue  # already encrypted, or damaged: left as it is
            done += 1
    finally:
        lock.release()
    return Encrypted(path, done)


def _encrypt_in_place(path: Path, passphrase: str) -> None:
    """Replace the plain SQLite file at `path` by an encrypted copy of it."""
    incoming = path.with_name(f".{path.name}.encrypting")
    incoming.unlink(missing_ok=True)
    os.close(os.open(incoming, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    errors = connection_module._DB_ERRORS
    try:
        plain = cipher_connect(path, None)
        try:
            counts = _counts(plain)
            plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", [str(incoming), passphrase])
            plain.execute("SELECT sqlcipher_export('encrypted')").fetchall()
            plain.execute("DETACH DATABASE encrypted")
        finally:
            plain.close()
        encrypted = cipher_connect(incoming, passphrase)
        try:
            sound = encrypted.execute("PRAGMA quick_check").fetchall() == [("ok",)]
            same = _counts(encrypted) == counts
        finally:
            encrypted.close()
        if not (sound and same):
            raise DataFileError(f"{path} could not be encrypted, and nothing was changed.")
        os.replace(incoming, path)
    except errors as error:
        raise DataFileError(
            f"{path} could not be encrypted ({str(error).lower()}), and nothing was changed."
        ) from error
    finally:
        incoming.unlink(missing_ok=True)
    for companion in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        companion.unlink(missing_ok=True)


def _counts(connection: sqlite3.Connection) -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    ]
    return {
        table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        for table in tables
    }
