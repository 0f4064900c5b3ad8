"""`facilitator export summary SESSION [--easy-read] [-o FILE]`: what it writes and says;
a session still to come is refused in words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import pytest
from click.testing import CliRunner, Result

from facilitator.cli import main
from sessions.signup import PASSED
from sessions.store import Store
from sessions.store.settings import EXPORT_FOLDER
from sessions.summary import NOT_HAPPENED
from tests.exports.docx_checks import all_text, assert_accessible, pictures
from tests.exports.summary_examples import (
    ACCESS_NEEDS,
    PRIVATE_QUOTE,
    TITLE,
    Example,
    make_summary_session,
    set_signup,
)


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    return CliRunner()


@pytest.fixture
def example(store: Store, tmp_path: Path) -> Example:
    made = make_summary_session(store)
    store.settings.set(EXPORT_FOLDER, str(tmp_path / "exports"))
    return made


NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=ZoneInfo("Europe/London"))
"""After the example session (5 Nov 2026), before the project's next (10 Dec)."""


def run(runner: CliRunner, db_path: Path, *args: str, now: dt.datetime = NOW) -> Result:
    return runner.invoke(main, [*args, "--db", str(db_path)], obj={"now": lambda: now})


def test_the_summary_goes_to_the_export_folder_by_number(
    runner: CliRunner, example: Example, db_path: Path, tmp_path: Path
) -> None:
    result = run(runner, db_path, "export", "summary", str(example.session.id))
    assert result.exit_code == 0, result.output
    path = tmp_path / "exports" / "summary-2026-11-05-CIG-second-meeting.docx"
    assert result.stdout.splitlines() == [f"Wrote the summary of {TITLE} to {path}."]
    doc = docx.Document(str(path))
    assert_accessible(doc, f"You said, we will: {TITLE}", never=(ACCESS_NEEDS, PRIVATE_QUOTE))
    assert "Counting who took part…" in result.stderr


def test_the_easy_read_summary_by_title_words_to_a_file_named(
    runner: CliRunner, example: Example, db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "chosen" / "easy.docx"
    result = run(
        runner, db_path, "export", "summary", "second", "meeting", "--easy-read", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"Wrote the Easy Read summary of {TITLE} to {out}."]
    doc = docx.Document(str(out))
    assert_accessible(doc, f"You said, we will: {TITLE} (Easy Read)", base_pt=16)
    assert pictures(doc)
    assert PRIVATE_QUOTE not in all_text(doc)


def test_several_matching_sessions_are_listed(
    runner: CliRunner, example: Example, db_path: Path, tmp_path: Path
) -> None:
    result = run(runner, db_path, "export", "summary", "CIG")
    assert result.exit_code == 2
    assert result.stderr.startswith("3 sessions match “CIG”. Give the session's number instead:")
    assert "CIG: second meeting" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "exports").exists()


def test_no_such_session_is_one_sentence(runner: CliRunner, store: Store, db_path: Path) -> None:
    result = run(runner, db_path, "export", "summary", "42")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "There is no session number 42. `facilitator sessions` lists them all."
    )


def test_a_folder_that_cannot_be_written_is_said_in_words(
    runner: CliRunner, example: Example, db_path: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run(
        runner, db_path, "export", "summary", str(example.session.id), "-o", str(blocker / "s.docx")
    )
    assert result.exit_code == 2
    assert "not a folder" in result.stderr or "could not be saved" in result.stderr
    assert "Traceback" not in result.output


def test_a_session_still_to_come_is_refused_in_words(
    runner: CliRunner, example: Example, db_path: Path, tmp_path: Path
) -> None:
    before = dt.datetime(2026, 11, 5, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    for extra in ((), ("--easy-read",)):
        result = run(
            runner, db_path, "export", "summary", str(example.session.id), *extra, now=before
        )
        assert result.exit_code == 2
        assert result.stderr.strip() == NOT_HAPPENED
    assert not (tmp_path / "exports").exists()


def test_a_past_session_with_no_project_says_why_it_has_no_code(
    runner: CliRunner, store: Store, example: Example, db_path: Path
) -> None:
    set_signup(store)
    session = example.session
    session.project_name = ""
    store.sessions.save(session)
    result = run(runner, db_path, "export", "summary", str(session.id))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"It has no sign-up QR code. {PASSED}"


def test_the_help_says_what_it_holds(runner: CliRunner) -> None:
    result = runner.invoke(main, ["export", "summary", "--help"])
    assert result.exit_code == 0
    assert "You said, we will" in result.output
    assert "--easy-read" in result.output and "--output" in result.output
