"""How co-production is going, in figures a committee can read: the progress report.

For a date range (and optionally one project): sessions held and hours, who took part
by role, reach and the "same few voices" figure by quarter, "you said, we will, we
did", money paid and waiting, and each project's movement on the ladder. Everything is
worked out here from the rows `sessions.store.reports` reads; screens, the CLI and the
Word report only show it.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sessions.claims import minutes_there
from sessions.clock import venue_date
from sessions.models import Attendance, AttendanceStatus, Role, Session, SessionKind
from sessions.project_models import Rung
from sessions.store import Store
from sessions.store.base import utc_moment
from sessions.store.reports import ReportRepository, Scope

TOP_VOICES = 10
"""How many of the most frequent people the "same few voices" figure looks at."""


@dataclass(frozen=True)
class Activity:
    """What was held and who came."""

    sessions_by_kind: dict[SessionKind, int]
    session_minutes: int
    """The length of every session held, added up."""
    people_minutes: int
    """The time each person took part, added up: hours of co-production."""
    people_by_role: dict[Role, int]
    """Different people who took part, by their role."""
    attendances: int

    @property
    def sessions(self) -> int:
        return sum(self.sessions_by_kind.values())


@dataclass(frozen=True)
class ReachFigures:
    """Reach over one stretch of time."""

    label: str
    people: int
    first_time: int
    attendances: int
    top_attendances: int
    """Times the TOP_VOICES most frequent people took part."""

    @property
    def top_share(self) -> float:
        """The share of all taking part that came from the most frequent people, 0 to 1."""
        return self.top_attendances / self.attendances if self.attendances else 0.0


@dataclass(frozen=True)
class Reach:
    whole: ReachFigures
    quarters: list[ReachFigures]


@dataclass(frozen=True)
class Loop:
    """You said, we will, we did."""

    opened: int
    """Actions agreed at sessions in range."""
    done: int
    """Actions done within the range (from any session)."""
    dropped: int
    overdue: int
    """Still to do, with their day passed by the end of the range (or today)."""
    still_to_do: int
    days_to_done: list[int]
    """For each action done in range: days from the session that agreed it."""

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days_to_done) if self.days_to_done else None


@dataclass(frozen=True)
class MonthMoney:
    month: dt.date
    """The first day of the month."""
    involvement_pence: int
    expenses_pence: int
    claims: int


@dataclass(frozen=True)
class Money:
    months: list[MonthMoney]
    waiting_claims: int
    waiting_pence: int

    @property
    def involvement_pence(self) -> int:
        return sum(m.involvement_pence for m in self.months)

    @property
    def expenses_pence(self) -> int:
        return sum(m.expenses_pence for m in self.months)


@dataclass(frozen=True)
class Rating:
    rung: Rung
    rated_on: dt.date
    reason: str


@dataclass(frozen=True)
class ProjectLadder:
    project_id: int
    name: str
    ratings: list[Rating]

    @property
    def latest(self) -> Rating:
        return self.ratings[-1]

    @property
    def moved(self) -> int:
        """Rungs moved from the first rating to the latest: up is positive."""
        return self.latest.rung.step - self.ratings[0].rung.step


@dataclass(frozen=True)
class Report:
    scope: Scope
    project_name: str
    activity: Activity
    reach: Reach
    loop: Loop
    money: Money
    ladders: list[ProjectLadder] = field(default_factory=list)


def build_report(
    store: Store,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    project_id: int | None = None,
) -> Report:
    """The whole report for sessions dated `start` to `end` (both included). Sessions
    after `today` have not been held yet, and actions are overdue as of `today` when
    the range has not ended."""
    if end < start:
        raise ValueError("The end of a report's range must not be before its start.")
    scope = Scope(start, end, project_id)
    rows = ReportRepository(store.db)
    project_name = store.projects.get(project_id).name if project_id is not None else ""
    attended = list(rows.attended(scope))
    return Report(
        scope=scope,
        project_name=project_name,
        activity=_activity(
            [row for row in rows.sessions(scope) if row["date"] <= today.isoformat()], attended
        ),
        reach=_reach(scope, attended, rows.first_dates(scope)),
        loop=_loop(scope, rows, min(end, today)),
        money=_money(scope, rows),
        ladders=_ladders(rows.ladder(scope)),
    )


def _activity(sessions: list[dict], attended: list[dict]) -> Activity:
    by_kind = Counter(SessionKind(row["kind"]) for row in sessions)
    session_minutes = sum(_session(row).minutes for row in sessions)
    roles: dict[int, Role] = {row["person_id"]: Role(row["role"]) for row in attended}
    return Activity(
        sessions_by_kind=dict(
            sorted(by_kind.items(), key=lambda item: list(SessionKind).index(item[0]))
        ),
        session_minutes=session_minutes,
        people_minutes=sum(_time_there(row) for row in attended),
        people_by_role={role: n for role in Role if (n := list(roles.values()).count(role))},
        attendances=len(attended),
    )


def _session(row: dict) -> Session:
    """A row's session day and times, enough for its length and the claims' arithmetic."""
    return Session(
        title="",
        kind=SessionKind.OTHER,
        date=dt.date.fromisoformat(row["date"]),
        start=dt.time.fromisoformat(row["start_time"]),
        end=dt.time.fromisoformat(row["end_time"]),
    )


def _time_there(row: dict) -> int:
    """Minutes someone took part, as the claims work it out (within the session)."""
    attendance = Attendance(
        session_id=row["session_id"],
        person_id=row["person_id"],
        status=AttendanceStatus(row["status"]),
        arrived_at=utc_moment(row["arrived_at"]),
        left_at=utc_moment(row["left_at"]),
    )
    return minutes_there(_session(row), attendance)


def quarter_of(day: dt.date) -> dt.date:
    """The first day of the calendar quarter `day` falls in."""
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_label(first: dt.date) -> str:
    """'Jan to Mar 2026': plain words, not 'Q1'."""
    last = dt.date(first.year, first.month + 2, 1)
    return f"{first:%b} to {last:%b %Y}"


def stretch_label(start: dt.date, end: dt.date) -> str:
    """The part of a quarter a range covers, in words: 'May to Jun 2026' for whole
    months, 'May 2026' for one, '15 May to 30 Jun 2026' otherwise."""
    month_end = (end.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if start.day == 1 and end == month_end:
        if (start.year, start.month) == (end.year, end.month):
            return f"{end:%b %Y}"
        return f"{start:%b} to {end:%b %Y}"
    return f"{start.day} {start:%b} to {end.day} {end:%b %Y}"


def _reach(scope: Scope, attended: list[dict], first_dates: dict[int, dt.date]) -> Reach:
    by_quarter: dict[dt.date, list[dict]] = defaultdict(list)
    for row in attended:
        by_quarter[quarter_of(dt.date.fromisoformat(row["date"]))].append(row)
    quarters = []
    first = quarter_of(scope.start)
    while first <= scope.end:
        following = dt.date(first.year + (first.month + 3 > 12), (first.month + 2) % 12 + 1, 1)
        start = max(first, scope.start)
        end = min(following - dt.timedelta(days=1), scope.end)
        # A quarter the range covers only part of is named by that part.
        whole = (start, end) == (first, following - dt.timedelta(days=1))
        label = quarter_label(first) if whole else stretch_label(start, end)
        quarters.append(_reach_figures(label, by_quarter[first], first_dates, start, end))
        first = following
    whole = _reach_figures("The whole range", attended, first_dates, scope.start, scope.end)
    return Reach(whole, quarters)


def _reach_figures(
    label: str,
    attended: Iterable[dict],
    first_dates: dict[int, dt.date],
    start: dt.date,
    end: dt.date,
) -> ReachFigures:
    counts = Counter(row["person_id"] for row in attended)
    top = sorted(counts.values(), reverse=True)[:TOP_VOICES]
    return ReachFigures(
        label=label,
        people=len(counts),
        first_time=sum(1 for person in counts if start <= first_dates[person] <= end),
        attendances=sum(counts.values()),
        top_attendances=sum(top),
    )


def _loop(scope: Scope, rows: ReportRepository, as_of: dt.date) -> Loop:
    closed = rows.closed_actions(scope)
    done = [row for row in closed if row["status"] == "done"]
    open_rows = rows.open_actions(scope)
    return Loop(
        opened=rows.agreed_actions(scope),
        done=len(done),
        dropped=sum(1 for row in closed if row["status"] == "dropped"),
        overdue=sum(
            1 for row in open_rows if row["due"] and dt.date.fromisoformat(row["due"]) < as_of
        ),
        still_to_do=len(open_rows),
        days_to_done=sorted(
            (dt.date.fromisoformat(row["closed_on"]) - dt.date.fromisoformat(row["agreed_on"])).days
            for row in done
        ),
    )


def _money(scope: Scope, rows: ReportRepository) -> Money:
    months: dict[dt.date, list[int]] = {}
    month = scope.start.replace(day=1)
    while month <= scope.end:
        months[month] = [0, 0, 0]
        month = (month + dt.timedelta(days=32)).replace(day=1)
    for row in rows.paid_claims(scope):
        paid = utc_moment(row["paid_at"])
        assert paid is not None
        sums = months[venue_date(paid).replace(day=1)]
        sums[0] += row["involvement_pence"]
        sums[1] += row["expenses_pence"]
        sums[2] += 1
    waiting = rows.waiting_claims(scope)
    return Money(
        months=[MonthMoney(month, *sums) for month, sums in months.items()],
        waiting_claims=len(waiting),
        waiting_pence=sum(row["involvement_pence"] + row["expenses_pence"] for row in waiting),
    )


def _ladders(rows: list[dict]) -> list[ProjectLadder]:
    ratings: dict[tuple[int, str], list[Rating]] = {}
    for row in rows:
        ratings.setdefault((row["project_id"], row["name"]), []).append(
            Rating(Rung(row["rung"]), dt.date.fromisoformat(row["rated_on"]), row["reason"])
        )
    return [ProjectLadder(pid, name, found) for (pid, name), found in ratings.items()]
