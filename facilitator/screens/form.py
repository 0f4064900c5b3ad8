"""The shared shape of every edit form: fields, checks as you type, save or cancel.

A form asks the domain to build its object from the values typed (the domain's
`*_from_form` functions); any `ValidationError` is shown in words beside the
fields it names. Nothing is written until the domain accepts the whole form.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from facilitator.screens.confirm import ConfirmScreen
from facilitator.widgets.co_chairs import CoChairsField
from facilitator.widgets.form_field import FormField
from sessions.errors import FacilitatorError, ValidationError

T = TypeVar("T")


def value_of(control: Widget) -> Any:
    """What the user has entered in a control, as the domain expects it."""
    if isinstance(control, Input):
        return control.value
    if isinstance(control, TextArea):
        return control.text
    if isinstance(control, Checkbox):
        return control.value
    if isinstance(control, Select):
        return "" if control.value is Select.NULL else control.value
    form_value = getattr(control, "form_value", None)
    if form_value is None:
        raise TypeError(f"{type(control).__name__} is not a form control")
    return form_value


class FormScreen(ModalScreen[T | None], Generic[T]):
    """A modal form; dismisses with the saved object, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    form_title = "Edit"
    save_label = "Save"

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")
        self._initial: dict[str, Any] = {}
        self._tried_to_save = False

    # --- for subclasses ---------------------------------------------------

    def form_fields(self) -> ComposeResult:
        """Yield the form's FormFields, in reading order."""
        raise NotImplementedError

    def build(self, values: dict[str, Any]) -> T:
        """Turn the values into a domain object, or raise ValidationError."""
        raise NotImplementedError

    def persist(self, built: T) -> T:
        """Write the object and return what was stored."""
        return built

    def values_changed(self, name: str, values: dict[str, Any]) -> None:
        """Called after a field changes, before it is checked (e.g. to fill others)."""

    def second_thoughts(self, built: T) -> ConfirmScreen | None:
        """A question to ask before saving something valid but doubtful, or None."""
        return None

    # --- the form ---------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            # Some titles name someone ("Jo left early"): never read them as markup.
            yield Label(self.form_title, classes="dialog-title", markup=False)
            with VerticalScroll(classes="form-body"):
                yield from self.form_fields()
            summary = Static("", id="form-summary", markup=False)
            summary.display = False
            yield summary
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.save_label} (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self._initial = self.values()
        first = self.fields()[0] if self.fields() else None
        if first is not None:
            first.control.focus()

    def fields(self) -> list[FormField]:
        return list(self.query(FormField))

    def values(self) -> dict[str, Any]:
        return {f.name_of_field: value_of(f.control) for f in self.fields()}

    @property
    def touched(self) -> set[str]:
        """Fields whose value differs from when the form opened."""
        current = self.values()
        return {name for name, value in current.items() if self._initial.get(name) != value}

    @property
    def has_changes(self) -> bool:
        return bool(self.touched)

    def show_problems(self, problems: dict[str, str], *, everywhere: bool) -> None:
        """Problems beside touched fields as you type; beside all of them on save."""
        visible = self.touched | (set(problems) if everywhere else set())
        names = set()
        for form_field in self.fields():
            name = form_field.name_of_field
            names.add(name)
            form_field.show_problem(problems.get(name) if name in visible else None)
        elsewhere = [text for name, text in problems.items() if name not in names]
        summary = self.query_one("#form-summary", Static)
        if everywhere and problems:
            count = len(problems)
            lead = "One thing needs" if count == 1 else f"{count} things need"
            summary.update(" ".join([f"{lead} changing before this can be saved.", *elsewhere]))
        else:
            summary.update("")
        summary.display = bool(everywhere and problems)

    def check(self, *, everywhere: bool = False) -> T | None:
        try:
            built = self.build(self.values())
        except ValidationError as error:
            self.show_problems(error.problems, everywhere=everywhere)
            return None
        self.show_problems({}, everywhere=everywhere)
        return built

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(TextArea.Changed)
    @on(CoChairsField.Changed)
    def _field_changed(self, event: Any) -> None:
        if not self._initial:
            return
        control = getattr(event, "control", None) or getattr(event, "text_area", None)
        name = control.id if control is not None and control.id else ""
        self.values_changed(name, self.values())
        self.check(everywhere=self._tried_to_save)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_save(self) -> None:
        self._tried_to_save = True
        built = self.check(everywhere=True)
        if built is None:
            self._focus_first_problem()
            return
        question = self.second_thoughts(built)
        if question is None:
            self._persist_and_close(built)
            return

        def answered(go_ahead: bool | None) -> None:
            if go_ahead:
                self._persist_and_close(built)

        self.app.push_screen(question, answered)

    def _persist_and_close(self, built: T) -> None:
        try:
            saved = self.persist(built)
        except ValidationError as error:
            self.show_problems(error.problems, everywhere=True)
            self._focus_first_problem()
            return
        except FacilitatorError as error:
            self.notify(str(error), title="Not saved", severity="error")
            return
        self.dismiss(saved)

    def _focus_first_problem(self) -> None:
        for form_field in self.fields():
            if form_field.has_class("-invalid"):
                form_field.control.focus()
                form_field.scroll_visible()
                return

    def action_cancel(self) -> None:
        if not self.has_changes:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Throw away your changes?",
                "What you typed in this form has not been saved.",
                yes="Throw away",
                no="Keep editing",
            ),
            answered,
        )
