"""The progress report in words: what the Reports screen and the Word report say.

`sessions.reports.build_report` works out the figures; this module turns a Report
into plain English for a committee, and into the same tables and charts for the
screen and the Word file, so the two never disagree:

- a paragraph per section ("Between 1 April and 30 September 2026 we held 14
  sessions: ..."), in short sentences with "we" and figures written out;
- each section's tables (header words, rows, which columns are numbers);
- each chart's figures and its alt text, which states every figure drawn, so
  someone who cannot see the picture loses nothing.

Plain Python: no Textual, no Word, no Pillow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sessions import reports
from sessions.display import plural
from sessions.models import Role, SessionKind
from sessions.money import pounds
from sessions.projects import rung_words, steps_words
from sessions.reports import MonthMoney, ProjectLadder, ReachFigures, Report
from sessions.summary import ROLE_WORDS

T = TypeVar("T")

REPORT_MONTHS = 6
"""Committees hear about co-production every six months: the range offered first."""
MONTHS_A_CHART = 12
QUARTERS_A_CHART = 16
"""More months or quarters than this are drawn as a chart a year (or a few years), so
each chart fits a page."""

KIND_WORDS: dict[SessionKind, tuple[str, str]] = {
    SessionKind.LISTENING_SPACE: ("Listening Space", "Listening Spaces"),
    SessionKind.OVER_A_BREW: ("Over a Brew conversation", "Over a Brew conversations"),
    SessionKind.PROJECT_MEETING: ("project meeting", "project meetings"),
    SessionKind.TASK_AND_FINISH: (
        "task-and-finish group meeting",
        "task-and-finish group meetings",
    ),
    SessionKind.STEERING_GROUP: ("steering group meeting", "steering group meetings"),
    SessionKind.TRAINING: ("training session", "training sessions"),
    SessionKind.OTHER: ("other session", "other sessions"),
}
"""How many sessions of a kind, in words: '1 Listening Space', '4 project meetings'."""

NUMBER_WORDS = {5: "five", 10: "ten", 20: "twenty"}
LADDER_WORDS = (
    "The team rates each project on the ladder of participation, from coercion at the "
    "bottom, through informing, consultation and engagement, to co-design and "
    "co-production at the top."
)


# --- small formatters ------------------------------------------------------------------


def hours(minutes: int) -> str:
    """'212 hours', '1 hour', '1.5 hours': tenths of an hour below 100 hours, whole
    hours above (rounded half up; never a float)."""
    if minutes >= 100 * 60:
        whole = (minutes + 30) // 60
        return plural(whole, "hour")
    tenths = (minutes * 10 + 30) // 60
    whole, tenth = divmod(tenths, 10)
    if tenth == 0:
        return plural(whole, "hour")
    return f"{whole}.{tenth} hours"


def percent(share: float) -> str:
    """'35%' from 0.35, rounded half up to a whole percent; 'under 1%' for a little."""
    if 0 < share < 0.005:
        return "under 1%"
    return f"{int(share * 100 + 0.5 + 1e-9)}%"


def money(pence: int) -> str:
    """'£1,234.50'."""
    return pounds(pence)


def day_words(day: dt.date) -> str:
    """'1 April 2026'."""
    return f"{day.day} {day:%B %Y}"


def month_words(first: dt.date) -> str:
    """'Apr 2026': a month in a table or a chart."""
    return f"{first:%b %Y}"


def range_words(start: dt.date, end: dt.date) -> str:
    """'1 April to 30 September 2026'; the year twice only when it changes."""
    if start.year == end.year:
        return f"{start.day} {start:%B} to {day_words(end)}"
    return f"{day_words(start)} to {day_words(end)}"


def between_words(start: dt.date, end: dt.date) -> str:
    """'Between 1 April and 30 September 2026'."""
    first = f"{start.day} {start:%B}" if start.year == end.year else day_words(start)
    return f"Between {first} and {day_words(end)}"


def and_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def number_words(count: int) -> str:
    """'ten' for the numbers a sentence spells out, digits for the rest."""
    return NUMBER_WORDS.get(count, f"{count:,}")


def days(count: float) -> str:
    """'30 days', '1 day', '12.5 days' (a median may fall between two)."""
    if float(count).is_integer():
        return plural(int(count), "day")
    return f"{count:.1f} days"


def kind_count(kind: SessionKind, count: int) -> str:
    one, many = KIND_WORDS[kind]
    return f"{count:,} {one if count == 1 else many}"


def role_count(role: Role, count: int) -> str:
    one, many = ROLE_WORDS[role]
    return f"{count:,} {one if count == 1 else many}"


def last_six_months(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last six whole months before this one: on 23 November 2026, 1 May to
    31 October 2026."""
    end = today.replace(day=1) - dt.timedelta(days=1)
    month = end.month - REPORT_MONTHS + 1
    year = end.year
    if month < 1:
        month += 12
        year -= 1
    return dt.date(year, month, 1), end


def range_problem(start: dt.date, end: dt.date) -> str:
    """What is wrong with a report's range, in words, or nothing."""
    if end < start:
        return (
            f"The report would end on {day_words(end)}, before it starts on "
            f"{day_words(start)}. Swap the dates round."
        )
    return ""


def top_voices() -> int:
    return reports.TOP_VOICES


# --- titles ------------------------------------------------------------------------------


def report_title(report: Report) -> str:
    """'Progress report: 1 May to 31 October 2026', or 'Progress report for Carers
    Voice: ...'."""
    which = f" for {report.project_name}" if report.project_name else ""
    return f"Progress report{which}: {range_words(report.scope.start, report.scope.end)}"


def scope_words(report: Report) -> str:
    """'all projects and sessions', or 'the project Carers Voice'."""
    if report.project_name:
        return f"the project {report.project_name}"
    return "all projects and sessions"


def opening_paragraph(report: Report, organisation: str, today: dt.date) -> str:
    """What the report is about and who wrote it when."""
    scope = report.scope
    return (
        f"How co-production went from {range_words(scope.start, scope.end)}, for "
        f"{scope_words(report)}. Written by {organisation} on {day_words(today)}."
    )


# --- the paragraphs ------------------------------------------------------------------------


def activity_paragraph(report: Report, today: dt.date | None = None) -> str:
    """Sessions held by kind, hours, and people by role."""
    activity = report.activity
    scope = report.scope
    opening = between_words(scope.start, scope.end)
    sentences = []
    if not activity.sessions:
        sentences.append(f"{opening} we held no sessions.")
    else:
        kinds = [kind_count(kind, n) for kind, n in activity.sessions_by_kind.items()]
        held = plural(activity.sessions, "session")
        if len(kinds) == 1:
            sentences.append(f"{opening} we held {kinds[0]}.")
        else:
            sentences.append(f"{opening} we held {held}: {and_list(kinds)}.")
        ran = "The session ran" if activity.sessions == 1 else "The sessions ran"
        if activity.attendances:
            sentences.append(
                f"{ran} for {hours(activity.session_minutes)}, and people took "
                f"part for {hours(activity.people_minutes)} in all."
            )
            people = sum(activity.people_by_role.values())
            roles = [role_count(role, n) for role, n in activity.people_by_role.items()]
            who = plural(people, "person", "different people")
            sentences.append(f"{who} took part: {and_list(roles)}.")
        else:
            sentences.append(
                f"{ran} for {hours(activity.session_minutes)}. Nobody was recorded as taking part."
            )
    if today is not None and today < scope.end:
        sentences.append(
            f"Sessions after {day_words(today)} have not happened yet, so they are not counted."
        )
    return " ".join(sentences)


def reach_paragraph(report: Report) -> str:
    """How many people, first-timers, and the same-few-voices share with its trend."""
    whole = report.reach.whole
    if not whole.attendances:
        return "Nobody was recorded as taking part in this range."
    if whole.first_time == whole.people:
        first = "all of them for the first time"
    elif whole.first_time == 0:
        first = "none of them for the first time"
    else:
        first = f"{whole.first_time:,} of them for the first time"
    if whole.people == 1:
        first = "for the first time" if whole.first_time else "not for the first time"
    sentences = [f"{plural(whole.people, 'person', 'people')} took part, {first}."]
    top = top_voices()
    if whole.people <= top:
        sentences.append(
            f"With {plural(whole.people, 'person', 'people')} taking part, the "
            f"{number_words(top)} who took part most often are everyone who came."
        )
        return " ".join(sentences)
    sentences.append(
        f"The {number_words(top)} people who took part most often made up "
        f"{percent(whole.top_share)} of all the times people took part "
        f"({whole.top_attendances:,} of {whole.attendances:,}). The lower this share, "
        "the more we hear beyond the same few voices."
    )
    trend = trend_sentence(report.reach.quarters)
    if trend:
        sentences.append(trend)
    return " ".join(sentences)


def trend_sentence(quarters: Sequence[ReachFigures]) -> str:
    """How the same-few-voices share moved from the first quarter anyone came to the
    last: 'By quarter, it went down from 40% in Apr to Jun 2026 to 30% in Jul to Sep
    2026.'"""
    counted = [q for q in quarters if q.attendances]
    if len(counted) < 2:
        return ""
    first, last = counted[0], counted[-1]
    before, after = percent(first.top_share), percent(last.top_share)
    if before == after:
        return f"By quarter, it stayed at {before} from {first.label} to {last.label}."
    way = "down" if last.top_share < first.top_share else "up"
    return f"By quarter, it went {way} from {before} in {first.label} to {after} in {last.label}."


def loop_paragraph(report: Report) -> str:
    """You said, we will, we did."""
    loop = report.loop
    sentences = []
    if loop.opened:
        sentences.append(
            f"At the sessions in this range we agreed {plural(loop.opened, 'action')} "
            "(“you said, we will”)."
        )
    else:
        sentences.append("No actions were agreed at the sessions in this range.")
    done = f"{plural(loop.done, 'action')} {'was' if loop.done == 1 else 'were'} done"
    if loop.done and loop.dropped:
        sentences.append(
            f"In the range, {done} (“we did”) and {loop.dropped:,} "
            f"{'was' if loop.dropped == 1 else 'were'} dropped."
        )
    elif loop.done:
        sentences.append(f"In the range, {done} (“we did”).")
    elif loop.dropped:
        sentences.append(
            f"In the range, no actions were done and {loop.dropped:,} "
            f"{'was' if loop.dropped == 1 else 'were'} dropped."
        )
    else:
        sentences.append("No actions were done or dropped in the range.")
    if loop.still_to_do:
        verb = "is" if loop.still_to_do == 1 else "are"
        still = f"{plural(loop.still_to_do, 'action')} {verb} still to do"
        if loop.overdue == 0:
            sentences.append(f"{still}, none of them overdue.")
        elif loop.still_to_do == 1:
            sentences.append(f"{still}, and it is overdue.")
        elif loop.overdue == loop.still_to_do:
            sentences.append(f"{still}, all of them overdue.")
        else:
            sentences.append(f"{still}, {loop.overdue:,} of them overdue.")
    if loop.median_days is not None:
        if len(loop.days_to_done) == 1:
            sentences.append(
                f"The action done took {days(loop.median_days)} from the session that agreed it."
            )
        else:
            sentences.append(
                f"Actions done took a median of {days(loop.median_days)} from the session "
                "that agreed them: half took that long or less."
            )
    return " ".join(sentences)


def money_paragraph(report: Report) -> str:
    """Payments for time and expenses paid, and claims waiting."""
    money_ = report.money
    paid = sum(m.claims for m in money_.months)
    sentences = []
    if paid:
        sentences.append(
            f"In the range we paid {money(money_.involvement_pence)} for people's time "
            f"(involvement payments) and {money(money_.expenses_pence)} back in expenses, "
            f"on {plural(paid, 'claim')}."
        )
    else:
        sentences.append("No claims were paid in the range.")
    if money_.waiting_claims:
        verb = "is" if money_.waiting_claims == 1 else "are"
        waiting = f"{plural(money_.waiting_claims, 'claim')} {verb} waiting to be approved or paid"
        if money_.waiting_pence >= 0:
            sentences.append(
                f"{plural(money_.waiting_claims, 'claim')} for {money(money_.waiting_pence)} "
                f"{verb} waiting to be approved or paid."
            )
        else:  # corrections of claims already paid take back more than is claimed
            sentences.append(
                f"{waiting}: with corrections to earlier claims, "
                f"{'it takes' if money_.waiting_claims == 1 else 'they take'} back "
                f"{money(-money_.waiting_pence)} in all."
            )
    else:
        sentences.append("No claims are waiting to be approved or paid.")
    return " ".join(sentences)


def movement(ladder: ProjectLadder) -> str:
    """'up 2 rungs since Jan 2026', 'no change since Jan 2026', 'rated once'."""
    if len(ladder.ratings) == 1:
        return "rated once so far"
    since = month_words(ladder.ratings[0].rated_on)
    if ladder.moved == 0:
        return f"no change since {since}"
    return f"{steps_words(ladder.moved)} since {since}"


def ladder_line(ladder: ProjectLadder) -> str:
    """'Carers Voice stands at co-design (doing with), up 2 rungs since Nov 2025.
    Rated on 1 March 2026: “Co-chairs plan each meeting.”'"""
    latest = ladder.latest
    return (
        f"{ladder.name} stands at {rung_words(latest.rung).lower()}, "
        f"{movement(ladder)}. Rated on {day_words(latest.rated_on)}: “{latest.reason}”"
    )


def ladder_paragraph(report: Report) -> str:
    """The ladder explained, and how many projects are rated."""
    if not report.ladders:
        if report.project_name:
            return (
                f"{LADDER_WORDS} {report.project_name} has not been rated on the ladder "
                f"by {day_words(report.scope.end)}."
            )
        by = day_words(report.scope.end)
        return f"{LADDER_WORDS} No project has been rated on the ladder by {by}."
    if report.project_name:
        return LADDER_WORDS
    rated = len(report.ladders)
    verb = "has" if rated == 1 else "have"
    return f"{LADDER_WORDS} {plural(rated, 'project')} {verb} been rated."


# --- tables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A table as the screen and the Word file both show it."""

    caption: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    numbers: tuple[int, ...] = ()
    """Columns holding numbers or money, aligned right."""
    total_row: bool = False
    """The last row adds up the others."""
    bar_column: int | None = None
    """A column whose figures a bar beside them shows, on screen."""
    lines: tuple[str, ...] = ()
    """The rows as sentences, for a screen too narrow for long words in a column."""


def kinds_table(report: Report) -> Table:
    by_kind = {kind.label: n for kind, n in report.activity.sessions_by_kind.items()}
    return _counts_table(
        "Sessions held by kind", ("Kind of session", "Sessions"), by_kind, "All sessions"
    )


def roles_table(report: Report) -> Table:
    by_role = {role.label: n for role, n in report.activity.people_by_role.items()}
    return _counts_table(
        "Different people who took part, by role", ("Role", "People"), by_role, "Everyone"
    )


def _counts_table(
    caption: str, headers: tuple[str, str], counts: dict[str, int], total: str
) -> Table:
    """A count a label, a bar beside each on screen, and a last row adding them up."""
    rows = [(label, f"{n:,}") for label, n in counts.items()]
    rows.append((total, f"{sum(counts.values()):,}"))
    return Table(caption, headers, rows, numbers=(1,), total_row=True, bar_column=1)


def hours_table(report: Report) -> Table:
    activity = report.activity
    return Table(
        "Hours of co-production",
        ("Time", "In all"),
        [
            ("Sessions ran for", hours(activity.session_minutes)),
            ("People took part for", hours(activity.people_minutes)),
            ("Times people took part", f"{activity.attendances:,}"),
        ],
        numbers=(1,),
    )


def reach_table(report: Report) -> Table:
    top = number_words(top_voices())

    def row(figures: ReachFigures) -> tuple[str, ...]:
        share = percent(figures.top_share) if figures.attendances else "none"
        return (
            figures.label,
            f"{figures.people:,}",
            f"{figures.first_time:,}",
            f"{figures.attendances:,}",
            share,
        )

    rows = [row(q) for q in report.reach.quarters]
    rows.append(row(report.reach.whole))
    return Table(
        f"Reach by quarter, and the share from the {top} people who took part most often",
        ("Quarter", "People", "First time", "Times taking part", f"Share from the top {top}"),
        rows,
        numbers=(1, 2, 3, 4),
        total_row=True,
    )


def loop_table(report: Report) -> Table:
    loop = report.loop
    rows = [
        ("Agreed at sessions in the range (you said, we will)", f"{loop.opened:,}"),
        ("Done in the range (we did)", f"{loop.done:,}"),
        ("Dropped in the range", f"{loop.dropped:,}"),
        ("Still to do", f"{loop.still_to_do:,}"),
        ("Still to do and overdue", f"{loop.overdue:,}"),
    ]
    if loop.median_days is not None:
        rows.append(("Median time from session to done", days(loop.median_days)))
    return Table("You said, we will, we did", ("Actions", "Number"), rows, numbers=(1,))


def money_table(report: Report) -> Table:
    money_ = report.money
    rows = [
        (
            month_words(m.month),
            money(m.involvement_pence),
            money(m.expenses_pence),
            f"{m.claims:,}",
        )
        for m in money_.months
    ]
    rows.append(
        (
            "In all",
            money(money_.involvement_pence),
            money(money_.expenses_pence),
            f"{sum(m.claims for m in money_.months):,}",
        )
    )
    return Table(
        "Money paid by month: payments for time and expenses",
        ("Month", "For time", "Expenses", "Claims paid"),
        rows,
        numbers=(1, 2, 3),
        total_row=True,
    )


def ladder_table(ladder: ProjectLadder) -> Table:
    return Table(
        f"Ratings of {ladder.name} on the ladder of participation",
        ("Rated on", "Rung", "Why"),
        [(day_words(r.rated_on), r.rung.label, r.reason) for r in ladder.ratings],
        lines=tuple(
            f"{day_words(r.rated_on)}: {r.rung.label.lower()}. {r.reason}" for r in ladder.ratings
        ),
    )


# --- charts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int]
    """Whole numbers: a count, pence, or a share in tenths of a percent."""
    shown: list[str]
    """Each value as the chart labels it: '6', '£30.00', '40%'."""


@dataclass(frozen=True)
class Chart:
    """What a chart draws, and its alt text stating every figure."""

    name: str
    """A short name for the picture: 'Sessions by kind'."""
    title: str
    labels: list[str]
    series: list[Series]
    alt_text: str
    unit: str = ""
    """What the values are counted in, for the axis: 'sessions', 'people', '£', '%'."""


def kinds_chart(report: Report) -> Chart:
    by_kind = {kind.label: n for kind, n in report.activity.sessions_by_kind.items()}
    return _counts_chart(
        report,
        ("Sessions by kind", "Sessions held by kind", "Sessions"),
        by_kind,
        "sessions held by kind",
        plural(report.activity.sessions, "session"),
        unit="sessions",
    )


def roles_chart(report: Report) -> Chart:
    by_role = {role.label: n for role, n in report.activity.people_by_role.items()}
    return _counts_chart(
        report,
        ("People by role", "Different people who took part, by role", "People"),
        by_role,
        "the different people who took part by role",
        plural(sum(by_role.values()), "person", "people"),
        unit="people",
    )


def _counts_chart(
    report: Report,
    names: tuple[str, str, str],
    counts: dict[str, int],
    what: str,
    in_all: str,
    unit: str,
) -> Chart:
    """A bar a label, its count written on it; alt text that states every figure.
    `names` are the chart's short name, its title and its one series' name."""
    name, title, series = names
    figures = and_list([f"{label} {n:,}" for label, n in counts.items()])
    values = list(counts.values())
    return Chart(
        name,
        title,
        list(counts),
        [Series(series, values, [f"{n:,}" for n in values])],
        f"Bar chart of {what}, {_range(report)}: {figures}. {in_all} in all.",
        unit=unit,
    )


def quarters_chart(
    report: Report, quarters: Sequence[ReachFigures] | None = None, part: str = ""
) -> Chart:
    """The same-few-voices share by quarter (or those `quarters`, the `part` of the
    range they are), in tenths of a percent so bars are exact."""
    top = number_words(top_voices())
    quarters = report.reach.quarters if quarters is None else quarters
    values = [round(q.top_share * 1000) for q in quarters]
    shown = [percent(q.top_share) if q.attendances else "none" for q in quarters]
    figures = []
    for q in quarters:
        if q.attendances:
            figures.append(
                f"{q.label} {percent(q.top_share)} ({q.top_attendances:,} of "
                f"{q.attendances:,} times, {plural(q.people, 'person', 'people')})"
            )
        else:
            figures.append(f"{q.label} nobody took part")
    return Chart(
        f"Same few voices by quarter{part}",
        f"Share of taking part from the {top} people who came most often{part}",
        [q.label for q in quarters],
        [Series("Share", values, shown)],
        f"Bar chart of the share of all taking part that came from the {top} people who "
        f"took part most often, by quarter{part}: {'; '.join(figures)}.",
        unit="%",
    )


def money_chart(
    report: Report, months: Sequence[MonthMoney] | None = None, part: str = ""
) -> Chart:
    """Money paid by month (or in those `months`, the `part` of the range they are)."""
    months = report.money.months if months is None else months
    labels = [month_words(m.month) for m in months]
    time_ = [m.involvement_pence for m in months]
    expenses = [m.expenses_pence for m in months]
    figures = []
    for m in months:
        if m.involvement_pence or m.expenses_pence:
            figures.append(
                f"{month_words(m.month)} {money(m.involvement_pence)} for time and "
                f"{money(m.expenses_pence)} in expenses"
            )
        else:
            figures.append(f"{month_words(m.month)} nothing paid")
    return Chart(
        f"Money paid by month{part}",
        f"Money paid by month{part}",
        labels,
        [
            Series("For time", time_, [money(p) for p in time_]),
            Series("Expenses", expenses, [money(p) for p in expenses]),
        ],
        f"Bar chart of money paid by month{part}, for people's time and for expenses: "
        f"{'; '.join(figures)}. In all, {money(sum(time_))} for time and "
        f"{money(sum(expenses))} in expenses.",
        unit="£",
    )


def money_charts(report: Report) -> list[Chart]:
    """One chart, or one a year when the range is longer than a year, so that each
    fits a page with its words still large enough to read."""
    months = report.money.months
    if len(months) <= MONTHS_A_CHART:
        return [money_chart(report)]
    years: dict[int, list[MonthMoney]] = {}
    for month in months:
        years.setdefault(month.month.year, []).append(month)
    return [money_chart(report, found, f" in {year}") for year, found in years.items()]


def quarters_charts(report: Report) -> list[Chart]:
    """One chart, or one for each few years when there are many quarters."""
    quarters = report.reach.quarters
    if len(quarters) <= QUARTERS_A_CHART:
        return [quarters_chart(report)]
    years: dict[str, list[ReachFigures]] = {}
    for quarter in quarters:
        years.setdefault(quarter.label[-4:], []).append(quarter)
    groups: list[list[str]] = [[]]
    for year, found in years.items():
        if sum(len(years[y]) for y in groups[-1]) + len(found) > QUARTERS_A_CHART:
            groups.append([])
        groups[-1].append(year)
    charts = []
    for group in groups:
        found = [q for year in group for q in years[year]]
        part = f" in {group[0]}" if len(group) == 1 else f", {group[0]} to {group[-1]}"
        charts.append(quarters_chart(report, found, part))
    return charts


def _range(report: Report) -> str:
    return range_words(report.scope.start, report.scope.end)


# --- the sections ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One part of the report: a heading, its words, its charts and tables in the
    order shown (each chart just before the table of its figures), and parts of its
    own (each project on the ladder)."""

    key: str
    heading: str
    paragraphs: list[str]
    blocks: list[Chart | Table] = field(default_factory=list)
    parts: list[Section] = field(default_factory=list)

    @property
    def charts(self) -> list[Chart]:
        return [block for block in self.blocks if isinstance(block, Chart)]

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]


def sections(report: Report, today: dt.date | None = None) -> list[Section]:
    """The report's sections in order, each with only the charts and tables that have
    something in them."""
    activity = report.activity
    held = bool(activity.sessions)
    came = bool(activity.people_by_role)
    attended = bool(report.reach.whole.attendances)
    paid = any(m.involvement_pence or m.expenses_pence for m in report.money.months)
    return [
        Section(
            "activity",
            "Sessions and people",
            [activity_paragraph(report, today)],
            _only(
                (kinds_chart(report), held),
                (kinds_table(report), held),
                (hours_table(report), held),
                (roles_chart(report), came),
                (roles_table(report), came),
            ),
        ),
        Section(
            "reach",
            "Reach and the same few voices",
            [reach_paragraph(report)],
            [
                *(quarters_charts(report) if attended else []),
                *_only((reach_table(report), attended)),
            ],
        ),
        Section(
            "loop",
            "You said, we will, we did",
            [loop_paragraph(report)],
            [loop_table(report)],
        ),
        Section(
            "money",
            "Money",
            [money_paragraph(report)],
            [*(money_charts(report) if paid else []), *_only((money_table(report), paid))],
        ),
        Section(
            "ladder",
            "The ladder of participation",
            [ladder_paragraph(report)],
            parts=[
                Section(
                    f"ladder-{ladder.project_id}",
                    ladder.name,
                    [ladder_line(ladder)],
                    [ladder_table(ladder)],
                )
                for ladder in report.ladders
            ],
        ),
    ]


def _only(*wanted: tuple[T, bool]) -> list[T]:
    return [item for item, shown in wanted if shown]
