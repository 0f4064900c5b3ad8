"""The attendance register: who was booked, who came and when, with room to sign.

Printed before the session is over, it is the sheet at the door: everyone booked,
a tall empty box for each signature, and blank rows for people who walk in. It has
no role column: the sheet is passed round, and "Person with lived experience" beside
a name would tell everyone reading it who uses care services. Printed afterwards, it
is the record: who came, the role they took part as, when they arrived and left,
"Did not come" for anyone booked who never came, and no blank rows. The CSV holds the
same rows for a spreadsheet.

Only names, and in the record the role someone takes part as, are written here: never
contact details or the private follow-up notes (FACTS.md, "Personal data on a laptop").
Access needs only when the setting REGISTER_ACCESS_NEEDS is on: then the Word register
ends with a page of them for the facilitator alone (the sheet passed round stays
without), and the CSV has a column for them.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from exports import word
from exports.files import atomic_write, safe_file_name
from exports.finance_csv import safe_cell
from sessions.clock import at_venue, local_time, now_utc
from sessions.display import format_date, format_time, plural
from sessions.models import Attendance, AttendanceStatus, Person, Role, Session
from sessions.store import Store

if TYPE_CHECKING:
    from docx.document import Document

WALK_IN_ROWS = 10
"""Blank rows for people who walk in, on a register printed before the session ends."""
SIGN_ROW_MM = 13
"""Tall enough to sign in."""
SIGN_IN_HEADERS = ("Name", "Arrived", "Signature")
SIGN_IN_WIDTHS_MM = (75, 25, 70)
"""The sheet passed round: no role, which would say who uses care services."""
RECORD_HEADERS = ("Name", "Taking part as", "Status", "Arrived", "Left", "Signature")
RECORD_WIDTHS_MM = (40, 33, 27, 21, 16, 33)
WALK_INS_HEADING = "Walk-ins: please write your name"
"""Above the blank rows of a sheet to sign in on (and anyone who walked in already)."""
WALKED_IN_HEADING = "People who walked in"
"""The same part of the record, afterwards."""
DID_NOT_COME = "Did not come"
CSV_COLUMNS = ("Name", "Role", "Status", "Arrived", "Left", "Walked in")
ACCESS_NEEDS_COLUMN = "Access needs"
REGISTER_ACCESS_NEEDS = "register_access_needs"
"""The setting allowing access needs on the facilitator's own register (off by default)."""
ACCESS_NEEDS_WIDTHS_MM = (60, 110)


@dataclass(frozen=True)
class RegisterEntry:
    """One person on the register."""

    name: str
    """The name they are called by, with their full name when it differs."""
    full_name: str
    role: Role
    status: AttendanceStatus
    walked_in: bool
    arrived: str
    """The venue's clock time they arrived, '10:42', or empty."""
    left: str
    """The venue's clock time they left early, or empty."""
    access_needs: str = ""
    """Only when the register may hold them (REGISTER_ACCESS_NEEDS)."""

    def status_words(self, *, over: bool) -> str:
        """'Arrived', 'Left early at 11:45', 'Sent apologies'; once the session is over,
        someone still booked never came."""
        if self.status is AttendanceStatus.LEFT_EARLY and self.left:
            return f"Left early at {self.left}"
        return self.record_status(over=over)

    def record_status(self, *, over: bool) -> str:
        """The status in the record's and the CSV's own column, beside a Left column:
        'Left early', 'Did not come' for someone booked once the session is over."""
        if self.status is AttendanceStatus.BOOKED and over:
            return DID_NOT_COME
        return self.status.label

    @property
    def name_for_signing(self) -> str:
        """The name on a sheet to sign in on, with anything unusual about them:
        'Aled Osei (sent apologies)'."""
        if self.status in (AttendanceStatus.BOOKED, AttendanceStatus.ARRIVED):
            return self.name
        words = self.status_words(over=False)
        return f"{self.name} ({words[0].lower()}{words[1:]})"


@dataclass(frozen=True)
class Register:
    session: Session
    booked: tuple[RegisterEntry, ...]
    walked_in: tuple[RegisterEntry, ...]
    over: bool
    """The session has ended: the register is a record, not a sheet to sign in on."""
    blank_rows: int
    """Rows left empty for walk-ins to write their names in."""
    with_access_needs: bool = False
    """The facilitator's own copy: access needs on a last page (Word) or a column (CSV)."""

    @property
    def entries(self) -> tuple[RegisterEntry, ...]:
        return self.booked + self.walked_in

    @property
    def came(self) -> int:
        return sum(1 for entry in self.entries if entry.status.attended)

    def counts_words(self) -> str:
        """'24 people booked. 20 came, 2 of them walked in. 2 sent apologies.'"""
        parts = [f"{plural(len(self.booked), 'person', 'people')} booked."]
        came = self.came
        walked = sum(1 for entry in self.walked_in if entry.status.attended)
        if came or self.over:
            extra = f", {walked} of them walked in" if walked else ""
            parts.append(f"{came:,} came{extra}.")
        apologies = sum(1 for e in self.entries if e.status is AttendanceStatus.APOLOGIES)
        if apologies:
            parts.append(f"{apologies:,} sent apologies.")
        return " ".join(parts)


def is_over(session: Session, now: dt.datetime) -> bool:
    """True once the session's end time has passed at the venue."""
    return now >= at_venue(session.date, session.end)


def register_shows_access_needs(store: Store) -> bool:
    """True only when Settings allows access needs on the facilitator's register."""
    return store.settings.get(REGISTER_ACCESS_NEEDS, False) is True


def register_for(
    store: Store,
    session_id: int,
    *,
    now: dt.datetime | None = None,
    blank_rows: int | None = None,
) -> Register:
    """The register of a session as it stands at `now` (this moment by default).

    Until the session has ended it is a sheet to sign in on, with WALK_IN_ROWS blank
    rows for walk-ins (printed before the day, or on the day); afterwards it is the
    record, with none. `blank_rows` overrides the number of blank rows. Access needs
    are in it only when Settings allows (REGISTER_ACCESS_NEEDS).
    """
    session = store.sessions.get(session_id)
    records = store.attendance.for_session(session_id)
    people = {p.id: p for p in store.people.many([a.person_id for a in records])}
    needs = register_shows_access_needs(store)
    entries = [
        _entry(people[a.person_id], a, with_needs=needs) for a in records if a.person_id in people
    ]
    entries.sort(key=lambda e: (e.name.casefold(), e.full_name.casefold()))
    over = is_over(session, now or now_utc())
    if blank_rows is None:
        blank_rows = 0 if over else WALK_IN_ROWS
    return Register(
        session=session,
        booked=tuple(e for e in entries if not e.walked_in),
        walked_in=tuple(e for e in entries if e.walked_in),
        over=over,
        blank_rows=max(0, blank_rows),
        with_access_needs=needs,
    )


def access_needs_words(person: Person) -> str:
    """What they said they need, and what a room needs for them, in one line."""
    parts = [" ".join(person.access_needs.split())]
    if person.needs:
        places = " and ".join(need.label for need in sorted(person.needs, key=lambda n: n.value))
        parts.append(f"The room needs {places}.")
    return " ".join(part for part in parts if part)


def _entry(person: Person, attendance: Attendance, *, with_needs: bool = False) -> RegisterEntry:
    return RegisterEntry(
        name=person.display_name,
        full_name=person.name,
        role=person.role,
        status=attendance.status,
        walked_in=attendance.walked_in,
        arrived=local_time(attendance.arrived_at) if attendance.status.attended else "",
        left=local_time(attendance.left_at) if attendance.left_at else "",
        access_needs=access_needs_words(person) if with_needs else "",
    )


# --- file names and what every session document starts with -------------------------


def session_file_name(what: str, session: Session, suffix: str) -> str:
    """'register-2026-11-23-Getting-out-and-about.docx'."""
    return safe_file_name(f"{what}-{session.date.isoformat()}-{session.title}.{suffix}")


def register_name(session: Session, suffix: str = "docx") -> str:
    return session_file_name("register", session, suffix)


def when_words(session: Session) -> str:
    """'Mon 23 Nov 2026, 10:30 to 12:30'."""
    return (
        f"{format_date(session.date)}, {format_time(session.start)} to {format_time(session.end)}"
    )


def where_words(session: Session) -> str:
    """'Mansfield Central Library, 1 Main Street' (empty when no venue is set)."""
    parts = [" ".join(part.split()) for part in (session.venue, session.address)]
    return ", ".join(part for part in parts if part)


def session_facts(doc: Document, session: Session) -> None:
    """The session's name, when and where, as labelled paragraphs."""
    word.paragraph(doc, session.title, label="Session: ")
    word.paragraph(doc, when_words(session), label="When: ")
    if where_words(session):
        word.paragraph(doc, where_words(session), label="Where: ")


# --- the Word register ----------------------------------------------------------------


def register_title(session: Session) -> str:
    return f"Attendance register: {session.title}"


def write_register(register: Register, organisation: str, path: Path) -> Path:
    """The register as a Word document, written whole or not at all; returns the path.

    Before the session ends it is a sheet to sign in on (name, role, time arrived,
    signature); afterwards a record that also says how each person's day went."""
    session = register.session
    title = register_title(session)
    doc = word.new_document(
        title,
        organisation,
        subject=f"Who came to {session.title} on {format_date(session.date)}",
        keywords="attendance register, sign-in sheet",
    )
    word.heading(doc, title, 1)
    session_facts(doc, session)
    word.paragraph(doc, register.counts_words())
    if not register.over:
        word.paragraph(
            doc,
            "When you arrive, please find your name, write the time and sign. If your "
            "name is not here, write it in a blank row at the end.",
        )

    word.heading(doc, "People booked", 2)
    if register.booked:
        _table(doc, register, register.booked, 0, f"People booked for {session.title}")
    else:
        word.paragraph(doc, "Nobody was booked.")

    if register.walked_in or register.blank_rows:
        word.heading(doc, WALKED_IN_HEADING if register.over else WALK_INS_HEADING, 2)
        _table(
            doc,
            register,
            register.walked_in,
            register.blank_rows,
            f"People who came to {session.title} without booking",
        )
    if register.with_access_needs:
        _access_needs_page(doc, register)
    return word.save(doc, path)


def _access_needs_page(doc: Document, register: Register) -> None:
    """A last page for the facilitator alone: keep it back when the sheet goes round."""
    heading = word.heading(doc, "Access needs: for the facilitator only", 2)
    heading.paragraph_format.page_break_before = True
    word.paragraph(
        doc,
        "This page holds health information. Keep it back when the register is passed "
        "round, and shred it after the session.",
    )
    with_needs = [entry for entry in register.entries if entry.access_needs]
    if not with_needs:
        word.paragraph(doc, "Nobody on this register has access needs recorded.")
        return
    word.table(
        doc,
        ("Name", ACCESS_NEEDS_COLUMN),
        [[entry.name, entry.access_needs] for entry in with_needs],
        caption=f"Access needs of people on the register for {register.session.title}",
        widths_mm=ACCESS_NEEDS_WIDTHS_MM,
    )


def _table(
    doc: Document,
    register: Register,
    entries: tuple[RegisterEntry, ...],
    blanks: int,
    caption: str,
) -> None:
    if register.over:
        headers, widths = RECORD_HEADERS, RECORD_WIDTHS_MM
        rows = [
            [e.name, e.role.label, e.record_status(over=True), e.arrived, e.left, ""]
            for e in entries
        ]
    else:
        headers, widths = SIGN_IN_HEADERS, SIGN_IN_WIDTHS_MM
        rows = [[e.name_for_signing, e.arrived, ""] for e in entries]
    rows += [[""] * len(headers) for _ in range(blanks)]
    word.table(doc, headers, rows, caption=caption, widths_mm=widths, min_row_mm=SIGN_ROW_MM)


# --- the CSV ------------------------------------------------------------------------


def write_register_csv(register: Register, path: Path) -> Path:
    """One row per person, in UTF-8 with a byte order mark so Excel shows every
    letter; written whole or not at all. Returns the path."""
    with atomic_write(Path(path), "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        needs = register.with_access_needs
        writer.writerow([*CSV_COLUMNS, ACCESS_NEEDS_COLUMN] if needs else CSV_COLUMNS)
        for entry in register.entries:
            row = [
                safe_cell(entry.full_name),
                entry.role.label,
                entry.record_status(over=register.over),
                entry.arrived,
                entry.left,
                "Yes" if entry.walked_in else "No",
            ]
            writer.writerow([*row, safe_cell(entry.access_needs)] if needs else row)
    return Path(path)
