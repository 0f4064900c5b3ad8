"""`facilitator export register | runsheets | agenda | groups`, run as a user would."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from facilitator.cli import main
from sessions.models import AgendaItem
from sessions.store import Store
from sessions.store.settings import CONTACT_DETAILS, EXPORT_FOLDER
from tests.exports.docx_checks import assert_accessible, body_texts, table_rows
from tests.exports.register_examples import AFTER, BEFORE, ORGANISATION, Example, make_session


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    return CliRunner()


@pytest.fixture
def example(store: Store, tmp_path: Path) -> Example:
    made = make_session(store)
    store.settings.set(EXPORT_FOLDER, str(tmp_path / "exported"))
    store.settings.set("organisation", ORGANISATION)
    store.settings.set(CONTACT_DETAILS, "Phone 01636 000000")
    return made


def run(runner: CliRunner, db_path: Path, *args: str, now: dt.datetime = AFTER) -> Result:
    return runner.invoke(main, [*args, "--db", str(db_path)], obj={"now": lambda: now})


def test_export_register_writes_the_record_to_the_export_folder(
    runner: CliRunner, example: Example, db_path: Path, tmp_path: Path
) -> None:
    result = run(runner, db_path, "export", "register", "Carers", "Implementation")
    assert result.exit_code == 0, result.output
    path = tmp_path / "exported" / "register-2026-12-03-Carers-Implementation-Group.docx"
    assert result.stdout.splitlines() == [
        f"Wrote the attendance register for Carers Implementation Group to {path}.",
        "5 people booked. 3 came, 1 of them walked in. 1 sent apologies.",
    ]
    doc = docx.Document(str(path))
    assert_accessible(
        doc, "Attendance register: Carers Implementation Group", organisation=ORGANISATION
    )
    first = table_rows(doc, "Name")[0]
    assert first[2:5] == ["Left early", "10:31", "11:45"]


def test_export_register_before_the_day_has_blank_rows(
    runner: CliRunner, example: Example, db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "sign-in.docx"
    result = run(
        runner, db_path, "export", "register", str(example.session.id), "-o", str(out), now=BEFORE
    )
    assert result.exit_code == 0, result.output
    assert "It has 10 blank rows for people who walk in." in result.stdout
    walk_ins = docx.Document(str(out)).tables[-1].rows
    assert len(walk_ins) == 1 + 1 + 10


def test_export_register_as_csv(
    runner: CliRunner, example: Example, db_path: Path, tmp_path: Path
) -> None:
    result = run(runner, db_path, "export", "register", "Carers", "--csv")
    assert result.exit_code == 0, result.output
    path = tmp_path / "exported" / "register-2026-12-03-Carers-Implementation-Group.csv"
    assert f"to {path}." in result.stdout
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["Name", "Role", "Status", "Arrived", "Left", "Walked in"]
    assert len(rows) == 7


def test_export_runsheets_agenda_and_groups(
    runner: CliRunner, example: Example, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "exported"
    sheets = run(runner, db_path, "export", "runsheets", "Carers")
    assert sheets.exit_code == 0, sheets.output
    assert sheets.stdout.splitlines() == [
        "Wrote run sheets for 2 leads (Co-chairs, Staff co-chair) to "
        f"{folder / 'run-sheets-2026-12-03-Carers-Implementation-Group.docx'}.",
        "No lead is named for: Break.",
    ]

    agenda = run(runner, db_path, "export", "agenda", "Carers")
    assert agenda.exit_code == 0, agenda.output
    handout = folder / "agenda-large-print-2026-12-03-Carers-Implementation-Group.docx"
    assert agenda.stdout.splitlines() == [
        f"Wrote the large-print agenda for Carers Implementation Group to {handout}."
    ]
    assert body_texts(docx.Document(str(handout)))[-1] == "Phone 01636 000000"

    groups = run(runner, db_path, "export", "groups", "Carers")
    assert groups.exit_code == 0, groups.output
    assert groups.stdout.splitlines() == [
        "Wrote the lists of 2 breakout groups for Carers Implementation Group to "
        f"{folder / 'groups-2026-12-03-Carers-Implementation-Group.docx'}."
    ]


def test_export_groups_of_a_round_that_is_not_there(
    runner: CliRunner, example: Example, db_path: Path
) -> None:
    result = run(runner, db_path, "export", "groups", "Carers", "--round", "3")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "“Carers Implementation Group” has no round 3 of breakout groups. It has round 1."
    )


def test_export_commands_say_what_is_missing_in_words(
    runner: CliRunner, store: Store, example: Example, db_path: Path
) -> None:
    sid = example.session.id or 0
    store.agenda.replace_all(sid, [AgendaItem("Talk", 30)])
    sheets = run(runner, db_path, "export", "runsheets", str(sid))
    assert sheets.exit_code == 2
    assert "says who leads it" in sheets.stderr
    missing = run(runner, db_path, "export", "register", "Nothing like this")
    assert missing.exit_code == 2
    assert missing.stderr.startswith("No session matches “Nothing like this”.")
    assert "Traceback" not in missing.output + sheets.output


def test_several_matching_sessions_are_listed_not_guessed(
    runner: CliRunner, store: Store, example: Example, db_path: Path
) -> None:
    second = make_session(store).session
    result = run(runner, db_path, "export", "agenda", "Carers")
    assert result.exit_code == 2
    assert "2 sessions match “Carers”" in result.stderr
    assert f"{second.id}. Thu 3 Dec 2026 at 10:30: Carers Implementation Group." in result.stderr
