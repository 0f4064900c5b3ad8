"""Import sign-ups: a form's CSV export booked onto the session, row by row.

Reached from the session's Documents menu (F7). Type the file's path and press
Enter; the first rows show, with a drop-down for each thing the import needs
(preset to the columns whose headings fit), and below them what importing would do
to each row. Ctrl+S imports. Reading, planning and importing run in thread workers,
each with its own Store; the work itself is `sessions.signups`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    Select,
    Static,
    TabbedContent,
)
from textual.worker import Worker, WorkerState

from sessions.display import format_date
from sessions.errors import FacilitatorError
from sessions.signups import (
    FIELD_HINTS,
    FIELD_LABELS,
    ImportPlan,
    ImportReport,
    Mapping,
    Outcome,
    PlannedRow,
    SignupSheet,
    apply_import,
    guess_mapping,
    load_signups,
    plan_import,
)
from sessions.store import Store

if TYPE_CHECKING:
    from textual.app import App

PREVIEW_ROWS = 5
CELL_WIDTH = 24
"""Long headings (form questions) and answers are cut to this in the preview."""
HIDDEN = "(not shown)"
"""What the preview shows in the access needs column: health information."""

OUTCOME_WORDS = {
    Outcome.ADD: ("Add and book", "Added and booked"),
    Outcome.MATCH: ("Book", "Booked"),
    Outcome.SKIP: ("Skip", "Skipped"),
}
"""What happens to a row, before and after the import."""


def cut(text: str, width: int = CELL_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def plain(text: str) -> Text:
    """A table cell exactly as typed: DataTable would read a str as markup."""
    return Text(text, no_wrap=True, end="")


def file_path(typed: str) -> Path | None:
    """The path typed, with "~" for the home folder; relative to the current folder."""
    typed = typed.strip().strip("\"'")
    if not typed:
        return None
    path = Path(typed).expanduser()
    return path if path.is_absolute() else Path.cwd() / path


class PathSuggester(Suggester):
    """Completes the last part of a path typed: a folder, or a CSV file in it."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value.strip():
            return None
        path = file_path(value)
        if path is None:
            return None
        typed_folder = value.endswith(("/", os.sep))
        folder, start = (path, "") if typed_folder else (path.parent, path.name)
        try:
            names = sorted(
                (entry.name + "/" if entry.is_dir() else entry.name)
                for entry in folder.iterdir()
                if entry.name.startswith(start)
                and (start.startswith(".") or not entry.name.startswith("."))
                and (entry.is_dir() or entry.suffix.lower() == ".csv")
            )
        except OSError:
            return None
        if not names or names[0] == start:
            return None
        return value + names[0][len(start) :]


def csv_files_in(folder: Path, most: int = 5) -> list[str]:
    """The newest CSV files in a folder, to name when a folder was typed."""
    try:
        found = [p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file()]
    except OSError:
        return []
    found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    return [p.name for p in found[:most]]


def folder_words(folder: Path) -> str:
    names = csv_files_in(folder)
    if not names:
        return f"{folder} is a folder with no CSV files in it. Type the path of the CSV file."
    listed = ", ".join(names)
    return f"{folder} is a folder. Add the file's name; the newest CSV files in it: {listed}."


# --- messages from the workers ------------------------------------------------------


class SignupsPlanned(Message):
    """The file was read and each row's fate worked out (no plan without a name column)."""

    def __init__(
        self,
        request: int,
        path: Path,
        sheet: SignupSheet,
        mapping: Mapping,
        plan: ImportPlan | None,
    ) -> None:
        super().__init__()
        self.request = request
        self.path = path
        self.sheet = sheet
        self.mapping = mapping
        self.plan = plan


class SignupsUnreadable(Message):
    """The file could not be read; `words` says why."""

    def __init__(self, request: int, words: str) -> None:
        super().__init__()
        self.request = request
        self.words = words


class SignupsImported(Message):
    def __init__(self, report: ImportReport) -> None:
        super().__init__()
        self.report = report


class SignupsNotImported(Message):
    def __init__(self, words: str) -> None:
        super().__init__()
        self.words = words


@dataclass(frozen=True)
class _Request:
    number: int
    path: Path
    sheet: SignupSheet | None
    mapping: Mapping | None


# --- the screen ---------------------------------------------------------------------------


class SignupsImportScreen(Screen[bool]):
    """Dismisses with True if anyone was booked, so the session screen can refresh."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "import", "Import"),
    ]

    def __init__(self, store: Store, session_id: int) -> None:
        super().__init__()
        self.store = store
        self.session_id = session_id
        self.requests = 0
        self.sheet: SignupSheet | None = None
        self.path: Path | None = None
        self.mapping = Mapping()
        self.plan: ImportPlan | None = None
        self.planned_for = -1
        """The request the plan on screen answers; older answers are dropped."""
        self.report: ImportReport | None = None
        self.importing = False

    # --- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        session = self.store.sessions.get(self.session_id)
        self.sub_title = f"Import sign-ups: {session.title}"
        yield Header()
        with VerticalScroll(id="signups-body"):
            yield Static(
                f"Book people who signed up online onto {session.title}, "
                f"{format_date(session.date)}. Type the path of the form's CSV file and "
                "press Enter. The right arrow key completes a name.",
                id="signups-intro",
                markup=False,
            )
            yield Input(
                placeholder="~/Downloads/responses.csv",
                id="signups-path",
                suggester=PathSuggester(),
            )
            yield Static("", id="signups-file", markup=False)
            with Vertical(id="signups-sections"):
                yield Label("The first rows of the file", classes="signups-heading")
                yield DataTable(id="signups-preview", cursor_type="none", zebra_stripes=True)
                yield Label("Which column holds what", classes="signups-heading")
                yield Grid(id="signups-columns")
                yield Label(
                    "What importing will do", id="signups-plan-heading", classes="signups-heading"
                )
                yield DataTable(id="signups-plan", cursor_type="row", zebra_stripes=True)
                yield Static("", id="signups-row", markup=False)
                yield Static("", id="signups-notes", markup=False)
        yield Static("", id="signups-summary", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#signups-sections").display = False
        self.query_one("#signups-path", Input).focus()

    # --- reading the file ----------------------------------------------------

    @on(Input.Submitted, "#signups-path")
    def _path_typed(self, event: Input.Submitted) -> None:
        event.stop()
        self.read(event.value)

    def read(self, typed: str) -> None:
        """Read the file typed, its columns guessed afresh."""
        path = file_path(typed)
        if path is None:
            self.say_file("Type the path of the CSV file your form tool made.", problem=True)
            return
        if path.is_dir():
            self.say_file(folder_words(path), problem=True)
            return
        self.say_file(f"Reading {path}…")
        self.ask_for_plan(path, None, None)

    def ask_for_plan(self, path: Path, sheet: SignupSheet | None, mapping: Mapping | None) -> None:
        self.requests += 1
        self.plan_in_thread(_Request(self.requests, path, sheet, mapping))

    @work(thread=True, exclusive=True, group="signups-plan", exit_on_error=False)
    def plan_in_thread(self, request: _Request) -> None:
        """Read the file (unless already read) and plan, with a Store of this thread."""
        try:
            sheet = request.sheet or load_signups(request.path)
            mapping = request.mapping or guess_mapping(sheet.headers)
            plan = None
            if mapping.name is not None:
                with Store.open(self.store.path, create=False) as store:
                    plan = plan_import(store, self.session_id, sheet.rows, mapping)
        except FacilitatorError as error:
            self.post_message(SignupsUnreadable(request.number, str(error)))
            return
        self.post_message(SignupsPlanned(request.number, request.path, sheet, mapping, plan))

    @on(SignupsUnreadable)
    def _unreadable(self, event: SignupsUnreadable) -> None:
        if event.request == self.requests:
            self.say_file(event.words, problem=True)

    @on(SignupsPlanned)
    async def _planned(self, event: SignupsPlanned) -> None:
        if event.request != self.requests:
            return  # a newer choice is on its way
        new_file = event.sheet is not self.sheet
        self.sheet, self.path, self.mapping = event.sheet, event.path, event.mapping
        self.plan, self.planned_for = event.plan, event.request
        self.report = None
        sheet = event.sheet
        self.say_file(
            " ".join([f"{event.path.name}: {sheet.described}", *sheet.notes]),
            problem=False,
        )
        self.query_one("#signups-sections").display = True
        if new_file:
            await self.show_columns(sheet, event.mapping)
        self.show_preview(sheet, event.mapping)
        self.show_rows(event.plan.rows if event.plan else (), done=False)
        self.show_notes()

    def say_file(self, words: str, *, problem: bool = False) -> None:
        status = self.query_one("#signups-file", Static)
        status.update(words)
        status.set_class(problem, "-problem")

    # --- the columns ----------------------------------------------------------

    async def show_columns(self, sheet: SignupSheet, mapping: Mapping) -> None:
        """A drop-down per field, preset to the column guessed."""
        grid = self.query_one("#signups-columns", Grid)
        await grid.remove_children()
        options = [
            (cut(f"{c + 1}. {sheet.column_name(c)}", 22), c) for c in range(len(sheet.headers))
        ]
        cells = []
        for key, column in mapping.items():
            label = FIELD_LABELS[key]
            select: Select[int] = Select(
                options,
                prompt="No column",
                value=column if column is not None else Select.NULL,
                id=f"column-{key}",
                compact=True,
                tooltip=FIELD_HINTS.get(key),
            )
            cells.append(Vertical(Label(label), select, classes="signups-column"))
        await grid.mount_all(cells)

    def chosen_mapping(self) -> Mapping:
        values = {}
        for key in FIELD_LABELS:
            found = self.query(f"#column-{key}")
            value = found.first(Select).value if found else Select.NULL
            values[key] = value if isinstance(value, int) else None
        return Mapping(**values)

    @on(Select.Changed)
    def _column_chosen(self, event: Select.Changed) -> None:
        event.stop()
        if self.sheet is None or self.path is None or self.importing:
            return
        mapping = self.chosen_mapping()
        if mapping == self.mapping and self.planned_for == self.requests:
            return
        self.mapping = mapping
        self.show_preview(self.sheet, mapping)
        self.ask_for_plan(self.path, self.sheet, mapping)

    def show_preview(self, sheet: SignupSheet, mapping: Mapping) -> None:
        """The first rows as the file has them; the access needs column is not shown."""
        table = self.query_one("#signups-preview", DataTable)
        table.clear(columns=True)
        width = len(sheet.headers)
        table.add_columns(*(plain(cut(sheet.column_name(c))) for c in range(width)))
        for row in sheet.rows[:PREVIEW_ROWS]:
            cells = [
                HIDDEN if c == mapping.access_needs and row.get(c) else cut(row.get(c))
                for c in range(width)
            ]
            table.add_row(*(plain(cell) for cell in cells), label=plain(str(row.number)))

    # --- the plan and the report ---------------------------------------------

    def show_rows(self, rows: tuple[PlannedRow, ...] | list[PlannedRow], *, done: bool) -> None:
        table = self.query_one("#signups-plan", DataTable)
        table.clear(columns=True)
        table.add_columns("Row", "Name", "What happens" if not done else "What happened", "Why")
        for row in rows:
            why = " ".join([row.reason, *row.notes])
            table.add_row(
                plain(str(row.row)),
                plain(cut(row.name or "no name", 30)),
                plain(OUTCOME_WORDS[row.outcome][1 if done else 0]),
                plain(why[0].upper() + why[1:] if why else ""),
                key=str(row.row),
            )
        self.show_row_detail()

    @on(DataTable.RowHighlighted, "#signups-plan")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_row_detail()

    def show_row_detail(self) -> None:
        """The highlighted row's line in full: the table has room for a few words."""
        rows = self.report.rows if self.report else self.plan.rows if self.plan else ()
        table = self.query_one("#signups-plan", DataTable)
        detail = self.query_one("#signups-row", Static)
        if not rows or table.cursor_row >= len(rows):
            detail.update("")
            return
        detail.update(rows[table.cursor_row].line)

    def show_notes(self) -> None:
        notes = self.query_one("#signups-notes", Static)
        summary = self.query_one("#signups-summary", Static)
        if self.report is not None:
            notes.update("\n".join(self.report.notes))
            summary.update(f"{self.report.summary} Escape goes back to the session.")
        elif self.plan is None:
            notes.update("")
            summary.update(
                "Choose the column that holds people's names to see what importing would do."
            )
        else:
            notes.update("\n".join(self.plan.notes))
            action = "Press Ctrl+S to import." if self.plan.to_book else "Nobody to book."
            summary.update(f"{self.plan.summary} {action}")

    # --- importing ------------------------------------------------------------

    def action_import(self) -> None:
        if self.report is not None:
            self.notify("These sign-ups are imported. Escape goes back to the session.")
            return
        if self.importing:
            return
        plan = self.plan
        if self.sheet is None:
            self.notify("Type the path of the CSV file and press Enter first.")
            return
        if plan is None or self.planned_for != self.requests:
            if self.mapping.name is None:
                self.notify("Choose the column that holds people's names first.")
            else:
                self.notify("Still working out what importing would do. Try again in a moment.")
            return
        if not plan.to_book:
            self.notify("Nobody in this file can be booked, so there is nothing to import.")
            return
        self.importing = True
        self.notify(f"Importing {plan.to_book} sign-ups…")
        self.import_in_thread(plan)

    @work(thread=True, exclusive=True, group="signups-import", exit_on_error=False)
    def import_in_thread(self, plan: ImportPlan) -> None:
        try:
            with Store.open(self.store.path, create=False) as store:
                report = apply_import(store, plan)
        except FacilitatorError as error:
            self.post_message(SignupsNotImported(str(error)))
            return
        self.post_message(SignupsImported(report))

    @on(SignupsImported)
    def _imported(self, event: SignupsImported) -> None:
        self.importing = False
        self.report = event.report
        for select in self.query(Select):
            select.disabled = True
        self.query_one("#signups-path", Input).disabled = True
        self.query_one("#signups-plan-heading", Label).update("What the import did")
        self.show_rows(event.report.rows, done=True)
        self.show_notes()
        self.query_one("#signups-plan", DataTable).focus()
        self.notify(event.report.summary, timeout=10)

    @on(SignupsNotImported)
    def _not_imported(self, event: SignupsNotImported) -> None:
        self.importing = False
        self.notify(event.words, title="Not imported", severity="error", timeout=12)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A fault in a worker, in words rather than a traceback."""
        if event.state is not WorkerState.ERROR:
            return
        self.importing = False
        error = event.worker.error
        self.notify(
            f"Something went wrong ({type(error).__name__}: {error}). Nothing was imported.",
            title="Not imported",
            severity="error",
            timeout=12,
        )

    def action_back(self) -> None:
        if self.importing:
            self.notify("Importing… wait a moment before going back.")
            return
        self.dismiss(self.report is not None and bool(self.report.added + self.report.matched))


def open_signups_import(app: App[object], store: Store, session_id: int) -> None:
    """Open the import screen over the session; refresh the session's tab after it."""

    def closed(booked: bool | None) -> None:
        if not booked:
            return
        screen = app.screen
        refresh = getattr(screen, "refresh_session", None)
        if callable(refresh):
            refresh()
        tabs = screen.query(TabbedContent)
        if tabs:
            for panel in screen.query(f"#{tabs.first().active}-panel"):
                shown = getattr(panel, "shown", None)
                if callable(shown):
                    shown()

    app.push_screen(SignupsImportScreen(store, session_id), closed)
