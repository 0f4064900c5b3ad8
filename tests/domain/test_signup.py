"""Sign-up targets: addresses filled in and encoded, group codes, and checks in words."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from sessions.clock import has_started, is_over
from sessions.errors import ValidationError
from sessions.models import Session, SessionKind
from sessions.signup import (
    DEFAULT_BODY,
    DEFAULT_SUBJECT,
    DEFAULT_TEXT,
    KIND_FIELD,
    NO_KIND,
    NO_TARGET,
    PASSED,
    SignupKind,
    SignupSettings,
    SignupTarget,
    address_for_project,
    address_for_session,
    check_settings,
    form_values,
    initials,
    link_for_project,
    link_for_session,
    load_settings,
    load_target,
    next_session_of_project,
    preview,
    save_settings,
    session_code,
    settings_from_form,
    signup_for_session,
    target_problems,
    template_problem,
)
from sessions.store import Store
from sessions.store.settings import CONTACT_DETAILS, SIGNUP_TARGET, SUMMARY_NAMES

FORM = "https://forms.example.gov.uk/coproduction?group={code}"


def a_session(**changes: object) -> Session:
    values: dict[str, object] = {
        "title": "Over a Brew: assessments & you",
        "kind": SessionKind.OVER_A_BREW,
        "date": dt.date(2026, 12, 3),
        "start": dt.time(10),
        "end": dt.time(12),
        "venue": "Mansfield Library",
        "project_name": "Carers Implementation Group",
    }
    values.update(changes)
    return Session(**values)  # type: ignore[arg-type]


def url(template: str = FORM) -> SignupTarget:
    return SignupTarget(SignupKind.URL, url=template)


# --- codes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Carers Implementation Group", "CIG"),
        ("Over a Brew", "OB"),
        ("Learning Disability Partnership Board", "LDPB"),
        ("Carers", "CARE"),
        ("Café of the Élan", "CE"),
        ("The", "THE"),
        ("!!!", "GROUP"),
        ("One Two Three Four Five Six Seven Eight", "OTTFFS"),
    ],
)
def test_initials(name: str, code: str) -> None:
    assert initials(name) == code


def test_session_code_is_the_project_and_the_date() -> None:
    assert session_code(a_session()) == "CIG-20261203"
    assert session_code(a_session(project_name="")) == "OBAY-20261203"


# --- addresses --------------------------------------------------------------------


def test_url_fills_the_code() -> None:
    assert address_for_session(url(), a_session()) == (
        "https://forms.example.gov.uk/coproduction?group=CIG-20261203"
    )


def test_url_encodes_what_is_filled_in() -> None:
    target = url("https://forms.example.gov.uk/s?t={title}&d={date}&p={project}")
    address = address_for_session(target, a_session())
    query = parse_qs(urlsplit(address).query)
    assert query == {
        "t": ["Over a Brew: assessments & you"],
        "d": ["2026-12-03"],
        "p": ["Carers Implementation Group"],
    }
    assert " " not in address
    assert "%26" in address  # the & in the title does not start a new field


def test_url_for_a_project_has_no_date() -> None:
    target = url("https://forms.example.gov.uk/s?group={code}&d={date}&name={project}")
    assert address_for_project(target, "Carers Implementation Group") == (
        "https://forms.example.gov.uk/s?group=CIG&d=&name=Carers%20Implementation%20Group"
    )


def test_url_link_words() -> None:
    link = link_for_session(url(), a_session())
    assert link.shown == link.address
    assert link.alt_text == (
        "QR code: opens the sign-up form at "
        "https://forms.example.gov.uk/coproduction?group=CIG-20261203."
    )


def test_mailto_has_subject_and_body_encoded() -> None:
    target = SignupTarget(
        SignupKind.MAILTO,
        email="co-production@example.gov.uk",
        subject="Sign up: {title} on {date} — café",
        body="Line one & more\nLine two",
    )
    address = address_for_session(target, a_session())
    assert address.startswith("mailto:co-production@example.gov.uk?subject=")
    query = parse_qs(urlsplit(address).query)
    assert query["subject"] == ["Sign up: Over a Brew: assessments & you on Thu 3 Dec 2026 — café"]
    assert query["body"] == ["Line one & more\r\nLine two"]  # RFC 6068: CRLF line breaks
    assert " " not in address and "\n" not in address
    link = link_for_session(target, a_session())
    assert link.shown == (
        "Email co-production@example.gov.uk with the subject "
        "“Sign up: Over a Brew: assessments & you on Thu 3 Dec 2026 — café”"
    )
    assert link.opens == "starts an email to co-production@example.gov.uk"


def test_mailto_without_subject_or_body() -> None:
    target = SignupTarget(SignupKind.MAILTO, email="team@example.org")
    assert address_for_session(target, a_session()) == "mailto:team@example.org"


def test_sms_is_smsto_with_digits() -> None:
    target = SignupTarget(SignupKind.SMS, number="07700 900-123", text="Sign up {code} please")
    link = link_for_session(target, a_session())
    assert link.address == "SMSTO:07700900123:Sign up CIG-20261203 please"
    assert link.opens == "starts a text message to 07700900123"
    assert "07700 900-123" in link.shown


def test_project_link() -> None:
    target = SignupTarget(SignupKind.SMS, number="+447700900123", text="Join {code}")
    assert link_for_project(target, "  Our   Voice ").address == "SMSTO:+447700900123:Join OV"


def test_defaults_fill() -> None:
    mail = SignupTarget(
        SignupKind.MAILTO, email="a@b.org", subject=DEFAULT_SUBJECT, body=DEFAULT_BODY
    )
    sms = SignupTarget(SignupKind.SMS, number="07700900123", text=DEFAULT_TEXT)
    assert target_problems(mail) == {}
    assert target_problems(sms) == {}
    assert "Thu%203%20Dec%202026" in address_for_session(mail, a_session())


# --- checks in words --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("", "Type the web address"),
        ("forms.example.gov.uk/{code}", "must start with https://"),
        ("ftp://example.org", "must start with https://"),
        ("https://forms.example.gov.uk/a b", "no spaces"),
        ("https://", "name of the website"),
        ("https://example.org/?g={group}", "{group}, which is not a placeholder"),
        ("https://example.org/?g={code", "without its partner"),
        ("https://example.org/?g={date:%Y}", "{date:%Y}, which is not a placeholder"),
    ],
)
def test_url_problems(template: str, words: str) -> None:
    problems = target_problems(url(template))
    assert list(problems) == ["signup_url"]
    assert words in problems["signup_url"]
    assert problems["signup_url"].endswith(".")


def test_http_is_allowed() -> None:
    assert target_problems(url("http://intranet.example/signup?g={code}")) == {}


@pytest.mark.parametrize(
    ("email", "words"),
    [
        ("", "Type the email address"),
        ("team", "does not look like an email address"),
        ("team@example", "does not look like an email address"),
        ("te am@example.org", "no spaces"),
    ],
)
def test_email_problems(email: str, words: str) -> None:
    problems = target_problems(SignupTarget(SignupKind.MAILTO, email=email))
    assert words in problems["signup_email"]


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("", "Type the phone number"),
        ("0770O 900123", "use digits only"),
        ("12", "use digits only"),
        ("44+7700900123", "with + at the start"),
    ],
)
def test_number_problems(number: str, words: str) -> None:
    problems = target_problems(SignupTarget(SignupKind.SMS, number=number))
    assert words in problems["signup_number"]


def test_template_problem_in_a_message() -> None:
    target = SignupTarget(SignupKind.SMS, number="07700900123", text="Join {name}")
    assert target_problems(target) == {
        "signup_text": "The text message has {name}, which is not a placeholder. "
        "Use {code}, {title}, {date} or {project}."
    }
    assert template_problem("{{literal braces}}", "It") is None


def test_too_long_for_a_code() -> None:
    target = SignupTarget(SignupKind.MAILTO, email="a@b.org", body="x" * 700)
    assert "too long for a QR code" in target_problems(target)["signup_body"]


# --- kept in the settings ---------------------------------------------------------


def test_no_target_by_default(store: Store) -> None:
    assert load_target(store) is None
    assert load_settings(store) == SignupSettings()


def test_target_round_trips(store: Store) -> None:
    target = SignupTarget(
        SignupKind.MAILTO, email="a@b.org", subject="S {title}", body="B", number="0770"
    )
    save_settings(store, SignupSettings(target, "Call 01234 567890", summary_names=True))
    assert store.settings.get(SIGNUP_TARGET) == {
        "kind": "mailto",
        "email": "a@b.org",
        "subject": "S {title}",
        "body": "B",
        "number": "0770",
    }
    assert load_target(store) == target
    assert load_settings(store) == SignupSettings(target, "Call 01234 567890", True)
    save_settings(store, SignupSettings(None))
    assert load_target(store) is None
    assert store.settings.get(CONTACT_DETAILS) == ""
    assert store.settings.get(SUMMARY_NAMES) is False


def test_unusable_stored_targets_are_none(store: Store) -> None:
    store.settings.set(SIGNUP_TARGET, {"kind": "carrier pigeon"})
    assert load_target(store) is None
    store.settings.set(SIGNUP_TARGET, {"kind": "url", "url": "not a web address"})
    assert load_target(store) is None
    store.settings.set(SIGNUP_TARGET, "https://example.org")
    assert load_target(store) is None


# --- the Settings form ----------------------------------------------------------------


def test_form_starts_with_suggestions() -> None:
    values = form_values(SignupSettings())
    assert values[KIND_FIELD] == NO_KIND
    assert values["signup_subject"] == DEFAULT_SUBJECT
    assert values["signup_text"] == DEFAULT_TEXT
    assert values[SUMMARY_NAMES] is False


def test_form_round_trip() -> None:
    chosen = SignupSettings(url(), "Ring us", True)
    values = form_values(chosen)
    assert check_settings(values) == SignupSettings(
        SignupTarget(
            SignupKind.URL,
            url=FORM,
            subject=DEFAULT_SUBJECT,
            body=DEFAULT_BODY,
            text=DEFAULT_TEXT,
        ),
        "Ring us",
        True,
    )


def test_form_problems_only_for_the_chosen_kind() -> None:
    values = {**form_values(SignupSettings()), KIND_FIELD: "sms", "signup_url": "nonsense"}
    chosen, problems = settings_from_form(values)
    assert chosen is not None and chosen.target is not None
    assert list(problems) == ["signup_number"]
    with pytest.raises(ValidationError):
        check_settings(values)


def test_form_without_the_tab_changes_nothing() -> None:
    assert settings_from_form({"organisation": "x"}) == (None, {})


def test_contact_details_length() -> None:
    values = {**form_values(SignupSettings()), CONTACT_DETAILS: "x" * 1001}
    assert CONTACT_DETAILS in settings_from_form(values)[1]


def test_preview() -> None:
    today = dt.date(2026, 11, 23)
    assert "choose a kind" in preview(None, None, today)
    assert "once it can be used" in preview(url("nonsense"), None, today)
    words = preview(url(), a_session(), today)
    assert words == (
        "For the next session, Over a Brew: assessments & you on Thu 3 Dec 2026, the code "
        "opens:\nhttps://forms.example.gov.uk/coproduction?group=CIG-20261203"
    )
    example = preview(SignupTarget(SignupKind.SMS, number="07700900123", text="x"), None, today)
    assert example.startswith("For an example session")
    assert "SMSTO:07700900123:x" in example
    assert "Printed beside it: Text 07700900123" in example


def test_a_project_leaves_no_dangling_on() -> None:
    mail = SignupTarget(
        SignupKind.MAILTO, email="a@b.org", subject=DEFAULT_SUBJECT, body=DEFAULT_BODY
    )
    link = link_for_project(mail, "Our Voice")
    assert link.lines == (("Email: ", "a@b.org"), ("Subject: ", "Sign up: Our Voice"))
    assert "place%20at%20Our%20Voice.%0D%0A" in link.address
    sms = SignupTarget(SignupKind.SMS, number="07700900123", text="Come on {date}, on time")
    assert link_for_project(sms, "Our Voice").address == "SMSTO:07700900123:Come, on time"
    web = url("https://example.org/?on={date}&g={code}")
    assert address_for_project(web, "Our Voice") == "https://example.org/?on=&g=OV"


# --- never a code for a meeting that has passed -------------------------------------------

VENUE = ZoneInfo("Europe/London")


def test_started_and_over_are_at_the_venue() -> None:
    session = Session(
        "Brew", SessionKind.OVER_A_BREW, dt.date(2026, 7, 1), dt.time(10), dt.time(12)
    )
    assert not has_started(session, dt.datetime(2026, 7, 1, 9, 59, tzinfo=VENUE))
    assert has_started(session, dt.datetime(2026, 7, 1, 10, 0, tzinfo=VENUE))
    # 10:30 at the venue in summer is 09:30 UTC
    assert has_started(session, dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.UTC))
    assert not is_over(session, dt.datetime(2026, 7, 1, 11, 59, tzinfo=VENUE))
    assert is_over(session, dt.datetime(2026, 7, 1, 12, 0, tzinfo=VENUE))


def test_a_sessions_code_is_for_it_until_it_is_over_then_for_what_comes_next(
    store: Store,
) -> None:
    def save(title: str, day: int, project: str = "Carers Implementation Group") -> Session:
        return store.sessions.save(
            Session(
                title,
                SessionKind.TASK_AND_FINISH,
                dt.date(2026, 12, day),
                dt.time(10),
                dt.time(12),
                project_name=project,
            )
        )

    first, second = save("First", 3), save("Second", 10)
    alone = save("Alone", 3, project="")
    during = dt.datetime(2026, 12, 3, 11, 0, tzinfo=VENUE)
    after = dt.datetime(2026, 12, 3, 12, 0, tzinfo=VENUE)
    later = dt.datetime(2026, 12, 10, 12, 0, tzinfo=VENUE)
    assert signup_for_session(store, first, during).problem == NO_TARGET
    store.settings.set(SIGNUP_TARGET, {"kind": "url", "url": FORM})

    now_on = signup_for_session(store, first, during)
    assert now_on.session == first and not now_on.note
    assert now_on.link is not None and now_on.link.address.endswith("CIG-20261203")

    assert next_session_of_project(store, first, after) == second
    moved = signup_for_session(store, first, after, what="the poster")
    assert moved.session == second and moved.link is not None
    assert moved.link.address.endswith("CIG-20261210")
    assert moved.note == (
        "First is over, so the poster is for the next session of Carers Implementation "
        "Group: Second on Thu 10 Dec 2026."
    )

    assert next_session_of_project(store, first, later) is None
    project = signup_for_session(store, first, later)
    assert project.for_project and project.project == "Carers Implementation Group"
    assert project.link is not None and project.link.address.endswith("group=CIG")

    assert signup_for_session(store, alone, during).link is not None
    gone = signup_for_session(store, alone, after)
    assert gone.link is None and gone.problem == PASSED
