"""Where sign-up QR codes point, and the address each session or project gets.

A sign-up target is kept in Settings (the `SIGNUP_TARGET` setting, as a dict). It is
one of three kinds (FACTS.md 18):

- a web address (`url`): a form, with placeholders filled in, for example
  ``https://forms.example.gov.uk/coproduction?group={code}``;
- an email (`mailto`): an address with a subject and a message filled in, encoded as
  ``mailto:team@example.gov.uk?subject=...&body=...``;
- a text message (`sms`): a phone number and a message, encoded as
  ``SMSTO:07700900123:message``. Not every phone reads this form, so it is offered
  but never the default.

Placeholders, in any of the templates:

- ``{code}``: the group's code. For a project, the initials of its name
  ("Carers Implementation Group" is ``CIG``); for a session, the initials of its
  project (or of its title when it has no project) and its date, ``CIG-20261203``.
  The code reads the same on every laptop (a session's number does not), so whoever
  runs the form can tell which group and which day someone signed up for.
- ``{title}``: the session's title (a project's name, for a project).
- ``{date}``: the session's date: ``2026-12-03`` inside a web address, "Thu 3 Dec
  2026" in an email or a text. Empty for a project, which has no date (and an "on"
  left hanging before it, as in "Sign up: {title} on {date}", goes too).
- ``{project}``: the project's name (the session's title when it has none).

What is filled into a web address or an email is URL-encoded (spaces, ``&``,
accents), so the address a phone opens is exactly the one meant. Nothing here
imports qrcode: `exports.qr` draws the codes.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote

from sessions.clock import is_over
from sessions.display import format_date
from sessions.errors import ValidationError
from sessions.models import LabelledEnum, Session, SessionKind
from sessions.store.settings import CONTACT_DETAILS, SIGNUP_TARGET, SUMMARY_NAMES

if TYPE_CHECKING:
    from sessions.store import Store

PLACEHOLDERS = ("code", "title", "date", "project")
MOST_CHARACTERS = 600
"""Longer addresses make QR codes too dense to read from a laptop screen or a poster."""
CONTACT_MOST = 1000
SMALL_WORDS = frozenset({"a", "an", "and", "the", "of", "for", "in", "on", "to", "at", "with"})
"""Left out of a group's initials: 'Over a Brew' is OB."""

NO_TARGET = (
    "No sign-up address is set yet, so there is no QR code to show. Set one in "
    "Settings (press s on the home screen), on the Sign-ups and summaries tab: a web "
    "form, an email address or a phone number for texts."
)
"""What the app says when asked for a QR code before a sign-up target is set."""
NO_TARGET_CLI = (
    "No sign-up address is set yet. Open the app (run facilitator on its own), press s "
    "for Settings and set one on the Sign-ups and summaries tab."
)

PASSED = "This session is over; its sign-up code would invite people to a meeting that has passed."
"""What the app says instead of a QR code or poster for a session that is over and has
no project to point people at instead."""


class SignupKind(LabelledEnum):
    URL = "url", "A web form"
    MAILTO = "mailto", "An email"
    SMS = "sms", "A text message (not every phone reads these)"


@dataclass(frozen=True)
class SignupTarget:
    """Where sign-up codes point. Only the fields of its `kind` are used; the others are
    kept so that switching kind in Settings and back loses nothing typed."""

    kind: SignupKind
    url: str = ""
    """The web address template (kind url)."""
    email: str = ""
    """The email address (kind mailto)."""
    subject: str = ""
    body: str = ""
    """The email's subject and message templates (kind mailto)."""
    number: str = ""
    """The phone number (kind sms)."""
    text: str = ""
    """The text message template (kind sms)."""

    def to_dict(self) -> dict[str, str]:
        """What is kept in the SIGNUP_TARGET setting."""
        fields = {
            "url": self.url,
            "email": self.email,
            "subject": self.subject,
            "body": self.body,
            "number": self.number,
            "text": self.text,
        }
        return {"kind": self.kind.value, **{k: v for k, v in fields.items() if v}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SignupTarget:
        """Raises ValueError for a kind this app does not know."""
        kind = SignupKind(str(data.get("kind", "")))
        return cls(
            kind=kind,
            **{
                name: str(data.get(name, "") or "")
                for name in ("url", "email", "subject", "body", "number", "text")
            },
        )


DEFAULT_SUBJECT = "Sign up: {title} on {date}"
DEFAULT_BODY = "Please save me a place at {title} on {date}.\n\nMy name:\nHow to contact me:"
DEFAULT_TEXT = "Sign up {code}. My name is"


@dataclass(frozen=True)
class SignupLink:
    """One filled-in address, with the words printed and read out beside its code."""

    kind: SignupKind
    address: str
    """What the QR code holds: the web address, the mailto: or the SMSTO: text."""
    shown: str
    """The address for people to read or type: the same address as the code."""
    opens: str
    """What scanning does: 'opens the sign-up form at https://...'."""
    lines: tuple[tuple[str, str], ...] = ()
    """`shown` as labelled lines for print: ('Email: ', 'team@...'), ('Subject: ', ...).
    A web address is one line with no label."""

    @property
    def alt_text(self) -> str:
        """For the picture of the code, read out by a screen reader."""
        return f"QR code: {self.opens}."


@dataclass(frozen=True)
class SignupSettings:
    """What the Settings screen's Sign-ups and summaries tab keeps."""

    target: SignupTarget | None = None
    contact_details: str = ""
    summary_names: bool = False


class _Settings(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...
    def set(self, key: str, value: Any) -> None: ...


class _HasSettings(Protocol):
    @property
    def settings(self) -> _Settings: ...


# --- reading and keeping ------------------------------------------------------


def load_target(store: _HasSettings) -> SignupTarget | None:
    """The sign-up target set in Settings; None when there is none (the default) or
    what is kept cannot be used."""
    data = store.settings.get(SIGNUP_TARGET)
    if not isinstance(data, Mapping):
        return None
    try:
        target = SignupTarget.from_dict(data)
    except ValueError:
        return None
    return None if target_problems(target) else target


def load_settings(store: _HasSettings) -> SignupSettings:
    data = store.settings.get(SIGNUP_TARGET)
    stored: SignupTarget | None = None
    if isinstance(data, Mapping):
        try:
            stored = SignupTarget.from_dict(data)
        except ValueError:
            stored = None
    return SignupSettings(
        target=stored,
        contact_details=str(store.settings.get(CONTACT_DETAILS, "") or ""),
        summary_names=store.settings.get(SUMMARY_NAMES, False) is True,
    )


def save_settings(store: _HasSettings, chosen: SignupSettings) -> None:
    """Keep the tab's settings; the caller holds the transaction."""
    target = chosen.target
    store.settings.set(SIGNUP_TARGET, None if target is None else target.to_dict())
    store.settings.set(CONTACT_DETAILS, chosen.contact_details)
    store.settings.set(SUMMARY_NAMES, chosen.summary_names)


# --- codes and addresses ------------------------------------------------------


def initials(name: str, *, most: int = 6) -> str:
    """'CIG' for 'Carers Implementation Group'; 'OB' for 'Over a Brew'; 'CARE' for a
    one-word name like 'Carers'. Plain capital letters and digits only."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[A-Za-z0-9]+", plain)
    kept = [word for word in words if word.casefold() not in SMALL_WORDS] or words
    if not kept:
        return "GROUP"
    if len(kept) == 1:
        return kept[0][:4].upper()
    return "".join(word[0] for word in kept)[:most].upper()


def project_code(project_name: str) -> str:
    return initials(project_name)


def session_code(session: Session) -> str:
    """The project's (or title's) initials and the date: 'CIG-20261203'."""
    return f"{initials(session.project_name or session.title)}-{session.date:%Y%m%d}"


def address_for_session(target: SignupTarget, session: Session) -> str:
    """What the session's QR code holds."""
    return link_for_session(target, session).address


def address_for_project(target: SignupTarget, project_name: str) -> str:
    """What the project's QR code holds: no date, the project's code."""
    return link_for_project(target, project_name).address


def link_for_session(target: SignupTarget, session: Session) -> SignupLink:
    values = {
        "code": session_code(session),
        "title": _one_line(session.title),
        "project": _one_line(session.project_name or session.title),
    }
    return _link(target, values, session.date)


def link_for_project(target: SignupTarget, project_name: str) -> SignupLink:
    name = _one_line(project_name)
    values = {"code": project_code(name), "title": name, "project": name}
    return _link(target, values, None)


def _link(target: SignupTarget, values: dict[str, str], day: dt.date | None) -> SignupLink:
    if target.kind is SignupKind.URL:
        filled = {**values, "date": day.isoformat() if day else ""}
        url = _fill(target.url.strip(), {k: quote(v, safe="") for k, v in filled.items()})
        return SignupLink(target.kind, url, url, f"opens the sign-up form at {url}", (("", url),))
    words = {**values, "date": format_date(day) if day else ""}
    if target.kind is SignupKind.MAILTO:
        email = target.email.strip()
        subject = _one_line(_fill(target.subject, words))
        body = _fill(target.body, words).strip().replace("\r\n", "\n").replace("\n", "\r\n")
        query = []
        if subject:
            query.append(f"subject={quote(subject, safe='')}")
        if body:
            query.append(f"body={quote(body, safe='')}")
        address = f"mailto:{quote(email, safe='@+')}" + ("?" + "&".join(query) if query else "")
        shown = f"Email {email}" + (f" with the subject “{subject}”" if subject else "")
        lines = (("Email: ", email), *((("Subject: ", subject),) if subject else ()))
        return SignupLink(target.kind, address, shown, f"starts an email to {email}", lines)
    number = phone_digits(target.number)
    text = _one_line(_fill(target.text, words))
    shown = f"Text {target.number.strip()}" + (f" (the message starts “{text}”)" if text else "")
    lines = (("Text: ", target.number.strip()), *((("Start with: ", text),) if text else ()))
    return SignupLink(
        target.kind,
        f"SMSTO:{number}:{text}",
        shown,
        f"starts a text message to {number}",
        lines,
    )


def _fill(template: str, values: Mapping[str, str]) -> str:
    if values.get("date") == "":
        # A project has no date: "on {date}" would leave a dangling "on".
        template = re.sub(r"[ \t]*\bon[ \t]+\{date\}", "", template)
    return template.format_map(values)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def phone_digits(number: str) -> str:
    """'07700 900123' as '07700900123': spaces, hyphens and brackets dropped."""
    return re.sub(r"[\s\-().]", "", number)


# --- which code: never one for a meeting that has passed ------------------------


@dataclass(frozen=True)
class SignupFor:
    """What a session's sign-up code invites people to, worked out at one moment.

    For a session not over yet, the session itself. For one that is over, the next
    session of its project that is not over yet; with none planned, the project; with
    no project, nothing (`link` None and `problem` PASSED)."""

    link: SignupLink | None
    session: Session | None
    """The session the code invites people to (this one or a later one); None when
    the code is the project's, or there is none."""
    project: str = ""
    """The project's name when the code is the project's."""
    problem: str = ""
    """Why there is no code, in words; empty when there is one."""
    note: str = ""
    """Said to the facilitator when the code is not for the session asked about:
    'CIG: second meeting is over, so the code is for the next session of ...'."""

    @property
    def for_project(self) -> bool:
        return self.link is not None and self.session is None


def next_session_of_project(store: Store, session: Session, now: dt.datetime) -> Session | None:
    """The soonest session of the same project, other than `session`, that is not over
    at `now`; None when it has no project or none is planned."""
    project = session.project_name.strip().casefold()
    if not project:
        return None
    later = [
        other
        for other in store.sessions.overview()
        if other.project_name.strip().casefold() == project
        and other.id != session.id
        and not is_over(other, now)
    ]
    if not later:
        return None
    soonest = min(later, key=lambda other: (other.date, other.start, other.id))
    return store.sessions.get(soonest.id)


def signup_for_session(
    store: Store,
    session: Session,
    now: dt.datetime,
    *,
    target: SignupTarget | None = None,
    what: str = "the code",
) -> SignupFor:
    """The code for a session's QR screen or poster: never for a meeting that has passed.
    `target` is the sign-up target (read from Settings when not given); with none set,
    `problem` is NO_TARGET. `what` names the thing in the note ('the poster')."""
    target = target or load_target(store)
    if target is None:
        return SignupFor(None, None, problem=NO_TARGET)
    if not is_over(session, now):
        return SignupFor(link_for_session(target, session), session)
    title = _one_line(session.title)
    upcoming = next_session_of_project(store, session, now)
    if upcoming is not None:
        return SignupFor(
            link_for_session(target, upcoming),
            upcoming,
            note=f"{title} is over, so {what} is for the next session of "
            f"{_one_line(upcoming.project_name)}: {_one_line(upcoming.title)} on "
            f"{format_date(upcoming.date)}.",
        )
    project = _one_line(session.project_name)
    if project:
        return SignupFor(
            link_for_project(target, project),
            None,
            project=project,
            note=f"{title} is over and no later session of {project} is planned, so "
            f"{what} is for joining {project}.",
        )
    return SignupFor(None, None, problem=PASSED)


# --- checking, in words -------------------------------------------------------

EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
PHONE_PATTERN = re.compile(r"\+?[0-9]{3,15}")


def target_problems(target: SignupTarget) -> dict[str, str]:
    """One sentence per field that cannot be used, keyed by the form's field names
    (signup_url, signup_email, ...). Empty when the target is usable."""
    problems: dict[str, str] = {}
    if target.kind is SignupKind.URL:
        problems.update(_url_problems(target.url))
    elif target.kind is SignupKind.MAILTO:
        email = target.email.strip()
        if not email:
            problems["signup_email"] = "Type the email address people should write to."
        elif not EMAIL_PATTERN.fullmatch(email):
            problems["signup_email"] = (
                f"“{email}” does not look like an email address: it needs one @ and a "
                "dot after it, like coproduction@example.gov.uk, and no spaces."
            )
        for name, label in (("subject", "subject"), ("body", "message")):
            problem = template_problem(getattr(target, name), f"The {label}")
            if problem:
                problems[f"signup_{name}"] = problem
    else:
        number = phone_digits(target.number)
        if not number:
            problems["signup_number"] = "Type the phone number people should text."
        elif not PHONE_PATTERN.fullmatch(number):
            problems["signup_number"] = (
                f"“{target.number.strip()}” is not a phone number: use digits only, with "
                "+ at the start for an international number, like 07700 900123 or "
                "+447700900123."
            )
        problem = template_problem(target.text, "The text message")
        if problem:
            problems["signup_text"] = problem
    if not problems:
        longest = _longest_address(target)
        if len(longest) > MOST_CHARACTERS:
            field = {
                SignupKind.URL: "signup_url",
                SignupKind.MAILTO: "signup_body",
                SignupKind.SMS: "signup_text",
            }[target.kind]
            problems[field] = (
                f"This makes an address of {len(longest):,} characters, too long for a QR "
                f"code a phone can read easily. Shorten it to under {MOST_CHARACTERS} "
                "characters."
            )
    return problems


def _url_problems(template: str) -> dict[str, str]:
    url = template.strip()
    if not url:
        return {"signup_url": "Type the web address of the sign-up form."}
    if not re.match(r"https?://", url, re.IGNORECASE):
        return {
            "signup_url": "A web address must start with https:// (or http://), like "
            "https://forms.example.gov.uk/coproduction?group={code}."
        }
    if re.search(r"\s", url):
        return {
            "signup_url": "A web address has no spaces in it. Take them out, or write "
            "%20 where a space must be."
        }
    rest = re.sub(r"^https?://", "", url, flags=re.IGNORECASE)
    if not re.match(r"[A-Za-z0-9]", rest):
        return {
            "signup_url": "The web address needs the name of the website after https://, "
            "like forms.example.gov.uk."
        }
    problem = template_problem(url, "The web address")
    return {"signup_url": problem} if problem else {}


def template_problem(template: str, what: str) -> str | None:
    """A sentence if `template` has a placeholder this app does not fill, or a brace
    left open; None if it is fine."""
    known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS[:-1]) + f" or {{{PLACEHOLDERS[-1]}}}"
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError:
        return (
            f"{what} has a {{ or }} without its partner. Placeholders are written "
            f"in braces: {known}."
        )
    for _, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in PLACEHOLDERS or spec or conversion:
            shown = "{" + field + (f"!{conversion}" if conversion else "")
            shown += (f":{spec}" if spec else "") + "}"
            return f"{what} has {shown}, which is not a placeholder. Use {known}."
    return None


def _longest_address(target: SignupTarget) -> str:
    """The address for a long example session: to check the code stays readable."""
    example = Session(
        title="An example session with quite a long title for checking the length",
        kind=SessionKind.OTHER,
        date=dt.date(2026, 12, 30),
        start=dt.time(10),
        end=dt.time(12),
        project_name="An example project with a long name for checking the length",
    )
    return address_for_session(target, example)


# --- the Settings form ----------------------------------------------------------

KIND_FIELD = "signup_kind"
NO_KIND = "none"
"""The kind chosen when sign-up codes are not used."""
TARGET_FIELDS = {
    "signup_url": "url",
    "signup_email": "email",
    "signup_subject": "subject",
    "signup_body": "body",
    "signup_number": "number",
    "signup_text": "text",
}
"""Form field name: SignupTarget attribute."""
KIND_OF_FIELD = {
    "signup_url": SignupKind.URL,
    "signup_email": SignupKind.MAILTO,
    "signup_subject": SignupKind.MAILTO,
    "signup_body": SignupKind.MAILTO,
    "signup_number": SignupKind.SMS,
    "signup_text": SignupKind.SMS,
}
FORM_FIELDS = (KIND_FIELD, *TARGET_FIELDS, CONTACT_DETAILS, SUMMARY_NAMES)
KIND_CHOICES = (("No sign-up codes yet", NO_KIND), *((k.label, k.value) for k in SignupKind))


def form_values(chosen: SignupSettings) -> dict[str, str | bool]:
    """The tab's fields as they start. An email or text not set up yet starts with a
    suggested subject and message."""
    target = chosen.target
    values: dict[str, str | bool] = {
        KIND_FIELD: target.kind.value if target else NO_KIND,
        "signup_url": target.url if target else "",
        "signup_email": target.email if target else "",
        "signup_subject": target.subject if target and target.email else DEFAULT_SUBJECT,
        "signup_body": target.body if target and target.email else DEFAULT_BODY,
        "signup_number": target.number if target else "",
        "signup_text": target.text if target and target.number else DEFAULT_TEXT,
        CONTACT_DETAILS: chosen.contact_details,
        SUMMARY_NAMES: chosen.summary_names,
    }
    return values


def target_from_form(values: Mapping[str, object]) -> SignupTarget | None:
    """The target as typed, unchecked; None when no kind is chosen."""
    kind_text = str(values.get(KIND_FIELD, NO_KIND) or NO_KIND)
    if kind_text == NO_KIND:
        return None
    return SignupTarget(
        kind=SignupKind(kind_text),
        **{attr: str(values.get(name, "") or "") for name, attr in TARGET_FIELDS.items()},
    )


def settings_from_form(
    values: Mapping[str, object],
) -> tuple[SignupSettings | None, dict[str, str]]:
    """The tab's settings as typed, and the problems with them (keyed by field). None
    when the form does not hold the tab's fields at all."""
    if KIND_FIELD not in values:
        return None, {}
    target = target_from_form(values)
    problems = target_problems(target) if target else {}
    contact = str(values.get(CONTACT_DETAILS, "") or "").strip()
    if len(contact) > CONTACT_MOST:
        problems[CONTACT_DETAILS] = (
            f"Keep the contact details under {CONTACT_MOST:,} characters: they are printed "
            "at the end of every summary."
        )
    chosen = SignupSettings(
        target=target,
        contact_details=contact,
        summary_names=values.get(SUMMARY_NAMES) is True,
    )
    return chosen, problems


def check_settings(values: Mapping[str, object]) -> SignupSettings | None:
    """Like settings_from_form, but raises ValidationError when anything is wrong."""
    chosen, problems = settings_from_form(values)
    if problems:
        raise ValidationError(problems)
    return chosen


def preview(target: SignupTarget | None, session: Session | None, today: dt.date) -> str:
    """What the Settings tab shows as the address is typed: for `session` (the next
    one), or an example a week after `today` when there is none."""
    if target is None:
        return "No QR codes: choose a kind above to make one for each session."
    problems = target_problems(target)
    if problems:
        return "The address will show here once it can be used."
    if session is None:
        session = Session(
            title="Over a Brew",
            kind=SessionKind.OVER_A_BREW,
            date=today + dt.timedelta(days=7),
            start=dt.time(10),
            end=dt.time(12),
            project_name="Carers Implementation Group",
        )
        lead = "For an example session"
    else:
        lead = f"For the next session, {_one_line(session.title)} on {format_date(session.date)}"
    link = link_for_session(target, session)
    if link.address == link.shown:
        return f"{lead}, the code opens:\n{link.address}"
    return f"{lead}, the code opens:\n{link.address}\nPrinted beside it: {link.shown}"
