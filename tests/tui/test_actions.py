"""The Actions screen: every "we will" from every session, how each stands, what we did."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Select, Static, TextArea

from facilitator.screens.action_form import ActionForm
from facilitator.screens.actions import ActionsScreen, ActionsTable
from facilitator.screens.session import SessionScreen
from sessions.models import Action, ActionStatus, Note, Session, SessionKind
from sessions.store import Store
from support import TODAY, column, make_app, type_text, wait_for

WHAT, WHO, WHEN, STATUS, DID, FROM = range(6)


def add_actions(store: Store) -> dict[str, int]:
    """Two past sessions with actions in every status; returns action numbers by words."""
    board = store.sessions.save(
        Session(
            "Partnership Board",
            SessionKind.STEERING_GROUP,
            TODAY - dt.timedelta(days=30),
            dt.time(10),
            dt.time(12),
        )
    )
    brew = store.sessions.save(
        Session(
            "Over a Brew",
            SessionKind.OVER_A_BREW,
            TODAY - dt.timedelta(days=7),
            dt.time(10),
            dt.time(12),
        )
    )
    heard = store.notes.save(Note(brew.id, "Letters use words nobody understands"))
    assert heard is not None and heard.id is not None
    numbers = {}
    for session, what, owner, due_in, status, note_ids in [
        (board, "Large print agendas", "Jo", -3, ActionStatus.OPEN, ()),
        (brew, "Plain English letters", "Imran", 10, ActionStatus.IN_PROGRESS, (heard.id,)),
        (brew, "Evening sessions", "", None, ActionStatus.OPEN, ()),
        (board, "Hearing loop", "Sam", -20, ActionStatus.DONE, ()),
        (board, "New venue", "Sam", 5, ActionStatus.DROPPED, ()),
    ]:
        due = TODAY + dt.timedelta(days=due_in) if due_in is not None else None
        saved = store.actions.save(
            Action(session.id, what, owner=owner, due=due, status=status, note_ids=note_ids)
        )
        assert saved.id is not None
        numbers[what] = saved.id
    return numbers


async def open_actions(pilot) -> ActionsTable:  # type: ignore[no-untyped-def]
    await pilot.press("a")  # from the home screen
    await pilot.pause()
    assert isinstance(pilot.app.screen, ActionsScreen)
    return pilot.app.screen.query_one(ActionsTable)


def detail(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one("#actions-detail", Static).render())


async def test_actions_still_to_do_soonest_first_with_overdue_in_words(store: Store) -> None:
    add_actions(store)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_actions(pilot)
        assert column(table, WHAT) == [
            "Large print agendas",
            "Plain English letters",
            "Evening sessions",
        ]
        assert column(table, WHEN) == ["Overdue by 3 days", "Due in 10 days", "No date"]
        assert column(table, WHO) == ["Jo", "Imran", "Nobody yet"]
        assert column(table, FROM)[0].startswith("Partnership Board, ")
        summary = str(app.screen.query_one("#actions-summary", Static).render())
        assert summary.startswith("Still to do (open or in progress): 3 actions, 1 overdue.")

        await pilot.press("down")
        await pilot.pause()
        assert "You said: Letters use words nobody understands" in detail(pilot)
        assert "We did: not written yet." in detail(pilot)

        await pilot.press("f")  # all actions
        await pilot.pause()
        assert app.screen.query_one("#actions-filter", Select).value == "all"
        assert len(column(table, WHAT)) == 5
        hearing_loop = column(table, WHAT).index("Hearing loop")
        assert column(table, WHEN)[hearing_loop] == "Was due Tue 3 Nov 2026", "done: a date"


async def test_change_status_and_write_what_we_did(store: Store) -> None:
    numbers = add_actions(store)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_actions(pilot)
        await pilot.press("down")  # Plain English letters
        await pilot.press("d")
        await pilot.pause()
        letters = store.actions.get(numbers["Plain English letters"])
        assert letters.status is ActionStatus.DONE
        assert "Plain English letters" not in column(table, WHAT), "no longer still to do"

        await pilot.press("f", "f", "f", "f")  # all, open, in progress, done
        await pilot.pause()
        assert app.screen.query_one("#actions-filter", Select).value == "done"
        assert column(table, WHAT) == ["Hearing loop", "Plain English letters"]
        await pilot.press("down", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        # Done: straight to what we did.
        await wait_for(pilot, lambda: app.focused is form.query_one("#outcome", TextArea))
        await type_text(pilot, "New letter since March")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        done = store.actions.get(numbers["Plain English letters"])
        assert done.outcome == "New letter since March"
        assert done.note_ids == letters.note_ids, "editing keeps what it answers"
        assert column(table, DID)[1] == "New letter since March"
        assert "We did: New letter since March" in detail(pilot)

        await pilot.press("p")  # back to in progress: reopened
        await pilot.pause()
        assert store.actions.get(numbers["Plain English letters"]).status is (
            ActionStatus.IN_PROGRESS
        )
        assert column(table, WHAT) == ["Hearing loop"]


async def test_actions_from_the_palette_and_on_to_their_session(store: Store) -> None:
    add_actions(store)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Actions")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert store.sessions.get(app.screen.session_id).title == "Partnership Board"


async def test_find_an_action_by_its_words_from_the_palette(store: Store) -> None:
    add_actions(store)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "hearing loop")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert app.screen.query_one("#actions-filter", Select).value == "all", "done ones too"
        table = app.screen.query_one(ActionsTable)
        assert column(table, WHAT)[table.cursor_row] == "Hearing loop"
        assert "Status: Done." in detail(pilot)


async def test_no_actions_yet_says_where_to_add_them(store: Store) -> None:
    store.mark_welcomed()
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_actions(pilot)
        message = str(app.screen.query_one("#actions-none", Static).render())
        assert "Add them on a session's Notes tab (F5) with w" in message
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen), "nothing to mark, no crash"
