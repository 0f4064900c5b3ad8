"""An A4 poster inviting people to a session, with its sign-up QR code.

Large type for a noticeboard (the title at 32pt, the rest at 16pt or more), in reading
order: what the session is, when and where, what it is about in one plain sentence,
how to sign up (the QR code, with alt text saying what it opens, and the same
address written out under it, FACTS.md 17) and how to reach the team. The code's
modules print at 2 mm where there is room and never under 1 mm, so a phone reads it
from a metre or two away.

A poster never invites people to a meeting that has passed: for a session that is
over it is the poster of the project's next session, or of the project when none is
planned (`plan_poster`); for one with no project, the app says so instead.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from exports import word
from exports.files import ExportError, export_folder, organisation, safe_file_name
from exports.qr import qr_matrix, qr_png
from sessions.clock import now_utc
from sessions.display import format_date, format_time
from sessions.models import Session, SessionKind
from sessions.signup import (
    SignupFor,
    SignupKind,
    SignupLink,
    load_settings,
    signup_for_session,
)

if TYPE_CHECKING:
    from docx.document import Document

    from sessions.store import Store

BODY_PT = 16
TITLE_PT = 32
SUBHEADING_PT = 22
MODULE_MM = 2.0
"""Each module of the printed code: 1 mm is the least for a poster (FACTS.md 17)."""
CODE_MM = (55, 80)
"""The printed code's width, quiet zone included: at least, and at most unless its
modules would be under 1 mm."""
PAGE_WIDTH_MM = word.PAGE_MM[0] - 2 * word.MARGIN_MM

ABOUT_KIND = {
    SessionKind.LISTENING_SPACE: (
        "A chance to tell senior staff what works and what does not, and hear what they "
        "will do about it."
    ),
    SessionKind.OVER_A_BREW: "An informal conversation over a cup of tea, open to anyone.",
    SessionKind.PROJECT_MEETING: "A meeting of people working together on a project.",
    SessionKind.TASK_AND_FINISH: "A group working together on one issue for a short time.",
    SessionKind.STEERING_GROUP: (
        "People with lived experience looking at how co-production is going."
    ),
    SessionKind.TRAINING: "Training to help everyone take part as equals.",
    SessionKind.OTHER: "A meeting where your voice counts.",
}
"""What a session is about when it has no purpose written down."""
SCAN_WORDS = {
    SignupKind.URL: "Scan the code with your phone's camera to open the sign-up form.",
    SignupKind.MAILTO: "Scan the code with your phone's camera to write us an email.",
    SignupKind.SMS: "Scan the code with your phone's camera to send us a text message.",
}
OR_WORDS = {
    SignupKind.URL: "Or type the address below into a web browser.",
    SignupKind.MAILTO: "Or send an email yourself, as below.",
    SignupKind.SMS: "Or send a text message yourself, as below.",
}

Progress = Callable[[float, str], None]


NO_DATE_YET = "The date of the next meeting is not set yet. Sign up and we will tell you."
"""The 'When' of a project's poster: it has no session planned."""


def poster_name(session: Session) -> str:
    """'poster-2026-12-03-Over-a-Brew.docx'."""
    return safe_file_name(f"poster-{session.date.isoformat()}-{session.title}.docx")


def project_poster_name(project: str) -> str:
    """'poster-Carers-Implementation-Group.docx'."""
    return safe_file_name(f"poster-{project}.docx")


@dataclass(frozen=True)
class PosterPlan:
    """Which poster to write for a session, worked out at one moment."""

    asked: Session
    """The session the poster was asked for."""
    signup: SignupFor
    """The code, and the session (or project) it invites people to."""

    @property
    def session(self) -> Session:
        """The session the poster is about: the one asked for, or the project's next."""
        return self.signup.session or self.asked

    @property
    def project(self) -> str:
        """The project's name when the poster invites people to the project."""
        return self.signup.project

    @property
    def link(self) -> SignupLink:
        assert self.signup.link is not None
        return self.signup.link

    @property
    def file_name(self) -> str:
        return project_poster_name(self.project) if self.project else poster_name(self.session)

    @property
    def note(self) -> str:
        """For the facilitator when the poster is not for the session asked about."""
        return self.signup.note


def plan_poster(store: Store, session_id: int, now: dt.datetime | None = None) -> PosterPlan:
    """The poster for a session at `now` (this moment when not given): its own while it
    is not over, else the project's next session's, else the project's. Raises
    ExportError in words when there is no sign-up address, or when the session is over
    and has no project."""
    session = store.sessions.get(session_id)
    signup = signup_for_session(store, session, now or now_utc(), what="the poster")
    if signup.link is None:
        raise ExportError(signup.problem)
    return PosterPlan(session, signup)


def first_sentence(text: str) -> str:
    """The first sentence of `text`, ending with its full stop (or one added)."""
    flat = " ".join(text.split())
    if not flat:
        return ""
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'])", flat, maxsplit=1)[0]
    return sentence if sentence[-1] in ".!?" else f"{sentence}."


def about_sentence(session: Session) -> str:
    return first_sentence(session.purpose) or ABOUT_KIND[session.kind]


def when_words(session: Session) -> str:
    """'Thu 3 Dec 2026, 10:00 to 12:00'."""
    start, end = format_time(session.start), format_time(session.end)
    return f"{format_date(session.date)}, {start} to {end}"


def where_words(session: Session) -> str:
    """The venue and its address on one line; empty when neither is known."""
    parts = [session.venue.strip(), *(line.strip() for line in session.address.splitlines())]
    seen: list[str] = []
    for part in parts:
        for piece in (p.strip() for p in part.split(",")):
            if piece and piece not in seen:
                seen.append(piece)
    return ", ".join(seen)


def code_width_mm(address: str) -> float:
    """How wide the code prints: modules of MODULE_MM, within CODE_MM, never under 1 mm
    a module, never wider than the page."""
    modules = len(qr_matrix(address))
    width = min(max(modules * MODULE_MM, CODE_MM[0]), CODE_MM[1])
    return min(max(width, modules * 1.0), PAGE_WIDTH_MM)


def write_poster(
    session: Session,
    link: SignupLink,
    organisation_name: str,
    contact_details: str,
    path: Path,
    *,
    progress: Progress | None = None,
    project: str = "",
) -> Path:
    """The poster, written whole or not at all; returns where it went. With `project`,
    the poster invites people to join the project, whose next meeting has no date yet
    (`session` then only says what kind of meetings it holds)."""
    say = progress or (lambda _fraction, _words: None)
    say(0.1, "Drawing the QR code")
    picture = qr_png(link.address)
    width_mm = code_width_mm(link.address)
    say(0.5, "Laying out the poster")
    title = " ".join((project or session.title).split())
    doc = word.new_document(
        title,
        organisation_name,
        base_pt=BODY_PT,
        subject=f"Poster inviting people to join {title}"
        if project
        else f"Poster inviting people to {title} on {format_date(session.date)}",
        keywords="co-production, poster, sign up",
    )
    _poster_styles(doc)
    word.heading(doc, title, 1)
    if project:
        word.paragraph(doc, NO_DATE_YET, label="When: ")
        word.paragraph(doc, ABOUT_KIND[session.kind])
    else:
        word.paragraph(doc, when_words(session), label="When: ")
        where = where_words(session)
        if where:
            word.paragraph(doc, where, label="Where: ")
        word.paragraph(doc, about_sentence(session))
    word.heading(doc, "Sign up", 2)
    _code_beside_words(
        doc,
        picture,
        width_mm,
        link.alt_text,
        [SCAN_WORDS[link.kind], OR_WORDS[link.kind]],
    )
    for label, value in link.lines:  # the address written out, at the page's full width
        word.paragraph(doc, value, bold=not label, label=label)
    contact = [line.strip() for line in contact_details.splitlines() if line.strip()]
    if contact:
        word.heading(doc, "Questions, or help to take part", 2)
        lines = word.paragraph(doc, contact[0])
        for line in contact[1:]:  # one paragraph, a line each: the poster stays one page
            lines.runs[-1].add_break()
            lines.add_run(line)
    say(0.9, "Saving")
    written = word.save(doc, path)
    say(1.0, "Saved")
    return written


def write_poster_for(
    store: Store,
    session_id: int,
    path: Path | None = None,
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Path:
    """The poster for a session in the data file (as `plan_poster` chooses), with the
    sign-up target, organisation and contact details from Settings; into the export
    folder unless `path` is given."""
    return write_planned_poster(store, plan_poster(store, session_id, now), path, progress=progress)


def write_planned_poster(
    store: Store,
    plan: PosterPlan,
    path: Path | None = None,
    *,
    progress: Progress | None = None,
) -> Path:
    """The poster `plan_poster` chose; into the export folder unless `path` is given."""
    chosen = load_settings(store)
    return write_poster(
        plan.session,
        plan.link,
        organisation(store),
        chosen.contact_details,
        path or export_folder(store) / plan.file_name,
        progress=progress,
        project=plan.project,
    )


# --- inside ------------------------------------------------------------------------


def _poster_styles(doc: Document) -> None:
    """The title and headings larger than word.py's document sizes."""
    from docx.shared import Pt

    for name, size in (("Heading 1", TITLE_PT), ("Heading 2", SUBHEADING_PT)):
        style = doc.styles[name]
        style.font.size = Pt(size)
        word._complex_script_size(style.element.rPr, Pt(size))
    doc.styles["Heading 2"].paragraph_format.space_before = Pt(BODY_PT * 0.75)


def _code_beside_words(
    doc: Document,
    png: bytes,
    width_mm: float,
    alt_text: str,
    words: list[str],
) -> None:
    """The code on the left and what to do on the right, in a borderless layout table
    with no header row (a screen reader reads it as text: the code's alt text, then the
    words). Side by side, the poster keeps to one page."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.shared import Mm, Pt

    gap_mm = 6
    grid = doc.add_table(rows=1, cols=2)
    _no_borders(grid)
    word.set_widths(grid, (width_mm + gap_mm, PAGE_WIDTH_MM - width_mm - gap_mm))
    picture_cell, words_cell = grid.rows[0].cells
    shape = picture_cell.paragraphs[0].add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))
    doc_pr = shape._inline.docPr
    doc_pr.set("name", "Sign-up QR code")
    doc_pr.set("descr", alt_text)
    words_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for number, text in enumerate(words):
        para = words_cell.paragraphs[0] if number == 0 else words_cell.add_paragraph()
        para.add_run(text)
        para.paragraph_format.space_after = Pt(BODY_PT * 0.6)
    for cell in (picture_cell, words_cell):
        for para in cell.paragraphs:
            para.paragraph_format.keep_together = True


def _no_borders(grid: object) -> None:
    """Every edge of the table and between its cells switched off (w:tblBorders nil)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = grid._tbl.tblPr  # type: ignore[attr-defined]
    borders = tbl_pr.find(qn("w:tblBorders"))
    if borders is None:
        borders = OxmlElement("w:tblBorders")
        look = tbl_pr.find(qn("w:tblLook"))
        if look is not None:
            look.addprevious(borders)
        else:
            tbl_pr.append(borders)
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
