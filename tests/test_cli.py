"""The `facilitator` command: every sub-command, and the errors a user can meet."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator import __version__
from facilitator.cli import main
from sessions.store import Store


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    return CliRunner()


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(main, list(args), env=env, catch_exceptions=False)


def test_version(runner: CliRunner) -> None:
    result = run(runner, "--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"facilitator, version {__version__}"


def test_demo_fills_a_new_file(runner: CliRunner, db_path: Path) -> None:
    result = run(runner, "demo", "--db", str(db_path))
    assert result.exit_code == 0
    assert result.output.strip() == f"Added 281 people and 7 sessions to {db_path}."
    assert os.stat(db_path).st_mode & 0o777 == 0o600


def test_demo_refuses_a_file_with_data_unless_forced(runner: CliRunner, db_path: Path) -> None:
    run(runner, "--db", str(db_path), "demo")
    refused = runner.invoke(main, ["--db", str(db_path), "demo"])
    assert refused.exit_code == 2
    assert "already has people or sessions in it" in refused.stderr
    assert "--force" in refused.stderr
    with Store.open(db_path) as store:
        assert store.people.count() == 281

    forced = run(runner, "demo", "--force", "--db", str(db_path))
    assert forced.exit_code == 0
    with Store.open(db_path) as store:
        assert store.people.count() == 562


def test_sessions_lists_today_coming_and_past(runner: CliRunner, db_path: Path) -> None:
    run(runner, "demo", "--db", str(db_path))
    result = run(runner, "sessions", "--db", str(db_path))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    headings = [line for line in lines if not line.startswith("  ")]
    assert [h.split(" (")[0] for h in headings] == ["Today", "Coming up", "Past"]
    assert "Coming up (2 sessions)" in lines
    assert "Past (4 sessions)" in lines
    listed = [line for line in lines if line.startswith("  ") and "booked" in line]
    assert len(listed) == 7
    assert all(" at " in line and "attended." in line for line in listed)


def test_sessions_search_that_finds_nothing_says_so(runner: CliRunner, db_path: Path) -> None:
    run(runner, "demo", "--db", str(db_path))
    result = run(runner, "sessions", "--db", str(db_path), "--search", "zzz")
    assert result.output.splitlines() == ["No sessions match “zzz”."]


def test_sessions_search_and_tab_separated(runner: CliRunner, db_path: Path) -> None:
    run(runner, "demo", "--db", str(db_path))
    result = run(
        runner, "sessions", "--db", str(db_path), "--search", "homecare", "--tab-separated"
    )
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert rows[0][:3] == ["number", "date", "start"]
    assert len(rows) == 2
    assert rows[1][5] == "Homecare: what works and what does not"


def test_people_lists_and_searches(runner: CliRunner, db_path: Path) -> None:
    run(runner, "demo", "--db", str(db_path))
    everyone = run(runner, "people", "--db", str(db_path))
    assert everyone.output.splitlines()[-1] == "281 people listed."
    found = run(runner, "people", "gallagher", "--db", str(db_path))
    lines = found.output.splitlines()
    assert all("Gallagher" in line for line in lines[:-1])
    assert lines[-1] == f"{len(lines) - 1} people listed."
    none = run(runner, "people", "nobody-is-called-this", "--db", str(db_path))
    assert none.output.splitlines() == ["Nobody matches “nobody-is-called-this”."]


def test_people_tab_separated_has_a_header(runner: CliRunner, db_path: Path) -> None:
    run(runner, "demo", "--db", str(db_path))
    result = run(runner, "people", "--tab-separated", "--db", str(db_path))
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert rows[0][1] == "name"
    assert len(rows) == 282
    assert all(len(row) == len(rows[0]) for row in rows)


def test_environment_variable_chooses_the_file(runner: CliRunner, db_path: Path) -> None:
    run(runner, "demo", env={"FACILITATOR_DB": str(db_path)})
    assert db_path.exists()
    result = run(runner, "people", env={"FACILITATOR_DB": str(db_path)})
    assert result.output.splitlines()[-1] == "281 people listed."


def test_db_option_wins_over_the_environment(
    runner: CliRunner, db_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    run(runner, "demo", "--db", str(db_path))
    result = runner.invoke(
        main, ["--db", str(other), "sessions"], env={"FACILITATOR_DB": str(db_path)}
    )
    assert result.exit_code == 2
    assert f"There is no data file at {other} yet" in result.stderr


def test_listing_a_missing_file_creates_nothing(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    for command in ("sessions", "people"):
        result = runner.invoke(main, [command, "--db", str(missing)])
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1, "one sentence, no traceback"
        assert "Traceback" not in result.output + result.stderr
    assert not missing.exists()


def test_a_file_that_is_not_a_facilitator_database(runner: CliRunner, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("Shopping: milk, tea bags, biscuits\n")
    other = tmp_path / "other-app.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    for path in (text, other):
        before = path.read_bytes()
        for args in (
            ["--db", str(path), "sessions"],
            ["--db", str(path), "demo"],
            ["--db", str(path)],
        ):
            result = runner.invoke(main, args)
            assert result.exit_code == 2, args
            assert "is not a Facilitator data file" in result.stderr
            assert "Traceback" not in result.output + result.stderr
        assert path.read_bytes() == before


def test_a_file_from_a_newer_facilitator(runner: CliRunner, db_path: Path) -> None:
    run(runner, "demo", "--db", str(db_path))
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('facilitator', 'm999_from_the_future', '2030-01-01')"
        )
    connection.close()
    before = db_path.read_bytes()
    for args in (["sessions"], ["people"], ["demo", "--force"], []):
        result = runner.invoke(main, ["--db", str(db_path), *args])
        assert result.exit_code == 2, args
        assert "newer version of Facilitator" in result.stderr
    assert db_path.read_bytes() == before


def test_a_folder_instead_of_a_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--db", str(tmp_path), "sessions"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output + result.stderr
    assert result.stderr.strip().endswith(".")
