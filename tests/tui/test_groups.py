"""The Groups tab from the keyboard: making groups, moving someone, locking, balancing
again, notes per group and the breakout call on the Run tab."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static

from facilitator.screens.chooser import ChoiceScreen
from facilitator.screens.group_forms import GroupForm, MakeGroupsForm
from facilitator.screens.note_editor import NoteEditor
from facilitator.screens.session import SessionScreen
from facilitator.widgets.groups_panel import GroupsPanel, GroupsTable, MembersTable
from facilitator.widgets.run_panel import RunPanel
from sessions.models import AgendaKind, Need, Placement
from sessions.store import Store
from support import NOW, FakeClock, column, fill, make_app, type_text, wait_for

SIZE = (130, 40)


def todays_session_id(store: Store) -> int:
    return next(s.id for s in store.sessions.overview() if s.title == "Getting out and about")


def shown(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def told(pilot: Pilot[None], words: str) -> bool:
    return any(words in str(n.message) for n in pilot.app._notifications)


async def open_groups(pilot: Pilot[None]) -> GroupsPanel:
    await pilot.press("enter")  # today's session is highlighted first
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    await pilot.press("f6")
    await pilot.pause()
    return pilot.app.screen.query_one(GroupsPanel)


async def make_groups(pilot: Pilot[None], count: int) -> None:
    await pilot.press("g")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, MakeGroupsForm))
    await fill(pilot, "number", str(count))
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
    await pilot.pause()


def sizes(pilot: Pilot[None]) -> list[int]:
    table = pilot.app.screen.query_one(GroupsTable)
    return [int(cell) for cell in column(table, 3)]


async def test_making_groups_from_everyone_booked(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_groups(pilot)
        assert shown(pilot, "#groups-empty").startswith(
            "No breakout groups yet. Press g to make groups from everyone booked (25)."
        )
        await make_groups(pilot, 3)

        table = pilot.app.screen.query_one(GroupsTable)
        assert column(table, 0) == ["Group 1", "Group 2", "Group 3"]
        assert sum(sizes(pilot)) == 25
        assert max(sizes(pilot)) - min(sizes(pilot)) <= 1
        assert shown(pilot, "#groups-round").startswith(
            "Round 1 of 1 · for “Conversations in small groups” · from everyone booked · 3 groups"
        )
        assert told(pilot, "Made 3 groups.")
        (made,) = demo_store.breakouts.rounds(todays_session_id(demo_store))
        assert made.seed > 0
        assert sorted(len(g.members) for g in made.groups) == sorted(sizes(pilot))


async def test_moving_someone_updates_the_counts_and_says_why(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_groups(pilot)
        await make_groups(pilot, 3)
        before = sizes(pilot)
        await pilot.press("tab")  # to the people in Group 1
        members = pilot.app.screen.query_one(MembersTable)
        # Someone who comes alone, so that only they move.
        session_id = todays_session_id(demo_store)
        linked = {
            p
            for person_id in members_of(members)
            for link in demo_store.companions.of(person_id)
            for p in (link.person_id, link.companion_id)
        }
        row = next(i for i, p in enumerate(members_of(members)) if p not in linked)
        members.move_cursor(row=row)
        person_id = members.selected_id
        assert person_id is not None
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.press("2")
        await pilot.pause()

        assert sizes(pilot) == [before[0] - 1, before[1] + 1, before[2]]
        (made,) = demo_store.breakouts.rounds(session_id)
        group = made.group_of(person_id)
        assert group is not None and group.name == "Group 2"
        member = next(m for m in group.members if m.person_id == person_id)
        assert member.pinned and member.placed is Placement.MOVED
        assert "moved here by hand" in shown(pilot, "#member-detail")
        assert told(pilot, "to Group 2, pinned there when the rest are balanced again.")


def members_of(table: MembersTable) -> list[int]:
    return [int(key.value) for key in table.rows if key.value is not None]


async def test_an_interpreter_moves_with_the_person_they_sign_for(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_groups(pilot)
        await make_groups(pilot, 3)
        interpreter = next(p for p in demo_store.people.search("Bronwen Pryce"))
        (link,) = demo_store.companions.of(interpreter.id)
        signer = link.person_id
        view = panel.view
        assert view is not None
        here = view.round.group_of(signer)
        assert here is not None and view.round.group_of(interpreter.id) is here
        target = next(g for g in view.round.groups if g is not here)
        groups = pilot.app.screen.query_one(GroupsTable)
        groups.move_cursor(row=view.round.groups.index(here))
        await pilot.press("tab")
        members = pilot.app.screen.query_one(MembersTable)
        members.move_cursor(row=members_of(members).index(signer))
        await pilot.pause()
        assert "with their interpreter Bronwen Pryce" in shown(pilot, "#member-detail")
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.press(str(view.round.groups.index(target) + 1))
        await pilot.pause()

        (made,) = demo_store.breakouts.rounds(todays_session_id(demo_store))
        assert made.group_of(signer).id == target.id
        assert made.group_of(interpreter.id).id == target.id
        assert told(pilot, "(with Bronwen Pryce)")


async def test_a_locked_group_stays_as_it_is_when_the_rest_are_balanced(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_groups(pilot)
        await make_groups(pilot, 4)
        session_id = todays_session_id(demo_store)
        (first,) = demo_store.breakouts.rounds(session_id)
        kept = {m.person_id for m in first.groups[0].members}
        await pilot.press("l")
        await pilot.pause()
        assert told(pilot, "Locked Group 1: balancing again leaves it as it is.")
        assert column(pilot.app.screen.query_one(GroupsTable), 0)[0] == "Group 1 (locked)"

        others_before = [{m.person_id for m in g.members} for g in first.groups[1:]]
        await pilot.press("r")
        await pilot.pause()
        (again,) = demo_store.breakouts.rounds(session_id)
        assert {m.person_id for m in again.groups[0].members} == kept
        assert again.seed != first.seed
        assert [{m.person_id for m in g.members} for g in again.groups[1:]] != others_before
        assert told(pilot, "Balanced again without moving 1 locked group.")
        assert sum(sizes(pilot)) == 25


async def test_a_group_gets_a_place_that_is_step_free(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_groups(pilot)
        await make_groups(pilot, 3)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, GroupForm))
        await fill(pilot, "name", "Blue table")
        await fill(pilot, "place", "Garden room")
        await fill(pilot, "facilitator", "Rosa")
        pilot.app.screen.query_one("#step_free").value = True
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
        await pilot.pause()
        row = pilot.app.screen.query_one(GroupsTable).get_row_at(0)
        assert [str(c) for c in row[:3]] == ["Blue table", "Garden room", "Rosa"]
        assert "step-free" in str(row[8])
        (made,) = demo_store.breakouts.rounds(todays_session_id(demo_store))
        assert made.groups[0].facilities == frozenset({Need.STEP_FREE})


async def test_notes_taken_in_a_group_belong_to_it(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_groups(pilot)
        await make_groups(pilot, 3)
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.press("2")  # 1 is "No particular group"
        await pilot.pause()
        assert "in Group 1" in shown(pilot, "#notes-running")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, NoteEditor))
        await type_text(pilot, "More time to talk")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))

        session_id = todays_session_id(demo_store)
        (made,) = demo_store.breakouts.rounds(session_id)
        (note,) = demo_store.notes.for_group(made.groups[0].id)
        assert note.text == "More time to talk"


async def test_the_run_tab_calls_two_minutes_left_in_a_breakout(demo_store: Store) -> None:
    session_id = todays_session_id(demo_store)
    items = demo_store.agenda.items(session_id)
    breakout = next(i for i in items if i.kind is AgendaKind.BREAKOUT)
    clock = FakeClock(NOW.replace(hour=10, minute=30))
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_groups(pilot)
        await make_groups(pilot, 3)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("s")
        while pilot.app.screen.query_one(RunPanel).clock.state().current.item_id != breakout.id:
            await pilot.press("n")
        await pilot.pause()
        panel = pilot.app.screen.query_one(RunPanel)
        assert shown(pilot, "#run-breakout").startswith("Breakout: the 2-minute call comes in")
        assert "3 groups in round 1 (F6)." in shown(pilot, "#run-breakout")

        clock.advance(minutes=breakout.minutes - 2)
        panel.refresh_clock()
        await pilot.pause()
        assert shown(pilot, "#run-breakout") == (
            "2 minutes left: tell the groups it is time to wrap up."
        )
        assert told(pilot, "2 minutes left")
        assert pilot.app.screen.query_one("#run-breakout").has_class("-call")
