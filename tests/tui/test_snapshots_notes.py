"""What the Notes tab, the note editor and the Actions screen look like."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import TextArea

from sessions.store import Store
from support import make_app

PAST = "Clearer letters: second meeting"


def past_session(store: Store) -> int:
    return next(s.id for s in store.sessions.overview() if s.title == PAST)


def test_notes_tab_with_every_note_and_the_actions(demo_store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    session_id = past_session(demo_store)

    async def open_notes(pilot: Pilot[None]) -> None:
        pilot.app.open_session(session_id)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.pause()

    assert snap_compare(make_app(demo_store), run_before=open_notes, terminal_size=(120, 40))


def test_note_editor_for_a_quote(demo_store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    session_id = past_session(demo_store)

    async def quote(pilot: Pilot[None]) -> None:
        pilot.app.open_session(session_id)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket", "u")
        await pilot.pause()
        area = pilot.app.screen.query_one(TextArea)
        area.cursor_blink = False
        await pilot.press(*"It took three phone calls to find anyone who knew.")
        await pilot.pause()

    assert snap_compare(make_app(demo_store), run_before=quote, terminal_size=(120, 40))


def test_actions_screen(demo_store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_store), press=["a"], terminal_size=(120, 36))
