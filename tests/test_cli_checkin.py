"""`facilitator checkin SESSION`: check-in as plain lines, typed answers in, words out."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from facilitator.cli import main
from sessions.models import AttendanceStatus, Person, Relation, Role, Session, SessionKind
from sessions.store import Store
from support import NOW, TODAY, FakeClock

LONDON = NOW.tzinfo


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    return CliRunner()


@pytest.fixture
def people(db_path: Path) -> dict[str, int]:
    """Today's Over a Brew with Farah Khan and Sam Lee booked, Sam here since 9:50;
    Farah's carer Tom is linked to her; two sessions to come."""
    with Store.open(db_path) as store:
        ids = {}
        for name, role, details in (
            (
                "Farah Khan",
                Role.LIVED_EXPERIENCE,
                {"phone": "07700 900123", "access_needs": "Uses a wheelchair: step-free way in."},
            ),
            ("Farah Kaur", Role.CARER, {"phone": "07700 900456", "access_needs": "Hearing loop"}),
            ("Tom Khan", Role.CARER, {}),
            ("Sam Lee", Role.STAFF, {"organisation": "Direct Payments Team"}),
        ):
            person = store.people.save(Person(name=name, role=role, **details))
            assert person.id is not None
            ids[name] = person.id
        store.companions.link(ids["Farah Khan"], ids["Tom Khan"], Relation.CARER)
        for title, day in (
            ("Getting out and about", TODAY),
            ("Building the right relationships", TODAY + dt.timedelta(days=14)),
            ("Our Voice steering group", TODAY + dt.timedelta(days=6)),
        ):
            kind = SessionKind.STEERING_GROUP if "steering" in title else SessionKind.OVER_A_BREW
            session = store.sessions.save(
                Session(title, kind, day, dt.time(10, 30), dt.time(12, 30), venue="Grays Library")
            )
            assert session.id is not None
            ids[title] = session.id
        today = ids["Getting out and about"]
        store.attendance.record(today, ids["Farah Khan"], AttendanceStatus.BOOKED)
        store.attendance.record(
            today,
            ids["Sam Lee"],
            AttendanceStatus.ARRIVED,
            arrived_at=dt.datetime(2026, 11, 23, 9, 50, tzinfo=LONDON),
        )
    return ids


def checkin(runner: CliRunner, db_path: Path, session: str, typed: str) -> Result:
    """Run the command with a fixed clock (10:00 at the venue) and these lines typed."""
    return runner.invoke(
        main,
        ["checkin", "--db", str(db_path), *session.split()],
        input=typed,
        obj={"now": FakeClock()},
        catch_exceptions=False,
    )


def status(db_path: Path, session_id: int, person_id: int) -> AttendanceStatus | None:
    with Store.open(db_path) as store:
        record = store.attendance.get(session_id, person_id)
    return record.status if record else None


def test_check_in_by_part_of_a_name_and_a_number(
    runner: CliRunner, db_path: Path, people: dict[str, int]
) -> None:
    result = checkin(runner, db_path, "getting out", "far\n1\n\nn\n")
    out = result.output
    assert result.exit_code == 0
    assert "Check-in for Getting out and about, Mon 23 Nov 2026, 10:30 to 12:30." in out
    assert "In the room: 0 lived experience, 0 carers, 1 staff, 0 others (1 in all)." in out
    # booked first, then the rest of the bank, each with where they stand
    assert out.index("1. Farah Khan: booked.") < out.index("2. Farah Kaur: not booked.")
    assert "Check in Farah Khan? [Y/n]: Farah Khan arrived at 10:00." in out
    assert "Access needs for Farah Khan: Uses a wheelchair: step-free way in." in out
    assert "Hearing loop" not in out, "only the arriving person's needs are shown"
    assert "Tom Khan comes with Farah Khan as their carer." in out
    assert "Check in Tom Khan too? [Y/n]" in out
    assert out.splitlines()[-1] == (
        "Check-in finished after 1 change. "
        "In the room: 1 lived experience, 0 carers, 1 staff, 0 others (2 in all)."
    )
    with Store.open(db_path) as store:
        record = store.attendance.get(people["Getting out and about"], people["Farah Khan"])
        assert record is not None and record.status is AttendanceStatus.ARRIVED
        assert record.arrived_at == NOW
        assert store.attendance.get(people["Getting out and about"], people["Tom Khan"]) is None


def test_the_linked_carer_is_checked_in_too_when_asked(
    runner: CliRunner, db_path: Path, people: dict[str, int]
) -> None:
    result = checkin(runner, db_path, "getting out", "farah khan\ny\ny\nq\n")
    assert "Tom Khan arrived at 10:00 (not booked)." in result.output
    assert "No access needs recorded for Tom Khan." in result.output
    assert "(3 in all)" in result.output.splitlines()[-1]
    session = people["Getting out and about"]
    assert status(db_path, session, people["Tom Khan"]) is AttendanceStatus.ARRIVED


def test_a_walk_in_who_is_already_in_the_bank_is_offered_first(
    runner: CliRunner, db_path: Path, people: dict[str, int]
) -> None:
    typed = "+Farah Kaur\n2\n07700900456\ny\ny\n+\nJo Bloggs\n1\n\n"
    result = checkin(runner, db_path, "getting out", typed)
    out = result.output
    assert "What is their role?" in out and "2. Carer." in out
    assert (
        "Is this the Farah Kaur already in the people bank (phone 07700 900456)? [Y/n]: "
        "Check in Farah Kaur? [Y/n]: Farah Kaur arrived at 10:00 (not booked)." in out
    )
    assert "Jo Bloggs arrived at 10:00 (not booked)." in out
    assert "Added Jo Bloggs to the people bank." in out
    with Store.open(db_path) as store:
        assert len(store.people.named("Farah Kaur")) == 1, "no duplicate made"
        (jo,) = store.people.named("Jo Bloggs")
        assert jo.role is Role.LIVED_EXPERIENCE
        assert jo.id is not None
        record = store.attendance.get(people["Getting out and about"], jo.id)
        assert record is not None and record.status is AttendanceStatus.ARRIVED
        assert record.walked_in


def test_a_walk_in_with_the_same_name_can_still_be_someone_new(
    runner: CliRunner, db_path: Path, people: dict[str, int]
) -> None:
    typed = "+Farah Kaur\n9\n2\nfarah@\nfarah.k@example.org\n"
    result = checkin(runner, db_path, "getting out", typed)
    out = result.output
    assert "Type a number from 1 to 7, or press Enter for none." in out
    assert "That email address does not look right" in out
    assert "Is this the Farah Kaur" not in out, "a different email is a different person"
    assert "Added Farah Kaur to the people bank." in out
    with Store.open(db_path) as store:
        assert [p.email for p in store.people.named("Farah Kaur")] == ["", "farah.k@example.org"]


def test_undo_puts_back_each_change_in_turn(
    runner: CliRunner, db_path: Path, people: dict[str, int]
) -> None:
    result = checkin(runner, db_path, "getting out", "farah khan\ny\nn\nu\nu\n")
    assert "Undone: Farah Khan arrived at 10:00." in result.output
    assert "Nothing to undo." in result.output
    assert "after 0 changes" in result.output.splitlines()[-1]
    session = people["Getting out and about"]
    assert status(db_path, session, people["Farah Khan"]) is AttendanceStatus.BOOKED


def test_someone_already_here_is_offered_leaving_early(
    runner: CliRunner, db_path: Path, people: dict[str, int]
) -> None:
    typed = "sam\ny\n9:40\ny\nWorried about getting home\n9:55\n"
    result = checkin(runner, db_path, "getting out", typed)
    out = result.output
    assert "1. Sam Lee, Direct Payments Team: arrived 09:50." in out
    assert "Sam Lee is already here: arrived 09:50." in out
    assert "What time did they leave? Enter for 10:00: " in out
    assert "Sam Lee arrived at 09:50, so they cannot have left at 09:40." in out
    assert "Sam Lee left at 09:55. Marked for a follow-up call." in out
    with Store.open(db_path) as store:
        record = store.attendance.get(people["Getting out and about"], people["Sam Lee"])
    assert record is not None and record.status is AttendanceStatus.LEFT_EARLY
    assert record.left_at == dt.datetime(2026, 11, 23, 9, 55, tzinfo=LONDON)
    assert (record.follow_up, record.follow_up_note) == (True, "Worried about getting home")


def test_other_statuses_when_someone_is_not_checked_in(
    runner: CliRunner, db_path: Path, people: dict[str, int]
) -> None:
    result = checkin(runner, db_path, "getting out", "farah khan\nn\n1\n")
    out = result.output
    assert "Other choices for Farah Khan:\n1. Sent apologies.\n2. Did not come." in out
    assert "3. Take off this session." in out
    assert "Farah Khan: sent apologies." in out
    session = people["Getting out and about"]
    assert status(db_path, session, people["Farah Khan"]) is AttendanceStatus.APOLOGIES


def test_a_session_chosen_from_several_by_title_words(
    runner: CliRunner, db_path: Path, people: dict[str, int]
) -> None:
    result = checkin(runner, db_path, "over a brew", "4\n2\nfarah khan\ny\n")
    out = result.output
    assert "2 sessions match “over a brew”:" in out
    assert "1. Mon 23 Nov 2026 at 10:30: Getting out and about." in out
    assert "2. Mon 7 Dec 2026 at 10:30: Building the right relationships." in out
    assert "Type a number from 1 to 2, or press Enter for none." in out
    assert "Check-in for Building the right relationships, Mon 7 Dec 2026" in out
    assert "This session is on Mon 7 Dec 2026: choosing someone books them for it." in out
    assert "Book Farah Khan for this session? [Y/n]: Booked Farah Khan." in out
    coming = people["Building the right relationships"]
    assert status(db_path, coming, people["Farah Khan"]) is AttendanceStatus.BOOKED


def test_a_session_by_its_number_or_one_matching_word(
    runner: CliRunner, db_path: Path, people: dict[str, int]
) -> None:
    number = str(people["Our Voice steering group"])
    for words in (number, "steering"):
        result = checkin(runner, db_path, words, "")
        assert result.output.startswith("Check-in for Our Voice steering group, Sun 29 Nov")


def test_sessions_that_do_not_exist(
    runner: CliRunner, db_path: Path, people: dict[str, int], tmp_path: Path
) -> None:
    for words, said in (
        ("zumba", "No session matches “zumba”. `facilitator sessions` lists them all."),
        ("999", "There is no session number 999. `facilitator sessions` lists them all."),
    ):
        result = runner.invoke(main, ["checkin", "--db", str(db_path), words])
        assert result.exit_code == 2
        assert result.stderr == said + "\n"
    missing = runner.invoke(main, ["checkin", "--db", str(tmp_path / "none.db"), "brew"])
    assert missing.exit_code == 2
    assert "There is no data file" in missing.stderr
    assert not (tmp_path / "none.db").exists()


def test_bad_numbers_and_names_that_match_nobody(
    runner: CliRunner, db_path: Path, people: dict[str, int]
) -> None:
    result = checkin(runner, db_path, "getting out", "far\n7\nzzz\n+\n\n")
    out = result.output
    assert "Type a number from 1 to 2." in out
    assert "Nobody matches “zzz”. Type + to add a walk-in." in out
    assert "No walk-in added." in out
    assert result.exit_code == 0


def test_end_of_input_anywhere_finishes_cleanly(
    runner: CliRunner, db_path: Path, people: dict[str, int]
) -> None:
    for typed in ("", "farah khan\n", "sam\ny\n", "+Jo\n"):
        result = checkin(runner, db_path, "getting out", typed)
        assert result.exit_code == 0
        assert result.output.splitlines()[-1].startswith("Check-in finished after 0 changes.")
    with Store.open(db_path) as store:
        session = store.attendance.for_session(people["Getting out and about"])
        assert {a.status for a in session} == {AttendanceStatus.BOOKED, AttendanceStatus.ARRIVED}
        assert store.people.count() == 4


def test_help_and_output_a_screen_reader_reads_well(
    runner: CliRunner, db_path: Path, people: dict[str, int]
) -> None:
    result = checkin(runner, db_path, "getting out", "?\nfar\n1\ny\nn\n\n")
    out = result.output
    assert "Type u to undo the last change." in out
    assert "\x1b" not in out, "no colours or cursor movement"
    assert not re.search("[\u2500-\u257f]", out), "no box drawing"
    assert "·" not in out


def test_a_stray_enter_never_marks_someone_as_left(
    runner: CliRunner, db_path: Path, people: dict[str, int]
) -> None:
    result = checkin(runner, db_path, "getting out", "sam\n\n\n\nq\n")
    assert "Mark Sam Lee as left early? [y/N]" in result.output
    with Store.open(db_path) as store:
        record = store.attendance.get(people["Getting out and about"], people["Sam Lee"])
    assert record is not None and record.status is AttendanceStatus.ARRIVED
