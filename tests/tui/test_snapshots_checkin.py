"""What the Check-in tab looks like on the day, kept so that a change in layout is seen."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from sessions.models import Relation
from sessions.store import Store
from support import TODAY, make_app, type_text


def test_checkin_after_an_arrival(demo_store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    """Today's example session, just after someone with access needs arrived and their
    interpreter was not checked in yet."""
    session = next(s for s in demo_store.sessions.overview() if s.date == TODAY)
    signer = next(
        demo_store.people.get(link.person_id)
        for person in demo_store.people.all()
        if person.id is not None
        for link in demo_store.companions.of(person.id)
        if link.relation is Relation.INTERPRETER
    )

    async def arrive(pilot: Pilot[None]) -> None:
        pilot.app.open_session(session.id)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.pause()
        await type_text(pilot, signer.name)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")  # not the interpreter, yet
        await pilot.pause()
        pilot.app.clear_notifications()
        # A blinking cursor would make the picture depend on the moment it is taken.
        pilot.app.screen.query_one("#checkin-search", Input).cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(demo_store), run_before=arrive, terminal_size=(120, 36))
