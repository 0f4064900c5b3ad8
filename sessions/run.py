"""The agenda clock: what is being run now, worked out from the keys pressed.

Every clock key is kept as a `RunEvent`; the state at any moment is found by replaying
those events against the agenda, so a restart or crash resumes exactly where it was.

What a `RunEvent`'s fields mean for each kind:

- START: `agenda_item_id` is the first item run; `minutes` is the agenda's planned
  total when the session started, so the planned finish stays put when timings are
  rebalanced later on.
- NEXT, PREVIOUS, SKIP: `agenda_item_id` is the item that becomes current. SKIP marks
  the item that was current as skipped; going back (PREVIOUS) to a skipped item runs it
  after all. Ids rather than positions, so reordering or adding items mid-run does not
  move the clock.
- ADJUST: `agenda_item_id` is the item whose time changed; `minutes` is how much was
  added (negative when taken off).
- PAUSE, RESUME, FINISH: `agenda_item_id` is the item current at the time, for the
  record only.

Time paused (a break that is not in the agenda) does not count against any item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from sessions.clock import local_time, venue_date
from sessions.display import format_date, format_minutes
from sessions.models import AgendaItem, AgendaKind, RunEvent, RunEventKind

BREAKOUT_WARNING_SECONDS = 120
"""Groups are told when two minutes of a breakout are left, to wrap up."""
AMBER_SHARE = 0.20
"""The time left turns amber with a fifth of the item's time to go..."""
RED_SHARE = 0.05
"""...and red in its last twentieth: a gentle cue, not an alarm."""


class Phase(Enum):
    NOT_STARTED = "not started"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class Cue(Enum):
    """How urgent the time left looks."""

    NORMAL = "normal"
    AMBER = "amber"
    RED = "red"
    OVER = "over"


@dataclass(frozen=True)
class ItemRun:
    """One agenda item as it has actually run so far."""

    item: AgendaItem
    adjusted_by: int = 0
    """Minutes added (or taken off, if negative) while the session ran."""
    started: dt.datetime | None = None
    """When it first became current."""
    ended: dt.datetime | None = None
    """When it last stopped being current; None while it is current or still to come."""
    elapsed_seconds: int = 0
    """Time it has been current, pauses excluded."""
    paused_seconds: int = 0
    skipped: bool = False
    current: bool = False
    session_over: bool = False
    """True once the session has finished, so an item never started was not reached."""
    again: bool = False
    """Run for a while, but after the current item now: going back means it comes again."""

    @property
    def item_id(self) -> int | None:
        return self.item.id

    @property
    def allowance_minutes(self) -> int:
        """The planned minutes with any adjustments, never less than one."""
        return max(1, self.item.minutes + self.adjusted_by)

    @property
    def remaining_seconds(self) -> int:
        """Negative once the item runs over."""
        return self.allowance_minutes * 60 - self.elapsed_seconds

    @property
    def to_go_seconds(self) -> int:
        """What is left of its time, none if it has run over."""
        return max(0, self.remaining_seconds)

    @property
    def status(self) -> str:
        """In words, for the list of items."""
        if self.current:
            return "now"
        if self.skipped:
            return "skipped"
        if self.started is not None and not self.again:
            return "done"
        return "not reached" if self.session_over else "to come"

    @property
    def cue(self) -> Cue:
        remaining = self.remaining_seconds
        allowance = self.allowance_minutes * 60
        if remaining < 0:
            return Cue.OVER
        if remaining <= allowance * RED_SHARE:
            return Cue.RED
        if remaining <= allowance * AMBER_SHARE:
            return Cue.AMBER
        return Cue.NORMAL

    @property
    def actual(self) -> str:
        """'10:32–10:49 (17 min)', or '' when it has not run."""
        if self.started is None:
            return ""
        end = local_time(self.ended) if self.ended else "now"
        return f"{local_time(self.started)}–{end} ({format_minutes(self.elapsed_seconds // 60)})"

    @property
    def time_words(self) -> str:
        """'3 min left of 15 min', 'Over by 4 min', 'Less than a minute left'."""
        remaining = self.remaining_seconds
        if remaining < 0:
            over = -remaining
            if over < 60:
                return "Over by less than a minute"
            return f"Over by {format_minutes(over // 60)}"
        allowance = format_minutes(self.allowance_minutes)
        if remaining < 60:
            return f"Less than a minute left of {allowance}"
        return f"{format_minutes(remaining // 60)} left of {allowance}"


@dataclass(frozen=True)
class RunState:
    """The agenda clock at one moment: what a facilitator needs to glance at."""

    phase: Phase
    now: dt.datetime
    items: tuple[ItemRun, ...]
    planned_start: dt.datetime
    planned_minutes: int
    """The agenda's total: at the start if started, as planned now if not."""
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    paused_since: dt.datetime | None = None
    paused_seconds: int = 0
    """All the time paused, on any item."""
    last_event_at: dt.datetime | None = None
    current_lost: bool = False
    """True when the item being run has since been deleted from the agenda."""

    @property
    def current(self) -> ItemRun | None:
        return next((run for run in self.items if run.current), None)

    @property
    def still_to_come(self) -> tuple[ItemRun, ...]:
        """Items after the current one that will still be run (skipped ones are not)."""
        if self.phase is Phase.FINISHED:
            return ()
        if self.phase is Phase.NOT_STARTED:
            return self.items
        position = next((i for i, run in enumerate(self.items) if run.current), None)
        if position is None:  # the current item was deleted: what has not been run yet
            return tuple(r for r in self.items if r.started is None and not r.skipped)
        return tuple(r for r in self.items[position + 1 :] if not r.skipped)

    @property
    def next(self) -> ItemRun | None:
        coming = self.still_to_come
        return coming[0] if coming else None

    @property
    def previous(self) -> ItemRun | None:
        """The item just before the current one in the agenda, even a skipped one."""
        position = next((i for i, run in enumerate(self.items) if run.current), None)
        if position is None:
            started = [r for r in self.items if r.started is not None and r.ended]
            return max(started, key=lambda r: r.ended or self.now, default=None)
        return self.items[position - 1] if position > 0 else None

    @property
    def planned_finish(self) -> dt.datetime:
        return self.planned_start + dt.timedelta(minutes=self.planned_minutes)

    @property
    def projected_finish(self) -> dt.datetime:
        """When the session will end if the rest runs to time."""
        if self.finished_at is not None:
            return self.finished_at
        if self.phase is Phase.NOT_STARTED:
            begin = max(self.now, self.planned_start)
            total = sum(run.allowance_minutes for run in self.items)
            return begin + dt.timedelta(minutes=total)
        current = self.current
        seconds = current.to_go_seconds if current else 0
        seconds += sum(run.to_go_seconds for run in self.still_to_come)
        return self.now + dt.timedelta(seconds=seconds)

    @property
    def behind_seconds(self) -> int:
        """Positive when behind the plan, negative when ahead."""
        return int((self.projected_finish - self.planned_finish).total_seconds())

    @property
    def behind_minutes(self) -> int:
        """`behind_seconds` to the nearest minute: what the screen says."""
        seconds = self.behind_seconds
        sign = -1 if seconds < 0 else 1
        return sign * ((abs(seconds) + 30) // 60)

    @property
    def schedule(self) -> str:
        """How the whole session stands against the plan, in one sentence."""
        planned = local_time(self.planned_finish)
        match self.phase:
            case Phase.NOT_STARTED:
                return self._before_start()
            case Phase.FINISHED:
                assert self.finished_at is not None
                return (
                    f"Finished at {local_time(self.finished_at)}, "
                    f"{_against_plan(self.behind_minutes)} (planned {planned})."
                )
        projected = nearest_time(self.projected_finish)
        behind = self.behind_minutes
        if behind == 0:
            return f"On time: due to finish at {planned}."
        word = "behind" if behind > 0 else "ahead"
        return (
            f"Running {format_minutes(abs(behind))} {word}: "
            f"due to finish at {projected} instead of {planned}."
        )

    def _before_start(self) -> str:
        start = local_time(self.planned_start)
        if not self.items:
            return f"Planned to start at {start}. The agenda is empty."
        start_day = venue_date(self.planned_start)
        if venue_date(self.now) != start_day:
            return f"Planned for {format_date(start_day)} at {start}."
        late = int((self.now - self.planned_start).total_seconds()) // 60
        if late > 0:
            return (
                f"Planned to start at {start}: {format_minutes(late)} late. "
                f"Starting now, it would finish at {nearest_time(self.projected_finish)} "
                f"instead of {local_time(self.planned_finish)}."
            )
        if late == 0:
            return f"Planned to start now, at {start}."
        return (
            f"Planned to start at {start}, in {format_minutes(-late)}; "
            f"to finish at {local_time(self.planned_finish)}."
        )

    @property
    def started_words(self) -> str:
        """'Started at 10:34, 4 min late.' or '' before the start."""
        if self.started_at is None:
            return ""
        late = int((self.started_at - self.planned_start).total_seconds() + 30) // 60
        start = local_time(self.started_at)
        if late == 0:
            return f"Started at {start}, on time."
        word = "late" if late > 0 else "early"
        return f"Started at {start}, {format_minutes(abs(late))} {word}."

    @property
    def paused_words(self) -> str:
        """'Paused since 11:02 (4 min).' or ''."""
        if self.paused_since is None:
            return ""
        seconds = int((self.now - self.paused_since).total_seconds())
        return f"Paused since {local_time(self.paused_since)} ({format_minutes(seconds // 60)})."


def _against_plan(behind_minutes: int) -> str:
    if behind_minutes == 0:
        return "on time"
    word = "later" if behind_minutes > 0 else "earlier"
    return f"{format_minutes(abs(behind_minutes))} {word} than planned"


def nearest_time(moment: dt.datetime) -> str:
    """A moment to the nearest minute, to agree with minutes ahead or behind."""
    return local_time(moment + dt.timedelta(seconds=30))


def clock_text(seconds: int) -> str:
    """'14:59', '-3:12' or '1:05:00': time left as a clock face shows it."""
    sign = "-" if seconds < 0 else ""
    minutes, secs = divmod(abs(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


@dataclass
class _Tally:
    """Running totals for one item while the events are replayed."""

    adjusted_by: int = 0
    started: dt.datetime | None = None
    ended: dt.datetime | None = None
    elapsed: dt.timedelta = field(default_factory=dt.timedelta)
    paused: dt.timedelta = field(default_factory=dt.timedelta)
    skipped: bool = False


class _Replay:
    """Walks the events in order, keeping the totals that `replay` turns into a state."""

    def __init__(self) -> None:
        self.tallies: dict[int | None, _Tally] = {}
        self.current: int | None = None
        self.running = False
        self.started_at: dt.datetime | None = None
        self.finished_at: dt.datetime | None = None
        self.paused_since: dt.datetime | None = None
        self.since: dt.datetime | None = None
        """When the current item's latest unpaused stretch began."""
        self.paused = dt.timedelta()
        self.planned_minutes: int | None = None

    def tally(self, item_id: int | None) -> _Tally:
        return self.tallies.setdefault(item_id, _Tally())

    def apply(self, event: RunEvent, at: dt.datetime) -> None:
        kind = event.kind
        if kind is RunEventKind.START and self.started_at is None:
            self.started_at = at
            self.running = True
            self.planned_minutes = event.minutes or None
            self.become(event.agenda_item_id, at)
        elif not self.running:
            return  # nothing before the start or after the finish changes the clock
        elif kind in (RunEventKind.NEXT, RunEventKind.PREVIOUS, RunEventKind.SKIP):
            leaving = self.current
            self.leave(at)
            if kind is RunEventKind.SKIP:
                self.tally(leaving).skipped = True
            if kind is RunEventKind.PREVIOUS:
                self.tally(event.agenda_item_id).skipped = False
            self.become(event.agenda_item_id, at)
        elif kind is RunEventKind.ADJUST:
            self.tally(event.agenda_item_id).adjusted_by += event.minutes
        elif kind is RunEventKind.PAUSE and self.paused_since is None:
            self.tally(self.current).elapsed += at - (self.since or at)
            self.paused_since = at
        elif kind is RunEventKind.RESUME and self.paused_since is not None:
            self.end_pause(at)
            self.since = at
        elif kind is RunEventKind.FINISH:
            self.leave(at)
            self.current = None
            self.running = False
            self.finished_at = at

    def become(self, item_id: int | None, at: dt.datetime) -> None:
        self.current = item_id
        self.since = at
        tally = self.tally(item_id)
        tally.started = tally.started or at
        tally.ended = None

    def leave(self, at: dt.datetime) -> None:
        tally = self.tally(self.current)
        if self.paused_since is not None:
            self.end_pause(at)
        else:
            tally.elapsed += at - (self.since or at)
        tally.ended = at

    def end_pause(self, at: dt.datetime) -> None:
        assert self.paused_since is not None
        length = at - self.paused_since
        self.tally(self.current).paused += length
        self.paused += length
        self.paused_since = None

    def until(self, now: dt.datetime) -> None:
        """Count the time since the last event, without closing anything."""
        if not self.running:
            return
        tally = self.tally(self.current)
        if self.paused_since is not None:
            tally.paused += now - self.paused_since
            self.paused += now - self.paused_since
        else:
            tally.elapsed += now - (self.since or now)


def replay(
    events: Sequence[RunEvent],
    items: Sequence[AgendaItem],
    planned_start: dt.datetime,
    now: dt.datetime,
) -> RunState:
    """The clock at `now`, from the events so far and the agenda as it is now.

    A clock put back (an event earlier than the one before it, or `now` earlier than
    the last event) counts as no time passing, so no total can go negative.
    """
    walk = _Replay()
    latest: dt.datetime | None = None
    for event in events:
        at = event.at if latest is None else max(event.at, latest)
        walk.apply(event, at)
        latest = at
    if latest is not None:
        now = max(now, latest)
    walk.until(now)
    known = {item.id for item in items}
    runs = tuple(_item_run(item, walk) for item in items)
    position = next((i for i, run in enumerate(runs) if run.current), len(runs))
    runs = runs[: position + 1] + tuple(
        replace(run, again=run.started is not None) for run in runs[position + 1 :]
    )
    return RunState(
        phase=_phase(walk),
        now=now,
        items=runs,
        planned_start=planned_start,
        planned_minutes=walk.planned_minutes or sum(item.minutes for item in items),
        started_at=walk.started_at,
        finished_at=walk.finished_at,
        paused_since=walk.paused_since,
        paused_seconds=int(walk.paused.total_seconds()),
        last_event_at=latest,
        current_lost=walk.running and walk.current not in known,
    )


def _phase(walk: _Replay) -> Phase:
    if walk.finished_at is not None:
        return Phase.FINISHED
    if not walk.running:
        return Phase.NOT_STARTED
    return Phase.PAUSED if walk.paused_since is not None else Phase.RUNNING


def _item_run(item: AgendaItem, walk: _Replay) -> ItemRun:
    tally = walk.tallies.get(item.id, _Tally())
    return ItemRun(
        item=item,
        adjusted_by=tally.adjusted_by,
        started=tally.started,
        ended=tally.ended,
        elapsed_seconds=int(tally.elapsed.total_seconds()),
        paused_seconds=int(tally.paused.total_seconds()),
        skipped=tally.skipped,
        current=walk.running and item.id is not None and item.id == walk.current,
        session_over=walk.finished_at is not None,
    )


def current_item_id(events: Sequence[RunEvent], items: Sequence[AgendaItem]) -> int | None:
    """The agenda item being run now; None before the start, after the finish, or when
    the item being run has since been deleted from the agenda."""
    walk = _Replay()
    for event in events:
        walk.apply(event, event.at)
    known = {item.id for item in items}
    return walk.current if walk.running and walk.current in known else None


def breakout_cue(run: ItemRun | None, phase: Phase) -> tuple[str, bool]:
    """For a breakout being run: what to tell the groups, and whether it is time to
    tell them now (two minutes left, or time up)."""
    if run is None or phase is not Phase.RUNNING or run.item.kind is not AgendaKind.BREAKOUT:
        return "", False
    left = run.remaining_seconds
    if left <= 0:
        return "Breakout time is up: bring the groups back together.", True
    if left <= BREAKOUT_WARNING_SECONDS:
        return "2 minutes left: tell the groups it is time to wrap up.", True
    minutes = (left - BREAKOUT_WARNING_SECONDS + 59) // 60
    return f"Breakout: the 2-minute call comes in {format_minutes(minutes)}.", False
