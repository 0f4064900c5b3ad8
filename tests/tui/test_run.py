"""Running the agenda on the Run tab with a fake clock: no sleeping, the clock is moved by hand."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Digits, Static

from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.run_proposal import ProposalScreen
from facilitator.screens.session import SessionScreen
from facilitator.widgets.run_panel import RunItemsTable, RunPanel
from sessions.store import Store
from support import NOW, FakeClock, column, make_app

SIZE = (120, 36)


def todays_session_id(store: Store) -> int:
    """'Getting out and about': today 10:30 to 12:30, an agenda of exactly 2 hours."""
    return next(s.id for s in store.sessions.overview() if s.title == "Getting out and about")


def at(hour: int, minute: int, second: int = 0) -> FakeClock:
    return FakeClock(NOW.replace(hour=hour, minute=minute, second=second))


async def open_run(pilot: Pilot[None], store: Store) -> RunPanel:
    await pilot.press("enter")  # today's session is highlighted first
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    assert pilot.app.screen.session_id == todays_session_id(store)
    await pilot.press("f4")
    await pilot.pause()
    return pilot.app.screen.query_one(RunPanel)


async def tick(pilot: Pilot[None], clock: FakeClock, **moved: float) -> None:
    """Move the clock on and let the panel read it, as its once-a-second timer does."""
    clock.advance(**moved)
    pilot.app.screen.query_one(RunPanel).refresh_clock()
    await pilot.pause()


def shown(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def remaining(pilot: Pilot[None]) -> Digits:
    return pilot.app.screen.query_one("#run-remaining", Digits)


def told(pilot: Pilot[None], words: str) -> bool:
    return any(words in str(n.message) for n in pilot.app._notifications)


async def test_the_clock_runs_across_items_with_cues(demo_store: Store) -> None:
    clock = at(10, 28)
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_run(pilot, demo_store)
        assert shown(pilot, "#run-title") == "First: Welcome, tea and coffee"
        assert shown(pilot, "#run-schedule") == (
            "Planned to start at 10:30, in 2 min; to finish at 12:30."
        )

        await pilot.press("n")
        assert told(pilot, "The session has not started yet: press s to start it.")

        clock.advance(minutes=3)
        await pilot.press("s")
        await pilot.pause()
        assert shown(pilot, "#run-title") == "Welcome, tea and coffee"
        assert remaining(pilot).value == "15:00"
        assert shown(pilot, "#run-next") == (
            "Next: Introductions and how we talk to each other (10 min)"
        )
        assert shown(pilot, "#run-started") == "Started at 10:31, 1 min late."

        await tick(pilot, clock, minutes=12)
        assert remaining(pilot).value == "3:00"
        assert remaining(pilot).has_class("-amber")
        assert shown(pilot, "#run-time-words") == "3 min left of 15 min"

        await tick(pilot, clock, minutes=2, seconds=30)
        assert remaining(pilot).value == "0:30"
        assert remaining(pilot).has_class("-red") and not remaining(pilot).has_class("-amber")

        await tick(pilot, clock, minutes=3)
        assert remaining(pilot).value == "-2:30"
        assert remaining(pilot).has_class("-over")
        assert shown(pilot, "#run-time-words") == "Over by 2 min"
        assert shown(pilot, "#run-schedule") == (
            "Running 4 min behind: due to finish at 12:34 instead of 12:30."
        )

        await pilot.press("n")
        await pilot.pause()
        assert shown(pilot, "#run-title") == "Introductions and how we talk to each other"
        assert remaining(pilot).value == "10:00"
        assert not remaining(pilot).has_class("-over")
        await pilot.press("plus")
        await pilot.pause()
        assert shown(pilot, "#run-time-words") == "11 min left of 11 min"

        table = app.screen.query_one(RunItemsTable)
        assert column(table, 3)[0] == "10:31–10:48 (17 min)"
        assert column(table, 4)[:3] == ["done", "now", "to come"]
        assert column(table, 2)[1] == "11 (+1)"


async def test_pause_skip_go_back_and_finish(demo_store: Store) -> None:
    clock = at(10, 30)
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_run(pilot, demo_store)
        await pilot.press("s")
        await tick(pilot, clock, minutes=4)
        await pilot.press("space")
        await tick(pilot, clock, minutes=6)
        assert panel.query_one("#run-now").border_title == "Paused"
        assert remaining(pilot).value == "11:00", "the item's time stands still in a pause"
        assert shown(pilot, "#run-started").endswith("Paused since 10:34 (6 min).")
        assert shown(pilot, "#run-schedule").startswith("Running 6 min behind")

        await pilot.press("n")
        assert told(pilot, "paused for a break: press space to carry on first")
        await pilot.press("space")
        await pilot.pause()
        assert panel.query_one("#run-now").border_title == "Now"

        await pilot.press("n", "k")  # skip the introductions
        await pilot.pause()
        assert shown(pilot, "#run-title") == "Today's theme"
        table = app.screen.query_one(RunItemsTable)
        assert column(table, 4)[:3] == ["done", "skipped", "now"]

        await pilot.press("p")  # change of mind: do them after all
        await pilot.pause()
        assert shown(pilot, "#run-title") == "Introductions and how we talk to each other"
        assert column(table, 4)[:3] == ["done", "now", "to come"]

        await tick(pilot, clock, minutes=5)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert panel.query_one("#run-now").border_title == "Now", "going back keeps it running"

        await pilot.press("f")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert panel.query_one("#run-now").border_title == "Finished"
        assert shown(pilot, "#run-schedule") == (
            "Finished at 10:45, 1 h 45 min earlier than planned (planned 12:30)."
        )
        assert column(table, 4) == ["done", "done", "done", *["not reached"] * 4]
        await pilot.press("n")
        assert told(pilot, "The session has finished.")


async def test_the_clock_resumes_after_closing_and_reopening(
    demo_store: Store, db_path: Path
) -> None:
    clock = at(10, 30)
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_run(pilot, demo_store)
        await pilot.press("s")
        clock.advance(minutes=15)
        await pilot.press("n")
        await tick(pilot, clock, minutes=4)
        await pilot.press("ctrl+q")

    clock.advance(minutes=2)  # the laptop was closed for two minutes
    with Store.open(db_path) as reopened:
        app = make_app(reopened, clock)
        async with app.run_test(size=SIZE) as pilot:
            await open_run(pilot, reopened)
            assert shown(pilot, "#run-title") == "Introductions and how we talk to each other"
            assert remaining(pilot).value == "4:00"
            assert shown(pilot, "#run-started") == "Started at 10:30, on time."
            table = app.screen.query_one(RunItemsTable)
            assert column(table, 3)[:2] == ["10:30–10:45 (15 min)", "10:45–now (6 min)"]


async def test_catching_up_shares_the_overrun_for_this_run(
    demo_store: Store,
) -> None:
    clock = at(10, 30)
    app = make_app(demo_store, clock)
    session_id = todays_session_id(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_run(pilot, demo_store)
        await pilot.press("b")
        assert told(pilot, "There is nothing to catch up.")

        await pilot.press("s")
        await tick(pilot, clock, minutes=25)  # the welcome runs 10 minutes over
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ProposalScreen)
        changes = str(app.screen.query_one("#proposal-changes", Static).render())
        assert changes.splitlines() == [
            "Introductions and how we talk to each other 10 → 9 min",
            "Today's theme 10 → 9 min",
            "Conversations in small groups 35 → 30 min",
            "What we heard 25 → 22 min",
        ]
        kept = str(app.screen.query_one("#proposal-kept", Static).render())
        assert kept == "Kept as planned: Break, What happens next, and close."

        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        minutes = [item.minutes for item in demo_store.agenda.items(session_id)]
        assert minutes == [15, 10, 10, 35, 10, 25, 15], "the agreed plan is kept"
        assert shown(pilot, "#run-schedule") == "On time: due to finish at 12:30."
        assert told(pilot, "New timings for this run.")


async def test_ignoring_a_proposal_leaves_the_agenda(demo_store: Store) -> None:
    clock = at(10, 40)
    app = make_app(demo_store, clock)
    session_id = todays_session_id(demo_store)
    before = [item.minutes for item in demo_store.agenda.items(session_id)]
    async with app.run_test(size=SIZE) as pilot:
        await open_run(pilot, demo_store)
        assert shown(pilot, "#run-schedule").startswith("Planned to start at 10:30: 10 min late.")
        await pilot.press("b")  # late before the start: catching up works then too
        await pilot.pause()
        assert isinstance(app.screen, ProposalScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert [item.minutes for item in demo_store.agenda.items(session_id)] == before
        assert told(pilot, "The timings are as they were.")


async def test_the_timer_stops_when_the_session_screen_closes(demo_store: Store) -> None:
    app = make_app(demo_store, at(10, 30))
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_run(pilot, demo_store)
        assert panel.ticker is not None
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SessionScreen)
        assert panel.ticker is None
