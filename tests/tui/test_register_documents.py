"""The register, run sheets, large-print agenda and group lists from the Documents menu
(F7 on a session): written in a worker, with a notice saying where the file went or,
in words, why it was not written."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from facilitator.screens.chooser import ChoiceScreen, choice_key
from facilitator.screens.documents import DOCUMENTS
from facilitator.screens.session import SessionScreen
from sessions.store import Store
from sessions.store.settings import EXPORT_FOLDER
from support import make_app, wait_for

SIZE = (120, 40)


def told(pilot: Pilot[None], words: str) -> bool:
    return any(words in str(n.message) for n in pilot.app._notifications)


async def choose(pilot: Pilot[None], label: str) -> None:
    """F7, then the document by its place in the menu, as a person would pick it."""
    await pilot.press("f7")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
    await pilot.pause()
    key = next(entry.key for entry in DOCUMENTS if entry.label == label)
    # The key shown beside it: its place depends on whether the session has started.
    await pilot.press(choice_key(pilot.app.screen.query_one(OptionList).get_option_index(key)))
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))


@pytest.fixture
def folder(demo_store: Store, tmp_path: Path) -> Path:
    demo_store.settings.set(EXPORT_FOLDER, str(tmp_path / "exported"))
    return tmp_path / "exported"


@pytest.mark.parametrize(
    ("label", "file_name", "title"),
    [
        (
            "Attendance register",
            "register-2026-11-23-Getting-out-and-about.docx",
            "Attendance register: Getting out and about",
        ),
        ("Run sheets", "run-sheets-2026-11-23-Getting-out-and-about.docx", ""),
        ("Large-print agenda", "agenda-large-print-2026-11-23-Getting-out-and-about.docx", ""),
        ("Attendance register as CSV", "register-2026-11-23-Getting-out-and-about.csv", ""),
    ],
)
async def test_a_document_from_the_menu_is_written_and_the_notice_says_where(
    demo_store: Store, folder: Path, label: str, file_name: str, title: str
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # today's session is highlighted first
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
        await choose(pilot, label)
        await app.workers.wait_for_complete()
        path = folder / file_name
        await wait_for(pilot, lambda: told(pilot, f"{label} written to\n{path}"))
    assert path.is_file()
    if title:
        assert docx.Document(str(path)).core_properties.title == title


async def test_group_lists_with_no_groups_say_so_in_words(demo_store: Store, folder: Path) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
        await choose(pilot, "Breakout group lists")
        await app.workers.wait_for_complete()
        await wait_for(
            pilot,
            lambda: told(
                pilot,
                "“Getting out and about” has no breakout groups yet. Make them on the "
                "Groups tab first.",
            ),
        )
    assert not folder.exists() or not list(folder.iterdir())
