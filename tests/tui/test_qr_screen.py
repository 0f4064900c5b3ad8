"""The sign-up QR code on screen: drawn black on white with its quiet zone, as large
as fits, with the address under it; in words when the window is too small or no
sign-up address is set. Reached from F7 on a session and from the command palette;
the poster is written from F7 too. A session that is over shows its project's next
session's code, or the project's, and says so; one with no project shows none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from PIL import Image, ImageDraw
from textual.pilot import Pilot
from textual.widgets import OptionList, Select, Static

from exports.qr import BORDER, HALF_BLOCKS, qr_matrix
from facilitator.screens.chooser import ChoiceScreen
from facilitator.screens.documents import DOCUMENTS, open_documents
from facilitator.screens.qr_screen import QRScreen
from facilitator.screens.session import SessionScreen
from facilitator.screens.settings import SettingsScreen
from facilitator.widgets.qr_view import INK, QRView, code_lines, scale_to_fit
from sessions.models import Session, SessionKind
from sessions.signup import (
    NO_TARGET,
    PASSED,
    SignupKind,
    SignupSettings,
    SignupTarget,
    save_settings,
)
from sessions.store import Store
from sessions.store.settings import EXPORT_FOLDER
from support import make_app, wait_for

zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp is in the test extras")

FORM = SignupTarget(SignupKind.URL, url="https://forms.example.gov.uk/coproduction?group={code}")
TODAYS = 4
"""Getting out and about, today's session in the example data."""
ADDRESS = "https://forms.example.gov.uk/coproduction?group=GOA-20261123"
PAST = 1
"""What it feels like to go through an assessment, 14 Oct: over, and in no project."""
LETTERS = 3
"""Clearer letters: second meeting, 16 Nov: over; its project has no later session."""
PROJECT = "Clearer letters about disability-related expenses"
POSTER = next(entry for entry in DOCUMENTS if entry.label.startswith("A4 poster"))


@pytest.fixture
def ready(demo_store: Store, tmp_path: Path) -> Store:
    save_settings(demo_store, SignupSettings(FORM, "Phone 01623 000000"))
    demo_store.settings.set(EXPORT_FOLDER, str(tmp_path / "exported"))
    return demo_store


def told(pilot: Pilot[None], words: str) -> bool:
    return any(words in str(n.message) for n in pilot.app._notifications)


async def show_code(pilot: Pilot[None], store: Store, **which: object) -> QRScreen:
    pilot.app.push_screen(QRScreen(store, **which))  # type: ignore[arg-type]
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, QRScreen))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QRScreen)
    return screen


def screen_image(view: QRView, pixel: int = 4) -> Image.Image:
    """What the widget draws, painted as a terminal would (ink black on its white
    ground, the rest of the widget dark), for a decoder to read as a phone would."""
    width, height = view.size
    image = Image.new("L", (width * pixel, height * 2 * pixel), 30)
    draw = ImageDraw.Draw(image)
    halves = {char: pair for pair, char in HALF_BLOCKS.items()}
    for y in range(height):
        x = 0
        for segment in view.render_line(y):
            for char in segment.text:
                if segment.style == INK:
                    for half, inked in enumerate(halves[char]):
                        top = (y * 2 + half) * pixel
                        draw.rectangle(
                            (x * pixel, top, (x + 1) * pixel - 1, top + pixel - 1),
                            fill=0 if inked else 255,
                        )
                x += 1
    return image


def test_scale_is_the_largest_that_fits() -> None:
    assert scale_to_fit(41, 120, 37) == 1
    assert scale_to_fit(41, 200, 58) == 2
    assert scale_to_fit(41, 40, 37) == 0
    assert scale_to_fit(41, 120, 20) == 0
    matrix = qr_matrix("https://example.org")
    lines = code_lines(matrix, 2)
    assert len(lines) == len(matrix) and all(len(line) == 2 * len(matrix) for line in lines)


async def test_a_large_window_shows_the_code_and_the_address(ready: Store) -> None:
    app = make_app(ready)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show_code(pilot, ready, session_id=TODAYS)
        view = screen.query_one(QRView)
        assert view.fits and view.scale == 1
        assert str(screen.query_one("#qr-address", Static).content) == ADDRESS
        title = str(screen.query_one("#qr-title", Static).content)
        assert title.startswith("Sign-up QR code: Getting out and about, Mon 23 Nov 2026.")
        styles = {seg.style for y in range(view.size.height) for seg in view.render_line(y)}
        assert INK in styles  # black on white, set by the widget, not the theme
        assert INK.color is not None and INK.color.triplet == (0, 0, 0)
        assert INK.bgcolor is not None and INK.bgcolor.triplet == (255, 255, 255)
        image = screen_image(view)
        assert [r.text for r in zxingcpp.read_barcodes(image)] == [ADDRESS]


async def test_the_quiet_zone_is_drawn_in_full(ready: Store) -> None:
    app = make_app(ready)
    async with app.run_test(size=(120, 40)) as pilot:
        view = (await show_code(pilot, ready, session_id=TODAYS)).query_one(QRView)
        lines = view.lines()
        modules = view.modules
        assert len(lines) == (modules + 1) // 2 and len(lines[0]) == modules
        assert all(line == " " * modules for line in lines[: BORDER // 2])  # white rows
        assert all(line[:BORDER] == " " * BORDER for line in lines)  # white columns


async def test_a_bigger_window_draws_bigger_modules(ready: Store) -> None:
    app = make_app(ready)
    async with app.run_test(size=(200, 60)) as pilot:
        view = (await show_code(pilot, ready, session_id=TODAYS)).query_one(QRView)
        assert view.scale == 2
        assert [r.text for r in zxingcpp.read_barcodes(screen_image(view, 3))] == [ADDRESS]


async def test_too_small_says_so_and_shows_the_address(ready: Store) -> None:
    app = make_app(ready)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await show_code(pilot, ready, session_id=TODAYS)
        view = screen.query_one(QRView)
        assert not view.fits
        drawn = "\n".join(
            "".join(seg.text for seg in view.render_line(y)) for y in range(view.size.height)
        )
        assert "The window is too small to draw the QR code" in drawn
        assert "41 columns and 21 rows" in " ".join(drawn.split())
        assert str(screen.query_one("#qr-address", Static).content) == ADDRESS
        assert not any(seg.style == INK for y in range(6) for seg in view.render_line(y))


async def test_without_a_target_it_says_how_to_set_one(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show_code(pilot, demo_store, session_id=TODAYS)
        assert not screen.query(QRView)
        words = str(screen.query_one("#qr-problem", Static).content)
        assert words == f"{NO_TARGET} Press s to set one now."
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
        settings = app.screen
        await wait_for(pilot, lambda: bool(settings.query("#signup_url")))
        await pilot.pause()
        settings.query_one("#signup_kind", Select).value = "url"
        await pilot.pause()
        settings.query_one("#signup_url").value = FORM.url  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: bool(screen.query(QRView)))
        assert str(screen.query_one("#qr-address", Static).content) == ADDRESS


async def test_a_project_code(ready: Store) -> None:
    app = make_app(ready)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show_code(pilot, ready, project="Our Voice")
        address = "https://forms.example.gov.uk/coproduction?group=OV"
        assert str(screen.query_one("#qr-address", Static).content) == address
        view = screen.query_one(QRView)
        assert [r.text for r in zxingcpp.read_barcodes(screen_image(view))] == [address]


async def choose(pilot: Pilot[None], label: str) -> None:
    await pilot.press("f7")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
    key = next(entry.key for entry in DOCUMENTS if entry.label == label)
    options = pilot.app.screen.query_one(OptionList)
    options.highlighted = options.get_option_index(key)
    await pilot.press("enter")


async def test_a_session_that_is_over_with_no_project_shows_no_code(ready: Store) -> None:
    app = make_app(ready)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show_code(pilot, ready, session_id=PAST)
        assert str(screen.query_one("#qr-problem", Static).content) == PASSED
        assert not screen.query(QRView)
        assert not screen.query("#qr-address")


async def test_a_session_that_is_over_shows_its_projects_code(ready: Store) -> None:
    app = make_app(ready)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show_code(pilot, ready, session_id=LETTERS)
        address = "https://forms.example.gov.uk/coproduction?group=CLADRE"
        assert str(screen.query_one("#qr-address", Static).content) == address
        title = str(screen.query_one("#qr-title", Static).content)
        assert title.startswith(f"Sign-up QR code: {PROJECT} (the project).")
        note = str(screen.query_one("#qr-note", Static).content)
        assert note.startswith("Clearer letters: second meeting is over and no later session")
        view = screen.query_one(QRView)
        assert [r.text for r in zxingcpp.read_barcodes(screen_image(view))] == [address]


async def test_a_session_that_is_over_shows_the_next_sessions_code(ready: Store) -> None:
    third = ready.sessions.save(
        Session(
            title="Clearer letters: third meeting",
            kind=SessionKind.TASK_AND_FINISH,
            date=dt.date(2026, 12, 14),
            start=dt.time(10),
            end=dt.time(12),
            project_name=PROJECT,
        )
    )
    app = make_app(ready)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show_code(pilot, ready, session_id=LETTERS)
        address = "https://forms.example.gov.uk/coproduction?group=CLADRE-20261214"
        assert str(screen.query_one("#qr-address", Static).content) == address
        title = str(screen.query_one("#qr-title", Static).content)
        assert title.startswith(f"Sign-up QR code: {third.title}, Mon 14 Dec 2026.")
        assert str(screen.query_one("#qr-note", Static).content) == (
            f"Clearer letters: second meeting is over, so the code is for the next session of "
            f"{PROJECT}: {third.title} on Mon 14 Dec 2026."
        )


async def test_from_the_documents_menu(ready: Store) -> None:
    app = make_app(ready)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")  # today's session
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await choose(pilot, "Sign-up QR code on screen")
        await wait_for(pilot, lambda: isinstance(app.screen, QRScreen))
        assert app.screen.query_one(QRView)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))


async def test_the_poster_from_the_documents_menu(ready: Store, tmp_path: Path) -> None:
    app = make_app(ready)
    path = tmp_path / "exported" / "poster-2026-11-23-Getting-out-and-about.docx"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await choose(pilot, "A4 poster with the sign-up QR code")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: told(pilot, f"with the sign-up QR code written to\n{path}"))
    doc = docx.Document(str(path))
    assert doc.paragraphs[0].text == "Getting out and about"


async def test_a_poster_for_a_session_that_is_over(ready: Store, tmp_path: Path) -> None:
    """Its project's poster, and the notice says why; with no project, words instead."""
    app = make_app(ready)
    path = tmp_path / "exported" / f"poster-{PROJECT.replace(' ', '-')}.docx"
    async with app.run_test(size=(120, 40)) as pilot:
        open_documents(app, ready, LETTERS)
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index(POSTER.key)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: told(pilot, f"written to\n{path}\n"))
        assert told(pilot, "so the poster is for joining Clearer letters")
        open_documents(app, ready, PAST)
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index(POSTER.key)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: told(pilot, PASSED))
    doc = docx.Document(str(path))
    assert doc.paragraphs[0].text == PROJECT
    assert [p.name for p in path.parent.iterdir()] == [path.name]


async def test_the_poster_without_a_target_says_how(demo_store: Store, tmp_path: Path) -> None:
    demo_store.settings.set(EXPORT_FOLDER, str(tmp_path / "exported"))
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await choose(pilot, "A4 poster with the sign-up QR code")
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: told(pilot, NO_TARGET))
    assert not (tmp_path / "exported").exists()


async def test_from_the_command_palette(ready: Store) -> None:
    app = make_app(ready)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"sign-up qr code for a project our voice")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QRScreen))
        screen = app.screen
        assert str(screen.query_one("#qr-address", Static).content).endswith("group=OV")


def test_snapshot_qr_screen(ready: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    """The code black on white with its quiet zone, the address under it."""

    async def open_code(pilot: Pilot[None]) -> None:
        pilot.app.push_screen(QRScreen(ready, session_id=TODAYS))
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(ready), run_before=open_code, terminal_size=(120, 40))


def test_snapshot_too_small(ready: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def open_code(pilot: Pilot[None]) -> None:
        pilot.app.push_screen(QRScreen(ready, session_id=TODAYS))
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(ready), run_before=open_code, terminal_size=(60, 20))
