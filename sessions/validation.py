"""Turning what people type into typed values, with problems in plain words.

Every check returns a sentence for the person at the keyboard, never a code.
The store calls the `check_*` functions again before writing, so nothing reaches
the data file unvalidated, whichever way it came in.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar, cast

from sessions.errors import ValidationError
from sessions.models import (
    Action,
    ActionStatus,
    AgendaItem,
    AgendaKind,
    CommunicationPreference,
    LabelledEnum,
    Leaving,
    Need,
    Note,
    PaymentPreference,
    Person,
    Role,
    Session,
    SessionKind,
    WalkIn,
)

# Longest text each field may hold, in characters.
LIMITS = {
    "name": 100,
    "preferred_name": 100,
    "pronouns": 30,
    "organisation": 120,
    "email": 254,
    "phone": 30,
    "address": 300,
    "access_needs": 1000,
    "title": 120,
    "venue": 120,
    "project_name": 120,
    "purpose": 2000,
    "lead": 100,
    "notes": 2000,
    "template_name": 80,
    "description": 300,
    "note": 5000,
    "speaker": 100,
    "what": 500,
    "owner": 100,
    "outcome": 2000,
    "follow_up_note": 500,
    "aims": 2000,
    "reason": 500,
}
MAX_MINUTES = 600

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?$")
_TIME_COMPACT = re.compile(r"^(\d{1,2})(\d{2})$")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y")
T = TypeVar("T")
E = TypeVar("E", bound=LabelledEnum)

_DATE_WORD_FORMATS = ("%d %b %Y", "%d %B %Y", "%a %d %b %Y", "%A %d %B %Y")


# --- single values ---------------------------------------------------------


def check_length(field: str, value: str, label: str) -> str | None:
    limit = LIMITS[field]
    if len(value) > limit:
        return f"Keep {label} to {limit:,} characters or fewer (this has {len(value):,})."
    return None


def check_email(value: str) -> str | None:
    if value and not _EMAIL.match(value):
        return (
            "That email address does not look right: it needs one @ and a full "
            "address after it, like name@example.org."
        )
    return None


def phone_digits(value: str) -> str:
    """The digits of a UK number as dialled at home: '+44 (0)7700 900123' -> 07700900123."""
    digits = re.sub(r"\D", "", value)
    if value.strip().startswith("+"):
        if digits.startswith("44"):
            rest = digits[2:]
            return rest if rest.startswith("0") else "0" + rest
        return "+" + digits
    return digits


def name_from_search(typed: str) -> str:
    """What was typed in a search box, if it reads as a name (no digits or @): a new
    person's form can start with it."""
    typed = typed.strip()
    return "" if any(ch.isdigit() or ch == "@" for ch in typed) else typed


def check_uk_phone(value: str) -> str | None:
    if not value:
        return None
    if re.search(r"[^\d\s()+\-.]", value) or phone_digits(value).startswith("+"):
        return (
            "That does not look like a UK phone number: use digits only, "
            "like 01623 456789 or 07700 900123."
        )
    digits = phone_digits(value)
    if not digits.startswith("0") or not 10 <= len(digits) <= 11:
        return (
            "That does not look like a UK phone number: it should have 11 digits "
            "starting with 0, like 01623 456789 or 07700 900123."
        )
    return None


def parse_date(text: str, today: dt.date | None = None) -> dt.date:
    """Read a date the way people in the UK write it: 3/12/2026, 3 Dec 2026, today."""
    cleaned = " ".join(text.replace(",", " ").split())
    lowered = cleaned.casefold()
    today = today or dt.date.today()
    if lowered == "today":
        return today
    if lowered == "tomorrow":
        return today + dt.timedelta(days=1)
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            pass
    for fmt in _DATE_WORD_FORMATS:
        try:
            day = dt.datetime.strptime(cleaned.title(), fmt).date()
        except ValueError:
            continue
        _check_weekday(day, cleaned.split()[0], fmt)
        return day
    for fmt in ("%d %b", "%d %B"):
        try:
            partial = dt.datetime.strptime(f"{cleaned.title()} {today.year}", fmt + " %Y")
        except ValueError:
            continue
        day = partial.date()
        return day if day >= today else day.replace(year=today.year + 1)
    _check_day_of_month(cleaned)
    raise ValueError("Enter a date like 3/12/2026 or 3 Dec 2026.")


def _check_day_of_month(text: str) -> None:
    """'31/2/2026' is a real mistake with a better answer than 'enter a date'."""
    numbers = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if not numbers:
        return
    day, month, year = (int(part) for part in numbers.groups())
    if 1 <= month <= 12 and day > 28:
        days = calendar.monthrange(year, month)[1]
        if day > days:
            name = dt.date(year, month, 1).strftime("%B %Y")
            raise ValueError(f"{name} has {days} days. Check the date.")


def _check_weekday(day: dt.date, first_word: str, fmt: str) -> None:
    """strptime ignores the day's name; a wrong one means the date may be wrong too."""
    if not fmt.startswith(("%a", "%A")):
        return
    written = first_word.casefold()
    if written not in (f"{day:%a}".casefold(), f"{day:%A}".casefold()):
        raise ValueError(f"{day.day} {day:%B %Y} is a {day:%A}. Check the day and the date.")


def parse_time(text: str) -> dt.time:
    """Read a time: 10:00, 10.00, 1000, 10am, 2:30pm, 14:30."""
    cleaned = text.strip().casefold().replace(" ", "")
    compact = _TIME_COMPACT.match(cleaned)
    match = _TIME.match(f"{compact[1]}:{compact[2]}" if compact else cleaned)
    problem = "Enter a time like 10:00 or 2:30pm."
    if not match:
        raise ValueError(problem)
    hour, minute = int(match[1]), int(match[2] or 0)
    suffix = (match[3] or "").replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            raise ValueError(problem)
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(problem)
    return dt.time(hour, minute)


def parse_minutes(text: str) -> int:
    problem = f"Minutes must be a whole number from 1 to {MAX_MINUTES}."
    cleaned = text.strip()
    if not (cleaned.isascii() and cleaned.isdigit()):
        raise ValueError(problem)
    minutes = int(cleaned)
    if not 1 <= minutes <= MAX_MINUTES:
        raise ValueError(problem)
    return minutes


def _required(value: str, message: str) -> str | None:
    return message if not value.strip() else None


def _first(*problems: str | None) -> str | None:
    return next((p for p in problems if p), None)


def _collect(checks: Mapping[str, str | None]) -> dict[str, str]:
    return {field: problem for field, problem in checks.items() if problem}


def _text(values: Mapping[str, object], field: str) -> str:
    value = values.get(field, "")
    return "" if value is None else str(value).strip()


def _parse_into(
    problems: dict[str, str], field: str, parse: Callable[..., T], *args: object
) -> T | None:
    """Run a parser, recording its plain-words complaint against the field."""
    try:
        return parse(*args)
    except ValueError as error:
        problems[field] = str(error)
        return None


def _enum_value(
    enum_type: type[E],
    values: Mapping[str, object],
    field: str,
    problems: dict[str, str],
    message: str,
) -> E | None:
    raw = values.get(field)
    if isinstance(raw, enum_type):
        return raw
    try:
        return enum_type(raw)
    except ValueError:
        problems[field] = message
        return None


# --- people ----------------------------------------------------------------


def check_person(person: Person) -> dict[str, str]:
    """Problems with a person's details, by field."""
    problems = _collect(
        {
            "name": _first(
                _required(person.name, "Enter the person's name."),
                check_length("name", person.name, "the name"),
            ),
            "preferred_name": check_length(
                "preferred_name", person.preferred_name, "the preferred name"
            ),
            "pronouns": check_length("pronouns", person.pronouns, "pronouns"),
            "organisation": check_length("organisation", person.organisation, "the organisation"),
            "email": _first(
                check_length("email", person.email, "the email address"),
                check_email(person.email),
            ),
            "phone": _first(
                check_length("phone", person.phone, "the phone number"),
                check_uk_phone(person.phone),
            ),
            "address": check_length("address", person.address, "the address"),
            "access_needs": check_length("access_needs", person.access_needs, "access needs"),
        }
    )
    contact_needed = {
        CommunicationPreference.EMAIL: ("email", "an email address"),
        CommunicationPreference.PHONE: ("phone", "a phone number"),
        CommunicationPreference.POST: ("address", "a postal address"),
        CommunicationPreference.EASY_READ: ("address", "a postal address"),
        CommunicationPreference.LARGE_PRINT: ("address", "a postal address"),
    }
    needed = contact_needed.get(person.communication)
    if needed and not getattr(person, needed[0]) and "communication" not in problems:
        problems["communication"] = f"Add {needed[1]}, or choose another way to keep in touch."
    return problems


def person_from_form(values: Mapping[str, object], *, id: int | None = None) -> Person:
    """Build a person from a form's fields, or raise ValidationError."""
    problems: dict[str, str] = {}
    role = _enum_value(Role, values, "role", problems, "Choose the person's role.")
    communication = _enum_value(
        CommunicationPreference,
        values,
        "communication",
        problems,
        "Choose how the person likes to hear from you.",
    )
    payment = _enum_value(
        PaymentPreference,
        values,
        "payment",
        problems,
        "Choose how the person likes to be paid.",
    )
    person = Person(
        id=id,
        name=_text(values, "name"),
        preferred_name=_text(values, "preferred_name"),
        pronouns=_text(values, "pronouns"),
        role=role or Role.OTHER,
        organisation=_text(values, "organisation"),
        email=_text(values, "email"),
        phone=_text(values, "phone"),
        address=_text(values, "address"),
        contact_consent=bool(values.get("contact_consent")),
        access_needs=_text(values, "access_needs"),
        needs=frozenset(need for need in Need if values.get(f"needs_{need.value}")),
        communication=communication or CommunicationPreference.NOT_ASKED,
        payment=payment or PaymentPreference.NOT_ASKED,
    )
    problems = {**check_person(person), **problems}
    if problems:
        raise ValidationError(problems)
    return person


# --- sessions --------------------------------------------------------------


def check_session(session: Session) -> dict[str, str]:
    problems = _collect(
        {
            "title": _first(
                _required(session.title, "Give the session a title."),
                check_length("title", session.title, "the title"),
            ),
            "venue": check_length("venue", session.venue, "the venue"),
            "address": check_length("address", session.address, "the address"),
            "project_name": check_length("project_name", session.project_name, "the project name"),
            "purpose": check_length("purpose", session.purpose, "the purpose"),
        }
    )
    if session.minutes <= 0:
        problems["end"] = "The end time must be after the start time."
    if len(set(session.co_chair_ids)) != len(session.co_chair_ids):
        problems["co_chairs"] = "Each co-chair can only be chosen once."
    return problems


def session_from_form(
    values: Mapping[str, object],
    *,
    id: int | None = None,
    today: dt.date | None = None,
) -> Session:
    """Build a session from a form's fields, or raise ValidationError."""
    problems: dict[str, str] = {}
    kind = _enum_value(
        SessionKind, values, "kind", problems, "Choose what kind of session this is."
    )
    date_text, start_text, end_text = (
        _text(values, "date"),
        _text(values, "start"),
        _text(values, "end"),
    )
    day = start = end = None
    if not date_text:
        problems["date"] = "Enter the date of the session, like 3/12/2026."
    else:
        day = _parse_into(problems, "date", parse_date, date_text, today)
    if not start_text:
        problems["start"] = "Enter the start time, like 10:00."
    else:
        start = _parse_into(problems, "start", parse_time, start_text)
    if not end_text:
        problems["end"] = "Enter the end time, like 12:00."
    else:
        end = _parse_into(problems, "end", parse_time, end_text)
    co_chairs = cast("Iterable[int]", values.get("co_chairs") or [])
    session = Session(
        id=id,
        title=_text(values, "title"),
        kind=kind or SessionKind.OTHER,
        date=day or dt.date.min,
        start=start or dt.time(0, 0),
        end=end or dt.time(23, 59),
        venue=_text(values, "venue"),
        address=_text(values, "address"),
        project_name=_text(values, "project_name"),
        purpose=_text(values, "purpose"),
        co_chair_ids=[int(person_id) for person_id in co_chairs],
    )
    session_problems = check_session(session)
    if start is None or end is None:
        session_problems.pop("end", None)
    problems = {**session_problems, **problems}
    if problems:
        raise ValidationError(problems)
    return session


# --- agenda ----------------------------------------------------------------


def check_agenda_item(item: AgendaItem) -> dict[str, str]:
    return _collect(
        {
            "title": _first(
                _required(item.title, "Give the agenda item a title."),
                check_length("title", item.title, "the title"),
            ),
            "minutes": None
            if 1 <= item.minutes <= MAX_MINUTES
            else f"Minutes must be a whole number from 1 to {MAX_MINUTES}.",
            "lead": check_length("lead", item.lead, "who leads"),
            "notes": check_length("notes", item.notes, "the notes"),
        }
    )


def agenda_item_from_form(values: Mapping[str, object], *, id: int | None = None) -> AgendaItem:
    problems: dict[str, str] = {}
    kind = _enum_value(AgendaKind, values, "kind", problems, "Choose what kind of item this is.")
    minutes = _parse_into(problems, "minutes", parse_minutes, _text(values, "minutes"))
    item = AgendaItem(
        id=id,
        title=_text(values, "title"),
        minutes=minutes or 1,
        kind=kind or AgendaKind.DISCUSSION,
        lead=_text(values, "lead"),
        notes=_text(values, "notes"),
    )
    problems = {**check_agenda_item(item), **problems}
    if problems:
        raise ValidationError(problems)
    return item


def check_template_name(name: str) -> str | None:
    return _first(
        _required(name, "Give the template a name."),
        check_length("template_name", name.strip(), "the name"),
    )


def check_note(note: Note) -> dict[str, str]:
    """A note may be long (people say a lot) but not unbounded."""
    return _collect(
        {
            "text": check_length("note", note.text, "a note"),
            "speaker": check_length("speaker", note.speaker, "who said it"),
        }
    )


def check_action(action: Action) -> dict[str, str]:
    return _collect(
        {
            "what": _first(
                _required(action.what, "Say what we will do."),
                check_length("what", action.what, "what we will do"),
            ),
            "owner": check_length("owner", action.owner, "who owns it"),
            "outcome": check_length("outcome", action.outcome, "what we did"),
        }
    )


def walk_in_from_form(values: Mapping[str, object]) -> WalkIn:
    """A walk-in from the check-in form, or ValidationError with a sentence per field."""
    name = _text(values, "name")
    contact = _text(values, "contact")
    problems: dict[str, str] = {}
    if not name:
        problems["name"] = "Enter the name of the person who has walked in."
    elif problem := check_length("name", name, "the name"):
        problems["name"] = problem
    role = _enum_value(
        Role,
        values,
        "role",
        problems,
        "Choose their role: it counts in the balance of voices in the room.",
    )
    if "@" in contact:
        problem = check_length("email", contact, "the email address") or check_email(contact)
    else:
        problem = check_length("phone", contact, "the phone number") or check_uk_phone(contact)
    if problem:
        problems["contact"] = problem
    if problems:
        raise ValidationError(problems)
    assert role is not None
    return WalkIn(name=" ".join(name.split()), role=role, contact=contact)


def leaving_from_form(values: Mapping[str, object]) -> Leaving:
    """When someone left, from the left-early form, or ValidationError."""
    problems: dict[str, str] = {}
    time_text = _text(values, "left_at")
    at: dt.time | None = None
    if not time_text:
        problems["left_at"] = "Enter the time they left, like 11:15."
    else:
        at = _parse_into(problems, "left_at", parse_time, time_text)
    follow_up = bool(values.get("follow_up"))
    note = _text(values, "follow_up_note")
    if problem := check_length("follow_up_note", note, "the note"):
        problems["follow_up_note"] = problem
    elif note and not follow_up:
        problems["follow_up_note"] = (
            "The note is only kept for a follow-up call: tick “Follow up” or clear the note."
        )
    if problems:
        raise ValidationError(problems)
    assert at is not None
    return Leaving(at=at, follow_up=follow_up, note=note)


def action_from_form(
    values: Mapping[str, object],
    *,
    session_id: int,
    today: dt.date,
    id: int | None = None,
) -> Action:
    """Build an action from the form's fields, or raise ValidationError."""
    problems: dict[str, str] = {}
    due_text = _text(values, "due")
    due = _parse_into(problems, "due", parse_date, due_text, today) if due_text else None
    raw_status = values.get("status") or ActionStatus.OPEN.value
    try:
        status = ActionStatus(raw_status)
    except ValueError:
        problems["status"] = "Choose how this action stands."
        status = ActionStatus.OPEN
    note_ids = cast("Iterable[int]", values.get("note_ids") or ())
    action = Action(
        id=id,
        session_id=session_id,
        what=_text(values, "what"),
        owner=_text(values, "owner"),
        due=due,
        status=status,
        outcome=_text(values, "outcome"),
        note_ids=tuple(int(note_id) for note_id in note_ids),
    )
    problems = {**check_action(action), **problems}
    if problems:
        raise ValidationError(problems)
    return action
