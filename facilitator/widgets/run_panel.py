"""The Run tab: the live agenda clock, readable across a room.

The panel asks `sessions.run_clock.RunClock` for the state once a second and shows it;
every key is one call to the clock, which stores it, so a restart resumes exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Digits, Static

from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.run_proposal import ProposalScreen
from facilitator.widgets.listing_table import ListingTable
from facilitator.widgets.session_panel import SessionPanel
from sessions.agenda import schedule
from sessions.clock import local_time, venue_time
from sessions.display import format_minutes, format_time, plural
from sessions.errors import FacilitatorError, NotFound
from sessions.groups import Breakouts
from sessions.run import Cue, ItemRun, Phase, RunState, breakout_cue, clock_text
from sessions.run_clock import RunClock

if TYPE_CHECKING:
    from facilitator.app import FacilitatorApp

CUE_CLASSES = {Cue.AMBER: "-amber", Cue.RED: "-red", Cue.OVER: "-over"}
PHASE_TITLES = {
    Phase.NOT_STARTED: "Not started",
    Phase.RUNNING: "Now",
    Phase.PAUSED: "Paused",
    Phase.FINISHED: "Finished",
}


class RunItemsTable(ListingTable):
    """Each item planned against how it actually ran."""

    COLUMNS = ("Planned", "Item", "Minutes", "Actual", "Status")


class RunPanel(SessionPanel):
    BINDINGS = [
        Binding("s", "start", "Start"),
        Binding("n", "next", "Next"),
        Binding("p", "previous", "Back"),
        # The footer names + only, to fit 80 columns: - and the 5-minute keys are in F1.
        Binding("plus,equals_sign", "adjust(1)", "1 min more"),
        Binding("minus", "adjust(-1)", "1 min less", show=False),
        Binding("right_square_bracket", "adjust(5)", "Add 5 min", show=False),
        Binding("left_square_bracket", "adjust(-5)", "Take off 5 min", show=False),
        Binding("k", "skip", "Skip"),
        Binding("space", "pause", "Pause"),
        Binding("b", "catch_up", "Catch up"),
        Binding("f", "finish", "Finish"),
        Binding("r", "reset", "Reset the clock", show=False),
    ]

    def prepare(self) -> None:
        self.clock = RunClock(self.store, self.session_id, self.now)
        self.ticker: Timer | None = None
        self.rows: list[tuple[int | None, tuple[str, ...]]] = []
        self.shown_current: int | None = None
        self.called: set[tuple[int | None, bool]] = set()
        """Breakout calls already made (item, time up?): each rings once."""
        self.groups_words: dict[int | None, str] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="run-now"):
            with Vertical(id="run-clock"):
                yield Digits("", id="run-remaining")
                yield Static("", id="run-time-words")
            with Vertical(id="run-about"):
                # Item titles and leads as typed: never read as markup.
                yield Static("", id="run-title", markup=False)
                yield Static("", id="run-elapsed", markup=False)
                yield Static("", id="run-next", markup=False)
        yield Static("", id="run-breakout", markup=False)
        yield Static("", id="run-schedule", markup=False)
        yield Static("", id="run-started", markup=False)
        yield RunItemsTable(id="run-items")

    def on_mount(self) -> None:
        self.ticker = self.set_interval(1, self.tick)

    def on_unmount(self) -> None:
        if self.ticker is not None:
            self.ticker.stop()
            self.ticker = None

    def shown(self) -> None:
        self.groups_words.clear()  # groups may have been made on the Groups tab
        self.refresh_clock()
        self.query_one(RunItemsTable).focus()

    def tick(self) -> None:
        """Once a second, while the Run tab is what the facilitator sees."""
        if self.screen.is_current and self.is_on_screen:
            self.refresh_clock()

    # --- showing ---------------------------------------------------------------

    def refresh_clock(self) -> None:
        """Read the clock at this moment and show it."""
        try:
            state = self.clock.state()
        except NotFound:
            return  # the session was deleted; its screen says so and closes
        self.show_now(state)
        self.show_breakout(state)
        self.query_one("#run-schedule", Static).update(state.schedule)
        self.query_one("#run-schedule").set_class(
            state.phase is not Phase.FINISHED and state.behind_minutes > 0, "-behind"
        )
        started = " ".join(part for part in (state.started_words, state.paused_words) if part)
        line = self.query_one("#run-started", Static)
        line.update(started)
        line.display = bool(started)
        self.show_items(state)

    def show_now(self, state: RunState) -> None:
        box = self.query_one("#run-now")
        box.border_title = PHASE_TITLES[state.phase]
        box.set_class(state.phase is Phase.PAUSED, "-paused")
        run = state.current or (state.next if state.phase is Phase.NOT_STARTED else None)
        digits = self.query_one("#run-remaining", Digits)
        words = self.query_one("#run-time-words", Static)
        self.query_one("#run-clock").display = run is not None
        cue = run.cue if run is not None and state.phase is not Phase.NOT_STARTED else Cue.NORMAL
        for name in CUE_CLASSES.values():
            digits.set_class(CUE_CLASSES.get(cue) == name, name)
            words.set_class(CUE_CLASSES.get(cue) == name, name)
        if run is not None:
            digits.update(clock_text(run.remaining_seconds))
            words.update(
                f"{format_minutes(run.allowance_minutes)} planned"
                if state.phase is Phase.NOT_STARTED
                else run.time_words
            )
        title, elapsed, coming = self.describe(state, run)
        self.query_one("#run-title", Static).update(title)
        self.query_one("#run-elapsed", Static).update(elapsed)
        self.query_one("#run-next", Static).update(coming)

    def show_breakout(self, state: RunState) -> None:
        """During a breakout: when the 2-minute call comes, and the call itself, once."""
        words, call_now = breakout_cue(state.current, state.phase)
        line = self.query_one("#run-breakout", Static)
        if words and state.current is not None:
            groups = self.breakout_groups(state.current.item_id)
            if groups and not call_now:
                words += f" {groups} (F6)."
        line.update(words)
        line.display = bool(words)
        line.set_class(call_now, "-call")
        if call_now and state.current is not None:
            key = (state.current.item_id, state.current.remaining_seconds <= 0)
            if key not in self.called:
                self.called.add(key)
                self.app.bell()
                self.notify(words, severity="warning")

    def breakout_groups(self, item_id: int | None) -> str:
        """'4 groups in round 2', read once per item rather than every second."""
        if item_id not in self.groups_words:
            made = Breakouts(self.store, self.session_id).round_for(item_id)
            self.groups_words[item_id] = (
                f"{plural(len(made.groups), 'group')} in round {made.number}" if made else ""
            )
        return self.groups_words[item_id]

    def describe(self, state: RunState, run: ItemRun | None) -> tuple[str, str, str]:
        """The title, the line under it and the next item, in words."""
        coming = state.next
        next_words = (
            f"Next: {coming.item.title} ({format_minutes(coming.allowance_minutes)})"
            if coming is not None and state.phase is not Phase.NOT_STARTED
            else ""
        )
        if state.phase is Phase.FINISHED:
            done = sum(1 for r in state.items if r.started is not None and not r.skipped)
            return "The session has finished.", f"{done} of {len(state.items)} items run.", ""
        if not state.items:
            return (
                "This session has no agenda yet.",
                "Add items on the Plan tab (F2), then press s to start.",
                "",
            )
        if state.current_lost:
            return (
                "The item being run was deleted from the agenda.",
                "Press n to move on.",
                next_words,
            )
        if run is None:
            return "", "", next_words
        if state.phase is Phase.NOT_STARTED:
            return (
                f"First: {run.item.title}",
                "Press s to start the session and its clock.",
                "",
            )
        elapsed = f"Elapsed {clock_text(run.elapsed_seconds)} since {local_time(run.started)}"
        if run.item.lead:
            elapsed += f" · Led by {run.item.lead}"
        if state.phase is Phase.PAUSED:
            elapsed = "A break that is not on the agenda. Press space to carry on."
        return run.item.title, elapsed, next_words or "Next: nothing, this is the last item."

    def show_items(self, state: RunState) -> None:
        # The clock has already read the session: its planned start is the session's.
        start, finish = venue_time(state.planned_start), venue_time(state.planned_finish)
        timing = schedule([r.item for r in state.items], start, finish)
        rows = [
            (run.item_id, item_cells(run, planned.starts, planned.ends))
            for run, planned in zip(state.items, timing.items, strict=True)
        ]
        current = state.current.item_id if state.current else None
        if rows == self.rows and current == self.shown_current:
            return
        table = self.query_one(RunItemsTable)
        moved = current != self.shown_current
        table.replace_rows(rows, highlight=current if moved else None)
        self.rows, self.shown_current = rows, current

    # --- the keys ----------------------------------------------------------------

    def act(self, press: Callable[[], str | None]) -> None:
        """Press one clock key: say what happened, or why it cannot happen now."""
        try:
            said = press()
        except FacilitatorError as refused:
            self.notify(str(refused), severity="warning")
        else:
            if said:
                self.notify(said)
        self.refresh_clock()

    def action_start(self) -> None:
        self.act(self.clock.start)

    def action_next(self) -> None:
        self.act(self.clock.next)

    def action_previous(self) -> None:
        self.act(self.clock.previous)

    def action_skip(self) -> None:
        self.act(self.clock.skip)

    def action_adjust(self, minutes: int) -> None:
        self.act(lambda: self.clock.adjust(minutes))

    def action_pause(self) -> None:
        self.act(self.clock.pause_or_resume)

    def action_finish(self) -> None:
        state = self.clock.state()
        if state.phase in (Phase.NOT_STARTED, Phase.FINISHED):
            self.act(self.clock.finish)  # says why not
            return

        def answered(finish: bool | None) -> None:
            if finish:
                self.act(self.clock.finish)
                if self.clock.state().phase is Phase.FINISHED:
                    cast("FacilitatorApp", self.app).back_up()  # in a worker

        at = local_time(state.now)
        left = len(state.still_to_come)
        unrun = f" {plural(left, 'item')} on the agenda will not have been run." if left else ""
        self.app.push_screen(
            ConfirmScreen(
                "Finish the session?",
                f"The clock stops at {at}, keeping the times each item actually took."
                f"{unrun} The clock cannot be restarted after this, only reset.",
                yes="Finish",
            ),
            answered,
        )

    def action_reset(self) -> None:
        state = self.clock.state()
        if state.phase is Phase.NOT_STARTED:
            self.notify("The clock has not been started, so there is nothing to reset.")
            return

        def answered(reset: bool | None) -> None:
            if reset:
                self.clock.reset()
                self.notify("The clock is back to the start. Press s when the session begins.")
                self.refresh_clock()

        self.app.push_screen(
            ConfirmScreen(
                "Reset the clock?",
                "The times this session's items actually took are forgotten, as if it "
                "had never started (for after a practice run). The agenda stays as it is.",
                yes="Reset the clock",
            ),
            answered,
        )

    def action_catch_up(self) -> None:
        try:
            proposal = self.clock.proposal()
        except FacilitatorError as refused:
            self.notify(str(refused))
            return
        if not proposal.changes:
            self.notify(proposal.summary, severity="warning")
            return

        def answered(accept: bool | None) -> None:
            if accept:
                self.act(lambda: self.clock.accept(proposal))
            else:
                self.notify("The timings are as they were.")

        self.app.push_screen(ProposalScreen(proposal), answered)


def item_cells(run: ItemRun, starts: dt.time, ends: dt.time) -> tuple[str, ...]:
    """Planned clock times, the item, its minutes (with changes), when it ran, status."""
    minutes = str(run.allowance_minutes)
    if run.adjusted_by:
        minutes += f" ({run.adjusted_by:+d})"
    planned = f"{format_time(starts)}–{format_time(ends)}"
    return (planned, run.item.title, minutes, run.actual, run.status)
