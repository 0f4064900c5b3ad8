"""What the Projects screen looks like with the example data, kept so that a change in
layout is seen: the list, the highlighted project's page, and rating it on the ladder."""

from __future__ import annotations

from sessions.store import Store
from support import make_app


def test_projects_screen(demo_store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_store), press=["o"], terminal_size=(120, 40))


def test_rating_a_project_on_the_ladder(demo_store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_store), press=["o", "down", "l"], terminal_size=(120, 40))
