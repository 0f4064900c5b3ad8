"""The app and the data file: a backup as it starts and when a session is finished,
and a data file failing while in use shown in words, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

from textual.pilot import Pilot

from facilitator.app import build_app
from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.home import HomeScreen
from facilitator.screens.session import SessionScreen
from facilitator.widgets.run_panel import RunPanel
from sessions.store import Store
from sessions.store.backups import our_backups
from support import NOW, TODAY, FakeClock

SIZE = (120, 36)


def app_for(store: Store, *, backup_on_start: bool = False):  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW.replace(hour=10, minute=30))
    return build_app(store, today=lambda: TODAY, now=clock, backup_on_start=backup_on_start)


def notices(pilot: Pilot[None]) -> list[str]:
    return [str(n.message) for n in pilot.app._notifications]


async def open_run(pilot: Pilot[None]) -> RunPanel:
    await pilot.press("enter")  # today's session is highlighted first
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    await pilot.press("f4")
    await pilot.pause()
    return pilot.app.screen.query_one(RunPanel)


async def test_a_backup_is_made_as_the_app_starts_without_holding_it_up(
    demo_store: Store, db_path: Path
) -> None:
    app = app_for(demo_store, backup_on_start=True)
    started = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        shown_after = time.perf_counter() - started
        await app.workers.wait_for_complete()
        [backup] = our_backups(db_path)
        assert notices(pilot) == [], "a backup that worked is not announced"
    assert shown_after < 5
    with Store.open(backup.path, create=False) as copy:
        assert copy.people.count() == demo_store.people.count()


async def test_tests_and_scripts_get_no_backup_unless_asked(
    demo_store: Store, db_path: Path
) -> None:
    async with app_for(demo_store).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    assert our_backups(db_path) == []


async def test_a_backup_that_cannot_be_made_says_why(demo_store: Store, db_path: Path) -> None:
    (db_path.parent / "backups").write_text("a file in the way of the backups folder")
    async with app_for(demo_store, backup_on_start=True).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        [said] = notices(pilot)
        assert said.startswith("Facilitator could not write a backup in")
        assert "The data file itself is unchanged." in said


async def test_finishing_a_session_makes_a_backup(demo_store: Store, db_path: Path) -> None:
    async with app_for(demo_store).run_test(size=SIZE) as pilot:
        panel = await open_run(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert our_backups(db_path) == []
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert panel.query_one("#run-now").border_title == "Finished"
        await pilot.app.workers.wait_for_complete()
        [backup] = our_backups(db_path)
    with Store.open(backup.path, create=False) as copy:
        kinds = [row["kind"] for row in copy.db.query("SELECT kind FROM run_events")]
    assert kinds[-1] == "finish"


async def test_a_write_failing_while_the_app_runs_is_shown_in_words(
    demo_store: Store, db_path: Path
) -> None:
    async with app_for(demo_store).run_test(size=SIZE) as pilot:
        panel = await open_run(pilot)
        db_path.rename(db_path.with_name("moved.db"))  # a helpful tidy-up in a file manager

        await pilot.press("s")
        await pilot.pause()

        assert pilot.app.is_running
        assert isinstance(pilot.app.screen, SessionScreen)
        [said] = notices(pilot)
        assert said.startswith(f"{db_path} has been moved or deleted since Facilitator opened it")
        assert "Traceback" not in said and "sqlite" not in said.lower()
        assert panel.query_one("#run-now").border_title == "Not started"

        await pilot.press("s")  # still refused, in the same words, and nothing written
        await pilot.pause()
        assert notices(pilot)[-1] == said
    db_path.with_name("moved.db").rename(db_path)
    with Store.open(db_path) as again:
        [today] = [s for s in again.sessions.overview() if s.title == "Getting out and about"]
        assert again.run_events.for_session(today.id) == []
