"""What every part of the store shares: the database and row stamping."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from sessions.errors import NotFound


def utc_text(moment: dt.datetime | None) -> str | None:
    """An aware datetime as stored: UTC, ISO 8601, to the second."""
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def utc_moment(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def utc_now() -> str:
    """The current time in UTC, ISO 8601, to the second."""
    return utc_text(dt.datetime.now(dt.UTC))  # type: ignore[return-value]


class Repository:
    """One part of the store, working on one database connection."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @staticmethod
    def new_row(values: dict[str, Any]) -> dict[str, Any]:
        """A row ready to insert: a fresh uid and both timestamps added."""
        now = utc_now()
        return {"uid": str(uuid.uuid4()), "created_at": now, "updated_at": now, **values}

    @staticmethod
    def changed_row(values: dict[str, Any]) -> dict[str, Any]:
        return {**values, "updated_at": utc_now()}

    def insert_row(self, table: str, values: dict[str, Any]) -> int:
        inserted = self.db.table(table).insert(self.new_row(values))
        return int(inserted.last_pk)  # type: ignore[arg-type]

    def require(self, table: str, row_id: int) -> None:
        """Raise NotFound, in words, unless the row is still there."""
        if not self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]).fetchone():
            raise NotFound(GONE.get(table, "That record is no longer there."))

    def update_row(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        """Change one row, or raise NotFound if it has gone."""
        try:
            self.db.table(table).update(row_id, self.changed_row(values))
        except NotFoundError as error:
            raise NotFound(GONE.get(table, "That record is no longer there.")) from error


GONE = {
    "people": "That person is no longer in the people bank.",
    "sessions": "That session has been deleted.",
    "agenda_items": "That agenda item has been deleted.",
    "notes": "That note has been deleted.",
    "actions": "That action has been deleted.",
    "breakout_rounds": "That round of groups has been deleted.",
    "breakout_groups": "That breakout group has been deleted.",
    "saved_splits": "That saved split has been deleted.",
    "claims": "That claim is no longer there.",
    "claim_lines": "That line of the claim has been removed.",
    "projects": "That project has been deleted.",
}
