"""The Documents menu (F7 on a session): every entry in sight with a key of its own;
the summary and its Easy Read version are written in a worker, and a notice says
where the file went (the path on a line of its own), or why not in words; a session
still to come lists its summaries last and refuses them in words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from facilitator.screens.chooser import MORE_BELOW, ChoiceScreen
from facilitator.screens.documents import DOCUMENTS, written_words
from facilitator.screens.session import SessionScreen
from sessions.store import Store
from sessions.store.settings import EXPORT_FOLDER
from sessions.summary import NOT_HAPPENED
from support import NOW, FakeClock, make_app, wait_for

SIZE = (120, 40)
TODAYS = "Getting out and about"
"""The demo session on TODAY, highlighted first on the home screen (10:30 to 12:30)."""
AFTER = FakeClock(NOW + dt.timedelta(hours=3))
"""13:00 on TODAY: today's session is over."""


def notices(pilot: Pilot[None]) -> list[tuple[str, str]]:
    return [(str(n.severity), str(n.message)) for n in pilot.app._notifications]


def told(pilot: Pilot[None], words: str) -> bool:
    return any(words in message for _, message in notices(pilot))


async def open_todays_session(pilot: Pilot[None]) -> None:
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))


@pytest.fixture
def folder(demo_store: Store, tmp_path: Path) -> Path:
    demo_store.settings.set(EXPORT_FOLDER, str(tmp_path / "exported"))
    return tmp_path / "exported"


def shown(pilot: Pilot[None]) -> list[str]:
    options = pilot.app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_f7_lists_the_documents_with_the_summaries_first(demo_store: Store) -> None:
    app = make_app(demo_store, AFTER)
    async with app.run_test(size=SIZE) as pilot:
        await open_todays_session(pilot)
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        listed = shown(pilot)
        assert (
            listed[0]
            == "1  Summary: you said, we will: what was heard and what will be done, in Word"
        )
        assert listed[1].startswith("2  Easy Read summary: ")
        assert len(listed) == len(DOCUMENTS)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
        assert not app.workers


async def test_every_document_is_in_sight_with_a_key_at_120_by_40(demo_store: Store) -> None:
    app = make_app(demo_store, AFTER)
    async with app.run_test(size=SIZE) as pilot:
        await open_todays_session(pilot)
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.pause()
        options = pilot.app.screen.query_one(OptionList)
        assert options.max_scroll_y == 0  # nothing hidden below
        keys = [line.split("  ", 1)[0] for line in shown(pilot)]
        assert keys == [*"123456789", "a"][: len(DOCUMENTS)]
        assert not pilot.app.screen.query_one("#choices-more").display
        assert "Press a number or letter" in str(
            pilot.app.screen.query(".dialog-hint").last().content
        )
        await pilot.press("a")  # the tenth: the poster
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
        assert told(pilot, f"Writing “{DOCUMENTS[9].label}”…")
        await app.workers.wait_for_complete()


async def test_a_small_window_says_there_is_more_below(demo_store: Store) -> None:
    app = make_app(demo_store, AFTER)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_todays_session(pilot)
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.pause()
        screen = pilot.app.screen
        more = screen.query_one("#choices-more")
        assert screen.query_one(OptionList).max_scroll_y > 0
        assert more.display and str(more.content) == MORE_BELOW
        await pilot.press("end")  # the last one: the list scrolls to the bottom
        await wait_for(pilot, lambda: not more.display)


async def test_before_the_day_the_summaries_come_last_and_are_refused_in_words(
    demo_store: Store, folder: Path
) -> None:
    app = make_app(demo_store)  # 10:00: today's session starts at 10:30
    async with app.run_test(size=SIZE) as pilot:
        await open_todays_session(pilot)
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        listed = shown(pilot)
        assert listed[0].startswith("1  Attendance register: ")
        assert listed[-2].startswith("9  Summary: you said, we will: ")
        assert listed[-1].startswith("a  Easy Read summary: ")
        await pilot.press("9")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: told(pilot, NOT_HAPPENED))
        assert ("warning", NOT_HAPPENED) in notices(pilot)
    assert not folder.exists()


def test_the_path_has_a_line_of_its_own() -> None:
    path = Path("/home/me/Documents/Facilitator/summary-2026-11-16-Clearer-letters.docx")
    assert written_words("Run sheets", path) == f"Run sheets written to\n{path}"
    assert written_words("Poster", path, "It is over.") == f"Poster written to\n{path}\nIt is over."


@pytest.mark.parametrize(
    ("key", "label", "file_name", "title"),
    [
        (
            "1",
            "Summary: you said, we will",
            "summary-2026-11-23-Getting-out-and-about.docx",
            f"You said, we will: {TODAYS}",
        ),
        (
            "2",
            "Easy Read summary",
            "easy-read-summary-2026-11-23-Getting-out-and-about.docx",
            f"You said, we will: {TODAYS} (Easy Read)",
        ),
    ],
)
async def test_the_summary_is_written_and_the_notice_says_where(
    demo_store: Store, folder: Path, key: str, label: str, file_name: str, title: str
) -> None:
    app = make_app(demo_store, AFTER)
    async with app.run_test(size=SIZE) as pilot:
        await open_todays_session(pilot)
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.press(key)
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
        assert told(pilot, f"Writing “{label}”…")
        await app.workers.wait_for_complete()
        path = folder / file_name
        await wait_for(pilot, lambda: told(pilot, f"{label} written to\n{path}"))
        assert all(severity == "information" for severity, _ in notices(pilot))
    assert path.is_file()
    assert docx.Document(str(path)).core_properties.title == title


async def test_a_file_that_cannot_be_written_is_a_warning_in_words(
    demo_store: Store, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the export folder should be")
    demo_store.settings.set(EXPORT_FOLDER, str(blocker))
    app = make_app(demo_store, AFTER)
    async with app.run_test(size=SIZE) as pilot:
        await open_todays_session(pilot)
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.press("1")
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: any(s == "warning" for s, _ in notices(pilot)))
        (warning,) = [message for severity, message in notices(pilot) if severity == "warning"]
        assert "not a folder" in warning or "could not be saved" in warning
        assert "Traceback" not in warning and "Error" not in warning
        assert isinstance(pilot.app.screen, SessionScreen)
