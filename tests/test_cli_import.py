"""`facilitator import signups SESSION FILE`: a form's CSV export booked onto a session."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from facilitator.cli import main
from sessions.models import AttendanceStatus, Person, Role, Session, SessionKind
from sessions.store import Store
from support import TODAY

SIGNUPS = (
    "\ufeffTimestamp,Full name,Email address,Phone number,I am a...,"
    "Anything we should know?,Can we email you about future sessions?\r\n"
    '2026/11/01 10:02,Farah Khan,FARAH@example.org,,Carer,"Hearing loop, please",Yes\r\n'
    "2026/11/01 11:00,Tom Jones,,+44 7700 900123,Carer,,\r\n"
    '2026/11/02 09:00,Zoë Ashworth,zoe@example.org,07700 900456,I use services,"Step-free\r\n'
    'access, please",Yes\r\n'
    ",,,,,,\r\n"
    "2026/11/02 09:05,,nobody@example.org,,,,\r\n"
    "2026/11/02 09:10,Zoë Ashworth,zoe@example.org,07700 900456,I use services,,Yes\r\n"
)


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    return CliRunner()


@pytest.fixture
def ids(db_path: Path) -> dict[str, int]:
    """Farah (by email) and Tom (by phone) in the bank; Sam Lee booked on the Brew;
    two sessions whose titles share the word 'group'."""
    with Store.open(db_path) as store:
        found = {}
        for name, details in (
            ("Farah Khan", {"email": "farah@example.org", "access_needs": "Uses a wheelchair."}),
            ("Tom Jones", {"phone": "07700 900123"}),
            ("Sam Lee", {"role": Role.STAFF}),
        ):
            role = details.pop("role", Role.CARER)
            person = store.people.save(Person(name=name, role=role, **details))  # type: ignore[arg-type]
            assert person.id is not None
            found[name] = person.id
        for title in ("Carers Implementation Group", "Our Voice steering group"):
            session = store.sessions.save(
                Session(
                    title,
                    SessionKind.STEERING_GROUP,
                    TODAY + dt.timedelta(days=7),
                    dt.time(10, 0),
                    dt.time(12, 0),
                )
            )
            assert session.id is not None
            found[title] = session.id
        store.attendance.record(
            found["Our Voice steering group"], found["Sam Lee"], AttendanceStatus.BOOKED
        )
    return found


@pytest.fixture
def signups(tmp_path: Path) -> Path:
    path = tmp_path / "Sign-ups (responses).csv"
    path.write_bytes(SIGNUPS.encode("utf-8"))
    return path


def run(runner: CliRunner, db_path: Path, *args: str) -> Result:
    return runner.invoke(main, ["import", "signups", "--db", str(db_path), *args])


def booked(db_path: Path, session_id: int) -> list[str]:
    with Store.open(db_path) as store:
        ids = [a.person_id for a in store.attendance.for_session(session_id)]
        return sorted(p.name for p in store.people.many(ids))


def test_a_dry_run_shows_the_columns_and_the_plan_and_changes_nothing(
    runner: CliRunner, db_path: Path, ids: dict[str, int], signups: Path
) -> None:
    result = run(runner, db_path, "carers", str(signups), "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:9] == [
        "Sign-ups (responses).csv: 5 rows after the header, columns separated by commas, "
        "UTF-8 with a byte order mark.",
        "Columns used:",
        "  Name: “Full name” (column 2)",
        "  Email: “Email address” (column 3)",
        "  Phone: “Phone number” (column 4)",
        "  Role: “I am a...” (column 5)",
        "  Access needs: “Anything we should know?” (column 6)",
        "  OK to contact: “Can we email you about future sessions?” (column 7)",
        "Session: Carers Implementation Group, Mon 30 Nov 2026.",
    ]
    assert lines[9] == "A dry run: nothing is changed. This is what importing would do:"
    assert lines[10:15] == [
        "Row 2, Farah Khan: in the people bank already (same email address), will be booked. "
        "Access needs will be recorded. Agreed to be contacted.",
        "Row 3, Tom Jones: in the people bank already (same phone number), will be booked.",
        "Row 4, Zoë Ashworth: new (person with lived experience), will be added to the people "
        "bank and booked. Access needs recorded. Agreed to be contacted.",
        "Row 6, no name: skipped: no name.",
        "Row 7, Zoë Ashworth: skipped: the same person as row 4 (signed up twice).",
    ]
    assert lines[-1] == "1 to add to the people bank, 2 already in it, 2 rows to skip."
    assert booked(db_path, ids["Carers Implementation Group"]) == []
    with Store.open(db_path) as store:
        assert store.people.count() == 3


def test_importing_books_everyone_and_reports_each_row(
    runner: CliRunner, db_path: Path, ids: dict[str, int], signups: Path
) -> None:
    session = ids["Carers Implementation Group"]
    result = run(runner, db_path, str(session), str(signups))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Row 3, Tom Jones: in the people bank already (same phone number), booked." in out
    assert (
        "Row 4, Zoë Ashworth: new (person with lived experience), added to the people bank" in out
    )
    assert out.splitlines()[-1] == (
        "Booked 3 people onto Carers Implementation Group: 1 added to the people bank, "
        "2 already in it. 2 rows skipped."
    )
    for private in ("Hearing loop", "Step-free", "wheelchair"):
        assert private not in out
    assert booked(db_path, session) == ["Farah Khan", "Tom Jones", "Zoë Ashworth"]
    with Store.open(db_path) as store:
        (zoe,) = store.people.named("Zoë Ashworth")
        assert zoe.access_needs == "Step-free\naccess, please"
        assert zoe.contact_consent is True
        assert store.people.get(ids["Farah Khan"]).access_needs == (
            "Uses a wheelchair.\nFrom a sign-up form: Hearing loop, please"
        )
    again = run(runner, db_path, str(session), str(signups))
    assert "Row 2, Farah Khan: skipped: already on this session (booked)." in again.output
    assert again.output.splitlines()[-1].startswith("Booked 0 people")


def test_columns_chosen_by_hand(
    runner: CliRunner, db_path: Path, ids: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Who;Contact;Notes\nAmara Obi;amara@example.org;Quiet room\n", encoding="utf-8")
    result = run(
        runner,
        db_path,
        "carers",
        str(path),
        "--map",
        "name=Who",
        "--map",
        "email=2",
        "--map",
        "access_needs=C",
    )
    assert result.exit_code == 0, result.output
    assert "  Name: “Who” (column 1)" in result.output
    assert "  Access needs: “Notes” (column 3)" in result.output
    assert "No column says people's role, so new people are added as Other." in result.output
    assert "added without consent to be contacted" in result.output
    assert booked(db_path, ids["Carers Implementation Group"]) == ["Amara Obi"]


def test_no_column_for_the_name_stops_with_the_columns_named(
    runner: CliRunner, db_path: Path, ids: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Who,Contact\nAmara Obi,amara@example.org\n", encoding="utf-8")
    result = run(runner, db_path, "carers", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        "No column looks like people's names, so nothing was imported. The columns are "
        "“Who”, “Contact”. Say which one holds the name with --map name=COLUMN.\n"
    )
    assert "  Name: no column" in result.stdout
    with Store.open(db_path) as store:
        assert store.people.count() == 3


def test_several_matching_sessions_are_listed_and_nothing_is_imported(
    runner: CliRunner, db_path: Path, ids: dict[str, int], signups: Path
) -> None:
    result = run(runner, db_path, "group", str(signups))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "2 sessions match “group”, so nothing was imported. Give the session's number instead:"
    )
    assert (
        f"{ids['Our Voice steering group']}. Mon 30 Nov 2026 at 10:00: Our Voice" in result.stderr
    )
    assert booked(db_path, ids["Carers Implementation Group"]) == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["nothing like it", "FILE"], "No session matches “nothing like it”."),
        (["carers", "missing.csv"], "There is no file at"),
        (["carers", "FILE", "--map", "postcode=2"], "does not say which column holds what"),
        (["carers", "FILE", "--map", "name=Postcode"], "The file has no column “Postcode”."),
    ],
)
def test_mistakes_are_one_sentence_and_exit_2(
    runner: CliRunner,
    db_path: Path,
    ids: dict[str, int],
    signups: Path,
    args: list[str],
    words: str,
) -> None:
    args = [str(signups) if a == "FILE" else a for a in args]
    result = run(runner, db_path, *args)
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.output


def test_a_failure_while_writing_undoes_it_all_and_says_so(
    runner: CliRunner,
    db_path: Path,
    ids: dict[str, int],
    signups: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sessions.store.attendance import AttendanceRepository

    real = AttendanceRepository.record
    calls: list[int] = []

    def failing(self: AttendanceRepository, *args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise sqlite3.OperationalError("database or disk is full")
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(AttendanceRepository, "record", failing)
    result = run(runner, db_path, "carers", str(signups))
    assert result.exit_code == 2
    assert result.stderr == (
        "Nothing was imported: writing failed part way (database or disk is full), so every "
        "change was undone. The people bank and the session are as they were.\n"
    )
    assert booked(db_path, ids["Carers Implementation Group"]) == []
    with Store.open(db_path) as store:
        assert store.people.count() == 3
        assert store.people.get(ids["Farah Khan"]).access_needs == "Uses a wheelchair."
