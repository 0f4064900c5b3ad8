"""Sign-ups coming back: awkward CSV files from real form tools, read, matched and booked.

The files are written here byte for byte as form tools and spreadsheets write them:
Google Forms (UTF-8, no byte order mark, CRLF), Excel's "CSV UTF-8" (with one), Excel's
plain CSV (Windows text, semicolons in much of Europe), tabs, blank rows, quoted
commas and line breaks.
"""

from __future__ import annotations

import codecs
import datetime as dt
import sqlite3

import pytest

from sessions.errors import ValidationError
from sessions.models import AttendanceStatus, Need, Person, Role, Session, SessionKind
from sessions.signups import (
    ImportFailed,
    Mapping,
    Outcome,
    SignupFileError,
    apply_import,
    column_for,
    consent_from_text,
    guess_mapping,
    mapping_with,
    needs_from_text,
    plan_import,
    read_signups,
    read_signups_text,
    role_from_text,
    surname_first,
    tidy_phone,
)
from sessions.store import Store
from sessions.validation import phone_digits
from support import TODAY

GOOGLE_HEADER = (
    "Timestamp,Full name,Email address,Phone number,I am a...,"
    "Anything we should know?,Can we email you about future sessions?"
)


def crlf(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def make_session(store: Store, title: str = "Carers Implementation Group") -> int:
    session = store.sessions.save(
        Session(
            title,
            SessionKind.TASK_AND_FINISH,
            TODAY + dt.timedelta(days=10),
            dt.time(10, 0),
            dt.time(12, 0),
            venue="Newark Carers' Centre",
        )
    )
    assert session.id is not None
    return session.id


def add(store: Store, name: str, **details: object) -> int:
    person = store.people.save(Person(name=name, role=details.pop("role", Role.CARER), **details))  # type: ignore[arg-type]
    assert person.id is not None
    return person.id


def plan_file(store: Store, session_id: int, data: bytes, **choices: str):  # type: ignore[no-untyped-def]
    sheet = read_signups(data)
    mapping = mapping_with(
        sheet, [f"{k}={v}" for k, v in choices.items()], guess_mapping(sheet.headers)
    )
    return plan_import(store, session_id, sheet.rows, mapping)


def outcomes(plan) -> dict[str, tuple[Outcome, str]]:  # type: ignore[no-untyped-def]
    return {row.name: (row.outcome, row.reason) for row in plan.rows}


def booked(store: Store, session_id: int) -> set[str]:
    ids = [a.person_id for a in store.attendance.for_session(session_id)]
    return {p.name for p in store.people.many(ids)}


# --- reading the file ----------------------------------------------------------


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8], ids=["no BOM", "BOM"])
def test_a_google_forms_export_reads_with_or_without_a_byte_order_mark(bom: bytes) -> None:
    data = bom + crlf(
        GOOGLE_HEADER,
        '2026/11/01 10:02:11,"Khan, Farah",farah@example.org,07700 900123,Carer,'
        '"Hearing loop, please.\r\nAnd a seat near the door.",Yes',
        "2026/11/02 09:15:40,Zoë Ashworth,zoe@example.org,,I use services,,No",
    )
    sheet = read_signups(data)
    assert sheet.headers[1] == "Full name"  # no "\ufeff" stuck to the first heading
    assert sheet.headers[0] == "Timestamp"
    assert [row.number for row in sheet.rows] == [2, 3]
    first, second = sheet.rows
    assert first.values[1] == "Khan, Farah"
    assert first.values[5] == "Hearing loop, please.\nAnd a seat near the door."
    assert second.values[1] == "Zoë Ashworth"
    assert sheet.delimiter == ","
    assert sheet.encoding == ("UTF-8 with a byte order mark" if bom else "UTF-8")
    assert sheet.notes == ()


def test_semicolons_from_excel_in_much_of_europe_and_windows_text() -> None:
    data = (
        "Nom complet;E-mail;Mobile;Role;Access needs, if any\r\n"
        "José Núñez;jose@example.org;07700 900222;Carer;Step-free, please\r\n"
    ).encode("cp1252")
    sheet = read_signups(data)
    assert sheet.delimiter == ";"
    assert sheet.rows[0].values == (
        "José Núñez",
        "jose@example.org",
        "07700 900222",
        "Carer",
        "Step-free, please",
    )
    assert sheet.encoding == "Windows text (cp1252)"
    assert "not in UTF-8" in sheet.notes[0]
    assert "columns separated by semicolons" in sheet.described


def test_excels_sep_line_and_tab_separated_text() -> None:
    hinted = read_signups(b"sep=;\r\nName;Email\r\nAmara Obi;amara@example.org\r\n")
    assert hinted.headers == ("Name", "Email")
    assert hinted.rows[0].number == 2  # Excel hides the sep= line
    tabbed = read_signups("Name\tEmail address\nAmara Obi\tamara@example.org\n".encode("utf-16"))
    assert tabbed.delimiter == "\t"
    assert tabbed.encoding == "UTF-16"
    assert tabbed.rows[0].values == ("Amara Obi", "amara@example.org")


def test_blank_rows_are_ignored_but_row_numbers_stay_as_the_spreadsheet_shows_them() -> None:
    sheet = read_signups_text(
        "\n\nName,Email\n\n ,  , \nAmara Obi ,  amara@example.org\n,,\n\nBen  Hart,\n"
    )
    assert sheet.headers == ("Name", "Email")
    assert [(row.number, row.values) for row in sheet.rows] == [
        (6, ("Amara Obi", "amara@example.org")),
        (9, ("Ben Hart", "")),
    ]


def test_short_and_long_rows_and_empty_headings() -> None:
    sheet = read_signups_text("Name,,Email\nAmara Obi\nBen Hart,x,ben@example.org,extra,more\n")
    assert sheet.column_name(1) == "Column 2"
    assert sheet.rows[0].get(2) == ""
    assert sheet.rows[1].get(2) == "ben@example.org"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\r\n \r\n,,\r\n", "empty"),
        (b"PK\x03\x04\x14\x00\x06\x00", "save it as CSV"),
        (b"\x00\x01\x02binary", "not a text file"),
    ],
)
def test_files_that_are_not_sign_ups_say_why_in_words(data: bytes, words: str) -> None:
    with pytest.raises(SignupFileError, match=words):
        read_signups(data)


def test_a_missing_file_or_a_folder_says_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sessions.signups import load_signups

    with pytest.raises(SignupFileError, match="There is no file"):
        load_signups(tmp_path / "nope.csv")
    with pytest.raises(SignupFileError, match="is a folder"):
        load_signups(tmp_path)


# --- which column is which -------------------------------------------------------


def test_google_forms_headings_are_guessed() -> None:
    mapping = guess_mapping(GOOGLE_HEADER.split(","))
    assert mapping == Mapping(name=1, email=2, phone=3, role=4, access_needs=5, consent=6)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Name", "E-mail", "Mobile", "Role"], Mapping(name=0, email=1, phone=2, role=3)),
        (
            ["Your name", "Email Address", "Telephone", "Access needs"],
            Mapping(name=0, email=1, phone=2, access_needs=3),
        ),
        (
            ["First Name", "Surname", "Email", "Mobile number", "Which best describes you?"],
            Mapping(name=0, surname=1, email=2, phone=3, role=4),
        ),
        (
            ["Organisation name", "Contact name", "Emergency contact phone", "Telephone number"],
            Mapping(name=1, phone=3),
        ),
        (
            ["ID", "Start time", "Name of your organisation", "Full Name", "E-MAIL ADDRESS"],
            Mapping(name=3, email=4),
        ),
        (["NAME", "PHONE NUMBER", "I AM A..."], Mapping(name=0, phone=1, role=2)),
        (["Timestamp", "Score"], Mapping()),
    ],
)
def test_headings_from_other_form_tools(headers: list[str], expected: Mapping) -> None:
    assert guess_mapping(headers) == expected


def test_columns_chosen_by_heading_number_or_letter() -> None:
    sheet = read_signups_text("Who,Contact email,Tel\nAmara Obi,a@example.org,07700 900123\n")
    assert column_for(sheet, "contact  EMAIL") == 1
    assert column_for(sheet, "3") == 2
    assert column_for(sheet, "a") == 0
    assert column_for(sheet, "none") is None
    mapping = mapping_with(
        sheet, ["name=Who", "email=Contact email", "Access needs=none"], Mapping(access_needs=2)
    )
    assert mapping == Mapping(name=0, email=1)
    with pytest.raises(SignupFileError, match=r"no column “Postcode”.*“Who”, “Contact email”"):
        column_for(sheet, "Postcode")
    with pytest.raises(SignupFileError, match="field=COLUMN"):
        mapping_with(sheet, ["nickname=Who"], Mapping())
    with pytest.raises(SignupFileError, match="field=COLUMN"):
        mapping_with(sheet, ["Who"], Mapping())


# --- one answer in words -----------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "role"),
    [
        ("Person with lived experience", Role.LIVED_EXPERIENCE),
        ("lived_experience", Role.LIVED_EXPERIENCE),
        ("I have lived experience of mental health services", Role.LIVED_EXPERIENCE),
        ("I use services", Role.LIVED_EXPERIENCE),
        ("Someone who draws on care and support", Role.LIVED_EXPERIENCE),
        ("Carer", Role.CARER),
        ("An unpaid carer for my mum", Role.CARER),
        ("I look after my dad", Role.CARER),
        ("Staff", Role.STAFF),
        ("I work for the council", Role.STAFF),
        ("Commissioner", Role.COMMISSIONER),
        ("Staff at a care provider", Role.PROVIDER),
        ("Home care provider", Role.PROVIDER),
        ("Voluntary or community sector", Role.COMMUNITY_SECTOR),
        ("I work for a local charity", Role.COMMUNITY_SECTOR),
        ("Other", Role.OTHER),
    ],
)
def test_roles_from_the_words_people_choose(answer: str, role: Role) -> None:
    assert role_from_text(answer) == (role, "")


def test_an_unknown_or_missing_role_is_other_with_a_note() -> None:
    assert role_from_text("Interested resident") == (
        Role.OTHER,
        "The role “Interested resident” was not recognised, so added as Other.",
    )
    assert role_from_text("  ")[0] is Role.OTHER
    role, note = role_from_text("Carer, and I work for the council")
    assert role is Role.CARER
    assert "also mentions staff" in note


@pytest.mark.parametrize(
    ("answer", "consent"),
    [
        ("Yes", True),
        ("yes please", True),
        ("I agree", True),
        ("TRUE", True),
        ("✓", True),
        ("No", False),
        ("No thank you.", False),
        ("I do not agree", False),
        ("", None),
        ("Maybe", None),
    ],
)
def test_consent_answers(answer: str, consent: bool | None) -> None:
    assert consent_from_text(answer) is consent


def test_phones_written_differently_have_the_same_digits() -> None:
    assert phone_digits("07700 900123") == phone_digits("+44 7700 900123") == "07700900123"
    assert phone_digits("+44 (0)7700 900123") == "07700900123"
    assert tidy_phone("7700900123") == "07700900123"  # Excel dropped the 0
    assert tidy_phone("7700 900123") == "07700 900123"
    assert tidy_phone("1623 456789") == "01623 456789"
    assert tidy_phone("+44 7700 900123") == "+44 7700 900123"


# --- the plan ------------------------------------------------------------------------


def test_new_people_are_planned_and_nothing_is_written(store: Store) -> None:
    session_id = make_session(store)
    data = crlf(
        GOOGLE_HEADER,
        '1,"Khan, Farah",farah@example.org,07700 900123,Carer,"Hearing loop, please",Yes',
        "2,Zoë Ashworth,,,I use services,None,",
    )
    plan = plan_file(store, session_id, data)
    assert [row.outcome for row in plan.rows] == [Outcome.ADD, Outcome.ADD]
    assert plan.rows[0].line == (
        "Row 2, Farah Khan: new (carer), will be added to the people bank and booked. "
        "The name “Khan, Farah” was read as Farah Khan (surname first). "
        "Access needs recorded. Agreed to be contacted."
    )
    assert plan.rows[1].line == (
        "Row 3, Zoë Ashworth: new (person with lived experience), will be added to the "
        "people bank and booked."
    )
    assert plan.summary == "2 to add to the people bank, 0 already in it, 0 rows to skip."
    assert store.people.count() == 0
    assert store.attendance.for_session(session_id) == []


def test_rows_that_cannot_be_imported_are_skipped_with_reasons(store: Store) -> None:
    session_id = make_session(store)
    data = crlf(
        "Name,Email,Phone",
        ",nobody@example.org,",
        "Amara Obi,amara@,",
        "Ben Hart,ben@example.org,",
        "Ben Hart,BEN@example.org,",  # the form sent twice
        "Carys Evans,,07700 900333",
        "Carys  evans,,+44 7700 900333",
        "Dev Patel,,+1 555 0100",
    )
    plan = plan_file(store, session_id, data)
    lines = plan.lines
    assert lines[0] == "Row 2, no name: skipped: no name."
    # An email that is not one is left out, like a bad phone number: the row is kept.
    assert lines[1] == (
        "Row 3, Amara Obi: new (other), will be added to the people bank and booked. "
        "The email “amara@” is not an email address, so it was left out."
    )
    assert lines[2].startswith("Row 4, Ben Hart: new (other)")
    assert lines[3] == "Row 5, Ben Hart: skipped: the same person as row 4 (signed up twice)."
    assert lines[5] == "Row 7, Carys evans: skipped: the same person as row 6 (signed up twice)."
    assert plan.rows[6].outcome is Outcome.ADD
    assert "“+1 555 0100” is not a UK number, so it was left out" in lines[6]
    assert plan.summary == "4 to add to the people bank, 0 already in it, 3 rows to skip."


def test_people_in_the_bank_are_matched_by_email_phone_then_name(store: Store) -> None:
    session_id = make_session(store)
    farah = add(store, "Farah Khan", email="Farah.Khan@Example.org")
    tom = add(store, "Tom Jones", phone="+44 7700 900123")
    gwen = add(store, "Gwen Morris")
    data = crlf(
        "Name,Email,Phone",
        "Farah Khan,farah.khan@example.org,",  # email in another case
        "Tom Jones,,07700 900123",  # phone written another way
        "gwen morris,,",  # name in another case
    )
    plan = plan_file(store, session_id, data)
    assert [(r.outcome, r.person_id, r.matched_by) for r in plan.rows] == [
        (Outcome.MATCH, farah, "email address"),
        (Outcome.MATCH, tom, "phone number"),
        (Outcome.MATCH, gwen, "name"),
    ]
    assert plan.rows[0].line == (
        "Row 2, Farah Khan: in the people bank already (same email address), will be booked."
    )
    assert plan.rows[2].notes == ()


def test_a_name_shared_by_two_people_is_ambiguous_and_skipped(store: Store) -> None:
    session_id = make_session(store)
    add(store, "Sam Lee", role=Role.STAFF)
    add(store, "Sam Lee", role=Role.CARER)
    plan = plan_file(store, session_id, crlf("Name", "Sam Lee"))
    assert plan.rows[0].outcome is Outcome.SKIP
    assert plan.rows[0].reason == (
        "skipped: 2 people in the people bank are called Sam Lee. Book the right one by "
        "hand, or add an email address or phone number to the file."
    )


def test_the_same_name_with_other_contact_details_is_a_different_person(store: Store) -> None:
    session_id = make_session(store)
    add(store, "John Smith", email="john.smith@example.org")
    plan = plan_file(store, session_id, crlf("Name,Email", "John Smith,jsmith@example.net"))
    row = plan.rows[0]
    assert row.outcome is Outcome.ADD
    assert "with other contact details is in the people bank" in row.line


def test_a_shared_family_email_with_another_first_name_is_not_a_match(store: Store) -> None:
    session_id = make_session(store)
    add(store, "Sam Jones", email="jones.family@example.org", role=Role.LIVED_EXPERIENCE)
    plan = plan_file(
        store,
        session_id,
        crlf(
            "Name,Email",
            "Pat Jones,jones.family@example.org",
            "Samantha Jones,jones.family@example.org",
        ),
    )
    assert plan.rows[0].outcome is Outcome.SKIP
    assert "belongs to Sam Jones, not this name" in plan.rows[0].reason
    assert plan.rows[1].outcome is Outcome.MATCH  # "Sam" is short for Samantha
    assert plan.rows[1].notes == ("In the people bank as Sam Jones.",)


def test_someone_already_on_the_session_is_skipped(store: Store) -> None:
    session_id = make_session(store)
    farah = add(store, "Farah Khan", email="farah@example.org")
    amara = add(store, "Amara Obi")
    store.attendance.record(session_id, farah, AttendanceStatus.BOOKED)
    store.attendance.record(session_id, amara, AttendanceStatus.APOLOGIES)
    plan = plan_file(
        store, session_id, crlf("Name,Email", "Farah Khan,FARAH@example.org", "Amara Obi,")
    )
    assert plan.lines == [
        "Row 2, Farah Khan: skipped: already on this session (booked).",
        "Row 3, Amara Obi: skipped: already on this session (sent apologies).",
    ]


def test_no_column_for_the_name_is_refused(store: Store) -> None:
    session_id = make_session(store)
    sheet = read_signups_text("Email\na@example.org\n")
    with pytest.raises(SignupFileError, match="No column is chosen for people's names"):
        plan_import(store, session_id, sheet.rows, guess_mapping(sheet.headers))


def test_the_plan_notes_say_what_is_assumed_about_consent_and_role(store: Store) -> None:
    session_id = make_session(store)
    plan = plan_file(store, session_id, crlf("Name", "Amara Obi"))
    assert "added without consent to be contacted" in plan.notes[0]
    assert "added as Other" in plan.notes[1]


# --- doing it --------------------------------------------------------------------------


def test_applying_adds_matches_and_books_and_reports_without_access_needs(store: Store) -> None:
    session_id = make_session(store)
    farah = add(store, "Farah Khan", email="farah@example.org", access_needs="Uses a wheelchair.")
    data = crlf(
        GOOGLE_HEADER,
        "1,Farah Khan,farah@example.org,07700 900123,Carer,Hearing loop,Yes",
        "2,Zoë Ashworth,zoe@example.org,7700900456,I use services,Large print papers,Yes",
        "3,Ben Hart,,,Staff,,",
        "4,,,,,,",
        "5,,nobody@example.org,,,Needs a quiet room,",
    )
    plan = plan_file(store, session_id, data)
    report = apply_import(store, plan)
    assert (report.added, report.matched, report.skipped) == (2, 1, 2)
    assert report.summary == (
        "Booked 3 people onto Carers Implementation Group: 2 added to the people bank, "
        "1 already in it. 2 rows skipped."
    )
    assert booked(store, session_id) == {"Farah Khan", "Zoë Ashworth", "Ben Hart"}
    assert report.lines[0] == (
        "Row 2, Farah Khan: in the people bank already (same email address), booked. "
        "Phone number added. Access needs recorded. Agreed to be contacted."
    )
    assert report.lines[-1] == "Row 6, no name: skipped: no name."
    everything = "\n".join([*report.lines, *report.notes, report.summary, *plan.lines])
    for private in ("Hearing loop", "Large print", "quiet room", "wheelchair"):
        assert private not in everything
    matched = store.people.get(farah)
    assert matched.phone == "07700 900123"
    assert matched.access_needs == "Uses a wheelchair.\nFrom a sign-up form: Hearing loop"
    assert matched.contact_consent is True
    assert matched.role is Role.CARER
    zoe = next(p for p in store.people.all() if p.name == "Zoë Ashworth")
    assert (zoe.role, zoe.phone, zoe.access_needs, zoe.contact_consent) == (
        Role.LIVED_EXPERIENCE,
        "07700900456",
        "Large print papers",
        True,
    )
    ben = next(p for p in store.people.all() if p.name == "Ben Hart")
    assert ben.contact_consent is False  # the form did not say: left unset
    attendance = store.attendance.get(session_id, farah)
    assert attendance is not None
    assert attendance.status is AttendanceStatus.BOOKED
    assert attendance.booked_at is not None


def test_a_bad_email_with_a_good_phone_keeps_the_row_and_matches_by_phone(
    store: Store,
) -> None:
    session_id = make_session(store)
    jose = add(store, "José Silva", phone="07700 900777")
    data = crlf("Name,Email,Phone", "José Silva,jose at example,07700 900777")
    report = apply_import(store, plan_file(store, session_id, data))
    assert (report.added, report.matched, report.skipped) == (0, 1, 0)
    assert report.lines[0] == (
        "Row 2, José Silva: in the people bank already (same phone number), booked. "
        "The email “jose at example” is not an email address, so it was left out."
    )
    assert store.people.get(jose).email == ""


def test_a_matched_persons_other_email_and_phone_are_reported_not_dropped(
    store: Store,
) -> None:
    """Winston is matched by phone; the form's new email is not silently lost."""
    session_id = make_session(store)
    winston = add(store, "Winston Okafor", email="w.okafor@example.org", phone="07700 900555")
    sally = add(store, "Sally Brown", email="sally@example.org", phone="07700 900111")
    data = crlf(
        "Name,Email,Phone",
        "Winston Okafor,winston.new@example.org,07700 900555",
        "Sally Brown,sally@example.org,07700 900999",
    )
    plan = plan_file(store, session_id, data)
    assert plan.rows[0].notes == (
        "Email on file will be kept; the form gave winston.new@example.org.",
    )
    report = apply_import(store, plan)
    assert report.lines == (
        "Row 2, Winston Okafor: in the people bank already (same phone number), booked. "
        "Email on file kept; the form gave winston.new@example.org.",
        "Row 3, Sally Brown: in the people bank already (same email address), booked. "
        "Phone number on file kept; the form gave 07700 900999.",
    )
    assert store.people.get(winston).email == "w.okafor@example.org"
    assert store.people.get(sally).phone == "07700 900111"


def test_access_needs_that_say_what_a_room_needs_set_the_needs(store: Store) -> None:
    session_id = make_session(store)
    farah = add(store, "Farah Khan", email="farah@example.org", needs=frozenset({Need.STEP_FREE}))
    data = crlf(
        "Name,Email,Access needs",
        "Farah Khan,farah@example.org,a hearing loop",
        "Amara Obi,,step-free access please",
        "Ben Hart,,Large print",
    )
    apply_import(store, plan_file(store, session_id, data))
    assert store.people.get(farah).needs == {Need.STEP_FREE, Need.HEARING_LOOP}
    people = {p.name: p for p in store.people.all()}
    assert people["Amara Obi"].needs == {Need.STEP_FREE}
    assert people["Ben Hart"].needs == frozenset()


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        ("step-free access please", {Need.STEP_FREE}),
        ("Step free", {Need.STEP_FREE}),
        ("I use a wheelchair", {Need.STEP_FREE}),
        ("Need a ramp or a lift", {Need.STEP_FREE}),
        ("a hearing loop", {Need.HEARING_LOOP}),
        ("I am hard of hearing", {Need.HEARING_LOOP}),
        ("Wheelchair user, hard of hearing", {Need.STEP_FREE, Need.HEARING_LOOP}),
        ("Large print, 18pt", set()),
        ("Uplifting music", set()),  # not a lift
        ("", set()),
    ],
)
def test_needs_from_the_words_people_write(text: str, needs: set[Need]) -> None:
    assert needs_from_text(text) == needs


def test_a_name_written_surname_first_is_turned_round(store: Store) -> None:
    assert surname_first("O'Brien, Mary") == "Mary O'Brien"
    assert surname_first(" Smith ,  Jo ") == "Jo Smith"
    for name in ("Mary O'Brien", "Smith, Jo, Dr", "Smith,", ", Jo"):
        assert surname_first(name) is None
    session_id = make_session(store)
    plan = plan_file(store, session_id, crlf("Name", '"O\'Brien, Mary"'))
    assert plan.rows[0].name == "Mary O'Brien"
    # With a surname column of its own, a comma in the first name column is left alone.
    plan = plan_file(
        store,
        session_id,
        crlf("First name,Surname", '"Mary, Ann",O\'Brien'),
    )
    assert plan.rows[0].name == "Mary, Ann O'Brien"


def test_importing_the_same_file_twice_books_nobody_twice(store: Store) -> None:
    session_id = make_session(store)
    data = crlf("Name,Email", "Amara Obi,amara@example.org", "Ben Hart,")
    apply_import(store, plan_file(store, session_id, data))
    again = apply_import(store, plan_file(store, session_id, data))
    assert (again.added, again.matched, again.skipped) == (0, 0, 2)
    assert store.people.count() == 2
    assert len(store.attendance.for_session(session_id)) == 2


def test_someone_booked_after_the_plan_was_made_is_skipped_not_doubled(store: Store) -> None:
    session_id = make_session(store)
    amara = add(store, "Amara Obi")
    plan = plan_file(store, session_id, crlf("Name", "Amara Obi"))
    store.attendance.record(session_id, amara, AttendanceStatus.ARRIVED)
    report = apply_import(store, plan)
    assert report.lines == ("Row 2, Amara Obi: skipped: already on this session (arrived).",)
    assert store.attendance.get(session_id, amara).status is AttendanceStatus.ARRIVED  # type: ignore[union-attr]


def test_a_failure_part_way_undoes_everything(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = make_session(store)
    farah = add(store, "Farah Khan", email="farah@example.org")
    data = crlf(
        "Name,Email,Access needs",
        "Farah Khan,farah@example.org,Hearing loop",
        "Amara Obi,amara@example.org,",
        "Ben Hart,ben@example.org,",
    )
    plan = plan_file(store, session_id, data)
    real_record = store.attendance.record
    calls = []

    def failing_record(*args: object, **kwargs: object) -> None:
        calls.append(args)
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        real_record(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store.attendance, "record", failing_record)
    with pytest.raises(ImportFailed) as failed:
        apply_import(store, plan)
    assert str(failed.value) == (
        "Nothing was imported: writing failed part way (disk I/O error), so every change "
        "was undone. The people bank and the session are as they were."
    )
    assert len(calls) == 3
    assert [p.name for p in store.people.all()] == ["Farah Khan"]
    assert store.people.get(farah).access_needs == ""
    assert store.attendance.for_session(session_id) == []
    assert not store.db.conn.in_transaction


def test_a_refused_save_part_way_undoes_everything_too(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = make_session(store)
    plan = plan_file(store, session_id, crlf("Name", "Amara Obi", "Ben Hart"))
    real_save = store.people.save

    def refusing_save(person: Person) -> Person:
        if person.name == "Ben Hart":
            raise ValidationError({"name": "Enter the person's name."})
        return real_save(person)

    monkeypatch.setattr(store.people, "save", refusing_save)
    with pytest.raises(ImportFailed, match="enter the person's name"):
        apply_import(store, plan)
    assert store.people.count() == 0
    assert store.attendance.for_session(session_id) == []
