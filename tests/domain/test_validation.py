"""What a facilitator types into forms, and what they are told when it is wrong."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sessions.errors import ValidationError
from sessions.models import AgendaKind, CommunicationPreference, Role, SessionKind
from sessions.validation import (
    LIMITS,
    agenda_item_from_form,
    check_email,
    check_uk_phone,
    parse_date,
    parse_minutes,
    parse_time,
    person_from_form,
    session_from_form,
)

TODAY = dt.date(2026, 11, 23)

INTERNALS = re.compile(r"\b(id|ids|None|Traceback|Exception|Error|int|str|sqlite3?)\b|_")


def assert_plain(message: str) -> None:
    """A sentence for the person at the keyboard: no code words, no field names."""
    assert message, "there should be a message"
    assert message[0].isupper(), message
    assert message.endswith("."), message
    assert not INTERNALS.search(message), message


# --- dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "3/12/2026",
        "03/12/2026",
        "3/12/26",
        "2026-12-03",
        "3-12-2026",
        "3.12.2026",
        "3 Dec 2026",
        "3 dec 2026",
        "3 December 2026",
        "3 DECEMBER 2026",
        "Thu 3 Dec 2026",
        "Thursday 3 December 2026",
        "3 Dec, 2026",
        "  3/12/2026  ",
    ],
)
def test_parse_date_reads_uk_dates(typed: str) -> None:
    assert parse_date(typed, TODAY) == dt.date(2026, 12, 3)


def test_parse_date_reads_day_before_month() -> None:
    """12/3/2026 is 12 March in the UK, never 3 December."""
    assert parse_date("12/3/2026", TODAY) == dt.date(2026, 3, 12)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("today", TODAY),
        ("Today", TODAY),
        (" TODAY ", TODAY),
        ("tomorrow", TODAY + dt.timedelta(days=1)),
        ("Tomorrow", TODAY + dt.timedelta(days=1)),
    ],
)
def test_parse_date_today_and_tomorrow_count_from_the_given_today(
    typed: str, expected: dt.date
) -> None:
    assert parse_date(typed, TODAY) == expected


def test_parse_date_tomorrow_crosses_the_year() -> None:
    assert parse_date("tomorrow", dt.date(2026, 12, 31)) == dt.date(2027, 1, 1)


def test_parse_date_without_a_year_means_the_next_such_day() -> None:
    assert parse_date("3 Dec", TODAY) == dt.date(2026, 12, 3)
    assert parse_date("23 Nov", TODAY) == TODAY
    assert parse_date("1 Jan", TODAY) == dt.date(2027, 1, 1)
    assert parse_date("22 Nov", TODAY) == dt.date(2027, 11, 22)


@pytest.mark.parametrize(
    "typed",
    ["nonsense", "", "   ", "3/13/2026", "next week", "2026"],
)
def test_parse_date_refuses_nonsense_with_a_plain_sentence(typed: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(typed, TODAY)
    message = str(caught.value)
    assert_plain(message)
    assert "3/12/2026" in message, "the message shows an example to copy"


# --- times -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10:00", dt.time(10, 0)),
        ("10.00", dt.time(10, 0)),
        ("1000", dt.time(10, 0)),
        ("930", dt.time(9, 30)),
        ("9:30", dt.time(9, 30)),
        ("10", dt.time(10, 0)),
        ("10am", dt.time(10, 0)),
        ("10 am", dt.time(10, 0)),
        ("10AM", dt.time(10, 0)),
        ("2:30pm", dt.time(14, 30)),
        ("2.30pm", dt.time(14, 30)),
        ("2:30 p.m.", dt.time(14, 30)),
        ("2pm", dt.time(14, 0)),
        ("14:30", dt.time(14, 30)),
        ("12pm", dt.time(12, 0)),
        ("12am", dt.time(0, 0)),
        ("12:15am", dt.time(0, 15)),
        ("00:00", dt.time(0, 0)),
        ("23:59", dt.time(23, 59)),
        (" 10:00 ", dt.time(10, 0)),
    ],
)
def test_parse_time_reads_the_ways_people_write_times(typed: str, expected: dt.time) -> None:
    assert parse_time(typed) == expected


def test_parse_time_reads_every_minute_of_the_day_both_ways() -> None:
    for minute_of_day in range(24 * 60):
        moment = dt.time(minute_of_day // 60, minute_of_day % 60)
        assert parse_time(f"{moment:%H:%M}") == moment
        twelve_hour = f"{moment.hour % 12 or 12}:{moment.minute:02d}{moment:%p}".lower()
        assert parse_time(twelve_hour) == moment, twelve_hour


@pytest.mark.parametrize(
    "typed",
    ["25:00", "24:00", "13pm", "0am", "10:60", "10:5", "noon", "", "ten", "10:00xm", "-1"],
)
def test_parse_time_refuses_impossible_times_with_a_plain_sentence(typed: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_time(typed)
    assert_plain(str(caught.value))
    assert str(caught.value) == "Enter a time like 10:00 or 2:30pm."


# --- minutes ---------------------------------------------------------------


@pytest.mark.parametrize(("typed", "expected"), [("1", 1), ("45", 45), (" 90 ", 90), ("600", 600)])
def test_parse_minutes_accepts_whole_numbers_from_1_to_600(typed: str, expected: int) -> None:
    assert parse_minutes(typed) == expected


@pytest.mark.parametrize("typed", ["0", "601", "1000", "1.5", "abc", "", "-5", "+5", "10 min"])
def test_parse_minutes_refuses_others_saying_what_is_allowed(typed: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_minutes(typed)
    assert str(caught.value) == "Minutes must be a whole number from 1 to 600."


def test_parse_minutes_refuses_superscript_digits_in_plain_words() -> None:
    with pytest.raises(ValueError) as caught:
        parse_minutes("²")
    assert str(caught.value) == "Minutes must be a whole number from 1 to 600."


# --- email and phone -------------------------------------------------------


@pytest.mark.parametrize(
    "address", ["", "sam@example.org", "sam.okafor+ls@example.co.uk", "a@b.org"]
)
def test_check_email_accepts_ordinary_addresses(address: str) -> None:
    assert check_email(address) is None


@pytest.mark.parametrize(
    "address", ["sam", "sam@", "@example.org", "sam@example", "sam@@example.org", "s m@x.org"]
)
def test_check_email_explains_a_wrong_address(address: str) -> None:
    problem = check_email(address)
    assert problem is not None
    assert_plain(problem)
    assert "@" in problem


@pytest.mark.parametrize(
    "number",
    [
        "",
        "07700 900123",
        "07700900123",
        "+44 7700 900123",
        "+447700900123",
        "+44 (0)7700 900123",
        "07700-900-123",
        "0115 496 0123",
        "(0115) 496 0123",
        "01632 960123",
        "020 7946 0123",
        "01623 45678",
    ],
)
def test_check_uk_phone_accepts_uk_mobiles_and_landlines(number: str) -> None:
    assert check_uk_phone(number) is None


@pytest.mark.parametrize(
    "number",
    ["123", "abc", "0770O 900123", "07700 900123 ext 4", "+1 555 123 4567", "7700900123", "0770"],
)
def test_check_uk_phone_explains_a_wrong_number(number: str) -> None:
    problem = check_uk_phone(number)
    assert problem is not None
    assert_plain(problem)
    assert "07700 900123" in problem, "the message shows an example to copy"


# --- the person form -------------------------------------------------------


def person_values(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "name": "Farah Khan",
        "preferred_name": "",
        "pronouns": "she/her",
        "role": Role.LIVED_EXPERIENCE.value,
        "organisation": "Our Voice",
        "email": "",
        "phone": "",
        "address": "",
        "contact_consent": True,
        "access_needs": "",
        "communication": CommunicationPreference.NOT_ASKED.value,
        "payment": "not_asked",
    }
    values.update(changes)
    return values


def form_problems(build, values: dict[str, object]) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        build(values)
    for message in caught.value.problems.values():
        assert_plain(message)
    assert str(caught.value) == " ".join(caught.value.problems.values())
    return caught.value.problems


def test_person_from_form_builds_a_person_with_text_trimmed() -> None:
    person = person_from_form(
        person_values(name="  Farah Khan ", email=" farah@example.org ", phone="07700 900123")
    )
    assert person.name == "Farah Khan"
    assert person.email == "farah@example.org"
    assert person.phone == "07700 900123"
    assert person.role is Role.LIVED_EXPERIENCE
    assert person.contact_consent is True


def test_person_from_form_needs_a_name() -> None:
    problems = form_problems(person_from_form, person_values(name="   "))
    assert set(problems) == {"name"}
    assert "name" in problems["name"].lower()


def test_person_from_form_names_every_wrong_field_at_once() -> None:
    problems = form_problems(
        person_from_form,
        person_values(name="", email="farah-at-home", phone="123", role="astronaut"),
    )
    assert set(problems) == {"name", "email", "phone", "role"}


@pytest.mark.parametrize(
    "field", ["name", "preferred_name", "pronouns", "organisation", "address", "access_needs"]
)
def test_person_from_form_refuses_text_longer_than_its_limit(field: str) -> None:
    limit = LIMITS[field]
    assert person_from_form(person_values(**{field: "x" * limit}))
    problems = form_problems(person_from_form, person_values(**{field: "x" * (limit + 1)}))
    assert set(problems) == {field}
    assert f"{limit:,}" in problems[field]
    assert f"{limit + 1:,}" in problems[field]


@pytest.mark.parametrize(
    ("communication", "field"),
    [("email", "email"), ("phone", "phone"), ("post", "address"), ("easy_read", "address")],
)
def test_person_from_form_needs_the_contact_detail_for_their_preference(
    communication: str, field: str
) -> None:
    problems = form_problems(person_from_form, person_values(communication=communication))
    assert set(problems) == {"communication"}
    assert "choose another way" in problems["communication"]

    details = {"email": "farah@example.org", "phone": "07700 900123", "address": "1 High St"}
    person = person_from_form(person_values(communication=communication, **{field: details[field]}))
    assert person.communication == communication


def test_person_from_form_email_preference_message_asks_for_an_email_address() -> None:
    problems = form_problems(person_from_form, person_values(communication="email"))
    assert "email address" in problems["communication"]


# --- the session form ------------------------------------------------------


def session_values(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "title": "Over a Brew in Mansfield",
        "kind": SessionKind.OVER_A_BREW.value,
        "date": "3/12/2026",
        "start": "10:30",
        "end": "12:30",
        "venue": "Mansfield Central Library",
        "address": "",
        "project_name": "",
        "purpose": "",
        "co_chairs": [],
    }
    values.update(changes)
    return values


def test_session_from_form_builds_a_session() -> None:
    session = session_from_form(session_values(start="10.30am", end="1230"), today=TODAY)
    assert session.date == dt.date(2026, 12, 3)
    assert session.start == dt.time(10, 30)
    assert session.end == dt.time(12, 30)
    assert session.minutes == 120
    assert session.kind is SessionKind.OVER_A_BREW


def test_session_from_form_reads_today_from_the_given_day() -> None:
    assert session_from_form(session_values(date="today"), today=TODAY).date == TODAY


@pytest.mark.parametrize(("start", "end"), [("14:00", "12:00"), ("10:00", "10:00")])
def test_session_from_form_refuses_an_end_not_after_the_start(start: str, end: str) -> None:
    problems = form_problems(
        lambda v: session_from_form(v, today=TODAY), session_values(start=start, end=end)
    )
    assert set(problems) == {"end"}
    assert problems["end"] == "The end time must be after the start time."


def test_session_from_form_needs_a_title_date_and_times() -> None:
    problems = form_problems(
        lambda v: session_from_form(v, today=TODAY),
        session_values(title=" ", date="", start="", end=""),
    )
    assert set(problems) == {"title", "date", "start", "end"}


def test_session_from_form_says_which_time_is_wrong() -> None:
    problems = form_problems(
        lambda v: session_from_form(v, today=TODAY),
        session_values(date="someday", start="25:00"),
    )
    assert set(problems) == {"date", "start"}


@pytest.mark.parametrize("field", ["title", "venue", "address", "project_name", "purpose"])
def test_session_from_form_refuses_text_longer_than_its_limit(field: str) -> None:
    limit = LIMITS[field]
    assert session_from_form(session_values(**{field: "x" * limit}), today=TODAY)
    problems = form_problems(
        lambda v: session_from_form(v, today=TODAY), session_values(**{field: "x" * (limit + 1)})
    )
    assert set(problems) == {field}


def test_session_from_form_refuses_the_same_co_chair_twice() -> None:
    problems = form_problems(
        lambda v: session_from_form(v, today=TODAY), session_values(co_chairs=[3, 3])
    )
    assert set(problems) == {"co_chairs"}


# --- the agenda item form --------------------------------------------------


def item_values(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "title": "What works well",
        "minutes": "25",
        "kind": AgendaKind.DISCUSSION.value,
        "lead": "Co-chairs",
        "notes": "",
    }
    values.update(changes)
    return values


def test_agenda_item_from_form_builds_an_item() -> None:
    item = agenda_item_from_form(item_values(kind="break", title=" Break ", minutes=" 10 "))
    assert (item.title, item.minutes, item.kind) == ("Break", 10, AgendaKind.BREAK)


@pytest.mark.parametrize("minutes", ["0", "601", "1.5", "abc", ""])
def test_agenda_item_from_form_refuses_wrong_minutes(minutes: str) -> None:
    problems = form_problems(agenda_item_from_form, item_values(minutes=minutes))
    assert problems == {"minutes": "Minutes must be a whole number from 1 to 600."}


def test_agenda_item_from_form_needs_a_title() -> None:
    problems = form_problems(agenda_item_from_form, item_values(title=""))
    assert set(problems) == {"title"}


@pytest.mark.parametrize("field", ["title", "lead", "notes"])
def test_agenda_item_from_form_refuses_text_longer_than_its_limit(field: str) -> None:
    limit = LIMITS[field]
    assert agenda_item_from_form(item_values(**{field: "x" * limit}))
    problems = form_problems(agenda_item_from_form, item_values(**{field: "x" * (limit + 1)}))
    assert set(problems) == {field}


def test_parse_date_checks_the_day_name_against_the_date() -> None:
    assert parse_date("Thu 3 Dec 2026") == dt.date(2026, 12, 3)
    with pytest.raises(ValueError) as caught:
        parse_date("Mon 3 Dec 2026")
    assert str(caught.value) == "3 December 2026 is a Thursday. Check the day and the date."


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2026", "February 2026 has 28 days. Check the date."),
        ("30/2/2028", "February 2028 has 29 days. Check the date."),
        ("31/04/2026", "April 2026 has 30 days. Check the date."),
    ],
)
def test_parse_date_explains_a_day_the_month_does_not_have(typed: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(typed)
    assert str(caught.value) == message
