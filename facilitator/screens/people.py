"""The people bank: find anyone by typing, add and edit people, and erase someone."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import Worker, WorkerState

from facilitator.screens.companions import CompanionsScreen
from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.person_form import PersonForm
from facilitator.widgets.listing_table import ListingTable
from sessions.display import plural
from sessions.erasure import erase_person, plan_erasure
from sessions.errors import FacilitatorError, NotFound
from sessions.models import Person
from sessions.store import Store
from sessions.validation import name_from_search

PAGE = 200


class PeopleTable(ListingTable):
    COLUMNS = ("Name", "Pronouns", "Role", "Organisation", "Phone", "Email")


class PersonErased(Message):
    """A worker erased someone: say what was done, and what was kept."""

    def __init__(self, person_id: int, words: str) -> None:
        super().__init__()
        self.person_id = person_id
        self.words = words


class PeopleScreen(Screen[None]):
    """The search box keeps the focus: typing always searches, arrows move the list."""

    BINDINGS = [
        Binding("ctrl+n", "add_person", "Add person"),
        Binding("ctrl+l", "companions", "Comes with"),
        Binding("ctrl+r", "erase_person", "Erase person"),
        Binding("enter", "edit_person", "Edit", show=False),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("escape", "clear_or_back", "Back"),
    ]

    def __init__(self, store: Store, *, highlight: int | None = None) -> None:
        super().__init__()
        self.store = store
        self.highlight = highlight
        self.found = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Type to find someone: name, organisation, email or phone",
            id="people-search",
        )
        yield PeopleTable(id="people-table")
        yield Static("", id="people-status", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "People bank"
        self.show_matches(highlight=self.highlight)
        self.query_one("#people-search", Input).focus()

    @property
    def search_text(self) -> str:
        return self.query_one("#people-search", Input).value

    @on(Input.Changed, "#people-search")
    def _search_changed(self) -> None:
        self.show_matches()

    def show_matches(self, *, highlight: int | None = None) -> None:
        """The first page of matches; more are added as the cursor reaches the end."""
        text = self.search_text
        people = self.store.people.search(text, limit=PAGE)
        self.found = self.store.people.count(text) if len(people) == PAGE else len(people)
        self.query_one(PeopleTable).replace_rows(
            ((person.id, self.cells(person)) for person in people), highlight=highlight
        )
        self.show_status()

    def show_more(self) -> None:
        table = self.query_one(PeopleTable)
        more = self.store.people.search(self.search_text, limit=PAGE, offset=table.row_count)
        table.append_rows((person.id, self.cells(person)) for person in more)
        self.show_status()

    @staticmethod
    def cells(person: Person) -> tuple[str, ...]:
        return (
            person.display_name,
            person.pronouns,
            person.role.label,
            person.organisation,
            person.phone,
            person.email,
        )

    def show_status(self) -> None:
        self.query_one("#people-status", Static).update(self.status())

    def status(self) -> str:
        text, found = self.search_text, self.found
        shown = self.query_one(PeopleTable).row_count
        total = self.store.people.count() if text else found
        if not total:
            return "The people bank is empty. Press ctrl+n to add someone."
        if found == 0:
            return f"Nobody matches “{text}”. Press ctrl+n to add them."
        what = (
            plural(found, "person matches", "people match")
            if text
            else plural(found, "person", "people")
        )
        where = f" “{text}” out of {total:,}" if text else " in the people bank"
        more = f" Showing {shown:,}; more appear as you move down." if found > shown else ""
        return f"{what}{where}.{more} Enter edits the highlighted person."

    def highlighted_person(self) -> int | None:
        return self.query_one(PeopleTable).selected_id

    def action_move(self, offset: int) -> None:
        table = self.query_one(PeopleTable)
        if table.cursor_row + offset >= table.row_count - 1 and self.found > table.row_count:
            self.show_more()
        if table.row_count:
            row = max(0, min(table.row_count - 1, table.cursor_row + offset))
            table.move_cursor(row=row)

    @on(Input.Submitted, "#people-search")
    def _enter_in_search(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_edit_person()

    @on(DataTable.RowSelected, "#people-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_person()

    def person_saved(self, person: Person | None) -> None:
        if person is not None:
            self.show_matches(highlight=person.id)
            self.notify(f"Saved {person.display_name}.")
        self.query_one("#people-search", Input).focus()

    def action_edit_person(self) -> None:
        person_id = self.highlighted_person()
        if person_id is None:
            self.action_add_person()
            return
        self.edit(person_id)

    def edit(self, person_id: int) -> None:
        try:
            person = self.store.people.get(person_id)
        except NotFound as gone:
            self.notify(str(gone), severity="warning")
            self.show_matches()
            return
        self.app.push_screen(PersonForm(self.store, person), self.person_saved)

    def action_companions(self) -> None:
        """Link the highlighted person with the carer, PA or interpreter who comes with them."""
        person_id = self.highlighted_person()
        if person_id is None:
            self.notify("Find the person first: type part of their name.")
            return
        try:
            person = self.store.people.get(person_id)
        except NotFound as gone:
            self.notify(str(gone), severity="warning")
            self.show_matches()
            return
        self.app.push_screen(CompanionsScreen(self.store, person))

    def action_erase_person(self) -> None:
        """Erase the highlighted person, after saying what goes, what stays and why."""
        person_id = self.highlighted_person()
        if person_id is None:
            self.notify("Find the person first: type part of their name.")
            return
        try:
            plan = plan_erasure(self.store, person_id)
        except NotFound as gone:
            self.notify(str(gone), severity="warning")
            self.show_matches()
            return
        if plan.already_erased:
            self.notify(
                "This person has already been erased: only their place in counts and "
                "their claims are kept."
            )
            return

        def answered(erase: bool | None) -> None:
            if erase:
                self.notify("Erasing their details…")
                self.erase(person_id)
            self.query_one("#people-search", Input).focus()

        self.app.push_screen(
            ConfirmScreen(plan.title, plan.consequence(), yes="Erase them", no="Keep them"),
            answered,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="erase-person")
    def erase(self, person_id: int) -> None:
        """Erased, and the file rebuilt, with a data file opened in this thread (a
        connection belongs to the thread that made it)."""
        with Store.open(self.store.path, create=False) as store:
            done = erase_person(store, person_id)
        self.post_message(PersonErased(person_id, done.words()))

    @on(PersonErased)
    def _person_erased(self, event: PersonErased) -> None:
        self.show_matches(highlight=event.person_id)
        self.notify(event.words, title="Erased", timeout=15)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "erase-person" or event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        words = (
            str(error)
            if isinstance(error, FacilitatorError)
            else f"Their details could not be erased ({type(error).__name__}: {error})."
        )
        self.notify(f"{words} Nothing was erased.", title="Not erased", severity="error")

    def action_add_person(self) -> None:
        """A new person, starting with whatever name was typed in the search box."""
        name = name_from_search(self.search_text)
        self.app.push_screen(PersonForm(self.store, name=name), self.person_saved)

    def action_clear_or_back(self) -> None:
        search = self.query_one("#people-search", Input)
        if search.value:
            search.value = ""
        else:
            self.app.pop_screen()
