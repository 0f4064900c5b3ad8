"""Breakout rounds, keep-together/apart wishes and saved splits, as the data file keeps them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from sessions.errors import NotFound, ValidationError
from sessions.models import (
    AgendaItem,
    BreakoutGroup,
    BreakoutRound,
    GroupMember,
    GroupSource,
    Need,
    Note,
    PairKind,
    Person,
    Placement,
    Role,
    Session,
)
from sessions.store import Store
from sessions.store.migrations import known_names, migrations

SessionAgenda = tuple[Session, list[AgendaItem]]


def plain_sentence(message: str) -> None:
    """What a facilitator may be shown: a sentence, with no database words in it."""
    assert message[0].isupper() and message.endswith("."), message
    for word in ("sqlite", "SELECT", "None", "id ", "round_id", "group_id", "Traceback"):
        assert word not in message, message


def make_round(
    store: Store,
    session_id: int | None,
    groups: dict[str, list[int]],
    *,
    seed: int = 11,
    source: GroupSource = GroupSource.BOOKED,
    agenda_item_id: int | None = None,
) -> BreakoutRound:
    """A round kept in the store, with these groups (name -> person ids), in that order."""
    assert session_id is not None
    return store.breakouts.create(
        BreakoutRound(
            session_id=session_id,
            number=99,  # the store numbers rounds itself
            seed=seed,
            source=source,
            agenda_item_id=agenda_item_id,
            groups=[
                BreakoutGroup(name, members=tuple(GroupMember(p) for p in people))
                for name, people in groups.items()
            ],
        )
    )


def members(round_: BreakoutRound) -> dict[str, list[int]]:
    return {g.name: [m.person_id for m in g.members] for g in round_.groups}


def member(round_: BreakoutRound, person_id: int) -> GroupMember:
    [found] = [m for g in round_.groups for m in g.members if m.person_id == person_id]
    return found


def count_rows(store: Store, table: str, where: str, params: list[object]) -> int:
    return int(
        store.db.execute(f"SELECT count(*) FROM {table} WHERE {where}", params).fetchone()[0]
    )


@pytest.fixture
def six(add_person: Callable[..., Person]) -> list[int]:
    """Six people in the people bank, by id."""
    names = [
        ("Farah Khan", Role.LIVED_EXPERIENCE),
        ("Eileen Shaw", Role.CARER),
        ("Tom Reid", Role.STAFF),
        ("Priya Nair", Role.LIVED_EXPERIENCE),
        ("Gareth Lewis", Role.COMMISSIONER),
        ("Ada Obi", Role.CARER),
    ]
    ids = [add_person(name, role).id for name, role in names]
    assert all(i is not None for i in ids)
    return ids  # type: ignore[return-value]


# --- rounds ----------------------------------------------------------------


def test_rounds_are_numbered_one_two_within_each_session(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    first, other = add_session("Over a Brew"), add_session("Listening Space")
    one = make_round(store, first.id, {"A": six[:3], "B": six[3:]})
    two = make_round(store, first.id, {"A": six})
    elsewhere = make_round(store, other.id, {"A": six[:2]})
    assert (one.number, two.number, elsewhere.number) == (1, 2, 1)
    assert [r.number for r in store.breakouts.rounds(first.id)] == [1, 2]
    assert [r.id for r in store.breakouts.rounds(other.id)] == [elsewhere.id]


def test_a_round_reads_back_with_its_groups_and_members_in_order(
    store: Store, session_with_agenda: SessionAgenda, six: list[int]
) -> None:
    session, agenda = session_with_agenda
    made = make_round(
        store,
        session.id,
        {"Blue table": [six[4], six[0], six[2]], "Garden room": [six[5], six[1]], "Empty": []},
        seed=4242,
        source=GroupSource.ARRIVED,
        agenda_item_id=agenda[1].id,
    )
    assert made.id is not None
    again = store.breakouts.get(made.id)
    assert again == made
    assert [g.name for g in again.groups] == ["Blue table", "Garden room", "Empty"]
    assert [g.position for g in again.groups] == [0, 1, 2]
    assert members(again) == {
        "Blue table": [six[4], six[0], six[2]],
        "Garden room": [six[5], six[1]],
        "Empty": [],
    }
    assert (again.seed, again.source, again.agenda_item_id) == (
        4242,
        GroupSource.ARRIVED,
        agenda[1].id,
    )
    assert all(
        not m.pinned and m.placed is Placement.BALANCED for g in again.groups for m in g.members
    )
    group = again.group_of(six[1])
    assert group is not None and group.name == "Garden room"
    assert again.group_of(six[3]) is None


def test_a_round_for_a_deleted_session_is_refused(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    session = add_session()
    assert session.id is not None
    store.sessions.delete(session.id)
    with pytest.raises(NotFound) as refused:
        make_round(store, session.id, {"A": six})
    assert str(refused.value) == "That session has been deleted."
    assert count_rows(store, "breakout_rounds", "1", []) == 0


def test_place_all_replaces_everyone_and_the_seed_in_one_go(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    session = add_session()
    made = make_round(store, session.id, {"A": six[:3], "B": six[3:]}, seed=1)
    assert made.id is not None
    a, b = (g.id for g in made.groups)
    assert a is not None and b is not None
    placed = store.breakouts.place_all(
        made.id,
        2,
        {
            a: [GroupMember(six[5]), GroupMember(six[0], True, Placement.MOVED)],
            b: [
                GroupMember(six[1]),
                GroupMember(six[2]),
                GroupMember(six[3], True, Placement.SAVED),
            ],
        },
    )
    assert placed.seed == 2
    assert members(placed) == {"A": [six[5], six[0]], "B": [six[1], six[2], six[3]]}
    assert member(placed, six[0]) == GroupMember(six[0], True, Placement.MOVED)
    assert member(placed, six[3]) == GroupMember(six[3], True, Placement.SAVED)
    assert placed.group_of(six[4]) is None  # left out of the new balancing: gone from the round
    assert store.breakouts.get(made.id) == placed


def test_place_all_that_fails_half_way_changes_nothing(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    session = add_session()
    made = make_round(store, session.id, {"A": six[:3], "B": six[3:]}, seed=1)
    assert made.id is not None
    a, b = (g.id for g in made.groups)
    assert a is not None and b is not None
    with pytest.raises(sqlite3.IntegrityError):
        # Someone placed twice: the second group's write is refused.
        store.breakouts.place_all(made.id, 2, {a: [GroupMember(six[0])], b: [GroupMember(six[0])]})
    assert store.breakouts.get(made.id) == made


def test_moving_someone_pins_them_where_they_were_put(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    session = add_session()
    made = make_round(store, session.id, {"A": six[:3], "B": six[3:]})
    assert made.id is not None
    b = made.groups[1].id
    assert b is not None
    store.breakouts.move(made.id, six[0], b)
    moved = store.breakouts.get(made.id)
    assert members(moved) == {"A": six[1:3], "B": [*six[3:], six[0]]}
    assert member(moved, six[0]) == GroupMember(six[0], True, Placement.MOVED)
    assert member(moved, six[1]) == GroupMember(six[1], False, Placement.BALANCED)


def test_moving_into_a_group_of_another_round_is_refused_in_words(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    session = add_session()
    first = make_round(store, session.id, {"A": six[:3], "B": six[3:]})
    second = make_round(store, session.id, {"C": six[:3], "D": six[3:]})
    assert first.id is not None
    other_group = second.groups[1].id
    assert other_group is not None
    with pytest.raises(NotFound) as refused:
        store.breakouts.move(first.id, six[0], other_group)
    plain_sentence(str(refused.value))
    assert "group" in str(refused.value)
    assert store.breakouts.get(first.id) == first
    assert store.breakouts.rounds(session.id)[1] == second


def test_pinning_and_unpinning_someone(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    session = add_session()
    made = make_round(store, session.id, {"A": six[:3], "B": six[3:]})
    assert made.id is not None
    store.breakouts.set_pinned(made.id, six[4], True)
    assert member(store.breakouts.get(made.id), six[4]).pinned
    assert not member(store.breakouts.get(made.id), six[3]).pinned
    store.breakouts.set_pinned(made.id, six[4], False)
    assert not member(store.breakouts.get(made.id), six[4]).pinned


def test_pinning_someone_not_in_the_round_is_refused_in_words(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    session = add_session()
    made = make_round(store, session.id, {"A": six[:3], "B": six[3:5]})
    assert made.id is not None
    with pytest.raises(NotFound) as refused:
        store.breakouts.set_pinned(made.id, six[5], True)
    assert str(refused.value) == "That person is no longer in a group in this round."
    assert store.breakouts.get(made.id) == made


def test_a_group_keeps_its_name_place_facilitator_facilities_and_lock(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    session = add_session()
    made = make_round(store, session.id, {"Group 1": six[:3], "Group 2": six[3:]})
    assert made.id is not None
    group = made.groups[0]
    store.breakouts.update_group(
        replace(
            group,
            name="  Blue table ",
            place=" Garden room",
            facilitator="Tom Reid  ",
            facilities=frozenset({Need.STEP_FREE, Need.HEARING_LOOP}),
            locked=True,
            members=(),  # members are not changed this way
        )
    )
    changed = store.breakouts.get(made.id).groups[0]
    assert (changed.name, changed.place, changed.facilitator) == (
        "Blue table",
        "Garden room",
        "Tom Reid",
    )
    assert changed.facilities == {Need.STEP_FREE, Need.HEARING_LOOP}
    assert changed.locked
    assert [m.person_id for m in changed.members] == six[:3]
    assert store.breakouts.get(made.id).groups[1] == made.groups[1]

    store.breakouts.update_group(
        replace(changed, facilities=frozenset({Need.HEARING_LOOP}), locked=False)
    )
    again = store.breakouts.get(made.id).groups[0]
    assert again.facilities == {Need.HEARING_LOOP}
    assert not again.locked
    assert again.name == "Blue table"


def test_changing_a_deleted_group_is_refused(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    session = add_session()
    made = make_round(store, session.id, {"A": six})
    assert made.id is not None
    store.breakouts.delete(made.id)
    with pytest.raises(NotFound) as refused:
        store.breakouts.update_group(replace(made.groups[0], name="Blue table"))
    assert str(refused.value) == "That breakout group has been deleted."


def test_deleting_a_round_removes_its_groups_and_keeps_their_notes(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    session = add_session()
    assert session.id is not None
    gone = make_round(store, session.id, {"A": six[:3], "B": six[3:]})
    kept = make_round(store, session.id, {"C": six})
    assert gone.id is not None and kept.id is not None
    heard = store.notes.save(
        Note(session.id, "The bus stops too far away.", breakout_group_id=gone.groups[1].id)
    )
    assert heard is not None and heard.id is not None
    assert store.breakouts.note_counts(gone.id) == {gone.groups[1].id: 1}

    store.breakouts.delete(gone.id)

    with pytest.raises(NotFound) as refused:
        store.breakouts.get(gone.id)
    assert str(refused.value) == "That round of groups has been deleted."
    assert count_rows(store, "breakout_groups", "round_id = ?", [gone.id]) == 0
    assert count_rows(store, "breakout_members", "round_id = ?", [gone.id]) == 0
    assert store.breakouts.rounds(session.id) == [kept]
    note = store.notes.get(heard.id)
    assert note.text == "The bus stops too far away."
    assert note.breakout_group_id is None
    assert store.notes.for_group(gone.groups[1].id) == []  # type: ignore[arg-type]


def test_a_note_cannot_be_put_in_another_sessions_group(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    ours, theirs = add_session("Over a Brew"), add_session("Listening Space")
    assert ours.id is not None
    made = make_round(store, theirs.id, {"A": six})
    with pytest.raises(NotFound) as refused:
        store.notes.save(Note(ours.id, "Lifts are late.", breakout_group_id=made.groups[0].id))
    plain_sentence(str(refused.value))
    assert "another session" in str(refused.value)
    assert store.notes.count(ours.id) == 0
    with pytest.raises(NotFound):
        store.notes.save(Note(ours.id, "Lifts are late.", breakout_group_id=123456))
    assert store.notes.count(ours.id) == 0


def test_notes_are_listed_by_the_group_they_were_taken_in(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    session = add_session()
    assert session.id is not None
    made = make_round(store, session.id, {"A": six[:3], "B": six[3:]})
    a, b = (g.id for g in made.groups)
    assert a is not None and b is not None
    for text, group in (
        ("First in A.", a),
        ("In B.", b),
        ("Second in A.", a),
        ("Whole room.", None),
    ):
        store.notes.save(Note(session.id, text, breakout_group_id=group))
    assert [n.text for n in store.notes.for_group(a)] == ["First in A.", "Second in A."]
    assert [n.text for n in store.notes.for_group(b)] == ["In B."]
    assert store.breakouts.note_counts(made.id) == {a: 2, b: 1}  # type: ignore[arg-type]


def test_deleting_a_session_removes_its_rounds(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    doomed, other = add_session("Over a Brew"), add_session("Listening Space")
    assert doomed.id is not None
    make_round(store, doomed.id, {"A": six[:3], "B": six[3:]})
    make_round(store, doomed.id, {"A": six})
    survivor = make_round(store, other.id, {"A": six})
    store.sessions.delete(doomed.id)
    assert store.breakouts.rounds(doomed.id) == []
    assert count_rows(store, "breakout_rounds", "session_id = ?", [doomed.id]) == 0
    assert count_rows(store, "breakout_groups", "1", []) == 1
    assert count_rows(store, "breakout_members", "1", []) == len(six)
    assert store.breakouts.rounds(other.id) == [survivor]


# --- keeping people together or apart ----------------------------------------


def test_a_pair_is_kept_in_order_whichever_way_round_it_is_given(
    store: Store, six: list[int]
) -> None:
    low, high = six[0], six[3]
    store.pairs.set(high, low, PairKind.APART)
    assert store.pairs.among([low, high]) == [(low, high, PairKind.APART)]
    row = store.db.execute("SELECT person_id, other_id FROM person_pairs").fetchone()
    assert tuple(row) == (low, high)


def test_a_second_wish_about_the_same_two_replaces_the_first(store: Store, six: list[int]) -> None:
    store.pairs.set(six[0], six[1], PairKind.APART)
    store.pairs.set(six[1], six[0], PairKind.TOGETHER)
    assert store.pairs.among(six) == [(six[0], six[1], PairKind.TOGETHER)]
    assert count_rows(store, "person_pairs", "1", []) == 1


def test_forgetting_a_wish_removes_it(store: Store, six: list[int]) -> None:
    store.pairs.set(six[0], six[1], PairKind.APART)
    store.pairs.set(six[2], six[3], PairKind.TOGETHER)
    assert store.pairs.forget(six[1], six[0]) is True
    assert store.pairs.forget(six[0], six[1]) is False
    assert store.pairs.among(six) == [(six[2], six[3], PairKind.TOGETHER)]


def test_among_only_gives_wishes_between_people_in_the_set(store: Store, six: list[int]) -> None:
    store.pairs.set(six[0], six[1], PairKind.APART)
    store.pairs.set(six[1], six[2], PairKind.TOGETHER)
    store.pairs.set(six[3], six[4], PairKind.APART)
    assert store.pairs.among({six[0], six[1], six[4]}) == [(six[0], six[1], PairKind.APART)]
    assert store.pairs.among([six[1], six[2], six[3]]) == [(six[1], six[2], PairKind.TOGETHER)]
    assert store.pairs.among([six[0]]) == []
    assert store.pairs.among([]) == []


def test_a_wish_about_someone_and_themselves_is_refused_in_words(
    store: Store, six: list[int]
) -> None:
    with pytest.raises(ValidationError) as refused:
        store.pairs.set(six[0], six[0], PairKind.APART)
    plain_sentence(str(refused.value))
    assert store.pairs.among(six) == []


def test_a_wish_about_someone_not_in_the_people_bank_is_refused(
    store: Store, six: list[int]
) -> None:
    with pytest.raises(NotFound) as refused:
        store.pairs.set(six[0], 987654, PairKind.TOGETHER)
    assert str(refused.value) == "That person is no longer in the people bank."
    assert store.pairs.among([six[0], 987654]) == []


# --- saved splits ----------------------------------------------------------


def test_saved_splits_are_listed_for_their_own_project_newest_first(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    letters = add_session("Clearer letters", project_name="Clearer letters")
    voice = add_session("Steering group", project_name="Our Voice")
    loose = add_session("Over a Brew")
    assert letters.id is not None and voice.id is not None and loose.id is not None
    letters_id = store.sessions.project_id(letters.id)
    voice_id = store.sessions.project_id(voice.id)
    assert letters_id is not None and voice_id is not None
    assert store.sessions.project_id(loose.id) is None
    groups = [BreakoutGroup("A", members=(GroupMember(six[0]),))]
    store.saved_splits.save("Letters, first", letters_id, groups)
    store.saved_splits.save("Voice", voice_id, groups)
    store.saved_splits.save("Loose", None, groups)
    store.saved_splits.save("Letters, second", letters_id, groups)

    letters_splits = store.saved_splits.for_project(letters_id)
    assert [s.name for s in letters_splits] == ["Letters, second", "Letters, first"]
    assert {s.project_name for s in letters_splits} == {"Clearer letters"}
    assert [s.name for s in store.saved_splits.for_project(voice_id)] == ["Voice"]
    loose_splits = store.saved_splits.for_project(None)
    assert [s.name for s in loose_splits] == ["Loose"]
    assert loose_splits[0].project_name == ""


def test_a_saved_split_keeps_its_groups_and_brings_people_back_pinned(
    store: Store, add_session: Callable[..., Session], six: list[int]
) -> None:
    groups = [
        BreakoutGroup(
            "Blue table",
            place="Garden room",
            facilitator="Tom Reid",
            facilities=frozenset({Need.STEP_FREE}),
            locked=True,
            members=(GroupMember(six[2]), GroupMember(six[0], True, Placement.MOVED)),
            id=17,
        ),
        BreakoutGroup("Red table", members=(GroupMember(six[1]),)),
    ]
    saved = store.saved_splits.save("  Letters groups ", None, groups)
    assert saved.id is not None
    assert store.saved_splits.get(saved.id) == saved
    assert saved.name == "Letters groups"
    blue, red = saved.groups
    assert (blue.name, blue.place, blue.facilitator, blue.facilities) == (
        "Blue table",
        "Garden room",
        "Tom Reid",
        {Need.STEP_FREE},
    )
    assert blue.members == (
        GroupMember(six[2], True, Placement.SAVED),
        GroupMember(six[0], True, Placement.SAVED),
    )
    assert red.members == (GroupMember(six[1], True, Placement.SAVED),)
    assert blue.id is None  # a saved group is a pattern, not the group it was saved from
    store.saved_splits.delete(saved.id)
    with pytest.raises(NotFound) as refused:
        store.saved_splits.get(saved.id)
    assert str(refused.value) == "That saved split has been deleted."


# --- the data file ---------------------------------------------------------


def columns(db: Database, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()}


def test_a_new_file_has_the_breakout_tables_and_columns(store: Store) -> None:
    assert "m005_breakouts" in [m.name for m in migrations.applied(store.db)]
    tables = set(store.db.table_names())
    assert {
        "person_pairs",
        "breakout_rounds",
        "breakout_groups",
        "breakout_members",
        "saved_splits",
    } <= tables
    assert {"needs_step_free", "needs_hearing_loop"} <= columns(store.db, "people")
    assert "breakout_group_id" in columns(store.db, "notes")
    assert {"place", "facilitator", "step_free", "hearing_loop", "locked"} <= columns(
        store.db, "breakout_groups"
    )
    assert {"pinned", "placed"} <= columns(store.db, "breakout_members")


def test_a_persons_needs_are_kept(store: Store, add_person: Callable[..., Person]) -> None:
    wheels = add_person("Grace Okafor", needs=frozenset({Need.STEP_FREE}))
    both = add_person("Eileen Chaudhry", needs=frozenset({Need.STEP_FREE, Need.HEARING_LOOP}))
    plain = add_person("Tom Reid")
    assert wheels.id is not None and both.id is not None and plain.id is not None
    assert store.people.get(wheels.id).needs == {Need.STEP_FREE}
    assert store.people.get(both.id).needs == {Need.STEP_FREE, Need.HEARING_LOOP}
    assert store.people.get(plain.id).needs == frozenset()


def test_a_file_from_before_breakouts_is_upgraded_and_keeps_its_people(tmp_path: Path) -> None:
    path = tmp_path / "before-breakouts.db"
    db = Database(path)
    migrations.apply(db, stop_before="m005_breakouts")
    assert "breakout_rounds" not in db.table_names()
    db.execute(
        "INSERT INTO people (uid, created_at, updated_at, name, role)"
        " VALUES ('p-1', '2025-01-02T09:00:00+00:00', '2025-01-02T09:00:00+00:00',"
        " 'Eileen Shaw', 'carer')"
    )
    db.conn.commit()
    db.close()
    with Store.open(path) as store:
        assert [m.name for m in migrations.applied(store.db)] == known_names()
        [person] = store.people.named("Eileen Shaw")
        assert person.needs == frozenset()
        assert person.id is not None
        store.people.save(replace(person, needs=frozenset({Need.HEARING_LOOP})))
        assert store.people.get(person.id).needs == {Need.HEARING_LOOP}
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
