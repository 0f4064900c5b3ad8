"""The Documents menu (F7 on a session): the summary and its Easy Read version are
written in a worker, and a notice says where the file went, or why not in words."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from facilitator.screens.chooser import ChoiceScreen
from facilitator.screens.documents import DOCUMENTS
from facilitator.screens.session import SessionScreen
from sessions.store import Store
from sessions.store.settings import EXPORT_FOLDER
from support import make_app, wait_for

SIZE = (120, 40)
TODAYS = "Getting out and about"
"""The demo session on TODAY, highlighted first on the home screen."""


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


async def test_f7_lists_the_documents_with_the_summaries_first(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_todays_session(pilot)
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        options = pilot.app.screen.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert (
            shown[0]
            == "1  Summary: you said, we will: what was heard and what will be done, in Word"
        )
        assert shown[1].startswith("2  Easy Read summary: ")
        assert len(shown) == len(DOCUMENTS)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
        assert not app.workers


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
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_todays_session(pilot)
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.press(key)
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
        assert told(pilot, f"Writing “{label}”…")
        await app.workers.wait_for_complete()
        path = folder / file_name
        await wait_for(pilot, lambda: told(pilot, f"{label} written to {path}"))
        assert all(severity == "information" for severity, _ in notices(pilot))
    assert path.is_file()
    assert docx.Document(str(path)).core_properties.title == title


async def test_a_file_that_cannot_be_written_is_a_warning_in_words(
    demo_store: Store, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the export folder should be")
    demo_store.settings.set(EXPORT_FOLDER, str(blocker))
    app = make_app(demo_store)
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
