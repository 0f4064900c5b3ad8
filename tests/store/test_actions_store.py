"""Actions: what we will do, linked to what we heard, and how each one stands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from sessions.actions import (
    STILL_TO_DO,
    action_filter,
    due_in_words,
    is_overdue,
)
from sessions.errors import NotFound, ValidationError
from sessions.models import Action, ActionStatus, AgendaItem, Note, NoteKind, Session
from sessions.store import Store
from sessions.validation import action_from_form

SessionAgenda = tuple[Session, list[AgendaItem]]
TODAY = dt.date(2026, 12, 10)


def note(store: Store, session: Session, text: str) -> int:
    saved = store.notes.save(Note(session.id, text, kind=NoteKind.HEARD))
    assert saved is not None and saved.id is not None
    return saved.id


def test_an_action_answers_the_notes_it_was_linked_to(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, _ = session_with_agenda
    letters = note(store, session, "Letters are hard to read")
    phone = note(store, session, "Nobody answers the phone")
    action = store.actions.save(
        Action(
            session.id,
            "  Rewrite the assessment letter in plain English ",
            owner="Imran",
            due=dt.date(2027, 1, 15),
            note_ids=(phone, letters, phone),
        )
    )
    assert action.id is not None
    stored = store.actions.get(action.id)
    assert stored.what == "Rewrite the assessment letter in plain English"
    assert (stored.owner, stored.due, stored.status) == (
        "Imran",
        dt.date(2027, 1, 15),
        ActionStatus.OPEN,
    )
    assert stored.note_ids == (letters, phone)
    assert store.actions.answered_note_ids(session.id) == {letters, phone}

    stored.note_ids = (letters,)
    store.actions.save(stored)
    assert store.actions.get(action.id).note_ids == (letters,)
    store.notes.delete(letters)
    assert store.actions.get(action.id).note_ids == (), "a deleted note is no longer linked"


def test_an_action_cannot_answer_another_sessions_notes(
    store: Store, session_with_agenda: SessionAgenda, add_session: Callable[..., Session]
) -> None:
    session, _ = session_with_agenda
    other = add_session("Carers group")
    elsewhere = note(store, other, "Said somewhere else")
    with pytest.raises(ValidationError, match="its own session"):
        store.actions.save(Action(session.id, "Do it", note_ids=(elsewhere,)))
    assert store.actions.for_session(session.id) == [], "nothing half-saved"
    with pytest.raises(NotFound, match="has been deleted"):
        store.actions.save(Action(session.id, "Do it", note_ids=(424242,)))
    assert store.actions.for_session(session.id) == []


def test_an_action_needs_words(store: Store, session_with_agenda: SessionAgenda) -> None:
    session, _ = session_with_agenda
    with pytest.raises(ValidationError, match="Say what we will do"):
        store.actions.save(Action(session.id, "   "))


def test_status_and_outcome_change(store: Store, session_with_agenda: SessionAgenda) -> None:
    session, _ = session_with_agenda
    action = store.actions.save(Action(session.id, "Print agendas in large print"))
    assert action.id is not None
    assert store.actions.set_status(action.id, ActionStatus.IN_PROGRESS).status == (
        ActionStatus.IN_PROGRESS
    )
    action = store.actions.get(action.id)
    action.status = ActionStatus.DONE
    action.outcome = "Large print agendas at every session since January."
    store.actions.save(action)
    done = store.actions.get(action.id)
    assert done.status is ActionStatus.DONE
    assert done.outcome == "Large print agendas at every session since January."
    store.actions.delete(action.id)
    with pytest.raises(NotFound, match="That action has been deleted"):
        store.actions.set_status(action.id, ActionStatus.OPEN)


def test_actions_are_listed_soonest_due_first_with_their_session(
    store: Store, add_session: Callable[..., Session]
) -> None:
    brew = add_session("Over a Brew", date=dt.date(2026, 11, 1))
    board = add_session("Partnership Board", date=dt.date(2026, 11, 20))
    for session, what, due, status in [
        (brew, "No date yet", None, ActionStatus.OPEN),
        (board, "Later", dt.date(2027, 2, 1), ActionStatus.OPEN),
        (brew, "Sooner", dt.date(2026, 12, 1), ActionStatus.IN_PROGRESS),
        (board, "Finished", dt.date(2026, 11, 30), ActionStatus.DONE),
        (brew, "Given up", dt.date(2026, 12, 20), ActionStatus.DROPPED),
    ]:
        store.actions.save(Action(session.id, what, due=due, status=status))
    assert [a.what for a in store.actions.all()] == [
        "Finished",
        "Sooner",
        "Given up",
        "Later",
        "No date yet",
    ]
    assert [a.what for a in store.actions.all(STILL_TO_DO)] == ["Sooner", "Later", "No date yet"]
    lines = store.actions.lines(action_filter("done").statuses)
    assert [(line.action.what, line.session_title) for line in lines] == [
        ("Finished", "Partnership Board")
    ]
    assert lines[0].session_label == "Partnership Board, Fri 20 Nov 2026"
    assert [a.what for a in store.actions.for_session(brew.id)] == [
        "No date yet",
        "Sooner",
        "Given up",
    ]


def test_overdue_means_still_to_do_and_past_its_day(
    store: Store, add_session: Callable[..., Session]
) -> None:
    session = add_session()
    for what, due, status in [
        ("Late and open", dt.date(2026, 12, 1), ActionStatus.OPEN),
        ("Late but done", dt.date(2026, 11, 1), ActionStatus.DONE),
        ("Late and started", dt.date(2026, 11, 20), ActionStatus.IN_PROGRESS),
        ("Due today", TODAY, ActionStatus.OPEN),
        ("No date", None, ActionStatus.OPEN),
    ]:
        store.actions.save(Action(session.id, what, due=due, status=status))
    overdue = store.actions.overdue(TODAY)
    assert [a.what for a in overdue] == ["Late and started", "Late and open"]
    assert all(is_overdue(a, TODAY) for a in overdue)
    on_time = [a for a in store.actions.all() if a.id not in {o.id for o in overdue}]
    assert [a.what for a in on_time if is_overdue(a, TODAY)] == []
    assert len(on_time) == 3


@pytest.mark.parametrize(
    ("due", "status", "words"),
    [
        (None, ActionStatus.OPEN, "No date"),
        (TODAY - dt.timedelta(days=1), ActionStatus.OPEN, "Overdue by 1 day"),
        (TODAY - dt.timedelta(days=3), ActionStatus.IN_PROGRESS, "Overdue by 3 days"),
        (TODAY - dt.timedelta(days=21), ActionStatus.OPEN, "Overdue by 3 weeks"),
        (TODAY - dt.timedelta(days=100), ActionStatus.OPEN, "Overdue by 3 months"),
        (TODAY, ActionStatus.OPEN, "Due today"),
        (TODAY + dt.timedelta(days=1), ActionStatus.OPEN, "Due tomorrow"),
        (TODAY + dt.timedelta(days=9), ActionStatus.OPEN, "Due in 9 days"),
        (TODAY - dt.timedelta(days=3), ActionStatus.DONE, "Was due Mon 7 Dec 2026"),
    ],
)
def test_due_dates_in_words(due: dt.date | None, status: ActionStatus, words: str) -> None:
    assert due_in_words(Action(1, "Something", due=due, status=status), TODAY) == words


def test_the_action_form_reads_dates_and_says_what_is_wrong() -> None:
    action = action_from_form(
        {"what": "Ring Rosa", "owner": "Jo", "due": "tomorrow", "note_ids": [4, 2]},
        session_id=7,
        today=TODAY,
    )
    assert (action.due, action.note_ids, action.status) == (
        TODAY + dt.timedelta(days=1),
        (4, 2),
        ActionStatus.OPEN,
    )
    assert action_from_form({"what": "Ring Rosa", "due": ""}, session_id=7, today=TODAY).due is None
    with pytest.raises(ValidationError) as wrong:
        action_from_form({"what": "", "due": "31/2/2027"}, session_id=7, today=TODAY)
    assert wrong.value.problems == {
        "what": "Say what we will do.",
        "due": "February 2027 has 28 days. Check the date.",
    }
