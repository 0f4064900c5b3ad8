"""What the Reports screen looks like, kept so that a change in layout is seen: the
hand-made data of tests/report_examples.py, the clock fixed on 23 November 2026."""

from __future__ import annotations

from textual.pilot import Pilot

from facilitator.screens.reports import ReportsScreen
from sessions.store import Store
from support import make_app, wait_for
from tests.report_examples import fill_report_examples

SIZE = (120, 40)


async def _open_reports(pilot: Pilot[None]) -> None:
    await pilot.press("r")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ReportsScreen))
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.shown is not None)  # type: ignore[attr-defined]
    await pilot.pause()


def test_reports_screen(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    """The last six whole months for every session: the sessions by kind with bars, the
    hours and the people by role, as the report opens."""
    fill_report_examples(store)
    assert snap_compare(make_app(store), run_before=_open_reports, terminal_size=SIZE)


def test_reports_screen_further_down(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    """Reach with the same-few-voices sparkline, the actions, money by month and the
    ladder, scrolled down with page down."""
    fill_report_examples(store)

    async def scrolled(pilot: Pilot[None]) -> None:
        await _open_reports(pilot)
        await pilot.press("pagedown")
        await pilot.pause()

    assert snap_compare(make_app(store), run_before=scrolled, terminal_size=SIZE)
