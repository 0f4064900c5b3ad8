"""Editing a session's agenda: order kept, positions tidy, every change all or nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sessions.errors import NotFound, ValidationError
from sessions.models import AgendaItem, AgendaKind, Session
from sessions.store import Store

SessionAgenda = tuple[Session, list[AgendaItem]]


def titles(store: Store, session: Session) -> list[str]:
    assert session.id is not None
    agenda = store.agenda.items(session.id)
    assert [item.position for item in agenda] == list(range(len(agenda))), (
        "positions are always 0, 1, 2, ... with no gaps or repeats"
    )
    assert all(item.session_id == session.id for item in agenda)
    return [item.title for item in agenda]


def by_title(store: Store, session: Session, title: str) -> AgendaItem:
    assert session.id is not None
    return next(item for item in store.agenda.items(session.id) if item.title == title)


# --- adding ----------------------------------------------------------------


def test_items_are_added_at_the_end(store: Store, add_session: Callable[..., Session]) -> None:
    session = add_session()
    assert session.id is not None
    first = store.agenda.add(session.id, AgendaItem("Welcome", 15, AgendaKind.WELCOME))
    store.agenda.add(session.id, AgendaItem("Talk", 45))
    store.agenda.add(session.id, AgendaItem("Close", 10, AgendaKind.CLOSE))
    assert titles(store, session) == ["Welcome", "Talk", "Close"]
    assert first.id is not None and first.session_id == session.id
    assert store.agenda.get(first.id) == first


def test_an_item_added_after_another_goes_just_after_it(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    welcome = agenda[0]
    added = store.agenda.add(session.id, AgendaItem("Icebreaker", 10), after_id=welcome.id)
    assert added.position == 1
    assert titles(store, session) == ["Welcome", "Icebreaker", "Talk", "Break", "Close"]


def test_an_item_added_after_the_last_goes_at_the_end(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    store.agenda.add(session.id, AgendaItem("Tidy up", 5), after_id=agenda[-1].id)
    assert titles(store, session) == ["Welcome", "Talk", "Break", "Close", "Tidy up"]


def test_adding_keeps_every_detail(store: Store, session_with_agenda: SessionAgenda) -> None:
    session, _ = session_with_agenda
    item = AgendaItem("Feedback", 20, AgendaKind.FEEDBACK, lead="Each table", notes="Two each.")
    added = store.agenda.add(session.id, item)
    assert (added.title, added.minutes, added.kind, added.lead, added.notes) == (
        "Feedback",
        20,
        AgendaKind.FEEDBACK,
        "Each table",
        "Two each.",
    )


@pytest.mark.parametrize(
    ("item", "field"),
    [
        (AgendaItem("", 10), "title"),
        (AgendaItem("Talk", 0), "minutes"),
        (AgendaItem("Talk", 601), "minutes"),
        (AgendaItem("Talk", 10, lead="x" * 101), "lead"),
    ],
)
def test_a_wrong_item_is_refused_and_nothing_moves(
    store: Store, session_with_agenda: SessionAgenda, item: AgendaItem, field: str
) -> None:
    session, agenda = session_with_agenda
    with pytest.raises(ValidationError) as caught:
        store.agenda.add(session.id, item, after_id=agenda[0].id)
    assert set(caught.value.problems) == {field}
    assert store.agenda.items(session.id) == agenda


def test_adding_after_an_item_that_has_gone(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    with pytest.raises(NotFound) as caught:
        store.agenda.add(session.id, AgendaItem("Talk", 10), after_id=404)
    assert str(caught.value) == "That agenda item has been deleted."
    assert store.agenda.items(session.id) == agenda


def test_a_failure_while_adding_in_the_middle_moves_nothing(
    store: Store, session_with_agenda: SessionAgenda, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, agenda = session_with_agenda

    def fail(*args: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store.agenda, "_insert_item", fail)
    with pytest.raises(RuntimeError):
        store.agenda.add(session.id, AgendaItem("Icebreaker", 10), after_id=agenda[0].id)
    assert store.agenda.items(session.id) == agenda


# --- changing --------------------------------------------------------------


def test_changing_an_item_keeps_its_place(store: Store, session_with_agenda: SessionAgenda) -> None:
    session, agenda = session_with_agenda
    talk = agenda[1]
    talk.title, talk.minutes = "What works well", 30
    changed = store.agenda.update(talk)
    assert (changed.title, changed.minutes, changed.position) == ("What works well", 30, 1)
    assert titles(store, session) == ["Welcome", "What works well", "Break", "Close"]


def test_a_wrong_change_is_refused(store: Store, session_with_agenda: SessionAgenda) -> None:
    session, agenda = session_with_agenda
    talk = store.agenda.get(agenda[1].id)
    talk.minutes = 0
    with pytest.raises(ValidationError) as caught:
        store.agenda.update(talk)
    assert set(caught.value.problems) == {"minutes"}
    assert store.agenda.items(session.id) == agenda


# --- moving ----------------------------------------------------------------


def test_moving_up_and_down_swaps_with_the_neighbour(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    welcome, talk, brk, _close = agenda
    assert store.agenda.move(brk.id, -1) is True
    assert titles(store, session) == ["Welcome", "Break", "Talk", "Close"]
    assert store.agenda.move(welcome.id, 1) is True
    assert titles(store, session) == ["Break", "Welcome", "Talk", "Close"]
    assert store.agenda.move(talk.id, 1) is True
    assert titles(store, session) == ["Break", "Welcome", "Close", "Talk"]


def test_moving_past_either_end_does_nothing(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    assert store.agenda.move(agenda[0].id, -1) is False
    assert store.agenda.move(agenda[-1].id, 1) is False
    assert store.agenda.items(session.id) == agenda


def test_a_failure_while_moving_leaves_the_order_alone(
    store: Store, session_with_agenda: SessionAgenda, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, agenda = session_with_agenda
    real_update_row = store.agenda.update_row
    calls = []

    def fail_second(table: str, row_id: int, values: dict) -> None:
        calls.append(row_id)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        real_update_row(table, row_id, values)

    monkeypatch.setattr(store.agenda, "update_row", fail_second)
    with pytest.raises(RuntimeError):
        store.agenda.move(agenda[1].id, 1)
    assert store.agenda.items(session.id) == agenda


def test_moving_only_affects_its_own_session(
    store: Store, session_with_agenda: SessionAgenda, add_session: Callable[..., Session]
) -> None:
    session, agenda = session_with_agenda
    other = add_session("Other")
    assert other.id is not None
    store.agenda.add(other.id, AgendaItem("Elsewhere", 10))
    store.agenda.add(other.id, AgendaItem("Elsewhere too", 10))
    store.agenda.move(agenda[0].id, 1)
    assert titles(store, other) == ["Elsewhere", "Elsewhere too"]
    assert titles(store, session) == ["Talk", "Welcome", "Break", "Close"]


# --- duplicating and deleting ----------------------------------------------


def test_duplicate_places_a_copy_just_after(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    talk = agenda[1]
    copy = store.agenda.duplicate(talk.id)
    assert copy.id != talk.id
    assert copy.position == talk.position + 1
    assert (copy.title, copy.minutes, copy.kind, copy.lead, copy.notes) == (
        talk.title,
        talk.minutes,
        talk.kind,
        talk.lead,
        talk.notes,
    )
    assert titles(store, session) == ["Welcome", "Talk", "Talk", "Break", "Close"]
    assert store.agenda.get(talk.id).position == 1, "the original stays where it was"


def test_duplicate_the_last_item(store: Store, session_with_agenda: SessionAgenda) -> None:
    session, agenda = session_with_agenda
    store.agenda.duplicate(agenda[-1].id)
    assert titles(store, session) == ["Welcome", "Talk", "Break", "Close", "Close"]


@pytest.mark.parametrize(
    ("index", "left"),
    [
        (0, ["Talk", "Break", "Close"]),
        (2, ["Welcome", "Talk", "Close"]),
        (3, ["Welcome", "Talk", "Break"]),
    ],
)
def test_delete_closes_the_gap(
    store: Store, session_with_agenda: SessionAgenda, index: int, left: list[str]
) -> None:
    session, agenda = session_with_agenda
    store.agenda.delete(agenda[index].id)
    assert titles(store, session) == left
    with pytest.raises(NotFound):
        store.agenda.get(agenda[index].id)


def test_delete_then_add_and_move_still_work(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    store.agenda.delete(agenda[1].id)
    store.agenda.add(session.id, AgendaItem("Feedback", 20))
    store.agenda.move(by_title(store, session, "Feedback").id, -1)
    assert titles(store, session) == ["Welcome", "Break", "Feedback", "Close"]


def test_deleting_an_item_that_has_gone(store: Store, session_with_agenda: SessionAgenda) -> None:
    session, agenda = session_with_agenda
    store.agenda.delete(agenda[0].id)
    with pytest.raises(NotFound):
        store.agenda.delete(agenda[0].id)
    assert titles(store, session) == ["Talk", "Break", "Close"]


# --- replacing the whole agenda --------------------------------------------


def test_replace_all_sets_the_whole_agenda(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, _ = session_with_agenda
    store.agenda.replace_all(
        session.id,
        [AgendaItem("Hello", 5, AgendaKind.WELCOME), AgendaItem("Goodbye", 5, AgendaKind.CLOSE)],
    )
    assert titles(store, session) == ["Hello", "Goodbye"]
    store.agenda.replace_all(session.id, [])
    assert titles(store, session) == []


def test_replace_all_with_one_wrong_item_keeps_the_old_agenda(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    with pytest.raises(ValidationError) as caught:
        store.agenda.replace_all(
            session.id, [AgendaItem("Hello", 5), AgendaItem("Too long", 601), AgendaItem("Bye", 5)]
        )
    assert set(caught.value.problems) == {"minutes"}
    assert store.agenda.items(session.id) == agenda


def test_a_failure_half_way_through_replace_all_keeps_the_old_agenda(
    store: Store, session_with_agenda: SessionAgenda, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, agenda = session_with_agenda
    real_insert = store.agenda._insert_item
    calls = []

    def fail_second(session_id: int, position: int, item: AgendaItem) -> int:
        calls.append(item.title)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_insert(session_id, position, item)

    monkeypatch.setattr(store.agenda, "_insert_item", fail_second)
    with pytest.raises(RuntimeError):
        store.agenda.replace_all(session.id, [AgendaItem("Hello", 5), AgendaItem("Bye", 5)])
    assert calls == ["Hello", "Bye"]
    assert store.agenda.items(session.id) == agenda


def test_replace_all_leaves_other_sessions_alone(
    store: Store, session_with_agenda: SessionAgenda, add_session: Callable[..., Session]
) -> None:
    session, agenda = session_with_agenda
    other = add_session("Other")
    assert other.id is not None
    store.agenda.replace_all(other.id, [AgendaItem("Elsewhere", 10)])
    assert store.agenda.items(session.id) == agenda
    assert titles(store, other) == ["Elsewhere"]
