"""Run sheets for the people who lead the session, and a large-print agenda for everyone.

A run sheet is what a co-facilitator holds while the session runs: the items they
lead, with the clock times they start and end and the notes written for them,
then the whole agenda so they know what comes before and after. Each lead starts
on a new page, so the sheets can be handed out separately.

The large-print agenda is for the people taking part: the session's name, when
and where, and what happens at what time, in 16pt or larger, with no
facilitator notes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from exports import word
from exports.register import session_facts, session_file_name, where_words
from sessions.agenda import AgendaTiming, ScheduledItem, schedule
from sessions.display import format_minutes, format_time, plural
from sessions.errors import FacilitatorError
from sessions.models import Session
from sessions.store import Store
from sessions.store.settings import CONTACT_DETAILS

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table

LARGE_PT = 16
"""The large-print agenda's body text; its title is 8pt larger (24pt)."""
HANDOUT_CELL_SPACE_PT = 5
"""Room above and below each line of the large-print agenda, so the eye keeps its place."""
NO_LEAD = "Not named"


@dataclass(frozen=True)
class Lead:
    """One person or pair who leads items, and the items they lead."""

    name: str
    items: tuple[ScheduledItem, ...]


@dataclass(frozen=True)
class AgendaPlan:
    """A session's agenda with the clock times of each item."""

    session: Session
    timing: AgendaTiming

    @property
    def items(self) -> tuple[ScheduledItem, ...]:
        return self.timing.items

    def leads(self) -> list[Lead]:
        """Each lead in the order they first lead an item. Names that differ only in
        capitals or spaces are the same lead."""
        found: dict[str, tuple[str, list[ScheduledItem]]] = {}
        for scheduled in self.items:
            name = " ".join(scheduled.item.lead.split())
            if name:
                found.setdefault(name.casefold(), (name, []))[1].append(scheduled)
        return [Lead(name, tuple(items)) for name, items in found.values()]

    def without_lead(self) -> list[ScheduledItem]:
        return [s for s in self.items if not s.item.lead.strip()]


def agenda_plan(store: Store, session_id: int) -> AgendaPlan:
    session = store.sessions.get(session_id)
    items = store.agenda.items(session_id)
    return AgendaPlan(session, schedule(items, session.start, session.end))


def times(scheduled: ScheduledItem) -> tuple[str, str]:
    return format_time(scheduled.starts), format_time(scheduled.ends)


def _no_agenda(session: Session) -> FacilitatorError:
    return FacilitatorError(
        f"“{session.title}” has no agenda yet. Add its items on the Agenda tab, then try again."
    )


# --- run sheets -----------------------------------------------------------------------


def run_sheets_name(session: Session) -> str:
    return session_file_name("run-sheets", session, "docx")


def run_sheets_title(session: Session) -> str:
    return f"Run sheets: {session.title}"


def write_run_sheets(plan: AgendaPlan, organisation: str, path: Path) -> Path:
    """One run sheet for each lead, each on its own page, in one Word document."""
    session = plan.session
    if not plan.items:
        raise _no_agenda(session)
    leads = plan.leads()
    if not leads:
        raise FacilitatorError(
            f"No item on the agenda of “{session.title}” says who leads it. Add a lead to "
            "the items on the Agenda tab, then try again."
        )
    title = run_sheets_title(session)
    doc = word.new_document(
        title,
        organisation,
        subject=f"Who leads what at {session.title}",
        keywords="run sheet, agenda, facilitators",
    )
    word.heading(doc, title, 1)
    session_facts(doc, session)
    word.paragraph(
        doc,
        f"A run sheet for each of the {plural(len(leads), 'lead')}, each on its own page: "
        + ", ".join(lead.name for lead in leads)
        + ".",
    )
    if plan.timing.overruns:
        word.paragraph(doc, plan.timing.summary)
    unled = plan.without_lead()
    if unled:
        word.paragraph(
            doc,
            "No lead is named for: " + ", ".join(_one_line(s.item.title) for s in unled) + ".",
        )
    for number, lead in enumerate(leads):
        _run_sheet(doc, plan, lead, first=number == 0)
    return word.save(doc, path)


def _run_sheet(doc: Document, plan: AgendaPlan, lead: Lead, *, first: bool) -> None:
    session = plan.session
    heading = word.heading(doc, f"Run sheet: {lead.name}", 2)
    heading.paragraph_format.page_break_before = not first
    minutes = sum(s.item.minutes for s in lead.items)
    word.paragraph(
        doc,
        f"{session.title}, {_when(session)}. You lead {plural(len(lead.items), 'item')}, "
        f"{format_minutes(minutes)} in all.",
    )
    word.heading(doc, "The items you lead", 3)
    rows = []
    for scheduled in lead.items:
        starts, ends = times(scheduled)
        notes = _one_line(scheduled.item.notes) or "No notes."
        if scheduled.runs_past_end:
            notes += " This item runs past the session's end time."
        rows.append([starts, ends, _one_line(scheduled.item.title), notes])
    word.table(
        doc,
        ("Starts", "Ends", "Item", "Notes for you"),
        rows,
        caption=f"The items {lead.name} leads at {session.title}",
        widths_mm=(18, 18, 50, 84),
    )
    word.heading(doc, "The whole agenda", 3)
    word.table(
        doc,
        ("Starts", "Ends", "Item", "Who leads"),
        [
            [*times(s), _one_line(s.item.title), _one_line(s.item.lead) or NO_LEAD]
            for s in plan.items
        ],
        caption=f"The whole agenda of {session.title}",
        widths_mm=(18, 18, 84, 50),
    )


def _when(session: Session) -> str:
    return f"{_long_date(session.date)}, {format_time(session.start)} to {format_time(session.end)}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- the large-print agenda -----------------------------------------------------------


def agenda_handout_name(session: Session) -> str:
    return session_file_name("agenda-large-print", session, "docx")


def agenda_handout_title(session: Session) -> str:
    return f"{session.title}: agenda"


def write_agenda_handout(
    plan: AgendaPlan, organisation: str, path: Path, *, contact: str = ""
) -> Path:
    """The agenda in large print for the people taking part: times and plain words,
    the venue and the date, and how to reach the team; never facilitator notes."""
    session = plan.session
    if not plan.items:
        raise _no_agenda(session)
    title = agenda_handout_title(session)
    doc = word.new_document(
        title,
        organisation,
        base_pt=LARGE_PT,
        subject=f"What happens at {session.title}",
        keywords="agenda, large print",
    )
    word.heading(doc, title, 1)
    word.paragraph(doc, _long_date(session.date), label="Date: ")
    word.paragraph(
        doc,
        f"{format_time(session.start)} to {format_time(session.end)}",
        label="Time: ",
    )
    if where_words(session):
        word.paragraph(doc, where_words(session), label="Place: ")
    if session.purpose.strip():
        word.paragraph(doc, _one_line(session.purpose), label="What it is about: ")
    word.heading(doc, "What happens when", 2)
    grid = word.table(
        doc,
        ("Time", "What happens"),
        [
            [f"{starts} to {ends}", _one_line(s.item.title)]
            for s in plan.items
            for starts, ends in [times(s)]
        ],
        caption=f"The agenda of {session.title}, with times",
        widths_mm=(55, 115),
    )
    _roomy(grid)
    if contact.strip():
        word.heading(doc, "Questions", 2)
        word.paragraph(doc, "If you have a question, or need anything to take part, contact us:")
        for line in contact.splitlines():
            if line.strip():
                word.paragraph(doc, line.strip())
    return word.save(doc, path)


def _roomy(grid: Table) -> None:
    from docx.shared import Pt

    for row in grid.rows:
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.space_before = Pt(HANDOUT_CELL_SPACE_PT)
                para.paragraph_format.space_after = Pt(HANDOUT_CELL_SPACE_PT)


def contact_details(store: Store) -> str:
    """How people can reach the team, from Settings (empty when not set)."""
    value = store.settings.get(CONTACT_DETAILS, "")
    return str(value) if value else ""


def _long_date(day: dt.date) -> str:
    """'Monday 23 November 2026': no short forms in large print."""
    return f"{day:%A} {day.day} {day:%B %Y}"
