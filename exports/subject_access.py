"""Everything held on one person, for them to read: a Word document in plain words and
the same facts as JSON (a copy a computer can read, as UK GDPR's right of access and
data portability ask).

The document speaks to the person ("you") and is built on the accessible Word base
(exports.word), as the claim forms are. Both files are written whole or not at all.
sessions.subject_access gathers what is held; this module only lays it out.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exports import word
from exports.claim_forms import (
    choice_words,
    line_details,
    moment_words,
    receipt_words,
    status_words,
)
from exports.files import atomic_write_text, safe_file_name
from sessions.claiming import ClaimView
from sessions.clock import local_time
from sessions.display import format_date, format_minutes
from sessions.models import QuoteConsent
from sessions.money import pounds
from sessions.projects import dates_words
from sessions.subject_access import ProjectHeld, SubjectAccess

if TYPE_CHECKING:
    from docx.document import Document

NOTHING = "Nothing held"
QUOTING = {
    QuoteConsent.NAMED: "Yes, with your name",
    QuoteConsent.ANONYMOUS: "Yes, without your name",
    QuoteConsent.NOT_FOR_PUBLICATION: "No",
}
JSON_FORMAT = "facilitator-subject-access"
JSON_VERSION = 1


@dataclass(frozen=True)
class Written:
    document: Path
    data: Path


def subject_access_name(held: SubjectAccess) -> str:
    """'what-we-hold-42-Fiona-Chaudhry-2026-11-23.docx'."""
    person = held.person
    day = held.gathered_at.date().isoformat()
    return safe_file_name(f"what-we-hold-{person.id}-{person.name}-{day}.docx")


def paths_for(path: Path) -> tuple[Path, Path]:
    """The Word document and the JSON file for the name given: 'x.docx' and 'x.json'
    whichever of the two (or neither) was typed."""
    path = Path(path)
    stem = path.with_suffix("") if path.suffix.lower() in (".docx", ".json") else path
    return stem.with_name(stem.name + ".docx"), stem.with_name(stem.name + ".json")


def write_subject_access(held: SubjectAccess, organisation: str, path: Path) -> Written:
    """Write the Word document and the JSON file beside it; returns both paths."""
    document, data = paths_for(path)
    atomic_write_text(data, json.dumps(to_data(held), indent=2, ensure_ascii=False) + "\n")
    write_document(held, organisation, document)
    return Written(document, data)


# --- the Word document -----------------------------------------------------------


def title_for(held: SubjectAccess) -> str:
    return f"What we hold about {held.person.display_name}"


def write_document(held: SubjectAccess, organisation: str, path: Path) -> Path:
    title = title_for(held)
    doc = word.new_document(
        title,
        organisation,
        subject="Everything held about one person, for them to read",
        keywords="subject access request, personal data",
    )
    word.heading(doc, title, 1)
    word.paragraph(
        doc,
        f"This is everything {organisation} keeps about you in Facilitator, the app we "
        f"use to plan and run co-production sessions, on "
        f"{format_date(held.gathered_at.date())}.",
    )
    word.paragraph(
        doc,
        "If anything here is wrong, tell us and we will put it right. You can also ask "
        "us to erase your details. We keep records of payments for six years after the "
        "end of the financial year, because the law asks us to.",
    )
    _details(doc, held)
    _sessions(doc, held)
    _groups(doc, held)
    _notes(doc, held)
    _actions(doc, held)
    _claims(doc, held)
    _links(doc, held)
    return word.save(doc, path)


def _or_nothing(text: str) -> str:
    return " ".join(text.split()) or NOTHING


def _details(doc: Document, held: SubjectAccess) -> None:
    person = held.person
    word.heading(doc, "Your details", 2)
    needs = ", ".join(need.label for need in sorted(person.needs, key=lambda n: n.value))
    rows = [
        ["Name", _or_nothing(person.name)],
        ["Name you like to be called", _or_nothing(person.preferred_name)],
        ["Pronouns", _or_nothing(person.pronouns)],
        ["Taking part as", person.role.label],
        ["Organisation", _or_nothing(person.organisation)],
        ["Email", _or_nothing(person.email)],
        ["Phone", _or_nothing(person.phone)],
        ["Address", _or_nothing(person.address)],
        ["We may contact you", "Yes" if person.contact_consent else "No"],
        ["How you like to hear from us", person.communication.label],
        ["How you like to be paid", person.payment.label],
        ["Access needs", _or_nothing(person.access_needs)],
        ["What a room needs for you", needs[:1].upper() + needs[1:] if needs else NOTHING],
    ]
    if held.added_at is not None:
        rows.append(["Added to our list", moment_words(held.added_at)])
    word.table(
        doc,
        ("What", "What we hold"),
        rows,
        caption="Your details as we hold them",
        widths_mm=(60, 110),
    )


def _sessions(doc: Document, held: SubjectAccess) -> None:
    word.heading(doc, "Sessions", 2)
    if not held.sessions:
        word.paragraph(doc, "You have not been booked on any session.")
    else:
        rows = []
        for record in held.sessions:
            times = [
                f"Booked {moment_words(record.booked_at)}"
                if record.booked_at
                else "Came without booking"
            ]
            if record.arrived_at:
                times.append(f"arrived at {local_time(record.arrived_at)}")
            if record.left_at:
                times.append(f"left at {local_time(record.left_at)}")
            rows.append(
                [record.title, format_date(record.date), record.status.label, "; ".join(times)]
            )
        word.table(
            doc,
            ("Session", "Date", "What happened", "When"),
            rows,
            caption="Sessions you were booked on or came to",
            widths_mm=(55, 35, 30, 50),
        )
    follow_ups = [record for record in held.sessions if record.follow_up_note]
    if follow_ups:
        word.paragraph(doc, "We noted something to follow up with you after these sessions:")
        word.table(
            doc,
            ("Session", "Date", "What we noted"),
            [[r.title, format_date(r.date), r.follow_up_note] for r in follow_ups],
            caption="Notes to follow up with you after a session",
            widths_mm=(55, 35, 80),
        )
    if held.co_chaired:
        word.paragraph(doc, "Sessions you co-chair:")
        word.bullets(doc, [f"{s.title}, {format_date(s.date)}" for s in held.co_chaired])
    if held.projects:
        word.paragraph(doc, "Projects you co-chair:")
        word.bullets(doc, [project_words(p) for p in held.projects])


def project_words(held: ProjectHeld) -> str:
    """'Clearer letters (task-and-finish group, Thu 24 Sep 2026 to Fri 22 Jan 2027):
    you are the co-chair with lived experience'."""
    project = held.project
    details = [project.kind.label.lower()]
    if project.starts_on or project.ends_on:
        dates = dates_words(project)  # 'From Thu 24 Sep 2026' reads 'from' mid-sentence
        details.append(
            dates[0].lower() + dates[1:] if dates.startswith(("From", "Until")) else dates
        )
    return f"{project.name} ({', '.join(details)}): you are {held.seat}"


def _groups(doc: Document, held: SubjectAccess) -> None:
    word.heading(doc, "Breakout groups", 2)
    if not held.groups:
        word.paragraph(doc, "You have not been put in a breakout group.")
        return
    word.table(
        doc,
        ("Session", "Date", "Round", "Group", "Where"),
        [
            [g.title, format_date(g.date), str(g.round_number), g.group, g.place or "Not said"]
            for g in held.groups
        ],
        caption="Breakout groups you were put in",
        widths_mm=(50, 32, 18, 35, 35),
    )


def _notes(doc: Document, held: SubjectAccess) -> None:
    word.heading(doc, "What you said that we wrote down", 2)
    if not held.notes:
        word.paragraph(doc, "No notes name you as the person who said them.")
        return
    word.table(
        doc,
        ("Session", "Date", "What we wrote", "May we quote it"),
        [
            [n.session.title, format_date(n.session.date), n.note.text, QUOTING[n.note.consent]]
            for n in held.notes
        ],
        caption="Notes that name you as the person who said them",
        widths_mm=(40, 30, 65, 35),
    )


def _actions(doc: Document, held: SubjectAccess) -> None:
    word.heading(doc, "Actions with your name on", 2)
    if not held.actions:
        word.paragraph(doc, "No actions name you as the person doing them.")
        return
    word.table(
        doc,
        ("Session", "What will be done", "By", "Where it is", "What was done"),
        [
            [
                a.session.title,
                a.action.what,
                format_date(a.action.due) if a.action.due else "No date",
                a.action.status.label,
                a.action.outcome or "Nothing yet",
            ]
            for a in held.actions
        ],
        caption="Actions that name you as the person doing them",
        widths_mm=(35, 50, 27, 25, 33),
    )


def _claims(doc: Document, held: SubjectAccess) -> None:
    word.heading(doc, "Claims and payments", 2)
    if not held.claims:
        word.paragraph(doc, "You have made no claims for expenses or payment for your time.")
        return
    word.paragraph(
        doc,
        "We keep these records for six years after the end of the financial year, even "
        "if you ask us to erase your details, because the law asks us to.",
    )
    for view in held.claims:
        _claim(doc, view)


def _claim(doc: Document, view: ClaimView) -> None:
    claim = view.claim
    word.heading(
        doc, f"Claim {claim.number}: {view.session.title}, {format_date(view.session.date)}", 3
    )
    word.paragraph(doc, status_words(claim), label="Status: ")
    if claim.minutes_there:
        word.paragraph(doc, format_minutes(claim.minutes_there), label="Time there: ")
    word.paragraph(doc, choice_words(claim), label="Your choice: ")
    word.paragraph(doc, pounds(claim.involvement_pence), label="Payment for your time: ")
    for label, moment in (
        ("Submitted: ", claim.submitted_at),
        ("Approved: ", claim.approved_at),
        ("Paid: ", claim.paid_at),
    ):
        if moment is not None:
            word.paragraph(doc, moment_words(moment), label=label)
    for label, reason in (
        ("Why the amount is different: ", claim.amount_reason),
        ("Why you could claim without being recorded as there: ", claim.not_there_reason),
        ("Why it was rejected: ", claim.rejected_reason),
        ("Why it was cancelled: ", claim.cancelled_reason),
    ):
        if reason:
            word.paragraph(doc, reason, label=label)
    if view.lines:
        word.table(
            doc,
            ("Expense", "Details", "Receipt", "Amount"),
            [
                [
                    line.kind.label,
                    line_details(line, view.how_lines.get(line.id or 0, "")) or "None given",
                    receipt_words(line),
                    pounds(line.amount_pence),
                ]
                for line in view.lines
            ]
            + [["Total expenses", "", "", pounds(view.totals.expenses)]],
            caption=f"Expenses on claim {claim.number}",
            widths_mm=(38, 75, 30, 27),
            bold_last_row=True,
            right_columns=(3,),
        )
    else:
        word.paragraph(doc, "No expenses were claimed.")
    word.paragraph(doc, pounds(view.totals.total), label="Total: ")
    if view.audit:
        word.paragraph(doc, "Each change to this claim, as our records show it:")
        word.table(
            doc,
            ("When", "Who", "What happened", "Details"),
            [
                [moment_words(entry.at), entry.who, entry.action, entry.details or "None"]
                for entry in view.audit
            ],
            caption=f"The history of claim {claim.number}",
            widths_mm=(40, 30, 35, 65),
        )


def _links(doc: Document, held: SubjectAccess) -> None:
    word.heading(doc, "People linked with you", 2)
    rows = [
        [
            c.name,
            f"Comes with you as your {c.relation.label.lower()}"
            if c.comes_with_them
            else f"You come with them as their {c.relation.label.lower()}",
        ]
        for c in held.companions
    ]
    rows += [
        [
            p.name,
            "Kept in the same breakout group as you"
            if p.kind.value == "together"
            else "Kept in a different breakout group from you",
        ]
        for p in held.pairs
    ]
    if not rows:
        word.paragraph(doc, "We hold no links between you and other people.")
        return
    word.table(
        doc,
        ("Person", "How you are linked"),
        rows,
        caption="People linked with you",
        widths_mm=(60, 110),
    )


# --- the JSON copy ---------------------------------------------------------------


def _moment(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def to_data(held: SubjectAccess) -> dict[str, Any]:
    """The same facts as plain JSON values: dates ISO 8601, times UTC, money in pence."""
    person = held.person
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "gathered_at": _moment(held.gathered_at),
        "person": {
            "number": person.id,
            "name": person.name,
            "preferred_name": person.preferred_name,
            "pronouns": person.pronouns,
            "role": person.role.label,
            "organisation": person.organisation,
            "email": person.email,
            "phone": person.phone,
            "address": person.address,
            "contact_consent": person.contact_consent,
            "communication": person.communication.label,
            "payment": person.payment.label,
            "access_needs": person.access_needs,
            "needs_of_a_room": sorted(need.label for need in person.needs),
            "added_at": _moment(held.added_at),
        },
        "sessions": [
            {
                "session": r.title,
                "date": r.date.isoformat(),
                "start": r.start,
                "end": r.end,
                "venue": r.venue,
                "status": r.status.label,
                "booked_at": _moment(r.booked_at),
                "arrived_at": _moment(r.arrived_at),
                "left_at": _moment(r.left_at),
                "follow_up_note": r.follow_up_note,
            }
            for r in held.sessions
        ],
        "co_chaired": [{"session": s.title, "date": s.date.isoformat()} for s in held.co_chaired],
        "co_chaired_projects": [
            {
                "project": p.project.name,
                "kind": p.project.kind.label,
                "seat": p.seat.removeprefix("the "),
                "starts_on": p.project.starts_on.isoformat() if p.project.starts_on else None,
                "ends_on": p.project.ends_on.isoformat() if p.project.ends_on else None,
            }
            for p in held.projects
        ],
        "breakout_groups": [
            {
                "session": g.title,
                "date": g.date.isoformat(),
                "round": g.round_number,
                "group": g.group,
                "place": g.place,
            }
            for g in held.groups
        ],
        "notes": [
            {
                "session": n.session.title,
                "date": n.session.date.isoformat(),
                "kind": n.note.kind.label,
                "text": n.note.text,
                "may_quote": n.note.consent.label,
                "written_at": _moment(n.note.created_at),
            }
            for n in held.notes
        ],
        "actions": [
            {
                "session": a.session.title,
                "date": a.session.date.isoformat(),
                "what": a.action.what,
                "owner": a.action.owner,
                "due": a.action.due.isoformat() if a.action.due else None,
                "status": a.action.status.label,
                "what_was_done": a.action.outcome,
            }
            for a in held.actions
        ],
        "claims": [_claim_data(view) for view in held.claims],
        "companions": [
            {
                "person": c.name,
                "relation": c.relation.label,
                "comes_with_you": c.comes_with_them,
            }
            for c in held.companions
        ],
        "breakout_wishes": [{"person": p.name, "wish": p.kind.label} for p in held.pairs],
    }


def _claim_data(view: ClaimView) -> dict[str, Any]:
    claim = view.claim
    return {
        "number": claim.number,
        "session": view.session.title,
        "date": view.session.date.isoformat(),
        "status": status_words(claim),
        "minutes_there": claim.minutes_there,
        "choice": choice_words(claim),
        "involvement_pence": claim.involvement_pence,
        "expenses_pence": view.totals.expenses,
        "total_pence": view.totals.total,
        "submitted_at": _moment(claim.submitted_at),
        "approved_at": _moment(claim.approved_at),
        "paid_at": _moment(claim.paid_at),
        "amount_reason": claim.amount_reason,
        "not_there_reason": claim.not_there_reason,
        "rejected_reason": claim.rejected_reason,
        "cancelled_reason": claim.cancelled_reason,
        "lines": [
            {
                "kind": line.kind.label,
                "details": line_details(line, view.how_lines.get(line.id or 0, "")),
                "amount_pence": line.amount_pence,
                "receipt_held": line.receipt_held,
                "receipt_ref": line.receipt_ref,
            }
            for line in view.lines
        ],
        "history": [
            {
                "at": _moment(entry.at),
                "who": entry.who,
                "action": entry.action,
                "details": entry.details,
            }
            for entry in view.audit
        ],
    }
