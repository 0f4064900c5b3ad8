"""Every key that works where the user is, in words (the `?` and F1 keys)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Static

ALWAYS = (
    ("tab / shift+tab", "Move to the next / previous part of the screen"),
    ("ctrl+p", "Find any session, person or action by typing its name"),
    ("ctrl+q", "Quit"),
)


SPOKEN = {"^": "ctrl+", "⏎": "enter", "esc": "escape", "del": "delete"}


def keys_for(app: App[object], screen: Screen[object]) -> list[tuple[str, str]]:
    """The app's own keys active on `screen`: one line per action, keys joined."""
    grouped: dict[tuple[int, str], tuple[list[str], str]] = {}
    for active in screen.active_bindings.values():
        if not _ours(active):
            continue
        binding = active.binding
        keys, _ = grouped.setdefault((id(active.node), binding.action), ([], binding.description))
        shown = _spoken(app.get_key_display(binding))
        if shown not in keys:
            keys.append(shown)
    return [(" or ".join(keys), description) for keys, description in grouped.values()]


def _spoken(display: str) -> str:
    """'^q' reads as 'ctrl+q', '⏎' as 'enter': words a new user recognises."""
    if display.startswith("^"):
        return "ctrl+" + display[1:]
    return SPOKEN.get(display, display)


def _ours(active: ActiveBinding) -> bool:
    """Keys that Facilitator's own classes define, not the library's cursor keys."""
    binding: Binding = active.binding
    if not binding.description:
        return False
    for cls in type(active.node).__mro__:
        own = cls.__dict__.get("BINDINGS", ())
        if any(_action(b) == binding.action for b in own):
            return cls.__module__.startswith("facilitator")
    return False


def _action(binding: Binding | tuple[str, ...]) -> str:
    return binding.action if isinstance(binding, Binding) else binding[1]


class KeysScreen(ModalScreen[None]):
    """Closes with escape, ? or F1."""

    BINDINGS = [Binding("escape,question_mark,f1", "dismiss", "Close", priority=True)]

    def __init__(self, keys: Iterable[tuple[str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.keys = [*keys, *ALWAYS]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog keys"):
            yield Label("Keys you can use here", classes="dialog-title")
            yield DataTable(id="keys-table", cursor_type="none", show_header=False)
            yield Static("Press escape to close.", classes="dialog-body")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "What it does")
        for key, description in self.keys:
            table.add_row(Text(key), Text(description))  # "[" is a key, not markup
