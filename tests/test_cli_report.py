"""`facilitator report --from DATE --to DATE [--project P] [-o FILE.docx]`: the progress
report for committee from the command line; bad input refused in words, never guessed."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from facilitator.cli import main
from sessions.project_models import Project
from sessions.store import Store
from sessions.store.settings import EXPORT_FOLDER
from tests.exports.docx_checks import assert_accessible, body_texts, headings, pictures
from tests.report_examples import CARERS, TODAY, TRANSPORT, fill_report_examples


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    return CliRunner()


@pytest.fixture
def folder(store: Store, tmp_path: Path) -> Path:
    fill_report_examples(store)
    store.settings.set(EXPORT_FOLDER, str(tmp_path / "exports"))
    return tmp_path / "exports"


def run(runner: CliRunner, db_path: Path, *args: str) -> Result:
    return runner.invoke(
        main, ["report", *args, "--db", str(db_path)], obj={"today": lambda: TODAY}
    )


def test_a_report_for_dates_typed_as_the_app_takes_them(
    runner: CliRunner, folder: Path, db_path: Path
) -> None:
    result = run(runner, db_path, "--from", "1/5/2026", "--to", "31 Oct 2026")
    assert result.exit_code == 0, result.output
    path = folder / "progress-report-2026-05-01-to-2026-10-31.docx"
    assert result.stdout.splitlines() == [
        f"Wrote the progress report for 1 May to 31 October 2026 (every session) to {path}."
    ]
    assert "Working out the figures…" in result.stderr
    doc = docx.Document(str(path))
    assert_accessible(doc, "Progress report: 1 May to 31 October 2026")
    assert len(pictures(doc)) == 4


def test_without_dates_the_last_six_whole_months(
    runner: CliRunner, folder: Path, db_path: Path
) -> None:
    result = run(runner, db_path)
    assert result.exit_code == 0, result.output
    assert "for 1 May to 31 October 2026 (every session)" in result.stdout


def test_one_project_by_words_from_its_name_to_a_file_named(
    runner: CliRunner, folder: Path, db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "committee" / "carers.docx"
    result = run(
        runner, db_path, "--from", "2026-05-01", "--to", "2026-10-31", "--project", "carers",
        "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Wrote the progress report for 1 May to 31 October 2026 (the project {CARERS}) to {out}."
    ]
    doc = docx.Document(str(out))
    title = f"Progress report for {CARERS}: 1 May to 31 October 2026"
    assert_accessible(doc, title)
    assert [h for level, h in headings(doc) if level == 3] == [CARERS]
    assert body_texts(doc)[3].startswith(
        "Between 1 May and 31 October 2026 we held 2 sessions: 1 Listening Space and "
        "1 project meeting."
    )


def test_an_end_before_the_start_is_refused_in_words(
    runner: CliRunner, folder: Path, db_path: Path
) -> None:
    result = run(runner, db_path, "--from", "1/10/2026", "--to", "1/5/2026")
    assert result.exit_code == 2
    assert result.stderr == (
        "The report would end on 1 May 2026, before it starts on 1 October 2026. "
        "Swap the dates round.\n"
    )
    assert not folder.exists()


def test_a_date_that_is_not_one_and_a_missing_end(
    runner: CliRunner, folder: Path, db_path: Path
) -> None:
    result = run(runner, db_path, "--from", "31/2/2026", "--to", "1/5/2026")
    assert result.exit_code == 2
    assert result.stderr.startswith("“31/2/2026” after --from is not a date.")
    result = run(runner, db_path, "--from", "1/5/2026")
    assert result.exit_code == 2
    assert result.stderr == (
        "Give both --from and --to, or neither for the last six whole months "
        "(1 May to 31 October 2026).\n"
    )
    assert "Traceback" not in result.output


def test_an_unknown_project_is_not_guessed_the_projects_are_listed(
    runner: CliRunner, folder: Path, db_path: Path
) -> None:
    result = run(runner, db_path, "--project", "Direct Payments")
    assert result.exit_code == 2
    assert result.stderr == (
        "No project matches “Direct Payments”, so no report was written. The projects are:\n"
        f"  {CARERS}\n  {TRANSPORT}\n"
    )
    assert not folder.exists()


def test_several_matching_projects_are_listed(
    runner: CliRunner, folder: Path, db_path: Path, store: Store
) -> None:
    store.projects.save(Project(name="Young Carers Voice"))
    result = run(runner, db_path, "--project", "carers voice")
    assert result.exit_code == 0, result.output  # the exact name wins
    result = run(runner, db_path, "--project", "carers")
    assert result.exit_code == 2
    assert result.stderr == (
        "2 projects match “carers”, so no report was written. Which one?\n"
        f"  {CARERS}\n  Young Carers Voice\n"
    )
