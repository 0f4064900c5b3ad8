"""The running clock of an agenda, and whether it fits the session."""

from __future__ import annotations

import datetime as dt

from sessions.agenda import end_after, schedule
from sessions.models import AgendaItem, AgendaKind

TEN = dt.time(10, 0)
NOON = dt.time(12, 0)


def items(*minutes: int) -> list[AgendaItem]:
    return [AgendaItem(title=f"Item {n}", minutes=m) for n, m in enumerate(minutes, 1)]


def clock(timing) -> list[tuple[str, str]]:
    return [(f"{s.starts:%H:%M}", f"{s.ends:%H:%M}") for s in timing.items]


def test_each_item_starts_when_the_one_before_it_ends() -> None:
    timing = schedule(items(15, 10, 35, 10), TEN, NOON)
    assert clock(timing) == [
        ("10:00", "10:15"),
        ("10:15", "10:25"),
        ("10:25", "11:00"),
        ("11:00", "11:10"),
    ]


def test_the_clock_counts_from_the_session_start_not_the_hour() -> None:
    timing = schedule(items(20, 25), dt.time(13, 45), dt.time(15, 0))
    assert clock(timing) == [("13:45", "14:05"), ("14:05", "14:30")]


def test_scheduled_items_keep_their_agenda_item_in_order() -> None:
    agenda = [
        AgendaItem("Welcome", 10, AgendaKind.WELCOME),
        AgendaItem("Close", 5, AgendaKind.CLOSE),
    ]
    timing = schedule(agenda, TEN, NOON)
    assert [s.item for s in timing.items] == agenda


def test_total_and_session_length() -> None:
    timing = schedule(items(15, 10, 35), TEN, NOON)
    assert timing.total_minutes == 60
    assert timing.session_minutes == 120


def test_an_agenda_that_fits_exactly() -> None:
    timing = schedule(items(60, 60), TEN, NOON)
    assert timing.over_by == 0
    assert not timing.overruns
    assert timing.summary == "Agenda 2 h of 2 h: it fits exactly."
    assert not any(s.runs_past_end for s in timing.items)


def test_an_agenda_with_time_to_spare() -> None:
    timing = schedule(items(45, 45), TEN, NOON)
    assert timing.over_by == 0
    assert not timing.overruns
    assert timing.summary == "Agenda 1 h 30 min of 2 h: 30 min to spare."


def test_an_agenda_that_overruns_says_by_how_much_and_what_to_do() -> None:
    timing = schedule(items(60, 60, 15), TEN, NOON)
    assert timing.over_by == 15
    assert timing.overruns
    assert timing.summary == (
        "The agenda runs 15 min over: it takes 2 h 15 min and the session is 2 h. "
        "Shorten or remove an item, or change the end time."
    )


def test_only_items_ending_after_the_session_end_are_flagged() -> None:
    timing = schedule(items(60, 50, 10, 5, 20), TEN, NOON)
    assert clock(timing)[2] == ("11:50", "12:00")
    assert [s.runs_past_end for s in timing.items] == [False, False, False, True, True]


def test_an_item_straddling_the_end_is_flagged() -> None:
    timing = schedule(items(100, 30, 10), TEN, NOON)
    assert [s.runs_past_end for s in timing.items] == [False, True, True]


def test_an_empty_agenda_says_so_with_the_session_length() -> None:
    timing = schedule([], TEN, dt.time(11, 30))
    assert timing.items == ()
    assert timing.total_minutes == 0
    assert not timing.overruns
    assert timing.summary == "No agenda items yet. The session is 1 h 30 min long."


def test_a_session_ending_before_it_starts_has_no_time_for_anything() -> None:
    timing = schedule(items(10), NOON, TEN)
    assert timing.session_minutes == 0
    assert timing.over_by == 10
    assert [s.runs_past_end for s in timing.items] == [True]


def test_end_after_counts_on_from_the_start() -> None:
    assert end_after(TEN, 90) == dt.time(11, 30)
    assert end_after(dt.time(13, 45), 20) == dt.time(14, 5)
    assert end_after(TEN, 0) == TEN


def test_end_after_stays_within_the_day() -> None:
    assert end_after(dt.time(23, 0), 120) == dt.time(23, 59)
    assert end_after(TEN, -30) == TEN
