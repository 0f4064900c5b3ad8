"""The agenda clock for one session: the keys a facilitator presses, checked and kept.

Each key that makes sense now becomes one stored `RunEvent` (see `sessions.run` for
what each event holds); a key that makes no sense now raises `RunClockError` with a
sentence saying why and what to press instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sessions.clock import at_venue, local_time
from sessions.display import format_minutes
from sessions.errors import FacilitatorError
from sessions.models import RunEvent, RunEventKind
from sessions.rebalance import Proposal, propose
from sessions.run import Phase, RunState, replay
from sessions.store import Store
from sessions.validation import MAX_MINUTES


class RunClockError(FacilitatorError):
    """A clock key that makes no sense now, such as next before the start."""


class RunClock:
    """Start, move through, pause and finish one session's agenda."""

    def __init__(self, store: Store, session_id: int, now: Callable[[], dt.datetime]) -> None:
        self.store = store
        self.session_id = session_id
        self.now = now

    def state(self) -> RunState:
        """The clock as it stands this moment."""
        session = self.store.sessions.get(self.session_id)
        return replay(
            self.store.run_events.for_session(self.session_id),
            self.store.agenda.items(self.session_id),
            at_venue(session.date, session.start),
            self.now(),
        )

    # --- the keys -------------------------------------------------------------

    def start(self) -> str:
        state = self._usable()
        if state.phase is not Phase.NOT_STARTED:
            if state.phase is Phase.FINISHED:
                raise RunClockError(
                    "The session has finished. Press r to reset the clock if you want to "
                    "run it again."
                )
            raise RunClockError("The session has already started.")
        if not state.items:
            raise RunClockError(
                "This session has no agenda yet: add items on the Plan tab (F2) first."
            )
        first = state.items[0]
        self._add(RunEventKind.START, first.item_id, minutes=state.planned_minutes)
        return f"Started at {local_time(state.now)} with “{first.item.title}”."

    def next(self) -> str:
        state = self._moving()
        coming = state.next
        if coming is None:
            raise RunClockError("This is the last item: press f to finish the session.")
        self._add(RunEventKind.NEXT, coming.item_id)
        return f"Now: “{coming.item.title}”."

    def previous(self) -> str:
        state = self._moving()
        back = state.previous
        if back is None:
            raise RunClockError("This is the first item: there is nothing before it.")
        self._add(RunEventKind.PREVIOUS, back.item_id)
        return f"Back to “{back.item.title}”."

    def skip(self) -> str:
        state = self._moving()
        current, coming = state.current, state.next
        if coming is None:
            raise RunClockError(
                "This is the last item, so there is nothing to skip to. "
                "Press f to finish the session."
            )
        self._add(RunEventKind.SKIP, coming.item_id)
        skipped = f"Skipped “{current.item.title}”. " if current else ""
        return f"{skipped}Now: “{coming.item.title}”."

    def adjust(self, minutes: int) -> str:
        """Add minutes to the current item, or take them off if negative."""
        state = self._running()
        current = state.current
        if current is None:
            raise RunClockError("The item being run was deleted. Press n to move on.")
        allowance = current.allowance_minutes
        wanted = min(MAX_MINUTES, max(1, allowance + minutes))
        if wanted == allowance:
            limit = "1 min" if minutes < 0 else format_minutes(MAX_MINUTES)
            raise RunClockError(f"“{current.item.title}” is already at {limit}.")
        self._add(RunEventKind.ADJUST, current.item_id, minutes=wanted - allowance)
        change = wanted - allowance
        verb = "Added" if change > 0 else "Took off"
        preposition = "to" if change > 0 else "from"
        return (
            f"{verb} {format_minutes(abs(change))} {preposition} “{current.item.title}”: "
            f"now {format_minutes(wanted)}."
        )

    def pause_or_resume(self) -> str:
        state = self._running()
        current = state.current
        item_id = current.item_id if current else None
        if state.phase is Phase.PAUSED:
            self._add(RunEventKind.RESUME, item_id)
            return f"Resumed after a break of {_since(state.paused_since, state.now)}."
        self._add(RunEventKind.PAUSE, item_id)
        return "Paused for a break. Press space to carry on."

    def finish(self) -> str:
        state = self._running()
        current = state.current
        self._add(RunEventKind.FINISH, current.item_id if current else None)
        return self.state().schedule

    def reset(self) -> None:
        """Forget the clock, as if the session had not started (after a practice run)."""
        self.store.run_events.clear(self.session_id)

    # --- catching up ------------------------------------------------------------

    def proposal(self) -> Proposal:
        """New timings for the rest of the session, when it runs behind."""
        state = self._usable()
        if state.phase is Phase.FINISHED:
            raise RunClockError("The session has finished: there is nothing left to retime.")
        found = propose(state)
        if found is None:
            raise RunClockError(f"{state.schedule} There is nothing to catch up.")
        return found

    def accept(self, proposal: Proposal) -> str:
        """Shorten the items still to come for this run of the session.

        Kept as clock events, like + and -, not written into the agenda: the plan
        stays as the group agreed it, and resetting the clock puts the timings back."""
        self._usable()
        for change in proposal.changes:
            if change.item.id is not None and change.new != change.old:
                self._add(RunEventKind.ADJUST, change.item.id, minutes=change.new - change.old)
        return f"New timings for this run. {self.state().schedule}"

    # --- checks -----------------------------------------------------------------

    def _usable(self) -> RunState:
        """The state, refusing a computer clock that has gone back in time."""
        state = self.state()
        moment = self.now()
        if state.last_event_at is not None and moment < state.last_event_at:
            raise RunClockError(
                "This computer's clock says it is earlier than the last thing the run "
                f"clock recorded ({local_time(state.last_event_at)}). Check the laptop's "
                "time and date."
            )
        return state

    def _running(self) -> RunState:
        state = self._usable()
        if state.phase is Phase.NOT_STARTED:
            raise RunClockError("The session has not started yet: press s to start it.")
        if state.phase is Phase.FINISHED:
            raise RunClockError("The session has finished.")
        return state

    def _moving(self) -> RunState:
        state = self._running()
        if state.phase is Phase.PAUSED:
            raise RunClockError("The clock is paused for a break: press space to carry on first.")
        return state

    def _add(self, kind: RunEventKind, item_id: int | None, *, minutes: int = 0) -> None:
        self.store.run_events.add(
            self.session_id, RunEvent(kind, at=self.now(), agenda_item_id=item_id, minutes=minutes)
        )


def _since(moment: dt.datetime | None, now: dt.datetime) -> str:
    seconds = int((now - moment).total_seconds()) if moment else 0
    return format_minutes(seconds // 60) if seconds >= 60 else "less than a minute"
