"""The "You said, we will" summary and its Easy Read version, read back with python-docx.

Every check in docx_checks (what Word's Accessibility Checker and the reader need),
then what may and may not be published: quotes by consent, names only with the
setting, never access needs or follow-up notes; notes grouped by agenda item and
breakout group; earlier actions of the same project; the sign-up QR code that a real
decoder reads as the address written beside it; and writing whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import itertools
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from PIL import Image

from exports import files
from exports.files import ExportError
from exports.pictures import ALT_TEXT, OWN_FOLDER
from exports.summary import full_stop, owner_sentence, summary_file_name, write_summary
from sessions.errors import FacilitatorError, NotFound
from sessions.models import (
    AttendanceStatus,
    Note,
    NoteKind,
    Person,
    QuoteConsent,
    Role,
    Session,
    SessionKind,
)
from sessions.signup import PASSED
from sessions.store import Store
from sessions.store.settings import EXPORT_FOLDER
from sessions.summary import (
    NOT_HAPPENED,
    build_summary,
    easy_time,
    long_date,
    split_sentences,
)
from tests.exports.docx_checks import (
    all_text,
    assert_accessible,
    body_texts,
    every_table,
    headings,
    is_layout_table,
    links,
    paragraph_text,
    pictures,
    run_size,
    table_rows,
)
from tests.exports.summary_examples import (
    ACCESS_NEEDS,
    ADDRESS,
    ANONYMOUS_QUOTE,
    ANONYMOUS_SPEAKER,
    CAME,
    DID_NOT_COME,
    DROPPED_ACTION,
    FOLLOW_UP,
    NAMED_QUOTE,
    NAMED_SPEAKER,
    ORGANISATION,
    OTHER_PROJECT_ACTION,
    PRIVATE_QUOTE,
    TITLE,
    Example,
    make_summary_session,
    name_people,
    set_contact,
    set_signup,
)

VENUE = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=VENUE)
"""After the example session (5 Nov) and before the project's next (10 Dec)."""
TITLE_PLAIN = f"You said, we will: {TITLE}"
TITLE_EASY = f"You said, we will: {TITLE} (Easy Read)"
NEVER = (
    ACCESS_NEEDS,
    FOLLOW_UP,
    PRIVATE_QUOTE,
    ANONYMOUS_SPEAKER,
    OTHER_PROJECT_ACTION,
    DROPPED_ACTION,
)
"""Words that must not be anywhere in either version."""


@pytest.fixture
def example(store: Store, tmp_path: Path) -> Example:
    made = make_summary_session(store)
    store.settings.set("organisation", ORGANISATION)
    store.settings.set(EXPORT_FOLDER, str(tmp_path / "exports"))
    set_contact(store)
    return made


def write(
    store: Store,
    example: Example,
    tmp_path: Path,
    *,
    easy_read: bool = False,
    now: dt.datetime = NOW,
) -> Document:
    name = summary_file_name(store, example.session.id or 0, easy_read=easy_read)
    path = write_summary(
        store, example.session.id or 0, tmp_path / name, easy_read=easy_read, now=now
    )
    assert path == tmp_path / name
    return docx.Document(str(path))


@pytest.fixture
def summary(store: Store, example: Example, tmp_path: Path) -> Document:
    set_signup(store)
    return write(store, example, tmp_path)


@pytest.fixture
def easy_read(store: Store, example: Example, tmp_path: Path) -> Document:
    set_signup(store)
    return write(store, example, tmp_path, easy_read=True)


def mentions(text: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", text) is not None


def sections(doc: Document) -> dict[str, list[str]]:
    """The words under each heading, up to the next heading (body paragraphs and the
    words of layout tables), keyed by the heading's words."""
    found: dict[str, list[str]] = {}
    current = ""
    body = doc.element.body
    for child in body:
        if child.tag == qn("w:p"):
            para = next(p for p in doc.paragraphs if p._p is child)
            name = para.style.name if para.style is not None else ""
            if name.startswith("Heading "):
                current = paragraph_text(para)
                found.setdefault(current, [])
            elif paragraph_text(para).strip():
                found.setdefault(current, []).append(paragraph_text(para))
        elif child.tag == qn("w:tbl"):
            texts = [
                "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in child.iter(qn("w:p"))
            ]
            found.setdefault(current, []).extend(t for t in texts if t.strip())
    return found


# --- accessible by construction ------------------------------------------------------


def test_the_summary_is_accessible(summary: Document) -> None:
    assert_accessible(summary, TITLE_PLAIN, organisation=ORGANISATION, never=NEVER)


def test_the_easy_read_summary_is_accessible_at_16pt(easy_read: Document) -> None:
    assert_accessible(easy_read, TITLE_EASY, organisation=ORGANISATION, base_pt=16, never=NEVER)
    assert easy_read.styles["Normal"].font.size == Pt(16)


def test_every_easy_read_run_is_16pt_or_more(easy_read: Document) -> None:
    checked = 0
    for table in every_table(easy_read):
        for cell in table._cells:
            for para in cell.paragraphs:
                for run in para.runs:
                    if run.text:
                        size = run_size(easy_read, para, run)
                        assert size is not None and size >= Pt(16), run.text
                        checked += 1
    assert checked > 30


def test_easy_read_puts_a_picture_on_the_left_and_words_on_the_right(
    easy_read: Document,
) -> None:
    tables = list(every_table(easy_read))
    assert len(tables) >= 15
    for table in tables:
        assert is_layout_table(table)
        assert len(table.columns) == 2 and len(table.rows) == 1
        left, right = table.rows[0].cells
        assert left._tc.find(".//" + qn("w:drawing")) is not None
        assert not left.text.strip()
        assert right.text.strip()
        assert right._tc.find(".//" + qn("w:drawing")) is None
    shown = pictures(easy_read)
    assert len(shown) == len(tables)
    for picture in shown:
        assert picture.description
        assert 25 <= picture.width_mm <= 40
    used = {p.description for p in shown}
    assert ALT_TEXT["meeting"] in used and ALT_TEXT["we-will"] in used
    assert ALT_TEXT["done"] in used  # an earlier action that was done


def test_easy_read_headings_are_real_headings(easy_read: Document) -> None:
    assert headings(easy_read)[:5] == [
        (1, TITLE_EASY),
        (2, "About the meeting"),
        (2, "Who came"),
        (2, "What you told us"),
        (3, "Welcome"),  # the agenda's words as a heading, never inside a sentence
    ]
    assert not [text for _, text in headings(easy_read) if "told us about" in text]
    assert (2, "What we will do") in headings(easy_read)
    assert (2, "How to contact us") in headings(easy_read)


def test_easy_read_fixed_sentences_are_short(easy_read: Document) -> None:
    """One idea a line, 15 words or fewer (the notes here are short too; the web
    address is one word)."""
    for table in every_table(easy_read):
        for para in table.rows[0].cells[1].paragraphs:
            for sentence in split_sentences(paragraph_text(para)):
                assert len(sentence.split()) <= 15, sentence


def test_easy_read_splits_notes_into_sentences_in_the_facilitators_words(
    easy_read: Document,
) -> None:
    told = sections(easy_read)["Welcome"]
    assert told[:3] == [
        "We heard:",
        "People want the leaflet in large print.",
        "It should be short.",
    ]
    # The name goes with its own quote, so it cannot be read as someone else's.
    assert told[3:] == ["We wrote down what people said:", f"{NAMED_SPEAKER} said: “{NAMED_QUOTE}”"]


def test_easy_read_spells_out_when_and_where(easy_read: Document) -> None:
    about = sections(easy_read)["About the meeting"]
    assert "It was on Thursday 5 November 2026." in about
    assert "It started at 10:30am." in about
    assert "It finished at 1pm." in about
    assert "It was at Mansfield Library." in about
    assert about[:4] == [
        "The meeting was called CIG: second meeting.",
        "It was about this:",
        "Plan the carers' leaflet.",
        "Decide who reads it first.",
    ]


# --- what it says ----------------------------------------------------------------------


def test_the_summary_says_what_when_where_and_why(summary: Document) -> None:
    about = sections(summary)["About the session"]
    assert about == [
        "When: Thu 5 Nov 2026, 10:30 to 13:00",
        "Where: Mansfield Library, Four Seasons Centre, Mansfield",
        "Kind of session: Task-and-finish group",
        "Project: Carers Implementation Group",
        "What it was for: Plan the carers' leaflet. Decide who reads it first.",
    ]


def test_who_took_part_is_counted_by_role_of_those_who_came(summary: Document) -> None:
    assert table_rows(summary, "Taking part as") == [
        ["Person with lived experience", "2"],
        ["Carer", "1"],
        ["Staff", "1"],
    ]
    assert "4 people took part." in body_texts(summary)


def test_names_are_left_out_unless_the_setting_says(store: Store, summary: Document) -> None:
    text = all_text(summary)
    for name in (*CAME, *DID_NOT_COME, "Fay Smith"):
        if name in (NAMED_SPEAKER, "Cath Jones"):
            continue  # named in their own quote, and as the owner of an action
        assert not mentions(text, name), name


@pytest.mark.parametrize("easy", [False, True])
def test_names_of_those_who_came_with_the_setting(
    store: Store, example: Example, tmp_path: Path, easy: bool
) -> None:
    name_people(store)
    doc = write(store, example, tmp_path, easy_read=easy)
    text = all_text(doc)
    if easy:  # a few names a line
        came = sections(doc)["Who came"]
        start = came.index("These people came:")
        assert came[start + 1 :] == ["Amira Khan, Bob Hughes and Cath Jones.", "Fi (Fay Smith)."]
    else:
        assert "Who came: Amira Khan, Bob Hughes, Cath Jones and Fi (Fay Smith)." in text
    for name in DID_NOT_COME:
        assert not mentions(text, name), name
    for words in NEVER:
        assert words not in text


@pytest.mark.parametrize("easy", [False, True])
def test_everyone_who_came_is_named_apart_and_the_names_add_up(
    store: Store, example: Example, tmp_path: Path, easy: bool
) -> None:
    """Two Gareths both called Gaz are both named, with their full names; someone
    erased is counted and not named ('1 other person')."""
    name_people(store)
    session_id = example.session.id or 0
    for name in ("Gareth Jones", "Gareth Lee"):
        gaz = store.people.save(Person(name=name, role=Role.CARER, preferred_name="Gaz"))
        store.attendance.record(session_id, gaz.id or 0, AttendanceStatus.ARRIVED)
    erased = store.people.save(Person(name="Erased person", role=Role.OTHER))
    store.attendance.record(session_id, erased.id or 0, AttendanceStatus.ARRIVED)
    content = build_summary(store, session_id, now=NOW)
    assert content.people_count == 7
    assert content.names == (
        "Amira Khan",
        "Bob Hughes",
        "Cath Jones",
        "Fi (Fay Smith)",
        "Gaz (Gareth Jones)",
        "Gaz (Gareth Lee)",
    )
    assert content.unnamed_count == 1
    doc = write(store, example, tmp_path, easy_read=easy)
    if easy:
        came = sections(doc)["Who came"]
        assert "7 people came to the meeting." in came
        start = came.index("These people came:")
        assert came[start + 1 :] == [
            "Amira Khan, Bob Hughes and Cath Jones.",
            "Fi (Fay Smith), Gaz (Gareth Jones) and Gaz (Gareth Lee).",
            "And 1 other person came.",
        ]
    else:
        assert "7 people took part." in body_texts(doc)
        assert (
            "Who came: Amira Khan, Bob Hughes, Cath Jones, Fi (Fay Smith), Gaz (Gareth Jones), "
            "Gaz (Gareth Lee) and 1 other person."
        ) in body_texts(doc)
    assert "Erased person" not in all_text(doc)


def test_quotes_follow_consent(summary: Document, easy_read: Document) -> None:
    for doc in (summary, easy_read):
        text = all_text(doc)
        assert PRIVATE_QUOTE not in text
        assert ANONYMOUS_QUOTE in text
        assert ANONYMOUS_SPEAKER not in text and "Bob" not in text
        assert NAMED_QUOTE in text and NAMED_SPEAKER in text
    assert f"{NAMED_SPEAKER} said: “{NAMED_QUOTE}”" in all_text(summary)
    assert f"“{ANONYMOUS_QUOTE}”" in all_text(summary)


def test_no_access_needs_or_follow_up_anywhere(
    store: Store, example: Example, tmp_path: Path
) -> None:
    name_people(store)
    set_signup(store)
    for easy in (False, True):
        doc = write(store, example, tmp_path, easy_read=easy)
        text = all_text(doc)
        assert ACCESS_NEEDS not in text and "wheelchair" not in text
        assert FOLLOW_UP not in text and "bus fare" not in text


def test_notes_are_grouped_under_item_and_group_headings(summary: Document) -> None:
    found = sections(summary)
    levels = headings(summary)
    start = levels.index((2, "What we heard: Welcome"))
    assert levels[start : start + 6] == [
        (2, "What we heard: Welcome"),
        (2, "What we heard: Talking in groups"),
        (3, "The whole room"),
        (3, "Red table"),
        (3, "Blue table"),
        (2, "Other things we heard"),
    ]
    assert found["What we heard: Welcome"] == [
        "People want the leaflet in large print. It should be short.",
        f"{NAMED_SPEAKER} said: “{NAMED_QUOTE}”",
    ]
    assert found["What we heard: Talking in groups"] == []
    assert found["The whole room"] == ["Question: Who pays for the printing?"]
    assert found["Red table"] == ["Idea: Ask the library to stock it."]
    assert found["Blue table"] == [f"“{ANONYMOUS_QUOTE}”"]
    assert found["Other things we heard"] == ["The room was too warm."]
    assert "What we heard: What next" not in found  # nothing was noted under it


def test_easy_read_groups_notes_the_same_way(easy_read: Document) -> None:
    """Each row says which group it was heard in (Heading 4 would be one level too many)."""
    assert sections(easy_read)["Talking in groups"] == [
        "When everyone talked together, you asked:",
        "Who pays for the printing?",
        "In the group called “Red table”, you had these ideas:",
        "Ask the library to stock it.",
        "In the group called “Blue table”, we wrote down what people said:",
        f"Someone said: “{ANONYMOUS_QUOTE}”",
    ]
    assert sections(easy_read)["Other things you told us"] == [
        "We heard:",
        "The room was too warm.",
    ]


def test_what_we_will_do_says_who_and_by_when(summary: Document, easy_read: Document) -> None:
    assert table_rows(summary, "What we will do") == [
        ["Draft the leaflet", "Cath Jones", "Fri 20 Nov 2026"],
        ["Book the library room", "Not decided yet", "No date set"],
    ]
    will = sections(easy_read)["What we will do"]
    assert will[:4] == [
        "We will do this:",
        "Draft the leaflet.",  # every sentence ends with a full stop
        "Cath Jones will do this.",
        "We will do it by Friday 20 November 2026.",
    ]


def test_earlier_actions_of_the_project_are_reported(
    summary: Document, easy_read: Document
) -> None:
    assert table_rows(summary, "We said we would") == [
        [
            "Find out who prints leaflets",
            "Thu 1 Oct 2026",
            "Done",
            "The council print room will do it for free.",
        ],
        [
            "Ask carers what to call it",
            "Thu 1 Oct 2026",
            "Being worked on",
            "Nothing to report yet",
        ],
        ["Find a second venue", "Thu 1 Oct 2026", "Not started yet", "Nothing to report yet"],
    ]
    text = all_text(summary) + all_text(easy_read)
    assert "Launch the leaflet" not in text  # a later session's action
    assert OTHER_PROJECT_ACTION not in text
    before = sections(easy_read)["What we did about what you told us before"]
    assert before[:5] == [
        "At the meeting on Thursday 1 October 2026 we said we would do this:",
        "Find out who prints leaflets.",
        "We have done this.",
        "This is what happened:",
        "The council print room will do it for free.",
    ]


def test_a_session_with_no_project_has_no_earlier_actions(
    store: Store, example: Example, tmp_path: Path
) -> None:
    session = example.session
    session.project_name = ""
    store.sessions.save(session)
    doc = write(store, example, tmp_path)
    assert "What we did about earlier actions" not in [text for _, text in headings(doc)]
    assert "The next session is" not in all_text(doc)


def test_next_steps_name_the_next_session(summary: Document) -> None:
    assert sections(summary)["Next steps and how to get involved"][0] == (
        "The next session is CIG: third meeting, on Thu 10 Dec 2026 from 14:00 to 16:00 "
        "at Sutton Community Hub."
    )


def test_contact_details_end_the_summary(summary: Document, easy_read: Document) -> None:
    assert sections(summary)["Contact us"] == [
        "Notts Co-production Team",
        "Email: coproduction@example.gov.uk",
        "Phone: 0115 000 0000",
    ]
    assert sections(easy_read)["How to contact us"][1:] == [
        "Notts Co-production Team",
        "Email: coproduction@example.gov.uk",
        "Phone: 0115 000 0000",
    ]


# --- the sign-up QR code --------------------------------------------------------------------


def qr_images(doc: Document) -> list[Image.Image]:
    """Every picture in the file that is a QR code (the Easy Read pictures are not)."""
    found = []
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/image"):
            image = Image.open(io.BytesIO(rel.target_part.blob))
            found.append(image)
    return found


@pytest.mark.parametrize("easy", [False, True])
def test_the_qr_code_reads_as_the_address_written_beside_it(
    store: Store, example: Example, tmp_path: Path, easy: bool
) -> None:
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp is in the test extras")
    set_signup(store)
    doc = write(store, example, tmp_path, easy_read=easy)
    decoded = [r.text for image in qr_images(doc) for r in zxingcpp.read_barcodes(image)]
    assert decoded == [ADDRESS]
    assert ADDRESS in all_text(doc)
    alt = [p.description for p in pictures(doc) if p.description.startswith("QR code")]
    assert alt == [f"QR code: opens the sign-up form at {ADDRESS}."]
    (link,) = links(doc)
    assert link.address == ADDRESS and link.external
    assert link.text == "Open the sign-up form on forms.example.gov.uk"


def test_sign_up_is_for_the_next_session_then_the_project_then_this_one(
    store: Store, example: Example
) -> None:
    set_signup(store)
    session_id = example.session.id or 0
    signup = build_summary(store, session_id, now=NOW).signup
    assert signup is not None and signup.address == ADDRESS
    store.sessions.delete(example.later.id or 0)
    signup = build_summary(store, session_id, now=NOW).signup
    assert signup is not None and signup.address.endswith("?group=CIG")
    session = store.sessions.get(session_id)
    session.project_name = ""
    store.sessions.save(session)
    during = dt.datetime(2026, 11, 5, 12, 0, tzinfo=VENUE)  # it ends at 13:00
    signup = build_summary(store, session_id, now=during).signup
    assert signup is not None and signup.address.endswith("?group=CSM-20261105")
    over = build_summary(store, session_id, now=NOW)
    assert over.signup is None  # never an invitation to a meeting that has passed
    assert over.signup_note == PASSED


def test_a_next_session_that_is_over_is_not_the_next_one(store: Store, example: Example) -> None:
    """Written late, after the project's later meeting too: no 'next session' in the
    past; the code is the project's."""
    set_signup(store)
    late = dt.datetime(2026, 12, 10, 17, 0, tzinfo=VENUE)  # the third meeting ended at 16:00
    content = build_summary(store, example.session.id or 0, now=late)
    assert content.next_session is None
    assert content.signup is not None and content.signup.address.endswith("?group=CIG")
    during = dt.datetime(2026, 12, 10, 15, 0, tzinfo=VENUE)  # not over yet: still the next
    content = build_summary(store, example.session.id or 0, now=during)
    assert content.next_session is not None and content.next_session.id == example.later.id


@pytest.mark.parametrize("easy", [False, True])
def test_a_past_session_with_no_project_has_no_code_and_says_why(
    store: Store, example: Example, tmp_path: Path, easy: bool
) -> None:
    set_signup(store)
    session = example.session
    session.project_name = ""
    store.sessions.save(session)
    told: list[str] = []
    path = write_summary(
        store, session.id or 0, tmp_path / "s.docx", easy_read=easy, now=NOW, told=told.append
    )
    doc = docx.Document(str(path))
    assert not [p for p in pictures(doc) if p.description.startswith("QR code")]
    assert "CSM-20261105" not in all_text(doc)
    assert told == [f"It has no sign-up QR code. {PASSED}"]


# --- a session that has not happened yet ------------------------------------------------


@pytest.mark.parametrize("easy", [False, True])
def test_a_session_still_to_come_is_not_summarised(
    store: Store, example: Example, tmp_path: Path, easy: bool
) -> None:
    before = dt.datetime(2026, 11, 5, 10, 29, tzinfo=VENUE)  # it starts at 10:30
    with pytest.raises(FacilitatorError) as refused:
        write_summary(
            store, example.session.id or 0, tmp_path / "s.docx", easy_read=easy, now=before
        )
    assert str(refused.value) == NOT_HAPPENED
    assert not (tmp_path / "s.docx").exists()
    started = dt.datetime(2026, 11, 5, 10, 30, tzinfo=VENUE)
    assert build_summary(store, example.session.id or 0, now=started).session.title == TITLE


def test_the_summary_says_what_the_code_signs_up_for(summary: Document) -> None:
    assert (
        "To sign up for the next session, scan this QR code with your phone's camera. "
        "It opens the sign-up form." in body_texts(summary)
    )


def test_the_qr_code_in_the_summary_is_big_enough_to_scan(summary: Document) -> None:
    (qr,) = [p for p in pictures(summary) if p.description.startswith("QR code")]
    assert qr.width_mm >= 35 and abs(qr.width_mm - qr.height_mm) < 0.1


def test_an_email_sign_up_links_to_the_email(
    store: Store, example: Example, tmp_path: Path
) -> None:
    store.settings.set(
        "signup_target",
        {"kind": "mailto", "email": "team@example.gov.uk", "subject": "Sign up: {title}"},
    )
    doc = write(store, example, tmp_path)
    (link,) = links(doc)
    assert link.address.startswith("mailto:team@example.gov.uk?subject=Sign%20up")
    assert link.text == "Email team@example.gov.uk to sign up"
    assert "Or use this address: Email team@example.gov.uk with the subject" in all_text(doc)


def test_a_text_message_sign_up_is_written_out_with_no_link(
    store: Store, example: Example, tmp_path: Path
) -> None:
    store.settings.set("signup_target", {"kind": "sms", "number": "07700 900123", "text": "Hi"})
    doc = write(store, example, tmp_path)
    assert links(doc) == []
    assert "Text 07700 900123" in all_text(doc)
    assert [p for p in pictures(doc) if p.description.startswith("QR code")]


@pytest.mark.parametrize("easy", [False, True])
def test_with_no_sign_up_target_it_says_to_get_in_touch(
    store: Store, example: Example, tmp_path: Path, easy: bool
) -> None:
    doc = write(store, example, tmp_path, easy_read=easy)
    assert not [p for p in pictures(doc) if p.description.startswith("QR code")]
    assert links(doc) == []
    text = all_text(doc)
    if easy:
        assert "Please get in touch with us." in text
    else:
        assert "contact us using the details below" in text
    assert "coproduction@example.gov.uk" in text


# --- pictures a facilitator adds ------------------------------------------------------------


def test_a_facilitators_own_picture_replaces_the_shipped_one(
    store: Store, example: Example, tmp_path: Path
) -> None:
    own = tmp_path / "exports" / OWN_FOLDER
    own.mkdir(parents=True)
    buffer = io.BytesIO()
    Image.new("RGB", (120, 120), (10, 20, 30)).save(buffer, format="PNG")
    (own / "meeting.png").write_bytes(buffer.getvalue())
    (own / "people.png").write_text("not a picture")
    doc = write(store, example, tmp_path, easy_read=True)
    blobs = [r.target_part.blob for r in doc.part.rels.values() if r.reltype.endswith("/image")]
    assert buffer.getvalue() in blobs
    shipped_people = (Path(__file__).parents[2] / "exports/pictures/people.png").read_bytes()
    assert shipped_people in blobs
    meeting = [p for p in pictures(doc) if p.description == ALT_TEXT["meeting"]]
    assert len(meeting) == 1


def test_each_picture_is_stored_once(easy_read: Document) -> None:
    blobs = [
        r.target_part.blob for r in easy_read.part.rels.values() if r.reltype.endswith("/image")
    ]
    assert len(blobs) == len(set(blobs))
    assert len(pictures(easy_read)) > len(blobs)


# --- writing ---------------------------------------------------------------------------------


def test_the_file_name_says_what_and_when(store: Store, example: Example) -> None:
    session_id = example.session.id or 0
    assert summary_file_name(store, session_id) == "summary-2026-11-05-CIG-second-meeting.docx"
    assert (
        summary_file_name(store, session_id, easy_read=True)
        == "easy-read-summary-2026-11-05-CIG-second-meeting.docx"
    )


@pytest.mark.parametrize("easy", [False, True])
def test_a_failed_write_leaves_no_part_of_a_file(
    store: Store, example: Example, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, easy: bool
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "summary.docx"
    path.write_bytes(b"the summary written last week")

    def disk_full(_: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", disk_full)
    with pytest.raises(ExportError, match="The disk is full"):
        write_summary(store, example.session.id or 0, path, easy_read=easy, now=NOW)
    assert [p.name for p in out.iterdir()] == ["summary.docx"]
    assert path.read_bytes() == b"the summary written last week"


def test_a_session_deleted_meanwhile_is_said_in_words(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        write_summary(store, 999, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("easy", [False, True])
def test_control_characters_pasted_into_a_note_are_dropped(
    store: Store, example: Example, tmp_path: Path, easy: bool
) -> None:
    store.notes.save(
        Note(session_id=example.session.id or 0, text="A bell\x07 rang.\x00", kind=NoteKind.HEARD)
    )
    doc = write(store, example, tmp_path, easy_read=easy)
    assert "A bell rang." in all_text(doc)


def test_progress_is_told_in_words(store: Store, example: Example, tmp_path: Path) -> None:
    said: list[str] = []
    write_summary(
        store, example.session.id or 0, tmp_path / "s.docx", now=NOW, progress=said.append
    )
    assert said[0] == "Counting who took part" and said[-1] == "Saving the file"


def test_a_session_with_nothing_noted_still_reads_well(store: Store, tmp_path: Path) -> None:
    empty = store.sessions.save(
        Session(
            title="Nobody came",
            kind=SessionKind.OVER_A_BREW,
            date=dt.date(2026, 11, 30),
            start=dt.time(10),
            end=dt.time(11),
        )
    )
    after = dt.datetime(2026, 11, 30, 12, 0, tzinfo=VENUE)
    for easy in (False, True):
        path = write_summary(
            store, empty.id or 0, tmp_path / f"e{easy}.docx", easy_read=easy, now=after
        )
        doc = docx.Document(str(path))
        title = "You said, we will: Nobody came" + (" (Easy Read)" if easy else "")
        assert_accessible(doc, title, base_pt=16 if easy else 12)
        text = all_text(doc)
        assert ("We did not write down who came." if easy else "No one was recorded") in text


# --- reading the store --------------------------------------------------------------------------


def statements(store: Store, session_id: int) -> int:
    count = itertools.count()
    connection: sqlite3.Connection = store.db.conn
    connection.set_trace_callback(lambda _: next(count))
    try:
        build_summary(store, session_id, now=NOW)
    finally:
        connection.set_trace_callback(None)
    return next(count)


def test_reading_a_summary_takes_the_same_queries_for_many_notes(
    store: Store, example: Example
) -> None:
    """No query per note, person or group: issue 8 times 500 notes and 300 people."""
    name_people(store)
    session_id = example.session.id or 0
    before = statements(store, session_id)
    item = example.items["What next"].id
    for number in range(60):
        store.notes.save(
            Note(
                session_id=session_id,
                agenda_item_id=item,
                kind=NoteKind.QUOTE,
                consent=QuoteConsent.NAMED,
                speaker=f"Speaker {number}",
                text=f"Thing {number}.",
            )
        )
    assert statements(store, session_id) == before


# --- Easy Read wording -----------------------------------------------------------------


def easy_lines(doc: Document) -> list[str]:
    """Every line of words beside the pictures, in order."""
    return [
        paragraph_text(para)
        for table in every_table(doc)
        for para in table.rows[0].cells[1].paragraphs
        if paragraph_text(para).strip()
    ]


def test_easy_read_explains_lived_experience_once(easy_read: Document) -> None:
    lines = easy_lines(easy_read)
    explained = "People with lived experience are people who use care and support."
    assert lines.count(explained) == 1
    assert lines.index(explained) > lines.index("2 people with lived experience came.")


def test_every_easy_read_sentence_ends_with_a_full_stop(easy_read: Document) -> None:
    """Or a question mark, or a colon before what it introduces; the sign-up address,
    the link and the contact details are not sentences."""
    skipped = {"https://", "coproduction@", "Notts Co-production Team", "Email:", "Phone:"}
    skipped.add("Open the sign-up form")
    for line in easy_lines(easy_read):
        if any(line.startswith(start) for start in skipped):
            continue
        assert line.rstrip("”’")[-1] in ".?!:", line


def test_easy_read_quotes_carry_their_own_names(
    store: Store, example: Example, tmp_path: Path
) -> None:
    """A named quote then an anonymous one: each line says who, so the second cannot
    be read as the first speaker's."""
    item = example.items["What next"].id
    for text, consent, speaker in (
        ("I felt like a number", QuoteConsent.NAMED, "Maureen"),
        ("The same carer helps", QuoteConsent.ANONYMOUS, "Dev Patel"),
    ):
        store.notes.save(
            Note(
                session_id=example.session.id or 0,
                agenda_item_id=item,
                kind=NoteKind.QUOTE,
                consent=consent,
                speaker=speaker,
                text=text,
            )
        )
    doc = write(store, example, tmp_path, easy_read=True)
    assert sections(doc)["What next"] == [
        "We wrote down what people said:",
        "Maureen said: “I felt like a number.”",
        "Someone said: “The same carer helps.”",
    ]
    assert "said this." not in all_text(doc)


def test_easy_read_says_who_will_do_it_as_people_say_it(
    store: Store, example: Example, tmp_path: Path
) -> None:
    from sessions.models import Action

    store.actions.save(
        Action(
            session_id=example.session.id or 0,
            what="Rewrite the letter",
            owner="Finance policy officer",
        )
    )
    will = sections(write(store, example, tmp_path, easy_read=True))["What we will do"]
    assert "Rewrite the letter." in will
    assert "The finance policy officer will do this." in will


def test_owner_sentences() -> None:
    assert owner_sentence("Cath Jones") == "Cath Jones will do this."
    assert owner_sentence("Finance policy officer") == "The finance policy officer will do this."
    assert owner_sentence("Head of customer services") == (
        "The head of customer services will do this."
    )
    assert owner_sentence("NHS liaison lead") == "The NHS liaison lead will do this."
    assert owner_sentence("Cath and Dev") == "Cath and Dev will do this."
    assert owner_sentence("The council") == "The council will do this."
    assert owner_sentence("Amira") == "Amira will do this."


def test_full_stops() -> None:
    assert full_stop("Draft the leaflet") == "Draft the leaflet."
    assert full_stop("Who pays?") == "Who pays?"
    assert full_stop("It was about this:") == "It was about this:"
    assert full_stop("“Yes”") == "“Yes.”"
    assert full_stop("“Yes.”") == "“Yes.”"
    assert full_stop("(see the list)") == "(see the list)."


def test_easy_read_sign_up_says_type_this_web_address(easy_read: Document) -> None:
    lines = easy_lines(easy_read)
    at = lines.index("Or type this web address:")
    assert lines[at + 1] == ADDRESS
    assert "Or use this:" not in lines


def test_easy_read_email_sign_up_in_steps(store: Store, example: Example, tmp_path: Path) -> None:
    store.settings.set(
        "signup_target",
        {"kind": "mailto", "email": "team@example.gov.uk", "subject": "Sign up: {title}"},
    )
    lines = easy_lines(write(store, example, tmp_path, easy_read=True))
    at = lines.index("Or send an email to this address:")
    assert lines[at + 1 : at + 4] == [
        "team@example.gov.uk",
        "Write this as the subject:",
        "Sign up: CIG: third meeting",
    ]


def test_easy_read_lines_the_app_writes_are_15_words_or_fewer(
    store: Store, example: Example, tmp_path: Path
) -> None:
    """With names on, twenty people, and everything else: the app's own sentences stay
    short (notes are the facilitator's words, and kept short in this example)."""
    name_people(store)
    session_id = example.session.id or 0
    for number in range(20):
        person = store.people.save(
            Person(
                name=f"Person {number} Surname",
                role=Role.LIVED_EXPERIENCE,
                preferred_name=f"Pat {number}",
            )
        )
        store.attendance.record(session_id, person.id or 0, AttendanceStatus.ARRIVED)
    for line in easy_lines(write(store, example, tmp_path, easy_read=True)):
        if line.startswith("https://"):
            continue
        assert len(line.split()) <= 15, line


# --- words ------------------------------------------------------------------------------------


def test_sentences_are_split_where_they_end_and_never_reworded() -> None:
    assert split_sentences("People want it short. Large print!  Who pays?\nNext line") == [
        "People want it short.",
        "Large print!",
        "Who pays?",
        "Next line",
    ]
    assert split_sentences("Mr. Patel came. e.g. this one. “Yes.” Then 3 more.") == [
        "Mr. Patel came. e.g. this one.",
        "“Yes.”",
        "Then 3 more.",
    ]
    assert split_sentences("   ") == []


def test_easy_read_times_and_dates() -> None:
    assert [easy_time(dt.time(h, m)) for h, m in ((10, 0), (10, 30), (12, 0), (13, 5), (0, 0))] == [
        "10am",
        "10:30am",
        "12 noon",
        "1:05pm",
        "12am",
    ]
    assert long_date(dt.date(2026, 12, 3)) == "Thursday 3 December 2026"


# --- LibreOffice ---------------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed here")
def test_both_versions_open_in_libreoffice(store: Store, example: Example, tmp_path: Path) -> None:
    set_signup(store)
    name_people(store)
    written = [
        write_summary(
            store, example.session.id or 0, tmp_path / f"{stem}.docx", easy_read=easy, now=NOW
        )
        for stem, easy in (("summary", False), ("easy-read", True))
    ]
    out = tmp_path / "pdf"
    result = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--infilter=MS Word 2007 XML",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, written),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    for path in written:
        pdf = out / f"{path.stem}.pdf"
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), result.stderr
