"""The one gateway to the SQLite data file.

Nothing else in Facilitator talks to SQLite. A `Store` holds one connection, which
belongs to the thread that opened it: a worker thread opens its own Store.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from sqlite_utils import Database

from sessions.models import Session, Template
from sessions.store.agenda import AgendaRepository
from sessions.store.attendance import AttendanceRepository
from sessions.store.breakouts import BreakoutRepository
from sessions.store.companions import CompanionRepository
from sessions.store.connection import AppLock, open_database
from sessions.store.location import DB_ENV_VAR, default_db_path, resolve_db_path
from sessions.store.notes import NoteRepository
from sessions.store.pairs import PairRepository
from sessions.store.people import PeopleRepository
from sessions.store.run_events import RunEventRepository
from sessions.store.saved_splits import SavedSplitRepository
from sessions.store.sessions import DeletionImpact, SessionRepository
from sessions.store.settings import SettingsRepository
from sessions.store.templates import TemplateRepository

if TYPE_CHECKING:
    from sessions.store.actions import ActionRepository
    from sessions.store.backups import BackupMade
    from sessions.store.claims import ClaimRepository, PolicyRepository
    from sessions.store.decisions import DecisionRepository
    from sessions.store.projects import ProjectRepository

__all__ = [
    "DB_ENV_VAR",
    "DeletionImpact",
    "Store",
    "default_db_path",
    "resolve_db_path",
]

WELCOME_DONE = "welcome_done"


class Store:
    """Everything Facilitator keeps, reached through one object per data file."""

    def __init__(self, db: Database, path: Path, lock: AppLock | None = None) -> None:
        self.db = db
        self.path = path
        self.lock = lock
        self.people = PeopleRepository(db)
        self.sessions = SessionRepository(db)
        self.agenda = AgendaRepository(db)
        self.attendance = AttendanceRepository(db)
        self.templates = TemplateRepository(db)
        self.settings = SettingsRepository(db)
        self.companions = CompanionRepository(db)
        self.run_events = RunEventRepository(db)
        self.notes = NoteRepository(db)
        self.breakouts = BreakoutRepository(db)
        self.pairs = PairRepository(db)
        self.saved_splits = SavedSplitRepository(db)

    # Made when first used: their modules (claims and the payment policy above all)
    # take a while to import, and the app's first screen needs none of them.

    @cached_property
    def actions(self) -> ActionRepository:
        from sessions.store.actions import ActionRepository

        return ActionRepository(self.db)

    @cached_property
    def claims(self) -> ClaimRepository:
        from sessions.store.claims import ClaimRepository

        return ClaimRepository(self.db)

    @cached_property
    def policies(self) -> PolicyRepository:
        from sessions.store.claims import PolicyRepository

        return PolicyRepository(self.db)

    @cached_property
    def decisions(self) -> DecisionRepository:
        from sessions.store.decisions import DecisionRepository

        return DecisionRepository(self.db)

    @cached_property
    def projects(self) -> ProjectRepository:
        from sessions.store.projects import ProjectRepository

        return ProjectRepository(self.db)

    @classmethod
    def open(cls, path: Path, *, create: bool = True, only_copy: bool = False) -> Store:
        """Open (or create) the data file at `path`; raises DataFileError if unusable.

        With `only_copy` (the app does this), refuse in words if another copy of the
        app already has the file open, and hold it until `close`.
        """
        lock = AppLock(path) if only_copy and (create or path.exists()) else None
        if lock is not None:
            lock.acquire()
        try:
            return cls(open_database(path, create=create), path, lock)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    def close(self) -> None:
        self.db.close()
        if self.lock is not None:
            self.lock.release()

    def backup(self, *, skip_if_unchanged: bool = False) -> BackupMade:
        """Back up this data file into its backups folder, keeping the newest few."""
        from sessions.store.backups import backup_connection

        return backup_connection(self.db.conn, self.path, skip_if_unchanged=skip_if_unchanged)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def has_data(self) -> bool:
        """True once anyone or any session has been added."""
        return self.people.count() > 0 or self.sessions.count() > 0

    def needs_welcome(self) -> bool:
        """A new, empty file whose user has not yet chosen how to start."""
        return not self.has_data() and not self.settings.get(WELCOME_DONE, False)

    def mark_welcomed(self) -> None:
        self.settings.set(WELCOME_DONE, True)

    def create_session(self, session: Session, template: Template | None = None) -> Session:
        """Save a new session, with the template's agenda if one was chosen."""
        with self.db.atomic():
            saved = self.sessions.save(session)
            if template is not None:
                assert saved.id is not None
                self.agenda.replace_all(
                    saved.id, [item.to_agenda_item() for item in template.items]
                )
        return saved
