"""The Breakouts service on the example data: rounds of groups as a facilitator makes,
checks and changes them on the day of "Getting out and about"."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

import pytest

from sessions.breakout_room import Rule
from sessions.errors import ValidationError
from sessions.groups import (
    MAX_GROUPS,
    Breakouts,
    GroupRequest,
    RoundView,
    Shape,
    request_from_form,
)
from sessions.models import (
    AttendanceStatus,
    GroupMember,
    GroupSource,
    Need,
    Note,
    PairKind,
    Placement,
    Relation,
    Session,
    SessionKind,
)
from sessions.store import Store
from support import TODAY

TODAY_TITLE = "Getting out and about"
LETTERS_TITLE = "Clearer letters: second meeting"


# --- finding things in the example data --------------------------------------


def session_id(store: Store, title: str) -> int:
    [found] = [s.id for s in store.sessions.overview() if s.title == title]
    return found


@pytest.fixture
def today_id(demo_store: Store) -> int:
    return session_id(demo_store, TODAY_TITLE)


@pytest.fixture
def breakouts(demo_store: Store, today_id: int) -> Breakouts:
    return Breakouts(demo_store, today_id, seeds=lambda: 7)


def booked(store: Store, session: int) -> list[int]:
    return [a.person_id for a in store.attendance.for_session(session)]


def interpreter_pair(store: Store) -> tuple[int, int]:
    """(the person who signs, Bronwen Pryce, their interpreter)."""
    [bronwen] = store.people.named("Bronwen Pryce")
    assert bronwen.id is not None
    [link] = [c for c in store.companions.of(bronwen.id) if c.relation is Relation.INTERPRETER]
    assert link.companion_id == bronwen.id
    return link.person_id, bronwen.id


def on_their_own(store: Store, people: list[int]) -> list[int]:
    """Those with no carer, assistant or interpreter, and no need of the place."""
    return [p for p in people if not store.companions.of(p) and not store.people.get(p).needs]


def groups_of(view: RoundView) -> list[list[int]]:
    return [[m.person_id for m in g.members] for g in view.round.groups]


def placed(view: RoundView) -> list[int]:
    return [p for group in groups_of(view) for p in group]


def group_index(view: RoundView, person_id: int) -> int:
    [index] = [i for i, group in enumerate(groups_of(view)) if person_id in group]
    return index


def member(view: RoundView, person_id: int) -> GroupMember:
    [found] = [m for g in view.round.groups for m in g.members if m.person_id == person_id]
    return found


def assert_sizes_within_one(view: RoundView) -> None:
    sizes = [len(group) for group in groups_of(view)]
    assert max(sizes) - min(sizes) <= 1, sizes


def arrive(store: Store, session: int, people: list[int]) -> None:
    at = dt.datetime(2026, 11, 23, 10, 25, tzinfo=dt.UTC)
    for person in people:
        store.attendance.record(session, person, AttendanceStatus.ARRIVED, arrived_at=at)


# --- making a round ----------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3, 4, 6])
def test_groups_from_everyone_booked_place_each_person_once(
    breakouts: Breakouts, demo_store: Store, today_id: int, count: int
) -> None:
    everyone = booked(demo_store, today_id)
    assert len(everyone) == 25
    view = breakouts.make(Shape(count=count), GroupSource.BOOKED)
    assert [g.name for g in view.round.groups] == [f"Group {n}" for n in range(1, count + 1)]
    assert sorted(placed(view)) == sorted(everyone)
    assert len(placed(view)) == len(set(placed(view)))
    assert_sizes_within_one(view)
    assert (view.unplaced, view.gone) == ((), ())
    assert view.round.number == 1 and view.round.source is GroupSource.BOOKED
    assert all(m == GroupMember(m.person_id) for g in view.round.groups for m in g.members)
    assert sum(view.counts(g).size for g in view.round.groups) == 25


def test_groups_of_about_six_from_25_people_make_four(breakouts: Breakouts) -> None:
    view = breakouts.make(Shape(about=6), GroupSource.BOOKED)
    assert len(view.round.groups) == 4
    assert_sizes_within_one(view)


def test_each_new_round_is_numbered_after_the_last(
    breakouts: Breakouts, demo_store: Store, today_id: int
) -> None:
    first = breakouts.make(Shape(count=4), GroupSource.BOOKED)
    second = breakouts.make(Shape(count=5), GroupSource.BOOKED)
    assert (first.round.number, second.round.number) == (1, 2)
    assert [len(r.groups) for r in breakouts.rounds()] == [4, 5]
    # The second round knows who sat together in the first.
    assert second.room.history == (tuple(tuple(g) for g in groups_of(first)),)
    signer, _ = interpreter_pair(demo_store)
    assert any("before" in words or "not sat with" in words for words in second.reasons(signer))


def test_groups_from_arrivals_before_anyone_arrives_are_refused_in_words(
    breakouts: Breakouts,
) -> None:
    assert breakouts.default_source() is GroupSource.BOOKED
    with pytest.raises(ValidationError) as refused:
        breakouts.make(Shape(count=4), GroupSource.ARRIVED)
    assert "Nobody has arrived yet" in refused.value.problems["source"]
    assert "Check people in first" in str(refused.value)
    assert breakouts.rounds() == []


def test_once_someone_arrives_groups_are_made_from_those_here(
    breakouts: Breakouts, demo_store: Store, today_id: int
) -> None:
    here = on_their_own(demo_store, booked(demo_store, today_id))[:5]
    arrive(demo_store, today_id, here)
    assert breakouts.default_source() is GroupSource.ARRIVED
    view = breakouts.make(Shape(count=2), GroupSource.ARRIVED)
    assert sorted(placed(view)) == sorted(here)


# --- how to split: words for what cannot be done -----------------------------


@pytest.mark.parametrize(
    ("shape", "people", "words"),
    [
        (Shape(count=0), 10, "Make at least one group."),
        (Shape(count=-2), 10, "Make at least one group."),
        (Shape(count=MAX_GROUPS + 1), 200, f"Make at most {MAX_GROUPS} groups."),
        (Shape(count=30), 25, "There are only 25 people to place, so make at most 25 groups."),
        (Shape(), 25, "Say how many groups, or about how many in each."),
        (Shape(about=0), 25, "Say how many groups, or about how many in each."),
    ],
)
def test_a_shape_that_cannot_be_made_is_refused_in_words(
    shape: Shape, people: int, words: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        shape.groups_for(people)
    assert refused.value.problems == {"shape": words}


def test_too_many_groups_for_one_person_is_said_in_good_english() -> None:
    with pytest.raises(ValidationError) as refused:
        Shape(count=2).groups_for(1)
    assert str(refused.value) == "There is only 1 person to place, so make at most 1 group."


@pytest.mark.parametrize(
    ("about", "people", "groups"),
    [
        (4, 25, 6),
        (3, 25, 8),
        (7, 25, 4),
        (6, 25, 4),
        (5, 25, 5),
        (40, 25, 1),
        (1, 25, 25),
        (10, 25, 3),
        (8, 12, 2),
        (4, 0, 1),
    ],
)
def test_groups_of_about_k_round_to_the_nearest_number_of_groups(
    about: int, people: int, groups: int
) -> None:
    assert Shape(about=about).groups_for(people) == groups


def test_a_count_is_taken_as_it_is(breakouts: Breakouts) -> None:
    assert Shape(count=5).groups_for(25) == 5
    assert Shape(count=25).groups_for(25) == 25


# --- the Make groups form ----------------------------------------------------


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"number": ""}, "Type how many groups: a whole number, 1 or more."),
        ({"number": "four"}, "Type how many groups: a whole number, 1 or more."),
        ({"number": "0"}, "Type how many groups: a whole number, 1 or more."),
        ({"number": "-3"}, "Type how many groups: a whole number, 1 or more."),
        ({"number": "2.5"}, "Type how many groups: a whole number, 1 or more."),
        (
            {"how": "size", "number": "lots"},
            "Type how many people in each group: a whole number, 1 or more.",
        ),
        ({"how": "count", "number": str(MAX_GROUPS + 1)}, f"Make at most {MAX_GROUPS} groups."),
    ],
)
def test_the_make_groups_form_says_what_is_wrong_with_the_number(
    values: dict[str, object], words: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        request_from_form(values)
    assert refused.value.problems == {"number": words}


def test_the_make_groups_form_reads_what_was_chosen() -> None:
    assert request_from_form(
        {"how": "count", "number": " 4 ", "source": "booked", "item": "none"}
    ) == GroupRequest(Shape(count=4), GroupSource.BOOKED, None)
    assert request_from_form({"how": "size", "number": "6", "item": "12"}) == GroupRequest(
        Shape(about=6), GroupSource.ARRIVED, 12
    )
    # Groups of about 80 are allowed: the limit is on the number of groups.
    assert request_from_form({"how": "size", "number": "80"}).shape == Shape(about=80)


# --- balancing again -----------------------------------------------------------


def test_the_same_seed_gives_the_same_split(
    breakouts: Breakouts, demo_store: Store, today_id: int
) -> None:
    view = breakouts.make(Shape(count=4), GroupSource.BOOKED)
    assert view.round.id is not None and view.round.seed == 7
    first = breakouts.rebalance(view.round.id, seed=90210)
    again = breakouts.rebalance(view.round.id, seed=90210)
    assert groups_of(first) == groups_of(again)
    assert again.round.seed == 90210
    # Someone else on another laptop, with the same seed, gets the same too.
    elsewhere = Breakouts(demo_store, today_id, seeds=lambda: 1).rebalance(
        view.round.id, seed=90210
    )
    assert groups_of(elsewhere) == groups_of(first)
    # Without a seed, a new one is drawn and kept.
    assert (
        Breakouts(demo_store, today_id, seeds=lambda: 31).rebalance(view.round.id).round.seed == 31
    )


def test_balancing_again_keeps_a_locked_group_and_pinned_people(
    breakouts: Breakouts, demo_store: Store
) -> None:
    view = breakouts.make(Shape(count=4), GroupSource.BOOKED)
    round_id = view.round.id
    assert round_id is not None
    # Someone moved into the first group by hand and then unpinned: the lock keeps them.
    [moved] = on_their_own(demo_store, groups_of(view)[1])[:1]
    first_id = view.round.groups[0].id
    assert first_id is not None
    view, _ = breakouts.move(round_id, moved, first_id)
    view = breakouts.pin(round_id, moved, False)
    breakouts.lock(view.round.groups[0], True)
    kept = groups_of(view)[0]
    [pinned] = on_their_own(demo_store, groups_of(view)[2])[:1]
    breakouts.pin(round_id, pinned, True)

    after = breakouts.rebalance(round_id, seed=12345)

    assert after.round.groups[0].locked
    assert sorted(groups_of(after)[0]) == sorted(kept)
    assert member(after, moved) == GroupMember(moved, False, Placement.MOVED)
    assert after.reasons(moved)[0] == "moved here by hand"
    assert group_index(after, pinned) == 2
    assert member(after, pinned).pinned
    assert sorted(placed(after)) == sorted(placed(view))
    # The others were balanced again (so the lock and the pin were what held).
    others = [sorted(g) for g in groups_of(view)[1:]]
    assert [sorted(g) for g in groups_of(after)[1:]] != others
    assert after.reasons(kept[0])[0] == "the group is locked"
    assert after.reasons(pinned)[0] == "pinned to this group"

    breakouts.lock(after.round.groups[0], False)
    breakouts.pin(round_id, pinned, False)
    freed = breakouts.view(round_id)
    assert not freed.round.groups[0].locked
    assert not member(freed, pinned).pinned


def test_marking_a_step_free_place_and_balancing_again_puts_who_needs_it_there(
    breakouts: Breakouts, demo_store: Store
) -> None:
    view = breakouts.make(Shape(count=4), GroupSource.BOOKED)
    assert view.round.id is not None
    needing = [p for p in view.people if Need.STEP_FREE in view.people[p].needs]
    assert needing, "the example data has someone who needs step-free access"
    assert any(b.rule is Rule.NEEDS for b in view.broken)
    garden = replace(view.round.groups[3], place="Garden room", facilities=frozenset(Need))
    breakouts.change_group(garden)
    after = breakouts.rebalance(view.round.id)
    assert all(group_index(after, p) == 3 for p in needing)
    assert not any(b.rule is Rule.NEEDS for b in after.broken)
    assert after.round.groups[3].place == "Garden room"
    assert "its place is step-free" in after.reasons(needing[0])


def test_a_group_needs_a_name_and_short_words(breakouts: Breakouts) -> None:
    view = breakouts.make(Shape(count=2), GroupSource.BOOKED)
    group = view.round.groups[0]
    with pytest.raises(ValidationError) as refused:
        breakouts.change_group(replace(group, name="  ", place="x" * 61))
    assert refused.value.problems == {
        "name": "Give the group a name, such as Group 1 or Blue table.",
        "place": "Keep the place to 60 characters or fewer.",
    }
    assert breakouts.view(view.round.id).round.groups[0] == group  # type: ignore[arg-type]


# --- moving people by hand -----------------------------------------------------


def test_moving_someone_takes_their_interpreter_along(
    breakouts: Breakouts, demo_store: Store
) -> None:
    signer, bronwen = interpreter_pair(demo_store)
    view = breakouts.make(Shape(count=4), GroupSource.BOOKED)
    assert view.round.id is not None
    start = group_index(view, signer)
    assert group_index(view, bronwen) == start
    target = (start + 1) % 4
    target_id = view.round.groups[target].id
    assert target_id is not None

    after, along = breakouts.move(view.round.id, signer, target_id)

    assert along == ["Bronwen Pryce"]
    assert group_index(after, signer) == target
    assert group_index(after, bronwen) == target
    for person in (signer, bronwen):
        assert member(after, person) == GroupMember(person, True, Placement.MOVED)
    assert sorted(placed(after)) == sorted(placed(view))
    assert not any(b.rule is Rule.TOGETHER for b in after.broken)

    said = after.reasons(signer)
    assert said[0] == "moved here by hand"
    assert "with their interpreter Bronwen Pryce" in said
    assert "pinned to this group" not in said
    signer_name = after.people[signer].display_name
    assert f"with {signer_name}, as their interpreter" in after.reasons(bronwen)

    # They stay where they were put when the rest are balanced again.
    again = breakouts.rebalance(view.round.id, seed=555)
    assert group_index(again, signer) == group_index(again, bronwen) == target


def test_moving_the_interpreter_takes_the_person_they_sign_for(
    breakouts: Breakouts, demo_store: Store
) -> None:
    signer, bronwen = interpreter_pair(demo_store)
    view = breakouts.make(Shape(count=3), GroupSource.BOOKED)
    assert view.round.id is not None
    target = (group_index(view, bronwen) + 2) % 3
    target_id = view.round.groups[target].id
    assert target_id is not None
    after, along = breakouts.move(view.round.id, bronwen, target_id)
    assert along == [view.people[signer].display_name]
    assert group_index(after, signer) == target


def test_moving_someone_on_their_own_takes_nobody_along(
    breakouts: Breakouts, demo_store: Store
) -> None:
    view = breakouts.make(Shape(count=4), GroupSource.BOOKED)
    assert view.round.id is not None
    [person] = on_their_own(demo_store, groups_of(view)[0])[:1]
    target_id = view.round.groups[1].id
    assert target_id is not None
    after, along = breakouts.move(view.round.id, person, target_id)
    assert along == []
    assert group_index(after, person) == 1
    assert Counter(placed(after)) == Counter(placed(view))
    assert [len(g) for g in groups_of(after)][:2] == [
        len(groups_of(view)[0]) - 1,
        len(groups_of(view)[1]) + 1,
    ]
    assert after.reasons(person)[0] == "moved here by hand"


def test_everyone_sits_with_their_interpreter_without_being_moved(
    breakouts: Breakouts, demo_store: Store
) -> None:
    signer, bronwen = interpreter_pair(demo_store)
    view = breakouts.make(Shape(count=5), GroupSource.BOOKED)
    assert group_index(view, signer) == group_index(view, bronwen)
    said = view.reasons(signer)
    assert "with their interpreter Bronwen Pryce" in said
    assert "moved here by hand" not in said


def test_two_kept_apart_are_put_in_different_groups(
    breakouts: Breakouts, demo_store: Store
) -> None:
    view = breakouts.make(Shape(count=4), GroupSource.BOOKED)
    assert view.round.id is not None
    a, b = next(
        pair[:2] for group in groups_of(view) if len(pair := on_their_own(demo_store, group)) >= 2
    )
    assert group_index(view, a) == group_index(view, b)

    breakouts.keep(a, b, PairKind.APART)
    after = breakouts.rebalance(view.round.id)

    assert group_index(after, a) != group_index(after, b)
    assert not any(x.rule is Rule.APART for x in after.broken)
    assert f"kept apart from {after.people[b].display_name}" in after.reasons(a)
    assert_sizes_within_one(after)

    with pytest.raises(ValidationError):
        breakouts.keep(a, a, PairKind.APART)


def test_two_kept_together_are_put_in_the_same_group(
    breakouts: Breakouts, demo_store: Store
) -> None:
    view = breakouts.make(Shape(count=4), GroupSource.BOOKED)
    assert view.round.id is not None
    free = [on_their_own(demo_store, g) for g in groups_of(view)]
    a, b = free[0][0], free[1][0]
    breakouts.keep(b, a, PairKind.TOGETHER)
    after = breakouts.rebalance(view.round.id)
    assert group_index(after, a) == group_index(after, b)
    assert f"kept with {after.people[b].display_name}" in after.reasons(a)


# --- people who come late or leave early -----------------------------------------


def test_someone_who_arrives_after_the_split_is_waiting_then_balanced_in(
    breakouts: Breakouts, demo_store: Store, today_id: int
) -> None:
    free = on_their_own(demo_store, booked(demo_store, today_id))
    first, late = free[:10], free[10]
    arrive(demo_store, today_id, first)
    view = breakouts.make(Shape(count=3), GroupSource.ARRIVED)
    assert view.round.id is not None
    assert sorted(placed(view)) == sorted(first)

    arrive(demo_store, today_id, [late])
    waiting = breakouts.view(view.round.id)
    assert waiting.unplaced == (late,)
    assert late not in placed(waiting)
    assert waiting.gone == ()

    after = breakouts.rebalance(view.round.id)
    assert after.unplaced == ()
    assert placed(after).count(late) == 1
    assert sorted(placed(after)) == sorted([*first, late])
    assert_sizes_within_one(after)


def test_a_walk_in_after_a_split_of_everyone_booked_is_waiting(
    breakouts: Breakouts, demo_store: Store, today_id: int
) -> None:
    view = breakouts.make(Shape(count=4), GroupSource.BOOKED)
    assert view.round.id is not None
    stranger = next(
        p.id
        for p in demo_store.people.all()
        if p.id not in booked(demo_store, today_id) and not demo_store.companions.of(p.id)  # type: ignore[arg-type]
    )
    assert stranger is not None
    demo_store.attendance.record(today_id, stranger, AttendanceStatus.ARRIVED, booked=False)
    assert breakouts.view(view.round.id).unplaced == (stranger,)
    assert stranger in placed(breakouts.rebalance(view.round.id))


def test_someone_who_left_early_shows_as_gone(
    breakouts: Breakouts, demo_store: Store, today_id: int
) -> None:
    here = on_their_own(demo_store, booked(demo_store, today_id))[:10]
    arrive(demo_store, today_id, here)
    view = breakouts.make(Shape(count=2), GroupSource.ARRIVED)
    assert view.round.id is not None
    leaver = groups_of(view)[1][0]
    left_at = dt.datetime(2026, 11, 23, 11, 15, tzinfo=dt.UTC)
    demo_store.attendance.record(
        today_id,
        leaver,
        AttendanceStatus.LEFT_EARLY,
        arrived_at=dt.datetime(2026, 11, 23, 10, 25, tzinfo=dt.UTC),
        left_at=left_at,
    )

    now = breakouts.view(view.round.id)
    assert now.gone == (leaver,)
    assert now.unplaced == ()
    group = now.round.groups[1]
    assert leaver not in [m.person_id for m in now.members(group)]
    assert now.counts(group).size == len(groups_of(view)[1]) - 1
    assert now.role_words(group).startswith(f"{len(groups_of(view)[1]) - 1} people")

    after = breakouts.rebalance(view.round.id)
    # They stay on record in the group they were in, and no longer count.
    assert after.gone == (leaver,)
    assert leaver in [m.person_id for m in after.round.groups[1].members]
    counted = [m.person_id for g in after.round.groups for m in after.members(g)]
    assert sorted(counted) == sorted(p for p in here if p != leaver)


# --- saved splits --------------------------------------------------------------


def test_a_saved_split_is_used_again_at_the_next_session_of_the_project(
    demo_store: Store,
) -> None:
    letters_id = session_id(demo_store, LETTERS_TITLE)
    letters = demo_store.sessions.get(letters_id)
    assert letters.project_name
    past = Breakouts(demo_store, letters_id, seeds=lambda: 7)
    [last_time] = past.rounds()
    assert last_time.id is not None
    saved = past.save(last_time.id, "Letters groups")
    before = {
        m.person_id: g.name for g in last_time.groups for m in g.members
    }  # who sat where last time

    # The next meeting of the project: most come back, two do not, three are new.
    returning = on_their_own(demo_store, list(before))
    staying_away = [p for p in before if p not in returning] + returning[-2:]
    returning = returning[:-2]
    newcomers = on_their_own(
        demo_store,
        [p.id for p in demo_store.people.all() if p.id not in before],  # type: ignore[misc]
    )[:3]
    next_time = demo_store.create_session(
        Session(
            "Clearer letters: third meeting",
            SessionKind.TASK_AND_FINISH,
            date=TODAY + dt.timedelta(days=14),
            start=dt.time(10),
            end=dt.time(12),
            project_name=letters.project_name,
        )
    )
    assert next_time.id is not None
    for person in [*returning, *newcomers]:
        demo_store.attendance.record(next_time.id, person, AttendanceStatus.BOOKED)
    breakouts = Breakouts(demo_store, next_time.id, seeds=lambda: 7)
    assert [s.name for s in breakouts.saved()] == ["Letters groups"]
    assert breakouts.saved()[0].project_name == letters.project_name

    view, said = breakouts.use_saved(saved.id, GroupSource.BOOKED)  # type: ignore[arg-type]

    assert [g.name for g in view.round.groups] == [g.name for g in last_time.groups]
    assert [(g.place, g.facilitator, g.facilities) for g in view.round.groups] == [
        (g.place, g.facilitator, g.facilities) for g in last_time.groups
    ]
    for person in returning:
        assert view.round.group_of(person).name == before[person]  # type: ignore[union-attr]
        assert member(view, person) == GroupMember(person, True, Placement.SAVED)
        assert view.reasons(person)[0] == "as in the saved split"
    for person in newcomers:
        assert member(view, person) == GroupMember(person)
    assert sorted(placed(view)) == sorted([*returning, *newcomers])
    assert not any(p in placed(view) for p in staying_away)
    assert said == (
        f"{len(returning)} people back in their groups from “Letters groups”; "
        f"3 new people balanced in; "
        f"{len(staying_away)} people from the saved split not here."
    )


def test_saved_splits_stay_within_their_project(demo_store: Store, today_id: int) -> None:
    letters_id = session_id(demo_store, LETTERS_TITLE)
    past = Breakouts(demo_store, letters_id, seeds=lambda: 7)
    [last_time] = past.rounds()
    past.save(last_time.id, "Letters groups")  # type: ignore[arg-type]
    assert [s.name for s in past.saved()] == ["Letters groups"]
    today = Breakouts(demo_store, today_id, seeds=lambda: 7)  # no project
    assert today.saved() == []
    voice = Breakouts(demo_store, session_id(demo_store, "Our Voice steering group"))
    assert voice.saved() == []


def test_a_split_kept_with_no_project_is_offered_at_other_sessions_with_none(
    breakouts: Breakouts, demo_store: Store
) -> None:
    view = breakouts.make(Shape(count=4), GroupSource.BOOKED)
    saved = breakouts.save(view.round.id, "  Tables by the window  ")  # type: ignore[arg-type]
    assert saved.name == "Tables by the window"
    other = Breakouts(demo_store, session_id(demo_store, "Building the right relationships"))
    assert [s.name for s in other.saved()] == ["Tables by the window"]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("   ", "Give the split a name, to find it again later."),
        ("x" * 61, "Keep the name to 60 characters or fewer."),
    ],
)
def test_a_split_needs_a_short_name(breakouts: Breakouts, name: str, words: str) -> None:
    view = breakouts.make(Shape(count=2), GroupSource.BOOKED)
    with pytest.raises(ValidationError) as refused:
        breakouts.save(view.round.id, name)  # type: ignore[arg-type]
    assert refused.value.problems == {"name": words}
    assert breakouts.saved() == []


def test_using_a_saved_split_when_nobody_has_arrived_is_refused(
    breakouts: Breakouts,
) -> None:
    view = breakouts.make(Shape(count=3), GroupSource.BOOKED)
    saved = breakouts.save(view.round.id, "Three tables")  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as refused:
        breakouts.use_saved(saved.id, GroupSource.ARRIVED)  # type: ignore[arg-type]
    assert "Nobody has arrived yet" in str(refused.value)
    assert len(breakouts.rounds()) == 1


# --- notes per group -------------------------------------------------------------


def test_notes_taken_in_a_group_are_listed_for_that_group(
    breakouts: Breakouts, demo_store: Store, today_id: int
) -> None:
    view = breakouts.make(Shape(count=3), GroupSource.BOOKED)
    first, second, _ = (g.id for g in view.round.groups)
    for text, group in (
        ("The 42 bus stops at six.", first),
        ("Community transport needs a week's notice.", second),
        ("Lifts to the day centre come late.", first),
    ):
        demo_store.notes.save(Note(today_id, text, breakout_group_id=group))
    assert [n.text for n in demo_store.notes.for_group(first)] == [  # type: ignore[arg-type]
        "The 42 bus stops at six.",
        "Lifts to the day centre come late.",
    ]
    assert [n.text for n in demo_store.notes.for_group(second)] == [  # type: ignore[arg-type]
        "Community transport needs a week's notice.",
    ]
    assert demo_store.notes.for_group(view.round.groups[2].id) == []  # type: ignore[arg-type]

    breakouts.delete(view.round.id)  # type: ignore[arg-type]
    assert breakouts.rounds() == []
    kept = [n for n in demo_store.notes.for_session(today_id) if "42 bus" in n.text]
    assert [n.breakout_group_id for n in kept] == [None]


def test_the_example_past_sessions_hold_their_groups_and_group_notes(demo_store: Store) -> None:
    letters = Breakouts(demo_store, session_id(demo_store, LETTERS_TITLE))
    [past] = letters.rounds()
    assert past.source is GroupSource.ARRIVED
    assert all(g.place for g in past.groups)
    for group in past.groups:
        assert group.id is not None
        assert len(demo_store.notes.for_group(group.id)) == 1
    view = letters.view(past.id)  # type: ignore[arg-type]
    assert view.unplaced == ()
    assert sorted(placed(view)) == sorted(view.people)
