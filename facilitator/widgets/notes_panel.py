"""The Notes tab: what we heard under each agenda item, and what we will do.

Notes go under the item being run now unless the facilitator picks another one;
adding a note is one key and typing (see NoteEditor: it saves as it is typed).
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Label, Select, Static

from facilitator.screens.action_form import ActionForm
from facilitator.screens.chooser import Choice, ChoiceScreen
from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.note_editor import NoteEditor
from facilitator.widgets.listing_table import ListingTable
from facilitator.widgets.session_panel import SessionPanel
from facilitator.widgets.text import first_line, shortened
from sessions.actions import due_in_words
from sessions.clock import venue_date
from sessions.display import plural
from sessions.errors import FacilitatorError, NotFound
from sessions.models import Action, AgendaItem, Note, NoteKind
from sessions.notes import consent_words
from sessions.run import current_item_id

ALL_NOTES = "all"
"""The choice that lists every note of the session; new ones go under no item."""
WHOLE_SESSION = "whole"
"""The choice for notes that belong to no one agenda item."""
ITEM_WIDTH = 24
NOTE_WIDTH = 70
WHAT_WIDTH = 60


class NotesTable(ListingTable):
    """One item's notes, or (show_item) every note of the session with its item."""

    COLUMNS = ("Kind", "What was said", "Quote may be used")
    BINDINGS = [Binding("enter", "select_cursor", "Edit")]

    def show_item(self, show: bool) -> None:
        """Add the agenda item column when notes from every item are listed together."""
        self.COLUMNS = (
            ("Kind", "Under", "What was said", "Quote may be used") if show else type(self).COLUMNS
        )


class PanelActionsTable(ListingTable):
    COLUMNS = ("We will", "Who", "By when", "Status")
    BINDINGS = [Binding("enter", "select_cursor", "Edit")]


class NotesPanel(SessionPanel):
    BINDINGS = [
        Binding("a,h", "add_note('heard')", "Heard"),
        Binding("i", "add_note('idea')", "Idea"),
        Binding("q", "add_note('question')", "Question"),
        Binding("u", "add_note('quote')", "Quote"),
        Binding("w", "add_action", "We will"),
        Binding("d,delete", "delete", "Delete"),
        Binding("left_square_bracket", "step_item(-1)", "Previous item"),
        Binding("right_square_bracket", "step_item(1)", "Next item"),
        Binding("c", "current_item", "Back to the item running now", show=False),
        Binding("g", "choose_group", "Breakout group", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Horizontal(id="notes-where"):
            yield Label("Notes for", id="notes-for")
            yield Select[str](
                [("All notes from this session", ALL_NOTES)],
                value=ALL_NOTES,
                id="notes-item",
                allow_blank=False,
            )
        yield Static("", id="notes-running", markup=False)
        yield Label("", id="notes-heading", classes="section-heading", markup=False)
        yield NotesTable(id="notes-table")
        yield Static("", id="notes-empty", classes="section-empty", markup=False)
        yield Static("", id="notes-detail", markup=False)
        yield Label("", id="actions-heading", classes="section-heading", markup=False)
        yield PanelActionsTable(id="session-actions")
        yield Static("", id="actions-empty", classes="section-empty", markup=False)

    def prepare(self) -> None:
        self.items: list[AgendaItem] = []
        self.chosen = ""
        """What is listed: all notes, the whole session's, or one item's (its number)."""
        self.running: int | None = None
        self.notes: dict[int, Note] = {}
        self.actions: dict[int, Action] = {}
        self.group_id: int | None = None
        """The breakout group new notes go under, and whose notes are listed."""
        self.group_names: dict[int, str] = {}
        self.group_items: dict[int, int | None] = {}

    # --- what is shown ------------------------------------------------------

    def shown(self) -> None:
        """Reload, and follow the run clock to the item being run now if it moved on."""
        self.items = self.store.agenda.items(self.session_id)
        running = current_item_id(self.store.run_events.for_session(self.session_id), self.items)
        if running != self.running or not self.knows(self.chosen):
            self.running = running
            self.chosen = str(running) if running is not None else ALL_NOTES
        self.refresh_all()
        self.query_one(NotesTable).focus()

    def choice_keys(self) -> list[str]:
        return [ALL_NOTES, WHOLE_SESSION, *(str(item.id) for item in self.items)]

    def knows(self, key: str) -> bool:
        return key in self.choice_keys()

    @property
    def chosen_item(self) -> AgendaItem | None:
        return next((item for item in self.items if str(item.id) == self.chosen), None)

    def item_title(self, item_id: int | None) -> str:
        """An item's title, or 'Whole session' for notes under no item."""
        item = next((item for item in self.items if item.id == item_id), None)
        return item.title if item else "Whole session"

    def refresh_all(self, *, note: int | None = None, action: int | None = None) -> None:
        self.load_groups()
        self.show_choices()
        self.show_actions(highlight=action)  # first: a note's detail names its actions
        self.show_notes(highlight=note)

    def show_choices(self) -> None:
        options = [
            (Text("All notes from this session"), ALL_NOTES),
            (Text("Whole session (notes under no agenda item)"), WHOLE_SESSION),
        ]
        for number, item in enumerate(self.items, start=1):
            now = " (running now)" if item.id == self.running else ""
            options.append((Text(f"{number}. {item.title}{now}"), str(item.id)))
        select = self.query_one("#notes-item", Select)
        with select.prevent(Select.Changed):
            select.set_options(options)
            select.value = self.chosen
            select.mutate_reactive(Select.value)  # the label, even if the value is the same
        self.show_where()

    def load_groups(self) -> None:
        """The session's breakout groups by name ("Round 2 · Group 1" when several rounds)."""
        rounds = self.store.breakouts.rounds(self.session_id)
        self.group_names, self.group_items = {}, {}
        for this in rounds:
            for group in this.groups:
                assert group.id is not None
                prefix = f"Round {this.number} · " if len(rounds) > 1 else ""
                self.group_names[group.id] = prefix + group.name
                self.group_items[group.id] = this.agenda_item_id
        if self.group_id not in self.group_names:
            self.group_id = None

    def groups_for_item(self) -> list[int]:
        """The groups notes under the chosen item can belong to: its own rounds' groups,
        or every group when no round was made for it."""
        item = self.chosen_item
        own = [g for g, i in self.group_items.items() if item is not None and i == item.id]
        return own or list(self.group_names)

    def show_where(self) -> None:
        """Where a new note goes, and the way back to the item being run now."""
        item = self.chosen_item
        target = f"“{item.title}”" if item else "the whole session"
        if self.group_id is not None:
            target += f", in {self.group_names[self.group_id]}"
        running = next((i for i in self.items if i.id == self.running), None)
        if running is None:
            now = "The session is not running. "
        elif running is item:
            now = ""
        else:
            now = f"Running now: “{running.title}” (c goes back to it). "
        self.query_one("#notes-running", Static).update(
            f"{now}New notes go under {target}; [ and ] choose another item"
            + ("; g picks a group." if self.group_names else ".")
        )

    def show_notes(self, *, highlight: int | None = None) -> None:
        item = self.chosen_item
        everything = self.chosen == ALL_NOTES
        if everything:
            notes = self.store.notes.for_session(self.session_id)
            heading = "Everything we heard in this session"
            none = "No notes from this session yet."
        else:
            notes = self.store.notes.for_item(self.session_id, item.id if item else None)
            heading = (
                f"What we heard during “{item.title}”"
                if item
                else ("What we heard about the whole session")
            )
            if self.group_id is not None:
                notes = [n for n in notes if n.breakout_group_id == self.group_id]
                heading += f" in {self.group_names[self.group_id]}"
            none = "No notes here yet."
        self.notes = {note.id: note for note in notes if note.id is not None}
        table = self.query_one(NotesTable)
        table.show_item(everything)
        table.replace_rows(
            ((note.id, self.cells(note, with_item=everything)) for note in notes),
            highlight=highlight,
        )
        table.display = bool(notes)
        self.query_one("#notes-heading", Label).update(f"{heading}: {plural(len(notes), 'note')}")
        empty = self.query_one("#notes-empty", Static)
        empty.update(
            f"{none} Press a or h for what was heard, i for an idea, q for a question, "
            "u for a quote."
        )
        empty.display = not notes
        self.show_detail()

    def cells(self, note: Note, *, with_item: bool) -> tuple[str, ...]:
        said = first_line(note.text, NOTE_WIDTH - ITEM_WIDTH if with_item else NOTE_WIDTH)
        if with_item:
            under = self.item_title(note.agenda_item_id)
            if note.breakout_group_id in self.group_names:
                under += f" · {self.group_names[note.breakout_group_id]}"
            under = shortened(under, ITEM_WIDTH)
            return (note.kind.label, under, said, consent_words(note))
        return (note.kind.label, said, consent_words(note))

    def show_detail(self) -> None:
        """The highlighted note in full: the table has room for the start of it."""
        detail = self.query_one("#notes-detail", Static)
        note = self.highlighted_note()
        if note is None:
            detail.update("")
            detail.display = False
            return
        lines = [note.text.strip()]
        if note.breakout_group_id in self.group_names:
            lines.append(f"Heard in {self.group_names[note.breakout_group_id]}.")
        if note.kind is NoteKind.QUOTE:
            lines.append(f"Quote: {note.consent.label.lower()}.")
            if note.speaker:
                lines[-1] += f" Said by {note.speaker}."
        answering = [a.what for a in self.actions.values() if note.id in a.note_ids]
        if answering:
            lines.append("We will: " + "; ".join(answering))
        detail.update("\n".join(lines))
        detail.display = True

    def show_actions(self, *, highlight: int | None = None) -> None:
        actions = self.store.actions.for_session(self.session_id)
        self.actions = {a.id: a for a in actions if a.id is not None}
        today = self.today()
        table = self.query_one(PanelActionsTable)
        table.replace_rows(
            (
                (
                    a.id,
                    (
                        shortened(a.what, WHAT_WIDTH),
                        a.owner or "Nobody yet",
                        due_in_words(a, today),
                        a.status.label,
                    ),
                )
                for a in actions
            ),
            highlight=highlight,
        )
        table.display = bool(actions)
        self.query_one("#actions-heading", Label).update(
            f"We will: {plural(len(actions), 'action')} from this session" if actions else "We will"
        )
        empty = self.query_one("#actions-empty", Static)
        empty.update("Nothing agreed yet. Press w to add what we will do.")
        empty.display = not actions

    def highlighted_note(self) -> Note | None:
        table = self.query_one(NotesTable)
        return self.notes.get(table.selected_id) if table.selected_id is not None else None

    @on(DataTable.RowHighlighted, "#notes-table")
    def _note_highlighted(self) -> None:
        self.show_detail()

    @on(Select.Changed, "#notes-item")
    def _item_chosen(self, event: Select.Changed) -> None:
        if event.value is Select.NULL or not self.chosen:
            return  # the Select settling as it mounts, before the tab is first shown
        self.chosen = str(event.value)
        if self.group_id is not None and self.group_id not in self.groups_for_item():
            self.group_id = None
        self.show_where()
        self.show_notes()

    def action_step_item(self, offset: int) -> None:
        keys = self.choice_keys()
        index = keys.index(self.chosen) if self.chosen in keys else 0
        self.choose(keys[max(0, min(len(keys) - 1, index + offset))])

    def action_current_item(self) -> None:
        if self.running is None:
            self.notify("The session is not running, so no item is running now.")
            return
        self.choose(str(self.running))

    def choose(self, key: str) -> None:
        self.chosen = key
        if self.group_id is not None and self.group_id not in self.groups_for_item():
            self.group_id = None
        select = self.query_one("#notes-item", Select)
        with select.prevent(Select.Changed):
            select.value = key
        self.show_where()
        self.show_notes()

    def action_choose_group(self) -> None:
        groups = self.groups_for_item()
        if not groups:
            self.notify(
                "This session has no breakout groups yet. Make them on the Groups tab (F6)."
            )
            return
        choices = [Choice("none", "No particular group", disabled=self.group_id is None)]
        choices += [
            Choice(str(g), self.group_names[g], disabled=g == self.group_id) for g in groups
        ]

        def chosen(key: str | None) -> None:
            if key is None:
                return
            self.group_id = None if key == "none" else int(key)
            item = self.group_items.get(self.group_id) if self.group_id is not None else None
            if item is not None and self.knows(str(item)):
                self.choose(str(item))  # the breakout item the group's round was made for
                return
            self.show_where()
            self.show_notes()

        self.app.push_screen(ChoiceScreen("Notes from which group?", choices), chosen)

    # --- notes ----------------------------------------------------------------

    def action_add_note(self, kind: str) -> None:
        item = self.chosen_item
        note = Note(
            self.session_id,
            "",
            kind=NoteKind(kind),
            agenda_item_id=item.id if item else None,
            breakout_group_id=self.group_id,
        )
        self.edit_note(note)

    def edit_note(self, note: Note) -> None:
        def closed(saved: Note | None) -> None:
            self.refresh_all(note=saved.id if saved else None)
            self.query_one(NotesTable).focus()

        where = self.item_title(note.agenda_item_id)
        if note.breakout_group_id in self.group_names:
            where += f", {self.group_names[note.breakout_group_id]}"
        self.app.push_screen(NoteEditor(self.store, note, where), closed)

    @on(DataTable.RowSelected, "#notes-table")
    def _note_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        note = self.highlighted_note()
        if note is not None:
            self.edit_note(note)

    # --- actions --------------------------------------------------------------

    def today(self) -> dt.date:
        """Today at the venue, by the app's clock (fixed in tests)."""
        return venue_date(self.now())

    def action_add_action(self) -> None:
        note = self.highlighted_note() if self.query_one(NotesTable).has_focus else None
        answers = (note.id,) if note is not None and note.id is not None else ()
        self.open_action_form(None, answers)

    def open_action_form(self, action: Action | None, answers: tuple[int, ...] = ()) -> None:
        def closed(saved: Action | None) -> None:
            if saved is not None:
                self.refresh_all(action=saved.id)
                self.notify("Saved what we will do." if action is None else "Action saved.")

        self.app.push_screen(
            ActionForm(self.store, self.session_id, self.today(), action, answers=answers),
            closed,
        )

    @on(DataTable.RowSelected, "#session-actions")
    def _action_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        action_id = self.query_one(PanelActionsTable).selected_id
        if action_id is None:
            return
        try:
            action = self.store.actions.get(action_id)
        except NotFound as gone:
            self.notify(str(gone), severity="warning")
            self.refresh_all()
            return
        self.open_action_form(action)

    # --- deleting -------------------------------------------------------------

    def action_delete(self) -> None:
        if self.query_one(PanelActionsTable).has_focus:
            self.delete_action()
        else:
            self.delete_note()

    def delete_note(self) -> None:
        note = self.highlighted_note()
        if note is None or note.id is None:
            self.notify("There is no note here to delete.")
            return
        note_id = note.id
        answering = [a for a in self.actions.values() if note_id in a.note_ids]
        also = (
            f" {plural(len(answering), 'action')} that answered it will no longer list it."
            if answering
            else ""
        )

        def answered(delete: bool | None) -> None:
            if delete:
                with suppress(NotFound):
                    self.store.notes.delete(note_id)
                self.notify("Note deleted.")
                self.refresh_all()

        self.app.push_screen(
            ConfirmScreen(
                "Delete this note?",
                f"“{first_line(note.text, 60)}” will be deleted.{also} This cannot be undone.",
                yes="Delete note",
            ),
            answered,
        )

    def delete_action(self) -> None:
        action_id = self.query_one(PanelActionsTable).selected_id
        action = self.actions.get(action_id) if action_id is not None else None
        if action is None or action_id is None:
            self.notify("There is no action here to delete.")
            return

        def answered(delete: bool | None) -> None:
            if delete:
                try:
                    self.store.actions.delete(action_id)
                except FacilitatorError as error:
                    self.notify(str(error), severity="error")
                else:
                    self.notify("Action deleted.")
                self.refresh_all()

        self.app.push_screen(
            ConfirmScreen(
                "Delete this action?",
                f"“{shortened(action.what, 60)}” will be deleted. To keep a record that it "
                "will not happen, mark it dropped on the Actions screen instead.",
                yes="Delete action",
            ),
            answered,
        )
