"""Projects and task-and-finish groups: who co-chairs them, their sessions, and where
each stands on the ladder of participation, so that movement up the ladder shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static
from textual.widgets.data_table import RowKey

from facilitator.screens.chooser import Choice, ChoiceScreen
from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.project_form import ProjectForm, RatingForm
from facilitator.screens.session import SessionScreen
from facilitator.widgets.listing_table import ListingTable
from facilitator.widgets.text import shortened
from sessions.clock import now_utc
from sessions.display import format_date, format_time, plural
from sessions.errors import FacilitatorError, NotFound
from sessions.models import Person, SessionOverview
from sessions.project_models import LadderRating, Project, ProjectKind, ProjectLine
from sessions.projects import (
    co_chairs_words,
    dates_words,
    history_lines,
    movement_words,
    orphaned_words,
    rung_words,
    sentence,
)
from sessions.store import Store

NAME_WIDTH = 36
CHAIR_WIDTH = 26
TITLE_WIDTH = 56
KIND_SHORT = {
    ProjectKind.PROJECT: "Co-production project",
    ProjectKind.TASK_AND_FINISH: "Task and finish",
}


def short_day(day: dt.date) -> str:
    """'9 Nov 2026': enough for a table cell; the page below gives the weekday."""
    return f"{day.day} {day:%b %Y}"


def project_cells(line: ProjectLine) -> tuple[str, ...]:
    """Two lines a row: name over kind, one co-chair over the other, start over end,
    the rung over the day it was rated."""
    p = line.project
    runs = ""
    if p.starts_on or p.ends_on:
        start = short_day(p.starts_on) if p.starts_on else "Start not set"
        end = f"to {short_day(p.ends_on)}" if p.ends_on else "no end set"
        runs = f"{start}\n{end}"
    ladder = "Not rated yet"
    if line.latest is not None:
        ladder = f"{line.latest.rung.label}\nrated {short_day(line.latest.rated_on)}"
    return (
        f"{shortened(p.name, NAME_WIDTH)}\n{KIND_SHORT[p.kind]}",
        f"{shortened(line.staff_co_chair or 'No staff co-chair', CHAIR_WIDTH)}\n"
        f"{shortened(line.lived_co_chair or 'No lived-experience chair', CHAIR_WIDTH)}",
        runs,
        str(line.sessions),
        ladder,
    )


class ProjectsTable(ListingTable):
    COLUMNS = ("Project", "Co-chairs", "Runs", "Sessions", "On the ladder")
    BINDINGS = [Binding("enter", "select_cursor", "Change")]

    def add_row(  # type: ignore[override]
        self,
        *cells: str | Text,
        height: int | None = 2,
        key: str | None = None,
        label: str | Text | None = None,
    ) -> RowKey:
        return super().add_row(*cells, height=2, key=key, label=label)


class ProjectSessionsTable(ListingTable):
    """The highlighted project's sessions, oldest first; enter opens one."""

    COLUMNS = ("Date", "Time", "Kind", "Came", "Title")
    BINDINGS = [Binding("enter", "select_cursor", "Open session")]

    def show(self, sessions: list[SessionOverview], today: dt.date) -> None:
        self.replace_rows(
            (
                s.id,
                (
                    format_date(s.date),
                    f"{format_time(s.start)}–{format_time(s.end)}",
                    s.kind.label,
                    "" if s.date > today else str(s.attended),
                    shortened(s.title, TITLE_WIDTH),
                ),
            )
            for s in sorted(sessions, key=lambda s: (s.date, s.start))
        )


class ProjectsScreen(Screen[None]):
    """The list keeps the focus; the page under it is the highlighted project's."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("n", "new_project", "New project"),
        Binding("l", "rate", "Rate on ladder"),
        Binding("a", "add_session", "Add a session"),
        Binding("d,delete", "delete_project", "Delete"),
        Binding("x", "remove_rating", "Remove last rating"),
    ]

    def __init__(
        self,
        store: Store,
        today: Callable[[], dt.date],
        now: Callable[[], dt.datetime] = now_utc,
        *,
        highlight: int | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.now = now
        self.highlight = highlight
        self.lines: dict[int, ProjectLine] = {}
        self.sessions: list[SessionOverview] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="projects-summary", markup=False)
        yield ProjectsTable(id="projects-table")
        yield Static("", id="projects-none", classes="section-empty", markup=False)
        with VerticalScroll(id="project-page", can_focus=False):
            yield Static("", id="project-about", markup=False)
            yield Label("On the ladder", id="project-ladder-heading", classes="section-heading")
            yield Static("", id="project-ladder", markup=False)
            yield Label("Sessions", id="project-sessions-heading", classes="section-heading")
            yield ProjectSessionsTable(id="project-sessions")
            yield Static("", id="project-sessions-none", classes="section-empty", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Projects and task-and-finish groups"
        self.show_projects(highlight=self.highlight)
        self.query_one(ProjectsTable).focus()

    def on_screen_resume(self) -> None:
        self.show_projects()

    # --- the list ---------------------------------------------------------------

    def show_projects(self, *, highlight: int | None = None) -> None:
        lines = self.store.projects.lines()
        self.lines = {line.project.id: line for line in lines if line.project.id is not None}
        self.sessions = self.store.sessions.overview()
        table = self.query_one(ProjectsTable)
        table.replace_rows(
            ((line.project.id, project_cells(line)) for line in lines), highlight=highlight
        )
        table.display = bool(lines)
        groups = sum(1 for line in lines if line.project.kind is ProjectKind.TASK_AND_FINISH)
        counted = [
            plural(count, word)
            for count, word in ((len(lines) - groups, "project"), (groups, "task-and-finish group"))
            if count
        ]
        summary = self.query_one("#projects-summary", Static)
        summary.update(
            f"{' and '.join(counted)}. Enter changes the highlighted one; tab moves to its "
            "sessions."
            if lines
            else ""
        )
        summary.display = bool(lines)
        none = self.query_one("#projects-none", Static)
        none.update(
            "No projects yet. Press n to add a co-production project or a task-and-finish "
            "group, with its aims and co-chairs. A session joins one through its Project box."
        )
        none.display = not lines
        self.show_page()
        self.refresh_bindings()

    def highlighted(self) -> ProjectLine | None:
        selected = self.query_one(ProjectsTable).selected_id
        return self.lines.get(selected) if selected is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys for the highlighted project are hidden until there is one."""
        if action == "remove_rating":
            line = self.highlighted()
            return line is not None and line.latest is not None
        return bool(self.lines) or action not in ("rate", "add_session", "delete_project")

    @on(DataTable.RowHighlighted, "#projects-table")
    def _row_highlighted(self) -> None:
        self.show_page()
        self.refresh_bindings()

    # --- the page -----------------------------------------------------------------

    def project_sessions(self, project: Project) -> list[SessionOverview]:
        name = project.name.casefold()
        return [s for s in self.sessions if s.project_name.casefold() == name]

    def show_page(self) -> None:
        page = self.query_one("#project-page", VerticalScroll)
        line = self.highlighted()
        page.display = line is not None
        if line is None or line.project.id is None:
            return
        p = line.project
        chairs = self.co_chairs(p)
        about = [
            f"{p.name}: {p.kind.label.lower()}. {dates_words(p)}.",
            f"Co-chairs: {chairs}.",
            f"Aims: {p.aims}" if p.aims else "Aims: not written yet. Press enter to add them.",
        ]
        self.query_one("#project-about", Static).update("\n".join(about))
        ratings = self.store.projects.ratings(p.id)
        self.query_one("#project-ladder", Static).update(self.ladder_words(ratings))
        sessions = self.project_sessions(p)
        self.query_one("#project-sessions-heading", Label).update(f"Sessions ({len(sessions)})")
        table = self.query_one(ProjectSessionsTable)
        table.show(sessions, self.today())
        table.display = bool(sessions)
        none = self.query_one("#project-sessions-none", Static)
        none.update(
            "No sessions yet. Press a to add one, or give a session this project in its details."
        )
        none.display = not sessions

    def co_chairs(self, project: Project) -> str:
        """'Gareth Hughes, staff; Farah Khan, person with lived experience'."""
        seats = [project.staff_co_chair_id, project.lived_co_chair_id]
        people = {
            person.id: person
            for person in self.store.people.many([i for i in seats if i is not None])
        }

        def who(person: Person | None) -> str:
            return f"{person.display_name}, {person.role.label.lower()}" if person else ""

        return co_chairs_words(
            who(people.get(project.staff_co_chair_id)), who(people.get(project.lived_co_chair_id))
        )

    @staticmethod
    def ladder_words(ratings: list[LadderRating]) -> str:
        if not ratings:
            return "Not rated yet. Press l to say where it stands, and why."
        return "\n".join(
            [movement_words(ratings), *(f"• {line}" for line in history_lines(ratings))]
        )

    # --- changing projects ------------------------------------------------------------

    def action_new_project(self) -> None:
        def saved(project: Project | None) -> None:
            if project is not None:
                self.show_projects(highlight=project.id)
                self.notify(f"Added “{project.name}”. Press l to rate it on the ladder.")

        self.app.push_screen(ProjectForm(self.store, self.today()), saved)

    @on(DataTable.RowSelected, "#projects-table")
    def _project_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        line = self.highlighted()
        if line is None or line.project.id is None:
            return
        try:
            project = self.store.projects.get(line.project.id)
        except NotFound as gone:
            self.notify(str(gone), severity="warning")
            self.show_projects()
            return

        def saved(changed: Project | None) -> None:
            if changed is not None:
                self.show_projects(highlight=changed.id)
                self.notify(f"Saved “{changed.name}”.")

        self.app.push_screen(ProjectForm(self.store, self.today(), project), saved)

    def action_rate(self) -> None:
        line = self.highlighted()
        if line is None or line.project.id is None:
            self.notify("Add a project first: press n.")
            return
        current = line.latest.rung if line.latest else None

        def rated(rating: LadderRating | None) -> None:
            if rating is None:
                return
            self.show_projects(highlight=rating.project_id)
            moved = ""
            if current is not None and rating.rung is not current:
                direction = "up" if rating.rung.step > current.step else "down"
                moved = f", {direction} from {current.label.lower()}"
            self.notify(
                f"“{shortened(line.project.name, 40)}” rated {rung_words(rating.rung).lower()} "
                f"on {format_date(rating.rated_on)}{moved}."
            )

        self.app.push_screen(RatingForm(self.store, line.project, self.today(), current), rated)

    def action_remove_rating(self) -> None:
        """Take back the latest rating, made by mistake; the earlier ones stay."""
        line = self.highlighted()
        if line is None or line.latest is None or line.latest.id is None:
            self.notify("This project has no rating on the ladder to remove.")
            return
        rating, name = line.latest, line.project.name
        rating_id = rating.id
        consequence = (
            f"This removes the rating of {format_date(rating.rated_on)}: "
            f"{rung_words(rating.rung)}, “{sentence(rating.reason)}” "
            "The ratings before it stay. This cannot be undone."
        )

        def answered(remove: bool | None) -> None:
            if not remove:
                return
            self.store.projects.remove_rating(rating_id)
            self.notify(f"Removed the rating of {format_date(rating.rated_on)} from “{name}”.")
            self.show_projects()

        self.app.push_screen(
            ConfirmScreen(
                "Remove the latest rating on the ladder?", consequence, yes="Remove rating"
            ),
            answered,
        )

    def action_delete_project(self) -> None:
        line = self.highlighted()
        if line is None or line.project.id is None:
            self.notify("Add a project first: press n.")
            return
        project_id, name = line.project.id, line.project.name
        try:
            sessions = self.store.projects.session_count(project_id)
            ratings = len(self.store.projects.ratings(project_id))
        except FacilitatorError as error:
            self.notify(str(error), severity="warning")
            return
        with_ratings = f" and its {plural(ratings, 'rating')} on the ladder" if ratings else ""
        consequence = (
            f"This deletes “{name}”{with_ratings}. {orphaned_words(sessions)} "
            "This cannot be undone."
        )

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            try:
                left = self.store.projects.delete(project_id)
            except NotFound as gone:
                self.notify(str(gone))
            except FacilitatorError as kept:
                self.notify(str(kept), severity="warning", timeout=10)
            else:
                after = f" {plural(left, 'session')} now without a project." if left else ""
                self.notify(f"Deleted “{name}”.{after}")
            self.show_projects()

        self.app.push_screen(
            ConfirmScreen("Delete this project?", consequence, yes="Delete project"), answered
        )

    # --- its sessions ---------------------------------------------------------------------

    def action_add_session(self) -> None:
        line = self.highlighted()
        if line is None or line.project.id is None:
            self.notify("Add a project first: press n.")
            return
        project = line.project
        name = project.name.casefold()
        others = sorted(
            (s for s in self.sessions if s.project_name.casefold() != name),
            key=lambda s: (s.date, s.start),
            reverse=True,
        )
        if not others:
            self.notify(
                "Every session is already in this project. Press n on the home screen to plan one."
            )
            return
        choices = [
            Choice(
                str(s.id),
                f"{format_date(s.date)}: {s.title}"
                + (f" (now in {s.project_name})" if s.project_name else ""),
            )
            for s in others
        ]

        def chosen(key: str | None) -> None:
            if key is not None:
                self.add_session(project, int(key))

        self.app.push_screen(
            ChoiceScreen(
                f"Add a session to “{shortened(project.name, 44)}”",
                choices,
                "Newest first. Press a number or letter, or move and press Enter; a session "
                "in another project moves to this one. Escape goes back without a change.",
            ),
            chosen,
        )

    def add_session(self, project: Project, session_id: int) -> None:
        try:
            session = self.store.sessions.get(session_id)
            before = session.project_name
            session.project_name = project.name
            self.store.sessions.save(session)
        except FacilitatorError as error:
            self.notify(str(error), severity="warning", timeout=10)
            self.show_projects()
            return
        moved = f", moved from “{before}”" if before else ""
        self.notify(f"“{session.title}” is now in “{project.name}”{moved}.")
        self.show_projects(highlight=project.id)

    @on(DataTable.RowSelected, "#project-sessions")
    def _session_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is None:
            return
        session_id = int(event.row_key.value)
        try:
            self.store.sessions.get(session_id)
        except NotFound as gone:
            self.notify(str(gone), severity="warning")
            self.show_projects()
            return
        self.app.push_screen(SessionScreen(self.store, self.today, session_id, self.now))
