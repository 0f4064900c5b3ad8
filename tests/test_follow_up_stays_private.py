"""A "left early — follow up" note is for the facilitator's wellbeing call only.

It must never leave the app: every listing the CLI writes, plain or tab-separated,
is checked for it. Exports added later belong in EXPORTS below.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli import main
from sessions.demo import fill_with_example_data
from sessions.models import AttendanceStatus
from sessions.store import Store
from support import TODAY

EXPORTS = (
    ("sessions",),
    ("sessions", "--tab-separated"),
    ("people",),
    ("people", "--tab-separated"),
)


@pytest.mark.parametrize("command", EXPORTS, ids=" ".join)
def test_no_listing_holds_a_follow_up_note(
    db_path: Path, command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    with Store.open(db_path) as store:
        fill_with_example_data(store, TODAY)
        notes = {
            record.follow_up_note
            for overview in store.sessions.overview()
            for record in store.attendance.for_session(overview.id)
            if record.status is AttendanceStatus.LEFT_EARLY and record.follow_up
        }
    assert notes, "the example data has a follow-up note to look for"
    result = CliRunner().invoke(main, [*command, "--db", str(db_path)], catch_exceptions=False)
    assert result.exit_code == 0
    for note in notes:
        assert note not in result.output
        assert note.split(";")[0] not in result.output
