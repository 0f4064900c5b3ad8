"""The Textual app: screens, keys, and the command palette.

`build_app` is the one factory, used by the CLI and by the tests, so that both
run the same app on a store they opened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from facilitator.screens.home import HomeScreen
from sessions.clock import now_utc, today_at_venue
from sessions.errors import FacilitatorError, NotFound

if TYPE_CHECKING:
    from textual.command import Provider

    from sessions.models import Person, Session
    from sessions.store import Store

# Only the home screen is imported as the app starts: every other screen, and the
# command palette's providers, are imported when first opened, so that the first
# screen is not kept waiting for modules (and the Textual widgets they use) it does
# not show.


def _sessions_provider() -> type[Provider]:
    from facilitator.commands import SessionsProvider

    return SessionsProvider


def _people_provider() -> type[Provider]:
    from facilitator.commands import PeopleProvider

    return PeopleProvider


def _actions_provider() -> type[Provider]:
    from facilitator.action_commands import ActionsProvider

    return ActionsProvider


def _signup_codes_provider() -> type[Provider]:
    from facilitator.screens.qr_screen import SignupCodesProvider

    return SignupCodesProvider


class FacilitatorApp(App[None]):
    CSS_PATH = [
        "app.tcss",
        "checkin.tcss",
        "run.tcss",
        "notes.tcss",
        "groups.tcss",
        "claims.tcss",
        "settings.tcss",
        "qr.tcss",
        "signups.tcss",
        "projects.tcss",
        "reports.tcss",
        "decide.tcss",
    ]
    TITLE = "Facilitator"
    COMMANDS = App.COMMANDS | {
        _sessions_provider,
        _people_provider,
        _actions_provider,
        _signup_codes_provider,
    }
    BINDINGS = [
        Binding("f1", "show_keys", "Keys", priority=True),
        Binding("question_mark", "show_keys", "Keys", show=False),
    ]
    NOTIFICATION_TIMEOUT = 4

    def __init__(
        self,
        store: Store,
        today: Callable[[], dt.date] = today_at_venue,
        now: Callable[[], dt.datetime] = now_utc,
        backup_on_start: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.now = now
        self.backup_on_start = backup_on_start

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.store, self.today, self.now))
        if self.store.needs_welcome():
            from facilitator.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(self.store, self.today))
        elif self.backup_on_start:
            # Once the first screen is drawn: copying a large file beside it would
            # take a share of the machine while the screen is being put together.
            self.call_after_refresh(self.back_up)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="backup",
        description="Backing up the data file",
    )
    def back_up(self) -> None:
        """A backup of the data file into the backups folder beside it: as the app starts
        (while the first screen shows) and when a session is finished.

        Its own connection, as a worker thread must; nothing is said unless it fails.
        A file unchanged since the newest backup is not backed up again."""
        from sessions.store.backups import make_backup

        try:
            make_backup(self.store.path, skip_if_unchanged=True)
        except FacilitatorError as error:
            self.call_from_thread(self.notify, str(error), severity="warning", timeout=10)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification as plain text, always.

        Messages quote what people typed ("Copied “Plan [draft]”."), and Textual reads
        them as markup unless told not to, even from a widget's own `notify`; Facilitator
        never marks up a notification, so `markup` is ignored."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_show_keys(self) -> None:
        """Every key that works on the current screen, in words."""
        from facilitator.screens.keys import KeysScreen, keys_for

        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(keys_for(self, self.screen)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand("New session", "Plan a new session", self.action_new_session)
        yield SystemCommand("People bank", "Find, add and edit people", self.action_people)
        yield SystemCommand(
            "Add a person", "Add someone to the people bank", self.action_add_person
        )
        yield SystemCommand(
            "Actions", "What we will do and what we did, across every session", self.action_actions
        )
        yield SystemCommand(
            "Projects",
            "Projects and task-and-finish groups: co-chairs, sessions, the ladder",
            self.action_projects,
        )
        yield SystemCommand(
            "Reports",
            "How co-production is going, for a range of dates, and the report for committee",
            self.action_reports,
        )
        yield SystemCommand(
            "Settings",
            "Your name, the organisation, the export folder and the payment policy",
            self.action_settings,
        )
        yield SystemCommand(
            "Claims", "Expense claims and payments for time, for every session", self.action_claims
        )
        yield SystemCommand("Keys", "Show every key that works here", self.action_show_keys)
        yield SystemCommand("Theme", "Change the colours", self.action_change_theme)
        yield SystemCommand("Quit", "Close Facilitator", self.action_quit)

    def on_key(self, event: events.Key) -> None:
        """Letters typed straight after a note key were already on their way to the
        screen underneath when the note editor opened; they reach here unused and
        belong at the start of the note."""
        type_ahead = getattr(self.screen, "type_ahead", None)  # the note editor's
        if type_ahead is not None and event.is_printable and event.character:
            type_ahead(event.character)

    def unsaved_form(self) -> bool:
        from facilitator.screens.form import FormScreen

        return any(isinstance(s, FormScreen) and s.has_changes for s in self.screen_stack)

    async def action_quit(self) -> None:
        """Quit at once, unless a form holds typing that has not been saved."""
        if not self.unsaved_form():
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        from facilitator.screens.confirm import ConfirmScreen

        self.push_screen(
            ConfirmScreen(
                "Quit without saving?",
                "The form you are filling in has not been saved. Everything else is "
                "already in the data file.",
                yes="Quit without saving",
                no="Keep filling it in",
            ),
            answered,
        )

    def go_home(self) -> bool:
        """Close every screen above the home screen, unless that would lose typing."""
        if self.unsaved_form():
            self.notify("Save or cancel the form you are filling in first.", severity="warning")
            return False
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        return True

    def open_session(self, session_id: int) -> None:
        try:
            self.store.sessions.get(session_id)
        except NotFound as gone:
            self.notify(str(gone), severity="warning")
            return
        if self.go_home():
            from facilitator.screens.session import SessionScreen

            self.push_screen(SessionScreen(self.store, self.today, session_id, self.now))

    def open_person(self, person_id: int) -> None:
        try:
            person = self.store.people.get(person_id)
        except NotFound as gone:
            self.notify(str(gone), severity="warning")
            return
        if self.go_home():
            from facilitator.screens.people import PeopleScreen
            from facilitator.screens.person_form import PersonForm

            self.push_screen(PeopleScreen(self.store, highlight=person_id))
            self.push_screen(PersonForm(self.store, person), self._person_saved)

    def _person_saved(self, person: Person | None) -> None:
        from facilitator.screens.people import PeopleScreen

        if isinstance(self.screen, PeopleScreen):
            self.screen.person_saved(person)

    def action_new_session(self) -> None:
        def created(session: Session | None) -> None:
            if session is not None and session.id is not None:
                self.open_session(session.id)

        from facilitator.screens.session_form import SessionForm

        self.push_screen(SessionForm(self.store, self.today), created)

    def action_people(self) -> None:
        if self.go_home():
            from facilitator.screens.people import PeopleScreen

            self.push_screen(PeopleScreen(self.store))

    def action_settings(self) -> None:
        if self.go_home():
            from facilitator.screens.settings import SettingsScreen

            self.push_screen(SettingsScreen(self.store))

    def action_actions(self) -> None:
        if self.go_home():
            from facilitator.screens.actions import ActionsScreen

            self.push_screen(ActionsScreen(self.store, self.today))

    def open_action(self, action_id: int | None) -> None:
        """The Actions screen listing every action, with this one highlighted."""
        if self.go_home():
            from facilitator.screens.actions import ActionsScreen

            self.push_screen(ActionsScreen(self.store, self.today, highlight=action_id, show="all"))

    def action_projects(self) -> None:
        if self.go_home():
            from facilitator.screens.projects import ProjectsScreen

            self.push_screen(ProjectsScreen(self.store, self.today, self.now))

    def open_project(self, project_id: int | None) -> None:
        """The Projects screen with this project highlighted and its page showing."""
        if self.go_home():
            from facilitator.screens.projects import ProjectsScreen

            self.push_screen(ProjectsScreen(self.store, self.today, self.now, highlight=project_id))

    def action_reports(self) -> None:
        if self.go_home():
            from facilitator.screens.reports import ReportsScreen

            self.push_screen(ReportsScreen(self.store, self.today))

    def action_claims(self) -> None:
        if self.go_home():
            from facilitator.screens.claims import ClaimsScreen

            self.push_screen(ClaimsScreen(self.store))

    def open_claim(self, claim_id: int) -> None:
        """The claim on its own screen, over the list of claims with it highlighted."""
        try:
            self.store.claims.get(claim_id)
        except NotFound as gone:
            self.notify(str(gone), severity="warning")
            return
        if self.go_home():
            from facilitator.screens.claim import ClaimScreen
            from facilitator.screens.claims import ClaimsScreen

            self.push_screen(ClaimsScreen(self.store, highlight=claim_id))
            self.push_screen(ClaimScreen(self.store, claim_id))

    def action_add_person(self) -> None:
        if self.go_home():
            from facilitator.screens.people import PeopleScreen
            from facilitator.screens.person_form import PersonForm

            self.push_screen(PeopleScreen(self.store))
            self.push_screen(PersonForm(self.store), self._person_saved)


def build_app(
    store: Store,
    *,
    today: Callable[[], dt.date] = today_at_venue,
    now: Callable[[], dt.datetime] = now_utc,
    backup_on_start: bool = False,
) -> FacilitatorApp:
    """The app on an opened store; the clock is fixed in tests so screens do not drift.

    The CLI asks for a backup of the data file as the app starts; tests do not,
    unless that is what they test."""
    return FacilitatorApp(store, today, now, backup_on_start)
