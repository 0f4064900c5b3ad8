"""Add or change a project, and rate it on the ladder of participation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, RadioButton, RadioSet, TextArea

from facilitator.screens.form import FormScreen
from facilitator.screens.person_picker import PersonPicker
from facilitator.widgets.choices import enum_select
from facilitator.widgets.co_chairs import CoChairSeat
from facilitator.widgets.form_field import FormField
from sessions.display import format_date
from sessions.errors import ValidationError
from sessions.project_models import LadderRating, Project, ProjectKind, Rung
from sessions.projects import RatingTyped, project_from_form, rating_from_form, rung_choice_words
from sessions.store import Store

DATE_EXAMPLE = "for example 12/1/2026 or 12 Jan 2026; leave empty if not known"
SEATS = {
    "staff_co_chair": "Choose the staff co-chair",
    "lived_co_chair": "Choose the co-chair with lived experience",
}


class ProjectForm(FormScreen[Project]):
    save_label = "Save project"

    def __init__(self, store: Store, today: dt.date, project: Project | None = None) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.project = project
        self.form_title = f"Change “{project.name}”" if project else "New project"

    def form_fields(self) -> ComposeResult:
        p = self.project
        yield FormField(
            "Name",
            Input(p.name if p else "", id="name", placeholder="for example Clearer letters"),
        )
        yield FormField(
            "Kind", enum_select(ProjectKind, p.kind if p else ProjectKind.PROJECT, id="kind")
        )
        yield FormField(
            "Aims (optional)",
            TextArea(p.aims if p else "", id="aims"),
            hint="What the project or group is for, and what it should change.",
        )
        yield FormField(
            "Starts (optional)",
            Input(
                format_date(p.starts_on) if p and p.starts_on else "",
                id="starts_on",
                placeholder=DATE_EXAMPLE,
            ),
        )
        yield FormField(
            "Ends (optional)",
            Input(
                format_date(p.ends_on) if p and p.ends_on else "",
                id="ends_on",
                placeholder=DATE_EXAMPLE,
            ),
        )
        staff = lived = None
        if p is not None:
            chairs = {
                person.id: person
                for person in self.store.people.many(
                    [i for i in (p.staff_co_chair_id, p.lived_co_chair_id) if i is not None]
                )
            }
            staff = chairs.get(p.staff_co_chair_id)
            lived = chairs.get(p.lived_co_chair_id)
        yield FormField(
            "Staff co-chair (optional)",
            CoChairSeat(staff, id="staff_co_chair"),
            hint="A member of staff. Enter chooses someone by typing part of their name; "
            "delete empties the seat.",
        )
        yield FormField(
            "Co-chair with lived experience (optional)",
            CoChairSeat(lived, id="lived_co_chair"),
            hint="A person with lived experience or a carer, chosen the same way.",
        )

    def build(self, values: dict[str, Any]) -> Project:
        project = project_from_form(
            values, id=self.project.id if self.project else None, today=self.today
        )
        problems = self.store.projects.problems(project)
        if problems:
            raise ValidationError(problems)
        return project

    def persist(self, built: Project) -> Project:
        return self.store.projects.save(built)

    @on(CoChairSeat.AddRequested)
    def _choose_co_chair(self, event: CoChairSeat.AddRequested) -> None:
        seat = event.seat
        others = {
            person_id
            for field in self.query(CoChairSeat)
            if field is not seat
            for person_id in field.form_value
        }

        def chosen(person_id: int | None) -> None:
            if person_id is not None:
                seat.add_person(self.store.people.get(person_id))
                seat.focus()

        self.app.push_screen(
            PersonPicker(
                self.store, SEATS.get(seat.id or "", "Choose a co-chair"), leave_out=others
            ),
            chosen,
        )


class RungChoice(RadioSet):
    """The seven rungs of the ladder, bottom to top, each with how it is summed up."""

    def __init__(self, current: Rung | None, *, id: str) -> None:
        super().__init__(
            *(
                RadioButton(
                    rung_choice_words(rung) + (" (now)" if rung is current else ""),
                    value=rung is current,
                    name=rung.value,
                )
                for rung in Rung
            ),
            id=id,
        )

    def on_mount(self) -> None:
        # After RadioSet's own mounting, which moves to the first rung.
        self.call_later(self._start_at_current)

    def _start_at_current(self) -> None:
        """Arrows start from the rung it stands on now, not from the bottom."""
        for _ in range(max(self.pressed_index, 0)):
            self.action_next_button()

    @property
    def form_value(self) -> str:
        pressed = self.pressed_button
        return pressed.name or "" if pressed is not None else ""


class RatingForm(FormScreen[LadderRating]):
    """Where the project stands on the ladder now, the day it was rated, and why."""

    save_label = "Save rating"

    def __init__(
        self, store: Store, project: Project, today: dt.date, current: Rung | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.project = project
        self.today = today
        self.current = current
        self.form_title = f"Rate “{project.name}” on the ladder"

    def form_fields(self) -> ComposeResult:
        yield FormField(
            "Where it stands now",
            RungChoice(self.current, id="rung"),
            hint="From the bottom (doing to) to the top (doing with): arrows, then space.",
        )
        yield FormField(
            "Day of the rating",
            Input(format_date(self.today), id="rated_on", placeholder="for example 3/12/2026"),
        )
        yield FormField(
            "Why it stands there (committee reads this beside the rating)",
            Input(
                id="reason",
                placeholder="for example People with lived experience chose the questions",
            ),
        )

    def build(self, values: dict[str, Any]) -> LadderRating:
        typed: RatingTyped = rating_from_form(values, today=self.today)
        assert self.project.id is not None
        return LadderRating(self.project.id, typed.rung, typed.rated_on, typed.reason)

    def persist(self, built: LadderRating) -> LadderRating:
        return self.store.projects.rate(built.project_id, built.rung, built.rated_on, built.reason)

    @on(RadioSet.Changed, "#rung")
    def _rung_chosen(self, event: RadioSet.Changed) -> None:
        event.stop()
        if self._initial:
            self.check(everywhere=self._tried_to_save)
