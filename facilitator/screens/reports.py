"""The Reports screen: how co-production is going, for a range of dates and a project.

The figures come from `sessions.reports.build_report` and the words, tables and
charts from `sessions.report_words`, the same as the Word report for committee
(`exports.report`), which w writes for the range shown.

Each section reads top to bottom as text: a heading, a paragraph saying the figures
in plain English, then tables. Bars in the tables and the sparklines show the same
figures as shapes; every one is also written as a number beside it, so nothing
depends on colour. The report is worked out in a thread with its own connection to
the data file (a large file takes a second or two), and shown when it is ready.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, Input, Label, Select, Sparkline, Static

from sessions.display import format_date
from sessions.errors import FacilitatorError
from sessions.report_words import (
    Chart,
    Section,
    Table,
    last_six_months,
    range_problem,
    range_words,
    report_title,
    sections,
)
from sessions.reports import Report
from sessions.store import Store
from sessions.validation import parse_date

ALL_PROJECTS = 0
"""The Select's value for every session, whatever its project."""
TYPING_PAUSE_S = 0.6
"""A date typed is worked out after this pause, or at once on Enter."""
BAR_MOST = 24
"""The longest bar drawn in a table, in characters."""
BAR = "█"
WORKER_GROUP = "report"
WRITING_GROUP = "report-word"


@dataclass(frozen=True)
class Wanted:
    """What the report is asked for: the range and the project (0 for all)."""

    start: dt.date
    end: dt.date
    project_id: int = ALL_PROJECTS

    @property
    def project(self) -> int | None:
        return None if self.project_id == ALL_PROJECTS else self.project_id


class ReportWorkedOut(Message):
    def __init__(self, wanted: Wanted, report: Report) -> None:
        super().__init__()
        self.wanted = wanted
        self.report = report


class ReportFailed(Message):
    def __init__(self, wanted: Wanted, words: str) -> None:
        super().__init__()
        self.wanted = wanted
        self.words = words


def bar(value: int, most: int) -> str:
    """A bar of up to BAR_MOST blocks; anything above nothing shows at least one."""
    if value <= 0 or most <= 0:
        return ""
    return BAR * max(1, round(BAR_MOST * value / most))


def number(text: str) -> int:
    """'1,234' as 1234; anything else as 0."""
    digits = text.replace(",", "").strip()
    return int(digits) if digits.isdigit() else 0


class ReportTable(DataTable[Text]):
    """One of the report's tables, read only: a header row, numbers on the right, the
    total in bold, and a bar beside the figures where the report draws a chart."""

    def __init__(self, table: Table) -> None:
        super().__init__(
            cursor_type="none", show_cursor=False, zebra_stripes=True, classes="report-table"
        )
        self.can_focus = False
        self.table = table

    def on_mount(self) -> None:
        table = self.table
        headers = list(table.headers)
        if table.bar_column is not None:
            headers.append("")
        for index, header in enumerate(headers):
            justify = "right" if index in table.numbers else "left"
            self.add_column(Text(header, style="bold", justify=justify), key=str(index))
        figures = [
            number(row[table.bar_column]) if table.bar_column is not None else 0
            for row in table.rows
        ]
        counted = figures[:-1] if table.total_row else figures
        most = max(counted, default=0)
        for number_, (row, figure) in enumerate(zip(table.rows, figures, strict=True)):
            total = table.total_row and number_ == len(table.rows) - 1
            cells = [
                Text(
                    cell,
                    justify="right" if index in table.numbers else "left",
                    style="bold" if total else "",
                )
                for index, cell in enumerate(row)
            ]
            if table.bar_column is not None:
                cells.append(Text("" if total else bar(figure, most), style="bold"))
            self.add_row(*cells)


class ReportsScreen(Screen[None]):
    """The report's sections scroll; tab reaches the dates and the project."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("w", "write_word", "Word report"),
        Binding("slash", "change_range", "Dates and project"),
    ]
    AUTO_FOCUS = "#report-body"

    def __init__(
        self,
        store: Store,
        today: Callable[[], dt.date],
        *,
        project_id: int | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.today = today
        start, end = last_six_months(today())
        self.wanted = Wanted(start, end, project_id or ALL_PROJECTS)
        self.asked: Wanted | None = None
        """What the worker was last asked for."""
        self.shown: Report | None = None
        self.shown_for: Wanted | None = None
        self.typing: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="report-choices"):
            yield Label("From", classes="report-label")
            yield Input(format_date(self.wanted.start), id="report-from")
            yield Label("to", classes="report-label")
            yield Input(format_date(self.wanted.end), id="report-to")
            yield Label("for", classes="report-label")
            yield Select[int](
                self.project_options(),
                value=self.wanted.project_id,
                allow_blank=False,
                id="report-project",
            )
        yield Static("", id="report-status", markup=False)
        yield VerticalScroll(id="report-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Reports: how co-production is going"
        self.work_out(self.wanted)

    def on_screen_resume(self) -> None:
        """Projects may have been added or renamed meanwhile."""
        choose = self.query_one("#report-project", Select)
        options = self.project_options()
        kept = choose.value
        with self.prevent(Select.Changed):
            choose.set_options(options)
            known = {value for _, value in options}
            choose.value = kept if kept in known else ALL_PROJECTS
        if choose.value != self.wanted.project_id:
            self.ask()

    def project_options(self) -> list[tuple[str, int]]:
        return [("All projects", ALL_PROJECTS)] + [
            (line.project.name, line.project.id)
            for line in self.store.projects.lines()
            if line.project.id is not None
        ]

    # --- what is asked for ---------------------------------------------------

    def read_choices(self) -> tuple[Wanted | None, str]:
        """The range and project typed and chosen, or what is wrong with them in words."""
        today = self.today()
        days: dict[str, dt.date] = {}
        for name, words in (("from", "From"), ("to", "To")):
            typed = self.query_one(f"#report-{name}", Input).value.strip()
            if not typed:
                return None, f"{words}: type a date, like 1/5/2026 or 1 May 2026."
            try:
                days[name] = parse_date(typed, today)
            except ValueError as error:
                return None, f"{words}: {error}"
        if problem := range_problem(days["from"], days["to"]):
            return None, problem
        project = self.query_one("#report-project", Select).value
        chosen = project if isinstance(project, int) else ALL_PROJECTS
        return Wanted(days["from"], days["to"], chosen), ""

    def ask(self) -> None:
        """Work out the report for what is typed now, or say what is wrong with it."""
        if self.typing is not None:
            self.typing.stop()
            self.typing = None
        wanted, problem = self.read_choices()
        if wanted is None:
            if self.shown is not None:
                scope = self.shown.scope
                which = f", {self.shown.project_name}" if self.shown.project_name else ""
                problem += f" Below is still {range_words(scope.start, scope.end)}{which}."
            self.say(problem, problem=True)
            return
        self.wanted = wanted
        if wanted != self.asked:
            self.work_out(wanted)
        elif self.shown_for == wanted:
            self.say_shown()

    @on(Input.Changed, "#report-choices Input")
    def _date_typed(self) -> None:
        if self.typing is not None:
            self.typing.stop()
        self.typing = self.set_timer(TYPING_PAUSE_S, self.ask)

    @on(Input.Submitted, "#report-choices Input")
    def _date_entered(self) -> None:
        self.ask()
        self.query_one("#report-body").focus()

    @on(Select.Changed, "#report-project")
    def _project_chosen(self) -> None:
        self.ask()

    def action_change_range(self) -> None:
        self.query_one("#report-from", Input).focus()

    def action_back(self) -> None:
        """From the dates or the project, back to the report; from it, back home."""
        body = self.query_one("#report-body")
        if self.focused is not body and self.focused is not None:
            self.ask()
            body.focus()
        else:
            self.app.pop_screen()

    # --- working it out in a thread --------------------------------------------

    def work_out(self, wanted: Wanted) -> None:
        self.asked = wanted
        self.say("Working out the figures…")
        self._work_out(wanted, self.store.path, self.today())

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group=WORKER_GROUP,
        description="Working out the report",
    )
    def _work_out(self, wanted: Wanted, path: Path, today: dt.date) -> None:
        """In its own thread with its own connection; tells the screen by a message."""
        from sessions.reports import build_report

        try:
            with Store.open(path, create=False) as own:
                report = build_report(own, wanted.start, wanted.end, today, wanted.project)
        except FacilitatorError as error:
            self.post_message(ReportFailed(wanted, str(error)))
            return
        except Exception as error:  # a bug, said in words rather than a traceback
            self.post_message(
                ReportFailed(
                    wanted, f"The report could not be worked out ({type(error).__name__}: {error})."
                )
            )
            return
        self.post_message(ReportWorkedOut(wanted, report))

    @on(ReportWorkedOut)
    async def _worked_out(self, message: ReportWorkedOut) -> None:
        if message.wanted != self.asked:
            return  # something else was asked for meanwhile; its answer is on the way
        await self.show(message.report, message.wanted)

    @on(ReportFailed)
    def _failed(self, message: ReportFailed) -> None:
        if message.wanted == self.asked:
            self.asked = None
            self.say(message.words, problem=True)

    # --- showing it --------------------------------------------------------------

    async def show(self, report: Report, wanted: Wanted) -> None:
        body = self.query_one("#report-body", VerticalScroll)
        with self.app.batch_update():
            await body.remove_children()
            await body.mount_all(self.section_widgets(report))
        self.shown, self.shown_for = report, wanted
        body.scroll_home(animate=False)
        self.say_shown()

    def say_shown(self) -> None:
        if self.shown is not None:
            self.say(f"{report_title(self.shown)}. Press w to write it in Word for committee.")

    def say(self, words: str, *, problem: bool = False) -> None:
        status = self.query_one("#report-status", Static)
        status.update(words)
        status.set_class(problem, "-problem")

    def section_widgets(self, report: Report) -> list[Widget]:
        widgets: list[Widget] = []
        for section in sections(report, self.today()):
            widgets.append(self.section(section, level=2))
        return widgets

    def section(self, section: Section, level: int) -> Widget:
        parts: list[Widget] = [
            Label(section.heading, classes=f"report-heading report-heading-{level}")
        ]
        parts += [Static(text, classes="report-words", markup=False) for text in section.paragraphs]
        trend = self.sparkline(section.charts)
        for block in section.blocks:
            if isinstance(block, Table) and block.lines:
                text = "\n".join(f"• {line}" for line in block.lines)
                parts.append(Static(text, classes="report-lines", markup=False))
            elif isinstance(block, Table):
                parts.append(ReportTable(block))
            elif trend is not None:  # in place of the first chart
                parts.append(trend)
                trend = None
        parts += [self.section(part, level + 1) for part in section.parts]
        return Vertical(*parts, classes="report-section", id=f"report-{section.key}")

    @staticmethod
    def sparkline(charts: list[Chart]) -> Widget | None:
        """A trend over time as one sparkline, with its first and last figures in words:
        the same few voices by quarter, and money paid by month (the Word report may
        draw them a year a chart). Kinds and roles show as bars in their tables."""
        over_time = [chart for chart in charts if chart.unit in ("%", "£")]
        labels = [label for chart in over_time for label in chart.labels]
        if len(labels) < 2:
            return None
        unit = over_time[0].unit
        series = len(over_time[0].series)
        values = [
            sum(column)
            for chart in over_time
            for column in zip(*(chart.series[i].values for i in range(series)), strict=True)
        ]
        if unit == "£":
            what = "Paid each month"
            shown = [_pounds_short(v) for v in values]
            ends = [0, len(values) - 1]
        else:
            what = "Share from the same few voices"
            shown = [text for chart in over_time for text in chart.series[0].shown]
            counted = [i for i, text in enumerate(shown) if text != "none"] or [0]
            ends = [counted[0], counted[-1]]
        first, last = ends
        words = f"{labels[first]} {shown[first]}"
        if last != first:
            words += f" … {labels[last]} {shown[last]}"
        return Horizontal(
            Label(f"{what}: ", classes="report-spark-label"),
            Sparkline(values, classes="report-spark"),
            Label(f" {words}", classes="report-spark-label"),
            classes="report-trend",
        )

    # --- the Word report ---------------------------------------------------------

    def action_write_word(self) -> None:
        """Write the Word report for the range shown, in a thread, and say where it went."""
        wanted, problem = self.read_choices()
        if wanted is None:
            self.notify(f"{problem} The report shown was not written.", severity="warning")
            return
        if self.shown is None or self.shown_for != wanted:
            self.ask()
            self.notify("The report is still being worked out. Press w again when it shows.")
            return
        if any(w.group == WRITING_GROUP and not w.is_finished for w in self.app.workers):
            self.notify("The Word report is still being written. Try again when it is done.")
            return
        self.notify("Writing the progress report…", timeout=3)
        self._write_word(wanted, self.store.path, self.today())

    @work(
        thread=True,
        exit_on_error=False,
        group=WRITING_GROUP,
        description="Writing the progress report",
    )
    def _write_word(self, wanted: Wanted, path: Path, today: dt.date) -> None:
        from exports.files import export_folder
        from exports.report import write_report
        from facilitator.screens.documents import written_words

        app = self.app
        try:
            with Store.open(path, create=False) as own:
                written = write_report(
                    own,
                    wanted.start,
                    wanted.end,
                    None,
                    today=today,
                    project_id=wanted.project,
                    folder=export_folder(own),
                )
        except FacilitatorError as error:
            app.call_from_thread(
                app.notify, str(error), title="Not written", severity="warning", timeout=10
            )
            return
        except Exception as error:  # a bug, said in words rather than a traceback
            app.call_from_thread(
                app.notify,
                f"The progress report could not be written ({type(error).__name__}: {error}).",
                title="Not written",
                severity="error",
                timeout=10,
            )
            return
        app.call_from_thread(app.notify, written_words("Progress report", written), timeout=12)


def _pounds_short(pence: int) -> str:
    """'£1,234' for a sparkline's ends: whole pounds, rounded."""
    return f"£{(pence + 50) // 100:,}"
