"""The agenda clock worked out from the keys pressed: replay, cues, ahead/behind, catching up."""

from __future__ import annotations

import datetime as dt

import pytest

from sessions.models import AgendaItem, AgendaKind, RunEvent, RunEventKind
from sessions.rebalance import propose, share
from sessions.run import Cue, Phase, clock_text, current_item_id, replay
from support import NOW

K = RunEventKind
START = NOW + dt.timedelta(minutes=30)
"""The session is planned for 10:30 at the venue."""


def agenda() -> list[AgendaItem]:
    """Welcome 10, Discussion 30, Break 10, Groups 20, Close 10: 80 minutes, to 11:50."""
    specs = [
        ("Welcome", 10, AgendaKind.WELCOME),
        ("Discussion", 30, AgendaKind.DISCUSSION),
        ("Break", 10, AgendaKind.BREAK),
        ("Groups", 20, AgendaKind.BREAKOUT),
        ("Close", 10, AgendaKind.CLOSE),
    ]
    return [
        AgendaItem(title, minutes, kind, id=index + 1, position=index)
        for index, (title, minutes, kind) in enumerate(specs)
    ]


def at(minutes: float) -> dt.datetime:
    """Minutes after the planned start."""
    return START + dt.timedelta(minutes=minutes)


def event(kind: RunEventKind, minute: float, item: int | None = None, n: int = 0) -> RunEvent:
    return RunEvent(kind, at(minute), agenda_item_id=item, minutes=n)


def state_at(events: list[RunEvent], minute: float, items: list[AgendaItem] | None = None):  # type: ignore[no-untyped-def]
    return replay(events, items if items is not None else agenda(), START, at(minute))


def test_before_the_start_it_says_when_it_was_planned_and_how_late_it_is() -> None:
    early = replay([], agenda(), START, NOW)
    assert early.phase is Phase.NOT_STARTED
    assert early.current is None and early.next is not None
    assert early.next.item.title == "Welcome"
    assert early.schedule == "Planned to start at 10:30, in 30 min; to finish at 11:50."

    late = state_at([], 12)
    assert late.schedule == (
        "Planned to start at 10:30: 12 min late. "
        "Starting now, it would finish at 12:02 instead of 11:50."
    )
    assert current_item_id([], agenda()) is None


def test_start_and_next_time_each_item_and_keep_actual_start_and_end() -> None:
    events = [
        event(K.START, 2, 1, n=80),
        event(K.NEXT, 11.5, 2),
    ]
    state = state_at(events, 20)
    assert state.phase is Phase.RUNNING
    assert state.started_words == "Started at 10:32, 2 min late."
    welcome, discussion = state.items[0], state.items[1]
    assert welcome.status == "done"
    assert (welcome.started, welcome.ended) == (at(2), at(11.5))
    assert welcome.elapsed_seconds == 9 * 60 + 30
    assert welcome.actual == "10:32–10:41 (9 min)"
    assert state.current is discussion
    assert discussion.elapsed_seconds == 8 * 60 + 30
    assert discussion.remaining_seconds == 21 * 60 + 30
    assert clock_text(discussion.remaining_seconds) == "21:30"
    assert discussion.time_words == "21 min left of 30 min"
    assert state.next is not None and state.next.item.title == "Break"
    assert current_item_id(events, agenda()) == 2


def test_amber_at_a_fifth_left_red_at_a_twentieth_then_over_by() -> None:
    events = [event(K.START, 0, 1), event(K.NEXT, 10, 2)]  # Discussion: 30 min from 10:40
    assert state_at(events, 10 + 23.9).current.cue is Cue.NORMAL  # type: ignore[union-attr]
    assert state_at(events, 10 + 24).current.cue is Cue.AMBER  # type: ignore[union-attr]
    assert state_at(events, 10 + 28.4).current.cue is Cue.AMBER  # type: ignore[union-attr]
    assert state_at(events, 10 + 28.5).current.cue is Cue.RED  # type: ignore[union-attr]
    assert state_at(events, 10 + 30).current.cue is Cue.RED  # type: ignore[union-attr]
    over = state_at(events, 10 + 30.5).current
    assert over is not None and over.cue is Cue.OVER
    assert over.time_words == "Over by less than a minute"
    over = state_at(events, 10 + 33.2).current
    assert over is not None
    assert clock_text(over.remaining_seconds) == "-3:12"
    assert over.time_words == "Over by 3 min"


def test_ahead_and_behind_count_the_rest_of_the_agenda() -> None:
    events = [event(K.START, 0, 1), event(K.NEXT, 10, 2)]
    assert state_at(events, 20).schedule == "On time: due to finish at 11:50."

    late = state_at(events, 10 + 36)  # Discussion 6 min over
    assert late.behind_minutes == 6
    assert late.schedule == "Running 6 min behind: due to finish at 11:56 instead of 11:50."

    quick = state_at([*events, event(K.NEXT, 30, 3)], 32)  # Discussion ended 10 min early
    assert quick.behind_minutes == -10
    assert quick.schedule == "Running 10 min ahead: due to finish at 11:40 instead of 11:50."


def test_previous_returns_to_an_item_and_its_time_carries_on() -> None:
    events = [
        event(K.START, 0, 1),
        event(K.NEXT, 4, 2),
        event(K.PREVIOUS, 6, 1),
    ]
    state = state_at(events, 7)
    assert state.current is not None and state.current.item.title == "Welcome"
    assert state.current.elapsed_seconds == 5 * 60
    discussion = state.items[1]
    assert discussion.elapsed_seconds == 2 * 60
    assert discussion.to_go_seconds == 28 * 60, "its time left still counts as to come"
    assert discussion.status == "to come"


def test_skip_marks_the_item_and_going_back_runs_it_after_all() -> None:
    events = [event(K.START, 0, 1), event(K.NEXT, 10, 2), event(K.SKIP, 11, 3)]
    state = state_at(events, 12)
    assert state.items[1].status == "skipped"
    assert state.current is not None and state.current.item.title == "Break"
    # Skipped items are left out of what is still to come, so the finish is earlier.
    assert state.schedule == "Running 29 min ahead: due to finish at 11:21 instead of 11:50."

    back = state_at([*events, event(K.PREVIOUS, 12, 2)], 13)
    assert back.items[1].status == "now"
    assert back.items[1].elapsed_seconds == 2 * 60


def test_adjust_changes_the_current_items_time() -> None:
    events = [event(K.START, 0, 1), event(K.ADJUST, 1, 1, n=5), event(K.ADJUST, 2, 1, n=-1)]
    state = state_at(events, 3)
    welcome = state.current
    assert welcome is not None
    assert welcome.allowance_minutes == 14
    assert welcome.time_words == "11 min left of 14 min"
    assert state.behind_minutes == 4


def test_pause_stops_the_item_clock_but_not_the_session() -> None:
    events = [event(K.START, 0, 1), event(K.PAUSE, 4, 1)]
    paused = state_at(events, 9)
    assert paused.phase is Phase.PAUSED
    assert paused.current is not None
    assert paused.current.elapsed_seconds == 4 * 60
    assert paused.paused_words == "Paused since 10:34 (5 min)."
    assert paused.behind_minutes == 5, "a break not in the agenda makes the session late"

    resumed = state_at([*events, event(K.RESUME, 10, 1)], 12)
    assert resumed.phase is Phase.RUNNING
    assert resumed.current is not None
    assert resumed.current.elapsed_seconds == 6 * 60
    assert resumed.current.paused_seconds == 6 * 60
    assert resumed.paused_seconds == 6 * 60


def test_finish_ends_the_run_and_compares_with_the_plan() -> None:
    events = [
        event(K.START, 0, 1, n=80),
        event(K.NEXT, 10, 2),
        event(K.NEXT, 45, 3),
        event(K.NEXT, 55, 4),
        event(K.NEXT, 75, 5),
        event(K.FINISH, 87, 5),
    ]
    state = state_at(events, 100)
    assert state.phase is Phase.FINISHED
    assert state.current is None and state.next is None
    assert state.items[-1].ended == at(87)
    assert state.schedule == "Finished at 11:57, 7 min later than planned (planned 11:50)."
    assert current_item_id(events, agenda()) is None

    early = state_at([event(K.START, 0, 1), event(K.FINISH, 12, 1)], 20)
    assert [run.status for run in early.items][:2] == ["done", "not reached"]
    assert early.schedule == "Finished at 10:42, 1 h 8 min earlier than planned (planned 11:50)."


def test_the_planned_finish_is_kept_from_the_start_when_the_agenda_changes() -> None:
    events = [event(K.START, 0, 1, n=80)]
    shorter = agenda()
    shorter[1].minutes = 20
    state = state_at(events, 5, shorter)
    assert state.planned_minutes == 80
    assert state.behind_minutes == -10


def test_replay_survives_reordering_and_deleting_items() -> None:
    events = [event(K.START, 0, 1), event(K.NEXT, 10, 2)]
    reordered = agenda()
    reordered[0], reordered[1] = reordered[1], reordered[0]
    state = state_at(events, 15, reordered)
    assert state.current is not None and state.current.item.title == "Discussion"
    assert current_item_id(events, reordered) == 2

    without = [item for item in agenda() if item.id != 2]
    lost = state_at(events, 15, without)
    assert lost.current is None and lost.current_lost
    assert lost.next is not None and lost.next.item.title == "Break"
    assert current_item_id(events, without) is None


def test_a_clock_put_back_counts_as_no_time() -> None:
    events = [event(K.START, 0, 1), event(K.NEXT, 10, 2)]
    state = replay(events, agenda(), START, at(5))
    assert state.now == at(10)
    assert state.items[0].elapsed_seconds == 10 * 60
    assert state.current is not None and state.current.elapsed_seconds == 0


# --- catching up ------------------------------------------------------------------


def test_no_proposal_when_on_time_or_ahead() -> None:
    events = [event(K.START, 0, 1), event(K.NEXT, 10, 2)]
    assert propose(state_at(events, 20)) is None


def test_overrun_shared_in_proportion_protecting_the_break_and_close() -> None:
    events = [event(K.START, 0, 1), event(K.NEXT, 16, 2)]  # Welcome ran 6 min over
    proposal = propose(state_at(events, 17))
    assert proposal is not None
    assert proposal.behind == 6
    # Discussion has begun, so only Groups is still to come and can be shortened.
    assert [c.words for c in proposal.changes] == ["Groups 20 → 14 min"]
    assert proposal.unabsorbed == 0

    events = [event(K.START, 0, 1, n=80)]  # still on Welcome, 10 min over
    proposal = propose(state_at(events, 20))
    assert proposal is not None
    assert proposal.behind == 10
    assert [c.words for c in proposal.changes] == [
        "Discussion 30 → 24 min",
        "Groups 20 → 16 min",
    ]
    assert [item.title for item in proposal.kept] == ["Break", "Close"]
    assert proposal.summary == (
        "The session is 10 min behind. Shortening the items still to come "
        "makes up 10 min, so it would finish on time."
    )


def test_an_overrun_too_big_to_absorb_is_said_in_words() -> None:
    events = [event(K.START, 0, 1)]  # Welcome 50 min over
    proposal = propose(state_at(events, 60))
    assert proposal is not None
    assert proposal.behind == 50
    assert [c.words for c in proposal.changes] == [
        "Discussion 30 → 5 min",
        "Groups 20 → 5 min",
    ]
    assert proposal.absorbed == 40 and proposal.unabsorbed == 10
    assert "The other 10 min cannot be made up" in proposal.summary
    assert proposal.summary.endswith("It would finish at 12:00.")
    assert "breaks and the close are kept as planned" in proposal.summary


def test_nothing_to_shorten_when_only_protected_or_short_items_remain() -> None:
    events = [event(K.START, 0, 1), event(K.NEXT, 10, 2), event(K.NEXT, 40, 3)]
    items = agenda()
    items[3].minutes = 4  # Groups already shorter than the floor
    proposal = propose(state_at(events, 60, items))  # the Break has run 10 min over
    assert proposal is not None
    assert proposal.behind == 10
    assert proposal.changes == ()
    assert proposal.summary.startswith("The session is")
    assert "nothing still to come can be shortened" in proposal.summary


@pytest.mark.parametrize(
    ("total", "weights", "caps", "expected"),
    [
        (6, [30, 20], [25, 15], [4, 2]),
        (7, [10, 10, 10], [5, 5, 5], [3, 2, 2]),
        (10, [30, 20], [2, 15], [2, 8]),
        (100, [30, 20], [25, 15], [25, 15]),
        (0, [30, 20], [25, 15], [0, 0]),
    ],
)
def test_share_is_whole_proportional_and_capped(
    total: int, weights: list[int], caps: list[int], expected: list[int]
) -> None:
    assert share(total, weights, caps) == expected
