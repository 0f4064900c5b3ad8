"""Where the data file lives unless the user says otherwise."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV_VAR = "FACILITATOR_DB"
DB_FILE_NAME = "facilitator.db"


def default_db_path() -> Path:
    """The user's data folder for Facilitator (no folder is made by asking)."""
    from platformdirs import user_data_path

    return user_data_path("facilitator", appauthor=False) / DB_FILE_NAME


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--db` wins, then the FACILITATOR_DB environment variable, then the default."""
    chosen = explicit or os.environ.get(DB_ENV_VAR)
    return Path(chosen).expanduser() if chosen else default_db_path()
