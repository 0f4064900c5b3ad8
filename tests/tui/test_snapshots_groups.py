"""What the Groups tab looks like with a round made, kept so that a change in layout is seen."""

from __future__ import annotations

from dataclasses import replace

from sessions.groups import Breakouts, Shape
from sessions.models import AgendaKind, GroupSource, Need
from sessions.store import Store
from support import make_app


def split_todays_session(store: Store) -> None:
    """Four groups for the breakout of 'Getting out and about', with a fixed seed; the
    first group meets in a step-free garden room."""
    session = next(s for s in store.sessions.overview() if s.title == "Getting out and about")
    item = next(i for i in store.agenda.items(session.id) if i.kind is AgendaKind.BREAKOUT)
    breakouts = Breakouts(store, session.id, seeds=lambda: 7)
    view = breakouts.make(Shape(count=4), GroupSource.BOOKED, item.id)
    first = view.round.groups[0]
    store.breakouts.update_group(
        replace(
            first, place="Garden room", facilitator="Rosa", facilities=frozenset({Need.STEP_FREE})
        )
    )
    breakouts.rebalance(view.round.id, seed=7)


def test_groups_tab(demo_store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    split_todays_session(demo_store)
    app = make_app(demo_store)
    assert snap_compare(app, press=["enter", "f6", "tab"], terminal_size=(130, 36))
