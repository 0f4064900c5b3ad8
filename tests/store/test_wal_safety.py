"""The app's own connections keep their locks while a worker opens the file again.

Closing any handle on a database file drops every lock the process holds on it
(SQLite's "How To Corrupt An SQLite Database File", 2.2). If opening a Store read the
file with Python's open(), a worker writing a document would drop the app's locks,
and the next program to close the file would delete the write-ahead log under the
app: its latest notes and settings would be lost.
"""

from __future__ import annotations

import builtins
import io
import os
from pathlib import Path
from typing import Any

import pytest

from sessions.errors import DataFileError
from sessions.store import Store


def test_opening_the_file_again_never_opens_it_outside_sqlite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "facilitator.db"
    app = Store.open(path)
    app.settings.set("contact_details", "Call Nadia")
    touched: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def watch_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | Path) and Path(file).resolve() == path.resolve():
            touched.append("open")
        return real_open(file, *args, **kwargs)

    def watch_os_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | Path) and Path(file).resolve() == path.resolve():
            touched.append("os.open")
        return real_os_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watch_open)
    monkeypatch.setattr(io, "open", watch_open)
    monkeypatch.setattr(os, "open", watch_os_open)
    worker = Store.open(path)
    worker.close()
    monkeypatch.undo()
    assert touched == []
    assert app.settings.get("contact_details") == "Call Nadia"
    app.close()


def test_a_file_that_is_not_a_database_is_still_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Shopping: milk, tea bags, biscuits for the group\n" * 20)
    with pytest.raises(DataFileError) as refused:
        Store.open(path)
    assert str(refused.value) == (
        f"{path} is not a Facilitator data file. "
        "Choose another file with --db, or move this one out of the way."
    )
