"""Small named settings kept in the data file, as JSON values."""

from __future__ import annotations

import json
from typing import Any

from sessions.store.base import Repository

ORGANISATION = "organisation"
"""The setting naming the organisation: the author of exported documents."""
EXPORT_FOLDER = "export_folder"
"""The setting naming the folder exported files are written to."""
CONTACT_DETAILS = "contact_details"
"""The setting holding how people can reach the team, for the end of every summary."""
SUMMARY_NAMES = "summary_names"
"""The setting saying whether summaries name who took part (false: counts by role only)."""
SIGNUP_TARGET = "signup_target"
"""The setting holding where sign-up QR codes point: a web address, an email or a text."""


class SettingsRepository(Repository):
    def get(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])

    def set(self, key: str, value: Any) -> None:
        encoded = json.dumps(value)
        with self.db.atomic():
            existing = self.db.execute("SELECT id FROM settings WHERE key = ?", [key]).fetchone()
            if existing:
                self.update_row("settings", existing[0], {"value": encoded})
            else:
                self.insert_row("settings", {"key": key, "value": encoded})
