"""facilitator backup, restore and check: what they say, and their exit statuses."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from facilitator.cli import main
from sessions.models import Person, Role
from sessions.store import Store
from sessions.store.backups import backups_folder, our_backups


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    return CliRunner()


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def data_file(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        store.people.save(Person(name="Farah Khan", role=Role.CARER))
    return db_path


def names(path: Path) -> list[str]:
    with Store.open(path, create=False) as store:
        return sorted(p.name for p in store.people.all())


def test_backup_goes_in_the_backups_folder(runner: CliRunner, data_file: Path) -> None:
    result = run(runner, "backup", "--db", str(data_file))

    assert result.exit_code == 0
    [made] = our_backups(data_file)
    assert result.output == f"Backed up {data_file} to {made.path}.\n"
    assert made.path.parent == backups_folder(data_file)
    assert names(made.path) == ["Farah Khan"]


def test_backup_to_a_file_of_ones_choosing(
    runner: CliRunner, data_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "stick" / "facilitator before the trip.db"
    target.parent.mkdir()

    result = run(runner, "--db", str(data_file), "backup", str(target))

    assert result.exit_code == 0
    assert result.output == f"Backed up {data_file} to {target}.\n"
    assert names(target) == ["Farah Khan"]
    assert os.stat(target).st_mode & 0o777 == 0o600

    again = runner.invoke(main, ["--db", str(data_file), "backup", str(target)])
    assert again.exit_code == 2
    assert "is already there, so it was left alone" in again.stderr


def test_backup_says_when_older_ones_were_removed(runner: CliRunner, data_file: Path) -> None:
    run(runner, "backup", "--db", str(data_file))
    run(runner, "backup", "--db", str(data_file))
    result = run(runner, "backup", "--keep", "1", "--db", str(data_file))
    assert result.output.startswith("From now on only the newest backup is kept.\n")
    with Store.open(data_file) as store:
        assert store.settings.get("backups_kept") == 1
    result = run(runner, "backup", "--db", str(data_file))
    assert "Removed the oldest backup to keep the newest." in result.output
    assert len(our_backups(data_file)) == 1


def test_backup_of_a_missing_file_is_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "facilitator.db"
    result = runner.invoke(main, ["backup", "--db", str(missing)])
    assert result.exit_code == 2
    assert result.stderr == f"There is no data file at {missing} to back up.\n"
    assert not missing.exists()


def test_restore_puts_a_backup_back_and_keeps_what_was_there(
    runner: CliRunner, data_file: Path
) -> None:
    run(runner, "backup", "--db", str(data_file))
    [backup] = our_backups(data_file)
    with Store.open(data_file) as store:
        store.people.save(Person(name="Eileen Shaw", role=Role.CARER))

    result = run(runner, "restore", str(backup.path), "--db", str(data_file))

    assert result.exit_code == 0, result.output
    kept = [b.path for b in our_backups(data_file) if b.path != backup.path]
    assert result.output == (
        f"The data file as it was before is backed up in {kept[0]}.\n"
        f"Restored {data_file} from {backup.path}.\n"
    )
    assert names(data_file) == ["Farah Khan"]
    assert names(kept[0]) == ["Eileen Shaw", "Farah Khan"]


def test_restore_refuses_a_file_that_is_not_ours(
    runner: CliRunner, data_file: Path, tmp_path: Path
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("Shopping: tea, milk, biscuits\n")
    before = data_file.read_bytes()

    result = runner.invoke(main, ["restore", str(text), "--db", str(data_file)])

    assert result.exit_code == 2
    assert result.stderr.startswith(f"{text} was not restored, and nothing was changed: it is")
    assert "not a Facilitator data file" in result.stderr
    assert "Traceback" not in result.output
    assert data_file.read_bytes() == before


def test_restore_refuses_while_the_app_is_open(
    runner: CliRunner, data_file: Path, tmp_path: Path
) -> None:
    run(runner, "backup", str(tmp_path / "copy.db"), "--db", str(data_file))
    with Store.open(data_file, only_copy=True):
        result = runner.invoke(main, ["restore", str(tmp_path / "copy.db"), "--db", str(data_file)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Facilitator is open on {data_file}. Close it first, then restore; nothing was changed.\n"
    )


def test_check_a_sound_file_is_exit_0(runner: CliRunner, data_file: Path) -> None:
    result = run(runner, "check", "--db", str(data_file))
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"Checked {data_file}.",
        "No damage was found in the file.",
        "Its layout is the one this version of Facilitator uses.",
        "Every record that points to another points to one that is there.",
        "It holds 1 person, 0 sessions and 0 claims.",
        "All is well.",
    ]


def test_check_a_damaged_file_is_exit_1_and_names_the_newest_backup(
    runner: CliRunner, data_file: Path
) -> None:
    run(runner, "backup", "--db", str(data_file))
    [backup] = our_backups(data_file)
    data_file.write_bytes(b"SQLite format 3\x00" + b"\xde\xad\xbe\xef" * 1024)

    result = runner.invoke(main, ["check", "--db", str(data_file)])

    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"Checked {data_file}."
    assert lines[1] == (
        "It is damaged or is not a Facilitator data file: parts of it cannot be read."
    )
    assert lines[2].startswith("1 problem found. To go back to the newest backup, made ")
    assert lines[2].endswith(f"type: facilitator restore {backup.path} --db {data_file}")


def test_check_a_file_from_a_newer_facilitator_is_exit_1(
    runner: CliRunner, data_file: Path
) -> None:
    connection = sqlite3.connect(data_file)
    with connection:
        connection.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('facilitator', 'm999_from_the_future', '2030-01-01')"
        )
    connection.close()
    result = runner.invoke(main, ["check", "--db", str(data_file)])
    assert result.exit_code == 1
    assert (
        "It was saved by a newer version of Facilitator: update Facilitator to use it."
        in result.output
    )


def test_check_a_missing_file_is_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "facilitator.db"
    result = runner.invoke(main, ["check", "--db", str(missing)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"There is no data file at {missing}. Check the name, or choose the file with --db.\n"
    )


def test_a_second_copy_of_the_app_is_refused_before_the_screen_changes(
    runner: CliRunner, data_file: Path
) -> None:
    with Store.open(data_file, only_copy=True):
        result = runner.invoke(main, ["--db", str(data_file)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Facilitator is already open on {data_file} in another window. Use that window, "
        "or close it and start Facilitator again here.\n"
    )


def test_commands_on_a_missing_file_say_so(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "moved away" / "facilitator.db"
    result = runner.invoke(main, ["people", "--db", str(missing)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"There is no data file at {missing} yet.")
    assert not missing.parent.exists()
