"""Who comes with someone: the carer, personal assistant or interpreter check-in offers."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.person_picker import PersonPicker
from sessions.companions import link_sentence, other_side
from sessions.errors import FacilitatorError
from sessions.models import Person, Relation
from sessions.store import Store


class CompanionsScreen(ModalScreen[None]):
    """The links of one person, both ways; a adds, d takes one away."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("a", "add", "Add who comes with them"),
        Binding("d,delete", "remove", "Unlink"),
    ]

    def __init__(self, store: Store, person: Person) -> None:
        super().__init__(classes="dialog-screen")
        self.store = store
        self.person = person
        self.sentences: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog companions"):
            yield Label(
                f"Who comes with {self.person.display_name}", classes="dialog-title", markup=False
            )
            yield Static(
                "When one of them is checked in at a session, check-in offers to check in "
                "the other too.",
                classes="dialog-body",
            )
            yield OptionList(id="companion-links", markup=False)
            yield Static("", id="companions-empty", classes="dialog-body", markup=False)
            yield Static(
                "a adds a carer, personal assistant or interpreter; d unlinks the "
                "highlighted one; escape closes.",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.show_links()

    def show_links(self) -> None:
        assert self.person.id is not None
        self.sentences = {}
        for link in self.store.companions.of(self.person.id):
            found = {p.id: p for p in self.store.people.many([link.person_id, link.companion_id])}
            if len(found) == 2:
                sentence = link_sentence(
                    found[link.person_id], found[link.companion_id], link.relation
                )
                self.sentences[other_side(link, self.person.id)] = sentence
        links = self.query_one(OptionList)
        links.clear_options()
        links.add_options(Option(text, id=str(other)) for other, text in self.sentences.items())
        links.display = bool(self.sentences)
        empty = self.query_one("#companions-empty", Static)
        empty.update(f"Nobody is linked with {self.person.display_name} yet. Press a to add.")
        empty.display = not self.sentences
        if self.sentences:
            links.highlighted = 0
            links.focus()

    def action_add(self) -> None:
        def chosen(relation: Relation | None) -> None:
            if relation is not None:
                self.pick_companion(relation)

        self.app.push_screen(RelationChooser(self.person), chosen)

    def pick_companion(self, relation: Relation) -> None:
        assert self.person.id is not None
        person_id = self.person.id

        def picked(companion_id: int | None) -> None:
            if companion_id is None:
                return
            try:
                self.store.companions.link(person_id, companion_id, relation)
                companion = self.store.people.get(companion_id)
            except FacilitatorError as error:
                self.notify(str(error), title="Not linked", severity="warning")
                return
            self.notify(link_sentence(self.person, companion, relation))
            self.show_links()

        self.app.push_screen(
            PersonPicker(
                self.store,
                f"Choose the {relation.label.lower()} who comes with {self.person.display_name}",
                leave_out={person_id},
            ),
            picked,
        )

    def action_remove(self) -> None:
        links = self.query_one(OptionList)
        if not self.sentences or links.highlighted is None:
            self.notify("Nobody is linked yet, so there is nothing to unlink.")
            return
        option_id = links.get_option_at_index(links.highlighted).id
        assert option_id is not None and self.person.id is not None
        other, person_id = int(option_id), self.person.id
        sentence = self.sentences[other]

        def answered(unlink: bool | None) -> None:
            if unlink:
                self.store.companions.unlink(person_id, other)
                self.notify(f"Unlinked: {sentence}")
                self.show_links()

        self.app.push_screen(
            ConfirmScreen(
                "Unlink them?",
                f"{sentence} Check-in will stop offering one when the other arrives.",
                yes="Unlink",
            ),
            answered,
        )


class RelationChooser(ModalScreen[Relation | None]):
    """Carer, personal assistant or interpreter; escape goes back."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(self, person: Person) -> None:
        super().__init__(classes="dialog-screen")
        self.person = person

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog chooser"):
            yield Label(
                f"Who comes with {self.person.display_name}?", classes="dialog-title", markup=False
            )
            yield OptionList(
                *(Option(f"Their {r.label.lower()}", id=r.value) for r in Relation),
                id="relation-choices",
            )
            yield Static(
                "Move and press Enter, then choose the person. Escape goes back.",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 0
        choices.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(Relation(event.option.id))
