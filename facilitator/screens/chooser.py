"""Choose one of a short list of things: a group, a person in the room, a saved split."""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

KEYS = "123456789" + string.ascii_lowercase
"""The key for each choice, in order: the numbers 1 to 9, then the letters a to z."""
MORE_BELOW = "More below: press ↓ to see the rest."


@dataclass(frozen=True)
class Choice:
    key: str
    words: str
    disabled: bool = False


def choice_key(index: int) -> str:
    """The key that picks the choice at `index`: '1' for the first, 'a' for the tenth;
    '' past the thirty-fifth."""
    return KEYS[index] if index < len(KEYS) else ""


class ChoiceScreen(ModalScreen[str | None]):
    """Dismisses with the chosen key, or None on escape. Each choice has a key, shown
    before it: 1 to 9, then a to z. When the list is longer than the window, a line
    under it says there is more below."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        *(Binding(key, f"pick({index})", show=False) for index, key in enumerate(KEYS)),
    ]

    def __init__(
        self, title: str, choices: Sequence[Choice], hint: str = "", *, classes: str = ""
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.chooser_title = title
        self.choices = list(choices)
        self.hint = hint
        self.dialog_classes = f"dialog chooser {classes}".strip()

    def compose(self) -> ComposeResult:
        with Vertical(classes=self.dialog_classes):
            yield Label(self.chooser_title, classes="dialog-title", markup=False)
            yield OptionList(
                *(
                    Option(
                        f"{choice_key(n) or ' '}  {c.words}",
                        id=c.key,
                        disabled=c.disabled,
                    )
                    for n, c in enumerate(self.choices)
                ),
                id="choices",
                markup=False,
            )
            yield Static(MORE_BELOW, id="choices-more", classes="dialog-hint", markup=False)
            yield Static(
                self.hint
                or f"Press {self.key_words}, or move and press Enter. Escape goes back "
                "without a change.",
                classes="dialog-hint",
                markup=False,
            )

    @property
    def key_words(self) -> str:
        """'a number', or 'a number or letter' when some choices have letters."""
        return "a number or letter" if len(self.choices) > 9 else "a number"

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        first = next((i for i, c in enumerate(self.choices) if not c.disabled), None)
        options.highlighted = first
        self.watch(options, "scroll_y", self._show_more_below, init=False)
        self.call_after_refresh(self._show_more_below)

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_more_below)

    def _show_more_below(self, _scrolled: float | None = None) -> None:
        """The 'more below' line only while some choices are out of sight below."""
        options = self.query_one(OptionList)
        hidden_below = options.max_scroll_y > 0 and options.scroll_y < options.max_scroll_y
        options.set_class(hidden_below, "-more-below")
        self.query_one("#choices-more", Static).display = hidden_below

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
