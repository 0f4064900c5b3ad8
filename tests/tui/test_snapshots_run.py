"""What the Run tab looks like mid-item, kept so that a change in layout is seen."""

from __future__ import annotations

import datetime as dt

from sessions.models import RunEvent, RunEventKind
from sessions.store import Store
from support import NOW, FakeClock, make_app


def run_todays_session(store: Store) -> None:
    """Start 'Getting out and about' at 10:31 and move to its second item at 10:47."""
    session = next(s for s in store.sessions.overview() if s.title == "Getting out and about")
    items = store.agenda.items(session.id)
    store.run_events.add(
        session.id,
        RunEvent(RunEventKind.START, NOW.replace(minute=31), items[0].id, minutes=120),
    )
    store.run_events.add(
        session.id, RunEvent(RunEventKind.NEXT, NOW.replace(minute=47), items[1].id)
    )


def test_run_tab_with_time_running_low(demo_store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    run_todays_session(demo_store)
    clock = FakeClock(NOW.replace(minute=55, second=30))  # 1:30 left of 10 min: amber
    app = make_app(demo_store, clock)
    assert snap_compare(app, press=["enter", "f4"], terminal_size=(120, 36))


def test_run_tab_with_an_item_over_time(demo_store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    run_todays_session(demo_store)
    clock = FakeClock(NOW.replace(minute=47) + dt.timedelta(minutes=13, seconds=12))  # over
    app = make_app(demo_store, clock)
    assert snap_compare(app, press=["enter", "f4"], terminal_size=(120, 36))
