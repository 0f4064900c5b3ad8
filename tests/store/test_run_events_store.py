"""The run clock kept in the data file: events round trip, and the clock resumes from them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sessions.models import AgendaItem, RunEvent, RunEventKind, Session
from sessions.run import Phase
from sessions.run_clock import RunClock, RunClockError
from sessions.store import Store
from support import FakeClock

SessionWithAgenda = tuple[Session, list[AgendaItem]]


def planned_start(session: Session) -> dt.datetime:
    """Thu 3 Dec 2026, 10:30 at the venue (the add_session default)."""
    return dt.datetime(2026, 12, 3, 10, 30, tzinfo=dt.UTC)  # London is on GMT in December


def test_events_round_trip_in_order_as_utc(
    store: Store, session_with_agenda: SessionWithAgenda
) -> None:
    session, items = session_with_agenda
    assert session.id is not None
    london = planned_start(session).astimezone(ZoneInfo("Europe/London"))
    first = store.run_events.add(
        session.id, RunEvent(RunEventKind.START, london, items[0].id, minutes=80)
    )
    store.run_events.add(session.id, RunEvent(RunEventKind.ADJUST, london, items[0].id, minutes=-3))
    back = store.run_events.for_session(session.id)
    assert [(e.kind, e.agenda_item_id, e.minutes) for e in back] == [
        (RunEventKind.START, items[0].id, 80),
        (RunEventKind.ADJUST, items[0].id, -3),
    ]
    assert back[0].at == planned_start(session) and back[0].at.utcoffset() == dt.timedelta(0)
    assert back[0].id == first.id

    store.agenda.delete(items[0].id)  # type: ignore[arg-type]
    assert store.run_events.for_session(session.id)[0].agenda_item_id is None

    store.run_events.clear(session.id)
    assert store.run_events.for_session(session.id) == []


def test_the_clock_resumes_from_the_data_file(
    db_path: Path, store: Store, session_with_agenda: SessionWithAgenda
) -> None:
    session, _ = session_with_agenda
    assert session.id is not None
    clock = FakeClock(planned_start(session))
    run = RunClock(store, session.id, clock)
    run.start()
    clock.advance(minutes=17)
    run.next()
    clock.advance(minutes=2)
    run.adjust(5)
    run.pause_or_resume()
    clock.advance(minutes=3)

    with Store.open(db_path) as reopened:
        state = RunClock(reopened, session.id, clock).state()
    assert state.phase is Phase.PAUSED
    assert state.current is not None and state.current.item.title == "Talk"
    assert state.current.allowance_minutes == 50
    assert state.current.elapsed_seconds == 2 * 60
    assert state.items[0].actual == "10:30–10:47 (17 min)"
    assert state.schedule == "Running 10 min behind: due to finish at 12:00 instead of 11:50."


def test_keys_that_make_no_sense_now_say_why(
    store: Store, session_with_agenda: SessionWithAgenda
) -> None:
    session, _ = session_with_agenda
    assert session.id is not None
    clock = FakeClock(planned_start(session))
    run = RunClock(store, session.id, clock)
    with pytest.raises(RunClockError, match="not started yet: press s"):
        run.next()
    run.start()
    with pytest.raises(RunClockError, match="already started"):
        run.start()
    with pytest.raises(RunClockError, match="first item"):
        run.previous()
    run.adjust(-14)
    with pytest.raises(RunClockError, match="already at 1 min"):
        run.adjust(-1)
    run.pause_or_resume()
    with pytest.raises(RunClockError, match="paused for a break"):
        run.next()
    run.pause_or_resume()
    for _ in range(3):
        run.next()
    with pytest.raises(RunClockError, match="last item: press f"):
        run.next()
    clock.advance(minutes=5)
    run.finish()
    with pytest.raises(RunClockError, match="has finished"):
        run.pause_or_resume()
    clock.moment -= dt.timedelta(minutes=10)
    with pytest.raises(RunClockError, match="earlier than the last thing"):
        run.proposal()
    assert len(store.run_events.for_session(session.id)) == 8


def test_accepting_a_proposal_shortens_this_run_and_keeps_the_plan(
    store: Store, session_with_agenda: SessionWithAgenda
) -> None:
    session, _ = session_with_agenda
    assert session.id is not None
    clock = FakeClock(planned_start(session))
    run = RunClock(store, session.id, clock)
    with pytest.raises(RunClockError, match="nothing to catch up"):
        run.proposal()
    run.start()
    clock.advance(minutes=25)  # Welcome 10 min over
    proposal = run.proposal()
    assert [c.words for c in proposal.changes] == ["Talk 45 → 35 min"]
    said = run.accept(proposal)
    assert said == "New timings for this run. On time: due to finish at 11:50."
    assert [i.minutes for i in store.agenda.items(session.id)] == [15, 45, 10, 10]
    assert [r.allowance_minutes for r in run.state().items] == [15, 35, 10, 10]
    run.reset()
    assert [r.allowance_minutes for r in run.state().items] == [15, 45, 10, 10]


def test_start_after_the_finish_says_how_to_run_it_again(
    store: Store, session_with_agenda: SessionWithAgenda
) -> None:
    session, _ = session_with_agenda
    assert session.id is not None
    clock = RunClock(store, session.id, FakeClock(planned_start(session)))
    clock.start()
    clock.finish()
    with pytest.raises(RunClockError, match=r"has finished\. Press r to reset the clock"):
        clock.start()
