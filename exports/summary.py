"""The "You said, we will" summary of a session, in Word, and its Easy Read version.

What the summary may say is decided by `sessions.summary.build_summary` (counts by
role, quotes only with consent, no access needs); this module only lays it out on
the accessible base in `exports.word`:

- the summary: headings for each part, tables with header rows for who took part and
  what we will do, bullets for what was heard, the sign-up QR code with its address
  written out and a link that says where it goes;
- the Easy Read version: 16pt or more, one sentence a line, each idea in a borderless
  two-column table with a picture on the left and the words on the right. Pictures
  come from `exports.pictures`; a PNG with the same name in a ``pictures`` folder in
  the export folder is used instead (a facilitator's own).

The file is written whole or not at all (`word.save`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exports import word
from exports.files import export_folder, organisation, safe_file_name
from exports.pictures import OWN_FOLDER, Picture, picture
from sessions.decide_models import ResultLine
from sessions.display import format_date, format_time, plural
from sessions.models import ActionStatus, NoteKind
from sessions.money import pounds
from sessions.signup import SignupKind, SignupLink
from sessions.summary import (
    WHOLE_ROOM,
    HeardGroup,
    HeardItem,
    HeardNote,
    SummaryContent,
    build_summary,
    easy_time,
    long_date,
    split_sentences,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table

    from sessions.store import Store

Progress = Callable[[str], None]

EASY_READ_PT = 16
PICTURE_MM = 30
"""Easy Read pictures: about 3 cm wide."""
PICTURE_COLUMN_MM = 40
WORDS_COLUMN_MM = 130
QR_MM = 40
"""The QR code in the summary: 1 mm modules or near it, read by a phone from the page."""
LINK_COLOUR = (0x00, 0x3D, 0x8C)
"""Dark blue, 10:1 on white, and underlined: a link that looks like one."""
QUOTE_CHARACTERS = "“”\"'‘’"
OTHER_HEARD = "Other things we heard"
OTHER_TOLD = "Other things you told us"
"""Headings for notes not taken under an agenda item."""
SPACE_BEFORE_TWIPS = 120
SPACE_AFTER_TWIPS = 200
"""Room between one idea and the next (6pt and 10pt), never empty paragraphs."""
ROW_XML = (
    '<w:tbl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:tblPr>"
    '<w:tblW w:type="auto" w:w="0"/>'
    "<w:tblBorders>"
    '<w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
    '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>'
    "</w:tblBorders>"
    '<w:tblLayout w:type="fixed"/>'
    '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
    'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
    "</w:tblPr>"
    '<w:tblGrid><w:gridCol w:w="{left}"/><w:gridCol w:w="{right}"/></w:tblGrid>'
    "<w:tr>{together}"
    '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{left}"/><w:vAlign w:val="center"/></w:tcPr>'
    "{picture}</w:tc>"
    '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{right}"/><w:vAlign w:val="center"/></w:tcPr>'
    "{words}</w:tc>"
    "</w:tr></w:tbl>"
)
"""An Easy Read idea: a layout table (no borders, no header row, no caption, so a
screen reader reads it as text, left then right), the picture left, words right."""
KEEP_TOGETHER_SENTENCES = 12
"""An Easy Read idea this short is kept on one page, picture and words together."""
KIND_PREFIX = {NoteKind.IDEA: "Idea: ", NoteKind.QUESTION: "Question: "}

EASY_KIND = {
    NoteKind.HEARD: ("listening", "we heard:"),
    NoteKind.IDEA: ("idea", "you had these ideas:"),
    NoteKind.QUESTION: ("question", "you asked:"),
    NoteKind.QUOTE: ("talking", "we wrote down what people said:"),
}
"""Easy Read: the picture for each kind of note, and the words that start its row
(after 'In the group called “Red table”, ' where there were groups)."""
EASY_WHOLE_ROOM = "When everyone talked together"
NAMES_A_LINE = 3
"""Easy Read names people in short lines, a few names each."""
EASY_MOST_WORDS = 15
"""Easy Read sentences the app writes have this many words or fewer (FACTS.md 14)."""
SENTENCE_ENDS = ".!?…:"
CLOSING_MARKS = "”’\"')"
JOINING_WORDS = frozenset({"and", "or", "&", "with"})
"""Words between names in an action's owner: 'Cath and Dev' is two people, not a job."""
EASY_STATUS = {
    ActionStatus.OPEN: "We have not started this yet.",
    ActionStatus.IN_PROGRESS: "We are still working on this.",
    ActionStatus.DONE: "We have done this.",
    ActionStatus.DROPPED: "We are not going ahead with this.",
}
EASY_ROLE_NOTES = {
    "lived experience": "People with lived experience are people who use care and support.",
    "commissioner": "A commissioner buys care services for the council.",
    "care provider": "A care provider is a company that gives care and support.",
}
"""Hard words used in the counts, explained (Easy Read explains difficult words)."""


# --- names ---------------------------------------------------------------------------


def summary_title(content: SummaryContent, *, easy_read: bool = False) -> str:
    title = " ".join(content.session.title.split())
    return f"You said, we will: {title}" + (" (Easy Read)" if easy_read else "")


def summary_file_name(store: Store, session_id: int, *, easy_read: bool = False) -> str:
    """'summary-2026-11-02-Homecare-what-works-and-what-does-not.docx'."""
    session = store.sessions.get(session_id)
    stem = "easy-read-summary" if easy_read else "summary"
    return safe_file_name(f"{stem}-{session.date.isoformat()}-{session.title}.docx")


# --- writing ---------------------------------------------------------------------------


def write_summary(
    store: Store,
    session_id: int,
    path: Path,
    *,
    easy_read: bool = False,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    told: Callable[[str], None] | None = None,
) -> Path:
    """Write the summary (or its Easy Read version) of a session as it stands at `now`
    (this moment when not given); returns the path. `told` hears anything the
    facilitator should know about it (no sign-up code, as the session is over).

    Raises NotFound if the session is gone, FacilitatorError (NOT_HAPPENED) if it has
    not started yet, and ExportError if the file cannot be written; a file already at
    `path` is replaced whole or left as it was."""
    content = build_summary(store, session_id, now=now, progress=progress)
    if told is not None and content.signup_note:
        told(f"It has no sign-up QR code. {content.signup_note}")
    own = export_folder(store) / OWN_FOLDER
    return write_summary_content(
        content,
        organisation(store),
        path,
        easy_read=easy_read,
        own_pictures=own,
        progress=progress,
    )


def write_summary_content(
    content: SummaryContent,
    organisation: str,
    path: Path,
    *,
    easy_read: bool = False,
    own_pictures: Path | None = None,
    progress: Progress | None = None,
) -> Path:
    """Lay out what `build_summary` gathered and save it."""
    content = printable(content)
    if progress is not None:
        progress("Laying out the Easy Read pages" if easy_read else "Laying out the summary")
    qr = _qr(content.signup)
    if easy_read:
        doc = _easy_read(content, organisation, qr, Pictures(own_pictures))
    else:
        doc = _standard(content, organisation, qr)
    if progress is not None:
        progress("Saving the file")
    return word.save(doc, path)


def printable(value: Any) -> Any:
    """`value` with every piece of text in it fit for a Word file: control characters
    pasted in by accident (a bell, a NUL) are dropped, as Word cannot hold them."""
    if type(value) is str:
        return _NOT_IN_XML.sub("", value)
    if isinstance(value, tuple):
        return tuple(printable(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: printable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if type(getattr(value, f.name)) in (str, tuple)
            or dataclasses.is_dataclass(getattr(value, f.name))
        }
        return dataclasses.replace(value, **changes)
    return value


def _qr(signup: SignupLink | None) -> bytes | None:
    if signup is None:
        return None
    from exports.qr import qr_png

    return qr_png(signup.address)


# --- the summary ------------------------------------------------------------------------


def _standard(content: SummaryContent, organisation: str, qr: bytes | None) -> Document:
    session = content.session
    title = summary_title(content)
    doc = word.new_document(
        title,
        organisation,
        subject=f"What we heard at {session.title} and what we will do",
        keywords="co-production, you said we will, summary",
    )
    b = _Blocks(doc)
    b.heading(title, 1)
    word.paragraph(
        b.doc,
        f"Thank you to everyone who came to {session.title} on {format_date(session.date)}. "
        "This is what we heard, and what we will do about it.",
    )
    _about(b, content)
    _who(b, content)
    _heard(b, content.heard)
    _decided(b, content)
    _we_will(b, content)
    _earlier(b, content)
    _next_steps(b, content, qr)
    _contact(b, content)
    return doc


def _about(b: _Blocks, content: SummaryContent) -> None:
    session = content.session
    b.heading("About the session", 2)
    word.paragraph(
        b.doc,
        f"{format_date(session.date)}, {format_time(session.start)} to {format_time(session.end)}",
        label="When: ",
    )
    where = ", ".join(part.strip() for part in (session.venue, session.address) if part.strip())
    if where:
        word.paragraph(b.doc, where, label="Where: ")
    word.paragraph(b.doc, session.kind.label, label="Kind of session: ")
    if session.project_name:
        word.paragraph(b.doc, session.project_name, label="Project: ")
    if session.purpose.strip():
        word.paragraph(b.doc, " ".join(session.purpose.split()), label="What it was for: ")


def _who(b: _Blocks, content: SummaryContent) -> None:
    b.heading("Who took part", 2)
    if not content.took_part:
        word.paragraph(b.doc, "No one was recorded as taking part in this session.")
        return
    word.paragraph(b.doc, f"{plural(content.people_count, 'person', 'people')} took part.")
    word.table(
        b.doc,
        ("Taking part as", "How many"),
        [(count.role.label, f"{count.count:,}") for count in content.took_part],
        caption="How many people took part, by why they came",
        widths_mm=(120, 50),
        right_columns=(1,),
    )
    if content.names:
        word.paragraph(b.doc, names_sentence(content), label="Who came: ")


def names_sentence(content: SummaryContent) -> str:
    """'Amira Khan, Gaz (Gareth Jones) and Gaz (Gareth Lee).', with 'and 1 other
    person' for someone whose details were erased: as many as the count."""
    names = list(content.names)
    if content.unnamed_count:
        names.append(plural(content.unnamed_count, "other person", "other people"))
    return and_list(names) + "."


def and_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _heard(b: _Blocks, heard: Sequence[HeardItem]) -> None:
    if not heard:
        b.heading("What we heard", 2)
        word.paragraph(b.doc, "No notes of what was said were kept at this session.")
        return
    for item in heard:
        b.heading(f"What we heard: {item.title}" if item.title else OTHER_HEARD, 2)
        for group in item.groups:
            if item.in_groups:
                b.heading(group.name or WHOLE_ROOM, 3)
            b.bullets([_note_line(note) for note in group.notes])


def _note_line(note: HeardNote) -> str:
    text = " ".join(note.text.split())
    if note.is_quote:
        quoted = quote_marks(text)
        return f"{note.speaker} said: {quoted}" if note.speaker else quoted
    return KIND_PREFIX.get(note.kind, "") + text


def quote_marks(text: str) -> str:
    """Someone's words in curly quotes, once: “like this”."""
    return "“" + text.strip().strip(QUOTE_CHARACTERS).strip() + "”"


DECIDED = "What we decided together"


def _decided(b: _Blocks, content: SummaryContent) -> None:
    """The room's vote, best first, with ties named and, for a budget, what was funded
    and the money left. Nothing when the room did not vote."""
    decided = content.decided
    if decided is None:
        return
    result = decided.result
    b.heading(DECIDED, 2)
    word.paragraph(b.doc, decided.how_words())
    headers = ["Place", "Option", "Proposed by"]
    if decided.is_budget:
        headers += ["Cost", "Funded"]
    headers.append(decided.points_word.capitalize())
    rows = []
    for line in result.lines:
        row = [
            f"{line.place} (tied)" if line.tied else str(line.place),
            line.option.title,
            line.option.proposed_by or "Not given",
        ]
        if decided.is_budget:
            cost = line.option.cost_pence
            row.append(pounds(cost) if cost is not None else "Not given")
            row.append("Yes" if line.funded else "No")
        row.append(f"{line.points:,}")
        rows.append(row)
    budget = decided.is_budget
    word.table(
        b.doc,
        headers,
        rows,
        caption="What we decided together, the option with most votes first",
        widths_mm=(15, 55, 40, 25, 15, 20) if budget else (20, 80, 50, 20),
        right_columns=(3, 5) if budget else (3,),
    )
    for tie in _ties(result.lines, decided.points_word):
        word.paragraph(b.doc, tie)
    if budget:
        funded = [line for line in result.lines if line.funded]
        if funded:
            word.paragraph(
                b.doc,
                f"{and_list([line.option.title for line in funded])}: "
                f"{pounds(result.funded_pence)} in all.",
                label="Funded: ",
            )
        passed_over = [
            f"{line.option.title}: {_after_not_funded(line.note)}"
            for line in result.lines
            if line.funded is False and line.points > 0
        ]
        if passed_over:
            word.paragraph(b.doc, "Not funded, though people voted for them:")
            b.bullets(passed_over)
        word.paragraph(b.doc, pounds(result.money_left_pence or 0), label="Money left: ")
    word.paragraph(b.doc, decided.when_words())


def _ties(lines: Sequence[ResultLine], points_word: str) -> list[str]:
    """'“Garden” and “Café” tied, with 5 dots each.'"""
    places: dict[int, list[ResultLine]] = {}
    for line in lines:
        if line.tied:
            places.setdefault(line.place, []).append(line)
    return [
        f"{and_list([quote_marks(line.option.title) for line in tied])} tied, with "
        f"{tied[0].points:,} {points_word} each."
        for tied in places.values()
    ]


def _after_not_funded(note: str) -> str:
    """The reason in a line's note: 'Tied with “Café”. Not funded: £2,000.00 needed and
    £1,000.00 left.' -> '£2,000.00 needed and £1,000.00 left.'"""
    _, found, reason = note.partition("Not funded: ")
    return reason.strip() if found else note.strip()


def _we_will(b: _Blocks, content: SummaryContent) -> None:
    b.heading("What we will do", 2)
    if not content.we_will:
        word.paragraph(b.doc, "No actions were agreed at this session.")
        return
    word.table(
        b.doc,
        ("What we will do", "Who will do it", "By when"),
        [
            (action.what, action.owner or "Not decided yet", _by_when(action.due))
            for action in content.we_will
        ],
        caption="What we will do, who will do it and by when",
        widths_mm=(95, 45, 30),
    )


def _by_when(due: dt.date | None) -> str:
    return format_date(due) if due is not None else "No date set"


def _earlier(b: _Blocks, content: SummaryContent) -> None:
    if not content.earlier:
        return
    b.heading("What we did about earlier actions", 2)
    word.paragraph(
        b.doc,
        f"At earlier sessions of {content.session.project_name} we said we would do these "
        "things. This is where each one is now.",
    )
    word.table(
        b.doc,
        ("We said we would", "When we said it", "Where it is now", "What we did"),
        [
            (
                action.what,
                format_date(action.session_date),
                action.status_words,
                action.outcome or "Nothing to report yet",
            )
            for action in content.earlier
        ],
        caption=f"Actions from earlier sessions of {content.session.project_name}",
        widths_mm=(55, 32, 30, 53),
    )


def _next_steps(b: _Blocks, content: SummaryContent, qr: bytes | None) -> None:
    b.heading("Next steps and how to get involved", 2)
    upcoming = content.next_session
    if upcoming is not None:
        where = f" at {upcoming.venue}" if upcoming.venue.strip() else ""
        word.paragraph(
            b.doc,
            f"The next session is {upcoming.title}, on {format_date(upcoming.date)} from "
            f"{format_time(upcoming.start)} to {format_time(upcoming.end)}{where}.",
        )
    signup = content.signup
    if signup is None or qr is None:
        word.paragraph(
            b.doc,
            "To get involved, or to tell us what you think of this summary, contact us "
            "using the details below."
            if content.contact_lines
            else "To get involved, ask the person who runs your session.",
        )
        return
    word.paragraph(b.doc, f"{_sign_up_for(content)}, {_signup_words(signup)}")
    b.picture(b.doc.add_paragraph(), qr, QR_MM, signup.alt_text, "Sign-up QR code")
    word.paragraph(b.doc, signup.shown, label="Or use this address: ")
    _link_paragraph(b, signup)


def _sign_up_for(content: SummaryContent) -> str:
    if content.next_session is not None:
        return "To sign up for the next session"
    project = content.session.project_name.strip()
    return f"To join {project}" if project else "To sign up"


def _signup_words(signup: SignupLink) -> str:
    """How to use the code, in one sentence."""
    if signup.kind is SignupKind.URL:
        return "scan this QR code with your phone's camera. It opens the sign-up form."
    if signup.kind is SignupKind.MAILTO:
        return "scan this QR code with your phone's camera. It starts an email to us."
    return "scan this QR code with your phone's camera. It starts a text message to us."


def _link_paragraph(b: _Blocks, signup: SignupLink) -> None:
    """A link that says where it goes; none for a text message (SMSTO is not a link)."""
    if signup.kind is SignupKind.SMS:
        return
    add_hyperlink(b.doc.add_paragraph(), signup.address, link_words(signup))


def link_words(signup: SignupLink) -> str:
    """'Open the sign-up form (forms.example.gov.uk)', 'Email team@example.gov.uk to
    sign up': words that say where the link goes."""
    if signup.kind is SignupKind.URL:
        site = signup.address.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0]
        return f"Open the sign-up form on {site}"
    email = signup.shown.removeprefix("Email ").split(" ", 1)[0]
    return f"Email {email} to sign up"


def _contact(b: _Blocks, content: SummaryContent) -> None:
    lines = content.contact_lines
    if not lines:
        return
    b.heading("Contact us", 2)
    for line in lines:
        word.paragraph(b.doc, line)


# --- Easy Read ---------------------------------------------------------------------------


class Pictures:
    """The pictures used in one document, read once each: the facilitator's own where
    they added one, else those shipped."""

    def __init__(self, own_folder: Path | None) -> None:
        self.own_folder = own_folder
        self.found: dict[str, Picture] = {}

    def __getitem__(self, name: str) -> Picture:
        if name not in self.found:
            self.found[name] = picture(name, self.own_folder)
        return self.found[name]


@dataclass(frozen=True)
class Idea:
    """One row of Easy Read: a picture, and a few short sentences beside it."""

    picture: str
    sentences: tuple[str, ...]


def _easy_read(
    content: SummaryContent, organisation: str, qr: bytes | None, pictures: Pictures
) -> Document:
    session = content.session
    title = summary_title(content, easy_read=True)
    doc = word.new_document(
        title,
        organisation,
        base_pt=EASY_READ_PT,
        subject=f"Easy Read: what we heard at {session.title} and what we will do",
        keywords="co-production, you said we will, Easy Read",
    )
    b = _Blocks(doc)
    b.heading(title, 1)
    put = _IdeaWriter(b, pictures)
    put(
        Idea(
            "thank-you",
            (
                "Thank you for coming to our meeting.",
                "This is what you told us.",
                "It also says what we will do.",
            ),
        )
    )

    b.heading("About the meeting", 2)
    put(Idea("meeting", (f"The meeting was called {session.title}.", *_purpose(session.purpose))))
    put(
        Idea(
            "date",
            (
                f"It was on {long_date(session.date)}.",
                f"It started at {easy_time(session.start)}.",
                f"It finished at {easy_time(session.end)}.",
            ),
        )
    )
    if session.venue.strip() or session.address.strip():
        put(Idea("place", _where(session.venue, session.address)))

    b.heading("Who came", 2)
    put(Idea("people", _who_came(content)))

    b.heading("What you told us", 2)
    if not content.heard:
        put(Idea("listening", ("We did not write down what people said at this meeting.",)))
    for item in content.heard:
        # The agenda's words stand as a heading of their own, never inside a sentence.
        b.heading(item.title or OTHER_TOLD, 3)
        for group in item.groups:
            for idea in _group_ideas(group, in_groups=item.in_groups):
                put(idea)

    b.heading("What we will do", 2)
    if not content.we_will:
        put(Idea("we-will", ("We did not agree any actions at this meeting.",)))
    for action in content.we_will:
        sentences = ["We will do this:", *easy_sentences(action.what)]
        if action.owner.strip():
            sentences.append(owner_sentence(action.owner))
        if action.due is not None:
            sentences.append(f"We will do it by {long_date(action.due)}.")
        put(Idea("we-will", tuple(sentences)))

    if content.earlier:
        b.heading("What we did about what you told us before", 2)
        for earlier in content.earlier:
            sentences = [
                f"At the meeting on {long_date(earlier.session_date)} we said we would do this:",
                *easy_sentences(earlier.what),
                EASY_STATUS[earlier.status],
            ]
            if earlier.outcome.strip():
                sentences += ["This is what happened:", *easy_sentences(earlier.outcome)]
            picture_name = "done" if earlier.status is ActionStatus.DONE else "we-will"
            put(Idea(picture_name, tuple(sentences)))

    b.heading("What happens next", 2)
    upcoming = content.next_session
    if upcoming is not None:
        sentences = [
            f"The next meeting is on {long_date(upcoming.date)}.",
            f"It starts at {easy_time(upcoming.start)}.",
        ]
        if upcoming.venue.strip():
            sentences.append(f"It is at {' '.join(upcoming.venue.split())}.")
        put(Idea("next", tuple(sentences)))
    signup = content.signup
    if signup is not None and qr is not None:
        put.qr(qr, signup, next_one=upcoming is not None)
    else:
        put(
            Idea(
                "next",
                ("Do you want to come to a meeting?", "Please get in touch with us.")
                if content.contact_lines
                else ("Do you want to come to a meeting?", "Please ask the person who runs it."),
            )
        )

    if content.contact_lines:
        b.heading("How to contact us", 2)
        put(Idea("contact", ("You can contact us here:", *content.contact_lines)))
    return doc


def _purpose(purpose: str) -> tuple[str, ...]:
    sentences = easy_sentences(purpose)
    return ("It was about this:", *sentences) if sentences else ()


def full_stop(sentence: str) -> str:
    """`sentence` ending as a sentence does: a full stop added when it has no . ! ? …
    or : at its end (inside a closing quote or bracket counts)."""
    text = sentence.rstrip()
    if not text:
        return text
    bare = text.rstrip(CLOSING_MARKS)
    if bare and bare[-1] in SENTENCE_ENDS:
        return text
    if bare != text and text[-1] in "”’\"'":  # “Nobody asked me” → “Nobody asked me.”
        return f"{bare}.{text[len(bare) :]}"
    return f"{text}."


def easy_sentences(text: str) -> list[str]:
    """The facilitator's words one sentence a line, each ending with a full stop."""
    return [full_stop(sentence) for sentence in split_sentences(text)]


def owner_sentence(owner: str) -> str:
    """Who will do an action, as a sentence: 'Cath Jones will do this.' for a name, 'The
    finance policy officer will do this.' for a job ('Finance policy officer')."""
    words = " ".join(owner.split()).rstrip(".")
    parts = words.split(" ")
    first = parts[0]
    is_job = (
        len(parts) > 1
        and first.casefold() not in {"the", "our", "a", "an", "we", "you"}
        and all(part.islower() for part in parts[1:] if part.casefold() not in JOINING_WORDS)
        and not all(part.casefold() in JOINING_WORDS for part in parts[1:])
    )
    if is_job:
        if first[:1].isupper() and first[1:].islower():  # 'Finance', not 'NHS'
            first = first.lower()
        words = " ".join(["The", first, *parts[1:]])
    return f"{words} will do this."


def _where(venue: str, address: str) -> tuple[str, ...]:
    sentences = []
    if venue.strip():
        sentences.append(f"It was at {' '.join(venue.split())}.")
    if address.strip():
        sentences.append(f"The address is {' '.join(address.split())}.")
    return tuple(sentences)


def _who_came(content: SummaryContent) -> tuple[str, ...]:
    if not content.took_part:
        return ("We did not write down who came.",)
    total = content.people_count
    sentences = [f"{plural(total, 'person', 'people')} came to the meeting."]
    sentences += [f"{count.words} came." for count in content.took_part]
    words = " ".join(count.words for count in content.took_part)
    sentences += [note for hard, note in EASY_ROLE_NOTES.items() if hard in words]
    if content.names:
        sentences += ["These people came:", *_name_lines(content)]
    return tuple(sentences)


def _name_lines(content: SummaryContent) -> list[str]:
    """The names a few to a line ('Amira Khan, Bob Hughes and Cath Jones.'), and a last
    line for anyone whose details were erased: as many as were counted."""
    lines: list[str] = []
    line: list[str] = []
    for name in content.names:
        if line and (
            len(line) == NAMES_A_LINE or len(and_list([*line, name]).split()) > EASY_MOST_WORDS
        ):
            lines.append(and_list(line) + ".")
            line = []
        line.append(name)
    if line:
        lines.append(and_list(line) + ".")
    if content.unnamed_count:
        others = plural(content.unnamed_count, "other person", "other people")
        lines.append(f"And {others} came.")
    return lines


def _group_ideas(group: HeardGroup, *, in_groups: bool = False) -> list[Idea]:
    """One row for each kind of note heard here, in the order first heard. Where the
    part was split into groups, each row says which group it was."""
    by_kind: dict[NoteKind, list[str]] = {}
    for note in group.notes:
        lines = by_kind.setdefault(note.kind, [])
        if note.is_quote:
            # The name goes with its own quote, so it cannot be read as the next one's.
            words = quote_marks(full_stop(" ".join(note.text.split()).strip(QUOTE_CHARACTERS)))
            lines.append(
                f"{note.speaker} said: {words}" if note.speaker else f"Someone said: {words}"
            )
        else:
            lines.extend(easy_sentences(note.text))
    if not in_groups:
        where = ""
    elif group.name:
        where = f"In the group called “{group.name}”, "
    else:
        where = f"{EASY_WHOLE_ROOM}, "
    ideas = []
    for kind, lines in by_kind.items():
        picture_name, first = EASY_KIND[kind]
        opening = f"{where}{first}" if where else first[0].upper() + first[1:]
        ideas.append(Idea(picture_name, (opening, *lines)))
    return ideas


class _IdeaWriter:
    """Writes Easy Read rows: a borderless two-column table for each idea."""

    def __init__(self, blocks: _Blocks, pictures: Pictures) -> None:
        self.blocks = blocks
        self.doc = blocks.doc
        self.pictures = pictures

    def __call__(self, idea: Idea) -> None:
        shown = self.pictures[idea.picture]
        self.row(shown.data, shown.alt_text, idea.sentences, PICTURE_MM, name=idea.picture)

    def qr(self, qr: bytes, signup: SignupLink, *, next_one: bool) -> None:
        sentences = [
            "Do you want to come to the next meeting?"
            if next_one
            else "Do you want to come to a meeting?",
            "Scan this code with your phone to sign up.",
            *easy_signup_lines(signup),
        ]
        grid = self.row(qr, signup.alt_text, sentences, PICTURE_COLUMN_MM - 4, name="QR code")
        if signup.kind is not SignupKind.SMS:
            add_hyperlink(grid.cell(0, 1).add_paragraph(), signup.address, link_words(signup))

    def row(
        self, data: bytes, alt_text: str, sentences: Sequence[str], width_mm: float, *, name: str
    ) -> Table:
        """One idea: a borderless table of one row, the picture left, a paragraph for
        each sentence right. Built as XML in one go: python-docx's table calls cost
        milliseconds each, and Easy Read has hundreds of these."""
        from docx.oxml.parser import parse_xml
        from docx.table import Table

        kept = [" ".join(sentence.split()) for sentence in sentences if sentence.strip()]
        together = "<w:trPr><w:cantSplit/></w:trPr>" if len(kept) <= KEEP_TOGETHER_SENTENCES else ""
        words = "".join(
            _paragraph_xml(
                text,
                before=SPACE_BEFORE_TWIPS if number == 0 else 0,
                after=SPACE_AFTER_TWIPS if number == len(kept) - 1 else 0,
            )
            for number, text in enumerate(kept)
        )
        tbl = parse_xml(
            ROW_XML.format(
                left=_twips(PICTURE_COLUMN_MM),
                right=_twips(WORDS_COLUMN_MM),
                together=together,
                picture=_paragraph_xml("", before=SPACE_BEFORE_TWIPS, after=SPACE_AFTER_TWIPS),
                words=words,
            )
        )
        self.doc.element.body._insert_tbl(tbl)  # before the section properties
        grid = Table(tbl, self.doc._body)
        self.blocks.picture(grid.cell(0, 0).paragraphs[0], data, width_mm, alt_text, name)
        return grid


def easy_signup_lines(signup: SignupLink) -> list[str]:
    """How to sign up without the code, a line a step: 'Or type this web address:' and
    the address; the email address and subject; the number and what to text."""
    values = dict(signup.lines)
    if signup.kind is SignupKind.URL:
        return ["Or type this web address:", signup.address]
    if signup.kind is SignupKind.MAILTO:
        lines = ["Or send an email to this address:", values.get("Email: ", "")]
        if values.get("Subject: "):
            lines += ["Write this as the subject:", values["Subject: "]]
        return lines
    lines = ["Or send a text message to this number:", values.get("Text: ", "")]
    if values.get("Start with: "):
        lines += ["Start your message with:", values["Start with: "]]
    return lines


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters a Word file cannot hold (control characters pasted in by accident)."""


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _paragraph_xml(text: str, *, before: int = 0, after: int = 0) -> str:
    from xml.sax.saxutils import escape

    spacing = ""
    if before or after:
        spacing = "<w:pPr><w:spacing"
        spacing += f' w:before="{before}"' if before else ""
        spacing += f' w:after="{after}"' if after else ""
        spacing += "/></w:pPr>"
    text = _NOT_IN_XML.sub("", text)
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{spacing}{run}</w:p>"


# --- quick Word building blocks -------------------------------------------------------------
#
# python-docx looks a style up by name, and checks it against the default style, by
# scanning every style in the document each time (about 3 ms), and numbers each
# picture by scanning every id in the document. For 500 notes that is seconds, so
# these blocks set the style by its id and number pictures themselves. They keep
# `word`'s rules: one Heading 1 first, no level skipped, no empty paragraphs.


class _Blocks:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.style_ids = {
            name: doc.styles[name].style_id
            for name in ("Heading 1", "Heading 2", "Heading 3", "List Bullet")
        }
        self.level: int | None = None
        self.images: dict[bytes, tuple[str, object]] = {}
        self.next_shape_id: int | None = None

    def heading(self, text: str, level: int) -> None:
        last = self.level
        if (last is None) != (level == 1) or (last is not None and level > last + 1):
            raise ValueError(f"a Heading {level} after a Heading {last} skips or repeats a level")
        self._styled(self.doc.add_paragraph(), " ".join(text.split()), f"Heading {level}")
        self.level = level

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            if item.strip():
                self._styled(self.doc.add_paragraph(), " ".join(item.split()), "List Bullet")

    def _styled(self, para: object, text: str, style: str) -> None:
        para.add_run(text)  # type: ignore[attr-defined]
        para._p.style = self.style_ids[style]  # type: ignore[attr-defined]

    def picture(self, para: object, data: bytes, width_mm: float, alt_text: str, name: str) -> None:
        """A picture in its own run at the end of `para`, `width_mm` wide, with alt text;
        each different picture is stored in the file once."""
        from docx.oxml.shape import CT_Inline
        from docx.shared import Mm

        part = self.doc.part
        if data not in self.images:
            self.images[data] = part.get_or_add_image(io.BytesIO(data))
        rel_id, image = self.images[data]
        width, height = image.scaled_dimensions(Mm(width_mm), None)  # type: ignore[attr-defined]
        if self.next_shape_id is None:
            self.next_shape_id = part.next_id
        shape_id = self.next_shape_id
        self.next_shape_id += 1
        inline = CT_Inline.new_pic_inline(shape_id, rel_id, image.filename, width, height)  # type: ignore[attr-defined]
        inline.docPr.set("descr", alt_text)
        inline.docPr.set("name", name)
        run = para.add_run()  # type: ignore[attr-defined]
        run._r.add_drawing(inline)


# --- Word details python-docx has no API for ------------------------------------------------


def add_hyperlink(paragraph: object, address: str, text: str) -> None:
    """A real link (w:hyperlink with an outside relationship), dark blue and underlined."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    part = paragraph.part  # type: ignore[attr-defined]
    rel_id = part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "{:02X}{:02X}{:02X}".format(*LINK_COLOUR))
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    r_pr.append(colour)
    r_pr.append(underline)
    run.append(r_pr)
    words = OxmlElement("w:t")
    words.text = text
    words.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(words)
    link.append(run)
    paragraph._p.append(link)  # type: ignore[attr-defined]
