"""What the main screens look like, kept so that a change in layout is seen."""

from __future__ import annotations

from sessions.store import Store
from support import make_app


def test_home_screen(demo_store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_store), terminal_size=(120, 36))


def test_agenda_with_an_overrun(demo_store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    session = next(
        s for s in demo_store.sessions.overview() if s.title == "Our Voice steering group"
    )
    first = demo_store.agenda.items(session.id)[0]
    first.minutes = 25  # 15 minutes over the session's 1 h 30 min
    demo_store.agenda.update(first)
    assert snap_compare(make_app(demo_store), press=["down", "enter"], terminal_size=(120, 36))
