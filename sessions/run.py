"""The agenda clock: what is being run now, worked out from the keys pressed.

Every clock key is kept as a `RunEvent`; the state at any moment is found by replaying
those events against the agenda, so a restart or crash resumes exactly where it was.

What `agenda_item_id` means for each kind of event:

- START, NEXT, PREVIOUS, SKIP: the item that becomes current. (SKIP marks the item that
  was current as skipped.) Ids rather than positions, so reordering or adding items
  mid-run does not move the clock.
- ADJUST: the item whose time changed; `minutes` is how much was added (or taken off).
- PAUSE, RESUME, FINISH: the item current at the time, for the record only.
"""

from __future__ import annotations

from collections.abc import Sequence

from sessions.models import AgendaItem, RunEvent, RunEventKind

MOVES = (RunEventKind.START, RunEventKind.NEXT, RunEventKind.PREVIOUS, RunEventKind.SKIP)
"""Events whose agenda item becomes the current one."""


def current_item_id(events: Sequence[RunEvent], items: Sequence[AgendaItem]) -> int | None:
    """The agenda item being run now; None before the start, after the finish, or when
    the item being run has since been deleted from the agenda."""
    current: int | None = None
    for event in events:
        if event.kind in MOVES:
            current = event.agenda_item_id
        elif event.kind is RunEventKind.FINISH:
            current = None
    known = {item.id for item in items}
    return current if current in known else None
