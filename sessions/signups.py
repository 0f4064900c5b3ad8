"""Sign-ups coming back: a form tool's CSV export read, matched and booked onto a session.

Three steps, each usable from the CLI, the TUI or a script:

1. `read_signups` / `load_signups`: the file as a `SignupSheet` (header row and rows),
   whatever the form tool or spreadsheet made of it: UTF-8 with or without a byte
   order mark, Windows text, CRLF, quoted commas and line breaks, commas, semicolons
   or tabs between columns, blank rows.
2. `guess_mapping` (and `mapping_with` for columns chosen by hand): which column holds
   the name, email, phone, role, access needs and consent to be contacted.
3. `plan_import`: what would happen to each row (add a new person, match someone in
   the people bank, or skip it with a reason in words), written by nothing; then
   `apply_import` makes every write of the plan in one transaction, or none.

Access needs are health information: they are stored on the person and never shown
in a plan or a report, which only say "access needs recorded". Words in them that say
what a room must have (step-free access, a hearing loop: `needs_from_text`) set the
person's needs too, so their breakout group meets somewhere that suits them.

A row is kept whenever it has a name: an email address or phone number that cannot
be used is left out with a note. A name written surname first ("O'Brien, Mary") is
turned round when the form has no separate surname column. Someone matched whose
email or phone on file differs from the form's keeps theirs, and the report says
what the form gave.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from pathlib import Path

from sessions.display import plural
from sessions.errors import FacilitatorError, NotFound
from sessions.models import Attendance, AttendanceStatus, Need, Person, Role
from sessions.store import Store
from sessions.validation import LIMITS, check_email, check_person, check_uk_phone, phone_digits

MAX_FILE_BYTES = 10 * 1024 * 1024
"""A sign-up list is small; anything bigger is the wrong file."""

DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}


class SignupFileError(FacilitatorError):
    """The file cannot be read as a list of sign-ups; the sentence says why."""


class ImportFailed(FacilitatorError):
    """Writing the import failed part way, so all of it was undone."""


# --- reading the file --------------------------------------------------------


@dataclass(frozen=True)
class SignupRow:
    """One filled-in form: its row in the spreadsheet (the header row is row 1)."""

    number: int
    values: tuple[str, ...]

    def get(self, column: int | None) -> str:
        if column is None or column >= len(self.values):
            return ""
        return self.values[column]


@dataclass(frozen=True)
class SignupSheet:
    """A form export as read: its column headings and its non-blank rows."""

    headers: tuple[str, ...]
    rows: tuple[SignupRow, ...]
    delimiter: str = ","
    encoding: str = "UTF-8"
    notes: tuple[str, ...] = ()
    """Things worth saying about how the file was read, in words."""

    def column_name(self, column: int) -> str:
        """The column's heading, or its number when the heading is empty."""
        heading = " ".join(self.headers[column].split()) if column < len(self.headers) else ""
        return heading or f"Column {column + 1}"

    @property
    def described(self) -> str:
        """'12 rows, columns separated by commas, UTF-8.'"""
        return (
            f"{plural(len(self.rows), 'row')} after the header, columns separated by "
            f"{DELIMITERS.get(self.delimiter, repr(self.delimiter))}, {self.encoding}."
        )


def load_signups(path: Path) -> SignupSheet:
    """Read a form export from a file, or raise SignupFileError saying why not."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise SignupFileError(f"{path} is a folder. Choose the CSV file inside it.")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SignupFileError(
                f"{path} is {size // (1024 * 1024)} MB, too big to be a list of sign-ups. "
                "Check it is the right file."
            )
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise SignupFileError(f"There is no file at {path}. Check the name.") from error
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise SignupFileError(f"{path} could not be read ({reason}).") from error
    return read_signups(data, name=path.name)


def read_signups(data: bytes, *, name: str = "The file") -> SignupSheet:
    """A form export from its bytes: the encoding and the separator are worked out."""
    if data.startswith(b"PK\x03\x04"):
        raise SignupFileError(
            f"{name} is a spreadsheet workbook, not a CSV file. Open it in your "
            "spreadsheet program and save it as CSV (comma-separated values) first."
        )
    text, encoding, notes = _decode(data, name)
    return read_signups_text(text, encoding=encoding, notes=notes, name=name)


def _decode(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16", ()
    if b"\x00" in data:
        raise SignupFileError(
            f"{name} is not a text file, so it cannot be a CSV export. "
            "Choose the CSV file your form tool made."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        note = (
            "The file is not in UTF-8, so it was read as Windows text (cp1252). "
            "Check that names with accents look right."
        )
        return data.decode("cp1252", errors="replace"), "Windows text (cp1252)", (note,)
    if data.startswith(codecs.BOM_UTF8):
        return text, "UTF-8 with a byte order mark", ()
    return text, "UTF-8", ()


_SEP_LINE = re.compile(r"^sep=(.)\r?\n", re.IGNORECASE)


def read_signups_text(
    text: str,
    *,
    encoding: str = "UTF-8",
    notes: tuple[str, ...] = (),
    name: str = "The file",
) -> SignupSheet:
    """A form export from its text: header row first, blank rows ignored."""
    text = text.removeprefix("\ufeff")
    hinted = _SEP_LINE.match(text)
    if hinted:  # Excel's "sep=;" first line says which separator follows; Excel hides it
        delimiter = hinted.group(1)
        text = text[hinted.end() :]
    else:
        delimiter = sniff_delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise SignupFileError(f"{name} could not be read as CSV ({error}).") from error
    header: tuple[str, ...] | None = None
    rows: list[SignupRow] = []
    for number, record in enumerate(records, start=1):
        values = tuple(_tidy(value) for value in record)
        if not any(values):
            continue
        if header is None:
            header = tuple(" ".join(value.split()) for value in values)
            continue
        rows.append(SignupRow(number, values))
    if header is None:
        raise SignupFileError(f"{name} is empty: it has no header row and no sign-ups.")
    return SignupSheet(header, tuple(rows), delimiter, encoding, notes)


def _tidy(value: str) -> str:
    """Spaces trimmed and runs of them made one; line breaks inside kept, as '\\n'."""
    return "\n".join(" ".join(line.split()) for line in value.splitlines() if line.strip())


def sniff_delimiter(text: str) -> str:
    """Commas, semicolons (Excel in much of Europe) or tabs: whichever splits the header
    row into the most columns and keeps the next rows the same width."""
    sample = "\n".join(text.splitlines()[:30])
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            records = [
                r
                for r in csv.reader(io.StringIO(sample), delimiter=delimiter)
                if any(value.strip() for value in r)
            ]
        except csv.Error:
            continue
        if not records:
            continue
        width = len(records[0])
        steady = sum(1 for record in records[1:] if len(record) == width)
        score = (width if width > 1 else 0, steady)
        if score > best_score:
            best, best_score = delimiter, score
    return best


# --- which column is which ---------------------------------------------------


FIELD_LABELS = {
    "name": "Name",
    "surname": "Surname",
    "email": "Email",
    "phone": "Phone",
    "role": "Role",
    "access_needs": "Access needs",
    "consent": "OK to contact",
}
"""The things a column can hold, in the order they are asked for."""

FIELD_HINTS = {
    "surname": "Only when the form asks for first name and surname apart.",
    "consent": "Only if the form asked whether they agree to be contacted.",
}


@dataclass(frozen=True)
class Mapping:
    """Which column (counted from 0) holds each thing; None where none does."""

    name: int | None = None
    surname: int | None = None
    email: int | None = None
    phone: int | None = None
    role: int | None = None
    access_needs: int | None = None
    consent: int | None = None

    def items(self) -> list[tuple[str, int | None]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self)]

    def describe(self, sheet: SignupSheet) -> list[str]:
        """One line per field: 'Name: “Full name” (column 2)' or 'Phone: no column'."""
        lines = []
        for key, column in self.items():
            label = FIELD_LABELS[key]
            if column is None and key == "surname":
                continue  # only wanted when the form asks for it apart
            if column is None:
                lines.append(f"{label}: no column")
            else:
                lines.append(f"{label}: “{sheet.column_name(column)}” (column {column + 1})")
        return lines


def _words(text: str) -> str:
    """Lower case, punctuation to spaces: 'E-mail address:' -> 'e mail address'."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold().replace("’", "'")).split())


def _has(text: str, phrase: str) -> bool:
    return f" {phrase} " in f" {text} "


def _phrases(text: str) -> tuple[str, ...]:
    """Phrases written one after another, separated by '|'."""
    return tuple(" ".join(phrase.split()) for phrase in text.split("|") if phrase.strip())


_EXACT = {
    "name": _phrases(
        """name | full name | your name | your full name | name in full | names |
        what is your name | whats your name | what s your name | participant name |
        attendee name | contact name | full name of attendee"""
    ),
    "surname": _phrases("surname | last name | family name | second name | your surname"),
    "email": _phrases(
        """email | e mail | email address | e mail address | your email |
        your email address | your e mail address | email addresses"""
    ),
    "phone": _phrases(
        """phone | phone number | telephone | telephone number | mobile | mobile number |
        mobile phone | mobile phone number | tel | tel no | contact number |
        your phone number | your telephone number | your mobile number"""
    ),
    "role": _phrases(
        """role | your role | i am a | i am | i am an | which best describes you |
        who are you | attending as | i am attending as | i m a | im a | are you a"""
    ),
    "access_needs": _phrases(
        """access needs | access requirements | accessibility | any access needs |
        anything we should know | support needs | reasonable adjustments |
        accessibility needs | your access needs | additional needs"""
    ),
    "consent": _phrases(
        """consent | contact consent | happy to be contacted | can we contact you |
        may we contact you | keep in touch"""
    ),
}
_FIRST_NAME = _phrases("first name | forename | given name | first names | forenames")

_WITHIN = {
    "name": _phrases("name"),
    "surname": _phrases("surname | last name | family name"),
    "email": _phrases("email | e mail"),
    "phone": _phrases("phone | mobile | telephone | tel"),
    "role": _phrases("role | i am a | best describes | describe yourself | attending as"),
    "access_needs": _phrases(
        "access | adjustment | adjustments | support you need | should know | requirements | needs"
    ),
    "consent": _phrases(
        """consent | agree | contacted | contact you | keep in touch | email you | phone you |
        permission"""
    ),
}
_NOT_WITHIN = {
    "name": _phrases(
        """organisation | organization | company | user | username | file | carer | care for |
        emergency | preferred | group | venue | event | session | last | surname | family |
        middle | second"""
    ),
    "email": _phrases("consent | agree | happy | may we | can we | emergency"),
    "phone": _phrases("emergency | consent | agree | happy | may we | can we"),
}


def _score(key: str, heading: str) -> int:
    words = _words(heading)
    if not words:
        return 0
    if words in _EXACT[key]:
        return 3
    if key == "name" and words in _FIRST_NAME:
        return 3
    if any(_has(words, bad) for bad in _NOT_WITHIN.get(key, ())):
        return 0
    if any(_has(words, phrase) for phrase in _WITHIN[key]):
        # A consent question names the way to contact ("Can we email you?"):
        # it weighs more than the words "email" or "phone" in it.
        return 2 if key == "consent" else 1
    return 0


def guess_mapping(headers: Sequence[str]) -> Mapping:
    """The likeliest column for each field, from the headings form tools use.

    The best-fitting heading is taken first, each column for one field only. A form
    that asks for first name and surname apart maps both.
    """
    scored = sorted(
        (
            (_score(key, heading), -column, key, column)
            for key in FIELD_LABELS
            for column, heading in enumerate(headers)
        ),
        reverse=True,
    )
    chosen: dict[str, int] = {}
    used: set[int] = set()
    for score, _, key, column in scored:
        if score and key not in chosen and column not in used:
            chosen[key] = column
            used.add(column)
    if "surname" in chosen and "name" in chosen:
        first = _words(headers[chosen["name"]])
        if first not in _FIRST_NAME:
            # A full name is there; a surname column would say it twice.
            del chosen["surname"]
    elif "surname" in chosen:
        del chosen["surname"]
    return Mapping(**chosen)


def column_for(sheet: SignupSheet, reference: str) -> int | None:
    """The column meant by a heading (any case), a number from 1, or a letter as in a
    spreadsheet (A, B, ... AA); None for 'none'. Raises SignupFileError in words."""
    wanted = " ".join(reference.split())
    if wanted.casefold() in ("", "none", "-", "nothing"):
        return None
    for column, heading in enumerate(sheet.headers):
        if " ".join(heading.split()).casefold() == wanted.casefold():
            return column
    if wanted.isascii() and wanted.isdigit():
        column = int(wanted) - 1
        if 0 <= column < len(sheet.headers):
            return column
    if wanted.isascii() and wanted.isalpha() and len(wanted) <= 2:
        column = 0
        for letter in wanted.upper():
            column = column * 26 + ord(letter) - ord("A") + 1
        if column - 1 < len(sheet.headers):
            return column - 1
    headings = ", ".join(f"“{sheet.column_name(c)}”" for c in range(len(sheet.headers)))
    raise SignupFileError(
        f"The file has no column “{wanted}”. Its columns are {headings}. Give a heading, "
        "or a column's number counting from 1."
    )


def mapping_with(sheet: SignupSheet, choices: Iterable[str], base: Mapping) -> Mapping:
    """`base` with columns chosen as 'field=COLUMN' (e.g. 'email=Contact email')."""
    names = {_words(label): key for key, label in FIELD_LABELS.items()}
    names.update({key: key for key in FIELD_LABELS})
    names.update({"access": "access_needs", "access needs": "access_needs", "e mail": "email"})
    changed: dict[str, int | None] = {}
    for choice in choices:
        what, sep, reference = choice.partition("=")
        key = names.get(_words(what).replace(" ", "_")) or names.get(_words(what))
        if not sep or key is None:
            known = ", ".join(FIELD_LABELS)
            raise SignupFileError(
                f"“{choice}” does not say which column holds what. Write it as "
                f"field=COLUMN, where the field is one of {known}; for example "
                "email=“Email address”."
            )
        changed[key] = column_for(sheet, reference)
    return replace(base, **changed)


# --- one row in words ----------------------------------------------------------


_ROLE_WORDS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    (Role.COMMISSIONER, _phrases("commissioner | commissioners | commissioning")),
    (
        Role.PROVIDER,
        _phrases(
            """provider | providers | care worker | support worker | care home | care agency |
            home care agency | domiciliary care"""
        ),
    ),
    (
        Role.COMMUNITY_SECTOR,
        _phrases(
            """voluntary | community sector | community group | community organisation |
            charity | third sector | vcse | vcs"""
        ),
    ),
    (
        Role.CARER,
        _phrases(
            """carer | carers | unpaid carer | i care for | care for someone | care for my |
            caring for | look after | looking after | i support my"""
        ),
    ),
    (
        Role.LIVED_EXPERIENCE,
        _phrases(
            """lived experience | i use services | use services | uses services | service user |
            draw on care | draws on care | draw on support | receive care | receive support |
            people who use | person who uses | someone who uses | expert by experience |
            experts by experience"""
        ),
    ),
    (
        Role.STAFF,
        _phrases(
            """staff | council | work for the council | employee | social worker | officer |
            i work for | member of staff"""
        ),
    ),
)
"""Words in a form's answer that say the role. "Staff" at a care provider, a charity
or in commissioning is counted with that more telling role."""


def role_from_text(text: str) -> tuple[Role, str]:
    """The role a form's answer means, and a note when it had to be guessed.

    "I use services" is lived experience, "I work for the council" staff; an answer
    that names no role is Other, with a note saying so."""
    answer = " ".join(text.split())
    if not answer:
        return Role.OTHER, "No role given, so added as Other."
    try:
        return Role.from_label_or_value(answer), ""
    except ValueError:
        pass
    words = _words(answer)
    found: dict[Role, int] = {}
    for role, phrases in _ROLE_WORDS:
        places = [f" {words} ".find(f" {phrase} ") for phrase in phrases if _has(words, phrase)]
        if places:
            found[role] = min(places)
    if found.keys() & {Role.COMMISSIONER, Role.PROVIDER, Role.COMMUNITY_SECTOR}:
        found.pop(Role.STAFF, None)
    if not found:
        return Role.OTHER, f"The role “{answer}” was not recognised, so added as Other."
    ordered = sorted(found, key=lambda role: found[role])
    if len(ordered) > 1:
        others = " and ".join(role.label.lower() for role in ordered[1:])
        return ordered[0], (
            f"The role “{answer}” also mentions {others}; added as {ordered[0].label.lower()}."
        )
    return ordered[0], ""


_YES = _phrases(
    """yes | y | true | 1 | agree | i agree | agreed | ok | okay | x | ✓ | ✔ | checked |
    ticked | i consent | consent given | happy to be contacted | sure"""
)
_NO = _phrases(
    """no | n | false | 0 | disagree | i do not agree | i don't agree | do not | don't | not |
    no thanks | no thank you | unchecked"""
)


def consent_from_text(text: str) -> bool | None:
    """True for yes, False for no, None when the answer is blank or unclear."""
    answer = " ".join(text.split()).casefold().rstrip(".!")
    if not answer:
        return None
    words = _words(answer)
    if answer in _YES or words in _YES or words.startswith(("yes ", "i agree", "i consent")):
        return True
    if answer in _NO or words in _NO or words.startswith(("no ", "i do not", "i don t")):
        return False
    return None


NEED_PATTERNS = {
    Need.STEP_FREE: re.compile(
        r"\b(step[- ]?free|wheel ?chairs?|ramps?|lifts?|no (stairs|steps))\b", re.IGNORECASE
    ),
    Need.HEARING_LOOP: re.compile(
        r"\b(hearing loop|induction loop|loop system|hard of hearing|hearing aids?)\b",
        re.IGNORECASE,
    ),
}
"""Words in someone's access needs that say what the room must have."""


def needs_from_text(text: str) -> frozenset[Need]:
    """What a room must have for someone, from the access needs they wrote: "step-free
    access please", "I use a wheelchair" or "a lift" need step-free access; "a hearing
    loop" or "hard of hearing" a hearing loop."""
    return frozenset(need for need, pattern in NEED_PATTERNS.items() if pattern.search(text))


def surname_first(name: str) -> str | None:
    """'Mary O'Brien' for "O'Brien, Mary": a name with exactly one comma, written
    surname first as on lists and forms; None for any other name."""
    if name.count(",") != 1:
        return None
    surname, first = (" ".join(part.split()) for part in name.split(","))
    if not surname or not first:
        return None
    return f"{first} {surname}"


def tidy_phone(text: str) -> str:
    """The number as written, or with its lost 0 put back: a spreadsheet reads
    07700 900123 as the number 7700900123."""
    text = " ".join(text.split())
    digits = re.sub(r"\D", "", text)
    if re.fullmatch(r"[\d ]+", text) and len(digits) == 10 and digits[0] in "1237":
        return "0" + text
    return text


def _same_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def _names_agree(typed: str, name: str, preferred_name: str = "") -> bool:
    """Whether a name on the form can be this person's: the same first name, or one
    starting the other ('Sam' and 'Samantha Jones', 'J. Smith' and 'John Smith')."""
    typed_words = _same_name(typed).split()
    if not typed_words:
        return True
    mine = typed_words[0].rstrip(".")
    firsts = {_same_name(n).split()[0] for n in (name, preferred_name) if n.strip()}
    return any(first.startswith(mine) or mine.startswith(first) for first in firsts)


# --- the plan ------------------------------------------------------------------


class Outcome(StrEnum):
    ADD = "add"
    MATCH = "match"
    SKIP = "skip"


@dataclass(frozen=True)
class Details:
    """What one row says about a person, tidied."""

    name: str
    email: str = ""
    phone: str = ""
    role: Role = Role.OTHER
    access_needs: str = ""
    consent: bool | None = None
    """A clear yes or no on the form; None when not asked or not clear."""
    needs: frozenset[Need] = frozenset()
    """What a room must have for them, from the access needs they wrote."""


@dataclass(frozen=True)
class PlannedRow:
    """What happens to one row, and why, in words."""

    row: int
    """The row in the spreadsheet: the header row is row 1."""
    name: str
    outcome: Outcome
    reason: str
    details: Details | None = None
    person_id: int | None = None
    """The person matched in the people bank."""
    matched_by: str = ""
    """'email address', 'phone number' or 'name'."""
    notes: tuple[str, ...] = ()

    @property
    def line(self) -> str:
        """'Row 3, Jo Bloggs: new (carer), will be added to the people bank and booked.'"""
        return row_line(self.row, self.name, self.reason, self.notes)


def row_line(row: int, name: str, reason: str, notes: Sequence[str] = ()) -> str:
    return " ".join([f"Row {row}, {name or 'no name'}: {reason}", *notes])


@dataclass(frozen=True)
class ImportPlan:
    """Every row's fate, before anything is written."""

    session_id: int
    session_title: str
    rows: tuple[PlannedRow, ...]
    notes: tuple[str, ...] = ()

    def count(self, outcome: Outcome) -> int:
        return sum(1 for row in self.rows if row.outcome is outcome)

    @property
    def to_book(self) -> int:
        return self.count(Outcome.ADD) + self.count(Outcome.MATCH)

    @property
    def summary(self) -> str:
        """'3 to add to the people bank, 2 already in it, 1 row to skip.'"""
        return (
            f"{self.count(Outcome.ADD)} to add to the people bank, "
            f"{self.count(Outcome.MATCH)} already in it, "
            f"{plural(self.count(Outcome.SKIP), 'row')} to skip."
        )

    @property
    def lines(self) -> list[str]:
        return [row.line for row in self.rows]


@dataclass
class _Known:
    """Someone a row may be: in the people bank, or new from an earlier row."""

    name: str
    preferred_name: str = ""
    email: str = ""
    phone: str = ""
    person_id: int | None = None
    row: int | None = None
    """The row of the file that is this person, once one is."""


class _Index:
    """Everyone a row may be, by email, phone digits and name."""

    def __init__(self) -> None:
        self.by_email: dict[str, list[_Known]] = {}
        self.by_phone: dict[str, list[_Known]] = {}
        self.by_name: dict[str, list[_Known]] = {}

    def add(self, known: _Known) -> None:
        if known.email:
            self.by_email.setdefault(known.email.casefold(), []).append(known)
        if digits := phone_digits(known.phone):
            self.by_phone.setdefault(digits, []).append(known)
        if known.name.strip():
            self.by_name.setdefault(_same_name(known.name), []).append(known)


def _conflicts(known: _Known, details: Details) -> bool:
    """Different contact details: two people who share a name."""
    if known.email and details.email and known.email.casefold() != details.email.casefold():
        return True
    return bool(
        known.phone and details.phone and phone_digits(known.phone) != phone_digits(details.phone)
    )


@dataclass(frozen=True)
class _Found:
    known: _Known | None = None
    how: str = ""
    problem: str = ""
    note: str = ""


def _called(known: Sequence[_Known]) -> str:
    names = [f"{k.name}" + (f" (row {k.row})" if k.person_id is None else "") for k in known[:3]]
    return " and ".join(names)


def _find(index: _Index, details: Details) -> _Found:
    """Who this row is: by email, then phone, then name. The same email or phone with
    another first name, or the same name with other contact details, is not a match."""
    for how, key, table in (
        ("email address", details.email.casefold(), index.by_email),
        ("phone number", phone_digits(details.phone), index.by_phone),
    ):
        hits = table.get(key, []) if key else []
        if not hits:
            continue
        agreeing = [k for k in hits if _names_agree(details.name, k.name, k.preferred_name)]
        if len(agreeing) > 1:
            exact = [k for k in agreeing if _same_name(k.name) == _same_name(details.name)]
            agreeing = exact or agreeing
        if len(agreeing) == 1:
            return _Found(agreeing[0], how)
        if not agreeing:
            return _Found(
                problem=f"skipped: this {how} belongs to {_called(hits)}, not this name. "
                "If they are the same person, book them by hand."
            )
        return _Found(
            problem=f"skipped: {len(agreeing)} people have this {how} and a name like this "
            f"({_called(agreeing)}). Book the right one by hand."
        )
    same = index.by_name.get(_same_name(details.name), [])
    fitting = [k for k in same if not _conflicts(k, details)]
    if len(fitting) == 1:
        return _Found(fitting[0], "name")
    if len(fitting) > 1:
        return _Found(
            problem=f"skipped: {len(fitting)} people in the people bank are called "
            f"{details.name}. Book the right one by hand, or add an email address or phone "
            "number to the file."
        )
    if same:
        where = f"row {same[0].row}" if same[0].person_id is None else "the people bank"
        return _Found(
            note=f"Someone called {details.name} with other contact details is in {where}, "
            "so this is a separate person: check they are not the same."
        )
    return _Found()


@dataclass(frozen=True)
class _Read:
    details: Details | None
    skipped: str = ""
    notes: tuple[str, ...] = ()
    role_note: str = ""


_NO_NEEDS = ("no", "none", "n a", "na", "nothing", "no thanks", "not applicable", "nope", "nil")


def _read_row(sheet_row: SignupRow, mapping: Mapping) -> _Read:
    """The row's details tidied, or why it is skipped."""
    name = " ".join(
        " ".join(sheet_row.get(column).split()) for column in (mapping.name, mapping.surname)
    ).strip()
    if not name:
        return _Read(None, "skipped: no name.")
    notes: list[str] = []
    turned = surname_first(name) if mapping.surname is None else None
    if turned:
        notes.append(f"The name “{name}” was read as {turned} (surname first).")
        name = turned
    if len(name) > LIMITS["name"]:
        return _Read(None, f"skipped: the name is longer than {LIMITS['name']} characters.")
    email = sheet_row.get(mapping.email).strip()
    email = email[len("mailto:") :] if email.casefold().startswith("mailto:") else email
    if email and (check_email(email) or len(email) > LIMITS["email"]):
        notes.append(f"The email “{email}” is not an email address, so it was left out.")
        email = ""
    phone = tidy_phone(sheet_row.get(mapping.phone))
    if phone and (check_uk_phone(phone) or len(phone) > LIMITS["phone"]):
        notes.append(f"The phone number “{phone}” is not a UK number, so it was left out.")
        phone = ""
    role, role_note = Role.OTHER, ""
    if mapping.role is not None:
        role, role_note = role_from_text(sheet_row.get(mapping.role))
    needs = sheet_row.get(mapping.access_needs).strip()
    if _words(needs) in _NO_NEEDS:
        needs = ""
    if len(needs) > LIMITS["access_needs"]:
        return _Read(
            None,
            f"skipped: the access needs are longer than {LIMITS['access_needs']:,} "
            "characters. Add this person by hand.",
        )
    consent = None
    if mapping.consent is not None:
        answer = sheet_row.get(mapping.consent)
        consent = consent_from_text(answer)
        if consent is None and answer.strip():
            notes.append("Their answer about being contacted is not a clear yes or no.")
    details = Details(name, email, phone, role, needs, consent, needs_from_text(needs))
    return _Read(details, notes=tuple(notes), role_note=role_note)


def plan_import(
    store: Store, session_id: int, rows: Iterable[SignupRow], mapping: Mapping
) -> ImportPlan:
    """What importing these rows onto the session would do, writing nothing.

    Each row adds a new person, matches someone in the people bank (by email, then
    phone, then name), or is skipped with a reason: no name, an email that is not an
    email, already on the session, the same person as an earlier row, or a name or
    contact that fits more than one person."""
    if mapping.name is None:
        raise SignupFileError(
            "No column is chosen for people's names, so nobody can be added or matched. "
            "Choose the column that holds the name."
        )
    session = store.sessions.get(session_id)
    on_session = {a.person_id: a for a in store.attendance.for_session(session_id)}
    index = _Index()
    for person in store.people.all():
        index.add(_Known(person.name, person.preferred_name, person.email, person.phone, person.id))
    planned = tuple(_plan_row(row, mapping, index, on_session) for row in rows)
    return ImportPlan(session_id, session.title, planned, plan_notes(mapping))


def _plan_row(
    sheet_row: SignupRow, mapping: Mapping, index: _Index, on_session: dict[int, Attendance]
) -> PlannedRow:
    number = sheet_row.number
    read = _read_row(sheet_row, mapping)
    if read.details is None:
        typed = " ".join(sheet_row.get(c) for c in (mapping.name, mapping.surname))
        return PlannedRow(number, " ".join(typed.split()), Outcome.SKIP, read.skipped)
    details = read.details
    found = _find(index, details)
    if found.problem:
        return PlannedRow(number, details.name, Outcome.SKIP, found.problem)
    known = found.known
    if known is not None and known.row is not None:
        return PlannedRow(
            number,
            details.name,
            Outcome.SKIP,
            f"skipped: the same person as row {known.row} (signed up twice).",
        )
    if known is not None:
        assert known.person_id is not None
        record = on_session.get(known.person_id)
        if record is not None:
            return PlannedRow(
                number,
                details.name,
                Outcome.SKIP,
                f"skipped: already on this session ({record.status.label.lower()}).",
                person_id=known.person_id,
            )
        known.row = number
        notes = list(read.notes)
        if _same_name(known.name) != _same_name(details.name):
            notes.append(f"In the people bank as {known.name}.")
        notes.extend(_match_words(known.email, known.phone, details, done=False))
        return PlannedRow(
            number,
            details.name,
            Outcome.MATCH,
            f"in the people bank already (same {found.how}), will be booked.",
            details,
            known.person_id,
            found.how,
            tuple(notes),
        )
    problems = check_person(new_person(details))
    if problems:
        return PlannedRow(
            number, details.name, Outcome.SKIP, "skipped: " + " ".join(problems.values())
        )
    index.add(_Known(details.name, "", details.email, details.phone, None, number))
    notes = [*read.notes, *(n for n in (read.role_note, found.note) if n)]
    if details.access_needs:
        notes.append("Access needs recorded.")
    if details.consent:
        notes.append("Agreed to be contacted.")
    return PlannedRow(
        number,
        details.name,
        Outcome.ADD,
        f"new ({details.role.label.lower()}), will be added to the people bank and booked.",
        details,
        notes=tuple(notes),
    )


def _match_words(email: str, phone: str, details: Details, *, done: bool) -> list[str]:
    """What booking a matched person changes about them, before or after."""
    will = "" if done else "will be "
    kept = "kept" if done else "will be kept"
    said = []
    if details.email and not email:
        said.append(f"Email address {will}added.")
    elif details.email and details.email.casefold() != email.casefold():
        said.append(f"Email on file {kept}; the form gave {details.email}.")
    if details.phone and not phone:
        said.append(f"Phone number {will}added.")
    elif details.phone and phone_digits(details.phone) != phone_digits(phone):
        said.append(f"Phone number on file {kept}; the form gave {details.phone}.")
    if details.access_needs:
        said.append(f"Access needs {will}recorded.")
    if details.consent is True:
        said.append("Agreed to be contacted.")
    elif details.consent is False:
        said.append("Does not want to be contacted.")
    return [s[0].upper() + s[1:] for s in said]


def new_person(details: Details) -> Person:
    """The person a row adds. Consent to be contacted only when the form said yes."""
    return Person(
        name=details.name,
        role=details.role,
        email=details.email,
        phone=details.phone,
        access_needs=details.access_needs,
        contact_consent=bool(details.consent),
        needs=details.needs,
    )


def plan_notes(mapping: Mapping) -> tuple[str, ...]:
    """What the whole import assumes, given the columns chosen."""
    notes = []
    if mapping.consent is None:
        notes.append(
            "No column says whether people agree to be contacted, so new people are added "
            "without consent to be contacted. Ask them, and tick it in the people bank."
        )
    else:
        notes.append(
            "Consent to be contacted comes from the form: a clear yes or no is recorded; "
            "anything else leaves it as it was (not given, for someone new)."
        )
    if mapping.role is None:
        notes.append(
            "No column says people's role, so new people are added as Other. "
            "Change it in the people bank."
        )
    return tuple(notes)


# --- doing it ------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    """What the import did, row by row."""

    session_title: str
    rows: tuple[PlannedRow, ...]
    """Each row as it turned out: ADD and MATCH rows were booked, SKIP rows were not."""
    notes: tuple[str, ...] = ()

    def count(self, outcome: Outcome) -> int:
        return sum(1 for row in self.rows if row.outcome is outcome)

    @property
    def added(self) -> int:
        return self.count(Outcome.ADD)

    @property
    def matched(self) -> int:
        return self.count(Outcome.MATCH)

    @property
    def skipped(self) -> int:
        return self.count(Outcome.SKIP)

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(row.line for row in self.rows)

    @property
    def summary(self) -> str:
        """'Booked 5 people onto Over a Brew: 3 added to the people bank, 2 already
        in it. 1 row skipped.'"""
        return (
            f"Booked {plural(self.added + self.matched, 'person', 'people')} onto "
            f"{self.session_title}: {self.added} added to the people bank, "
            f"{self.matched} already in it. {plural(self.skipped, 'row')} skipped."
        )


def apply_import(store: Store, plan: ImportPlan) -> ImportReport:
    """Add and book everyone the plan says, in one transaction: all of it or none.

    Someone matched who has been booked or removed since the plan was made is
    skipped, with the reason. Any other failure undoes every change and raises
    ImportFailed saying so."""
    done: list[PlannedRow] = []
    try:
        with store.db.atomic():
            store.sessions.get(plan.session_id)
            for planned in plan.rows:
                done.append(_apply_row(store, plan.session_id, planned))
    except (FacilitatorError, sqlite3.Error) as error:
        raise ImportFailed(
            f"Nothing was imported: writing failed part way ({_reason(error)}), so every "
            "change was undone. The people bank and the session are as they were."
        ) from error
    return ImportReport(plan.session_title, tuple(done), plan.notes)


def _reason(error: BaseException) -> str:
    text = str(error).strip().rstrip(".")
    return text[:1].lower() + text[1:] if text else type(error).__name__


def _apply_row(store: Store, session_id: int, planned: PlannedRow) -> PlannedRow:
    """Write one planned row; the row as it turned out."""

    def skipped(reason: str) -> PlannedRow:
        return replace(planned, outcome=Outcome.SKIP, reason=reason, notes=())

    details = planned.details
    if planned.outcome is Outcome.SKIP or details is None:
        return planned
    if planned.outcome is Outcome.ADD:
        person = store.people.save(new_person(details))
        assert person.id is not None
        store.attendance.record(session_id, person.id, AttendanceStatus.BOOKED)
        reason = f"new ({details.role.label.lower()}), added to the people bank and booked."
        return replace(planned, reason=reason, person_id=person.id)
    assert planned.person_id is not None
    try:
        person = store.people.get(planned.person_id)
    except NotFound:
        return skipped("skipped: no longer in the people bank.")
    before = store.attendance.get(session_id, planned.person_id)
    if before is not None:
        return skipped(f"skipped: already on this session ({before.status.label.lower()}).")
    kept = ("In the people bank as", "The phone", "The email", "The name", "Their answer")
    notes = [note for note in planned.notes if note.startswith(kept)]
    changed = replace(
        person,
        email=person.email or details.email,
        phone=person.phone or details.phone,
        access_needs=merged_needs(person.access_needs, details.access_needs),
        contact_consent=person.contact_consent if details.consent is None else details.consent,
        needs=person.needs | details.needs,
    )
    if len(changed.access_needs) > LIMITS["access_needs"]:
        changed = replace(changed, access_needs=person.access_needs, needs=person.needs)
        notes.append("The access needs on the form did not fit beside those recorded.")
        details = replace(details, access_needs="")
    notes.extend(_match_words(person.email, person.phone, details, done=True))
    if changed != person:
        store.people.save(changed)
    store.attendance.record(session_id, planned.person_id, AttendanceStatus.BOOKED)
    reason = f"in the people bank already (same {planned.matched_by}), booked."
    return replace(planned, reason=reason, notes=tuple(notes))


def merged_needs(recorded: str, typed: str) -> str:
    """Access needs from a form added to those recorded, unless already there."""
    typed = typed.strip()
    if not typed or _same_name(typed) in _same_name(recorded):
        return recorded
    if not recorded.strip():
        return typed
    return f"{recorded.rstrip()}\nFrom a sign-up form: {typed}"
