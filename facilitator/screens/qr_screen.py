"""The sign-up QR code on screen, for someone to scan with their phone there and then.

Reached from a session's Documents menu (F7) and from the command palette, for a
session or for a project. The code is drawn black on white with its quiet zone, as
large as the window allows, with the address written out under it. Without a
sign-up target set, the screen says how to set one, and s opens Settings on the
right tab. A session that is over gets the code of its project's next session (or of
the project), and the screen says so; one with no project gets none, in words.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from exports.qr import qr_matrix
from facilitator.commands import highlighted, session_label
from facilitator.widgets.qr_view import QRView
from sessions.clock import now_utc
from sessions.display import format_date
from sessions.errors import FacilitatorError
from sessions.signup import (
    NO_TARGET,
    SignupLink,
    link_for_project,
    load_target,
    signup_for_session,
)
from sessions.store import Store

if TYPE_CHECKING:
    from facilitator.app import FacilitatorApp

HINT = "Hold your phone's camera up to the code."


class QRScreen(Screen[None]):
    """The code for one session (`session_id`) or one project (`project`)."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("c", "copy_address", "Copy the address"),
        Binding("s", "open_settings", "Set the sign-up address"),
    ]

    def __init__(
        self, store: Store, *, session_id: int | None = None, project: str | None = None
    ) -> None:
        if (session_id is None) == (project is None):
            raise ValueError("a QR code is for a session or for a project")
        super().__init__(classes="qr-screen")
        self.store = store
        self.session_id = session_id
        self.project = project
        self.link: SignupLink | None = None
        self.problem = ""
        self.what = ""
        self.note = ""

    def load(self) -> None:
        """The address for the session or project, or the words saying why there is none.
        A session that is over points at what comes next (`note` says so)."""
        self.link, self.problem, self.note = None, "", ""
        try:
            if self.session_id is not None:
                session = self.store.sessions.get(self.session_id)
                self.what = f"{session.title}, {format_date(session.date)}"
                now = getattr(self.app, "now", now_utc)()
                signup = signup_for_session(self.store, session, now)
                self.link, self.note = signup.link, signup.note
                if signup.session is not None and signup.session.id != session.id:
                    upcoming = signup.session
                    self.what = f"{upcoming.title}, {format_date(upcoming.date)}"
                elif signup.for_project:
                    self.what = f"{signup.project} (the project)"
                if signup.link is None and signup.problem != NO_TARGET:
                    self.problem = signup.problem
                    return
            else:
                assert self.project is not None
                self.what = f"{self.project} (the project)"
                target = load_target(self.store)
                if target is not None:
                    self.link = link_for_project(target, self.project)
        except FacilitatorError as error:
            self.problem = str(error)
            return
        if self.link is None:
            self.problem = f"{NO_TARGET} Press s to set one now."

    def compose(self) -> ComposeResult:
        self.load()
        with Vertical(id="qr-page"):
            title = f"Sign-up QR code: {self.what}."
            yield Static(f"{title} {HINT}" if self.link else title, id="qr-title", markup=False)
            if self.note:
                yield Static(self.note, id="qr-note", markup=False)
            if self.link is None:
                yield Static(self.problem, id="qr-problem", markup=False)
            else:
                try:
                    matrix = qr_matrix(self.link.address)
                except FacilitatorError as error:
                    yield Static(str(error), id="qr-problem", markup=False)
                else:
                    yield QRView(matrix, id="qr-code")
                yield Static(self.link.shown, id="qr-address", markup=False)
        yield Footer(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy_address":
            return self.link is not None
        return True

    def action_copy_address(self) -> None:
        if self.link is not None:
            self.app.copy_to_clipboard(self.link.address)
            self.notify("Copied the sign-up address.")

    def action_open_settings(self) -> None:
        """Settings on the Sign-ups and summaries tab; the code is drawn again after."""
        from facilitator.screens.settings import SettingsScreen

        async def saved(_change: object) -> None:
            await self.recompose()
            self.refresh_bindings()

        self.app.push_screen(SettingsScreen(self.store, tab="signups"), saved)


class SignupCodesProvider(Provider):
    """The command palette's "Sign-up QR code" for any session or project."""

    async def startup(self) -> None:
        app = cast("FacilitatorApp", self.app)
        self.store = app.store
        self.sessions = app.store.sessions.overview()
        self.projects = app.store.sessions.project_names()

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for s in self.sessions:
            label = f"Sign-up QR code: {session_label(s)}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, label),
                    partial(self.show, session_id=s.id),
                    help="Show the sign-up code on screen, to scan with a phone",
                )
        for name in self.projects:
            label = f"Sign-up QR code for a project: {name}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, label) if query else Content(label),
                    partial(self.show, project=name),
                    help="Show the project's sign-up code on screen",
                )

    def show(self, *, session_id: int | None = None, project: str | None = None) -> None:
        self.app.push_screen(QRScreen(self.store, session_id=session_id, project=project))
