"""Choose one of a short list of things: a group, a person in the room, a saved split."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class Choice:
    key: str
    words: str
    disabled: bool = False


class ChoiceScreen(ModalScreen[str | None]):
    """Dismisses with the chosen key, or None on escape. The first nine have number keys."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        *(Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, title: str, choices: Sequence[Choice], hint: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.chooser_title = title
        self.choices = list(choices)
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog chooser"):
            yield Label(self.chooser_title, classes="dialog-title", markup=False)
            yield OptionList(
                *(
                    Option(
                        f"{n}  {c.words}" if n <= 9 else f"   {c.words}",
                        id=c.key,
                        disabled=c.disabled,
                    )
                    for n, c in enumerate(self.choices, 1)
                ),
                id="choices",
                markup=False,
            )
            yield Static(
                self.hint
                or "Press a number, or move and press Enter. Escape goes back without a change.",
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        first = next((i for i, c in enumerate(self.choices) if not c.disabled), None)
        options.highlighted = first

    def action_pick(self, index: int) -> None:
        if index >= len(self.choices):
            return
        choice = self.choices[index]
        if choice.disabled:
            self.notify("That one is already chosen.")
            return
        self.dismiss(choice.key)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
