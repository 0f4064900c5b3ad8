"""Deciding together in the data file: the m009 upgrade, votes only from people who
arrived, one ballot per person, the wall count, freezing, and deleting the session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from sessions.decide_models import Ballot, DecisionRules, Option, Tally, VoteMethod
from sessions.deciding import Deciding
from sessions.errors import FacilitatorError, NotFound, ValidationError
from sessions.models import AttendanceStatus, Person, Session
from sessions.store import Store
from sessions.store.migrations import known_names, migrations
from support import NOW

LATER = NOW + dt.timedelta(hours=2)


@pytest.fixture
def room(
    store: Store, add_person: Callable[..., Person], add_session: Callable[..., Session]
) -> tuple[Session, list[Person], list[Option]]:
    """A session with Ann and Bob arrived, Cara only booked, and three options."""
    session = add_session("Community choices", date=NOW.date())
    assert session.id is not None
    people = [add_person("Ann Ashby"), add_person("Bob Brown"), add_person("Cara Cole")]
    for person, status in zip(
        people,
        (AttendanceStatus.ARRIVED, AttendanceStatus.LEFT_EARLY, AttendanceStatus.BOOKED),
        strict=True,
    ):
        assert person.id is not None
        store.attendance.record(session.id, person.id, status)
    options = [
        store.decisions.save_option(session.id, Option(title, proposed_by=by))
        for title, by in (("Garden", "Friends of the park"), ("Café", "Carers"), ("Signs", ""))
    ]
    return session, people, options


def ids(items) -> list[int]:
    return [item.id for item in items]


def test_the_upgrade_is_recorded(store: Store):
    assert [m.name for m in migrations.applied(store.db)] == known_names()
    assert known_names()[-1] == "m009_decisions"
    assert store.db["decision_options"].exists()


def test_options_keep_their_order_and_are_changed_in_place(store: Store, room):
    session, _, options = room
    assert [o.title for o in store.decisions.options(session.id)] == ["Garden", "Café", "Signs"]
    assert [o.position for o in options] == [0, 1, 2]
    changed = store.decisions.save_option(
        session.id, Option("Café and crèche", "Carers", id=options[1].id, position=1)
    )
    assert changed.title == "Café and crèche" and changed.id == options[1].id
    store.decisions.move_option(session.id, options[2].id, -2)
    assert [o.title for o in store.decisions.options(session.id)] == [
        "Signs",
        "Garden",
        "Café and crèche",
    ]
    with pytest.raises(ValidationError, match="Give the option a title"):
        store.decisions.save_option(session.id, Option("  "))


def test_only_people_who_arrived_may_vote(store: Store, room):
    session, (ann, bob, cara), options = room
    store.decisions.save_ballot(session.id, Ballot(ann.id, (options[0].id,)))
    store.decisions.save_ballot(session.id, Ballot(bob.id, (options[1].id,)))  # left early
    with pytest.raises(FacilitatorError, match="Cara Cole is not recorded as arrived"):
        store.decisions.save_ballot(session.id, Ballot(cara.id, (options[0].id,)))
    assert [b.person_id for b in store.decisions.ballots(session.id)] == [ann.id, bob.id]
    assert ids(store.decisions.arrived(session.id)) == [ann.id, bob.id]
    assert ids(store.decisions.arrived(session.id, "bro")) == [bob.id]


def test_one_ballot_per_person_replaces_the_last(store: Store, room):
    session, (ann, _, _), options = room
    garden, cafe, _ = ids(options)
    store.decisions.save_ballot(session.id, Ballot(ann.id, (garden, garden, cafe)))
    store.decisions.save_ballot(session.id, Ballot(ann.id, (cafe,)))
    assert store.decisions.ballots(session.id) == [Ballot(ann.id, (cafe,))]
    result = store.decisions.live_result(session.id)
    assert (result.voters, result.total_points) == (1, 1)
    assert store.decisions.remove_ballot(session.id, ann.id)
    assert not store.decisions.remove_ballot(session.id, ann.id)


def test_a_vote_beyond_the_allowance_is_refused(store: Store, room):
    session, (ann, _, _), options = room
    garden, cafe, signs = ids(options)
    store.decisions.save_rules(session.id, DecisionRules(dots_per_person=2, may_stack=False))
    with pytest.raises(ValidationError, match="Each person has 2 dots: this vote places 3"):
        store.decisions.save_ballot(session.id, Ballot(ann.id, (garden, cafe, signs)))
    with pytest.raises(ValidationError, match="may not be stacked"):
        store.decisions.save_ballot(session.id, Ballot(ann.id, (garden, garden)))
    assert store.decisions.ballots(session.id) == []


def test_rules_that_recorded_votes_do_not_fit_are_refused(store: Store, room):
    session, (ann, _, _), options = room
    garden, cafe, signs = ids(options)
    store.decisions.save_ballot(session.id, Ballot(ann.id, (garden, cafe, signs)))
    with pytest.raises(ValidationError, match="1 vote already recorded does not fit"):
        store.decisions.save_rules(session.id, DecisionRules(dots_per_person=2))
    assert store.decisions.rules(session.id) == DecisionRules()
    with pytest.raises(ValidationError, match="needs a cost"):
        store.decisions.save_rules(
            session.id, DecisionRules(method=VoteMethod.BUDGET, budget_pence=100_000)
        )


def test_removing_an_option_takes_its_dots_from_the_votes(store: Store, room):
    session, (ann, bob, _), options = room
    garden, cafe, signs = ids(options)
    store.decisions.save_ballot(session.id, Ballot(ann.id, (garden, cafe, garden)))
    store.decisions.save_ballot(session.id, Ballot(bob.id, (signs,)))
    store.decisions.remove_option(session.id, signs)
    store.decisions.remove_option(session.id, garden)
    assert store.decisions.ballots(session.id) == [Ballot(ann.id, (cafe,))]
    with pytest.raises(NotFound):
        store.decisions.remove_option(session.id, garden)


def test_a_wall_count_is_kept_and_counted_with_the_ballots(store: Store, room):
    session, (ann, _, _), options = room
    garden, cafe, signs = ids(options)
    store.decisions.save_tally(session.id, Tally({garden: 5, signs: 2}, voters=4))
    assert store.decisions.tally(session.id) == Tally({garden: 5, signs: 2}, 4)
    with pytest.raises(ValidationError, match="more than 1 person"):
        store.decisions.save_tally(session.id, Tally({garden: 4}, voters=1))
    store.decisions.save_ballot(session.id, Ballot(ann.id, (cafe, cafe, signs)))
    result = store.decisions.live_result(session.id)
    assert [(line.option.title, line.points) for line in result.lines] == [
        ("Garden", 5),
        ("Signs", 3),
        ("Café", 2),
    ]
    assert (result.voters, result.total_points) == (5, 10)
    store.decisions.clear_tally(session.id)
    assert store.decisions.tally(session.id) is None


def test_freezing_keeps_the_result_and_refuses_changes(store: Store, room):
    session, (ann, bob, _), options = room
    garden, cafe, _ = ids(options)
    store.decisions.save_rules(
        session.id, DecisionRules(method=VoteMethod.DOTS, dots_per_person=2, may_stack=True)
    )
    store.decisions.save_ballot(session.id, Ballot(ann.id, (garden, garden)))
    store.decisions.save_ballot(session.id, Ballot(bob.id, (cafe,)))
    frozen = store.decisions.freeze(session.id, LATER)
    kept = store.decisions.frozen_result(session.id)
    assert kept == frozen
    assert kept.frozen_at == LATER.astimezone(dt.UTC)
    assert [(line.option.title, line.points, line.place) for line in kept.lines] == [
        ("Garden", 2, 1),
        ("Café", 1, 2),
        ("Signs", 0, 3),
    ]
    refusals = [
        lambda: store.decisions.save_ballot(session.id, Ballot(ann.id, (cafe,))),
        lambda: store.decisions.remove_ballot(session.id, ann.id),
        lambda: store.decisions.save_option(session.id, Option("Late idea")),
        lambda: store.decisions.remove_option(session.id, garden),
        lambda: store.decisions.move_option(session.id, garden, 1),
        lambda: store.decisions.save_rules(session.id, DecisionRules(dots_per_person=5)),
        lambda: store.decisions.save_tally(session.id, Tally({garden: 1}, 1)),
        lambda: store.decisions.clear_tally(session.id),
        lambda: store.decisions.freeze(session.id, LATER),
    ]
    for refused in refusals:
        with pytest.raises(FacilitatorError, match="The result was frozen at 12:00 on Mon 23 Nov"):
            refused()
    # The kept result does not follow later edits to the people bank or the file.
    store.db.execute("UPDATE decision_options SET title = 'Renamed' WHERE id = ?", [garden])
    assert store.decisions.result(session.id).lines[0].option.title == "Garden"


def test_deleting_the_session_takes_its_vote_with_it(store: Store, room):
    session, (ann, _, _), options = room
    store.decisions.save_ballot(session.id, Ballot(ann.id, (options[0].id,)))
    store.decisions.save_tally(session.id, Tally({options[1].id: 1}, 1))
    store.decisions.freeze(session.id, LATER)
    store.sessions.delete(session.id)
    for table in ("decision_rules", "decision_options", "decision_ballots"):
        assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    assert store.people.get(ann.id).name == "Ann Ashby"


def test_the_service_reports_a_result_once_frozen_or_the_session_is_over(store: Store, room):
    session, (ann, _, _), options = room
    clock = {"now": NOW}
    deciding = Deciding(store, session.id, lambda: clock["now"])
    assert deciding.settled_result() is None  # nobody has voted
    deciding.save_ballot(Ballot(ann.id, (options[0].id,)))
    assert deciding.settled_result() is None  # still going on
    clock["now"] = NOW.replace(hour=13)  # the session ran 10:30 to 12:30
    assert deciding.settled_result().total_points == 1
    assert not deciding.is_frozen
    frozen = deciding.freeze()
    assert deciding.is_frozen and deciding.settled_result() == frozen == deciding.result()
    assert frozen.frozen_at == clock["now"].astimezone(dt.UTC)
    assert [p.name for p in deciding.voters("ann")] == ["Ann Ashby"]


def test_an_empty_session_has_nothing_to_freeze(store: Store, add_session):
    session = add_session()
    with pytest.raises(FacilitatorError, match="nothing to freeze"):
        store.decisions.freeze(session.id, LATER)
    assert not store.decisions.has_decision(session.id)
    assert store.decisions.rules(session.id) == DecisionRules()
