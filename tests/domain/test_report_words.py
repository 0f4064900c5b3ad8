"""The progress report in words: exact sentences from hand-made Report objects.

The report is made by hand here (no data file), so each sentence is checked against
figures written out in the test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from sessions import report_words as words
from sessions.models import Role, SessionKind
from sessions.project_models import Rung
from sessions.reports import (
    Activity,
    Loop,
    Money,
    MonthMoney,
    ProjectLadder,
    Rating,
    Reach,
    ReachFigures,
    Report,
)
from sessions.store.reports import Scope

START, END = dt.date(2026, 4, 1), dt.date(2026, 9, 30)


def figures(label: str, people: int, first: int, times: int, top: int) -> ReachFigures:
    return ReachFigures(label, people, first, times, top)


def a_report(**changes: object) -> Report:
    """14 sessions between 1 April and 30 September 2026, 48 people, 236 times."""
    report = Report(
        scope=Scope(START, END),
        project_name="",
        activity=Activity(
            sessions_by_kind={
                SessionKind.LISTENING_SPACE: 6,
                SessionKind.OVER_A_BREW: 4,
                SessionKind.PROJECT_MEETING: 4,
            },
            session_minutes=30 * 60,
            people_minutes=212 * 60,
            people_by_role={Role.LIVED_EXPERIENCE: 30, Role.CARER: 8, Role.STAFF: 10},
            attendances=236,
        ),
        reach=Reach(
            whole=figures("The whole range", 48, 20, 236, 82),
            quarters=[
                figures("Apr to Jun 2026", 30, 12, 100, 40),
                figures("Jul to Sep 2026", 40, 8, 136, 41),
            ],
        ),
        loop=Loop(
            opened=12, done=8, dropped=1, overdue=2, still_to_do=3, days_to_done=[10, 30, 40]
        ),
        money=Money(
            months=[
                MonthMoney(dt.date(2026, 4, 1), 3000, 1043, 1),
                MonthMoney(dt.date(2026, 5, 1), 0, 0, 0),
                MonthMoney(dt.date(2026, 6, 1), 4500, 250, 2),
            ],
            waiting_claims=5,
            waiting_pence=21000,
        ),
        ladders=[
            ProjectLadder(
                3,
                "Carers Voice",
                [
                    Rating(Rung.CONSULTATION, dt.date(2026, 1, 12), "We asked and listened."),
                    Rating(Rung.CO_DESIGN, dt.date(2026, 6, 1), "Co-chairs plan each meeting."),
                ],
            ),
            ProjectLadder(
                4, "Transport", [Rating(Rung.INFORMING, dt.date(2026, 2, 1), "Newsletters.")]
            ),
        ],
    )
    return dataclasses.replace(report, **changes)  # type: ignore[arg-type]


# --- small formatters -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "said"),
    [
        (0, "0 hours"),
        (60, "1 hour"),
        (90, "1.5 hours"),
        (100, "1.7 hours"),  # 1.666... rounds up
        (212 * 60, "212 hours"),
        (99 * 60 + 57, "100 hours"),  # 99.95 rounds to 100.0
        (5_256_385, "87,606 hours"),
    ],
)
def test_hours_from_minutes(minutes: int, said: str) -> None:
    assert words.hours(minutes) == said


@pytest.mark.parametrize(
    ("share", "said"),
    [(0, "0%"), (0.004, "under 1%"), (0.005, "1%"), (82 / 236, "35%"), (0.125, "13%"), (1, "100%")],
)
def test_percentages(share: float, said: str) -> None:
    assert words.percent(share) == said


def test_money_and_dates() -> None:
    assert words.money(123450) == "£1,234.50"
    assert words.day_words(dt.date(2026, 4, 1)) == "1 April 2026"
    assert words.range_words(START, END) == "1 April to 30 September 2026"
    assert (
        words.range_words(dt.date(2025, 10, 1), dt.date(2026, 3, 31))
        == "1 October 2025 to 31 March 2026"
    )
    assert words.between_words(START, END) == "Between 1 April and 30 September 2026"
    assert (
        words.days(30) == "30 days"
        and words.days(1) == "1 day"
        and words.days(12.5) == ("12.5 days")
    )


@pytest.mark.parametrize(
    ("today", "start", "end"),
    [
        (dt.date(2026, 11, 23), dt.date(2026, 5, 1), dt.date(2026, 10, 31)),
        (dt.date(2026, 3, 1), dt.date(2025, 9, 1), dt.date(2026, 2, 28)),
        (dt.date(2026, 7, 31), dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
    ],
)
def test_the_last_six_whole_months(today: dt.date, start: dt.date, end: dt.date) -> None:
    assert words.last_six_months(today) == (start, end)


# --- titles and paragraphs ------------------------------------------------------------


def test_title_and_opening() -> None:
    report = a_report()
    assert words.report_title(report) == "Progress report: 1 April to 30 September 2026"
    assert words.opening_paragraph(report, "Notts County Council", dt.date(2026, 10, 2)) == (
        "How co-production went from 1 April to 30 September 2026, for all projects and "
        "sessions. Written by Notts County Council on 2 October 2026."
    )
    one = a_report(project_name="Carers Voice", scope=Scope(START, END, 3))
    assert (
        words.report_title(one) == "Progress report for Carers Voice: 1 April to 30 September 2026"
    )
    assert "for the project Carers Voice." in words.opening_paragraph(one, "X", END)


def test_activity_paragraph() -> None:
    assert words.activity_paragraph(a_report()) == (
        "Between 1 April and 30 September 2026 we held 14 sessions: 6 Listening Spaces, "
        "4 Over a Brew conversations and 4 project meetings. The sessions ran for 30 hours, "
        "and people took part for 212 hours in all. 48 different people took part: 30 people "
        "with lived experience, 8 carers and 10 members of staff."
    )


def test_activity_paragraph_with_one_of_each_and_the_future_left_out() -> None:
    report = a_report(
        activity=Activity(
            sessions_by_kind={SessionKind.TRAINING: 1},
            session_minutes=90,
            people_minutes=90,
            people_by_role={Role.CARER: 1},
            attendances=1,
        )
    )
    assert words.activity_paragraph(report, today=dt.date(2026, 8, 3)) == (
        "Between 1 April and 30 September 2026 we held 1 training session. The session ran "
        "for 1.5 hours, and people took part for 1.5 hours in all. 1 person took part: "
        "1 carer. Sessions after 3 August 2026 have not happened yet, so they are not counted."
    )


def test_activity_paragraph_with_nothing_held() -> None:
    report = a_report(activity=Activity({}, 0, 0, {}, 0))
    assert words.activity_paragraph(report) == (
        "Between 1 April and 30 September 2026 we held no sessions."
    )


def test_reach_paragraph_with_the_trend() -> None:
    assert words.reach_paragraph(a_report()) == (
        "48 people took part, 20 of them for the first time. The ten people who took part "
        "most often made up 35% of all the times people took part (82 of 236). The lower "
        "this share, the more we hear beyond the same few voices. By quarter, it went down "
        "from 40% in Apr to Jun 2026 to 30% in Jul to Sep 2026."
    )


def test_reach_with_ten_people_or_fewer_and_with_nobody() -> None:
    few = a_report(reach=Reach(figures("The whole range", 6, 6, 9, 9), []))
    assert words.reach_paragraph(few) == (
        "6 people took part, all of them for the first time. With 6 people taking part, "
        "the ten who took part most often are everyone who came."
    )
    regulars = a_report(reach=Reach(figures("The whole range", 3, 0, 9, 9), []))
    assert words.reach_paragraph(regulars).startswith(
        "3 people took part, none of them for the first time."
    )
    nobody = a_report(reach=Reach(figures("The whole range", 0, 0, 0, 0), []))
    assert words.reach_paragraph(nobody) == "Nobody was recorded as taking part in this range."


def test_the_trend_leaves_out_quarters_nobody_came_in_and_says_when_it_held() -> None:
    quarters = [
        figures("Jan to Mar 2026", 20, 5, 40, 20),
        figures("Apr to Jun 2026", 0, 0, 0, 0),
        figures("Jul to Sep 2026", 30, 5, 60, 30),
    ]
    assert words.trend_sentence(quarters) == (
        "By quarter, it stayed at 50% from Jan to Mar 2026 to Jul to Sep 2026."
    )
    assert words.trend_sentence(quarters[:2]) == ""


def test_loop_paragraph() -> None:
    assert words.loop_paragraph(a_report()) == (
        "At the sessions in this range we agreed 12 actions (“you said, we will”). In the "
        "range, 8 actions were done (“we did”) and 1 was dropped. 3 actions are still to do, "
        "2 of them overdue. Actions done took a median of 30 days from the session that "
        "agreed them: half took that long or less."
    )


def test_loop_paragraph_in_the_singular_and_with_nothing() -> None:
    one = a_report(loop=Loop(1, 1, 0, 1, 1, [12]))
    assert words.loop_paragraph(one) == (
        "At the sessions in this range we agreed 1 action (“you said, we will”). In the "
        "range, 1 action was done (“we did”). 1 action is still to do, and it is overdue. "
        "The action done took 12 days from the session that agreed it."
    )
    none = a_report(loop=Loop(0, 0, 0, 0, 0, []))
    assert words.loop_paragraph(none) == (
        "No actions were agreed at the sessions in this range. No actions were done or "
        "dropped in the range."
    )


def test_money_paragraph() -> None:
    assert words.money_paragraph(a_report()) == (
        "In the range we paid £75.00 for people's time (involvement payments) and £12.93 "
        "back in expenses, on 3 claims. 5 claims for £210.00 are waiting to be approved or "
        "paid."
    )
    corrected = a_report(money=Money([MonthMoney(START, 0, 0, 0)], 1, -4160))
    assert words.money_paragraph(corrected) == (
        "No claims were paid in the range. 1 claim is waiting to be approved or paid: with "
        "corrections to earlier claims, it takes back £41.60 in all."
    )
    nothing = a_report(money=Money([MonthMoney(START, 0, 0, 0)], 0, 0))
    assert words.money_paragraph(nothing) == (
        "No claims were paid in the range. No claims are waiting to be approved or paid."
    )


def test_the_ladder_in_words() -> None:
    carers, transport = a_report().ladders
    assert words.movement(carers) == "up 2 rungs since Jan 2026"
    assert words.ladder_line(carers) == (
        "Carers Voice stands at co-design (doing with), up 2 rungs since Jan 2026. Rated on "
        "1 June 2026: “Co-chairs plan each meeting.”"
    )
    assert words.movement(transport) == "rated once so far"
    down = ProjectLadder(
        5,
        "Letters",
        [
            Rating(Rung.ENGAGEMENT, dt.date(2025, 12, 1), "a"),
            Rating(Rung.CONSULTATION, dt.date(2026, 3, 1), "b"),
        ],
    )
    assert words.movement(down) == "down 1 rung since Dec 2025"
    same = ProjectLadder(6, "Same", [down.ratings[0], down.ratings[0]])
    assert words.movement(same) == "no change since Dec 2025"
    assert words.ladder_paragraph(a_report()).endswith(" 2 projects have been rated.")
    assert words.ladder_paragraph(a_report(ladders=[])).endswith(
        " No project has been rated on the ladder by 30 September 2026."
    )


# --- charts and tables ------------------------------------------------------------------


def test_alt_text_states_every_figure() -> None:
    report = a_report()
    assert words.kinds_chart(report).alt_text == (
        "Bar chart of sessions held by kind, 1 April to 30 September 2026: Listening Space 6, "
        "Over a Brew 4 and Project meeting 4. 14 sessions in all."
    )
    assert words.roles_chart(report).alt_text == (
        "Bar chart of the different people who took part by role, 1 April to 30 September "
        "2026: Person with lived experience 30, Carer 8 and Staff 10. 48 people in all."
    )
    assert words.quarters_chart(report).alt_text == (
        "Bar chart of the share of all taking part that came from the ten people who took "
        "part most often, by quarter: Apr to Jun 2026 40% (40 of 100 times, 30 people); "
        "Jul to Sep 2026 30% (41 of 136 times, 40 people)."
    )
    assert words.money_chart(report).alt_text == (
        "Bar chart of money paid by month, for people's time and for expenses: Apr 2026 "
        "£30.00 for time and £10.43 in expenses; May 2026 nothing paid; Jun 2026 £45.00 for "
        "time and £2.50 in expenses. In all, £75.00 for time and £12.93 in expenses."
    )


def test_chart_figures_match_the_report() -> None:
    report = a_report()
    money = words.money_chart(report)
    assert money.labels == ["Apr 2026", "May 2026", "Jun 2026"]
    assert [s.values for s in money.series] == [[3000, 0, 4500], [1043, 0, 250]]
    assert money.series[1].shown == ["£10.43", "£0.00", "£2.50"]
    share = words.quarters_chart(report).series[0]
    assert share.values == [400, 301] and share.shown == ["40%", "30%"]


def test_tables_have_headers_and_totals() -> None:
    report = a_report()
    kinds = words.kinds_table(report)
    assert kinds.headers == ("Kind of session", "Sessions")
    assert kinds.rows == [
        ("Listening Space", "6"),
        ("Over a Brew", "4"),
        ("Project meeting", "4"),
        ("All sessions", "14"),
    ]
    assert kinds.total_row
    assert words.money_table(report).rows[-1] == ("In all", "£75.00", "£12.93", "3")
    assert words.reach_table(report).rows == [
        ("Apr to Jun 2026", "30", "12", "100", "40%"),
        ("Jul to Sep 2026", "40", "8", "136", "30%"),
        ("The whole range", "48", "20", "236", "35%"),
    ]
    assert words.ladder_table(report.ladders[0]).rows == [
        ("12 January 2026", "Consultation", "We asked and listened."),
        ("1 June 2026", "Co-design", "Co-chairs plan each meeting."),
    ]


def test_sections_leave_out_empty_charts_and_tables() -> None:
    empty = a_report(
        activity=Activity({}, 0, 0, {}, 0),
        reach=Reach(figures("The whole range", 0, 0, 0, 0), []),
        money=Money([MonthMoney(START, 0, 0, 0)], 0, 0),
        ladders=[],
    )
    found = {s.key: s for s in words.sections(empty)}
    assert list(found) == ["activity", "reach", "loop", "money", "ladder"]
    assert not found["activity"].blocks and not found["reach"].blocks
    assert not found["money"].blocks and not found["ladder"].parts
    assert [t.caption for t in found["loop"].tables] == ["You said, we will, we did"]
    full = {s.key: s for s in words.sections(a_report())}
    assert [type(b).__name__ for b in full["activity"].blocks] == [
        "Chart",
        "Table",
        "Table",
        "Chart",
        "Table",
    ]
    assert [p.heading for p in full["ladder"].parts] == ["Carers Voice", "Transport"]


def test_a_range_that_ends_before_it_starts_is_refused_in_words() -> None:
    assert words.range_problem(START, END) == ""
    assert words.range_problem(START, START) == ""
    assert words.range_problem(END, START) == (
        "The report would end on 1 April 2026, before it starts on 30 September 2026. "
        "Swap the dates round."
    )


def test_many_quarters_are_drawn_a_few_years_a_chart() -> None:
    quarters = [
        figures(f"{first} to {last} {year}", 20, 2, 40, 10)
        for year in range(2021, 2026)
        for first, last in (("Jan", "Mar"), ("Apr", "Jun"), ("Jul", "Sep"), ("Oct", "Dec"))
    ]
    report = a_report(reach=Reach(figures("The whole range", 50, 20, 800, 200), quarters))
    found = words.quarters_charts(report)
    assert [c.name for c in found] == [
        "Same few voices by quarter, 2021 to 2024",
        "Same few voices by quarter in 2025",
    ]
    assert [len(c.labels) for c in found] == [16, 4]
    assert found[1].alt_text.startswith(
        "Bar chart of the share of all taking part that came from the ten people who took "
        "part most often, by quarter in 2025: Jan to Mar 2025 25% (10 of 40 times, 20 people);"
    )
    assert words.quarters_charts(a_report())[0].name == "Same few voices by quarter"
