"""Killing Facilitator while notes are being typed loses nothing that was saved.

A child process types notes the way the Notes tab saves them (every change saved,
each note growing as it is typed) and reports each save once `save` has returned.
It is killed with SIGKILL mid-flow; the data file must pass SQLite's integrity
check and hold every note at least as far as it was reported saved.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sessions.models import Session, SessionKind
from sessions.store import Store

REPORTED_BEFORE_KILL = 200
WATCHDOG_SECONDS = 20

CHILD = r"""
import sys
from pathlib import Path

from sessions.models import Note, NoteKind
from sessions.store import Store

WORDS = ["people said", "the letters", "are hard", "to read"]
store = Store.open(Path(sys.argv[1]), create=False)
session_id = int(sys.argv[2])
number = 0
while True:
    number += 1
    note = Note(session_id, "", kind=NoteKind.HEARD)
    for typed in range(1, len(WORDS) + 1):
        note.text = f"Note {number}: " + " ".join(WORDS[:typed])
        note = store.notes.save(note)
        print(f"{note.id}\t{note.text}", flush=True)
"""

WORDS = ["people said", "the letters", "are hard", "to read"]


def versions(text: str) -> list[str]:
    """Every text a note passes through as the child types it."""
    number = text.split(":", 1)[0]
    return [f"{number}: " + " ".join(WORDS[:typed]) for typed in range(1, len(WORDS) + 1)]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is a POSIX signal")
def test_notes_reported_saved_survive_sigkill(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        session = store.sessions.save(
            Session(
                "Over a Brew",
                SessionKind.OVER_A_BREW,
                dt.date(2026, 11, 23),
                dt.time(10, 0),
                dt.time(12, 0),
            )
        )
    assert session.id is not None

    errors = (tmp_path / "child-errors.txt").open("w")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(session.id)],
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    watchdog = threading.Timer(WATCHDOG_SECONDS, child.kill)
    watchdog.start()
    reported: dict[int, str] = {}
    lines = 0
    try:
        assert child.stdout is not None
        for _ in range(REPORTED_BEFORE_KILL):
            line = child.stdout.readline()
            if not line:
                break
            note_id, text = line.rstrip("\n").split("\t")
            reported[int(note_id)] = text
            lines += 1
        os.kill(child.pid, signal.SIGKILL)
        # Lines already written before the kill were reported saved too.
        for line in child.stdout:
            note_id, text = line.rstrip("\n").split("\t")
            reported[int(note_id)] = text
        child.wait(timeout=WATCHDOG_SECONDS)
    finally:
        watchdog.cancel()
        errors.close()
        if child.poll() is None:
            child.kill()
            child.wait()
    complaint = (tmp_path / "child-errors.txt").read_text()
    assert lines == REPORTED_BEFORE_KILL, f"the child stopped early: {complaint}"
    assert child.returncode == -signal.SIGKILL, "the child was killed, not finished"

    with Store.open(db_path, create=False) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        kept = {note.id: note.text for note in store.notes.for_session(session.id)}
    for note_id, text in reported.items():
        assert note_id in kept, f"note {note_id} was reported saved but is missing"
        steps = versions(text)
        # The kill may land after a save returned and before it was reported:
        # then the note holds a later version of what was typed, never an earlier one.
        assert kept[note_id] in steps[steps.index(text) :], (note_id, text, kept[note_id])
