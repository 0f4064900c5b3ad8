"""The command line for personal data: facilitator person export, person erase,
retention and privacy, as a user types them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from privacy_examples import EMAIL, NAME, SECRETS, Example, add_sian

from exports.files import EXPORT_FOLDER
from exports.register import REGISTER_ACCESS_NEEDS
from facilitator.cli import main
from sessions.erasure import ERASED_NAME
from sessions.models import AttendanceStatus, Person, Role, Session, SessionKind
from sessions.retention import RETENTION_MONTHS
from sessions.store import Store

TODAY = dt.date(2029, 1, 15)
"""Long after the example session: everyone in it is 'not seen'."""


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    return CliRunner()


@pytest.fixture
def sian(store: Store, tmp_path: Path) -> Example:
    store.settings.set(EXPORT_FOLDER, str(tmp_path / "exports"))
    return add_sian(store)


def run(runner: CliRunner, db_path: Path, *args: str, answer: str | None = None) -> Result:
    return runner.invoke(
        main, [*args, "--db", str(db_path)], input=answer, obj={"today": lambda: TODAY}
    )


# --- person export ------------------------------------------------------------------


def test_person_export_writes_word_and_json(
    runner: CliRunner, sian: Example, db_path: Path, tmp_path: Path
) -> None:
    result = run(runner, db_path, "person", "export", "quorndon", "-o", str(tmp_path / "sian"))
    assert result.exit_code == 0, result.output
    document, data = tmp_path / "sian.docx", tmp_path / "sian.json"
    assert result.output.splitlines() == [
        f"Wrote everything held on Sia ({NAME}) to {document}.",
        f"The same, for a computer to read: {data}.",
        "It names other people linked with them. Read it through before you send it, "
        "and leave out anything about others that should not be shared.",
    ]
    assert document.exists()
    assert json.loads(data.read_text("utf-8"))["person"]["email"] == EMAIL


def test_person_export_goes_to_the_export_folder_by_default(
    runner: CliRunner, sian: Example, db_path: Path, tmp_path: Path
) -> None:
    result = run(runner, db_path, "person", "export", str(sian.person_id))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "exports").iterdir())
    assert len(written) == 2
    assert written[0].startswith(f"what-we-hold-{sian.person_id}-Sian-Quorndon-Vasquez-")
    assert [Path(name).suffix for name in written] == [".docx", ".json"]


def test_person_export_lists_several_matches_and_writes_nothing(
    runner: CliRunner, store: Store, sian: Example, db_path: Path, tmp_path: Path
) -> None:
    store.people.save(Person(name="Dorothy Pilbeam-Hart", role=Role.CARER))
    result = run(runner, db_path, "person", "export", "pilbeam", "-o", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert "2 people match “pilbeam”. Give their number instead:" in result.output
    assert f"{sian.other_id}. Dorothy Pilbeam (Person with lived experience)" in result.output
    assert not (tmp_path / "x.docx").exists()
    assert "Traceback" not in result.output


# --- person erase -------------------------------------------------------------------


def test_person_erase_asks_first_and_no_keeps_everything(
    runner: CliRunner, store: Store, sian: Example, db_path: Path
) -> None:
    result = run(runner, db_path, "person", "erase", str(sian.person_id), answer="n\n")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Erase Sia ({NAME})?"
    assert "six years" in result.output
    assert "Erase them? [y/N]: n" in result.output
    assert lines[-1] == "Nothing was erased."
    assert store.people.get(sian.person_id).name == NAME


def test_person_erase_with_no_answer_erases_nothing(
    runner: CliRunner, store: Store, sian: Example, db_path: Path
) -> None:
    result = run(runner, db_path, "person", "erase", str(sian.person_id), answer="")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Nothing was erased."
    assert store.people.get(sian.person_id).name == NAME


def test_person_erase_yes_erases_and_says_what_was_kept(
    runner: CliRunner, store: Store, sian: Example, db_path: Path
) -> None:
    result = run(runner, db_path, "person", "erase", "Siân", "Quorndon", answer="y\n")
    assert result.exit_code == 0, result.output
    last = result.output.splitlines()[-1]
    assert last.startswith(f"Erased Sia ({NAME})'s details: they are now “{ERASED_NAME}”.")
    assert f"1 claim (C{sian.claim_id:04d}) kept, because payment records must be kept" in last
    assert store.people.get(sian.person_id).name == ERASED_NAME
    store.close()
    on_disk = db_path.read_bytes()
    for secret in SECRETS:
        assert secret.encode() not in on_disk


def test_person_erase_yes_flag_does_not_ask_and_twice_only_rebuilds(
    runner: CliRunner, sian: Example, db_path: Path
) -> None:
    first = run(runner, db_path, "person", "erase", str(sian.person_id), "--yes")
    assert first.exit_code == 0, first.output
    assert "[y/N]" not in first.output
    again = run(runner, db_path, "person", "erase", str(sian.person_id))
    assert again.exit_code == 0, again.output
    assert again.output.startswith(f"Person {sian.person_id} has already been erased")
    assert "[y/N]" not in again.output


def test_person_erase_of_nobody_says_so(runner: CliRunner, sian: Example, db_path: Path) -> None:
    result = run(runner, db_path, "person", "erase", "999", "--yes")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Nobody in the people bank has the number 999. "
        "`facilitator people` lists everyone with their numbers."
    )


# --- retention and privacy settings -------------------------------------------------


@pytest.fixture
def lapsed(store: Store) -> int:
    """Someone added long ago, last on a session in 2025, with a phone number."""
    person = store.people.save(Person(name="Lapsed Lucy", role=Role.CARER, phone="07700 900002"))
    assert person.id is not None
    session = store.sessions.save(
        Session(
            "Over a Brew", SessionKind.OVER_A_BREW, dt.date(2025, 3, 4), dt.time(10), dt.time(12)
        )
    )
    assert session.id is not None
    store.attendance.record(session.id, person.id, AttendanceStatus.ARRIVED)
    store.db.execute("UPDATE people SET created_at = '2024-01-01T09:00:00+00:00'")
    return person.id


def test_retention_dry_run_lists_and_changes_nothing(
    runner: CliRunner, store: Store, lapsed: int, db_path: Path
) -> None:
    result = run(runner, db_path, "retention", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "1 person has not been seen since Fri 15 Jan 2027 (24 months) and still has "
        "contact details or access needs.",
        f"  {lapsed}. Lapsed Lucy: last on a session Tue 4 Mar 2025.",
        "A dry run: nothing was changed. Run facilitator retention without --dry-run to "
        "erase their contact details and access needs.",
    ]
    assert store.people.get(lapsed).phone == "07700 900002"


def test_retention_asks_then_erases_and_says_how_many(
    runner: CliRunner, store: Store, lapsed: int, db_path: Path
) -> None:
    refused = run(runner, db_path, "retention", answer="n\n")
    assert refused.output.splitlines()[-1] == "Nothing was erased."
    assert store.people.get(lapsed).phone == "07700 900002"

    result = run(runner, db_path, "retention", answer="y\n")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "Erased the contact details and access needs of 1 person. Their names, roles, "
        "attendance and claims are kept."
    )
    assert store.people.get(lapsed).phone == ""
    assert store.people.get(lapsed).name == "Lapsed Lucy"
    again = run(runner, db_path, "retention", "--yes")
    assert again.output.startswith("Everyone with contact details or access needs")


def test_privacy_shows_and_changes_the_settings(
    runner: CliRunner, store: Store, db_path: Path
) -> None:
    shown = run(runner, db_path, "privacy")
    assert shown.exit_code == 0, shown.output
    assert shown.output.splitlines() == [
        "Contact details and access needs are kept for 24 months after someone was last "
        "on a session (facilitator retention erases them).",
        "Access needs appear in no document the app writes, the register included.",
    ]
    changed = run(runner, db_path, "privacy", "--retention-months", "36", "--register-access-needs")
    assert changed.exit_code == 0, changed.output
    assert "kept for 36 months" in changed.output
    assert "last page of access needs, for the facilitator only" in changed.output
    assert store.settings.get(RETENTION_MONTHS) == 36
    assert store.settings.get(REGISTER_ACCESS_NEEDS) is True
    off = run(runner, db_path, "privacy", "--no-register-access-needs")
    assert "appear in no document" in off.output
    bad = run(runner, db_path, "privacy", "--retention-months", "0")
    assert bad.exit_code == 2
    assert "0 is not in the range 1<=x<=120" in bad.output
