"""A labelled form control with room for a problem, shown in words beside it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


class FormField(Vertical):
    """Label, control and a line that says what is wrong with the value, if anything.

    The field's name is the control's id, which matches the domain's field names
    so that `ValidationError.problems` lands beside the right control.
    """

    def __init__(self, label: str, control: Widget, *, hint: str = "") -> None:
        if control.id is None:
            raise ValueError("A form control needs an id: it names the field.")
        super().__init__(classes="form-field", id=f"field-{control.id}")
        self.label_text = label
        self.control = control
        self.hint = hint
        self.problem = ""

    @property
    def name_of_field(self) -> str:
        assert self.control.id is not None
        return self.control.id

    def compose(self) -> ComposeResult:
        yield Label(self.label_text, classes="field-label")
        yield self.control
        hint = Static(self.hint, classes="field-hint", id=f"hint-{self.name_of_field}")
        hint.display = bool(self.hint)
        yield hint
        problem = Static(
            "", classes="field-problem", id=f"problem-{self.name_of_field}", markup=False
        )
        problem.display = False
        yield problem

    def show_problem(self, problem: str | None) -> None:
        """Show the problem in words, or clear it."""
        text = problem or ""
        if text == self.problem:
            return  # nothing changed: spare the layout a refresh on every key
        self.problem = text
        line = self.query_one(".field-problem", Static)
        line.update(text)
        line.display = bool(text)
        self.set_class(bool(text), "-invalid")
        self.control.set_class(bool(text), "-invalid")
