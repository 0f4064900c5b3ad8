"""The example data: realistic enough to try the app, harmless enough to share."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessions.agenda import schedule
from sessions.clock import now_utc
from sessions.demo import fill_with_example_data
from sessions.models import (
    ActionStatus,
    AgendaKind,
    AttendanceStatus,
    NoteKind,
    QuoteConsent,
    Relation,
    Role,
)
from sessions.planning import split_by_day
from sessions.run import Phase
from sessions.run_clock import RunClock
from sessions.store import Store
from sessions.validation import check_person, phone_digits

TODAY = dt.date(2026, 11, 23)

# Email domains reserved so that they never reach anyone (RFC 2606).
RESERVED_DOMAINS = ("example.org", "example.com", "example.net")
# Ofcom's numbers for drama: never given to a real line.
DRAMA_NUMBERS = re.compile(
    r"07700900\d{3}"  # mobiles 07700 900000 to 900999
    r"|01632960\d{3}"  # 01632 960000 to 960999
    r"|011[3-8]4960\d{3}"  # Leeds, Sheffield, Nottingham, Leicester, Bristol, Reading
    r"|01[2-6]14960\d{3}"  # Birmingham, Edinburgh, Glasgow, Liverpool, Manchester
    r"|02079460\d{3}"  # London
    r"|01914980\d{3}"  # Tyneside
    r"|02896496\d{3}"  # Belfast
    r"|02920180\d{3}"  # Cardiff
)


@pytest.fixture(scope="module", params=[TODAY, dt.date(2025, 3, 1)], ids=str)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, dt.date]]:
    """One filled data file per `today`, shared by the tests that only read it."""
    today: dt.date = request.param
    path: Path = tmp_path_factory.mktemp("demo") / "facilitator.db"
    with Store.open(path) as store:
        fill_with_example_data(store, today)
        yield store, today


def test_at_least_forty_people_of_every_role(demo: tuple[Store, dt.date]) -> None:
    store, _ = demo
    roles = Counter(person.role for person in store.people.all())
    for role in Role:
        assert roles[role] >= 40, role.label


def test_every_example_person_would_pass_the_form(demo: tuple[Store, dt.date]) -> None:
    store, _ = demo
    for person in store.people.all():
        assert check_person(person) == {}, person.name


def test_no_example_email_can_reach_anyone(demo: tuple[Store, dt.date]) -> None:
    store, _ = demo
    emails = [person.email for person in store.people.all() if person.email]
    assert len(emails) > 100, "plenty of people have an email address to try the app with"
    for email in emails:
        assert email.rsplit("@", 1)[1] in RESERVED_DOMAINS, email


def test_every_example_phone_number_is_from_the_drama_ranges(
    demo: tuple[Store, dt.date],
) -> None:
    store, _ = demo
    phones = [person.phone for person in store.people.all() if person.phone]
    assert len(phones) > 100, "plenty of people have a phone number to try the app with"
    for phone in phones:
        assert DRAMA_NUMBERS.fullmatch(phone_digits(phone)), phone


def test_four_past_one_today_and_two_coming_sessions(demo: tuple[Store, dt.date]) -> None:
    store, today = demo
    sections = split_by_day(store.sessions.overview(), today)
    assert len(sections.past) == 4
    assert [session.title for session in sections.today] == ["Getting out and about"]
    assert len(sections.coming) == 2


def test_sessions_are_of_at_least_three_kinds(demo: tuple[Store, dt.date]) -> None:
    store, _ = demo
    assert len({session.kind for session in store.sessions.overview()}) >= 3


def test_every_session_has_an_agenda_that_fits(demo: tuple[Store, dt.date]) -> None:
    store, _ = demo
    for overview in store.sessions.overview():
        session = store.sessions.get(overview.id)
        agenda = store.agenda.items(overview.id)
        assert len(agenda) > 3, session.title
        assert agenda[0].kind is AgendaKind.WELCOME
        assert agenda[-1].kind is AgendaKind.CLOSE
        assert not schedule(agenda, session.start, session.end).overruns, session.title


def test_every_session_has_two_co_chairs_from_the_people_bank(
    demo: tuple[Store, dt.date],
) -> None:
    store, _ = demo
    for overview in store.sessions.overview():
        chairs = store.people.many(store.sessions.get(overview.id).co_chair_ids)
        assert len(chairs) == 2
        assert {chair.role for chair in chairs} == {Role.STAFF, Role.LIVED_EXPERIENCE}


def test_people_came_to_past_sessions_and_are_booked_for_coming_ones(
    demo: tuple[Store, dt.date],
) -> None:
    store, today = demo
    sections = split_by_day(store.sessions.overview(), today)
    for session in sections.past:
        assert session.attended > 0, session.title
    for session in [*sections.today, *sections.coming]:
        assert session.booked > 0, session.title
        assert session.attended == 0, "nobody has arrived at a session yet to happen"


def test_the_welcome_is_not_offered_again(demo: tuple[Store, dt.date]) -> None:
    store, _ = demo
    assert store.has_data()
    assert not store.needs_welcome()


def test_the_same_seed_gives_the_same_people(tmp_path: Path) -> None:
    names = []
    for number in (1, 2):
        with Store.open(tmp_path / f"demo{number}.db") as store:
            fill_with_example_data(store, TODAY)
            names.append([(p.name, p.email, p.phone) for p in store.people.all()])
    assert names[0] == names[1]


def _past(store: Store, today: dt.date) -> list[int]:
    return [s.id for s in split_by_day(store.sessions.overview(), today).past]


def test_past_sessions_hold_arrivals_apologies_and_walk_ins(demo: tuple[Store, dt.date]) -> None:
    store, today = demo
    records = [
        r for session_id in _past(store, today) for r in store.attendance.for_session(session_id)
    ]
    statuses = {record.status for record in records}
    assert {AttendanceStatus.ARRIVED, AttendanceStatus.APOLOGIES} <= statuses
    assert any(record.walked_in and record.status.attended for record in records)
    follow_ups = [record for record in records if record.follow_up]
    assert follow_ups and all(record.follow_up_note for record in follow_ups)


def test_a_carer_pair_and_an_interpreter_are_linked_and_booked_together(
    demo: tuple[Store, dt.date],
) -> None:
    store, _ = demo
    relations = set()
    for person in store.people.all():
        assert person.id is not None
        for link in store.companions.of(person.id):
            relations.add(link.relation)
            for session in store.sessions.overview():
                mine = store.attendance.get(session.id, link.person_id)
                theirs = store.attendance.get(session.id, link.companion_id)
                assert mine is not None and theirs is not None, session.title
                assert mine.status is theirs.status, session.title
    assert relations == {Relation.CARER, Relation.INTERPRETER}


def test_past_sessions_hold_notes_of_every_kind_and_actions_in_every_status(
    demo: tuple[Store, dt.date],
) -> None:
    store, today = demo
    notes = [
        note for session_id in _past(store, today) for note in store.notes.for_session(session_id)
    ]
    assert {note.kind for note in notes} == set(NoteKind)
    assert {note.consent for note in notes if note.kind is NoteKind.QUOTE} == set(QuoteConsent)
    actions = store.actions.all()
    assert {action.status for action in actions} == set(ActionStatus)
    assert any(a.due and a.due < today and a.status is ActionStatus.OPEN for a in actions)
    assert all(action.note_ids for action in actions), "every action answers something heard"
    done = [action for action in actions if action.status is ActionStatus.DONE]
    assert all(action.outcome for action in done), "what we did is recorded"


def test_nobody_has_arrived_yet_at_todays_session(demo: tuple[Store, dt.date]) -> None:
    store, today = demo
    (session,) = split_by_day(store.sessions.overview(), today).today
    assert session.booked > 0
    assert session.attended == 0
    assert store.notes.count(session.id) == 0


def test_past_sessions_were_run_on_the_clock_from_start_to_finish(
    demo: tuple[Store, dt.date],
) -> None:
    store, today = demo
    for session_id in _past(store, today):
        state = RunClock(store, session_id, now_utc).state()
        assert state.phase is Phase.FINISHED
        assert all(run.started and run.ended for run in state.items)


def test_a_past_community_event_shared_out_a_budget_by_dot_voting(
    demo: tuple[Store, dt.date],
) -> None:
    """Five proposals of up to £5,000 for £10,000, voted on by the people who came and
    frozen: one passed over as it no longer fitted, and money left."""
    from sessions.decide_models import VoteMethod
    from sessions.deciding import Deciding

    store, today = demo
    (event,) = [s for s in store.sessions.overview() if s.title.startswith("Community chest")]
    assert event.date < today
    deciding = Deciding(store, event.id)
    rules = deciding.rules()
    assert (rules.method, rules.budget_pence, rules.dots_per_person) == (
        VoteMethod.BUDGET,
        1_000_000,
        3,
    )
    options = deciding.options()
    assert len(options) == 5
    assert all(0 < (o.cost_pence or 0) <= 500_000 for o in options)
    assert deciding.is_frozen
    result = deciding.result()
    assert result.voters == event.attended == len(deciding.ballots())
    assert result.total_points == 3 * result.voters
    assert [line.funded for line in result.lines] == [True, True, False, True, False]
    assert result.money_left_pence == 50_000
    assert not any(line.tied for line in result.lines)
