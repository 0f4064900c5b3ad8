"""Backups of the data file, going back to one, and checking a file is sound.

A backup is a consistent copy made with SQLite's backup API (safe while the app is
writing), kept in a `backups` folder beside the data file (0700), one file per
backup (0600) named after the data file and the UTC time it was made:
`facilitator-2026-11-23T1705Z.db`. The newest `backups_kept` (a setting, 10 unless
changed) are kept; nothing in that folder that does not look like one of ours is
ever touched.

Restoring first backs up the file in use, checks the chosen file is a sound
Facilitator data file no newer than the app, copies it beside the data file and
puts it in place with one `os.replace`, so the data file is never half-restored.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import re
import shlex
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from sessions.display import format_date, format_time, plural
from sessions.errors import DataFileError, FacilitatorError
from sessions.store import connection as connection_module
from sessions.store.connection import (
    AppLock,
    DataFileFault,
    cipher_connect,
    connect,
    fault,
    fault_sentence,
    passphrase_for,
)
from sessions.store.migrations import known_names, migrations

BACKUPS_FOLDER = "backups"
BACKUPS_KEPT = "backups_kept"
"""The setting saying how many automatic backups to keep."""
DEFAULT_KEPT = 10
_STAMP = "%Y-%m-%dT%H%MZ"


@dataclass(frozen=True)
class Backup:
    """One of our backups of a data file."""

    path: Path
    made_at: dt.datetime
    """When it was made (UTC, to the minute)."""
    number: int = 1
    """1, or 2, 3, ... for a second or third backup in the same minute."""

    @property
    def when(self) -> str:
        """'Mon 23 Nov 2026 at 17:05', at the venue."""
        from sessions.clock import venue_zone

        local = self.made_at.astimezone(venue_zone())
        return f"{format_date(local.date())} at {format_time(local.time())}"


@dataclass(frozen=True)
class BackupMade:
    """What making a backup did."""

    backup: Path
    new: bool = True
    """False when the data had not changed since the newest backup, which is `backup`."""
    removed: tuple[Path, ...] = ()
    """Older backups removed to keep the number set by `backups_kept`."""


@dataclass(frozen=True)
class Restored:
    """What restoring did: where the data came from, and where the old data went."""

    data_file: Path
    source: Path
    kept_as: Path | None
    """The backup of the file as it was before restoring (None if there was none)."""
    kept_damaged: bool = False
    """True when the old file could not be backed up cleanly and was copied as it was."""


@dataclass
class CheckReport:
    """What `check_data_file` found, in plain words."""

    path: Path
    found: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    advice: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        said = [f"Checked {self.path}.", *self.found, *self.problems]
        if self.ok:
            said.append("All is well.")
        else:
            said.append(f"{plural(len(self.problems), 'problem')} found. {self.advice}".strip())
        return said


# --- where backups live --------------------------------------------------------------


def backups_folder(path: Path) -> Path:
    """The folder beside the data file that its backups go in."""
    return path.parent / BACKUPS_FOLDER


def _pattern(path: Path) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(path.stem)}-(\d{{4}}-\d{{2}}-\d{{2}}T\d{{4}}Z)(?:-(\d+))?\.db$"
    )


def our_backups(path: Path, folder: Path | None = None) -> list[Backup]:
    """The backups of the data file at `path`, oldest first; nothing else in the folder."""
    folder = folder or backups_folder(path)
    pattern = _pattern(path)
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        matched = pattern.match(entry.name)
        if not matched or not entry.is_file(follow_symlinks=False):
            continue
        try:
            made = dt.datetime.strptime(matched[1], _STAMP).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
        found.append(Backup(Path(entry.path), made, int(matched[2] or 1)))
    return sorted(found, key=lambda b: (b.made_at, b.number))


def newest_backup(path: Path) -> Backup | None:
    backups = our_backups(path)
    return backups[-1] if backups else None


def restore_command(path: Path, backup: Path) -> str:
    """The command that puts `backup` back as the data file at `path`."""
    from sessions.store.location import resolve_db_path

    command = f"facilitator restore {_quoted(backup)}"
    if _same_file(path, resolve_db_path(None)):
        return command
    return f"{command} --db {_quoted(path)}"


def restore_advice(path: Path) -> str:
    """What to do about a damaged or lost data file: the newest backup, named."""
    newest = newest_backup(path)
    if newest is None:
        return "If you have a copy of it, use that instead; choose another file with --db."
    return (
        f"To go back to the newest backup, made {newest.when}, close Facilitator and "
        f"type: {restore_command(path, newest.path)}"
    )


def _quoted(path: Path) -> str:
    text = str(path)
    if sys.platform == "win32":  # pragma: no cover
        return f'"{text}"' if " " in text else text
    return shlex.quote(text)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


# --- making one ----------------------------------------------------------------------


def make_backup(
    path: Path,
    into: Path | None = None,
    *,
    skip_if_unchanged: bool = False,
    keep: Iterable[Path] = (),
    now: Callable[[], dt.datetime] | None = None,
) -> BackupMade:
    """Back up the data file at `path`, opening it afresh (safe from any thread).

    `into` is a file to write, or a folder to write a named backup in; by default
    the backups folder, where only the newest `backups_kept` are kept (never any
    path in `keep`). With `skip_if_unchanged`, a copy identical to the newest
    backup is not kept. Raises DataFileError in words if it cannot be done.
    """
    if not path.is_file():
        raise DataFileError(f"There is no data file at {path} to back up.")
    source = connect(path)
    try:
        return backup_connection(
            source, path, into, skip_if_unchanged=skip_if_unchanged, keep=keep, now=now
        )
    finally:
        source.close()


def backup_connection(
    source: sqlite3.Connection,
    path: Path,
    into: Path | None = None,
    *,
    skip_if_unchanged: bool = False,
    keep: Iterable[Path] = (),
    now: Callable[[], dt.datetime] | None = None,
) -> BackupMade:
    """As `make_backup`, from a connection already open on the data file at `path`."""
    if source.in_transaction:
        # The backup would wait for this very connection's change to end, for ever.
        raise DataFileError("A backup cannot be made in the middle of saving a change.")
    moment = (now or _utc_now)()
    folder, target = _target(path, into, moment)
    partial = folder / f".{target.name}.partial"
    _write_copy(source, path, partial, folder)
    newest = newest_backup(path) if into is None else None
    if skip_if_unchanged and newest is not None and _same_bytes(partial, newest.path):
        partial.unlink(missing_ok=True)
        return BackupMade(newest.path, new=False)
    try:
        os.replace(partial, target)
        _sync_folder(folder)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise _cannot_write(folder, error) from error
    removed = _prune(path, _kept(source), {target, *keep}) if into is None else ()
    return BackupMade(target, removed=removed)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _target(path: Path, into: Path | None, moment: dt.datetime) -> tuple[Path, Path]:
    """The folder and the file a backup made now goes to."""
    if into is not None and not into.is_dir():
        if into.exists():
            raise FacilitatorError(
                f"{into} is already there, so it was left alone. Give a new file name, "
                "or a folder to put the backup in."
            )
        if not into.parent.is_dir():
            raise FacilitatorError(f"There is no folder {into.parent}. Make it first.")
        return into.parent, into
    folder = into if into is not None else backups_folder(path)
    if into is None:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
        except OSError as error:
            raise _cannot_write(folder, error) from error
    stamp = moment.astimezone(dt.UTC).strftime(_STAMP)
    target = folder / f"{path.stem}-{stamp}.db"
    number = 2
    while target.exists():
        target = folder / f"{path.stem}-{stamp}-{number}.db"
        number += 1
    return folder, target


def _write_copy(source: sqlite3.Connection, path: Path, partial: Path, folder: Path) -> None:
    """A consistent copy of `source` at `partial`, only its owner can read, on disk."""
    try:
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as error:
        raise _cannot_write(folder, error) from error
    passphrase = getattr(source, "passphrase", None)
    # The same library, and the same passphrase: a backup of an encrypted file is
    # encrypted too.
    target = cipher_connect(partial, passphrase) if passphrase else sqlite3.connect(partial)
    try:
        try:
            source.backup(target)
            # One self-contained file, whatever the data file's journal.
            target.execute("PRAGMA journal_mode = DELETE")
            # The backup API copies pages as they are: a damaged file makes a damaged
            # copy, which must never pass for a good backup.
            sound = target.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        except connection_module._DB_ERRORS as error:
            found = fault(path, error)
            if found is not None and found.kind in ("damaged", "locked"):
                raise found from error
            raise _cannot_write(folder, error) from error
        if not sound:
            raise DataFileFault(fault_sentence(path, "damaged"), "damaged")
    except BaseException:
        target.close()
        partial.unlink(missing_ok=True)
        raise
    target.close()
    try:
        with partial.open("rb+") as written:
            os.fsync(written.fileno())
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise _cannot_write(folder, error) from error


def _cannot_write(folder: Path, error: Exception) -> DataFileError:
    reason = getattr(error, "strerror", None) or str(error)
    if "full" in reason.lower() or getattr(error, "errno", None) == 28:
        reason = "the disk is full"
    return DataFileError(
        f"Facilitator could not write a backup in {folder} ({reason.lower()}). The data "
        "file itself is unchanged. Free some space or check that the folder is yours."
    )


def _same_bytes(one: Path, other: Path) -> bool:
    try:
        return filecmp.cmp(one, other, shallow=False)
    except OSError:
        return False


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` last through a power cut (not possible on Windows)."""
    if sys.platform == "win32":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _kept(connection: sqlite3.Connection) -> int:
    """The `backups_kept` setting in the file, or the default if unset or unusable."""
    try:
        row = connection.execute(
            "SELECT value FROM settings WHERE key = ?", [BACKUPS_KEPT]
        ).fetchone()
    except (sqlite3.Error, DataFileError):
        return DEFAULT_KEPT
    try:
        kept = int(row[0]) if row else DEFAULT_KEPT
    except (TypeError, ValueError):
        return DEFAULT_KEPT
    return max(1, kept)


def _prune(path: Path, kept: int, protected: set[Path]) -> tuple[Path, ...]:
    """Remove our oldest backups beyond `kept`; never a protected one, nor anything else."""
    backups = our_backups(path)
    surplus = len(backups) - kept
    removed = []
    for backup in backups:
        if surplus <= 0:
            break
        if any(_same_file(backup.path, other) for other in protected):
            continue
        try:
            backup.path.unlink()
        except OSError:
            continue
        removed.append(backup.path)
        surplus -= 1
    return tuple(removed)


# --- checking a file -------------------------------------------------------------------


def check_data_file(path: Path) -> CheckReport:
    """Is the data file at `path` whole, its links sound, and its layout one we know?

    Changes nothing. Raises DataFileError only when there is no file to check.
    """
    if path.is_dir():
        raise DataFileError(f"{path} is a folder. Give the path of a data file instead.")
    if not path.exists():
        raise DataFileError(
            f"There is no data file at {path}. Check the name, or choose the file with --db."
        )
    report = CheckReport(path, advice=restore_advice(path))
    try:
        connection = connect(path)
    except DataFileError as error:
        report.problems.append(str(error).split(". ")[0] + ".")
        return report
    try:
        _check_contents(Database(connection, execute_plugins=False), report)
    except DataFileFault as error:
        report.problems.append(_damaged_words(error))
    finally:
        connection.close()
    return report


def _damaged_words(error: DataFileFault) -> str:
    if error.kind == "damaged":
        return "It is damaged or is not a Facilitator data file: parts of it cannot be read."
    return fault_sentence(Path("The file"), error.kind).split(". ")[0] + "."


def _check_contents(db: Database, report: CheckReport) -> None:
    damage = [row[0] for row in db.execute("PRAGMA integrity_check(20)").fetchall()]
    if damage == ["ok"]:
        report.found.append("No damage was found in the file.")
    else:
        report.problems.append(
            f"The file is damaged: {plural(len(damage), 'fault')} found in how it is stored."
        )
    tables = set(db.table_names())
    applied = [m.name for m in migrations.applied(db)] if tables else []
    if not applied:
        if tables - {"_sqlite_migrations"}:
            report.problems.append("It is not a Facilitator data file: it holds other data.")
        else:
            report.problems.append("It holds no Facilitator data yet.")
        return
    known = known_names()
    if set(applied) - set(known):
        report.problems.append(
            "It was saved by a newer version of Facilitator: update Facilitator to use it."
        )
    elif set(known) - set(applied):
        report.found.append(
            "It was saved by an older version of Facilitator, and will be brought up to "
            "date when Facilitator next opens it."
        )
    else:
        report.found.append("Its layout is the one this version of Facilitator uses.")
    broken = db.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        by_table: dict[str, int] = {}
        for row in broken:
            by_table[row[0]] = by_table.get(row[0], 0) + 1
        for table, count in sorted(by_table.items()):
            things = table.replace("_", " ")
            report.problems.append(
                f"{count} of the {things} records point to something that is no longer there."
            )
    else:
        report.found.append("Every record that points to another points to one that is there.")
    report.found.append(_contents(db, tables))


def _contents(db: Database, tables: set[str]) -> str:
    counts = []
    for table, one, many in (
        ("people", "person", "people"),
        ("sessions", "session", "sessions"),
        ("claims", "claim", "claims"),
    ):
        if table in tables:
            count = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            counts.append(plural(count, one, many))
    return f"It holds {', '.join(counts[:-1])} and {counts[-1]}." if counts else ""


# --- restoring one ------------------------------------------------------------------


def restore(path: Path, source: Path, *, now: Callable[[], dt.datetime] | None = None) -> Restored:
    """Make the data file at `path` a copy of `source`, backing up what is there first.

    Refuses, in words and changing nothing, while the app has the data file open, or
    when `source` is missing, not a Facilitator data file, damaged, or newer than the
    app.
    """
    source = source.expanduser()
    if not source.is_file():
        what = "a folder" if source.is_dir() else "not there"
        raise DataFileError(f"{source} is {what}. Give the backup file to restore from.")
    if _same_file(source, path):
        raise DataFileError(f"{source} is the data file itself, so there is nothing to restore.")
    lock = AppLock(path)
    try:
        lock.acquire()
    except DataFileFault:
        raise
    except DataFileError as error:
        raise DataFileError(
            f"Facilitator is open on {path}. Close it first, then restore; nothing was changed."
        ) from error
    try:
        return _restore_locked(path, source, now)
    finally:
        lock.release()


def _restore_locked(path: Path, source: Path, now: Callable[[], dt.datetime] | None) -> Restored:
    incoming = path.parent / f".{path.name}.restoring"
    _copy_checked(source, incoming, path.parent, passphrase_for(path) or passphrase_for(source))
    try:
        kept_as, damaged = _keep_current(path, source, now)
        _wait_until_closed(path)
        try:
            os.replace(incoming, path)
            _sync_folder(path.parent)
        except OSError as error:
            raise _cannot_restore(path, error) from error
    finally:
        incoming.unlink(missing_ok=True)
    for companion in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        companion.unlink(missing_ok=True)
    return Restored(path, source, kept_as, damaged)


def _copy_checked(source: Path, incoming: Path, folder: Path, passphrase: str | None) -> None:
    """A copy of `source` at `incoming`, refused unless it is a sound file of ours."""
    try:
        reader = connect(source, passphrase=passphrase)
    except DataFileError as error:
        raise _not_restored(source, error) from error
    try:
        _write_copy(reader, source, incoming, folder)
    except DataFileFault as error:
        incoming.unlink(missing_ok=True)
        raise _not_restored(source, error) from error
    finally:
        reader.close()
    report = CheckReport(source)
    copy = connect(incoming, passphrase=passphrase)
    try:
        _check_contents(Database(copy, execute_plugins=False), report)
    except DataFileFault as error:
        report.problems.append(_damaged_words(error))
    finally:
        copy.close()
    if not report.ok:
        incoming.unlink(missing_ok=True)
        raise DataFileError(
            f"{source} was not restored, and nothing was changed: "
            f"{_lower_first(report.problems[0])}"
        )


def _keep_current(
    path: Path, source: Path, now: Callable[[], dt.datetime] | None
) -> tuple[Path | None, bool]:
    """Back up the data file as it is now; a damaged one is copied as it is."""
    if not path.exists():
        return None, False
    try:
        made = make_backup(path, skip_if_unchanged=True, keep=[source], now=now)
    except DataFileFault:
        pass
    else:
        return made.backup, False
    moment = (now or _utc_now)().astimezone(dt.UTC).strftime(_STAMP)
    folder = backups_folder(path)
    kept = folder / f"{path.stem}-damaged-{moment}.db"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(path, kept)
        os.chmod(kept, 0o600)
    except OSError as error:
        raise _cannot_write(folder, error) from error
    return kept, True


def _wait_until_closed(path: Path) -> None:
    """Refuse if some other program still has the data file open (its WAL remains)."""
    wal = Path(f"{path}-wal")
    if not wal.exists():
        return
    try:
        connection = connect(path)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            connection.close()
    except DataFileError:
        pass
    if wal.exists():
        raise DataFileError(
            f"{path} is in use by another program, so it was not restored. Close any "
            "other copy of Facilitator and try again."
        )


def _not_restored(source: Path, error: DataFileError) -> DataFileError:
    if isinstance(error, DataFileFault) and error.kind == "damaged":
        return DataFileError(
            f"{source} was not restored, and nothing was changed: it is damaged or not "
            "a Facilitator data file."
        )
    return DataFileError(f"{source} was not restored, and nothing was changed. {error}")


def _cannot_restore(where: Path, error: OSError) -> DataFileError:
    reason = (error.strerror or str(error)).lower()
    return DataFileError(
        f"Facilitator could not write beside {where} ({reason}), so nothing was restored "
        "and the data file is unchanged."
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
