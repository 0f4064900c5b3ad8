"""Encryption at rest with SQLCipher: the round trip, a wrong passphrase, encrypted
backups, and the command line asking for the passphrase."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli import main
from sessions.errors import DataFileError, ValidationError
from sessions.models import Person, Role
from sessions.store import Store
from sessions.store.backups import check_data_file, make_backup, our_backups, restore
from sessions.store.connection import encryption_installed, looks_encrypted, use_passphrase

pytestmark = pytest.mark.skipif(
    not encryption_installed(), reason="sqlcipher3 (the encrypt extra) is not installed"
)

PASSPHRASE = "three blind mice 42"
NAME = "Philippa Quartermaine"


@pytest.fixture
def plain(db_path: Path) -> Iterator[Path]:
    with Store.open(db_path) as store:
        store.people.save(Person(name=NAME, role=Role.CARER, phone="07700 900123"))
    yield db_path
    use_passphrase(db_path, None)


def encrypt(path: Path) -> int:
    from sessions.store.encryption import encrypt_data_file

    return encrypt_data_file(path, PASSPHRASE).backups


def test_encrypting_leaves_no_name_readable_in_the_file_or_its_backups(plain: Path) -> None:
    make_backup(plain)
    assert NAME.encode() in our_backups(plain)[0].path.read_bytes()

    assert encrypt(plain) == 1

    assert looks_encrypted(plain)
    for path in (plain, our_backups(plain)[0].path):
        raw = path.read_bytes()
        assert NAME.encode() not in raw and b"07700" not in raw
    with Store.open(plain) as store:  # the passphrase is kept for this process
        assert [p.name for p in store.people.all()] == [NAME]


def test_without_the_right_passphrase_the_file_does_not_open(plain: Path) -> None:
    encrypt(plain)
    use_passphrase(plain, "the wrong words 1")
    with pytest.raises(DataFileError) as caught:
        Store.open(plain)
    assert str(caught.value) == (
        f"That passphrase does not open {plain}. Check it and try again: without the right "
        "passphrase nobody can read the file, and nothing in it was changed."
    )
    use_passphrase(plain, None)
    with pytest.raises(DataFileError):
        Store.open(plain)


def test_backups_of_an_encrypted_file_are_encrypted_and_restore(plain: Path) -> None:
    encrypt(plain)
    backup = make_backup(plain).backup
    assert looks_encrypted(backup)
    assert NAME.encode() not in backup.read_bytes()
    with Store.open(plain) as store:
        store.people.save(Person(name="Eileen Shaw", role=Role.CARER))

    restore(plain, backup)

    with Store.open(plain) as store:
        assert [p.name for p in store.people.all()] == [NAME]
    assert check_data_file(plain).ok


def test_a_short_passphrase_or_an_encrypted_file_is_refused(plain: Path) -> None:
    from sessions.store.encryption import encrypt_data_file

    with pytest.raises(ValidationError, match="at least 10 characters"):
        encrypt_data_file(plain, "short")
    encrypt(plain)
    with pytest.raises(DataFileError, match="already encrypted"):
        encrypt(plain)


def test_encrypting_is_refused_while_the_app_is_open(plain: Path) -> None:
    before = plain.read_bytes()
    with Store.open(plain, only_copy=True), pytest.raises(DataFileError, match="Close it first"):
        encrypt(plain)
    assert plain.read_bytes() == before


# --- the command line -------------------------------------------------------------


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    monkeypatch.delenv("FACILITATOR_PASSPHRASE", raising=False)
    return CliRunner()


def test_facilitator_encrypt_then_every_command_asks_for_the_passphrase(
    runner: CliRunner, plain: Path
) -> None:
    done = runner.invoke(
        main, ["encrypt", "--db", str(plain)], input=f"{PASSPHRASE}\n{PASSPHRASE}\n"
    )
    assert done.exit_code == 0, done.output
    assert f"Encrypted {plain}." in done.stdout
    assert "If the passphrase is lost, nobody can get the data back" in done.stdout
    use_passphrase(plain, None)  # as a new run of the command would start

    listed = runner.invoke(main, ["people", "--db", str(plain)], input=f"{PASSPHRASE}\n")
    assert listed.exit_code == 0
    assert NAME in listed.stdout
    assert PASSPHRASE not in listed.output
    use_passphrase(plain, None)

    wrong = runner.invoke(main, ["people", "--db", str(plain)], input="a\nb\nc\n")
    assert wrong.exit_code == 2
    assert wrong.stderr.count("That passphrase does not open it. Try again.") == 2
    assert wrong.stderr.rstrip().endswith("and nothing in it was changed.")
    assert NAME not in wrong.stdout

    none = runner.invoke(main, ["people", "--db", str(plain)], input="")
    assert none.exit_code == 2
    assert "no passphrase was given" in none.stderr


def test_the_passphrase_from_the_environment_for_scripts(runner: CliRunner, plain: Path) -> None:
    encrypt(plain)
    use_passphrase(plain, None)
    result = runner.invoke(
        main, ["check", "--db", str(plain)], env={"FACILITATOR_PASSPHRASE": PASSPHRASE}
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "All is well."


def test_restoring_an_encrypted_backup_into_a_lost_data_file(
    runner: CliRunner, plain: Path
) -> None:
    encrypt(plain)
    backup = make_backup(plain).backup
    plain.unlink()
    use_passphrase(plain, None)

    result = runner.invoke(
        main, ["restore", str(backup), "--db", str(plain)], input=f"{PASSPHRASE}\n"
    )

    assert result.exit_code == 0, result.output
    assert f"Restored {plain} from {backup}." in result.stdout
    assert looks_encrypted(plain)
    use_passphrase(plain, PASSPHRASE)
    with Store.open(plain) as store:
        assert [p.name for p in store.people.all()] == [NAME]
