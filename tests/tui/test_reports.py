"""The Reports screen (r on the home screen, or Reports in the command palette): the
last six whole months first, worked out in a thread; a range typed as the app takes
dates changes the figures, one the wrong way round is refused in words; a project
chosen narrows them; w writes the Word report and says where it went.

The data and its answers are in tests/report_examples.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from facilitator.screens.home import HomeScreen
from facilitator.screens.reports import ReportsScreen, ReportTable
from sessions.store import Store
from sessions.store.settings import EXPORT_FOLDER
from support import make_app, wait_for
from tests.exports.docx_checks import assert_accessible
from tests.report_examples import CARERS, fill_report_examples

SIZE = (120, 40)


@pytest.fixture
def ids(store: Store, tmp_path: Path) -> dict[str, int]:
    store.settings.set(EXPORT_FOLDER, str(tmp_path / "exported"))
    return fill_report_examples(store)


def reports(pilot: Pilot[None]) -> ReportsScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ReportsScreen)
    return screen


async def open_reports(pilot: Pilot[None]) -> ReportsScreen:
    await pilot.press("r")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ReportsScreen))
    screen = reports(pilot)
    await wait_for(pilot, lambda: screen.shown is not None)
    return screen


def status(screen: ReportsScreen) -> str:
    return str(screen.query_one("#report-status", Static).content)


def words_of(screen: ReportsScreen, section: str) -> str:
    return str(screen.query_one(f"#report-{section} .report-words", Static).content)


def rows_of(screen: ReportsScreen, first_header: str) -> list[list[str]]:
    for table in screen.query(ReportTable):
        if table.table.headers[0] == first_header:
            return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    raise AssertionError(f"no table starts with {first_header!r}")


async def type_date(pilot: Pilot[None], which: str, text: str) -> None:
    """Focus the date box (its words are selected, so typing replaces them), type, Enter."""
    field = pilot.app.screen.query_one(f"#report-{which}", Input)
    field.focus()
    await pilot.pause()
    await pilot.press(*text, "enter")


async def test_r_opens_the_last_six_whole_months(store: Store, ids: dict[str, int]) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reports(pilot)
        assert screen.query_one("#report-from", Input).value == "Fri 1 May 2026"
        assert screen.query_one("#report-to", Input).value == "Sat 31 Oct 2026"
        assert screen.query_one("#report-project", Select).value == 0
        assert status(screen) == (
            "Progress report: 1 May to 31 October 2026. Press w to write it in Word for committee."
        )
        assert words_of(screen, "activity").startswith(
            "Between 1 May and 31 October 2026 we held 4 sessions: 1 Listening Space, 1 Over a "
            "Brew conversation and 2 project meetings."
        )
        assert rows_of(screen, "Kind of session") == [
            ["Listening Space", "1", "████████████"],
            ["Over a Brew", "1", "████████████"],
            ["Project meeting", "2", "████████████████████████"],
            ["All sessions", "4", ""],
        ]
        assert rows_of(screen, "Month")[-1] == ["In all", "£60.00", "£12.93", "2"]
        ladder = words_of(screen, f"ladder-{ids[CARERS]}")
        assert ladder.startswith("Carers Voice stands at co-design (doing with), up 2 rungs")
        assert screen.focused is screen.query_one("#report-body")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))


async def test_a_new_range_changes_the_figures(store: Store, ids: dict[str, int]) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reports(pilot)
        await pilot.press("slash")
        assert screen.focused is screen.query_one("#report-from", Input)
        await pilot.press(*"1/9/2026", "enter")
        await wait_for(pilot, lambda: screen.shown_for and screen.shown_for.start.month == 9)
        assert status(screen).startswith("Progress report: 1 September to 31 October 2026.")
        assert words_of(screen, "activity").startswith(
            "Between 1 September and 31 October 2026 we held 1 project meeting. The session "
            "ran for 2 hours, and people took part for 6 hours in all."
        )
        assert words_of(screen, "reach").startswith(
            "3 people took part, none of them for the first time."
        )
        assert rows_of(screen, "Kind of session")[-1] == ["All sessions", "1", ""]
        assert screen.focused is screen.query_one("#report-body")  # Enter went back to it


async def test_a_range_the_wrong_way_round_is_refused_in_words(
    store: Store, ids: dict[str, int]
) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reports(pilot)
        await type_date(pilot, "to", "1 Apr 2026")
        assert status(screen) == (
            "The report would end on 1 April 2026, before it starts on 1 May 2026. Swap the "
            "dates round. Below is still 1 May to 31 October 2026."
        )
        assert screen.query_one("#report-status").has_class("-problem")
        await pilot.press("w")
        await pilot.pause()
        assert not (pilot.app.workers and [w for w in app.workers if w.group == "report-word"])
        await type_date(pilot, "to", "31/2/2026")
        assert status(screen).startswith("To: ")


async def test_one_project(store: Store, ids: dict[str, int]) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reports(pilot)
        screen.query_one("#report-project", Select).value = ids[CARERS]
        await wait_for(pilot, lambda: screen.shown is not None and screen.shown.project_name)
        assert status(screen).startswith(
            "Progress report for Carers Voice: 1 May to 31 October 2026."
        )
        assert rows_of(screen, "Kind of session")[-1] == ["All sessions", "2", ""]
        assert [w.id for w in screen.query(".report-section .report-section")] == [
            f"report-ladder-{ids[CARERS]}"
        ]


async def test_w_writes_the_word_report_for_the_range_shown(
    store: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_reports(pilot)
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = tmp_path / "exported" / "progress-report-2026-05-01-to-2026-10-31.docx"
        messages = [str(n.message) for n in app._notifications]
        assert f"Progress report written to\n{path}" in messages
    assert_accessible(docx.Document(str(path)), "Progress report: 1 May to 31 October 2026")


async def test_reports_is_in_the_command_palette(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Reports" in titles
        app.action_reports()
        await wait_for(pilot, lambda: isinstance(app.screen, ReportsScreen))
        screen = reports(pilot)
        await wait_for(pilot, lambda: screen.shown is not None)
        assert words_of(screen, "activity") == (
            "Between 1 May and 31 October 2026 we held no sessions."
        )
        tables = [table.table.caption for table in screen.query(ReportTable)]
        assert tables == ["You said, we will, we did"]


def test_the_default_range_follows_the_clock(store: Store) -> None:
    screen = ReportsScreen(store, lambda: dt.date(2027, 2, 14))
    assert (screen.wanted.start, screen.wanted.end) == (dt.date(2026, 8, 1), dt.date(2027, 1, 31))
