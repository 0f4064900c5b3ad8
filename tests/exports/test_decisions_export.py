"""What the room decided together, in files: `facilitator export decisions` (a CSV read
back row by row) and "What we decided together" in the Word summary (read back)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import pytest
from click.testing import CliRunner, Result

from exports.summary import write_summary
from facilitator.cli import main
from sessions.decide_models import Ballot, DecisionRules, Option, Tally, VoteMethod
from sessions.models import AttendanceStatus, Person, Role, Session, SessionKind
from sessions.store import Store
from sessions.store.settings import EXPORT_FOLDER
from tests.exports.docx_checks import all_text, assert_accessible, headings, table_rows

LONDON = ZoneInfo("Europe/London")
DAY = dt.date(2026, 11, 5)
FROZEN = dt.datetime(2026, 11, 5, 12, 40, tzinfo=LONDON)
NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=LONDON)
TITLE = "Community chest: Newark"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    return CliRunner()


def run(runner: CliRunner, db_path: Path, *args: str) -> Result:
    return runner.invoke(main, [*args, "--db", str(db_path)], obj={"now": lambda: NOW})


def a_session(store: Store, title: str = TITLE, day: dt.date = DAY) -> Session:
    return store.sessions.save(
        Session(
            title=title,
            kind=SessionKind.LISTENING_SPACE,
            date=day,
            start=dt.time(10, 30),
            end=dt.time(13),
            venue="Newark Library",
        )
    )


def arrived(store: Store, session: Session, names: list[str]) -> list[Person]:
    people = [store.people.save(Person(name=name, role=Role.LIVED_EXPERIENCE)) for name in names]
    for person in people:
        store.attendance.record(session.id, person.id, AttendanceStatus.ARRIVED)
    return people


@pytest.fixture
def budget(store: Store, tmp_path: Path) -> Session:
    """£10,000 over four proposals: three voters in the app and five off the wall.

    Dots: garden 3 + 5 = 8, respite 2 + 4 = 6, shed 3 + 2 = 5, signs 1 + 0 = 1.
    Funded in order: garden £5,000 (left £5,000), respite £4,000 (left £1,000), shed
    £2,000 does not fit, signs £500 fits (left £500)."""
    store.settings.set(EXPORT_FOLDER, str(tmp_path / "exports"))
    session = a_session(store)
    people = arrived(store, session, ["Ann Ashby", "Bob Brown", "Cath Cole"])
    proposals = [
        ("Community garden", "Friends of the Park", 500_000),
        ("=Carers' respite days", "Newark Carers", 400_000),
        ("Men's shed tools", "Newark Men's Shed", 200_000),
        ("Easy read signs", "", 50_000),
    ]
    decisions = store.decisions
    decisions.save_rules(
        session.id,
        DecisionRules(method=VoteMethod.BUDGET, dots_per_person=3, budget_pence=1_000_000),
    )
    garden, respite, shed, signs = (
        decisions.save_option(session.id, Option(title, by, cost_pence=cost)).id
        for title, by, cost in proposals
    )
    for person, choices in zip(
        people,
        [(garden, garden, respite), (shed, shed, shed), (garden, respite, signs)],
        strict=True,
    ):
        decisions.save_ballot(session.id, Ballot(person.id, choices))
    decisions.save_tally(session.id, Tally({garden: 5, respite: 4, shed: 2}, voters=5))
    decisions.freeze(session.id, FROZEN)
    return session


def read_csv(path: Path) -> list[list[str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_the_decisions_csv_has_one_row_per_option_then_the_figures(
    runner: CliRunner, budget: Session, db_path: Path, tmp_path: Path
) -> None:
    result = run(runner, db_path, "export", "decisions", "community", "chest")
    assert result.exit_code == 0, result.output
    path = tmp_path / "exports" / "decisions-2026-11-05-Community-chest-Newark.csv"
    assert result.stdout.splitlines() == [
        f"Wrote what {TITLE} decided (4 options, 8 people voted) to {path}."
    ]
    assert read_csv(path) == [
        ["Place", "Option", "Proposed by", "Cost", "Points", "Tied", "Funded", "Note"],
        ["1", "Community garden", "Friends of the Park", "5000.00", "8", "No", "Yes",
         "Funded: £5,000.00."],
        ["2", "'=Carers' respite days", "Newark Carers", "4000.00", "6", "No", "Yes",
         "Funded: £4,000.00."],
        ["3", "Men's shed tools", "Newark Men's Shed", "2000.00", "5", "No", "No",
         "Not funded: £2,000.00 needed and £1,000.00 left."],
        ["4", "Easy read signs", "", "500.00", "1", "No", "Yes", "Funded: £500.00."],
        [],
        ["Counted by", "Community budget"],
        ["Voters", "8"],
        ["Points given", "20"],
        ["Budget", "10000.00"],
        ["Funded", "9500.00"],
        ["Money left", "500.00"],
        ["Result", "Frozen at 12:40 on Thu 5 Nov 2026"],
    ]  # fmt: skip


def test_a_live_count_is_exported_and_said_to_be_live(
    runner: CliRunner, store: Store, db_path: Path, tmp_path: Path
) -> None:
    session = a_session(store, "Our Voice priorities", dt.date(2026, 11, 19))
    (ann,) = arrived(store, session, ["Ann Ashby"])
    first = store.decisions.save_option(session.id, Option("Clearer letters"))
    store.decisions.save_option(session.id, Option("Carers' breaks"))
    store.decisions.save_ballot(session.id, Ballot(ann.id, (first.id,)))
    path = tmp_path / "out.csv"
    result = run(runner, db_path, "export", "decisions", str(session.id), "-o", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "The result is not frozen: this is the count as it stands."
    )
    rows = read_csv(path)
    assert rows[1:3] == [
        ["1", "Clearer letters", "", "", "1", "No", "", ""],
        ["2", "Carers' breaks", "", "", "0", "No", "", ""],
    ]
    assert rows[-1] == ["Result", "Not frozen: the count as it stands"]
    assert ["Money left", "0.00"] not in rows


def test_a_session_with_no_vote_is_refused_in_words(
    runner: CliRunner, store: Store, db_path: Path
) -> None:
    session = a_session(store, "Over a brew")
    result = run(runner, db_path, "export", "decisions", str(session.id))
    assert result.exit_code == 2
    assert "Nothing was put to the vote at this session" in result.output
    assert "Traceback" not in result.output


def test_the_summary_says_what_we_decided_together(
    store: Store, budget: Session, tmp_path: Path
) -> None:
    path = write_summary(store, budget.id, tmp_path / "summary.docx", now=NOW)
    doc = docx.Document(str(path))
    assert_accessible(doc, f"You said, we will: {TITLE}")
    assert (2, "What we decided together") in headings(doc)
    assert table_rows(doc, "Place") == [
        ["1", "Community garden", "Friends of the Park", "£5,000.00", "Yes", "8"],
        ["2", "=Carers' respite days", "Newark Carers", "£4,000.00", "Yes", "6"],
        ["3", "Men's shed tools", "Newark Men's Shed", "£2,000.00", "No", "5"],
        ["4", "Easy read signs", "Not given", "£500.00", "Yes", "1"],
    ]
    text = all_text(doc)
    assert "8 people shared out a budget of £10,000.00 by dot-voting, with 3 dots each" in text
    assert (
        "Funded: Community garden, =Carers' respite days and Easy read signs: £9,500.00 in all."
        in text
    )
    assert "Men's shed tools: £2,000.00 needed and £1,000.00 left." in text
    assert "Money left: £500.00" in text
    assert "The result was agreed and kept at 12:40 on Thu 5 Nov 2026." in text
    for name in ("Ann Ashby", "Bob Brown", "Cath Cole"):
        assert name not in text  # counts only, never who voted for what


def test_ties_are_named_in_the_summary_and_a_live_count_waits_for_the_end(
    store: Store, tmp_path: Path
) -> None:
    session = a_session(store, "Our Voice priorities", dt.date(2026, 11, 20))
    people = arrived(store, session, ["Ann Ashby", "Bob Brown"])
    store.decisions.save_rules(session.id, DecisionRules(method=VoteMethod.RANKING, rank_top=2))
    letters, breaks, _transport = (
        store.decisions.save_option(session.id, Option(title)).id
        for title in ("Clearer letters", "Carers' breaks", "Transport")
    )
    store.decisions.save_ballot(session.id, Ballot(people[0].id, (letters, breaks)))
    store.decisions.save_ballot(session.id, Ballot(people[1].id, (breaks, letters)))

    during = write_summary(store, session.id, tmp_path / "during.docx", now=NOW)
    assert "What we decided together" not in all_text(docx.Document(str(during)))

    after = NOW.replace(hour=14)
    path = write_summary(store, session.id, tmp_path / "after.docx", now=after)
    doc = docx.Document(str(path))
    assert table_rows(doc, "Place") == [
        ["1 (tied)", "Clearer letters", "Not given", "3"],
        ["1 (tied)", "Carers' breaks", "Not given", "3"],
        ["3", "Transport", "Not given", "0"],
    ]
    text = all_text(doc)
    assert "2 people ranked their top 2. We counted by the Borda count" in text
    assert "“Clearer letters” and “Carers' breaks” tied, with 3 points each." in text
    assert "This is the count as it stood when the session ended." in text


def test_no_vote_no_section(store: Store, tmp_path: Path) -> None:
    session = a_session(store, "Over a brew")
    path = write_summary(store, session.id, tmp_path / "summary.docx", now=NOW)
    assert "What we decided together" not in all_text(docx.Document(str(path)))
